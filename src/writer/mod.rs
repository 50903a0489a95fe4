//! Writing the destination: every rendered file (atomically, and only when
//! its bytes changed), then Jekyll's `Cleaner`: whatever this build did not
//! write goes, except `keep_files`.
//!
//! Everything is rendered before the first byte is written, so a build that
//! fails leaves the previous destination as it was. Only a fresh
//! destination's folders are made earlier, beside rendering
//! ([`folders`]), and removed again if rendering fails.

use std::borrow::Cow;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::dir::Dir;
use crate::url::confine;
use crate::utils::{FastHashMap, FastHashSet};

mod folders;
pub use folders::{prepare, Prepared};

/// A file of the destination.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Destination-relative path, `/`-separated.
    pub path: String,
    /// The source file it comes from, for clash warnings.
    pub origin: String,
    pub contents: Contents,
}

#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(std::sync::Arc<[u8]>),
    /// A static file, copied.
    Copy(PathBuf),
    /// A static file that is a symlink, written as a symlink with this link
    /// text: Jekyll's `FileUtils.copy_entry` outside safe mode and production.
    Link(PathBuf),
}

/// Refuses a destination that is, or contains, the source (Jekyll's rule),
/// the home folder, or that is the file-system root.
pub fn check_destination(source: &Path, destination: &Path) -> Result<()> {
    if destination.parent().is_none() {
        bail!(
            "Destination directory cannot be the file-system root: {}",
            destination.display()
        );
    }
    if source.starts_with(destination) {
        bail!("Destination directory cannot be or contain the Source directory.");
    }
    // Jekyll would clean the home folder of everything it did not write.
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        if Path::new(&home).starts_with(destination) {
            bail!(
                "Destination directory cannot be or contain your home folder: {}",
                destination.display()
            );
        }
    }
    Ok(())
}

