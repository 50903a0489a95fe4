//! Writer parts for code blocks and spans (with the Rouge hook), math and tables.

use crate::ast::{Attrs, Kind, Node};
use crate::convert::{attrs_html, sp, Writer, TOP};
use crate::hl_opts::CodeType;
use crate::util::{escape_html, escape_into, Escape};

impl Writer<'_> {
    pub(crate) fn codeblock(&mut self, out: &mut String, el: &Node, indent: usize) {
        let mut attr = el.attr.clone();
        let lang = code_language(&attr);
        if lang.is_some() {
            let cls = attr.get("class").unwrap_or("").to_string();
            let stripped = remove_language(&cls);
            if stripped.is_empty() {
                attr.remove("class");
            } else {
                attr.set("class", stripped);
            }
        }
        let hl_lang = if el.raw_text().is_empty() {
            lang.clone()
        } else {
            Some(el.raw_text().to_string())
        };
        if let Some((h, default_lang)) =
            self.highlight(&el.value, hl_lang.as_deref(), CodeType::Block)
        {
            add_highlighter_class(&mut attr, lang.as_deref().unwrap_or(&default_lang));
            sp(out, indent);
            out.push_str("<div");
            attrs_html(out, &attr);
            out.push('>');
            out.push_str(&h);
            sp(out, indent);
            out.push_str("</div>\n");
            return;
        }
        sp(out, indent);
        out.push_str("<pre");
        attrs_html(out, &attr);
        out.push_str("><code");
        if let Some(l) = &lang {
            out.push_str(" class=\"");
            escape_into(out, &format!("language-{l}"), Escape::Attr);
            out.push('"');
        }
        out.push('>');
        // Escaping keeps a final newline as it is, so it can be dropped first.
        let code = el.value.strip_suffix('\n').unwrap_or(&el.value);
        escape_into(out, code, Escape::All);
        out.push_str("\n</code></pre>\n");
    }

    pub(crate) fn math(&mut self, out: &mut String, el: &Node, indent: usize) {
        if self.opts.math_engine.as_deref() == Some("mathjax") {
            let v = escape_html(&el.value, Escape::All);
            if el.block {
                let r = format!("\\[{v}\\]\n");
                if el.attr.is_empty() {
                    out.push_str(&r);
                } else {
                    sp(out, indent);
                    out.push_str("<div");
                    attrs_html(out, &el.attr);
                    out.push('>');
                    out.push_str(&r);
                    out.push_str("</div>\n");
                }
            } else if el.attr.is_empty() {
                out.push_str(&format!("\\({v}\\)"));
            } else {
                out.push_str("<span");
                attrs_html(out, &el.attr);
                out.push_str(&format!(">${}$</span>", el.value));
            }
            return;
        }
        let mut attr = el.attr.clone();
        let cls = format!("{} kdmath", attr.get("class").unwrap_or(""))
            .trim_start()
            .to_string();
        attr.set("class", cls);
        if el.block {
            sp(out, indent);
            out.push_str("<div");
            attrs_html(out, &attr);
            out.push_str(&format!(">$$\n{}\n$$</div>\n", el.value));
        } else {
            out.push_str("<span");
            attrs_html(out, &attr);
            out.push_str(&format!(">${}$</span>", el.value));
        }
    }

    pub(crate) fn table_part(
        &mut self,
        out: &mut String,
        part: &Node,
        indent: usize,
        align: &[u8],
    ) {
        let name = match part.kind {
            Kind::Thead => "thead",
            Kind::Tfoot => "tfoot",
            _ => "tbody",
        };
        sp(out, indent);
        out.push('<');
        out.push_str(name);
        attrs_html(out, &part.attr);
        out.push_str(">\n");
        for tr in &part.children {
            sp(out, indent + 2);
            out.push_str("<tr");
            attrs_html(out, &tr.attr);
            out.push_str(">\n");
            for (i, td) in tr.children.iter().enumerate() {
                let tag = if part.kind == Kind::Thead { "th" } else { "td" };
                let mut attr = td.attr.clone();
                let a = match align.get(i) {
                    Some(b'l') => Some("left"),
                    Some(b'r') => Some("right"),
                    Some(b'c') => Some("center"),
                    _ => None,
                };
                if let Some(a) = a {
                    let style = match attr.get("style") {
                        Some(s) => format!("{s}; text-align: {a}"),
                        None => format!("text-align: {a}"),
                    };
                    attr.set("style", style);
                }
                sp(out, indent + 4);
                out.push('<');
                out.push_str(tag);
                attrs_html(out, &attr);
                out.push('>');
                let start = out.len();
                self.inner(out, td, indent + 4, TOP);
                if out.len() == start {
                    self.named_entity(out, "nbsp");
                }
                out.push_str("</");
                out.push_str(tag);
                out.push_str(">\n");
            }
            sp(out, indent + 2);
            out.push_str("</tr>\n");
        }
        sp(out, indent);
        out.push_str("</");
        out.push_str(name);
        out.push_str(">\n");
    }
}

/// `language-X` from a class attribute.
pub(crate) fn code_language(attr: &Attrs) -> Option<String> {
    class_language(attr.get("class")?)
}

/// The `X` of the first `language-X` word in a class attribute.
fn class_language(cls: &str) -> Option<String> {
    let b = cls.as_bytes();
    let mut from = 0;
    while let Some(i) = cls[from..].find("language-") {
        let at = from + i;
        let boundary = at == 0 || !crate::util::is_word_byte(b[at - 1]);
        let rest = &cls[at + 9..];
        let n = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if boundary && n > 0 {
            return Some(rest[..n].to_string());
        }
        from = at + 9;
    }
    None
}

fn remove_language(cls: &str) -> String {
    let Some(lang) = class_language(cls) else {
        return cls.to_string();
    };
    cls.replacen(&format!("language-{lang}"), "", 1)
        .trim()
        .to_string()
}

pub(crate) fn add_highlighter_class(attr: &mut Attrs, lang: &str) {
    let Some(cur) = attr.get("class") else {
        attr.set("class", format!("language-{lang} highlighter-rouge"));
        return;
    };
    let cur = cur.to_string();
    let mut cls = format!("{cur} highlighter-rouge").trim_start().to_string();
    if let Some(old) = class_language(&cls) {
        cls = cls.replacen(&format!("language-{old}"), &format!("language-{lang}"), 1);
    } else {
        cls = format!("language-{lang} {cls}");
    }
    attr.set("class", cls);
}
