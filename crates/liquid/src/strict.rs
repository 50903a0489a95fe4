//! Liquid's strict lexer and parser (`Liquid::Lexer`, `Liquid::Parser`).
//! Jekyll runs Liquid in `warn` mode: markup is parsed strictly first and,
//! when that fails, the failure becomes a warning and the lax regexps are
//! used. Error messages match Ruby's so warnings read the same.

use crate::util::{is_word, is_ws};
use crate::value::inspect_str;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Comparison(String),
    Str(String),
    Num(String),
    Id(String),
    DotDot,
    Special(char),
}

impl Tok {
    /// The token type as Ruby names it (`:pipe`, `:id`, …).
    fn kind(&self) -> &'static str {
        match self {
            Tok::Comparison(_) => "comparison",
            Tok::Str(_) => "string",
            Tok::Num(_) => "number",
            Tok::Id(_) => "id",
            Tok::DotDot => "dotdot",
            Tok::Special(c) => special_name(*c),
        }
    }

    fn text(&self) -> String {
        match self {
            Tok::Comparison(s) | Tok::Str(s) | Tok::Num(s) | Tok::Id(s) => s.clone(),
            Tok::DotDot => "..".into(),
            Tok::Special(c) => c.to_string(),
        }
    }
}

fn special_name(c: char) -> &'static str {
    match c {
        '|' => "pipe",
        '.' => "dot",
        ':' => "colon",
        ',' => "comma",
        '[' => "open_square",
        ']' => "close_square",
        '(' => "open_round",
        ')' => "close_round",
        '?' => "question",
        _ => "dash",
    }
}

/// `Liquid::Lexer#tokenize`.
pub fn lex_strict(s: &str) -> Result<Vec<Tok>, String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        if is_ws(c as char) {
            i += 1;
            continue;
        }
        let rest = &s[i..];
        let cmp = ["==", "!=", "<>", "<=", ">=", "<", ">"]
            .iter()
            .find(|op| rest.starts_with(**op));
        if let Some(op) = cmp {
            out.push(Tok::Comparison(op.to_string()));
            i += op.len();
            continue;
        }
        if rest.starts_with("contains") && rest[8..].starts_with(is_ws) {
            out.push(Tok::Comparison("contains".into()));
            i += 8;
            continue;
        }
        if c == b'\'' || c == b'"' {
            if let Some(end) = s[i + 1..].find(c as char) {
                out.push(Tok::Str(s[i..i + 1 + end + 1].to_string()));
                i += end + 2;
                continue;
            }
        }
        let num_start = if c == b'-' { i + 1 } else { i };
        if num_start < b.len() && b[num_start].is_ascii_digit() {
            let mut j = num_start;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
                j += 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
            }
            out.push(Tok::Num(s[i..j].to_string()));
            i = j;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let mut j = i + 1;
            while j < b.len() && (is_word(b[j] as char) || b[j] == b'-') {
                j += 1;
            }
            if j < b.len() && b[j] == b'?' {
                j += 1;
            }
            out.push(Tok::Id(s[i..j].to_string()));
            i = j;
            continue;
        }
        if rest.starts_with("..") {
            out.push(Tok::DotDot);
            i += 2;
            continue;
        }
        if "|.:,[]()?-".contains(c as char) {
            out.push(Tok::Special(c as char));
            i += 1;
            continue;
        }
        let ch = rest.chars().next().unwrap_or(' ');
        return Err(format!("Unexpected character {ch}"));
    }
    Ok(out)
}

/// Liquid's strict `Parser`, producing expression markup strings that are
/// then parsed with `Expression.parse`, as Ruby does.
pub struct StrictParser {
    toks: Vec<Tok>,
    pos: usize,
}

impl StrictParser {
    pub fn new(s: &str) -> Result<StrictParser, String> {
        Ok(StrictParser {
            toks: lex_strict(s)?,
            pos: 0,
        })
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    pub fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn found(&self) -> &'static str {
        self.peek().map_or("end_of_string", Tok::kind)
    }

