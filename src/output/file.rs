//! An output file and where rendered files go: the vocabulary every producer of output shares.

/// A rendered output file: path relative to the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Output file path for a site path: `/a/b/` → `a/b/index.html`, `/404.html` → `404.html`.
pub fn file_for(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') { format!("{p}index.html") } else { p.to_string() }
}

/// Where rendered files go, one at a time, from several threads.
pub type Put<'a> = dyn Fn(OutputFile) -> std::io::Result<()> + Sync + 'a;

/// Runs `make` with a [`Put`] that keeps every file in memory, and returns the files.
pub fn collect<E>(make: impl FnOnce(&Put<'_>) -> Result<(), E>) -> Result<Vec<OutputFile>, E> {
    let out = std::sync::Mutex::new(Vec::new());
    let keep = |f: OutputFile| -> std::io::Result<()> {
        out.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    };
    make(&keep)?;
    Ok(out.into_inner().unwrap_or_else(|e| e.into_inner()))
}
