//! Ruby string conversions and the small hand-written matchers that stand in
//! for the regular expressions Ruby Liquid parses markup with.

/// Ruby's `\s`: ASCII whitespace only (space, \t, \n, \v, \f, \r).
pub fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

/// Ruby's `\w`: ASCII letters, digits and underscore.
pub fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Ruby `String#strip` (also strips NUL).
pub fn rstrip(s: &str) -> &str {
    s.trim_end_matches(|c: char| is_ws(c) || c == '\0')
}

pub fn lstrip(s: &str) -> &str {
    s.trim_start_matches(is_ws)
}

pub fn strip(s: &str) -> &str {
    rstrip(lstrip(s))
}

/// Length of the Liquid `QuotedFragment` match starting exactly at byte `i`
/// (`"[^"]*"|'[^']*'|(?:[^\s,|'"]|"[^"]*"|'[^']*')+`), or None.
pub fn quoted_fragment_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let quoted = |j: usize| -> Option<usize> {
        let q = *b.get(j)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        s[j + 1..].find(q as char).map(|k| j + 1 + k + 1)
    };
    if let Some(end) = quoted(i) {
        return Some(end - i);
    }
    let mut j = i;
    loop {
        match b.get(j) {
            None => break,
            Some(&c) if c == b'"' || c == b'\'' => match quoted(j) {
                Some(end) => j = end,
                None => break,
            },
            Some(&c) if c == b',' || c == b'|' || is_ws(c as char) => break,
            Some(_) => j += 1,
        }
    }
    if j > i {
        Some(j - i)
    } else {
        None
    }
}

/// Finds the first `QuotedFragment` at or after `from`: (start, end).
pub fn find_quoted_fragment(s: &str, from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < s.len() {
        if s.is_char_boundary(i) {
            if let Some(len) = quoted_fragment_at(s, i) {
                return Some((i, i + len));
            }
        }
        i += 1;
    }
    None
}

/// All `QuotedFragment` matches, as Ruby's `scan` returns them.
#[cfg(test)]
pub fn scan_quoted_fragments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some((a, b)) = find_quoted_fragment(s, i) {
        out.push(&s[a..b]);
        i = b;
    }
    out
}

/// Ruby `String#to_i`: optional leading whitespace and sign, digits with
/// single underscores between them; anything else ends the number.
pub fn ruby_to_i(s: &str) -> i64 {
    let t = lstrip(s);
    let (neg, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut n: i64 = 0;
    let mut prev_digit = false;
    for c in rest.chars() {
        if let Some(d) = c.to_digit(10) {
            n = n.saturating_mul(10).saturating_add(d as i64);
            prev_digit = true;
        } else if c == '_' && prev_digit {
            prev_digit = false;
        } else {
            break;
        }
    }
    if neg {
        -n
    } else {
        n
    }
}

/// Ruby `String#to_f`: the longest leading decimal float, else 0.0.
pub fn ruby_to_f(s: &str) -> f64 {
    let t = lstrip(s);
    let b = t.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let ds = i;
    while i < b.len()
        && (b[i].is_ascii_digit() || (b[i] == b'_' && i > ds && b[i - 1].is_ascii_digit()))
    {
        i += 1;
    }
    if i == ds {
        return 0.0;
    }
    let mut end = i;
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || (b[i] == b'_' && b[i - 1].is_ascii_digit()))
        {
            i += 1;
        }
        end = i;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'-' || b[j] == b'+') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            end = j;
        }
    }
    t[..end].replace('_', "").parse().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fragments() {
        let cases: &[(&str, &[&str])] = &[
            ("a, b", &["a", "b"]),
            ("'a b', c", &["'a b'", "c"]),
            ("x:\"1 2\" y", &["x:\"1 2\"", "y"]),
            ("  | f", &["f"]),
        ];
        for (input, want) in cases {
            assert_eq!(&scan_quoted_fragments(input), want, "{input}");
        }
    }

    #[test]
    fn ruby_numbers() {
        assert_eq!(ruby_to_i(" 12abc"), 12);
        assert_eq!(ruby_to_i("-3"), -3);
        assert_eq!(ruby_to_i("1_000"), 1000);
        assert_eq!(ruby_to_i("x"), 0);
        assert_eq!(ruby_to_f("1.5e3x"), 1500.0);
        assert_eq!(ruby_to_f("1."), 1.0);
        assert_eq!(ruby_to_f(".5"), 0.0);
    }
}
