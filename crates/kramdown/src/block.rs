//! Block-level parser: turns source text into block elements whose text is still
//! unparsed (`RawText`), exactly in the order kramdown's GFM parser tries its block
//! rules (blank line, indented code, fence, blockquote, ATX header, rule, list,
//! definition list, HTML, setext header, math, table, footnote, link and
//! abbreviation definitions, extensions, end-of-block marker, paragraph).

use std::collections::HashMap;

use crate::ast::{EobKind, Ial, Kind, Node};
use crate::lines::*;
use crate::options::Options;
use crate::util::{is_space, parse_attribute_list};

/// Deepest block nesting handled structurally; deeper input is kept as text so that
/// pathological documents cannot overflow the stack.
pub(crate) const MAX_DEPTH: usize = 120;

/// A string scanner: the text and the current offset.
pub(crate) struct Src<'a> {
    pub s: &'a str,
    pub pos: usize,
}

impl<'a> Src<'a> {
    pub fn new(s: &'a str) -> Self {
        Src { s, pos: 0 }
    }
    pub fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }
    pub fn eos(&self) -> bool {
        self.pos >= self.s.len()
    }
    /// Current line (without newline) and whether it had one.
    pub fn line(&self) -> (&'a str, bool) {
        let (l, adv) = line(self.rest());
        (l, adv > l.len())
    }
    pub fn skip_line(&mut self) -> &'a str {
        let r = self.rest();
        let (_, adv) = line(r);
        self.pos += adv;
        &r[..adv]
    }
}

pub(crate) struct LinkDef {
    pub url: String,
    pub title: Option<String>,
    pub ial: Option<Ial>,
}

pub(crate) struct FootDef {
    pub content: Node,
}

/// Outcome of one block rule.
#[derive(PartialEq, Eq)]
pub(crate) enum Res {
    No,
    Yes,
    /// The closing tag of the enclosing HTML element was found.
    Stop,
}

/// Per-`parse_blocks` state: kramdown's `@tree` and `@block_ial`.
pub(crate) struct Ctx<'n> {
    pub tree: &'n mut Node,
    pub ial: Option<Ial>,
    /// Name of the enclosing block-model HTML element whose end tag stops parsing.
    pub html: Option<String>,
}

impl Ctx<'_> {
    pub fn new_el(&mut self, kind: Kind) -> Node {
        let mut n = Node::new(kind);
        if let Some(i) = self.ial.take() {
            n.ial = Some(Box::new(i));
        }
        n
    }
    pub fn after_boundary(&self) -> bool {
        match self.tree.children.last() {
            None => true,
            Some(l) => {
                l.kind == Kind::Blank || l.kind == Kind::Eob(EobKind::Plain) || self.ial.is_some()
            }
        }
    }
}

pub(crate) struct Parser {
    pub opts: Options,
    pub link_defs: HashMap<String, LinkDef>,
    pub footnotes: HashMap<String, FootDef>,
    pub alds: HashMap<String, Ial>,
    pub abbrevs: Vec<(String, String)>,
    pub depth: usize,
    /// Deepest nesting seen, so that only deep trees pay for iterative dropping.
    pub max_depth: usize,
}

