//! Ranking with tantivy: every query term's BM25 in every text field (tantivy's `TermQuery`
//! weights and scorers over the live-document statistics of [`Stats`], boosted by the term's kind
//! and the field), quoted phrases with `PhraseQuery`. `search-engine.js` computes the same
//! numbers from the exported index, adding them up in the same order.
//!
//! A term's score in a document is the sum of its fields' clauses (in [`TEXT_FIELDS`] order), a
//! slot's the best of its terms', a document's the sum of its slots' (in query order). Documents
//! holding more of the query's words come first, then higher scores, then site paths in order.
//!
//! [`TEXT_FIELDS`]: super::schema::TEXT_FIELDS

use super::analyzer::TermKind;
use super::index::SearchIndex;
use super::query::Query;
use super::schema::{BODY, Params, kind_index};
use super::stats::{self, Stats};
use std::collections::{BTreeMap, HashMap, HashSet};
use tantivy::query::{EnableScoring, PhraseQuery, Query as _, TermQuery, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED, Term};

/// A document of one segment: segment ordinal, document id.
type Key = (u32, u32);

/// A matching document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: DocAddress,
    pub path: String,
    pub score: f64,
    /// How many of the query's word slots the document holds (ranks before the score).
    pub matched: usize,
    /// The query term whose first body occurrence the snippet shows (strongest kind, then
    /// rarest in the body, then first in the query); none when no term is in the body.
    pub best: Option<usize>,
    pub province: String,
    pub doc_type: String,
    pub year: i32,
}

/// Where a term occurs: its score in each document, and which documents hold it in the body.
#[derive(Default)]
struct TermMatch {
    score: HashMap<Key, f64>,
    in_body: HashSet<Key>,
}

/// Every document holding a query term (and every quoted phrase), best first.
pub fn rank(index: &SearchIndex, q: &Query, params: &Params) -> tantivy::Result<Vec<Hit>> {
    let searcher = index.searcher();
    let f = &index.fields;
    let stats = Stats::new(&searcher, f)?;
    let scoring = EnableScoring::enabled_from_statistics_provider(&stats, &searcher);
    let mut matches = Vec::with_capacity(q.terms.len());
    for t in &q.terms {
        let mut m = TermMatch::default();
        for (fi, field) in f.text.iter().enumerate() {
            let term = Term::from_field_text(*field, &t.text);
            let weight =
                TermQuery::new(term, IndexRecordOption::WithFreqs).specialized_weight(scoring)?;
            let boost = params.boost(t.kind, fi);
            for_each_live(&searcher, &weight, boost, |key, score| {
                *m.score.entry(key).or_insert(0.0) += f64::from(score);
                if fi == BODY {
                    m.in_body.insert(key);
                }
            })?;
        }
        matches.push(m);
    }
    let mut holding: Vec<Key> = matches.iter().flat_map(|m| m.score.keys().copied()).collect();
    holding.sort_unstable();
    holding.dedup();
    for phrase in &q.phrases {
        let docs = phrase_docs(&searcher, &f.text, phrase)?;
        holding.retain(|k| docs.contains(k));
    }
    let body = f.text[BODY];
    let strength: Vec<(usize, f32)> = q
        .terms
        .iter()
        .map(|t| {
            let df = stats.live_doc_freq(&Term::from_field_text(body, &t.text))?;
            Ok((kind_index(t.kind), stats::idf(df, stats.docs())))
        })
        .collect::<tantivy::Result<_>>()?;
    let columns = Columns::new(&searcher)?;
    let mut hits = Vec::with_capacity(holding.len());
    for key in holding {
        let (score, matched) = score_of(q, &matches, key);
        let mut best: Option<usize> = None;
        for (ti, m) in matches.iter().enumerate() {
            if m.in_body.contains(&key)
                && best.is_none_or(|b| {
                    strength[ti].partial_cmp(&strength[b]).is_some_and(|o| o.is_gt())
                })
            {
                best = Some(ti);
            }
        }
        hits.push(columns.hit(key, score, matched, best)?);
    }
    hits.sort_by(|a, b| {
        b.matched.cmp(&a.matched).then(b.score.total_cmp(&a.score)).then(a.path.cmp(&b.path))
    });
    Ok(hits)
}

