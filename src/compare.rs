//! `hyde compare --with DIR`: builds the site into a scratch folder and
//! reports, file by file, how it differs from what `jekyll build` wrote —
//! how a Jekyll user checks that switching changes nothing.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::config::Overrides;

/// The comparison of two output trees.
#[derive(Debug, Default)]
pub struct Report {
    pub identical: usize,
    pub total: usize,
    /// Per differing file: a human-readable explanation.
    pub differences: Vec<(String, String)>,
}

impl Report {
    pub fn is_identical(&self) -> bool {
        self.differences.is_empty()
    }
}

/// What a written entry holds: a file's bytes, or for a symlink
/// `symlink -> TEXT`, never the linked file's. Jekyll writes a symlinked
/// static file as a symlink, whose link text is what must match.
pub fn entry_bytes(path: &Path) -> Result<Vec<u8>> {
    let meta = fs::symlink_metadata(path).with_context(|| format!("reading {}", path.display()))?;
    if meta.file_type().is_symlink() {
        let text = fs::read_link(path).with_context(|| format!("reading {}", path.display()))?;
        return Ok(format!("symlink -> {}\n", text.display()).into_bytes());
    }
    fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Files (and symlinks) under `root`, `/`-separated and relative, sorted.
pub fn list_files(root: &Path) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for entry in walkdir::WalkDir::new(root).follow_links(false) {
        let entry = entry.with_context(|| format!("reading {}", root.display()))?;
        if !entry.file_type().is_dir() {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(out)
}

/// Compares `actual` (hyde's) with `expected` (Jekyll's). `normalize` may
/// rewrite both sides of a file before comparing (the tests use it for CSS).
pub fn compare_dirs(
    actual: &Path,
    expected: &Path,
    normalize: &dyn Fn(&str, Vec<u8>) -> Vec<u8>,
) -> Result<Report> {
    let (a, e) = (list_files(actual)?, list_files(expected)?);
    let mut report = Report::default();
    for path in e.union(&a) {
        report.total += 1;
        match (a.contains(path), e.contains(path)) {
            (true, false) => report
                .differences
                .push((path.clone(), "written by hyde only".into())),
            (false, true) => report.differences.push((
                path.clone(),
                "missing: Jekyll writes it, hyde does not".into(),
            )),
            _ => {
                let got = normalize(path, entry_bytes(&actual.join(path))?);
                let want = normalize(path, entry_bytes(&expected.join(path))?);
                if got == want {
                    report.identical += 1;
                } else {
                    report
                        .differences
                        .push((path.clone(), first_difference(&want, &got)));
                }
            }
        }
    }
    Ok(report)
}

/// The first differing line of both sides, with a line of context before.
pub fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let (el, al): (Vec<&str>, Vec<&str>) = (e.split('\n').collect(), a.split('\n').collect());
    let i = el
        .iter()
        .zip(&al)
        .position(|(x, y)| x != y)
        .unwrap_or(el.len().min(al.len()));
    let mut s = String::new();
    if i > 0 {
        let _ = writeln!(s, "      line {}:  {}", i, el[i - 1]);
    }
    let _ = writeln!(
        s,
        "    jekyll {}: {:?}",
        i + 1,
        el.get(i).copied().unwrap_or("<end of file>")
    );
    let _ = write!(
        s,
        "    hyde   {}: {:?}",
        i + 1,
        al.get(i).copied().unwrap_or("<end of file>")
    );
    s
}

/// Builds the site into a temporary folder and prints the report.
pub fn run(overrides: &Overrides, jekyll_dir: &Path) -> Result<()> {
    if !jekyll_dir.is_dir() {
        bail!(
            "{}: not a folder (build it with `jekyll build -d {}` first)",
            jekyll_dir.display(),
            jekyll_dir.display()
        );
    }
    let scratch = std::env::temp_dir().join(format!("hyde-compare-{}", std::process::id()));
    let mut o = overrides.clone();
    o.destination = Some(scratch.clone());
    o.quiet = true;
    let site = crate::Site::load(&o)?;
    let rendering = site.render()?;
    crate::build::write(&site, &rendering)?;
    let report = compare_dirs(&scratch, jekyll_dir, &|_, b| b);
    let _ = fs::remove_dir_all(&scratch);
    let report = report?;
    for (path, why) in &report.differences {
        println!("differs: {path}\n{why}");
    }
    println!("{} of {} files identical", report.identical, report.total);
    if !report.is_identical() {
        bail!(
            "{} files differ from Jekyll's output",
            report.differences.len()
        );
    }
    Ok(())
}
