//! Watching the source: file events, debounced into change sets (an
//! editor's write-rename dance or a `git checkout` is one set), with the
//! destination, `.git`, caches, editor droppings and excluded paths left out.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

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
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    pub events: Receiver<DebounceEventResult>,
}

/// Watches `source` recursively; events arrive once `quiet` has passed
/// without new ones.
pub fn start(source: &Path, quiet: Duration) -> Result<Watch> {
    let (tx, rx) = std::sync::mpsc::channel();
    let tick = (quiet / 4).max(Duration::from_millis(2));
    let mut debouncer = new_debouncer(quiet, Some(tick), tx).context("starting the watcher")?;
    debouncer
        .watch(source, RecursiveMode::Recursive)
        .with_context(|| format!("watching {}", source.display()))?;
    Ok(Watch {
        _debouncer: debouncer,
        events: rx,
    })
}

/// The relevant paths of a batch of events, deduplicated.
pub fn paths(result: DebounceEventResult, ignore: &Ignore) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match result {
        Ok(events) => events
            .into_iter()
            .filter(|e| !e.kind.is_access())
            .flat_map(|e| e.event.paths)
            .filter(|p| !ignore.ignored(p))
            .collect(),
        Err(errors) => {
            for e in errors {
                eprintln!("{:>19} {e}", "Watch error:");
            }
            Vec::new()
        }
    };
    out.sort();
    out.dedup();
    out
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
