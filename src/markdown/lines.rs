//! Byte offsets of a body mapped to lines of its source file.

/// Maps byte offsets of the body to 1-based lines of the source file.
pub struct LineIndex {
    starts: Vec<usize>,
    first: usize,
}

impl LineIndex {
    /// Lines of `text`, whose first line is line `first` of the file.
    pub fn new(text: &str, first: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first }
    }

    /// The line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.first + self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte offset where the line holding byte `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        self.starts[self.starts.partition_point(|&s| s <= offset) - 1]
    }

    /// Line of a position inside buffered text that began at `start` (soft breaks counted).
    pub fn line_in_text(&self, start: usize, before: &str) -> usize {
        self.line(start) + before.matches('\n').count()
    }
}
