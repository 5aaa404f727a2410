//! Every term of the tantivy index, across its text fields and segments, written to the static
//! index: its postings (`t/`), the section of each first body occurrence (`f/`), the positions of
//! bigrams (`q/`, for quoted phrases), and the dictionary's words (`w/`).
//!
//! Records (integers are LEB128 varints; documents are numbered in site-path order):
//! - `t/k.bin`: `len text`, `mask` (byte: bit i = postings in text field i), then per field in
//!   the mask: `df`, `bytes`, then the postings: `kind` (0: the documents holding the term, 1:
//!   those not holding it), `count`, `count` gaps between those documents (each minus 1), and
//!   `df` term frequencies (each minus 1);
//! - `f/k.bin`: `len text`, `bytes`, then per body posting the index of the section holding the
//!   term's first occurrence;
//! - `q/k.bin`: `len text`, `bytes`, then the payload: `mask`, per field in the mask `bytes` and
//!   per posting its positions' gaps; or, when large, `bytes` = 0, `n` and `n` file numbers of
//!   `q/o{n}.bin` whose concatenation is the payload.

use super::shards::{Shards, push_varint};
use crate::output::file::{OutputFile, Put};
use crate::search::analyzer::TermKind;
use crate::search::index::SearchIndex;
use crate::search::schema::BODY;
use std::collections::BTreeSet;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::termdict::TermMerger;
use tantivy::{DocSet, TERMINATED};

/// Largest positions payload kept in a `q/` shard; larger ones get files of their own.
const INLINE_POSITIONS: usize = 256 << 10;
/// Size of those files.
const OVERFLOW_BYTES: usize = 512 << 10;

/// The export's documents: each segment's document ids mapped to site-path order, and each
/// document's section starts (as word positions).
pub struct DocMap {
    /// Per segment, per document id: its number, or `u32::MAX` when deleted.
    pub number: Vec<Vec<u32>>,
    pub section_words: Vec<Vec<u32>>,
    pub n: usize,
}

/// What the walk over the terms gathered besides the shards.
pub struct Walked {
    /// The dictionary's folded syllables and whole numbers, in byte order, with their weights.
    pub words: Vec<(String, u64)>,
    /// Every live document frequency seen (for the idf values the browser must be given).
    pub doc_freqs: BTreeSet<u64>,
    /// Number of `q/o{n}.bin` files written.
    pub overflow: usize,
}

/// One term's postings in one field, in document order: document, term frequency, first
/// position (body), and where its positions are in `positions` (bigrams). Reused across terms.
#[derive(Default)]
struct FieldPostings {
    postings: Vec<Posting>,
    positions: Vec<u32>,
}

#[derive(Clone, Copy)]
struct Posting {
    doc: u32,
    tf: u32,
    first: u32,
    at: u32,
}

impl FieldPostings {
    fn len(&self) -> usize {
        self.postings.len()
    }
    fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }
    fn clear(&mut self) {
        self.postings.clear();
        self.positions.clear();
    }
    /// Positions of posting `p` (bigrams only).
    fn of(&self, p: &Posting) -> &[u32] {
        &self.positions[p.at as usize..(p.at + p.tf) as usize]
    }
}

