//! jekyll-feed: an Atom feed of the posts (and of chosen collections,
//! categories and tags), plus `{% feed_meta %}`, the `<link>` that points
//! browsers at it.
//!
//! The feed is an ordinary page rendered with the plugin's own Liquid
//! template (kept verbatim in `templates/feed.xml`, whitespace after `>`
//! and `}` removed as the plugin does), so it sees the rendered posts just
//! as a page in the site would.

use std::sync::{Arc, LazyLock};

use anyhow::Result;
use hyde_liquid::{Context, CustomTag, Error, Map, ParseOptions, TagFactory, Template, Value};

use crate::generators::{page_without_a_file, Generator};
use crate::site::Site;
use crate::utils::to_s;

static TEMPLATE: LazyLock<String> =
    LazyLock::new(|| super::minify(include_str!("templates/feed.xml"), false));

/// One feed the generator writes.
#[derive(Debug, PartialEq)]
struct Feed {
    path: String,
    collection: String,
    category: Option<String>,
    tag: Option<String>,
}

pub struct FeedGenerator;

impl Generator for FeedGenerator {
    fn name(&self) -> &str {
        "jekyll-feed"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        let config = site.config.get("feed").cloned().unwrap_or_default();
        let development = crate::utils::jekyll_env() == "development";
        if development
            && config
                .get("disable_in_development")
                .is_some_and(Value::is_truthy)
        {
            return Ok(());
        }
        let tags = post_tags(site);
        let xsl = site.config.source.join("feed.xslt.xml").exists();
        for feed in feeds(&config, &tags) {
            if site
                .config
                .source
                .join(feed.path.trim_start_matches('/'))
                .exists()
            {
                continue;
            }
            let opt = |s: Option<String>| s.map(Value::from).unwrap_or_default();
            let mut data = Map::new();
            data.insert("layout".into(), Value::Nil);
            data.insert("sitemap".into(), Value::Bool(false));
            data.insert("xsl".into(), Value::Bool(xsl));
            data.insert("collection".into(), Value::from(feed.collection.as_str()));
            data.insert("category".into(), opt(feed.category));
            data.insert("tags".into(), opt(feed.tag));
            let page = page_without_a_file(&site.config, &feed.path, data, TEMPLATE.clone())?;
            site.source.pages.push(page);
        }
        Ok(())
    }
}

/// Tag names in `site.tags` order: first use, posts oldest first.
fn post_tags(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let posts = site.source.collections.iter().find(|c| c.label == "posts");
    for doc in posts.map(|c| c.docs.as_slice()).unwrap_or_default() {
        if let Some(Value::Array(tags)) = doc.data.get("tags") {
            for t in tags.iter().map(to_s) {
                if !names.contains(&t) {
                    names.push(t);
                }
            }
        }
    }
    names
}

