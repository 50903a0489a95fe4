//! A fast path for the most common look-around patterns, `(?=A)X(?!B)`: the
//! look-arounds sit only at the ends and the rest is a plain regex.
//!
//! Leading look-aheads are checked once at the scan position, where a
//! backtracking engine also checks them. For the trailing one, the plain
//! regex's leftmost-first match of `X` is the first candidate a backtracking
//! engine tries; when the look-ahead accepts it, that is the answer. Only when
//! it rejects it does the caller fall back to fancy-regex, which then tries
//! `X`'s other candidates.

use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::{self, Class, Hir, HirKind};

/// One look-ahead: its body and whether it is negative.
pub(crate) struct Look {
    re: meta::Regex,
    negative: bool,
    /// Whether the body has capture groups.
    groups: bool,
    /// The body as compiled.
    body: String,
}

impl Look {
    /// Whether the look-ahead holds at `at` in `hay` (seeing `hay` around it).
    fn holds(&self, hay: &str, at: usize) -> bool {
        let input = Input::new(hay).range(at..).anchored(Anchored::Yes);
        self.re.search_half(&input).is_some() != self.negative
    }
}

/// A pattern split into leading look-aheads, a plain middle and an optional
/// trailing look-ahead.
pub(crate) struct Split {
    pub middle: regex::Regex,
    lead: Vec<Look>,
    trail: Option<Look>,
    /// For a positive trailing look-ahead that cannot start with any byte the
    /// middle consumes, only the middle's longest match can satisfy it: that
    /// match (MatchKind::All), so a rejection needs no backtracking engine.
    longest: Option<meta::Regex>,
    /// A leading positive look-behind, which can never hold at the scan position.
    never: bool,
}

/// The result of the fast path.
pub(crate) enum Fast {
    /// Definitely no match.
    No,
    /// A match ending here (with the middle's captures when asked for).
    End(usize),
    /// Undecided: ask the backtracking engine.
    Fallback,
}

impl Split {
    /// Splits a translated pattern (leading inline flags allowed); `None` when
    /// it does not have the `(?=A)X(?!B)` shape with plain parts.
    pub(crate) fn new(src: &str) -> Option<Split> {
        let b = src.as_bytes();
        // Leading flag groups like `(?m)(?i)` apply to every part.
        let mut i = 0;
        while let Some(end) = flag_group(src, i) {
            i = end;
        }
        let flags = &src[..i];
        let tops = top_level_groups(src)?;
        let mut lead = Vec::new();
        let mut never = false;
        let start = i;
        for &(s, e) in tops.iter().filter(|&&(s, _)| s >= start) {
            if s != i || matches!(b.get(e + 1), Some(b'*' | b'+' | b'?' | b'{')) {
                break;
            }
            // The haystack starts at the scan position: a look-behind there
            // sees nothing, so `(?<!…)` always holds and `(?<=…)` never does.
            if src[s..].starts_with("(?<!") {
                i = e + 1;
                continue;
            }
            if src[s..].starts_with("(?<=") {
                never = true;
                i = e + 1;
                continue;
            }
            if !is_lookahead(src, s) {
                break;
            }
            let l = look(flags, src, s, e)?;
            if l.groups {
                return None;
            }
            lead.push(l);
            i = e + 1;
        }
        let mut end = src.len();
        let mut trail = None;
        if let Some(&(s, e)) = tops.last() {
            if e + 1 == src.len() && s >= i && is_lookahead(src, s) {
                trail = Some(look(flags, src, s, e)?);
                end = s;
            }
        }
        if lead.is_empty() && trail.is_none() && start == i {
            return None;
        }
        let middle = &src[i..end];
        // Inline flags in the middle would also apply to the trailing part.
        if (i..end).any(|k| flag_group(src, k).is_some()) {
            return None;
        }
        let longest = match &trail {
            Some(t) if !t.negative => longest_only(flags, middle, &t.body),
            _ => None,
        };
        let middle = regex::Regex::new(&format!("\\A(?:{flags}{middle})")).ok()?;
        Some(Split {
            middle,
            lead,
            trail,
            longest,
            never,
        })
    }

