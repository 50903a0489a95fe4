//! Ruby (`ruby`, `rb`).
//!
//! Rouge's Ruby lexer guesses whether `/`, `%` and `?` start literals from
//! what came before: after an operator or keyword the lexer is in
//! `expr_start`, where they do; after a name it is in `method_call`, where a
//! spaced `/` still may. Heredocs are queued at `<<ID` and read after the end
//! of the line. `%w(...)`-style literals are handled by the native `sigil`
//! state, since Rouge builds a state per delimiter pair at run time.

use std::sync::LazyLock;

use regex::Regex;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::token::Token::{self, *};

/// A `%q(`-style literal being read: its delimiters and how it lexes.
#[derive(Clone, Copy)]
struct Sigil {
    open: char,
    close: char,
    interp: bool,
    tok: Token,
}

#[derive(Default)]
pub struct State {
    /// Pending heredocs: (allows indented terminator, terminator).
    heredocs: Vec<(bool, String)>,
    /// One entry per `sigil` state on the stack, bottom to top.
    sigils: Vec<Sigil>,
}

type C<'a> = Cx<'a, State>;

const KEYWORDS: &str = r"BEGIN|END|alias|begin|break|case|defined\?|do|else|elsif|end|ensure|for|if|in|next|redo|rescue|raise|retry|return|super|then|undef|unless|until|when|while|yield";

const KEYWORDS_PSEUDO: &str = "loop|include|extend|raise|alias_method|attr|catch|throw|private|module_function|public|protected|true|false|nil|__FILE__|__LINE__";

const BUILTINS_G: &str = r"attr_reader|attr_writer|attr_accessor|__id__|__send__|abort|ancestors|at_exit|autoload|binding|callcc|caller|catch|chomp|chop|class_eval|class_variables|clone|const_defined\?|const_get|const_missing|const_set|constants|display|dup|eval|exec|exit|extend|fail|fork|format|freeze|getc|gets|global_variables|gsub|hash|id|included_modules|inspect|instance_eval|instance_method|instance_methods|instance_variable_get|instance_variable_set|instance_variables|lambda|load|local_variables|loop|method|method_missing|methods|module_eval|name|object_id|open|p|print|printf|private_class_method|private_instance_methods|private_methods|proc|protected_instance_methods|protected_methods|public_class_method|public_instance_methods|public_methods|putc|puts|raise|rand|readline|readlines|require|require_relative|scan|select|self|send|set_trace_func|singleton_methods|sleep|split|sprintf|srand|sub|syscall|system|taint|test|throw|to_a|to_s|trace_var|trap|untaint|untrace_var|warn";

const BUILTINS_Q: &str = "autoload|block_given|const_defined|eql|equal|frozen|include|instance_of|is_a|iterator|kind_of|method_defined|nil|private_method_defined|protected_method_defined|public_method_defined|respond_to|tainted";

static INTERP_VAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A(?i:#(?:@@?|\$)[a-z_][0-9A-Za-z_]*)").unwrap());
static ESCAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\A\\(?:[\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3}|.)"#).unwrap()
});

/// One step inside a `%`-literal (Rouge's anonymous per-delimiter state).
fn sigil_step(cx: &mut C, hay: &str) -> Option<usize> {
    let depth = cx.count_state("sigil");
    let sig = cx.data.sigils[depth - 1];
    let special = |c: char| c == '#' || c == '\\' || c == sig.open || c == sig.close;
    let mut chars = hay.chars();
    let c0 = chars.next()?;
    if c0 == '\\' {
        if let Some(c1) = chars.next().filter(|&c| special(c)) {
            let n = 1 + c1.len_utf8();
            cx.token(StrEscape, &hay[..n]);
            return Some(n);
        }
    }
    if sig.open != sig.close && c0 == sig.open {
        cx.token(sig.tok, &hay[..c0.len_utf8()]);
        cx.data.sigils.push(sig);
        cx.push("sigil");
        return Some(c0.len_utf8());
    }
    if c0 == sig.close {
        cx.token(sig.tok, &hay[..c0.len_utf8()]);
        cx.data.sigils.truncate(depth - 1);
        cx.pop(1);
        return Some(c0.len_utf8());
    }
    if sig.interp {
        if hay.starts_with("#{") {
            cx.token(StrInterpol, "#{");
            cx.push("in_interp");
            return Some(2);
        }
        if let Some(m) = INTERP_VAR.find(hay) {
            cx.token(StrInterpol, m.as_str());
            return Some(m.end());
        }
        if let Some(m) = ESCAPE.find(hay) {
            cx.token(StrEscape, m.as_str());
            return Some(m.end());
        }
        if c0 == '#' {
            cx.token(sig.tok, "#");
            return Some(1);
        }
    } else if c0 == '\\' || c0 == '#' {
        cx.token(sig.tok, &hay[..1]);
        return Some(1);
    }
    let n = hay.find(special).unwrap_or(hay.len());
    if n == 0 {
        return None;
    }
    cx.token(sig.tok, &hay[..n]);
    Some(n)
}

