//! R (`r`, `R`, `s`, `S`).

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::engine::{Builder, Cx, RegexLexer};
use crate::token::Token::*;

const PRIMITIVES: &str = "abs|acos|acosh|all|any|anyNA|Arg|as.call|as.character|as.complex|as.double|\
as.environment|as.integer|as.logical|as.null.default|as.numeric|as.raw|asin|asinh|atan|atanh|attr|\
attributes|baseenv|browser|c|call|ceiling|class|Conj|cos|cosh|cospi|cummax|cummin|cumprod|cumsum|\
digamma|dim|dimnames|emptyenv|exp|expression|floor|forceAndCall|gamma|gc.time|globalenv|Im|\
interactive|invisible|is.array|is.atomic|is.call|is.character|is.complex|is.double|is.environment|\
is.expression|is.finite|is.function|is.infinite|is.integer|is.language|is.list|is.logical|is.matrix|\
is.na|is.name|is.nan|is.null|is.numeric|is.object|is.pairlist|is.raw|is.recursive|is.single|\
is.symbol|lazyLoadDBfetch|length|lgamma|list|log|max|min|missing|Mod|names|nargs|nzchar|oldClass|\
on.exit|pos.to.env|proc.time|prod|quote|range|Re|rep|retracemem|return|round|seq_along|seq_len|\
seq.int|sign|signif|sin|sinh|sinpi|sqrt|standardGeneric|substitute|sum|switch|tan|tanh|tanpi|\
tracemem|trigamma|trunc|unclass|untracemem|UseMethod|xtfrm";

static KEYWORDS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "if else for while repeat in next break function"
        .split(' ')
        .collect()
});
static KEYWORD_CONSTANTS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "NULL Inf TRUE FALSE NaN NA NA_integer_ NA_real_ NA_complex_ NA_character_"
        .split(' ')
        .collect()
});
static BUILTIN_CONSTANTS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "LETTERS letters month.abb month.name pi T F"
        .split(' ')
        .collect()
});

type C<'a> = Cx<'a, ()>;

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("root", |s| {
        s.rule(r"#'.*?$", CommentDoc);
        s.rule(r"#.*?$", CommentSingle);
        s.rule(r"\s+", Whitespace);
        s.rule(r"`[^`]+?`", Name);
        s.rule(r"(?s)'(\\.|.)*?'", StrSingle);
        s.rule(r#"(?s)"(\\.|.)*?""#, StrDouble);
        s.rule(r"%[^%]*?%", Operator);
        s.rule(r"0[xX][a-fA-F0-9]+([pP][0-9]+)?[Li]?", NumHex);
        s.rule(r"[+-]?(\d+([.]\d+)?|[.]\d+)([eE][+-]?\d+)?[Li]?", Num);
        // Rouge also requires `(?<!.)`, which always holds at the scan position.
        s.rule(&format!(r"\b({PRIMITIVES})(?=\()"), NameFunction);
        s.call(
            r"(?:(?:\p{Alphabetic}|[.][._\p{Alphabetic}])[._\p{Alphabetic}\p{Nd}]*)|[.]",
            |cx: &mut C, m| {
                let w = m.all();
                let tok = if KEYWORDS.contains(w) {
                    Keyword
                } else if KEYWORD_CONSTANTS.contains(w) {
                    KeywordConstant
                } else if BUILTIN_CONSTANTS.contains(w) {
                    NameBuiltin
                } else {
                    Name
                };
                cx.token(tok, w);
            },
        );
        s.rule(r"[\[\]{}();,]", Punctuation);
        s.rule(r"[-<>?*+^/!=~$@:%&|]", Operator);
    });
    b.build()
});
