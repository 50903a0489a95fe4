//! Compares this crate with real Jekyll on every sample page of the
//! `tests/fixtures/highlight-*` sites, whose `expected/` output
//! `scripts/regen-fixtures` produced with Jekyll 4.3.1 and Rouge 3.30.
//!
//! A sample is a page holding one `{% highlight LANG [OPTS] %}` block (`.html`)
//! or one fenced code block (`.md`, kramdown's path); its body is wrapped in
//! `{% raw %}` so Liquid leaves the code alone. Samples listed in
//! `tests/pending.txt` (`PATH REASON` per line, PATH relative to the
//! repository) are known to differ: the run fails if any other sample differs,
//! or if a pending one now matches (so the list only shrinks).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

struct Sample {
    /// Path of the source page relative to the repository root.
    rel: String,
    lang: String,
    actual: String,
    expected: String,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            pages(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("html" | "md")) {
            out.push(p);
        }
    }
}

/// Drops the `{% raw %}` / `{% endraw %}` wrapper the way Liquid renders it.
fn unraw(s: &str) -> String {
    s.replace("{% raw %}", "").replace("{% endraw %}", "")
}

/// `(lang, options, code, text after the block)` of a highlight-tag page.
fn parse_tag_page(body: &str) -> Option<(String, String, String, String)> {
    let start = body.find("{% highlight ")?;
    let close = start + body[start..].find("%}")?;
    let markup = body[start + "{% highlight ".len()..close].trim();
    let (lang, opts) = markup
        .split_once(char::is_whitespace)
        .unwrap_or((markup, ""));
    let end = body.find("{% endhighlight %}")?;
    let code = unraw(&body[close + 2..end]);
    let after = body[end + "{% endhighlight %}".len()..].to_string();
    Some((lang.to_string(), opts.trim().to_string(), code, after))
}

/// kramdown's fenced code block: the code keeps its final newline.
fn render_md_page(body: &str) -> Option<(String, String)> {
    let body = unraw(body);
    let body = body.trim_start_matches('\n');
    let first = body.lines().next()?;
    let lang = first.strip_prefix("```")?.trim().to_string();
    let rest = &body[first.len() + 1..];
    let end = rest.find("\n```")?;
    let code = &rest[..end + 1];
    let html = format!(
        "<div class=\"language-{lang} highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>{}</code></pre></div></div>\n",
        hyde_rouge::highlight(code, &lang)
    );
    Some((lang, html))
}

fn collect(root: &Path) -> Vec<Sample> {
    let mut samples = Vec::new();
    let mut fixtures: Vec<PathBuf> = fs::read_dir(root.join("tests/fixtures"))
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    fixtures.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("highlight-"))
    });
    fixtures.sort();
    for fixture in fixtures {
        let site = fixture.join("site");
        let mut files = Vec::new();
        pages(&site, &mut files);
        files.sort();
        for page in files {
            let src = fs::read_to_string(&page).unwrap();
            let Some(body) = src.strip_prefix("---\n---\n") else {
                continue;
            };
            let rel_site = page.strip_prefix(&site).unwrap();
            let rel = page
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let is_md = rel_site.extension().is_some_and(|e| e == "md");
            let out_rel = if is_md {
                rel_site.with_extension("html")
            } else {
                rel_site.to_path_buf()
            };
            let expected = fs::read_to_string(fixture.join("expected").join(&out_rel))
                .unwrap_or_else(|_| {
                    panic!("no expected output for {rel}: run scripts/regen-fixtures")
                });
            let (lang, actual) = if is_md {
                render_md_page(body).unwrap_or_else(|| panic!("{rel}: no fenced block"))
            } else {
                let (lang, opts, code, after) =
                    parse_tag_page(body).unwrap_or_else(|| panic!("{rel}: no highlight block"));
                let html = hyde_rouge::jekyll_highlight_tag(&code, &lang, &opts);
                (lang, html + &after)
            };
            samples.push(Sample {
                rel,
                lang,
                actual,
                expected,
            });
        }
    }
    samples
}

fn first_difference(actual: &str, expected: &str) -> String {
    let (mut a, mut e) = (actual.lines(), expected.lines());
    for n in 1.. {
        match (a.next(), e.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => return "trailing newline differs".into(),
            (x, y) => {
                let cut =
                    |s: Option<&str>| s.unwrap_or("<eof>").chars().take(200).collect::<String>();
                return format!("line {n}:\n      got:  {}\n      want: {}", cut(x), cut(y));
            }
        }
    }
    unreachable!()
}

fn main() {
    let root = repo_root();
    let pending_text =
        fs::read_to_string(root.join("crates/rouge/tests/pending.txt")).unwrap_or_default();
    let pending: BTreeSet<&str> = pending_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();

    let samples = collect(&root);
    let mut table: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut unexpected = Vec::new();
    let mut now_passing = Vec::new();
    for s in &samples {
        let lang = hyde_rouge::find_lexer(&s.lang.to_ascii_lowercase())
            .unwrap_or("plaintext")
            .to_string();
        let row = table.entry(lang).or_default();
        row.0 += 1;
        let ok = s.actual == s.expected;
        if ok {
            row.1 += 1;
        }
        match (ok, pending.contains(s.rel.as_str())) {
            (true, true) => now_passing.push(s.rel.clone()),
            (false, false) => unexpected.push(s),
            (false, true) => println!("pending  {}", s.rel),
            (true, false) => {}
        }
    }

    println!("{:<12} {:>8} {:>10}", "language", "samples", "identical");
    for (lang, (n, ok)) in &table {
        println!("{lang:<12} {n:>8} {ok:>10}");
    }
    for s in &unexpected {
        println!(
            "FAIL {} ({})\n    {}",
            s.rel,
            s.lang,
            first_difference(&s.actual, &s.expected)
        );
    }
    for p in &now_passing {
        println!("NOW PASSING (remove from tests/pending.txt): {p}");
    }
    let failed = unexpected.len() + now_passing.len();
    println!(
        "jekyll_fixtures: {} passed, {} failed",
        samples.len() - failed,
        failed
    );
    if failed > 0 {
        std::process::exit(1);
    }
}
