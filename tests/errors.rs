//! Bad input: hyde fails where Jekyll fails, with the file, line and the
//! offending line, warns where Jekyll warns, and never damages the source
//! or the previous destination.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A throwaway site: `files` are (relative path, contents).
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, body) in files {
        let p = dir.path().join("src").join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }
    dir
}

fn hyde(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hyde"))
        .arg("build")
        .arg("-s")
        .arg(dir.join("src"))
        .arg("-d")
        .arg(dir.join("_site"))
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1704067200")
        .output()
        .expect("run hyde")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn broken_config_names_file_line_and_column() {
    let d = site(&[
        ("_config.yml", "title: ok\nnav: [a, b\nother: 1\n"),
        ("index.md", "hi"),
    ]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("_config.yml:3:"), "{err}");
    assert!(err.contains("YAML"), "{err}");
}

#[test]
fn unknown_liquid_tag_fails_with_the_line_and_a_caret() {
    let d = site(&[("index.html", "---\ntitle: t\n---\nfine\n  {% nosuch x %}\n")]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("Unknown tag 'nosuch'"), "{err}");
    assert!(err.contains("--> index.html:5"), "{err}");
    assert!(err.contains(" 5 |   {% nosuch x %}\n   |   ^"), "{err}");
}

#[test]
fn unclosed_block_fails() {
    let d = site(&[("index.html", "---\n---\n{% if true %}\nno end\n")]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("'if' tag was never closed"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn missing_include_uses_jekylls_wording() {
    let d = site(&[("index.html", "---\n---\n{% include nope.html %}\n")]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("Could not locate the included file 'nope.html' in any of"),
        "{err}"
    );
    assert!(err.contains("--> index.html:3"), "{err}");
}

#[test]
fn include_recursion_is_an_error_not_a_stack_overflow() {
    let d = site(&[
        ("index.html", "---\n---\n{% include a.html %}\n"),
        ("_includes/a.html", "{% include b.html %}"),
        ("_includes/b.html", "{% include a.html %}"),
    ]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("Nesting too deep"), "{err}");
    assert!(err.contains("included from index.html"), "{err}");
}

#[test]
fn error_inside_an_include_names_the_include_and_the_page() {
    let d = site(&[
        ("page.md", "---\n---\n{% include broken.html %}\n"),
        (
            "_includes/broken.html",
            "line one\n{{ 'x' | date: }}{% endfor %}\n",
        ),
    ]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("_includes/broken.html"), "{err}");
    assert!(err.contains("page.md"), "{err}");
}

#[test]
fn missing_layout_only_warns() {
    let d = site(&[("index.html", "---\nlayout: nowhere\n---\nbody\n")]);
    let o = hyde(d.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Layout 'nowhere' requested in index.html does not exist."));
    assert_eq!(
        fs::read_to_string(d.path().join("_site/index.html")).unwrap(),
        "body\n"
    );
}

#[test]
fn bad_front_matter_warns_and_strict_mode_fails() {
    let d = site(&[("index.md", "---\ntitle: [oops\n---\nbody\n")]);
    let o = hyde(d.path(), &[]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("index.md:3:"), "{}", stderr(&o));
    let o = hyde(d.path(), &["--strict_front_matter"]);
    assert!(!o.status.success());
}

#[test]
fn the_source_tree_is_untouched_by_good_and_failed_builds() {
    let d = site(&[
        ("_config.yml", "title: t\n"),
        ("index.md", "---\n---\n# Hi\n"),
        ("bad.html", "---\n---\n{% nosuch %}\n"),
    ]);
    let before = snapshot(&d.path().join("src"));
    assert!(!hyde(d.path(), &[]).status.success());
    fs::remove_file(d.path().join("src/bad.html")).unwrap();
    let before_good = snapshot(&d.path().join("src"));
    assert!(hyde(d.path(), &[]).status.success());
    assert_eq!(snapshot(&d.path().join("src")), before_good);
    assert_eq!(before.len(), before_good.len() + 1);
}

#[test]
fn a_failed_build_leaves_the_previous_destination_as_it_was() {
    let d = site(&[
        ("index.md", "---\n---\nfirst\n"),
        ("other.md", "---\n---\nother\n"),
    ]);
    assert!(hyde(d.path(), &[]).status.success());
    let good = snapshot(&d.path().join("_site"));
    fs::write(d.path().join("src/index.md"), "---\n---\nsecond\n").unwrap();
    fs::write(d.path().join("src/other.md"), "---\n---\n{% if %}\n").unwrap();
    assert!(!hyde(d.path(), &[]).status.success());
    assert_eq!(snapshot(&d.path().join("_site")), good);
}

#[test]
fn a_destination_that_contains_the_source_is_refused() {
    let d = site(&[("index.md", "hi")]);
    let o = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .args(["build", "-s"])
        .arg(d.path().join("src"))
        .arg("-d")
        .arg(d.path())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Destination directory cannot be or contain the Source directory."));
    assert!(d.path().join("src/index.md").exists());
}

#[test]
fn keep_files_survive_and_stale_files_go() {
    let d = site(&[
        ("_config.yml", "keep_files: [.git, keepme]\n"),
        ("index.md", "hi"),
    ]);
    for f in [
        "_site/.git/HEAD",
        "_site/keepme/a.txt",
        "_site/stale/old.html",
    ] {
        let p = d.path().join(f);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, "x").unwrap();
    }
    assert!(hyde(d.path(), &[]).status.success());
    assert!(d.path().join("_site/.git/HEAD").exists());
    assert!(d.path().join("_site/keepme/a.txt").exists());
    assert!(!d.path().join("_site/stale").exists());
    assert!(d.path().join("_site/index.md").exists());
}

#[test]
fn hostile_include_paths_are_refused() {
    let d = site(&[
        ("index.html", "---\n---\n{% include ../secret.txt %}\n"),
        (
            "rel.html",
            "---\n---\n{% include_relative ../../etc/passwd %}\n",
        ),
    ]);
    fs::write(d.path().join("secret.txt"), "secret").unwrap();
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Invalid syntax for include tag"),
        "{}",
        stderr(&o)
    );
}
