//! HTML writer: kramdown's Html converter, including its indentation rules, the
//! table of contents, footnote numbering and the footnote section.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::ast::{Attrs, Ial, Kind, Model, Node, Quote, Sym};
use crate::block::FootDef;
use crate::convert_code::{add_highlighter_class, code_language};
use crate::hl_opts::CodeType;
use crate::options::{EntityOutput, Options};
use crate::util::{escape_into, Escape};

/// Is there a list marked `{:toc}` anywhere in the tree?
fn has_toc_list(el: &Node, depth: usize) -> bool {
    depth < crate::nesting::MAX_TREE_DEPTH
        && el.children.iter().any(|c| {
            (matches!(c.kind, Kind::Ul | Kind::Ol) && c.ial_refs().iter().any(|r| r == "toc"))
                || has_toc_list(c, depth + 1)
        })
}

/// Applies an IAL (and the ALDs it references) to attributes: kramdown's update_attr_with_ial.
pub(crate) fn apply_ial(alds: &HashMap<String, Ial>, attr: &mut Attrs, ial: &Ial) {
    apply_ial_depth(alds, attr, ial, 0);
}

fn apply_ial_depth(alds: &HashMap<String, Ial>, attr: &mut Attrs, ial: &Ial, depth: usize) {
    if depth < 16 {
        for r in &ial.refs {
            if let Some(a) = alds.get(r) {
                apply_ial_depth(alds, attr, a, depth + 1);
            }
        }
    }
    attr.merge(&ial.attrs);
}

pub(crate) type Hl<'h> = &'h dyn Fn(&str, &str) -> Option<String>;

pub(crate) struct Writer<'a> {
    pub opts: &'a Options,
    /// Taken from as each footnote is written: every definition is written once.
    pub footnote_defs: &'a mut HashMap<String, FootDef>,
    pub abbrevs: &'a [(String, String)],
    pub abbrev_attr: &'a HashMap<String, Attrs>,
    pub hl: Option<Hl<'a>>,
    pub(crate) footnotes: Vec<(String, usize, usize)>,
    footnote_counter: usize,
    pub(crate) toc: Vec<(u8, String, Vec<Node>)>,
    /// Whether a `{:toc}` list exists, so headers are only collected when needed.
    wants_toc: bool,
    toc_code: Option<(Kind, Attrs)>,
    footnote_location: bool,
    used_ids: HashMap<String, usize>,
    /// Emptied buffers for HTML elements' content, reused (see `html_element`).
    spare: Vec<String>,
    /// The code points of the `smart_quotes` entity names (looked up once, not per quote).
    quotes: [Option<u32>; 4],
}

const TOC_MARK: &str = "\u{0}kramdown-toc\u{0}";
const FN_MARK: &str = "\u{0}kramdown-footnotes\u{0}";

pub(crate) fn attrs_html(out: &mut String, attr: &Attrs) {
    for (k, v) in attr.list() {
        if k == "id" && v.trim().is_empty() {
            continue;
        }
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        escape_into(out, v, Escape::Attr);
        out.push('"');
    }
}

/// Appends a number in decimal, without `format!`'s temporary string.
pub(crate) fn push_number(out: &mut String, n: usize) {
    use std::fmt::Write;
    let _ = write!(out, "{n}");
}

pub(crate) fn sp(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(' ');
    }
}

/// Parent information the writer needs (kramdown looks at its element stack).
#[derive(Clone, Copy)]
pub(crate) struct Parent {
    raw_html: bool,
    thead: bool,
}

pub(crate) const TOP: Parent = Parent {
    raw_html: false,
    thead: false,
};

impl<'a> Writer<'a> {
    pub fn new(
        opts: &'a Options,
        footnote_defs: &'a mut HashMap<String, FootDef>,
        abbrevs: &'a [(String, String)],
        abbrev_attr: &'a HashMap<String, Attrs>,
        hl: Option<Hl<'a>>,
    ) -> Self {
        Writer {
            opts,
            footnote_defs,
            abbrevs,
            abbrev_attr,
            hl,
            footnotes: Vec::new(),
            footnote_counter: opts.footnote_nr.max(0) as usize,
            toc: Vec::new(),
            wants_toc: false,
            toc_code: None,
            footnote_location: false,
            used_ids: HashMap::new(),
            spare: Vec::new(),
            quotes: opts
                .smart_quotes
                .each_ref()
                .map(|n| crate::entities::quote(n)),
        }
    }

