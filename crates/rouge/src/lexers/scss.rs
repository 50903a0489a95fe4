//! SCSS (`scss`), Rouge's `SassCommon` states with SCSS's own root: a line is
//! guessed to be an attribute (`name: value;`) or a selector by look-ahead.

use std::sync::LazyLock;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::lexers::css::{ATTRIBUTES, BUILTINS, CONSTANTS};
use crate::token::Token::*;

const ID: &str = r"[\w-]+";

type C<'a> = Cx<'a, ()>;

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("root", |s| {
        s.rule(r"\s+", Text);
        s.rule(r"//.*?$", CommentSingle);
        s.rule(r"(?s)/[*].*?[*]/", CommentMultiline);
        s.rule_next(r"@import\b", Keyword, Next::Push("value"));
        s.mixin("content_common");
        s.call(r"(?=[^;{}][;}])", |cx: &mut C, _| cx.push("attribute"));
        s.call(r"(?=[^;{}:\[]+:[^a-z])", |cx: &mut C, _| {
            cx.push("attribute")
        });
        s.call(r"", |cx: &mut C, _| cx.push("selector"));
    });
    b.state("end_section", |s| {
        s.rule(r"\n", Text);
        s.call(r"[;{}]", |cx: &mut C, m| {
            cx.token(Punctuation, m.all());
            cx.reset_stack();
        });
    });
    b.state("content_common", |s| {
        s.rule_next(r"@for\b", Keyword, Next::Push("for"));
        s.rule_next(
            r"@(debug|warn|if|each|while|else|return|media)",
            Keyword,
            Next::Push("value"),
        );
        s.groups_next(
            &format!(r"(@mixin)(\s+)({ID})"),
            &[Keyword, Text, NameFunction],
            Next::Push("value"),
        );
        s.groups_next(
            &format!(r"(@function)(\s+)({ID})"),
            &[Keyword, Text, NameFunction],
            Next::Push("value"),
        );
        s.rule_next(r"@extend\b", Keyword, Next::Push("selector"));
        s.groups_next(
            &format!(r"(@include)(\s+)({ID})"),
            &[Keyword, Text, NameDecorator],
            Next::Push("value"),
        );
        s.rule_next(&format!(r"@{ID}"), Keyword, Next::Push("selector"));
        s.rule_next(r"&", Keyword, Next::Push("selector"));
        s.groups_next(
            &format!(r"([$]{ID})([ \t]*)(:)"),
            &[NameVariable, Text, Punctuation],
            Next::Push("value"),
        );
    });
    b.state("value", |s| {
        s.mixin("end_section");
        s.rule(r"[ \t]+", Text);
        s.rule(&format!(r"[$]{ID}"), NameVariable);
        s.rule_next(r"url[(]", StrOther, Next::Push("string_url"));
        s.rule(&format!(r"{ID}(?=\s*[(])"), NameFunction);
        s.rule(&format!(r"%{ID}"), NameDecorator);
        s.rule(r"(true|false)\b", NameBuiltinPseudo);
        s.rule(r"(and|or|not)\b", OperatorWord);
        s.rule(r"(?i)#[a-z0-9]{1,6}", NumHex);
        s.rule(r"-?\d+(%|[a-z]+)?", Num);
        s.rule(r"-?\d*\.\d+(%|[a-z]+)?", NumInteger);
        s.mixin("has_strings").mixin("has_interp");
        s.rule(r"[~^*!&%<>|+=@:,./?-]+", Operator);
        s.rule(r"[\[\]()]+", Punctuation);
        s.rule_next(r"/[*]", CommentMultiline, Next::Push("inline_comment"));
        s.rule(r"//[^\n]*", CommentSingle);
        s.call(ID, |cx: &mut C, m| {
            let w = m.all();
            let tok = if BUILTINS.contains(w) {
                NameBuiltin
            } else if CONSTANTS.contains(w) {
                NameConstant
            } else {
                Name
            };
            cx.token(tok, w);
        });
    });
    b.state("has_interp", |s| {
        s.rule_next(r"[#][{]", StrInterpol, Next::Push("interpolation"));
    });
    b.state("has_strings", |s| {
        s.rule_next(r#"""#, StrDouble, Next::Push("dq"));
        s.rule_next(r"'", StrSingle, Next::Push("sq"));
    });
    b.state("interpolation", |s| {
        s.rule_next(r"\}", StrInterpol, Next::Pop);
        s.mixin("value");
    });
    b.state("selector", |s| {
        s.mixin("end_section")
            .mixin("has_strings")
            .mixin("has_interp");
        s.rule(r"[ \t]+", Text);
        s.rule_next(r":", NameDecorator, Next::Push("pseudo_class"));
        s.rule_next(r"[.]", NameClass, Next::Push("class"));
        s.rule_next(r"#", NameNamespace, Next::Push("id"));
        s.rule_next(r"%", NameVariable, Next::Push("placeholder"));
        s.rule(ID, NameTag);
        s.rule(r"&", Keyword);
        s.rule(r"[~^*!&\[\]()<>|+=@:;,./?-]", Operator);
    });
    b.state("dq", |s| {
        s.rule_next(r#"""#, StrDouble, Next::Pop);
        s.mixin("has_interp");
        s.rule(r##"(\\.|#(?![{])|[^\n"#])+"##, StrDouble);
    });
    b.state("sq", |s| {
        s.rule_next(r"'", StrSingle, Next::Pop);
        s.mixin("has_interp");
        s.rule(r"(\\.|#(?![{])|[^\n'#])+", StrSingle);
    });
    b.state("string_url", |s| {
        s.rule_next(r"[)]", StrOther, Next::Pop);
        s.rule(r"(\\.|#(?![{])|[^\n)#])+", StrOther);
        s.mixin("has_interp");
    });
    b.state("selector_piece", |s| {
        s.mixin("has_interp");
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    for (name, tok) in [
        ("pseudo_class", NameDecorator),
        ("class", NameClass),
        ("id", NameNamespace),
        ("placeholder", NameVariable),
    ] {
        b.state(name, |s| {
            s.rule(ID, tok);
            s.mixin("selector_piece");
        });
    }
    b.state("for", |s| {
        s.rule(r"(from|to|through)", OperatorWord);
        s.mixin("value");
    });
    b.state("attr_common", |s| {
        s.mixin("has_interp");
        s.call(ID, |cx: &mut C, m| {
            let tok = if ATTRIBUTES.contains(m.all()) {
                NameLabel
            } else {
                NameAttribute
            };
            cx.token(tok, m.all());
        });
    });
    b.state("attribute", |s| {
        s.mixin("attr_common");
        s.groups_next(r"([ \t]*)(:)", &[Text, Punctuation], Next::Push("value"));
    });
    b.state("inline_comment", |s| {
        s.rule(r"(\\#|#(?=[^\n{])|\*(?=[^\n/])|[^\n#*])+", CommentMultiline);
        s.mixin("has_interp");
        s.rule_next(r"[*]/", CommentMultiline, Next::Pop);
    });
    b.build()
});
