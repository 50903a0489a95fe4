//! Parsing of each built-in tag (Liquid's and Jekyll's) from its markup.

use std::sync::Arc;

use crate::ast::*;
use crate::error::Error;
use crate::expr::{parse_expression, Expr};
use crate::for_tag::{for_head, parse_for};
use crate::include_tag::parse_include;
use crate::parser::{cycle_values, parse_when, tag_attributes, Branch, Parser, Stream};
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

/// Parses a built-in or plugin tag. A thin dispatcher: each tag's parser is a
/// separate function so nested blocks cost little native stack.
pub fn parse_tag(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Option<Tag>, Error> {
    // One result for every arm, without `?` in each: a debug build gives
    // every arm's temporary its own stack slot, about 20 KB per nesting level.
    let tag = match name {
        "assign" => tag_assign(p, name, markup, s),
        "capture" => tag_capture(p, name, markup, s),
        "if" | "unless" => tag_if(p, name, markup, s),
        "case" => tag_case(p, name, markup, s),
        "for" => tag_for(p, name, markup, s),
        "tablerow" => tag_tablerow(p, name, markup, s),
        "cycle" => tag_cycle(p, name, markup, s),
        "increment" => tag_increment(p, name, markup, s),
        "decrement" => tag_decrement(p, name, markup, s),
        "raw" => tag_raw(p, name, markup, s),
        "comment" => tag_comment(p, name, markup, s),
        "#" => tag_inline_comment(p, name, markup, s),
        "echo" => tag_echo(p, name, markup, s),
        "break" => tag_break(p, name, markup, s),
        "continue" => tag_continue(p, name, markup, s),
        "ifchanged" => tag_ifchanged(p, name, markup, s),
        "include" | "include_relative" => tag_include(p, name, markup, s),
        "render" => tag_render(p, name, markup, s),
        "link" => tag_link(p, name, markup, s),
        "post_url" => tag_post_url(p, name, markup, s),
        "highlight" => tag_highlight(p, name, markup, s),
        _ => {
            let factory = p.options.tags.as_ref().and_then(|r| r.get(name));
            match factory {
                Some(f) => f.parse(name, markup, p.options).map(Tag::Custom),
                None => return Ok(None),
            }
        }
    }?;
    Ok(Some(tag))
}

#[inline(never)]
fn tag_assign(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
        // (VariableSignature+)\s*=\s*(.*)\s*
        let (to, rhs) = assign_target(markup).ok_or_else(assign_err)?;
        Tag::Assign {
            to: to.to_string(),
            value: p.output(rhs)?,
        }
    })
}

#[inline(never)]
fn tag_capture(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
        let to = variable_signature(markup).ok_or_else(|| {
            Error::syntax("Syntax Error in 'capture' - Valid syntax: capture [var]")
        })?;
        let mut bodies = Vec::new();
        p.parse_block(name, s, |_, _| Ok(Branch::Unknown), &mut bodies)?;
        Tag::Capture {
            to: to.to_string(),
            body: bodies.pop().unwrap_or_default(),
        }
    })
}

#[inline(never)]
fn tag_if(p: &mut Parser<'_>, name: &str, markup: &str, s: &mut Stream<'_>) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
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
    })
}

#[inline(never)]
fn tag_case(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
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
    })
}

#[inline(never)]
fn tag_for(p: &mut Parser<'_>, name: &str, markup: &str, s: &mut Stream<'_>) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok(Tag::For(Box::new(parse_for(p, markup, s)?)))
}

#[inline(never)]
fn tag_tablerow(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
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
    })
}

#[inline(never)]
fn tag_cycle(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    parse_cycle(markup)
}

#[inline(never)]
fn tag_increment(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok(Tag::Increment(strip(markup).to_string()))
}

#[inline(never)]
fn tag_decrement(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok(Tag::Decrement(strip(markup).to_string()))
}

#[inline(never)]
fn tag_raw(p: &mut Parser<'_>, name: &str, markup: &str, s: &mut Stream<'_>) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
        if !markup.chars().all(is_ws) {
            return Err(Error::syntax("Syntax Error in 'raw' - Valid syntax: raw"));
        }
        Tag::Raw(p.parse_raw(s)?)
    })
}

#[inline(never)]
fn tag_comment(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
        let mut bodies = Vec::new();
        p.parse_block(name, s, |_, _| Ok(Branch::Next), &mut bodies)?;
        Tag::Comment
    })
}

#[inline(never)]
fn tag_inline_comment(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
        if inline_comment_invalid(markup) {
            return Err(Error::syntax(
                "Syntax error in tag '#' - Each line of comments must be prefixed by the '#' character",
            ));
        }
        Tag::Comment
    })
}

#[inline(never)]
fn tag_echo(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok(Tag::Echo(p.output(markup)?))
}

#[inline(never)]
fn tag_break(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok(Tag::Break)
}

#[inline(never)]
fn tag_continue(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok(Tag::Continue)
}

#[inline(never)]
fn tag_ifchanged(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
        let mut bodies = Vec::new();
        p.parse_block(name, s, |_, _| Ok(Branch::Unknown), &mut bodies)?;
        Tag::IfChanged(bodies.pop().unwrap_or_default())
    })
}

#[inline(never)]
fn tag_include(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok(Tag::Include(Box::new(parse_include(
        p,
        markup,
        name == "include_relative",
    )?)))
}

#[inline(never)]
fn tag_render(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
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
    })
}

#[inline(never)]
fn tag_link(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok(Tag::Link(Arc::new(
        p.parse_template_fragment(strip(markup))?,
    )))
}

#[inline(never)]
fn tag_post_url(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok(Tag::PostUrl(strip(markup).to_string()))
}

#[inline(never)]
fn tag_highlight(
    p: &mut Parser<'_>,
    name: &str,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<Tag, Error> {
    let _ = (&p, name, markup, &s);
    Ok({
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
    })
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
