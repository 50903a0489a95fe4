//! HTML in kramdown: tag recognition, block-level HTML elements and the raw-HTML
//! tree kramdown builds (and later re-serializes) for content it does not parse.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::ast::{Attrs, Kind, Model, Node};
use crate::block::{Ctx, Parser, Res, Src};
use crate::lines::leading_spaces;
use crate::util::{is_space, name_len};

pub(crate) const SPAN_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn", "em",
    "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp", "rt",
    "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup", "tt", "u", "var",
];
pub(crate) const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "applet",
    "body",
    "blockquote",
    "caption",
    "col",
    "colgroup",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "head",
    "iframe",
    "legend",
    "menu",
    "li",
    "main",
    "map",
    "nav",
    "ol",
    "optgroup",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tfoot",
    "tr",
    "ul",
];
pub(crate) const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];
const MODEL_BLOCK: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "figcaption",
    "footer",
    "form",
    "header",
    "hgroup",
    "iframe",
    "li",
    "main",
    "map",
    "menu",
    "nav",
    "noscript",
    "object",
    "section",
    "summary",
    "td",
];
const MODEL_SPAN: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "caption", "del", "dfn", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "label", "legend", "optgroup", "p", "q",
    "rb", "rbc", "rp", "rt", "rtc", "ruby", "select", "small", "span", "strong", "sub", "sup",
    "th", "tt",
];
const MODEL_RAW_EXTRA: &[&str] = &[
    "script", "style", "math", "option", "textarea", "pre", "code", "kbd", "samp", "var",
];

/// kramdown's HTML_CONTENT_MODEL (unknown elements are raw).
pub(crate) fn content_model(name: &str) -> Model {
    if MODEL_BLOCK.contains(&name) {
        Model::Block
    } else if MODEL_SPAN.contains(&name) {
        Model::Span
    } else {
        Model::Raw
    }
}

/// kramdown's HTML_ELEMENT: names it knows (and therefore lower-cases).
pub(crate) fn is_known(name: &str) -> bool {
    // Every HTML tag asks: one sorted table instead of six linear searches.
    static KNOWN: OnceLock<Vec<&'static str>> = OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        let lists = [
            SPAN_ELEMENTS,
            BLOCK_ELEMENTS,
            VOID_ELEMENTS,
            MODEL_BLOCK,
            MODEL_SPAN,
            MODEL_RAW_EXTRA,
        ];
        let mut all: Vec<&str> = lists.concat();
        all.sort_unstable();
        all.dedup();
        all
    });
    known.binary_search(&name).is_ok()
}

/// `name` lower-cased, without a copy when it already is (the usual case).
pub(crate) fn lowercase(name: &str) -> Cow<'_, str> {
    if name
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(name.to_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// A start tag at the start of `s`.
pub(crate) struct Tag<'a> {
    pub name: &'a str,
    pub attrs: &'a str,
    pub closed: bool,
    pub len: usize,
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    i
}

fn word_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map(|(i, _)| i)
        .unwrap_or(s.len())
}

/// kramdown's HTML_TAG_RE.
pub(crate) fn parse_tag(s: &str) -> Option<Tag<'_>> {
    let b = s.as_bytes();
    if b.first() != Some(&b'<') {
        return None;
    }
    let nl = name_len(&s[1..]);
    if nl == 0 {
        return None;
    }
    let name = &s[1..1 + nl];
    let mut i = 1 + nl;
    let attr_start = skip_ws(b, i);
    let mut attr_end = attr_start;
    loop {
        let j = skip_ws(b, i);
        if j == i {
            break;
        }
        let an = name_len(&s[j..]);
        if an == 0 {
            break;
        }
        let mut k = j + an;
        let eq = skip_ws(b, k);
        if b.get(eq) == Some(&b'=') {
            let v = skip_ws(b, eq + 1);
            match b.get(v) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = s[v + 1..].find(q as char)?;
                    k = v + 1 + close + 1;
                }
                _ => {
                    let w = word_len(&s[v..]);
                    if w == 0 {
                        break;
                    }
                    k = v + w;
                }
            }
        }
        i = k;
        attr_end = k;
    }
    let mut j = skip_ws(b, i);
    let closed = b.get(j) == Some(&b'/');
    if closed {
        j += 1;
    }
    if b.get(j) != Some(&b'>') {
        return None;
    }
    let attrs = if attr_end > attr_start {
        &s[attr_start..attr_end]
    } else {
        ""
    };
    Some(Tag {
        name,
        attrs,
        closed,
        len: j + 1,
    })
}

