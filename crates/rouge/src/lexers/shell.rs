//! Shell scripts (`shell`, `bash`, `zsh`, `ksh`, `sh`): Rouge's sh/bash lexer,
//! which only remembers the delimiter of the heredoc it is inside.

use std::sync::LazyLock;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::token::Token::*;

const KEYWORDS: &str =
    "if|fi|else|while|do|done|for|then|return|function|select|continue|until|esac|elif|in";

const BUILTINS: &str = "alias|bg|bind|break|builtin|caller|cd|command|compgen|complete|declare|dirs|disown|\
enable|eval|exec|exit|export|false|fc|fg|getopts|hash|help|history|jobs|let|local|logout|mapfile|popd|\
pushd|pwd|read|readonly|set|shift|shopt|source|suspend|test|time|times|trap|true|type|typeset|ulimit|\
umask|unalias|unset|wait|cat|tac|nl|od|base32|base64|fmt|pr|fold|head|tail|split|csplit|wc|sum|cksum|\
b2sum|md5sum|sha1sum|sha224sum|sha256sum|sha384sum|sha512sum|sort|shuf|uniq|comm|ptx|tsort|cut|paste|\
join|tr|expand|unexpand|ls|dir|vdir|dircolors|cp|dd|install|mv|rm|shred|link|ln|mkdir|mkfifo|mknod|\
readlink|rmdir|unlink|chown|chgrp|chmod|touch|df|du|stat|sync|truncate|echo|printf|yes|expr|tee|\
basename|dirname|pathchk|mktemp|realpath|pwd|stty|printenv|tty|id|logname|whoami|groups|users|who|date|\
arch|nproc|uname|hostname|hostid|uptime|chcon|runcon|chroot|env|nice|nohup|stdbuf|timeout|kill|sleep|\
factor|numfmt|seq|tar|grep|sudo|awk|sed|gzip|gunzip";

/// The word that ends the heredoc being read.
#[derive(Default)]
pub struct Heredoc {
    delimiter: String,
}

type C<'a> = Cx<'a, Heredoc>;

pub static LEXER: LazyLock<RegexLexer<Heredoc>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("root", |s| {
        s.mixin("basic").mixin("data");
    });
    b.state("basic", |s| {
        s.rule(r"#.*$", Comment);
        s.rule(&format!(r"\b({KEYWORDS})\s*\b"), Keyword);
        s.rule_next(r"\bcase\b", Keyword, Next::Push("case"));
        s.rule(&format!(r"\b({BUILTINS})\s*\b(?!(\.|-))"), NameBuiltin);
        s.rule(r"[.](?=\s)", NameBuiltin);
        s.groups(r"(\b\w+)(=)", &[NameVariable, Operator]);
        s.rule(r"[\[\]{}()!=>]", Operator);
        s.rule(r"&&|\|\|", Operator);
        s.rule(r"<<<", Operator);
        s.call(r#"(<<-?)(\s*)(['"]?)(\\?)(\w+)(\3)"#, |cx: &mut C, m| {
            cx.token(Operator, m.group(1));
            cx.token(Text, m.group(2));
            cx.token(StrHeredoc, m.group(3));
            cx.token(StrHeredoc, m.group(4));
            cx.token(NameConstant, m.group(5));
            cx.token(StrHeredoc, m.group(6));
            cx.data.delimiter = m.group(5).to_owned();
            cx.push("heredoc");
        });
    });
    b.state("heredoc", |s| {
        s.rule_next(r"\n", StrHeredoc, Next::Push("heredoc_nl"));
        s.rule(r"[^$\n\\]+", StrHeredoc);
        s.mixin("interp");
        s.rule(r"[$]", StrHeredoc);
    });
    b.state("heredoc_nl", |s| {
        s.call(r"\s*(\w+)\s*\n", |cx: &mut C, m| {
            if m.group(1) == cx.data.delimiter {
                cx.token(NameConstant, m.all());
                cx.pop(2);
            } else {
                cx.token(StrHeredoc, m.all());
            }
        });
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("double_quotes", |s| {
        s.rule_next(r#"(?:\$#?)?""#, StrDouble, Next::Pop);
        s.mixin("interp");
        s.rule(r#"[^"`\\$]+"#, StrDouble);
    });
    b.state("ansi_string", |s| {
        s.rule(r"\\.", StrEscape);
        s.rule(r"[^\\']+", StrSingle);
        s.mixin("single_quotes");
    });
    b.state("single_quotes", |s| {
        s.rule_next(r"'", StrSingle, Next::Pop);
        s.rule(r"[^']+", StrSingle);
    });
    b.state("data", |s| {
        s.rule(r"\s+", Text);
        s.rule(r"\\.", StrEscape);
        s.rule_next(r#"\$?""#, StrDouble, Next::Push("double_quotes"));
        s.rule_next(r"\$'", StrSingle, Next::Push("ansi_string"));
        s.rule_next(r"'", StrSingle, Next::Push("single_quotes"));
        s.rule(r"\*", Keyword);
        s.rule(r";", Punctuation);
        s.rule(r"--?[\w-]+", NameTag);
        s.rule(r#"[^=\*\s{}()$"'`;\\<]+"#, Text);
        s.rule(r"\d+(?= |\Z)", Num);
        s.rule(r"<", Text);
        s.mixin("interp");
    });
    b.state("curly", |s| {
        s.rule_next(r"\}", Keyword, Next::Pop);
        s.rule(r":-", Keyword);
        s.rule(r"[a-zA-Z0-9_]+", NameVariable);
        s.rule(r#"[^}:"`'$]+"#, Punctuation);
        s.mixin("root");
    });
    b.state("paren_interp", |s| {
        s.rule_next(r"\)", StrInterpol, Next::Pop);
        s.rule_next(r"\(", Operator, Next::Push("paren_inner"));
        s.mixin("root");
    });
    b.state("paren_inner", |s| {
        s.rule_next(r"\(", Operator, Next::PushSelf);
        s.rule_next(r"\)", Operator, Next::Pop);
        s.mixin("root");
    });
    b.state("math", |s| {
        s.rule_next(r"\)\)", Keyword, Next::Pop);
        s.rule(r"[-+*/%^|&!]|\*\*|\|\|", Operator);
        s.rule(r"\d+(#\w+)?", Num);
        s.mixin("root");
    });
    b.state("case", |s| {
        s.rule_next(r"\besac\b", Keyword, Next::Pop);
        s.rule(r"\|", Punctuation);
        s.rule_next(r"\)", Punctuation, Next::Push("case_stanza"));
        s.mixin("root");
    });
    b.state("case_stanza", |s| {
        s.rule_next(r";;", Punctuation, Next::Pop);
        s.mixin("root");
    });
    b.state("backticks", |s| {
        s.rule_next(r"`", StrBacktick, Next::Pop);
        s.mixin("root");
    });
    b.state("interp", |s| {
        s.rule(r"\\$", StrEscape);
        s.rule(r"\\.", StrEscape);
        s.rule_next(r"\$\(\(", Keyword, Next::Push("math"));
        s.rule_next(r"\$\(", StrInterpol, Next::Push("paren_interp"));
        s.rule_next(r"\$\{#?", Keyword, Next::Push("curly"));
        s.rule_next(r"`", StrBacktick, Next::Push("backticks"));
        s.rule(r"\$#?(\w+|.)", NameVariable);
        s.rule(r"\$[*@]", NameVariable);
    });
    b.build()
});
