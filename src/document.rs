//! Documents: files of a collection, posts and drafts included.

use std::path::PathBuf;

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use hyde_liquid::{Map, Value};

use crate::url::Placeholders;
use crate::utils::{slugify, to_s, SlugMode};

#[derive(Debug, Clone)]
pub struct Document {
    /// The collection label (`posts`, `publications`, …).
    pub collection: String,
    /// The collection's folder relative to the source (`_posts`, `docs/_faq`).
    pub collection_dir: String,
    /// Absolute source path.
    pub path: PathBuf,
    /// Source-relative path (`_posts/2020-01-01-a.md`).
    pub relative_path: String,
    /// Extension with the dot (`.md`).
    pub extname: String,
    /// Front matter over defaults, plus what Jekyll derives (title, slug,
    /// date, categories, tags, ext, draft).
    pub data: Map,
    /// Shared with every payload that shows the source (`page.content`
    /// before rendering): a payload holding a copy per document was a
    /// sixth of a build's page faults.
    pub content: std::sync::Arc<str>,
    pub content_line: usize,
    pub date: DateTime<FixedOffset>,
    pub draft: bool,
    pub url: String,
    pub output_ext: String,
    /// The generated excerpt's source text, when front matter sets none.
    pub excerpt_source: Option<String>,
    /// Whether an output file is written (collection `output` and publishable).
    pub write: bool,
}

impl Document {
    /// The file name (`2020-01-01-a.md`).
    pub fn basename(&self) -> &str {
        self.relative_path
            .rsplit('/')
            .next()
            .unwrap_or(&self.relative_path)
    }

    pub fn basename_without_ext(&self) -> &str {
        let b = self.basename();
        match b.rfind('.') {
            Some(i) if i > 0 => &b[..i],
            _ => b,
        }
    }

    /// `relative_path` without extension and collection folder, trailing
    /// dots removed (`:path` in permalinks).
    pub fn cleaned_relative_path(&self) -> String {
        let without_ext = &self.relative_path[..self.relative_path.len() - self.extname.len()];
        let stripped = without_ext.replacen(&self.collection_dir, "", 1);
        stripped.trim_end_matches('.').to_string()
    }

    /// `Document#id`: the URL's directory plus the slug.
    pub fn id(&self) -> String {
        // Ruby's File.dirname ignores a trailing slash.
        let trimmed = self.url.trim_end_matches('/');
        let dir = match trimmed.rfind('/') {
            Some(0) | None => "/",
            Some(i) => &trimmed[..i],
        };
        // Built in one string: every document's payload has its id.
        let owned;
        let slug = match self.data.get("slug") {
            Some(v) => match v.as_str() {
                Some(s) => s,
                None => {
                    owned = to_s(v);
                    &owned
                }
            },
            None => self.basename_without_ext(),
        };
        let mut id = String::with_capacity(dir.len() + slug.len() + 1);
        id.push_str(dir);
        if !dir.ends_with('/') {
            id.push('/');
        }
        id.push_str(slug);
        id
    }

    pub fn placeholders(&self) -> DocumentPlaceholders<'_> {
        DocumentPlaceholders { doc: self }
    }

    /// The destination-relative path the document is written to.
    pub fn output_path(&self) -> String {
        crate::url::output_path(&self.url, &self.output_ext, false)
    }

    /// `layout: none` or asset files are not placed in layouts.
    pub fn place_in_layout(&self) -> bool {
        let asset = matches!(self.extname.as_str(), ".sass" | ".scss" | ".coffee");
        !(asset
            || matches!(self.extname.as_str(), ".yml" | ".yaml")
            || self.data.get("layout").and_then(Value::as_str) == Some("none"))
    }
}

/// Jekyll's `UrlDrop`: the values a document's permalink can use.
pub struct DocumentPlaceholders<'a> {
    doc: &'a Document,
}

impl Placeholders for DocumentPlaceholders<'_> {
    fn get(&self, key: &str) -> Option<String> {
        let d = self.doc;
        let date = |f: &str| d.date.format(f).to_string();
        let slug_source = || d.data.get("slug").filter(|v| !v.is_nil()).map(to_s);
        let (t, two) = (&d.date, |n: u32| padded(n, 2));
        Some(match key {
            "output_ext" => d.output_ext.clone(),
            "path" => d.cleaned_relative_path(),
            "collection" => d.collection.clone(),
            "name" => slugify(d.basename_without_ext(), SlugMode::Default, false),
            "title" => slugify(
                slug_source().as_deref().unwrap_or(d.basename_without_ext()),
                SlugMode::Pretty,
                true,
            ),
            "slug" => slugify(
                slug_source().as_deref().unwrap_or(d.basename_without_ext()),
                SlugMode::Default,
                false,
            ),
            "categories" => unique(
                categories(&d.data)
                    .iter()
                    .map(|c| hyde_liquid::filters::downcase(c)),
            )
            .join("/"),
            "slugified_categories" => unique(
                categories(&d.data)
                    .iter()
                    .map(|c| slugify(c, SlugMode::Default, false)),
            )
            .join("/"),
            // The common fields directly: strftime parsing costs more than
            // the rest of a permalink.
            "year" if (0..=9999).contains(&t.year()) => padded(t.year() as u32, 4),
            "month" => two(t.month()),
            "day" => two(t.day()),
            "hour" => two(t.hour()),
            "minute" => two(t.minute()),
            "second" => two(t.second()),
            "i_day" => t.day().to_string(),
            "i_month" => t.month().to_string(),
            "year" => date("%Y"),
            "short_month" => date("%b"),
            "long_month" => date("%B"),
            "short_year" => date("%y"),
            "w_year" => date("%G"),
            "week" => date("%V"),
            "w_day" => date("%u"),
            "short_day" => date("%a"),
            "long_day" => date("%A"),
            "y_day" => date("%j"),
            _ => return None,
        })
    }
}

/// `n`'s last `width` digits, zero-padded: `format!("{n:02}")` cost ~430
/// instructions, for each of a permalink's date fields.
fn padded(n: u32, width: u32) -> String {
    (0..width)
        .rev()
        .map(|i| char::from(b'0' + (n / 10u32.pow(i) % 10) as u8))
        .collect()
}

fn categories(data: &Map) -> Vec<String> {
    match data.get("categories") {
        Some(Value::Array(a)) => a.iter().map(to_s).collect(),
        Some(Value::Nil) | None => Vec::new(),
        Some(other) => vec![to_s(other)],
    }
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}
