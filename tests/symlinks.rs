//! Symlinked static files whose links the fixtures cannot hold (absolute,
//! or leading outside the source): built by hyde and by real Jekyll, when
//! it is installed, in default, safe and production mode, and compared
//! entry by entry, symlinks by link text.

mod common;

use std::fs;
use std::io::Write as _;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

fn jekyll_installed() -> bool {
    Command::new("jekyll")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A source with relative and absolute links to files inside and outside
/// it, and linked folders inside and outside.
fn linked_site(root: &Path) {
    let (src, outside) = (root.join("src"), root.join("outside"));
    fs::create_dir_all(src.join("assets")).unwrap();
    fs::create_dir_all(outside.join("dir")).unwrap();
    fs::write(src.join("real.txt"), "real\n").unwrap();
    fs::write(src.join("assets/a.txt"), "asset\n").unwrap();
    fs::write(outside.join("secret.txt"), "secret\n").unwrap();
    fs::write(outside.join("dir/o.txt"), "outside dir\n").unwrap();
    fs::write(src.join("index.md"), "---\n---\n# Home\n").unwrap();
    symlink("real.txt", src.join("rel-inside.txt")).unwrap();
    symlink(src.join("real.txt"), src.join("abs-inside.txt")).unwrap();
    symlink("../outside/secret.txt", src.join("rel-outside.txt")).unwrap();
    symlink(outside.join("secret.txt"), src.join("abs-outside.txt")).unwrap();
    symlink("assets", src.join("dir-inside")).unwrap();
    symlink(outside.join("dir"), src.join("dir-outside")).unwrap();
}

fn build(program: &str, root: &Path, out: &str, safe: bool, env: &str) {
    let mut cmd = Command::new(program);
    cmd.current_dir(root.join("src"))
        .args(["build", "--quiet", "-d"])
        .arg(root.join(out))
        .env("JEKYLL_ENV", env);
    if safe {
        cmd.arg("--safe");
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{program}: {}", common::stderr(&o));
}

#[test]
fn symlinked_static_files_are_written_as_jekyll_writes_them() {
    if !jekyll_installed() {
        // Written past the test harness's capture, so that it shows.
        let _ = writeln!(
            std::io::stderr(),
            "symlinks test skipped: jekyll is not installed (apt-get install jekyll)"
        );
        return;
    }
    for (safe, env) in [
        (false, "development"),
        (true, "development"),
        (false, "production"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        linked_site(dir.path());
        build("jekyll", dir.path(), "jekyll", safe, env);
        build(env!("CARGO_BIN_EXE_hyde"), dir.path(), "hyde", safe, env);
        let report = hyde::compare::compare_dirs(
            &dir.path().join("hyde"),
            &dir.path().join("jekyll"),
            &|_, bytes| bytes,
        )
        .unwrap();
        assert!(
            report.is_identical(),
            "safe {safe}, {env}: {:#?}",
            report.differences
        );
        // The cases that matter are there: links by default, copies else.
        let rel = fs::symlink_metadata(dir.path().join("hyde/rel-inside.txt")).unwrap();
        assert_eq!(rel.is_symlink(), !safe && env == "development");
        assert_eq!(
            dir.path().join("hyde/abs-outside.txt").exists(),
            !safe,
            "safe mode skips links leading outside"
        );
    }
}
