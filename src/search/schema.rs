//! The tantivy schema of the search index, and the ranking constants both rankers use.

use super::analyzer::{TOKENIZER_NAME, TermKind};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// The searched text fields, in the order scores are added up (and exported).
pub const TEXT_FIELDS: [&str; 6] = ["body", "title", "number", "province", "type", "year"];
/// Index of the body among [`TEXT_FIELDS`].
pub const BODY: usize = 0;
/// Index of the title among [`TEXT_FIELDS`].
pub const TITLE: usize = 1;
/// Index of the document number among [`TEXT_FIELDS`].
pub const NUMBER: usize = 2;

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Site path of the document (raw term, for deleting it; fast and stored).
    pub path: Field,
    /// Hash of everything indexed of the document, to tell edited documents (fast).
    pub hash: Field,
    /// The analysed text fields, as [`TEXT_FIELDS`]; all with positions, title and number stored.
    pub text: [Field; 6],
    /// Facet values, raw (fast and stored).
    pub province: Field,
    pub doc_type: Field,
    pub year: Field,
    /// Sections as JSON `[[anchor, heading, start byte, start word], …]` (stored and fast).
    pub sections: Field,
}

impl Fields {
    /// The schema and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let text = TextOptions::default().set_indexing_options(indexing);
        let stored = text.clone().set_stored();
        let path = b.add_text_field("path", STRING | STORED | FAST);
        let hash = b.add_u64_field("hash", FAST);
        let text = [
            b.add_text_field(TEXT_FIELDS[0], stored.clone()),
            b.add_text_field(TEXT_FIELDS[1], stored.clone()),
            b.add_text_field(TEXT_FIELDS[2], stored),
            b.add_text_field(TEXT_FIELDS[3], text.clone()),
            b.add_text_field(TEXT_FIELDS[4], text.clone()),
            b.add_text_field(TEXT_FIELDS[5], text),
        ];
        let province = b.add_text_field("province_value", STRING | STORED | FAST);
        let doc_type = b.add_text_field("type_value", STRING | STORED | FAST);
        let year = b.add_i64_field("year_value", STORED | FAST);
        let sections = b.add_text_field("sections", STORED | FAST);
        let fields = Fields { path, hash, text, province, doc_type, year, sections };
        (b.build(), fields)
    }
}

/// Ranking constants, exported with the index so the browser client ranks with the same numbers.
/// tantivy's BM25 supplies k1 = 1.2 and b = 0.75; a clause's boost is its term kind's weight
/// times its field's boost.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Params {
    /// Boost of a match in each of [`TEXT_FIELDS`].
    pub field_boost: [f32; 6],
    /// Weight of a folded syllable, an exact-diacritic form, a bigram, a whole number.
    pub kind_weight: [f32; 4],
    /// Dictionary words the last, unfinished word of a query typed so far stands for.
    pub prefix_words: usize,
    /// Largest edit distance (after folding) of a suggested word.
    pub suggest_distance: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            field_boost: [1.0, 3.0, 6.0, 3.0, 3.0, 3.0],
            kind_weight: [1.0, 0.5, 1.0, 2.0],
            prefix_words: 6,
            suggest_distance: 2,
        }
    }
}

impl Params {
    /// Boost of a clause: a term of `kind` matched in text field `field`.
    pub fn boost(&self, kind: TermKind, field: usize) -> f32 {
        self.kind_weight[kind_index(kind)] * self.field_boost[field]
    }
}

/// Position of a kind in [`Params::kind_weight`]; also its rank when choosing which term's first
/// occurrence a snippet shows (numbers first, then bigrams, exact forms, syllables).
pub fn kind_index(kind: TermKind) -> usize {
    match kind {
        TermKind::Folded => 0,
        TermKind::Exact => 1,
        TermKind::Bigram => 2,
        TermKind::Number => 3,
    }
}
