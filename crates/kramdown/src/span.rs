//! Span-level parser: kramdown scans to the earliest position where any span rule
//! could start, then tries the rules in a fixed order (emphasis, code span,
//! autolink, HTML, footnote marker, link, smart quote, math, extension, entity,
//! typographic symbol, line break, escape, strikethrough).

use crate::ast::{Kind, Model, Node};
use crate::block::Parser;
use crate::html::parse_close_tag;
use crate::quotes::{smart_quote, typographic, Piece, Typo};
use crate::util::{is_space, is_word_byte};

pub(crate) const EMPHASIS: u32 = 1;
pub(crate) const CODESPAN: u32 = 1 << 1;
pub(crate) const AUTOLINK: u32 = 1 << 2;
pub(crate) const SPAN_HTML: u32 = 1 << 3;
pub(crate) const FOOTNOTE: u32 = 1 << 4;
pub(crate) const LINK: u32 = 1 << 5;
pub(crate) const QUOTES: u32 = 1 << 6;
pub(crate) const MATH: u32 = 1 << 7;
pub(crate) const EXTENSIONS: u32 = 1 << 8;
pub(crate) const ENTITY: u32 = 1 << 9;
pub(crate) const TYPO: u32 = 1 << 10;
pub(crate) const LINE_BREAK: u32 = 1 << 11;
pub(crate) const ESCAPE: u32 = 1 << 12;
pub(crate) const STRIKE: u32 = 1 << 13;
pub(crate) const ALL: u32 = (1 << 14) - 1;

/// Deepest span nesting parsed structurally.
const MAX_SPAN_DEPTH: usize = 64;

/// What ends a nested span parse.
pub(crate) enum Stop {
    Emph {
        delim: &'static str,
        em: bool,
        underscore: bool,
    },
    Link {
        count: i32,
    },
    Close {
        name: String,
        ci: bool,
    },
}

