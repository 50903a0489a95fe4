//! Span rules other than emphasis, code and links: autolinks, HTML, footnote
//! markers, entities and `{:...}` span extensions/IALs.

use crate::ast::{Ial, Kind, Model, Node};
use crate::ext::parse_ext_tag;
use crate::html::{
    find_close, is_known, lowercase, parse_attrs, parse_close_tag, parse_tag, BLOCK_ELEMENTS,
    VOID_ELEMENTS,
};
use crate::span::{Spans, Stop, SPAN_HTML};
use crate::util::{is_word_byte, parse_attribute_list};

impl Spans<'_, '_> {
    pub(crate) fn autolink(&mut self, el: &mut Node) -> bool {
        let r = &self.s[self.pos..];
        let body = &r[1..];
        let line_end = body.find('\n').unwrap_or(body.len());
        let scheme = ["mailto:", "https:", "http:", "ftps:", "ftp:"]
            .iter()
            .find(|s| body.starts_with(**s));
        let (inner, is_mail) = if let Some(sch) = scheme {
            let after = &body[sch.len()..line_end];
            match after.get(1..).and_then(|a| a.find('>')) {
                Some(g) => (&body[..sch.len() + 1 + g], false),
                None => return false,
            }
        } else {
            let ach = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
            let Some(at) = body.find('@') else {
                return false;
            };
            if at == 0 || !body[..at].chars().all(ach) {
                return false;
            }
            let after = &body[at + 1..];
            let dl = after
                .chars()
                .take_while(|&c| ach(c))
                .map(char::len_utf8)
                .sum::<usize>();
            if dl == 0 || !after[dl..].starts_with('>') {
                return false;
            }
            (&body[..at + 1 + dl], true)
        };
        let href = if is_mail {
            format!("mailto:{inner}")
        } else {
            inner.to_string()
        };
        let mut a = Node::span(Kind::A, "");
        a.attr.set("href", href);
        a.add_text(inner.strip_prefix("mailto:").unwrap_or(inner), Kind::Text);
        self.push(el, a);
        self.pos += inner.len() + 2;
        true
    }

    pub(crate) fn span_html(&mut self, el: &mut Node) {
        let r = &self.s[self.pos..];
        if let Some(body) = r.strip_prefix("<!--") {
            if let Some(e) = body.find("-->") {
                self.push(el, Node::span(Kind::XmlComment, &r[..e + 7]));
                self.pos += e + 7;
                return;
            }
        }
        if let Some((_, len)) = parse_close_tag(r) {
            self.add_text(el, &r[..len]);
            self.pos += len;
            return;
        }
        let Some(tag) = parse_tag(r) else {
            self.add_text(el, "<");
            self.pos += 1;
            return;
        };
        let lower = lowercase(tag.name);
        let known = is_known(&lower);
        let name = if known {
            lower.into_owned()
        } else {
            tag.name.to_string()
        };
        if BLOCK_ELEMENTS.contains(&name.as_str()) {
            self.add_text(el, &r[..tag.len]);
            self.pos += tag.len;
            return;
        }
        let mut attrs = parse_attrs(tag.attrs, known);
        for v in attrs.values_mut() {
            if v.contains('\n') {
                let mut out = String::new();
                let mut prev_nl = false;
                for ch in v.chars() {
                    if ch == '\n' {
                        if !prev_nl {
                            out.push(' ');
                        }
                        prev_nl = true;
                    } else {
                        out.push(ch);
                        prev_nl = false;
                    }
                }
                *v = out;
            }
        }
        let parent_raw = self.stack.last().is_some_and(|s| s.1);
        let model_raw = crate::html::content_model(&name) == Model::Raw;
        let mut parse = !(model_raw || parent_raw) && self.p.opts.parse_span_html;
        if let Some(m) = attrs.remove("markdown") {
            match m.as_str() {
                "span" => parse = true,
                "1" => parse = !model_raw,
                "0" => parse = false,
                _ => {}
            }
        }
        let mut node = Node::span(Kind::Html, name.clone());
        node.attr = attrs;
        node.model = if parse { Model::Span } else { Model::Raw };
        node.closed = tag.closed;
        self.pos += tag.len;
        if !tag.closed && !VOID_ELEMENTS.contains(&name.as_str()) {
            let mut stop = Stop::Close {
                name: name.clone(),
                ci: known,
            };
            self.stack.push((Kind::Html, !parse));
            let mask = if parse { self.mask } else { SPAN_HTML };
            let found = self.parse(&mut node, Some(&mut stop), mask);
            self.stack.pop();
            if found {
                if let Some((_, e)) = find_close(&self.s[self.pos..], &name, known) {
                    self.pos += e;
                }
            } else {
                let t = &self.s[self.pos..];
                node.add_text(t, Kind::Text);
                self.pos = self.s.len();
            }
        }
        self.push(el, node);
    }

