//! The search index: per-term postings with the BM25 ingredients, built from a linked site.

use super::analyzer::for_each_term;
use crate::model::{Document, Site};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Ranking constants, exported with the index so the browser client ranks with the same numbers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Params {
    pub k1: f64,
    pub b: f64,
    /// Term-frequency weights in the head field: title, number, metadata (province, type, year).
    pub h_title: u32,
    pub h_number: u32,
    pub h_meta: u32,
    /// How much a head match counts against a body match (the head is not length-normalised).
    pub head_boost: f64,
    /// Query weight of a folded syllable, an exact-diacritic syllable, a bigram, a whole number.
    pub q_folded: f64,
    pub q_exact: f64,
    pub q_bigram: f64,
    pub q_number: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            k1: 1.2,
            b: 0.75,
            h_title: 1,
            h_number: 2,
            h_meta: 1,
            head_boost: 3.0,
            q_folded: 1.0,
            q_exact: 0.5,
            q_bigram: 1.0,
            q_number: 2.0,
        }
    }
}

/// A section of a document body: heading anchor, heading text, byte where it starts in the body text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionInfo(pub String, pub String, pub u32);

/// What search knows of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocInfo {
    /// Site path, e.g. `/vinh-long/2024/17-ct-ubnd/`.
    pub path: String,
    pub title: String,
    pub number: Option<String>,
    pub province: String,
    pub year: i32,
    pub doc_type: String,
    /// Number of syllables in title and body.
    pub len: u32,
    pub sections: Vec<SectionInfo>,
    /// Searchable body text: each section's heading and text, sections separated by newlines.
    pub body: String,
}

/// One document holding a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    /// Term frequency in the body.
    pub tf_body: u32,
    /// Weighted term frequency in the head (title, number, metadata).
    pub tf_head: u32,
    /// 1 + byte offset of the first occurrence in the body text; 0 when not in the body.
    pub off: u32,
}

/// A term's postings and inverse document frequency.
#[derive(Debug, Clone, PartialEq)]
pub struct TermInfo {
    /// Inverse document frequency × 10⁶, rounded, at least 1 (an integer so both rankers read the same value).
    pub idf_micro: u32,
    /// Postings sorted by document.
    pub postings: Vec<Posting>,
}

/// The whole index.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    pub params: Params,
    pub docs: Vec<DocInfo>,
    /// Sum of all documents' lengths.
    pub total_len: u64,
    pub terms: HashMap<String, TermInfo>,
}

impl SearchIndex {
    /// Average document length.
    pub fn avg_len(&self) -> f64 {
        if self.docs.is_empty() { 1.0 } else { self.total_len as f64 / self.docs.len() as f64 }
    }
}

/// BM25 inverse document frequency × 10⁶, rounded, at least 1 (a term in every document still counts a little).
pub fn idf_micro(n: usize, df: usize) -> u32 {
    let (n, df) = (n as f64, df as f64);
    (((1.0 + (n - df + 0.5) / (df + 0.5)).ln() * 1e6).round() as u32).max(1)
}

/// Body text of a document as search sees it, with each section's start.
pub fn body_text(d: &Document) -> (String, Vec<SectionInfo>) {
    let mut body = String::new();
    let mut sections = Vec::new();
    for s in &d.body.sections {
        if !body.is_empty() {
            body.push('\n');
        }
        sections.push(SectionInfo(s.anchor.clone(), s.heading.clone(), body.len() as u32));
        if !s.heading.is_empty() {
            body.push_str(&s.heading);
            body.push('\n');
        }
        body.push_str(&s.text.get());
    }
    (body, sections)
}

/// A document's terms: their texts side by side in one string (one allocation per document, not
/// per term), and per term its byte range there, body tf, weighted head tf and 1 + first body offset
/// (0 when not in the body).
#[derive(Debug, Default)]
pub(crate) struct DocTerms {
    text: String,
    terms: Vec<(u32, u32, u32, u32, u32)>,
}

impl DocTerms {
    /// Each term: text, body tf, weighted head tf, 1 + first body offset.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u32, u32, u32)> + '_ {
        self.terms.iter().map(|&(from, to, tf, head, off)| {
            (&self.text[from as usize..to as usize], tf, head, off)
        })
    }

    fn push(&mut self, term: &str, tf: u32, head: u32, off: u32) {
        let from = self.text.len() as u32;
        self.text.push_str(term);
        self.terms.push((from, self.text.len() as u32, tf, head, off));
    }
}

