//! Errors users can act on: the file, the 1-based line and column, the
//! offending line with a caret under the column, and what was expected.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::yaml::YamlError;

/// An error located in a source file.
#[derive(Debug, Clone)]
pub struct SourceError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The offending line of the file, shown with a caret.
    pub snippet: Option<String>,
}

impl SourceError {
    pub fn new(
        file: &Path,
        text: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> SourceError {
        SourceError {
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            snippet: text.lines().nth(line.saturating_sub(1)).map(str::to_string),
        }
    }

    /// A YAML error whose lines count from `line_offset` lines into `full_text`
    /// (front matter starts one line after the opening `---`).
    pub fn from_yaml_at(
        file: &Path,
        full_text: &str,
        line_offset: usize,
        e: &YamlError,
    ) -> SourceError {
        SourceError::new(
            file,
            full_text,
            e.line + line_offset,
            e.column,
            format!("YAML: {}", e.message),
        )
    }

    pub fn from_yaml(file: &Path, text: &str, e: &YamlError) -> SourceError {
        SourceError::from_yaml_at(file, text, 0, e)
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some(line) = &self.snippet {
            let gutter = self.line.to_string();
            write!(f, "\n {gutter} | {line}")?;
            let pad: String = line
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n {} | {pad}^", " ".repeat(gutter.len()))?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_line_with_a_caret() {
        let e = SourceError::new(
            Path::new("_config.yml"),
            "a: 1\nb: [x\n",
            2,
            4,
            "expected ']'",
        );
        assert_eq!(
            e.to_string(),
            "_config.yml:2:4: expected ']'\n 2 | b: [x\n   |    ^"
        );
    }
}