/// Writes `files` under `destination` and removes what is obsolete.
/// Returns the clash warnings (two sources, one destination path); the
/// later file in `files` wins, as the later write does in Jekyll. The
/// folders in `prepared` are taken as made.
pub fn write(
    source: &Path,
    destination: &Path,
    files: &[OutputFile],
    keep_files: &[String],
    prepared: &Prepared,
) -> Result<Vec<String>> {
    check_destination(source, destination)?;
    use rayon::prelude::*;
    // Output paths come confined already; this guards every caller. The
    // tables below are hashed, not ordered: made on one thread while the
    // other core waits, ordered ones cost a millisecond per 1,000 files.
    let confined: Vec<Cow<'_, str>> = files.par_iter().map(|f| confine(&f.path)).collect();
    // Each destination path and the file written there: the later one.
    let mut by_path: FastHashMap<&str, usize> = FastHashMap::default();
    by_path.reserve(files.len());
    let mut clashes: Vec<&str> = Vec::new();
    for (i, (f, rel)) in files.iter().zip(&confined).enumerate() {
        if rel.is_empty() {
            bail!(
                "{}: its URL names the destination folder itself, not a file in it",
                f.origin
            );
        }
        if by_path.insert(rel, i).is_some() {
            clashes.push(rel);
        }
    }
    clashes.sort_unstable();
    clashes.dedup();
    let warnings: Vec<String> = clashes
        .iter()
        .map(|path| {
            let list: Vec<String> = files
                .iter()
                .zip(&confined)
                .filter(|(_, rel)| rel == path)
                .map(|(o, _)| format!("         - {}", o.origin))
                .collect();
            format!(
                "Conflict: The following destination is shared by multiple files.\n                    The written file may end up with unexpected contents.\n                    {}\n{}",
                destination.join(path).display(),
                list.join("\n")
            )
        })
        .collect();
    fs::create_dir_all(destination)
        .with_context(|| format!("creating {}", destination.display()))?;
    let root = Dir::open(destination);
    // Every folder once, before any file, one depth at a time so parents
    // exist before their children and folders of one depth are made in
    // parallel. Checking every component for every file cost thousands of
    // system calls, and a mkdir on disk takes 20-30 us here. Those made
    // while the site rendered are there already: on a fresh destination,
    // all of them.
    let needed = folders::needed(by_path.keys().copied());
    // Folders this build made hold only what it writes, so the cleaner
    // need not walk them: on a fresh destination it walks nothing.
    let created: std::sync::Mutex<FastHashSet<&str>> = Default::default();
    let missing = needed.iter().copied().filter(|dir| !prepared.made(dir));
    for level in folders::by_depth(missing) {
        level.par_iter().try_for_each(|dir| {
            if ensure_dir(&root, dir)? {
                created
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(dir);
            }
            Ok::<(), anyhow::Error>(())
        })?;
    }
    let created = created.into_inner().unwrap_or_else(|e| e.into_inner());
    let new_folder = |dir: &str| prepared.made(dir) || created.contains(dir);
    // In path order, as the folders were made ([`folders::by_depth`]).
    let mut targets: Vec<(&str, usize)> = by_path.iter().map(|(p, i)| (*p, *i)).collect();
    targets.sort_unstable();
    targets
        .par_iter()
        .map(|(path, i)| {
            let in_new_folder = path.rfind('/').is_some_and(|i| new_folder(&path[..i]));
            write_one(&root, path, &files[*i], in_new_folder)
        })
        .collect::<Result<Vec<()>>>()?;
    // The folders the files need are the ones made above.
    let needed_dir = |rel: &str| needed.contains(rel);
    for dir in prepared.unneeded(&needed_dir) {
        fs::remove_dir(&dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    let written = |rel: &str| by_path.contains_key(rel);
    clean(destination, &written, &needed_dir, &new_folder, keep_files)?;
    Ok(warnings)
}

/// Where the writer puts the file with destination-relative path `rel`.
pub fn dest_path(destination: &Path, rel: &str) -> PathBuf {
    destination.join(&*confine(rel))
}

/// `rel` is already sanitized. Files whose bytes are already there are
/// left alone, so their times don't change; in a folder this build made
/// there is nothing to compare with.
fn write_one(root: &Dir, rel: &str, file: &OutputFile, in_new_folder: bool) -> Result<()> {
    if in_new_folder {
        return put_new(root, rel, file);
    }
    match existing_in(root, rel, file)? {
        Existing::Same => Ok(()),
        Existing::Differs => put(&root.join(rel), file),
        Existing::None => put_new(root, rel, file),
    }
}

/// Writes one file (`hyde serve` writes what it decided changed): its
/// folders first, one component at a time, as `write` makes them.
pub fn write_file(destination: &Path, file: &OutputFile) -> Result<()> {
    let rel = confine(&file.path);
    let root = Dir::open(destination);
    for (i, _) in rel.match_indices('/') {
        ensure_dir(&root, &rel[..i])?;
    }
    put(&destination.join(&*rel), file)
}

/// What the destination holds where a file goes.
enum Existing {
    None,
    /// The same bytes, or for a copy the same length and modification time
    /// as its source.
    Same,
    /// Something else: another file, a folder, a symlink.
    Differs,
}

fn existing(target: &Path, file: &OutputFile) -> Result<Existing> {
    let Ok(old) = fs::symlink_metadata(target) else {
        return Ok(Existing::None);
    };
    let same = match &file.contents {
        Contents::Link(text) => old.is_symlink() && fs::read_link(target).is_ok_and(|t| &t == text),
        _ if !old.is_file() => false,
        Contents::Bytes(bytes) => {
            fs::File::open(target).is_ok_and(|mut f| holds_bytes(&mut f, bytes))
        }
        Contents::Copy(src) => {
            let meta = fs::metadata(src).with_context(|| format!("reading {}", src.display()))?;
            old.len() == meta.len() && old.modified().ok() == meta.modified().ok()
        }
    };
    Ok(if same {
        Existing::Same
    } else {
        Existing::Differs
    })
}

/// [`existing`], from the destination's handle. For rendered bytes, what
/// a rebuild meets for every page: one open that never follows a symlink,
/// its length, and its bytes only when the length agrees, instead of a
/// look at the whole path, a read that looked at it again and a read past
/// the end.
fn existing_in(root: &Dir, rel: &str, file: &OutputFile) -> Result<Existing> {
    let Contents::Bytes(bytes) = &file.contents else {
        return existing(&root.join(rel), file);
    };
    let mut f = match root.open_nofollow(rel) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::None),
        // A symlink there (`ELOOP`), or anything else: as the path says.
        Err(_) => return existing(&root.join(rel), file),
    };
    Ok(if holds_bytes(&mut f, bytes) {
        Existing::Same
    } else {
        Existing::Differs
    })
}

