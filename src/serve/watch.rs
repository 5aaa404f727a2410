//! File-system events → what changed in the site (content, settings, theme).

use crate::content::discover::is_editor_temp;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::BTreeSet;
use std::path::{Component, Path};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long the watcher waits for a burst of events (temp file + rename) to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// What a batch of file-system events means for the site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Paths under `content/` (relative to the site root, `/`-separated) created, changed or removed.
    pub content: BTreeSet<String>,
    /// `site.yaml` changed.
    pub config: bool,
    /// Something under `themes/` changed.
    pub theme: bool,
}

impl Changes {
    /// Whether nothing the site depends on changed.
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && !self.config && !self.theme
    }

    /// Adds another batch to this one.
    pub fn merge(&mut self, other: Changes) {
        self.content.extend(other.content);
        self.config |= other.config;
        self.theme |= other.theme;
    }
}

/// Sorts changed paths into content, settings and theme changes; hidden and editor temp files are ignored.
pub fn classify<'a>(root: &Path, paths: impl IntoIterator<Item = &'a Path>) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else { continue };
        let parts: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        if parts.is_empty() || parts.iter().any(|p| p.starts_with('.') || is_editor_temp(p)) {
            continue;
        }
        match parts[0].as_str() {
            "content" => {
                changes.content.insert(parts.join("/"));
            }
            "site.yaml" if parts.len() == 1 => changes.config = true,
            "themes" => changes.theme = true,
            _ => {}
        }
    }
    changes
}

/// Whether an event kind can change a file (reads — including our own — are not changes).
pub fn is_change(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_) | EventKind::Other)
}

/// A running watcher; dropping it stops watching.
pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Watches `root` (site.yaml), `root/content` and `root/themes`, sending each debounced batch that matters.
pub fn watch(root: &Path, tx: Sender<Changes>) -> notify::Result<Watcher> {
    let base = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
        let Ok(events) = res else { return };
        let changes = classify(
            &base,
            events
                .iter()
                .filter(|e| is_change(&e.kind))
                .flat_map(|e| e.paths.iter().map(|p| p.as_path())),
        );
        if !changes.is_empty() {
            tx.send(changes).ok();
        }
    })?;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    watch_folders(&mut debouncer, root);
    Ok(debouncer)
}

/// Watches `content/` and `themes/` recursively when they exist: at start, and again when a change
/// names the folder itself (created after start, or deleted and made again).
pub fn watch_folders(watcher: &mut Watcher, root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for dir in ["content", "themes"] {
        let d = root.join(dir);
        if d.is_dir()
            && let Err(e) = watcher.watch(&d, RecursiveMode::Recursive)
        {
            problems.push(format!("{}: {e}", d.display()));
        }
    }
    problems
}

/// Whether `changes` name `content/` or `themes/` themselves (so they may need watching again).
pub fn names_a_folder(changes: &Changes) -> bool {
    changes.content.contains("content") || changes.theme
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn classify_strs(paths: &[&str]) -> Changes {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        classify(Path::new("/site"), paths.iter().map(PathBuf::as_path))
    }

    #[test]
    fn temp_file_then_rename_is_one_content_change() {
        let c = classify_strs(&[
            "/site/content/vinh-long/.17.md.swp",
            "/site/content/vinh-long/17.md~",
            "/site/content/vinh-long/17.md",
        ]);
        assert_eq!(c.content.iter().collect::<Vec<_>>(), vec!["content/vinh-long/17.md"]);
        assert!(!c.config && !c.theme);
    }

    #[test]
    fn settings_theme_and_unrelated_files() {
        let c = classify_strs(&[
            "/site/site.yaml",
            "/site/themes/x/templates/base.html",
            "/site/public/index.html",
            "/elsewhere/content/a.md",
            "/site/.git/index",
        ]);
        assert!(c.config && c.theme);
        assert!(c.content.is_empty());
        assert!(classify_strs(&["/site/public/a.html", "/site/README.md"]).is_empty());
    }

    #[test]
    fn deleted_folder_counts_as_content_change() {
        let c = classify_strs(&["/site/content/kien-giang"]);
        assert!(c.content.contains("content/kien-giang"));
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{
            AccessKind, AccessMode, CreateKind, ModifyKind, RemoveKind, RenameMode,
        };
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(RenameMode::Both))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn merge_accumulates() {
        let mut a = classify_strs(&["/site/content/a.md"]);
        a.merge(classify_strs(&["/site/site.yaml", "/site/content/b.md"]));
        assert_eq!(a.content.len(), 2);
        assert!(a.config);
    }
}
