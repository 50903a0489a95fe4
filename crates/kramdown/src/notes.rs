//! The two generated sections: the table of contents (`{:toc}`) and the footnote list.

use crate::ast::{Attrs, Kind, Node};
use crate::convert::{Writer, TOP};

const BACKLINK_FMT_HREF: &str = "<a href=\"#fnref:";

fn remove_footnotes(els: &mut Vec<Node>) {
    els.retain(|c| c.kind != Kind::Footnote);
    for c in els.iter_mut() {
        remove_footnotes(&mut c.children);
    }
}

fn unwrap_links(els: Vec<Node>) -> Vec<Node> {
    let mut out = Vec::with_capacity(els.len());
    for mut c in els {
        c.children = unwrap_links(std::mem::take(&mut c.children));
        if c.kind == Kind::A {
            out.extend(c.children);
        } else {
            out.push(c);
        }
    }
    out
}

impl Writer<'_> {
    /// kramdown's generate_toc_tree: nested lists following header levels.
    pub(crate) fn toc_tree(&mut self, kind: Kind, attr: Attrs) -> Node {
        let mut sections = Node::new(kind.clone());
        sections.attr = attr;
        if sections.attr.get("id").is_none() {
            sections.attr.set("id", "markdown-toc".into());
        }
        let prefix = sections.attr.get("id").unwrap_or("").to_string();
        // Build with an explicit stack of paths (indices) into the tree.
        let mut stack: Vec<(u8, Vec<usize>)> = Vec::new();
        let entries = std::mem::take(&mut self.toc);
        for (level, id, children) in entries {
            let mut li = Node::new(Kind::Li);
            let mut p = Node::new(Kind::P);
            p.transparent = true;
            let mut a = Node::span(Kind::A, "");
            a.attr.set("href", format!("#{id}"));
            a.attr.set("id", format!("{prefix}-{id}"));
            let mut ch = children;
            remove_footnotes(&mut ch);
            a.children = unwrap_links(ch);
            p.children.push(a);
            li.children.push(p);
            li.children.push(Node::new(kind.clone()));
            loop {
                match stack.last() {
                    None => {
                        sections.children.push(li);
                        stack.push((level, vec![sections.children.len() - 1]));
                        break;
                    }
                    Some((l, path)) if *l < level => {
                        let path = path.clone();
                        let parent = node_at(&mut sections, &path);
                        let list_idx = parent.children.len() - 1;
                        let list = &mut parent.children[list_idx];
                        list.children.push(li);
                        let mut np = path;
                        np.push(list_idx);
                        np.push(list.children.len() - 1);
                        stack.push((level, np));
                        break;
                    }
                    Some(_) => {
                        let (_, path) = stack.pop().unwrap();
                        let item = node_at(&mut sections, &path);
                        if item.children.last().is_some_and(|l| l.children.is_empty()) {
                            item.children.pop();
                        }
                    }
                }
            }
        }
        while let Some((_, path)) = stack.pop() {
            let item = node_at(&mut sections, &path);
            if item.children.last().is_some_and(|l| l.children.is_empty()) {
                item.children.pop();
            }
        }
        sections
    }

    /// kramdown's footnote_content: the `<div class="footnotes">` section.
    pub(crate) fn footnote_content(&mut self) -> String {
        let mut items = String::new();
        let backlink =
            crate::util::escape_html(&self.opts.footnote_backlink, crate::util::Escape::Text);
        let mut nbsp = String::new();
        self.named_entity(&mut nbsp, "nbsp");
        let mut i = 0;
        while i < self.footnotes.len() {
            let (name, _, repeat) = self.footnotes[i].clone();
            let raw_name = name
                .strip_prefix(&self.opts.footnote_prefix)
                .unwrap_or(&name)
                .to_string();
            let Some(def) = self.footnote_defs.get_mut(&raw_name) else {
                i += 1;
                continue;
            };
            let mut li = Node::new(Kind::Li);
            li.attr.set("id", format!("fn:{name}"));
            li.attr.set("role", "doc-endnote".into());
            li.children = std::mem::take(&mut def.content.children);
            let mut insert_space = false;
            let mut path: Option<Vec<usize>> = None;
            if li.children.last().is_some_and(|c| c.kind == Kind::P)
                || self.opts.footnote_backlink_inline
            {
                let mut p = Vec::new();
                let mut cur = &li;
                while !cur.children.is_empty()
                    && !matches!(
                        cur.children.last().map(|c| &c.kind),
                        Some(Kind::P | Kind::Header(_))
                    )
                {
                    p.push(cur.children.len() - 1);
                    cur = cur.children.last().unwrap();
                }
                if !cur.children.is_empty() {
                    p.push(cur.children.len() - 1);
                    path = Some(p);
                    insert_space = true;
                }
            }
            let path = match path {
                Some(p) => p,
                None => {
                    li.children.push(Node::new(Kind::P));
                    vec![li.children.len() - 1]
                }
            };
            if !self.opts.footnote_backlink.is_empty() {
                let para = node_at(&mut li, &path);
                let mut v = format!(
                    "{}{BACKLINK_FMT_HREF}{name}\" class=\"reversefootnote\" role=\"doc-backlink\">{backlink}</a>",
                    if insert_space { nbsp.as_str() } else { "" }
                );
                for idx in 1..=repeat {
                    v.push_str(&format!(
                        "{nbsp}{BACKLINK_FMT_HREF}{name}:{idx}\" class=\"reversefootnote\" role=\"doc-backlink\">{backlink}<sup>{}</sup></a>",
                        idx + 1
                    ));
                }
                let mut raw = Node::span(Kind::Raw, v);
                raw.block = false;
                para.children.push(raw);
            }
            self.convert(&mut items, &li, 4, TOP);
            i += 1;
        }
        if items.is_empty() {
            return String::new();
        }
        let start = if self.opts.footnote_nr != 1 {
            format!(" start=\"{}\"", self.opts.footnote_nr)
        } else {
            String::new()
        };
        format!("<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol{start}>\n{items}  </ol>\n</div>\n")
    }
}

fn node_at<'n>(root: &'n mut Node, path: &[usize]) -> &'n mut Node {
    let mut cur = root;
    for &i in path {
        cur = &mut cur.children[i];
    }
    cur
}
