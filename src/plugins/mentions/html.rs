//! An HTML fragment parsed and written back the way jekyll-mentions does it
//! through html-pipeline: Nokogiri's HTML4 `DocumentFragment`, i.e. libxml2's
//! HTML parser (in recovery mode) and its HTML serializer with formatting on.
//!
//! The plugin rewrites the whole `<body>` once any `@name` appears, so the
//! bytes must come out as libxml2 writes them: lower-cased names, attribute
//! values re-quoted, URI attributes percent-escaped, entities decoded, void
//! elements without end tags, implied end tags made explicit, and newlines
//! added around some block elements. The element tables below were read off
//! Debian's libxml2 2.9.14 (through Nokogiri's `ElementDescription` and by
//! parsing each pair of elements), not guessed.

use super::entities::ENTITIES;

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
    Comment(String),
    /// A processing instruction, kept verbatim (`<?php … ?>`).
    Pi(String),
}

#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    /// In source order; a `None` value is a bare attribute (`<input disabled>`).
    pub attrs: Vec<(String, Option<String>)>,
    pub children: Vec<Node>,
}

/// HTML 4 elements libxml2 knows: (name, inline, void, writes no end tag
/// when empty). Unknown elements (HTML5's `section`, `nav`, `svg`…) are
/// kept but neither formatted nor auto-closed.
const ELEMENTS: &[(&str, bool, bool, bool)] = &[
    ("a", true, false, false),
    ("abbr", true, false, false),
    ("acronym", true, false, false),
    ("address", false, false, false),
    ("applet", true, false, false),
    ("area", false, true, true),
    ("b", true, false, false),
    ("base", false, true, true),
    ("basefont", true, true, true),
    ("bdo", true, false, false),
    ("big", true, false, false),
    ("blockquote", false, false, false),
    ("body", false, false, false),
    ("br", true, true, true),
    ("button", true, false, false),
    ("caption", false, false, false),
    ("center", false, false, false),
    ("cite", true, false, false),
    ("code", true, false, false),
    ("col", false, true, true),
    ("colgroup", false, false, false),
    ("dd", false, false, false),
    ("del", true, false, false),
    ("dfn", true, false, false),
    ("dir", false, false, false),
    ("div", false, false, false),
    ("dl", false, false, false),
    ("dt", false, false, false),
    ("em", true, false, false),
    ("embed", true, false, false),
    ("fieldset", false, false, false),
    ("font", true, false, false),
    ("form", false, false, false),
    ("frame", false, true, true),
    ("frameset", false, false, false),
    ("h1", false, false, false),
    ("h2", false, false, false),
    ("h3", false, false, false),
    ("h4", false, false, false),
    ("h5", false, false, false),
    ("h6", false, false, false),
    ("head", false, false, false),
    ("hr", false, true, true),
    ("html", false, false, false),
    ("i", true, false, false),
    ("iframe", true, false, false),
    ("img", true, true, true),
    ("input", true, true, true),
    ("ins", true, false, false),
    ("isindex", false, true, true),
    ("kbd", true, false, false),
    ("label", true, false, false),
    ("legend", false, false, false),
    ("li", false, false, true),
    ("link", false, true, true),
    ("map", true, false, false),
    ("menu", false, false, false),
    ("meta", false, true, true),
    ("noframes", false, false, false),
    ("noscript", false, false, false),
    ("object", true, false, false),
    ("ol", false, false, false),
    ("optgroup", false, false, false),
    ("option", false, false, false),
    ("p", false, false, false),
    ("param", false, true, true),
    ("pre", false, false, false),
    ("q", true, false, false),
    ("s", true, false, false),
    ("samp", true, false, false),
    ("script", true, false, false),
    ("select", true, false, false),
    ("small", true, false, false),
    ("span", true, false, false),
    ("strike", true, false, false),
    ("strong", true, false, false),
    ("style", false, false, false),
    ("sub", true, false, false),
    ("sup", true, false, false),
    ("table", false, false, false),
    ("tbody", false, false, false),
    ("td", false, false, false),
    ("textarea", true, false, false),
    ("tfoot", false, false, false),
    ("th", false, false, false),
    ("thead", false, false, false),
    ("title", false, false, false),
    ("tr", false, false, false),
    ("tt", true, false, false),
    ("u", true, false, false),
    ("ul", false, false, false),
    ("var", true, false, false),
];

struct Info {
    inline: bool,
    void: bool,
    no_end_tag_when_empty: bool,
}

