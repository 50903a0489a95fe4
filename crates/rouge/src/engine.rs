//! A regex state machine with Rouge's `RegexLexer` semantics.
//!
//! A lexer is a set of named states, each an ordered list of rules. At every
//! position the rules of the state on top of the stack are tried in order and
//! the first one whose pattern matches *at* the position wins. Matching follows
//! Ruby's `StringScanner`: the pattern sees the rest of the input as a fresh
//! string, so `^` and `\A` match at the scan position, and look-behind cannot see
//! before it. A rule whose pattern starts with `^` is only tried at a real line
//! start, exactly as Rouge does. When no rule matches, one character is emitted
//! as an `Error` token.
//!
//! Patterns are written in Rust regex syntax with Ruby's meaning of the
//! shorthand classes (`\w`, `\d`, `\s` and `\h` are ASCII-only in Ruby); see
//! [`translate`]. Patterns using look-around or back-references are compiled
//! with `fancy-regex`, the rest with `regex`.

use crate::firstbyte::{first_bytes, FirstBytes};
use crate::lookaround::{Fast, Split};
use crate::token::Token;

/// Sequence of tokens with Rouge's merging: a token of the same type as the
/// previous one is appended to it, empty values are dropped. All text lives in
/// one buffer, so a token costs no allocation of its own.
#[derive(Default, Debug)]
pub struct Sink {
    text: String,
    /// Each token's type and the offset in `text` where it starts.
    starts: Vec<(Token, usize)>,
}

impl Sink {
    pub fn push(&mut self, tok: Token, val: &str) {
        if val.is_empty() {
            return;
        }
        if self.starts.last().map(|&(t, _)| t) != Some(tok) {
            self.starts.push((tok, self.text.len()));
        }
        self.text.push_str(val);
    }

    /// The merged tokens in order.
    pub fn iter(&self) -> impl Iterator<Item = (Token, &str)> {
        let ends = self
            .starts
            .iter()
            .skip(1)
            .map(|&(_, s)| s)
            .chain([self.text.len()]);
        self.starts
            .iter()
            .zip(ends)
            .map(|(&(tok, s), e)| (tok, &self.text[s..e]))
    }

    /// Total length of the tokens' text.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    pub fn into_tokens(self) -> Vec<(Token, String)> {
        self.iter().map(|(t, v)| (t, v.to_owned())).collect()
    }
}

/// Anything that turns code into tokens.
pub trait Lexer: Send + Sync {
    fn lex_into(&self, code: &str, sink: &mut Sink);
}

