//! Rendering: a scope stack over the site globals, with Ruby Liquid's
//! lookup rules, interrupts (`break`/`continue`) and per-render registers.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::ast::*;
use crate::error::Error;
use crate::expr::{Expr, Lookup, Name, Output, VarLookup};
use crate::filters;
use crate::ops::{
    compare, lookup_key, lookup_name, lookup_name_ref, range_int, slice_collection, to_i,
    to_integer, validate_include_name,
};
use crate::value::{HashedName, Map, Value, DROP_CLASS_KEY};
use crate::{Environment, Template};

mod include;
mod loops;
mod memo;

pub use memo::Memo;
pub(crate) use memo::{block_contained, self_contained};

/// Ruby Liquid raises "Nesting too deep" past 100 scopes.
const MAX_SCOPES: usize = 100;

/// Blocks nested while rendering (includes times their own nesting); deep
/// enough for any real site, shallow enough for a 2 MiB thread stack.
const MAX_RENDER_DEPTH: usize = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Interrupt {
    Break,
    Continue,
}

/// The state of one `render` call, handed to custom tags.
pub struct Context<'a> {
    env: &'a dyn Environment,
    globals: &'a Map,
    /// `scopes[0]` is the template's own scope, where `assign` writes.
    scopes: Vec<Map>,
    local_counters: HashMap<String, i64>,
    cycles: HashMap<String, usize>,
    /// Where each loop (by name) stopped, for `offset: continue`. A list: a
    /// template runs a few loops, and this was a hash map allocated and
    /// SipHashed for every loop of every page.
    for_offsets: Vec<(Box<str>, i64)>,
    ifchanged: Option<String>,
    interrupt: Option<Interrupt>,
    /// Nesting of blocks being rendered, across includes: a guard against
    /// native stack overflow that Ruby's scope limit alone does not give.
    depth: usize,
    pub(crate) strict_variables: bool,
    /// A template rendered for many pages (a layout): its top-level loops
    /// may come from the pass's [`Memo`].
    shared: bool,
    /// While a loop renders for the memo, the first scope that is its own
    /// (0: none renders); a lookup that finds a name below it, or in the
    /// globals other than `site` and `jekyll`, or nowhere, taints it.
    memo_base: usize,
    memo_tainted: std::cell::Cell<bool>,
    /// The loops (by name) that set where they stopped while rendering for
    /// the memo: reuse sets them again.
    memo_offsets: Vec<Box<str>>,
}

/// Sets `key` in `scope`. A loop sets the same names every iteration:
/// an existing key is overwritten in place, with no new key made.
fn set_in(scope: &mut Map, key: &str, value: Value) {
    match scope.get_mut(key) {
        Some(slot) => *slot = value,
        None => {
            scope.insert(key.into(), value);
        }
    }
}

