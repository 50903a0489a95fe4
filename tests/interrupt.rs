//! An interrupted build (SIGKILL or SIGINT while it writes) leaves every
//! destination file either as the previous build wrote it or as the new
//! build writes it, never truncated; temporary files it leaves are removed
//! by the next build.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::snapshot;

const PAGES: usize = 150;
const STATICS: usize = 150;

/// Version `v` of a site whose build writes ~100 MB, so that a kill lands
/// while files are being written.
fn write_site(src: &Path, v: &str) {
    let pad = format!("{v} padding line\n").repeat(64 * 1024 / 16);
    for i in 0..PAGES {
        let p = src.join(format!("pages/{}/{i}.html", i % 10));
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, format!("---\n---\n<h1>{v} {i}</h1>\n{pad}")).unwrap();
    }
    let blob = vec![v.as_bytes()[0]; 512 * 1024];
    for i in 0..STATICS {
        let p = src.join(format!("assets/{}/{i}.bin", i % 10));
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, &blob).unwrap();
    }
}

fn start(src: &Path, dest: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_hyde"))
        .args(["build", "-q", "-s"])
        .arg(src)
        .arg("-d")
        .arg(dest)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn build(src: &Path, dest: &Path) {
    assert!(start(src, dest).wait().unwrap().success());
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig}");
}

/// Modification times of every file under `dest`.
fn stamps(dest: &Path) -> BTreeMap<PathBuf, SystemTime> {
    walkdir::WalkDir::new(dest)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dest).unwrap().to_path_buf();
            // The running build may rename a temporary file away between
            // listing and looking: such a file is simply gone.
            Some((rel, e.metadata().ok()?.modified().ok()?))
        })
        .collect()
}

/// Whether the build has begun writing: a temporary file, or a file
/// replaced since `before`.
fn writing_started(dest: &Path, before: &BTreeMap<PathBuf, SystemTime>) -> bool {
    let now = stamps(dest);
    now.keys().any(|rel| is_temp(rel)) || now != *before
}

fn is_temp(rel: &Path) -> bool {
    let name = rel.file_name().unwrap().to_string_lossy();
    name.starts_with('.') && name.contains(".hyde-")
}

fn restore(dest: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) {
    let _ = fs::remove_dir_all(dest);
    for (rel, bytes) in files {
        let p = dest.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
}

#[test]
fn an_interrupted_build_never_leaves_a_truncated_file() {
    let dir = tempfile::tempdir().unwrap();
    let (src, dest, reference) = (
        dir.path().join("src"),
        dir.path().join("_site"),
        dir.path().join("reference"),
    );
    write_site(&src, "A");
    build(&src, &dest);
    let old = snapshot(&dest);
    write_site(&src, "B");
    let t = Instant::now();
    build(&src, &reference);
    let full = t.elapsed();
    let new = snapshot(&reference);
    assert_eq!(old.len(), new.len());

    // (signal, when): a fixed share of a full build, or once writing is seen.
    let moments: [(&str, Option<f64>); 5] = [
        ("-KILL", Some(0.3)),
        ("-KILL", None),
        ("-KILL", Some(0.8)),
        ("-KILL", Some(0.95)),
        ("-INT", None),
    ];
    let mut mixed = 0;
    for (sig, share) in moments {
        restore(&dest, &old);
        let before = stamps(&dest);
        let mut child = start(&src, &dest);
        match share {
            Some(s) => std::thread::sleep(full.mul_f64(s)),
            None => {
                while !writing_started(&dest, &before) && child.try_wait().unwrap().is_none() {
                    std::thread::sleep(Duration::from_millis(2));
                }
            }
        }
        let finished_first = child.try_wait().unwrap().is_some();
        if !finished_first {
            signal(&child, sig);
        }
        child.wait().unwrap();
        let (mut as_old, mut as_new, mut temps) = (0, 0, 0);
        for (rel, bytes) in snapshot(&dest) {
            if is_temp(&rel) {
                temps += 1;
            } else if old.get(&rel) == Some(&bytes) {
                as_old += 1;
            } else if new.get(&rel) == Some(&bytes) {
                as_new += 1;
            } else {
                panic!("{sig} at {share:?}: {} is neither version", rel.display());
            }
        }
        eprintln!("{sig} at {share:?}: {as_old} old, {as_new} new, {temps} temporary");
        if as_old > 0 && as_new > 0 {
            mixed += 1;
        }
        // The next build completes the destination and leaves no temporary file.
        build(&src, &dest);
        assert_eq!(snapshot(&dest), new, "{sig} at {share:?}: rebuilt");
    }
    // The point is to interrupt mid-write; make sure that happened at least once.
    assert!(mixed > 0, "no kill landed while files were being written");
}