/// Rewrites a pattern so Ruby's ASCII-only shorthand classes keep their
/// meaning (the `regex` crate makes them Unicode-aware), and makes `^`/`$`
/// line anchors as they always are in Ruby.
pub fn translate(pat: &str) -> String {
    let mut out = String::with_capacity(pat.len() + 16);
    out.push_str("(?m)");
    let mut chars = pat.chars().peekable();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let inside = class_depth > 0;
                let rep = match (e, inside) {
                    ('w', false) => "[0-9A-Za-z_]",
                    ('w', true) => "0-9A-Za-z_",
                    ('W', false) => "[^0-9A-Za-z_]",
                    ('W', true) => "[^0-9A-Za-z_]",
                    ('d', false) => "[0-9]",
                    ('d', true) => "0-9",
                    ('D', _) => "[^0-9]",
                    ('s', false) => "[\\t\\n\\x0B\\x0C\\r ]",
                    ('s', true) => "\\t\\n\\x0B\\x0C\\r ",
                    ('S', _) => "[^\\t\\n\\x0B\\x0C\\r ]",
                    ('Z', false) => "(?=\\n?\\z)",
                    ('h', false) => "[0-9A-Fa-f]",
                    ('h', true) => "0-9A-Fa-f",
                    _ => {
                        out.push('\\');
                        out.push(e);
                        continue;
                    }
                };
                out.push_str(rep);
            }
            '[' => {
                out.push('[');
                // `[` directly after the opening `[` or `[^` is a literal in a class.
                if class_depth == 0 || matches!(out.as_bytes()[out.len() - 2], b'[') {
                    class_depth += 1;
                    if chars.peek() == Some(&'^') {
                        out.push(chars.next().unwrap());
                    }
                    if chars.peek() == Some(&']') {
                        chars.next();
                        out.push_str("\\]");
                    }
                } else if chars.peek() == Some(&':') {
                    // POSIX class like [:alpha:] inside a class
                    for c in chars.by_ref() {
                        out.push(c);
                        if c == ']' {
                            break;
                        }
                    }
                } else {
                    class_depth += 1;
                    if chars.peek() == Some(&'^') {
                        out.push(chars.next().unwrap());
                    }
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    out
}

/// The pattern without a leading inline flag group like `(?i)`: Rouge only
/// tries a rule whose source starts with `^` at the start of a line.
fn strip_flags(pat: &str) -> &str {
    if let Some(rest) = pat.strip_prefix("(?") {
        if let Some(end) = rest.find(')') {
            if rest[..end]
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-')
            {
                return &rest[end + 1..];
            }
        }
    }
    pat
}

/// A compiled pattern, matched anchored at the start of a haystack.
enum Matcher {
    Plain(regex::Regex),
    Fancy(fancy_regex::Regex),
    /// Look-aheads only at the ends: mostly decided without fancy-regex.
    Split(Box<Split>, fancy_regex::Regex),
}

impl Matcher {
    fn new(pat: &str) -> (Matcher, FirstBytes, String) {
        let src = translate(pat);
        let first = first_bytes(&src);
        let anchored = format!("\\A(?:{src})");
        let m = match regex::Regex::new(&anchored) {
            Ok(re) => Matcher::Plain(re),
            // fancy-regex compiles a pattern starting with \A as anchored,
            // so a failed match costs nothing past the scan position.
            Err(_) => {
                let fancy = fancy_regex::Regex::new(&anchored)
                    .unwrap_or_else(|e| panic!("bad pattern {pat:?}: {e}"));
                match Split::new(&src) {
                    Some(split) => Matcher::Split(Box::new(split), fancy),
                    None => Matcher::Fancy(fancy),
                }
            }
        };
        (m, first, src)
    }

    fn has_groups(&self) -> bool {
        match self {
            Matcher::Plain(re) => re.captures_len() > 1,
            Matcher::Fancy(re) | Matcher::Split(_, re) => re.captures_len() > 1,
        }
    }

    /// Match at the start of `hay`; `want_groups` asks for capture offsets.
    fn at(
        &self,
        hay: &str,
        want_groups: bool,
        groups: &mut Vec<Option<(usize, usize)>>,
    ) -> Option<usize> {
        groups.clear();
        match self {
            Matcher::Split(split, fancy) => match split.at(hay, want_groups, groups) {
                Fast::No => None,
                Fast::End(end) => Some(end),
                Fast::Fallback => Matcher::fancy_at(fancy, hay, want_groups, groups),
            },
            Matcher::Fancy(re) => Matcher::fancy_at(re, hay, want_groups, groups),
            Matcher::Plain(re) => {
                if want_groups {
                    let caps = re.captures(hay)?;
                    groups.extend(caps.iter().map(|m| m.map(|m| (m.start(), m.end()))));
                    Some(caps.get(0).unwrap().end())
                } else {
                    re.find(hay).map(|m| m.end())
                }
            }
        }
    }

    fn fancy_at(
        re: &fancy_regex::Regex,
        hay: &str,
        want_groups: bool,
        groups: &mut Vec<Option<(usize, usize)>>,
    ) -> Option<usize> {
        groups.clear();
        if !want_groups {
            // A fancy-regex that fails with a backtrack limit simply doesn't match.
            return re.find(hay).ok().flatten().map(|m| m.end());
        }
        let caps = re.captures(hay).ok().flatten()?;
        groups.extend(caps.iter().map(|m| m.map(|m| (m.start(), m.end()))));
        Some(caps.get(0).unwrap().end())
    }
}

/// The matched text and its groups, as a rule callback sees them.
pub struct Match<'t> {
    hay: &'t str,
    groups: &'t [Option<(usize, usize)>],
    end: usize,
}

