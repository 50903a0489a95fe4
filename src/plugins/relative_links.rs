//! jekyll-relative-links: in Markdown pages (and, with `relative_links:
//! {collections: true}`, documents to be written), inline links and link
//! definitions whose target is a file of the site by relative path
//! (`[x](other.md)`, `[x]: ../docs/a.md#part`) are rewritten to that file's
//! URL before conversion. `exclude:` (globs) skips pages; `enabled: false`
//! turns it off.
//!
//! The plugin works on the Markdown text with regular expressions; hyde
//! uses the same expressions (with Ruby's `\s`), so odd cases (a title in
//! single quotes, a definition that gains a blank line) come out alike.

use std::sync::LazyLock;

use anyhow::Result;
use fancy_regex::{Captures, Regex};
use hyde_liquid::{Map, Value};

use super::optional_front_matter::option;
use crate::generators::{refresh_excerpt, Generator};
use crate::reader::entry_filter::EntryFilter;
use crate::site::Site;

pub struct RelativeLinks;

const KEY: &str = "relative_links";

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    let s = r"[ \t\r\n\x0B\x0C]";
    let fragment = r"(#.+?|)?";
    let title = format!(r#"({s}+"(?:\\"|[^"])*(?<!\\)"|{s}+"(?:\\'|[^'])*(?<!\\)')?"#);
    let inline = format!(r"\[(.*?)\]\(([^)]+?){fragment}{title}\)");
    let reference = format!(r"^{s}*?\[(.*?)\]: (.+?){fragment}{title}{s}*?$");
    Regex::new(&format!("(?m)({inline}|{reference})")).expect("valid pattern")
});

/// A site file links may point at: its source path and URL.
struct Target {
    relative_path: String,
    url: String,
}

impl Generator for RelativeLinks {
    fn name(&self) -> &str {
        "jekyll-relative-links"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        if matches!(option(site, KEY, "enabled"), Some(Value::Bool(false))) {
            return Ok(());
        }
        let collections = matches!(option(site, KEY, "collections"), Some(Value::Bool(true)));
        let exclude = match option(site, KEY, "exclude") {
            Some(Value::Array(a)) => a.iter().map(crate::utils::to_s).collect(),
            Some(v) if !v.is_nil() => vec![crate::utils::to_s(v)],
            _ => Vec::new(),
        };
        let excluded = EntryFilter::new(Vec::new(), exclude);
        let targets = targets(site);
        let config = site.config.clone();
        let rewrite = |content: &mut String, relative_path: &str| {
            let dir = relative_path.rsplit_once('/').map_or("", |(d, _)| d);
            if let Some(new) = rewrite(content, dir, &targets, &config.map) {
                *content = new;
            }
        };
        for page in &mut site.source.pages {
            let rel = page.relative_path();
            if config.is_markdown_ext(&page.ext) && !excluded.excluded(&rel, false) {
                rewrite(&mut page.content, &rel);
            }
        }
        if !collections {
            return Ok(());
        }
        let mut warnings = Vec::new();
        for collection in &mut site.source.collections {
            for doc in collection.docs.iter_mut().filter(|d| d.write) {
                let rel = doc.relative_path.clone();
                if !config.is_markdown_ext(&doc.extname) || excluded.excluded(&rel, false) {
                    continue;
                }
                let mut content = doc.content.to_string();
                rewrite(&mut content, &rel);
                doc.content = content.into();
                if doc.excerpt_source.is_some() {
                    // The plugin makes the excerpt again from the new content.
                    refresh_excerpt(doc, &config, &mut warnings);
                }
            }
        }
        site.warnings.append(&mut warnings);
        Ok(())
    }
}

