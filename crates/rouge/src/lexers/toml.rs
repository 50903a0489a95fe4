//! TOML (`toml`): keys, tables, strings, numbers and dates.

use std::sync::LazyLock;

use crate::engine::{Builder, Next, RegexLexer};
use crate::token::Token::*;

const IDENT: &str = r#"(?:\S+|"[^"]+"|'[^']+')"#;

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("basic", |s| {
        s.rule(r"\s+", Text);
        s.rule(r"#.*?$", Comment);
        s.rule(r"(true|false)", KeywordConstant);
        s.groups_next(
            &format!(r"({IDENT})(\s*)(=)(\s*)(\{{)"),
            &[NameNamespace, Text, Operator, Text, Punctuation],
            Next::Push("inline"),
        );
        // Rouge guards this with `(?<!=)`, which always holds at the scan position.
        s.rule(r"\s*\[[\S]+\]", NameNamespace);
        s.rule(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", LiteralDate);
        s.rule(
            r"[+-]?\d+(?:_\d+)*\.\d+(?:_\d+)*(?:[eE][+-]?\d+(?:_\d+)*)?",
            NumFloat,
        );
        s.rule(r"[+-]?\d+(?:_\d+)*[eE][+-]?\d+(?:_\d+)*", NumFloat);
        s.rule(r"[+-]?(?:nan|inf)", NumFloat);
        s.rule(r"0x\h+(?:_\h+)*", NumHex);
        s.rule(r"0o[0-7]+(?:_[0-7]+)*", NumOct);
        s.rule(r"0b[01]+(?:_[01]+)*", NumBin);
        s.rule(r"[+-]?\d+(?:_\d+)*", NumInteger);
    });
    b.state("root", |s| {
        s.mixin("basic");
        s.groups_next(
            &format!(r"({IDENT})(\s*)(=)"),
            &[NameProperty, Text, Punctuation],
            Next::Push("value"),
        );
    });
    b.state("value", |s| {
        s.rule_next(r"\n", Text, Next::Pop);
        s.mixin("content");
    });
    b.state("content", |s| {
        s.mixin("basic");
        s.groups(
            &format!(r"({IDENT})(\s*)(=)"),
            &[NameProperty, Text, Punctuation],
        );
        s.rule_next(r#"""""#, Str, Next::Push("mdq"));
        s.rule_next(r#"""#, Str, Next::Push("dq"));
        s.rule_next(r"'''", Str, Next::Push("msq"));
        s.rule_next(r"'", Str, Next::Push("sq"));
        s.mixin("esc_str");
        s.rule(r",", Punctuation);
        s.rule_next(r"\[", Punctuation, Next::Push("array"));
    });
    b.state("dq", |s| {
        s.rule_next(r#"""#, Str, Next::Pop);
        s.rule_next(r"\n", Error, Next::Pop);
        s.mixin("esc_str");
        s.rule(r#"[^\\"\n]+"#, Str);
    });
    b.state("mdq", |s| {
        s.rule_next(r#"""""#, Str, Next::Pop);
        s.mixin("esc_str");
        s.rule(r#"[^\\"]+"#, Str);
        s.rule(r#""+"#, Str);
    });
    b.state("sq", |s| {
        s.rule_next(r"'", Str, Next::Pop);
        s.rule_next(r"\n", Error, Next::Pop);
        s.rule(r"[^'\n]+", Str);
    });
    b.state("msq", |s| {
        s.rule_next(r"'''", Str, Next::Pop);
        s.rule(r"[^']+", Str);
        s.rule(r"'+", Str);
    });
    b.state("esc_str", |s| {
        s.rule(r#"\\[0t\tn\n "\\r]"#, StrEscape);
    });
    b.state("array", |s| {
        s.mixin("content");
        s.rule_next(r"\]", Punctuation, Next::Pop);
    });
    b.state("inline", |s| {
        s.mixin("content");
        s.rule_next(r"\}", Punctuation, Next::Pop);
    });
    b.build()
});