/// Whether the open `f` is a file holding `bytes`: its length first, its
/// bytes only when the length agrees.
fn holds_bytes(f: &mut fs::File, bytes: &[u8]) -> bool {
    use std::io::Read;
    f.metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && {
            let mut old = vec![0; bytes.len()];
            f.read_exact(&mut old).is_ok() && old[..] == bytes[..]
        }
}

/// Whether `target` already holds `file`: the same bytes, for a copy the
/// same length and modification time as its source, for a link the same
/// link text. Never follows a symlink at `target`.
pub(crate) fn holds(target: &Path, file: &OutputFile) -> Result<bool> {
    Ok(matches!(existing(target, file)?, Existing::Same))
}

/// Writes `file` at `target` atomically; a copy keeps its source's
/// modification time.
fn put(target: &Path, file: &OutputFile) -> Result<()> {
    match &file.contents {
        Contents::Bytes(bytes) => atomic_write(target, &bytes[..]),
        Contents::Copy(src) => {
            let (bytes, meta) = read_copy(src)?;
            atomic_write(target, &bytes)?;
            keep_mtime(target, &meta);
            Ok(())
        }
        Contents::Link(text) => atomic_symlink(target, text),
    }
}

/// Makes `target` a symlink with link text `text`, replacing what is there
/// as [`atomic_write`] does. The link is only ever the last component of a
/// path: a later write through it as a folder meets [`ensure_dir`], which
/// replaces it, and the cleaner removes links without following them.
#[cfg(unix)]
fn atomic_symlink(target: &Path, text: &Path) -> Result<()> {
    replace_atomically(target, |tmp| std::os::unix::fs::symlink(text, tmp))
        .with_context(|| format!("linking {} to {}", target.display(), text.display()))
}

/// Without symlinks, the linked file's contents.
#[cfg(not(unix))]
fn atomic_symlink(target: &Path, text: &Path) -> Result<()> {
    let linked = target.parent().map_or(text.to_path_buf(), |p| p.join(text));
    let bytes = fs::read(&linked).with_context(|| format!("reading {}", linked.display()))?;
    atomic_write(target, &bytes)
}

/// Writes a file where there was none, in place: an interruption can leave
/// it short, but never in place of a good one, and the next build rewrites
/// it. The temporary file and rename `put` needs cost a fresh build of
/// 1,000 pages a fifth of its writing time.
fn put_new(root: &Dir, rel: &str, file: &OutputFile) -> Result<()> {
    // The whole path only where it is needed: a message, a replacement.
    let target = || root.join(rel);
    let (bytes, meta) = match &file.contents {
        Contents::Link(_) => return put(&target(), file),
        Contents::Bytes(bytes) => (std::borrow::Cow::Borrowed(&bytes[..]), None),
        Contents::Copy(src) => {
            let (bytes, meta) = read_copy(src)?;
            (std::borrow::Cow::Owned(bytes), Some(meta))
        }
    };
    // `create_new` never follows or reuses what appeared since the check.
    let created = root.create_new(rel);
    let mut f = match created {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return put(&target(), file),
        Err(e) => return Err(e).with_context(|| format!("writing {}", target().display())),
    };
    f.write_all(&bytes)
        .with_context(|| format!("writing {}", target().display()))?;
    if let Some(meta) = meta {
        if let Ok(mtime) = meta.modified() {
            f.set_modified(mtime).ok();
        }
    }
    Ok(())
}