fn closing(open: char) -> char {
    match open {
        '{' => '}',
        '[' => ']',
        '(' => ')',
        '<' => '>',
        c => c,
    }
}

pub static LEXER: LazyLock<RegexLexer<State>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.start(|cx: &mut C| cx.push("expr_start"));
    b.state("root", |s| {
        s.mixin("whitespace");
        s.rule_next(r"__END__", CommentPreproc, Next::Push("end_part"));
        s.rule(r"0_?[0-7]+(?:_[0-7]+)*", NumOct);
        s.rule(r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*", NumHex);
        s.rule(r"0b[01]+(?:_[01]+)*", NumBin);
        s.rule(
            r"[\d]+(?:_\d+)*(?:\.[\d]+(?:_\d+)*(?i:e[+-]?\d+)?|(?i:e[+-]?\d+))",
            NumFloat,
        );
        s.rule(r"[\d]+(?:_\d+)*", NumInteger);
        s.rule(r"(?i)@@[a-z_]\w*", NameVariableClass);
        s.rule(r"(?i)@[a-z_]\w*", NameVariableInstance);
        s.rule(r"\$\w+", NameVariableGlobal);
        s.rule(r#"\$[!@&`'+~=/\\,;.<>_*\$?:"]"#, NameVariableGlobal);
        s.rule(r"\$-[0adFiIlpvw]", NameVariableGlobal);
        s.rule(r"::", Operator);
        s.mixin("strings");
        s.rule_next(
            &format!(r"(?:{KEYWORDS})(?=\W|$)"),
            Keyword,
            Next::Push("expr_start"),
        );
        s.rule_next(
            &format!(r"(?:{KEYWORDS_PSEUDO})\b"),
            KeywordPseudo,
            Next::Push("expr_start"),
        );
        s.groups(
            r"(module)(\s+)([a-zA-Z_][a-zA-Z0-9_]*(::[a-zA-Z_][a-zA-Z0-9_]*)*)",
            &[Keyword, Text, NameNamespace],
        );
        s.groups_next(r"(def\b)(\s*)", &[Keyword, Text], Next::Push("funcname"));
        s.groups_next(r"(class\b)(\s*)", &[Keyword, Text], Next::Push("classname"));
        s.rule_next(
            &format!(r"(?:{BUILTINS_Q})[?]"),
            NameBuiltin,
            Next::Push("expr_start"),
        );
        s.rule_next(
            r"(?:chomp|chop|exit|gsub|sub)!",
            NameBuiltin,
            Next::Push("expr_start"),
        );
        s.rule_next(
            &format!(r"(?<!\.)(?:{BUILTINS_G})\b"),
            NameBuiltin,
            Next::Push("method_call"),
        );
        s.mixin("has_heredocs");
        s.rule_next(r"\.{2,3}", Operator, Next::Push("expr_start"));
        s.rule_next(
            r"[A-Z][a-zA-Z0-9_]*",
            NameConstant,
            Next::Push("method_call"),
        );
        s.groups_next(
            r"(\.|::)(\s*)([a-z_]\w*[!?]?|[*%&^`~+-/\[<>=])",
            &[Punctuation, Text, NameFunction],
            Next::Push("method_call"),
        );
        s.rule_next(r"[a-zA-Z_]\w*[?!]", Name, Next::Push("expr_start"));
        s.rule_next(r"[a-zA-Z_]\w*", Name, Next::Push("method_call"));
        s.rule_next(
            r"\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\.",
            Operator,
            Next::Push("expr_start"),
        );
        s.rule_next(r"[-+/*%=<>&!^|~]=?", Operator, Next::Push("expr_start"));
        s.call(r"[?]", |cx: &mut C, m| {
            cx.token(Punctuation, m.all());
            cx.push("ternary");
            cx.push("expr_start");
        });
        s.rule_next(r"[\[({,:\\;/]", Punctuation, Next::Push("expr_start"));
        s.rule(r"[\])}]", Punctuation);
    });
    b.state("symbols", |s| {
        s.rule(r"(?i):@{0,2}[a-z_]\w*[!?]?", StrSymbol);
        s.rule(
            r"(?::(?:\*\*|[-+]@|[/%&|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?))",
            StrSymbol,
        );
        s.rule(r":'(\\\\|\\'|[^'])*'", StrSymbol);
        s.rule_next(r#":""#, StrSymbol, Next::Push("simple_sym"));
    });
    b.state("sigil_strings", |s| {
        s.call(r"%([rqswQWxiI])?([^\w\s])", |cx: &mut C, m| {
            let open = m.group(2).chars().next().unwrap();
            let kind = m.group(1);
            let mut tok = StrOther;
            if kind == "r" {
                tok = StrRegex;
                cx.push("regex_flags");
            }
            cx.token(tok, m.all());
            let sig = Sigil {
                open,
                close: closing(open),
                interp: matches!(kind, "r" | "Q" | "W" | "x" | "I"),
                tok,
            };
            let depth = cx.count_state("sigil");
            cx.data.sigils.truncate(depth);
            cx.data.sigils.push(sig);
            cx.push("sigil");
        });
    });
    b.native("sigil", sigil_step);
    b.state("strings", |s| {
        s.mixin("symbols");
        s.rule_next(
            r"\b[a-z_]\w*?[?!]?:\s+",
            StrSymbol,
            Next::Push("expr_start"),
        );
        s.rule(r"'(\\\\|\\'|[^'])*'", StrSingle);
        s.rule_next(r#"""#, StrDouble, Next::Push("simple_string"));
        s.rule_next(r"(?<!\.)`", StrBacktick, Next::Push("simple_backtick"));
    });
    b.state("regex_flags", |s| {
        s.rule_next(r"[mixounse]*", StrRegex, Next::Pop);
    });
    for (name, tok, fin) in [
        ("simple_string", StrDouble, "\""),
        ("simple_sym", StrSymbol, "\""),
        ("simple_backtick", StrBacktick, "`"),
    ] {
        b.state(name, |s| {
            s.mixin("string_intp_escaped");
            s.rule(&format!(r"(?s)[^\\{fin}#]+"), tok);
            s.rule(r"[\\#]", tok);
            s.rule_next(fin, tok, Next::Pop);
        });
    }
    b.state("whitespace", |s| {
        s.mixin("inline_whitespace");
        s.rule_next(r"\n\s*", Text, Next::Push("expr_start"));
        s.rule(r"#.*$", CommentSingle);
        s.rule(r"(?s)=begin\b.*?\n=end\b", CommentMultiline);
    });
    b.state("inline_whitespace", |s| {
        s.rule(r"[ \t\r]+", Text);
    });
    b.state("has_heredocs", |s| {
        s.call(
            r#"(?<!\w)(<<[-~]?)(["`']?)([a-zA-Z_]\w*)(\2)"#,
            |cx: &mut C, m| {
                cx.token(Operator, m.group(1));
                let name = format!("{}{}{}", m.group(2), m.group(3), m.group(4));
                cx.token(NameConstant, &name);
                cx.data
                    .heredocs
                    .push((m.group(1).len() > 2, m.group(3).to_owned()));
                if !cx.state_is("heredoc_queue") {
                    cx.push("heredoc_queue");
                }
            },
        );
        s.call(r#"(<<[-~]?)(["'])(\2)"#, |cx: &mut C, m| {
            cx.token(Operator, m.group(1));
            cx.token(NameConstant, &format!("{}{}", m.group(2), m.group(3)));
            cx.data.heredocs.push((m.group(1).len() > 2, String::new()));
            if !cx.state_is("heredoc_queue") {
                cx.push("heredoc_queue");
            }
        });
    });
    b.state("heredoc_queue", |s| {
        s.call(r"(?=\n)", |cx: &mut C, _| cx.goto("resolve_heredocs"));
        s.mixin("root");
    });
    b.state("resolve_heredocs", |s| {
        s.mixin("string_intp_escaped");
        s.rule_next(r"\n", StrHeredoc, Next::Push("test_heredoc"));
        s.rule(r"[#\\\n]", StrHeredoc);
        s.rule(r"[^#\\\n]+", StrHeredoc);
    });
    b.state("test_heredoc", |s| {
        s.call(r"[^#\\\n]*$", |cx: &mut C, m| {
            let line = m.all();
            let matched = match cx.data.heredocs.first() {
                Some((tolerant, name)) => {
                    let check = if *tolerant {
                        ruby_strip(line)
                    } else {
                        ruby_rstrip(line)
                    };
                    check == name
                }
                None => false,
            };
            if matched {
                cx.data.heredocs.remove(0);
                if cx.data.heredocs.is_empty() {
                    cx.pop(1);
                }
                cx.token(NameConstant, line);
            } else {
                cx.token(StrHeredoc, line);
            }
            cx.pop(1);
        });
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("funcname", |s| {
        s.rule(r"\s+", Text);
        s.rule_next(r"\(", Punctuation, Next::Push("defexpr"));
        s.groups_next(
            r"(?:([a-zA-Z_]\w*)(\.))?([a-zA-Z_]\w*[!?]?|\*\*?|[-+]@?|[/%&|^`~]|\[\]=?|<<?|>>?|<=>?|>=|===?)",
            &[NameClass, Operator, NameFunction],
            Next::Pop,
        );
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("classname", |s| {
        s.rule(r"\s+", Text);
        s.rule(r"\w+(::\w+)+", NameClass);
        s.call(r"\(", |cx: &mut C, m| {
            cx.token(Punctuation, m.all());
            cx.push("defexpr");
            cx.push("expr_start");
        });
        s.rule_next(r"<<", Operator, Next::Goto("expr_start"));
        s.rule_next(r"[A-Z_]\w*", NameClass, Next::Pop);
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("ternary", |s| {
        s.groups_next(r"(:)(\s+)", &[Punctuation, Text], Next::Goto("expr_start"));
        s.rule_next(r":(?![^#\n]*?[:\\])", Punctuation, Next::Goto("expr_start"));
        s.mixin("root");
    });
    b.state("defexpr", |s| {
        s.groups_next(r"(\))(\.|::)?", &[Punctuation, Operator], Next::Pop);
        s.call(r"\(", |cx: &mut C, m| {
            cx.token(Punctuation, m.all());
            cx.push("defexpr");
            cx.push("expr_start");
        });
        s.mixin("root");
    });
    b.state("in_interp", |s| {
        s.rule_next(r"\}", StrInterpol, Next::Pop);
        s.mixin("root");
    });
    b.state("string_intp", |s| {
        s.rule_next(r"[#][{]", StrInterpol, Next::Push("in_interp"));
        s.rule(r"(?i)#(@@?|\$)[a-z_]\w*", StrInterpol);
    });
    b.state("string_intp_escaped", |s| {
        s.mixin("string_intp");
        s.rule(
            r#"\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})"#,
            StrEscape,
        );
        s.rule(r"\\.", StrEscape);
    });
    b.state("method_call", |s| {
        s.rule_next(r"/|%", Operator, Next::Goto("expr_start"));
        s.call(r"(?=\n)", |cx: &mut C, _| cx.pop(1));
        s.call(r"", |cx: &mut C, _| cx.goto("method_call_spaced"));
    });
    b.state("method_call_spaced", |s| {
        s.mixin("whitespace");
        s.rule_next(r"[%/]=", Operator, Next::Goto("expr_start"));
        s.rule_next(r"(/)(?=\S|\s*/)", StrRegex, Next::Goto("slash_regex"));
        s.mixin("sigil_strings");
        s.call(r"(?=\s*/)", |cx: &mut C, _| cx.pop(1));
        s.rule_next(r"\s+", Text, Next::Goto("expr_start"));
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("expr_start", |s| {
        s.mixin("inline_whitespace");
        s.rule_next(r"/", StrRegex, Next::Goto("slash_regex"));
        s.rule_next(
            r#"[?](\\[MC]-)*(\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})|\S)(?!\w)"#,
            StrChar,
            Next::Pop,
        );
        s.groups_next(r"(\s*)(%[rqswQWxiI]? \S* )", &[Text, StrOther], Next::Pop);
        s.mixin("sigil_strings");
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("slash_regex", |s| {
        s.mixin("string_intp");
        s.rule(r"\\\\", StrRegex);
        s.rule(r"\\/", StrRegex);
        s.rule(r"[\\#]", StrRegex);
        s.rule(r"(?s)[^\\/#]+", StrRegex);
        s.rule_next(r"/", StrRegex, Next::Goto("regex_flags"));
    });
    b.state("end_part", |s| {
        s.rule_next(r"(?s).+", CommentPreproc, Next::Pop);
    });
    b.build()
});

/// Ruby's `String#strip`: ASCII whitespace and NUL.
fn ruby_strip(s: &str) -> &str {
    ruby_rstrip(s).trim_start_matches([' ', '\t', '\n', '\x0B', '\x0C', '\r'])
}

/// Ruby's `String#rstrip`: trailing ASCII whitespace and NUL.
fn ruby_rstrip(s: &str) -> &str {
    s.trim_end_matches([' ', '\t', '\n', '\x0B', '\x0C', '\r', '\0'])
}