    /// Ruby's `token.inspect` in "… is not a valid expression".
    fn found_inspect(&self) -> String {
        match self.peek() {
            None => "[:end_of_string]".into(),
            Some(t) => format!("[:{}, {}]", t.kind(), inspect_str(&t.text())),
        }
    }

    /// `consume(:end_of_string)`.
    pub fn expect_end(&self) -> Result<(), String> {
        if self.at_end() {
            Ok(())
        } else {
            Err(format!("Expected end_of_string but found {}", self.found()))
        }
    }

    /// `id?(word)`.
    pub fn id(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Id(w)) if w == word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `consume?(:comparison)`.
    pub fn comparison(&mut self) -> Option<String> {
        if let Some(Tok::Comparison(op)) = self.peek() {
            let op = op.clone();
            self.pos += 1;
            Some(op)
        } else {
            None
        }
    }

    /// `consume(:id)`.
    pub fn any_id(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(Tok::Id(w)) => {
                let w = w.clone();
                self.pos += 1;
                Ok(w)
            }
            _ => Err(format!("Expected id but found {}", self.found())),
        }
    }

    pub fn look_id(&self) -> bool {
        matches!(self.peek(), Some(Tok::Id(_)))
    }

    /// Whether the token `n` ahead is the special character `c`.
    pub fn look_special(&self, n: usize, c: char) -> bool {
        self.toks.get(self.pos + n) == Some(&Tok::Special(c))
    }

    /// `consume?(type)` for a special character.
    pub fn special(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Special(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `consume(type)` for a special character.
    fn expect_special(&mut self, c: char) -> Result<(), String> {
        if self.special(c) {
            Ok(())
        } else {
            Err(format!(
                "Expected {} but found {}",
                special_name(c),
                self.found()
            ))
        }
    }

    /// `Parser#expression`, returning the markup it consumed.
    pub fn expression(&mut self) -> Result<String, String> {
        match self.peek().cloned() {
            Some(Tok::Id(name)) => {
                self.pos += 1;
                let mut s = name;
                s.push_str(&self.variable_lookups()?);
                Ok(s)
            }
            Some(Tok::Special('[')) => {
                self.pos += 1;
                let inner = self.expression()?;
                self.expect_special(']')?;
                let mut s = format!("[{inner}]");
                s.push_str(&self.variable_lookups()?);
                Ok(s)
            }
            Some(Tok::Str(s) | Tok::Num(s)) => {
                self.pos += 1;
                Ok(s)
            }
            Some(Tok::Special('(')) => {
                self.pos += 1;
                let first = self.expression()?;
                if self.peek() != Some(&Tok::DotDot) {
                    return Err(format!("Expected dotdot but found {}", self.found()));
                }
                self.pos += 1;
                let last = self.expression()?;
                self.expect_special(')')?;
                Ok(format!("({first}..{last})"))
            }
            _ => Err(format!(
                "{} is not a valid expression",
                self.found_inspect()
            )),
        }
    }

    fn variable_lookups(&mut self) -> Result<String, String> {
        let mut s = String::new();
        loop {
            if self.special('[') {
                let inner = self.expression()?;
                self.expect_special(']')?;
                s.push('[');
                s.push_str(&inner);
                s.push(']');
            } else if self.special('.') {
                s.push('.');
                s.push_str(&self.any_id()?);
            } else {
                return Ok(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_match_ruby() {
        let cases = [
            ("x | | upcase", "Expected id but found pipe"),
            ("a = b", "Unexpected character ="),
            ("a.b[", "[:end_of_string] is not a valid expression"),
            ("(1 2)", "Expected dotdot but found number"),
        ];
        for (src, want) in cases {
            let r = StrictParser::new(src).and_then(|mut p| {
                p.expression()?;
                while p.special('|') {
                    p.any_id()?;
                }
                p.expect_end()
            });
            assert_eq!(r.unwrap_err(), want, "{src}");
        }
    }
}
