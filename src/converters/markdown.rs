//! The Markdown converter: kramdown-compatible HTML from `hyde-kramdown`,
//! configured from `kramdown:` in `_config.yml`, highlighting with Rouge's
//! tokens from `hyde-rouge`.

use hyde_kramdown::{Caller, OptValue, Options, TooDeep};
use hyde_liquid::Value;

use crate::config::Configuration;

/// Markdown as the site converts it (pages, excerpts, `markdownify`).
#[derive(Debug, Clone)]
pub struct Markdown {
    options: Options,
    /// `highlighter: rouge` (the default); `none`/`null` turns it off.
    highlight: bool,
}

impl Markdown {
    pub fn new(config: &Configuration) -> (Markdown, Vec<String>) {
        let mut options = Options::default();
        let mut warnings = Vec::new();
        if let Some(Value::Hash(k)) = config.get("kramdown") {
            for (key, value) in k.iter() {
                if let Err(e) = options.set(key, &to_opt(value)) {
                    warnings.push(format!("_config.yml: {e}"));
                }
            }
            for what in options.unsupported() {
                warnings.push(format!("_config.yml: kramdown option {what}"));
            }
        }
        // Jekyll reads `highlighter || "rouge"`: unset or null means Rouge.
        let highlight = match config.get("highlighter") {
            Some(Value::Str(s)) => s.as_ref() == "rouge",
            Some(Value::Nil) | None => true,
            Some(_) => false,
        };
        if let Some(name) = config.str("markdown") {
            if !name.eq_ignore_ascii_case("kramdown") {
                warnings.push(format!(
                    "_config.yml: markdown: {name} is not supported by hyde; converting with kramdown rules instead"
                ));
            }
        }
        (Markdown { options, highlight }, warnings)
    }

    /// Converts as Jekyll's page conversion or `markdownify` (`caller`) does,
    /// failing where Jekyll fails on too deep nesting.
    pub fn convert(&self, source: &str, caller: Caller) -> Result<String, TooDeep> {
        // A language Rouge has no lexer for is written unhighlighted.
        let hl = |code: &str, lang: &str| {
            hyde_rouge::find_lexer(lang).map(|_| hyde_rouge::highlight(code, lang))
        };
        let hl: Option<hyde_kramdown::HighlighterOpt<'_>> =
            if self.highlight { Some(&hl) } else { None };
        hyde_kramdown::try_to_html_with(source, &self.options, hl, caller)
    }

    pub fn smartify(&self, source: &str) -> String {
        hyde_kramdown::smartify(source, &self.options)
    }
}

/// The build error for a file whose Markdown nests too deep; `line` is the
/// file's line (the Markdown's own line when Liquid did not move it).
pub fn too_deep(relative_path: &str, line: usize) -> anyhow::Error {
    anyhow::anyhow!(
        "Markdown nested too deep: kramdown under Jekyll fails on this file with \"stack level too deep\" (SystemStackError)\n  --> {relative_path}:{line}"
    )
}

fn to_opt(v: &Value) -> OptValue {
    match v {
        Value::Bool(b) => OptValue::Bool(*b),
        Value::Int(i) => OptValue::Int(*i),
        Value::Array(a) => OptValue::List(a.iter().map(to_opt).collect()),
        Value::Hash(h) => {
            OptValue::Hash(h.iter().map(|(k, v)| (k.to_string(), to_opt(v))).collect())
        }
        Value::Nil => OptValue::Nil,
        other => OptValue::Str(crate::utils::to_s(other)),
    }
}
