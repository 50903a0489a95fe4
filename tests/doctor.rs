//! `hyde doctor` on small sites made for each check: the report's lines and
//! the exit status (non-zero when a check fails, as `jekyll doctor` aborts).

use std::fs;
use std::path::Path;
use std::process::Command;

/// Writes `files` (path, contents) under a fresh folder.
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp site");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

/// Runs `hyde doctor -s DIR`: (succeeded, stdout and stderr together).
fn doctor(dir: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .arg("doctor")
        .arg("-s")
        .arg(dir)
        .env("SOURCE_DATE_EPOCH", "1704067200")
        .env_remove("HYDE_THEME_PATH")
        .output()
        .expect("run hyde doctor");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

const URL: &str = "url: https://example.com\n";

#[test]
fn a_healthy_site_is_fine() {
    let dir = site(&[
        ("_config.yml", URL),
        (
            "index.md",
            "---\ntitle: Home\n---\nHello {{ page.title }}\n",
        ),
        ("about.md", "---\npermalink: /about/\n---\nAbout\n"),
    ]);
    let (ok, report) = doctor(dir.path());
    assert!(ok, "{report}");
    assert!(
        report.contains("Your test results are in. Everything looks fine."),
        "{report}"
    );
}

#[test]
fn shared_destinations_are_conflicts() {
    let dir = site(&[
        ("_config.yml", URL),
        ("one.md", "---\npermalink: /same/\n---\n1\n"),
        ("two.md", "---\npermalink: /same/\n---\n2\n"),
    ]);
    let (ok, report) = doctor(dir.path());
    assert!(!ok, "{report}");
    assert!(
        report.contains("Conflict: The following destination is shared by multiple files."),
        "{report}"
    );
    assert!(report.contains("same/index.html"), "{report}");
    assert!(
        report.contains(" - ") && report.contains("one.md"),
        "{report}"
    );
    assert!(report.contains("two.md"), "{report}");
}

#[test]
fn urls_that_differ_by_case_are_reported() {
    let dir = site(&[
        ("_config.yml", URL),
        ("a.md", "---\npermalink: /About/\n---\n1\n"),
        ("b.md", "---\npermalink: /about/\n---\n2\n"),
    ]);
    let (ok, report) = doctor(dir.path());
    assert!(!ok, "{report}");
    assert!(
        report.contains("The following URLs only differ by case."),
        "{report}"
    );
    assert!(report.contains("About/index.html"), "{report}");
}

#[test]
fn url_must_be_set_and_absolute() {
    let missing = site(&[("_config.yml", "title: x\n"), ("index.html", "hi\n")]);
    let (ok, report) = doctor(missing.path());
    assert!(!ok);
    assert!(
        report.contains("Warning: You didn't set an URL in the config file"),
        "{report}"
    );

    let relative = site(&[("_config.yml", "url: example.com/blog\n")]);
    let (ok, report) = doctor(relative.path());
    assert!(!ok);
    assert!(
        report.contains("Your site URL does not seem to be absolute"),
        "{report}"
    );
}

#[test]
fn baseurl_problems() {
    for (baseurl, expect) in [
        ("blog", "`baseurl` should start with '/'"),
        ("/blog/", "`baseurl` should not end with '/'"),
        ("https://example.com/blog", "`baseurl` is a full URL"),
    ] {
        let config = format!("{URL}baseurl: \"{baseurl}\"\n");
        let dir = site(&[("_config.yml", &config)]);
        let (ok, report) = doctor(dir.path());
        assert!(!ok, "{baseurl}: {report}");
        assert!(report.contains(expect), "{baseurl}: {report}");
    }
}

#[test]
fn deprecated_configuration() {
    let config = format!("{URL}relative_permalinks: true\ngems: [jekyll-feed]\n");
    let dir = site(&[("_config.yml", &config)]);
    let (ok, report) = doctor(dir.path());
    assert!(!ok);
    assert!(
        report.contains("Deprecation: Your site still uses relative permalinks, which was removed in Jekyll v3.0.0."),
        "{report}"
    );
    assert!(report.contains("'gems' was renamed 'plugins'"), "{report}");
}

#[test]
fn posts_outside_collections_dir() {
    let config = format!("{URL}collections_dir: my_collections\n");
    let dir = site(&[
        ("_config.yml", &config),
        ("_posts/2024-01-01-a.md", "---\n---\na\n"),
    ]);
    let (ok, report) = doctor(dir.path());
    assert!(!ok);
    assert!(
        report.contains("Detected '_posts' directory outside custom `collections_dir`!"),
        "{report}"
    );
}

#[test]
fn plugins_hyde_does_not_provide() {
    let config = format!("{URL}plugins: [jekyll-feed, jekyll-archives]\n");
    let dir = site(&[
        ("_config.yml", &config),
        ("_plugins/custom.rb", "# Ruby\n"),
        ("index.html", "---\n---\n{% archive_link 2024 %}\n"),
    ]);
    let (ok, report) = doctor(dir.path());
    assert!(!ok);
    assert!(
        report.contains("plugin 'jekyll-archives' is not provided by hyde"),
        "{report}"
    );
    assert!(!report.contains("plugin 'jekyll-feed'"), "{report}");
    assert!(
        report.contains("Ruby plugins are not run by hyde"),
        "{report}"
    );
    assert!(
        report.contains("index.html (line 3): Unknown tag 'archive_link'"),
        "{report}"
    );
}

#[test]
fn a_missing_theme_says_where_hyde_looked() {
    let config = format!("{URL}theme: no-such-theme-for-hyde\n");
    let dir = site(&[("_config.yml", &config)]);
    let (ok, report) = doctor(dir.path());
    assert!(!ok);
    assert!(
        report.contains("The no-such-theme-for-hyde theme could not be found."),
        "{report}"
    );
    assert!(report.contains("rubygems-integration/all/gems"), "{report}");
    assert!(report.contains("HYDE_THEME_PATH"), "{report}");
}

#[test]
fn a_theme_found_through_hyde_theme_path() {
    let themes = site(&[
        (
            "my-theme-1.0.0/_layouts/default.html",
            "<main>{{ content }}</main>\n",
        ),
        ("my-theme-1.0.0/_includes/note.html", "note\n"),
    ]);
    let config = format!("{URL}theme: my-theme\n");
    let dir = site(&[
        ("_config.yml", &config),
        (
            "index.md",
            "---\nlayout: default\n---\n{% include note.html %}\n",
        ),
    ]);
    let out = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .args(["doctor", "-s"])
        .arg(dir.path())
        .env("HYDE_THEME_PATH", themes.path())
        .output()
        .unwrap();
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
    assert!(report.contains("Everything looks fine"), "{report}");
}

#[test]
fn sass_differences_are_notes_not_failures() {
    let dir = site(&[
        ("_config.yml", URL),
        ("css/style.scss", "---\n---\na { b: c }\n"),
    ]);
    let (ok, report) = doctor(dir.path());
    assert!(ok, "{report}");
    assert!(
        report.contains("Note: Sass (css/style.scss) is compiled with grass"),
        "{report}"
    );
    assert!(report.contains(".css.map"), "{report}");
}
