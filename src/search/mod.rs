//! Full-text search that understands Vietnamese: one analyzer, one ranking, used by
//! `banhanh search` and (as a static index and a JavaScript twin) by the site's search page.

pub mod analyzer;
pub mod cache;
pub mod export;
pub mod index;
pub mod rank;
pub mod snippet;
mod term_ids;

use index::SearchIndex;
use rank::{Facets, Filters};
use serde::Serialize;

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

/// Results of a query: the first `limit` after filtering, all matches' count and facets.
pub struct Outcome {
    pub results: Vec<SearchResult>,
    pub total: usize,
    pub facets: Facets,
}

/// Runs a query against an index.
pub fn search(index: &SearchIndex, query: &str, filters: &Filters, limit: usize) -> Outcome {
    let q = rank::parse(query, index);
    let hits = rank::rank(index, &q);
    let facets = rank::facets(index, &hits);
    let kept: Vec<&rank::Hit> = hits.iter().filter(|h| filters.keep(index, h.doc)).collect();
    let results = kept
        .iter()
        .take(limit)
        .map(|h| {
            let d = &index.docs[h.doc];
            let section = rank::section_of(index, h.doc, h.off).map(|s| &d.sections[s]);
            let url = match section {
                Some(s) if !s.0.is_empty() => format!("{}#{}", d.path, s.0),
                _ => d.path.clone(),
            };
            let at =
                if h.off > 0 { h.off as usize - 1 } else { section.map_or(0, |s| s.2 as usize) };
            let pieces = snippet::snippet(&d.body, at, &q.words);
            SearchResult {
                url,
                title: d.title.clone(),
                province: d.province.clone(),
                year: d.year,
                doc_type: d.doc_type.clone(),
                number: d.number.clone(),
                section: section.map(|s| s.1.clone()).unwrap_or_default(),
                snippet: snippet::marked(&pieces),
                score: h.score,
                pieces,
            }
        })
        .collect();
    Outcome { results, total: kept.len(), facets }
}