/// kramdown's HTML_TAG_CLOSE_RE: (name, length).
pub(crate) fn parse_close_tag(s: &str) -> Option<(&str, usize)> {
    let r = s.strip_prefix("</")?;
    let nl = name_len(r);
    if nl == 0 {
        return None;
    }
    let j = skip_ws(r.as_bytes(), nl);
    (r.as_bytes().get(j) == Some(&b'>')).then(|| (&r[..nl], j + 3))
}

/// kramdown's parse_html_attributes.
pub(crate) fn parse_attrs(s: &str, lower: bool) -> Attrs {
    let mut attrs = Attrs::default();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let j = skip_ws(b, i);
        let an = name_len(&s[j..]);
        if an == 0 {
            i = j + 1;
            while i < b.len() && !s.is_char_boundary(i) {
                i += 1;
            }
            continue;
        }
        let mut name = s[j..j + an].to_string();
        if lower {
            name = name.to_lowercase();
        }
        let mut k = j + an;
        let mut val = String::new();
        let eq = skip_ws(b, k);
        if b.get(eq) == Some(&b'=') {
            let v = skip_ws(b, eq + 1);
            match b.get(v) {
                Some(&q @ (b'"' | b'\'')) => {
                    if let Some(c) = s[v + 1..].find(q as char) {
                        val = s[v + 1..v + 1 + c].to_string();
                        k = v + 1 + c + 1;
                    }
                }
                _ => {
                    let w = word_len(&s[v..]);
                    if w > 0 {
                        val = s[v..v + w].to_string();
                        k = v + w;
                    }
                }
            }
        }
        attrs.set(&name, val);
        i = k;
    }
    attrs
}

/// Finds `</name\s*>` (ASCII case-insensitively when `ci`): (start, end).
pub(crate) fn find_close(s: &str, name: &str, ci: bool) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let at = from + i;
        if let Some((n, len)) = parse_close_tag(&s[at..]) {
            if n == name || (ci && n.eq_ignore_ascii_case(name)) {
                return Some((at, at + len));
            }
        }
        from = at + 2;
    }
    None
}

fn skip_trailing_ws(src: &mut Src) {
    let r = src.rest();
    let n = r.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    if r.as_bytes().get(n) == Some(&b'\n') {
        src.pos += n + 1;
    }
}

impl Parser {
    pub(crate) fn p_block_html(&mut self, src: &mut Src, cx: &mut Ctx) -> Res {
        let rest = src.rest();
        if let Some(body) = rest.strip_prefix("<!--") {
            if let Some(e) = body.find("-->") {
                let mut el = Node::with_value(Kind::XmlComment, &rest[..4 + e + 3]);
                el.block = true;
                src.pos += 4 + e + 3;
                cx.tree.children.push(el);
                skip_trailing_ws(src);
                return Res::Yes;
            }
        }
        let off = leading_spaces(rest).min(3);
        let t = &rest[off..];
        if let Some(tag) = parse_tag(t) {
            if SPAN_ELEMENTS.contains(&&*lowercase(tag.name)) {
                return Res::No;
            }
            src.pos += off + tag.len;
            let el = self.start_tag(src, &tag, false, cx.ial.take());
            cx.tree.children.push(el);
            return Res::Yes;
        }
        if let Some((name, len)) = parse_close_tag(t) {
            let lname = lowercase(name);
            if SPAN_ELEMENTS.contains(&&*lname) {
                return Res::No;
            }
            if cx.html.as_deref() == Some(&*lname) || cx.html.as_deref() == Some(name) {
                src.pos += off + len;
                return Res::Stop;
            }
        }
        Res::No
    }

