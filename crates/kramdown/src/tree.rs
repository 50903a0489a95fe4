//! Passes between block parsing and writing, in kramdown's order: span parsing of
//! raw text with IAL application (update_tree), abbreviations, then the GFM
//! parser's pass (header ids and backslash line breaks).

use std::collections::HashMap;

use crate::ast::{Attrs, EobKind, Kind, Model, Node};
use crate::block::Parser;
use crate::convert::apply_ial;
use crate::ids::GfmIds;
use crate::span::Spans;

/// kramdown's update_tree.
pub(crate) fn update_tree(
    p: &mut Parser,
    el: &mut Node,
    abbrev_attr: &mut HashMap<String, Attrs>,
    depth: usize,
) {
    if el.children.len() == 1 && el.children[0].kind == Kind::RawText {
        // The common case (paragraph, header, cell): parse straight into the element.
        let text = std::mem::take(&mut el.children[0].value);
        el.children.clear();
        Spans::new(p, &text).run(el, false);
        return;
    }
    if !el
        .children
        .iter()
        .any(|c| matches!(c.kind, Kind::RawText | Kind::Eob(_)))
    {
        for child in &mut el.children {
            update_element(p, child, abbrev_attr, depth);
        }
        return;
    }
    let children = std::mem::take(&mut el.children);
    let mut out: Vec<Node> = Vec::with_capacity(children.len());
    for mut child in children {
        match child.kind {
            Kind::RawText => {
                let mut holder = Node::new(Kind::RawText);
                let text = std::mem::take(&mut child.value);
                let mut sp = Spans::new(p, &text);
                sp.run(&mut holder, false);
                out.append(&mut holder.children);
            }
            Kind::Eob(kind) => {
                if let Some(ial) = child.ial.take() {
                    apply_ial(&p.alds, &mut child.attr, &ial);
                }
                if kind == EobKind::AbbrevDef {
                    abbrev_attr.insert(child.raw_text().to_string(), child.attr.clone());
                }
            }
            Kind::Blank => {
                // Blanks separated only by removed markers merge, as in kramdown.
                if let Some(last) = out.last_mut().filter(|l| l.kind == Kind::Blank) {
                    last.value.push_str(&child.value);
                } else {
                    out.push(child);
                }
            }
            _ => {
                update_element(p, &mut child, abbrev_attr, depth);
                out.push(child);
            }
        }
    }
    el.children = out;
}

/// update_tree's work on one element that stays in the tree.
fn update_element(
    p: &mut Parser,
    child: &mut Node,
    abbrev_attr: &mut HashMap<String, Attrs>,
    depth: usize,
) {
    if child.kind == Kind::Blank {
        return;
    }
    if depth < crate::nesting::MAX_TREE_DEPTH && !child.children.is_empty() {
        update_tree(p, child, abbrev_attr, depth + 1);
    }
    if let Some(ial) = child.ial.as_deref() {
        apply_ial(&p.alds, &mut child.attr, ial);
    }
    let gfm = p.opts.is_gfm();
    let header = matches!(child.kind, Kind::Header(_));
    if child.kind == Kind::Dt || (header && (gfm || p.opts.auto_id_stripping)) {
        let mut raw = String::new();
        if gfm {
            raw_text(child, &mut raw);
        } else {
            plain_raw_text(child, &mut raw);
        }
        child.set_raw_text(raw);
    }
}

/// kramdown's own update_raw_text: only plain text pieces.
fn plain_raw_text(el: &Node, out: &mut String) {
    for c in &el.children {
        if c.kind == Kind::Text {
            out.push_str(&c.value);
        } else {
            plain_raw_text(c, out);
        }
    }
}

