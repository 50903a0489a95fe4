//! HTML (`html`). `<script>` and `<style>` bodies are handed to the
//! JavaScript and CSS lexers, whose state carries over between the chunks of
//! one element, as Rouge keeps one sub-lexer instance and resets it per element.

use std::sync::LazyLock;

use crate::engine::{Builder, Continuation, Cx, Next, RegexLexer};
use crate::lexers::xml::WORD;
use crate::lexers::{css, javascript};
use crate::token::Token::*;

#[derive(Default)]
pub struct Embedded {
    js: Continuation<()>,
    css: Continuation<()>,
}

type C<'a> = Cx<'a, Embedded>;

fn delegate_js(cx: &mut C, text: &str) {
    let (data, sink) = cx.parts();
    javascript::LEXER.continue_into(&mut data.js, text, sink);
}

fn delegate_css(cx: &mut C, text: &str) {
    let (data, sink) = cx.parts();
    css::LEXER.continue_into(&mut data.css, text, sink);
}

pub static LEXER: LazyLock<RegexLexer<Embedded>> = LazyLock::new(|| {
    let tag_name = format!(r"[\p{{L}}:_-][{WORD}\p{{Cf}}:.·-]*");
    let mut b = Builder::new();
    b.state("root", |s| {
        s.rule(r"[^<&]+", Text);
        s.rule(r"&\S*?;", NameEntity);
        s.rule(r"(?is)<!DOCTYPE .*?>", CommentPreproc);
        s.rule(r"(?s)<!\[CDATA\[.*?\]\]>", CommentPreproc);
        s.rule_next(r"<!--", Comment, Next::Push("comment"));
        s.rule(r"(?s)<\?.*?\?>", CommentPreproc);
        s.call(r"<\s*script\s*", |cx: &mut C, m| {
            cx.token(NameTag, m.all());
            cx.data.js = Continuation::default();
            cx.push("script_content");
            cx.push("tag");
        });
        s.call(r"<\s*style\s*", |cx: &mut C, m| {
            cx.token(NameTag, m.all());
            cx.data.css = Continuation::default();
            cx.push("style_content");
            cx.push("tag");
        });
        s.rule_next(r"</", NameTag, Next::Push("tag_end"));
        s.rule_next(r"<", NameTag, Next::Push("tag_start"));
        s.rule_next(&format!(r"<\s*{tag_name}"), NameTag, Next::Push("tag"));
        s.rule(&format!(r"<\s*/\s*{tag_name}\s*>"), NameTag);
    });
    b.state("tag_end", |s| {
        s.mixin("tag_end_end");
        s.rule_next(&tag_name, NameTag, Next::Goto("tag_end_end"));
    });
    b.state("tag_end_end", |s| {
        s.rule(r"\s+", Text);
        s.rule_next(r">", NameTag, Next::Pop);
    });
    b.state("tag_start", |s| {
        s.rule(r"\s+", Text);
        s.rule_next(&tag_name, NameTag, Next::Goto("tag"));
        s.call(r"", |cx: &mut C, _| cx.goto("tag"));
    });
    b.state("comment", |s| {
        s.rule(r"[^-]+", Comment);
        s.rule_next(r"-->", Comment, Next::Pop);
        s.rule(r"-", Comment);
    });
    b.state("tag", |s| {
        s.rule(r"\s+", Text);
        s.rule_next(
            &format!(r"[\p{{L}}:_\[\]()*.-][{WORD}\p{{Cf}}:.·\[\]()*-]*\s*=\s*"),
            NameAttribute,
            Next::Push("attr"),
        );
        s.rule(
            &format!(r"[\p{{L}}:_*#-][{WORD}\p{{Cf}}:.·*#-]*"),
            NameAttribute,
        );
        s.rule_next(r"/?\s*>", NameTag, Next::Pop);
    });
    b.state("attr", |s| {
        s.rule_next(r#"""#, Str, Next::Goto("dq"));
        s.rule_next(r"'", Str, Next::Goto("sq"));
        s.rule_next(r"[^\s>]+", Str, Next::Pop);
    });
    b.state("dq", |s| {
        s.rule_next(r#"""#, Str, Next::Pop);
        s.rule(r#"[^"]+"#, Str);
    });
    b.state("sq", |s| {
        s.rule_next(r"'", Str, Next::Pop);
        s.rule(r"[^']+", Str);
    });
    b.state("script_content", |s| {
        s.call(r"[^<]+", |cx: &mut C, m| delegate_js(cx, m.all()));
        s.rule_next(r"<\s*/\s*script\s*>", NameTag, Next::Pop);
        s.call(r"<", |cx: &mut C, m| delegate_js(cx, m.all()));
    });
    b.state("style_content", |s| {
        s.call(r"[^<]+", |cx: &mut C, m| delegate_css(cx, m.all()));
        s.rule_next(r"<\s*/\s*style\s*>", NameTag, Next::Pop);
        s.call(r"<", |cx: &mut C, m| delegate_css(cx, m.all()));
    });
    b.build()
});