impl<'t> Match<'t> {
    /// The whole match (`m[0]`).
    pub fn all(&self) -> &'t str {
        &self.hay[..self.end]
    }
    /// Group `i`, or `None` if it did not participate.
    pub fn get(&self, i: usize) -> Option<&'t str> {
        self.groups
            .get(i)
            .copied()
            .flatten()
            .map(|(s, e)| &self.hay[s..e])
    }
    /// Group `i`, or "" if it did not participate.
    pub fn group(&self, i: usize) -> &'t str {
        self.get(i).unwrap_or("")
    }
}

pub type Callback<S> = Box<dyn Fn(&mut Cx<'_, S>, &Match<'_>) + Send + Sync>;

/// A state written as code instead of rules: given the rest of the input it
/// emits tokens and returns how many bytes it consumed, or `None` when nothing
/// matches (one character then becomes an `Error` token). Used for Rouge's
/// anonymous states built at run time, such as Ruby's `%w(...)` literals.
pub type NativeStep<S> = Box<dyn Fn(&mut Cx<'_, S>, &str) -> Option<usize> + Send + Sync>;

/// What happens to the state stack after a simple rule's token is emitted.
#[derive(Clone, Copy)]
pub enum Next {
    Stay,
    Push(&'static str),
    /// Push the current state again (Rouge's `:push`).
    PushSelf,
    Pop,
    Goto(&'static str),
}

enum Action<S> {
    Token(Token, Next),
    Groups(Vec<Token>, Next),
    Call(Callback<S>),
}

struct Rule<S> {
    /// The state a `Push`/`Goto` names, resolved when the lexer is built.
    target: usize,
    /// The translated pattern (for combining plain rules into one automaton).
    src: String,
    matcher: Matcher,
    first: FirstBytes,
    /// Whether the action reads capture groups (otherwise a plain find suffices).
    groups: bool,
    bol: bool,
    action: Action<S>,
}

enum Item<S> {
    Rule(Box<Rule<S>>),
    Mixin(&'static str),
}

/// Collects the rules of one state while a lexer is being defined.
pub struct StateBuilder<S> {
    items: Vec<Item<S>>,
}

impl<S> StateBuilder<S> {
    fn add(&mut self, pat: &str, action: Action<S>) {
        let (matcher, first, src) = Matcher::new(pat);
        let groups = matcher.has_groups() && !matches!(action, Action::Token(..));
        self.items.push(Item::Rule(Box::new(Rule {
            target: usize::MAX,
            src,
            matcher,
            first,
            groups,
            bol: strip_flags(pat).starts_with('^'),
            action,
        })));
    }
    /// Emit the match as `tok`.
    pub fn rule(&mut self, pat: &str, tok: Token) -> &mut Self {
        self.add(pat, Action::Token(tok, Next::Stay));
        self
    }
    /// Emit the match as `tok`, then change the stack.
    pub fn rule_next(&mut self, pat: &str, tok: Token, next: Next) -> &mut Self {
        self.add(pat, Action::Token(tok, next));
        self
    }
    /// Emit group `i + 1` as `toks[i]`.
    pub fn groups(&mut self, pat: &str, toks: &[Token]) -> &mut Self {
        self.add(pat, Action::Groups(toks.to_vec(), Next::Stay));
        self
    }
    /// Emit groups, then change the stack.
    pub fn groups_next(&mut self, pat: &str, toks: &[Token], next: Next) -> &mut Self {
        self.add(pat, Action::Groups(toks.to_vec(), next));
        self
    }
    /// Run arbitrary code on a match.
    pub fn call(
        &mut self,
        pat: &str,
        f: impl Fn(&mut Cx<'_, S>, &Match<'_>) + Send + Sync + 'static,
    ) -> &mut Self {
        self.add(pat, Action::Call(Box::new(f)));
        self
    }
    /// Include another state's rules here (Rouge's `mixin`).
    pub fn mixin(&mut self, state: &'static str) -> &mut Self {
        self.items.push(Item::Mixin(state));
        self
    }
}

/// Consecutive rules of a state that plain regexes can express are matched
/// by one multi-pattern automaton: an anchored leftmost-first search over
/// patterns in order finds the first rule that matches, exactly as trying
/// them one by one would, in a single pass.
enum Segment {
    One(usize),
    Group(Box<Group>),
}

struct Group {
    re: regex_automata::meta::Regex,
    rules: Vec<usize>,
    first: FirstBytes,
}

fn segments_of<S>(rule_ids: &[usize], rules: &[Rule<S>]) -> Vec<Segment> {
    let groupable = |ri: usize| matches!(rules[ri].matcher, Matcher::Plain(_)) && !rules[ri].bol;
    let mut out = Vec::new();
    let mut i = 0;
    while i < rule_ids.len() {
        let mut j = i;
        while j < rule_ids.len() && groupable(rule_ids[j]) {
            j += 1;
        }
        if j - i >= 2 {
            let ids = rule_ids[i..j].to_vec();
            let pats: Vec<&str> = ids.iter().map(|&r| rules[r].src.as_str()).collect();
            let re = regex_automata::meta::Regex::new_many(&pats).expect("combined patterns");
            let mut first = rules[ids[0]].first.clone();
            for &r in &ids[1..] {
                first.union(&rules[r].first);
                first.nullable |= rules[r].first.nullable;
            }
            out.push(Segment::Group(Box::new(Group {
                re,
                rules: ids,
                first,
            })));
            i = j;
        } else {
            out.push(Segment::One(rule_ids[i]));
            i += 1;
        }
    }
    out
}

/// FNV-1a: state names are short and trusted, and callbacks look them up on
/// almost every token, where SipHash showed in profiles.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Default, Clone, Copy)]
struct BuildFnv;

impl std::hash::BuildHasher for BuildFnv {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

/// A complete lexer definition; `S` is the lexer's own mutable state
/// (indentation stacks, heredoc queues, ...), reset for every `lex`.
pub struct RegexLexer<S> {
    names: Vec<&'static str>,
    rules: Vec<Rule<S>>,
    natives: Vec<Option<NativeStep<S>>>,
    start: Option<fn(&mut Cx<'_, S>)>,
    /// Per state, its rules grouped for matching (see [`Segment`]).
    segments: Vec<Vec<Segment>>,
    /// The `root` state, where lexing starts.
    root: usize,
    /// State ids by name, for callbacks that push or go to a state by name.
    ids: std::collections::HashMap<&'static str, usize, BuildFnv>,
}

pub struct Builder<S> {
    defs: Vec<(&'static str, StateBuilder<S>)>,
    natives: Vec<(&'static str, NativeStep<S>)>,
    start: Option<fn(&mut Cx<'_, S>)>,
}

impl<S> Default for Builder<S> {
    fn default() -> Self {
        Builder {
            defs: Vec::new(),
            natives: Vec::new(),
            start: None,
        }
    }
}

impl<S> Builder<S> {
    pub fn new() -> Self {
        Self::default()
    }
    /// Define (or extend) a state.
    pub fn state(&mut self, name: &'static str, f: impl FnOnce(&mut StateBuilder<S>)) -> &mut Self {
        let idx = match self.defs.iter().position(|(n, _)| *n == name) {
            Some(i) => i,
            None => {
                self.defs.push((name, StateBuilder { items: Vec::new() }));
                self.defs.len() - 1
            }
        };
        f(&mut self.defs[idx].1);
        self
    }
    /// Define a state as code (see [`NativeStep`]).
    pub fn native(
        &mut self,
        name: &'static str,
        f: impl Fn(&mut Cx<'_, S>, &str) -> Option<usize> + Send + Sync + 'static,
    ) -> &mut Self {
        self.state(name, |_| {});
        self.natives.push((name, Box::new(f)));
        self
    }
    /// Code run before lexing starts (Rouge's `start` block).
    pub fn start(&mut self, f: fn(&mut Cx<'_, S>)) -> &mut Self {
        self.start = Some(f);
        self
    }
    pub fn build(self) -> RegexLexer<S> {
        let names: Vec<&'static str> = self.defs.iter().map(|(n, _)| *n).collect();
        let mut rules = Vec::new();
        // Per state: `Ok(rule index)` or `Err(mixin name)`.
        let mut own: Vec<Vec<Result<usize, &'static str>>> = Vec::new();
        for (_, sb) in self.defs {
            let mut items = Vec::new();
            for item in sb.items {
                match item {
                    Item::Rule(r) => {
                        rules.push(*r);
                        items.push(Ok(rules.len() - 1));
                    }
                    Item::Mixin(m) => items.push(Err(m)),
                }
            }
            own.push(items);
        }
        type Own = [Vec<Result<usize, &'static str>>];
        fn flatten(
            i: usize,
            names: &[&'static str],
            own: &Own,
            out: &mut Vec<usize>,
            depth: usize,
        ) {
            assert!(depth < 32, "mixin cycle");
            for item in &own[i] {
                match item {
                    Ok(r) => out.push(*r),
                    Err(m) => {
                        let j = names
                            .iter()
                            .position(|n| n == m)
                            .unwrap_or_else(|| panic!("unknown mixin {m}"));
                        flatten(j, names, own, out, depth + 1);
                    }
                }
            }
        }
        let states: Vec<Vec<usize>> = (0..names.len())
            .map(|i| {
                let mut out = Vec::new();
                flatten(i, &names, &own, &mut out, 0);
                out
            })
            .collect();
        let mut natives: Vec<Option<NativeStep<S>>> = names.iter().map(|_| None).collect();
        for (name, f) in self.natives {
            let i = names.iter().position(|n| *n == name).unwrap();
            natives[i] = Some(f);
        }
        let ids = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let segments = states
            .iter()
            .map(|st: &Vec<usize>| segments_of(st, &rules))
            .collect();
        let lexer = RegexLexer {
            names,
            rules,
            natives,
            start: self.start,
            segments,
            root: 0,
            ids,
        };
        let mut lexer = lexer;
        lexer.root = lexer.id("root");
        // Resolve (and so check) every state named by a rule.
        for i in 0..lexer.rules.len() {
            let next = match &lexer.rules[i].action {
                Action::Token(_, n) | Action::Groups(_, n) => *n,
                Action::Call(_) => Next::Stay,
            };
            if let Next::Push(s) | Next::Goto(s) = next {
                lexer.rules[i].target = lexer.id(s);
            }
        }
        lexer
    }
}

/// The running state of one lexer over one input: what callbacks see.
pub struct Cx<'a, S> {
    lexer: &'a RegexLexer<S>,
    pub stack: Vec<usize>,
    pub data: S,
    out: &'a mut Sink,
    /// The whole input and the position the current match starts at.
    text: &'a str,
    pos: usize,
}

impl<S> Cx<'_, S> {
    pub fn token(&mut self, tok: Token, val: &str) {
        self.out.push(tok, val);
    }
    pub fn push(&mut self, state: &str) {
        let id = self.lexer.id(state);
        self.stack.push(id);
    }
    pub fn push_self(&mut self) {
        let top = *self.stack.last().expect("empty stack");
        self.stack.push(top);
    }
    /// Pop `n` states; Rouge never pops the last one in practice, and we keep it.
    pub fn pop(&mut self, n: usize) {
        for _ in 0..n {
            if self.stack.len() > 1 {
                self.stack.pop();
            }
        }
    }
    pub fn goto(&mut self, state: &str) {
        let id = self.lexer.id(state);
        *self.stack.last_mut().expect("empty stack") = id;
    }
    pub fn reset_stack(&mut self) {
        self.stack.clear();
        self.stack.push(self.lexer.root);
    }
    /// Whether the top state is `state`.
    pub fn state_is(&self, state: &str) -> bool {
        self.stack.last().map(|&i| self.lexer.names[i]) == Some(state)
    }
    /// How many times `state` is on the stack.
    pub fn count_state(&self, state: &str) -> usize {
        self.stack
            .iter()
            .filter(|&&i| self.lexer.names[i] == state)
            .count()
    }
    /// Whether `state` is anywhere on the stack.
    pub fn in_state(&self, state: &str) -> bool {
        self.stack.iter().any(|&i| self.lexer.names[i] == state)
    }
    /// The input after the current match start (Rouge's `stream.rest` before it advances).
    pub fn rest(&self) -> &str {
        &self.text[self.pos..]
    }
    /// The whole input text.
    pub fn text(&self) -> &str {
        self.text
    }
    /// Byte offset of the current match start.
    pub fn pos(&self) -> usize {
        self.pos
    }
    /// The lexer's own data and the token sink, borrowed together (for
    /// delegating to a sub-lexer whose state lives in `data`).
    pub fn parts(&mut self) -> (&mut S, &mut Sink) {
        (&mut self.data, self.out)
    }
    /// Lex `text` with another lexer, appending its tokens here.
    pub fn delegate(&mut self, lexer: &dyn Lexer, text: &str) {
        lexer.lex_into(text, self.out);
    }
    /// Lex `text` with this same lexer from a fresh state (Rouge's `recurse`
    /// builds a new lexer instance).
    pub fn recurse(&mut self, text: &str)
    where
        S: Default,
    {
        self.lexer.lex_into_sink(text, self.out);
    }
}

/// Rouge gives up after this many consecutive empty matches.
const MAX_NULL_SCANS: usize = 5;

impl<S> RegexLexer<S> {
    fn id(&self, name: &str) -> usize {
        *self
            .ids
            .get(name)
            .unwrap_or_else(|| panic!("unknown state {name}"))
    }
}

impl<S: Default> RegexLexer<S> {
    pub fn lex_into_sink(&self, code: &str, sink: &mut Sink) {
        let mut cx = Cx {
            lexer: self,
            stack: vec![self.root],
            data: S::default(),
            out: sink,
            text: code,
            pos: 0,
        };
        if let Some(start) = self.start {
            start(&mut cx);
        }
        self.run(&mut cx);
    }

    /// Runs `cx` over its text from position 0 with whatever stack it has.
    fn run(&self, cx: &mut Cx<'_, S>) {
        let text = cx.text;
        let mut groups = Vec::new();
        let mut null_steps = 0;
        let mut pos = 0;
        'outer: while pos < text.len() {
            let hay = &text[pos..];
            let bol = pos == 0 || text.as_bytes()[pos - 1] == b'\n';
            let first = hay.as_bytes()[0];
            let state = *cx.stack.last().expect("empty stack");
            if let Some(step) = &self.natives[state] {
                cx.pos = pos;
                match step(cx, hay) {
                    Some(n) => {
                        pos += n;
                        continue 'outer;
                    }
                    None => {
                        let ch = hay.chars().next().unwrap();
                        cx.out.push(Token::Error, &hay[..ch.len_utf8()]);
                        pos += ch.len_utf8();
                        continue 'outer;
                    }
                }
            }
            for seg in &self.segments[state] {
                let (rule, end) = match seg {
                    Segment::One(ri) => {
                        let rule = &self.rules[*ri];
                        if (rule.bol && !bol) || !rule.first.may_start(first) {
                            continue;
                        }
                        let Some(end) = rule.matcher.at(hay, rule.groups, &mut groups) else {
                            continue;
                        };
                        (rule, end)
                    }
                    Segment::Group(g) => {
                        let Group {
                            re,
                            rules,
                            first: fb,
                        } = &**g;
                        if !fb.may_start(first) {
                            continue;
                        }
                        let input =
                            regex_automata::Input::new(hay).anchored(regex_automata::Anchored::Yes);
                        // Anchored, so only the end is unknown: a forward-only search.
                        let Some(m) = re.search_half(&input) else {
                            continue;
                        };
                        let rule = &self.rules[rules[m.pattern().as_usize()]];
                        if rule.groups {
                            rule.matcher.at(hay, true, &mut groups);
                        }
                        (rule, m.offset())
                    }
                };
                if end == 0 {
                    null_steps += 1;
                    if null_steps > MAX_NULL_SCANS {
                        // Rouge's step reports failure after running the rule.
                        self.apply(cx, rule, hay, &groups, end, pos);
                        break;
                    }
                } else {
                    null_steps = 0;
                }
                self.apply(cx, rule, hay, &groups, end, pos);
                pos += end;
                continue 'outer;
            }
            // No rule matched: one character is an error.
            let ch = hay.chars().next().unwrap();
            cx.out.push(Token::Error, &hay[..ch.len_utf8()]);
            pos += ch.len_utf8();
        }
    }

    fn apply(
        &self,
        cx: &mut Cx<'_, S>,
        rule: &Rule<S>,
        hay: &str,
        groups: &[Option<(usize, usize)>],
        end: usize,
        pos: usize,
    ) {
        cx.pos = pos;
        let next = match &rule.action {
            Action::Token(tok, next) => {
                cx.out.push(*tok, &hay[..end]);
                *next
            }
            Action::Groups(toks, next) => {
                for (i, tok) in toks.iter().enumerate() {
                    if let Some(Some((s, e))) = groups.get(i + 1) {
                        cx.out.push(*tok, &hay[*s..*e]);
                    }
                }
                *next
            }
            Action::Call(f) => {
                let m = Match { hay, groups, end };
                f(cx, &m);
                Next::Stay
            }
        };
        match next {
            Next::Stay => {}
            Next::Push(_) => cx.stack.push(rule.target),
            Next::PushSelf => cx.push_self(),
            Next::Pop => cx.pop(1),
            Next::Goto(_) => *cx.stack.last_mut().expect("empty stack") = rule.target,
        }
    }
}

impl<S: Default + Send + Sync> Lexer for RegexLexer<S> {
    fn lex_into(&self, code: &str, sink: &mut Sink) {
        self.lex_into_sink(code, sink);
    }
}

/// Lexer state kept across several delegations, as Rouge keeps a sub-lexer
/// instance (e.g. HTML's embedded JavaScript lexer) between `delegate` calls.
pub struct Continuation<S> {
    stack: Vec<usize>,
    data: S,
}

impl<S: Default> Default for Continuation<S> {
    fn default() -> Self {
        Continuation {
            stack: Vec::new(),
            data: S::default(),
        }
    }
}

impl<S: Default> RegexLexer<S> {
    /// Continue lexing with `cont`'s stack and data (Rouge's `continue_lex`).
    pub fn continue_into(&self, cont: &mut Continuation<S>, code: &str, sink: &mut Sink) {
        if cont.stack.is_empty() {
            cont.stack.push(self.root);
        }
        let mut cx = Cx {
            lexer: self,
            stack: std::mem::take(&mut cont.stack),
            data: std::mem::take(&mut cont.data),
            out: sink,
            text: code,
            pos: 0,
        };
        self.run(&mut cx);
        cont.stack = cx.stack;
        cont.data = cx.data;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation() {
        for (ruby, rust) in [
            (r"\w+", r"(?m)[0-9A-Za-z_]+"),
            (r"[\w-]", r"(?m)[0-9A-Za-z_-]"),
            (r"[^\s']", "(?m)[^\\t\\n\\x0B\\x0C\\r ']"),
            (r"\d\.", r"(?m)[0-9]\."),
            (r"[]a]", r"(?m)[\]a]"),
            (r"[[:alpha:]\d]", r"(?m)[[:alpha:]0-9]"),
            (r"\bx", r"(?m)\bx"),
        ] {
            assert_eq!(translate(ruby), rust, "{ruby}");
        }
    }

    #[test]
    fn merging_and_anchoring() {
        let mut b: Builder<()> = Builder::new();
        b.state("root", |s| {
            s.rule(r"^#.*", Token::Comment);
            s.rule(r"[a-z]+", Token::Name);
            s.rule(r"\s+", Token::Text);
        });
        let lexer = b.build();
        let mut sink = Sink::default();
        lexer.lex_into_sink("ab #x\n#c d", &mut sink);
        let got: Vec<_> = sink.iter().map(|(t, s)| (t.class(), s)).collect();
        assert_eq!(
            got,
            [
                ("n", "ab"),
                ("", " "),
                ("err", "#"),
                ("n", "x"),
                ("", "\n"),
                ("c", "#c d")
            ]
        );
    }
}
