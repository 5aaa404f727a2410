//! A value the importer detected, or the TODO that says why it is missing.

/// A detected value, or why it is missing (a `TODO: …` text for the editor).
#[derive(Debug, Clone, PartialEq)]
pub enum Field<T> {
    Found(T),
    Todo(String),
}

impl<T> Field<T> {
    /// The value, when found.
    pub fn found(&self) -> Option<&T> {
        match self {
            Field::Found(v) => Some(v),
            Field::Todo(_) => None,
        }
    }
}
