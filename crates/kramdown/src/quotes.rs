//! Smart quotes and typographic symbols, decided by kramdown's ordered rules.
//!
//! A rule may start one character before the quote (that character is kept as
//! text), which is why the span scanner stops in front of a quote's neighbour.

use crate::ast::{Quote, Sym};
use crate::util::is_space;

/// One piece of a smart-quote match.
#[derive(Debug, PartialEq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Q(Quote),
}

const SQ_PUNCT: &[u8] = b"!\"#$%'()*+,-./:;<=>?@[\\]^_`{|}~";

fn left(q: u8) -> Quote {
    if q == b'"' {
        Quote::Ldquo
    } else {
        Quote::Lsquo
    }
}

fn right(q: u8) -> Quote {
    if q == b'"' {
        Quote::Rdquo
    } else {
        Quote::Rsquo
    }
}

fn is_quote(b: Option<&u8>) -> bool {
    matches!(b, Some(b'"' | b'\''))
}

fn is_unicode_word_at(s: &str, i: usize) -> bool {
    s[i..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Applies the first matching rule at the start of `s`; returns pieces and bytes consumed.
pub(crate) fn smart_quote(s: &str) -> (Vec<Piece<'_>>, usize) {
    let b = s.as_bytes();
    let c0 = b[0];
    let c0_len = s.chars().next().map(char::len_utf8).unwrap_or(1);
    let word = |i: usize| b.get(i).is_some_and(|&c| crate::util::is_word_byte(c));
    if c0 == b'"' || c0 == b'\'' {
        // 1: before emphasis
        if matches!(b.get(1), Some(b'_' | b'*')) && b.get(2).is_some_and(|&c| !is_space(c)) {
            return (vec![Piece::Q(left(c0))], 1);
        }
        // 2: before punctuation that is not followed by a word character
        if let Some(p) = b.get(1) {
            let next_word = || b.len() > 2 && is_unicode_word_at(s, 2);
            if SQ_PUNCT.contains(p) && !s[2..].starts_with("..") && ((*p == b'_') == next_word()) {
                return (vec![Piece::Q(right(c0))], 1);
            }
        }
    }
    let ws = usize::from(is_space(c0));
    // 3, 4: "' and '" before a word
    if b.get(ws) == Some(&b'"') && b.get(ws + 1) == Some(&b'\'') && word(ws + 2) {
        return (
            vec![
                Piece::Text(&s[..ws]),
                Piece::Q(Quote::Ldquo),
                Piece::Q(Quote::Lsquo),
            ],
            ws + 2,
        );
    }
    if b.get(ws) == Some(&b'\'') && b.get(ws + 1) == Some(&b'"') && word(ws + 2) {
        return (
            vec![
                Piece::Text(&s[..ws]),
                Piece::Q(Quote::Lsquo),
                Piece::Q(Quote::Ldquo),
            ],
            ws + 2,
        );
    }
    // 5: '80s
    if b.get(ws) == Some(&b'\'')
        && b.get(ws + 1).is_some_and(u8::is_ascii_digit)
        && b.get(ws + 2).is_some_and(u8::is_ascii_digit)
        && b.get(ws + 3) == Some(&b's')
    {
        return (vec![Piece::Text(&s[..ws]), Piece::Q(Quote::Rsquo)], ws + 1);
    }
    // 6: space, quote, word
    if ws == 1 && is_quote(b.get(1)) && word(2) {
        return (vec![Piece::Text(&s[..1]), Piece::Q(left(b[1]))], 2);
    }
    // 7: closing character, quote
    if !matches!(
        c0,
        b' ' | b'\\' | b'\t' | b'\r' | b'\n' | b'[' | b'{' | b'(' | b'-'
    ) && is_quote(b.get(c0_len))
    {
        return (
            vec![Piece::Text(&s[..c0_len]), Piece::Q(right(b[c0_len]))],
            c0_len + 1,
        );
    }
    if c0 == b'"' || c0 == b'\'' {
        // 8: quote before space, "s\b" or line end
        let after = b.get(1);
        let s_word = after == Some(&b's') && !(b.len() > 2 && is_unicode_word_at(s, 2));
        if after.is_none_or(|&c| is_space(c)) || s_word {
            return (vec![Piece::Q(right(c0))], 1);
        }
    }
    // 9, 10: (.?)' and (.?)"
    for q in [b'\'', b'"'] {
        if b.get(c0_len) == Some(&q) {
            return (
                vec![Piece::Text(&s[..c0_len]), Piece::Q(left(q))],
                c0_len + 1,
            );
        }
        if c0 == q {
            return (vec![Piece::Q(left(q))], 1);
        }
    }
    (vec![Piece::Text(&s[..c0_len])], c0_len)
}

/// Typographic symbol at the start of `s`: the symbol (or the `\<<`/`\>>` escapes) and length.
pub(crate) enum Typo {
    Sym(Sym),
    /// `\<<` or `\>>`: two `<` or `>` entities.
    Pair(u32),
}

pub(crate) fn typographic(s: &str) -> Option<(Typo, usize)> {
    const TABLE: &[(&str, Option<Sym>, u32)] = &[
        ("---", Some(Sym::Mdash), 0),
        ("--", Some(Sym::Ndash), 0),
        ("...", Some(Sym::Hellip), 0),
        ("\\<<", None, 60),
        ("\\>>", None, 62),
        ("<< ", Some(Sym::LaquoSpace), 0),
        (" >>", Some(Sym::RaquoSpace), 0),
        ("<<", Some(Sym::Laquo), 0),
        (">>", Some(Sym::Raquo), 0),
    ];
    TABLE
        .iter()
        .find(|(p, _, _)| s.starts_with(p))
        .map(|(p, sym, cp)| match sym {
            Some(sym) => (Typo::Sym(*sym), p.len()),
            None => (Typo::Pair(*cp), p.len()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_rules() {
        let cases: &[(&str, usize)] = &[
            ("\"a", 1),
            (" \"a", 2),
            ("a\"", 2),
            ("'80s", 1),
            ("\" x", 1),
            ("-\"", 2),
        ];
        for (s, n) in cases {
            assert_eq!(smart_quote(s).1, *n, "{s}");
        }
    }
}
