//! Small text helpers shared by the parsers and the writer: HTML escaping, XML name
//! characters, and kramdown's attribute-list syntax.

use crate::ast::Ial;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escape {
    /// `<`, `>`, `&` always.
    All,
    /// Like `All` but character/entity references are kept.
    Text,
    /// Like `Text` and `"` too.
    Attr,
}

/// Length of an XML character/entity reference (`&name;`, `&#1;`, `&#x1;`) at the start of `s`.
pub(crate) fn reference_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    if b.get(1) == Some(&b'#') {
        let (start, hex) = if b.get(2) == Some(&b'x') {
            (3, true)
        } else {
            (2, false)
        };
        let mut i = start;
        while i < b.len()
            && (if hex {
                b[i].is_ascii_hexdigit()
            } else {
                b[i].is_ascii_digit()
            })
        {
            i += 1;
        }
        return (i > start && b.get(i) == Some(&b';')).then_some(i + 1);
    }
    let rest = &s[1..];
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, c)) if is_name_start(c) || c == ':' => {}
        _ => return None,
    }
    for (i, c) in chars {
        if c == ';' {
            return Some(i + 2);
        }
        if !(is_name_char(c) || c == ':') {
            return None;
        }
    }
    None
}

pub(crate) fn escape_html(s: &str, mode: Escape) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s, mode);
    out
}

/// Bytes that may need escaping in some mode (`"` only in attributes).
static ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[b'"' as usize] = true;
    t
};

pub(crate) fn escape_into(out: &mut String, s: &str, mode: Escape) {
    let mut last = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Runs of plain text are skipped: with SIMD where `"` stays as it is,
        // else with one table look-up per byte (attribute values are short).
        if mode != Escape::Attr {
            match memchr::memchr3(b'<', b'>', b'&', &bytes[i..]) {
                Some(off) => i += off,
                None => break,
            }
        } else if !ESCAPED[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let rep = match bytes[i] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if mode == Escape::Attr => "&quot;",
            b'&' => {
                if mode != Escape::All {
                    if let Some(l) = reference_len(&s[i..]) {
                        i += l;
                        continue;
                    }
                }
                "&amp;"
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        i += 1;
        last = i;
    }
    out.push_str(&s[last..]);
}

pub(crate) fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

pub(crate) fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '.' || c == '\u{b7}'
}

/// Length of an XML name (REXML's UNAME_STR) at the start of `s`.
pub(crate) fn name_len(s: &str) -> usize {
    let mut it = s.char_indices();
    match it.next() {
        Some((_, c)) if is_name_start(c) => {}
        _ => return 0,
    }
    for (i, c) in it {
        if !(is_name_char(c) || c == ':') {
            return i;
        }
    }
    s.len()
}

pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Ruby's `\s` (ASCII whitespace).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\x0b')
}

fn ald_id_len(s: &[u8]) -> usize {
    if s.is_empty() || !is_word_byte(s[0]) {
        return 0;
    }
    1 + s[1..]
        .iter()
        .take_while(|&&b| is_word_byte(b) || b == b'-')
        .count()
}

/// Parses kramdown attribute-list content (`.class #id key="v" ref`) into `ial`.
pub(crate) fn parse_attribute_list(s: &str, ial: &mut Ial) {
    let t = s.trim();
    if t.is_empty() || t == ":" {
        return;
    }
    let b = s.as_bytes();
    let at_end = |i: usize| i >= b.len() || is_space(b[i]);
    let mut pos = 0;
    while pos <= b.len() {
        // A token starts at \A or right after a whitespace character.
        let mut starts: Vec<usize> = Vec::with_capacity(2);
        if pos == 0 {
            starts.push(0);
        }
        if pos < b.len() && is_space(b[pos]) {
            starts.push(pos + 1);
        }
        let mut matched = None;
        for st in starts {
            // key="value"
            let kl = ald_id_len(&b[st..]);
            if kl > 0 && b.get(st + kl) == Some(&b'=') {
                if let Some(&q) = b.get(st + kl + 1).filter(|q| **q == b'"' || **q == b'\'') {
                    let vs = st + kl + 2;
                    let mut i = vs;
                    let mut found = None;
                    while i < b.len() {
                        if b[i] == b'\\' && i + 1 < b.len() && (b[i + 1] == b'}' || b[i + 1] == q) {
                            i += 2;
                            continue;
                        }
                        if b[i] == b'}' {
                            break;
                        }
                        if b[i] == q && at_end(i + 1) {
                            found = Some(i);
                            break;
                        }
                        i += 1;
                    }
                    if let Some(e) = found {
                        let raw = &s[vs..e];
                        let val = raw
                            .replace("\\}", "}")
                            .replace(&format!("\\{}", q as char), &(q as char).to_string());
                        ial.attrs.set(&s[st..st + kl], val);
                        matched = Some(e + 1);
                        break;
                    }
                }
            }
            if kl > 0 && at_end(st + kl) {
                ial.refs.push(s[st..st + kl].to_string());
                matched = Some(st + kl);
                break;
            }
            // #id / .class sequences
            let mut i = st;
            let mut parts: Vec<(bool, &str)> = Vec::new();
            loop {
                match b.get(i) {
                    Some(b'#') if b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) => {
                        let mut j = i + 2;
                        while j < b.len() && (is_word_byte(b[j]) || b[j] == b':' || b[j] == b'-') {
                            j += 1;
                        }
                        parts.push((true, &s[i + 1..j]));
                        i = j;
                    }
                    Some(b'.') => {
                        let mut j = i + 1;
                        while j < b.len() && !is_space(b[j]) && b[j] != b'.' && b[j] != b'#' {
                            j += 1;
                        }
                        if j == i + 1 {
                            break;
                        }
                        parts.push((false, &s[i + 1..j]));
                        i = j;
                    }
                    _ => break,
                }
            }
            if !parts.is_empty() && at_end(i) {
                for (is_id, v) in parts {
                    if is_id {
                        ial.attrs.set("id", v.to_string());
                    } else {
                        let cur = ial.attrs.get("class").unwrap_or("");
                        let joined = format!("{cur} {v}").trim_start().to_string();
                        ial.attrs.set("class", joined);
                    }
                }
                matched = Some(i);
                break;
            }
        }
        match matched {
            Some(e) => pos = e,
            None => {
                pos += 1;
                while pos < b.len() && !s.is_char_boundary(pos) {
                    pos += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        let cases = [
            ("a<b>&c", Escape::All, "a&lt;b&gt;&amp;c"),
            ("&amp; &x; & &#1;", Escape::Text, "&amp; &x; &amp; &#1;"),
            ("\"&copy;\"", Escape::Attr, "&quot;&copy;&quot;"),
        ];
        for (i, m, o) in cases {
            assert_eq!(escape_html(i, m), o);
        }
    }

    #[test]
    fn ial_table() {
        let cases = [
            (
                " .a #b key=\"v w\"",
                vec![("class", "a"), ("id", "b"), ("key", "v w")],
                vec![],
            ),
            (".a.b", vec![("class", "a b")], vec![]),
            ("myref .c", vec![("class", "c")], vec!["myref"]),
            ("target=\"_blank\"", vec![("target", "_blank")], vec![]),
        ];
        for (src, attrs, refs) in cases {
            let mut ial = Ial::default();
            parse_attribute_list(src, &mut ial);
            let got: Vec<(&str, &str)> = ial
                .attrs
                .list()
                .iter()
                .map(|(k, v)| (k.as_ref(), v.as_str()))
                .collect();
            assert_eq!(got, attrs, "{src}");
            assert_eq!(ial.refs, refs);
        }
    }
}
