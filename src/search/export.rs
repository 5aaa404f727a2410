//! The static search index under `search/` in the output, and reading it back.
//!
//! Layout (a query fetches `index.json`, one dictionary shard per term, then byte ranges):
//! - `search/index.json`: parameters, facet names, per-document arrays (province, year, type,
//!   length, store record sizes), the store and postings file names;
//! - `search/d/{k}.txt`: dictionary shard k (FNV-1a hash of the term mod shard count), one line per
//!   term: `term \t pack \t offset \t length \t df \t idf×10⁶`;
//! - `search/p{i}.bin`: postings packs; a term's postings are varints (doc delta, body tf, head tf, offset+1);
//! - `search/s{i}.bin`: document store; per document a JSON header line then the body text.

use super::index::{
    ANALYSE_CHUNK, DocInfo, Params, Posting, SearchIndex, SectionInfo, TermInfo, analyse_doc,
    idf_micro,
};
use super::term_ids::TermIds;
use crate::model::Site;
use crate::output::file::{OutputFile, Put};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// Largest size of one postings or store pack file (static hosts cap file sizes at ~25 MB).
const PACK_BYTES: usize = 16 << 20;
/// Aimed-at number of terms per dictionary shard.
const TERMS_PER_SHARD: usize = 250;
/// Most dictionary shards (static hosts cap the file count).
const MAX_SHARDS: usize = 4096;
/// Index format version.
pub const VERSION: u32 = 2;

/// Per-document arrays of `index.json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct DocArrays {
    /// Index into `provinces`, `types`.
    pub p: Vec<u32>,
    pub y: Vec<i32>,
    pub t: Vec<u32>,
    pub len: Vec<u32>,
    /// Header bytes (with its newline) and whole record bytes in the store.
    pub hl: Vec<u32>,
    pub rl: Vec<u32>,
}

/// What a result shows before its store header arrives: per document its site path, title and
/// number. Written to `search/heads.json` when small, so a query's first results need no third
/// request; `index.json` stays small (a query waits for it).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Heads {
    pub u: Vec<String>,
    pub t: Vec<String>,
    pub n: Vec<Option<String>>,
}

/// Largest gzip size of [`Heads`] that is written (about 1500 documents' worth): past it,
/// fetching the file would cost more than the request it saves.
const HEADS_GZIP_BYTES: usize = 32 << 10;

/// Contents of `search/index.json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub v: u32,
    /// Build id, appended to fetched URLs so browsers never mix two builds.
    pub id: String,
    pub params: Params,
    pub n: usize,
    pub total_len: u64,
    pub provinces: Vec<String>,
    pub types: Vec<String>,
    pub docs: DocArrays,
    /// Store packs: file name and first document.
    pub store: Vec<(String, usize)>,
    pub packs: Vec<String>,
    /// Number of dictionary shards (a power of two).
    pub dict: u32,
    /// File of every document's title and path ([`Heads`]), when they are small enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heads: Option<String>,
}

/// Header line of a document's store record.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    u: String,
    t: String,
    n: Option<String>,
    p: String,
    y: i32,
    k: String,
    s: Vec<SectionInfo>,
}

/// FNV-1a hash of a term's UTF-8 bytes (the client computes the same).
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(b: &[u8], i: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    let mut shift = 0;
    loop {
        let byte = *b.get(*i)?;
        *i += 1;
        v |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
}

fn vocab<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = names.map(str::to_string).collect();
    v.sort_by_cached_key(|n| (crate::text::fold(n), n.clone()));
    v.dedup();
    v
}

/// A term's postings as they are exported, encoded while documents are added.
#[derive(Default)]
struct Encoded {
    /// Encoded postings not yet set aside.
    bytes: Vec<u8>,
    /// Pieces set aside in the scratch file, in document order: offset and length.
    pieces: Vec<(u64, usize)>,
    df: u32,
    /// Last document holding the term (postings are delta-encoded across pieces).
    prev: u32,
}

/// Store pack being filled: file name, first document, bytes.
type StorePack = (String, usize, Vec<u8>);

/// Encoded postings held in memory before they are set aside in the scratch file.
const POSTINGS_BUDGET: usize = 8 << 20;

