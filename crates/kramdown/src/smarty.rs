//! Jekyll's `smartify` filter: its SmartyPants parser is kramdown with only block
//! HTML and line-by-line text blocks, and only smart quotes, entities,
//! typographic symbols and span HTML as span rules.

use crate::ast::{Kind, Node};
use crate::block::{Ctx, Parser, Res, Src};
use crate::options::Options;
use crate::span::{Spans, ENTITY, QUOTES, SPAN_HTML, TYPO};

pub(crate) fn smartify(source: &str, options: &Options) -> String {
    let mut src_text = source.replace("\r\n", "\n").replace('\r', "\n");
    if src_text.ends_with('\n') {
        src_text.pop();
    }
    src_text.push('\n');
    let mut p = Parser::new(options);
    let mut root = Node::new(Kind::Root);
    let mut src = Src::new(&src_text);
    {
        let mut cx = Ctx {
            tree: &mut root,
            ial: None,
            html: None,
        };
        while !src.eos() {
            if crate::lines::opt_space(src.line().0).starts_with('<')
                && p.p_block_html(&mut src, &mut cx) == Res::Yes
            {
                continue;
            }
            let l = src.skip_line();
            cx.tree.add_text(l, Kind::RawText);
        }
    }
    let children = std::mem::take(&mut root.children);
    for c in children {
        if c.kind == Kind::RawText {
            let mut holder = Node::new(Kind::RawText);
            let mut sp = Spans::with_mask(&mut p, &c.value, QUOTES | ENTITY | TYPO | SPAN_HTML);
            sp.run(&mut holder, false);
            root.children.extend(holder.children);
        } else {
            root.children.push(c);
        }
    }
    let abbrev_attr = Default::default();
    let mut w =
        crate::convert::Writer::new(&p.opts, &mut p.footnotes, &p.abbrevs, &abbrev_attr, None);
    let mut out = w.convert_root(&root, &src_text);
    if out.ends_with('\n') {
        out.pop();
    }
    out
}
