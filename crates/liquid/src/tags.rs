//! Parsing of each built-in tag (Liquid's and Jekyll's) from its markup.

use std::sync::Arc;

use crate::ast::*;
use crate::error::Error;
use crate::expr::{parse_expression, Expr};
use crate::parser::{cycle_values, parse_when, tag_attributes, Branch, Parser, Stream};
use crate::strict::StrictParser;
use crate::util::{find_quoted_fragment, is_word, is_ws, quoted_fragment_at, strip};

/// Whether a tag leaves its parent body blank (Ruby's `Tag#blank?`).
pub fn is_blank(tag: &Tag) -> bool {
    match tag {
        Tag::Assign { .. } | Tag::Capture { .. } | Tag::Comment => true,
        Tag::Raw(body) => body.is_empty(),
        Tag::If { branches, .. } => branches.iter().all(|(_, b)| b.blank),
        Tag::Case { bodies, .. } => bodies.iter().all(|b| b.blank),
        Tag::For(f) => f.body.blank && f.else_body.as_ref().is_none_or(|b| b.blank),
        Tag::TableRow { body, .. } | Tag::IfChanged(body) => body.blank,
        Tag::Highlight { body, .. } => body.blank,
        Tag::Custom(c) => c.blank(),
        _ => false,
    }
}

/// `VariableSignature+`: `\(?[\w\-\.\[\]]\)?` repeated, first run found.
fn variable_signature(markup: &str) -> Option<&str> {
    let ok = |c: char| is_word(c) || matches!(c, '-' | '.' | '[' | ']' | '(' | ')');
    let start = markup.find(|c: char| is_word(c) || matches!(c, '-' | '.' | '[' | ']'))?;
    let mut s = start;
    if start > 0 && markup.as_bytes()[start - 1] == b'(' {
        s = start - 1;
    }
    let end = markup[s..]
        .find(|c: char| !ok(c))
        .map_or(markup.len(), |k| s + k);
    Some(&markup[s..end])
}

/// The leftmost `VariableSignature+` run followed by `\s*=`, and the text
/// after the `=` (the unanchored `Assign::Syntax` regexp).
fn assign_target(markup: &str) -> Option<(&str, &str)> {
    let sig = |c: char| is_word(c) || matches!(c, '-' | '.' | '[' | ']' | '(' | ')');
    for (p, c) in markup.char_indices() {
        if !sig(c) {
            continue;
        }
        let end = markup[p..]
            .find(|c: char| !sig(c))
            .map_or(markup.len(), |k| p + k);
        let rest = markup[end..].trim_start_matches(is_ws);
        if let Some(rhs) = rest.strip_prefix('=') {
            return Some((&markup[p..end], rhs));
        }
    }
    None
}

