//! The element tree shared by the block parser, the span parser and the HTML writer.
//!
//! It follows kramdown's element model (types, ordered attributes, IALs) because the
//! writer's whitespace and attribute order depend on exactly that model.

use std::borrow::Cow;

use compact_str::CompactString;

/// One attribute: its name (borrowed when it is a common one, see [`attr_name`]) and value.
pub(crate) type Attr = (Cow<'static, str>, String);

/// Ordered attributes: kramdown writes them in insertion order.
///
/// Boxed, because most elements (text above all) have none: an empty list
/// costs one pointer in every element instead of a whole `Vec`.
#[derive(Clone, Debug, Default)]
#[allow(clippy::box_collection)] // the point: 8 bytes per element, not 24
pub(crate) struct Attrs(Option<Box<Vec<Attr>>>);

/// The attribute names the parsers and the writer set over and over: as static
/// strings they cost no allocation per element.
const COMMON_NAMES: [&str; 8] = [
    "class", "id", "href", "title", "alt", "src", "style", "role",
];

/// `k` as an attribute name, borrowed when it is a common one.
fn attr_name(k: &str) -> Cow<'static, str> {
    match COMMON_NAMES.iter().find(|n| **n == k) {
        Some(n) => Cow::Borrowed(n),
        None => Cow::Owned(k.to_string()),
    }
}

impl PartialEq for Attrs {
    fn eq(&self, other: &Attrs) -> bool {
        self.list() == other.list()
    }
}

impl Attrs {
    /// The attributes in order.
    pub fn list(&self) -> &[Attr] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
    /// The values, to rewrite them in place.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut String> {
        self.0.iter_mut().flat_map(|v| v.iter_mut().map(|(_, v)| v))
    }
    pub fn get(&self, k: &str) -> Option<&str> {
        self.list()
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
    pub fn set(&mut self, k: &str, v: String) {
        let list = self.0.get_or_insert_with(Default::default);
        if let Some(slot) = list.iter_mut().find(|(n, _)| n == k) {
            slot.1 = v;
        } else {
            list.push((attr_name(k), v));
        }
    }
    pub fn remove(&mut self, k: &str) -> Option<String> {
        let list = self.0.as_mut()?;
        let i = list.iter().position(|(n, _)| n == k)?;
        Some(list.remove(i).1)
    }
    pub fn is_empty(&self) -> bool {
        self.list().is_empty()
    }
    /// Applies `other` over these, as an IAL applies: classes are joined
    /// with a space, every other attribute is replaced.
    pub(crate) fn merge(&mut self, other: &Attrs) {
        for (k, v) in other.list() {
            if k == "class" {
                let cur = self.get("class").unwrap_or("");
                let joined = format!("{cur} {v}").trim_start().to_string();
                self.set("class", joined);
            } else {
                self.set(k, v.clone());
            }
        }
    }
}

/// An inline attribute list: attributes plus references to ALDs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ial {
    pub attrs: Attrs,
    pub refs: Vec<String>,
}

impl Ial {
    /// Merges `other` into `self` the way kramdown's `update_ial_with_ial` does.
    pub fn merge(&mut self, other: &Ial) {
        self.refs.extend(other.refs.iter().cloned());
        self.attrs.merge(&other.attrs);
    }
}

/// How the content of an HTML element is parsed (kramdown's content models).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Model {
    Raw,
    Span,
    Block,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quote {
    Lsquo,
    Rsquo,
    Ldquo,
    Rdquo,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sym {
    Mdash,
    Ndash,
    Hellip,
    LaquoSpace,
    RaquoSpace,
    Laquo,
    Raquo,
}

/// What an end-of-block marker stands for (kramdown keeps them as `:eob` values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EobKind {
    Plain,
    Ial,
    Ald,
    Extension,
    LinkDef,
    AbbrevDef,
    FootnoteDef,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    Root,
    Blank,
    P,
    Header(u8),
    Blockquote,
    CodeBlock,
    Hr,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Math,
    /// An HTML element; `value` holds the tag name.
    Html,
    XmlComment,
    XmlPi,
    Comment,
    Raw,
    Eob(EobKind),
    Text,
    /// Unparsed span text, turned into span elements after block parsing.
    RawText,
    Em,
    Strong,
    A,
    Img,
    Codespan,
    Br,
    /// A character reference: code point, and the source form when read from input.
    Entity(u32),
    SmartQuote(Quote),
    Typo(Sym),
    /// A footnote marker; `value` holds the name.
    Footnote,
    Abbreviation,
    /// A placeholder list item used while parsing.
    Temp,
}

/// One element of the tree.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub kind: Kind,
    /// Text, tag name, code...: inline up to 24 bytes, as most text pieces are.
    pub value: CompactString,
    pub attr: Attrs,
    pub children: Vec<Node>,
    pub ial: Option<Box<Ial>>,
    /// Block (true) or span category, for HTML, math, comments and raw text.
    pub block: bool,
    /// Paragraph written without `<p>` (tight list items).
    pub transparent: bool,
    pub model: Model,
    pub closed: bool,
    /// See [`Node::raw_text`]; boxed since few elements have one (8 bytes, not 24).
    #[allow(clippy::box_collection)]
    raw: Option<Box<String>>,
    /// First list item of a dd/dl should be a paragraph.
    pub first_as_para: bool,
}

impl Node {
    #[inline]
    pub fn new(kind: Kind) -> Node {
        Node {
            kind,
            value: CompactString::default(),
            attr: Attrs::default(),
            children: Vec::new(),
            ial: None,
            block: true,
            transparent: false,
            model: Model::Raw,
            closed: false,
            raw: None,
            first_as_para: false,
        }
    }

    #[inline]
    pub fn with_value(kind: Kind, value: impl Into<CompactString>) -> Node {
        let mut n = Node::new(kind);
        n.value = value.into();
        n
    }

    #[inline]
    pub fn span(kind: Kind, value: impl Into<CompactString>) -> Node {
        let mut n = Node::with_value(kind, value);
        n.block = false;
        n
    }

    /// Appends text, merging with a trailing node of the same text kind (kramdown's `add_text`).
    pub fn add_text(&mut self, text: &str, kind: Kind) {
        if let Some(last) = self.children.last_mut() {
            if last.kind == kind {
                last.value.push_str(text);
                return;
            }
        }
        if !text.is_empty() {
            self.children.push(Node::span(kind, text));
        }
    }

    /// Header/dt text used for ids; the name a definition's end-of-block marker
    /// stands for; a fenced code block's language as written; the output types of
    /// `{::nomarkdown type="..."}`. (Entities keep their source form in `value`.)
    pub fn raw_text(&self) -> &str {
        self.raw.as_deref().map_or("", String::as_str)
    }

    pub fn set_raw_text(&mut self, text: impl Into<String>) {
        self.raw = Some(Box::new(text.into()));
    }

    pub fn ial_refs(&self) -> &[String] {
        self.ial.as_ref().map(|i| i.refs.as_slice()).unwrap_or(&[])
    }
}
