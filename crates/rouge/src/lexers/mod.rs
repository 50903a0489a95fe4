//! One module per language. [`get`] maps a canonical Rouge tag to its lexer.

use crate::engine::Lexer;

pub mod c;
mod console;
pub mod css;
pub mod diff;
pub mod go;
pub mod html;
pub mod java;
pub mod javascript;
pub mod json;
pub mod liquid;
pub mod markdown;
mod plaintext;
pub mod python;
pub mod r;
pub mod ruby;
pub mod rust;
pub mod scss;
pub mod shell;
pub mod sql;
pub mod toml;
pub mod xml;
pub mod yaml;

/// The lexer for a canonical tag, if this crate implements it.
pub fn get(tag: &str) -> Option<&'static dyn Lexer> {
    Some(match tag {
        "plaintext" => &plaintext::PlainText,
        "yaml" => &*yaml::LEXER,
        "shell" => &*shell::LEXER,
        "console" => &console::Console,
        "json" => &*json::LEXER,
        "diff" => &*diff::LEXER,
        "ruby" => &*ruby::LEXER,
        "xml" => &*xml::LEXER,
        "html" => &*html::LEXER,
        "css" => &*css::LEXER,
        "scss" => &*scss::LEXER,
        "python" => &*python::LEXER,
        "toml" => &*toml::LEXER,
        "go" => &*go::LEXER,
        "java" => &*java::LEXER,
        "r" => &*r::LEXER,
        "sql" => &*sql::LEXER,
        "liquid" => &*liquid::LEXER,
        "markdown" => &*markdown::LEXER,
        "c" => &*c::LEXER,
        "cpp" => &*c::CPP,
        "rust" => &*rust::LEXER,
        "javascript" => &*javascript::LEXER,
        "typescript" => &*javascript::TYPESCRIPT,
        _ => return None,
    })
}

/// Canonical tags of the languages this crate lexes exactly as Rouge does.
pub const IMPLEMENTED: &[&str] = &[
    "c",
    "console",
    "cpp",
    "css",
    "diff",
    "go",
    "html",
    "java",
    "javascript",
    "json",
    "liquid",
    "markdown",
    "plaintext",
    "python",
    "r",
    "ruby",
    "rust",
    "scss",
    "shell",
    "sql",
    "toml",
    "typescript",
    "xml",
    "yaml",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_implemented_tag_resolves_and_builds() {
        for tag in IMPLEMENTED {
            assert_eq!(crate::find_lexer(tag), Some(*tag));
            let lexer = get(tag).unwrap_or_else(|| panic!("{tag} not wired"));
            let mut sink = crate::engine::Sink::default();
            lexer.lex_into("x = 1 # y\n", &mut sink);
            let text: String = sink.iter().map(|(_, v)| v).collect();
            assert_eq!(text, "x = 1 # y\n", "{tag} lost text");
        }
    }
}
