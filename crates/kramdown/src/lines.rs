//! Line-level recognizers for kramdown's block syntax.
//!
//! kramdown drives its block parser with anchored regular expressions; these
//! functions answer the same questions ("does the text at this position start a
//! list item?") by looking at the current line, which is both faster and clearer.

use crate::util::{is_space, is_word_byte, name_len};

/// The current line without its `\n`, and the offset just past the `\n`.
#[inline]
pub(crate) fn line(rest: &str) -> (&str, usize) {
    match memchr::memchr(b'\n', rest.as_bytes()) {
        Some(i) => (&rest[..i], i + 1),
        None => (rest, rest.len()),
    }
}

pub(crate) fn is_blank(l: &str) -> bool {
    l.bytes().all(is_space)
}

/// Length of a run of blank lines at the start of `rest` (kramdown's BLANK_LINE).
///
/// Stops at the first non-space byte instead of finding each line's end first:
/// it runs before most block rules, on lines that are almost never blank.
pub(crate) fn blank_lines_len(rest: &str) -> usize {
    let mut pos = 0;
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        if b == b'\n' {
            pos = i + 1;
        } else if !is_space(b) {
            break;
        }
    }
    pos
}

/// Number of leading spaces (at most `max + 1` are counted).
pub(crate) fn leading_spaces(l: &str) -> usize {
    l.bytes().take_while(|&b| b == b' ').count()
}

/// Strips up to three leading spaces (kramdown's OPT_SPACE).
pub(crate) fn opt_space(l: &str) -> &str {
    let n = leading_spaces(l).min(3);
    &l[n..]
}

/// HTML elements that never end a lazy paragraph line (span elements and `script`).
const LAZY_SPAN: &[&str] = &[
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn", "em",
    "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp", "rt",
    "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup", "tt", "u", "var",
    "script",
];

fn starts_with_span_word(s: &str) -> bool {
    LAZY_SPAN.iter().any(|w| {
        s.starts_with(w)
            && !s
                .as_bytes()
                .get(w.len())
                .is_some_and(|&b| is_word_byte(b) || b >= 0x80)
    })
}

/// `<name` of a non-span element, or `</name>` of one (LAZY_END_HTML_START/STOP).
pub(crate) fn is_lazy_html(l: &str) -> bool {
    let t = opt_space(l);
    if let Some(r) = t.strip_prefix("</") {
        let n = name_len(r);
        if n == 0 || starts_with_span_word(r) {
            return false;
        }
        let after = r[n..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        return after.starts_with('>');
    }
    if let Some(r) = t.strip_prefix('<') {
        return name_len(r) > 0 && !starts_with_span_word(r);
    }
    false
}

/// Length of `{:...}` attribute-list content ending with `}` (ALD_ANY_CHARS+), from after `{:`.
pub(crate) fn ald_body_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'}') {
            i += 2;
            continue;
        }
        if b[i] == b'}' {
            return (i > 0).then_some(i);
        }
        i += 1;
    }
    None
}

/// An IAL line `{:...}` (IAL_BLOCK_START); returns (content, total length incl. newline).
pub(crate) fn ial_block(rest: &str) -> Option<(&str, usize)> {
    let off = leading_spaces(rest).min(3);
    let r = &rest[off..];
    let body = r.strip_prefix("{:")?;
    if body.starts_with(':') || body.starts_with('/') {
        return None;
    }
    let n = ald_body_len(body)?;
    let after = &body[n + 1..];
    let (l, adv) = line(after);
    if !is_blank(l) || adv == l.len() {
        return None;
    }
    Some((&body[..n], off + 2 + n + 1 + adv))
}

pub(crate) fn is_eob(l: &str, has_nl: bool) -> bool {
    has_nl && l.starts_with('^') && is_blank(&l[1..])
}

/// List marker at line start: (marker length incl. leading spaces, ordered?).
pub(crate) fn list_marker(l: &str, max_indent: usize) -> Option<(usize, bool)> {
    let sp = leading_spaces(l);
    if sp > max_indent {
        return None;
    }
    let b = l.as_bytes();
    let (end, ordered) = match b.get(sp) {
        Some(b'+' | b'*' | b'-') => (sp + 1, false),
        Some(c) if c.is_ascii_digit() => {
            let d = b[sp..].iter().take_while(|c| c.is_ascii_digit()).count();
            if b.get(sp + d) != Some(&b'.') {
                return None;
            }
            (sp + d + 1, true)
        }
        _ => return None,
    };
    matches!(b.get(end), Some(b'\t' | b'|' | b' ')).then_some((end, ordered))
}

pub(crate) fn is_list_start(l: &str) -> bool {
    list_marker(l, 3).is_some()
}

pub(crate) fn is_dl_start(l: &str) -> bool {
    let t = opt_space(l);
    t.starts_with(':') && matches!(t.as_bytes().get(1), Some(b'\t' | b'|' | b' '))
}

pub(crate) fn is_blockquote_start(l: &str) -> bool {
    opt_space(l).starts_with('>')
}

/// GFM ATX header start: 1–6 `#` then a space or tab.
pub(crate) fn atx_gfm(l: &str) -> Option<(u8, &str)> {
    let n = l.bytes().take_while(|&b| b == b'#').count();
    if n == 0 || n > 6 {
        return None;
    }
    let rest = &l[n..];
    let c = rest.trim_start_matches([' ', '\t']);
    (c.len() < rest.len()).then_some((n as u8, c))
}

pub(crate) fn is_fence_start(l: &str) -> bool {
    let t = opt_space(l);
    t.len() >= 3 && t.bytes().take(3).all(|b| b == b'`' || b == b'~')
}

pub(crate) fn is_hr(l: &str) -> bool {
    let t = opt_space(l);
    let c = match t.bytes().next() {
        Some(c @ (b'*' | b'-' | b'_')) => c,
        _ => return false,
    };
    let mut count = 0;
    for b in t.bytes() {
        if b == c {
            count += 1;
        } else if b != b' ' && b != b'\t' {
            return false;
        }
    }
    count >= 3
}

/// Is the text at `rest` the start of a code block indentation (tab or four spaces)?
pub(crate) fn is_indented(l: &str) -> bool {
    l.starts_with('\t') || l.starts_with("    ")
}

/// Removes one level of indentation (kramdown's INDENT).
pub(crate) fn strip_indent(l: &str) -> &str {
    if let Some(r) = l.strip_prefix('\t') {
        r
    } else if let Some(r) = l.strip_prefix("    ") {
        r
    } else {
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizers() {
        assert!(is_hr("- - -"));
        assert!(!is_hr("--"));
        assert_eq!(list_marker("  12. x", 3), Some((5, true)));
        assert_eq!(list_marker("-x", 3), None);
        assert!(is_lazy_html("<div>"));
        assert!(!is_lazy_html("<span>"));
        assert!(is_lazy_html("<abc>"));
        assert_eq!(atx_gfm("## a"), Some((2, "a")));
        assert_eq!(ial_block("{: .a}\nx").map(|x| x.1), Some(7));
        assert_eq!(blank_lines_len("  \n\t\nx"), 5);
    }
}
