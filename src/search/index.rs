//! The tantivy index of a site's documents, in `ROOT/.cache/banhanh/search/`: opened, created,
//! and kept in step with the content by deleting and re-adding the documents that changed.

use super::analyzer;
use super::directory::FolderDirectory;
use super::schema::Fields;
use crate::model::{Document, Site};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};
use tantivy::directory::error::LockError;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Schema;
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term,
};

/// Written with each commit: an index of another format is made again from scratch.
const FORMAT: &str = "banhanh-search 3";
/// Memory tantivy's indexing threads may hold before writing a segment (all threads together).
const WRITER_BUDGET: usize = 40 << 20;
/// Text handed to the writer between commits (a commit waits until it is indexed, so the
/// documents waiting in tantivy's queue never hold more than this).
const COMMIT_BYTES: usize = 24 << 20;
/// Documents prepared in parallel at a time.
const CHUNK: usize = 32;
/// Segments of edits (fewer documents than [`SMALL_DOCS`], or a thousandth of the index) are
/// merged once there are [`SMALL_SEGMENTS`] of them; an index made at once has none so small.
const SMALL_DOCS: u32 = 16;
const SMALL_SEGMENTS: usize = 8;
/// More segments than this (tantivy writes one each time a thread's memory fills: a large site's
/// first build leaves hundreds) are merged into [`MERGED_SEGMENTS`], which makes reading the
/// index (searching, exporting) read fewer, longer lists.
const MAX_SEGMENTS: usize = 24;
const MERGED_SEGMENTS: usize = 8;

/// A section of a document body: heading anchor, heading text, byte and word where it starts in
/// the body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionInfo(pub String, pub String, pub u32, pub u32);

/// An open search index and a reader of its last commit.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
}

/// Why the index in a folder could not be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("chỉ mục tìm kiếm {0}: {1}")]
    Tantivy(String, tantivy::TantivyError),
    #[error("chỉ mục tìm kiếm {0} thuộc định dạng khác")]
    OtherFormat(String),
    #[error("không ghi được chỉ mục tìm kiếm {0}: {1}")]
    Io(String, std::io::Error),
    #[error(
        "chỉ mục tìm kiếm {0} đang được một lệnh banhanh khác ghi (build hoặc serve) và vẫn bận sau \
         {1} giây"
    )]
    Busy(String, u64),
}

impl SearchIndex {
    /// Opens the index in `dir`, when it is one of this format.
    pub fn open(dir: &Path) -> Result<SearchIndex, IndexError> {
        let err = |e| IndexError::Tantivy(dir.display().to_string(), e);
        let folder = FolderDirectory::open(dir)
            .map_err(|e| IndexError::Tantivy(dir.display().to_string(), e.into()))?;
        let index = Index::open(folder).map_err(err)?;
        let (schema, fields) = Fields::schema();
        let payload = index.load_metas().map_err(err)?.payload;
        if index.schema() != schema || payload.as_deref() != Some(FORMAT) {
            return Err(IndexError::OtherFormat(dir.display().to_string()));
        }
        SearchIndex::with(index, fields).map_err(err)
    }

    fn with(index: Index, fields: Fields) -> tantivy::Result<SearchIndex> {
        analyzer::register(&index);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, reader, fields })
    }

    /// A searcher of the last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// An index of `site` built in memory (when the folder's index cannot be written).
    pub fn in_memory(site: &Site) -> tantivy::Result<SearchIndex> {
        let (schema, fields) = Fields::schema();
        let idx = SearchIndex::with(Index::create_in_ram(schema), fields)?;
        let mut live = Live { writer: writer(&idx.index)?, index: idx, docs: HashMap::new() };
        live.update(site)?;
        Ok(live.index)
    }
}

/// An index kept open for writing, with the hash of each document it holds (by site path).
struct Live {
    index: SearchIndex,
    writer: IndexWriter,
    docs: HashMap<String, u64>,
}

/// The indexes this process writes, by folder: `serve` keeps its writer between rebuilds.
static LIVE: LazyLock<Mutex<HashMap<PathBuf, Live>>> = LazyLock::new(Default::default);