    /// Matches at the start of `hay`; fills `groups` from the middle part.
    pub(crate) fn at(
        &self,
        hay: &str,
        want_groups: bool,
        groups: &mut Vec<Option<(usize, usize)>>,
    ) -> Fast {
        if self.never || self.lead.iter().any(|l| !l.holds(hay, 0)) {
            return Fast::No;
        }
        let end = if want_groups {
            let Some(caps) = self.middle.captures(hay) else {
                return Fast::No;
            };
            groups.clear();
            groups.extend(caps.iter().map(|m| m.map(|m| (m.start(), m.end()))));
            caps.get(0).map_or(0, |m| m.end())
        } else {
            match self.middle.find(hay) {
                Some(m) => m.end(),
                None => return Fast::No,
            }
        };
        match (&self.trail, &self.longest) {
            // Groups inside a positive look-ahead would be reported too.
            (Some(t), _) if want_groups && t.groups && !t.negative => Fast::Fallback,
            (Some(t), _) if t.holds(hay, end) => Fast::End(end),
            (Some(t), Some(all)) if !want_groups => {
                let input = Input::new(hay).anchored(Anchored::Yes);
                match all.search_half(&input) {
                    Some(m) if m.offset() != end && t.holds(hay, m.offset()) => {
                        Fast::End(m.offset())
                    }
                    _ => Fast::No,
                }
            }
            (Some(_), _) => Fast::Fallback,
            (None, _) => Fast::End(end),
        }
    }
}

/// A longest-match regex for `middle` when no byte it consumes can start the
/// look-ahead `look` (so at every shorter candidate end the look-ahead fails).
fn longest_only(flags: &str, middle: &str, look: &str) -> Option<meta::Regex> {
    let parse = |p: &str| {
        regex_syntax::ParserBuilder::new()
            .multi_line(true)
            .build()
            .parse(&format!("{flags}(?:{p})"))
            .ok()
    };
    let mut used = [false; 256];
    consumed(&parse(middle)?, &mut used);
    let (next, empty) = next_bytes(&parse(look)?);
    let next = next.filter(|_| !empty)?;
    if (0..256).any(|b| used[b] && next[b]) {
        return None;
    }
    meta::Regex::builder()
        .configure(meta::Regex::config().match_kind(regex_automata::MatchKind::All))
        .build(&format!("{flags}(?:{middle})"))
        .ok()
}

/// Marks every byte a match of `h` may consume.
fn consumed(h: &Hir, used: &mut [bool; 256]) {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => lit.0.iter().for_each(|&b| used[b as usize] = true),
        HirKind::Class(Class::Bytes(c)) => {
            for r in c.iter() {
                (r.start()..=r.end()).for_each(|b| used[b as usize] = true);
            }
        }
        HirKind::Class(Class::Unicode(c)) => {
            for r in c.iter() {
                let (lo, hi) = (r.start() as u32, r.end() as u32);
                (lo.min(0x80)..=hi.min(0x7F)).for_each(|b| used[b as usize] = true);
                if hi >= 0x80 {
                    used[0x80..].iter_mut().for_each(|u| *u = true);
                }
            }
        }
        HirKind::Repetition(r) => consumed(&r.sub, used),
        HirKind::Capture(c) => consumed(&c.sub, used),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().for_each(|h| consumed(h, used)),
    }
}

/// Bytes that must follow a position where `h` matches (before end of input),
/// and whether `h` can match empty without looking at the next byte. `None` for
/// the set means "any byte" (e.g. `\b`).
fn next_bytes(h: &Hir) -> (Option<[bool; 256]>, bool) {
    let mut set = [false; 256];
    match h.kind() {
        HirKind::Empty => (Some(set), true),
        // `$` in multi-line mode needs a newline (or the end, excluded here);
        // `\z` only the end.
        HirKind::Look(hir::Look::EndLF) => {
            set[b'\n' as usize] = true;
            (Some(set), false)
        }
        HirKind::Look(hir::Look::End) => (Some(set), false),
        HirKind::Look(_) => (None, true),
        HirKind::Literal(lit) => {
            set[lit.0[0] as usize] = true;
            (Some(set), false)
        }
        HirKind::Class(_) => {
            consumed(h, &mut set);
            (Some(set), false)
        }
        HirKind::Repetition(r) => {
            let (s, e) = next_bytes(&r.sub);
            (s, e || r.min == 0)
        }
        HirKind::Capture(c) => next_bytes(&c.sub),
        HirKind::Concat(hs) => {
            for h in hs {
                let (s, e) = next_bytes(h);
                if union(&mut set, s.as_ref()).is_none() {
                    return (None, true);
                }
                if !e {
                    return (Some(set), false);
                }
            }
            (Some(set), true)
        }
        HirKind::Alternation(hs) => {
            let mut empty = false;
            for h in hs {
                let (s, e) = next_bytes(h);
                if union(&mut set, s.as_ref()).is_none() {
                    return (None, true);
                }
                empty |= e;
            }
            (Some(set), empty)
        }
    }
}

