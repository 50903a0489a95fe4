//! Python (`python`, `py`). Strings remember their prefix and delimiter on a
//! stack so that f-string `{...}` interpolations can be lexed as Python again.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::token::Token::*;

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

static KEYWORDS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "assert break continue del elif else except exec finally for global if lambda pass print \
         raise return try while yield as with from import yield async await nonlocal",
    )
});
static BUILTINS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set("__import__ abs all any apply ascii basestring bin bool buffer bytearray bytes callable chr \
         classmethod cmp coerce compile complex delattr dict dir divmod enumerate eval execfile exit \
         file filter float format frozenset getattr globals hasattr hash hex id input int intern \
         isinstance issubclass iter len list locals long map max memoryview min next object oct open \
         ord pow property range raw_input reduce reload repr reversed round set setattr slice sorted \
         staticmethod str sum super tuple type unichr unicode vars xrange zip")
});
static BUILTINS_PSEUDO: LazyLock<HashSet<&str>> =
    LazyLock::new(|| set("self None Ellipsis NotImplemented False True"));
static EXCEPTIONS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set("ArithmeticError AssertionError AttributeError BaseException BlockingIOError \
         BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError \
         ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError \
         EnvironmentError Exception FileExistsError FileNotFoundError FloatingPointError \
         FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError \
         InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError \
         ModuleNotFoundError NameError NotADirectoryError NotImplemented NotImplementedError OSError \
         OverflowError OverflowWarning PendingDeprecationWarning ProcessLookupError RecursionError \
         ReferenceError ResourceWarning RuntimeError RuntimeWarning StandardError \
         StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError \
         TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError \
         UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError VMSError Warning \
         WindowsError ZeroDivisionError")
});

/// Onigmo's Unicode `[[:alpha:]_][[:alnum:]_]*`.
const IDENT: &str = r"[\p{Alphabetic}_][\p{Alphabetic}\p{Nd}_]*";
const DOTTED: &str = r"[\p{Alphabetic}_.][\p{Alphabetic}\p{Nd}_.]*";
const DIGITS: &str = r"[0-9](_?[0-9])*";

/// Open strings, innermost last: (lower-cased prefix, delimiter).
#[derive(Default)]
pub struct Strings(Vec<(String, String)>);

type C<'a> = Cx<'a, Strings>;

pub static LEXER: LazyLock<RegexLexer<Strings>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("root", |s| {
        s.rule(r"\n+", Text);
        s.groups(
            r#"(?si)^(:)(\s*)([ru]{0,2}""".*?""")"#,
            &[Punctuation, Text, StrDoc],
        );
        s.rule(r"[^\S\n]+", Text);
        s.rule(r"#(.*)?\n?", CommentSingle);
        s.rule(r"[\[\]{}:(),;.]", Punctuation);
        s.rule(r"\\\n", Text);
        s.rule(r"\\", Text);
        s.rule(r"(in|is|and|or|not)\b", OperatorWord);
        s.rule(r"(<<|>>|//|\*\*)=?", Operator);
        s.rule(r"[-~+/*%=<>&^|@]=?|!=", Operator);
        s.groups(
            &format!(r"(from)((?:\\\s|\s)+)({DOTTED})((?:\\\s|\s)+)(import)"),
            &[
                KeywordNamespace,
                Text,
                NameNamespace,
                Text,
                KeywordNamespace,
            ],
        );
        s.groups(
            &format!(r"(import)(\s+)({DOTTED})"),
            &[KeywordNamespace, Text, NameNamespace],
        );
        s.groups_next(
            r"(def)((?:\s|\\\s)+)",
            &[Keyword, Text],
            Next::Push("funcname"),
        );
        s.groups_next(
            r"(class)((?:\s|\\\s)+)",
            &[Keyword, Text],
            Next::Push("classname"),
        );
        s.rule(r"`.*?`", StrBacktick);
        s.call(r#"(?i)([rfbu]{0,2})('''|"""|['"])"#, |cx: &mut C, m| {
            cx.token(StrAffix, m.group(1));
            cx.token(Str, m.group(2));
            cx.data
                .0
                .push((m.group(1).to_lowercase(), m.group(2).to_owned()));
            cx.push("generic_string");
        });
        s.rule(&format!(r"(?i)@{DOTTED}"), NameDecorator);
        // Rouge guards this with `(?<!\.)`, which the scanner cannot see past.
        s.call(IDENT, |cx: &mut C, m| {
            let w = m.all();
            let tok = if KEYWORDS.contains(w) {
                Keyword
            } else if EXCEPTIONS.contains(w) || BUILTINS.contains(w) {
                NameBuiltin
            } else if BUILTINS_PSEUDO.contains(w) {
                NameBuiltinPseudo
            } else {
                Name
            };
            cx.token(tok, w);
        });
        let decimal = format!(r"(({DIGITS})?\.{DIGITS}|{DIGITS}\.)");
        let exponent = format!(r"e[+-]?{DIGITS}");
        s.rule(&format!(r"(?i){decimal}({exponent})?j?"), NumFloat);
        s.rule(&format!(r"(?i){DIGITS}{exponent}j?"), NumFloat);
        s.rule(&format!(r"(?i){DIGITS}j"), NumFloat);
        s.rule(r"(?i)0b(_?[0-1])+", NumBin);
        s.rule(r"(?i)0o(_?[0-7])+", NumOct);
        s.rule(r"(?i)0x(_?[a-f0-9])+", NumHex);
        s.rule(r"\d+L", NumIntegerLong);
        s.rule(r"([1-9](_?[0-9])*|0(_?0)*)", NumInteger);
    });
    b.state("funcname", |s| {
        s.rule_next(IDENT, NameFunction, Next::Pop);
    });
    b.state("classname", |s| {
        s.rule_next(IDENT, NameClass, Next::Pop);
    });
    b.state("generic_string", |s| {
        s.rule(r#"[^'"\\{]+"#, Str);
        s.rule(r"\{\{", Str);
        s.call(r#"'''|"""|['"]"#, |cx: &mut C, m| {
            cx.token(Str, m.all());
            if cx.data.0.last().is_some_and(|(_, d)| d == m.all()) {
                cx.data.0.pop();
                cx.pop(1);
            }
        });
        s.rule_next(r"(?=\\)", Str, Next::Push("generic_escape"));
        s.call(r"\{", |cx: &mut C, m| {
            if cx.data.0.last().is_some_and(|(t, _)| t.contains('f')) {
                cx.token(StrInterpol, m.all());
                cx.push("generic_interpol");
            } else {
                cx.token(Str, m.all());
            }
        });
    });
    b.state("generic_escape", |s| {
        s.call(
            r#"\\([\\abfnrtv"']|\n|newline|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})"#,
            |cx: &mut C, m| {
                let raw = cx.data.0.last().is_some_and(|(t, _)| t.contains('r'));
                cx.token(if raw { Str } else { StrEscape }, m.all());
                cx.pop(1);
            },
        );
        s.rule_next(r"\\.", Str, Next::Pop);
    });
    b.state("generic_interpol", |s| {
        s.call(r"[^{}!:]+", |cx: &mut C, m| cx.recurse(m.all()));
        s.rule(r"![asr]", StrInterpol);
        s.rule(r":", StrInterpol);
        s.rule_next(r"\{", StrInterpol, Next::Push("generic_interpol"));
        s.rule_next(r"\}", StrInterpol, Next::Pop);
    });
    b.build()
});
