//! Rust (`rust`, `rs`, and the rustdoc `rust,no_run`-style aliases). Macro
//! invocations are followed until their delimiters balance again.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::token::Token::*;

const KEYWORDS: &str = "as|async|await|break|const|continue|crate|dyn|else|enum|extern|false|fn|for|if|impl|in|let|log|loop|match|mod|move|mut|pub|ref|return|self|Self|static|struct|super|trait|true|type|unsafe|use|where|while|abstract|become|box|do|final|macro|override|priv|typeof|unsized|virtual|yield|try|union";

static BUILTINS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "Add BitAnd BitOr BitXor bool c_char c_double c_float char c_int clock_t c_long c_longlong \
     Cons Const Copy c_schar c_short c_uchar c_uint c_ulong c_ulonglong c_ushort c_void dev_t \
     DIR dirent Div Either Eq Err f32 f64 Failure FILE float fpos_t i16 i32 i64 i8 isize Index \
     ino_t int intptr_t Left mode_t Modulo Mul Neg Nil None Num off_t Ok Option Ord Owned \
     pid_t Ptr ptrdiff_t Right Send Shl Shr size_t Some ssize_t str Sub Success time_t u16 u32 \
     u64 u8 usize uint uintptr_t Box Vec String Gc Rc Arc u128 i128 Result Sync Pin Unpin \
     Sized Drop drop Fn FnMut FnOnce Clone PartialEq PartialOrd AsMut AsRef From Into Default \
     DoubleEndedIterator ExactSizeIterator Extend IntoIterator Iterator"
        .split_whitespace()
        .collect()
});

const ID: &str = r"[\p{XID_Start}_]\p{XID_Continue}*";
const ESCAPES: &str = r#"\\(?:[nrt'"\\0]|x(?i:[0-9a-f]){2}|u\{(?:(?i:[0-9a-f])_*){1,6}\})"#;

/// Open macro delimiters, by closing character: `]`, `)`, `}`.
#[derive(Default)]
pub struct MacroDelims([i32; 3]);

impl MacroDelims {
    fn slot(close: char) -> usize {
        match close {
            ']' => 0,
            ')' => 1,
            _ => 2,
        }
    }
}

type C<'a> = Cx<'a, MacroDelims>;

