//! The parsed template: a tree of nodes, each tag remembering its line and
//! markup so render-time errors can point at it.

use std::sync::Arc;

use crate::expr::{Expr, Output};
use crate::CustomTag;
use crate::Value;

#[derive(Debug, Default)]
pub struct Block {
    pub nodes: Vec<Node>,
    /// Only whitespace text and blank tags: control-flow tags drop the text
    /// of blank bodies (Ruby's `remove_blank_strings`).
    pub blank: bool,
}

impl Block {
    pub fn remove_blank_strings(&mut self) {
        self.nodes.retain(|n| !matches!(n, Node::Text(_)));
    }
}

#[derive(Debug)]
pub enum Node {
    Text(String),
    Output(Box<OutputNode>),
    Tag(Box<TagNode>),
}

#[derive(Debug)]
pub struct OutputNode {
    pub output: Output,
    pub line: usize,
    pub markup: String,
}

#[derive(Debug)]
pub struct TagNode {
    pub tag: Tag,
    pub line: usize,
    pub markup: String,
}

#[derive(Debug)]
pub enum Condition {
    /// `left op right`, joined to the next condition with `and`/`or`.
    Cmp {
        left: Expr,
        op: Option<String>,
        right: Option<Expr>,
    },
    And(Box<Condition>, Box<Condition>),
    Or(Box<Condition>, Box<Condition>),
    Else,
}

#[derive(Debug)]
pub enum ForOffset {
    None,
    Continue,
    Expr(Expr),
}

#[derive(Debug)]
pub struct ForTag {
    pub var: String,
    pub collection: Expr,
    pub name: String,
    pub reversed: bool,
    pub limit: Option<Expr>,
    pub offset: ForOffset,
    pub body: Block,
    pub else_body: Option<Block>,
    /// The body's text names `forloop`, or includes a file (which sees
    /// it): otherwise nothing reads it after the first iteration.
    pub uses_forloop: bool,
    /// The body changes nothing outside the loop (see `render::memo`).
    pub self_contained: bool,
}

#[derive(Debug)]
pub enum IncludeFile {
    Static(String),
    /// A file name holding `{{ … }}`, rendered first.
    Dynamic(Arc<crate::Template>),
}

#[derive(Debug)]
pub enum ParamValue {
    /// A quoted string, made a value once: every render shares it.
    Str(Value),
    Var(Expr),
}

#[derive(Debug)]
pub struct IncludeTag {
    pub file: IncludeFile,
    pub params: Option<Vec<(String, ParamValue)>>,
    pub relative: bool,
    /// A name in the markup that passes Jekyll's check of include names,
    /// which renders then need not repeat.
    pub name_checked: bool,
}

#[derive(Debug)]
pub enum Tag {
    Assign {
        to: String,
        value: Output,
    },
    Capture {
        to: String,
        body: Block,
    },
    If {
        branches: Vec<(Condition, Block)>,
        unless: bool,
    },
    Case {
        left: Expr,
        /// (None = else, Some(value)) and the index of the body it renders.
        branches: Vec<(Option<Expr>, usize)>,
        bodies: Vec<Block>,
    },
    For(Box<ForTag>),
    TableRow {
        var: String,
        collection: Expr,
        attrs: Vec<(String, Expr)>,
        body: Block,
    },
    Cycle {
        group: CycleGroup,
        values: Vec<Expr>,
    },
    Increment(String),
    Decrement(String),
    Raw(String),
    Comment,
    Echo(Output),
    Break,
    Continue,
    IfChanged(Block),
    Include(Box<IncludeTag>),
    /// `{% render %}`: Jekyll sets no Liquid file system, so it always fails.
    Render,
    Link(Arc<crate::Template>),
    PostUrl(String),
    Highlight {
        lang: String,
        options: String,
        body: Block,
    },
    Custom(Box<dyn CustomTag>),
}

#[derive(Debug)]
pub enum CycleGroup {
    Named(Expr),
    /// Unnamed cycles share state when their values are the same literals.
    Anonymous(String),
}
