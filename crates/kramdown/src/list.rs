//! Lists and definition lists.
//!
//! kramdown first collects each item's lines (de-indented by the item's content
//! column, with lazy continuation lines), then parses every item's text as blocks,
//! and finally decides which first paragraphs are "transparent" (written without
//! `<p>`), which is what makes a list tight or loose.

use crate::ast::{EobKind, Ial, Kind, Node};
use crate::block::{Ctx, Parser, Res, Src};
use crate::lines::*;
use crate::util::parse_attribute_list;

/// Matching rules for the lines of one item, derived from its content column.
struct ItemRules {
    indent: usize,
}

impl ItemRules {
    /// kramdown's content_re: indented at least `indent` columns and not blank.
    fn content(&self, l: &str) -> bool {
        if is_blank(l) {
            return false;
        }
        let (q, r) = (self.indent / 4, self.indent % 4);
        indent_units(l, q).is_some_and(|rest| spaces_prefix(rest, r))
            || indent_units(l, q + 1).is_some()
    }
    /// kramdown's lazy_re: any non-blank line that is not an IAL or HTML tag line.
    fn lazy(&self, rest: &str, l: &str) -> bool {
        if is_blank(l) {
            return false;
        }
        let sp = leading_spaces(l);
        if sp <= self.indent.min(3) {
            let t = &l[sp..];
            if ial_block(&rest[sp..]).is_some() || is_lazy_html(t) {
                return false;
            }
        }
        true
    }
}

/// Does `s` start with `n` spaces?
fn spaces_prefix(s: &str, n: usize) -> bool {
    s.len() >= n && s.as_bytes()[..n].iter().all(|&b| b == b' ')
}

/// Strips `n` indentation units (a tab or four spaces each).
fn indent_units(l: &str, n: usize) -> Option<&str> {
    let mut s = l;
    for _ in 0..n {
        s = if let Some(r) = s.strip_prefix('\t') {
            r
        } else {
            s.strip_prefix("    ")?
        };
    }
    Some(s)
}

/// Is `content` (the first line after the marker) empty or only an IAL?
fn is_ial_only(content: &str) -> bool {
    let t = content.trim_start_matches(|c: char| c.is_ascii_whitespace());
    if t.is_empty() {
        return true;
    }
    if let Some(body) = t.strip_prefix("{:") {
        if body.starts_with(':') || body.starts_with('/') {
            return false;
        }
        if let Some(n) = ald_body_len(body) {
            return body[n + 1..]
                .trim_matches(|c: char| c.is_ascii_whitespace())
                .is_empty();
        }
    }
    false
}

/// kramdown's parse_first_list_line: returns (content, indentation).
fn first_line(indent: usize, content: &str) -> (String, usize) {
    let trimmed = |c: &str| {
        c.trim_start_matches(|ch: char| ch.is_ascii_whitespace())
            .to_string()
    };
    if is_ial_only(content) {
        return (trimmed(content), 4);
    }
    let sp = leading_spaces(content);
    if !content[sp..].starts_with('\t') {
        // No tab to expand: the common case needs no intermediate copy.
        return (trimmed(content), indent + sp);
    }
    let mut content = content.to_string();
    loop {
        let sp = leading_spaces(&content);
        let tabs = content[sp..].bytes().take_while(|&b| b == b'\t').count();
        if tabs == 0 {
            break;
        }
        let n = 4 - ((sp + indent) % 4) + (tabs - 1) * 4;
        content = format!(
            "{}{}{}",
            " ".repeat(sp),
            " ".repeat(n),
            &content[sp + tabs..]
        );
    }
    let width = leading_spaces(&content);
    (trimmed(&content), indent + width)
}

