//! Which bytes can start a match of a pattern. Most rules fail on most
//! positions; checking the first byte first skips almost all regex calls.

use fancy_regex::Expr;
use regex_syntax::hir::{Class, Hir, HirKind};

/// Bytes a non-empty match can start with, and whether the empty string may match
/// (in which case the rule must always be tried).
#[derive(Clone)]
pub struct FirstBytes {
    pub set: [bool; 256],
    pub nullable: bool,
}

impl FirstBytes {
    fn none() -> Self {
        FirstBytes {
            set: [false; 256],
            nullable: true,
        }
    }
    fn any() -> Self {
        FirstBytes {
            set: [true; 256],
            nullable: true,
        }
    }
    pub fn union(&mut self, other: &FirstBytes) {
        for (a, b) in self.set.iter_mut().zip(other.set.iter()) {
            *a |= *b;
        }
    }
    pub fn may_start(&self, b: u8) -> bool {
        self.nullable || self.set[b as usize]
    }
}

fn utf8_first(c: char) -> u8 {
    let mut buf = [0; 4];
    c.encode_utf8(&mut buf).as_bytes()[0]
}

fn of_hir(h: &Hir) -> FirstBytes {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => FirstBytes::none(),
        HirKind::Literal(lit) => {
            let mut f = FirstBytes::none();
            if let Some(&b) = lit.0.first() {
                f.set[b as usize] = true;
                f.nullable = false;
            }
            f
        }
        HirKind::Class(Class::Unicode(cls)) => {
            let mut f = FirstBytes {
                set: [false; 256],
                nullable: false,
            };
            for r in cls.iter() {
                for b in utf8_first(r.start())..=utf8_first(r.end()) {
                    f.set[b as usize] = true;
                }
            }
            f
        }
        HirKind::Class(Class::Bytes(cls)) => {
            let mut f = FirstBytes {
                set: [false; 256],
                nullable: false,
            };
            for r in cls.iter() {
                for b in r.start()..=r.end() {
                    f.set[b as usize] = true;
                }
            }
            f
        }
        HirKind::Repetition(rep) => {
            let mut f = of_hir(&rep.sub);
            if rep.min == 0 {
                f.nullable = true;
            }
            f
        }
        HirKind::Capture(cap) => of_hir(&cap.sub),
        HirKind::Concat(parts) => concat(parts.iter().map(of_hir)),
        HirKind::Alternation(alts) => alternation(alts.iter().map(of_hir)),
    }
}

fn concat(parts: impl Iterator<Item = FirstBytes>) -> FirstBytes {
    let mut f = FirstBytes::none();
    for p in parts {
        f.union(&p);
        if !p.nullable {
            f.nullable = false;
            return f;
        }
    }
    f
}

fn alternation(alts: impl Iterator<Item = FirstBytes>) -> FirstBytes {
    let mut f = FirstBytes {
        set: [false; 256],
        nullable: false,
    };
    for a in alts {
        f.union(&a);
        f.nullable |= a.nullable;
    }
    f
}

fn of_delegate(inner: &str, casei: bool) -> FirstBytes {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(casei)
        .multi_line(true)
        .build()
        .parse(inner)
        .map(|h| of_hir(&h))
        .unwrap_or_else(|_| FirstBytes::any())
}

fn of_expr(e: &Expr) -> FirstBytes {
    match e {
        Expr::Empty | Expr::Assertion(_) | Expr::LookAround(..) | Expr::KeepOut => {
            FirstBytes::none()
        }
        Expr::Literal { val, casei } => {
            let mut f = FirstBytes::none();
            if let Some(c) = val.chars().next() {
                f.nullable = false;
                if *casei {
                    for u in c.to_lowercase().chain(c.to_uppercase()) {
                        f.set[utf8_first(u) as usize] = true;
                    }
                    // Unicode case folding may add more (e.g. K and the Kelvin sign).
                    for b in 0x80..=0xFF {
                        f.set[b] = true;
                    }
                }
                f.set[utf8_first(c) as usize] = true;
            }
            f
        }
        Expr::Delegate { inner, casei, .. } => of_delegate(inner, *casei),
        Expr::Concat(parts) => concat(parts.iter().map(of_expr)),
        Expr::Alt(alts) => alternation(alts.iter().map(of_expr)),
        Expr::Group(inner) => of_expr(inner),
        Expr::AtomicGroup(inner) => of_expr(inner),
        Expr::Repeat { child, lo, .. } => {
            let mut f = of_expr(child);
            if *lo == 0 {
                f.nullable = true;
            }
            f
        }
        _ => FirstBytes::any(),
    }
}

/// First bytes of a translated pattern (Rust regex or fancy-regex syntax).
pub fn first_bytes(pattern: &str) -> FirstBytes {
    if let Ok(h) = regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .build()
        .parse(pattern)
    {
        return of_hir(&h);
    }
    match Expr::parse_tree(pattern) {
        Ok(tree) => of_expr(&tree.expr),
        Err(_) => FirstBytes::any(),
    }
}

#[cfg(test)]
mod tests {
    use super::first_bytes;

    #[test]
    fn first_bytes_of_patterns() {
        // (pattern, bytes that may start it, bytes that may not)
        for (pat, yes, no) in [
            (r"#.*$", "#", "a \n"),
            (r"[ ]+(?=#|$)", " ", "#a"),
            (r"(?i)true|false", "tTfF", "xn"),
            (r"\s*?\n", " \t\n", "a"),
            (r"é", "\u{e9}", "e"),
        ] {
            let f = first_bytes(&crate::engine::translate(pat));
            for b in yes.bytes().take(1) {
                assert!(f.may_start(b), "{pat} {b}");
            }
            for b in no.bytes() {
                assert!(!f.may_start(b), "{pat} {b}");
            }
        }
        assert!(first_bytes(r"[ ]*").nullable);
    }
}