    /// Writes the document. `source` is only looked at to skip the search for a
    /// `{:toc}` list (a tree walk) when the text has no `toc` at all, and to size
    /// the output buffer once instead of growing it many times.
    pub fn convert_root(&mut self, root: &Node, source: &str) -> String {
        self.wants_toc = source.contains("toc") && has_toc_list(root, 0);
        let mut out = String::with_capacity(source.len() + source.len() / 2 + 256);
        for c in &root.children {
            self.convert(&mut out, c, 0, TOP);
        }
        let fnc = self.footnote_content();
        if self.footnote_location {
            out = out.replacen(FN_MARK, &fnc, 1);
        } else {
            out.push_str(&fnc);
        }
        if let Some((kind, attr)) = self.toc_code.take() {
            let tree = self.toc_tree(kind, attr);
            let mut text = String::new();
            if !tree.children.is_empty() {
                self.convert(&mut text, &tree, 0, TOP);
            }
            out = out.replacen(TOC_MARK, &text, 1);
        }
        out
    }

    pub(crate) fn inner(&mut self, out: &mut String, el: &Node, indent: usize, parent: Parent) {
        for c in &el.children {
            // Text, the most common element, skips the dispatch on the kind
            // (an indirect jump, badly predicted when kinds alternate).
            if c.kind == Kind::Text {
                escape_into(out, &c.value, Escape::Text);
            } else {
                self.convert(out, c, indent + 2, parent);
            }
        }
    }

    pub(crate) fn entity_str(&self, out: &mut String, cp: u32, original: Option<&str>) {
        let ch = char::from_u32(cp);
        let esc = matches!(ch, Some('<' | '>' | '&' | '"'));
        let eo = self.opts.entity_output;
        if eo == EntityOutput::AsChar && ch.is_some() && (ch == Some('"') || !esc) {
            out.push(ch.unwrap_or_default());
        } else if let (EntityOutput::AsChar | EntityOutput::AsInput, Some(o)) = (eo, original) {
            out.push_str(o);
        } else if let (true, Some(n)) = (
            eo == EntityOutput::Symbolic || esc,
            crate::entities::name_of(cp),
        ) {
            out.push('&');
            out.push_str(n);
            out.push(';');
        } else {
            out.push_str(&format!("&#{cp};"));
        }
    }

    pub(crate) fn named_entity(&self, out: &mut String, name: &str) {
        match crate::entities::by_name(name) {
            Some(cp) => self.entity_str(out, cp, None),
            None => out.push_str(name),
        }
    }

    fn generate_id(&mut self, text: &str) -> String {
        let mut id = crate::ids::basic_id(text);
        if id.is_empty() {
            id = "section".into();
        }
        if let Some(n) = self.used_ids.get_mut(&id) {
            *n += 1;
            id = format!("{id}-{n}");
        } else {
            self.used_ids.insert(id.clone(), 0);
        }
        format!("{}{}", self.opts.auto_id_prefix, id)
    }

    /// Rouge's output for code through kramdown's glue (`None`: write it
    /// unhighlighted), with its formatter wrapper, and the language for the
    /// `language-X highlighter-rouge` class.
    pub(crate) fn highlight(
        &self,
        code: &str,
        lang: Option<&str>,
        ty: CodeType,
    ) -> Option<(String, String)> {
        if !self.opts.uses_rouge() {
            return None;
        }
        let hl = self.hl?;
        let hopts = &self.opts.syntax_highlighter_opts;
        if hopts.disabled(ty) {
            return None;
        }
        let default_lang = hopts.default_lang(ty);
        let l = lang.unwrap_or(&default_lang);
        // kramdown's Rouge glue skips the plain-text lexer unless guess_lang is on.
        let name = l.split('?').next().unwrap_or("");
        if !hopts.guess_lang(ty, self.opts.guess_lang) && matches!(name, "plaintext" | "text") {
            return None;
        }
        let tokens = hl(code, l)?;
        Some((hopts.wrap(ty, code, tokens), default_lang))
    }

