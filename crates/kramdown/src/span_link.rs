//! Links and images: inline (`[t](url "title")`), reference (`[t][id]`, `[t]`)
//! and kramdown's bracket counting, which lets images nest inside link text.

use crate::ast::{Ial, Kind, Node};
use crate::block::normalize_link_id;
use crate::span::{unescape, Spans, Stop};
use crate::util::is_space;

impl Spans<'_, '_> {
    /// A link or image at `pos`, or its opening bracket as text.
    ///
    /// A failed attempt re-parses the bracketed text as plain spans, and
    /// each nested `![` inside it is tried again: exponential in the nesting
    /// without this memo of attempts that failed here with the same
    /// enclosing elements (found by fuzzing).
    pub(crate) fn link(&mut self, el: &mut Node) {
        let start = self.pos;
        let s = self.s;
        let opener = if s[start..].starts_with('!') { 2 } else { 1 };
        let failed = self.failed_links.as_ref().and_then(|f| f.get(&start));
        let tried_here = failed.is_some_and(|tried| {
            tried
                .iter()
                .any(|(m, st)| *m == self.mask && *st == self.stack)
        });
        if tried_here {
            self.add_text(el, &s[start..start + opener]);
            self.pos = start + opener;
            return;
        }
        // The stack as it was before the attempt (try_link restores it).
        self.try_link(el);
        if self.pos == start + opener {
            let key = (self.mask, self.stack.clone());
            let failed = self.failed_links.get_or_insert_with(Default::default);
            failed.entry(start).or_default().push(key);
        }
    }

    fn try_link(&mut self, el: &mut Node) {
        let start = self.pos;
        let r = &self.s[self.pos..];
        let is_img = r.starts_with('!');
        let result_len = if is_img { 2 } else { 1 };
        let result = &r[..result_len];
        if !is_img && (self.in_stack(&Kind::A) || self.in_stack(&Kind::Img)) {
            self.add_text(el, result);
            self.pos += result_len;
            return;
        }
        self.pos += result_len;
        let cur = self.pos;
        let kind = if is_img { Kind::Img } else { Kind::A };
        let mut node = Node::span(kind.clone(), "");
        let mut stop = Stop::Link { count: 1 };
        self.stack.push((kind, false));
        let found = self.parse(&mut node, Some(&mut stop), self.mask);
        self.stack.pop();
        let fail = |me: &mut Self, el: &mut Node| {
            me.pos = start + result_len;
            me.add_text(el, result);
        };
        if !found {
            fail(self, el);
            return;
        }
        let alt_raw = &self.s[cur..self.pos];
        let alt = unescape(alt_raw);
        self.pos += 1; // the `]`
        let rest = &self.s[self.pos..];
        // Reference: `[id]`, `[]`, or nothing that starts with `(`.
        let ws = rest.bytes().take_while(|&b| is_space(b)).count();
        let mut ref_id: Option<Option<&str>> = None;
        if rest[ws..].starts_with('[') {
            let inner = &rest[ws + 1..];
            if let Some(close) = inner.find(']') {
                let id = &inner[..close];
                ref_id = Some(if id.is_empty() { None } else { Some(id) });
                self.pos += ws + 1 + close + 1;
            }
        }
        if ref_id.is_some() || !self.s[self.pos..].starts_with('(') {
            let id = normalize_link_id(ref_id.flatten().unwrap_or(&alt));
            if let Some(def) = self.p.link_defs.get(&id) {
                let (url, title, ial) = (def.url.clone(), def.title.clone(), def.ial.clone());
                self.add_link(el, node, url, title, alt, ial);
            } else {
                fail(self, el);
            }
            return;
        }
        let rest = &self.s[self.pos..];
        let mut url = String::new();
        let mut ok_paren = false;
        if let Some(body) = rest.strip_prefix("(<") {
            let nl = body.find('\n').unwrap_or(body.len());
            if let Some(g) = body[..nl].find('>') {
                url = body[..g].to_string();
                self.pos += 2 + g + 1;
                if self.s[self.pos..].starts_with(')') {
                    self.pos += 1;
                    self.add_link(el, node, url, None, alt, None);
                    return;
                }
            } else {
                // Not an angle URL after all: scan it like a plain one.
                ok_paren = true;
            }
        } else {
            ok_paren = true;
        }
        if ok_paren {
            let b = rest.as_bytes();
            let mut nr = 0i32;
            let mut i = 0;
            let mut end = None;
            while i < b.len() {
                match b[i] {
                    b'(' => nr += 1,
                    b')' => {
                        nr -= 1;
                        if nr == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    c if is_space(c) && matches!(b.get(i + 1), Some(b'"' | b'\'')) => {
                        end = Some(i + 1);
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            let Some(e) = end else {
                fail(self, el);
                return;
            };
            let raw = &rest[..e];
            let inner = if raw.len() >= 2 {
                &raw[1..raw.len() - 1]
            } else {
                ""
            };
            url = inner
                .trim_matches(|c: char| c.is_ascii() && is_space(c as u8))
                .to_string();
            self.pos += e;
            if nr == 0 {
                self.add_link(el, node, url, None, alt, None);
                return;
            }
        }
        // Title: \s*?(["'])(.+?)\1\s*?\)
        let rest = &self.s[self.pos..];
        let ws = rest.bytes().take_while(|&b| is_space(b)).count();
        if let Some(&q) = rest
            .as_bytes()
            .get(ws)
            .filter(|&&q| q == b'"' || q == b'\'')
        {
            let body = &rest[ws + 1..];
            let mut from = 1;
            while let Some(i) = body.get(from..).and_then(|s| s.find(q as char)) {
                let at = from + i;
                let after = &body[at + 1..];
                let w2 = after.bytes().take_while(|&b| is_space(b)).count();
                if after[w2..].starts_with(')') {
                    let title = body[..at].to_string();
                    self.pos += ws + 1 + at + 1 + w2 + 1;
                    self.add_link(el, node, url, Some(title), alt, None);
                    return;
                }
                from = at + 1;
            }
        }
        fail(self, el);
    }

    pub(crate) fn add_link(
        &mut self,
        el: &mut Node,
        mut node: Node,
        href: String,
        title: Option<String>,
        alt: String,
        ial: Option<Ial>,
    ) {
        if let Some(i) = &ial {
            crate::convert::apply_ial(&self.p.alds, &mut node.attr, i);
            node.ial = Some(Box::new(i.clone()));
        }
        if node.kind == Kind::A {
            node.attr.set("href", href);
        } else {
            node.attr.set("src", href);
            node.attr.set("alt", alt);
            node.children.clear();
        }
        if let Some(t) = title {
            node.attr.set("title", t);
        }
        self.push(el, node);
    }
}
