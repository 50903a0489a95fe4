//! kramdown conversion with Rouge highlighting code blocks and spans, as
//! hyde's Markdown converter wires them. The first line names the
//! language so every lexer gets fed.
#![no_main]

use hyde_kramdown::{to_html_with, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (lang, body) = text.split_once('\n').unwrap_or(("", &text));
    // Feed the lexer directly too: fenced blocks only reach it when the
    // Markdown around them parses as a fence.
    if hyde_rouge::find_lexer(lang).is_some() {
        let _ = hyde_rouge::highlight(body, lang);
    }
    let hl = |code: &str, lang: &str| {
        hyde_rouge::find_lexer(lang).map(|_| hyde_rouge::highlight(code, lang))
    };
    let _ = to_html_with(body, &Options::default(), Some(&hl));
});
