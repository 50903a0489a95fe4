//! A folder opened once, so the files and folders a build reads or makes
//! under it are named from it instead of from the file system's root.
//!
//! The kernel walks every component of a path it is given. A build makes
//! a folder or opens a file thousands of times under the same source and
//! destination, and each call walked the same leading folders again
//! (`/var/tmp/site/_site/` before `2024/01/02/post/index.html`): a tenth
//! of the kernel's share of a 1,000-page build went to looking up path
//! components. Named from an open handle (`openat`, `mkdirat`), only the
//! components below it are looked up.
//!
//! A name is resolved exactly as `path.join(name)` would be (an absolute
//! name ignores the folder, symlinks are followed as before): this changes
//! how far the kernel walks, never where a file lands. Where the folder
//! cannot be opened, or off Unix, names are joined to its path as before.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// A folder and, on Unix, a handle to it that names are resolved from.
#[derive(Debug)]
pub struct Dir {
    path: PathBuf,
    #[cfg(unix)]
    fd: Option<std::os::fd::OwnedFd>,
}

impl Dir {
    /// `path`, opened if it can be: a folder that does not exist (yet) is
    /// named by its path.
    pub fn open(path: &Path) -> Dir {
        Dir {
            path: path.to_path_buf(),
            #[cfg(unix)]
            fd: {
                use rustix::fs::{Mode, OFlags};
                let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
                rustix::fs::open(path, flags, Mode::empty()).ok()
            },
        }
    }

    /// `path.join(name)`.
    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.path.join(name)
    }

    /// Makes the folder `name`, whose parent exists (`fs::create_dir`).
    pub fn create_dir(&self, name: &str) -> io::Result<()> {
        #[cfg(unix)]
        if let Some(fd) = &self.fd {
            return rustix::fs::mkdirat(fd, name, rustix::fs::Mode::from_raw_mode(0o777))
                .map_err(io::Error::from);
        }
        std::fs::create_dir(self.join(name))
    }

    /// Creates the file `name` for writing, failing if anything is there
    /// already, a symlink included (`OpenOptions::create_new`).
    pub fn create_new(&self, name: &str) -> io::Result<File> {
        #[cfg(unix)]
        if let Some(fd) = &self.fd {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::CLOEXEC;
            return Ok(rustix::fs::openat(fd, name, flags, Mode::from_raw_mode(0o666))?.into());
        }
        File::options()
            .write(true)
            .create_new(true)
            .open(self.join(name))
    }

    /// Whether `name` is a folder itself, not a symlink to one
    /// (`fs::symlink_metadata(..).is_dir()`).
    pub fn is_folder(&self, name: &str) -> io::Result<bool> {
        #[cfg(unix)]
        if let Some(fd) = &self.fd {
            use rustix::fs::{AtFlags, FileType};
            let st = rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW)?;
            return Ok(FileType::from_raw_mode(st.st_mode) == FileType::Directory);
        }
        Ok(std::fs::symlink_metadata(self.join(name))?.is_dir())
    }

    /// Opens `name` for reading without following a symlink there (the
    /// error then is the system's `ELOOP`); a folder opens too.
    pub fn open_nofollow(&self, name: &str) -> io::Result<File> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            Ok(match &self.fd {
                Some(fd) => rustix::fs::openat(fd, name, flags, Mode::empty())?,
                None => rustix::fs::open(self.join(name), flags, Mode::empty())?,
            }
            .into())
        }
        #[cfg(not(unix))]
        File::open(self.join(name))
    }

    /// Opens the file at `path` for reading (`File::open`), named from
    /// this folder if it lies under it: callers keep whole paths, for their
    /// messages and for files elsewhere (a theme's).
    pub fn open_file(&self, path: &Path) -> io::Result<File> {
        #[cfg(unix)]
        if let (Some(fd), Ok(name)) = (&self.fd, path.strip_prefix(&self.path)) {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::CLOEXEC;
            return Ok(rustix::fs::openat(fd, name, flags, Mode::empty())?.into());
        }
        File::open(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn names_resolve_as_joined_paths() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = Dir::open(tmp.path());
        dir.create_dir("a").unwrap();
        dir.create_dir("a/b").unwrap();
        dir.create_new("a/b/c.html")
            .unwrap()
            .write_all(b"made")
            .unwrap();
        assert_eq!(
            std::fs::read(tmp.path().join("a/b/c.html")).unwrap(),
            b"made"
        );
        let mut read = String::new();
        dir.open_file(&tmp.path().join("a/b/c.html"))
            .unwrap()
            .read_to_string(&mut read)
            .unwrap();
        assert_eq!(read, "made");
        // As `create_dir` and `create_new` do with a joined path.
        let taken = |e: io::Error| e.kind() == io::ErrorKind::AlreadyExists;
        assert!(dir.create_dir("a/b").is_err_and(taken));
        assert!(dir.create_new("a/b/c.html").is_err_and(taken));
        let missing = |e: io::Error| e.kind() == io::ErrorKind::NotFound;
        assert!(dir.create_dir("x/y").is_err_and(missing));
        assert!(dir
            .open_file(&tmp.path().join("a/none"))
            .is_err_and(missing));
        // A file elsewhere is opened by its path.
        std::fs::write(other_file(&tmp), "elsewhere").unwrap();
        let mut elsewhere = String::new();
        let outside = Dir::open(&tmp.path().join("a"));
        outside
            .open_file(&other_file(&tmp))
            .unwrap()
            .read_to_string(&mut elsewhere)
            .unwrap();
        assert_eq!(elsewhere, "elsewhere");
        // An absolute name ignores the folder, as `Path::join` does.
        let other = tempfile::tempdir().unwrap();
        let absolute = other.path().join("abs.txt");
        dir.create_new(absolute.to_str().unwrap()).unwrap();
        assert!(absolute.is_file());
    }

    fn other_file(tmp: &tempfile::TempDir) -> PathBuf {
        tmp.path().join("other.txt")
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_never_followed_where_it_says_so() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = Dir::open(tmp.path());
        dir.create_dir("real").unwrap();
        std::fs::write(tmp.path().join("file"), "x").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("real"), tmp.path().join("to-real")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("file"), tmp.path().join("to-file")).unwrap();
        assert!(dir.is_folder("real").unwrap());
        assert!(!dir.is_folder("to-real").unwrap());
        assert!(!dir.is_folder("file").unwrap());
        assert!(dir.is_folder("none").is_err());
        assert!(dir.open_nofollow("file").is_ok());
        assert!(dir.open_nofollow("to-file").is_err());
        // Without a handle, the same answers from the path.
        let later = tmp.path().join("later");
        let unopened = Dir::open(&later);
        std::fs::create_dir(&later).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("file"), later.join("link")).unwrap();
        assert!(unopened.open_nofollow("link").is_err());
        assert!(!unopened.is_folder("link").unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn never_replaces_a_symlink_with_a_new_file() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("target");
        std::os::unix::fs::symlink(&target, tmp.path().join("link")).unwrap();
        let dir = Dir::open(tmp.path());
        let e = dir.create_new("link").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert!(!target.exists());
    }

    #[test]
    fn a_missing_folder_is_named_by_its_path() {
        let tmp = tempfile::tempdir().unwrap();
        let later = tmp.path().join("later");
        let dir = Dir::open(&later);
        std::fs::create_dir(&later).unwrap();
        dir.create_dir("sub").unwrap();
        assert!(later.join("sub").is_dir());
    }
}
