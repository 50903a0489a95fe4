//! Tokenizer and parser: the template source split as Ruby Liquid's
//! `TemplateParser` regexp splits it, then parsed into blocks with the same
//! whitespace-control and blank-body rules as `BlockBody`.

use crate::ast::*;
use crate::error::Error;
use crate::expr::lax_output;
use crate::markup::lax_condition_or_error;
pub use crate::markup::{
    cycle_values, jekyll_condition, parse_when, strict_condition, tag_attributes,
};
use crate::util::{is_word, is_ws, lstrip, rstrip, strip};
use crate::{tags, ParseOptions};

/// Nesting limit of blocks, as `Block::MAX_DEPTH`.
pub const MAX_DEPTH: usize = 100;

/// Splits source into text, `{{…}}` and `{%…%}` tokens with their start line.
pub fn tokenize(src: &str) -> Vec<(&str, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut line = 1;
    let mut text_start = 0;
    let mut i = 0;
    fn push<'s>(s: &'s str, out: &mut Vec<(&'s str, usize)>, line: &mut usize) {
        if !s.is_empty() {
            out.push((s, *line));
            *line += s.bytes().filter(|&c| c == b'\n').count();
        }
    }
    while i + 1 < b.len() {
        if b[i] != b'{' || (b[i + 1] != b'%' && b[i + 1] != b'{') {
            i += 1;
            continue;
        }
        let end = if b[i + 1] == b'%' {
            src[i + 2..].find("%}").map_or(i + 2, |k| i + 2 + k + 2)
        } else {
            match src[i + 2..].find('}') {
                Some(k) => {
                    let e = i + 2 + k + 1;
                    if b.get(e) == Some(&b'}') {
                        e + 1
                    } else {
                        e
                    }
                }
                None => i + 2,
            }
        };
        push(&src[text_start..i], &mut out, &mut line);
        push(&src[i..end], &mut out, &mut line);
        i = end;
        text_start = end;
    }
    push(&src[text_start..], &mut out, &mut line);
    out
}

pub struct Stream<'s> {
    toks: Vec<(&'s str, usize)>,
    pos: usize,
    /// Inside `{% liquid %}`: every token is a line holding one tag.
    liquid: bool,
    /// The line after the last token, where Ruby reports unclosed blocks.
    end_line: usize,
}

impl<'s> Stream<'s> {
    /// Where the stream stands, for [`mentions_since`](Self::mentions_since).
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Whether a token read since `start` holds one of `words`.
    pub(crate) fn mentions_since(&self, start: usize, words: &[&str]) -> bool {
        self.toks[start.min(self.pos)..self.pos]
            .iter()
            .any(|(t, _)| words.iter().any(|w| t.contains(w)))
    }

