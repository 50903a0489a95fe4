//! URIs as Addressable normalizes them, for `relative_url`, `absolute_url`
//! and `uri_escape`. Each component is decoded, put in Unicode's
//! compatibility composition (NFKC), and encoded again where its class of
//! characters says so: `%21` becomes `!`, `ﬁ` becomes `fi`, a decomposed
//! `é` the composed one, and a path loses the whitespace around it.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// The bytes a component keeps as they are: the unreserved characters and
/// `extra`. Non-ASCII bytes are always encoded.
const fn class(extra: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c == b'_' || c == b'~';
        b += 1;
    }
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
}

/// A path segment (`pchar`).
const PCHAR: [bool; 256] = class(b"!$&'()*+,;=:@");
/// A query pair: `&` separates pairs and `;` is encoded (Addressable's
/// normalized query class).
const QUERY: [bool; 256] = class(b"!$'()*+,=:@/?");
const FRAGMENT: [bool; 256] = class(b"!$&'()*+,;=:@/?");
/// Reserved and unreserved: `uri_escape`'s class, and what text that does
/// not decode to UTF-8 keeps.
const ANY: [bool; 256] = class(b":/?#[]@!$&'()*+,;=");

/// Addressable's `normalize_component`. In a query (`plus`), an escaped
/// `+` stays escaped: it is not a space there.
fn normalize_component(st: &str, keep: &[bool; 256], plus: bool) -> String {
    let b = st.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut decoded = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                let v = (h * 16 + l) as u8;
                if plus && v == b'+' {
                    decoded.extend_from_slice(&b[i..i + 3]);
                } else {
                    decoded.push(v);
                }
                i += 3;
                continue;
            }
        }
        decoded.push(b[i]);
        i += 1;
    }
    let (text, keep, plus): (Cow<'_, [u8]>, _, _) = match std::str::from_utf8(&decoded) {
        Ok(s) if s.is_ascii() => (Cow::Borrowed(s.as_bytes()), keep, plus),
        Ok(s) => (
            Cow::Owned(s.nfkc().collect::<String>().into_bytes()),
            keep,
            plus,
        ),
        // Addressable's NFKC fails on it, and it is encoded as it is.
        Err(_) => (Cow::Borrowed(&decoded[..]), &ANY, false),
    };
    let mut out = String::with_capacity(text.len());
    let mut j = 0;
    while j < text.len() {
        let c = text[j];
        if plus
            && c == b'%'
            && text.get(j + 1) == Some(&b'2')
            && matches!(text.get(j + 2), Some(b'B' | b'b'))
        {
            out.push_str("%2B");
            j += 3;
            continue;
        }
        if keep[c as usize] {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
        j += 1;
    }
    out
}

/// `uri_escape`: the text normalized as one component of any URI part.
pub(crate) fn escape(st: &str) -> String {
    normalize_component(st, &ANY, false)
}

/// Ruby's `strip`: ASCII whitespace and NUL at both ends.
fn ruby_strip(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\0'))
}

/// RFC 3986 `remove_dot_segments`.
fn remove_dot_segments(path: &str) -> String {
    let mut input = path.to_string();
    let mut out = String::new();
    while !input.is_empty() {
        if let Some(r) = input.strip_prefix("../") {
            input = r.to_string();
        } else if let Some(r) = input.strip_prefix("./") {
            input = r.to_string();
        } else if input.starts_with("/./") {
            input = input[2..].to_string();
        } else if input == "/." {
            input = "/".into();
        } else if input.starts_with("/../") || input == "/.." {
            input = format!("/{}", &input[if input == "/.." { 3 } else { 4 }..]);
            match out.rfind('/') {
                Some(p) => out.truncate(p),
                None => out.clear(),
            }
        } else if input == "." || input == ".." {
            input.clear();
        } else {
            let start = usize::from(input.starts_with('/'));
            let end = input[start..].find('/').map_or(input.len(), |k| start + k);
            out.push_str(&input[..end]);
            input = input[end..].to_string();
        }
    }
    out
}

/// `Addressable::URI.parse(s).normalize.to_s` for a URI reference without
/// scheme: the path stripped, its segments normalized and its dot segments
/// removed; the query pair by pair and the fragment normalized, and left
/// out when empty.
pub(crate) fn normalize_reference(st: &str) -> String {
    if is_normal(st) {
        return st.to_string();
    }
    let (rest, fragment) = match st.find('#') {
        Some(p) => (&st[..p], Some(&st[p + 1..])),
        None => (st, None),
    };
    let (path, query) = match rest.find('?') {
        Some(p) => (&rest[..p], Some(&rest[p + 1..])),
        None => (rest, None),
    };
    let segments: Vec<String> = ruby_strip(path)
        .split('/')
        .map(|segment| normalize_component(segment, &PCHAR, false))
        .collect();
    let mut out = remove_dot_segments(&segments.join("/"));
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        let pairs: Vec<String> = q
            .split('&')
            .map(|pair| normalize_component(pair, &QUERY, true))
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        out.push('#');
        out.push_str(&normalize_component(f, &FRAGMENT, false));
    }
    out
}

/// Whether `st` is already what [`normalize_reference`] makes of it: plain
/// path characters, no dot segments, no query or fragment. Most URLs are;
/// checking is a tenth of the cost of rebuilding them.
pub(crate) fn is_normal(st: &str) -> bool {
    const PLAIN: [bool; 256] = class(b"!$&'()*+,;=:@/");
    // A dot at the start or right after a slash may begin a dot segment;
    // the full path handles those. Without an early exit the byte test
    // runs unrolled: this runs for every link of every page.
    let bytes = st.as_bytes();
    bytes
        .iter()
        .fold(true, |plain, &b| plain & PLAIN[b as usize])
        && !memchr::memchr_iter(b'.', bytes).any(|i| i == 0 || bytes[i - 1] == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_normal` as first written, one byte at a time.
    fn is_normal_bytewise(st: &str) -> bool {
        let mut prev = b'/';
        for b in st.bytes() {
            let plain = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b);
            if !plain || (b == b'.' && prev == b'/') {
                return false;
            }
            prev = b;
        }
        true
    }

    #[test]
    fn is_normal_agrees_with_the_bytewise_check() {
        // Every string of up to five of these, dots and slashes in every
        // arrangement, beside bytes that need encoding.
        let alphabet = ["a", "/", ".", "%", "?", "é", "-"];
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer.into_iter().filter(|s| s.chars().count() <= 5));
            strings.sort();
            strings.dedup();
        }
        assert!(strings.len() > 10_000);
        for s in &strings {
            assert_eq!(is_normal(s), is_normal_bytewise(s), "{s:?}");
            if is_normal(s) {
                assert_eq!(normalize_reference(s), *s, "{s:?}");
            }
        }
    }
}
