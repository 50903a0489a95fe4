//! jekyll-titles-from-headings: a Markdown page without a title takes the
//! text of the heading its content starts with (`# …`, `## …`, `### …` or a
//! Setext heading), as plain text: converted, tags stripped, whitespace
//! squeezed, footnote marks dropped. With `titles_from_headings:
//! {collections: true}` documents to be written take it too (even over
//! their own title, as the plugin does); `strip_title: true` (in the
//! option or front matter) removes the heading from the content;
//! `enabled: false` turns it off.

use std::sync::{Arc, LazyLock};

use anyhow::Result;
use hyde_liquid::{Map, Template, Value};

use super::optional_front_matter::option;
use crate::generators::{refresh_excerpt, Generator};
use crate::site::Site;

pub struct TitlesFromHeadings;

const KEY: &str = "titles_from_headings";

impl Generator for TitlesFromHeadings {
    fn name(&self) -> &str {
        "jekyll-titles-from-headings"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        if matches!(option(site, KEY, "enabled"), Some(Value::Bool(false))) {
            return Ok(());
        }
        let strip_option = matches!(option(site, KEY, "strip_title"), Some(Value::Bool(true)));
        let config = site.config.clone();
        let markdown = &site.markdown;
        // The heading's text as plain text, set as the title; then, with
        // `strip_title` (front matter first), the content loses the heading
        // and its surrounding whitespace (even when there was no heading).
        let retitle = |content: &mut String, data: &mut Map, path: &str| -> Result<bool> {
            let heading = heading(content).map(|h| (h.text.to_string(), h.end));
            if let Some((text, _)) = &heading {
                let html = markdown
                    .convert(text, hyde_kramdown::Caller::Page)
                    .map_err(|e| crate::converters::markdown::too_deep(path, e.line))?;
                let title = plain_text(&config.map, &html);
                data.insert("title".into(), Value::from(title));
            }
            let strip = match data.get("strip_title") {
                Some(v) => matches!(v, Value::Bool(true)),
                None => strip_option,
            };
            if strip {
                let end = heading.map_or(0, |(_, end)| end);
                *content = ruby_strip(&content[end..]).to_string();
            }
            Ok(strip)
        };
        for page in &mut site.source.pages {
            // Pages keep a title their defaults give.
            let untitled = page.get("title").is_none_or(Value::is_nil);
            if config.is_markdown_ext(&page.ext) && untitled {
                let path = page.relative_path();
                retitle(&mut page.content, &mut page.data, &path)?;
            }
        }
        if !matches!(option(site, KEY, "collections"), Some(Value::Bool(true))) {
            return Ok(());
        }
        let mut warnings = Vec::new();
        for collection in &mut site.source.collections {
            let posts = collection.label == "posts";
            for doc in collection.docs.iter_mut().filter(|d| d.write) {
                if !config.is_markdown_ext(&doc.extname) {
                    continue;
                }
                let mut content = doc.content.to_string();
                if !retitle(&mut content, &mut doc.data, &doc.relative_path)? {
                    continue;
                }
                doc.content = content.into();
                if posts {
                    // The plugin makes the excerpt again from the new content.
                    refresh_excerpt(doc, &config, &mut warnings);
                }
            }
        }
        site.warnings.append(&mut warnings);
        Ok(())
    }
}

/// The heading the content starts with: its text and where it ends.
struct Heading<'a> {
    text: &'a str,
    end: usize,
}

/// Ruby's `\s`.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn line_end(s: &str, from: usize) -> usize {
    s[from..].find('\n').map_or(s.len(), |i| from + i)
}

/// The plugin's pattern, `\A\s*(?:#{1,3}\s+(.*)(?:\s+#{1,3})?|(.*)\r?\n[-=]+\s*)$`,
/// tried as Ruby's backtracking tries it: the most leading space first,
/// the ATX form before the Setext one.
fn heading(content: &str) -> Option<Heading<'_>> {
    let b = content.as_bytes();
    let lead = b.iter().take_while(|&&c| is_space(c)).count();
    (0..=lead)
        .rev()
        .find_map(|start| atx(content, start).or_else(|| setext(content, start)))
}

fn atx(s: &str, start: usize) -> Option<Heading<'_>> {
    let b = s.as_bytes();
    let hashes = b[start..].iter().take_while(|&&c| c == b'#').count();
    // Fewer hashes than written leave a `#` where a space must follow.
    if hashes == 0 || hashes > 3 {
        return None;
    }
    let after = start + hashes;
    let spaces = b[after..].iter().take_while(|&&c| is_space(c)).count();
    if spaces == 0 {
        return None;
    }
    let text_start = after + spaces;
    let end = line_end(s, text_start);
    Some(Heading {
        text: &s[text_start..end],
        end,
    })
}

fn setext(s: &str, start: usize) -> Option<Heading<'_>> {
    let b = s.as_bytes();
    let first_end = line_end(s, start);
    if first_end >= s.len() {
        return None;
    }
    let under = first_end + 1;
    let marks = b[under..]
        .iter()
        .take_while(|&&c| c == b'-' || c == b'=')
        .count();
    if marks == 0 {
        return None;
    }
    let after = under + marks;
    let run = b[after..].iter().take_while(|&&c| is_space(c)).count();
    let end = if after + run == s.len() {
        s.len()
    } else {
        // `\s*$` backs up to the last line break of the run.
        after + b[after..after + run].iter().rposition(|&c| c == b'\n')?
    };
    Some(Heading {
        text: &s[start..first_end],
        end,
    })
}

/// `strip_html | normalize_whitespace`, then footnote marks (`[^1]`) removed.
fn plain_text(config: &Map, html: &str) -> String {
    static TEMPLATE: LazyLock<Arc<Template>> =
        LazyLock::new(|| super::parse_builtin("{{ path | strip_html | normalize_whitespace }}"));
    let text = super::render_bare(&TEMPLATE, config, html);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("[^") {
        match rest[i + 2..].find(']') {
            Some(j) => {
                out.push_str(&rest[..i]);
                rest = &rest[i + 2 + j + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// Ruby's `String#strip`: whitespace and NUL at both ends.
fn ruby_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c == '\0' || (c.is_ascii() && is_space(c as u8)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<(&str, usize)> {
        heading(s).map(|h| (h.text, h.end))
    }

    #[test]
    fn headings_as_the_plugin_matches_them() {
        assert_eq!(text("# Hello\n\nBody"), Some(("Hello", 7)));
        assert_eq!(text("\n\n## Two ##\nx"), Some(("Two ##", 11)));
        assert_eq!(text("#### Four\n"), None);
        assert_eq!(text("Title\n=====\n\nBody"), Some(("Title", 12)));
        assert_eq!(text("Title\n---"), Some(("Title", 9)));
        assert_eq!(text("Para\ntext"), None);
        assert_eq!(text("#NoSpace"), None);
    }

    #[test]
    fn footnote_marks_dropped() {
        assert_eq!(plain_text(&Map::new(), "<p>A[^1] <em>b</em></p>\n"), "A b");
    }
}
