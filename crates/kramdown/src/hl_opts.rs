//! `syntax_highlighter_opts`: the Rouge options kramdown 2.4's Rouge glue reads,
//! and the wrapper its `HTMLLegacy` formatter writes around the token HTML.
//!
//! kramdown merges the top-level hash with its `block:` or `span:` sub-hash per
//! code type and always turns `wrap` off for spans. Jekyll fills in
//! `default_lang: plaintext` and copies `kramdown.guess_lang` over the top-level
//! `guess_lang`, so only the sub-hashes can override the latter.

use crate::options::OptValue;

/// One level of the hash; `None` means "not given here".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HlLevel {
    pub default_lang: Option<String>,
    pub guess_lang: Option<bool>,
    pub disable: Option<bool>,
    pub css_class: Option<String>,
    pub line_numbers: Option<bool>,
    pub wrap: Option<bool>,
    pub start_line: Option<i64>,
    pub table_class: Option<String>,
    pub gutter_class: Option<String>,
    pub code_class: Option<String>,
}

/// The whole `syntax_highlighter_opts` hash.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HighlighterOpts {
    pub all: HlLevel,
    pub block: HlLevel,
    pub span: HlLevel,
    /// Keys hyde cannot reproduce (they change Rouge's output), for a warning.
    pub unsupported: Vec<String>,
}

/// Code block or code span: kramdown keeps separate merged options for each.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeType {
    Block,
    Span,
}

/// Ruby truthiness of a YAML value (only nil and false are false).
fn truthy(v: &OptValue) -> bool {
    !matches!(v, OptValue::Bool(false) | OptValue::Nil)
}

fn text(v: &OptValue) -> Option<String> {
    match v {
        OptValue::Nil | OptValue::Bool(false) => None,
        OptValue::Str(s) => Some(s.clone()),
        OptValue::Int(i) => Some(i.to_string()),
        OptValue::Bool(true) => Some("true".into()),
        OptValue::List(_) | OptValue::Hash(_) => None,
    }
}

impl HlLevel {
    /// Reads one key; false for keys that change Rouge's output but are not reproduced.
    fn set(&mut self, key: &str, v: &OptValue) -> bool {
        match key {
            "default_lang" => self.default_lang = text(v),
            "guess_lang" => self.guess_lang = Some(truthy(v)),
            "disable" => self.disable = Some(truthy(v)),
            "css_class" => self.css_class = text(v),
            "line_numbers" => self.line_numbers = Some(truthy(v)),
            "wrap" => self.wrap = Some(truthy(v)),
            "start_line" => match v {
                OptValue::Int(i) => self.start_line = Some(*i),
                _ => return false,
            },
            "table_class" => self.table_class = text(v),
            "gutter_class" => self.gutter_class = text(v),
            "code_class" => self.code_class = text(v),
            // Rouge's HTMLLegacy ignores every other key except these.
            "formatter" | "inline_theme" | "line_format" => return false,
            _ => {}
        }
        true
    }
}

impl HighlighterOpts {
    pub(crate) fn set_from(&mut self, value: &OptValue) {
        let OptValue::Hash(h) = value else { return };
        for (k, v) in h {
            match (k.as_str(), v) {
                ("block" | "span", OptValue::Hash(sub)) => {
                    for (sk, sv) in sub {
                        let level = if k == "block" {
                            &mut self.block
                        } else {
                            &mut self.span
                        };
                        if !level.set(sk, sv) {
                            self.unsupported.push(format!("{k}.{sk}"));
                        }
                    }
                }
                // Jekyll overwrites this one with kramdown's own guess_lang.
                ("guess_lang", _) => {}
                _ => {
                    if !self.all.set(k, v) {
                        self.unsupported.push(k.clone());
                    }
                }
            }
        }
    }

    fn pick<T: Clone>(&self, ty: CodeType, f: impl Fn(&HlLevel) -> &Option<T>) -> Option<T> {
        let sub = match ty {
            CodeType::Block => &self.block,
            CodeType::Span => &self.span,
        };
        f(sub).clone().or_else(|| f(&self.all).clone())
    }