/// A document's score and matched word slots.
fn score_of(q: &Query, matches: &[TermMatch], key: Key) -> (f64, usize) {
    let (mut score, mut matched) = (0.0f64, 0);
    for (slot, s) in q.slots.iter().enumerate() {
        let best = q
            .slot_terms(slot)
            .filter_map(|(ti, _)| matches[ti].score.get(&key).copied())
            .fold(None, |acc: Option<f64>, x| Some(acc.map_or(x, |a| a.max(x))));
        if let Some(b) = best {
            score += b;
            matched += usize::from(s.kind == TermKind::Folded);
        }
    }
    (score, matched)
}

/// Calls `f` with each live document `weight` matches in any segment, and its score.
fn for_each_live(
    searcher: &Searcher,
    weight: &dyn Weight,
    boost: f32,
    mut f: impl FnMut(Key, f32),
) -> tantivy::Result<()> {
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(seg, boost)?;
        let alive = seg.alive_bitset();
        while scorer.doc() != TERMINATED {
            let d = scorer.doc();
            if alive.is_none_or(|a| a.is_alive(d)) {
                f((ord as u32, d), scorer.score());
            }
            scorer.advance();
        }
    }
    Ok(())
}

/// Documents holding a quoted phrase in some text field: its word, its bigram, or (three words
/// or more) its bigrams at consecutive positions, found with tantivy's `PhraseQuery`.
fn phrase_docs(
    searcher: &Searcher,
    fields: &[Field],
    words: &[String],
) -> tantivy::Result<HashSet<Key>> {
    let pairs: Vec<String> = words.windows(2).map(|w| format!("{} {}", w[0], w[1])).collect();
    let mut docs = HashSet::new();
    let scoring = EnableScoring::disabled_from_searcher(searcher);
    for field in fields {
        let weight: Box<dyn Weight> = match pairs.as_slice() {
            [] => {
                TermQuery::new(Term::from_field_text(*field, &words[0]), IndexRecordOption::Basic)
                    .weight(scoring)?
            }
            [one] => TermQuery::new(Term::from_field_text(*field, one), IndexRecordOption::Basic)
                .weight(scoring)?,
            many => {
                PhraseQuery::new(many.iter().map(|p| Term::from_field_text(*field, p)).collect())
                    .weight(scoring)?
            }
        };
        for_each_live(searcher, weight.as_ref(), 1.0, |key, _| {
            docs.insert(key);
        })?;
    }
    Ok(docs)
}

/// The fast fields a hit reads: path and facet values, per segment.
struct Columns {
    segments: Vec<[tantivy::columnar::StrColumn; 3]>,
    years: Vec<tantivy::columnar::Column<i64>>,
}

impl Columns {
    fn new(searcher: &Searcher) -> tantivy::Result<Columns> {
        let mut segments = Vec::new();
        let mut years = Vec::new();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let col = |name: &str| {
                ff.str(name)?.ok_or_else(|| {
                    tantivy::TantivyError::SchemaError(format!("no fast field {name}"))
                })
            };
            segments.push([col("path")?, col("province_value")?, col("type_value")?]);
            years.push(ff.i64("year_value")?);
        }
        Ok(Columns { segments, years })
    }

    fn hit(
        &self,
        key: Key,
        score: f64,
        matched: usize,
        best: Option<usize>,
    ) -> tantivy::Result<Hit> {
        let [path, province, doc_type] = &self.segments[key.0 as usize];
        let text = |c: &tantivy::columnar::StrColumn| -> tantivy::Result<String> {
            let mut s = String::new();
            if let Some(ord) = c.term_ords(key.1).next() {
                c.ord_to_str(ord, &mut s)?;
            }
            Ok(s)
        };
        Ok(Hit {
            doc: DocAddress::new(key.0, key.1),
            path: text(path)?,
            score,
            matched,
            best,
            province: text(province)?,
            doc_type: text(doc_type)?,
            year: self.years[key.0 as usize].first(key.1).unwrap_or(0) as i32,
        })
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
    /// Whether a hit passes (province and type compared without diacritics or case).
    pub fn keep(&self, h: &Hit) -> bool {
        let same = |want: &Option<String>, have: &str| {
            want.as_ref().is_none_or(|w| crate::text::fold(w) == crate::text::fold(have))
        };
        same(&self.province, &h.province)
            && same(&self.doc_type, &h.doc_type)
            && self.year.is_none_or(|y| y == h.year)
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
pub fn facets(hits: &[Hit]) -> Facets {
    let mut f = Facets::default();
    for h in hits {
        *f.province.entry(h.province.clone()).or_default() += 1;
        *f.year.entry(h.year).or_default() += 1;
        *f.doc_type.entry(h.doc_type.clone()).or_default() += 1;
    }
    f
}
