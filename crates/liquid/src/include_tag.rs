//! Jekyll's `{% include %}` markup: variable file names and `key=value`
//! parameters, as Jekyll's IncludeTag regexps read them.

use std::sync::Arc;

use crate::ast::*;
use crate::error::Error;
use crate::expr::parse_expression;
use crate::parser::Parser;
use crate::util::{is_word, is_ws, strip};
use crate::Value;

/// Jekyll's `{% include file.html key=value … %}` markup.
pub(crate) fn parse_include(
    p: &mut Parser<'_>,
    markup: &str,
    relative: bool,
) -> Result<IncludeTag, Error> {
    let m = strip(markup);
    let (file, params) = match split_variable_file(m) {
        Some((f, rest)) => (f, Some(strip(rest))),
        None => match m.split_once(|c: char| is_ws(c)) {
            Some((f, rest)) => (f, Some(rest.trim_start_matches(is_ws))),
            None => (m, None),
        },
    };
    let params = match params {
        Some(ps) => Some(parse_include_params(ps).ok_or_else(|| {
            Error::syntax(format!(
                "Invalid syntax for include tag:\n\n\t{ps}\n\nValid syntax:\n\n\t{{% {} file.ext param='value' param2='value' %}}\n\n",
                if relative { "include_relative" } else { "include" }
            ))
        })?),
        None => None,
    };
    let file = if file.contains("{{") {
        IncludeFile::Dynamic(Arc::new(p.parse_template_fragment(file)?))
    } else {
        IncludeFile::Static(file.to_string())
    };
    let name_checked = match &file {
        IncludeFile::Static(name) => crate::ops::validate_include_name(name, relative).is_ok(),
        IncludeFile::Dynamic(_) => false,
    };
    Ok(IncludeTag {
        file,
        params,
        relative,
        name_checked,
    })
}

/// Jekyll's VARIABLE_SYNTAX: `[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+`
/// followed by the params; returns (variable file part, params).
fn split_variable_file(m: &str) -> Option<(&str, &str)> {
    let first = m.find('{')?;
    let b = m.as_bytes();
    let mut i = first;
    let mut matched_end = None;
    loop {
        if !m[i..].starts_with("{{") {
            break;
        }
        let mut j = i + 2;
        while j < b.len() && is_ws(b[j] as char) {
            j += 1;
        }
        let ws = j;
        while j < b.len() && (is_word(b[j] as char) || b[j] == b'-' || b[j] == b'.') {
            j += 1;
        }
        if j == ws {
            break;
        }
        while j < b.len() && is_ws(b[j] as char) {
            j += 1;
        }
        let close = if b.get(j) == Some(&b'|') {
            m.rfind("}}").filter(|&k| k >= j)
        } else if m[j..].starts_with("}}") {
            Some(j)
        } else {
            None
        };
        let Some(close) = close else { break };
        let mut k = close + 2;
        while k < b.len() && !(is_ws(b[k] as char) || b[k] == b'{' || b[k] == b'}') {
            k += 1;
        }
        matched_end = Some(k);
        i = k;
    }
    let end = matched_end?;
    Some((&m[..end], &m[end..]))
}

/// `\A\s*(?:VALID_SYNTAX(?=\s|\z)\s*)*\z`, collecting the pairs.
fn parse_include_params(s: &str) -> Option<Vec<(String, ParamValue)>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && is_ws(b[*i] as char) {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    while i < b.len() {
        let ks = i;
        while i < b.len() && (is_word(b[i] as char) || b[i] == b'-') {
            i += 1;
        }
        if i == ks {
            return None;
        }
        let key = s[ks..i].to_string();
        skip_ws(&mut i);
        if b.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        skip_ws(&mut i);
        let q = *b.get(i)?;
        let value = if q == b'"' || q == b'\'' {
            let mut j = i + 1;
            let mut v = String::new();
            loop {
                let c = *b.get(j)?;
                if c == q {
                    break;
                }
                if c == b'\\' {
                    let n = *b.get(j + 1)?;
                    if n == q {
                        v.push(q as char);
                    } else {
                        v.push('\\');
                        v.push_str(&s[j + 1..j + 1 + utf8_len(n)]);
                    }
                    j += 1 + utf8_len(n);
                    continue;
                }
                let l = utf8_len(c);
                v.push_str(&s[j..j + l]);
                j += l;
            }
            i = j + 1;
            ParamValue::Str(Value::from(v))
        } else {
            let vs = i;
            while i < b.len() && (is_word(b[i] as char) || b[i] == b'.' || b[i] == b'-') {
                i += 1;
            }
            if i == vs {
                return None;
            }
            ParamValue::Var(parse_expression(&s[vs..i]))
        };
        if i < b.len() && !is_ws(b[i] as char) {
            return None;
        }
        out.push((key, value));
        skip_ws(&mut i);
    }
    Some(out)
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_params() {
        let ps = parse_include_params(r#"a=1 b="x \"y\"" c='z' d=page.title"#).unwrap();
        assert_eq!(ps.len(), 4);
        assert!(matches!(&ps[1].1, ParamValue::Str(s) if s.as_str() == Some("x \"y\"")));
        assert!(parse_include_params("a=1b=").is_none());
    }

    #[test]
    fn variable_file_names() {
        assert_eq!(
            split_variable_file("{{ page.x }}.html a=1"),
            Some(("{{ page.x }}.html", " a=1"))
        );
        assert_eq!(split_variable_file("foo.html"), None);
    }
}
