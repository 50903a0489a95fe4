//! JavaScript (`javascript`, `js`) and TypeScript (`typescript`, `ts`), which
//! Rouge derives from it with more words and two extra rules. Like Rouge, it
//! decides whether `/` starts a regex by tracking whether an expression may
//! start (`expr_start`), and whether `name:` is a label (`statement`) or an
//! object key (`object`).

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::lexers::xml::WORD;
use crate::token::Token::*;

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

static KEYWORDS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "as async await break case catch continue debugger default delete do else export finally \
         from for if import in instanceof new of return super switch this throw try typeof void \
         while yield",
    )
});
static DECLARATIONS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| set("var let const with function class extends constructor get set static"));
static RESERVED: LazyLock<HashSet<&str>> =
    LazyLock::new(|| set("enum implements interface package private protected public"));
static CONSTANTS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| set("true false null NaN Infinity undefined"));
static BUILTINS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "Array Boolean Date Error Function Math netscape Number Object Packages RegExp String sun \
         decodeURI decodeURIComponent encodeURI encodeURIComponent Error eval isFinite isNaN \
         parseFloat parseInt document window navigator self global Promise Set Map WeakSet WeakMap \
         Symbol Proxy Reflect Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array \
         Uint16ClampedArray Int32Array Uint32Array Uint32ClampedArray Float32Array Float64Array \
         DataView ArrayBuffer",
    )
});

static TS_KEYWORDS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| set("is namespace static private protected public implements readonly"));
static TS_DECLARATIONS: LazyLock<HashSet<&str>> = LazyLock::new(|| set("type abstract"));
static TS_RESERVED: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set("string any void number namespace module declare default interface keyof")
});
static TS_BUILTINS: LazyLock<HashSet<&str>> = LazyLock::new(|| set("Pick Partial Readonly Record"));

/// Rouge's JavaScript identifier.
pub(crate) fn id() -> String {
    format!(r"[\p{{L}}\p{{Nl}}$_][{WORD}]*")
}

type C<'a> = Cx<'a, ()>;

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| build(false));
pub static TYPESCRIPT: LazyLock<RegexLexer<()>> = LazyLock::new(|| build(true));

