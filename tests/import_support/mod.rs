//! Helpers shared by the `import_*` tests: run the real binary's `import` and `check`, read a
//! draft's frontmatter.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_banhanh");

/// Runs `banhanh import FILE` and returns its stdout (the draft), asserting success.
pub fn import_file(path: &Path) -> String {
    let out = Command::new(BIN).arg("import").arg(path).output().expect("run banhanh");
    assert!(out.status.success(), "import failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("draft is UTF-8")
}

/// Writes `text` to `dir/name` and imports it.
pub fn import_text(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    import_file(&p)
}

/// The draft's frontmatter.
pub fn frontmatter(draft: &str) -> serde_yaml::Mapping {
    let rest = draft.strip_prefix("---\n").expect("draft starts with ---");
    let end = rest.find("\n---\n").expect("closing fence");
    serde_yaml::from_str(&rest[..end]).expect("frontmatter is YAML")
}

/// A frontmatter value as text, if the key is there.
pub fn value(m: &serde_yaml::Mapping, key: &str) -> Option<String> {
    match m.get(key)? {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        v => Some(format!("{v:?}")),
    }
}

/// A frontmatter value as text, "<absent>" when the key is not there.
pub fn get(m: &serde_yaml::Mapping, key: &str) -> String {
    value(m, key).unwrap_or_else(|| "<absent>".into())
}

/// The (number, date) pairs of `implements`.
pub fn implements(m: &serde_yaml::Mapping) -> Vec<(String, String)> {
    match m.get("implements") {
        Some(serde_yaml::Value::Sequence(items)) => items
            .iter()
            .map(|i| {
                let i = i.as_mapping().expect("implements item is a mapping");
                (get(i, "number"), get(i, "date"))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Runs `banhanh check` on a site holding one draft; returns (success, stderr).
pub fn check_draft(draft: &str) -> (bool, String) {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("content")).unwrap();
    std::fs::write(site.path().join("content/draft.md"), draft).unwrap();
    let out = Command::new(BIN).args(["check", "--root"]).arg(site.path()).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A small deterministic pseudo-random sequence, for tests that mangle input the same way each run.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next number below `n` (0 when `n` is 0).
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}
