//! The destination's folders: which ones the output paths need, and making
//! them for a fresh destination while the site renders.
//!
//! On disk a `mkdir` costs 20-30 µs of kernel time here, and 1,000 posts
//! with date permalinks need 2,200 folders: more than the rest of writing.
//! Made after rendering, that time adds to the build. Made beside it, on
//! the same rayon workers, it fills the moments a core would wait (payloads
//! are built on one thread) and shares both cores with rendering.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::dir::Dir;
use crate::url::confine;
use crate::utils::FastHashSet;

/// The folders destination-relative `paths` need.
pub(super) fn needed<'a>(paths: impl ExactSizeIterator<Item = &'a str>) -> FastHashSet<&'a str> {
    // Most paths add a folder or two of their own (`post/index.html`):
    // sized for that, the set is not grown and rehashed a dozen times on
    // the writer's single thread.
    let mut folders = FastHashSet::default();
    folders.reserve(paths.len() * 2);
    for p in paths {
        // By bytes: `match_indices` sets up a searcher for each path.
        let slashes = p.bytes().enumerate().filter(|&(_, b)| b == b'/');
        folders.extend(slashes.map(|(i, _)| &p[..i]));
    }
    folders
}

/// `folders` by depth, parents before their children, each depth in path
/// order, the order files are written in too. In a hash set's order, a
/// journaled ext4 took longer: at 10,000 documents, writing took 0.27-0.31
/// s at 0.9 cores, 0.18-0.22 s in path order (presumably as neighbours
/// share directory and inode blocks).
pub(super) fn by_depth<'a>(folders: impl IntoIterator<Item = &'a str>) -> Vec<Vec<&'a str>> {
    let mut all: Vec<(usize, &str)> = folders.into_iter().map(|f| (depth(f), f)).collect();
    all.sort_unstable();
    all.chunk_by(|a, b| a.0 == b.0)
        .map(|level| level.iter().map(|&(_, f)| f).collect())
        .collect()
}

/// How many folders down `path` is: its `/`s.
pub(super) fn depth(path: &str) -> usize {
    path.bytes().filter(|&b| b == b'/').count()
}

/// Folders made ahead of writing: the destination and, under it, folders
/// each empty and new when made.
#[derive(Debug, Default)]
pub struct Prepared {
    destination: PathBuf,
    made_destination: bool,
    /// Destination-relative.
    made: FastHashSet<String>,
}

/// Makes the folders that files at `paths` (destination-relative, as
/// [`Site::output_paths`](crate::site::Site::output_paths) lists them) will
/// need, if `destination` does not exist yet: only then is every folder
/// new and this build's, so none can meet a file or a symlink in the way
/// (the writer's own checks handle those), and undoing a failed build is
/// removing what was made. Anything that cannot be made is left to the
/// writer, which reports it.
pub fn prepare(destination: &Path, paths: &[String]) -> Prepared {
    let mut prepared = Prepared {
        destination: destination.to_path_buf(),
        ..Prepared::default()
    };
    if fs::symlink_metadata(destination).is_ok() || fs::create_dir(destination).is_err() {
        return prepared;
    }
    prepared.made_destination = true;
    let root = Dir::open(destination);
    let confined: Vec<Cow<'_, str>> = paths.par_iter().map(|p| confine(p)).collect();
    for level in by_depth(needed(confined.iter().map(|p| p.as_ref()))) {
        let made: Vec<&str> = level
            .par_iter()
            .copied()
            .filter(|dir| {
                // Only under folders made here: never into one that was
                // not made (a failure above), whatever it is now.
                dir.rfind('/')
                    .is_none_or(|i| prepared.made.contains(&dir[..i]))
                    && root.create_dir(dir).is_ok()
            })
            .collect();
        prepared.made.extend(made.into_iter().map(str::to_string));
    }
    prepared
}

impl Prepared {
    /// Whether `dir` (destination-relative) was made here.
    pub(super) fn made(&self, dir: &str) -> bool {
        self.made.contains(dir)
    }

    /// The folders made here that `needed` does not want, children first:
    /// they are empty, and the writer removes them.
    /// On both cores: the writer waits for it, and a fresh destination has
    /// thousands of folders to look up.
    pub(super) fn unneeded(&self, needed: &(dyn Fn(&str) -> bool + Sync)) -> Vec<PathBuf> {
        let mut dirs: Vec<&String> = self.made.par_iter().filter(|d| !needed(d)).collect();
        dirs.sort_unstable_by_key(|d| std::cmp::Reverse(depth(d)));
        dirs.into_iter().map(|d| self.destination.join(d)).collect()
    }

    /// After a failed build: removes what was made, leaving no trace of it.
    /// Folders are removed only while empty, never with their contents.
    pub fn undo(self) {
        for dir in self.unneeded(&|_| false) {
            let _ = fs::remove_dir(dir);
        }
        if self.made_destination {
            let _ = fs::remove_dir(&self.destination);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(root: &Path) -> Vec<String> {
        let mut all: Vec<String> = walkdir::WalkDir::new(root)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                e.path().strip_prefix(root).unwrap().display().to_string()
            })
            .collect();
        all.sort();
        all
    }

    #[test]
    fn makes_a_fresh_destinations_folders_and_undoes_them() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("_site");
        let paths = ["a/b/c/index.html", "a/x.html", "top.html", "d/../e/f.html"].map(String::from);
        let prepared = prepare(&dest, &paths);
        assert_eq!(tree(&dest), ["a", "a/b", "a/b/c", "e"]);
        assert!(prepared.made("a/b") && !prepared.made("top.html"));
        prepared.undo();
        assert!(!dest.exists());
        assert_eq!(tree(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn leaves_an_existing_destination_to_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let prepared = prepare(dir.path(), &["a/b.html".to_string()]);
        assert!(!prepared.made("a"));
        assert_eq!(tree(dir.path()), Vec::<String>::new());
        // Undoing removes nothing it did not make.
        prepared.undo();
        assert!(dir.path().is_dir());
    }

    #[test]
    fn undo_never_removes_what_others_put_in_its_folders() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out");
        let prepared = prepare(&dest, &["a/b/c.html".to_string()]);
        fs::write(dest.join("a/keep.txt"), "mine").unwrap();
        prepared.undo();
        assert_eq!(tree(&dest), ["a", "a/keep.txt"]);
    }
}