    pub fn document(src: &'s str) -> Stream<'s> {
        Stream {
            toks: tokenize(src),
            pos: 0,
            liquid: false,
            end_line: 1 + src.matches('\n').count(),
        }
    }

    fn liquid_lines(src: &'s str, line: usize) -> Stream<'s> {
        Stream {
            toks: src
                .split('\n')
                .enumerate()
                .map(|(i, l)| (l, line + i))
                .collect(),
            pos: 0,
            liquid: true,
            end_line: line + src.matches('\n').count(),
        }
    }

    fn next(&mut self) -> Option<(&'s str, usize)> {
        let t = self.toks.get(self.pos).copied();
        self.pos += 1;
        t
    }
}

/// What a block tag makes of a tag its body stopped at.
pub enum Branch {
    /// A branch of this block (`else`, `when`, …): parse the next body.
    Next,
    /// Accepted, and this block's parsing ends here.
    Stop,
    /// Not this block's: an error.
    Unknown,
}

/// An unknown tag ended a body: the enclosing block decides what it means.
pub struct EndTag {
    pub name: String,
    pub markup: String,
    pub line: usize,
}

pub struct Parser<'o> {
    pub options: &'o ParseOptions,
    trim_next: bool,
    depth: usize,
    pub line: usize,
    /// Strict-parse failures that fell back to lax parsing (`warn` mode).
    pub warnings: Vec<Error>,
}

/// Splits `{%- name markup -%}` into (name, markup); None when malformed.
fn split_tag(token: &str) -> Option<(&str, &str)> {
    let inner = token.strip_prefix("{%")?.strip_suffix("%}")?;
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = lstrip(inner);
    let name_len = if inner.starts_with('#') {
        1
    } else {
        inner.find(|c: char| !is_word(c)).unwrap_or(inner.len())
    };
    if name_len == 0 {
        return None;
    }
    let name = &inner[..name_len];
    let rest = lstrip(&inner[name_len..]);
    let rest = rest.strip_suffix('-').unwrap_or(rest);
    Some((name, rest))
}

impl<'o> Parser<'o> {
    pub fn new(options: &'o ParseOptions) -> Parser<'o> {
        Parser {
            options,
            trim_next: false,
            depth: 0,
            line: 1,
            warnings: Vec::new(),
        }
    }

    /// Ruby's `ParserSwitching`: the strict result, or in `warn` mode a
    /// recorded warning and the lax result; `strict` mode raises.
    fn switch<T>(
        &mut self,
        strict: Result<T, String>,
        context: &str,
        lax: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error> {
        match strict {
            Ok(v) => Ok(v),
            Err(msg) => {
                let e = Error::syntax(format!("{msg} in \"{context}\"")).at_line(self.line);
                match self.options.error_mode {
                    crate::ErrorMode::Strict => Err(e),
                    crate::ErrorMode::Warn => {
                        self.warnings.push(e);
                        lax()
                    }
                    crate::ErrorMode::Lax => lax(),
                }
            }
        }
    }

    /// `Variable.new`: `{{ … }}`, `assign` and `echo` markup. Ruby tries the
    /// strict grammar in every mode here.
    pub fn output(&mut self, markup: &str) -> Result<crate::expr::Output, Error> {
        let strict = crate::expr::strict_output(markup);
        self.switch(strict, &format!("{{{{{markup}}}}}"), || {
            Ok(lax_output(markup))
        })
    }

    /// `if`/`elsif`/`unless` conditions (lax only in `lax` mode).
    pub fn condition(&mut self, markup: &str) -> Result<Condition, Error> {
        if self.options.error_mode == crate::ErrorMode::Lax {
            return lax_condition_or_error(markup);
        }
        let strict = strict_condition(markup);
        self.switch(strict, strip(markup), || lax_condition_or_error(markup))
    }

    /// `for` heads, as [`Parser::condition`].
    pub fn for_head<T>(
        &mut self,
        markup: &str,
        strict: impl FnOnce(&str) -> Result<T, String>,
        lax: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Result<T, Error> {
        if self.options.error_mode == crate::ErrorMode::Lax {
            return lax(markup);
        }
        let s = strict(markup);
        self.switch(s, strip(markup), || lax(markup))
    }

    fn err(&self, msg: impl Into<String>) -> Error {
        Error::syntax(msg).at_line(self.line)
    }

    /// `Block#parse_body`: parses until an unregistered tag (returned) or EOF.
    pub fn parse_body(
        &mut self,
        s: &mut Stream<'_>,
        block: &mut Block,
    ) -> Result<Option<EndTag>, Error> {
        if self.depth >= MAX_DEPTH {
            // A StackLevelError, not a SyntaxError: Ruby gives it no line.
            return Err(Error::render("Nesting too deep"));
        }
        self.depth += 1;
        let r = self.parse_nodes(s, block);
        self.depth -= 1;
        r
    }

    /// The template's own body: `Document#parse`, which (unlike a block's
    /// body) does not count towards [`MAX_DEPTH`], so 100 nested blocks parse.
    pub fn parse_nodes(
        &mut self,
        s: &mut Stream<'_>,
        block: &mut Block,
    ) -> Result<Option<EndTag>, Error> {
        if s.liquid {
            self.parse_liquid_lines(s, block)
        } else {
            self.parse_document(s, block)
        }
    }

    fn parse_document(
        &mut self,
        s: &mut Stream<'_>,
        block: &mut Block,
    ) -> Result<Option<EndTag>, Error> {
        while let Some((tok, line)) = s.next() {
            self.line = line;
            if let Some(after_open) = tok.strip_prefix("{%") {
                self.whitespace_control(tok, block);
                let Some((name, markup)) = split_tag(tok) else {
                    return Err(self.err(format!(
                        "Tag '{tok}' was not properly terminated with regexp: /\\%\\}}/"
                    )));
                };
                let lead = after_open.strip_prefix('-').unwrap_or(after_open);
                self.line += lead[..lead.len() - lstrip(lead).len()]
                    .matches('\n')
                    .count();
                if name == "liquid" {
                    let mut ls = Stream::liquid_lines(markup, self.line);
                    let end = self.parse_liquid_lines(&mut ls, block)?;
                    if let Some(end) = end {
                        return Err(unknown_tag_error(&end.name, "liquid", "%}").at_line(end.line));
                    }
                    continue;
                }
                match self.parse_tag(name, markup, tok, s)? {
                    Some(node) => self.push_tag(block, node),
                    None => {
                        return Ok(Some(EndTag {
                            name: name.to_string(),
                            markup: markup.to_string(),
                            line: self.line,
                        }))
                    }
                }
            } else if tok.starts_with("{{") {
                self.whitespace_control(tok, block);
                let inner = tok
                    .strip_prefix("{{")
                    .and_then(|t| t.strip_suffix("}}"))
                    .filter(|_| tok.len() >= 4)
                    .ok_or_else(|| {
                        self.err(format!(
                            "Variable '{tok}' was not properly terminated with regexp: /\\}}\\}}/"
                        ))
                    })?;
                let inner = inner.strip_prefix('-').unwrap_or(inner);
                let inner = inner.strip_suffix('-').unwrap_or(inner);
                let output = self.output(inner).map_err(|e| e.at_line(line))?;
                block.nodes.push(Node::Output(Box::new(OutputNode {
                    output,
                    line,
                    markup: tok.to_string(),
                })));
                block.blank = false;
            } else {
                let text = if self.trim_next { lstrip(tok) } else { tok };
                self.trim_next = false;
                if !text.chars().all(is_ws) {
                    block.blank = false;
                }
                block.nodes.push(Node::Text(text.to_string()));
            }
        }
        Ok(None)
    }

    fn parse_liquid_lines(
        &mut self,
        s: &mut Stream<'_>,
        block: &mut Block,
    ) -> Result<Option<EndTag>, Error> {
        while let Some((tok, line)) = s.next() {
            self.line = line;
            if tok.chars().all(is_ws) {
                continue;
            }
            let t = lstrip(tok);
            let name_len = if t.starts_with('#') {
                1
            } else {
                t.find(|c: char| !is_word(c)).unwrap_or(t.len())
            };
            if name_len == 0 {
                return Ok(Some(EndTag {
                    name: tok.to_string(),
                    markup: tok.to_string(),
                    line,
                }));
            }
            let name = &t[..name_len];
            let markup = lstrip(&t[name_len..]);
            match self.parse_tag(name, markup, tok, s)? {
                Some(node) => self.push_tag(block, node),
                None => {
                    return Ok(Some(EndTag {
                        name: name.to_string(),
                        markup: markup.to_string(),
                        line,
                    }))
                }
            }
        }
        Ok(None)
    }

    fn push_tag(&mut self, block: &mut Block, node: TagNode) {
        if !tags::is_blank(&node.tag) {
            block.blank = false;
        }
        block.nodes.push(Node::Tag(Box::new(node)));
    }

    /// `{%-`/`{{-` strip the previous text node of this body; `-%}`/`-}}`
    /// strip the next text token wherever it lands.
    fn whitespace_control(&mut self, tok: &str, block: &mut Block) {
        if tok.as_bytes().get(2) == Some(&b'-') {
            if let Some(Node::Text(prev)) = block.nodes.last_mut() {
                let keep = rstrip(prev).len();
                prev.truncate(keep);
            }
        }
        self.trim_next = tok.len() >= 3 && tok.as_bytes()[tok.len() - 3] == b'-';
    }

    /// Parses a registered tag; Ok(None) when `name` is not a tag (an end or
    /// branch tag for the enclosing block, or unknown).
    fn parse_tag(
        &mut self,
        name: &str,
        markup: &str,
        tok: &str,
        s: &mut Stream<'_>,
    ) -> Result<Option<TagNode>, Error> {
        let line = self.line;
        let tag = match tags::parse_tag(self, name, markup, s) {
            Ok(Some(tag)) => tag,
            Ok(None) => return Ok(None),
            Err(e) if e.kind == crate::ErrorKind::Render && e.message == "Nesting too deep" => {
                return Err(e)
            }
            Err(e) => return Err(e.at_line(line).with_markup(tok)),
        };
        Ok(Some(TagNode {
            tag,
            line,
            markup: tok.to_string(),
        }))
    }

    /// Parses a block tag's bodies: calls `on_tag` for each branch tag and
    /// stops at `end<name>`.
    pub fn parse_block(
        &mut self,
        name: &str,
        s: &mut Stream<'_>,
        mut on_tag: impl FnMut(&mut Self, &EndTag) -> Result<Branch, Error>,
        bodies: &mut Vec<Block>,
    ) -> Result<(), Error> {
        let delim = format!("end{name}");
        loop {
            let mut body = Block {
                nodes: Vec::new(),
                blank: true,
            };
            let end = self.parse_body(s, &mut body)?;
            bodies.push(body);
            match end {
                None => {
                    return Err(
                        Error::syntax(format!("'{name}' tag was never closed")).at_line(s.end_line)
                    )
                }
                Some(e) if e.name == delim => return Ok(()),
                Some(e) => match on_tag(self, &e)? {
                    Branch::Next => {}
                    Branch::Stop => return Ok(()),
                    Branch::Unknown => {
                        return Err(unknown_tag_error(&e.name, name, &delim).at_line(e.line))
                    }
                },
            }
        }
    }

    /// `raw`: everything up to `{% endraw %}` verbatim.
    pub fn parse_raw(&mut self, s: &mut Stream<'_>) -> Result<String, Error> {
        let mut body = String::new();
        while let Some((tok, _)) = s.next() {
            if let Some(inner) = tok.strip_prefix("{%").and_then(|t| t.strip_suffix("%}")) {
                let t = lstrip(inner);
                let n = t.find(|c: char| !is_word(c)).unwrap_or(t.len());
                if &t[..n] == "endraw" {
                    return Ok(body);
                }
            }
            body.push_str(tok);
        }
        // Ruby reports the line of the `raw` tag itself.
        Err(Error::syntax("'raw' tag was never closed"))
    }

    pub fn parse_template_fragment(&self, src: &str) -> Result<crate::Template, Error> {
        crate::Template::parse(src, self.options)
    }
}

pub fn unknown_tag_error(tag: &str, block_name: &str, delim: &str) -> Error {
    if tag == "else" {
        Error::syntax(format!("{block_name} tag does not expect 'else' tag"))
    } else if tag.starts_with("end") {
        Error::syntax(format!(
            "'{tag}' is not a valid delimiter for {block_name} tags. use {delim}"
        ))
    } else {
        Error::syntax(format!("Unknown tag '{tag}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_like_ruby() {
        let t: Vec<&str> = tokenize("a{{ b }}c{% d %}{{ e }{%")
            .into_iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(t, ["a", "{{ b }}", "c", "{% d %}", "{{ e }", "{%"]);
    }

    #[test]
    fn splits_tags() {
        assert_eq!(split_tag("{%- if x -%}"), Some(("if", "x ")));
        assert_eq!(split_tag("{%# hi %}"), Some(("#", "hi ")));
        assert_eq!(split_tag("{% %}"), None);
    }
}
