//! Java (`java`). A method declaration is recognised by its shape
//! (`type name(`); the return type part is lexed again as Java.

use std::sync::LazyLock;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::lexers::xml::WORD;
use crate::token::Token::*;

const KEYWORDS: &str = "assert|break|case|catch|continue|default|do|else|finally|for|if|goto|instanceof|new|return|switch|this|throw|try|while";
const DECLARATIONS: &str = "abstract|const|enum|extends|final|implements|native|private|protected|public|static|strictfp|super|synchronized|throws|transient|volatile";
const TYPES: &str = "boolean|byte|char|double|float|int|long|short|var|void";

type C<'a> = Cx<'a, ()>;

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| {
    let id = format!(r"[\p{{Alphabetic}}_][{WORD}]*");
    let digit = r"(?:[0-9]_+[0-9]|[0-9])";
    let mut b = Builder::new();
    b.state("root", |s| {
        s.rule(r"[^\S\n]+", Text);
        s.rule(r"//.*?$", CommentSingle);
        s.rule(r"(?s)/\*.*?\*/", CommentMultiline);
        s.rule(&format!(r"(?:{KEYWORDS})\b"), Keyword);
        s.call(
            r"(?s)(\s*(?:[a-zA-Z_][a-zA-Z0-9_.\[\]<>]*\s+)+?)([a-zA-Z_][a-zA-Z0-9_]*)(\s*)(\()",
            |cx: &mut C, m| {
                cx.recurse(m.group(1));
                cx.token(NameFunction, m.group(2));
                cx.token(Text, m.group(3));
                cx.token(Operator, m.group(4));
            },
        );
        s.rule(&format!(r"@{id}"), NameDecorator);
        s.rule(&format!(r"(?:{DECLARATIONS})\b"), KeywordDeclaration);
        s.rule(&format!(r"(?:{TYPES})\b"), KeywordType);
        s.rule(r"(?:true|false|null)\b", KeywordConstant);
        s.rule_next(
            r"(?:class|interface)\b",
            KeywordDeclaration,
            Next::Push("class"),
        );
        s.rule_next(
            r"(?:import|package)\b",
            KeywordNamespace,
            Next::Push("import"),
        );
        s.rule(r#""(\\\\|\\"|[^"])*""#, Str);
        s.rule(r"'(?:\\.|[^\\]|\\u[0-9a-f]{4})'", StrChar);
        s.groups(&format!(r"(\.)({id})"), &[Operator, NameAttribute]);
        s.rule(&format!(r"{id}:"), NameLabel);
        s.rule(r"\p{Uppercase}[\p{Uppercase}\p{Nd}_]*\b", NameConstant);
        s.rule(r"\p{Uppercase}[\p{Alphabetic}\p{Nd}]*\b", NameClass);
        s.rule(&format!(r"\$?{id}"), Name);
        s.rule(r"[~^*!%&\[\](){}<>|+=:;,./?-]", Operator);
        s.rule(
            &format!(r"{digit}+\.{digit}+([eE]{digit}+)?[fd]?"),
            NumFloat,
        );
        s.rule(r"(?i)0b(?:[01]_+[01]|[01])+", NumBin);
        s.rule(r"(?i)0x(?:[0-9a-f]_+[0-9a-f]|[0-9a-f])+", NumHex);
        s.rule(r"0(?:[0-7]_+[0-7]|[0-7])+", NumOct);
        s.rule(&format!(r"{digit}+L?"), NumInteger);
        s.rule(r"\n", Text);
    });
    b.state("class", |s| {
        s.rule(r"\s+", Text);
        s.rule_next(&id, NameClass, Next::Pop);
    });
    b.state("import", |s| {
        s.rule(r"\s+", Text);
        s.rule_next(r"(?i)[a-z0-9_.]+\*?", NameNamespace, Next::Pop);
    });
    b.build()
});