/// The files of the site's static index, paths relative to the output folder.
pub fn files(site: &Site) -> Vec<OutputFile> {
    crate::output::file::collect(|put| write(site, put).map(drop))
        .expect("collecting in memory cannot fail")
}

/// Writes the site's static index through `put`, a pack at a time: documents are analysed in
/// chunks (the next chunk while the last one is added), store records go out as packs fill, and
/// postings are held encoded, set aside in the site's scratch file past a budget.
pub fn write(site: &Site, put: &Put<'_>) -> std::io::Result<Written> {
    write_with_budget(site, put, POSTINGS_BUDGET, ANALYSE_CHUNK)
}

/// [`write`], analysing `chunk` documents at a time and holding at most `budget` bytes of encoded
/// postings before setting them aside.
fn write_with_budget(
    site: &Site,
    put: &Put<'_>,
    budget: usize,
    chunk: usize,
) -> std::io::Result<Written> {
    let params = Params::default();
    let mut w = Writer::new(site, put, budget);
    let term_ids = TermIds::default();
    let t = std::time::Instant::now();
    let mut pending: Option<Vec<(DocInfo, Vec<DocPosting>)>> = None;
    let mut chunks = site.documents.chunks(chunk);
    loop {
        let next = chunks.next();
        if pending.is_none() && next.is_none() {
            break;
        }
        let (added, analysed) = rayon::join(
            || pending.take().map_or(Ok(()), |p| w.add(p)),
            || {
                next.map(|c| {
                    c.par_iter()
                        .map(|d| {
                            let (info, terms) = analyse_doc(d, &params);
                            // Terms become ids here, in parallel: adding postings is the sequential part.
                            let ids = term_ids.ids(terms.iter().map(|t| t.0));
                            let postings = ids
                                .into_iter()
                                .zip(terms.iter())
                                .map(|(id, (_, tf, head, off))| (id, tf, head, off))
                                .collect();
                            (info, postings)
                        })
                        .collect::<Vec<_>>()
                })
            },
        );
        added?;
        pending = analysed;
    }
    crate::timing::timing("      analysed", t);
    w.finish(params, term_ids.into_terms())
}

/// A document's posting for one term: term id, body tf, weighted head tf, 1 + first body offset.
type DocPosting = (u32, u32, u32, u32);

/// The state of an export between chunks of documents.
struct Writer<'a> {
    site: &'a Site,
    put: &'a Put<'a>,
    provinces: Vec<String>,
    types: Vec<String>,
    docs: DocArrays,
    heads: Heads,
    stores: Vec<(String, usize)>,
    pack: Option<StorePack>,
    hasher: u32,
    total_len: u64,
    /// Postings by term id.
    terms: Vec<Encoded>,
    /// Bytes in `terms` not yet set aside, and how many may be.
    held: usize,
    budget: usize,
    n: usize,
}

impl<'a> Writer<'a> {
    fn new(site: &'a Site, put: &'a Put<'a>, budget: usize) -> Self {
        Writer {
            site,
            put,
            provinces: vocab(site.documents.iter().map(|d| d.meta.province.as_str())),
            types: vocab(site.documents.iter().map(|d| d.meta.doc_type.as_str())),
            docs: DocArrays {
                p: vec![],
                y: vec![],
                t: vec![],
                len: vec![],
                hl: vec![],
                rl: vec![],
            },
            heads: Heads::default(),
            stores: Vec::new(),
            pack: None,
            hasher: fnv1a(""),
            total_len: 0,
            terms: Vec::new(),
            held: 0,
            budget,
            n: 0,
        }
    }

