//! Liquid templates (`liquid`): text with `{% tag %}` and `{{ output }}`
//! markup; `comment` and `raw` blocks swallow everything up to their end tag.

use std::sync::LazyLock;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::token::Token::{self, *};

type C<'a> = Cx<'a, ()>;

/// Rouge picks the token of a loop collection or cycle group by searching the
/// text for a quoted string anywhere in it.
fn quoted_kind(s: Option<&str>, otherwise: Token) -> Token {
    let Some(s) = s else { return otherwise };
    let has = |q: char| {
        let mut parts = s.split(q);
        parts.next();
        // An opening quote followed later by a closing one.
        parts.count() >= 2
    };
    if has('\'') {
        StrSingle
    } else if has('"') {
        StrDouble
    } else {
        otherwise
    }
}

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("root", |s| {
        s.rule(r"[^{]+", Text);
        s.groups_next(
            r"(\{%-?)(\s*)",
            &[Punctuation, Whitespace],
            Next::Push("tag_or_block"),
        );
        s.groups_next(
            r"(\{\{-?)(\s*)",
            &[Punctuation, Whitespace],
            Next::Push("output"),
        );
        s.rule(r"\{", Text);
    });
    b.state("tag_or_block", |s| {
        s.rule_next(r"(if|elsif|unless|case)\b", KeywordReserved, Next::Push("condition"));
        s.rule_next(r"(when)\b", KeywordReserved, Next::Push("when"));
        s.groups_next(r"(else)(\s*)(-?%\})", &[KeywordReserved, Whitespace, Punctuation], Next::Pop);
        s.groups_next(
            r"(capture|(?:in|de)crement)(\s+)([^\s%]+)(\s*)(-?%\})",
            &[NameTag, Whitespace, NameVariable, Whitespace, Punctuation],
            Next::Pop,
        );
        s.groups_next(r"(comment)(\s*)(-?%\})", &[NameTag, Whitespace, Punctuation], Next::Push("comment"));
        s.groups_next(r"(raw)(\s*)(-?%\})", &[NameTag, Whitespace, Punctuation], Next::Push("raw"));
        s.groups_next(
            r"(end(?:if|unless|case))(\s*)(-?%\})",
            &[KeywordReserved, Whitespace, Punctuation],
            Next::Pop,
        );
        s.groups_next(r"(end(?:[^\s%]+))(\s*)(-?%\})", &[NameTag, Whitespace, Punctuation], Next::Pop);
        s.rule_next(r"(assign|echo)\b", NameTag, Next::Push("assign"));
        s.rule_next(r"(include|render)\b", NameTag, Next::Push("include"));
        s.call(r"(cycle)(\s+)(?:([^\s:]*)(\s*)(:))?(\s*)", |cx: &mut C, m| {
            let kind = quoted_kind(m.get(3), NameAttribute);
            let toks = [NameTag, Whitespace, kind, Whitespace, Punctuation, Whitespace];
            for (i, tok) in toks.into_iter().enumerate() {
                cx.token(tok, m.group(i + 1));
            }
            cx.push("variable_tag_markup");
        });
        s.call(
            r#"(for|tablerow)(\s+)([\w-]+)(\s+)(in)(\s+)((?:[^\s%,|'"]|(?:"[^"]*"|'[^']*'))+)(\s*)"#,
            |cx: &mut C, m| {
                let toks = [NameTag, Whitespace, NameVariable, Whitespace, NameTag, Whitespace];
                for (i, tok) in toks.into_iter().enumerate() {
                    cx.token(tok, m.group(i + 1));
                }
                cx.token(quoted_kind(m.get(7), NameVariable), m.group(7));
                cx.token(Whitespace, m.group(8));
                cx.push("tag_markup");
            },
        );
        s.groups_next(r"([^\s%]+)(\s*)", &[NameTag, Whitespace], Next::Push("tag_markup"));
    });
    b.state("output", |s| {
        s.groups_next(
            r"(\|)(\s*)([a-zA-Z_][^\s}|:]*)",
            &[Punctuation, Whitespace, NameFunction],
            Next::Push("filters"),
        );
        s.mixin("end_of_tag").mixin("generic");
    });
    b.state("filters", |s| {
        s.groups(
            r"(\|)(\s*)([a-zA-Z_][^\s%}|:]*)",
            &[Punctuation, Whitespace, NameFunction],
        );
        s.mixin("end_of_tag")
            .mixin("end_of_block")
            .mixin("variable_param_markup");
    });
    b.state("condition", |s| {
        s.rule(r"([=!]=|[<>]=?)", Operator);
        s.rule(r"(and|or|contains)\b", OperatorWord);
        s.mixin("end_of_block").mixin("generic");
    });
    b.state("when", |s| {
        s.mixin("end_of_block").mixin("generic");
    });
    b.state("end_of_tag", |s| {
        s.call(r"-?\}\}", |cx: &mut C, m| {
            cx.token(Punctuation, m.all());
            cx.reset_stack();
        });
    });
    b.state("end_of_block", |s| {
        s.call(r"-?%\}", |cx: &mut C, m| {
            cx.token(Punctuation, m.all());
            cx.reset_stack();
        });
    });
    b.state("param_markup", |s| {
        s.mixin("whitespace")
            .mixin("keyword")
            .mixin("string")
            .mixin("number");
        s.groups(
            r"([^\s=:]+)(\s*)(=|:)",
            &[NameAttribute, Whitespace, Operator],
        );
        s.rule(r"[,:]", Punctuation);
    });
    b.state("default_param_markup", |s| {
        s.mixin("param_markup");
        s.rule(r"\S+", Text);
    });
    b.state("variable_param_markup", |s| {
        s.mixin("param_markup").mixin("variable");
        s.rule(r"\S+", Text);
    });
    b.state("tag_markup", |s| {
        s.rule(r"(reversed)\b", NameAttribute);
        s.mixin("end_of_block").mixin("default_param_markup");
    });
    b.state("variable_tag_markup", |s| {
        s.mixin("end_of_block").mixin("variable_param_markup");
    });
    b.state("keyword", |s| {
        s.rule(r"(false|true|nil)\b", KeywordConstant);
    });
    b.state("variable", |s| {
        s.rule(r"(empty|blank|forloop\.[^\s%}|:]+)\b", NameBuiltin);
        s.rule(r"\.(?=\w)|\[|\]", Punctuation);
        s.rule(r"(first|last|size)\b", NameFunction);
        s.rule(r"[a-zA-Z_][\w-]*\??", NameVariable);
    });
    b.state("string", |s| {
        s.rule(r"'[^']*'", StrSingle);
        s.rule(r#""[^"]*""#, StrDouble);
    });
    b.state("number", |s| {
        s.rule(r"-", Operator);
        s.rule(r"\d+\.\d+", NumFloat);
        s.rule(r"\d+", NumInteger);
    });
    b.state("generic", |s| {
        s.mixin("whitespace")
            .mixin("keyword")
            .mixin("string")
            .mixin("number")
            .mixin("variable");
    });
    b.state("whitespace", |s| {
        s.rule(r"[ \t]+", Whitespace);
    });
    for (name, end, tok) in [("comment", "endcomment", Comment), ("raw", "endraw", Text)] {
        b.state(name, |s| {
            s.rule(r"[^{]+", tok);
            s.call(
                &format!(r"(\{{%-?)(\s*)({end})(\s*)(-?%\}})"),
                |cx: &mut C, m| {
                    let toks = [Punctuation, Whitespace, NameTag, Whitespace, Punctuation];
                    for (i, t) in toks.into_iter().enumerate() {
                        cx.token(t, m.group(i + 1));
                    }
                    cx.reset_stack();
                },
            );
            s.rule(r"\{", tok);
        });
    }
    b.state("assign", |s| {
        s.rule(r"=", Operator);
        s.groups_next(
            r"(\|)(\s*)([a-zA-Z_][^\s%|:]*)",
            &[Punctuation, Whitespace, NameFunction],
            Next::Push("filters"),
        );
        s.mixin("end_of_block").mixin("generic");
    });
    b.state("include", |s| {
        s.groups_next(
            r"(\{\{-?)(\s*)",
            &[Punctuation, Whitespace],
            Next::Push("output_embed"),
        );
        s.rule(r"(with|for)\b", NameTag);
        s.rule(r"[/\w-]+(\.[\w-]+)+\b", Text);
        s.mixin("variable_tag_markup");
    });
    b.state("output_embed", |s| {
        s.groups(
            r"(\|)(\s*)([a-zA-Z_][^\s}|:]*)",
            &[Punctuation, Whitespace, NameFunction],
        );
        s.rule_next(r"-?\}\}", Punctuation, Next::Pop);
        s.mixin("variable_param_markup");
    });
    b.build()
});
