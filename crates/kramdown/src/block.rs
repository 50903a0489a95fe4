//! Block-level parser: turns source text into block elements whose text is still
//! unparsed (`RawText`), exactly in the order kramdown's GFM parser tries its block
//! rules (blank line, indented code, fence, blockquote, ATX header, rule, list,
//! definition list, HTML, setext header, math, table, footnote, link and
//! abbreviation definitions, extensions, end-of-block marker, paragraph).

use std::cell::Cell;
use std::collections::HashMap;

use crate::ast::{EobKind, Ial, Kind, Node};
use crate::lines::*;
use crate::options::Options;
use crate::util::is_space;

/// A string scanner: the text and the current offset.
pub(crate) struct Src<'a> {
    pub s: &'a str,
    pub pos: usize,
    /// The document line of `s`'s first line: nested blocks are parsed from
    /// copies of their lines, and a too-deep error names the line.
    pub(crate) line0: usize,
    /// The last (offset, line) asked of `Src::line_at`, so that counting
    /// lines stays linear in the text.
    pub(crate) seen: (usize, usize),
    /// Where the line at offset `.0` ends (offset past its newline, relative to
    /// `.0`): the block rules ask for the current line many times over.
    pub(crate) line_end: Cell<(usize, usize)>,
}

impl<'a> Src<'a> {
    pub fn new(s: &'a str) -> Self {
        Src::nested(s, 1)
    }
    pub fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }
    pub fn eos(&self) -> bool {
        self.pos >= self.s.len()
    }
    /// Length of the current line including its newline.
    fn line_len(&self) -> usize {
        let (at, len) = self.line_end.get();
        if at == self.pos {
            return len;
        }
        let (_, len) = line(self.rest());
        self.line_end.set((self.pos, len));
        len
    }
    /// Current line (without newline) and whether it had one.
    pub fn line(&self) -> (&'a str, bool) {
        let r = self.rest();
        let len = self.line_len();
        match r[..len].strip_suffix('\n') {
            Some(l) => (l, true),
            None => (&r[..len], false),
        }
    }
    pub fn skip_line(&mut self) -> &'a str {
        let r = self.rest();
        let len = self.line_len();
        self.pos += len;
        &r[..len]
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
    pub nesting: crate::nesting::Nesting,
    /// The span scanner's element stack, kept between scanners to reuse its allocation.
    pub span_stack: Vec<(Kind, bool)>,
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
            nesting: crate::nesting::Nesting::new(crate::nesting::BUDGET, true),
            span_stack: Vec::new(),
        }
    }

    /// Parses blocks from `src` into `tree`; true when stopped by the enclosing HTML end tag.
    pub fn parse_blocks(&mut self, src: &mut Src, tree: &mut Node, html: Option<String>) -> bool {
        let cost = self.enter_blocks(src, &tree.kind, html.is_some());
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
        self.leave(cost);
        stopped
    }

    fn block_step(&mut self, src: &mut Src, cx: &mut Ctx) -> Res {
        let (l, has_nl) = src.line();
        let b0 = l.as_bytes().first().copied().unwrap_or(b'\n');
        if has_nl && is_blank(l) {
            return self.p_blank(src, cx);
        }
        if self.exhausted() {
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
        el.value = text.into();
        cx.tree.children.push(el);
        Res::Yes
    }

    /// GFM (paragraph_end quirk) or plain kramdown paragraph end.
    fn is_paragraph_end(&self, src: &Src) -> bool {
        let rest = src.rest();
        if rest.is_empty() || rest == "\n" {
            return true;
        }
        let (l, has_nl) = src.line();
        // The usual prose line: none of the rules below starts with a letter.
        if l.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
            return false;
        }
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
        while !self.is_paragraph_end(src) {
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
        el.add_text(&text, Kind::RawText);
        el.set_raw_text(text);
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
        let (l1, has_nl) = src.line();
        let a1 = l1.len() + 1;
        if !has_nl || !cx.after_boundary() {
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
        let mut s = Src::nested(&body, src.line_at(start));
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
        el.value = data.into();
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
            el.value = rest[a..body_end].into();
            if !info.is_empty() {
                el.set_raw_text(info);
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
