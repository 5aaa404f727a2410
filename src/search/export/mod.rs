//! The static search index under `search/` in the output, exported from the tantivy index (its
//! term dictionaries, postings, positions and fieldnorms), so the browser answers from the same
//! index as `banhanh search`. Every file is fetched whole (no HTTP range requests), so any static
//! host serves a query at the same cost; the folder holds at most as many files as the site has
//! pages, each well under 1 MB.
//!
//! - `index.json`: the manifest ([`Manifest`]);
//! - `docs.bin`: fieldnorm ids and facets of every document ([`docs`]);
//! - `heads.json` (small sites) and `h/{g}.json`: titles, paths and sections;
//! - `t/{k}.bin`, `f/{k}.bin`, `q/{k}.bin`: per term (shard k = FNV-1a of the term modulo the
//!   shard count) its postings, the sections of its first body occurrences, a bigram's positions
//!   ([`terms`]);
//! - `w/{k}.txt`: the dictionary's folded syllables and whole numbers in byte order, one
//!   `word \t weight` a line, for unfinished words and suggestions.

pub mod docs;
pub mod reuse;
pub mod shards;
pub mod terms;

use super::index::{self, SearchIndex};
use super::schema::{Params, TEXT_FIELDS};
use super::stats::{self, Stats};
use crate::model::Site;
use crate::output::file::{OutputFile, Put};
use serde::Serialize;
use shards::Shards;

/// Index format version.
pub const VERSION: u32 = 3;
/// Words per `w/` file (at most).
const WORDS_PER_FILE: usize = 2000;
/// Files kept for `w/` and for large positions when the shards are counted.
const WORD_FILES: usize = 16;

/// Contents of `search/index.json`.
#[derive(Debug, Serialize)]
pub struct Manifest {
    pub v: u32,
    /// Build id, appended to fetched URLs so browsers never mix two builds.
    pub id: String,
    pub n: usize,
    pub params: Params,
    pub fields: [&'static str; 6],
    /// Per text field, the sum of the live documents' lengths (as fieldnorms store them).
    pub tokens: Vec<u64>,
    /// Document frequencies whose idf the browser's f64 logarithm would round differently, with
    /// tantivy's value.
    pub idf: Vec<(u64, f32)>,
    pub provinces: Vec<String>,
    pub types: Vec<String>,
    /// Shard counts of `t/` (also in the search page), `f/` and `q/`.
    pub terms: usize,
    pub firsts: usize,
    pub positions: usize,
    /// First word of each `w/` file.
    pub words: Vec<String>,
    /// Whether `heads.json` was written.
    pub heads: bool,
    /// Documents per `h/` file.
    pub group: usize,
}

/// What the search page needs to know of the index written, to fetch a query's shards before
/// `index.json` arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Build id of the index (`Manifest::id`).
    pub id: String,
    /// Number of `t/` shards.
    pub dict: u32,
    /// Whether `heads.json` was written.
    pub heads: bool,
}

/// FNV-1a hash of a term's UTF-8 bytes (the client computes the same).
pub fn fnv1a(s: &str) -> u32 {
    fnv1a_bytes(0x811c_9dc5, s.as_bytes())
}

