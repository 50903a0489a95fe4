//! jekyll-seo-tag: `{% seo %}` writes the page's `<title>`, description,
//! canonical link, Open Graph and Twitter metadata and a JSON-LD block.
//!
//! hyde works out the plugin's values (titles, author, image, dates, …) in
//! Rust, as `seo_tag`, and renders the plugin's own template with them, so
//! the markup around them is the plugin's byte for byte.

use std::sync::{Arc, LazyLock};

use hyde_liquid::{Context, CustomTag, Error, Map, ParseOptions, TagFactory, Template, Value};

use crate::utils::to_s;

/// jekyll-seo-tag's version, printed in its HTML comment.
const VERSION: &str = "2.8.0";

/// The plugin's template minified as it does: whitespace after `{`, `}`,
/// `>\n` and `,\n` goes, except right before a `-`.
static TEMPLATE: LazyLock<Arc<Template>> = LazyLock::new(|| {
    let minified = super::strip_space_after(include_str!("templates/seo.html"), true, |b| {
        b.ends_with(b"{") || b.ends_with(b"}") || b.ends_with(b">\n") || b.ends_with(b",\n")
    });
    super::parse_builtin(&minified)
});

pub struct SeoFactory;

#[derive(Debug)]
struct Seo {
    /// `{% seo title=false %}`: leave the `<title>` to the layout.
    title: bool,
}

impl TagFactory for SeoFactory {
    fn parse(&self, _: &str, markup: &str, _: &ParseOptions) -> Result<Box<dyn CustomTag>, Error> {
        let title = !markup.to_ascii_lowercase().contains("title=false");
        Ok(Box::new(Seo { title }))
    }
}

impl CustomTag for Seo {
    fn render(&self, ctx: &mut Context<'_>, out: &mut String) -> Result<(), Error> {
        let globals = ctx.globals();
        let get = |k: &str| globals.get(k).cloned().unwrap_or_default();
        let (site, page, paginator) = (get("site"), get("page"), get("paginator"));
        let seo = seo_values(ctx, &site, &page, &paginator, self.title)?;
        let mut locals = Map::new();
        locals.insert("seo_tag".into(), seo);
        out.push_str(&super::render_isolated(ctx, &TEMPLATE, locals)?);
        Ok(())
    }
}

/// `a || b` as Ruby reads it: `nil` and `false` fall through.
fn or(a: Option<Value>, b: impl FnOnce() -> Option<Value>) -> Option<Value> {
    a.filter(Value::is_truthy).or_else(b)
}

fn field(v: &Value, key: &str) -> Option<Value> {
    v.get(key).filter(|v| v.is_truthy()).cloned()
}

/// A hash under `key`, or an empty one.
fn sub_hash(v: &Value, key: &str) -> Value {
    match v.get(key) {
        Some(h @ Value::Hash(_)) => h.clone(),
        _ => Value::hash(Map::new()),
    }
}