pub static LEXER: LazyLock<RegexLexer<MacroDelims>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.start(|cx: &mut C| {
        cx.data = MacroDelims::default();
        cx.push("bol");
    });
    b.state("bol", |s| {
        s.mixin("whitespace");
        s.rule(r"#\s[^\n]*", CommentSpecial);
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("attribute", |s| {
        s.mixin("whitespace").mixin("has_literals");
        s.rule(r"[(,)=:]", NameDecorator);
        s.rule_next(r"\]", NameDecorator, Next::Pop);
        s.rule(ID, NameDecorator);
    });
    b.state("whitespace", |s| {
        s.rule(r"\s+", Text);
        s.mixin("comments");
    });
    b.state("comments", |s| {
        s.rule(r"////+[^\n]*", CommentSingle);
        s.rule(r"//[/!][^\n]*", CommentDoc);
        s.rule(r"//[^\n]*", CommentSingle);
        s.rule(r"/\*\*\*?/", CommentMultiline);
        s.rule_next(
            r"/\*\*\*+",
            CommentMultiline,
            Next::Push("nested_plain_block"),
        );
        s.rule_next(r"/[*][*!]", CommentDoc, Next::Push("nested_doc_block"));
        s.rule_next(r"/[*]", CommentMultiline, Next::Push("nested_plain_block"));
    });
    for (name, tok) in [
        ("nested_plain_block", CommentMultiline),
        ("nested_doc_block", CommentDoc),
    ] {
        b.state(name, |s| {
            s.rule_next(r"\*/", tok, Next::Pop);
            s.rule_next(r"/\*", tok, Next::Push(name));
            s.rule(r"[^*/]+|[*/]", tok);
        });
    }
    b.state("root", |s| {
        s.rule_next(r"\n", Text, Next::Push("bol"));
        s.mixin("whitespace");
        s.rule_next(r"#!?\[", NameDecorator, Next::Push("attribute"));
        s.rule(&format!(r"\b(?:{KEYWORDS})\b"), Keyword);
        s.mixin("has_literals");
        s.rule(r"[=-]>", Keyword);
        s.rule(r"<->", Keyword);
        s.rule(r"[()\[\]{}|,:;]", Punctuation);
        s.rule(r"[*/!@~&+%^<>=?-]|\.{2,3}", Operator);
        s.rule(&format!(r"(?s)([.]\s*)?{ID}(?=\s*[(])"), NameFunction);
        s.rule(r"[.]\s*await\b", Keyword);
        s.rule(&format!(r"[.]\s*{ID}"), NameProperty);
        s.rule(r"[.]\s*\d+", NameAttribute);
        s.groups(&format!(r"({ID})(::)"), &[NameNamespace, Punctuation]);
        s.rule_next(r"\bmacro_rules!", NameDecorator, Next::Push("macro_rules"));
        s.rule_next(&format!(r"{ID}!"), NameDecorator, Next::Push("macro"));
        s.rule(r"'static\b", Keyword);
        s.rule(&format!(r"'{ID}"), NameVariable);
        s.call(ID, |cx: &mut C, m| {
            let tok = if BUILTINS.contains(m.all()) {
                NameBuiltin
            } else {
                Name
            };
            cx.token(tok, m.all());
        });
    });
    b.state("macro", |s| {
        s.mixin("has_literals");
        s.call(r"[\[{(]", |cx: &mut C, m| {
            let close = match m.all() {
                "[" => ']',
                "(" => ')',
                _ => '}',
            };
            cx.data.0[MacroDelims::slot(close)] += 1;
            cx.token(Punctuation, m.all());
        });
        s.call(r"[\]})]", |cx: &mut C, m| {
            cx.data.0[MacroDelims::slot(m.all().chars().next().unwrap())] -= 1;
            if cx.data.0.iter().all(|&n| n == 0) {
                cx.pop(1);
            }
            cx.token(Punctuation, m.all());
        });
        s.rule(&format!(r"{ID}!"), NameDecorator);
        s.mixin("root");
        s.rule(r".", Text);
    });
    b.state("macro_rules", |s| {
        s.rule(&format!(r"[$]{ID}(:{ID})?"), NameVariable);
        s.rule(r"[$]", NameVariable);
        s.mixin("macro");
    });
    b.state("has_literals", |s| {
        s.rule(r"\b(?:true|false)\b", KeywordConstant);
        s.rule(&format!(r"b?'(?:{ESCAPES}|[^\\])'"), StrChar);
        s.rule_next(r#"b?""#, Str, Next::Push("string"));
        s.rule(r#"(?s)b?r(#*)".*?"\1"#, Str);
        let dot = r"(?:[.][0-9][0-9_]*)";
        let exp = r"(?:[eE][-+]?[0-9_]+)";
        let flt = r"(?:f32|f64)";
        s.rule(
            &format!(
                r"[0-9][0-9_]*(?:{dot}{exp}?{flt}?|{dot}?{exp}{flt}?|{dot}?{exp}?{flt}|[.](?![._\p{{XID_Start}}]))"
            ),
            NumFloat,
        );
        s.rule(
            r"(0b[10_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)(u(?:8|16|32|64|128|size)?|i(?:8|16|32|64|128|size))?",
            NumInteger,
        );
    });
    b.state("string", |s| {
        s.rule_next(r#"""#, Str, Next::Pop);
        s.rule(ESCAPES, StrEscape);
        s.rule(r#"(?s)[^"\\]+"#, Str);
    });
    b.build()
});
