//! Content errors with a file, line and column, a plain message and a suggested fix.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the build.
    Error,
    /// Builds, but deserves a look.
    Warning,
}

/// How diagnostics are printed: for people, for programs, or for GitHub Actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `lỗi: content/a.md:3:7: …` and `gợi ý: …` lines.
    #[default]
    Human,
    /// A JSON array of `{file, line, column, severity, message, hint}`.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`).
    Github,
}

/// One problem in one source file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// 1-based line (0 when the whole file is concerned).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    pub message: String,
    /// A likely fix, e.g. `có phải là "Vĩnh Long"?`.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `path:line:column`.
    pub fn error(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `path:line:column`.
    pub fn warning(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, line, column, message) }
    }

    /// The same diagnostic with a suggested fix.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic fails a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        write!(f, "{label}: {}", self.path)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  gợi ý: {help}")?;
        }
        Ok(())
    }
}

/// Every diagnostic of a run, sorted by file and position.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds many diagnostics.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// Number of errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Whether any error is present.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sorts by path, line, column, then message, for stable output.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }
}

/// A diagnostic in the JSON format: stable field names (documented in the README).
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: usize,
    column: usize,
    severity: Severity,
    message: &'a str,
    hint: Option<&'a str>,
}

impl Diagnostics {
    /// Every diagnostic as warnings made errors (`--deny-warnings`).
    pub fn deny_warnings(mut self) -> Self {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
        self
    }

    /// The diagnostics printed in `format`; `prefix` is put before each file path (the site
    /// folder, so that paths are relative to where the command ran).
    pub fn to_format(&self, format: Format, prefix: &str) -> String {
        let file = |d: &Diagnostic| join_path(prefix, &d.path);
        match format {
            Format::Human => self.to_string(),
            Format::Json => {
                let items: Vec<JsonDiagnostic<'_>> = self
                    .0
                    .iter()
                    .map(|d| JsonDiagnostic {
                        file: file(d),
                        line: d.line,
                        column: d.column,
                        severity: d.severity,
                        message: &d.message,
                        hint: d.help.as_deref(),
                    })
                    .collect();
                let mut out = serde_json::to_string_pretty(&items).expect("diagnostics serialise");
                out.push('\n');
                out
            }
            Format::Github => self.0.iter().map(|d| github_command(d, &file(d))).collect(),
        }
    }
}

/// `prefix/path`, without a leading `./`.
fn join_path(prefix: &str, path: &str) -> String {
    let prefix = prefix.trim_start_matches("./").trim_end_matches('/');
    if prefix.is_empty() || prefix == "." { path.to_string() } else { format!("{prefix}/{path}") }
}

/// One GitHub Actions workflow command, escaped as the runner expects.
fn github_command(d: &Diagnostic, file: &str) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = format!("file={}", github_property(file));
    if d.line > 0 {
        props.push_str(&format!(",line={}", d.line));
        if d.column > 0 {
            props.push_str(&format!(",col={}", d.column));
        }
    }
    let title = match d.severity {
        Severity::Error => "banhanh: lỗi",
        Severity::Warning => "banhanh: cảnh báo",
    };
    props.push_str(&format!(",title={}", github_property(title)));
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!("\ngợi ý: {h}"));
    }
    format!("::{kind} {props}::{}\n", github_data(&message))
}

/// A workflow command's message: `%`, CR and LF escaped.
fn github_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,` escaped.
fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}