/// Bytes where a span rule or a stop condition can begin, or (`<`, `>`,
/// a newline) end a rule that begins with spaces: a space starts a rule
/// only before `<<`, `>>` or a line break, and most bytes of a text are
/// letters and spaces passed over here.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let chars = b"*_`<[!${&-.>\n\\~\"']";
    let mut i = 0;
    while i < chars.len() {
        t[chars[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether all eight bytes are ASCII letters or spaces (none of which can
/// start a span rule), tested on the eight at once.
fn letters_or_spaces(eight: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut bytes = [0; 8];
    bytes.copy_from_slice(eight);
    let w = u64::from_le_bytes(bytes);
    if w & HIGH != 0 {
        return false;
    }
    // Per byte, all below 0x80: folded to lower case, at least `a` and at
    // most `z` (no addition carries into the next byte).
    let folded = w | (0x20 * ONES);
    let at_least_a = folded + (0x80 - b'a' as u64) * ONES;
    let above_z = folded + (0x7f - b'z' as u64) * ONES;
    let letter = at_least_a & !above_z;
    // Exactly a space: the byte xor 0x20 is zero.
    let x = w ^ (0x20 * ONES);
    let space = !(((x & !HIGH) + !HIGH) | x);
    (letter | space) & HIGH == HIGH
}

pub(crate) struct Spans<'a, 'p> {
    pub p: &'p mut Parser,
    pub(crate) s: &'a str,
    pub(crate) pos: usize,
    /// Kinds (and raw content model) of the elements being parsed, innermost last.
    pub(crate) stack: Vec<(Kind, bool)>,
    pub(crate) mask: u32,
    /// Source range of text not yet written into the current element.
    pub(crate) pending: Option<(usize, usize)>,
    /// Link attempts that failed, by start: (mask, stack) at the time. Created
    /// at the first failure: most texts have none, and a map costs a fresh
    /// hasher state each time.
    pub(crate) failed_links: Option<FailedLinks>,
}

impl Drop for Spans<'_, '_> {
    /// Hands the stack's allocation back to the parser for the next scanner.
    fn drop(&mut self) {
        self.p.span_stack = std::mem::take(&mut self.stack);
    }
}

pub(crate) type FailedLinks = std::collections::HashMap<usize, Vec<(u32, Vec<(Kind, bool)>)>>;

fn escapable_gfm(b: u8) -> bool {
    b"\\.*_+`<>()[]{}#!:|\"'$=-~".contains(&b)
}

fn escapable(b: u8) -> bool {
    b"\\.*_+`<>()[]{}#!:|\"'$=-".contains(&b)
}

impl<'a, 'p> Spans<'a, 'p> {
    pub fn new(p: &'p mut Parser, s: &'a str) -> Self {
        let mut mask = ALL;
        if p.opts.hard_wrap {
            mask &= !LINE_BREAK;
        }
        if p.opts.no_auto_typographic && p.opts.is_gfm() {
            mask &= !TYPO;
        }
        if !p.opts.is_gfm() {
            mask &= !STRIKE;
            mask |= LINE_BREAK;
        }
        Spans::with_mask(p, s, mask)
    }

    /// A scanner with only the given rules (kramdown's parser subsets).
    pub fn with_mask(p: &'p mut Parser, s: &'a str, mask: u32) -> Self {
        // One scanner runs per text block: reuse the parser's stack allocation.
        let mut stack = std::mem::take(&mut p.span_stack);
        stack.clear();
        Spans {
            p,
            s,
            pos: 0,
            stack,
            mask,
            pending: None,
            failed_links: None,
        }
    }

    /// Parses the whole text into `el` (kramdown's update_tree for one raw text).
    pub fn run(&mut self, el: &mut Node, raw_parent: bool) {
        // kramdown parses with the raw text element itself as the current tree.
        self.stack.push((Kind::RawText, raw_parent));
        let mask = self.mask;
        self.parse(el, None, mask);
        self.stack.pop();
    }

    pub(crate) fn in_stack(&self, k: &Kind) -> bool {
        self.stack.iter().any(|(s, _)| s == k)
    }

    /// Could any active rule start at byte `i`?
    fn starts_at(&self, i: usize, mask: u32) -> bool {
        let b = self.s.as_bytes();
        let c = b[i];
        let next = b.get(i + 1).copied();
        if mask & QUOTES != 0 {
            if c == b'"' || c == b'\'' {
                return true;
            }
            if c != b'\\' {
                let l = crate::block::utf8_len(c);
                if matches!(b.get(i + l), Some(b'"' | b'\'')) {
                    return true;
                }
            }
        }
        match c {
            b'*' | b'_' => mask & EMPHASIS != 0,
            b'`' => mask & CODESPAN != 0,
            b'<' => mask & (AUTOLINK | SPAN_HTML) != 0 || (mask & TYPO != 0 && next == Some(b'<')),
            b'[' => mask & (LINK | FOOTNOTE) != 0,
            b'!' => mask & LINK != 0 && next == Some(b'['),
            b'$' => mask & MATH != 0,
            b'{' => mask & EXTENSIONS != 0 && next == Some(b':'),
            b'&' => mask & ENTITY != 0,
            b'-' => mask & TYPO != 0 && next == Some(b'-'),
            b'.' => mask & TYPO != 0 && self.s[i..].starts_with("..."),
            b'>' => mask & TYPO != 0 && next == Some(b'>'),
            b' ' => {
                (mask & TYPO != 0
                    && (self.s[i + 1..].starts_with("<<") || self.s[i + 1..].starts_with(">>")))
                    || (mask & LINE_BREAK != 0 && self.s[i..].starts_with("  \n"))
            }
            b'\\' => {
                mask & (ESCAPE) != 0
                    || (mask & LINE_BREAK != 0 && self.s[i..].starts_with("\\\\\n"))
                    || (mask & TYPO != 0
                        && (self.s[i..].starts_with("\\<<") || self.s[i..].starts_with("\\>>")))
            }
            b'~' => mask & STRIKE != 0 && next == Some(b'~'),
            _ => false,
        }
    }

    fn stop_at(&self, i: usize, stop: &Stop) -> bool {
        let r = &self.s[i..];
        match stop {
            Stop::Emph { delim, .. } => r.starts_with(delim),
            Stop::Link { .. } => r.starts_with(']') || r.starts_with('[') || r.starts_with("!["),
            Stop::Close { name, ci } => {
                r.starts_with("</")
                    && parse_close_tag(r)
                        .is_some_and(|(n, _)| n == name || (*ci && n.eq_ignore_ascii_case(name)))
            }
        }
    }

    /// The stop condition's extra test (kramdown's block passed to parse_spans).
    fn accept(&self, el: &Node, stop: &mut Stop) -> bool {
        let r = &self.s[self.pos..];
        match stop {
            Stop::Emph {
                delim,
                em,
                underscore,
            } => {
                let prev_space = self.s[..self.pos]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii() && is_space(c as u8));
                let dl = delim.len();
                let double = r.starts_with(*delim)
                    && r[dl..].starts_with(*delim)
                    && !r[2 * dl..].starts_with(*delim);
                let us_alnum = r[delim.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                !prev_space
                    && (!*em || !double)
                    && (!*underscore || !us_alnum)
                    && !el.children.is_empty()
            }
            Stop::Link { count } => {
                *count += if r.starts_with(']') { -1 } else { 1 };
                let imgs = el.children.iter().filter(|c| c.kind == Kind::Img).count() as i32;
                *count - imgs == 0
            }
            Stop::Close { .. } => true,
        }
    }

    /// Adds text to `el`. Consecutive slices of the source are collected as one
    /// range and copied once (kramdown merges adjacent text the same way).
    pub(crate) fn add_text(&mut self, el: &mut Node, t: &str) {
        let base = self.s.as_ptr() as usize;
        let p = t.as_ptr() as usize;
        if p >= base && p + t.len() <= base + self.s.len() {
            let start = p - base;
            let end = start + t.len();
            if let Some((a, b)) = self.pending {
                if b == start {
                    self.pending = Some((a, end));
                    return;
                }
            }
            self.flush(el);
            self.pending = Some((start, end));
        } else {
            self.flush(el);
            el.add_text(t, Kind::Text);
        }
    }

    /// Writes collected text into `el`; needed before `el`'s children change or are read.
    pub(crate) fn flush(&mut self, el: &mut Node) {
        if let Some((a, b)) = self.pending.take() {
            let s = self.s;
            el.add_text(&s[a..b], Kind::Text);
        }
    }

    pub(crate) fn push(&mut self, el: &mut Node, n: Node) {
        self.flush(el);
        el.children.push(n);
    }

    /// kramdown's parse_spans; true when the stop condition was found.
    pub(crate) fn parse(&mut self, el: &mut Node, stop: Option<&mut Stop>, mask: u32) -> bool {
        // Text collected for an outer element waits while this one is parsed.
        let outer = self.pending.take();
        let found = self.parse_inner(el, stop, mask);
        self.flush(el);
        self.pending = outer;
        found
    }

    fn parse_inner(&mut self, el: &mut Node, mut stop: Option<&mut Stop>, mask: u32) -> bool {
        let b = self.s.as_bytes();
        while self.pos < self.s.len() {
            let found = self.next_start(self.pos, mask, stop.as_deref());
            let Some(i) = found else {
                if stop.is_none() {
                    let t = &self.s[self.pos..];
                    self.add_text(el, t);
                    self.pos = self.s.len();
                }
                break;
            };
            let t = &self.s[self.pos..i];
            self.add_text(el, t);
            self.pos = i;
            if let Some(st) = stop.as_deref_mut() {
                if self.stop_at(i, st) {
                    self.flush(el);
                    if self.accept(el, st) {
                        return true;
                    }
                }
            }
            if !self.try_parsers(el, mask) {
                let l = crate::block::utf8_len(b[self.pos]);
                let t = &self.s[self.pos..self.pos + l];
                self.add_text(el, t);
                self.pos += l;
            }
        }
        false
    }

    /// The earliest position at or after `from` where a rule or the stop could match.
    fn next_start(&self, from: usize, mask: u32, stop: Option<&Stop>) -> Option<usize> {
        let b = self.s.as_bytes();
        let quotes = mask & QUOTES != 0;
        let mut i = from;
        loop {
            // Plain text first: words and spaces eight bytes at a time, then
            // anything else a byte at a time up to the next candidate.
            while i + 8 <= b.len() && letters_or_spaces(&b[i..i + 8]) {
                i += 8;
            }
            let &c = b.get(i)?;
            if !SPECIAL[c as usize] {
                i += 1;
                continue;
            }
            // A period matters only before another.
            if c == b'.' && b.get(i + 1) != Some(&b'.') {
                i += 1;
                continue;
            }
            // The rules that begin with spaces (` <<`, ` >>`, a line break
            // `  \n`) are seen from their end, where they begin: no stop
            // begins with a space.
            let spaced = match c {
                b'<' | b'>' if b.get(i + 1) == Some(&c) => 1,
                b'\n' => 2,
                _ => 0,
            };
            if spaced > 0
                && i >= from + spaced
                && b[i - spaced..i].iter().all(|&s| s == b' ')
                && self.starts_at(i - spaced, mask)
            {
                return Some(i - spaced);
            }
            if c == b'\n' {
                i += 1;
                continue;
            }
            if quotes && (c == b'"' || c == b'\'') {
                // The quote rules may start on the character before the quote.
                if i > from {
                    let mut p = i - 1;
                    while p > from && (b[p] & 0xc0) == 0x80 {
                        p -= 1;
                    }
                    if b[p] != b'\\' {
                        return Some(p);
                    }
                }
                return Some(i);
            }
            if self.starts_at(i, mask) || stop.is_some_and(|st| self.stop_at(i, st)) {
                return Some(i);
            }
            i += 1;
        }
    }

    fn try_parsers(&mut self, el: &mut Node, mask: u32) -> bool {
        let r = &self.s[self.pos..];
        let b = r.as_bytes();
        let c = b[0];
        let deep = self.stack.len() > MAX_SPAN_DEPTH;
        if mask & EMPHASIS != 0 && (c == b'*' || c == b'_') && !deep {
            self.emphasis(el);
            return true;
        }
        if mask & CODESPAN != 0 && c == b'`' {
            self.codespan(el);
            return true;
        }
        if mask & AUTOLINK != 0 && c == b'<' && self.autolink(el) {
            return true;
        }
        if mask & SPAN_HTML != 0 && c == b'<' && html_span_start(r) && !deep {
            self.span_html(el);
            return true;
        }
        if mask & FOOTNOTE != 0 && r.starts_with("[^") {
            if let Some(n) = footnote_marker(r) {
                self.footnote(el, n);
                return true;
            }
        }
        if mask & LINK != 0 && (r.starts_with('[') || r.starts_with("![")) && !deep {
            let lb = if c == b'!' { 2 } else { 1 };
            if b.get(lb).is_some_and(|&x| x != b'^') {
                self.link(el);
                return true;
            }
        }
        if mask & QUOTES != 0 {
            let l = crate::block::utf8_len(c);
            if (c == b'"' || c == b'\'') || (c != b'\\' && matches!(b.get(l), Some(b'"' | b'\''))) {
                let (pieces, n) = smart_quote(r);
                for pc in pieces {
                    match pc {
                        Piece::Text(t) => self.add_text(el, t),
                        Piece::Q(q) => self.push(el, Node::span(Kind::SmartQuote(q), "")),
                    }
                }
                self.pos += n;
                return true;
            }
        }
        if mask & MATH != 0 && r.starts_with("$$") {
            if let Some(e) = r[2..].find("$$") {
                let v = r[2..2 + e].trim_matches(|c: char| c.is_ascii() && is_space(c as u8));
                self.push(el, Node::span(Kind::Math, v));
                self.pos += e + 4;
                return true;
            }
        }
        if mask & EXTENSIONS != 0 && r.starts_with("{:") {
            self.span_extension(el);
            return true;
        }
        if mask & ENTITY != 0 && c == b'&' {
            if let Some(n) = self.entity(el, r) {
                self.pos += n;
                return true;
            }
        }
        if mask & TYPO != 0 {
            if let Some((t, n)) = typographic(r) {
                match t {
                    Typo::Sym(s) => self.push(el, Node::span(Kind::Typo(s), "")),
                    Typo::Pair(cp) => {
                        for _ in 0..2 {
                            self.push(el, Node::span(Kind::Entity(cp), ""));
                        }
                    }
                }
                self.pos += n;
                return true;
            }
        }
        if mask & LINE_BREAK != 0 && (r.starts_with("  \n") || r.starts_with("\\\\\n")) {
            self.push(el, Node::span(Kind::Br, ""));
            self.pos += 2;
            return true;
        }
        if mask & ESCAPE != 0 && c == b'\\' {
            let gfm = self.p.opts.is_gfm();
            if let Some(&e) = b
                .get(1)
                .filter(|&&e| if gfm { escapable_gfm(e) } else { escapable(e) })
            {
                self.add_text(el, &r[1..2]);
                let _ = e;
                self.pos += 2;
                return true;
            }
        }
        if mask & STRIKE != 0 && r.starts_with("~~") && !deep {
            if let Some(n) = strike_len(r) {
                let inner: &'a str = &self.s[self.pos + 2..self.pos + n - 2];
                let mut del = Node::span(Kind::Html, "del");
                del.model = Model::Span;
                let mask = self.mask;
                Spans {
                    p: &mut *self.p,
                    s: inner,
                    pos: 0,
                    stack: vec![(Kind::Html, false)],
                    mask,
                    pending: None,
                    failed_links: None,
                }
                .parse(&mut del, None, mask);
                self.pos += n;
                self.push(el, del);
                return true;
            }
        }
        false
    }

    fn emphasis(&mut self, el: &mut Node) {
        let saved = self.pos;
        let r = &self.s[self.pos..];
        let c = r.as_bytes()[0];
        let len = if r.as_bytes().get(1) == Some(&c) {
            2
        } else {
            1
        };
        let kind = if len == 2 { Kind::Strong } else { Kind::Em };
        let underscore = c == b'_';
        let result: &'static str = match (c, len) {
            (b'*', 1) => "*",
            (b'*', _) => "**",
            (_, 1) => "_",
            _ => "__",
        };
        let after_alpha = {
            let mut it = self.s[..self.pos].chars().rev();
            match it.next() {
                Some(c) if c.is_alphabetic() => true,
                Some('-') => it.next().is_some_and(char::is_alphabetic),
                _ => false,
            }
        };
        let next_space = r.as_bytes().get(len).is_some_and(|&b| is_space(b));
        let cur_kind = &self.stack.last().map(|s| s.0.clone());
        if (underscore && after_alpha)
            || next_space
            || cur_kind.as_ref() == Some(&kind)
            || self.in_stack(&kind)
        {
            self.add_text(el, result);
            self.pos += len;
            return;
        }
        let delim = result;
        self.pos += len;
        let (mut found, mut node, mut d) = self.sub_emph(delim, kind.clone(), underscore);
        if !found && kind == Kind::Strong && cur_kind.as_ref() != Some(&Kind::Em) {
            self.pos = saved + 1;
            let single: &'static str = if underscore { "_" } else { "*" };
            let r2 = self.sub_emph(single, Kind::Em, underscore);
            found = r2.0;
            node = r2.1;
            d = r2.2;
        }
        if found {
            self.pos += d.len();
            self.push(el, node);
        } else {
            self.pos = saved + len;
            self.add_text(el, result);
        }
    }

    fn sub_emph(
        &mut self,
        delim: &'static str,
        kind: Kind,
        underscore: bool,
    ) -> (bool, Node, &'static str) {
        let mut node = Node::span(kind.clone(), "");
        let mut stop = Stop::Emph {
            delim,
            em: kind == Kind::Em,
            underscore,
        };
        self.stack.push((kind, false));
        let mask = self.mask_of_top();
        let found = self.parse(&mut node, Some(&mut stop), mask);
        self.stack.pop();
        (found, node, delim)
    }

    fn mask_of_top(&self) -> u32 {
        self.mask
    }

    fn codespan(&mut self, el: &mut Node) {
        let r = &self.s[self.pos..];
        let n = r.bytes().take_while(|&b| b == b'`').count();
        let delim = &r[..n];
        let pre = &self.s[..self.pos];
        let pre_ok = pre.is_empty()
            || pre == "\n"
            || pre.ends_with(|c: char| c.is_ascii() && is_space(c as u8));
        if n == 1 && pre_ok && r.as_bytes().get(1).is_some_and(|&b| is_space(b)) {
            self.add_text(el, delim);
            self.pos += 1;
            return;
        }
        match r[n..].find(delim) {
            Some(e) => {
                let mut text = &r[n..n + e];
                if n > 1 {
                    text = text.strip_prefix(' ').unwrap_or(text);
                    text = text.strip_suffix(' ').unwrap_or(text);
                }
                self.push(el, Node::span(Kind::Codespan, text));
                self.pos += n + e + n;
            }
            None => {
                self.add_text(el, delim);
                self.pos += n;
            }
        }
    }
}

/// Removes kramdown's (non-GFM) escapes from link text.
pub(crate) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1).is_some_and(|&c| escapable(c)) {
            out.push(b[i + 1] as char);
            i += 2;
        } else {
            let l = crate::block::utf8_len(b[i]);
            out.push_str(&s[i..i + l]);
            i += l;
        }
    }
    out
}

