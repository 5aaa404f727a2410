//! What the rebuild makes of the lines: paragraphs, with the numbering each opens with, and
//! tables, in source order.

use super::tables::Table;

/// The numbering or opening word a line starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// "I.", "II-"
    Roman,
    /// "1.", "1.2." with its depth (1, 2…)
    Number(u8),
    /// "a)", "đ)"
    Letter,
    /// "(1)"
    Paren,
    /// "- ", "+ ", "• "
    Dash,
    /// Any other line that always opens a new paragraph ("Căn cứ", "Nơi nhận:", "Điều 1.", "TM.", bold).
    Opening,
}

/// A paragraph joined from one or more source lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    /// 1-based source line of its first line.
    pub line: usize,
    pub marker: Option<Marker>,
}

/// A paragraph or a table, in source order.
#[derive(Debug, Clone, PartialEq)]
pub enum Chunk {
    Text(Piece),
    Table(Table),
}