/// The index of `site` in its cache folder, brought up to date: documents whose text or metadata
/// changed are deleted and added again, documents gone are deleted. When the folder cannot be
/// written (another process holds its writer, the disk is full) an index made in memory.
pub fn sync(site: &Site) -> SearchIndex {
    let dir = crate::folders::search_index(&site.config.root);
    let mut all = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    let result = match all.remove(&dir) {
        Some(live) => Ok(live),
        None => Live::open(&dir),
    }
    .and_then(|mut live| {
        live.update(site).map_err(|e| IndexError::Tantivy(dir.display().to_string(), e))?;
        Ok(live)
    });
    match result {
        Ok(live) => {
            let index = live.index.clone();
            all.insert(dir, live);
            index
        }
        Err(e) => {
            drop(all);
            eprintln!("cảnh báo: {e}; dùng chỉ mục tạo trong bộ nhớ");
            SearchIndex::in_memory(site).expect("an index in memory can always be made")
        }
    }
}

/// Whether this process has brought the index in `dir` up to date (and still holds its writer).
pub fn synced(dir: &Path) -> bool {
    LIVE.lock().unwrap_or_else(|e| e.into_inner()).contains_key(dir)
}

/// How long a build waits for another process (a build, `serve`) to let go of the index's writer.
const LOCK_WAIT: Duration = Duration::from_secs(30);

fn writer(index: &Index) -> tantivy::Result<IndexWriter> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    // tantivy wants at least 15 MB per indexing thread.
    let budget = WRITER_BUDGET.max(threads * (15 << 20));
    let started = Instant::now();
    let writer = loop {
        match index.writer_with_num_threads(threads, budget) {
            Err(TantivyError::LockFailure(LockError::LockBusy, _))
                if started.elapsed() < LOCK_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(50));
            }
            other => break other?,
        }
    };
    writer.set_merge_policy(Box::new(NoMergePolicy));
    Ok(writer)
}

impl Live {
    /// Opens the index in `dir` for writing, making a new one when there is none of this format.
    fn open(dir: &Path) -> Result<Live, IndexError> {
        let name = dir.display().to_string();
        let index = match SearchIndex::open(dir) {
            Ok(i) => i,
            Err(_) => create(dir)?,
        };
        let writer = writer(&index.index).map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => {
                IndexError::Busy(name.clone(), LOCK_WAIT.as_secs())
            }
            e => IndexError::Tantivy(name.clone(), e),
        })?;
        let docs = stored_hashes(&index).map_err(|e| IndexError::Tantivy(name, e))?;
        Ok(Live { index, writer, docs })
    }

    /// Deletes and adds what changed in `site`; commits when anything did.
    fn update(&mut self, site: &Site) -> tantivy::Result<()> {
        let f = self.index.fields;
        let path_term = |p: &str| Term::from_field_text(f.path, p);
        let mut keep: HashMap<String, u64> = HashMap::with_capacity(site.documents.len());
        let (mut changed, mut pending) = (false, 0usize);
        for chunk in site.documents.chunks(CHUNK) {
            let prepared: Vec<(u64, Option<TantivyDocument>, usize)> = chunk
                .par_iter()
                .map(|d| {
                    let p = prepare(d, &f);
                    let same = self.docs.get(&d.path) == Some(&p.hash);
                    (p.hash, (!same).then_some(p.doc), p.bytes)
                })
                .collect();
            for (d, (hash, doc, bytes)) in chunk.iter().zip(prepared) {
                if let Some(doc) = doc {
                    if self.docs.contains_key(&d.path) {
                        self.writer.delete_term(path_term(&d.path));
                    }
                    self.writer.add_document(doc)?;
                    (changed, pending) = (true, pending + bytes);
                }
                keep.insert(d.path.clone(), hash);
            }
            if pending > COMMIT_BYTES {
                self.commit()?;
                pending = 0;
            }
        }
        for gone in self.docs.keys().filter(|p| !keep.contains_key(*p)) {
            self.writer.delete_term(path_term(gone));
            changed = true;
        }
        self.docs = keep;
        if changed {
            self.commit()?;
            self.compact()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> tantivy::Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(FORMAT);
        prepared.commit()?;
        self.index.reader.reload()
    }

    /// Merges the small segments edits leave once there are many of them (not the segments an
    /// index made at once is written in: merging those would rewrite the whole index).
    fn compact(&mut self) -> tantivy::Result<()> {
        let metas = self.index.index.searchable_segment_metas()?;
        let total: u32 = metas.iter().map(|m| m.num_docs()).sum();
        let limit = SMALL_DOCS.max(total / 1000);
        let small: Vec<_> = metas.iter().filter(|m| m.num_docs() < limit).map(|m| m.id()).collect();
        if small.len() >= SMALL_SEGMENTS {
            self.writer.merge(&small).wait()?;
            self.index.reader.reload()?;
        }
        let mut metas = self.index.index.searchable_segment_metas()?;
        if metas.len() > MAX_SEGMENTS {
            // Groups of about equal size, merged side by side.
            metas.sort_by_key(|m| std::cmp::Reverse(m.num_docs()));
            let mut groups = vec![Vec::new(); MERGED_SEGMENTS];
            for (i, m) in metas.iter().enumerate() {
                groups[i % MERGED_SEGMENTS].push(m.id());
            }
            let merges: Vec<_> = groups.iter().map(|g| self.writer.merge(g)).collect();
            for m in merges {
                m.wait()?;
            }
            self.index.reader.reload()?;
        }
        Ok(())
    }
}

