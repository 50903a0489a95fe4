//! Shell sessions (`console`, `terminal`, `shell_session`, `shell-session`).
//!
//! Rouge's console lexer works line by line: a line holding one of `$ # > ;`
//! is a prompt (everything up to the first of them) followed by shell code,
//! which is lexed with a shell lexer that keeps its state across consecutive
//! prompt lines; `...` lines are comments; anything else is program output.

use std::sync::LazyLock;

use regex::Regex;

use crate::engine::{Continuation, Lexer, Sink};
use crate::lexers::shell;
use crate::token::Token;

pub struct Console;

static PROMPT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)\A.*?[$#>;]").unwrap());
static SNIP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A[\t\n\x0B\x0C\r ]*(?:<\.+>|\.+)[\t\n\x0B\x0C\r ]*\z").unwrap());

impl Lexer for Console {
    fn lex_into(&self, code: &str, sink: &mut Sink) {
        let mut shell_state = Continuation::default();
        for line in code.split_inclusive('\n') {
            if SNIP.is_match(line) {
                shell_state = Continuation::default();
                sink.push(Token::Comment, line);
            } else if let Some(prompt) = PROMPT.find(line) {
                sink.push(Token::GenericPrompt, prompt.as_str());
                let rest = &line[prompt.end()..];
                let code = rest.trim_start_matches([' ', '\t', '\n', '\x0B', '\x0C', '\r']);
                sink.push(Token::Whitespace, &rest[..rest.len() - code.len()]);
                shell::LEXER.continue_into(&mut shell_state, code, sink);
            } else {
                shell_state = Continuation::default();
                sink.push(Token::GenericOutput, line);
            }
        }
    }
}
