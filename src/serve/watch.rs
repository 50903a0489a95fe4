//! Watching the source: file events, gathered into change sets (an
//! editor's write-rename dance or a `git checkout` is one set), with the
//! destination, `.git`, caches, editor droppings and excluded paths left out.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::reader::EntryFilter;

/// Which paths never trigger a rebuild.
#[derive(Debug, Clone)]
pub struct Ignore {
    pub source: PathBuf,
    pub destination: PathBuf,
    pub filter: EntryFilter,
}

impl Ignore {
    pub fn ignored(&self, path: &Path) -> bool {
        if path.starts_with(&self.destination) {
            return true;
        }
        let Ok(rel) = path.strip_prefix(&self.source) else {
            return true;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.is_empty() {
            return true;
        }
        let parts: Vec<&str> = rel.split('/').collect();
        if parts.iter().any(|p| {
            matches!(
                *p,
                ".git" | ".jekyll-cache" | ".sass-cache" | ".hg" | ".svn"
            )
        }) {
            return true;
        }
        let name = parts.last().copied().unwrap_or("");
        if name.ends_with('~')
            || name.starts_with(".#")
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name == "4913"
            || name.contains(".hyde-")
        {
            return true;
        }
        (1..=parts.len()).any(|n| {
            let prefix = parts[..n].join("/");
            self.filter.excluded(&prefix, n < parts.len())
        })
    }
}

/// A running watcher; dropping it stops the events.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// How long to wait after an event for more of the same save.
    gap: Duration,
}

/// The longest a change set keeps growing (a long `git checkout`).
const CAP: Duration = Duration::from_millis(500);
/// The longest it waits for a file being written to be closed.
const OPEN_CAP: Duration = Duration::from_secs(2);

/// Watches `source` recursively.
pub fn start(source: &Path, gap: Duration) -> Result<Watch> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("starting the watcher")?;
    watcher
        .watch(source, RecursiveMode::Recursive)
        .with_context(|| format!("watching {}", source.display()))?;
    Ok(Watch {
        _watcher: watcher,
        events: rx,
        gap,
    })
}

impl Watch {
    /// Blocks until a relevant change, then gathers the rest of the burst:
    /// events keep joining while each follows the last within the gap (a
    /// single file's finished write, `close` after `write`, needs only a
    /// short one). No
    /// fixed debounce delay: a save is picked up as soon as it is complete,
    /// and whatever arrives during the rebuild is the next set. `None` once
    /// the watcher is gone.
    pub fn next(&self, ignore: &Ignore) -> Option<Vec<PathBuf>> {
        let mut burst = Burst::default();
        let mut quiet = loop {
            let event = self.events.recv().ok()?;
            if let Some(q) = self.take(event, ignore, &mut burst) {
                break q;
            }
        };
        let began = Instant::now();
        loop {
            // A file still open for writing is not read half-written: wait
            // for its close (up to OPEN_CAP: a bare truncate never closes).
            let cap = if burst.open.is_empty() { CAP } else { OPEN_CAP };
            if began.elapsed() >= cap {
                break;
            }
            match self.events.recv_timeout(quiet) {
                Ok(event) => {
                    if let Some(q) = self.take(event, ignore, &mut burst) {
                        quiet = q;
                    }
                }
                Err(RecvTimeoutError::Timeout) if burst.open.is_empty() => break,
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        let mut paths = burst.paths;
        paths.sort();
        paths.dedup();
        Some(paths)
    }

    /// Adds an event's relevant paths; returns how long to wait for more,
    /// or `None` if the event was irrelevant.
    fn take(
        &self,
        event: notify::Result<Event>,
        ignore: &Ignore,
        burst: &mut Burst,
    ) -> Option<Duration> {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{:>19} {e}", "Watch error:");
                return None;
            }
        };
        let closed = matches!(
            event.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
        );
        if event.kind.is_access() && !closed {
            return None;
        }
        let relevant: Vec<PathBuf> = event
            .paths
            .into_iter()
            .filter(|p| !ignore.ignored(p))
            .collect();
        if relevant.is_empty() {
            return None;
        }
        let writing = matches!(
            event.kind,
            EventKind::Modify(ModifyKind::Data(_)) | EventKind::Create(CreateKind::File)
        );
        for p in &relevant {
            if writing {
                burst.open.insert(p.clone());
            } else if closed
                || matches!(
                    event.kind,
                    EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
                )
            {
                burst.open.remove(p);
            }
        }
        burst.paths.extend(relevant);
        // A single file closed after writing is a finished save; anything
        // more (a checkout, a new folder) may still be going on.
        let one_file = burst.paths.iter().all(|p| p == &burst.paths[0]);
        Some(if closed && one_file {
            (self.gap / 5).max(Duration::from_millis(1))
        } else {
            self.gap
        })
    }
}

/// The events of one save or burst so far.
#[derive(Default)]
struct Burst {
    paths: Vec<PathBuf>,
    /// Files written to and not yet closed.
    open: HashSet<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_what_jekyll_ignores() {
        let ig = Ignore {
            source: "/s".into(),
            destination: "/s/_site".into(),
            filter: EntryFilter::new(vec![], vec!["vendor".into(), "notes/*.md".into()]),
        };
        for p in [
            "/s/_site/index.html",
            "/s/.git/index",
            "/s/vendor/x.js",
            "/s/notes/a.md",
            "/s/_posts/a.md~",
            "/s/.#a.md",
            "/s/_posts/.a.md.swp",
            "/elsewhere/a.md",
        ] {
            assert!(ig.ignored(Path::new(p)), "{p}");
        }
        for p in [
            "/s/index.md",
            "/s/_posts/2020-01-01-a.md",
            "/s/_layouts/x.html",
        ] {
            assert!(!ig.ignored(Path::new(p)), "{p}");
        }
    }
}