/// Makes a new, empty index in `dir` (removing what was there).
fn create(dir: &Path) -> Result<SearchIndex, IndexError> {
    let name = dir.display().to_string();
    let io = |e| IndexError::Io(name.clone(), e);
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(io)?;
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    let (schema, fields): (Schema, Fields) = Fields::schema();
    let err = |e| IndexError::Tantivy(name.clone(), e);
    let folder = FolderDirectory::open(dir).map_err(|e| err(e.into()))?;
    let index = Index::create(folder, schema, tantivy::IndexSettings::default()).map_err(err)?;
    SearchIndex::with(index, fields).map_err(err)
}

/// Site path → content hash of every live document of the index.
fn stored_hashes(index: &SearchIndex) -> tantivy::Result<HashMap<String, u64>> {
    let searcher = index.searcher();
    let mut out = HashMap::new();
    for seg in searcher.segment_readers() {
        let hashes = seg.fast_fields().u64("hash")?;
        let Some(paths) = seg.fast_fields().str("path")? else { continue };
        let mut path = String::new();
        for doc in seg.doc_ids_alive() {
            let (Some(h), Some(ord)) = (hashes.first(doc), paths.term_ords(doc).next()) else {
                continue;
            };
            path.clear();
            paths.ord_to_str(ord, &mut path)?;
            out.insert(path.clone(), h);
        }
    }
    Ok(out)
}

/// A document as the index gets it, with the hash of everything in it and its text's size.
struct Prepared {
    hash: u64,
    doc: TantivyDocument,
    bytes: usize,
}

fn prepare(d: &Document, f: &Fields) -> Prepared {
    let m = &d.meta;
    let (body, sections) = body_text(d);
    let sections = serde_json::to_string(&sections).unwrap_or_default();
    let year = m.year.to_string();
    let number = m.number.as_deref().unwrap_or("");
    let texts = [body.as_str(), &m.title, number, &m.province, &m.doc_type, &year];
    let mut h = rustc_hash::FxHasher::default();
    for part in [d.path.as_str(), &sections].into_iter().chain(texts) {
        h.write(part.as_bytes());
        h.write_u8(0xff);
    }
    let hash = h.finish();
    let mut doc = TantivyDocument::default();
    doc.add_text(f.path, &d.path);
    doc.add_u64(f.hash, hash);
    for (field, text) in f.text.iter().zip(texts) {
        doc.add_text(*field, text);
    }
    doc.add_text(f.province, &m.province);
    doc.add_text(f.doc_type, &m.doc_type);
    doc.add_i64(f.year, i64::from(m.year));
    doc.add_text(f.sections, &sections);
    Prepared { hash, doc, bytes: body.len() }
}

