//! Liquid errors with the context Jekyll prints: the line, the offending
//! markup and the chain of include files the failure passed through.

use std::fmt;

/// Whether Ruby would raise `Liquid::SyntaxError` (parse time) or a plain
/// `Liquid::Error` subclass (render time); only the message prefix differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Syntax,
    Render,
}

#[derive(Clone, Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// 1-based line in the template (or include) where the error was raised.
    pub line: Option<usize>,
    /// The tag or output markup that failed, e.g. `{% foo bar %}`.
    pub markup: Option<String>,
    /// Include files the error passed through, innermost first.
    pub includes: Vec<String>,
}

impl Error {
    pub fn syntax(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Syntax,
            message: message.into(),
            line: None,
            markup: None,
            includes: Vec::new(),
        }
    }

    pub fn render(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Render,
            message: message.into(),
            line: None,
            markup: None,
            includes: Vec::new(),
        }
    }

    /// Records the line unless an inner frame already did (Ruby's `||=`).
    pub fn at_line(mut self, line: usize) -> Error {
        if self.line.is_none() {
            self.line = Some(line);
        }
        self
    }

    pub fn with_markup(mut self, markup: &str) -> Error {
        if self.markup.is_none() {
            self.markup = Some(markup.to_string());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            ErrorKind::Syntax => "Liquid syntax error",
            ErrorKind::Render => "Liquid error",
        })?;
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(first) = self.includes.first() {
            write!(f, " in {first}")?;
            for inc in &self.includes[1..] {
                write!(f, " included from {inc}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_ruby() {
        let e = Error::syntax("Unknown tag 'foo'").at_line(3);
        assert_eq!(
            e.to_string(),
            "Liquid syntax error (line 3): Unknown tag 'foo'"
        );
        let e = Error::render("divided by 0");
        assert_eq!(e.to_string(), "Liquid error: divided by 0");
    }
}