    pub(crate) fn convert(&mut self, out: &mut String, el: &Node, indent: usize, parent: Parent) {
        match &el.kind {
            Kind::Blank => out.push('\n'),
            Kind::Text => escape_into(out, &el.value, Escape::Text),
            Kind::RawText => escape_into(out, &el.value, Escape::Text),
            Kind::P => {
                if el.transparent {
                    self.inner(out, el, indent, parent);
                } else if el.children.len() == 1
                    && el.children[0].kind == Kind::Img
                    && el.children[0].ial_refs().iter().any(|r| r == "standalone")
                {
                    let mut fig = el.attr.clone();
                    let mut img = el.children[0].attr.clone();
                    if fig.get("class").is_none() {
                        if let Some(c) = img.remove("class") {
                            fig.set("class", c);
                        }
                    }
                    if fig.get("id").is_none() {
                        if let Some(c) = img.remove("id") {
                            fig.set("id", c);
                        }
                    }
                    sp(out, indent);
                    out.push_str("<figure");
                    attrs_html(out, &fig);
                    out.push_str(">\n");
                    sp(out, indent + 2);
                    out.push_str("<img");
                    attrs_html(out, &img);
                    out.push_str(" />\n");
                    sp(out, indent + 2);
                    out.push_str("<figcaption>");
                    out.push_str(img.get("alt").unwrap_or(""));
                    out.push_str("</figcaption>\n");
                    sp(out, indent);
                    out.push_str("</figure>\n");
                } else {
                    self.block(out, "p", &el.attr, el, indent, parent);
                }
            }
            Kind::CodeBlock => self.codeblock(out, el, indent),
            Kind::Blockquote => self.indented(out, "blockquote", &el.attr, el, indent, parent),
            Kind::Header(level) => {
                // Copied only when an id is added.
                let mut attr = Cow::Borrowed(&el.attr);
                if self.opts.auto_ids && attr.get("id").is_none() {
                    let id = self.generate_id(el.raw_text());
                    attr.to_mut().set("id", id);
                }
                if let Some(id) = attr.get("id") {
                    let no_toc = attr
                        .get("class")
                        .is_some_and(|c| c.split_whitespace().any(|w| w == "no_toc"));
                    if self.wants_toc && self.opts.toc_levels.contains(level) && !no_toc {
                        self.toc.push((*level, id.to_string(), el.children.clone()));
                    }
                }
                let l = (*level as i64 + self.opts.header_offset).clamp(1, 6);
                const NAMES: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
                self.block(out, NAMES[(l - 1) as usize], &attr, el, indent, parent);
            }
            Kind::Hr => {
                sp(out, indent);
                out.push_str("<hr");
                attrs_html(out, &el.attr);
                out.push_str(" />\n");
            }
            Kind::Ul | Kind::Ol => {
                let refs = el.ial_refs();
                if self.toc_code.is_none() && refs.iter().any(|r| r == "toc") {
                    self.toc_code = Some((el.kind.clone(), el.attr.clone()));
                    out.push_str(TOC_MARK);
                } else if !self.footnote_location && refs.iter().any(|r| r == "footnotes") {
                    self.footnote_location = true;
                    out.push_str(FN_MARK);
                } else {
                    let name = if el.kind == Kind::Ul { "ul" } else { "ol" };
                    self.indented(out, name, &el.attr, el, indent, parent);
                }
            }
            Kind::Dl => self.indented(out, "dl", &el.attr, el, indent, parent),
            Kind::Li | Kind::Dd => {
                let name = if el.kind == Kind::Li { "li" } else { "dd" };
                sp(out, indent);
                out.push('<');
                out.push_str(name);
                attrs_html(out, &el.attr);
                out.push('>');
                let transparent = el
                    .children
                    .first()
                    .is_none_or(|c| c.kind == Kind::P && c.transparent);
                if transparent {
                    let start = out.len();
                    self.inner(out, el, indent, parent);
                    if out.len() > start && out.ends_with('\n') {
                        sp(out, indent);
                    }
                } else {
                    out.push('\n');
                    self.inner(out, el, indent, parent);
                    sp(out, indent);
                }
                out.push_str("</");
                out.push_str(name);
                out.push_str(">\n");
            }
            Kind::Dt => self.block(out, "dt", &el.attr, el, indent, parent),
            Kind::Html => self.html_element(out, el, indent, parent),
            Kind::XmlComment | Kind::XmlPi => {
                if el.block && !parent.raw_html {
                    sp(out, indent);
                    out.push_str(&el.value);
                    out.push('\n');
                } else {
                    out.push_str(&el.value);
                }
            }
            Kind::Table | Kind::Tbody | Kind::Tfoot | Kind::Tr => {
                let name = match el.kind {
                    Kind::Table => "table",
                    Kind::Tbody => "tbody",
                    Kind::Tfoot => "tfoot",
                    _ => "tr",
                };
                if el.kind == Kind::Table {
                    let align = el.value.as_bytes();
                    sp(out, indent);
                    out.push_str("<table");
                    attrs_html(out, &el.attr);
                    out.push_str(">\n");
                    for part in &el.children {
                        self.table_part(out, part, indent + 2, align);
                    }
                    sp(out, indent);
                    out.push_str("</table>\n");
                } else {
                    self.indented(out, name, &el.attr, el, indent, parent);
                }
            }
            Kind::Thead | Kind::Td => {}
            Kind::Comment => {
                if el.block {
                    sp(out, indent);
                    out.push_str(&format!("<!-- {} -->\n", el.value));
                } else {
                    out.push_str(&format!("<!-- {} -->", el.value));
                }
            }
            Kind::Br => out.push_str("<br />"),
            Kind::A => self.span(out, "a", &el.attr, el, indent, parent),
            Kind::Img => {
                out.push_str("<img");
                attrs_html(out, &el.attr);
                out.push_str(" />");
            }
            Kind::Codespan => {
                let mut attr = el.attr.clone();
                let lang = code_language(&attr);
                match self.highlight(&el.value, lang.as_deref(), CodeType::Span) {
                    Some((h, default_lang)) => {
                        add_highlighter_class(&mut attr, lang.as_deref().unwrap_or(&default_lang));
                        out.push_str("<code");
                        attrs_html(out, &attr);
                        out.push('>');
                        out.push_str(&h);
                    }
                    None => {
                        out.push_str("<code");
                        attrs_html(out, &attr);
                        out.push('>');
                        escape_into(out, &el.value, Escape::All);
                    }
                }
                out.push_str("</code>");
            }
            Kind::Footnote => {
                // Written piece by piece: footnote-heavy pages have many markers.
                let prefix = &self.opts.footnote_prefix;
                let is_name = |f: &(String, usize, usize)| {
                    f.0.strip_prefix(prefix.as_str()) == Some(el.value.as_str())
                };
                let (number, repeat) = match self.footnotes.iter_mut().find(|f| is_name(f)) {
                    Some(f) => {
                        f.2 += 1;
                        (f.1, Some(f.2))
                    }
                    None => {
                        let n = self.footnote_counter;
                        self.footnote_counter += 1;
                        self.footnotes.push((format!("{prefix}{}", el.value), n, 0));
                        (n, None)
                    }
                };
                out.push_str("<sup id=\"fnref:");
                out.push_str(prefix);
                out.push_str(&el.value);
                if let Some(r) = repeat {
                    out.push(':');
                    push_number(out, r);
                }
                out.push_str("\" role=\"doc-noteref\"><a href=\"#fn:");
                out.push_str(prefix);
                out.push_str(&el.value);
                out.push_str("\" class=\"footnote\" rel=\"footnote\">");
                push_number(out, number);
                out.push_str("</a></sup>");
            }
            Kind::Raw => {
                let mut types = el.raw_text().split_whitespace().peekable();
                if types.peek().is_none() || types.any(|t| t == "html") {
                    out.push_str(&el.value);
                    if el.block {
                        out.push('\n');
                    }
                }
            }
            Kind::Em => self.span(out, "em", &el.attr, el, indent, parent),
            Kind::Strong => self.span(out, "strong", &el.attr, el, indent, parent),
            Kind::Entity(cp) => self.entity_str(
                out,
                *cp,
                (!el.value.is_empty()).then_some(el.value.as_str()),
            ),
            Kind::Typo(sym) => {
                use crate::entities::{HELLIP, LAQUO, MDASH, NBSP, NDASH, RAQUO};
                let (key, cps): (&str, &[u32]) = match sym {
                    Sym::Mdash => ("mdash", &[MDASH]),
                    Sym::Ndash => ("ndash", &[NDASH]),
                    Sym::Hellip => ("hellip", &[HELLIP]),
                    Sym::LaquoSpace => ("laquo_space", &[LAQUO, NBSP]),
                    Sym::RaquoSpace => ("raquo_space", &[NBSP, RAQUO]),
                    Sym::Laquo => ("laquo", &[LAQUO]),
                    Sym::Raquo => ("raquo", &[RAQUO]),
                };
                let custom = self.opts.typographic_symbols.iter().find(|(k, _)| k == key);
                if let Some((_, text)) = custom {
                    escape_into(out, text, Escape::Text);
                } else {
                    for &cp in cps {
                        self.entity_str(out, cp, None);
                    }
                }
            }
            Kind::SmartQuote(q) => {
                let i = match q {
                    Quote::Lsquo => 0,
                    Quote::Rsquo => 1,
                    Quote::Ldquo => 2,
                    Quote::Rdquo => 3,
                };
                match self.quotes[i] {
                    Some(cp) => self.entity_str(out, cp, None),
                    None => out.push_str(&self.opts.smart_quotes[i]),
                }
            }
            Kind::Math => self.math(out, el, indent),
            Kind::Abbreviation => {
                let mut attr = self
                    .abbrev_attr
                    .get(el.value.as_str())
                    .cloned()
                    .unwrap_or_default();
                let title = self
                    .abbrevs
                    .iter()
                    .find(|(k, _)| *k == el.value)
                    .map(|x| x.1.as_str())
                    .unwrap_or("");
                if !title.is_empty() {
                    attr.set("title", title.to_string());
                }
                out.push_str("<abbr");
                attrs_html(out, &attr);
                out.push('>');
                out.push_str(&el.value);
                out.push_str("</abbr>");
            }
            Kind::Root | Kind::Temp => self.inner(out, el, indent.wrapping_sub(2), parent),
            Kind::Eob(_) => {}
        }
    }