/// FNV-1a of `bytes`, continuing from `h`.
pub fn fnv1a_bytes(mut h: u32, bytes: &[u8]) -> u32 {
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Shard counts of `t/`, `f/` and `q/` for a site of `pages` pages and `docs` documents: what
/// the file budget (one file per page) leaves, half of it to `t/`. The browser derives the `f/`
/// and `q/` counts from the `t/` count the same way.
pub fn shard_counts(pages: usize, docs: usize) -> [usize; 3] {
    let groups = docs.div_ceil(docs::GROUP);
    let fixed = 3 + groups + 2 * WORD_FILES + pages / 50;
    let terms = (pages.saturating_sub(fixed) / 2).max(1);
    [terms, (terms / 2).max(1), (terms / 2).max(1)]
}

/// Writes `heads.json` (when small) and the `h/` groups; returns whether `heads.json` was written.
fn write_heads(
    docs: &[&crate::model::Document],
    emit: &mut impl FnMut(String, Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    let entries: Vec<_> = docs
        .iter()
        .map(|d| (d.path.as_str(), d.meta.title.as_str(), d.meta.number.as_deref()))
        .collect();
    let heads = docs::heads_json(&entries);
    let has_heads = heads.is_some();
    if let Some(h) = heads {
        emit("heads.json".into(), h)?;
    }
    for (g, bytes) in docs::groups(docs).into_iter().enumerate() {
        emit(format!("h/{g}.json"), bytes)?;
    }
    Ok(has_heads)
}

/// Writes the `w/` files; returns the first word of each.
fn write_words(
    words: &[(String, u64)],
    emit: &mut impl FnMut(String, Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<Vec<String>> {
    let per_file = WORDS_PER_FILE.max(words.len().div_ceil(WORD_FILES));
    let mut first_words = Vec::new();
    for (k, chunk) in words.chunks(per_file).enumerate() {
        first_words.push(chunk[0].0.clone());
        let text: String = chunk.iter().map(|(w, n)| format!("{w}\t{n}\n")).collect();
        emit(format!("w/{k}.txt"), text.into_bytes())?;
    }
    Ok(first_words)
}

/// The document frequencies whose idf the browser would round differently, with tantivy's.
fn idf_fixes(doc_freqs: &std::collections::BTreeSet<u64>, n: u64) -> Vec<(u64, f32)> {
    doc_freqs
        .iter()
        .filter(|&&df| {
            df <= n && stats::idf(df, n).to_bits() != stats::idf_as_browser(df, n).to_bits()
        })
        .map(|&df| (df, stats::idf(df, n)))
        .collect()
}

/// The files of the site's static index, paths relative to the output folder.
pub fn files(site: &Site, pages: usize) -> Vec<OutputFile> {
    crate::output::file::collect(|put| write(site, pages, put).map(drop))
        .expect("collecting in memory cannot fail")
}

/// Brings the site's tantivy index up to date ([`index::sync`]) and writes the static index
/// exported from it through `put`. `pages`: how many HTML pages the site has (the file budget).
/// When the index is the cache folder's and did not change since the last export, the kept
/// export is written again ([`reuse`]).
pub fn write(site: &Site, pages: usize, put: &Put<'_>) -> std::io::Result<Written> {
    let t = std::time::Instant::now();
    let index = index::sync(site);
    crate::timing::timing("      tantivy index", t);
    let t = std::time::Instant::now();
    let on_disk = index::synced(&crate::folders::search_index(&site.config.root));
    let kept = crate::folders::search_export(&site.config.root);
    let key = reuse::key(&index, pages);
    if on_disk && let Some(w) = reuse::replay(&kept, &key, put)? {
        crate::timing::timing("      export kept from the last build", t);
        return Ok(w);
    }
    // Keeping is a convenience: a file that cannot be kept only means no export is kept.
    let keeper = if on_disk { reuse::Keeper::new(&kept).ok() } else { None };
    let failed = std::sync::atomic::AtomicBool::new(false);
    let keep_and_put = |f: OutputFile| -> std::io::Result<()> {
        if let Some(k) = &keeper
            && k.keep(&f).is_err()
        {
            failed.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        put(f)
    };
    let written = export(site, &index, pages, &keep_and_put)?;
    if let Some(k) = keeper
        && !failed.load(std::sync::atomic::Ordering::Relaxed)
    {
        k.commit(&key, &written).ok();
    }
    crate::timing::timing("      exported", t);
    Ok(written)
}

/// Writes the static index of `index` (whose documents are `site`'s).
pub fn export(
    site: &Site,
    index: &SearchIndex,
    pages: usize,
    put: &Put<'_>,
) -> std::io::Result<Written> {
    let io = std::io::Error::other;
    let searcher = index.searcher();
    let stats = Stats::new(&searcher, &index.fields).map_err(io)?;
    let (map, paths) = terms::doc_map(index).map_err(io)?;
    let docs = docs::in_order(site, &paths);
    let [t, f, q] = shard_counts(pages.max(docs.len()), map.n);
    let spill = site.spill.clone();
    let mut shards = [
        Shards::new("t/", t, spill.clone()),
        Shards::new("f/", f, spill.clone()),
        Shards::new("q/", q, spill.clone()),
    ];
    let [st, sf, sq] = &mut shards;
    let t0 = std::time::Instant::now();
    let walked = terms::walk(index, &map, [st, sf, sq], put)?;
    crate::timing::timing("        terms", t0);
    let t0 = std::time::Instant::now();
    let mut hash = fnv1a_bytes(0x811c_9dc5, VERSION.to_string().as_bytes());
    for s in shards {
        s.write(put, &mut hash)?;
    }
    crate::timing::timing("        shards", t0);
    let provinces = docs::vocab(docs.iter().map(|d| d.meta.province.as_str()));
    let types = docs::vocab(docs.iter().map(|d| d.meta.doc_type.as_str()));
    let mut emit = |path: String, bytes: Vec<u8>| -> std::io::Result<()> {
        hash = fnv1a_bytes(hash, path.as_bytes());
        hash = fnv1a_bytes(hash, &bytes);
        put(OutputFile::site_file(format!("search/{path}"), bytes))
    };
    let bin = docs::docs_bin(index, &map, &docs, &provinces, &types).map_err(io)?;
    emit("docs.bin".into(), bin)?;
    let has_heads = write_heads(&docs, &mut emit)?;
    let first_words = write_words(&walked.words, &mut emit)?;
    let idf = idf_fixes(&walked.doc_freqs, stats.docs());
    let manifest = Manifest {
        v: VERSION,
        id: format!("{hash:08x}"),
        n: map.n,
        params: Params::default(),
        fields: TEXT_FIELDS,
        tokens: index.fields.text.iter().map(|f| stats.tokens(*f)).collect(),
        idf,
        provinces,
        types,
        terms: t,
        firsts: f,
        positions: q,
        words: first_words,
        heads: has_heads,
        group: docs::GROUP,
    };
    let written = Written { id: manifest.id.clone(), dict: t as u32, heads: has_heads };
    let manifest = serde_json::to_vec(&manifest).unwrap_or_default();
    put(OutputFile::site_file("search/index.json", manifest))?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build whose index did not change writes the kept export; one whose index changed does not.
    #[test]
    fn an_unchanged_index_writes_the_kept_export() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let doc = |body: &str| {
            let text = format!(
                "---\ntitle: \"Kế hoạch giao thông\"\ntype: Kế hoạch\nprovince: Vĩnh Long\nissuer: Ủy ban nhân dân tỉnh Vĩnh Long\nnumber: 3/KH-UBND\nissued: 2024-02-01\nyear: 2024\n---\n\n{body}\n"
            );
            std::fs::create_dir_all(root.join("content")).unwrap();
            std::fs::write(root.join("content/a.md"), text).unwrap();
        };
        let catalog = crate::data::Catalog::load();
        let files = || {
            let site = crate::load(root, &catalog, crate::LoadOptions::default()).site;
            let mut f = super::files(&site, 20);
            f.sort_by(|a, b| a.path.cmp(&b.path));
            f
        };
        doc("Nâng cấp đường tỉnh.");
        let first = files();
        // What was kept is what is written again: mark it to see it come back.
        let kept = crate::folders::search_export(root).join("files/index.json");
        let mut manifest = std::fs::read(&kept).unwrap();
        manifest.extend_from_slice(b" ");
        std::fs::write(&kept, &manifest).unwrap();
        let again = files();
        let index_json = |f: &[OutputFile]| {
            f.iter().find(|f| f.path == "search/index.json").unwrap().bytes.clone()
        };
        assert_eq!(index_json(&again), manifest);
        assert_eq!(again.len(), first.len());
        doc("Nâng cấp đường tỉnh và cầu.");
        let changed = files();
        assert_ne!(index_json(&changed), manifest);
        assert_ne!(index_json(&changed), index_json(&first));
    }
}
