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
mod nesting;
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
pub type Highlighter<'a> = &'a (dyn Fn(&str, &str) -> String + Sync);

/// Like [`Highlighter`], but `None` says "Rouge has no lexer for this language",
/// in which case kramdown writes a plain `<pre><code class="language-X">` block.
/// `Sync`: a deeply nested document is converted on a thread of its own.
pub type HighlighterOpt<'a> = &'a (dyn Fn(&str, &str) -> Option<String> + Sync);

/// Blocks nest deeper than Jekyll's kramdown can follow: Jekyll fails there
/// with Ruby's "stack level too deep" (see `nesting.rs` for the measured rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    /// The line of the source where nesting went too deep, from 1.
    pub line: usize,
}

impl std::fmt::Display for TooDeep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "blocks nested too deep at line {}", self.line)
    }
}

impl std::error::Error for TooDeep {}

/// Where Jekyll converts: its page conversion, or the `markdownify` filter,
/// which starts further down Ruby's stack and so fails a little sooner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    Page,
    Filter,
}

/// Converts Markdown to HTML as Jekyll's kramdown converter does.
///
/// With a highlighter every code block/span goes through it (language, or
/// `plaintext` when none is given); use [`to_html_with`] to report unknown languages.
/// Nesting deeper than Jekyll can follow is kept as text; [`try_to_html_with`]
/// reports it instead.
pub fn to_html(source: &str, options: &Options, highlighter: Option<Highlighter<'_>>) -> String {
    let out = match highlighter {
        Some(h) => {
            let wrapped = |code: &str, lang: &str| Some(h(code, lang));
            convert_doc(source, options, Some(&wrapped), Caller::Page)
        }
        None => convert_doc(source, options, None, Caller::Page),
    };
    out.0
}

/// [`to_html`] with a highlighter that may decline a language (no Rouge lexer).
pub fn to_html_with(
    source: &str,
    options: &Options,
    highlighter: Option<HighlighterOpt<'_>>,
) -> String {
    convert_doc(source, options, highlighter, Caller::Page).0
}

/// [`to_html_with`], failing where Jekyll fails: on blocks nested deeper than
/// kramdown under Ruby can follow from `caller`.
pub fn try_to_html_with(
    source: &str,
    options: &Options,
    highlighter: Option<HighlighterOpt<'_>>,
    caller: Caller,
) -> Result<String, TooDeep> {
    match convert_doc(source, options, highlighter, caller) {
        (html, None) => Ok(html),
        (_, Some(line)) => Err(TooDeep { line }),
    }
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

/// The HTML, and the line where nesting went past Jekyll's limit, if it did.
fn convert_doc(
    source: &str,
    options: &Options,
    hl: Option<HighlighterOpt<'_>>,
    caller: Caller,
) -> (String, Option<usize>) {
    let src = adapt_source(source);
    let budget = match caller {
        Caller::Page => nesting::BUDGET,
        Caller::Filter => nesting::FILTER_BUDGET,
    };
    // Most documents fit any thread's stack; only deep ones are parsed again,
    // on a stack big enough for every depth Jekyll gets through.
    let shallow = convert_src(&src, options, hl, nesting::Nesting::new(budget, true));
    if let Ok(done) = shallow {
        return done;
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("kramdown-deep".into())
            .stack_size(nesting::BIG_STACK)
            .spawn_scoped(scope, || {
                convert_src(&src, options, hl, nesting::Nesting::new(budget, false))
            })
            .expect("a thread for a deeply nested document")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
    .unwrap_or_else(|_| unreachable!("no depth cap on a big stack"))
}

/// Converts `src` within `nesting`; `Err` when a shallow pass went too deep.
fn convert_src(
    src: &str,
    options: &Options,
    hl: Option<HighlighterOpt<'_>>,
    nesting: nesting::Nesting,
) -> Result<(String, Option<usize>), ()> {
    let mut parser = block::Parser::new(options);
    parser.nesting = nesting;
    let mut root = ast::Node::new(ast::Kind::Root);
    // Room for the top-level blocks (a guess from the length: about one per
    // 40 bytes), so that the vector does not grow and move them many times.
    root.children.reserve(src.len() / 40);
    parser.parse_blocks(&mut block::Src::new(src), &mut root, None);
    if parser.nesting.is_shallow() && parser.max_depth > nesting::SHALLOW_DEPTH {
        drop_deep(root);
        return Err(());
    }
    let mut abbrev_attr: HashMap<String, ast::Attrs> = HashMap::new();
    tree::update_tree(&mut parser, &mut root, &mut abbrev_attr, 0);
    let mut abbr_keys: Vec<String> = parser.abbrevs.iter().map(|(k, _)| k.clone()).collect();
    abbr_keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let abbr_keys = tree::AbbrevKeys::new(abbr_keys);
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
            &mut parser.footnotes,
            &parser.abbrevs,
            &abbrev_attr,
            hl.map(|h| h as convert::Hl<'_>),
        );
        w.convert_root(&root, src)
    };
    if parser.max_depth > nesting::SHALLOW_DEPTH {
        drop_deep(root);
    }
    Ok((out, parser.nesting.too_deep))
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
