//! Block rules that define things rather than show them: footnote, link and
//! abbreviation definitions, ALDs and IALs, extensions; plus block math.

use crate::ast::{EobKind, Kind, Node};
use crate::block::{codeblock_len, normalize_link_id, Ctx, FootDef, LinkDef, Parser, Res, Src};
use crate::lines::*;
use crate::util::{is_space, parse_attribute_list};

impl Parser {
    pub(crate) fn p_block_math(&mut self, src: &mut Src, cx: &mut Ctx) -> Option<Res> {
        let rest = src.rest();
        let off = leading_spaces(rest).min(3);
        let mut r = &rest[off..];
        let escaped = r.starts_with('\\');
        if escaped {
            r = &r[1..];
        }
        let inner_start = 2;
        let close = r[inner_start..].find("$$")? + inner_start;
        if !cx.after_boundary() {
            return Some(Res::No);
        }
        let after = &r[close + 2..];
        let trail = {
            let ws = after.bytes().take_while(|&b| is_space(b)).count();
            match after[..ws].find('\n') {
                Some(i) => i + 1,
                None => 0,
            }
        };
        if escaped {
            if trail > 0 {
                src.pos += off + 1;
            }
            return Some(Res::No);
        }
        let data = r[inner_start..close].trim_matches(|c: char| c.is_ascii_whitespace());
        let end = off + close + 2 + trail;
        let tail = &rest[end..];
        let (tl, ta) = line(tail);
        let boundary = tail.is_empty()
            || tail == "\n"
            || (ta > tl.len() && is_blank(tl))
            || is_eob(tl, ta > tl.len())
            || ial_block(tail).is_some();
        if !boundary {
            return Some(Res::No);
        }
        src.pos += end;
        let mut el = cx.new_el(Kind::Math);
        el.value = data.into();
        cx.tree.children.push(el);
        Some(Res::Yes)
    }

    pub(crate) fn p_footnote_def(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let rest = src.rest();
        let off = leading_spaces(rest).min(3);
        let r = &rest[off + 2..];
        let idl = r
            .bytes()
            .take_while(|&b| crate::util::is_word_byte(b) || b == b'-')
            .count();
        if idl == 0 || !crate::util::is_word_byte(r.as_bytes()[0]) || !r[idl..].starts_with("]:") {
            return false;
        }
        let name = r[..idl].to_string();
        let after = &r[idl + 2..];
        // `\s*?` then the rest of the first line, then indented (code-block-like) lines.
        let (fl, fa) = line(after);
        if fa == fl.len() {
            return false;
        }
        let first = fl.trim_start_matches([' ', '\t']);
        let cb = codeblock_len(&after[fa..]);
        let mut body = String::from(first);
        body.push('\n');
        for l in after[fa..fa + cb].split_inclusive('\n') {
            body.push_str(strip_indent(l));
        }
        let line = src.line_at(src.pos);
        src.pos += off + 2 + idl + 2 + fa + cb;
        let mut el = Node::new(Kind::Root);
        let mut s = Src::nested(&body, line);
        self.parse_blocks(&mut s, &mut el, None);
        let mut eob = cx.new_el(Kind::Eob(EobKind::FootnoteDef));
        eob.set_raw_text(name.clone());
        cx.tree.children.push(eob);
        self.footnotes.insert(name, FootDef { content: el });
        true
    }

    pub(crate) fn p_link_def(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let rest = src.rest();
        let Some((id, url, title, len)) = parse_link_def(rest) else {
            return false;
        };
        src.pos += len;
        let id = normalize_link_id(&id);
        let mut eob = cx.new_el(Kind::Eob(EobKind::LinkDef));
        eob.set_raw_text(id.clone());
        cx.tree.children.push(eob);
        self.link_defs.insert(
            id,
            LinkDef {
                url,
                title,
                ial: None,
            },
        );
        true
    }

    pub(crate) fn p_abbrev_def(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let (l, has_nl) = src.line();
        if !has_nl {
            return false;
        }
        let t = opt_space(l);
        let body = &t[2..];
        let Some(i) = body.get(1..).and_then(|b| b.find("]:")).map(|i| i + 1) else {
            return false;
        };
        let id = body[..i].to_string();
        let text = body[i + 2..]
            .trim_matches(|c: char| c.is_ascii_whitespace())
            .to_string();
        src.skip_line();
        let mut eob = cx.new_el(Kind::Eob(EobKind::AbbrevDef));
        eob.set_raw_text(id.clone());
        cx.tree.children.push(eob);
        if let Some(slot) = self.abbrevs.iter_mut().find(|(k, _)| *k == id) {
            slot.1 = text;
        } else {
            self.abbrevs.push((id, text));
        }
        true
    }