    /// kramdown's handle_html_start_tag plus handle_kramdown_html_tag.
    pub(crate) fn start_tag(
        &mut self,
        src: &mut Src,
        tag: &Tag,
        parent_raw: bool,
        ial: Option<crate::ast::Ial>,
    ) -> Node {
        let lower = lowercase(tag.name);
        let known = is_known(&lower);
        let name = if known { &*lower } else { tag.name };
        let mut el = Node::with_value(Kind::Html, name);
        el.attr = parse_attrs(tag.attrs, known);
        let mut closed = tag.closed;
        if !closed && VOID_ELEMENTS.contains(&name) {
            closed = true;
        }
        if let Some(i) = ial {
            el.ial = Some(Box::new(i));
        }
        let handle_body = !(name == "script" || name == "style");
        if !handle_body {
            let rest = src.rest();
            match find_close(rest, name, true) {
                Some((s, e)) => {
                    el.add_text(&rest[..s], Kind::Raw);
                    src.pos += e;
                }
                None => {
                    el.add_text(rest, Kind::Raw);
                    src.pos = src.s.len();
                }
            }
            closed = false;
        }
        let mut model = if parent_raw {
            Model::Raw
        } else if self.opts.parse_block_html {
            content_model(name)
        } else {
            Model::Raw
        };
        if let Some(m) = el.attr.remove("markdown") {
            model = match m.as_str() {
                "0" => Model::Raw,
                "1" => content_model(name),
                "span" => Model::Span,
                "block" => Model::Block,
                _ => model,
            };
        }
        if model == Model::Block {
            skip_trailing_ws(src);
        }
        el.model = model;
        el.closed = closed;
        if !closed && handle_body {
            if self.exhausted() {
                model = Model::Raw;
            }
            match model {
                Model::Block => {
                    self.parse_blocks(src, &mut el, Some(name.to_string()));
                }
                Model::Span => {
                    let rest = src.rest();
                    match find_close(rest, name, true) {
                        Some((s, e)) => {
                            el.add_text(&rest[..s], Kind::RawText);
                            src.pos += e;
                        }
                        None => {
                            el.add_text(rest, Kind::RawText);
                            src.pos = src.s.len();
                        }
                    }
                }
                Model::Raw => self.parse_raw_html(src, &mut el),
            }
            if !parent_raw {
                skip_trailing_ws(src);
            }
        }
        el
    }

    /// kramdown's parse_raw_html: text and nested tags up to the element's end tag.
    fn parse_raw_html(&mut self, src: &mut Src, el: &mut Node) {
        let cost = self.enter_raw_html(src);
        loop {
            let rest = src.rest();
            let next = rest.match_indices('<').map(|(i, _)| i).find(|&i| {
                let r = &rest[i + 1..];
                name_len(r) > 0 || r.starts_with('/') || r.starts_with("!--") || r.starts_with('?')
            });
            let Some(i) = next else {
                el.add_text(rest, Kind::Text);
                src.pos = src.s.len();
                break;
            };
            el.add_text(&rest[..i], Kind::Text);
            src.pos += i;
            let r = src.rest();
            if let Some(body) = r.strip_prefix("<!--") {
                if let Some(e) = body.find("-->") {
                    el.children
                        .push(Node::with_value(Kind::XmlComment, &r[..e + 7]));
                    src.pos += e + 7;
                    continue;
                }
            }
            if let Some(body) = r.strip_prefix("<?") {
                if let Some(e) = body.find("?>") {
                    el.children.push(Node::with_value(Kind::XmlPi, &r[..e + 4]));
                    src.pos += e + 4;
                    continue;
                }
            }
            if let Some(tag) = parse_tag(r) {
                src.pos += tag.len;
                let child = if self.exhausted() {
                    let mut c = Node::with_value(Kind::Html, tag.name);
                    c.closed = true;
                    c
                } else {
                    self.start_tag(src, &tag, true, None)
                };
                el.children.push(child);
                continue;
            }
            if let Some((name, len)) = parse_close_tag(r) {
                let cmp = if is_known(&el.value) {
                    lowercase(name)
                } else {
                    Cow::Borrowed(name)
                };
                src.pos += len;
                if cmp == el.value {
                    break;
                }
                el.add_text(&r[..len], Kind::Text);
                continue;
            }
            el.add_text("<", Kind::Text);
            src.pos += 1;
        }
        self.leave(cost);
    }
}
