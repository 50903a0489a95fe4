//! CPU cost per MB of code, per language and averaged, on ~1 MB of mixed code:
//! `cargo run --release -p hyde-rouge --example rouge_bench`.

use std::time::Instant;

/// Small realistic snippets per language, repeated to about 1 MB in total.
const SAMPLES: &[(&str, &str)] = &[
    ("yaml", "title: My Blog\nplugins:\n  - jekyll-feed\ndefaults:\n  - scope: {path: \"\"}\n    values:\n      layout: post # comment\ndesc: |\n  multi\n  line\n"),
    ("ruby", "class Foo < Bar\n  def initialize(x, y = 2)\n    @x = x # note\n    puts \"hello #{x}\" if y =~ /ab+c/\n    %w(a b c).each { |s| p s.upcase }\n  end\nend\n"),
    ("shell", "#!/bin/bash\nfor f in *.txt; do\n  echo \"$f: $(wc -l < \"$f\")\" | tee -a log\ndone\ncat <<EOF\nhi $USER\nEOF\n"),
    ("json", "{\"name\": \"x\", \"list\": [1, 2.5, true, null], \"nested\": {\"a\": \"b\\n\"}}\n"),
    ("javascript", "const f = async (a, b) => {\n  const re = /x+/g;\n  return `sum ${a + b}`; // ok\n};\nclass A extends B { constructor() { super(); this.x = {k: 1}; } }\n"),
    ("html", "<!DOCTYPE html>\n<html><head><style>body { color: red; }</style></head>\n<body class=\"x\"><p>Hi &amp; bye</p><script>var a = 1;</script></body></html>\n"),
    ("css", "a:hover, .b > #c { color: #fff; margin: 0 auto; font: 12px/1.5 \"Helvetica\", sans-serif; }\n@media (max-width: 600px) { .d { display: none !important; } }\n"),
];

/// CPU time this thread has run, in seconds, from /proc (Linux, nanosecond
/// resolution): the machine may be shared, and wall time then says little.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut inputs = Vec::new();
    for (lang, code) in SAMPLES {
        let n = (1 << 20) / SAMPLES.len() / code.len() + 1;
        inputs.push((*lang, code.repeat(n)));
    }
    // Warm up the lazily compiled lexers.
    for (lang, code) in SAMPLES {
        hyde_rouge::highlight(code, lang);
    }
    println!("{:<12} {:>8} {:>8}", "language", "ms/MB", "MB/s");
    let (mut sum_ms_per_mb, mut total_secs, mut total_bytes) = (0.0, 0.0, 0);
    for (lang, text) in &inputs {
        // The kernel may account CPU time in scheduler ticks (4 ms): time ten
        // passes together, and take the best of three.
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let c0 = cpu_seconds();
            for _ in 0..10 {
                std::hint::black_box(hyde_rouge::highlight(text, lang));
            }
            let secs = match (c0, cpu_seconds()) {
                (Some(a), Some(b)) => b - a,
                _ => t.elapsed().as_secs_f64(),
            };
            best = best.min(secs / 10.0);
        }
        let mb = text.len() as f64 / 1e6;
        println!("{lang:<12} {:>8.1} {:>8.1}", best * 1e3 / mb, mb / best);
        sum_ms_per_mb += best * 1e3 / mb;
        total_secs += best;
        total_bytes += text.len();
    }
    println!(
        "average over languages: {:.1} ms/MB; all {:.2} MB in {:.1} ms CPU",
        sum_ms_per_mb / inputs.len() as f64,
        total_bytes as f64 / 1e6,
        total_secs * 1e3
    );
}
