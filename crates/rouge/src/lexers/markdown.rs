//! Markdown (`markdown`, `md`, `mkd`). Fenced code is lexed with the lexer its
//! info string names; inline HTML with a shared HTML lexer; a leading YAML
//! front matter block with the YAML lexer.
//!
//! Not replicated: a fence without a language makes Rouge *guess* the
//! language from the code (that guess is not implemented here, the code is
//! lexed as plain text), and an unclosed fence feeds its lines to one
//! continuing sub-lexer (here each line is lexed on its own).

use std::sync::LazyLock;

use crate::engine::{Builder, Continuation, Cx, Next, RegexLexer, Sink};
use crate::lexers::{html, yaml};
use crate::token::Token::*;

const EDOT: &str = r"(?:\\.|[^\\\n])";

#[derive(Default)]
pub struct State {
    html: Continuation<html::Embedded>,
    /// The open fence and its language tag, while inside an unclosed fence.
    fence: String,
    lang: Option<&'static str>,
}

type C<'a> = Cx<'a, State>;

/// Lexes fenced code as Rouge would with the fence's info string.
fn lex_code(lang: Option<&'static str>, code: &str, sink: &mut Sink) {
    match lang.and_then(crate::lexers::get) {
        Some(lexer) => lexer.lex_into(code, sink),
        None => sink.push(StrBacktick, code),
    }
}

fn delegate_html(cx: &mut C, text: &str) {
    let (data, sink) = cx.parts();
    html::LEXER.continue_into(&mut data.html, text, sink);
}

/// Inside a fence that does not close before the end of the input.
fn open_fence(cx: &mut C, hay: &str) -> Option<usize> {
    let bol = cx.pos() == 0 || cx.text().as_bytes()[cx.pos() - 1] == b'\n';
    if !bol {
        return None;
    }
    let indent = hay.len() - hay.trim_start_matches([' ', '\t']).len();
    if hay[indent..].starts_with(cx.data.fence.as_str()) {
        let end = indent + cx.data.fence.len();
        cx.pop(1);
        cx.token(Text, &hay[..indent]);
        cx.token(Punctuation, &hay[indent..end]);
        return Some(end);
    }
    let line_end = hay.find('\n')? + 1;
    let lang = cx.data.lang;
    let (_, sink) = cx.parts();
    lex_code(lang, &hay[..line_end], sink);
    Some(line_end)
}

/// Ruby's `String#strip`.
fn ruby_strip(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\x0B', '\x0C', '\r', '\0'])
}