fn build(ts: bool) -> RegexLexer<()> {
    let id = id();
    let mut b = Builder::new();
    if ts {
        b.state("root", |s| {
            s.rule(r"[?][.]", Punctuation);
            s.rule(r"[?]{2}", Operator);
        });
        b.state("statement", |s| {
            s.groups_next(
                &format!(r"({id})(\??)(\s*)(:)"),
                &[NameLabel, Punctuation, Text, Punctuation],
                Next::Push("expr_start"),
            );
        });
    }
    b.state("multiline_comment", |s| {
        s.rule_next(r"[*]/", CommentMultiline, Next::Pop);
        s.rule(r"[^*/]+", CommentMultiline);
        s.rule(r"[*/]", CommentMultiline);
    });
    b.state("comments_and_whitespace", |s| {
        s.rule(r"\s+", Text);
        s.rule(r"<!--", Comment);
        s.rule(r"//.*?$", CommentSingle);
        s.rule_next(r"/[*]", CommentMultiline, Next::Push("multiline_comment"));
    });
    b.state("expr_start", |s| {
        s.mixin("comments_and_whitespace");
        s.rule_next(r"/", StrRegex, Next::Goto("regex"));
        s.rule_next(r"[{]", Punctuation, Next::Goto("object"));
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("regex", |s| {
        s.rule_next(r"/", StrRegex, Next::Goto("regex_end"));
        s.rule_next(r"[^/]\n", Error, Next::Pop);
        s.rule_next(r"\n", Error, Next::Pop);
        s.rule_next(r"\[\^", StrEscape, Next::Push("regex_group"));
        s.rule_next(r"\[", StrEscape, Next::Push("regex_group"));
        s.rule(r"\\.", StrEscape);
        s.rule(r"[(][?][:=<!]", StrEscape);
        s.rule(r"[{][\d,]+[}]", StrEscape);
        s.rule(r"[()?]", StrEscape);
        s.rule(r".", StrRegex);
    });
    b.state("regex_end", |s| {
        s.rule_next(r"[gimuy]+", StrRegex, Next::Pop);
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("regex_group", |s| {
        s.rule(r"/", StrEscape);
        s.call(r"[^/]\n", |cx: &mut C, m| {
            cx.token(Error, m.all());
            cx.pop(2);
        });
        s.rule_next(r"\]", StrEscape, Next::Pop);
        s.rule(r"\\.", StrEscape);
        s.rule(r".", StrRegex);
    });
    b.state("root", |s| {
        s.rule_next(r"(?s)\A\s*#!.*?\n", CommentPreproc, Next::Push("statement"));
        // Rouge's `(?<=\n)(?=\s|/|<!--)` rule never matches: the scanner's
        // look-behind cannot see before the scan position.
        s.mixin("comments_and_whitespace");
        // Rouge's one alternation `\+\+|--|…|\\(?=\n)|<<|…`, split into the
        // same branches in the same order so only the look-ahead needs fancy-regex.
        for pat in [r"\+\+|--|~|\?\?=?|&&|\|\|", r"\\(?=\n)", r"<<|>>>?|===|!=="] {
            s.rule_next(pat, Operator, Next::Push("expr_start"));
        }
        s.rule_next(r"[-<>+*%&|\^/!=]=?", Operator, Next::Push("expr_start"));
        s.rule_next(r"[(\[,]", Punctuation, Next::Push("expr_start"));
        s.rule_next(r";", Punctuation, Next::Push("statement"));
        s.rule(r"[)\].]", Punctuation);
        s.rule_next(r"`", StrDouble, Next::Push("template_string"));
        s.rule(r"[?][.]", Punctuation);
        s.call(r"[?]", |cx: &mut C, m| {
            cx.token(Punctuation, m.all());
            cx.push("ternary");
            cx.push("expr_start");
        });
        s.groups_next(
            r"(\@)(\w+)?",
            &[Punctuation, NameDecorator],
            Next::Push("expr_start"),
        );
        s.rule_next(r"[{}]", Punctuation, Next::Push("statement"));
        s.call(&id, move |cx: &mut C, m| {
            let w = m.all();
            if KEYWORDS.contains(w) || (ts && TS_KEYWORDS.contains(w)) {
                cx.token(Keyword, w);
                cx.push("expr_start");
            } else if DECLARATIONS.contains(w) || (ts && TS_DECLARATIONS.contains(w)) {
                cx.token(KeywordDeclaration, w);
                cx.push("expr_start");
            } else if RESERVED.contains(w) || (ts && TS_RESERVED.contains(w)) {
                cx.token(KeywordReserved, w);
            } else if CONSTANTS.contains(w) {
                cx.token(KeywordConstant, w);
            } else if BUILTINS.contains(w) || (ts && TS_BUILTINS.contains(w)) {
                cx.token(NameBuiltin, w);
            } else {
                cx.token(NameOther, w);
            }
        });
        s.rule(r"[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?", NumFloat);
        s.rule(r"(?i)0x[0-9a-fA-F]+", NumHex);
        s.rule(r"(?i)0o[0-7][0-7_]*", NumOct);
        s.rule(r"(?i)0b[01][01_]*", NumBin);
        s.rule(r"[0-9]+", NumInteger);
        s.rule_next(r#"""#, StrDelimiter, Next::Push("dq"));
        s.rule_next(r"'", StrDelimiter, Next::Push("sq"));
        s.rule(r":", Punctuation);
    });
    b.state("dq", |s| {
        s.rule(r#"\\[\\nrt"]?"#, StrEscape);
        s.rule(r#"[^\\"]+"#, StrDouble);
        s.rule_next(r#"""#, StrDelimiter, Next::Pop);
    });
    b.state("sq", |s| {
        s.rule(r"\\[\\nrt']?", StrEscape);
        s.rule(r"[^\\']+", StrSingle);
        s.rule_next(r"'", StrDelimiter, Next::Pop);
    });
    b.state("statement", |s| {
        s.rule_next(r"case\b", Keyword, Next::Goto("expr_start"));
        s.groups(&format!(r"({id})(\s*)(:)"), &[NameLabel, Text, Punctuation]);
        s.mixin("expr_start");
    });
    b.state("object", |s| {
        s.mixin("comments_and_whitespace");
        s.rule_next(r"[{]", Punctuation, Next::PushSelf);
        s.rule_next(r"[}]", Punctuation, Next::Goto("statement"));
        s.groups_next(
            &format!(r"({id})(\s*)(:)"),
            &[NameAttribute, Text, Punctuation],
            Next::Push("expr_start"),
        );
        s.rule(r":", Punctuation);
        s.mixin("root");
    });
    b.state("ternary", |s| {
        s.rule_next(r":", Punctuation, Next::Goto("expr_start"));
        s.mixin("root");
    });
    b.state("template_string", |s| {
        s.rule_next(r"[$]\{", Punctuation, Next::Push("template_string_expr"));
        s.rule_next(r"`", StrDouble, Next::Pop);
        s.rule(r"\\[$`]", StrEscape);
        s.rule(r"[^$`\\]+", StrDouble);
        s.rule(r"[\\$]", StrDouble);
    });
    b.state("template_string_expr", |s| {
        s.rule_next(r"\}", Punctuation, Next::Pop);
        s.mixin("root");
    });
    b.build()
}