/// The `seo_tag` drop, as a hash.
fn seo_values(
    ctx: &mut Context<'_>,
    site: &Value,
    page: &Value,
    paginator: &Value,
    show_title: bool,
) -> Result<Value, Error> {
    let mut filter = |name: &str, v: Value| -> Result<Value, Error> {
        hyde_liquid::filters::apply(ctx, name, v, Vec::new(), None)
    };
    // markdownify | strip_html | normalize_whitespace | escape_once, or nil if empty.
    let mut format = |v: Option<Value>| -> Result<Option<Value>, Error> {
        let mut s = v.unwrap_or_default();
        for f in [
            "markdownify",
            "strip_html",
            "normalize_whitespace",
            "escape_once",
        ] {
            s = filter(f, s)?;
        }
        Ok(Some(s).filter(|s| !to_s(s).is_empty()))
    };
    let site_title = format(or(site.get("title").cloned(), || site.get("name").cloned()))?;
    let site_tagline = format(site.get("tagline").cloned())?;
    let site_description = format(site.get("description").cloned())?;
    let page_title = or(format(page.get("title").cloned())?, || site_title.clone());
    let page_seo = sub_hash(page, "seo");
    let site_social = sub_hash(site, "social");
    let url = page.get("url").map(to_s).unwrap_or_default();
    let home_or_about = homepage_or_about(&url);

    let join = |a: &Value, b: &Value| Value::from(format!("{} | {}", to_s(a), to_s(b)));
    let mut title = match (&site_title, &page_title, &site_description) {
        (Some(st), Some(pt), _) if to_s(pt) != to_s(st) => Some(join(pt, st)),
        (Some(st), _, Some(sd)) => Some(join(st, site_tagline.as_ref().unwrap_or(sd))),
        _ => page_title.clone().or_else(|| site_title.clone()),
    };
    if let (Some(t), Some(n)) = (&title, page_number(site, paginator)) {
        title = Some(Value::from(format!("{n}{}", to_s(t))));
    }
    let name = match field(&page_seo, "name") {
        Some(n) => format(Some(n))?,
        None if !home_or_about => None,
        None => match field(&site_social, "name") {
            Some(n) => format(Some(n))?,
            None => site_title.clone(),
        },
    };
    let description = or(
        format(or(page.get("description").cloned(), || {
            page.get_now("excerpt").map(std::borrow::Cow::into_owned)
        }))?,
        || site_description.clone(),
    );
    let author = author(site, page);
    let image = image(ctx, page)?;
    let mut xmlschema =
        |v: Value| hyde_liquid::filters::apply(ctx, "date_to_xmlschema", v, Vec::new(), None);
    let date_modified = match or(field(&page_seo, "date_modified"), || {
        or(field(page, "last_modified_at"), || field(page, "date"))
    }) {
        Some(d) => Some(xmlschema(d)?),
        None => None,
    };
    let date_published = match field(page, "date") {
        Some(d) => Some(xmlschema(d)?),
        None => None,
    };
    let kind = field(&page_seo, "type").unwrap_or_else(|| {
        Value::from(if home_or_about {
            "WebSite"
        } else if field(page, "date").is_some() {
            "BlogPosting"
        } else {
            "WebPage"
        })
    });
    let links = or(field(&page_seo, "links"), || {
        home_or_about
            .then(|| field(&site_social, "links"))
            .flatten()
    });
    let logo = match field(site, "logo") {
        Some(l) => {
            let abs = if is_absolute(&to_s(&l)) {
                l
            } else {
                hyde_liquid::filters::apply(ctx, "absolute_url", l, Vec::new(), None)?
            };
            Some(hyde_liquid::filters::apply(
                ctx,
                "uri_escape",
                abs,
                Vec::new(),
                None,
            )?)
        }
        None => None,
    };
    let lang = or(field(page, "lang"), || field(site, "lang")).unwrap_or_else(|| "en_US".into());
    let locale = or(field(page, "locale"), || field(site, "locale")).unwrap_or(lang);
    let locale = to_s(&locale).replace('-', "_");
    let canonical = match page
        .get("canonical_url")
        .map(to_s)
        .filter(|s| !s.is_empty())
    {
        Some(_) => page.get("canonical_url").cloned().unwrap_or_default(),
        None => {
            let abs = hyde_liquid::filters::apply(
                ctx,
                "absolute_url",
                page.get("url").cloned().unwrap_or_default(),
                Vec::new(),
                None,
            )?;
            let abs = to_s(&abs);
            Value::from(match abs.strip_suffix("/index.html") {
                Some(stem) => format!("{stem}/"),
                None => abs,
            })
        }
    };

    let json_ld = json_ld(JsonLd {
        kind: &kind,
        author: &author,
        date_modified: &date_modified,
        date_published: &date_published,
        description: &description,
        headline: &page_title,
        image: &image,
        canonical: &canonical,
        name: &name,
        logo: &logo,
        links: &links,
    });
    let opt = |v: &Option<Value>| v.clone().unwrap_or_default();
    let mut m = Map::new();
    m.insert("version".into(), Value::from(VERSION));
    m.insert("title?".into(), Value::Bool(title.is_some() && show_title));
    m.insert("title".into(), opt(&title));
    m.insert("site_title".into(), opt(&site_title));
    m.insert("page_title".into(), opt(&page_title));
    m.insert("name".into(), opt(&name));
    m.insert("description".into(), opt(&description));
    m.insert("author".into(), author);
    m.insert("image".into(), opt(&image));
    m.insert("page_locale".into(), Value::from(locale));
    m.insert("canonical_url".into(), canonical);
    m.insert("json_ld".into(), json_ld);
    Ok(Value::hash(m))
}

