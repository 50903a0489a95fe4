//! Converter options, mirroring the `kramdown:` section of Jekyll's `_config.yml`.
//!
//! Defaults are Jekyll 4.3's merged kramdown defaults, not kramdown's own, because
//! hyde only ever runs inside Jekyll's configuration.

pub use crate::hl_opts::HighlighterOpts;

/// A configuration value as read from YAML.
#[derive(Clone, Debug, PartialEq)]
pub enum OptValue {
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<OptValue>),
    /// A YAML mapping, keys in file order.
    Hash(Vec<(String, OptValue)>),
    Nil,
}

/// Which character an entity, smart quote or symbol is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityOutput {
    AsChar,
    AsInput,
    Numeric,
    Symbolic,
}

/// kramdown options that change the HTML written.
#[derive(Clone, Debug)]
pub struct Options {
    pub auto_ids: bool,
    pub auto_id_prefix: String,
    pub auto_id_stripping: bool,
    pub transliterated_header_ids: bool,
    pub entity_output: EntityOutput,
    /// Entity names for lsquo, rsquo, ldquo, rdquo.
    pub smart_quotes: [String; 4],
    pub toc_levels: Vec<u8>,
    pub hard_wrap: bool,
    pub input: String,
    pub parse_block_html: bool,
    pub parse_span_html: bool,
    pub footnote_nr: i64,
    pub footnote_backlink: String,
    pub footnote_backlink_inline: bool,
    pub footnote_prefix: String,
    pub header_offset: i64,
    /// `None` disables highlighting (plain `<pre><code>`).
    pub syntax_highlighter: Option<String>,
    pub guess_lang: bool,
    /// `None` writes kramdown's `kdmath` fallback markup.
    pub math_engine: Option<String>,
    pub gfm_quirk_paragraph_end: bool,
    pub no_auto_typographic: bool,
    pub remove_line_breaks_for_cjk: bool,
    /// `typographic_symbols`: replacement text by symbol name (`hellip`, `laquo_space`, ...).
    pub typographic_symbols: Vec<(String, String)>,
    pub syntax_highlighter_opts: HighlighterOpts,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            auto_ids: true,
            auto_id_prefix: String::new(),
            auto_id_stripping: false,
            transliterated_header_ids: false,
            entity_output: EntityOutput::AsChar,
            smart_quotes: ["lsquo", "rsquo", "ldquo", "rdquo"].map(String::from),
            toc_levels: (1..=6).collect(),
            hard_wrap: false,
            input: "GFM".into(),
            parse_block_html: false,
            parse_span_html: true,
            footnote_nr: 1,
            footnote_backlink: "&#8617;".into(),
            footnote_backlink_inline: false,
            footnote_prefix: String::new(),
            header_offset: 0,
            syntax_highlighter: Some("rouge".into()),
            guess_lang: true,
            math_engine: Some("mathjax".into()),
            gfm_quirk_paragraph_end: true,
            no_auto_typographic: false,
            remove_line_breaks_for_cjk: false,
            typographic_symbols: Vec::new(),
            syntax_highlighter_opts: HighlighterOpts::default(),
        }
    }
}

fn as_bool(key: &str, v: &OptValue) -> Result<bool, String> {
    match v {
        OptValue::Bool(b) => Ok(*b),
        OptValue::Str(s) if s == "true" => Ok(true),
        OptValue::Str(s) if s == "false" || s.is_empty() => Ok(false),
        OptValue::Nil => Ok(false),
        _ => Err(format!("kramdown option {key}: expected a boolean")),
    }
}

fn as_str(v: &OptValue) -> String {
    match v {
        OptValue::Bool(b) => b.to_string(),
        OptValue::Int(i) => i.to_string(),
        OptValue::Str(s) => s.clone(),
        OptValue::List(l) => l.iter().map(as_str).collect::<Vec<_>>().join(","),
        OptValue::Hash(_) | OptValue::Nil => String::new(),
    }
}

fn as_list(v: &OptValue) -> Vec<String> {
    match v {
        OptValue::List(l) => l.iter().map(as_str).collect(),
        other => as_str(other)
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
    }
}

fn as_int(key: &str, v: &OptValue) -> Result<i64, String> {
    match v {
        OptValue::Int(i) => Ok(*i),
        OptValue::Str(s) => s
            .trim()
            .parse()
            .map_err(|_| format!("kramdown option {key}: expected an integer")),
        _ => Err(format!("kramdown option {key}: expected an integer")),
    }
}

