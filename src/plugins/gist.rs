//! jekyll-gist: `{% gist id [file] %}` embeds a GitHub gist by its script.
//!
//! The plugin also fetches the gist's raw text for a `<noscript>` fallback.
//! hyde builds offline, as the plugin does when the fetch fails: it then
//! warns, and the page gets what the warning call returns where the
//! `<noscript>` block would be: `true`, or `false` when the build is
//! `quiet` (the logger skips the message). `gist: noscript: false` turns
//! the fetch, and that word, off.

use hyde_liquid::{Context, CustomTag, Error, ParseOptions, TagFactory, Value};

pub struct GistFactory;

#[derive(Debug)]
struct Gist {
    id: String,
    file: String,
}

impl TagFactory for GistFactory {
    fn parse(&self, _: &str, markup: &str, _: &ParseOptions) -> Result<Box<dyn CustomTag>, Error> {
        let markup = markup.trim();
        match arguments(markup) {
            Some((id, file)) => Ok(Box::new(Gist { id, file })),
            None => Err(Error::render(format!(
                "Syntax error in tag 'gist' while parsing the following markup:\n\n    {markup}\n\n  Valid syntax:\n    {{% gist user/1234567 %}}\n    {{% gist user/1234567 foo.js %}}\n    {{% gist 28949e1d5ee2273f9fd3 %}}\n    {{% gist 28949e1d5ee2273f9fd3 best.md %}}"
            ))),
        }
    }
}

/// The gist id and optional file name: the first word and the last one.
fn arguments(markup: &str) -> Option<(String, String)> {
    if markup.is_empty() || markup.contains('\n') {
        return None;
    }
    match markup.rsplit_once(char::is_whitespace) {
        Some((id, file)) if !id.trim().is_empty() => {
            Some((id.trim().to_string(), file.trim().to_string()))
        }
        _ => Some((markup.to_string(), String::new())),
    }
}

/// A word that names a variable in the context stands for its value.
fn resolve(ctx: &mut Context<'_>, word: &str) -> String {
    let is_name = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']' | '\'' | '"'));
    if is_name && !word.starts_with(|c: char| c.is_ascii_digit()) {
        if let Ok(v) = ctx.evaluate(word) {
            if !v.is_nil() {
                return crate::utils::to_s(&v);
            }
        }
    }
    word.to_string()
}

impl CustomTag for Gist {
    fn render(&self, ctx: &mut Context<'_>, out: &mut String) -> Result<(), Error> {
        let id = resolve(ctx, &self.id);
        let file = resolve(ctx, &self.file);
        let site = ctx.globals().get("site");
        let quiet = site
            .and_then(|s| s.get("quiet"))
            .is_some_and(Value::is_truthy);
        let noscript = crate::utils::not_false(
            site.and_then(|s| s.get("gist"))
                .and_then(|g| g.get("noscript")),
        );
        if noscript {
            ctx.env().warn(&format!(
                "Warning: The <noscript> tag for your gist {id} could not be generated (hyde does not fetch gists)."
            ));
            out.push_str(if quiet { "false" } else { "true" });
        }
        out.push_str(&format!("<script src=\"https://gist.github.com/{id}.js"));
        if !file.is_empty() {
            out.push_str(&format!("?file={file}"));
        }
        out.push_str("\"> </script>");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_id_and_file() {
        assert_eq!(
            arguments("parkr/abc"),
            Some(("parkr/abc".into(), String::new()))
        );
        assert_eq!(
            arguments("abc best.md"),
            Some(("abc".into(), "best.md".into()))
        );
        assert_eq!(arguments(""), None);
    }
}
