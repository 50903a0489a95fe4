//! Header ids: the GFM parser's algorithm (used for headers it sees) and the
//! converter's basic one (used for headers inside HTML elements and footnotes).

use std::collections::HashMap;

fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x300..=0x36f | 0x483..=0x489 | 0x591..=0x5bd | 0x5bf | 0x5c1..=0x5c2 | 0x5c4..=0x5c5 | 0x5c7
        | 0x610..=0x61a | 0x64b..=0x65f | 0x670 | 0x6d6..=0x6dc | 0x6df..=0x6e4 | 0x6e7..=0x6e8
        | 0x6ea..=0x6ed | 0x900..=0x903 | 0x93a..=0x94f | 0x951..=0x957 | 0x962..=0x963
        | 0x981..=0x983 | 0x9bc | 0x9be..=0x9cd | 0xa01..=0xa03 | 0xa3c..=0xa4d | 0xa81..=0xa83
        | 0xabc | 0xabe..=0xacd | 0xb3c | 0xb4d | 0xbcd | 0xc4d | 0xcbc | 0xccd | 0xd4d | 0xdca
        | 0xe31 | 0xe34..=0xe3a | 0xe47..=0xe4e | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff
        | 0x20d0..=0x20ff | 0x302a..=0x302f | 0x3099..=0x309a | 0xfe00..=0xfe0f | 0xfe20..=0xfe2f
        | 0xe0100..=0xe01ef)
}

/// Numeric characters that are not decimal digits (General Category No), which
/// Ruby's `\p{Word}` leaves out.
fn is_other_number(c: char) -> bool {
    matches!(c as u32,
        0xb2..=0xb3 | 0xb9 | 0xbc..=0xbe | 0x2070..=0x2079 | 0x2080..=0x2089 | 0x2150..=0x215f
        | 0x2189 | 0x2460..=0x249b | 0x24ea..=0x24ff | 0x2776..=0x2793 | 0x3192..=0x3195
        | 0x3220..=0x3229 | 0x3248..=0x324f | 0x3251..=0x325f | 0x3280..=0x3289 | 0x32b1..=0x32bf)
}

/// Ruby's `\p{Word}`: letters, marks, decimal digits, connector punctuation, joiners.
fn is_word(c: char) -> bool {
    c.is_alphabetic()
        || (c.is_numeric() && !is_other_number(c))
        || is_mark(c)
        || matches!(
            c,
            '_' | '\u{203f}' | '\u{2040}' | '\u{2054}' | '\u{fe33}' | '\u{fe34}' | '\u{fe4d}'
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
        let mut result = String::with_capacity(prefix.len() + text.len() + 4);
        result.push_str(prefix);
        for c in text.chars() {
            // ASCII needs neither Unicode lower-casing nor the `\p{Word}` tables.
            if c.is_ascii() {
                if c == ' ' || c == '\t' {
                    result.push('-');
                } else if c == '-' || c == '_' || c.is_ascii_alphanumeric() {
                    result.push(c.to_ascii_lowercase());
                }
                continue;
            }
            for c in c.to_lowercase() {
                if c == ' ' || c == '\t' {
                    result.push('-');
                } else if c == '-' || is_word(c) {
                    result.push(c);
                }
            }
        }
        let id = &result[prefix.len()..];
        let n = match self.counter.get_mut(id) {
            Some(n) => {
                *n += 1;
                *n
            }
            None => {
                self.counter.insert(id.to_string(), 0);
                0
            }
        };
        if n > 0 {
            result.push('-');
            crate::convert::push_number(&mut result, n);
        }
        result
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
