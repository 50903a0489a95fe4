//! XML (`xml`): tags, attributes, comments, CDATA and processing instructions.

use std::sync::LazyLock;

use crate::engine::{Builder, Next, RegexLexer};
use crate::token::Token::*;

/// Onigmo's `\p{Word}`: letters, marks, decimal digits, connector punctuation.
pub(crate) const WORD: &str = r"\p{L}\p{M}\p{Nd}\p{Pc}";

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| {
    let name = format!(r"[\p{{L}}:_][{WORD}\p{{Cf}}:.·-]*");
    let mut b = Builder::new();
    b.state("root", |s| {
        s.rule(r"[^<&]+", Text);
        s.rule(r"&\S*?;", NameEntity);
        s.rule(r"<!\[CDATA\[.*?\]\]>", CommentPreproc);
        s.rule_next(r"<!--", Comment, Next::Push("comment"));
        s.rule(r"<\?.*?\?>", CommentPreproc);
        s.rule(r"<![^>]*>", CommentPreproc);
        s.rule_next(&format!(r"<\s*{name}"), NameTag, Next::Push("tag"));
        s.rule(&format!(r"<\s*/\s*{name}\s*>"), NameTag);
    });
    b.state("comment", |s| {
        s.rule(r"[^-]+", Comment);
        s.rule_next(r"-->", Comment, Next::Pop);
        s.rule(r"-", Comment);
    });
    b.state("tag", |s| {
        s.rule(r"\s+", Text);
        s.rule_next(&format!(r"{name}\s*="), NameAttribute, Next::Push("attr"));
        s.rule_next(r"/?\s*>", NameTag, Next::Pop);
    });
    b.state("attr", |s| {
        s.rule(r"\s+", Text);
        s.rule_next(r#"(?s)".*?"|'.*?'|[^\s>]+"#, Str, Next::Pop);
    });
    b.build()
});