thread_local! {
    /// A document's body terms by analyzer key: tf, 1 + first offset, text range in `DocTerms::text`.
    static BODY_TERMS: std::cell::RefCell<FxHashMap<u64, (u32, u32, u32, u32)>> = std::cell::RefCell::new(FxHashMap::default());
}

/// What search records of one document: its info and its terms.
pub(crate) fn analyse_doc(d: &Document, p: &Params) -> (DocInfo, DocTerms) {
    let m = &d.meta;
    let (body, sections) = body_text(d);
    // The head (title, number, metadata) is small: a map by term text. The body is large: a map by
    // the analyzer's term key (no string hashing per occurrence), joined with the head at the end.
    let mut head: FxHashMap<String, u32> = FxHashMap::default();
    let meta = format!("{} {} {}", m.province, m.doc_type, m.year);
    let mut len = 0;
    // The document length counts the title's and the body's words.
    let fields = [
        (m.title.as_str(), p.h_title, true),
        (m.number.as_deref().unwrap_or(""), p.h_number, false),
        (meta.as_str(), p.h_meta, false),
    ];
    for (text, weight, counts) in fields {
        let words = for_each_term(text, |t| *head.entry(t.text.to_string()).or_insert(0) += weight);
        if counts {
            len += words;
        }
    }
    // Body terms by key: tf, 1 + first offset, and where the text sits in `terms.text`. The map is
    // the thread's, emptied per document: it keeps its capacity instead of growing from nothing.
    let mut terms = DocTerms::default();
    BODY_TERMS.with_borrow_mut(|body_terms| {
        body_terms.clear();
        len += for_each_term(&body, |t| {
            body_terms.entry(t.key).and_modify(|e| e.0 += 1).or_insert_with(|| {
                let from = terms.text.len() as u32;
                terms.text.push_str(t.text);
                (1, t.from as u32 + 1, from, terms.text.len() as u32)
            });
        });
        terms.terms.reserve(body_terms.len() + head.len());
        for (_, (tf, off, from, to)) in body_terms.drain() {
            let tf_head = head.remove(&terms.text[from as usize..to as usize]).unwrap_or(0);
            terms.terms.push((from, to, tf, tf_head, off));
        }
    });
    for (text, tf_head) in head {
        terms.push(&text, 0, tf_head, 0);
    }
    let len = len as u32;
    let info = DocInfo {
        path: d.path.clone(),
        title: m.title.clone(),
        number: m.number.clone(),
        province: m.province.clone(),
        year: m.year,
        doc_type: m.doc_type.clone(),
        len,
        sections,
        body,
    };
    (info, terms)
}

/// Documents analysed together before their terms join the postings.
pub(crate) const ANALYSE_CHUNK: usize = 16;

/// Builds the index of a site's documents (in the site's document order).
pub fn build(site: &Site) -> SearchIndex {
    let params = Params::default();
    let mut postings: FxHashMap<String, Vec<Posting>> = FxHashMap::default();
    let mut docs = Vec::with_capacity(site.documents.len());
    let mut total_len = 0u64;
    // Analysed in parallel a chunk at a time, so the per-document term lists of the whole site
    // never sit in memory together.
    for chunk in site.documents.chunks(ANALYSE_CHUNK) {
        let analysed: Vec<(DocInfo, DocTerms)> =
            chunk.par_iter().map(|d| analyse_doc(d, &params)).collect();
        for (info, terms) in analysed {
            let i = docs.len() as u32;
            total_len += u64::from(info.len);
            docs.push(info);
            for (term, tf_body, tf_head, off) in terms.iter() {
                let posting = Posting { doc: i, tf_body, tf_head, off };
                match postings.get_mut(term) {
                    Some(list) => list.push(posting),
                    None => {
                        postings.insert(term.to_string(), vec![posting]);
                    }
                }
            }
        }
    }
    let n = docs.len();
    let terms = postings
        .into_iter()
        .map(|(k, postings)| (k, TermInfo { idf_micro: idf_micro(n, postings.len()), postings }))
        .collect();
    SearchIndex { params, docs, total_len, terms }
}
