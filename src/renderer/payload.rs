//! The Liquid payload: `site`, `page` and friends as Jekyll's drops expose
//! them, built once per render phase and shared (by `Arc`) by every page.

use std::sync::Arc;

use hyde_liquid::{Linked, Map, Value};

use crate::collection::Collection;
use crate::document::Document;
use crate::page::Page;
use crate::site::Site;
use crate::utils::to_s;

/// What a rendered document contributes to later payloads. Shared
/// strings: every page's `site` shows them, and copying each document's
/// output into the payload was most of a large build's peak memory.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Converted content, before layouts (`page.content` after rendering).
    pub content: Option<Arc<str>>,
    /// The whole output (`page.output`).
    pub output: Option<Arc<str>>,
    /// The rendered excerpt (`post.excerpt`).
    pub excerpt: Option<Arc<str>>,
}

/// `DocumentDrop` as a hash. `rendered` supplies content, output and excerpt
/// once the document has been rendered.
pub fn document_value(
    doc: &Document,
    rendered: Option<&Rendered>,
    neighbours: Option<(Value, Value)>,
) -> Value {
    // A copy of the data keeps its hash table: inserting the keys one by
    // one hashed each of them again, for every document.
    let mut m = doc.data.clone();
    m.reserve(12);
    let content = match rendered.and_then(|r| r.content.clone()) {
        Some(shared) => Value::Str(shared),
        None => Value::Str(doc.content.clone()),
    };
    m.insert("content".into(), content);
    m.insert(
        "output".into(),
        rendered
            .and_then(|r| r.output.clone())
            .map(Value::Str)
            .unwrap_or_default(),
    );
    m.insert("path".into(), Value::from(doc.relative_path.as_str()));
    m.insert(
        "relative_path".into(),
        Value::from(doc.relative_path.as_str()),
    );
    m.insert("url".into(), Value::from(doc.url.as_str()));
    m.insert("date".into(), Value::Time(doc.date));
    m.insert("id".into(), Value::from(doc.id()));
    m.insert("collection".into(), Value::from(doc.collection.as_str()));
    let excerpt = match doc.data.get("excerpt") {
        Some(v) => Value::from(to_s(v)),
        None => match (
            rendered.and_then(|r| r.excerpt.clone()),
            &doc.excerpt_source,
        ) {
            (Some(html), _) => Value::Str(html),
            (None, Some(src)) => Value::from(src.as_str()),
            (None, None) => Value::Nil,
        },
    };
    m.insert("excerpt".into(), excerpt);
    let name = doc
        .data
        .get("name")
        .filter(|v| v.is_truthy())
        .cloned()
        .unwrap_or_else(|| Value::from(doc.basename()));
    m.insert("name".into(), name);
    if let Some((previous, next)) = neighbours {
        m.insert("previous".into(), previous);
        m.insert("next".into(), next);
    } else {
        m.insert("previous".into(), Value::Nil);
        m.insert("next".into(), Value::Nil);
    }
    Value::hash(m)
}

/// `Page#to_liquid`: defaults, then front matter, then the page attributes.
pub fn page_value(page: &Page, content: &str) -> Value {
    let mut m = page.defaults.clone();
    crate::config::deep_merge(&mut m, &page.data);
    if page.excerpt_source.is_some() {
        // Jekyll keeps a `PageExcerpt` in the page's data: its key comes
        // with the front matter's, before the page's attributes.
        m.insert("excerpt".into(), Value::Nil);
    }
    let mut attrs = Map::new();
    attrs.insert("content".into(), Value::from(content));
    attrs.insert("dir".into(), Value::from(page.url_dir()));
    attrs.insert(
        "excerpt".into(),
        page.data
            .get("excerpt")
            .map(|v| Value::from(to_s(v)))
            .unwrap_or_default(),
    );
    attrs.insert("name".into(), Value::from(page.name.as_str()));
    let path = page
        .data
        .get("path")
        .cloned()
        .unwrap_or_else(|| Value::from(page.relative_path()));
    attrs.insert("path".into(), path);
    attrs.insert("url".into(), Value::from(page.url.as_str()));
    crate::config::deep_merge(&mut m, &attrs);
    Value::hash(m)
}

/// Every document's hash, without neighbours, before rendering.
pub fn document_values(collection: &Collection) -> Vec<Value> {
    use rayon::prelude::*;
    collection
        .docs
        .par_iter()
        .map(|d| document_value(d, None, None))
        .collect()
}

