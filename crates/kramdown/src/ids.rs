//! Header ids: the GFM parser's algorithm (used for headers it sees) and the
//! converter's basic one (used for headers inside HTML elements and footnotes).

use std::collections::HashMap;

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x483..=0x489 | 0x591..=0x5bd | 0x610..=0x61a | 0x64b..=0x65f
        | 0x900..=0x903 | 0x93a..=0x94f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff
        | 0xfe20..=0xfe2f | 0x3099..=0x309a)
}

/// Ruby's `\p{Word}`.
fn is_word(c: char) -> bool {
    c.is_alphabetic()
        || c.is_numeric()
        || is_mark(c)
        || c == '_'
        || matches!(
            c,
            '\u{203f}' | '\u{2040}' | '\u{2054}' | '\u{fe33}' | '\u{fe34}' | '\u{fe4d}'
                ..='\u{fe4f}' | '\u{ff3f}' | '\u{200c}' | '\u{200d}'
        )
}

/// kramdown-parser-gfm's generate_gfm_header_id, with its per-document counter.
#[derive(Default)]
pub(crate) struct GfmIds {
    counter: HashMap<String, usize>,
}

impl GfmIds {
    pub fn generate(&mut self, text: &str, prefix: &str) -> String {
        let mut result = String::with_capacity(text.len());
        for c in text.chars().flat_map(char::to_lowercase) {
            if c == ' ' || c == '\t' {
                result.push('-');
            } else if c == '-' || is_word(c) {
                result.push(c);
            }
        }
        let n = self
            .counter
            .entry(result.clone())
            .and_modify(|n| *n += 1)
            .or_insert(0);
        if *n > 0 {
            result.push_str(&format!("-{n}"));
        }
        format!("{prefix}{result}")
    }
}

/// kramdown's basic_generate_id.
pub(crate) fn basic_id(text: &str) -> String {
    let t = text.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c.to_ascii_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gfm_ids() {
        let mut g = GfmIds::default();
        let cases = [
            ("Create content & metadata", "create-content--metadata"),
            ("Hello World", "hello-world"),
            ("Hello World", "hello-world-1"),
            ("Ümlaut", "ümlaut"),
            ("C++ and C#", "c-and-c"),
        ];
        for (i, o) in cases {
            assert_eq!(g.generate(i, ""), o);
        }
        assert_eq!(basic_id("123 Hello, World"), "hello-world");
    }
}
