//! The unit the cleaning steps and the rebuild read: one line of the scraped text.

/// One line of the cleaned text with its 1-based line number in the scraped file.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    pub no: usize,
    pub text: String,
}
