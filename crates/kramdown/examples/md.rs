//! Converts stdin with Jekyll's default options (debugging aid).
use std::io::Read;

fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).unwrap();
    let hl = |code: &str, lang: &str| -> Option<String> {
        (lang == "plaintext" || lang == "text").then(|| {
            code.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        })
    };
    print!(
        "{}",
        hyde_kramdown::to_html_with(&s, &hyde_kramdown::Options::default(), Some(&hl))
    );
}
