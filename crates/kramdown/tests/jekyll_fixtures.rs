//! Compares hyde-kramdown with real Jekyll on every `tests/fixtures/markdown-*` case.
//!
//! Expected files are written only by `scripts/regen-fixtures` (real Jekyll 4.3.1).
//! Cases listed in `tests/pending.txt` may fail; any other failure fails the test,
//! and so does a pending case that now passes (the list only shrinks).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use hyde_kramdown::{to_html_with, OptValue, Options};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The few `_config.yml` settings the fixtures use.
fn fixture_options(config: &str) -> (Options, bool) {
    let mut opts = Options::default();
    let mut rouge = true;
    let mut in_kramdown = false;
    for line in config.lines() {
        if let Some(v) = line.strip_prefix("highlighter:") {
            if v.trim() != "rouge" {
                rouge = false;
            }
        }
        if line.starts_with("kramdown:") {
            in_kramdown = true;
            continue;
        }
        if in_kramdown {
            if let Some(kv) = line.strip_prefix("  ") {
                if let Some((k, v)) = kv.split_once(':') {
                    let v = v.trim().trim_matches('"');
                    let val = match v {
                        "true" => OptValue::Bool(true),
                        "false" => OptValue::Bool(false),
                        _ => v
                            .parse()
                            .map(OptValue::Int)
                            .unwrap_or(OptValue::Str(v.to_string())),
                    };
                    opts.set(k.trim(), &val).unwrap();
                }
            } else {
                in_kramdown = false;
            }
        }
    }
    if !rouge {
        opts.syntax_highlighter = None;
    }
    (opts, rouge)
}

/// Stand-in for Rouge: only the plain-text lexer, which escapes `&`, `<` and `>`.
fn plain_highlighter(code: &str, lang: &str) -> Option<String> {
    let lang = lang.split('?').next().unwrap_or("");
    matches!(lang, "plaintext" | "text").then(|| {
        code.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    })
}

/// The page body as Jekyll reads it: its front matter pattern ends with
/// `---\s*$\n?`, which also swallows leading blank lines of the body.
fn body_of(src: &str) -> &str {
    let rest = src.strip_prefix("---\n").expect("front matter");
    let end = rest
        .find("\n---")
        .map(|i| i + 1)
        .filter(|_| !rest.starts_with("---"))
        .unwrap_or(0);
    let after = &rest[end + 3..];
    let ws = after.len()
        - after
            .trim_start_matches(|c: char| c.is_ascii_whitespace())
            .len();
    match after[..ws].rfind('\n') {
        Some(i) => &after[i + 1..],
        None => after,
    }
}

#[test]
fn jekyll_fixtures() {
    let root = repo_root();
    let pending_text =
        fs::read_to_string(root.join("crates/kramdown/tests/pending.txt")).unwrap_or_default();
    let pending: BTreeMap<String, String> = pending_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((a, b)) => (a.to_string(), b.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect();
    let mut groups: Vec<PathBuf> = fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("markdown-")
        })
        .collect();
    groups.sort();
    let mut unexpected = Vec::new();
    let mut now_passing = Vec::new();
    let (mut total, mut passed) = (0, 0);
    for g in &groups {
        let name = g.file_name().unwrap().to_string_lossy().to_string();
        let config = fs::read_to_string(g.join("site/_config.yml")).unwrap_or_default();
        let (opts, rouge) = fixture_options(&config);
        let mut cases: Vec<PathBuf> = fs::read_dir(g.join("site/cases"))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        cases.sort();
        let (mut gt, mut gp) = (0, 0);
        for c in &cases {
            let stem = c.file_stem().unwrap().to_string_lossy().to_string();
            let key = format!("{name}/{stem}");
            let src = fs::read_to_string(c).unwrap();
            let expected = fs::read_to_string(g.join(format!("expected/cases/{stem}.html")))
                .unwrap_or_default();
            let hl: hyde_kramdown::HighlighterOpt<'_> = &plain_highlighter;
            let got = to_html_with(body_of(&src), &opts, if rouge { Some(hl) } else { None });
            gt += 1;
            let ok = got == expected;
            if ok {
                gp += 1;
                if pending.contains_key(&key) {
                    now_passing.push(key);
                }
            } else if !pending.contains_key(&key) {
                let (mut line_no, mut e_line, mut g_line) = (0, "", "");
                for (i, (e, gl)) in expected.split('\n').zip(got.split('\n')).enumerate() {
                    if e != gl {
                        (line_no, e_line, g_line) = (i + 1, e, gl);
                        break;
                    }
                }
                if e_line.is_empty() && g_line.is_empty() {
                    line_no = expected.split('\n').count().min(got.split('\n').count());
                }
                unexpected.push(format!(
                    "{key}: line {line_no}\n    expected: {e_line:?}\n    got:      {g_line:?}"
                ));
            }
        }
        println!("{name}: {gp}/{gt}");
        total += gt;
        passed += gp;
    }
    println!("total: {passed}/{total} identical to Jekyll");
    for u in &unexpected {
        println!("FAIL {u}");
    }
    for n in &now_passing {
        println!("NOW PASSING (remove from pending.txt): {n}");
    }
    assert!(
        unexpected.is_empty() && now_passing.is_empty(),
        "{} unexpected failures, {} pending cases now pass",
        unexpected.len(),
        now_passing.len()
    );
}