fn info(name: &str) -> Option<Info> {
    ELEMENTS
        .binary_search_by(|e| e.0.cmp(name))
        .ok()
        .map(|i| Info {
            inline: ELEMENTS[i].1,
            void: ELEMENTS[i].2,
            no_end_tag_when_empty: ELEMENTS[i].3,
        })
}

/// Which open elements a new start tag closes first (libxml2's start-close
/// table, as observed): `(new tag, open elements it closes)`.
const CLOSED_BY: &[(&str, &[&str])] = &[
    ("a", &["a"]),
    ("address", &["p", "ul"]),
    ("blockquote", &["p"]),
    ("caption", &["p"]),
    ("center", &["b", "font", "i", "p"]),
    ("col", &["caption", "p"]),
    ("colgroup", &["caption", "colgroup", "p"]),
    ("dd", &["address", "dir", "dt", "menu", "p", "pre"]),
    ("dir", &["p"]),
    ("div", &["p"]),
    ("dl", &["address", "dir", "dt", "menu", "p", "pre"]),
    ("dt", &["address", "dd", "dir", "menu", "p", "pre"]),
    (
        "fieldset",
        &[
            "a", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "p", "pre",
        ],
    ),
    (
        "form",
        &[
            "address", "dir", "dl", "form", "h1", "h2", "h3", "h4", "h5", "h6", "menu", "ol", "p",
            "pre", "ul",
        ],
    ),
    ("frameset", &["p", "title"]),
    ("h1", &["p"]),
    ("h2", &["p"]),
    ("h3", &["p"]),
    ("h4", &["p"]),
    ("h5", &["p"]),
    ("h6", &["p"]),
    ("hr", &["p"]),
    (
        "li",
        &[
            "address", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "li", "p", "pre",
        ],
    ),
    ("menu", &["p", "ul"]),
    ("ol", &["p", "ul"]),
    ("optgroup", &["option"]),
    ("option", &["option"]),
    (
        "p",
        &[
            "b", "big", "h1", "h2", "h3", "h4", "h5", "h6", "i", "p", "s", "small", "strike", "tt",
            "u",
        ],
    ),
    ("pre", &["p", "ul"]),
    (
        "table",
        &["a", "h1", "h2", "h3", "h4", "h5", "h6", "p", "pre"],
    ),
    (
        "tbody",
        &[
            "caption", "colgroup", "p", "tbody", "td", "tfoot", "th", "thead", "tr",
        ],
    ),
    ("td", &["a", "b", "font", "i", "p", "span", "td", "th", "u"]),
    (
        "tfoot",
        &[
            "caption", "colgroup", "p", "tbody", "td", "th", "thead", "tr",
        ],
    ),
    ("th", &["a", "b", "font", "i", "p", "span", "td", "th", "u"]),
    ("thead", &["caption", "colgroup"]),
    ("title", &["p"]),
    ("tr", &["caption", "colgroup", "p", "td", "th", "tr"]),
    ("ul", &["address", "dir", "menu", "ol", "p", "pre"]),
];

fn closes(new: &str, open: &str) -> bool {
    CLOSED_BY
        .iter()
        .find(|(n, _)| *n == new)
        .is_some_and(|(_, open_ones)| open_ones.contains(&open))
}

/// A misplaced end tag may only close elements of lower or equal priority.
fn end_priority(name: &str) -> u8 {
    match name {
        "div" => 150,
        "td" | "th" => 160,
        "tr" => 170,
        "thead" | "tbody" | "tfoot" => 180,
        "table" => 190,
        "head" | "body" => 200,
        "html" => 220,
        _ => 100,
    }
}

