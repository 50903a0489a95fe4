//! Unified diffs and patches (`diff`, `patch`, `udiff`): one token per line,
//! chosen by the line's first characters.

use std::sync::LazyLock;

use crate::engine::{Builder, RegexLexer};
use crate::token::Token::*;

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("root", |s| {
        s.rule(r"^ .*$\n?", Text);
        s.rule(r"^---$\n?", Punctuation);
        s.rule(r"^[+>]+.*$\n?", GenericInserted);
        s.rule(r"^\+.*$\n?", GenericInserted);
        s.rule(r"^[-<]+.*$\n?", GenericDeleted);
        s.rule(r"^!.*$\n?", GenericStrong);
        s.rule(r"^([Ii]ndex|diff).*$\n?", GenericHeading);
        s.groups(r"^(@@[^@]*@@)([^\n]*\n)", &[Punctuation, Text]);
        s.rule(r"^\w.*$\n?", Punctuation);
        s.rule(r"^=.*$\n?", GenericHeading);
        s.rule(r"\s.*$\n?", Text);
    });
    b.build()
});
