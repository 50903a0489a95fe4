//! Markdown to HTML exactly as kramdown 2.4 with the GFM parser writes it under
//! Jekyll 4.3's defaults.
//!
//! kramdown's block syntax (IALs, lazy lines, its own list and HTML rules) differs
//! too much from CommonMark for pulldown-cmark's parser to serve as a base, so the
//! parser here is hand-written after kramdown's rules; pulldown-cmark is only the
//! speed yardstick in `examples/kramdown_bench.rs`.
//!
//! Pipeline: `block` parses blocks (leaving span text raw), `tree` parses spans
//! and applies attribute lists, abbreviations and GFM header ids, and `convert`
//! writes HTML with kramdown's indentation.
//!
//! # Calling it as Jekyll does
//! - Pass the page body exactly as Jekyll reads it: its front-matter pattern
//!   (`---\s*$\n?`) also swallows blank lines at the top of the body.
//! - Options come from `kramdown:` in `_config.yml` ([`Options::set`]); Jekyll's
//!   `highlighter:` (default `rouge`, also when it is `null`) decides whether a
//!   highlighter is passed at all.
//! - With Rouge, use [`to_html_with`]: the hook gets the code and the language as
//!   kramdown hands it to Rouge (`plaintext` when none, possibly `lang?opts`) and
//!   returns the escaped token HTML, or `None` when Rouge has no lexer; the
//!   `<div class="language-X highlighter-rouge"><div class="highlight"><pre
//!   class="highlight"><code>` wrapper is written here.
//! - Excerpts are converted on their own: Jekyll takes the text before
//!   `excerpt_separator` and, when the rest defines link references, appends
//!   `"\n\n"` plus those definition lines before converting.

mod ast;
mod block;
mod convert;
mod convert_code;
mod defs;
mod entities;
mod entity_table;
mod ext;
mod hl_opts;
mod html;
mod ids;
mod lines;
mod list;
mod notes;
mod options;
mod quotes;
mod span;
mod span_link;
mod span_misc;
mod table;
mod tree;
mod util;

use std::collections::HashMap;

pub use options::{EntityOutput, HighlighterOpts, OptValue, Options};

/// Highlighter hook: given (code, lang) return the highlighted inner HTML (already
/// escaped, Rouge spans), i.e. what goes inside `<code>`.
pub type Highlighter<'a> = &'a dyn Fn(&str, &str) -> String;

/// Like [`Highlighter`], but `None` says "Rouge has no lexer for this language",
/// in which case kramdown writes a plain `<pre><code class="language-X">` block.
pub type HighlighterOpt<'a> = &'a dyn Fn(&str, &str) -> Option<String>;

/// Converts Markdown to HTML as Jekyll's kramdown converter does.
///
/// With a highlighter every code block/span goes through it (language, or
/// `plaintext` when none is given); use [`to_html_with`] to report unknown languages.
pub fn to_html(source: &str, options: &Options, highlighter: Option<Highlighter<'_>>) -> String {
    match highlighter {
        Some(h) => {
            let wrapped = |code: &str, lang: &str| Some(h(code, lang));
            convert_doc(source, options, Some(&wrapped))
        }
        None => convert_doc(source, options, None),
    }
}

/// [`to_html`] with a highlighter that may decline a language (no Rouge lexer).
pub fn to_html_with(
    source: &str,
    options: &Options,
    highlighter: Option<HighlighterOpt<'_>>,
) -> String {
    convert_doc(source, options, highlighter)
}

/// kramdown's adapt_source: `\r\n`/`\r` to `\n`, exactly one trailing newline.
fn adapt_source(source: &str) -> String {
    let mut s = if source.contains('\r') {
        source.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        source.to_string()
    };
    if s.ends_with('\n') {
        s.pop();
    }
    s.push('\n');
    s
}

fn convert_doc(source: &str, options: &Options, hl: Option<HighlighterOpt<'_>>) -> String {
    let src = adapt_source(source);
    let mut parser = block::Parser::new(options);
    let mut root = ast::Node::new(ast::Kind::Root);
    parser.parse_blocks(&mut block::Src::new(&src), &mut root, None);
    let mut abbrev_attr: HashMap<String, ast::Attrs> = HashMap::new();
    tree::update_tree(&mut parser, &mut root, &mut abbrev_attr, 0);
    let mut abbr_keys: Vec<String> = parser.abbrevs.iter().map(|(k, _)| k.clone()).collect();
    abbr_keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    tree::replace_abbreviations(&mut root, &abbr_keys, 0);
    let names: Vec<String> = parser.footnotes.keys().cloned().collect();
    for name in names {
        let mut content = match parser.footnotes.get_mut(&name) {
            Some(d) => std::mem::replace(&mut d.content, ast::Node::new(ast::Kind::Root)),
            None => continue,
        };
        tree::update_tree(&mut parser, &mut content, &mut abbrev_attr, 0);
        tree::replace_abbreviations(&mut content, &abbr_keys, 0);
        if let Some(d) = parser.footnotes.get_mut(&name) {
            d.content = content;
        }
    }
    let mut ids = ids::GfmIds::default();
    if parser.opts.is_gfm() {
        tree::gfm_update(&mut root, &mut ids, &parser, 0);
    }
    let out = {
        let mut w = convert::Writer::new(
            &parser.opts,
            &parser.footnotes,
            &parser.abbrevs,
            &abbrev_attr,
            hl,
        );
        w.convert_root(&root)
    };
    if parser.max_depth > 64 {
        drop_deep(root);
    }
    out
}

/// Drops a tree iteratively so that very deep documents cannot overflow the stack.
fn drop_deep(root: ast::Node) {
    let mut stack = vec![root];
    while let Some(mut n) = stack.pop() {
        stack.extend(std::mem::take(&mut n.children));
    }
}

/// Jekyll's `smartify` filter: kramdown's SmartyPants input converted to HTML.
pub fn smartify(source: &str, options: &Options) -> String {
    smarty::smartify(source, options)
}

mod smarty;