impl<'a> Context<'a> {
    pub fn new(env: &'a dyn Environment, globals: &'a Map) -> Context<'a> {
        Context {
            env,
            globals,
            scopes: vec![Map::new()],
            local_counters: HashMap::new(),
            cycles: HashMap::new(),
            for_offsets: Vec::new(),
            ifchanged: None,
            interrupt: None,
            depth: 0,
            strict_variables: false,
            shared: false,
            memo_base: 0,
            memo_tainted: std::cell::Cell::new(false),
            memo_offsets: Vec::new(),
        }
    }

    pub fn env(&self) -> &'a dyn Environment {
        self.env
    }

    pub fn globals(&self) -> &'a Map {
        self.globals
    }

    /// Evaluates variable markup such as `page.title` or `site.data['x']`.
    pub fn evaluate(&mut self, markup: &str) -> Result<Value, Error> {
        self.eval(&crate::expr::parse_expression(markup))
    }

    /// Sets a variable in the innermost scope (Ruby `context[key] = value`).
    pub fn set_local(&mut self, key: &str, value: Value) {
        if let Some(s) = self.scopes.last_mut() {
            set_in(s, key, value);
        }
    }

    /// Renders `template` in this context inside a new scope holding
    /// `include` = `params` when given, as Jekyll's include tag does.
    pub fn render_partial(
        &mut self,
        template: &Template,
        params: Option<Map>,
        out: &mut String,
    ) -> Result<(), Error> {
        self.push_scope()?;
        if let Some(p) = params {
            self.set_local("include", Value::hash(p));
        }
        let r = self.render_block(&template.root, out);
        self.scopes.pop();
        r
    }

    /// Sets `key` in scope `scope`, where it is expected at `index`: by
    /// position when it is there, by name otherwise.
    pub(crate) fn set_at(&mut self, scope: usize, index: usize, key: &str, value: Value) {
        let s = &mut self.scopes[scope];
        match s.get_index_mut(index) {
            Some((k, slot)) if k == key => *slot = value,
            _ => set_in(s, key, value),
        }
    }

    fn push_scope(&mut self) -> Result<(), Error> {
        if self.scopes.len() >= MAX_SCOPES {
            return Err(Error::render("Nesting too deep"));
        }
        self.scopes.push(Map::new());
        Ok(())
    }

    fn has_variable(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.contains_key(name))
            || self.globals.contains_key(name)
            || match self.env.counters() {
                Some(m) => m.lock().is_ok_and(|m| m.contains_key(name)),
                None => self.local_counters.contains_key(name),
            }
    }

    pub fn find_variable(&self, name: &str) -> Value {
        self.find_hashed(name, HashedName::hash_of(name))
    }

    /// Innermost scope first, then the globals, then the counters; `name`
    /// hashed once for all of them.
    fn find_hashed(&self, name: &str, hash: u64) -> Value {
        self.find_hashed_ref(name, hash).into_owned()
    }

    /// [`Context::find_hashed`], borrowing what a scope or the globals hold.
    fn find_hashed_ref(&self, name: &str, hash: u64) -> Cow<'_, Value> {
        for (i, s) in self.scopes.iter().enumerate().rev() {
            if let Some(v) = s.get_maybe_hashed(name, Some(hash)) {
                if i < self.memo_base {
                    self.memo_tainted.set(true);
                }
                return Cow::Borrowed(v);
            }
        }
        if let Some(v) = self.globals.get_maybe_hashed(name, Some(hash)) {
            if self.memo_base > 0 && name != "site" && name != "jekyll" {
                self.memo_tainted.set(true);
            }
            return Cow::Borrowed(v);
        }
        if self.memo_base > 0 {
            self.memo_tainted.set(true);
        }
        let counter = match self.env.counters() {
            Some(m) => {
                self.env.counter_read();
                m.lock().ok().and_then(|m| m.get(name).copied())
            }
            None => self.local_counters.get(name).copied(),
        };
        Cow::Owned(counter.map_or(Value::Nil, Value::Int))
    }

    /// The enclosing loop's `forloop`, for `forloop.parentloop`: Ruby keeps
    /// a stack of loops, so a counter of that name is never one.
    fn loop_parent(&self) -> Value {
        for (i, s) in self.scopes.iter().enumerate().rev() {
            if let Some(v) = s.get("forloop") {
                if i < self.memo_base {
                    self.memo_tainted.set(true);
                }
                return match v {
                    Value::Hash(h) if h.contains_key("index0") => v.clone(),
                    _ => Value::Nil,
                };
            }
        }
        match self.globals.get("forloop") {
            Some(v @ Value::Hash(h)) if h.contains_key("index0") => {
                if self.memo_base > 0 {
                    self.memo_tainted.set(true);
                }
                v.clone()
            }
            _ => Value::Nil,
        }
    }

    fn bump_counter(&mut self, name: &str, delta: i64) -> i64 {
        self.env.counted();
        let update = |m: &mut HashMap<String, i64>| {
            let v = m.entry(name.to_string()).or_insert(0);
            let old = *v;
            *v += delta;
            if delta > 0 {
                old
            } else {
                *v
            }
        };
        match self.env.counters() {
            Some(m) => match m.lock() {
                Ok(mut g) => update(&mut g),
                Err(p) => update(&mut p.into_inner()),
            },
            None => update(&mut self.local_counters),
        }
    }

    pub(crate) fn eval(&mut self, e: &Expr) -> Result<Value, Error> {
        Ok(match e {
            Expr::Lit(v) => v.clone(),
            Expr::Var(v) => match self.lookup_ref(v) {
                Some(found) => found?.into_owned(),
                None => self.lookup(v)?,
            },
            Expr::Range(a, b) => {
                let a = self.eval(a)?;
                let b = self.eval(b)?;
                Value::Range(range_int(&a)?, range_int(&b)?)
            }
            Expr::Blank | Expr::Empty => Value::str(""),
        })
    }

    /// [`Context::lookup`] of a name and keys (`site.posts`, `p.url`, the
    /// most common kind), borrowing every step; `None` for any other kind.
    /// Each step's copy was an atomic count, often on a value both threads
    /// share (`site`, the newest posts); `{{ p.title }}` now copies nothing.
    fn lookup_ref(&self, v: &VarLookup) -> Option<Result<Cow<'_, Value>, Error>> {
        let Name::Ident(n) = &v.name else {
            return None;
        };
        if !v.lookups.iter().all(|l| matches!(l, Lookup::Key { .. })) {
            return None;
        }
        let mut obj = match self.variable_ref(n) {
            Ok(obj) => obj,
            Err(e) => return Some(Err(e)),
        };
        for l in &v.lookups {
            let Lookup::Key { key, command } = l else {
                unreachable!("only keys, checked above");
            };
            let found = match &obj {
                Cow::Borrowed(o) => lookup_name_ref(o, key, Some(key.hash()), *command),
                Cow::Owned(o) => lookup_name_ref(o, key, Some(key.hash()), *command)
                    .map(|v| Cow::Owned(v.into_owned())),
            };
            obj = match found {
                Some(v) => v,
                None if self.strict_variables => {
                    return Some(Err(Error::render(format!("undefined variable {key}"))))
                }
                None => return Some(Ok(Cow::Owned(Value::Nil))),
            };
        }
        Some(Ok(obj))
    }

    /// A variable by name, borrowed; with `strict_variables`, an error if
    /// there is none.
    #[inline]
    fn variable_ref(&self, n: &HashedName) -> Result<Cow<'_, Value>, Error> {
        if self.strict_variables && !self.has_variable(n) {
            return Err(Error::render(format!("undefined variable {n}")));
        }
        Ok(self.find_hashed_ref(n, n.hash()))
    }

    /// A variable and its lookups step by step, copying each: for what
    /// [`Context::lookup_ref`] leaves (a computed name, an index).
    fn lookup(&mut self, v: &VarLookup) -> Result<Value, Error> {
        let mut obj = match &v.name {
            Name::Ident(n) => self.variable_ref(n)?.into_owned(),
            Name::Expr(e) => match self.eval(e)? {
                Value::Str(s) => self.find_variable(&s),
                _ => Value::Nil,
            },
            Name::Missing => return Ok(Value::Nil),
        };
        for l in &v.lookups {
            let found = match l {
                Lookup::Key { key, command } => lookup_name(&obj, key, Some(key.hash()), *command),
                Lookup::Index(e) => {
                    let key = self.eval(e)?;
                    let found = lookup_key(&obj, &key, false);
                    if found.is_none() && self.strict_variables {
                        return Err(Error::render(format!(
                            "undefined variable {}",
                            key.to_liquid_string()
                        )));
                    }
                    found
                }
            };
            obj = match (found, l) {
                (Some(v), _) => v,
                (None, Lookup::Key { key, .. }) if self.strict_variables => {
                    return Err(Error::render(format!("undefined variable {key}")))
                }
                _ => return Ok(Value::Nil),
            };
        }
        Ok(obj)
    }

    pub(crate) fn eval_output(&mut self, o: &Output) -> Result<Value, Error> {
        let mut v = match &o.expr {
            Some(e) => self.eval(e)?,
            None => return Ok(Value::Nil),
        };
        for f in &o.filters {
            let mut args = Vec::with_capacity(f.args.len());
            for a in &f.args {
                args.push(self.eval(a)?);
            }
            let kwargs = if f.kwargs.is_empty() {
                None
            } else {
                let mut m = Map::new();
                for (k, e) in &f.kwargs {
                    let val = self.eval(e)?;
                    m.insert(k.as_str().into(), val);
                }
                Some(m)
            };
            v = filters::apply_routed(self, &f.name, &f.route, v, args, kwargs)?;
        }
        Ok(v)
    }

    pub(crate) fn render_block(&mut self, b: &Block, out: &mut String) -> Result<(), Error> {
        if self.depth >= MAX_RENDER_DEPTH {
            return Err(Error::render("Nesting too deep"));
        }
        self.depth += 1;
        let r = self.render_nodes(b, out);
        self.depth -= 1;
        r
    }

    #[inline(never)]
    fn render_output(&mut self, o: &OutputNode, out: &mut String) -> Result<(), Error> {
        // `{{ p.title }}` is written from where the value is: no copy.
        if let (Some(Expr::Var(var)), true) = (&o.output.expr, o.output.filters.is_empty()) {
            if let Some(found) = self.lookup_ref(var) {
                let v = found.map_err(|e| e.at_line(o.line).with_markup(&o.markup))?;
                v.write_to(out);
                return Ok(());
            }
        }
        let v = self
            .eval_output(&o.output)
            .map_err(|e| e.at_line(o.line).with_markup(&o.markup))?;
        v.write_to(out);
        Ok(())
    }

    fn render_nodes(&mut self, b: &Block, out: &mut String) -> Result<(), Error> {
        for node in &b.nodes {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Output(o) => self.render_output(o, out)?,
                Node::Tag(t) => {
                    self.render_tag(&t.tag, out)
                        .map_err(|e| e.at_line(t.line).with_markup(&t.markup))?;
                    if self.interrupt.is_some() {
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    pub(crate) fn eval_condition(&mut self, c: &Condition) -> Result<bool, Error> {
        match c {
            Condition::Else => Ok(true),
            Condition::And(a, b) => Ok(self.eval_condition(a)? && self.eval_condition(b)?),
            Condition::Or(a, b) => Ok(self.eval_condition(a)? || self.eval_condition(b)?),
            Condition::Cmp { left, op, right } => {
                let Some(op) = op else {
                    return Ok(match left {
                        Expr::Blank | Expr::Empty => true,
                        e => self.eval(e)?.is_truthy(),
                    });
                };
                let right = right.as_ref().expect("comparison has a right side");
                compare(self, left, op, right)
            }
        }
    }

    /// Dispatches a tag. Kept free of locals so the recursion through
    /// nested blocks costs little native stack; the work is in the helpers.
    fn render_tag(&mut self, tag: &Tag, out: &mut String) -> Result<(), Error> {
        match tag {
            Tag::If { branches, unless } => self.render_if(branches, *unless, out),
            Tag::For(f) => self.render_for(f, out),
            Tag::Include(inc) => self.render_include(inc, out),
            Tag::Case {
                left,
                branches,
                bodies,
            } => self.render_case(left, branches, bodies, out),
            Tag::Raw(s) => {
                out.push_str(s);
                Ok(())
            }
            Tag::Comment => Ok(()),
            Tag::Break => {
                self.interrupt = Some(Interrupt::Break);
                Ok(())
            }
            Tag::Continue => {
                self.interrupt = Some(Interrupt::Continue);
                Ok(())
            }
            other => self.render_other_tag(other, out),
        }
    }

    #[inline(never)]
    fn render_if(
        &mut self,
        branches: &[(Condition, Block)],
        unless: bool,
        out: &mut String,
    ) -> Result<(), Error> {
        for (i, (cond, body)) in branches.iter().enumerate() {
            let r = self.eval_condition(cond)? != (unless && i == 0);
            if r {
                return self.render_block(body, out);
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn render_case(
        &mut self,
        left: &Expr,
        branches: &[(Option<Expr>, usize)],
        bodies: &[Block],
        out: &mut String,
    ) -> Result<(), Error> {
        let mut run_else = true;
        for (cond, idx) in branches {
            match cond {
                None => {
                    if run_else {
                        self.render_block(&bodies[*idx], out)?;
                    }
                }
                Some(v) => {
                    if compare(self, left, "==", v)? {
                        run_else = false;
                        self.render_block(&bodies[*idx], out)?;
                    }
                }
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn render_other_tag(&mut self, tag: &Tag, out: &mut String) -> Result<(), Error> {
        match tag {
            Tag::Assign { to, value } => {
                let v = self.eval_output(value)?;
                self.scopes[0].insert(to.as_str().into(), v);
            }
            Tag::Capture { to, body } => {
                let mut s = String::new();
                self.render_block(body, &mut s)?;
                self.scopes[0].insert(to.as_str().into(), Value::from(s));
            }
            Tag::TableRow {
                var,
                collection,
                attrs,
                body,
                ..
            } => self.render_tablerow(var, collection, attrs, body, out)?,
            Tag::Cycle { group, values } => {
                let key = match group {
                    CycleGroup::Named(e) => {
                        let v = self.eval(e)?;
                        format!("{}:{}", v.type_name(), v.inspect())
                    }
                    CycleGroup::Anonymous(k) => k.clone(),
                };
                let it = self.cycles.get(&key).copied().unwrap_or(0);
                let v = match values.get(it) {
                    Some(e) => self.eval(e)?,
                    None => Value::Nil,
                };
                v.write_to(out);
                let next = if it + 1 >= values.len() { 0 } else { it + 1 };
                self.cycles.insert(key, next);
            }
            Tag::Increment(n) => out.push_str(&self.bump_counter(n, 1).to_string()),
            Tag::Decrement(n) => out.push_str(&self.bump_counter(n, -1).to_string()),
            Tag::Echo(o) => self.eval_output(o)?.write_to(out),
            Tag::IfChanged(body) => {
                let mut s = String::new();
                self.render_block(body, &mut s)?;
                if self.ifchanged.as_deref() != Some(s.as_str()) {
                    out.push_str(&s);
                    self.ifchanged = Some(s);
                }
            }
            Tag::Render => {
                return Err(Error::render(
                    "This liquid context does not allow includes.",
                ));
            }
            Tag::Link(t) => {
                let mut path = String::new();
                self.render_block(&t.root, &mut path)?;
                out.push_str(&self.env.link(&path)?);
            }
            Tag::PostUrl(name) => out.push_str(&self.env.post_url(name)?),
            Tag::Highlight {
                lang,
                options,
                body,
            } => {
                let mut code = String::new();
                self.render_block(body, &mut code)?;
                let code = code.trim_matches(|c| c == '\n' || c == '\r');
                // `highlighter_prefix || ""`: Markdown sets both to a newline.
                let around = |ctx: &Self, name: &str, out: &mut String| {
                    let v = ctx.find_variable(name);
                    if v.is_truthy() {
                        v.write_to(out);
                    }
                };
                around(self, "highlighter_prefix", out);
                out.push_str(&self.env.highlight(code, lang, options));
                around(self, "highlighter_suffix", out);
            }
            Tag::Custom(c) => c.render(self, out)?,
            Tag::If { .. }
            | Tag::For(_)
            | Tag::Include(_)
            | Tag::Case { .. }
            | Tag::Raw(_)
            | Tag::Comment
            | Tag::Break
            | Tag::Continue => return self.render_tag(tag, out),
        }
        Ok(())
    }
}

pub(crate) fn render_template(
    template: &Template,
    globals: &Map,
    env: &dyn Environment,
    shared: bool,
) -> Result<String, Error> {
    let mut ctx = Context::new(env, globals);
    ctx.strict_variables = template.strict_variables;
    ctx.shared = shared;
    // A layout's output is mostly its source and the `content` it wraps:
    // sized for both, the output grows once or not at all instead of a
    // dozen times from empty.
    let content = match globals.get("content") {
        Some(Value::Str(c)) => c.len(),
        _ => 0,
    };
    let mut out = String::with_capacity(template.source_len + content);
    ctx.render_block(&template.root, &mut out)?;
    Ok(out)
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Template>();
    is::<Arc<Template>>();
}

impl Context<'_> {
    pub(crate) fn push_scope_pub(&mut self) -> Result<(), Error> {
        self.push_scope()
    }

    pub(crate) fn pop_scope_pub(&mut self) {
        self.scopes.pop();
    }
}