/// A static file's bytes and the metadata whose modification time its copy
/// keeps.
fn read_copy(src: &Path) -> Result<(Vec<u8>, fs::Metadata)> {
    let meta = fs::metadata(src).with_context(|| format!("reading {}", src.display()))?;
    let bytes = fs::read(src).with_context(|| format!("reading {}", src.display()))?;
    Ok((bytes, meta))
}

fn keep_mtime(target: &Path, meta: &fs::Metadata) {
    if let Ok(mtime) = meta.modified() {
        if let Ok(f) = fs::File::options().write(true).open(target) {
            f.set_modified(mtime).ok();
        }
    }
}

/// Creates `dir`, whose parent is already a real folder, replacing any
/// file or symlink in the way, so that a symlink planted inside the
/// destination can never lead a write outside it. Says whether it made
/// the folder.
fn ensure_dir(root: &Dir, rel: &str) -> Result<bool> {
    // Most folders are new on a fresh build: try first, look only if taken.
    match root.create_dir(rel) {
        Ok(()) => return Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| format!("creating {}", root.join(rel).display())),
    }
    let dir = &root.join(rel);
    match root.is_folder(rel) {
        Ok(true) => return Ok(false),
        Ok(false) => {
            fs::remove_file(dir).with_context(|| format!("replacing {}", dir.display()))?
        }
        Err(_) => {}
    }
    match fs::create_dir(dir) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e).with_context(|| format!("creating {}", dir.display())),
    }
}

/// Writes beside the target and renames over it, so an interrupted build
/// never leaves a truncated file where a good one was.
fn atomic_write(target: &Path, bytes: &[u8]) -> Result<()> {
    replace_atomically(target, |tmp| {
        // O_EXCL: never through a symlink planted under the temporary name.
        let mut f = fs::File::options().write(true).create_new(true).open(tmp)?;
        f.write_all(bytes)?;
        f.flush()
    })
    .with_context(|| format!("writing {}", target.display()))
}

