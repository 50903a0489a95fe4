//! The reference fixtures: every `tests/fixtures/NAME/site` built by hyde and
//! compared, file set and bytes, with `expected/`, which real Jekyll 4.3.1
//! wrote through `scripts/regen-fixtures`.
//!
//! hyde runs as a subprocess (its own `SOURCE_DATE_EPOCH`, `JEKYLL_ENV`) on
//! a scratch copy of the site whose mtimes are pinned to the same instant
//! the regeneration script pins, so both tools see the same clock.
//!
//! Files hyde cannot reproduce yet are listed in `tests/pending.txt` with a
//! reason; they are reported as pending, and one that starts passing fails
//! the run until it is taken off the list, so the list only shrinks.
//!
//! The one normalisation: `.css` files listed in `tests/css-layout.txt`
//! are compared after [`normalize_css_layout`], which removes layout only
//! (Jekyll's libsass and hyde's grass lay some rules out differently).
//! Every other `.css` file must match byte for byte, and a listed one that
//! does fails the run until it is taken off the list, as with pending.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

/// The instant both tools run at: 2024-01-01T00:00:00Z (see regen-fixtures).
const FIXTURE_EPOCH: u64 = 1_704_067_200;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures_dir = root.join("tests/fixtures");
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let pending = read_pending(&root.join("tests/pending.txt"));
    let css_layout = read_pending(&root.join("tests/css-layout.txt"));

    let mut names: Vec<String> = fs::read_dir(&fixtures_dir)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("expected").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| filter.is_empty() || filter.iter().any(|f| n.contains(f.as_str())))
        .collect();
    names.sort();

    let scratch = tempfile::tempdir().expect("scratch dir");
    let results: Vec<(String, Outcome)> = std::thread::scope(|s| {
        let chunks: Vec<Vec<String>> = (0..2)
            .map(|i| names.iter().skip(i).step_by(2).cloned().collect())
            .collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let (root, fixtures_dir, scratch) = (&root, &fixtures_dir, scratch.path());
                s.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|name| {
                            let outcome = run_fixture(
                                root,
                                &fixtures_dir.join(&name),
                                &scratch.join(&name),
                                &name,
                            );
                            (name, outcome)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("fixture thread"))
            .collect()
    });

    let (mut identical, mut total, mut failed, mut pending_count) = (0, 0, 0, 0);
    let mut sites_passed = 0;
    let mut newly_passing = Vec::new();
    let mut newly_byte_exact = Vec::new();
    let mut layout_count = 0;
    for (name, outcome) in &results {
        match outcome {
            Outcome::BuildFailed(err) => {
                let key = format!("{name}/");
                if let Some(reason) = pending.get(&key) {
                    println!("PENDING {name}: hyde fails to build it ({reason})");
                    pending_count += 1;
                } else {
                    println!("FAIL {name}: hyde failed:\n{err}");
                    failed += 1;
                }
            }
            Outcome::Compared(files) => {
                let mut site_ok = true;
                for (path, diff, layout_only) in files {
                    total += 1;
                    let key = format!("{name}/{path}");
                    let diff = match (layout_only, css_layout.contains_key(&key)) {
                        (true, true) => {
                            layout_count += 1;
                            None
                        }
                        (true, false) => Some(format!(
                            "    same rules, another layout than libsass's: lay it out as Jekyll does, or list it in tests/css-layout.txt with why\n{}",
                            diff.as_deref().unwrap_or("")
                        )),
                        (false, true) if diff.is_none() => {
                            newly_byte_exact.push(key.clone());
                            None
                        }
                        _ => diff.clone(),
                    };
                    match (&diff, pending.get(&key)) {
                        (None, None) => identical += 1,
                        (None, Some(_)) => {
                            identical += 1;
                            newly_passing.push(key);
                        }
                        (Some(_), Some(reason)) => {
                            pending_count += 1;
                            println!("PENDING {key}: {reason}");
                        }
                        (Some(diff), None) => {
                            failed += 1;
                            site_ok = false;
                            println!("FAIL {key}\n{diff}");
                        }
                    }
                }
                if site_ok {
                    sites_passed += 1;
                }
            }
        }
    }
    for key in &newly_passing {
        println!("FAIL {key}: passes now; remove it from tests/pending.txt");
        failed += 1;
    }
    for key in &newly_byte_exact {
        println!("FAIL {key}: matches byte for byte now; remove it from tests/css-layout.txt");
        failed += 1;
    }
    println!();
    println!(
        "{} fixture sites, {sites_passed} without unexpected differences",
        results.len()
    );
    println!(
        "{identical} of {total} files identical ({layout_count} of them once CSS layout is removed, as tests/css-layout.txt lists; {pending_count} pending)"
    );
    println!("fixtures: {identical} passed, {failed} failed, {pending_count} skipped");
    if failed > 0 {
        std::process::exit(1);
    }
}

