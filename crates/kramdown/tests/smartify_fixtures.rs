//! `smartify` against real Jekyll: each `markdown-smartify` page captures its input
//! and prints `{{ x | smartify }}`, so Jekyll's output is exactly the filter's result.

use std::fs;
use std::path::Path;

#[test]
fn smartify_matches_jekyll() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/markdown-smartify");
    let mut cases: Vec<_> = fs::read_dir(dir.join("site/cases"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for c in &cases {
        let src = fs::read_to_string(c).unwrap();
        let start = src.find("{% capture x %}").unwrap() + "{% capture x %}".len();
        let end = src.find("{% endcapture %}").unwrap();
        let input = &src[start..end];
        let expected =
            fs::read_to_string(dir.join("expected/cases").join(c.file_name().unwrap())).unwrap();
        let got = hyde_kramdown::smartify(input, &hyde_kramdown::Options::default());
        if got != expected {
            failures.push(format!(
                "{}: input {input:?}\n  expected {expected:?}\n  got      {got:?}",
                c.display()
            ));
        }
    }
    println!("smartify: {}/{}", cases.len() - failures.len(), cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