/// Removes a leading item IAL (`{:.cls}`) from an item's first line into `ial`.
fn take_item_ial(value: &mut String) -> Option<Ial> {
    let t = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let body = t.strip_prefix("{:")?;
    if body.starts_with('/') {
        return None;
    }
    let idl = body
        .bytes()
        .take_while(|&b| crate::util::is_word_byte(b) || b == b'-')
        .count();
    if body[idl..].starts_with(':') && (idl == 0 || crate::util::is_word_byte(body.as_bytes()[0])) {
        return None;
    }
    let n = ald_body_len(body)?;
    let mut ial = Ial::default();
    parse_attribute_list(&body[..n], &mut ial);
    let after = body[n + 1..].trim_start_matches(|c: char| c.is_ascii_whitespace());
    *value = after.to_string();
    Some(ial)
}

const BOX_UNCHECKED: &str =
    "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" />";
const BOX_CHECKED: &str =
    "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" checked=\"checked\" />";

/// GFM task lists: `[ ]`/`[x]` at the start of an item's first paragraph become
/// checkboxes; from the first task item on, items get the `task-list-item` class.
fn mark_task_list(list: &mut Node) {
    let mut is_task = false;
    for li in &mut list.children {
        let Some(p) = li.children.first_mut().filter(|c| c.kind == Kind::P) else {
            continue;
        };
        let Some(t) = p.children.first_mut() else {
            continue;
        };
        let v = &t.value;
        let trimmed = v.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let rest = match trimmed.strip_prefix("[ ]") {
            Some(r) => Some((BOX_UNCHECKED, r)),
            None => trimmed
                .strip_prefix("[x]")
                .or_else(|| trimmed.strip_prefix("[X]"))
                .map(|r| (BOX_CHECKED, r)),
        };
        if let Some((bx, r)) = rest {
            let after = r.trim_start_matches(|c: char| c.is_ascii_whitespace());
            if after.len() < r.len() {
                t.value = format!("{bx}{after}").into();
                is_task = true;
            }
        }
        if is_task {
            li.attr.set("class", "task-list-item".into());
        }
    }
    if is_task {
        list.attr.set("class", "task-list".into());
    }
}

