//! Size and depth: a 10 MB Markdown file, 10,000 files in one folder,
//! 1,000-deep nesting, and a site ten times larger taking about ten times
//! longer (no quadratic step) within bounded memory.
//!
//! The 50,000-page run is `bench/scale` (release build): in a debug build
//! it alone would take minutes.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::{hyde, site, stderr};

#[test]
fn a_ten_megabyte_markdown_file_converts() {
    let mut md = String::with_capacity(10_500_000);
    let mut i = 0;
    while md.len() < 10_000_000 {
        let _ = write!(
            md,
            "## Section {i}\n\nSome *emphasis*, **strong**, `code`, a [link](/p/{i}/) and \
             an &amp; entity in paragraph {i}.\n\n- item {i}\n- item with _em_\n\n    \
             indented code {i}\n\n> quoted {i}\n\n"
        );
        i += 1;
    }
    let d = site(&[("big.md", &format!("---\n---\n{md}LAST {i}\n"))]);
    let o = hyde(d.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = fs::read_to_string(d.path().join("_site/big.html")).unwrap();
    assert!(html.contains(&format!("<p>LAST {i}</p>")));
    assert_eq!(html.matches("<blockquote>").count(), i);
}

#[test]
fn ten_thousand_files_in_one_folder_build() {
    let d = site(&[("index.md", "# home\n")]);
    let folder = d.path().join("src/notes");
    fs::create_dir_all(&folder).unwrap();
    for n in 0..10_000 {
        // Pages and static files alike.
        let (name, body) = if n % 2 == 0 {
            (format!("{n}.md"), format!("---\n---\nnote {n}\n"))
        } else {
            (format!("{n}.txt"), format!("file {n}\n"))
        };
        fs::write(folder.join(name), body).unwrap();
    }
    let o = hyde(d.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = fs::read_dir(d.path().join("_site/notes")).unwrap().count();
    assert_eq!(out, 10_000);
    assert_eq!(
        fs::read_to_string(d.path().join("_site/notes/9998.html")).unwrap(),
        "<p>note 9998</p>\n"
    );
}

/// Jekyll 4.3.1 on these (checked with `jekyll build`): 1,000 nested
/// blockquotes convert; 1,000 nested list items make kramdown raise "stack
/// level too deep" (from 826 levels); 1,000 nested `if` or `for` fail with
/// "Liquid error: Nesting too deep". hyde does the same, and never
/// overflows its own stack, however deep (10,000 levels here).
#[test]
fn thousand_deep_nesting_fails_where_jekyll_fails_and_never_overflows() {
    let list = |n| format!("---\n---\n{}item\n", "- ".repeat(n));
    let quote = |n| format!("---\n---\n{} deep\n", ">".repeat(n));
    let ifs = |n| {
        format!(
            "---\n---\n{}x{}\n",
            "{% if true %}".repeat(n),
            "{% endif %}".repeat(n)
        )
    };
    let fors = |n| {
        format!(
            "---\n---\n{}x{}\n",
            "{% for i in (1..1) %}".repeat(n),
            "{% endfor %}".repeat(n)
        )
    };
    let too_deep = "Markdown nested too deep: kramdown under Jekyll fails on this file with \"stack level too deep\"";
    for n in [1000, 10_000] {
        for (name, body, error) in [
            ("list.md", list(n), Some(too_deep)),
            ("quote.md", quote(n), (n > 1672).then_some(too_deep)),
            ("if.html", ifs(n), Some("Liquid error: Nesting too deep")),
            ("for.html", fors(n), Some("Liquid error: Nesting too deep")),
        ] {
            let d = site(&[(name, &body)]);
            let o = hyde(d.path(), &[]);
            // No signal: a stack overflow aborts.
            assert!(exited_normally(o.status), "{name}: {:?}", o.status);
            let err = stderr(&o);
            match error {
                Some(msg) => {
                    assert!(!o.status.success(), "{name}");
                    assert!(err.contains(msg), "{err}");
                    assert!(err.contains(&format!("--> {name}")), "{err}");
                }
                None => {
                    assert!(o.status.success(), "{name}: {err}");
                    let html = fs::read_to_string(d.path().join("_site/quote.html")).unwrap();
                    assert_eq!(html.matches("<blockquote>").count(), n);
                }
            }
        }
    }
}

/// The last depth Jekyll converts and the first it fails on; the outputs
/// below those limits are compared with Jekyll's in the `deep-nesting`
/// fixture. A file whose Markdown nests too deep names its line.
#[test]
fn markdown_nesting_limits_are_jekylls() {
    let body = |lines: &str| format!("---\ntitle: t\n---\n{lines}");
    let list = |n| body(&format!("{}item\n", "- ".repeat(n)));
    let mixed = |n| body(&format!("{}item\n", "> - ".repeat(n)));
    let filter = |n| {
        body(&format!(
            "{{% capture x %}}{}item\n{{% endcapture %}}{{{{ x | markdownify }}}}",
            "- ".repeat(n)
        ))
    };
    let cases = [
        ("list.md", list(825), None),
        ("list.md", list(826), Some(4)),
        (
            "quote.md",
            body(&format!("{} deep\n", ">".repeat(1672))),
            None,
        ),
        (
            "quote.md",
            body(&format!("text\n\n{} deep\n", ">".repeat(1673))),
            Some(6),
        ),
        ("mixed.md", mixed(552), None),
        ("mixed.md", mixed(553), Some(4)),
        ("filter.html", filter(823), None),
        ("filter.html", filter(824), Some(5)),
    ];
    for (name, text, error_line) in cases {
        let d = site(&[(name, &text)]);
        let o = hyde(d.path(), &[]);
        let err = stderr(&o);
        match error_line {
            None => assert!(o.status.success(), "{name}: {err}"),
            Some(line) => {
                assert!(!o.status.success(), "{name}");
                assert!(err.contains("stack level too deep"), "{err}");
                assert!(err.contains(&format!("--> {name}:{line}")), "{err}");
            }
        }
    }
}

/// Liquid 5.4 allows 100 nested blocks and 100 scopes (the template's own
/// and 99 `for` loops); one more fails with "Nesting too deep".
#[test]
fn liquid_nesting_limits_are_jekylls() {
    let nest =
        |open: &str, close: &str, n| format!("---\n---\n{}x{}\n", open.repeat(n), close.repeat(n));
    let cases = [
        ("{% if true %}", "{% endif %}", 100),
        ("{% unless false %}", "{% endunless %}", 100),
        ("{% capture c %}", "{% endcapture %}", 100),
        ("{% case 1 %}{% when 1 %}", "{% endcase %}", 100),
        ("{% comment %}", "{% endcomment %}", 100),
        ("{% for i in (1..1) %}", "{% endfor %}", 99),
        ("{% tablerow i in (1..1) %}", "{% endtablerow %}", 99),
    ];
    for (open, close, last) in cases {
        let d = site(&[("p.html", &nest(open, close, last))]);
        let o = hyde(d.path(), &[]);
        assert!(o.status.success(), "{open} {last}: {}", stderr(&o));
        // One level more fails: at parse time for blocks, at render time
        // for scopes.
        let d = site(&[("p.html", &nest(open, close, last + 1))]);
        let o = hyde(d.path(), &[]);
        let err = stderr(&o);
        assert!(!o.status.success(), "{open} {}", last + 1);
        assert!(err.contains("Liquid error: Nesting too deep"), "{err}");
        assert!(err.contains("--> p.html"), "{err}");
    }
}

#[cfg(unix)]
fn exited_normally(status: ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal().is_none()
}

/// `count` tiny pages in folders of 1,000.
fn many_pages(root: &Path, count: usize) {
    for i in 0..count {
        let dir = root.join(format!("src/p{}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&dir).unwrap();
        }
        fs::write(
            dir.join(format!("{i}.md")),
            format!("---\ntitle: Page {i}\n---\n# {i}\n\nSome *text* for page {i}.\n"),
        )
        .unwrap();
    }
}

/// Runs a build, sampling the process's peak resident memory (`VmHWM`).
fn measured_build(root: &Path) -> (Duration, u64) {
    // A fresh build each time: a rebuild skips unchanged files.
    let _ = fs::remove_dir_all(root.join("_site"));
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .args(["build", "-q", "-s"])
        .arg(root.join("src"))
        .arg("-d")
        .arg(root.join("_site"))
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        if let Ok(s) = fs::read_to_string(&status_file) {
            if let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
            {
                peak_kb = kb;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    (start.elapsed(), peak_kb)
}

/// Time is a benchmark's business (`bench/scale` times 5,000 and 50,000
/// pages with the release binary); this checks what does not depend on the
/// machine's load: every page is written and memory grows linearly.
#[test]
fn ten_times_the_pages_fit_in_about_ten_times_the_memory() {
    let (small, large) = (1_000, 10_000);
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    many_pages(a.path(), small);
    many_pages(b.path(), large);
    let (t_small, peak_small) = measured_build(a.path());
    let (t_large, peak_large) = measured_build(b.path());
    assert_eq!(
        walkdir::WalkDir::new(b.path().join("_site"))
            .into_iter()
            .filter(|e| e.as_ref().unwrap().file_type().is_file())
            .count(),
        large
    );
    eprintln!(
        "{small} pages: {t_small:?}, peak {peak_small} kB; {large} pages: {t_large:?}, peak {peak_large} kB"
    );
    // Linear growth stays well under 10× (the binary and runtime are a
    // fixed part); a per-page copy of the site would be ~100×.
    assert!(
        peak_large < 10 * peak_small,
        "{peak_large} kB for {large} pages against {peak_small} kB for {small}"
    );
    assert!(peak_large < 400_000, "{peak_large} kB");
}