    /// Adds analysed documents (the next ones in site order).
    fn add(&mut self, analysed: Vec<(DocInfo, Vec<DocPosting>)>) -> std::io::Result<()> {
        let pos = |v: &[String], s: &str| v.iter().position(|x| x == s).unwrap_or(0) as u32;
        for (d, doc_postings) in analysed {
            let i = self.n;
            let header = Header {
                u: d.path.clone(),
                t: d.title.clone(),
                n: d.number.clone(),
                p: d.province.clone(),
                y: d.year,
                k: d.doc_type.clone(),
                s: d.sections.clone(),
            };
            let mut rec = serde_json::to_vec(&header).unwrap_or_default();
            rec.push(b'\n');
            let hl = rec.len() as u32;
            rec.extend_from_slice(d.body.as_bytes());
            if self
                .pack
                .as_ref()
                .is_none_or(|s| !s.2.is_empty() && s.2.len() + rec.len() > PACK_BYTES)
            {
                if let Some((name, first, bytes)) = self.pack.take() {
                    (self.put)(OutputFile::site_file(format!("search/{name}"), bytes))?;
                    self.stores.push((name, first));
                }
                // Reserved whole: a pack grown by doubling would hold twice its size at the end.
                self.pack = Some((
                    format!("s{}.bin", self.stores.len()),
                    i,
                    Vec::with_capacity(PACK_BYTES.max(rec.len())),
                ));
            }
            self.hasher =
                self.hasher.wrapping_mul(31).wrapping_add(fnv1a(&d.path) ^ rec.len() as u32);
            self.docs.p.push(pos(&self.provinces, &d.province));
            self.docs.y.push(d.year);
            self.docs.t.push(pos(&self.types, &d.doc_type));
            self.docs.len.push(d.len);
            self.docs.hl.push(hl);
            self.docs.rl.push(rec.len() as u32);
            self.heads.u.push(d.path);
            self.heads.t.push(d.title);
            self.heads.n.push(d.number);
            self.total_len += u64::from(d.len);
            if let Some(s) = self.pack.as_mut() {
                s.2.extend_from_slice(&rec);
            }
            for (id, tf_body, tf_head, off) in doc_postings {
                let id = id as usize;
                if id >= self.terms.len() {
                    self.terms.resize_with(id + 1, Encoded::default);
                }
                let e = &mut self.terms[id];
                let before = e.bytes.len();
                push_varint(&mut e.bytes, i as u32 - e.prev);
                push_varint(&mut e.bytes, tf_body);
                push_varint(&mut e.bytes, tf_head);
                push_varint(&mut e.bytes, off);
                self.held += e.bytes.len() - before;
                e.prev = i as u32;
                e.df += 1;
            }
            self.n += 1;
        }
        if self.held > self.budget
            && let Some(spill) = &self.site.spill
        {
            for e in self.terms.iter_mut().filter(|e| !e.bytes.is_empty()) {
                let at = spill.append(&e.bytes)?;
                e.pieces.push((at, e.bytes.len()));
                e.bytes = Vec::new();
            }
            self.held = 0;
        }
        Ok(())
    }

    /// Writes the last store pack, the postings packs, the dictionary and the manifest.
    fn finish(mut self, params: Params, names: Vec<Box<str>>) -> std::io::Result<Written> {
        let put = self.put;
        if let Some((name, first, bytes)) = self.pack.take() {
            put(OutputFile::site_file(format!("search/{name}"), bytes))?;
            self.stores.push((name, first));
        }
        let n = self.n;
        let shards =
            (self.terms.len() / TERMS_PER_SHARD).clamp(1, MAX_SHARDS).next_power_of_two() as u32;
        let mut dict: Vec<String> = vec![String::new(); shards as usize];
        // Every id was handed to a document, so every term has postings.
        let mut sorted: Vec<(Box<str>, Encoded)> = names.into_iter().zip(self.terms).collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut pack_names: Vec<String> = Vec::new();
        let mut current: Vec<u8> = Vec::new();
        let mut hasher = self.hasher;
        for (term, e) in sorted {
            let len = e.pieces.iter().map(|p| p.1).sum::<usize>() + e.bytes.len();
            if !current.is_empty() && current.len() + len > PACK_BYTES {
                let name = format!("p{}.bin", pack_names.len());
                put(OutputFile::site_file(format!("search/{name}"), std::mem::take(&mut current)))?;
                pack_names.push(name);
            }
            let idf = idf_micro(n, e.df as usize);
            let line = format!(
                "{term}\t{}\t{}\t{len}\t{}\t{idf}\n",
                pack_names.len(),
                current.len(),
                e.df
            );
            hasher = hasher.wrapping_mul(31).wrapping_add(fnv1a(&line));
            dict[(fnv1a(&term) % shards) as usize].push_str(&line);
            if let Some(spill) = &self.site.spill {
                for &(at, len) in &e.pieces {
                    current.extend_from_slice(&spill.read(at, len)?);
                }
            }
            current.extend_from_slice(&e.bytes);
        }
        let name = format!("p{}.bin", pack_names.len());
        put(OutputFile::site_file(format!("search/{name}"), current))?;
        pack_names.push(name);
        let heads = small_enough(&self.heads)
            .map(|bytes| put(OutputFile::site_file("search/heads.json", bytes)))
            .transpose()?;
        for (k, text) in dict.into_iter().enumerate() {
            put(OutputFile::site_file(format!("search/d/{k}.txt"), text.into_bytes()))?;
        }
        let manifest = Manifest {
            v: VERSION,
            id: format!("{hasher:08x}"),
            params,
            n,
            total_len: self.total_len,
            provinces: self.provinces,
            types: self.types,
            docs: self.docs,
            store: self.stores,
            packs: pack_names,
            dict: shards,
            heads: heads.map(|()| "heads.json".to_string()),
        };
        let written = Written { id: manifest.id.clone(), dict: shards };
        let manifest = serde_json::to_vec(&manifest).unwrap_or_default();
        put(OutputFile::site_file("search/index.json", manifest))?;
        Ok(written)
    }
}

