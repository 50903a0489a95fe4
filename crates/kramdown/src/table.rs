//! kramdown tables: `|`-separated rows, `---` separator lines (the first one makes
//! the rows above it a header and sets the alignment), `===` footer separators.

use crate::ast::{Kind, Node};
use crate::block::{Ctx, Parser, Src};
use crate::lines::*;
use crate::span::{Spans, CODESPAN, SPAN_HTML};

/// TABLE_LINE: the line holds a `|` that is first or not preceded by a backslash.
fn has_pipe(l: &str) -> bool {
    let b = l.as_bytes();
    b.first() == Some(&b'|') || (1..b.len()).any(|i| b[i] == b'|' && b[i - 1] != b'\\')
}

fn sep_line(l: &str, c: u8) -> bool {
    let t = l.trim_end_matches([' ', '\t']);
    t.bytes().any(|b| b == c)
        && t.bytes()
            .all(|b| matches!(b, b'+' | b'|' | b':' | b' ' | b'\t') || b == c)
}

/// Alignment letters from a separator line: d(efault), l, r, c.
fn alignments(l: &str) -> Vec<u8> {
    let b = l.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'-' || (b[i] == b':' && b.get(i + 1) == Some(&b'-')) {
            let left = b[i] == b':';
            let mut j = if left { i + 1 } else { i };
            while j < b.len() && b[j] == b'-' {
                j += 1;
            }
            let right = b.get(j) == Some(&b':');
            if right {
                j += 1;
            }
            out.push(match (left, right) {
                (false, false) => b'd',
                (true, false) => b'l',
                (false, true) => b'r',
                (true, true) => b'c',
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Splits a row into cell texts, keeping `|` inside code spans and `<code>` tags.
fn split_cells(row: &str) -> Vec<String> {
    let mut cells: Vec<String> = vec![String::new()];
    let b = row.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let flush = |cells: &mut Vec<String>, s: &str| {
        let mut parts = Vec::new();
        let sb = s.as_bytes();
        let mut st = 0;
        for k in 0..sb.len() {
            if sb[k] == b'|' && (k == 0 || sb[k - 1] != b'\\') {
                parts.push(&s[st..k]);
                st = k + 1;
            }
        }
        parts.push(&s[st..]);
        // `\|` is rare: copy cells unchanged unless they contain one.
        let unescape = |p: &str, into: &mut String| {
            if p.contains("\\|") {
                into.push_str(&p.replace("\\|", "|"));
            } else {
                into.push_str(p);
            }
        };
        let mut it = parts.into_iter();
        if let Some(f) = it.next() {
            unescape(f, cells.last_mut().unwrap());
        }
        for p in it {
            let mut cell = String::with_capacity(p.len());
            unescape(p, &mut cell);
            cells.push(cell);
        }
    };
    while i < b.len() {
        if row[i..].starts_with("<code") {
            if let Some(e) = row[i..].find("</code>") {
                if row[i..i + e].contains('>') {
                    flush(&mut cells, &row[text_start..i]);
                    cells.last_mut().unwrap().push_str(&row[i..i + e + 7]);
                    i += e + 7;
                    text_start = i;
                    continue;
                }
            }
        }
        if b[i] == b'`' {
            let n = b[i..].iter().take_while(|&&c| c == b'`').count();
            let before_space = i == 0 || crate::util::is_space(b[i - 1]);
            let after_space = b.get(i + n).is_some_and(|&c| crate::util::is_space(c));
            if n == 1 && before_space && after_space {
                i += 1;
                continue;
            }
            let delim = &row[i..i + n];
            if let Some(e) = row[i + n..].find(delim) {
                flush(&mut cells, &row[text_start..i]);
                let mut v = &row[i + n..i + n + e];
                if n > 1 {
                    v = v.strip_prefix(' ').unwrap_or(v);
                    v = v.strip_suffix(' ').unwrap_or(v);
                }
                let maxrun = max_backticks(v);
                let d = "`".repeat(maxrun + 1);
                let pad = if d.len() > 1 { " " } else { "" };
                cells
                    .last_mut()
                    .unwrap()
                    .push_str(&format!("{d}{pad}{v}{pad}{d}"));
                i += n + e + n;
                text_start = i;
                continue;
            }
            i += n;
            continue;
        }
        i += crate::block::utf8_len(b[i]);
    }
    flush(&mut cells, &row[text_start..]);
    cells
}

fn max_backticks(s: &str) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for b in s.bytes() {
        if b == b'`' {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// TABLE_PIPE_CHECK at the start of a line.
fn line_has_pipe(l: &str) -> bool {
    let b = l.as_bytes();
    b.first() == Some(&b'|') || (1..b.len()).any(|i| b[i] == b'|' && b[i - 1] != b'\\')
}

impl Parser {
    /// kramdown's final table check: with code spans and HTML spans parsed, every
    /// line must still show a pipe outside them.
    fn pipes_outside_spans(&mut self, text: &str) -> bool {
        if !text.contains(['`', '<']) {
            // Without spans every line keeps the pipe TABLE_LINE found on it.
            return true;
        }
        let mut holder = Node::new(Kind::Root);
        Spans::with_mask(self, text, CODESPAN | SPAN_HTML).run(&mut holder, false);
        let mut pipe_on_line = false;
        for c in &holder.children {
            // An HTML element counts by its name, as in kramdown.
            let v = c.value.as_str();
            let mut lines: Vec<&str> = v.split('\n').collect();
            while lines.last() == Some(&"") {
                lines.pop();
            }
            if c.kind == Kind::Codespan {
                if lines.len() > 2 || (lines.len() == 2 && !pipe_on_line) {
                    break;
                } else if lines.len() == 2 && pipe_on_line {
                    pipe_on_line = false;
                }
            } else {
                if lines.len() > 1 && !pipe_on_line && !line_has_pipe(lines[0]) {
                    break;
                }
                let last = lines.last().is_some_and(|l| line_has_pipe(l));
                pipe_on_line = (if lines.len() > 1 { false } else { pipe_on_line }) || last;
            }
        }
        pipe_on_line
    }

    pub(crate) fn p_table(&mut self, src: &mut Src, cx: &mut Ctx) -> bool {
        let (l0, has_nl) = src.line();
        let t0 = opt_space(l0);
        if !has_nl
            || t0.is_empty()
            || t0.starts_with([' ', '\t'])
            || !has_pipe(l0)
            || !cx.after_boundary()
        {
            return false;
        }
        let saved = src.pos;
        let leading_pipe = l0.trim_start().starts_with('|');
        let mut table = cx.new_el(Kind::Table);
        let mut rows: Vec<Node> = Vec::new();
        let mut has_footer = false;
        let mut columns = 0;
        let mut align: Vec<u8> = Vec::new();
        let mut have_align = false;
        let mut containers: Vec<Node> = Vec::new();
        let add = |containers: &mut Vec<Node>,
                   rows: &mut Vec<Node>,
                   kind: Kind,
                   force: bool,
                   has_footer: bool| {
            if !has_footer || kind != Kind::Tbody || force {
                let mut c = Node::new(kind);
                c.children = std::mem::take(rows);
                containers.push(c);
            }
        };
        if sep_line(l0, b'-') {
            src.skip_line();
        }
        while !src.eos() {
            let (l, has_nl) = src.line();
            if !has_nl || !has_pipe(l) {
                break;
            }
            if sep_line(l, b'-') {
                src.skip_line();
                if rows.is_empty() {
                } else if !have_align && !has_footer {
                    add(&mut containers, &mut rows, Kind::Thead, false, has_footer);
                    align = alignments(l);
                    have_align = true;
                } else {
                    add(&mut containers, &mut rows, Kind::Tbody, false, has_footer);
                }
            } else if sep_line(l, b'=') {
                src.skip_line();
                if !rows.is_empty() {
                    add(&mut containers, &mut rows, Kind::Tbody, true, has_footer);
                }
                has_footer = true;
            } else {
                src.skip_line();
                let row = l.trim_end_matches([' ', '\t']);
                let mut cells = split_cells(row);
                if leading_pipe && cells.first().is_some_and(|c| c.trim().is_empty()) {
                    cells.remove(0);
                }
                if cells.last().is_some_and(|c| c.trim().is_empty()) {
                    cells.pop();
                }
                let mut tr = Node::new(Kind::Tr);
                for c in &cells {
                    let mut td = Node::new(Kind::Td);
                    td.add_text(c.trim(), Kind::RawText);
                    tr.children.push(td);
                }
                columns = columns.max(cells.len());
                rows.push(tr);
            }
        }
        let rest = src.rest();
        let (bl, ba) = line(rest);
        let boundary = rest.is_empty()
            || rest == "\n"
            || (ba > bl.len() && is_blank(bl))
            || is_eob(bl, ba > bl.len())
            || ial_block(rest).is_some();
        let all_piped = self.pipes_outside_spans(&src.s[saved..src.pos.saturating_sub(1)]);
        if !boundary || !all_piped {
            src.pos = saved;
            return false;
        }
        if !rows.is_empty() {
            add(
                &mut containers,
                &mut rows,
                if has_footer { Kind::Tfoot } else { Kind::Tbody },
                false,
                has_footer,
            );
        }
        if !containers.iter().any(|c| c.kind == Kind::Tbody) {
            src.pos = saved;
            return false;
        }
        for c in &mut containers {
            for r in &mut c.children {
                while r.children.len() < columns {
                    r.children.push(Node::new(Kind::Td));
                }
            }
        }
        align.resize(columns, b'd');
        table.value = String::from_utf8(align).unwrap_or_default().into();
        table.children = containers;
        cx.tree.children.push(table);
        true
    }
}