    fn block(
        &mut self,
        out: &mut String,
        name: &str,
        attr: &Attrs,
        el: &Node,
        indent: usize,
        parent: Parent,
    ) {
        sp(out, indent);
        out.push('<');
        out.push_str(name);
        attrs_html(out, attr);
        out.push('>');
        self.inner(out, el, indent, parent);
        out.push_str("</");
        out.push_str(name);
        out.push_str(">\n");
    }

    fn indented(
        &mut self,
        out: &mut String,
        name: &str,
        attr: &Attrs,
        el: &Node,
        indent: usize,
        parent: Parent,
    ) {
        sp(out, indent);
        out.push('<');
        out.push_str(name);
        attrs_html(out, attr);
        out.push_str(">\n");
        self.inner(out, el, indent, parent);
        sp(out, indent);
        out.push_str("</");
        out.push_str(name);
        out.push_str(">\n");
    }

    fn span(
        &mut self,
        out: &mut String,
        name: &str,
        attr: &Attrs,
        el: &Node,
        indent: usize,
        parent: Parent,
    ) {
        out.push('<');
        out.push_str(name);
        attrs_html(out, attr);
        out.push('>');
        self.inner(out, el, indent, parent);
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }

    fn html_element(&mut self, out: &mut String, el: &Node, indent: usize, parent: Parent) {
        let me = Parent {
            raw_html: el.model == Model::Raw,
            thead: parent.thead,
        };
        // The content is written first (the tag's form depends on it), into a
        // buffer kept for the next element instead of a new string each time.
        let mut res = self.spare.pop().unwrap_or_default();
        self.inner(&mut res, el, indent, me);
        html_tags(out, el, &res, indent, parent);
        res.clear();
        self.spare.push(res);
    }
}

