//! How deep blocks may nest: as deep as kramdown under Jekyll 4.3.1 goes
//! before Ruby raises "stack level too deep", and no deeper.
//!
//! Ruby's limit is its stack, which each construct uses at its own rate, so
//! the rule is a weighted one: every nesting level costs its construct's
//! weight and a document fails once the open levels cost more than
//! [`BUDGET`]. The weights are fitted to thresholds measured with `jekyll
//! build` (Ruby 3.1.2, kramdown 2.4.0, kramdown-parser-gfm 1.1.0) on a page's
//! content, where the last level that still builds is:
//!
//! | construct                              | levels |
//! |----------------------------------------|--------|
//! | blockquote (`>` repeated)              | 1,672  |
//! | list item (`- `, `* `, `1. `)          | 825    |
//! | blockquote and list alternating        | 552 + 552 |
//! | indented list or blockquote            | as above |
//! | HTML element parsed raw (`<div>`)      | 1,976  |
//! | HTML element with `markdown="1"`       | 1,026  |
//! | definition (`: `, indented)            | 1,144  |
//! | blockquote holding raw HTML            | 905 + 905 |
//!
//! Each row is reproduced exactly. Other mixes follow from adding the
//! weights, which matches Ruby only approximately (its frames are not all
//! of one size). The thresholds are the same on every run and for posts
//! too; they would move with Ruby's stack size (`RUBY_THREAD_VM_STACK_SIZE`).
//! The `markdownify` filter converts further down Ruby's stack: there lists
//! fail from 824 levels and blockquotes from 1,670, so a filter gets
//! [`FILTER_BUDGET`].
//!
//! Documents nesting deeper than [`SHALLOW_DEPTH`] levels are converted again
//! on a thread with a [`BIG_STACK`], so that ordinary pages pay nothing.

use crate::ast::Kind;
use crate::block::{Parser, Src};

/// What a page's conversion may spend (see the module comment).
pub(crate) const BUDGET: u32 = 1_672_300;
/// What a `markdownify` conversion may spend: 823 list levels convert there,
/// and 1,669 blockquotes.
pub(crate) const FILTER_BUDGET: u32 = 1_669_200;
const BLOCKQUOTE: u32 = 1000;
const LIST_ITEM: u32 = 2026;
const RAW_HTML: u32 = 846;
const MARKDOWN_HTML: u32 = 1629;
const DEFINITION: u32 = 1461;
/// Footnote definitions: Jekyll fails on a footnote whose definition is
/// nothing but another one, so their nesting was not measurable.
const OTHER: u32 = LIST_ITEM;

/// A cap for the passes over the finished tree, above any depth the budget
/// lets through (two elements per level at most, as `ul` and `li`).
pub(crate) const MAX_TREE_DEPTH: usize = 2 * (BUDGET / RAW_HTML) as usize + 16;
/// Levels that any thread's stack takes; deeper documents move to a big one.
pub(crate) const SHALLOW_DEPTH: usize = 64;
/// [`BUDGET`]'s deepest documents took at most 8 MiB in a debug build
/// (measured: about 2,000 levels of raw HTML, 1,672 blockquotes, 825 lists);
/// eight times that, of which only the touched pages are committed.
pub(crate) const BIG_STACK: usize = 64 << 20;

/// The nesting state of one conversion.
pub(crate) struct Nesting {
    used: u32,
    budget: u32,
    /// On a thread's ordinary stack: stop at [`SHALLOW_DEPTH`].
    shallow: bool,
    /// The document line where nesting first went past the budget.
    pub too_deep: Option<usize>,
}

impl Nesting {
    pub fn new(budget: u32, shallow: bool) -> Self {
        Nesting {
            used: 0,
            budget,
            shallow,
            too_deep: None,
        }
    }
    pub fn is_shallow(&self) -> bool {
        self.shallow
    }
}

impl<'a> Src<'a> {
    /// Text whose first line is the document's line `line0`.
    pub fn nested(s: &'a str, line0: usize) -> Self {
        Src {
            s,
            pos: 0,
            line0,
            seen: (0, line0),
            line_end: std::cell::Cell::new((usize::MAX, 0)),
        }
    }
    /// The document line that offset `pos` lies on.
    pub fn line_at(&mut self, pos: usize) -> usize {
        let (from, line) = if pos >= self.seen.0 {
            self.seen
        } else {
            (0, self.line0)
        };
        let line = line + memchr::memchr_iter(b'\n', &self.s.as_bytes()[from..pos]).count();
        self.seen = (pos, line);
        line
    }
}

impl Parser {
    /// Opens a level of `parse_blocks` whose element is `kind` (inside an HTML
    /// element when `html`); returns its cost for [`Parser::leave`].
    pub(crate) fn enter_blocks(&mut self, src: &mut Src, kind: &Kind, html: bool) -> u32 {
        let cost = match kind {
            _ if self.depth == 0 => 0,
            _ if html => MARKDOWN_HTML,
            Kind::Blockquote => BLOCKQUOTE,
            Kind::Temp => LIST_ITEM,
            Kind::Dd => DEFINITION,
            _ => OTHER,
        };
        self.enter(src, cost);
        cost
    }

    /// Opens a level of raw HTML; returns its cost for [`Parser::leave`].
    pub(crate) fn enter_raw_html(&mut self, src: &mut Src) -> u32 {
        self.enter(src, RAW_HTML);
        RAW_HTML
    }

    fn enter(&mut self, src: &mut Src, cost: u32) {
        self.depth += 1;
        self.max_depth = self.max_depth.max(self.depth);
        self.nesting.used += cost;
        if self.nesting.used > self.nesting.budget && self.nesting.too_deep.is_none() {
            self.nesting.too_deep = Some(src.line_at(src.pos));
        }
    }

    pub(crate) fn leave(&mut self, cost: u32) {
        self.depth -= 1;
        self.nesting.used -= cost;
    }

    /// Past the limit: the rest of this level is kept flat (as text) instead
    /// of nesting further.
    pub(crate) fn exhausted(&self) -> bool {
        self.nesting.used > self.nesting.budget
            || (self.nesting.shallow && self.depth > SHALLOW_DEPTH)
    }
}