/// `/`, `/index.html`, `/about/` and the like: the pages that speak for the site.
fn homepage_or_about(url: &str) -> bool {
    let rest = url.strip_prefix('/').unwrap_or("\u{0}");
    let rest = rest.strip_prefix("about/").unwrap_or(rest);
    matches!(rest, "" | "index.htm" | "index.html")
}

/// `Page 2 of 5 for `, before the title of later paginated pages.
fn page_number(site: &Value, paginator: &Value) -> Option<String> {
    let current = match paginator.get("page")? {
        Value::Int(i) => *i,
        _ => return None,
    };
    if current <= 1 {
        return None;
    }
    let total = paginator.get("total_pages").map(to_s).unwrap_or_default();
    let message = field(site, "seo_paginator_message")
        .map(|v| to_s(&v))
        .unwrap_or_else(|| "Page %<current>s of %<total>s for ".into());
    Some(
        message
            .replace("%<current>s", &current.to_string())
            .replace("%<total>s", &total),
    )
}

/// The page's author as a hash (`name`, `twitter`, …): the first non-empty of
/// `page.author`, `page.authors[0]`, `site.author`, looked up in
/// `site.data.authors` when it is a name.
fn author(site: &Value, page: &Value) -> Value {
    let mut sources = vec![page.get("author").cloned()];
    if let Some(Value::Array(a)) = page.get("authors") {
        sources.push(a.first().cloned());
    }
    sources.push(site.get("author").cloned());
    let resolved = sources
        .into_iter()
        .flatten()
        .find(|s| !s.is_nil() && !to_s(s).is_empty());
    let mut hash = match resolved {
        Some(Value::Hash(h)) => (*h).clone(),
        Some(Value::Str(name)) => {
            let mut h = Map::new();
            h.insert("name".into(), Value::Str(name.clone()));
            let data = site.get("data").and_then(|d| d.get("authors"));
            if let Some(Value::Hash(entry)) = data.and_then(|a| a.get(&name)) {
                for (k, v) in entry.iter() {
                    h.insert(k.clone(), v.clone());
                }
            }
            h
        }
        _ => Map::new(),
    };
    let twitter = or(hash.get("twitter").cloned(), || hash.get("name").cloned());
    let twitter = match twitter {
        Some(Value::Str(s)) => Value::from(s.strip_prefix('@').unwrap_or(&s)),
        _ => Value::Nil,
    };
    hash.insert("twitter".into(), twitter);
    Value::hash(hash)
}

/// Whether a URL has a scheme (Addressable's `absolute?`).
fn is_absolute(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, _)) => {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `page.image` as a hash whose `path` is absolute and escaped; nil if it has none.
fn image(ctx: &mut Context<'_>, page: &Value) -> Result<Option<Value>, Error> {
    let mut hash = Map::new();
    hash.insert("path".into(), Value::Nil);
    match page.get("image") {
        Some(Value::Hash(h)) => {
            for (k, v) in h.iter() {
                hash.insert(k.clone(), v.clone());
            }
        }
        Some(s @ Value::Str(_)) => {
            hash.insert("path".into(), s.clone());
        }
        _ => {}
    }
    let raw = ["path", "facebook", "twitter"]
        .iter()
        .find_map(|k| hash.get(*k).filter(|v| v.is_truthy()).cloned());
    let Some(raw) = raw else {
        return Ok(None);
    };
    let absolute = match &raw {
        Value::Str(s) if !is_absolute(s) => {
            hyde_liquid::filters::apply(ctx, "absolute_url", raw.clone(), Vec::new(), None)?
        }
        _ => raw,
    };
    if !absolute.is_truthy() {
        return Ok(None);
    }
    let path = hyde_liquid::filters::apply(ctx, "uri_escape", absolute, Vec::new(), None)?;
    hash.insert("path".into(), path);
    Ok(Some(Value::hash(hash)))
}

/// What the JSON-LD block is made of.
struct JsonLd<'a> {
    kind: &'a Value,
    author: &'a Value,
    date_modified: &'a Option<Value>,
    date_published: &'a Option<Value>,
    description: &'a Option<Value>,
    headline: &'a Option<Value>,
    image: &'a Option<Value>,
    canonical: &'a Value,
    name: &'a Option<Value>,
    logo: &'a Option<Value>,
    links: &'a Option<Value>,
}

