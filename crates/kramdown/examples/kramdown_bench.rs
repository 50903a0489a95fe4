//! Throughput of hyde-kramdown against pulldown-cmark's own HTML writer on the
//! same input: each `tests/fixtures/markdown-*` group's cases, and all of them,
//! repeated to a few MB. Both run under mimalloc, the allocator hyde's binary
//! uses (build with `BENCH_ALLOC=system` for glibc's).
//!
//! `cargo run --release -p hyde-kramdown --example kramdown_bench [GROUP...]`

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use mimalloc::MiMalloc;
use std::time::Instant;

/// Counts allocations, to compare how allocation-heavy the two converters are.
struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);

/// Chosen when the bench is compiled (`BENCH_ALLOC=system cargo run ...`): the
/// allocator cannot change once anything has been allocated.
fn system() -> bool {
    matches!(option_env!("BENCH_ALLOC"), Some("system"))
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        if system() {
            unsafe { System.alloc(l) }
        } else {
            unsafe { MiMalloc.alloc(l) }
        }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        if system() {
            unsafe { System.dealloc(p, l) }
        } else {
            unsafe { MiMalloc.dealloc(p, l) }
        }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        if system() {
            unsafe { System.realloc(p, l, n) }
        } else {
            unsafe { MiMalloc.realloc(p, l, n) }
        }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn count<F: FnMut() -> usize>(mut f: F) -> usize {
    let before = ALLOCS.load(Ordering::Relaxed);
    std::hint::black_box(f());
    ALLOCS.load(Ordering::Relaxed) - before
}

/// Page bodies of each `markdown-*` fixture group, by group name.
fn groups() -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for d in dirs.iter().filter(|d| {
        d.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("markdown-")
    }) {
        let mut parts = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(d.join("site/cases"))
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let s = std::fs::read_to_string(f).unwrap();
            let body = s.splitn(3, "---\n").nth(2).unwrap_or("").to_string();
            parts.push(body);
        }
        out.push((d.file_name().unwrap().to_string_lossy().into_owned(), parts));
    }
    out
}

/// `parts` as page-sized documents repeated to about 4 MB, joined by [`SEP`].
fn corpus(parts: &[String], size: usize) -> String {
    // Page-sized documents (about 8 KB, like a blog post), separated by a marker line.
    let mut docs = Vec::new();
    let mut cur = String::new();
    for p in parts {
        cur.push_str(p);
        cur.push_str("\n\n");
        if cur.len() > 8_000 {
            docs.push(std::mem::take(&mut cur));
        }
    }
    docs.push(cur);
    let mut all = Vec::new();
    let mut total = 0;
    while total < size {
        for d in &docs {
            total += d.len();
            all.push(d.clone());
        }
    }
    all.join(SEP)
}

const SEP: &str = "\u{0}PAGE\u{0}";

/// Best-of-N throughput of two converters, alternating runs so that load from
/// other processes affects both alike.
fn race<A: FnMut() -> usize, B: FnMut() -> usize>(
    mut a: A,
    mut b: B,
    bytes: usize,
    rounds: usize,
) -> (f64, f64) {
    let (mut best_a, mut best_b) = (f64::MAX, f64::MAX);
    // BENCH_ONLY=ours|theirs runs one side (for `perf stat`, which is immune to load).
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    for _ in 0..rounds {
        if only != "theirs" && only != "base" {
            let t = Instant::now();
            std::hint::black_box(a());
            best_a = best_a.min(t.elapsed().as_secs_f64());
        }
        if only != "ours" && only != "base" {
            let t = Instant::now();
            std::hint::black_box(b());
            best_b = best_b.min(t.elapsed().as_secs_f64());
        }
    }
    (bytes as f64 / best_a / 1e6, bytes as f64 / best_b / 1e6)
}

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let groups = groups();
    let all: Vec<String> = groups.iter().flat_map(|(_, p)| p.iter().cloned()).collect();
    let mut inputs: Vec<(String, String, usize)> = groups
        .iter()
        .filter(|(g, _)| wanted.is_empty() || wanted.contains(g))
        .map(|(g, p)| (g.clone(), corpus(p, 1_000_000), 5))
        .collect();
    if wanted.is_empty() || wanted.iter().any(|w| w == "all") {
        inputs.push(("all groups".into(), corpus(&all, 4_000_000), 9));
    }
    let opts = hyde_kramdown::Options::default();
    // A plain-text "highlighter" (one escaping pass), so that the numbers measure
    // the converter; pulldown-cmark does no highlighting either.
    let hl = |c: &str, _l: &str| -> Option<String> {
        let mut out = String::with_capacity(c.len() + 16);
        for ch in c.chars() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => out.push(ch),
            }
        }
        Some(out)
    };
    let mut popts = pulldown_cmark::Options::empty();
    popts.insert(pulldown_cmark::Options::ENABLE_TABLES);
    popts.insert(pulldown_cmark::Options::ENABLE_FOOTNOTES);
    popts.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    popts.insert(pulldown_cmark::Options::ENABLE_TASKLISTS);
    popts.insert(pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION);
    popts.insert(pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES);
    println!(
        "{:<28} {:>6} {:>10} {:>10} {:>10} {:>7}",
        "input", "MB", "allocs/KB", "hyde MB/s", "pdcm MB/s", "ratio"
    );
    for (name, doc, rounds) in &inputs {
        // Convert page by page, as a site build does.
        let chunks: Vec<&str> = doc.split(SEP).collect();
        let ours = || -> usize {
            chunks
                .iter()
                .map(|c| hyde_kramdown::to_html_with(c, &opts, Some(&hl)).len())
                .sum()
        };
        let theirs = || -> usize {
            chunks
                .iter()
                .map(|c| {
                    let mut out = String::new();
                    pulldown_cmark::html::push_html(
                        &mut out,
                        pulldown_cmark::Parser::new_ext(c, popts),
                    );
                    out.len()
                })
                .sum()
        };
        let allocs = count(ours);
        let (a, b) = race(ours, theirs, doc.len(), *rounds);
        println!(
            "{name:<28} {:>6.1} {:>10.1} {a:>10.1} {b:>10.1} {:>6.2}x",
            doc.len() as f64 / 1e6,
            allocs as f64 / (doc.len() as f64 / 1e3),
            b / a
        );
    }
}