/// Pages, then static files, then documents to be written, as the plugin
/// searches them.
fn targets(site: &Site) -> Vec<Target> {
    let pages = site.source.pages.iter().map(|p| Target {
        relative_path: p.relative_path(),
        url: p.url.clone(),
    });
    let files = site.source.static_files.iter().map(|f| Target {
        relative_path: f.relative_path.trim_start_matches('/').to_string(),
        url: f.url.clone(),
    });
    let docs = site
        .source
        .collections
        .iter()
        .flat_map(|c| c.docs.iter().filter(|d| d.write))
        .map(|d| Target {
            relative_path: d.relative_path.clone(),
            url: d.url.clone(),
        });
    pages.chain(files).chain(docs).collect()
}

/// The content with its relative links rewritten, if any was.
fn rewrite(content: &str, dir: &str, targets: &[Target], config: &Map) -> Option<String> {
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    let mut changed = false;
    for caps in LINK.captures_iter(content) {
        let Ok(caps) = caps else { break };
        let whole = caps.get(0).expect("match");
        let Some(replacement) = replacement(&caps, dir, targets, config) else {
            continue;
        };
        out.push_str(&content[last..whole.start()]);
        out.push_str(&replacement);
        last = whole.end();
        changed = true;
    }
    out.push_str(&content[last..]);
    changed.then_some(out)
}

fn replacement(
    caps: &Captures<'_, str>,
    dir: &str,
    targets: &[Target],
    config: &Map,
) -> Option<String> {
    let inline = caps.get(2).is_some();
    let group = |inline_i: usize| {
        let i = if inline { inline_i } else { inline_i + 4 };
        caps.get(i).map_or("", |m| m.as_str())
    };
    let (text, path, fragment, title) = (group(2), group(3), group(4), group(5));
    if path.starts_with('#') || has_scheme(path) {
        return None;
    }
    let resolved = resolve(path, dir)?;
    let wanted = unescape(&resolved);
    let target = targets.iter().find(|t| t.relative_path == wanted)?;
    let url = super::relative_url(config, &target.url);
    Some(if inline {
        format!("[{text}]({url}{fragment}{title})")
    } else {
        format!("\n[{text}]: {url}{fragment}{title}")
    })
}

/// Addressable's `absolute?`: a valid scheme before the first `:`.
fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !scheme.contains(['/', '?', '#'])
}

/// The link's path from the site root (`File.expand_path` under the source):
/// relative to the page's folder unless it starts with `/`. None when it
/// leaves the source.
fn resolve(path: &str, dir: &str) -> Option<String> {
    let (path, base) = match path.strip_prefix('/') {
        Some(p) => (p, ""),
        None => (path, dir),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in base.split('/').chain(path.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `CGI.unescape`: `+` is a space, `%XX` a byte.
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len()
                && b[i + 1].is_ascii_hexdigit()
                && b[i + 2].is_ascii_hexdigit() =>
            {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).expect("hex digits");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(content: &str, dir: &str) -> String {
        let targets = vec![
            Target {
                relative_path: "docs/a.md".into(),
                url: "/docs/a.html".into(),
            },
            Target {
                relative_path: "b c.md".into(),
                url: "/b%20c.html".into(),
            },
        ];
        rewrite(content, dir, &targets, &Map::new()).unwrap_or_else(|| content.to_string())
    }

    #[test]
    fn rewrites_links_to_site_files() {
        assert_eq!(
            run("[A](a.md#x \"T\")", "docs"),
            "[A](/docs/a.html#x \"T\")"
        );
        assert_eq!(run("[A](../docs/a.md)", "docs"), "[A](/docs/a.html)");
        assert_eq!(
            run("[B](b%20c.md) [C](c.md)", ""),
            "[B](/b%20c.html) [C](c.md)"
        );
        assert_eq!(run("x\n[a]: /docs/a.md\n", ""), "x\n\n[a]: /docs/a.html\n");
        assert_eq!(
            run("[A](http://x/a.md) [F](#a.md)", "docs"),
            "[A](http://x/a.md) [F](#a.md)"
        );
    }
}
