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
/// blockquotes convert; 1,000 nested `if` or `for` fail with "Liquid error:
/// Nesting too deep"; 1,000 nested list items make kramdown raise "stack
/// level too deep" (from about 800 levels). hyde must never overflow its
/// own stack on any of them. Known difference: hyde's kramdown keeps levels
/// past 120 as text instead of failing on the list (or nesting the quotes).
#[test]
fn thousand_deep_nesting_never_overflows() {
    let n = 1000;
    let list = format!("---\n---\n{}item\n", "- ".repeat(n));
    let quote = format!("---\n---\n{} deep\n", ">".repeat(n));
    let ifs = format!(
        "---\n---\n{}x{}\n",
        "{% if true %}".repeat(n),
        "{% endif %}".repeat(n)
    );
    let fors = format!(
        "---\n---\n{}x{}\n",
        "{% for i in (1..1) %}".repeat(n),
        "{% endfor %}".repeat(n)
    );
    for (name, body, liquid_error) in [
        ("list.md", &list, false),
        ("quote.md", &quote, false),
        ("if.html", &ifs, true),
        ("for.html", &fors, true),
    ] {
        // No signal (a stack overflow aborts) is checked for every case.
        let d = site(&[(name, body)]);
        let o = hyde(d.path(), &[]);
        assert!(exited_normally(o.status), "{name}: {:?}", o.status);
        let err = stderr(&o);
        if liquid_error {
            assert!(!o.status.success(), "{name}");
            assert!(err.contains("Liquid error: Nesting too deep"), "{err}");
            assert!(err.contains(name), "{err}");
        } else {
            assert!(o.status.success(), "{name}: {err}");
        }
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