fn html_span_start(r: &str) -> bool {
    let t = &r[1..];
    crate::util::name_len(t) > 0 || t.starts_with('/') || t.starts_with("!--")
}

/// `[^name]` length.
fn footnote_marker(r: &str) -> Option<usize> {
    let b = r.as_bytes();
    let n = b[2..]
        .iter()
        .take_while(|&&c| is_word_byte(c) || c == b'-')
        .count();
    (n > 0 && is_word_byte(b[2]) && b.get(2 + n) == Some(&b']')).then_some(n + 3)
}

/// GFM strikethrough `~~(?!\s|~).*?[^\s~]~~` length.
fn strike_len(r: &str) -> Option<usize> {
    let b = r.as_bytes();
    match b.get(2) {
        None => return None,
        Some(&c) if is_space(c) || c == b'~' => return None,
        _ => {}
    }
    let mut i = 3;
    while i + 1 < b.len() {
        if b[i] == b'~' && b[i + 1] == b'~' && !is_space(b[i - 1]) && b[i - 1] != b'~' {
            return Some(i + 2);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::letters_or_spaces;

    fn simple(eight: &[u8]) -> bool {
        eight.iter().all(|b| b.is_ascii_alphabetic() || *b == b' ')
    }

    #[test]
    fn eight_bytes_at_once_agree_with_one_at_a_time() {
        for pos in 0..8 {
            for byte in 0..=255u8 {
                for fill in [b'a', b' ', b'Z'] {
                    let mut eight = [fill; 8];
                    eight[pos] = byte;
                    assert_eq!(letters_or_spaces(&eight), simple(&eight), "{eight:?}");
                }
            }
        }
        for text in [
            &b"Hello wo"[..],
            b"a_b c d ",
            b"ab`cdefg",
            b"ab cd{ef",
            b"@[`{ ~^_",
        ] {
            assert_eq!(letters_or_spaces(text), simple(text), "{text:?}");
        }
    }
}