/// [`document_values`] once documents are rendered: `before`'s hashes with
/// content, output and excerpt replaced, as [`document_value`] would set
/// them. Each hash is changed in place when nothing else holds it any more
/// (phase 1's payloads are gone by then), else copied: setting three keys
/// costs a fraction of building it again, and no copy is cheaper still.
pub fn rendered_document_values<'a>(
    collection: &Collection,
    before: Vec<Value>,
    rendered: &(dyn Fn(&Document) -> Option<&'a Rendered> + Sync),
) -> Vec<Value> {
    use rayon::prelude::*;
    collection
        .docs
        .par_iter()
        .zip(before.into_par_iter())
        .map(|(d, plain)| {
            // Without a rendering phase 2 shows what phase 1 showed, which
            // is this very hash.
            let Some(r) = rendered(d) else {
                return plain;
            };
            let Value::Hash(mut h) = plain else {
                return document_value(d, Some(r), None);
            };
            let m = Arc::make_mut(&mut h);
            let mut set = |key: &str, value: Option<&Arc<str>>| {
                if let (Some(v), Some(slot)) = (value, m.get_mut(key)) {
                    *slot = Value::Str(v.clone());
                }
            };
            set("content", r.content.as_ref());
            set("output", r.output.as_ref());
            if !d.data.contains_key("excerpt") {
                set("excerpt", r.excerpt.as_ref());
            }
            Value::Hash(h)
        })
        .collect()
}

/// The values documents show each other: every document's hash, whose
/// `previous`/`next` are its neighbours in the collection, linked in turn
/// as Jekyll's document drops are. No hash is copied. While documents
/// render, `order` shows the ones rendered earlier as rendered.
pub fn linked_values(plain: Vec<Value>, timeline: Arc<dyn hyde_liquid::Timeline>) -> Vec<Value> {
    Linked::all_on(plain, Some(timeline))
}

/// The pages as `site.pages` shows them while pages render: plain hashes
/// whose content `order` shows converted for the pages rendered earlier.
pub fn linked_pages(
    plain: Vec<Value>,
    timeline: Option<Arc<dyn hyde_liquid::Timeline>>,
) -> Vec<Value> {
    Linked::pages(plain, timeline)
}

/// A document's value as a hash to change keys of: its neighbours stay
/// linked, so `page.previous` looks up as before the change.
pub fn document_map(value: &Value) -> Map {
    match value {
        Value::Linked(l) => l.to_linked_map(),
        other => other.as_hash().cloned().unwrap_or_default(),
    }
}

/// `site` as `SiteDrop` shows it: every configuration key, then the site's
/// content. `docs` holds each collection's document values, in order.
pub fn site_value(site: &Site, docs: &[Vec<Value>], pages: &[Value]) -> Value {
    let mut m = site.config.map.clone();
    let zone = site.config.timezone;
    m.insert("time".into(), Value::Time(site.time));
    m.insert("pages".into(), Value::array(pages.to_vec()));

    let posts_index = site
        .source
        .collections
        .iter()
        .position(|c| c.label == "posts");
    let mut posts: Vec<Value> = posts_index.map(|i| docs[i].clone()).unwrap_or_default();
    posts.reverse();
    let posts = Value::array(posts);
    m.insert("posts".into(), posts.clone());
    m.insert("related_posts".into(), Value::Nil);

    let statics: Vec<Value> = site
        .source
        .static_files
        .iter()
        .map(|f| f.to_liquid(zone))
        .collect();
    let html_files: Vec<Value> = site
        .source
        .static_files
        .iter()
        .filter(|f| f.extname == ".html")
        .map(|f| f.to_liquid(zone))
        .collect();
    m.insert("static_files".into(), Value::array(statics));
    let html_pages: Vec<Value> = site
        .source
        .pages
        .iter()
        .zip(pages)
        .filter(|(p, _)| p.html() || p.url.ends_with('/'))
        .map(|(_, v)| v.clone())
        .collect();
    m.insert("html_pages".into(), Value::array(html_pages));
    m.insert("html_files".into(), Value::array(html_files));

    // The largest parts, each a pass over every document, are made side by
    // side: the main thread would otherwise make them while a core idles.
    let by = |key: &str| posts_index.map(|i| posts_by(&site.source.collections[i], &docs[i], key));
    let ((categories, tags), (collections, documents)) = rayon::join(
        || rayon::join(|| by("categories"), || by("tags")),
        || {
            let mut collections: Vec<(&str, Value)> = site
                .source
                .collections
                .iter()
                .enumerate()
                .map(|(i, c)| (c.label.as_str(), collection_drop(site, c, &docs[i])))
                .collect();
            collections.sort_by(|a, b| a.0.cmp(b.0));
            // `Site#documents`: every collection's docs, then its static files.
            let mut documents: Vec<Value> = Vec::new();
            for (i, c) in site.source.collections.iter().enumerate() {
                documents.extend(docs[i].iter().cloned());
                documents.extend(c.files.iter().map(|f| f.to_liquid(zone)));
            }
            (collections, documents)
        },
    );
    m.insert(
        "collections".into(),
        Value::array(collections.into_iter().map(|(_, v)| v).collect()),
    );
    m.insert("documents".into(), Value::array(documents));
    m.insert(
        "data".into(),
        match site.config.get("data") {
            Some(v) if v.is_truthy() => v.clone(),
            _ => Value::hash(site.source.data.clone()),
        },
    );
    if let (Some(categories), Some(tags)) = (categories, tags) {
        m.insert("categories".into(), categories);
        m.insert("tags".into(), tags);
    }
    for (i, c) in site.source.collections.iter().enumerate() {
        if c.label != "posts" {
            m.insert(c.label.as_str().into(), Value::array(docs[i].clone()));
        }
    }
    m.insert(
        hyde_liquid::DROP_CLASS_KEY.into(),
        Value::str("Jekyll::Drops::SiteDrop"),
    );
    Value::hash(m)
}

