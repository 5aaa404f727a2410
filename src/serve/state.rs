//! The served site: one value shared by the HTTP handlers and the rebuild loop (no global state).

use super::incremental::Files;
use serde::Serialize;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// What the server currently serves: the files of the last good build and the current error, if any.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Output files of the last good build.
    pub files: Files,
    /// Diagnostics of the last failed rebuild, shown over every page until a rebuild succeeds.
    pub error: Option<String>,
}

/// A message to open pages, sent as a server-sent event.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Event {
    /// A rebuild succeeded; pages at these site paths changed (and must reload).
    Reload { paths: Vec<String> },
    /// A rebuild failed with this message (shown in the overlay).
    BuildError { message: String },
}

/// The state passed to every handler.
pub struct ServeState {
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<Event>,
}

impl Default for ServeState {
    fn default() -> Self {
        ServeState {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            events: broadcast::channel(64).0,
        }
    }
}

impl ServeState {
    /// What is served right now.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.read().map_or_else(|e| e.into_inner().clone(), |s| s.clone())
    }

    /// Swaps in a new snapshot and tells open pages.
    pub fn publish(&self, snapshot: Snapshot, event: Event) {
        match self.snapshot.write() {
            Ok(mut s) => *s = Arc::new(snapshot),
            Err(e) => *e.into_inner() = Arc::new(snapshot),
        }
        self.events.send(event).ok();
    }

    /// Keeps the files but sets (or clears) the error, and tells open pages.
    pub fn set_error(&self, message: String) {
        let current = self.snapshot();
        let snapshot = Snapshot { files: current.files.clone(), error: Some(message.clone()) };
        self.publish(snapshot, Event::BuildError { message });
    }

    /// Receives every later event.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }
}
