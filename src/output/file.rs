//! An output file and where rendered files go: the vocabulary every producer of output shares.

/// A rendered output file: path relative to the output folder, its bytes, and what made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder (`kien-giang/index.html`).
    pub path: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
    /// What made it, so a broken link in it is reported where it was written.
    pub origin: Origin,
}

/// What made an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A page rendered by `template`; `document` when it is that document's page (its body is the
    /// editor's text).
    Page {
        /// The theme template.
        template: &'static str,
        /// Index of the document in `Site::documents`.
        document: Option<usize>,
    },
    /// A file made from the whole site (sitemap, feeds, open data, search index).
    SiteFile,
    /// A static file of the theme.
    Asset,
}

impl OutputFile {
    /// A file made from the whole site.
    pub fn site_file(path: impl Into<String>, bytes: Vec<u8>) -> OutputFile {
        OutputFile { path: path.into(), bytes, origin: Origin::SiteFile }
    }
}

/// Where rendered files go, one at a time, from several threads.
pub type Put<'a> = dyn Fn(OutputFile) -> std::io::Result<()> + Sync + 'a;

/// Runs `make` with a [`Put`] that keeps every file in memory, and returns the files by path.
pub fn collect<E>(make: impl FnOnce(&Put<'_>) -> Result<(), E>) -> Result<Vec<OutputFile>, E> {
    let out = std::sync::Mutex::new(Vec::new());
    let keep = |f: OutputFile| -> std::io::Result<()> {
        out.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    };
    make(&keep)?;
    let mut files = out.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