enum Outcome {
    BuildFailed(String),
    /// Per output path: None when identical, else the explanation, and
    /// whether the difference is only layout (CSS).
    Compared(Vec<(String, Option<String>, bool)>),
}

fn run_fixture(root: &Path, dir: &Path, scratch: &Path, name: &str) -> Outcome {
    let src = scratch.join("src");
    let out = scratch.join("out");
    if name == "root" {
        copy_tracked_root(root, &src);
    } else {
        copy_tree(&dir.join("site"), &src);
    }
    pin_mtimes(&src);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hyde"));
    // Jekyll resolves `--config` paths against the working directory, and the
    // regeneration script runs it inside the site.
    cmd.current_dir(&src)
        .arg("build")
        .arg("--quiet")
        .arg("-s")
        .arg(&src)
        .arg("-d")
        .arg(&out);
    if let Ok(args) = fs::read_to_string(dir.join("args")) {
        cmd.args(args.lines().map(str::trim).filter(|l| !l.is_empty()));
    }
    cmd.env("SOURCE_DATE_EPOCH", FIXTURE_EPOCH.to_string())
        .env("TZ", "UTC")
        .env("LC_ALL", "C.UTF-8")
        .env("JEKYLL_ENV", "development");
    if let Ok(envs) = fs::read_to_string(dir.join("env")) {
        for line in envs.lines().filter(|l| l.contains('=')) {
            let (k, v) = line.split_once('=').expect("KEY=VALUE");
            cmd.env(k.trim(), v.trim());
        }
    }
    let output = cmd.output().expect("run hyde");
    if !output.status.success() {
        return Outcome::BuildFailed(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let expected = dir.join("expected");
    let (want, got) = (list(&expected), list(&out));
    let mut files = Vec::new();
    for path in want.union(&got) {
        let diff = match (want.contains(path), got.contains(path)) {
            (true, false) => Some("    missing: Jekyll writes it, hyde does not".to_string()),
            (false, true) => Some("    extra: hyde writes it, Jekyll does not".to_string()),
            _ => {
                let (mut e, mut a) = (
                    hyde::compare::entry_bytes(&expected.join(path)).unwrap(),
                    hyde::compare::entry_bytes(&out.join(path)).unwrap(),
                );
                if path.ends_with(".css") && e != a {
                    let exact = hyde::compare::first_difference(&e, &a);
                    e = normalize_css_layout(&e);
                    a = normalize_css_layout(&a);
                    if e == a {
                        files.push((path.clone(), Some(exact), true));
                        continue;
                    }
                }
                (e != a).then(|| hyde::compare::first_difference(&e, &a))
            }
        };
        files.push((path.clone(), diff, false));
    }
    Outcome::Compared(files)
}

fn list(dir: &Path) -> BTreeSet<String> {
    hyde::compare::list_files(dir).unwrap_or_default()
}

/// `tests/pending.txt`: `fixture/path  reason`, `#` comments.
fn read_pending(path: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((k, r)) => (k.to_string(), r.trim().to_string()),
            None => (l.to_string(), "no reason given".to_string()),
        })
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else if entry.file_type().is_symlink() {
            let link = fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(link, &target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The repository root as git tracks it, minus `tests/` (what the
/// regeneration script hands Jekyll for the `root` fixture).
fn copy_tracked_root(root: &Path, to: &Path) {
    let out = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root)
        .output()
        .expect("git ls-files");
    for rel in out.stdout.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let rel = String::from_utf8_lossy(rel).into_owned();
        if rel.starts_with("tests/") || !root.join(&rel).is_file() {
            continue;
        }
        let target = to.join(&rel);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(root.join(&rel), &target).unwrap();
    }
}

fn pin_mtimes(dir: &Path) {
    let t = SystemTime::UNIX_EPOCH + Duration::from_secs(FIXTURE_EPOCH);
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if entry.file_type().is_file() {
            if let Ok(f) = fs::File::options().write(true).open(entry.path()) {
                let _ = f.set_modified(t);
            }
        }
    }
}

/// CSS layout removed, on both sides of a `.css` comparison, and nothing else.
///
/// Why: Jekyll compiles Sass with libsass, hyde with grass. hyde lays
/// grass's output out in libsass's default `compact` style itself, but
/// libsass's `nested` and `expanded` styles (and compact output whose shape
/// hyde's layout pass leaves expanded) differ from grass's in line breaks,
/// indentation, blank lines, the optional last `;` of a block, and whether
/// a comment shares a line with a rule, while every rule, selector and
/// value is the same.
///
/// The rules, applied outside strings and comments (strings kept verbatim):
/// 1. every run of whitespace becomes one space;
/// 2. that space is dropped next to `{`, `}`, `;`, next to a comment, and
///    at the start and end of the file;
/// 3. a `;` right before `}` is dropped;
/// 4. inside a comment, a line break with the indentation and the `*` that
///    continue a block comment becomes one space (libsass's compact style
///    writes `/**\n * Title\n */` as `/** Title */`); the words stay.
///
/// So `a, b { color: red; }` and `a,\nb {\n  color: red;\n}\n` compare
/// equal, while `a b` and `ab`, `0.5` and `.5`, `#fff` and `white`, or a
/// different order of rules do not.
fn normalize_css_layout(css: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(css);
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut chars = text.chars().peekable();
    // Appends `piece`, first writing the pending space if neither side of
    // it is a brace, a semicolon or a comment.
    let push = |out: &mut String, space: &mut bool, piece: &str, comment: bool| {
        let joins = |c: char| matches!(c, '{' | '}' | ';');
        if *space
            && !comment
            && !out.is_empty()
            && !out.ends_with("*/")
            && !out.ends_with(joins)
            && !piece.starts_with(joins)
        {
            out.push(' ');
        }
        *space = false;
        if piece == "}" && out.ends_with(';') && !out.ends_with("*/") {
            out.pop();
        }
        out.push_str(piece);
    };
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => space = true,
            '/' if chars.peek() == Some(&'*') => {
                let mut comment = String::from("/");
                comment.push(chars.next().unwrap());
                while let Some(d) = chars.next() {
                    if d == '\n' {
                        while chars.peek().is_some_and(|e| e.is_whitespace()) {
                            chars.next();
                        }
                        let mut ahead = chars.clone();
                        if ahead.next() == Some('*') && ahead.next() != Some('/') {
                            chars.next();
                            while chars.peek().is_some_and(|e| e.is_whitespace()) {
                                chars.next();
                            }
                        }
                        let trimmed = comment.trim_end().len();
                        comment.truncate(trimmed);
                        comment.push(' ');
                        continue;
                    }
                    comment.push(d);
                    if d == '*' && chars.peek() == Some(&'/') {
                        comment.push(chars.next().unwrap());
                        break;
                    }
                }
                push(&mut out, &mut space, &comment, true);
            }
            '"' | '\'' => {
                let mut string = String::from(c);
                while let Some(d) = chars.next() {
                    string.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            string.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
                push(&mut out, &mut space, &string, false);
            }
            c => push(&mut out, &mut space, c.encode_utf8(&mut [0; 4]), false),
        }
    }
    out.into_bytes()
}
