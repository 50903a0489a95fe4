//! Go (`go`, `golang`): a flat list of token rules plus string states.

use std::sync::LazyLock;

use crate::engine::{Builder, Next, RegexLexer};
use crate::token::Token::*;

const KEYWORD: &str = r"\b(?:break|default|func|interface|select|case|defer|go|map|struct|chan|else|goto|package|switch|const|fallthrough|if|range|type|continue|for|import|return|var)\b";
const TYPES: &str = r"\b(?:bool|byte|complex64|complex128|error|float32|float64|int8|int16|int32|int64|int|rune|string|uint8|uint16|uint32|uint64|uintptr|uint)\b";
const FUNCTIONS: &str = r"\b(?:append|cap|close|complex|copy|delete|imag|len|make|new|panic|print|println|real|recover)\b";
const OPERATOR: &str = r"\+=|\+\+|\+|&\^=|&\^|&=|&&|&|==|=|!=|!|-=|--|-|\|=|\|\||\||<=|<-|<<=|<<|<|\*=|\*|\^=|\^|>>=|>>|>=|>|/|/=|:=|%|%=|\.\.\.|\.|:";
const FLOAT: &str =
    r"[0-9]+\.[0-9]*(?:[eE][+\-]?[0-9]+)?|[0-9]+[eE][+\-]?[0-9]+|\.[0-9]+(?:[eE][+\-]?[0-9]+)?";
const CHAR: &str = r#"'(?:[^\n]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\[abfnrtv\\'"]|\\[0-7]{3}|\\x[0-9A-Fa-f]{2})'"#;

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("simple_tokens", |s| {
        s.rule(r"//.*|(?s:/\*.*?\*/)", Comment);
        s.rule(KEYWORD, Keyword);
        s.rule(TYPES, KeywordType);
        s.rule(FUNCTIONS, NameBuiltin);
        s.rule(r"\b(?:true|false|iota|nil)\b", NameConstant);
        s.rule(&format!(r"(?:[0-9]+|{FLOAT})i"), Num);
        s.rule(FLOAT, Num);
        s.rule(r"0[xX][0-9A-Fa-f]+|[0-9][0-9]*|0[0-7]*", Num);
        s.rule(CHAR, StrChar);
        s.rule(OPERATOR, Operator);
        s.rule(r"\(|\)|\[|\]|\{|\}|,|;", Punctuation);
        // Rouge's `(?!KEYWORD)` guard is implied: keywords matched above.
        s.rule(r"(?:\p{Alphabetic}|_)(?:\p{Alphabetic}|_|\p{Nd})*", Name);
        s.rule(r"\s+", Text);
    });
    b.state("root", |s| {
        s.mixin("simple_tokens");
        s.rule_next(r"`", Str, Next::Push("raw_string"));
        s.rule_next(r#"""#, Str, Next::Push("interpreted_string"));
    });
    b.state("interpreted_string", |s| {
        s.rule(
            r#"\\[abfnrtv\\'"]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\x[0-9A-Fa-f]{2}"#,
            StrEscape,
        );
        s.rule(r"\\.", Error);
        s.rule_next(r#"""#, Str, Next::Pop);
        s.rule(r#"[^"\\]+"#, Str);
    });
    b.state("raw_string", |s| {
        s.rule_next(r"`", Str, Next::Pop);
        s.rule(r"(?s)[^`]+", Str);
    });
    b.build()
});
