//! `plaintext` / `text`: the whole input is one `Text` token.

use crate::engine::{Lexer, Sink};
use crate::token::Token;

pub struct PlainText;

impl Lexer for PlainText {
    fn lex_into(&self, code: &str, sink: &mut Sink) {
        sink.push(Token::Text, code);
    }
}