/// Adds `other` to `set`; `None` (any byte) makes the whole result "any".
fn union(set: &mut [bool; 256], other: Option<&[bool; 256]>) -> Option<()> {
    let o = other?;
    set.iter_mut().zip(o).for_each(|(a, b)| *a |= *b);
    Some(())
}

/// The end of an inline flag group like `(?i)` or `(?m-x)` starting at `i`.
fn flag_group(src: &str, i: usize) -> Option<usize> {
    let rest = src.get(i..)?.strip_prefix("(?")?;
    let n = rest.find(')')?;
    (n > 0
        && rest[..n]
            .bytes()
            .all(|c| c.is_ascii_alphabetic() || c == b'-'))
    .then_some(i + 2 + n + 1)
}

fn is_lookahead(src: &str, at: usize) -> bool {
    src[at..].starts_with("(?=") || src[at..].starts_with("(?!")
}

/// A look-ahead group's body as a plain regex; `None` if it needs fancy-regex.
fn look(flags: &str, src: &str, s: usize, e: usize) -> Option<Look> {
    let mut body = src[s + 3..e].to_string();
    // Ruby's `\Z` (translated to a look-ahead) ending a look-ahead's body only
    // asks whether it matches there, which the plain pattern answers too.
    if let Some(rest) = body.strip_suffix(r"(?=\n?\z))") {
        body = format!(r"{rest}(?:\n?\z))");
    } else if let Some(rest) = body.strip_suffix(r"(?=\n?\z)") {
        body = format!(r"{rest}(?:\n?\z)");
    }
    let re = meta::Regex::new(&format!("{flags}(?:{body})")).ok()?;
    Some(Look {
        groups: re.captures_len() > 1,
        body,
        re,
        negative: src.as_bytes()[s + 2] == b'!',
    })
}

/// `(start, end)` byte offsets of the parentheses of every group at nesting
/// depth zero; `None` if the pattern has a top-level alternation (then the
/// ends do not apply to every branch) or is unbalanced.
fn top_level_groups(src: &str) -> Option<Vec<(usize, usize)>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut class, mut open) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' => class += 1,
            b']' if class > 0 => class -= 1,
            _ if class > 0 => {}
            b'(' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    out.push((open, i));
                }
            }
            b'|' if depth == 0 => return None,
            _ => {}
        }
        i += 1;
    }
    (depth == 0 && class == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(pat: &str, hay: &str) -> Option<usize> {
        let s = Split::new(pat).unwrap_or_else(|| panic!("{pat} not split"));
        match s.at(hay, false, &mut Vec::new()) {
            Fast::No => None,
            Fast::End(e) => Some(e),
            Fast::Fallback => Some(usize::MAX),
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(run("(?m)[ ]+(?=#|$)", "  #"), Some(2));
        // Decided without backtracking: no byte of `[ ]+` can start `#|$`.
        assert_eq!(run("(?m)[ ]+(?=#|$)", "  x"), None);
        assert_eq!(run("(?m)(?:a|ab)(?=c)", "abc"), Some(2));
        assert_eq!(run("(?m)(?:a|ab)(?=c)", "abd"), None);
        assert_eq!(run("(?m)[ a]+(?=a)", "  aab"), Some(usize::MAX));
        assert_eq!(run("(?m)[a-z ]+(?=[0-9]|\\z)", "ab c"), Some(4));
        assert_eq!(run("(?m)(?:ab|a)(?=b)", "abb"), Some(2));
        assert_eq!(run("(?m)(?![0-9])[a-z0-9]+", "ab1 "), Some(3));
        assert_eq!(run("(?m)(?![0-9])[a-z0-9]+", "1ab"), None);
        assert_eq!(run("(?m)(?i)(?=x)X+", "xX"), Some(2));
        assert_eq!(run("(?m)(?<!\\.)ab", "ab"), Some(2));
        assert_eq!(run("(?m)(?<=\\.)ab", "ab"), None);
        assert_eq!(run("(?m)[0-9]+(?= |(?=\\n?\\z))", "12\n"), Some(2));
        assert_eq!(run("(?m)[0-9]+(?= |(?=\\n?\\z))", "12\nx"), None);
        assert_eq!(run("(?m)a+(?!(\\.|-))", "aa-"), Some(usize::MAX));
        for bad in ["a(?=b)|c", "(?=(a))b", "a(?=b)c", "(a)\\1(?=b)", "a(?=b)+"] {
            assert!(Split::new(bad).is_none(), "{bad}");
        }
    }
}