impl Parser {
    pub(crate) fn p_list(&mut self, src: &mut Src, cx: &mut Ctx) -> Res {
        let (l0, _) = src.line();
        let ordered = list_marker(l0, 3).map(|m| m.1).unwrap_or(false);
        let mut list = cx.new_el(if ordered { Kind::Ol } else { Kind::Ul });
        // Each item's chunks of text, with the document line each starts on.
        let mut items: Vec<(Node, Vec<(usize, String)>)> = Vec::new();
        let mut rules = ItemRules { indent: 0 };
        let mut max_marker = 3;
        let mut eob_found = false;
        let mut nested = false;
        let mut last_blank = false;
        while !src.eos() {
            let at = src.pos;
            let rest = src.rest();
            let (l, has_nl) = src.line();
            if last_blank && has_nl && is_hr(l) {
                break;
            }
            if is_eob(l, has_nl) {
                src.skip_line();
                eob_found = true;
                break;
            }
            if has_nl {
                if let Some((mlen, o)) = list_marker(l, max_marker) {
                    if o == ordered {
                        src.skip_line();
                        let content = &rest[mlen..=l.len()];
                        let (mut value, indent) = first_line(mlen, content);
                        let mut item = Node::new(Kind::Li);
                        if let Some(ial) = take_item_ial(&mut value) {
                            item.ial = Some(Box::new(ial));
                        }
                        rules = ItemRules { indent };
                        max_marker = indent.saturating_sub(1).min(3);
                        let (fl, _) = line(&value);
                        nested = is_list_start(fl) && value.contains('\n');
                        last_blank = false;
                        items.push((item, vec![(src.line_at(at), value)]));
                        continue;
                    }
                }
            }
            if has_nl && (rules.content(l) || (!last_blank && rules.lazy(rest, l))) {
                let raw = src.skip_line();
                // Leading tabs count as four spaces each; only then is a copy needed.
                let tabs = raw.bytes().take_while(|&b| b == b'\t').count();
                let expanded;
                let mut result: &str = if tabs > 0 {
                    expanded = format!("{}{}", " ".repeat(4 * tabs), &raw[tabs..]);
                    &expanded
                } else {
                    raw
                };
                let found = spaces_prefix(result, rules.indent);
                if found {
                    result = &result[rules.indent..];
                }
                let (rl, _) = line(result);
                let Some((_, chunks)) = items.last_mut() else {
                    break;
                };
                let chunk_pad = if !nested && found && is_list_start(rl) {
                    chunks.push((src.line_at(at), String::new()));
                    nested = true;
                    0
                } else if nested && !found && is_list_start(rl) {
                    rules.indent + 4
                } else {
                    0
                };
                let chunk = &mut chunks.last_mut().unwrap().1;
                chunk.extend(std::iter::repeat_n(' ', chunk_pad));
                chunk.push_str(result);
                last_blank = false;
                continue;
            }
            let bl = blank_lines_len(rest);
            if bl > 0 {
                let Some((_, chunks)) = items.last_mut() else {
                    break;
                };
                chunks.last_mut().unwrap().1.push_str(&rest[..bl]);
                src.pos += bl;
                nested = true;
                last_blank = true;
                continue;
            }
            break;
        }
        let n_items = items.len();
        let mut last_blank_node = None;
        let mut firsts: Vec<(bool, bool)> = Vec::new(); // (first is p, transparent)
        for (idx, (mut item, chunks)) in items.into_iter().enumerate() {
            let mut temp = Node::new(Kind::Temp);
            for (line, c) in &chunks {
                let mut s = Src::nested(c, *line);
                self.parse_blocks(&mut s, &mut temp, None);
            }
            item.children = temp.children;
            let ch = &mut item.children;
            if !ch.is_empty() {
                if ch[0].kind == Kind::P
                    && ch.len() >= 2
                    && ch[1].kind == Kind::Eob(EobKind::Ial)
                    && ch[0].ial.is_some()
                {
                    ch.remove(1);
                }
                let is_last = idx + 1 == n_items;
                if ch[0].kind == Kind::P
                    && (ch.len() < 2
                        || ch[1].kind != Kind::Blank
                        || (is_last && ch.len() == 2 && !eob_found))
                    && (!is_last || n_items == 1 || firsts.iter().any(|&(p, t)| !p || t))
                {
                    if ch.len() > 1 && ch[1].kind != Kind::Blank {
                        if let Some(t) = ch[0].children.first_mut() {
                            t.value.push('\n');
                        }
                    }
                    ch[0].transparent = true;
                }
                last_blank_node = if ch.last().is_some_and(|n| n.kind == Kind::Blank) {
                    ch.pop()
                } else {
                    None
                };
            }
            firsts.push((
                item.children.first().is_some_and(|c| c.kind == Kind::P),
                item.children.first().is_some_and(|c| c.transparent),
            ));
            list.children.push(item);
        }
        if self.opts.is_gfm() {
            mark_task_list(&mut list);
        }
        cx.tree.children.push(list);
        if let Some(b) = last_blank_node {
            if !eob_found {
                cx.tree.children.push(b);
            }
        }
        Res::Yes
    }

