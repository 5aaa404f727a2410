//! The statistics BM25 is computed from, over the live documents only, so an index that had
//! documents deleted and added again scores exactly like one made from scratch (tantivy's own
//! statistics count deleted documents until a merge, and merges estimate token totals).

use super::schema::Fields;
use std::collections::HashMap;
use std::sync::Mutex;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, TERMINATED, Term};

/// Live documents, token totals per text field, and document frequencies (computed on demand).
pub struct Stats<'a> {
    searcher: &'a Searcher,
    docs: u64,
    /// Sum over live documents of each text field's length as tantivy's fieldnorm stores it.
    tokens: HashMap<Field, u64>,
    doc_freqs: Mutex<HashMap<Term, u64>>,
}

impl<'a> Stats<'a> {
    /// The statistics of `searcher`'s live documents.
    pub fn new(searcher: &'a Searcher, fields: &Fields) -> tantivy::Result<Stats<'a>> {
        let mut tokens: HashMap<Field, u64> = fields.text.iter().map(|f| (*f, 0)).collect();
        let mut docs = 0;
        for seg in searcher.segment_readers() {
            docs += u64::from(seg.num_docs());
            for f in &fields.text {
                let norms = seg.get_fieldnorms_reader(*f)?;
                let sum: u64 = seg.doc_ids_alive().map(|d| u64::from(norms.fieldnorm(d))).sum();
                *tokens.entry(*f).or_default() += sum;
            }
        }
        Ok(Stats { searcher, docs, tokens, doc_freqs: Mutex::new(HashMap::new()) })
    }

    /// Number of live documents.
    pub fn docs(&self) -> u64 {
        self.docs
    }

    /// Token total of a text field.
    pub fn tokens(&self, field: Field) -> u64 {
        self.tokens.get(&field).copied().unwrap_or(0)
    }

    /// Number of live documents holding `term`.
    pub fn live_doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.doc_freqs.lock().unwrap_or_else(|e| e.into_inner()).get(term) {
            return Ok(n);
        }
        let mut n = 0u64;
        for seg in self.searcher.segment_readers() {
            let inverted = seg.inverted_index(term.field())?;
            match seg.alive_bitset() {
                None => n += u64::from(inverted.doc_freq(term)?),
                Some(alive) => {
                    if let Some(mut p) = inverted.read_postings(term, IndexRecordOption::Basic)? {
                        while p.doc() != TERMINATED {
                            n += u64::from(alive.is_alive(p.doc()));
                            p.advance();
                        }
                    }
                }
            }
        }
        self.doc_freqs.lock().unwrap_or_else(|e| e.into_inner()).insert(term.clone(), n);
        Ok(n)
    }
}

impl Bm25StatisticsProvider for Stats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Ok(self.tokens(field))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.live_doc_freq(term)
    }
}

/// tantivy's BM25 inverse document frequency (f32, as `tantivy::query::Bm25Weight` computes it).
pub fn idf(doc_freq: u64, docs: u64) -> f32 {
    let x = ((docs - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// [`idf`] as the browser computes it: the logarithm in f64, rounded to f32. Where the two differ
/// (the f32 logarithm is not always correctly rounded) the export sends tantivy's value.
pub fn idf_as_browser(doc_freq: u64, docs: u64) -> f32 {
    let x = ((docs - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    f64::from(1.0 + x).ln() as f32
}

/// The lengths tantivy's fieldnorm ids stand for (the browser holds the same table).
pub fn fieldnorm_table() -> [u32; 256] {
    std::array::from_fn(|id| FieldNormReader::id_to_fieldnorm(id as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser scores with the same table (in the search page's engine).
    #[test]
    fn the_browser_holds_tantivys_fieldnorm_table() {
        let js = include_str!("../../themes/default/templates/search-engine.js");
        let start = js.find("var FIELDNORMS = [").expect("the table") + "var FIELDNORMS = [".len();
        let end = start + js[start..].find(']').expect("its end");
        let values: Vec<u32> =
            js[start..end].split(',').map(|v| v.trim().parse().expect("a number")).collect();
        assert_eq!(values, fieldnorm_table());
    }

    /// Where the f32 logarithm and the browser's rounded f64 one differ, the export must say so;
    /// both are tantivy's formula otherwise.
    #[test]
    fn the_two_idfs_agree_but_for_rounding() {
        for n in [1u64, 7, 1000, 20_000] {
            for df in (0..=n).step_by((n as usize / 500).max(1)) {
                let (a, b) = (idf(df, n), idf_as_browser(df, n));
                assert!((a - b).abs() <= f32::EPSILON * a.abs().max(1.0), "{df}/{n}: {a} {b}");
            }
        }
    }
}