/// Has `make` create the new entry at `.NAME.hyde-PID` beside `target`,
/// then renames it over `target` (removing a folder in the way first; a
/// file or symlink there is replaced, never followed). The temporary entry
/// does not outlive a failure.
fn replace_atomically(
    target: &Path,
    make: impl FnOnce(&Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    static PID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pid = PID.get_or_init(std::process::id);
    let tmp = target.with_file_name(format!(".{name}.hyde-{pid}"));
    let _ = fs::remove_file(&tmp);
    let result = make(&tmp).and_then(|()| {
        if fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(target)?;
        }
        fs::rename(&tmp, target)
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Jekyll's `Cleaner`: removes files and folders of the destination this
/// build did not write, sparing `keep_files` (matched as path prefixes).
/// Symlinks are removed, never followed.
fn clean(
    destination: &Path,
    written: &dyn Fn(&str) -> bool,
    needed_dir: &dyn Fn(&str) -> bool,
    created: &dyn Fn(&str) -> bool,
    keep_files: &[String],
) -> Result<()> {
    let kept = |rel: &str| {
        keep_files
            .iter()
            .any(|k| !k.is_empty() && rel.starts_with(k.as_str()))
    };
    let relative = |path: &Path| {
        path.strip_prefix(destination)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut dirs_to_check = Vec::new();
    let walk = walkdir::WalkDir::new(destination)
        .follow_links(false)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !(e.file_type().is_dir() && created(relative(e.path()).as_str())));
    for entry in walk {
        let entry = entry.with_context(|| format!("reading {}", destination.display()))?;
        let rel = relative(entry.path());
        if kept(&rel) {
            continue;
        }
        if entry.file_type().is_dir() {
            if !needed_dir(&rel) {
                dirs_to_check.push(entry.path().to_path_buf());
            }
        } else if !written(&rel) {
            fs::remove_file(entry.path())
                .with_context(|| format!("removing {}", entry.path().display()))?;
        }
    }
    // Children before their parents: the walk listed parents first.
    for dir in dirs_to_check.into_iter().rev() {
        // Only empty folders go; a folder holding kept files stays.
        let _ = fs::remove_dir(&dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`write`] with no folders made ahead.
    fn write_unprepared(
        source: &Path,
        destination: &Path,
        files: &[OutputFile],
        keep_files: &[String],
    ) -> Result<Vec<String>> {
        write(source, destination, files, keep_files, &Prepared::default())
    }

    fn file(path: &str, body: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            origin: path.into(),
            contents: Contents::Bytes(body.as_bytes().into()),
        }
    }

    #[test]
    fn writes_cleans_and_keeps() {
        let dir = tempfile::tempdir().unwrap();
        let (src, dest) = (dir.path().join("src"), dir.path().join("_site"));
        fs::create_dir_all(dest.join("old/deep")).unwrap();
        fs::create_dir_all(dest.join(".git")).unwrap();
        fs::write(dest.join("old/deep/x.html"), "stale").unwrap();
        fs::write(dest.join(".git/HEAD"), "keep").unwrap();
        let files = [file("a/index.html", "A"), file("b.css", "B")];
        let warnings = write_unprepared(&src, &dest, &files, &[".git".into()]).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(fs::read_to_string(dest.join("a/index.html")).unwrap(), "A");
        assert!(!dest.join("old").exists());
        assert!(dest.join(".git/HEAD").exists());
    }

    /// A rebuild leaves a page whose bytes are there alone, and replaces
    /// one whose bytes differ in any way, or that something else took.
    #[cfg(unix)]
    #[test]
    fn a_rebuild_rewrites_only_what_differs() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (src, dest) = (dir.path().join("src"), dir.path().join("_site"));
        let outside = dir.path().join("outside.html");
        // What the page holds: followed, the link would look up to date.
        fs::write(&outside, "page").unwrap();
        let inode = |p: &str| fs::symlink_metadata(dest.join(p)).unwrap().ino();
        let names = [
            "same.html",
            "edited.html",
            "longer.html",
            "linked.html",
            "a/folder.html",
        ];
        let first: Vec<OutputFile> = names.iter().map(|n| file(n, "page")).collect();
        write_unprepared(&src, &dest, &first, &[]).unwrap();
        let before: Vec<u64> = names.iter().map(|n| inode(n)).collect();
        fs::remove_file(dest.join("linked.html")).unwrap();
        std::os::unix::fs::symlink(&outside, dest.join("linked.html")).unwrap();
        fs::remove_file(dest.join("a/folder.html")).unwrap();
        fs::create_dir(dest.join("a/folder.html")).unwrap();
        let bodies = ["page", "pagE", "pages", "page", "page"];
        let second: Vec<OutputFile> = names.iter().zip(bodies).map(|(n, b)| file(n, b)).collect();
        write_unprepared(&src, &dest, &second, &[]).unwrap();
        assert_eq!(
            inode("same.html"),
            before[0],
            "unchanged bytes are left alone"
        );
        for (name, body) in names.iter().zip(bodies).skip(1) {
            assert_eq!(fs::read_to_string(dest.join(name)).unwrap(), body, "{name}");
            assert!(
                fs::symlink_metadata(dest.join(name)).unwrap().is_file(),
                "{name}"
            );
        }
        assert_ne!(inode("edited.html"), before[1]);
        assert_eq!(fs::read_to_string(&outside).unwrap(), "page");
    }

    #[test]
    fn clashes_warn_and_the_later_file_wins() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("_site");
        let files = [file("x.html", "first"), file("x.html", "second")];
        let warnings = write_unprepared(&dir.path().join("src"), &dest, &files, &[]).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(fs::read_to_string(dest.join("x.html")).unwrap(), "second");
    }

    #[test]
    fn symlinks_in_the_destination_never_lead_outside() {
        let dir = tempfile::tempdir().unwrap();
        let (dest, outside) = (dir.path().join("_site"), dir.path().join("outside"));
        fs::create_dir_all(&dest).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("keep.txt"), "precious").unwrap();
        std::os::unix::fs::symlink(&outside, dest.join("a")).unwrap();
        std::os::unix::fs::symlink(outside.join("keep.txt"), dest.join("stale.txt")).unwrap();
        let files = [file("a/b/index.html", "inside")];
        write_unprepared(&dir.path().join("src"), &dest, &files, &[]).unwrap();
        assert_eq!(
            fs::read_to_string(dest.join("a/b/index.html")).unwrap(),
            "inside"
        );
        assert!(!fs::symlink_metadata(dest.join("a"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(!outside.join("b").exists(), "nothing written outside");
        assert!(!dest.join("stale.txt").exists());
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn symlinked_static_files_are_written_as_links_once_and_never_followed() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (src, dest, outside) = (
            dir.path().join("src"),
            dir.path().join("_site"),
            dir.path().join("outside"),
        );
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("keep.txt"), "precious").unwrap();
        let link = |path: &str, text: &Path| OutputFile {
            path: path.into(),
            origin: path.into(),
            contents: Contents::Link(text.to_path_buf()),
        };
        let files = [
            file("real.txt", "real"),
            link("rel.txt", Path::new("real.txt")),
            link("out.txt", &outside.join("keep.txt")),
            link("dir", &outside),
        ];
        write_unprepared(&src, &dest, &files, &[]).unwrap();
        assert_eq!(
            fs::read_link(dest.join("rel.txt")).unwrap(),
            Path::new("real.txt")
        );
        assert_eq!(fs::read_to_string(dest.join("rel.txt")).unwrap(), "real");
        let inode = |p: &str| fs::symlink_metadata(dest.join(p)).unwrap().ino();
        let before = inode("rel.txt");
        write_unprepared(&src, &dest, &files, &[]).unwrap();
        assert_eq!(inode("rel.txt"), before, "an unchanged link is left alone");
        // Later builds write over the links and through their names as
        // folders, and clean them, without touching what they lead to.
        let files = [file("rel.txt", "now a file"), file("dir/x.html", "inside")];
        write_unprepared(&src, &dest, &files, &[]).unwrap();
        assert_eq!(
            fs::read_to_string(dest.join("rel.txt")).unwrap(),
            "now a file"
        );
        assert!(fs::symlink_metadata(dest.join("dir")).unwrap().is_dir());
        assert!(!dest.join("out.txt").exists());
        assert!(!outside.join("x.html").exists());
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "precious"
        );
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 1);
    }

    #[test]
    fn prepared_folders_no_file_needs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out");
        let planned = ["a/b/c.html", "x/y/z.html"].map(String::from);
        let prepared = prepare(&dest, &planned);
        let files = vec![file("a/b/c.html", "c"), file("a/d/e.html", "e")];
        write(&dir.path().join("src"), &dest, &files, &[], &prepared).unwrap();
        let mut left: Vec<String> = walkdir::WalkDir::new(&dest)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(&dest)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        left.sort();
        assert_eq!(left, ["a", "a/b", "a/b/c.html", "a/d", "a/d/e.html"]);
    }

    #[test]
    fn dot_dot_in_an_output_path_stays_in_the_destination() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a/_site");
        let files = [file("../../escaped.html", "x"), file("b/../../c.html", "y")];
        write_unprepared(&dir.path().join("src"), &dest, &files, &[]).unwrap();
        assert_eq!(fs::read_to_string(dest.join("escaped.html")).unwrap(), "x");
        assert_eq!(fs::read_to_string(dest.join("c.html")).unwrap(), "y");
        assert!(!dir.path().join("escaped.html").exists());
        assert!(!dir.path().join("a/escaped.html").exists());
        let root = [file("x/..", "z")];
        let err = write_unprepared(&dir.path().join("src"), &dest, &root, &[]).unwrap_err();
        assert!(
            err.to_string().contains("destination folder itself"),
            "{err}"
        );
        assert!(dest.is_dir());
    }

    #[test]
    fn refuses_destination_containing_source() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_destination(&dir.path().join("a/src"), &dir.path().join("a")).is_err());
        assert!(check_destination(dir.path(), dir.path()).is_err());
        assert!(check_destination(&dir.path().join("src"), &dir.path().join("_site")).is_ok());
    }
}
