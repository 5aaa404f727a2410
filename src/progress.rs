//! Where a long build is: the stages a progress bar can show (the library prints nothing itself).

/// A stage of `build` or `check`, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading, checking and rendering the content files (one step per file).
    Read,
    /// Making the search index.
    Search,
    /// Rendering the pages (one step per page).
    Pages,
    /// Checking every internal link.
    Links,
    /// Putting the new output folder in place.
    Write,
}

/// Told of each stage and each step done, from any thread.
pub trait Progress: Sync {
    /// A stage begins, with its number of steps when known.
    fn stage(&self, _stage: Stage, _steps: Option<u64>) {}
    /// `n` more steps of the current stage are done.
    fn advance(&self, _n: u64) {}
}

/// No progress shown.
impl Progress for () {}