/// Body text of a document as search sees it (each section's heading and text, sections
/// separated by newlines), with each section's start.
pub fn body_text(d: &Document) -> (String, Vec<SectionInfo>) {
    let mut body = String::new();
    let mut sections = Vec::new();
    let mut words = 0;
    for s in &d.body.sections {
        if !body.is_empty() {
            body.push('\n');
        }
        let start = body.len();
        if !s.heading.is_empty() {
            body.push_str(&s.heading);
            body.push('\n');
        }
        body.push_str(&s.text.get());
        sections.push(SectionInfo(s.anchor.clone(), s.heading.clone(), start as u32, words));
        words += analyzer::words(&body[start..]).count() as u32;
    }
    (body, sections)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::export;
    use crate::search::{Mode, rank::Filters, search};

    fn write_doc(root: &Path, name: &str, title: &str, body: &str) {
        let text = format!(
            "---\ntitle: \"{title}\"\ntype: Kế hoạch\nprovince: Vĩnh Long\nissuer: Ủy ban nhân dân tỉnh Vĩnh Long\nnumber: {name}/KH-UBND\nissued: 2024-02-01\nyear: 2024\n---\n\n## Mục tiêu\n\n{body}\n"
        );
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content").join(format!("{name}.md")), text).unwrap();
    }

    fn site(root: &Path) -> Site {
        crate::load(root, &crate::data::Catalog::load(), crate::LoadOptions::default()).site
    }

    fn found(index: &SearchIndex, q: &str) -> Vec<String> {
        let out = search(index, q, Mode::Exact, &Filters::default(), 10).unwrap();
        out.results.into_iter().map(|r| r.title).collect()
    }

    /// An edited document is deleted and added again; the others stay where they were.
    #[test]
    fn an_edit_deletes_and_adds_only_that_document() {
        let dir = tempfile::tempdir().unwrap();
        for (n, t) in [("1", "Giao thông"), ("2", "Thủy sản"), ("3", "Du lịch")] {
            write_doc(dir.path(), n, &format!("Kế hoạch {t}"), "Nâng cấp đường tỉnh.");
        }
        let first = sync(&site(dir.path()));
        let segments = first.index.searchable_segment_ids().unwrap();
        assert_eq!(first.searcher().num_docs(), 3);
        assert!(found(&first, "cau tre").is_empty());
        write_doc(dir.path(), "2", "Kế hoạch Thủy sản", "Xây cầu tre qua sông.");
        let second = sync(&site(dir.path()));
        // Only the edited document is indexed again: the new segments hold one document (an old
        // segment left with no live document is dropped by tantivy, the others are kept).
        let metas = second.index.searchable_segment_metas().unwrap();
        let added: u32 =
            metas.iter().filter(|m| !segments.contains(&m.id())).map(|m| m.max_doc()).sum();
        assert_eq!(added, 1, "one document added");
        assert!(metas.iter().any(|m| segments.contains(&m.id())), "old segments are kept");
        assert_eq!(second.searcher().num_docs(), 3);
        assert_eq!(found(&second, "cau tre"), ["Kế hoạch Thủy sản"]);
        // Nothing changed: nothing is written.
        let third = sync(&site(dir.path()));
        assert_eq!(third.index.searchable_segment_metas().unwrap().len(), metas.len());
    }

    /// The static index does not depend on the index's history: after edits and deletions it is
    /// byte for byte the export of an index made from scratch.
    #[test]
    fn an_edited_index_exports_what_a_fresh_one_does() {
        let dir = tempfile::tempdir().unwrap();
        for (n, t) in [("1", "Giao thông"), ("2", "Thủy sản"), ("3", "Du lịch"), ("4", "Y tế")]
        {
            write_doc(dir.path(), n, &format!("Kế hoạch {t}"), "Đầu tư công cho giao thông.");
        }
        sync(&site(dir.path()));
        write_doc(dir.path(), "2", "Kế hoạch Thủy sản", "Nuôi tôm, cá và đầu tư công.");
        std::fs::remove_file(dir.path().join("content/4.md")).unwrap();
        let s = site(dir.path());
        let edited = sync(&s);
        assert!(edited.searcher().segment_readers().iter().any(|r| r.num_deleted_docs() > 0));
        let out = |index: &SearchIndex| {
            let files =
                crate::output::file::collect(|put| export::export(&s, index, 40, put).map(drop));
            let mut files = files.unwrap();
            files.sort_by(|a, b| a.path.cmp(&b.path));
            files
        };
        assert_eq!(out(&edited), out(&SearchIndex::in_memory(&s).unwrap()));
    }
}