pub fn parse_tag(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Option<Tag>, Error> {
    let tag = match name {
        "assign" => {
            // (VariableSignature+)\s*=\s*(.*)\s*
            let (to, rhs) = assign_target(markup).ok_or_else(assign_err)?;
            Tag::Assign {
                to: to.to_string(),
                value: p.output(rhs)?,
            }
        }
        "capture" => {
            let to = variable_signature(markup).ok_or_else(|| {
                Error::syntax("Syntax Error in 'capture' - Valid syntax: capture [var]")
            })?;
            let mut bodies = Vec::new();
            p.parse_block(name, s, |_, _| Ok(Branch::Unknown), &mut bodies)?;
            Tag::Capture {
                to: to.to_string(),
                body: bodies.pop().unwrap_or_default(),
            }
        }
        "if" | "unless" => {
            let mut conds = vec![p.condition(markup)?];
            let mut bodies = Vec::new();
            p.parse_block(
                name,
                s,
                |p, e| match e.name.as_str() {
                    "elsif" => {
                        conds.push(p.condition(&e.markup)?);
                        Ok(Branch::Next)
                    }
                    "else" => {
                        conds.push(Condition::Else);
                        Ok(Branch::Next)
                    }
                    _ => Ok(Branch::Unknown),
                },
                &mut bodies,
            )?;
            let blank = bodies.iter().all(|b| b.blank);
            if blank {
                bodies.iter_mut().for_each(Block::remove_blank_strings);
            }
            Tag::If {
                branches: conds.into_iter().zip(bodies).collect(),
                unless: name == "unless",
            }
        }
        "case" => {
            let (fs, fe) = find_quoted_fragment(markup, 0).ok_or_else(|| {
                Error::syntax("Syntax Error in 'case' - Valid syntax: case [condition]")
            })?;
            let left = parse_expression(&markup[fs..fe]);
            let mut branches: Vec<(Option<Expr>, usize)> = Vec::new();
            let mut bodies = Vec::new();
            let mut n = 0usize;
            p.parse_block(
                name,
                s,
                |_, e| {
                    n += 1;
                    match e.name.as_str() {
                        "when" => {
                            for v in parse_when(&e.markup)? {
                                branches.push((Some(v), n));
                            }
                            Ok(Branch::Next)
                        }
                        "else" => {
                            if !strip(&e.markup).is_empty() {
                                return Err(Error::syntax("Syntax Error in tag 'case' - Valid else condition: {% else %} (no parameters) "));
                            }
                            branches.push((None, n));
                            Ok(Branch::Next)
                        }
                        _ => Ok(Branch::Unknown),
                    }
                },
                &mut bodies,
            )?;
            // Ruby judges blankness on the when/else bodies only; text
            // before the first `when` is discarded entirely.
            let blank = bodies.iter().all(|b| b.blank);
            if blank {
                bodies.iter_mut().for_each(Block::remove_blank_strings);
            }
            Tag::Case {
                left,
                branches,
                bodies,
            }
        }
        "for" => Tag::For(Box::new(parse_for(p, markup, s)?)),
        "tablerow" => {
            let (var, coll) = for_head(markup, false).ok_or_else(|| {
                Error::syntax("Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in [collection] cols=3")
            })?;
            let attrs = tag_attributes(markup)
                .into_iter()
                .map(|(k, v)| (k, parse_expression(&v)))
                .collect();
            let mut bodies = Vec::new();
            p.parse_block(name, s, |_, _| Ok(Branch::Unknown), &mut bodies)?;
            Tag::TableRow {
                var,
                collection: parse_expression(&coll),
                attrs,
                body: bodies.pop().unwrap_or_default(),
            }
        }
        "cycle" => parse_cycle(markup)?,
        "increment" => Tag::Increment(strip(markup).to_string()),
        "decrement" => Tag::Decrement(strip(markup).to_string()),
        "raw" => {
            if !markup.chars().all(is_ws) {
                return Err(Error::syntax("Syntax Error in 'raw' - Valid syntax: raw"));
            }
            Tag::Raw(p.parse_raw(s)?)
        }
        "comment" => {
            let mut bodies = Vec::new();
            p.parse_block(name, s, |_, _| Ok(Branch::Next), &mut bodies)?;
            Tag::Comment
        }
        "#" => {
            if inline_comment_invalid(markup) {
                return Err(Error::syntax(
                    "Syntax error in tag '#' - Each line of comments must be prefixed by the '#' character",
                ));
            }
            Tag::Comment
        }
        "echo" => Tag::Echo(p.output(markup)?),
        "break" => Tag::Break,
        "continue" => Tag::Continue,
        "ifchanged" => {
            let mut bodies = Vec::new();
            p.parse_block(name, s, |_, _| Ok(Branch::Unknown), &mut bodies)?;
            Tag::IfChanged(bodies.pop().unwrap_or_default())
        }
        "include" | "include_relative" => Tag::Include(Box::new(parse_include(
            p,
            markup,
            name == "include_relative",
        )?)),
        "render" => {
            let (fs, fe) = find_quoted_fragment(markup, 0)
                .filter(|(s0, _)| markup[..*s0].chars().all(is_ws))
                .ok_or_else(|| {
                    Error::syntax(
                        "Syntax error in tag 'render' - Template name must be a quoted string",
                    )
                })?;
            let q = &markup[fs..fe];
            if !(q.starts_with('"') || q.starts_with('\'')) {
                return Err(Error::syntax(
                    "Syntax error in tag 'render' - Template name must be a quoted string",
                ));
            }
            Tag::Render
        }
        "link" => Tag::Link(Arc::new(p.parse_template_fragment(strip(markup))?)),
        "post_url" => Tag::PostUrl(strip(markup).to_string()),
        "highlight" => {
            let m = strip(markup);
            let lang_len = m
                .find(|c: char| !(c.is_ascii_alphanumeric() || ".+#_-".contains(c)))
                .unwrap_or(m.len());
            if lang_len == 0 {
                return Err(Error::syntax(format!(
                    "Syntax Error in tag 'highlight' while parsing the following markup:\n\n  {markup}\n\nValid syntax: highlight <lang> [linenos]\n"
                )));
            }
            let mut bodies = Vec::new();
            p.parse_block(name, s, |_, _| Ok(Branch::Unknown), &mut bodies)?;
            Tag::Highlight {
                lang: m[..lang_len].to_string(),
                options: strip(&m[lang_len..]).to_string(),
                body: bodies.pop().unwrap_or_default(),
            }
        }
        _ => {
            let factory = p.options.tags.as_ref().and_then(|r| r.get(name));
            match factory {
                Some(f) => Tag::Custom(f.parse(name, markup, p.options)?),
                None => return Ok(None),
            }
        }
    };
    Ok(Some(tag))
}

fn assign_err() -> Error {
    Error::syntax("Syntax Error in 'assign' - Valid syntax: assign [var] = [source]")
}

/// `/\n\s*[^#\s]/`: every continuation line must start with `#`.
fn inline_comment_invalid(markup: &str) -> bool {
    markup.split('\n').skip(1).any(|l| {
        let t = l.trim_start_matches(is_ws);
        !t.is_empty() && !t.starts_with('#')
    })
}

/// `(\w+)\s+in\s+(QuotedFragment+)` → (variable, collection markup).
fn for_head(markup: &str, anchored: bool) -> Option<(String, String)> {
    let b = markup.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && !(is_word(b[i] as char) || (anchored && b[i] == b'-')) {
            if anchored {
                return None;
            }
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let vs = i;
        while i < b.len() && (is_word(b[i] as char) || (anchored && b[i] == b'-')) {
            i += 1;
        }
        let ve = i;
        let mut j = i;
        while j < b.len() && is_ws(b[j] as char) {
            j += 1;
        }
        if j > ve && markup[j..].starts_with("in") && markup[j + 2..].starts_with(is_ws) {
            let mut k = j + 2;
            while k < b.len() && is_ws(b[k] as char) {
                k += 1;
            }
            if let Some(len) = quoted_fragment_at(markup, k) {
                return Some((markup[vs..ve].to_string(), markup[k..k + len].to_string()));
            }
        }
        if anchored {
            return None;
        }
    }
}

/// A `for` head as Liquid's strict parser reads it (tried first, as
/// Jekyll's `warn` mode does): `var in expr [reversed] [limit: e] [offset: e]`.
struct ForHead {
    var: String,
    coll: String,
    reversed: bool,
    limit: Option<Expr>,
    offset: ForOffset,
}

fn strict_for_head(markup: &str) -> Result<ForHead, String> {
    let mut sp = StrictParser::new(markup)?;
    let var = sp.any_id()?;
    if !sp.id("in") {
        return Err("For loops require an 'in' clause".into());
    }
    let coll = sp.expression()?;
    let reversed = sp.id("reversed");
    let mut head = ForHead {
        var,
        coll,
        reversed,
        limit: None,
        offset: ForOffset::None,
    };
    while sp.look_id() && sp.look_special(1, ':') {
        let attr = sp.any_id()?;
        if attr != "limit" && attr != "offset" {
            return Err(
                "Invalid attribute in for loop. Valid attributes are limit and offset".into(),
            );
        }
        sp.special(':');
        let value = sp.expression()?;
        match attr.as_str() {
            "limit" => head.limit = Some(parse_expression(&value)),
            _ if value == "continue" => head.offset = ForOffset::Continue,
            _ => head.offset = ForOffset::Expr(parse_expression(&value)),
        }
    }
    sp.expect_end()?;
    Ok(head)
}

fn parse_for(p: &mut Parser<'_>, markup: &str, s: &mut Stream<'_>) -> Result<ForTag, Error> {
    let head = p.for_head(markup, strict_for_head, lax_for_head)?;
    let ForHead {
        var,
        coll,
        reversed,
        limit,
        offset,
    } = head;
    let mut bodies = Vec::new();
    let mut seen_else = false;
    let mut replaced_else = false;
    p.parse_block(
        "for",
        s,
        |_, e| {
            if e.name == "else" && !seen_else {
                seen_else = true;
                Ok(Branch::Next)
            } else if e.name == "else" {
                // Ruby's For replaces its else body and stops parsing: the
                // rest of the markup belongs to the enclosing block.
                replaced_else = true;
                Ok(Branch::Stop)
            } else {
                Ok(Branch::Unknown)
            }
        },
        &mut bodies,
    )?;
    let mut body = bodies.remove(0);
    let mut else_body = bodies.pop();
    if replaced_else {
        else_body = Some(Block {
            nodes: Vec::new(),
            blank: true,
        });
    }
    let blank = body.blank && else_body.as_ref().is_none_or(|b| b.blank);
    if blank {
        body.remove_blank_strings();
        if let Some(b) = else_body.as_mut() {
            b.remove_blank_strings();
        }
    }
    Ok(ForTag {
        name: format!("{var}-{coll}"),
        var,
        collection: parse_expression(&coll),
        reversed,
        limit,
        offset,
        body,
        else_body,
    })
}

fn lax_for_head(markup: &str) -> Result<ForHead, Error> {
    let (var, coll) = for_head(markup, true).ok_or_else(|| {
        Error::syntax("Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]")
    })?;
    let after = &markup[markup.find(coll.as_str()).unwrap_or(0) + coll.len()..];
    let reversed = after.trim_start_matches(is_ws).starts_with("reversed");
    let mut limit = None;
    let mut offset = ForOffset::None;
    for (k, v) in tag_attributes(markup) {
        match k.as_str() {
            "limit" => limit = Some(parse_expression(&v)),
            "offset" if v == "continue" => offset = ForOffset::Continue,
            "offset" => offset = ForOffset::Expr(parse_expression(&v)),
            _ => {}
        }
    }
    Ok(ForHead {
        var,
        coll,
        reversed,
        limit,
        offset,
    })
}

fn parse_cycle(markup: &str) -> Result<Tag, Error> {
    // NamedSyntax: \A(QuotedFragment)\s*:\s*(.*)
    if let Some(len) = quoted_fragment_at(markup, 0) {
        // The regexp backtracks: the longest fragment prefix followed by `:`.
        let named = (1..=len)
            .rev()
            .filter(|l| markup.is_char_boundary(*l))
            .find_map(|l| {
                let rest = markup[l..].trim_start_matches(is_ws);
                let ok = quoted_fragment_at(&markup[..l], 0) == Some(l);
                rest.strip_prefix(':').filter(|_| ok).map(|vals| (l, vals))
            });
        if let Some((l, vals)) = named {
            let values = cycle_values(vals);
            return Ok(Tag::Cycle {
                group: CycleGroup::Named(parse_expression(&markup[..l])),
                values,
            });
        }
        let values = cycle_values(markup);
        let key = values
            .iter()
            .map(|v| match v {
                Expr::Lit(v) => v.inspect(),
                other => format!("{:p}", other as *const Expr),
            })
            .collect::<Vec<_>>()
            .join(", ");
        return Ok(Tag::Cycle {
            group: CycleGroup::Anonymous(format!("[{key}]")),
            values,
        });
    }
    Err(Error::syntax(
        "Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 ...]",
    ))
}

/// Jekyll's `{% include file.html key=value … %}` markup.
fn parse_include(p: &mut Parser<'_>, markup: &str, relative: bool) -> Result<IncludeTag, Error> {
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
    Ok(IncludeTag {
        file,
        params,
        relative,
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
            ParamValue::Str(v)
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
        assert!(matches!(&ps[1].1, ParamValue::Str(s) if s == "x \"y\""));
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
