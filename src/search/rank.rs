//! Query parsing and ranking. `themes/default/static/search-engine.js` implements the very same steps
//! (same terms, same weights, same arithmetic in the same order), so both return the same order.

use super::analyzer::{TermKind, analyze};
use super::index::SearchIndex;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"["“”]([^"“”]*)["“”]"#).expect("valid"));

/// A query term with its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    pub text: String,
    pub kind: TermKind,
    pub weight: f64,
}

/// An analysed query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// Distinct terms in order of first appearance.
    pub terms: Vec<QueryTerm>,
    /// Indices into `terms` that every result must hold (the syllables and bigrams of quoted phrases).
    pub required: Vec<usize>,
    /// Folded syllables of the query, for marking snippets.
    pub words: Vec<String>,
}

/// Analyses a query the way documents are analysed.
pub fn parse(q: &str, index: &SearchIndex) -> Query {
    let p = &index.params;
    let mut terms: Vec<QueryTerm> = Vec::new();
    let mut words = Vec::new();
    for t in analyze(q) {
        if terms.iter().any(|x| x.text == t.text) {
            continue;
        }
        let weight = match t.kind {
            TermKind::Folded => p.q_folded,
            TermKind::Exact => p.q_exact,
            TermKind::Bigram => p.q_bigram,
            TermKind::Number => p.q_number,
        };
        if t.kind == TermKind::Folded {
            words.push(t.text.clone());
        }
        terms.push(QueryTerm { text: t.text, kind: t.kind, weight });
    }
    let mut required = Vec::new();
    for c in QUOTED.captures_iter(q) {
        for t in analyze(&c[1]) {
            if matches!(t.kind, TermKind::Folded | TermKind::Bigram)
                && let Some(i) = terms.iter().position(|x| x.text == t.text)
                && !required.contains(&i)
            {
                required.push(i);
            }
        }
    }
    Query { terms, required, words }
}

/// A matching document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: usize,
    pub score: f64,
    /// How many distinct query syllables the document holds (ranks before the score).
    pub matched: usize,
    /// 1 + body offset of the best term's first occurrence; 0 when none is in the body.
    pub off: u32,
}

#[derive(Default, Clone)]
struct Acc {
    score: f64,
    matched: usize,
    required: usize,
    best: u32,
    off: u32,
}

/// Every document matching the query, best first: more query syllables, then higher BM25 score.
pub fn rank(index: &SearchIndex, q: &Query) -> Vec<Hit> {
    let p = &index.params;
    let avg = index.avg_len();
    let mut acc: HashMap<u32, Acc> = HashMap::new();
    for (ti, term) in q.terms.iter().enumerate() {
        let Some(info) = index.terms.get(&term.text) else { continue };
        let idf = info.idf_micro as f64 / 1e6;
        // Which term's first occurrence the snippet shows: numbers, then bigrams, exact forms, syllables; rarer first.
        let strength = kind_rank(term.kind) * 100_000_000 + info.idf_micro;
        let is_required = q.required.contains(&ti);
        for post in &info.postings {
            let dl = index.docs[post.doc as usize].len as f64;
            let norm = p.k1 * (1.0 - p.b + p.b * (dl / avg));
            let (tb, th) = (post.tf_body as f64, post.tf_head as f64);
            let body = if post.tf_body > 0 { idf * (tb * (p.k1 + 1.0)) / (tb + norm) } else { 0.0 };
            let head = if post.tf_head > 0 {
                idf * p.head_boost * (th * (p.k1 + 1.0)) / (th + p.k1)
            } else {
                0.0
            };
            let a = acc.entry(post.doc).or_default();
            a.score += term.weight * (body + head);
            if term.kind == TermKind::Folded {
                a.matched += 1;
            }
            if is_required {
                a.required += 1;
            }
            if post.off > 0 && strength > a.best {
                a.best = strength;
                a.off = post.off;
            }
        }
    }
    let mut hits: Vec<Hit> = acc
        .into_iter()
        .filter(|(_, a)| a.required == q.required.len())
        .map(|(doc, a)| Hit { doc: doc as usize, score: a.score, matched: a.matched, off: a.off })
        .collect();
    hits.sort_by(|a, b| {
        b.matched.cmp(&a.matched).then(b.score.total_cmp(&a.score)).then(a.doc.cmp(&b.doc))
    });
    hits
}

fn kind_rank(kind: TermKind) -> u32 {
    match kind {
        TermKind::Folded => 1,
        TermKind::Exact => 2,
        TermKind::Bigram => 3,
        TermKind::Number => 4,
    }
}

/// Filters on province, year and type (None = any).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub province: Option<String>,
    pub year: Option<i32>,
    pub doc_type: Option<String>,
}

impl Filters {
    /// Whether a document passes (province and type compared without diacritics or case).
    pub fn keep(&self, index: &SearchIndex, doc: usize) -> bool {
        let d = &index.docs[doc];
        let same = |want: &Option<String>, have: &str| {
            want.as_ref().is_none_or(|w| crate::text::fold(w) == crate::text::fold(have))
        };
        same(&self.province, &d.province)
            && same(&self.doc_type, &d.doc_type)
            && self.year.is_none_or(|y| y == d.year)
    }
}

/// Counts of matching documents per province, year and type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    pub province: BTreeMap<String, usize>,
    pub year: BTreeMap<i32, usize>,
    pub doc_type: BTreeMap<String, usize>,
}

/// Facet counts over hits.
pub fn facets(index: &SearchIndex, hits: &[Hit]) -> Facets {
    let mut f = Facets::default();
    for h in hits {
        let d = &index.docs[h.doc];
        *f.province.entry(d.province.clone()).or_default() += 1;
        *f.year.entry(d.year).or_default() += 1;
        *f.doc_type.entry(d.doc_type.clone()).or_default() += 1;
    }
    f
}

/// Index of the section holding body byte `off - 1` (the first section when `off` is 0).
pub fn section_of(index: &SearchIndex, doc: usize, off: u32) -> Option<usize> {
    let secs = &index.docs[doc].sections;
    if secs.is_empty() {
        return None;
    }
    let at = off.saturating_sub(1);
    Some(secs.partition_point(|s| s.2 <= at).saturating_sub(1))
}
