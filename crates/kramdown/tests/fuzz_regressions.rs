//! Inputs the fuzzer (fuzz/fuzz_targets/markdown*.rs) found too slow or
//! crashing, kept so that stable `cargo test` covers them.

use hyde_kramdown::{to_html, Options};

/// Each failed `![…](` re-parsed the nested ones: 2^n attempts, so 20
/// repetitions took seconds and 200 would never finish. (Ruby kramdown
/// also fails to make images of these: there is no closing parenthesis.)
#[test]
fn nested_failed_images_are_not_exponential() {
    for input in ["GFM", "kramdown"] {
        let options = Options {
            input: input.into(),
            ..Options::default()
        };
        let html = to_html(&"![a](\nb![\n".repeat(200), &options, None);
        assert!(!html.contains("<img"), "{html}");
        assert_eq!(html.matches("![a](").count(), 200);
    }
}
