//! kramdown extensions: `{::comment}`, `{::nomarkdown}` and `{::options}`.

use crate::ast::{EobKind, Ial, Kind, Node};
use crate::block::{Ctx, Parser, Src};
use crate::lines::{ald_body_len, leading_spaces, line};
use crate::options::OptValue;
use crate::util::{is_space, is_word_byte, parse_attribute_list};

/// A parsed `{::name opts /}` start tag (or a stray stop tag).
pub(crate) struct ExtTag<'a> {
    pub name: &'a str,
    pub opts: &'a str,
    pub self_closing: bool,
    pub is_stop: bool,
    pub len: usize,
}

/// Parses EXT_START_STR or EXT_STOP_STR at the start of `s`.
pub(crate) fn parse_ext_tag(s: &str) -> Option<ExtTag<'_>> {
    if let Some(r) = s.strip_prefix("{:/") {
        let n = r
            .bytes()
            .take_while(|&b| is_word_byte(b) || b == b'-')
            .count();
        if r.as_bytes().get(n) == Some(&b'}') {
            return Some(ExtTag {
                name: &r[..n],
                opts: "",
                self_closing: false,
                is_stop: true,
                len: 3 + n + 1,
            });
        }
        return None;
    }
    let r = s.strip_prefix("{::")?;
    let n = r.bytes().take_while(|&b| is_word_byte(b)).count();
    if n == 0 {
        return None;
    }
    let name = &r[..n];
    let after = &r[n..];
    if after.as_bytes().first().is_some_and(|&b| is_space(b)) {
        let body = &after[1..];
        let c = if body.starts_with('}') {
            0
        } else {
            ald_body_len(body)?
        };
        let mut opts = &body[..c];
        let self_closing = opts.ends_with('/');
        if self_closing {
            opts = &opts[..opts.len() - 1];
        }
        return Some(ExtTag {
            name,
            opts,
            self_closing,
            is_stop: false,
            len: 3 + n + 1 + c + 1,
        });
    }
    if after.starts_with("/}") {
        Some(ExtTag {
            name,
            opts: "",
            self_closing: true,
            is_stop: false,
            len: 3 + n + 2,
        })
    } else if after.starts_with('}') {
        Some(ExtTag {
            name,
            opts: "",
            self_closing: false,
            is_stop: false,
            len: 3 + n + 1,
        })
    } else {
        None
    }
}

/// Applies `{::options key="value" /}` to the parser's options.
pub(crate) fn apply_options(p: &mut Parser, ial: &Ial) {
    for (k, v) in ial.attrs.list() {
        let val = match v.as_str() {
            "true" => OptValue::Bool(true),
            "false" => OptValue::Bool(false),
            s => OptValue::Str(s.to_string()),
        };
        let _ = p.opts.set(k, &val);
    }
}

/// Block-level extension at the current line; false when it is not valid.
pub(crate) fn block_extension(p: &mut Parser, src: &mut Src, cx: &mut Ctx) -> bool {
    let rest = src.rest();
    let off = leading_spaces(rest).min(3);
    let Some(tag) = parse_ext_tag(&rest[off..]) else {
        return false;
    };
    let (tl, ta) = line(&rest[off + tag.len..]);
    if ta == tl.len() || !tl.bytes().all(is_space) || tag.is_stop {
        return false;
    }
    let start = off + tag.len + ta;
    let mut body = None;
    let mut consumed = start;
    if !tag.self_closing {
        // Stop tag `{:/name}` or `{:/}` on a line of its own.
        let mut p2 = start;
        let mut found = None;
        while p2 < rest.len() {
            let (l, a) = line(&rest[p2..]);
            let so = leading_spaces(l).min(3);
            if let Some(st) = parse_ext_tag(&l[so..])
                .filter(|t| t.is_stop && (t.name.is_empty() || t.name == tag.name))
            {
                if a > l.len() && l[so + st.len..].bytes().all(is_space) {
                    found = Some((p2, p2 + a));
                    break;
                }
            }
            p2 += a;
        }
        let (bs, be) = match found {
            Some(f) => f,
            None => return false,
        };
        let b = &rest[start..bs];
        body = Some(b.strip_suffix('\n').unwrap_or(b).to_string());
        consumed = be;
    }
    let mut opts = Ial::default();
    parse_attribute_list(tag.opts, &mut opts);
    match tag.name {
        "comment" => {
            if let Some(b) = body {
                cx.tree.children.push(Node::with_value(Kind::Comment, b));
            }
        }
        "nomarkdown" => {
            if let Some(b) = body {
                let mut n = Node::with_value(Kind::Raw, b);
                n.set_raw_text(opts.attrs.get("type").unwrap_or(""));
                cx.tree.children.push(n);
            }
        }
        "options" => {
            apply_options(p, &opts);
            let e = cx.new_el(Kind::Eob(EobKind::Extension));
            cx.tree.children.push(e);
        }
        _ => return false,
    }
    src.pos += consumed;
    true
}
