//! What a page's output depends on, read from its Liquid: the includes it
//! pulls in, and whether it reads site-wide content (`site.posts`,
//! `site.pages`, `paginator`, `page.next`, `{% link %}`, plugin tags, …),
//! which makes it "volatile": it re-renders whenever a document changes,
//! and, if it reads pages too, whenever a page changes. The scan is
//! conservative: anything it cannot follow (a dynamic include name, a
//! `{% liquid %}` block, an unknown tag) counts as volatile and reading pages.

use std::collections::BTreeSet;

/// What one template text depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deps {
    /// Reads content shared by the whole site.
    pub volatile: bool,
    /// Of that, reads more than the documents (`site.pages`, static files,
    /// `site` as a whole, `{% link %}`, tags it cannot follow): it also
    /// re-renders when a page changes.
    pub reads_pages: bool,
    /// Include names used with a literal name (`{% include nav.html %}`).
    pub includes: BTreeSet<String>,
    /// `{% include_relative %}`: depends on files that are not templates.
    pub include_relative: bool,
    /// `{% increment %}`/`{% decrement %}`: counters shared by the build.
    pub counters: bool,
}

impl Deps {
    pub fn merge(&mut self, other: &Deps) {
        self.volatile |= other.volatile;
        self.reads_pages |= other.reads_pages;
        self.include_relative |= other.include_relative;
        self.counters |= other.counters;
        self.includes.extend(other.includes.iter().cloned());
    }
}

/// Tags whose output depends only on their arguments and the page.
const PLAIN_TAGS: &[&str] = &[
    "assign",
    "capture",
    "endcapture",
    "case",
    "when",
    "endcase",
    "comment",
    "endcomment",
    "cycle",
    "echo",
    "for",
    "endfor",
    "break",
    "continue",
    "if",
    "elsif",
    "else",
    "endif",
    "unless",
    "endunless",
    "raw",
    "endraw",
    "tablerow",
    "endtablerow",
    "highlight",
    "endhighlight",
    "ifchanged",
    "endifchanged",
    "#",
];

/// `site.KEY`s that hold documents.
const DOCUMENT_KEYS: &[&str] = &[
    "posts",
    "documents",
    "collections",
    "tags",
    "categories",
    "related_posts",
];

/// `site.KEY`s that hold pages or files.
const PAGE_KEYS: &[&str] = &["pages", "html_pages", "html_files", "static_files"];

/// Scans a template text. `collection_labels` are the site's collections
/// (`site.LABEL` lists documents).
pub fn scan(text: &str, collection_labels: &[String]) -> Deps {
    let mut deps = Deps::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(open) = find(bytes, i, b"{") {
        let Some(&kind) = bytes.get(open + 1) else {
            break;
        };
        let close: &[u8] = match kind {
            b'{' => b"}}",
            b'%' => b"%}",
            _ => {
                i = open + 1;
                continue;
            }
        };
        let end = find(bytes, open + 2, close).unwrap_or(bytes.len());
        let inner = &text[open + 2..end];
        if kind == b'%' {
            tag(inner, &mut deps);
        }
        variables(inner, &mut deps, collection_labels);
        i = (end + 2).min(bytes.len());
    }
    deps
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn tag(inner: &str, deps: &mut Deps) {
    let inner = inner.trim_matches('-').trim();
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let (name, rest) = inner.split_at(name_end);
    let rest = rest.trim();
    match name {
        "include" | "render" | "include_cached" => {
            if rest.starts_with("{{") || rest.is_empty() {
                deps.volatile = true;
                deps.reads_pages = true;
            } else {
                let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
                let file = rest[..end].trim_matches(|c| c == '"' || c == '\'');
                deps.includes.insert(file.to_string());
            }
        }
        "include_relative" => deps.include_relative = true,
        "increment" | "decrement" => deps.counters = true,
        n if PLAIN_TAGS.contains(&n) || n.starts_with("end") || n.is_empty() => {}
        "post_url" => deps.volatile = true,
        // `link`, `liquid` blocks and plugin tags may read anything.
        _ => {
            deps.volatile = true;
            deps.reads_pages = true;
        }
    }
}

/// Finds `site`, `page` and `paginator` references outside strings.
fn variables(inner: &str, deps: &mut Deps, collection_labels: &[String]) {
    let b = inner.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c == b'"' || c == b'\'' {
            quote = Some(c);
            i += 1;
            continue;
        }
        if !ident(c) || (i > 0 && (ident(b[i - 1]) || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && ident(b[i]) {
            i += 1;
        }
        let word = &inner[start..i];
        let next_key = || -> Option<&str> {
            let rest = &inner[i..];
            let rest = rest.strip_prefix('.')?;
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            Some(&rest[..end])
        };
        match word {
            "paginator" => deps.volatile = true,
            "site" => match next_key() {
                Some(key) if PAGE_KEYS.contains(&key) => {
                    deps.volatile = true;
                    deps.reads_pages = true;
                }
                Some(key) => {
                    if DOCUMENT_KEYS.contains(&key) || collection_labels.iter().any(|l| l == key) {
                        deps.volatile = true;
                    }
                }
                // `site[...]`, `site` as a whole.
                None => {
                    deps.volatile = true;
                    deps.reads_pages = true;
                }
            },
            "page" => match next_key() {
                Some("next" | "previous") | None => deps.volatile = true,
                Some(_) => {}
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Deps {
        scan(text, &["projects".to_string()])
    }

    #[test]
    fn plain_pages_are_not_volatile() {
        let d = s("# {{ page.title }} {{ site.title | escape }}\n{% if page.x %}{% endif %}");
        assert_eq!(d, Deps::default());
        assert!(!s("the page and the site").volatile);
        assert!(!s("{{ post.page }}").volatile);
    }

    #[test]
    fn site_content_is_volatile() {
        for t in [
            "{% for p in site.posts %}{% endfor %}",
            "{{ site.pages | size }}",
            "{{ site.projects | size }}",
            "{{ site['posts'] }}",
            "{% assign s = site %}",
            "{{ paginator.posts }}",
            "{{ page.next.url }}",
            "{{ page | jsonify }}",
            "{% link about.md %}",
            "{% post_url 2020-01-01-x %}",
            "{% seo %}",
            "{% include {{ page.inc }} %}",
        ] {
            assert!(s(t).volatile, "{t}");
        }
        assert!(!s("{{ 'site.posts' }}").volatile);
    }

    #[test]
    fn page_readers_are_told_apart() {
        for t in [
            "{{ site.pages | size }}",
            "{{ site.static_files }}",
            "{{ site['posts'] }}",
            "{% link about.md %}",
            "{% seo %}",
            "{% include {{ page.inc }} %}",
        ] {
            assert!(s(t).reads_pages, "{t}");
        }
        for t in [
            "{% for p in site.posts %}{% endfor %}",
            "{{ site.projects | size }}",
            "{{ paginator.posts }}",
            "{{ page.next.url }}",
            "{% post_url 2020-01-01-x %}",
        ] {
            let d = s(t);
            assert!(d.volatile && !d.reads_pages, "{t}");
        }
    }

    #[test]
    fn includes_are_collected() {
        let d = s("{% include head.html title=page.title %}{%- include \"foot.html\" -%}");
        assert_eq!(
            d.includes.into_iter().collect::<Vec<_>>(),
            ["foot.html", "head.html"]
        );
        assert!(s("{% include_relative x.md %}").include_relative);
        assert!(s("{% increment n %}").counters);
    }
}
