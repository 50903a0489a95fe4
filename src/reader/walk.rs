//! The file-system side of reading: walking folders as Jekyll's globs list
//! them, and reading files with as few system calls as will do.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use super::EntryFilter;
use crate::dir::Dir;

/// A whole source file. `fs::read` first asks the file's size, a system
/// call per file (a tenth of a small build's); a source is small, so a
/// buffer of a usual size and a read until the end make do without it.
/// `source` opens it, if it lies there ([`Dir::open_file`]).
pub(super) fn read_file(source: &Dir, path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_rest(source.open_file(path)?, &mut bytes)?;
    Ok(bytes)
}

/// Appends what is left of `file` to `bytes`, with room for a usual
/// source made first. Through `take`, as a plain reader:
/// `File::read_to_end` would fstat.
fn read_rest(file: fs::File, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    bytes.reserve(16 * 1024);
    file.take(u64::MAX).read_to_end(bytes)?;
    Ok(())
}

/// A source file's bytes if it starts with front matter, `None` for a
/// static file. Jekyll tells them apart by the first line; one open serves
/// both that check and the read, where a second open per page or document
/// cost a sixth of reading a collection's system calls. A static file's
/// first bytes are all that is read of it.
pub(super) fn read_if_front_matter(source: &Dir, path: &Path) -> Result<Option<Vec<u8>>> {
    use std::io::Read;
    let reading = || format!("reading {}", path.display());
    let mut f = source.open_file(path).with_context(reading)?;
    let mut bytes = vec![0; 512];
    let n = f.read(&mut bytes).with_context(reading)?;
    bytes.truncate(n);
    if !super::front_matter::has_yaml_header(&bytes) {
        return Ok(None);
    }
    read_rest(f, &mut bytes).with_context(reading)?;
    Ok(Some(bytes))
}

/// Jekyll skips a symlink leading outside the source in safe mode without
/// a word; hyde says which and why, so a page missing on GitHub Pages is
/// not a mystery.
pub(crate) fn warn_skipped_symlink(warnings: &std::sync::Mutex<Vec<String>>, path: &Path) {
    warnings
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(format!(
            "{}: skipped in safe mode, a symlink that leads outside the source",
            path.display()
        ));
}

/// Files under `root` as `Dir.glob("**/*")` lists them (sorted, depth
/// first), relative to `root`, minus what the entry filter rejects.
/// `rel_base` is `root`'s source-relative path, for exclude patterns;
/// `dotmatch` also lists dot files and enters dot folders (`FNM_DOTMATCH`).
pub(crate) fn walk_files(
    root: &Path,
    filter: &EntryFilter,
    rel_base: &str,
    dotmatch: bool,
    warnings: &std::sync::Mutex<Vec<String>>,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    if !root.is_dir() {
        return Ok(out);
    }
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let entries =
            fs::read_dir(&dir).with_context(|| format!("reading directory {}", dir.display()))?;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && !dotmatch {
                continue;
            }
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let path = entry.path();
            if filter.unsafe_symlink(&path) {
                warn_skipped_symlink(warnings, &path);
                continue;
            }
            // The entry's type comes with the listing; only a symlink needs
            // a stat to learn what it leads to.
            let file_type = entry.file_type()?;
            let is_dir = if file_type.is_symlink() {
                path.is_dir()
            } else {
                file_type.is_dir()
            };
            if is_dir {
                stack.push((path, rel));
            } else if !filter.rejects(rel_base, &rel, false) {
                out.push(rel);
            }
        }
    }
    sort_as_glob(&mut out);
    Ok(out)
}

/// Folder by folder, as Dir.glob lists paths: compared component by
/// component. The bytes with `/` ranked below every other byte order them
/// the same way, without splitting each path per comparison.
fn sort_as_glob(paths: &mut [String]) {
    let key = |b: u8| if b == b'/' { 0 } else { b };
    paths.sort_by(|a, b| a.bytes().map(key).cmp(b.bytes().map(key)));
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_component_by_component() {
        let mut paths = ["a-c", "a/b", "ab", "a", "a/b/c", "a.md"].map(String::from);
        super::sort_as_glob(&mut paths);
        let mut by_split = paths.clone();
        by_split.sort_by(|a, b| a.split('/').cmp(b.split('/')));
        assert_eq!(paths, by_split);
        assert_eq!(paths, ["a", "a/b", "a/b/c", "a-c", "a.md", "ab"]);
    }
}
