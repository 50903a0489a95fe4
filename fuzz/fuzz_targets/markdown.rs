//! kramdown conversion without a highlighter, in both input modes Jekyll
//! uses (GFM by default, plain kramdown when `kramdown.input: kramdown`).
#![no_main]

use hyde_kramdown::{to_html, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut options = Options::default();
    if mode & 1 == 1 {
        options.input = "kramdown".into();
    }
    options.hard_wrap = mode & 2 == 2;
    options.parse_block_html = mode & 4 == 4;
    let _ = to_html(&text, &options, None);
});