impl Options {
    /// Sets one option by its `_config.yml` name; unknown keys are ignored like kramdown does.
    pub fn set(&mut self, key: &str, value: &OptValue) -> Result<(), String> {
        match key {
            "auto_ids" => self.auto_ids = as_bool(key, value)?,
            "auto_id_prefix" => self.auto_id_prefix = as_str(value),
            "auto_id_stripping" => self.auto_id_stripping = as_bool(key, value)?,
            "transliterated_header_ids" => self.transliterated_header_ids = as_bool(key, value)?,
            "hard_wrap" => self.hard_wrap = as_bool(key, value)?,
            "parse_block_html" => self.parse_block_html = as_bool(key, value)?,
            "parse_span_html" => self.parse_span_html = as_bool(key, value)?,
            "footnote_backlink_inline" => self.footnote_backlink_inline = as_bool(key, value)?,
            "guess_lang" => self.guess_lang = as_bool(key, value)?,
            "remove_line_breaks_for_cjk" => self.remove_line_breaks_for_cjk = as_bool(key, value)?,
            "input" => self.input = as_str(value),
            "footnote_backlink" => self.footnote_backlink = as_str(value),
            "footnote_prefix" => self.footnote_prefix = as_str(value),
            "footnote_nr" => self.footnote_nr = as_int(key, value)?,
            "header_offset" => self.header_offset = as_int(key, value)?,
            "entity_output" => {
                self.entity_output = match as_str(value).as_str() {
                    "as_char" => EntityOutput::AsChar,
                    "as_input" => EntityOutput::AsInput,
                    "numeric" => EntityOutput::Numeric,
                    "symbolic" => EntityOutput::Symbolic,
                    other => {
                        return Err(format!("kramdown option entity_output: bad value {other}"))
                    }
                }
            }
            "smart_quotes" => {
                let l = as_list(value);
                if l.len() != 4 {
                    return Err("kramdown option smart_quotes: needs four entity names".into());
                }
                self.smart_quotes = [l[0].clone(), l[1].clone(), l[2].clone(), l[3].clone()];
            }
            "toc_levels" => {
                let mut levels = Vec::new();
                match value {
                    OptValue::List(l) => {
                        for v in l {
                            levels.push(as_int(key, v)? as u8);
                        }
                    }
                    other => {
                        let s = as_str(other);
                        if let Some((a, b)) = s.split_once("..") {
                            let a: u8 = a.trim().parse().map_err(|_| "bad toc_levels")?;
                            let b: u8 = b.trim().parse().map_err(|_| "bad toc_levels")?;
                            levels.extend(a..=b);
                        } else {
                            for p in as_list(other) {
                                levels.push(p.parse().map_err(|_| "bad toc_levels")?);
                            }
                        }
                    }
                }
                self.toc_levels = levels;
            }
            "syntax_highlighter" => {
                self.syntax_highlighter = match value {
                    OptValue::Str(s) if !s.is_empty() && s != "nil" => Some(s.clone()),
                    OptValue::Bool(true) => Some("rouge".into()),
                    _ => None,
                }
            }
            "math_engine" => {
                self.math_engine = match value {
                    OptValue::Str(s) if !s.is_empty() && s != "nil" => Some(s.clone()),
                    _ => None,
                }
            }
            "gfm_quirks" => {
                let l = as_list(value);
                self.gfm_quirk_paragraph_end = l.iter().any(|q| q == "paragraph_end");
                self.no_auto_typographic = l.iter().any(|q| q == "no_auto_typographic");
            }
            "typographic_symbols" => {
                if let OptValue::Hash(h) = value {
                    for (k, v) in h {
                        self.typographic_symbols.retain(|(name, _)| name != k);
                        self.typographic_symbols.push((k.clone(), as_str(v)));
                    }
                }
            }
            "syntax_highlighter_opts" => self.syntax_highlighter_opts.set_from(value),
            _ => {}
        }
        Ok(())
    }

    /// Options set in the configuration that hyde cannot reproduce, as
    /// `option: reason` lines for a warning.
    pub fn unsupported(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .syntax_highlighter_opts
            .unsupported
            .iter()
            .map(|k| {
                format!("syntax_highlighter_opts.{k}: hyde's Rouge supports only the HTML formatter with CSS classes; ignored")
            })
            .collect();
        if self.transliterated_header_ids && !self.is_gfm() && self.auto_ids {
            out.push(
                "transliterated_header_ids: Jekyll needs the stringex gem for it; hyde writes header ids untransliterated".into(),
            );
        }
        out
    }

    /// The GFM parser (Jekyll's default) rather than plain kramdown.
    pub(crate) fn is_gfm(&self) -> bool {
        self.input.eq_ignore_ascii_case("gfm")
    }

    /// True when code should go through the Rouge hook.
    pub(crate) fn uses_rouge(&self) -> bool {
        self.syntax_highlighter.as_deref() == Some("rouge")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_table() {
        let cases: &[(&str, OptValue)] = &[
            ("auto_ids", OptValue::Bool(false)),
            ("toc_levels", OptValue::Str("2..3".into())),
            ("smart_quotes", OptValue::Str("apos,apos,quot,quot".into())),
            ("unknown_key", OptValue::Int(3)),
        ];
        let mut o = Options::default();
        for (k, v) in cases {
            o.set(k, v).unwrap();
        }
        assert!(!o.auto_ids);
        assert_eq!(o.toc_levels, vec![2, 3]);
        assert_eq!(o.smart_quotes[2], "quot");
    }

    #[test]
    fn unreproducible_options_are_named() {
        let mut o = Options::default();
        o.set("transliterated_header_ids", &OptValue::Bool(true))
            .unwrap();
        // Under GFM the parser's own ids ignore the option, as in Jekyll.
        assert!(o.unsupported().is_empty());
        o.set("input", &OptValue::Str("kramdown".into())).unwrap();
        let hash = OptValue::Hash(vec![(
            "inline_theme".into(),
            OptValue::Str("github".into()),
        )]);
        o.set("syntax_highlighter_opts", &hash).unwrap();
        let w = o.unsupported();
        assert!(
            w[0].starts_with("syntax_highlighter_opts.inline_theme:"),
            "{w:?}"
        );
        assert!(w[1].starts_with("transliterated_header_ids:"), "{w:?}");
    }
}
