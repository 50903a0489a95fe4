//! Syntax highlighting token-for-token as Rouge 3.30, with the HTML Jekyll 4.3.1
//! writes for `{% highlight %}` and kramdown's fenced code blocks.
//!
//! The [`engine`] is a small regex state machine with Rouge's `RegexLexer`
//! semantics; each language lives in its own module under [`lexers`].

pub mod engine;
mod firstbyte;
pub mod format;
pub mod lexers;
mod lookaround;
mod registry;
pub mod token;

pub use token::Token;

/// Canonical Rouge lexer tag for a name or alias, resolved as Rouge's
/// `Lexer.find` does (`sh` → "shell", `yml` → "yaml"). Rouge's registry is
/// case-sensitive (`R` and `r` are both registered, `Ruby` is not); Jekyll's
/// highlight tag downcases the language before looking it up, kramdown passes
/// a fenced block's language unchanged. None if Rouge has no such lexer.
pub fn find_lexer(name: &str) -> Option<&'static str> {
    registry::canonical(name)
}

/// The tokens Rouge produces for `code` in `lang` (merged as Rouge merges them).
/// An unknown language, or one this crate does not implement yet, is lexed as
/// plain text.
pub fn tokens(code: &str, lang: &str) -> Vec<(Token, String)> {
    lex(code, lang).into_tokens()
}

fn lex(code: &str, lang: &str) -> engine::Sink {
    let mut sink = engine::Sink::default();
    let tag = find_lexer(lang).unwrap_or("plaintext");
    match lexers::get(tag) {
        Some(lexer) => lexer.lex_into(code, &mut sink),
        None => sink.push(Token::Text, code),
    }
    sink
}

/// Rouge's HTML formatter output (the token spans, escaped) for `code` in
/// `lang`; an unknown lang is rendered as plain text (escaping only).
pub fn highlight(code: &str, lang: &str) -> String {
    let sink = lex(code, lang);
    format::html_of(sink.iter(), sink.text_len())
}

/// The complete output of Jekyll's `{% highlight LANG [linenos] %}` tag for the
/// rendered block body `code`. `markup_options` is the raw text after the
/// language in the tag (only `linenos` changes the output in Jekyll 4.3.1).
pub fn jekyll_highlight_tag(code: &str, lang: &str, markup_options: &str) -> String {
    let lang = lang.to_ascii_lowercase();
    // Jekyll strips every leading and trailing \n / \r.
    let code = code.trim_matches(['\n', '\r']);
    let linenos = markup_options
        .split_whitespace()
        .any(|opt| opt.split('=').next() == Some("linenos"));
    let toks = tokens(code, &lang);
    let body = if linenos {
        format::html_table(&toks)
    } else {
        format::html(&toks)
    };
    // `code.chomp` drops one trailing line terminator.
    let body = body
        .strip_suffix("\r\n")
        .or_else(|| body.strip_suffix('\n'))
        .or_else(|| body.strip_suffix('\r'))
        .unwrap_or(&body);
    format!(
        "<figure class=\"highlight\"><pre><code class=\"language-{}\" data-lang=\"{}\">{}</code></pre></figure>",
        lang.replace('+', "-"),
        lang,
        body
    )
}

/// Whether this crate implements `lang`'s Rouge lexer (otherwise [`highlight`]
/// falls back to plain-text escaping, which differs from Rouge for languages
/// Rouge knows).
pub fn is_implemented(lang: &str) -> bool {
    find_lexer(lang).is_some_and(|tag| lexers::IMPLEMENTED.contains(&tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_tag_wrapper() {
        let fig = |lang: &str, body: &str| {
            format!(
                "<figure class=\"highlight\"><pre><code class=\"language-{}\" data-lang=\"{lang}\">{body}</code></pre></figure>",
                lang.replace('+', "-")
            )
        };
        for (code, lang, opts, want) in [
            // Leading and trailing line breaks are stripped, inner ones kept.
            ("\n\r\nx\n\ny\n\n", "text", "", fig("text", "x\n\ny")),
            // The language is downcased; `+` becomes `-` in the class only.
            ("a<b", "C++", "", fig(
                    "c++",
                    "<span class=\"n\">a</span><span class=\"o\">&lt;</span><span class=\"n\">b</span>",
                ),),
            // Unknown languages are escaped plain text.
            ("<&>", "nosuchlang", "", fig("nosuchlang", "&lt;&amp;&gt;")),
            (
                "a\nb",
                "text",
                "linenos",
                fig(
                    "text",
                    "<table class=\"rouge-table\"><tbody><tr><td class=\"gutter gl\"><pre class=\"lineno\">1\n2\n</pre></td><td class=\"code\"><pre>a\nb\n</pre></td></tr></tbody></table>",
                ),
            ),
        ] {
            assert_eq!(jekyll_highlight_tag(code, lang, opts), want, "{lang} {code:?}");
        }
    }

    #[test]
    fn highlight_keeps_trailing_newline_for_kramdown() {
        assert_eq!(
            highlight("a: 1\n", "yaml"),
            "<span class=\"na\">a</span><span class=\"pi\">:</span> <span class=\"m\">1</span>\n"
        );
        assert!(is_implemented("yml") && !is_implemented("haskell") && !is_implemented("nope"));
    }
}