    pub(crate) fn footnote(&mut self, el: &mut Node, n: usize) {
        let r = &self.s[self.pos..];
        let name = &r[2..n - 1];
        if self.p.footnotes.contains_key(name) {
            self.push(el, Node::span(Kind::Footnote, name));
        } else {
            self.add_text(el, &r[..n]);
        }
        self.pos += n;
    }

    pub(crate) fn entity(&mut self, el: &mut Node, r: &str) -> Option<usize> {
        let b = r.as_bytes();
        let (cp, len) = if b.get(1) == Some(&b'#') {
            if b.get(2) == Some(&b'x') {
                let n = b[3..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
                if n == 0 || b.get(3 + n) != Some(&b';') {
                    return None;
                }
                (u32::from_str_radix(&r[3..3 + n], 16).ok(), 4 + n)
            } else {
                let n = b[2..].iter().take_while(|c| c.is_ascii_digit()).count();
                if n == 0 || b.get(2 + n) != Some(&b';') {
                    return None;
                }
                (r[2..2 + n].parse::<u32>().ok(), 3 + n)
            }
        } else {
            let first = *b.get(1)?;
            if !(is_word_byte(first) || first == b':') {
                return None;
            }
            let n = 1 + b[2..]
                .iter()
                .take_while(|&&c| is_word_byte(c) || c == b'-' || c == b'.' || c == b':')
                .count();
            if b.get(1 + n) != Some(&b';') {
                return None;
            }
            (crate::entities::by_name(&r[1..1 + n]), 2 + n)
        };
        match cp {
            Some(cp) => {
                let cp = crate::entities::alias(cp);
                let mut e = Node::span(Kind::Entity(cp), "");
                e.value = r[..len].into();
                self.push(el, e);
            }
            None => {
                self.push(el, Node::span(Kind::Entity(38), ""));
                self.add_text(el, &r[1..len]);
            }
        }
        Some(len)
    }

    pub(crate) fn span_extension(&mut self, el: &mut Node) {
        let r = &self.s[self.pos..];
        if let Some(tag) = parse_ext_tag(r) {
            if !tag.is_stop {
                let after = &r[tag.len..];
                let mut body = None;
                let mut consumed = tag.len;
                let mut ok = true;
                if !tag.self_closing {
                    let mut from = 0;
                    let mut found = None;
                    while let Some(i) = after[from..].find("{:/") {
                        let at = from + i;
                        if let Some(st) = parse_ext_tag(&after[at..]) {
                            if st.is_stop && (st.name.is_empty() || st.name == tag.name) {
                                found = Some((at, at + st.len));
                                break;
                            }
                        }
                        from = at + 3;
                    }
                    match found {
                        Some((s, e)) => {
                            body = Some(after[..s].to_string());
                            consumed += e;
                        }
                        None => ok = false,
                    }
                }
                if ok {
                    let mut opts = Ial::default();
                    parse_attribute_list(tag.opts, &mut opts);
                    let handled = match tag.name {
                        "comment" => {
                            if let Some(b) = body {
                                self.push(el, Node::span(Kind::Comment, b));
                            }
                            true
                        }
                        "nomarkdown" => {
                            if let Some(b) = body {
                                let mut n = Node::span(Kind::Raw, b);
                                n.set_raw_text(opts.attrs.get("type").unwrap_or(""));
                                self.push(el, n);
                            }
                            true
                        }
                        "options" => {
                            crate::ext::apply_options(self.p, &opts);
                            true
                        }
                        _ => false,
                    };
                    if handled {
                        self.pos += consumed;
                        return;
                    }
                }
            }
            self.add_text(el, "{");
            self.pos += 1;
            return;
        }
        // Span IAL after an element.
        if let Some(n) = crate::lines::ald_body_len(&r[2..]) {
            self.flush(el);
            if let Some(last) = el.children.last_mut().filter(|l| l.kind != Kind::Text) {
                let mut attr = Ial::default();
                parse_attribute_list(&r[2..2 + n], &mut attr);
                last.ial.get_or_insert_with(Default::default).merge(&attr);
                crate::convert::apply_ial(&self.p.alds, &mut last.attr, &attr);
                self.pos += n + 3;
                return;
            }
        }
        self.add_text(el, "{");
        self.pos += 1;
    }
}
