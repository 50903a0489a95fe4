//! Bad input: hyde fails where Jekyll fails, with the file, line and the
//! offending line, warns where Jekyll warns, and never damages the source
//! or the previous destination.

mod common;

use std::fs;
use std::process::Command;

use common::{hyde, site, snapshot, stderr};

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
fn an_excerpt_that_shows_itself_fails() {
    // Jekyll renders an excerpt when first shown: one that shows itself
    // recurses until Ruby's stack runs out.
    let post = "---\ntitle: A\n---\nMe: {{ site.posts[0].excerpt }}\n\nrest\n";
    let d = site(&[
        ("_posts/2024-01-01-a.md", post),
        ("index.html", "---\n---\n{{ site.posts[0].excerpt }}\n"),
    ]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("_posts/2024-01-01-a.md: its excerpt shows itself"),
        "{err}"
    );
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

/// A fresh destination's folders are made while the site renders; a
/// render that fails takes them away again, the destination with them.
#[test]
fn a_failed_first_build_leaves_no_destination() {
    let d = site(&[
        ("_config.yml", "collections:\n  notes:\n    output: true\n"),
        ("index.md", "---\n---\nfirst\n"),
        ("deep/er/page.md", "---\npermalink: /a/b/c/d/\n---\npage\n"),
        ("_notes/one.md", "---\n---\none\n"),
        ("_notes/two.md", "---\n---\n{% if %}\n"),
        ("_posts/2020-01-02-post.md", "---\n---\npost\n"),
    ]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("two.md"), "{}", stderr(&o));
    assert!(
        !d.path().join("_site").exists(),
        "the failed build left _site behind"
    );
    // Fixed, the same build makes every folder it needs.
    fs::write(d.path().join("src/_notes/two.md"), "---\n---\ntwo\n").unwrap();
    assert!(hyde(d.path(), &[]).status.success());
    for f in [
        "a/b/c/d/index.html",
        "notes/two.html",
        "2020/01/02/post.html",
    ] {
        assert!(d.path().join("_site").join(f).is_file(), "{f}");
    }
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

#[test]
fn broken_data_file_names_file_line_and_column() {
    let d = site(&[
        ("_data/people.yml", "- name: a\n- name: [b\n- name: c\n"),
        ("index.md", "hi"),
    ]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("_data/people.yml:3:"), "{err}");
    assert!(err.contains("YAML"), "{err}");
}

#[test]
fn strict_front_matter_fails_with_file_line_and_column() {
    let page = ("index.md", "---\ntitle: ok\nnav: [oops\n---\nbody\n");
    let by_config = site(&[("_config.yml", "strict_front_matter: true\n"), page]);
    let by_flag = site(&[page]);
    for o in [
        hyde(by_config.path(), &[]),
        hyde(by_flag.path(), &["--strict_front_matter"]),
    ] {
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(err.contains("index.md:4:"), "{err}");
        assert!(err.contains(" 4 | ---"), "{err}");
    }
}

/// Jekyll: "Liquid error (line 4): wrong number of arguments (given 5,
/// expected 1..3)", and the build fails.
#[test]
fn bad_filter_arguments_fail_with_the_line() {
    let d = site(&[(
        "index.html",
        "---\n---\nok\n{{ 'abc' | truncate: 1, 'x', 3, 4 }}\n",
    )]);
    let o = hyde(d.path(), &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("wrong number of arguments (given 5, expected 1..3)"),
        "{err}"
    );
    assert!(err.contains("--> index.html:4"), "{err}");
}

/// Jekyll warns "Error reading file …: invalid byte sequence in UTF-8" and
/// keeps the whole file, front matter included, as the page's content.
#[test]
fn invalid_utf8_warns_and_the_build_goes_on() {
    let d = site(&[("ok.html", "fine")]);
    fs::write(
        d.path().join("src/index.html"),
        b"---\ntitle: t\n---\nbad \xff\xfe byte\n",
    )
    .unwrap();
    let o = hyde(d.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("Error reading file "), "{err}");
    assert!(
        err.contains("index.html: invalid byte sequence in UTF-8"),
        "{err}"
    );
    let out = fs::read_to_string(d.path().join("_site/index.html")).unwrap();
    assert!(out.starts_with("---\ntitle: t\n---\nbad "), "{out}");
}

/// Jekyll stops at a layout it has already used: `a` → `b` → `a` renders
/// "BAbody" and builds.
#[test]
fn a_layout_cycle_stops_as_in_jekyll() {
    let d = site(&[
        ("_layouts/a.html", "---\nlayout: b\n---\nA{{ content }}\n"),
        ("_layouts/b.html", "---\nlayout: a\n---\nB{{ content }}\n"),
        ("index.html", "---\nlayout: a\n---\nbody\n"),
    ]);
    let o = hyde(d.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(d.path().join("_site/index.html")).unwrap(),
        "BAbody\n\n\n"
    );
}

#[test]
fn absolute_and_escaping_include_paths_are_refused() {
    let abs = site(&[("index.html", "---\n---\n{% include /etc/passwd %}\n")]);
    let o = hyde(abs.path(), &[]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Could not locate the included file '/etc/passwd'"),
        "{}",
        stderr(&o)
    );
    let rel = site(&[(
        "index.html",
        "---\n---\n{% include_relative ../../etc/passwd %}\n",
    )]);
    let o = hyde(rel.path(), &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("Invalid syntax for include tag"), "{err}");
    assert!(!err.contains("root:"), "{err}");
}

/// `%2e%2e` survives Jekyll's URL sanitising and decodes to `..` only in
/// the output path; Jekyll writes `_site/escaped.html`, never outside.
#[test]
fn an_encoded_dot_dot_permalink_stays_in_the_destination() {
    let d = site(&[(
        "index.html",
        "---\npermalink: /%2e%2e/%2e%2e/escaped.html\n---\nhi\n",
    )]);
    let o = hyde(d.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.path().join("_site/escaped.html").is_file());
    assert!(!d.path().join("escaped.html").exists());
    assert!(!d.path().parent().unwrap().join("escaped.html").exists());
}

#[test]
fn destinations_that_would_swallow_the_source_or_home_are_refused() {
    let d = site(&[("index.md", "hi")]);
    let home = d.path().join("home");
    fs::create_dir_all(&home).unwrap();
    fs::write(home.join("precious.txt"), "x").unwrap();
    let src = d.path().join("src");
    for dest in ["..", "/", "~", "~/"] {
        let o = Command::new(env!("CARGO_BIN_EXE_hyde"))
            .args(["build", "-d", dest])
            .current_dir(&src)
            .env("HOME", &home)
            .output()
            .unwrap();
        assert!(!o.status.success(), "-d {dest}");
        let err = stderr(&o);
        assert!(err.contains("Destination directory cannot be"), "{err}");
    }
    // In _config.yml, `~` unquoted is null (the default `_site`); quoted,
    // Jekyll expands it to the home folder, which hyde refuses to clean.
    fs::write(src.join("_config.yml"), "destination: \"~\"\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .args(["build", "-s"])
        .arg(&src)
        .env("HOME", &home)
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("cannot be or contain your home folder"),
        "{}",
        stderr(&o)
    );
    assert!(home.join("precious.txt").exists());
    assert!(src.join("index.md").exists());
    assert!(!src.join("~").exists());
}

/// Symlinks that lead outside the source, checked against `jekyll build`
/// and `jekyll build --safe`: safe mode (GitHub Pages') skips them in
/// `_layouts` (then "does not exist"), `_data`, pages and static files,
/// folders included; without it Jekyll follows them, and so does hyde.
/// Includes follow the same rule.
#[test]
fn symlinks_leading_outside_the_source() {
    use std::os::unix::fs::symlink;
    let d = site(&[
        (
            "index.html",
            "---\nlayout: l\n---\n[{{ site.data.d.key }}]\n",
        ),
        ("inc.html", "---\n---\n{% include x.html %}\n"),
        ("outside/l.html", "<b>{{ content }}</b>LAYOUT\n"),
        ("outside/d.yml", "key: DATA\n"),
        ("outside/page.md", "---\n---\nPAGE\n"),
        ("outside/s.txt", "STATIC\n"),
    ]);
    let src = d.path().join("src");
    // `outside` must not be part of the source itself.
    let outside = d.path().join("outside");
    fs::rename(src.join("outside"), &outside).unwrap();
    for dir in ["_layouts", "_data", "_includes"] {
        fs::create_dir_all(src.join(dir)).unwrap();
    }
    symlink(outside.join("l.html"), src.join("_layouts/l.html")).unwrap();
    symlink(outside.join("d.yml"), src.join("_data/d.yml")).unwrap();
    symlink(outside.join("l.html"), src.join("_includes/x.html")).unwrap();
    symlink(outside.join("page.md"), src.join("page.md")).unwrap();
    symlink(outside.join("s.txt"), src.join("s.txt")).unwrap();
    symlink(&outside, src.join("dirlink")).unwrap();
    fs::remove_file(src.join("inc.html")).unwrap();

    let o = hyde(d.path(), &["--safe"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Layout 'l' requested in index.html does not exist."),
        "{}",
        stderr(&o)
    );
    // Jekyll skips them silently; hyde names each one.
    for skipped in [
        "_layouts/l.html",
        "_data/d.yml",
        "page.md",
        "s.txt",
        "dirlink",
    ] {
        let line = format!(
            "{}: skipped in safe mode, a symlink that leads outside the source",
            src.join(skipped).display()
        );
        assert!(stderr(&o).contains(&line), "{line}\n{}", stderr(&o));
    }
    let out = snapshot(&d.path().join("_site"));
    let names: Vec<String> = out.keys().map(|p| p.display().to_string()).collect();
    assert_eq!(names, ["index.html"]);
    assert_eq!(out.values().next().unwrap(), b"[]\n");

    let o = hyde(d.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = fs::read_to_string(d.path().join("_site/index.html")).unwrap();
    assert_eq!(index, "<b>[DATA]\n</b>LAYOUT\n");
    assert!(d.path().join("_site/page.html").exists());
    assert!(d.path().join("_site/dirlink/s.txt").exists());

    // Includes too: followed without --safe, refused with it, with
    // Jekyll's safe-mode wording.
    fs::write(src.join("inc.html"), "---\n---\n{% include x.html %}\n").unwrap();
    let o = hyde(d.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let inc = fs::read_to_string(d.path().join("_site/inc.html")).unwrap();
    assert!(inc.contains("LAYOUT"), "{inc}");
    let o = hyde(d.path(), &["--safe"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Could not locate the included file 'x.html'")
            && stderr(&o).contains("is not a symlink as those are not allowed in safe mode."),
        "{}",
        stderr(&o)
    );
}