/// `CollectionDrop`, its keys in the drop's order.
fn collection_drop(site: &Site, c: &Collection, docs: &[Value]) -> Value {
    let mut m = Map::new();
    m.insert("label".into(), Value::from(c.label.as_str()));
    m.insert(
        "files".into(),
        Value::array(
            c.files
                .iter()
                .map(|f| f.to_liquid(site.config.timezone))
                .collect(),
        ),
    );
    m.insert("docs".into(), Value::array(docs.to_vec()));
    m.insert("output".into(), Value::Bool(c.write));
    m.insert(
        "relative_directory".into(),
        Value::from(c.relative_directory.as_str()),
    );
    m.insert(
        "directory".into(),
        Value::from(
            site.config
                .source
                .join(&c.relative_directory)
                .to_string_lossy()
                .into_owned(),
        ),
    );
    for (k, v) in &c.metadata {
        m.entry(k.clone()).or_insert_with(|| v.clone());
    }
    m.insert(
        hyde_liquid::DROP_CLASS_KEY.into(),
        Value::str(hyde_liquid::COLLECTION_DROP),
    );
    Value::hash(m)
}

/// `site.categories` / `site.tags`: name → posts, newest first.
fn posts_by(posts: &Collection, values: &[Value], key: &str) -> Value {
    let mut groups: Map = Map::new();
    let mut lists: Vec<Vec<Value>> = Vec::new();
    for (doc, value) in posts.docs.iter().zip(values) {
        let Some(Value::Array(names)) = doc.data.get(key) else {
            continue;
        };
        for (n, name) in names.iter().enumerate() {
            // Ruby keys `2024` and `"2024"` apart; these keys are strings,
            // so the document is listed once under both.
            let other_type = |earlier: &Value| {
                earlier.type_name() != name.type_name() && to_s(earlier) == to_s(name)
            };
            if names[..n].iter().any(other_type) {
                continue;
            }
            let name = to_s(name);
            match groups.get_index_of(name.as_str()) {
                Some(i) => lists[i].push(value.clone()),
                None => {
                    groups.insert(name.into(), Value::Nil);
                    lists.push(vec![value.clone()]);
                }
            }
        }
    }
    for (i, (_, slot)) in groups.iter_mut().enumerate() {
        let mut list = std::mem::take(&mut lists[i]);
        list.reverse();
        *slot = Value::array(list);
    }
    Value::hash(groups)
}

/// `jekyll`: version and environment.
pub fn jekyll_value() -> Value {
    let mut m = Map::new();
    m.insert("version".into(), Value::from(crate::JEKYLL_VERSION));
    let env = crate::utils::jekyll_env();
    m.insert("environment".into(), Value::from(env));
    m.insert(
        hyde_liquid::DROP_CLASS_KEY.into(),
        Value::str("Jekyll::Drops::JekyllDrop"),
    );
    Value::hash(m)
}