    pub(crate) fn default_lang(&self, ty: CodeType) -> String {
        // Jekyll's `default_lang ||= "plaintext"` only fills the top level.
        let sub = match ty {
            CodeType::Block => &self.block,
            CodeType::Span => &self.span,
        };
        sub.default_lang
            .clone()
            .or_else(|| self.all.default_lang.clone())
            .unwrap_or_else(|| "plaintext".into())
    }

    pub(crate) fn guess_lang(&self, ty: CodeType, kramdown_guess_lang: bool) -> bool {
        let sub = match ty {
            CodeType::Block => &self.block,
            CodeType::Span => &self.span,
        };
        sub.guess_lang.unwrap_or(kramdown_guess_lang)
    }

    pub(crate) fn disabled(&self, ty: CodeType) -> bool {
        self.pick(ty, |l| &l.disable).unwrap_or(false)
    }

    /// What Rouge's HTMLLegacy formatter writes around `tokens` (the token
    /// HTML of `code`): an optional line-number table, then, for blocks unless
    /// `wrap` is off, the `<div class="highlight"><pre class="…"><code>` wrapper.
    pub(crate) fn wrap(&self, ty: CodeType, code: &str, tokens: String) -> String {
        let mut inner = tokens;
        if self.pick(ty, |l| &l.line_numbers).unwrap_or(false) {
            inner = self.table(ty, code, inner);
        }
        let wrap = ty == CodeType::Block && self.pick(ty, |l| &l.wrap).unwrap_or(true);
        if !wrap {
            return inner;
        }
        let css = self
            .pick(ty, |l| &l.css_class)
            .unwrap_or_else(|| "highlight".into());
        let mut out = String::with_capacity(inner.len() + css.len() + 64);
        out.push_str("<div class=\"highlight\"><pre class=\"");
        out.push_str(&css);
        out.push_str("\"><code>");
        out.push_str(&inner);
        out.push_str("</code></pre></div>");
        out
    }

    /// Rouge's HTMLTable: a gutter of line numbers beside the code.
    fn table(&self, ty: CodeType, code: &str, mut formatted: String) -> String {
        let mut lines = code.matches('\n').count();
        // The last token's text ends with a newline exactly when the code does.
        if !code.ends_with('\n') {
            lines += 1;
            formatted.push('\n');
        }
        let start = self.pick(ty, |l| &l.start_line).unwrap_or(1);
        let class =
            |f: fn(&HlLevel) -> &Option<String>, d: &str| self.pick(ty, f).unwrap_or(d.into());
        let mut out = String::with_capacity(formatted.len() + lines * 4 + 160);
        out.push_str("<table class=\"");
        out.push_str(&class(|l| &l.table_class, "rouge-table"));
        out.push_str("\"><tbody><tr><td class=\"");
        out.push_str(&class(|l| &l.gutter_class, "rouge-gutter"));
        out.push_str(" gl\"><pre class=\"lineno\">");
        for i in 0..lines as i64 {
            out.push_str(&(start + i).to_string());
            out.push('\n');
        }
        out.push_str("</pre></td><td class=\"");
        out.push_str(&class(|l| &l.code_class, "rouge-code"));
        out.push_str("\"><pre>");
        out.push_str(&formatted);
        out.push_str("</pre></td></tr></tbody></table>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(pairs: &[(&str, OptValue)]) -> OptValue {
        OptValue::Hash(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn block_and_span_merge_over_top_level() {
        let mut o = HighlighterOpts::default();
        o.set_from(&hash(&[
            ("css_class", OptValue::Str("hl".into())),
            ("formatter", OptValue::Str("HTMLInline".into())),
            ("block", hash(&[("line_numbers", OptValue::Bool(true))])),
            ("span", hash(&[("disable", OptValue::Bool(true))])),
        ]));
        assert!(o.disabled(CodeType::Span) && !o.disabled(CodeType::Block));
        assert_eq!(o.unsupported, vec!["formatter".to_string()]);
        assert_eq!(
            o.wrap(CodeType::Block, "a", "a".into()),
            "<div class=\"highlight\"><pre class=\"hl\"><code><table class=\"rouge-table\"><tbody><tr><td class=\"rouge-gutter gl\"><pre class=\"lineno\">1\n</pre></td><td class=\"rouge-code\"><pre>a\n</pre></td></tr></tbody></table></code></pre></div>"
        );
        // Spans are never wrapped.
        assert_eq!(o.wrap(CodeType::Span, "a", "a".into()), "a");
    }
}
