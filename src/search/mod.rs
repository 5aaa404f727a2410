//! Full-text search that understands Vietnamese, on tantivy: one analyzer (a tantivy tokenizer),
//! one index in `ROOT/.cache/banhanh/search/`, used by `banhanh search` and exported as the static
//! index the site's search page reads (`search-engine.js` ranks it the same way).

pub mod analyzer;
pub mod cache;
pub mod directory;
pub mod export;
pub mod index;
pub mod query;
pub mod rank;
pub mod schema;
pub mod snippet;
pub mod stats;
pub mod suggest;

use analyzer::TermKind;
use index::{SearchIndex, SectionInfo};
use query::Query;
use rank::{Facets, Filters, Hit};
use schema::{BODY, NUMBER, Params, TITLE};
use serde::Serialize;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocSet, TantivyDocument, Term};

/// One search result as `banhanh search --json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResult {
    /// Site path of the document, with `#anchor` of the best-matching section when there is one.
    pub url: String,
    pub title: String,
    pub province: String,
    pub year: i32,
    #[serde(rename = "type")]
    pub doc_type: String,
    pub number: Option<String>,
    /// Heading of the best-matching section (empty before the first heading).
    pub section: String,
    /// Text around the best match, the query's words in «guillemets».
    pub snippet: String,
    pub score: f64,
    #[serde(skip)]
    pub pieces: Vec<snippet::Piece>,
}

/// Results of a query: the first `limit` after filtering, all matches' count and facets, and a
/// corrected query when some word matched nothing.
pub struct Outcome {
    pub results: Vec<SearchResult>,
    pub total: usize,
    pub facets: Facets,
    pub suggestion: Option<String>,
}

/// How a query is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// A submitted query: its words as they are.
    #[default]
    Exact,
    /// A query being typed: its last word may be unfinished and stands for the words it begins.
    Typing,
}

/// Runs a query against an index.
pub fn search(
    index: &SearchIndex,
    query: &str,
    mode: Mode,
    filters: &Filters,
    limit: usize,
) -> tantivy::Result<Outcome> {
    let params = Params::default();
    let searcher = index.searcher();
    let stats = stats::Stats::new(&searcher, &index.fields)?;
    let mut q = Query::parse(query, mode == Mode::Typing);
    let mut failed = None;
    q.expand(params.prefix_words, |p, kind| {
        suggest::words(index, &stats, p, kind).unwrap_or_else(|e| {
            failed = Some(e);
            Vec::new()
        })
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let hits = rank::rank(index, &q, &params)?;
    let facets = rank::facets(&hits);
    let kept: Vec<&Hit> = hits.iter().filter(|h| filters.keep(h)).collect();
    let results = kept
        .iter()
        .take(limit)
        .map(|h| result(index, &q, h))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let missing = suggest::missing(&q, |t| suggest::weight(index, &stats, t).is_ok_and(|n| n > 0));
    let suggestion = if missing.is_empty() {
        None
    } else {
        let words = suggest::words(index, &stats, "", TermKind::Folded)?;
        suggest::suggestion(query, &missing, &words, params.suggest_distance)
    };
    Ok(Outcome { results, total: kept.len(), facets, suggestion })
}

/// A hit as a result: its stored fields, section and snippet.
fn result(index: &SearchIndex, q: &Query, h: &Hit) -> tantivy::Result<SearchResult> {
    let searcher = index.searcher();
    let f = &index.fields;
    let doc: TantivyDocument = searcher.doc(h.doc)?;
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let body = text(f.text[BODY]);
    let sections: Vec<SectionInfo> = serde_json::from_str(&text(f.sections)).unwrap_or_default();
    let first = match h.best {
        Some(ti) => first_position(index, h, &q.terms[ti].text)?,
        None => None,
    };
    let section = match first {
        Some(p) => sections.iter().rposition(|s| s.3 <= p),
        None => (!sections.is_empty()).then_some(0),
    }
    .map(|i| &sections[i]);
    let at = match first {
        Some(p) => analyzer::words(&body).nth(p as usize).map_or(0, |w| w.0),
        None => section.map_or(0, |s| s.2 as usize),
    };
    let pieces = snippet::snippet(&body, at, &q.words);
    let number = text(f.text[NUMBER]);
    Ok(SearchResult {
        url: match section {
            Some(s) if !s.0.is_empty() => format!("{}#{}", h.path, s.0),
            _ => h.path.clone(),
        },
        title: text(f.text[TITLE]),
        province: h.province.clone(),
        year: h.year,
        doc_type: h.doc_type.clone(),
        number: (!number.is_empty()).then_some(number),
        section: section.map(|s| s.1.clone()).unwrap_or_default(),
        snippet: snippet::marked(&pieces),
        score: h.score,
        pieces,
    })
}

/// Word position of the first body occurrence of `term` in the hit's document.
fn first_position(index: &SearchIndex, h: &Hit, term: &str) -> tantivy::Result<Option<u32>> {
    let searcher = index.searcher();
    let seg = searcher.segment_reader(h.doc.segment_ord);
    let term = Term::from_field_text(index.fields.text[BODY], term);
    let inverted = seg.inverted_index(term.field())?;
    let Some(mut postings) =
        inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
    else {
        return Ok(None);
    };
    if postings.seek(h.doc.doc_id) != h.doc.doc_id {
        return Ok(None);
    }
    let mut positions = Vec::new();
    tantivy::postings::Postings::positions(&mut postings, &mut positions);
    Ok(positions.first().copied())
}