/// Every feed the `feed:` configuration asks for, in the plugin's order:
/// per collection its categories then the collection itself, then tags.
fn feeds(config: &Value, site_tags: &[String]) -> Vec<Feed> {
    let get = |k: &str| config.get(k).filter(|v| !v.is_nil());
    // Collection name -> its settings; `posts` always, configurable at the top level.
    let mut collections: Vec<(String, Value)> = match get("collections") {
        Some(Value::Array(names)) => names.iter().map(|n| (to_s(n), Value::Nil)).collect(),
        Some(Value::Hash(h)) => h.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        _ => Vec::new(),
    };
    if !collections.iter().any(|(n, _)| n == "posts") {
        collections.push(("posts".into(), Value::Nil));
    }
    let mut out = Vec::new();
    for (name, meta) in &collections {
        let meta_get = |k: &str| meta.get(k).filter(|v| !v.is_nil());
        let is_posts = name == "posts";
        let path = meta_get("path")
            .or(if is_posts { get("path") } else { None })
            .map(to_s);
        let categories = meta_get("categories").or(if is_posts { get("categories") } else { None });
        let prefix = if is_posts {
            "/feed".to_string()
        } else {
            format!("/feed/{name}")
        };
        let mut seen: Vec<String> = Vec::new();
        if let Some(Value::Array(cats)) = categories {
            for c in cats.iter().map(to_s) {
                if !seen.contains(&c) {
                    seen.push(c);
                }
            }
        }
        for category in seen.into_iter().map(Some).chain([None]) {
            let path = match &category {
                Some(c) => format!("{prefix}/{c}.xml"),
                None => path.clone().unwrap_or_else(|| format!("{prefix}.xml")),
            };
            out.push(Feed {
                path,
                collection: name.clone(),
                category,
                tag: None,
            });
        }
    }
    if let Some(tags) = get("tags").filter(|v| v.is_truthy()) {
        if !site_tags.is_empty() {
            let names = |v: Option<&Value>| -> Option<Vec<String>> {
                v.and_then(Value::as_array)
                    .map(|a| a.iter().map(to_s).collect())
            };
            let except = names(tags.get("except")).unwrap_or_default();
            let only = names(tags.get("only")).unwrap_or_else(|| site_tags.to_vec());
            let dir = tags
                .get("path")
                .filter(|v| !v.is_nil())
                .map(to_s)
                .unwrap_or_else(|| "/feed/by_tag/".into());
            let mut pool: Vec<String> = Vec::new();
            for t in only.into_iter().filter(|t| !except.contains(t)) {
                if !pool.contains(&t) {
                    pool.push(t);
                }
            }
            for tag in pool {
                if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                out.push(Feed {
                    path: format!("{dir}{tag}.xml"),
                    collection: "posts".into(),
                    category: None,
                    tag: Some(tag),
                });
            }
        }
    }
    out
}

/// `{% feed_meta %}`.
pub struct FeedMetaFactory;

static META: LazyLock<Arc<Template>> = LazyLock::new(|| {
    super::parse_builtin(concat!(
        r#"<link type="application/atom+xml" rel="alternate" "#,
        r#"href="{{ feed_path | absolute_url | xml_escape }}""#,
        r#"{% if feed_title %} title="{{ feed_title | xml_escape }}"{% endif %} />"#
    ))
});

#[derive(Debug)]
struct FeedMeta;

impl TagFactory for FeedMetaFactory {
    fn parse(&self, _: &str, _: &str, _: &ParseOptions) -> Result<Box<dyn CustomTag>, Error> {
        Ok(Box::new(FeedMeta))
    }
}

impl CustomTag for FeedMeta {
    fn render(&self, ctx: &mut Context<'_>, out: &mut String) -> Result<(), Error> {
        let site = ctx.globals().get("site").cloned().unwrap_or_default();
        let path = site
            .get("feed")
            .and_then(|f| f.get("path"))
            .filter(|v| v.is_truthy())
            .cloned()
            .unwrap_or_else(|| Value::from("feed.xml"));
        let title = site
            .get("title")
            .filter(|v| v.is_truthy())
            .or_else(|| site.get("name"))
            .filter(|v| v.is_truthy())
            .map(|v| Value::from(to_s(v)))
            .unwrap_or_default();
        let mut locals = Map::new();
        locals.insert("feed_path".into(), path);
        locals.insert("feed_title".into(), title);
        out.push_str(&super::render_isolated(ctx, &META, locals)?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Value {
        crate::yaml::parse(s, None).unwrap()
    }

    #[test]
    fn default_is_one_feed() {
        let f = feeds(&Value::Nil, &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/feed.xml");
    }

    #[test]
    fn categories_collections_and_tags() {
        let c = yaml(
            "path: atom.xml\ncategories: [news]\ncollections: {talks: {categories: [x]}}\ntags: {except: [b]}\n",
        );
        let tags = vec!["a".to_string(), "b".into(), "c d".into()];
        let paths: Vec<String> = feeds(&c, &tags).into_iter().map(|f| f.path).collect();
        assert_eq!(
            paths,
            [
                "/feed/talks/x.xml",
                "/feed/talks.xml",
                "/feed/news.xml",
                "atom.xml",
                "/feed/by_tag/a.xml"
            ]
        );
    }
}
