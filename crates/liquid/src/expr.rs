//! Expressions: literals, variable lookups and ranges, parsed exactly as
//! Ruby Liquid's `Expression.parse` does (by shape of the whole markup), and
//! `{{ … }}` markup split into a value and its filter chain.

use crate::strict::StrictParser;
use crate::util::{
    find_quoted_fragment, is_word, is_ws, quoted_fragment_at, ruby_to_f, ruby_to_i, strip,
};
use crate::value::{HashedName, Value};

#[derive(Debug, Clone)]
pub enum Expr {
    Lit(Value),
    Var(Box<VarLookup>),
    Range(Box<Expr>, Box<Expr>),
    /// `blank` / `empty` in a condition: compare by calling the method.
    Blank,
    Empty,
}

#[derive(Debug, Clone)]
pub enum Name {
    Ident(HashedName),
    Expr(Expr),
    Missing,
}

#[derive(Debug, Clone)]
pub enum Lookup {
    /// `.key`; `command` marks `size`/`first`/`last`, which fall back to the
    /// method when the object has no such key.
    Key {
        key: HashedName,
        command: bool,
    },
    Index(Expr),
}

#[derive(Debug, Clone)]
pub struct VarLookup {
    pub name: Name,
    pub lookups: Vec<Lookup>,
}

impl Expr {
    pub fn is_lookup(&self) -> bool {
        matches!(self, Expr::Var(_) | Expr::Range(..))
    }
}

/// `Expression.parse`.
pub fn parse_expression(markup: &str) -> Expr {
    let m = strip(markup);
    if !m.is_empty()
        && ((m.starts_with('"') && m.ends_with('"')) || (m.starts_with('\'') && m.ends_with('\'')))
    {
        let inner = if m.len() >= 2 { &m[1..m.len() - 1] } else { "" };
        return Expr::Lit(Value::str(inner));
    }
    if is_integer(m) {
        return Expr::Lit(match m.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(ruby_to_f(m)),
        });
    }
    if let Some((a, b)) = split_range(m) {
        let start = parse_expression(a);
        let end = parse_expression(b);
        if start.is_lookup() || end.is_lookup() {
            return Expr::Range(Box::new(start), Box::new(end));
        }
        return Expr::Lit(Value::Range(literal_to_i(&start), literal_to_i(&end)));
    }
    if is_float(m) {
        return Expr::Lit(Value::Float(ruby_to_f(m)));
    }
    match m {
        "nil" | "null" | "" => Expr::Lit(Value::Nil),
        "true" => Expr::Lit(Value::Bool(true)),
        "false" => Expr::Lit(Value::Bool(false)),
        "blank" | "empty" => Expr::Lit(Value::str("")),
        _ => Expr::Var(Box::new(parse_lookup(m))),
    }
}

/// `Condition.parse_expression`: `blank`/`empty` become method literals.
pub fn parse_condition_operand(markup: &str) -> Expr {
    match markup {
        "blank" => Expr::Blank,
        "empty" => Expr::Empty,
        _ => parse_expression(markup),
    }
}

fn literal_to_i(e: &Expr) -> i64 {
    match e {
        Expr::Lit(Value::Int(i)) => *i,
        Expr::Lit(Value::Float(f)) => *f as i64,
        Expr::Lit(Value::Str(s)) => ruby_to_i(s),
        _ => 0,
    }
}