pub(crate) fn normalize_link_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    let mut in_space = false;
    for c in id.chars() {
        if c.is_ascii() && is_space(c as u8) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// `text` before a trailing `{#id}` (kramdown's HEADER_ID), right-stripped.
fn header_contents(text: &str) -> (String, Option<String>) {
    let t = text.trim_end_matches(|c: char| c.is_ascii_whitespace());
    if let Some(body) = t.strip_suffix('}') {
        if let Some(i) = body.rfind("{#") {
            let id = &body[i + 2..];
            let before = &body[..i];
            let ok_id = id
                .chars()
                .next()
                .is_some_and(|c| crate::util::is_name_start(c) || c == ':')
                && id.chars().all(|c| crate::util::is_name_char(c) || c == ':');
            if ok_id && (before.ends_with(' ') || before.ends_with('\t')) {
                let text = before.trim_end_matches(|c: char| c.is_ascii_whitespace());
                return (text.to_string(), Some(id.to_string()));
            }
        }
    }
    (t.to_string(), None)
}

impl Parser {
    pub fn new(opts: &Options) -> Self {
        Parser {
            opts: opts.clone(),
            link_defs: HashMap::new(),
            footnotes: HashMap::new(),
            alds: HashMap::new(),
            abbrevs: Vec::new(),
            depth: 0,
            max_depth: 0,
        }
    }

    /// Parses blocks from `src` into `tree`; true when stopped by the enclosing HTML end tag.
    pub fn parse_blocks(&mut self, src: &mut Src, tree: &mut Node, html: Option<String>) -> bool {
        self.depth += 1;
        self.max_depth = self.max_depth.max(self.depth);
        let mut cx = Ctx {
            tree,
            ial: None,
            html,
        };
        let mut stopped = false;
        while !src.eos() {
            let r = self.block_step(src, &mut cx);
            if r == Res::Stop {
                stopped = true;
                break;
            }
        }
        self.depth -= 1;
        stopped
    }

    fn block_step(&mut self, src: &mut Src, cx: &mut Ctx) -> Res {
        let (l, has_nl) = src.line();
        let b0 = l.as_bytes().first().copied().unwrap_or(b'\n');
        if has_nl && is_blank(l) {
            return self.p_blank(src, cx);
        }
        if self.depth > MAX_DEPTH {
            let p = self.p_paragraph(src, cx);
            debug_assert!(p == Res::Yes);
            return Res::Yes;
        }
        if is_indented(l) && self.p_codeblock(src, cx) {
            return Res::Yes;
        }
        let fence_start = if self.opts.is_gfm() {
            is_fence_start(l)
        } else {
            l.starts_with("~~~")
        };
        if fence_start && self.p_fenced(src, cx) {
            return Res::Yes;
        }
        if is_blockquote_start(l) {
            return self.p_blockquote(src, cx);
        }
        if b0 == b'#' && has_nl && self.p_atx(src, cx) {
            return Res::Yes;
        }
        if has_nl && is_hr(l) {
            src.skip_line();
            let n = cx.new_el(Kind::Hr);
            cx.tree.children.push(n);
            return Res::Yes;
        }
        if is_list_start(l) && has_nl {
            return self.p_list(src, cx);
        }
        if is_dl_start(l) && has_nl && self.p_dl(src, cx) {
            return Res::Yes;
        }
        if opt_space(l).starts_with('<') {
            match self.p_block_html(src, cx) {
                Res::No => {}
                r => return r,
            }
        }
        if self.p_setext(src, cx) {
            return Res::Yes;
        }
        if opt_space(l).starts_with("$$") || opt_space(l).starts_with("\\$$") {
            if let Some(Res::Yes) = self.p_block_math(src, cx) {
                return Res::Yes;
            }
        }
        // An escaped `\$$` may have consumed its backslash: look at the text again.
        let (l, has_nl) = src.line();
        if l.contains('|') && self.p_table(src, cx) {
            return Res::Yes;
        }
        let t = opt_space(l);
        if t.starts_with("[^") && self.p_footnote_def(src, cx) {
            return Res::Yes;
        }
        if t.starts_with('[') && self.p_link_def(src, cx) {
            return Res::Yes;
        }
        if t.starts_with("*[") && self.p_abbrev_def(src, cx) {
            return Res::Yes;
        }
        if t.starts_with("{:") && self.p_extensions(src, cx) {
            return Res::Yes;
        }
        if is_eob(l, has_nl) {
            src.skip_line();
            let n = cx.new_el(Kind::Eob(EobKind::Plain));
            cx.tree.children.push(n);
            return Res::Yes;
        }
        if leading_spaces(l) < 4
            && !matches!(opt_space(l).bytes().next(), Some(b' ' | b'\t') | None)
        {
            return self.p_paragraph(src, cx);
        }
        // No rule applies (e.g. a line of spaces and a tab): kramdown keeps it as raw text.
        let text = src.skip_line();
        cx.tree.add_text(text, Kind::RawText);
        Res::Yes
    }

    fn p_blank(&mut self, src: &mut Src, cx: &mut Ctx) -> Res {
        let n = blank_lines_len(src.rest());
        let text = &src.rest()[..n];
        src.pos += n;
        if let Some(last) = cx.tree.children.last_mut() {
            if last.kind == Kind::Blank {
                last.value.push_str(text);
                return Res::Yes;
            }
        }
        let mut el = cx.new_el(Kind::Blank);
        el.value = text.to_string();
        cx.tree.children.push(el);
        Res::Yes
    }

    /// GFM (paragraph_end quirk) or plain kramdown paragraph end.
    pub fn is_paragraph_end(&self, rest: &str) -> bool {
        if rest.is_empty() || rest == "\n" {
            return true;
        }
        let (l, adv) = line(rest);
        let has_nl = adv > l.len();
        if (has_nl && is_blank(l))
            || ial_block(rest).is_some()
            || is_eob(l, has_nl)
            || is_lazy_html(l)
        {
            return true;
        }
        if is_dl_start(l) && has_nl {
            return true;
        }
        self.opts.is_gfm()
            && self.opts.gfm_quirk_paragraph_end
            && has_nl
            && (is_list_start(l)
                || atx_gfm(l).is_some()
                || is_blockquote_start(l)
                || is_fence_start(l))
    }

    fn p_paragraph(&mut self, src: &mut Src, cx: &mut Ctx) -> Res {
        let start = src.pos;
        src.skip_line();
        while !self.is_paragraph_end(src.rest()) {
            src.skip_line();
        }
        let text = src.s[start..src.pos]
            .trim_end_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
        if let Some(last) = cx.tree.children.last_mut().filter(|l| l.kind == Kind::P) {
            if let Some(t) = last.children.last_mut().filter(|t| t.kind == Kind::RawText) {
                let joiner = if start >= 3 && src.s.get(start - 3..start) == Some("  \n") {
                    "  \n"
                } else {
                    "\n"
                };
                t.value.push_str(joiner);
                t.value.push_str(text);
            } else {
                last.add_text(text, Kind::RawText);
            }
        } else {
            let mut p = cx.new_el(Kind::P);
            p.add_text(
                text.trim_start_matches(|c: char| c.is_ascii_whitespace()),
                Kind::RawText,
            );
            cx.tree.children.push(p);
        }
        Res::Yes
    }

    fn add_header(&mut self, cx: &mut Ctx, level: u8, text: String, id: Option<String>) {
        let mut el = cx.new_el(Kind::Header(level));
        el.raw_text = text.clone();
        el.add_text(&text, Kind::RawText);
        if let Some(id) = id {
            el.attr.set("id", id);
        }
        cx.tree.children.push(el);
    }

    fn p_atx(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let (l, _) = src.line();
        if !self.opts.is_gfm() {
            return self.p_atx_kramdown(src, cx, l);
        }
        let Some((level, contents)) = atx_gfm(l) else {
            return false;
        };
        let (mut text, id) = header_contents(contents);
        let t = text.trim_end_matches('#');
        if t.len() < text.len() && (t.ends_with(' ') || t.ends_with('\t')) {
            text = t
                .trim_end_matches(|c: char| c.is_ascii_whitespace())
                .to_string();
        }
        if text.is_empty() {
            return false;
        }
        src.skip_line();
        self.add_header(cx, level, text, id);
        true
    }

    /// kramdown's own ATX rule: needs a block boundary, no space after `#` needed.
    fn p_atx_kramdown(&mut self, src: &mut Src, cx: &mut Ctx, l: &str) -> bool {
        let n = l.bytes().take_while(|&b| b == b'#').count();
        if n == 0 || n > 6 || !cx.after_boundary() {
            return false;
        }
        let contents = l[n..].trim_start_matches([' ', '\t']);
        if contents.is_empty() {
            return false;
        }
        let (mut text, id) = header_contents(contents);
        let t = text.trim_end_matches('#');
        if t.len() < text.len() && !t.ends_with('\\') {
            text = t
                .trim_end_matches(|c: char| c.is_ascii_whitespace())
                .to_string();
        }
        if text.is_empty() {
            return false;
        }
        src.skip_line();
        self.add_header(cx, n as u8, text, id);
        true
    }

    fn p_setext(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let rest = src.rest();
        let (l1, a1) = line(rest);
        if a1 == l1.len() || !cx.after_boundary() {
            return false;
        }
        let t = opt_space(l1);
        if t.is_empty() || t.starts_with([' ', '\t']) {
            return false;
        }
        let (l2, a2) = line(&rest[a1..]);
        if a2 == l2.len() {
            return false;
        }
        let level = match l2.as_bytes().first() {
            Some(b'=') => 1,
            Some(b'-') => 2,
            _ => return false,
        };
        let body = l2.trim_start_matches(['-', '=']);
        if !body
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\x0c' | b'\x0b'))
        {
            return false;
        }
        let (text, id) = header_contents(t);
        if text.is_empty() {
            return false;
        }
        src.pos += a1 + a2;
        self.add_header(cx, level, text, id);
        true
    }

    fn p_blockquote(&mut self, src: &mut Src, cx: &mut Ctx) -> Res {
        let start = src.pos;
        src.skip_line();
        while !is_lazy_end(src.rest()) {
            src.skip_line();
        }
        let mut body = String::with_capacity(src.pos - start);
        for l in src.s[start..src.pos].split_inclusive('\n') {
            let t = opt_space(l);
            match t.strip_prefix('>') {
                Some(r) => body.push_str(r.strip_prefix(' ').unwrap_or(r)),
                None => body.push_str(l),
            }
        }
        let mut el = cx.new_el(Kind::Blockquote);
        let mut s = Src::new(&body);
        self.parse_blocks(&mut s, &mut el, None);
        cx.tree.children.push(el);
        Res::Yes
    }

    fn p_codeblock(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let rest = src.rest();
        let len = codeblock_len(rest);
        if len == 0 {
            return false;
        }
        let raw = &rest[..len];
        src.pos += len;
        // Lazy lines are joined to the previous line with a space, then one indent is removed.
        let mut joined = String::with_capacity(raw.len());
        let b = raw.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\n' && i + 1 < b.len() {
                let sp = b[i + 1..]
                    .iter()
                    .take(3)
                    .take_while(|&&c| c == b' ')
                    .count();
                if b.get(i + 1 + sp).is_some_and(|&c| !is_space(c)) {
                    joined.push(' ');
                    i += 1;
                    continue;
                }
            }
            let ch_len = utf8_len(b[i]);
            joined.push_str(&raw[i..i + ch_len]);
            i += ch_len;
        }
        let mut data = String::with_capacity(joined.len());
        for l in joined.split_inclusive('\n') {
            data.push_str(strip_indent(l));
        }
        let mut el = cx.new_el(Kind::CodeBlock);
        el.value = data;
        cx.tree.children.push(el);
        true
    }

    /// GFM fenced code. Like kramdown's regex, a longer opening run may give back
    /// characters to the info string when no closing fence matches its full length.
    fn p_fenced(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let rest = src.rest();
        let (l, a) = line(rest);
        if a == l.len() {
            return false;
        }
        // GFM fences may be indented and use backticks; kramdown's only `~` at column 0.
        let gfm = self.opts.is_gfm();
        let t = if gfm { opt_space(l) } else { l };
        let run = t
            .bytes()
            .take_while(|&b| b == b'~' || (gfm && b == b'`'))
            .count();
        for k in (3..=run).rev() {
            let fence = &t[..k];
            let info = t[k..].trim_matches(|c: char| c.is_ascii_whitespace());
            if info.bytes().any(is_space) {
                continue;
            }
            let Some((body_end, consumed)) = find_fence_close(rest, a, fence, gfm) else {
                continue;
            };
            src.pos += consumed;
            let mut el = cx.new_el(Kind::CodeBlock);
            el.value = rest[a..body_end].to_string();
            if !info.is_empty() {
                el.raw_text = info.to_string();
                let first = info.chars().next().map_or(1, char::len_utf8);
                let cls = match info[first..].find('?') {
                    Some(q) => &info[..first + q],
                    None => info,
                };
                el.attr.set("class", format!("language-{cls}"));
            }
            cx.tree.children.push(el);
            return true;
        }
        false
    }

    fn p_block_math(&mut self, src: &mut Src, cx: &mut Ctx) -> Option<Res> {
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
        el.value = data.to_string();
        cx.tree.children.push(el);
        Some(Res::Yes)
    }

    fn p_footnote_def(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
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
        src.pos += off + 2 + idl + 2 + fa + cb;
        let mut el = Node::new(Kind::Root);
        let mut s = Src::new(&body);
        self.parse_blocks(&mut s, &mut el, None);
        let mut eob = cx.new_el(Kind::Eob(EobKind::FootnoteDef));
        eob.raw_text = name.clone();
        cx.tree.children.push(eob);
        self.footnotes.insert(name, FootDef { content: el });
        true
    }

    fn p_link_def(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let rest = src.rest();
        let Some((id, url, title, len)) = parse_link_def(rest) else {
            return false;
        };
        src.pos += len;
        let id = normalize_link_id(&id);
        let mut eob = cx.new_el(Kind::Eob(EobKind::LinkDef));
        eob.raw_text = id.clone();
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

    fn p_abbrev_def(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
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
        eob.raw_text = id.clone();
        cx.tree.children.push(eob);
        if let Some(slot) = self.abbrevs.iter_mut().find(|(k, _)| *k == id) {
            slot.1 = text;
        } else {
            self.abbrevs.push((id, text));
        }
        true
    }

    fn p_extensions(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
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
                    if let Some(d) = self.link_defs.get_mut(&last.raw_text) {
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

pub(crate) fn utf8_len(b: u8) -> usize {
    match b {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xff => 4,
        _ => 1,
    }
}

/// The closing fence line for `fence` at or after `from`: (body end, end of the closing line).
fn find_fence_close(
    rest: &str,
    from: usize,
    fence: &str,
    indent_ok: bool,
) -> Option<(usize, usize)> {
    let last = fence.as_bytes()[fence.len() - 1] as char;
    let mut p = from;
    while p < rest.len() {
        let (cl, ca) = line(&rest[p..]);
        if ca > cl.len() {
            let ct = if indent_ok { opt_space(cl) } else { cl };
            if let Some(after) = ct.strip_prefix(fence) {
                if after.trim_start_matches(last).bytes().all(is_space) {
                    return Some((p, p + ca));
                }
            }
        }
        p += ca;
    }
    None
}

/// kramdown's LAZY_END: where a blockquote's lazy lines stop.
pub(crate) fn is_lazy_end(rest: &str) -> bool {
    if rest.is_empty() || rest == "\n" {
        return true;
    }
    let (l, adv) = line(rest);
    let has_nl = adv > l.len();
    (has_nl && is_blank(l)) || ial_block(rest).is_some() || is_eob(l, has_nl) || is_lazy_html(l)
}

/// Length of kramdown's CODEBLOCK_MATCH at the start of `rest` (may be 0).
pub(crate) fn codeblock_len(rest: &str) -> usize {
    let mut pos = 0;
    loop {
        let mut p = pos + blank_lines_len(&rest[pos..]);
        let mut n = 0;
        loop {
            let (l, a) = line(&rest[p..]);
            if a > l.len() && is_indented(l) && !is_blank(strip_indent(l)) {
                p += a;
                n += 1;
            } else {
                break;
            }
        }
        if n == 0 {
            return pos;
        }
        loop {
            let r = &rest[p..];
            let (l, a) = line(r);
            if a > l.len()
                && !is_blank(l)
                && ial_block(r).is_none()
                && !is_eob(l, true)
                && !is_lazy_html(l)
            {
                p += a;
            } else {
                break;
            }
        }
        pos = p;
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