/// An HTML element's tags around its already written content `res`.
fn html_tags(out: &mut String, el: &Node, res: &str, indent: usize, parent: Parent) {
    let void = crate::html::VOID_ELEMENTS.contains(&el.value.as_str());
    if !el.block {
        out.push('<');
        out.push_str(&el.value);
        attrs_html(out, &el.attr);
        if res.is_empty() && void {
            out.push_str(" />");
        } else {
            out.push('>');
            out.push_str(res);
            out.push_str("</");
            out.push_str(&el.value);
            out.push('>');
        }
        return;
    }
    if !parent.raw_html {
        sp(out, indent);
    }
    out.push('<');
    out.push_str(&el.value);
    attrs_html(out, &el.attr);
    if el.closed && el.model == Model::Raw {
        out.push_str(" />");
    } else if !res.is_empty() && el.model != Model::Block {
        out.push('>');
        out.push_str(res);
        out.push_str("</");
        out.push_str(&el.value);
        out.push('>');
    } else if !res.is_empty() {
        out.push_str(">\n");
        out.push_str(res.strip_suffix('\n').unwrap_or(res));
        out.push('\n');
        sp(out, indent);
        out.push_str("</");
        out.push_str(&el.value);
        out.push('>');
    } else if void {
        out.push_str(" />");
    } else {
        out.push_str("></");
        out.push_str(&el.value);
        out.push('>');
    }
    if !parent.raw_html {
        out.push('\n');
    }
}
