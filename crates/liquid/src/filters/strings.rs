//! String and collection helpers behind Liquid's standard filters, each
//! reproducing the Ruby method the filter calls.

use crate::error::Error;
use crate::ops::lookup_key;
use crate::util::is_ws;
use crate::value::Value;

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `escape_once`: `["><']|&(?!([a-zA-Z]+|(#\d+));)`
pub(crate) fn escape_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '&' => {
                let rest = &s[i + 1..];
                let name = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
                let num = if let Some(r) = rest.strip_prefix('#') {
                    r.bytes().take_while(|b| b.is_ascii_digit()).count()
                } else {
                    0
                };
                let entity = (name > 0 && rest[name..].starts_with(';'))
                    || (num > 0 && rest[1 + num..].starts_with(';'));
                out.push_str(if entity { "&" } else { "&amp;" });
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `CGI.escape`: unreserved `a-zA-Z0-9*-._` kept... Ruby keeps `*`? No:
/// CGI.escape keeps `a-zA-Z0-9_.-~` and turns space into `+`.
pub(crate) fn cgi_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub(crate) fn cgi_unescape(s: &str) -> Result<String, Error> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'+' {
            out.push(b' ');
        } else if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap_or(0));
            i += 3;
            continue;
        } else {
            out.push(b[i]);
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| Error::render("invalid byte sequence in UTF-8"))
}

/// `InputIterator`: arrays flattened, a hash is one item, nil is empty.
/// A document drop is Enumerable, and its `each` yields key and value to
/// a block that keeps the first: its keys.
pub(crate) fn input_items(v: &Value) -> Vec<Value> {
    fn flatten(a: &[Value], out: &mut Vec<Value>) {
        for v in a {
            match v {
                Value::Array(inner) => flatten(inner, out),
                other => out.push(other.clone()),
            }
        }
    }
    match v {
        Value::Array(a) => {
            let mut out = Vec::with_capacity(a.len());
            flatten(a, &mut out);
            out
        }
        Value::Nil => vec![],
        Value::Range(a, b) => (*a..=*b).map(Value::Int).collect(),
        Value::Linked(l) if l.is_drop() => l.keys().into_iter().map(Value::str).collect(),
        other => vec![other.clone()],
    }
}

/// `item[property]` as Ruby evaluates it inside filters.
pub(crate) fn property(item: &Value, prop: &Value) -> Result<Value, Error> {
    match item {
        Value::Hash(_) | Value::Linked(_) => Ok(lookup_key(item, prop, false).unwrap_or_default()),
        Value::Array(_) | Value::Int(_) => match (item, prop) {
            (Value::Array(_), Value::Int(_)) => {
                Ok(lookup_key(item, prop, false).unwrap_or_default())
            }
            (Value::Int(i), Value::Int(b)) => Ok(Value::Int(if (0..64).contains(b) {
                (i >> b) & 1
            } else {
                0
            })),
            _ => Err(Error::render(format!(
                "cannot select the property '{}'",
                prop.to_liquid_string()
            ))),
        },
        Value::Str(s) => match prop {
            Value::Str(p) => Ok(if s.contains(&**p) {
                Value::str(&**p)
            } else {
                Value::Nil
            }),
            _ => Ok(Value::Nil),
        },
        _ => Ok(Value::Nil),
    }
}

pub(crate) fn casecmp(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a.is_nil(), b.is_nil()) {
        (false, false) => {
            let x = a.to_liquid_string().to_ascii_lowercase();
            let y = b.to_liquid_string().to_ascii_lowercase();
            x.as_bytes().cmp(y.as_bytes())
        }
        (true, _) => Greater,
        _ => Less,
    }
}

/// Ruby's `Array#sort` as it runs here: `ruby_qsort` is glibc's `qsort_r`,
/// a top-down merge sort (first half `n / 2`). Following the same
/// comparison order gives the same result for inconsistent comparators and
/// the same first failing pair ("comparison of Integer with String failed").
pub(crate) fn ruby_sort_by<T: Clone>(
    items: &mut [T],
    cmp: &mut impl FnMut(&T, &T) -> Result<std::cmp::Ordering, Error>,
) -> Result<(), Error> {
    let n = items.len();
    if n <= 1 {
        return Ok(());
    }
    let n1 = n / 2;
    ruby_sort_by(&mut items[..n1], cmp)?;
    ruby_sort_by(&mut items[n1..], cmp)?;
    let mut merged = Vec::with_capacity(n);
    let (mut i, mut j) = (0, n1);
    while i < n1 && j < n {
        if cmp(&items[i], &items[j])?.is_le() {
            merged.push(items[i].clone());
            i += 1;
        } else {
            merged.push(items[j].clone());
            j += 1;
        }
    }
    merged.extend_from_slice(&items[i..n1]);
    merged.extend_from_slice(&items[j..]);
    items.clone_from_slice(&merged);
    Ok(())
}

/// [`ruby_sort_by`] over values with a fallible comparison.
pub(crate) fn try_sort(
    items: &mut [Value],
    mut cmp: impl FnMut(&Value, &Value) -> Result<std::cmp::Ordering, Error>,
) -> Result<(), Error> {
    ruby_sort_by(items, &mut cmp)
}