/// `heads` as JSON when its gzip size is at most [`HEADS_GZIP_BYTES`].
fn small_enough(heads: &Heads) -> Option<Vec<u8>> {
    use std::io::Write;
    let json = serde_json::to_vec(heads).ok()?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // A piece at a time, stopping once the compressed size is past the bound (large sites).
    for piece in json.chunks(64 << 10) {
        gz.write_all(piece).ok()?;
        if gz.get_ref().len() > HEADS_GZIP_BYTES {
            return None;
        }
    }
    (gz.finish().ok()?.len() <= HEADS_GZIP_BYTES).then_some(json)
}

/// What the search page needs to know of the index written, to fetch dictionary shards before
/// `index.json` arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Build id of the index (`Manifest::id`).
    pub id: String,
    /// Number of dictionary shards.
    pub dict: u32,
}

/// Why a stored index could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("không đọc được chỉ mục tìm kiếm {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("chỉ mục tìm kiếm {path} bị hỏng: {message}")]
    Corrupt { path: String, message: String },
}

/// Reads an index written by [`files`] from `dir` (the folder holding `index.json`).
pub fn load(dir: &Path) -> Result<SearchIndex, LoadError> {
    let read = |name: &str| {
        std::fs::read(dir.join(name))
            .map_err(|source| LoadError::Io { path: dir.join(name).display().to_string(), source })
    };
    let corrupt = |name: &str, message: String| LoadError::Corrupt {
        path: dir.join(name).display().to_string(),
        message,
    };
    let m: Manifest = serde_json::from_slice(&read("index.json")?)
        .map_err(|e| corrupt("index.json", e.to_string()))?;
    if m.v != VERSION {
        return Err(corrupt("index.json", format!("phiên bản {} (cần {VERSION})", m.v)));
    }
    let mut docs = Vec::with_capacity(m.n);
    for (si, (name, first)) in m.store.iter().enumerate() {
        let bytes = read(name)?;
        let end = m.store.get(si + 1).map_or(m.n, |s| s.1);
        let mut at = 0usize;
        for i in *first..end {
            let (hl, rl) = (m.docs.hl[i] as usize, m.docs.rl[i] as usize);
            let rec = bytes
                .get(at..at + rl)
                .ok_or_else(|| corrupt(name, format!("thiếu văn bản {i}")))?;
            let h: Header =
                serde_json::from_slice(&rec[..hl]).map_err(|e| corrupt(name, e.to_string()))?;
            let body =
                String::from_utf8(rec[hl..].to_vec()).map_err(|e| corrupt(name, e.to_string()))?;
            docs.push(DocInfo {
                path: h.u,
                title: h.t,
                number: h.n,
                province: h.p,
                year: h.y,
                doc_type: h.k,
                len: m.docs.len[i],
                sections: h.s,
                body,
            });
            at += rl;
        }
    }
    let packs: Vec<Vec<u8>> = m.packs.iter().map(|p| read(p)).collect::<Result<_, _>>()?;
    let mut terms = HashMap::new();
    for k in 0..m.dict {
        let name = format!("d/{k}.txt");
        let text = String::from_utf8(read(&name)?).map_err(|e| corrupt(&name, e.to_string()))?;
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let num = |i: usize| {
                f.get(i)
                    .and_then(|x| x.parse::<usize>().ok())
                    .ok_or_else(|| corrupt(&name, format!("dòng hỏng: {line}")))
            };
            let (pack, off, len, df, idf) = (num(1)?, num(2)?, num(3)?, num(4)?, num(5)?);
            let bytes = packs
                .get(pack)
                .and_then(|p| p.get(off..off + len))
                .ok_or_else(|| corrupt(&name, format!("ngoài tệp: {line}")))?;
            let mut postings = Vec::with_capacity(df);
            let (mut i, mut doc) = (0usize, 0u32);
            for _ in 0..df {
                let bad = || corrupt(&name, format!("danh sách hỏng: {line}"));
                doc += read_varint(bytes, &mut i).ok_or_else(bad)?;
                let tf_body = read_varint(bytes, &mut i).ok_or_else(bad)?;
                let tf_head = read_varint(bytes, &mut i).ok_or_else(bad)?;
                let off = read_varint(bytes, &mut i).ok_or_else(bad)?;
                postings.push(Posting { doc, tf_body, tf_head, off });
            }
            terms.insert(f[0].to_string(), TermInfo { idf_micro: idf as u32, postings });
        }
    }
    Ok(SearchIndex { params: m.params, docs, total_len: m.total_len, terms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_written_only_while_small() {
        let heads = |n: usize| Heads {
            // Distinct, little-repeating titles, as a large real site has.
            u: (0..n)
                .map(|i| format!("/tinh-{}/{}/{}-kh-ubnd/", i % 63, 2020 + i % 6, i))
                .collect(),
            t: (0..n)
                .map(|i| {
                    format!(
                        "Kế hoạch {} về {:x}",
                        i,
                        (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    )
                })
                .collect(),
            n: (0..n).map(|i| Some(format!("{i}/KH-UBND"))).collect(),
        };
        let back: Heads = serde_json::from_slice(&small_enough(&heads(100)).unwrap()).unwrap();
        assert_eq!(
            (back.u.len(), back.t[7].as_str(), back.n[7].as_deref()),
            (100, heads(100).t[7].as_str(), Some("7/KH-UBND"))
        );
        assert!(small_enough(&heads(20_000)).is_none());
    }

    /// The index is the same whether postings stay in memory or go through the scratch file.
    #[test]
    fn postings_set_aside_give_the_same_index() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let catalog = crate::data::Catalog::load();
        let scratch = tempfile::tempdir().unwrap();
        let spill = crate::stash::SpillFile::new_in(scratch.path()).unwrap();
        let spilled = crate::load(
            root,
            &catalog,
            crate::LoadOptions { spill: Some(&spill), ..Default::default() },
        )
        .site;
        assert!(spilled.documents.len() >= 5);
        let collect = |budget: usize| {
            let out = std::sync::Mutex::new(std::collections::BTreeMap::new());
            let keep = |f: OutputFile| -> std::io::Result<()> {
                out.lock().unwrap().insert(f.path, f.bytes);
                Ok(())
            };
            write_with_budget(&spilled, &keep, budget, 1).unwrap();
            out.into_inner().unwrap()
        };
        let in_memory: std::collections::BTreeMap<String, Vec<u8>> =
            files(&crate::load(root, &catalog, crate::LoadOptions::default()).site)
                .into_iter()
                .map(|f| (f.path, f.bytes))
                .collect();
        // Budget 0, one document at a time: each document's postings go to the scratch file, so a
        // term's postings are read back from several pieces.
        assert_eq!(collect(0), in_memory);
        assert_eq!(collect(usize::MAX), in_memory);
    }
}
