//! C (`c`) and C++ (`cpp`, `c++`), which Rouge derives from C with more
//! words and extra leading rules. Lines are lexed from a `bol` state that spots labels and
//! preprocessor directives; a function definition is recognised by its shape
//! and its parts are lexed again as C.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::token::Token::*;

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

static KEYWORDS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "auto break case const continue default do else enum extern for goto if register \
         restricted return sizeof static struct switch typedef union volatile virtual while \
         _Alignas _Alignof _Atomic _Generic _Imaginary _Noreturn _Static_assert _Thread_local",
    )
});
static KEYWORDS_TYPE: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "int long float short double char unsigned signed void jmp_buf FILE DIR div_t ldiv_t \
         mbstate_t sig_atomic_t fpos_t clock_t time_t va_list size_t ssize_t off_t wchar_t \
         ptrdiff_t wctrans_t wint_t wctype_t _Bool _Complex int8_t int16_t int32_t int64_t \
         uint8_t uint16_t uint32_t uint64_t int_least8_t int_least16_t int_least32_t \
         int_least64_t uint_least8_t uint_least16_t uint_least32_t uint_least64_t int_fast8_t \
         int_fast16_t int_fast32_t int_fast64_t uint_fast8_t uint_fast16_t uint_fast32_t \
         uint_fast64_t intptr_t uintptr_t intmax_t uintmax_t char16_t char32_t",
    )
});
static RESERVED: LazyLock<HashSet<&str>> =
    LazyLock::new(|| {
        set("__asm __int8 __based __except __int16 __stdcall __cdecl __fastcall __int32 __declspec \
         __finally __int61 __try __leave inline _inline __inline naked _naked __naked restrict \
         _restrict __restrict thread _thread __thread typename _typename __typename")
    });

static CPP_KEYWORDS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "asm auto catch char8_t concept consteval constexpr constinit const_cast co_await \
         co_return co_yield delete dynamic_cast explicit export friend mutable namespace new \
         operator private protected public reinterpret_cast requires restrict size_of static_cast \
         this throw throws typeid typename using virtual final override alignas alignof decltype \
         noexcept static_assert thread_local try",
    )
});
static CPP_RESERVED: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "__virtual_inheritance __uuidof __super __single_inheritance __multiple_inheritance \
         __interface __event",
    )
});

const ID: &str = "[a-zA-Z_][a-zA-Z0-9_]*";

type C<'a> = Cx<'a, ()>;

pub static LEXER: LazyLock<RegexLexer<()>> = LazyLock::new(|| build(false));
pub static CPP: LazyLock<RegexLexer<()>> = LazyLock::new(|| build(true));