pub static LEXER: LazyLock<RegexLexer<State>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.state("root", |s| {
        s.call(r"(?s)\A(---\s*\n.*?\n?)^(---\s*$\n?)", |cx: &mut C, m| {
            cx.delegate(&*yaml::LEXER, m.all());
        });
        s.rule(r"\\.", StrEscape);
        s.rule(r"^[\S ]+\n(?:---*)\n", GenericHeading);
        s.rule(r"^[\S ]+\n(?:===*)\n", GenericSubheading);
        s.rule(r"^#(?=[^#]).*?$", GenericHeading);
        s.rule(r"^##*.*?$", GenericSubheading);
        s.call(
            r"(?s)^([ \t]*)(`{3,}|~{3,})([^\n]*\n)((.*?)(\n\1)(\2))?",
            |cx: &mut C, m| {
                let name = ruby_strip(m.group(3));
                let lang = if name.is_empty() {
                    None
                } else {
                    crate::find_lexer(name)
                };
                cx.token(Text, m.group(1));
                cx.token(Punctuation, m.group(2));
                cx.token(NameLabel, m.group(3));
                if let Some(code) = m.get(5) {
                    let (_, sink) = cx.parts();
                    lex_code(lang, code, sink);
                }
                cx.token(Text, m.group(6));
                if let Some(close) = m.get(7) {
                    cx.token(Punctuation, close);
                } else {
                    cx.data.fence = m.group(2).to_owned();
                    cx.data.lang = lang;
                    cx.push("open_fence");
                }
            },
        );
        s.rule(r"\n\n((    |\t).*?\n|\n)+", StrBacktick);
        s.rule(&format!(r"(`+)(?:{EDOT}|\n)+?\1"), StrBacktick);
        s.rule(r"^(\s*[*]){3,}\s*$", Punctuation);
        s.rule(r"^(\s*[-]){3,}\s*$", Punctuation);
        s.rule(r"^\s*[*+-](?=\s)", Punctuation);
        s.rule(r"^\s*\d+\.", Punctuation);
        s.rule(r"^\s*>.*?$", GenericTraceback);
        s.call(
            &format!(r"^(\s*)(\[)({EDOT}+?)(\])(\s*)(:)"),
            |cx: &mut C, m| {
                let toks = [Text, Punctuation, StrSymbol, Punctuation, Text, Punctuation];
                for (i, t) in toks.into_iter().enumerate() {
                    cx.token(t, m.group(i + 1));
                }
                cx.push("title");
                cx.push("url");
            },
        );
        s.groups_next(
            &format!(r"(!?\[)({EDOT}*?|[^\]]*?)(\])(?=[\[(])"),
            &[Punctuation, NameVariable, Punctuation],
            Next::Push("link"),
        );
        s.rule(&format!(r"[*][*]{EDOT}*?[*][*]"), GenericStrong);
        s.rule(&format!(r"__{EDOT}*?__"), GenericStrong);
        s.rule(&format!(r"[*]{EDOT}*?[*]"), GenericEmph);
        s.rule(&format!(r"_{EDOT}*?_"), GenericEmph);
        s.rule(r"<.*?@.+[.].+>", NameVariable);
        s.rule(&format!(r"<(https?|mailto|ftp)://{EDOT}*?>"), NameVariable);
        s.rule(r"[^\\`\[*\n&<]+", Text);
        s.call(r"&\S*;", |cx: &mut C, m| delegate_html(cx, m.all()));
        s.call(&format!(r"<{EDOT}*?>"), |cx: &mut C, m| {
            delegate_html(cx, m.all())
        });
        s.rule(r"[&<]", Text);
        s.rule(r"\[", Text);
        s.rule(r"\n", Text);
    });
    b.native("open_fence", open_fence);
    b.state("link", |s| {
        s.groups_next(
            &format!(r"(\[)({EDOT}*?)(\])"),
            &[Punctuation, StrSymbol, Punctuation],
            Next::Pop,
        );
        s.call(r"[(]", |cx: &mut C, m| {
            cx.token(Punctuation, m.all());
            cx.push("inline_title");
            cx.push("inline_url");
        });
        s.rule(r"[ \t]+", Text);
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("url", |s| {
        s.rule(r"[ \t]+", Text);
        s.groups_next(
            &format!(r"(<)({EDOT}*?)(>)"),
            &[NameTag, StrOther, NameTag],
            Next::Pop,
        );
        s.rule_next(r"\S+", StrOther, Next::Pop);
    });
    b.state("title", |s| {
        s.rule(&format!(r#""{EDOT}*?""#), NameNamespace);
        s.rule(&format!(r"'{EDOT}*?'"), NameNamespace);
        s.rule(&format!(r"[(]{EDOT}*?[)]"), NameNamespace);
        s.rule(r#"\s*(?=["'()])"#, Text);
        s.call(r"", |cx: &mut C, _| cx.pop(1));
    });
    b.state("inline_title", |s| {
        s.rule_next(r"[)]", Punctuation, Next::Pop);
        s.mixin("title");
    });
    b.state("inline_url", |s| {
        s.rule_next(r"[^<\s)]+", StrOther, Next::Pop);
        s.rule(r"\s+", Text);
        s.mixin("url");
    });
    b.build()
});
