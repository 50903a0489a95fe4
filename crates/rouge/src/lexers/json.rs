//! JSON (`json`). Keys are told from string values by the `:` that follows.

use std::sync::LazyLock;

use crate::engine::{Builder, Next, RegexLexer};
use crate::token::Token::*;

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("root", |s| {
        s.mixin("whitespace");
        s.rule_next(r"\{", Punctuation, Next::Push("object"));
        s.rule_next(r"\[", Punctuation, Next::Push("array"));
        s.mixin("name").mixin("value");
        // Possibly invalid, but Rouge does not check syntax.
        s.rule(r"[\]}]", Punctuation);
    });
    b.state("whitespace", |s| {
        s.rule(r"\s+", Whitespace);
    });
    b.state("object", |s| {
        s.mixin("whitespace").mixin("name").mixin("value");
        s.rule_next(r"\}", Punctuation, Next::Pop);
        s.rule(r",", Punctuation);
    });
    b.state("name", |s| {
        s.groups(
            r#"("(?:\\.|[^"\\\n])*?")(\s*)(:)"#,
            &[NameLabel, Whitespace, Punctuation],
        );
    });
    b.state("value", |s| {
        s.mixin("whitespace").mixin("constants");
        s.rule_next(r#"""#, StrDouble, Next::Push("string"));
        s.rule_next(r"\[", Punctuation, Next::Push("array"));
        s.rule_next(r"\{", Punctuation, Next::Push("object"));
    });
    b.state("string", |s| {
        s.rule(r#"[^\\"]+"#, StrDouble);
        s.rule(r"\\.", StrEscape);
        s.rule_next(r#"""#, StrDouble, Next::Pop);
    });
    b.state("array", |s| {
        s.mixin("value");
        s.rule_next(r"\]", Punctuation, Next::Pop);
        s.rule(r",", Punctuation);
    });
    b.state("constants", |s| {
        s.rule(r"(?:true|false|null)", KeywordConstant);
        s.rule(r"(?i)-?(?:0|[1-9]\d*)\.\d+(?:e[+-]?\d+)?", NumFloat);
        s.rule(r"(?i)-?(?:0|[1-9]\d*)(?:e[+-]?\d+)?", NumInteger);
    });
    b.build()
});