/// Walks every term and writes its records into the three shard sets.
pub fn walk(
    index: &SearchIndex,
    docs: &DocMap,
    shards: [&mut Shards; 3],
    put: &Put<'_>,
) -> std::io::Result<Walked> {
    let [terms, firsts, positions] = shards;
    let searcher = index.searcher();
    let mut readers = Vec::new();
    for (fi, field) in index.fields.text.iter().enumerate() {
        for (si, seg) in searcher.segment_readers().iter().enumerate() {
            readers.push((fi, si, seg.inverted_index(*field).map_err(std::io::Error::other)?));
        }
    }
    let streams = readers.iter().map(|r| r.2.terms().stream()).collect::<Result<Vec<_>, _>>()?;
    let mut merger = TermMerger::new(streams);
    let mut out = Walked { words: Vec::new(), doc_freqs: BTreeSet::new(), overflow: 0 };
    let mut record = Vec::new();
    let mut fields: [FieldPostings; 6] = Default::default();
    let mut pos = Vec::new();
    while merger.advance() {
        let Ok(text) = std::str::from_utf8(merger.key()).map(str::to_string) else { continue };
        let kind = TermKind::of(&text);
        gather(&merger, &readers, docs, kind, &mut fields, &mut pos)?;
        for f in &mut fields {
            f.postings.sort_unstable_by_key(|p| p.doc);
            if !f.is_empty() {
                out.doc_freqs.insert(f.len() as u64);
            }
        }
        if fields.iter().all(FieldPostings::is_empty) {
            continue;
        }
        if matches!(kind, TermKind::Folded | TermKind::Number) {
            out.words.push((text.clone(), fields.iter().map(|f| f.len() as u64).sum()));
        }
        let h = super::fnv1a(&text) as usize;
        record.clear();
        term_record(&mut record, &text, &fields, docs.n);
        terms.push(h % terms.count(), &record)?;
        if !fields[BODY].is_empty() {
            record.clear();
            first_record(&mut record, &text, &fields[BODY], docs);
            firsts.push(h % firsts.count(), &record)?;
        }
        if kind == TermKind::Bigram {
            record.clear();
            positions_record(&mut record, &text, &fields, &mut out.overflow, put)?;
            positions.push(h % positions.count(), &record)?;
        }
    }
    Ok(out)
}

/// Reads a term's postings in every field and segment the merger found it in, numbered in
/// site-path order (live documents only).
fn gather(
    merger: &TermMerger<'_>,
    readers: &[(usize, usize, std::sync::Arc<tantivy::InvertedIndexReader>)],
    docs: &DocMap,
    kind: TermKind,
    fields: &mut [FieldPostings; 6],
    pos: &mut Vec<u32>,
) -> std::io::Result<()> {
    fields.iter_mut().for_each(FieldPostings::clear);
    for (stream, info) in merger.current_segment_ords_and_term_infos() {
        let (fi, si, reader) = &readers[stream];
        let with_positions = *fi == BODY || kind == TermKind::Bigram;
        let option = if with_positions {
            IndexRecordOption::WithFreqsAndPositions
        } else {
            IndexRecordOption::WithFreqs
        };
        let mut p = reader.read_postings_from_terminfo(&info, option)?;
        let numbers = &docs.number[*si];
        let f = &mut fields[*fi];
        while p.doc() != TERMINATED {
            let n = numbers[p.doc() as usize];
            if n != u32::MAX {
                let (tf, at) = (p.term_freq(), f.positions.len() as u32);
                let mut first = 0;
                if with_positions {
                    p.positions(pos);
                    first = pos.first().copied().unwrap_or(0);
                    if kind == TermKind::Bigram {
                        f.positions.extend_from_slice(pos);
                    }
                }
                f.postings.push(Posting { doc: n, tf, first, at });
            }
            p.advance();
        }
    }
    Ok(())
}

