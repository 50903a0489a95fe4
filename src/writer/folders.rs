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

/// The folders destination-relative `paths` need, by depth: parents in an
/// earlier set than their children.
pub(super) fn by_depth<'a>(paths: impl Iterator<Item = &'a str>) -> Vec<FastHashSet<&'a str>> {
    let mut levels: Vec<FastHashSet<&str>> = Vec::new();
    for p in paths {
        for (depth, (i, _)) in p.match_indices('/').enumerate() {
            if levels.len() <= depth {
                levels.push(FastHashSet::default());
            }
            levels[depth].insert(&p[..i]);
        }
    }
    levels
}

/// A set of paths in path order, the order folders and files are made in.
/// In a hash set's order, a journaled ext4 took longer: at 10,000
/// documents, writing took 0.27-0.31 s at 0.9 cores, 0.18-0.22 s in path
/// order (presumably as neighbours share directory and inode blocks).
pub(super) fn in_order<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut paths: Vec<&str> = paths.into_iter().collect();
    paths.sort_unstable();
    paths
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
    for level in by_depth(confined.iter().map(|p| p.as_ref())) {
        let level = in_order(level);
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
    pub(super) fn unneeded(&self, needed: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
        let mut dirs: Vec<&String> = self.made.iter().filter(|d| !needed(d)).collect();
        dirs.sort_unstable_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
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