/// Ruby `String#split(pattern)` with limit 0 (trailing empties removed).
pub(crate) fn ruby_split(s: &str, pat: &str) -> Vec<Value> {
    let mut parts: Vec<&str> = if pat == " " {
        s.split(is_ws).filter(|p| !p.is_empty()).collect()
    } else if pat.is_empty() {
        return s.chars().map(|c| Value::str(c.to_string())).collect();
    } else {
        s.split(pat).collect()
    };
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts.into_iter().map(Value::str).collect()
}

/// Ruby `str[start, len]` on characters; None where Ruby returns nil.
pub(crate) fn str_slice(s: &str, start: i64, len: i64) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    let st = if start < 0 { n + start } else { start };
    if st < 0 || st > n || len < 0 {
        return None;
    }
    let end = (st + len).min(n);
    Some(chars[st as usize..end as usize].iter().collect())
}

pub(crate) fn arr_slice(a: &[Value], start: i64, len: i64) -> Option<Vec<Value>> {
    let n = a.len() as i64;
    let st = if start < 0 { n + start } else { start };
    if st < 0 || st > n || len < 0 {
        return None;
    }
    let end = (st + len).min(n);
    Some(a[st as usize..end as usize].to_vec())
}

pub(crate) fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let lower = s; // Ruby's regexps here are case-sensitive.
    let mut i = 0;
    'outer: while i < s.len() {
        for (open, close) in [
            ("<script", "</script>"),
            ("<!--", "-->"),
            ("<style", "</style>"),
        ] {
            if lower[i..].starts_with(open) {
                if let Some(k) = lower[i + open.len()..].find(close) {
                    i += open.len() + k + close.len();
                    continue 'outer;
                }
            }
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    let mut res = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(p) = rest.find('<') {
        res.push_str(&rest[..p]);
        match rest[p..].find('>') {
            Some(k) => rest = &rest[p + k + 1..],
            None => {
                res.push_str(&rest[p..]);
                rest = "";
            }
        }
    }
    res.push_str(rest);
    res
}

/// Ruby's `capitalize`: the first character in title case, the rest in
/// lower case.
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    let Some(first) = c.next() else {
        return String::new();
    };
    let mut out = titlecase(first);
    out.extend(c.flat_map(char::to_lowercase));
    out
}

/// A character's title case where Unicode gives one apart from its upper
/// case (Rust has only the latter): digraphs, ligatures, Greek letters with
/// a iota subscript, Georgian letters (which stay as they are).
fn titlecase(c: char) -> String {
    let fixed = match c {
        'Ǆ'..='ǆ' => "ǅ",
        'Ǉ'..='ǉ' => "ǈ",
        'Ǌ'..='ǌ' => "ǋ",
        'Ǳ'..='ǳ' => "ǲ",
        'ß' => "Ss",
        'ﬀ' => "Ff",
        'ﬁ' => "Fi",
        'ﬂ' => "Fl",
        'ﬃ' => "Ffi",
        'ﬄ' => "Ffl",
        'ﬅ' | 'ﬆ' => "St",
        'և' => "Եւ",
        'ﬓ' => "Մն",
        'ﬔ' => "Մե",
        'ﬕ' => "Մի",
        'ﬖ' => "Վն",
        'ﬗ' => "Մխ",
        'ᾲ' => "Ὰ\u{345}",
        'ᾴ' => "Ά\u{345}",
        'ᾷ' => "\u{391}\u{342}\u{345}",
        'ῂ' => "Ὴ\u{345}",
        'ῄ' => "Ή\u{345}",
        'ῇ' => "\u{397}\u{342}\u{345}",
        'ῲ' => "Ὼ\u{345}",
        'ῴ' => "Ώ\u{345}",
        'ῷ' => "\u{3A9}\u{342}\u{345}",
        '\u{10D0}'..='\u{10FA}' | '\u{10FD}'..='\u{10FF}' => return c.to_string(),
        // With a iota subscript: the capital with one (ᾀ → ᾈ, ᾳ → ᾼ).
        '\u{1F80}'..='\u{1F87}' | '\u{1F90}'..='\u{1F97}' | '\u{1FA0}'..='\u{1FA7}' => {
            return char::from_u32(c as u32 + 8).map_or_else(String::new, String::from)
        }
        '\u{1F88}'..='\u{1F8F}' | '\u{1F98}'..='\u{1F9F}' | '\u{1FA8}'..='\u{1FAF}' => {
            return c.to_string()
        }
        'ᾳ' | 'ᾼ' => "ᾼ",
        'ῃ' | 'ῌ' => "ῌ",
        'ῳ' | 'ῼ' => "ῼ",
        _ => return c.to_uppercase().collect(),
    };
    fixed.to_string()
}

/// Ruby's `downcase`: each character lower-cased on its own. Rust's
/// `str::to_lowercase` writes a word-final capital sigma as `ς`; Ruby keeps
/// `σ`.
pub fn downcase(st: &str) -> String {
    st.chars().flat_map(char::to_lowercase).collect()
}