/// Parses `html` as the children of a `<body>`.
pub fn parse(html: &str) -> Vec<Node> {
    let mut p = Parser {
        src: html,
        pos: 0,
        stack: vec![Element {
            name: "body".into(),
            attrs: Vec::new(),
            children: Vec::new(),
        }],
    };
    p.run();
    while p.stack.len() > 1 {
        p.pop();
    }
    p.stack.pop().map(|b| b.children).unwrap_or_default()
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    /// Open elements; the first is the implied `<body>`.
    stack: Vec<Element>,
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b == b'.'
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-')
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl Parser<'_> {
    fn rest(&self) -> &[u8] {
        &self.src.as_bytes()[self.pos..]
    }

    fn top(&mut self) -> &mut Element {
        self.stack.last_mut().expect("body stays open")
    }

    fn pop(&mut self) {
        let el = self.stack.pop().expect("open element");
        self.top().children.push(Node::Element(el));
    }

    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        // libxml2 appends to the previous text node.
        if let Some(Node::Text(t)) = self.top().children.last_mut() {
            t.push_str(s);
        } else {
            self.top().children.push(Node::Text(s.to_string()));
        }
    }

    fn run(&mut self) {
        while self.pos < self.src.len() {
            let rest = self.rest();
            if rest[0] != b'<' {
                let end = memchr(b'<', rest).map_or(self.src.len(), |i| self.pos + i);
                let decoded = decode(&self.src[self.pos..end], false);
                self.pos = end;
                self.text(&decoded);
            } else if rest.starts_with(b"<!--") {
                let body = &self.src[self.pos + 4..];
                let (content, len) = match body.find("-->") {
                    Some(i) => (&body[..i], i + 3),
                    None => (body, body.len()),
                };
                let comment = Node::Comment(content.to_string());
                self.top().children.push(comment);
                self.pos += 4 + len;
            } else if rest.len() > 9 && rest[..9].eq_ignore_ascii_case(b"<!doctype") {
                // A doctype inside the body is dropped.
                self.pos += memchr(b'>', rest).map_or(rest.len(), |i| i + 1);
            } else if rest.starts_with(b"<?") {
                let len = rest.len();
                let end = memchr(b'>', rest).unwrap_or(len);
                let pi = Node::Pi(self.src[self.pos + 2..self.pos + end].to_string());
                self.top().children.push(pi);
                self.pos += (end + 1).min(len);
            } else if rest.len() > 2 && rest[1] == b'/' && is_name_start(rest[2]) {
                self.end_tag();
            } else if rest.len() > 1 && is_name_start(rest[1]) {
                self.start_tag();
            } else {
                self.pos += 1;
                self.text("<");
            }
        }
    }

    fn name(&mut self) -> String {
        let start = self.pos;
        while self.pos < self.src.len() && is_name_char(self.src.as_bytes()[self.pos]) {
            self.pos += 1;
        }
        self.src[start..self.pos].to_ascii_lowercase()
    }

    fn skip_blanks(&mut self) {
        while self.pos < self.src.len() && is_blank(self.src.as_bytes()[self.pos]) {
            self.pos += 1;
        }
    }

    fn end_tag(&mut self) {
        self.pos += 2;
        let name = self.name();
        self.pos += memchr(b'>', self.rest()).map_or(self.rest().len(), |i| i + 1);
        if matches!(name.as_str(), "html" | "body" | "head") {
            return;
        }
        let Some(at) = self.stack.iter().rposition(|e| e.name == name) else {
            return;
        };
        if at == 0 {
            return;
        }
        let priority = end_priority(&name);
        if self.stack[at + 1..]
            .iter()
            .any(|e| end_priority(&e.name) > priority)
        {
            return;
        }
        while self.stack.len() > at {
            self.pop();
        }
    }

    fn start_tag(&mut self) {
        self.pos += 1;
        let name = self.name();
        let mut attrs: Vec<(String, Option<String>)> = Vec::new();
        let mut self_closed = false;
        loop {
            self.skip_blanks();
            let rest = self.rest();
            match rest.first() {
                None => break,
                Some(b'>') => {
                    self.pos += 1;
                    break;
                }
                Some(b'/') if rest.get(1) == Some(&b'>') => {
                    self.pos += 2;
                    self_closed = true;
                    break;
                }
                Some(&b) if is_name_start(b) => {
                    let attr = self.name();
                    self.skip_blanks();
                    let value = if self.rest().first() == Some(&b'=') {
                        self.pos += 1;
                        self.skip_blanks();
                        Some(self.attr_value())
                    } else {
                        None
                    };
                    // A repeated attribute is dropped.
                    if !attrs.iter().any(|(n, _)| *n == attr) {
                        attrs.push((attr, value));
                    }
                }
                Some(_) => {
                    // Not an attribute name: skipped up to the next blank.
                    while let Some(&b) = self.rest().first() {
                        if is_blank(b) || b == b'>' || self.rest().starts_with(b"/>") {
                            break;
                        }
                        self.pos += 1;
                    }
                }
            }
        }
        if matches!(name.as_str(), "html" | "body" | "head") {
            return;
        }
        while self.stack.len() > 1 && closes(&name, &self.stack.last().expect("open").name) {
            self.pop();
        }
        let raw_text = matches!(name.as_str(), "script" | "style");
        let void = info(&name).is_some_and(|i| i.void);
        self.stack.push(Element {
            name: name.clone(),
            attrs,
            children: Vec::new(),
        });
        if void || self_closed {
            self.pop();
        } else if raw_text {
            self.raw_text(&name);
        }
    }

    /// `<script>` and `<style>` hold raw text up to their own end tag.
    fn raw_text(&mut self, name: &str) {
        let bytes = self.src.as_bytes();
        let mut i = self.pos;
        let end = loop {
            match memchr(b'<', &bytes[i..]) {
                None => break bytes.len(),
                Some(off) => {
                    let at = i + off;
                    let tail = &bytes[at..];
                    if tail.len() >= 2 + name.len()
                        && tail[1] == b'/'
                        && tail[2..2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
                    {
                        break at;
                    }
                    i = at + 1;
                }
            }
        };
        let content = self.src[self.pos..end].to_string();
        self.pos = end;
        if !content.is_empty() {
            self.top().children.push(Node::Text(content));
        }
    }

    fn attr_value(&mut self) -> String {
        let rest = self.rest();
        match rest.first() {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = memchr(q, &rest[1..]).map_or(rest.len(), |i| i + 1);
                let raw = &self.src[self.pos + 1..self.pos + end];
                self.pos = (self.pos + end + 1).min(self.src.len());
                decode(raw, true)
            }
            _ => {
                let len = rest
                    .iter()
                    .position(|&b| is_blank(b) || b == b'>')
                    .unwrap_or(rest.len());
                let raw = &self.src[self.pos..self.pos + len];
                self.pos += len;
                decode(raw, true)
            }
        }
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Decodes character references as libxml2 does: known names ended by
/// `;`, and numbers whose `;` is optional. A number that is no character
/// (`&#0;`, `&#;`) writes nothing in text, and ends an attribute value
/// (`in_attr`), as libxml2 stores a NUL there.
fn decode(s: &str, in_attr: bool) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match reference(rest) {
            Some((Some(c), len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            Some((None, _)) if in_attr => return out,
            Some((None, len)) => rest = &rest[len..],
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reference at the start of `s`: its character (None for a number
/// that is no XML character) and its length; None when it is no reference.
fn reference(s: &str) -> Option<(Option<char>, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (radix, start) = match b.get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let digits = b[start..]
            .iter()
            .take_while(|&&c| (c as char).is_digit(radix))
            .count();
        let mut value: u32 = 0;
        for &d in &b[start..start + digits] {
            let digit = (d as char).to_digit(radix).expect("digit");
            value = value
                .saturating_mul(radix)
                .saturating_add(digit)
                .min(0x11_0000);
        }
        let semicolon = usize::from(b.get(start + digits) == Some(&b';'));
        let xml_char = matches!(value, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x1_0000..=0x10_FFFF);
        let c = if xml_char {
            char::from_u32(value)
        } else {
            None
        };
        return Some((c, start + digits + semicolon));
    }
    let len = b[1..].iter().take_while(|c| is_name_char(**c)).count();
    if len == 0 || b.get(1 + len) != Some(&b';') {
        return None;
    }
    let name = &s[1..1 + len];
    let i = ENTITIES.binary_search_by(|e| e.0.cmp(name)).ok()?;
    Some((char::from_u32(ENTITIES[i].1), len + 2))
}

/// Writes nodes as `DocumentFragment#to_html` does: each top-level node on
/// its own (so no newline between them).
pub fn serialize(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        write_node(&mut out, node, None, None);
    }
    out
}

fn is_text(node: Option<&Node>) -> bool {
    matches!(node, Some(Node::Text(_)))
}

/// libxml2 formats no `p…` element's children (p, pre, param).
fn formats_children(name: &str) -> bool {
    !name.starts_with('p')
}

fn write_node(out: &mut String, node: &Node, parent: Option<&str>, next: Option<&Node>) {
    match node {
        Node::Text(t) => {
            if matches!(parent, Some("script" | "style")) {
                out.push_str(t);
            } else {
                escape_text(out, t);
            }
        }
        Node::Comment(c) => {
            out.push_str("<!--");
            out.push_str(c);
            out.push_str("-->");
        }
        Node::Pi(p) => {
            out.push_str("<?");
            out.push_str(p);
            out.push('>');
        }
        Node::Element(el) => write_element(out, el, parent, next),
    }
}

/// libxml2 writes a prefixed element (`media:thumbnail`) by its local name.
fn local_name(name: &str) -> &str {
    match name.split_once(':') {
        Some((prefix, local)) if !prefix.is_empty() && !local.is_empty() => local,
        _ => name,
    }
}

fn write_element(out: &mut String, el: &Element, parent: Option<&str>, next: Option<&Node>) {
    let name = local_name(&el.name);
    let info = info(name);
    let block = info.as_ref().is_some_and(|i| !i.inline);
    out.push('<');
    out.push_str(name);
    for (attr, value) in &el.attrs {
        out.push(' ');
        out.push_str(attr);
        if let Some(v) = value.as_ref().filter(|_| !is_boolean_attr(attr)) {
            out.push('=');
            write_attr_value(out, name, attr, v);
        }
    }
    let empty_ok = info.as_ref().is_some_and(|i| i.void);
    if empty_ok || el.children.is_empty() {
        let bare = info
            .as_ref()
            .is_some_and(|i| i.void || i.no_end_tag_when_empty);
        if bare && el.children.is_empty() || empty_ok {
            out.push('>');
        } else {
            out.push_str("></");
            out.push_str(name);
            out.push('>');
        }
    } else {
        out.push('>');
        let many = el.children.len() > 1;
        if block && many && !is_text(el.children.first()) && formats_children(name) {
            out.push('\n');
        }
        for (i, child) in el.children.iter().enumerate() {
            write_node(out, child, Some(name), el.children.get(i + 1));
        }
        if block && many && !is_text(el.children.last()) && formats_children(name) {
            out.push('\n');
        }
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
    if let (true, Some(next), Some(parent)) = (block, next, parent) {
        if !is_text(Some(next)) && formats_children(parent) {
            out.push('\n');
        }
    }
}

fn is_boolean_attr(name: &str) -> bool {
    matches!(
        name,
        "checked"
            | "compact"
            | "declare"
            | "defer"
            | "disabled"
            | "ismap"
            | "multiple"
            | "nohref"
            | "noresize"
            | "noshade"
            | "nowrap"
            | "readonly"
            | "selected"
    )
}

fn escape_text(out: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
}

fn write_attr_value(out: &mut String, element: &str, name: &str, value: &str) {
    let mut escaped = String::with_capacity(value.len());
    escape_text(&mut escaped, value);
    let uri = matches!(name, "href" | "action" | "src") || (name == "name" && element == "a");
    let v = if uri {
        uri_escape(escaped.trim_start_matches([' ', '\t', '\n', '\r']))
    } else {
        escaped
    };
    if v.contains('"') {
        if v.contains('\'') {
            out.push('"');
            out.push_str(&v.replace('"', "&quot;"));
            out.push('"');
        } else {
            out.push('\'');
            out.push_str(&v);
            out.push('\'');
        }
    } else {
        out.push('"');
        out.push_str(&v);
        out.push('"');
    }
}

/// Percent-escapes every byte but letters, digits, `-_.!~*'()` and the
/// URI punctuation libxml2 keeps in links.
fn uri_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()@/:=?;#%&,+<>".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(s: &str) -> String {
        serialize(&parse(s))
    }

    #[test]
    fn writes_back_as_libxml2_does() {
        assert_eq!(
            round_trip("<ul><li>one</li><li>two</li></ul>"),
            "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
        );
        assert_eq!(round_trip("<div><p>x</p></div>"), "<div><p>x</p></div>");
        assert_eq!(
            round_trip("<p>a<br/><img src=\"a b.png\" alt='x\"y'/>&copy;</p>"),
            "<p>a<br><img src=\"a%20b.png\" alt='x\"y'>\u{a9}</p>"
        );
        assert_eq!(round_trip("<p>a\n<p>b"), "<p>a\n</p><p>b</p>");
        assert_eq!(round_trip("<p><div>x</div></p>"), "<p></p><div>x</div>");
        assert_eq!(round_trip("<input checked=\"checked\">"), "<input checked>");
        assert_eq!(round_trip("&amp &foo; &#39;"), "&amp;amp &amp;foo; '");
        assert_eq!(round_trip("a&#39x e&#;f i&#x;j k&#0l"), "a'x ef ij kl");
        assert_eq!(
            round_trip("<p title=\"a&#39x b&#; c\">t</p>"),
            "<p title=\"a'x b\">t</p>"
        );
    }
}