    pub(crate) fn p_extensions(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let rest = src.rest();
        let off = leading_spaces(rest).min(3);
        let r = &rest[off + 2..];
        // ALD definition: {:name: attrs}
        let idl = r
            .bytes()
            .take_while(|&b| crate::util::is_word_byte(b) || b == b'-')
            .count();
        if idl > 0 && crate::util::is_word_byte(r.as_bytes()[0]) && r[idl..].starts_with(':') {
            let body = &r[idl + 1..];
            if let Some(n) = ald_body_len(body) {
                let (tl, ta) = line(&body[n + 1..]);
                if ta > tl.len() && is_blank(tl) {
                    let name = r[..idl].to_string();
                    let entry = self.alds.entry(name).or_default();
                    parse_attribute_list(&body[..n], entry);
                    src.pos += off + 2 + idl + 1 + n + 1 + ta;
                    let eob = cx.new_el(Kind::Eob(EobKind::Ald));
                    cx.tree.children.push(eob);
                    return true;
                }
            }
        }
        if r.starts_with(':') || r.starts_with('/') {
            return crate::ext::block_extension(self, src, cx);
        }
        if let Some((content, len)) = ial_block(rest) {
            src.pos += len;
            let attach = match cx.tree.children.last() {
                Some(l) => {
                    l.kind != Kind::Blank
                        && !matches!(
                            l.kind,
                            Kind::Eob(
                                EobKind::Plain | EobKind::Ial | EobKind::Ald | EobKind::Extension
                            )
                        )
                }
                None => false,
            };
            if attach {
                let last = cx.tree.children.last_mut().unwrap();
                let ial = last.ial.get_or_insert_with(Default::default);
                parse_attribute_list(content, ial);
                if last.kind == Kind::Eob(EobKind::LinkDef) {
                    let ial = (**ial).clone();
                    if let Some(d) = self.link_defs.get_mut(last.raw_text()) {
                        d.ial = Some(ial);
                    }
                }
                if ial_block(src.rest()).is_none() {
                    cx.tree.children.push(Node::new(Kind::Eob(EobKind::Ial)));
                }
            } else {
                parse_attribute_list(content, cx.ial.get_or_insert_with(Default::default));
            }
            return true;
        }
        false
    }
}

/// Parses a link definition line (and an optional title line): (id, url, title, length).
fn parse_link_def(rest: &str) -> Option<(String, String, Option<String>, usize)> {
    let off = leading_spaces(rest).min(3);
    let r = &rest[off..];
    let r1 = r.strip_prefix('[')?;
    let close = r1.find(']')?;
    let id = &r1[..close];
    if id.is_empty() || id.contains('\n') {
        return None;
    }
    let after = r1[close + 1..].strip_prefix(':')?;
    let ws = after
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    let base = off + 1 + close + 2 + ws;
    let body = &after[ws..];
    let (l, a) = line(body);
    if a == l.len() {
        return None;
    }
    // Title on the same line: URL, spaces, quoted title, spaces.
    let title_same = |u_end: usize| -> Option<(String, usize)> {
        let t = &l[u_end..];
        let sp = t.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
        if sp == 0 {
            return None;
        }
        let q = *t.as_bytes().get(sp)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let inner = &t[sp + 1..];
        let trimmed = inner.trim_end_matches([' ', '\t']);
        let title = trimmed.strip_suffix(q as char)?;
        if title.is_empty() {
            return None;
        }
        Some((title.to_string(), l.len()))
    };
    let next_title = || -> Option<(String, usize)> {
        let nl = &body[a..];
        let (l2, a2) = line(nl);
        if a2 == l2.len() {
            return None;
        }
        let t = l2.trim_start_matches([' ', '\t']);
        let q = *t.as_bytes().first()?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let title = t[1..]
            .trim_end_matches([' ', '\t'])
            .strip_suffix(q as char)?;
        if title.is_empty() {
            return None;
        }
        Some((title.to_string(), a2))
    };
    let finish = |url: &str, title: Option<(String, usize)>, extra: usize| {
        Some((
            id.to_string(),
            url.to_string(),
            title.map(|t| t.0),
            base + a + extra,
        ))
    };
    if let Some(inner) = l.strip_prefix('<') {
        if let Some(gt) = inner.find('>') {
            let url = &inner[..gt];
            let u_end = gt + 2;
            if let Some(t) = title_same(u_end) {
                return finish(url, Some(t), 0);
            }
            if l[u_end..].bytes().all(|b| b == b' ' || b == b'\t') {
                if let Some(t) = next_title() {
                    let extra = t.1;
                    return finish(url, Some(t), extra);
                }
                return finish(url, None, 0);
            }
        }
    }
    let content_end = l.trim_end_matches([' ', '\t']).len();
    if content_end == 0 {
        return None;
    }
    let first_ns = l.bytes().position(|b| b != b' ' && b != b'\t')?;
    let mut e = first_ns + 1;
    while e <= content_end {
        if l.is_char_boundary(e) {
            if let Some(t) = title_same(e) {
                let url = &l[..e];
                if has_space_quote(url) {
                    return None;
                }
                return finish(url, Some(t), 0);
            }
        }
        e += 1;
    }
    let url = &l[..content_end];
    if has_space_quote(url) {
        return None;
    }
    if let Some(t) = next_title() {
        let extra = t.1;
        return finish(url, Some(t), extra);
    }
    finish(url, None, 0)
}

fn has_space_quote(url: &str) -> bool {
    let b = url.as_bytes();
    (1..b.len()).any(|i| (b[i] == b'"' || b[i] == b'\'') && (b[i - 1] == b' ' || b[i - 1] == b'\t'))
}
