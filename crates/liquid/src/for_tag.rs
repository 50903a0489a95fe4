//! The `for` and `tablerow` heads: Liquid's strict grammar first, then the
//! lax regexps, and the `for` block with its `else`.

use crate::ast::*;
use crate::error::Error;
use crate::expr::{parse_expression, Expr};
use crate::parser::{tag_attributes, Branch, Parser, Stream};
use crate::strict::StrictParser;
use crate::util::{is_word, is_ws, quoted_fragment_at};

/// `(\w+)\s+in\s+(QuotedFragment+)` → (variable, collection markup).
pub(crate) fn for_head(markup: &str, anchored: bool) -> Option<(String, String)> {
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

pub(crate) fn parse_for(
    p: &mut Parser<'_>,
    markup: &str,
    s: &mut Stream<'_>,
) -> Result<ForTag, Error> {
    let head = p.for_head(markup, strict_for_head, lax_for_head)?;
    let ForHead {
        var,
        coll,
        reversed,
        limit,
        offset,
    } = head;
    let start = s.position();
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
    let uses_forloop = s.mentions_since(start, &["forloop", "include"]);
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
    let mut tag = ForTag {
        name: format!("{var}-{coll}"),
        var,
        collection: parse_expression(&coll),
        reversed,
        limit,
        offset,
        body,
        else_body,
        uses_forloop,
        self_contained: false,
    };
    tag.self_contained = crate::render::self_contained(&tag);
    Ok(tag)
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