fn is_integer(m: &str) -> bool {
    let d = m.strip_prefix('-').unwrap_or(m);
    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(m: &str) -> bool {
    let d = m.strip_prefix('-').unwrap_or(m);
    let b = d.as_bytes();
    b.len() >= 2 && b[0].is_ascii_digit() && b[1..].iter().all(|c| c.is_ascii_digit() || *c == b'.')
}

/// `\A\(\s*(?>(\S+)\s*\.\.)\s*(\S+)\s*\)\z`, with the atomic group committing
/// to the longest start operand.
fn split_range(m: &str) -> Option<(&str, &str)> {
    let inner = m.strip_prefix('(')?.strip_suffix(')')?;
    let inner_start = inner.trim_start_matches(is_ws);
    // Longest \S+ followed by \s*\.\.
    let run_end = inner_start.find(is_ws).unwrap_or(inner_start.len());
    let mut chosen = None;
    // Candidate: ".." inside the run (the \S+ then backtracks) or after ws.
    let after_run = inner_start[run_end..].trim_start_matches(is_ws);
    if after_run.starts_with("..") && run_end > 0 {
        chosen = Some((&inner_start[..run_end], &after_run[2..]));
    } else {
        let run = &inner_start[..run_end];
        if let Some(p) = run.rfind("..") {
            if p > 0 {
                chosen = Some((&run[..p], &inner_start[p + 2..]));
            }
        }
    }
    let (a, rest) = chosen?;
    let rest = rest.trim_start_matches(is_ws);
    // rest = \S+ \s* ")" — the ")" was already removed, so rest is \S+ \s*.
    let b = rest.trim_end_matches(is_ws);
    if b.is_empty() || b.contains(is_ws) {
        return None;
    }
    Some((a, b))
}

/// `VariableLookup.new`: scans `\[[^\]]+\]|[\w-]+\??`, ignoring all else.
pub fn parse_lookup(markup: &str) -> VarLookup {
    let mut parts: Vec<&str> = Vec::new();
    let b = markup.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'[' {
            if let Some(k) = markup[i + 1..].find(']') {
                if k > 0 {
                    parts.push(&markup[i..i + 1 + k + 1]);
                    i += k + 2;
                    continue;
                }
            }
            i += 1;
        } else if is_word(b[i] as char) || b[i] == b'-' {
            let s = i;
            while i < b.len() && (is_word(b[i] as char) || b[i] == b'-') {
                i += 1;
            }
            if i < b.len() && b[i] == b'?' {
                i += 1;
            }
            parts.push(&markup[s..i]);
        } else {
            i += 1;
        }
    }
    let mut iter = parts.into_iter();
    let name = match iter.next() {
        None => Name::Missing,
        Some(n) if n.starts_with('[') => Name::Expr(parse_expression(&n[1..n.len() - 1])),
        Some(n) => Name::Ident(HashedName::new(n)),
    };
    let lookups = iter
        .map(|p| {
            if p.starts_with('[') {
                Lookup::Index(parse_expression(&p[1..p.len() - 1]))
            } else {
                Lookup::Key {
                    key: HashedName::new(p),
                    command: matches!(p, "size" | "first" | "last"),
                }
            }
        })
        .collect();
    VarLookup { name, lookups }
}

/// A filter application: name, positional and keyword arguments.
#[derive(Debug, Clone)]
pub struct Filter {
    pub name: String,
    pub args: Vec<Expr>,
    pub kwargs: Vec<(String, Expr)>,
    /// Which filters answered this name, once one has: see
    /// [`crate::filters::Route`].
    pub route: crate::filters::Route,
}

/// `{{ … }}` contents (also `assign`'s right-hand side and `echo`).
#[derive(Debug, Clone)]
pub struct Output {
    pub expr: Option<Expr>,
    pub filters: Vec<Filter>,
}

/// `Variable#lax_parse`: the first quoted fragment is the value; after the
/// first `|` every run of fragments/whitespace/commas is one filter.
pub fn parse_output(markup: &str) -> Output {
    strict_output(markup).unwrap_or_else(|_| lax_output(markup))
}

/// `Variable#strict_parse`: `expr (| name [: arg, key: arg …])*`.
pub fn strict_output(markup: &str) -> Result<Output, String> {
    let mut p = StrictParser::new(markup)?;
    if p.at_end() {
        return Ok(Output {
            expr: None,
            filters: Vec::new(),
        });
    }
    let expr = Some(parse_expression(&p.expression()?));
    let mut filters = Vec::new();
    while p.special('|') {
        let name = p.any_id()?;
        let mut args = Vec::new();
        let mut kwargs = Vec::new();
        if p.special(':') {
            loop {
                if p.look_id() && p.look_special(1, ':') {
                    let key = p.any_id()?;
                    p.special(':');
                    kwargs.push((key, parse_expression(&p.expression()?)));
                } else {
                    args.push(parse_expression(&p.expression()?));
                }
                if !p.special(',') {
                    break;
                }
            }
        }
        filters.push(Filter {
            name,
            args,
            kwargs,
            route: Default::default(),
        });
    }
    p.expect_end()?;
    Ok(Output { expr, filters })
}

/// `Variable#lax_parse`.
pub fn lax_output(markup: &str) -> Output {
    let Some((s, e)) = find_quoted_fragment(markup, 0) else {
        return Output {
            expr: None,
            filters: Vec::new(),
        };
    };
    let expr = Some(parse_expression(&markup[s..e]));
    let rest = &markup[e..];
    let mut filters = Vec::new();
    if let Some(p) = rest.find('|') {
        let fm = rest[p + 1..].trim_start_matches(is_ws);
        for chunk in filter_chunks(fm) {
            if let Some(f) = parse_filter(chunk) {
                filters.push(f);
            }
        }
    }
    Output { expr, filters }
}