/// The JSON-LD hash, keys in the plugin's (sorted) order, nils left out.
fn json_ld(j: JsonLd<'_>) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v.filter(|v| !v.is_nil()) {
            m.insert(k.into(), v);
        }
    };
    let hash = |pairs: Vec<(&str, Value)>| {
        Value::hash(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    };
    put("@context", Some(Value::from("https://schema.org")));
    put("@type", Some(j.kind.clone()));
    let author_name = j.author.get("name").filter(|v| v.is_truthy()).cloned();
    let author_type = j.author.get("type").filter(|v| v.is_truthy()).cloned();
    let valid_type = author_type
        .as_ref()
        .is_none_or(|t| matches!(to_s(t).as_str(), "Organization" | "Person"));
    if let (Some(name), true) = (&author_name, valid_type) {
        let mut a = vec![
            (
                "@type",
                author_type.clone().unwrap_or_else(|| "Person".into()),
            ),
            ("name", name.clone()),
        ];
        if let Some(url) = j.author.get("url").filter(|v| v.is_truthy()) {
            a.push(("url", url.clone()));
        }
        put("author", Some(hash(a)));
    }
    put("dateModified", j.date_modified.clone());
    put("datePublished", j.date_published.clone());
    put("description", j.description.clone());
    put("headline", j.headline.clone());
    put(
        "image",
        j.image.as_ref().map(|img| {
            let h = img.as_hash().cloned().unwrap_or_default();
            let path = h.get("path").cloned().unwrap_or_default();
            if h.len() == 1 {
                return path;
            }
            let mut out: Map = h.into_iter().filter(|(k, _)| k != "path").collect();
            out.insert("url".into(), path);
            out.insert("@type".into(), Value::from("imageObject"));
            Value::hash(out)
        }),
    );
    if matches!(to_s(j.kind).as_str(), "BlogPosting" | "CreativeWork") {
        put(
            "mainEntityOfPage",
            Some(hash(vec![
                ("@type", Value::from("WebPage")),
                ("@id", j.canonical.clone()),
            ])),
        );
    }
    put("name", j.name.clone());
    if let Some(logo) = j.logo {
        let mut p = vec![
            ("@type", Value::from("Organization")),
            (
                "logo",
                hash(vec![
                    ("@type", Value::from("ImageObject")),
                    ("url", logo.clone()),
                ]),
            ),
        ];
        if let Some(name) = author_name {
            p.push(("name", name));
        }
        put("publisher", Some(hash(p)));
    }
    put("sameAs", j.links.clone());
    put("url", Some(j.canonical.clone()));
    Value::hash(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_and_about() {
        for u in ["/", "/index.html", "/about/", "/about/index.htm"] {
            assert!(homepage_or_about(u), "{u}");
        }
        for u in ["/about", "/blog/", "", "/about.html"] {
            assert!(!homepage_or_about(u), "{u}");
        }
    }

    #[test]
    fn absolute_urls() {
        assert!(is_absolute("https://x.org/a.png"));
        assert!(is_absolute("mailto:a@b"));
        assert!(!is_absolute("/img/a.png"));
        assert!(!is_absolute("img/a:b.png"));
    }

    #[test]
    fn paginator_prefix() {
        let mut p = Map::new();
        p.insert("page".into(), Value::Int(2));
        p.insert("total_pages".into(), Value::Int(3));
        assert_eq!(
            page_number(&Value::Nil, &Value::hash(p)).as_deref(),
            Some("Page 2 of 3 for ")
        );
    }
}