    pub(crate) fn p_dl(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let ch = &cx.tree.children;
        let n = ch.len();
        if n == 0
            || (n == 1 && ch[0].kind != Kind::P)
            || (n >= 2
                && ch[n - 1].kind != Kind::P
                && (ch[n - 1].kind != Kind::Blank
                    || ch[n - 1].value != "\n"
                    || ch[n - 2].kind != Kind::P))
        {
            return false;
        }
        let mut first_as_para = false;
        let mut dl = cx.new_el(Kind::Dl);
        let mut para = cx.tree.children.pop().unwrap();
        if para.kind == Kind::Blank {
            para = cx.tree.children.pop().unwrap();
            first_as_para = true;
        }
        let text = para
            .children
            .first()
            .map(|t| t.value.clone())
            .unwrap_or_default();
        for term in text.split('\n') {
            let mut term = term.to_string();
            let mut dt = Node::new(Kind::Dt);
            if let Some(ial) = take_item_ial(&mut term) {
                dt.ial = Some(Box::new(ial));
            }
            dt.set_raw_text(term.clone());
            dt.add_text(&term, Kind::RawText);
            dl.children.push(dt);
        }
        if para.ial.is_some() {
            dl.ial = para.ial.take();
        }
        let mut rules = ItemRules { indent: 0 };
        let mut max_marker = 3;
        let mut last_blank = false;
        // (index in `dl`, document line, text) of each description.
        let mut dds: Vec<(usize, usize, String)> = Vec::new();
        while !src.eos() {
            let rest = src.rest();
            let (l, has_nl) = src.line();
            if has_nl {
                let sp = leading_spaces(l);
                if sp <= max_marker
                    && l[sp..].starts_with(':')
                    && matches!(l.as_bytes().get(sp + 1), Some(b'\t' | b'|' | b' '))
                {
                    let at = src.line_at(src.pos);
                    src.skip_line();
                    let (mut value, indent) = first_line(sp + 1, &rest[sp + 1..=l.len()]);
                    let mut dd = Node::new(Kind::Dd);
                    dd.first_as_para = first_as_para;
                    if let Some(ial) = take_item_ial(&mut value) {
                        dd.ial = Some(Box::new(ial));
                    }
                    rules = ItemRules { indent };
                    max_marker = indent.saturating_sub(1).min(3);
                    dl.children.push(dd);
                    dds.push((dl.children.len() - 1, at, value));
                    first_as_para = false;
                    last_blank = false;
                    continue;
                }
            }
            if is_eob(l, has_nl) {
                break;
            }
            if has_nl && (rules.content(l) || (!last_blank && rules.lazy(rest, l))) {
                let mut result = src.skip_line().to_string();
                let tabs = result.bytes().take_while(|&b| b == b'\t').count();
                if tabs > 0 {
                    result = format!("{}{}", " ".repeat(4 * tabs), &result[tabs..]);
                }
                if spaces_prefix(&result, rules.indent) {
                    result.drain(..rules.indent);
                }
                if let Some(d) = dds.last_mut() {
                    d.2.push_str(&result);
                }
                first_as_para = false;
                last_blank = false;
                continue;
            }
            let bl = blank_lines_len(rest);
            if bl > 0 {
                first_as_para = true;
                if let Some(d) = dds.last_mut() {
                    d.2.push_str(&rest[..bl]);
                }
                src.pos += bl;
                last_blank = true;
                continue;
            }
            break;
        }
        let mut last = None;
        for (idx, line, value) in dds {
            let it = &mut dl.children[idx];
            let mut s = Src::nested(&value, line);
            self.parse_blocks(&mut s, it, None);
            let ch = &mut it.children;
            if ch.is_empty() {
                continue;
            }
            last = if ch.last().is_some_and(|n| n.kind == Kind::Blank) {
                ch.pop()
            } else {
                None
            };
            let fap = it.first_as_para;
            it.first_as_para = false;
            let ch = &mut it.children;
            if ch.first().is_some_and(|c| c.kind == Kind::P) && !fap {
                if ch.len() > 1 {
                    if let Some(t) = ch[0].children.first_mut() {
                        t.value.push('\n');
                    }
                }
                ch[0].transparent = true;
            }
        }
        let children = &mut cx.tree.children;
        let n = children.len();
        if n >= 1 && children[n - 1].kind == Kind::Dl {
            children[n - 1].children.append(&mut dl.children);
        } else if n >= 2 && children[n - 1].kind == Kind::Blank && children[n - 2].kind == Kind::Dl
        {
            children.pop();
            children
                .last_mut()
                .unwrap()
                .children
                .append(&mut dl.children);
        } else {
            children.push(dl);
        }
        if let Some(l) = last {
            children.push(l);
        }
        true
    }
}