/// C++'s rules that Rouge prepends to C's `root` and `statements`.
fn cpp_prepends(b: &mut Builder<()>) {
    const DQ: &str = r"(?:\d('?\d)*)";
    b.state("root", |s| {
        s.rule(r"(?:__offload|__blockingoffload|__outer)\b", KeywordPseudo);
    });
    b.state("statements", |s| {
        s.rule_next(r"(class|struct)\b", Keyword, Next::Push("classname"));
        s.rule_next(r"template\b", Keyword, Next::Push("template"));
        s.rule(
            &format!(r"{DQ}(\.{DQ})?(?:y|d|h|(?:min)|s|(?:ms)|(?:us)|(?:ns)|i|(?:if)|(?:il))\b"),
            NumOther,
        );
        s.rule(
            &format!(r"(?i)({DQ}[.]{DQ}?|[.]{DQ})(e[+-]?{DQ}[lu]*)?"),
            NumFloat,
        );
        s.rule(&format!(r"(?i){DQ}e[+-]?{DQ}[lu]*"), NumFloat);
        s.rule(r"(?i)0x\h('?\h)*[lu]*", NumHex);
        s.rule(r"0b[01]+('[01]+)*", NumBin);
        s.rule(r"(?i)0[0-7]('?[0-7])*[lu]*", NumOct);
        s.rule(&format!(r"(?i){DQ}[lu]*"), NumInteger);
        s.rule(r"\bnullptr\b", NameBuiltin);
        s.rule(
            r#"(?s)(?:u8|u|U|L)?R"([a-zA-Z0-9_{}\[\]#<>%:;.?*+\-/^&|~!=,"']{0,16})\(.*?\)\1""#,
            Str,
        );
        s.rule(r"(::|<=>)", Operator);
        s.rule(r"[{}]", Punctuation);
    });
    b.state("classname", |s| {
        s.rule_next(ID, NameClass, Next::Pop);
        s.mixin("whitespace");
        s.rule(r"[.]{3}", Operator);
        s.rule_next(r",", Punctuation, Next::Pop);
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("template", |s| {
        s.rule_next(r"[>;]", Punctuation, Next::Pop);
        s.rule_next(r"typename\b", Keyword, Next::Push("classname"));
        s.mixin("statements");
    });
}

fn build(cpp: bool) -> RegexLexer<()> {
    let mut b = Builder::new();
    if cpp {
        cpp_prepends(&mut b);
    }
    b.start(|cx: &mut C| cx.push("bol"));
    b.state("expr_bol", |s| {
        s.mixin("inline_whitespace");
        s.rule_next(r"#if\s0", Comment, Next::Push("if_0"));
        s.rule_next(r"#", CommentPreproc, Next::Push("macro"));
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("bol", |s| {
        s.rule(&format!(r"{ID}:(?!:)"), NameLabel);
        s.mixin("expr_bol");
    });
    b.state("inline_whitespace", |s| {
        s.rule(r"[ \t\r]+", Text);
        s.rule(r"\\\n", Text);
        s.rule(r"(?s)/(\\\n)?[*].*?[*](\\\n)?/", CommentMultiline);
    });
    b.state("whitespace", |s| {
        s.rule_next(r"\n+", Text, Next::Push("bol"));
        s.rule_next(r"//(\\.|.)*?$", CommentSingle, Next::Push("bol"));
        s.mixin("inline_whitespace");
    });
    b.state("expr_whitespace", |s| {
        s.rule_next(r"\n+", Text, Next::Push("expr_bol"));
        s.mixin("whitespace");
    });
    b.state("statements", |s| {
        s.mixin("whitespace");
        s.rule_next(r#"(u8|u|U|L)?""#, Str, Next::Push("string"));
        s.rule(
            r"(?i)(u8|u|U|L)?'(\\.|\\[0-7]{1,3}|\\x[a-f0-9]{1,2}|[^\\'\n])'",
            StrChar,
        );
        s.rule(r"(?i)(\d+[.]\d*|[.]?\d+)e[+-]?\d+[lu]*", NumFloat);
        s.rule(r"(?i)\d+e[+-]?\d+[lu]*", NumFloat);
        s.rule(r"(?i)0x[0-9a-f]+[lu]*", NumHex);
        s.rule(r"(?i)0[0-7]+[lu]*", NumOct);
        s.rule(r"(?i)\d+[lu]*", NumInteger);
        s.rule(r"\*/", Error);
        s.rule(r"[~!%^&*+=|?:<>/-]", Operator);
        s.rule(r"[()\[\],.;]", Punctuation);
        s.rule_next(r"\bcase\b", Keyword, Next::Push("case"));
        s.rule(r"(?:true|false|NULL)\b", NameBuiltin);
        s.call(ID, move |cx: &mut C, m| {
            let w = m.all();
            let tok = if KEYWORDS.contains(w) || (cpp && CPP_KEYWORDS.contains(w)) {
                Keyword
            } else if KEYWORDS_TYPE.contains(w) || (cpp && w == "bool") {
                KeywordType
            } else if RESERVED.contains(w) || (cpp && CPP_RESERVED.contains(w)) {
                KeywordReserved
            } else {
                Name
            };
            cx.token(tok, w);
        });
    });
    b.state("case", |s| {
        // C++ replaces C's `case` state so that `::` does not end it.
        s.rule_next(if cpp { r":(?!:)" } else { r":" }, Punctuation, Next::Pop);
        s.mixin("statements");
    });
    b.state("root", |s| {
        s.mixin("expr_whitespace");
        s.call(
            &format!(
                r"(?s)([\w*\s]+?[\s*])({ID})(\s*\([^;]*?\))((?-s:(?:\s|//.*?\n|/[*].*?[*]/)+)?)(\{{|;)"
            ),
            |cx: &mut C, m| {
                cx.recurse(m.group(1));
                cx.token(NameFunction, m.group(2));
                cx.recurse(m.group(3));
                cx.recurse(m.group(4));
                cx.token(Punctuation, m.group(5));
                if m.group(5) == "{" {
                    cx.push("function");
                }
            },
        );
        s.rule_next(r"\{", Punctuation, Next::Push("function"));
        s.mixin("statements");
    });
    b.state("function", |s| {
        s.mixin("whitespace").mixin("statements");
        s.rule(r";", Punctuation);
        s.rule_next(r"\{", Punctuation, Next::Push("function"));
        s.rule_next(r"\}", Punctuation, Next::Pop);
    });
    b.state("string", |s| {
        s.rule_next(r#"""#, Str, Next::Pop);
        s.rule(
            r#"\\([\\abfnrtv"']|x[a-fA-F0-9]{2,4}|[0-7]{1,3})"#,
            StrEscape,
        );
        s.rule(r#"[^\\"\n]+"#, Str);
        s.rule(r"\\\n", Str);
        s.rule(r"\\", Str);
    });
    b.state("macro", |s| {
        s.mixin("include");
        s.rule(r"[^/\n\\]+", CommentPreproc);
        s.rule(r"(?s)\\.", CommentPreproc);
        s.mixin("inline_whitespace");
        s.rule(r"/", CommentPreproc);
        s.rule_next(r"\n", CommentPreproc, Next::Pop);
    });
    b.state("include", |s| {
        s.groups(
            r"(include)(\s*)(<[^>]+>)([^\n]*)",
            &[CommentPreproc, Text, CommentPreprocFile, CommentSingle],
        );
        s.groups(
            r#"(include)(\s*)("[^"]+")([^\n]*)"#,
            &[CommentPreproc, Text, CommentPreprocFile, CommentSingle],
        );
    });
    b.state("if_0", |s| {
        s.rule_next(r"^\s*#if", Comment, Next::Push("if_0"));
        s.rule_next(r"^\s*#\s*el(?:se|if)", Comment, Next::Pop);
        s.rule_next(r"(?s)^\s*#\s*endif\b.*?(?<!\\)\n", Comment, Next::Pop);
        s.rule(r".*?\n", Comment);
    });
    b.build()
}