/// The GFM parser's update_raw_text: the header's text as a reader sees it.
fn raw_text(el: &Node, out: &mut String) {
    for c in &el.children {
        match &c.kind {
            Kind::Text | Kind::Codespan | Kind::Math => out.push_str(&c.value),
            Kind::Entity(cp) => {
                if let Some(ch) = char::from_u32(*cp) {
                    out.push(ch);
                }
            }
            Kind::SmartQuote(q) => out.push(match q {
                crate::ast::Quote::Lsquo => '\u{2018}',
                crate::ast::Quote::Rsquo => '\u{2019}',
                crate::ast::Quote::Ldquo => '\u{201c}',
                crate::ast::Quote::Rdquo => '\u{201d}',
            }),
            Kind::Typo(s) => out.push_str(match s {
                crate::ast::Sym::Mdash => "\u{2014}",
                crate::ast::Sym::Ndash => "\u{2013}",
                crate::ast::Sym::Hellip => "\u{2026}",
                crate::ast::Sym::LaquoSpace => "\u{ab}\u{a0}",
                crate::ast::Sym::RaquoSpace => "\u{a0}\u{bb}",
                crate::ast::Sym::Laquo => "\u{ab}",
                crate::ast::Sym::Raquo => "\u{bb}",
            }),
            _ => raw_text(c, out),
        }
    }
}

fn is_w(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Abbreviation names, longest first, and the bytes they start with.
pub(crate) struct AbbrevKeys {
    pub keys: Vec<String>,
    first: [bool; 256],
}

impl AbbrevKeys {
    pub fn new(keys: Vec<String>) -> Self {
        let mut first = [false; 256];
        for k in &keys {
            if let Some(&b) = k.as_bytes().first() {
                first[b as usize] = true;
            }
        }
        AbbrevKeys { keys, first }
    }

    /// Does `text` contain a name? One pass, trying the names only at bytes
    /// that start one, instead of a search through the text for each name.
    fn found_in(&self, text: &str) -> bool {
        let t = text.as_bytes();
        t.iter().enumerate().any(|(i, &b)| {
            self.first[b as usize] && self.keys.iter().any(|k| t[i..].starts_with(k.as_bytes()))
        })
    }
}

/// kramdown's replace_abbreviations.
pub(crate) fn replace_abbreviations(el: &mut Node, abbrevs: &AbbrevKeys, depth: usize) {
    if abbrevs.keys.is_empty() || depth > crate::nesting::MAX_TREE_DEPTH {
        return;
    }
    let raw_parent = el.kind == Kind::Html && el.model == Model::Raw;
    let splits = |c: &Node| c.kind == Kind::Text && !raw_parent && abbrevs.found_in(&c.value);
    // Most elements have no text to split: recurse in place, keeping the vector.
    if !el.children.iter().any(splits) {
        for c in el.children.iter_mut().filter(|c| c.kind != Kind::Text) {
            replace_abbreviations(c, abbrevs, depth + 1);
        }
        return;
    }
    let children = std::mem::take(&mut el.children);
    let mut out = Vec::with_capacity(children.len());
    for mut c in children {
        if splits(&c) {
            split_abbrevs(&c.value, &abbrevs.keys, &mut out);
        } else {
            if c.kind != Kind::Text {
                replace_abbreviations(&mut c, abbrevs, depth + 1);
            }
            out.push(c);
        }
    }
    el.children = out;
}

/// `hay.contains(needle)`: the needles here start with a byte text rarely
/// holds (`\\`, a newline), so finding it first decides most texts at once.
fn contains(hay: &str, needle: &str) -> bool {
    let Some((&first, rest)) = needle.as_bytes().split_first() else {
        return true;
    };
    let h = hay.as_bytes();
    memchr::memchr_iter(first, h).any(|i| h[i + 1..].starts_with(rest))
}

fn match_abbr<'a>(s: &str, at: usize, abbrevs: &'a [String], check_end: bool) -> Option<&'a str> {
    abbrevs.iter().map(String::as_str).find(|a| {
        s[at..].starts_with(a)
            && (!check_end || !s[at + a.len()..].chars().next().is_some_and(is_w))
    })
}

