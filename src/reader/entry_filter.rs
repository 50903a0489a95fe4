//! Which directory entries Jekyll reads: `exclude`, `include`, and the
//! special leading characters (`.`, `_`, `#`, `~`) and backup files (`~`),
//! and in safe mode symlinks that lead outside the source.

use std::path::{Path, PathBuf};

/// `include`/`exclude` lists and the rule for entries of one directory.
#[derive(Debug, Clone)]
pub struct EntryFilter {
    include: Vec<String>,
    /// `include` and `exclude - include` (as Jekyll compares them), each
    /// pattern without its leading slashes, trimmed once rather than for
    /// every entry read.
    include_patterns: Vec<String>,
    exclude_patterns: Vec<String>,
    /// In safe mode, the source's real path: symlinks leading outside it
    /// are skipped.
    safe_source: Option<PathBuf>,
}

impl EntryFilter {
    pub fn new(include: Vec<String>, exclude: Vec<String>) -> EntryFilter {
        let unrooted = |p: &String| p.trim_start_matches('/').to_string();
        let exclude_patterns = exclude
            .iter()
            .filter(|e| !include.contains(e))
            .map(unrooted)
            .collect();
        EntryFilter {
            include_patterns: include.iter().map(unrooted).collect(),
            include,
            exclude_patterns,
            safe_source: None,
        }
    }

    /// Jekyll's safe mode for this source.
    pub fn safe(mut self, source: &Path) -> EntryFilter {
        self.safe_source = Some(
            source
                .canonicalize()
                .unwrap_or_else(|_| source.to_path_buf()),
        );
        self
    }

    /// Jekyll's `EntryFilter#symlink?`: in safe mode, a symlink whose target
    /// is outside the source (or missing).
    pub fn unsafe_symlink(&self, path: &Path) -> bool {
        self.safe_source
            .as_ref()
            .is_some_and(|root| leads_outside(path, root))
    }

    /// Whether to skip `entry`, a name (or slash-separated path) inside the
    /// directory `base` (source-relative, `""` for the source itself).
    /// `is_dir` tells whether the entry is a directory.
    pub fn rejects(&self, base: &str, entry: &str, is_dir: bool) -> bool {
        if entry.ends_with('.') {
            return true;
        }
        let basename = entry.rsplit('/').next().unwrap_or(entry);
        let included = glob_include(&self.include_patterns, entry, is_dir)
            || glob_include(&self.include_patterns, basename, is_dir);
        if included {
            return false;
        }
        let excluded = if base.is_empty() {
            glob_include(&self.exclude_patterns, entry, is_dir)
        } else {
            let rel = format!("{}/{entry}", base.trim_matches('/'));
            glob_include(&self.exclude_patterns, &rel, is_dir)
        };
        if excluded {
            return true;
        }
        special(entry) || special(basename) || entry.ends_with('~')
    }

    /// Whether a source-relative path is excluded (used for `include:` files
    /// read on their own and for the destination guard).
    pub fn excluded(&self, rel: &str, is_dir: bool) -> bool {
        glob_include(&self.exclude_patterns, rel, is_dir)
    }

    pub fn include_list(&self) -> &[String] {
        &self.include
    }
}

/// Whether `path` is a symlink whose target is missing or outside `root`
/// (a real path).
pub fn leads_outside(path: &Path, root: &Path) -> bool {
    path.is_symlink() && !path.canonicalize().is_ok_and(|real| real.starts_with(root))
}

fn special(name: &str) -> bool {
    name.starts_with(['.', '_', '#', '~'])
}

/// Jekyll's `glob_include?` on source-relative paths: `fnmatch`, or a plain
/// string prefix (so `src` also excludes `src2`), or `dir/` naming a directory.
/// Jekyll roots both sides with one `/`; `patterns` come without it, and
/// `rel` is compared without it too: that leading byte only matches itself,
/// and no string is made per entry.
fn glob_include(patterns: &[String], rel: &str, is_dir: bool) -> bool {
    if patterns.is_empty() {
        return false;
    }
    let entry = rel.trim_start_matches('/');
    patterns.iter().any(|pattern| {
        fnmatch(pattern.as_bytes(), entry.as_bytes())
            || entry.starts_with(pattern)
            || (is_dir
                && pattern.len() == entry.len() + 1
                && pattern.starts_with(entry)
                && pattern.ends_with('/'))
    })
}

/// Ruby's `File.fnmatch?` without flags: `*` matches anything, `/` included.
pub fn fnmatch(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let (mut star, mut star_s) = (None, 0);
    while si < s.len() {
        if pi < p.len() {
            match p[pi] {
                b'*' => {
                    star = Some(pi);
                    star_s = si;
                    pi += 1;
                    continue;
                }
                b'?' => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                b'[' => {
                    if let Some((matched, next)) = class(p, pi, s[si]) {
                        if matched {
                            pi = next;
                            si += 1;
                            continue;
                        }
                    } else if s[si] == b'[' {
                        pi += 1;
                        si += 1;
                        continue;
                    }
                }
                b'\\' if pi + 1 < p.len() && p[pi + 1] == s[si] => {
                    pi += 2;
                    si += 1;
                    continue;
                }
                c if c == s[si] => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some(sp) => {
                pi = sp + 1;
                star_s += 1;
                si = star_s;
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// A `[...]` class at `p[start]`: (matched, index after `]`), or None if unclosed.
fn class(p: &[u8], start: usize, c: u8) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negate = matches!(p.get(i), Some(b'!') | Some(b'^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < p.len() && (p[i] != b']' || first) {
        first = false;
        if i + 2 < p.len() && p[i + 1] == b'-' && p[i + 2] != b']' {
            if p[i] <= c && c <= p[i + 2] {
                matched = true;
            }
            i += 3;
        } else {
            if p[i] == c {
                matched = true;
            }
            i += 1;
        }
    }
    if i >= p.len() {
        return None;
    }
    Some((matched != negate, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> EntryFilter {
        EntryFilter::new(
            include.iter().map(|s| s.to_string()).collect(),
            exclude.iter().map(|s| s.to_string()).collect(),
        )
    }

    #[test]
    fn special_and_backup_files() {
        let f = filter(&[".htaccess"], &[]);
        for (entry, rejected) in [
            ("_drafts", true),
            (".git", true),
            ("#tmp", true),
            ("notes.md~", true),
            (".htaccess", false),
            ("about.md", false),
        ] {
            assert_eq!(f.rejects("", entry, false), rejected, "{entry}");
        }
    }

    #[test]
    fn exclude_globs_and_prefixes() {
        let f = filter(
            &["_pages"],
            &["src", "*.rs", "vendor/bundle/", "docs/*.txt"],
        );
        assert!(f.rejects("", "src", true));
        assert!(
            f.rejects("", "src2", true),
            "Jekyll compares string prefixes"
        );
        assert!(f.rejects("deep/er", "main.rs", false), "* crosses slashes");
        assert!(f.rejects("vendor", "bundle", true));
        assert!(f.rejects("docs", "a.txt", false));
        assert!(!f.rejects("docs", "a.md", false));
        assert!(!f.rejects("", "_pages", true));
        assert!(
            !f.rejects("x", "_pages", true),
            "include matches names at any depth"
        );
    }

    #[test]
    fn fnmatch_classes() {
        assert!(fnmatch(b"/a[bc]d", b"/acd"));
        assert!(!fnmatch(b"/a[!bc]d", b"/acd"));
        assert!(fnmatch(b"/f?o*", b"/foo/bar"));
    }
}
