//! Converters: Markdown to HTML (kramdown-compatible), Sass, and the
//! identity converter for everything else. A file goes through the first
//! converter that claims its extension.

pub mod markdown;
pub mod sass;
mod sass_written;

use hyde_liquid::Value;

use crate::config::Configuration;

/// A converter as Jekyll defines one: it claims extensions and turns
/// content into output with a given extension.
pub trait Converter: Send + Sync {
    fn matches(&self, ext: &str) -> bool;
    fn output_ext(&self, ext: &str) -> String;
    fn convert(&self, content: &str) -> anyhow::Result<String>;
}

/// The output extension of a file: the permalink's extension if it has one,
/// else what its converter writes.
pub fn output_ext_for(ext: &str, permalink: Option<&Value>, config: &Configuration) -> String {
    if let Some(p) = permalink.and_then(Value::as_str) {
        if !p.ends_with('/') {
            let name = p.rsplit('/').next().unwrap_or(p);
            if let Some(i) = name.rfind('.') {
                return name[i..].to_string();
            }
        }
    }
    converter_output_ext(ext, config)
}

/// What the converter that claims `ext` writes.
pub fn converter_output_ext(ext: &str, config: &Configuration) -> String {
    if config.is_markdown_ext(ext) {
        ".html".into()
    } else if ext.eq_ignore_ascii_case(".scss") || ext.eq_ignore_ascii_case(".sass") {
        ".css".into()
    } else {
        ext.to_string()
    }
}
