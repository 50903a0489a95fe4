//! Throughput on ~1 MB of mixed code: `cargo run --release -p hyde-rouge --example rouge_bench`.

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

/// CPU time this process has used, from /proc (Linux), in seconds: the machine
/// may be shared, and wall time then says little about the highlighter.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let mut inputs = Vec::new();
    let mut total = 0;
    for (lang, code) in SAMPLES {
        let n = (1 << 20) / SAMPLES.len() / code.len() + 1;
        let text = code.repeat(n);
        total += text.len();
        inputs.push((*lang, text));
    }
    // Warm up the lazily compiled lexers.
    for (lang, code) in SAMPLES {
        hyde_rouge::highlight(code, lang);
    }
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let mut out = 0;
    for (lang, text) in &inputs {
        let t = Instant::now();
        out += hyde_rouge::highlight(text, lang).len();
        let secs = t.elapsed().as_secs_f64();
        println!("{lang:<12} {:>8.1} MB/s", text.len() as f64 / secs / 1e6);
    }
    let secs = start.elapsed().as_secs_f64();
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        let cpu = (b - a).max(0.01);
        println!(
            "cpu: {:.0} ms = {:.1} MB/s",
            cpu * 1e3,
            total as f64 / cpu / 1e6
        );
    }
    println!(
        "total: {:.2} MB in {:.1} ms = {:.1} MB/s ({out} bytes of HTML)",
        total as f64 / 1e6,
        secs * 1e3,
        total as f64 / secs / 1e6
    );
}