fn push_text(out: &mut Vec<u8>, text: &str) {
    push_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn push_block(out: &mut Vec<u8>, block: &[u8]) {
    push_varint(out, block.len() as u64);
    out.extend_from_slice(block);
}

/// A `t/` record: per field, which documents hold the term and how often.
fn term_record(out: &mut Vec<u8>, text: &str, fields: &[FieldPostings; 6], n: usize) {
    push_text(out, text);
    let mask = fields.iter().enumerate().fold(0u8, |m, (i, f)| m | (u8::from(!f.is_empty()) << i));
    out.push(mask);
    let mut block = Vec::new();
    for f in fields.iter().filter(|f| !f.is_empty()) {
        push_varint(out, f.len() as u64);
        block.clear();
        let complement = n - f.len() < f.len();
        block.push(u8::from(complement));
        let mut prev: i64 = -1;
        if complement {
            push_varint(&mut block, (n - f.len()) as u64);
            let mut held = f.postings.iter().map(|p| p.doc).peekable();
            for d in 0..n as u32 {
                if held.peek() == Some(&d) {
                    held.next();
                } else {
                    push_varint(&mut block, (i64::from(d) - prev - 1) as u64);
                    prev = i64::from(d);
                }
            }
        } else {
            push_varint(&mut block, f.len() as u64);
            for p in &f.postings {
                push_varint(&mut block, (i64::from(p.doc) - prev - 1) as u64);
                prev = i64::from(p.doc);
            }
        }
        for p in &f.postings {
            push_varint(&mut block, u64::from(p.tf - 1));
        }
        push_block(out, &block);
    }
}

/// An `f/` record: per body posting, the section of the first occurrence.
fn first_record(out: &mut Vec<u8>, text: &str, body: &FieldPostings, docs: &DocMap) {
    push_text(out, text);
    let mut block = Vec::new();
    for p in &body.postings {
        let starts = &docs.section_words[p.doc as usize];
        let section = starts.partition_point(|&s| s <= p.first).saturating_sub(1);
        push_varint(&mut block, section as u64);
    }
    push_block(out, &block);
}

/// A `q/` record: a bigram's positions in every field, or where its own files are.
fn positions_record(
    out: &mut Vec<u8>,
    text: &str,
    fields: &[FieldPostings; 6],
    overflow: &mut usize,
    put: &Put<'_>,
) -> std::io::Result<()> {
    let mut payload = Vec::new();
    let mask = fields.iter().enumerate().fold(0u8, |m, (i, f)| m | (u8::from(!f.is_empty()) << i));
    payload.push(mask);
    let mut block = Vec::new();
    for f in fields.iter().filter(|f| !f.is_empty()) {
        block.clear();
        for p in &f.postings {
            let mut prev = 0;
            for &x in f.of(p) {
                push_varint(&mut block, u64::from(x - prev));
                prev = x;
            }
        }
        push_block(&mut payload, &block);
    }
    push_text(out, text);
    if payload.len() <= INLINE_POSITIONS {
        push_block(out, &payload);
        return Ok(());
    }
    let parts: Vec<&[u8]> = payload.chunks(OVERFLOW_BYTES).collect();
    push_varint(out, 0);
    push_varint(out, parts.len() as u64);
    for part in parts {
        push_varint(out, *overflow as u64);
        put(OutputFile::site_file(format!("search/q/o{overflow}.bin"), part.to_vec()))?;
        *overflow += 1;
    }
    Ok(())
}

/// Numbers the live documents of `index` in site-path order, with their section starts.
pub fn doc_map(index: &SearchIndex) -> tantivy::Result<(DocMap, Vec<String>)> {
    let searcher = index.searcher();
    let mut all: Vec<(String, usize, u32, Vec<u32>)> = Vec::new();
    let mut number = Vec::new();
    for (si, seg) in searcher.segment_readers().iter().enumerate() {
        number.push(vec![u32::MAX; seg.max_doc() as usize]);
        let ff = seg.fast_fields();
        let (Some(paths), Some(sections)) = (ff.str("path")?, ff.str("sections")?) else {
            continue;
        };
        let mut text = String::new();
        for doc in seg.doc_ids_alive() {
            let mut read = |c: &tantivy::columnar::StrColumn| -> tantivy::Result<String> {
                text.clear();
                if let Some(ord) = c.term_ords(doc).next() {
                    c.ord_to_str(ord, &mut text)?;
                }
                Ok(text.clone())
            };
            let path = read(&paths)?;
            let secs: Vec<crate::search::index::SectionInfo> =
                serde_json::from_str(&read(&sections)?).unwrap_or_default();
            all.push((path, si, doc, secs.iter().map(|s| s.3).collect()));
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let mut section_words = Vec::with_capacity(all.len());
    let mut paths = Vec::with_capacity(all.len());
    for (i, (path, si, doc, words)) in all.into_iter().enumerate() {
        number[si][doc as usize] = i as u32;
        section_words.push(words);
        paths.push(path);
    }
    Ok((DocMap { number, section_words, n: paths.len() }, paths))
}