fn split_abbrevs(text: &str, abbrevs: &[String], out: &mut Vec<Node>) {
    let mut pending = String::new();
    let mut last = 0;
    let mut i = 0;
    let mut any = false;
    while i <= text.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let line_start = i == 0 || text.as_bytes()[i - 1] == b'\n';
        let ch = text[i..].chars().next();
        let nonword = ch.is_some_and(|c| !is_w(c));
        let cl = ch.map(char::len_utf8).unwrap_or(1);
        let hit =
            (nonword && i + cl <= text.len() && match_abbr(text, i + cl, abbrevs, true).is_some())
                || (line_start && match_abbr(text, i, abbrevs, true).is_some());
        if hit {
            any = true;
            pending.push_str(&text[last..i]);
            let (pre, abbr) = if let Some(a) = match_abbr(text, i, abbrevs, false) {
                ("", a)
            } else {
                let a = match_abbr(text, i + cl, abbrevs, false).unwrap_or("");
                (&text[i..i + cl], a)
            };
            pending.push_str(pre);
            out.push(Node::with_value(Kind::Text, std::mem::take(&mut pending)));
            out.push(Node::span(Kind::Abbreviation, abbr));
            i += pre.len() + abbr.len();
            last = i;
            if abbr.is_empty() {
                i += 1;
            }
            continue;
        }
        if i == text.len() {
            break;
        }
        i += cl;
    }
    if !any {
        out.push(Node::with_value(Kind::Text, text));
        return;
    }
    out.push(Node::with_value(Kind::Text, &text[last..]));
}

/// The GFM parser's update_elements: ids for headers, `\` line breaks.
pub(crate) fn gfm_update(el: &mut Node, ids: &mut GfmIds, p: &Parser, depth: usize) {
    if depth > crate::nesting::MAX_TREE_DEPTH {
        return;
    }
    // GFM turns `\` + newline into a line break, or every newline with hard_wrap.
    let sep = if p.opts.hard_wrap { "\n" } else { "\\\n" };
    let splits = |c: &Node| c.kind == Kind::Text && contains(&c.value, sep);
    if !el.children.iter().any(splits) {
        for c in &mut el.children {
            gfm_child(c, ids, p, depth);
        }
        return;
    }
    let block_cat = is_block_category(el);
    let children = std::mem::take(&mut el.children);
    let n = children.len();
    let mut out = Vec::with_capacity(n + 2);
    for (idx, mut c) in children.into_iter().enumerate() {
        if splits(&c) {
            let lines: Vec<&str> = c.value.split(sep).collect();
            let omit = lines.last().is_some_and(|l| l.is_empty()) && block_cat && idx + 1 == n;
            let m = lines.len();
            for (i, l) in lines.iter().enumerate() {
                let v = if i > 0 {
                    format!("\n{l}")
                } else {
                    l.to_string()
                };
                out.push(Node::span(Kind::Text, v));
                if i + 2 < m || (i + 2 == m && !omit) {
                    out.push(Node::span(Kind::Br, ""));
                }
            }
        } else {
            gfm_child(&mut c, ids, p, depth);
            out.push(c);
        }
    }
    el.children = out;
}

fn gfm_child(c: &mut Node, ids: &mut GfmIds, p: &Parser, depth: usize) {
    let header = matches!(c.kind, Kind::Header(_));
    if c.kind == Kind::Html || (c.children.is_empty() && !header) {
        return;
    }
    if header && p.opts.auto_ids && c.attr.get("id").is_none() {
        let id = ids.generate(c.raw_text(), &p.opts.auto_id_prefix);
        c.attr.set("id", id);
    } else {
        gfm_update(c, ids, p, depth + 1);
    }
}

fn is_block_category(el: &Node) -> bool {
    match el.kind {
        Kind::Html | Kind::Math | Kind::Comment | Kind::Raw | Kind::XmlComment | Kind::XmlPi => {
            el.block
        }
        Kind::Em
        | Kind::Strong
        | Kind::A
        | Kind::Img
        | Kind::Codespan
        | Kind::Br
        | Kind::Text
        | Kind::Entity(_)
        | Kind::SmartQuote(_)
        | Kind::Typo(_)
        | Kind::Footnote
        | Kind::Abbreviation
        | Kind::RawText => false,
        _ => true,
    }
}
