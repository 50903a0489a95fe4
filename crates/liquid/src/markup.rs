//! Tag markup helpers: `if` conditions (strict and lax), `when` lists,
//! `cycle` values and `key: value` attributes, read as Ruby Liquid does.

use crate::ast::Condition;
use crate::error::Error;
use crate::expr::{parse_condition_operand, parse_expression, Expr};
use crate::strict::StrictParser;
use crate::util::{find_quoted_fragment, is_word, is_ws, quoted_fragment_at};

pub(crate) fn lax_condition_or_error(markup: &str) -> Result<Condition, Error> {
    lax_condition(markup)
        .ok_or_else(|| Error::syntax("Syntax Error in tag 'if' - Valid syntax: if [expression]"))
}

/// `If#strict_parse`.
pub fn strict_condition(markup: &str) -> Result<Condition, String> {
    strict_condition_with(markup, parse_condition_operand)
}

/// Jekyll's `where_exp`/`find_exp` conditions: the same grammar, but
/// operands go through `Expression.parse`, so `empty` is just `''`.
pub fn jekyll_condition(markup: &str) -> Result<Condition, String> {
    strict_condition_with(markup, parse_expression)
}

fn strict_condition_with(markup: &str, operand: fn(&str) -> Expr) -> Result<Condition, String> {
    let mut p = StrictParser::new(markup)?;
    let mut parts = Vec::new();
    let mut ops = Vec::new();
    loop {
        let left = operand(&p.expression()?);
        let c = match p.comparison() {
            Some(op) => Condition::Cmp {
                left,
                op: Some(op),
                right: Some(operand(&p.expression()?)),
            },
            None => Condition::Cmp {
                left,
                op: None,
                right: None,
            },
        };
        parts.push(c);
        if p.id("and") {
            ops.push(true);
        } else if p.id("or") {
            ops.push(false);
        } else {
            break;
        }
    }
    p.expect_end()?;
    Ok(fold_conditions(parts, ops))
}

fn fold_conditions(mut parts: Vec<Condition>, mut ops: Vec<bool>) -> Condition {
    let mut acc = parts.pop().expect("one condition");
    while let Some(left) = parts.pop() {
        acc = if ops.pop().unwrap_or(false) {
            Condition::And(Box::new(left), Box::new(acc))
        } else {
            Condition::Or(Box::new(left), Box::new(acc))
        };
    }
    acc
}

/// Lax `if`: split on ` and `/` or `, each part `fragment [op fragment]`.
fn lax_condition(markup: &str) -> Option<Condition> {
    let words = split_and_or(markup);
    let mut parts = Vec::new();
    let mut ops = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i % 2 == 1 {
            ops.push(*w == "and");
            continue;
        }
        parts.push(lax_comparison(w)?);
    }
    if parts.is_empty() {
        return None;
    }
    Some(fold_conditions(parts, ops))
}

fn split_and_or(markup: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = markup.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' || b[i] == b'\'' {
            if let Some(k) = markup[i + 1..].find(b[i] as char) {
                i += k + 2;
                continue;
            }
        }
        for kw in ["and", "or"] {
            // Bytes, not `markup[i..]`: `i` may sit inside a multi-byte character.
            if b[i..].starts_with(kw.as_bytes())
                && (i == 0 || !is_word(b[i - 1] as char))
                && !b.get(i + kw.len()).is_some_and(|c| is_word(*c as char))
                && i > start
            {
                out.push(&markup[start..i]);
                out.push(kw);
                start = i + kw.len();
            }
        }
        i += 1;
    }
    out.push(&markup[start..]);
    out
}

/// `(QuotedFragment)\s*([=!<>a-z_]+)?\s*(QuotedFragment)?`
fn lax_comparison(part: &str) -> Option<Condition> {
    let (s, e) = find_quoted_fragment(part, 0)?;
    let left = parse_condition_operand(&part[s..e]);
    let rest = part[e..].trim_start_matches(is_ws);
    let op_len = rest
        .find(|c: char| !(matches!(c, '=' | '!' | '<' | '>' | '_') || c.is_ascii_lowercase()))
        .unwrap_or(rest.len());
    if op_len == 0 {
        return Some(Condition::Cmp {
            left,
            op: None,
            right: None,
        });
    }
    let op = &rest[..op_len];
    let rest = rest[op_len..].trim_start_matches(is_ws);
    let right = quoted_fragment_at(rest, 0).map(|l| parse_condition_operand(&rest[..l]));
    Some(Condition::Cmp {
        left,
        op: Some(op.to_string()),
        right: Some(right.unwrap_or(Expr::Lit(crate::Value::Nil))),
    })
}

/// `case`'s `when a, b or c`.
pub fn parse_when(markup: &str) -> Result<Vec<Expr>, Error> {
    let mut out = Vec::new();
    let mut m = markup;
    loop {
        let Some((s, e)) = find_quoted_fragment(m, 0) else {
            return Err(Error::syntax(
                "Syntax Error in tag 'case' - Valid when condition: {% when [condition] [or condition2...] %}",
            ));
        };
        out.push(parse_condition_operand(&m[s..e]));
        let rest = &m[e..];
        // (?:\s+or\s+|\s*,\s*)(QuotedFragment.*)
        let t = rest.trim_start_matches(is_ws);
        let next = if let Some(r) = t.strip_prefix(',') {
            Some(r.trim_start_matches(is_ws))
        } else if t.len() < rest.len() && t.starts_with("or") && t[2..].starts_with(is_ws) {
            Some(t[2..].trim_start_matches(is_ws))
        } else {
            None
        };
        match next {
            Some(n) if quoted_fragment_at(n, 0).is_some() => m = n,
            _ => return Ok(out),
        }
    }
}

/// `cycle` values: split on commas, one fragment each.
pub fn cycle_values(markup: &str) -> Vec<Expr> {
    markup
        .split(',')
        .filter_map(|v| find_quoted_fragment(v, 0).map(|(s, e)| parse_expression(&v[s..e])))
        .collect()
}

pub fn tag_attributes(markup: &str) -> Vec<(String, String)> {
    // (\w[\w-]*)\s*:\s*(QuotedFragment), scanned.
    let b = markup.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if is_word(b[i] as char) {
            let s = i;
            let mut k = i + 1;
            while k < b.len() && (is_word(b[k] as char) || b[k] == b'-') {
                k += 1;
            }
            let mut m = k;
            while m < b.len() && is_ws(b[m] as char) {
                m += 1;
            }
            if m < b.len() && b[m] == b':' {
                let mut v = m + 1;
                while v < b.len() && is_ws(b[v] as char) {
                    v += 1;
                }
                if let Some(len) = quoted_fragment_at(markup, v) {
                    out.push((markup[s..k].to_string(), markup[v..v + len].to_string()));
                    i = v + len;
                    continue;
                }
            }
            i = k;
            continue;
        }
        i += 1;
    }
    out
}
