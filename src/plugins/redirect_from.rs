//! jekyll-redirect-from: `redirect_from:` makes a small HTML page at each
//! old URL that sends readers to the document; `redirect_to:` turns the
//! document itself into such a page; `redirects.json` maps every old URL to
//! its target.
//!
//! The redirect pages use the `redirect` layout: the site's own if it has
//! one, else the plugin's (`templates/redirect.html`).

use std::sync::Arc;

use anyhow::Result;
use hyde_liquid::{Map, Template, Value};

use crate::generators::{page_without_a_file, Generator};
use crate::layout::Layout;
use crate::site::Site;
use crate::utils::to_s;

use super::ensure_leading_slash;

pub struct Redirects;

/// A redirect's source URL and its target.
struct Redirect {
    from: String,
    to: String,
}

impl Generator for Redirects {
    fn name(&self) -> &str {
        "jekyll-redirect-from"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        if !site.source.layouts.contains_key("redirect") {
            install_layout(site);
        }
        let config = site.config.map.clone();
        let target = |to: &str| {
            if to.starts_with("http://") || to.starts_with("https://") {
                to.to_string()
            } else {
                super::absolute_url(&config, to)
            }
        };
        let mut redirects: Vec<Redirect> = Vec::new();
        let mut new_pages = Vec::new();

        // Documents that are written, then pages, as the plugin visits them.
        let mut visit = |url: &str, data: &Map| -> Option<Map> {
            for from in redirect_from(data) {
                let r = Redirect {
                    from: ensure_leading_slash(&from),
                    to: target(url),
                };
                new_pages.push(redirect_data(&r));
                redirects.push(r);
            }
            let to = redirect_to(data)?;
            let r = Redirect {
                from: ensure_leading_slash(url),
                to: target(&to),
            };
            let data = redirect_data(&r);
            redirects.push(r);
            Some(data)
        };
        for collection in site.source.collections.iter_mut().filter(|c| c.write) {
            for doc in collection.docs.iter_mut().filter(|d| d.write) {
                if let Some(data) = visit(&doc.url, &doc.data) {
                    doc.data.extend(data);
                    doc.content = "".into();
                }
            }
        }
        for page in site.source.pages.iter_mut() {
            let mut merged = page.defaults.clone();
            crate::config::deep_merge(&mut merged, &page.data);
            if let Some(data) = visit(&page.url, &merged) {
                page.data.extend(data);
                page.content.clear();
            }
        }
        for data in new_pages {
            let page = page_without_a_file(&site.config, "redirect.html", data, String::new())?;
            site.source.pages.push(page);
        }
        let json =
            crate::utils::not_false(site.config.get("redirect_from").and_then(|r| r.get("json")));
        if json && !site.config.source.join("redirects.json").exists() {
            let mut map = serde_json::Map::new();
            for r in redirects {
                map.insert(r.from, serde_json::Value::String(r.to));
            }
            let content = serde_json::Value::Object(map).to_string();
            let mut data = Map::new();
            data.insert("layout".into(), Value::Nil);
            let page = page_without_a_file(&site.config, "redirects.json", data, content)?;
            site.source.pages.push(page);
        }
        Ok(())
    }
}

/// The plugin's own `redirect` layout.
fn install_layout(site: &mut Site) {
    let content = include_str!("templates/redirect.html").to_string();
    let template = Template::parse(&content, site.templates.options()).map(Arc::new);
    site.layout_templates.insert("redirect".into(), template);
    site.source.layouts.insert(
        "redirect".into(),
        Layout {
            name: "redirect".into(),
            path: site.config.source.join("_layouts/redirect.html"),
            relative_path: "_layouts/redirect.html".into(),
            data: Map::new(),
            content,
            content_line: 1,
        },
    );
}

/// The front matter of a redirect page (and of a `redirect_to` document).
fn redirect_data(r: &Redirect) -> Map {
    let mut redirect = Map::new();
    redirect.insert("from".into(), Value::from(r.from.as_str()));
    redirect.insert("to".into(), Value::from(r.to.as_str()));
    let mut data = Map::new();
    data.insert("sitemap".into(), Value::Bool(false));
    data.insert("layout".into(), Value::from("redirect"));
    data.insert("permalink".into(), Value::from(r.from.as_str()));
    data.insert("redirect".into(), Value::hash(redirect));
    data
}

/// `redirect_from:` as a list, nils dropped.
fn redirect_from(data: &Map) -> Vec<String> {
    match data.get("redirect_from") {
        Some(Value::Array(a)) => a.iter().filter(|v| !v.is_nil()).map(to_s).collect(),
        Some(v) if !v.is_nil() => vec![to_s(v)],
        _ => Vec::new(),
    }
}

/// `redirect_to:`, the first non-nil entry of a list.
fn redirect_to(data: &Map) -> Option<String> {
    match data.get("redirect_to")? {
        Value::Array(a) => a.iter().find(|v| !v.is_nil()).map(to_s),
        Value::Nil => None,
        v => Some(to_s(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_scalars() {
        let mut m = Map::new();
        m.insert("redirect_from".into(), Value::from("old.html"));
        m.insert(
            "redirect_to".into(),
            Value::array(vec![Value::Nil, Value::from("https://x.org/")]),
        );
        assert_eq!(redirect_from(&m), ["old.html"]);
        assert_eq!(redirect_to(&m).as_deref(), Some("https://x.org/"));
        assert_eq!(ensure_leading_slash("a/b"), "/a/b");
    }
}