/// `scan(/(?:\s+|QuotedFragment|,)+/)`: maximal runs not broken by a bare `|`.
fn filter_chunks(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        loop {
            if i >= b.len() {
                break;
            }
            let c = b[i];
            if is_ws(c as char) || c == b',' {
                i += 1;
            } else if let Some(len) = quoted_fragment_at(s, i) {
                i += len;
            } else {
                break;
            }
        }
        if i > start {
            out.push(&s[start..i]);
        } else {
            // A `|` or a lone unmatched quote: skip one character.
            i += s[i..].chars().next().map_or(1, |c| c.len_utf8());
        }
    }
    out
}

fn parse_filter(chunk: &str) -> Option<Filter> {
    let b = chunk.as_bytes();
    let ns = b.iter().position(|&c| is_word(c as char))?;
    let mut ne = ns;
    while ne < b.len() && is_word(b[ne] as char) {
        ne += 1;
    }
    let name = chunk[ns..ne].to_string();
    let mut args = Vec::new();
    let mut kwargs = Vec::new();
    // FilterArgsRegex: (?::|,)\s*((?:\w+\s*:\s*)?QuotedFragment)
    let mut i = 0;
    while i < b.len() {
        if b[i] != b':' && b[i] != b',' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && is_ws(b[j] as char) {
            j += 1;
        }
        // Optional keyword prefix.
        let mut k = j;
        while k < b.len() && is_word(b[k] as char) {
            k += 1;
        }
        let mut kw = None;
        if k > j {
            let mut m = k;
            while m < b.len() && is_ws(b[m] as char) {
                m += 1;
            }
            if m < b.len() && b[m] == b':' {
                let mut v = m + 1;
                while v < b.len() && is_ws(b[v] as char) {
                    v += 1;
                }
                if let Some(len) = quoted_fragment_at(chunk, v) {
                    kw = Some((chunk[j..k].to_string(), v, v + len));
                }
            }
        }
        if let Some((key, vs, ve)) = kw {
            kwargs.push((key, parse_expression(&chunk[vs..ve])));
            i = ve;
            continue;
        }
        match quoted_fragment_at(chunk, j) {
            Some(len) => {
                let frag = &chunk[j..j + len];
                // A fragment such as `a:1` is itself `key:value` (JustTagAttributes).
                if let Some((key, val)) = just_tag_attribute(frag) {
                    kwargs.push((key.to_string(), parse_expression(val)));
                } else {
                    args.push(parse_expression(frag));
                }
                i = j + len;
            }
            None => i += 1,
        }
    }
    Some(Filter {
        name,
        args,
        kwargs,
        route: Default::default(),
    })
}

/// `\A(\w[\w-]*)\s*:\s*(QuotedFragment)\z`
fn just_tag_attribute(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    if b.is_empty() || !is_word(b[0] as char) {
        return None;
    }
    let mut k = 1;
    while k < b.len() && (is_word(b[k] as char) || b[k] == b'-') {
        k += 1;
    }
    let mut m = k;
    while m < b.len() && is_ws(b[m] as char) {
        m += 1;
    }
    if m >= b.len() || b[m] != b':' {
        return None;
    }
    let mut v = m + 1;
    while v < b.len() && is_ws(b[v] as char) {
        v += 1;
    }
    let len = quoted_fragment_at(s, v)?;
    if v + len == s.len() {
        Some((&s[..k], &s[v..]))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions() {
        assert!(matches!(parse_expression("'a'"), Expr::Lit(Value::Str(_))));
        assert!(matches!(
            parse_expression("-12"),
            Expr::Lit(Value::Int(-12))
        ));
        assert!(matches!(
            parse_expression("1.5"),
            Expr::Lit(Value::Float(_))
        ));
        assert!(matches!(
            parse_expression("(1..5)"),
            Expr::Lit(Value::Range(1, 5))
        ));
        assert!(matches!(parse_expression("(1..n)"), Expr::Range(..)));
        assert!(matches!(parse_expression("nil"), Expr::Lit(Value::Nil)));
    }

    #[test]
    fn outputs() {
        let o = parse_output(" x | append: 'a', 'b' | default: 1, allow_false: true | upcase ");
        let names: Vec<_> = o.filters.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["append", "default", "upcase"]);
        assert_eq!(o.filters[0].args.len(), 2);
        assert_eq!(o.filters[1].kwargs.len(), 1);
    }
}
