//! Collections (`collections:` in `_config.yml`, `posts` always among them)
//! and the reading of their documents.

use std::cmp::Ordering;
use std::path::Path;

use hyde_liquid::{Map, Value};

use crate::config::{deep_merge, Configuration};
use crate::document::Document;
use crate::reader::Reader;
use crate::static_file::StaticFile;
use crate::url::{add_permalink_suffix, document_url};
use crate::utils::{titleize_slug, to_s, value_to_time};

#[derive(Debug, Clone)]
pub struct Collection {
    pub label: String,
    /// `_label`, under `collections_dir` when one is set.
    pub relative_directory: String,
    /// The collection's configuration hash (`output`, `permalink`, …).
    pub metadata: Map,
    pub docs: Vec<Document>,
    /// Files without front matter inside the collection folder.
    pub files: Vec<StaticFile>,
    /// `output: true`.
    pub write: bool,
    pub url_template: String,
}

impl Collection {
    pub fn new(label: &str, metadata: Map, config: &Configuration) -> Collection {
        let cd = config.collections_dir();
        let relative_directory = if cd.is_empty() {
            format!("_{label}")
        } else {
            format!("{cd}/_{label}")
        };
        let style = config.str("permalink").unwrap_or("date").to_string();
        let url_template = metadata
            .get("permalink")
            .filter(|v| !v.is_nil())
            .map(to_s)
            .unwrap_or_else(|| add_permalink_suffix("/:collection/:path", &style));
        Collection {
            label: label.to_string(),
            relative_directory,
            write: metadata.get("output").is_some_and(Value::is_truthy),
            metadata,
            docs: Vec::new(),
            files: Vec::new(),
            url_template,
        }
    }

    /// `Collection#sort_docs!`: `order:` list, `sort_by:` key, or date then path.
    pub fn sort_docs(&mut self, warnings: &mut Vec<String>) {
        if let Some(Value::Array(order)) = self.metadata.get("order") {
            self.docs.sort_by(compare_docs);
            let mut ordered = Vec::with_capacity(self.docs.len());
            let mut rest = std::mem::take(&mut self.docs);
            for entry in order.iter() {
                let path = format!(
                    "{}/{}",
                    self.relative_directory.rsplit('/').next().unwrap_or(""),
                    to_s(entry)
                );
                if let Some(i) = rest.iter().position(|d| d.relative_path == path) {
                    ordered.push(rest.remove(i));
                }
            }
            ordered.extend(rest);
            self.docs = ordered;
        } else if let Some(Value::Str(key)) = self.metadata.get("sort_by") {
            let key = key.to_string();
            self.docs.sort_by(|a, b| {
                let (x, y) = (
                    a.data.get(key.as_str()).filter(|v| !v.is_nil()),
                    b.data.get(key.as_str()).filter(|v| !v.is_nil()),
                );
                let order = match (x, y) {
                    (None, Some(_)) => Some(Ordering::Greater),
                    (Some(_), None) => Some(Ordering::Less),
                    (Some(x), Some(y)) => ruby_cmp(x, y),
                    (None, None) => None,
                };
                match order {
                    Some(o) if o != Ordering::Equal => o,
                    _ => compare_docs(a, b),
                }
            });
            for d in &self.docs {
                if d.data.get(key.as_str()).is_none_or(Value::is_nil) {
                    warnings.push(format!(
                        "Sort warning: '{key}' not defined in {}",
                        d.relative_path
                    ));
                }
            }
        } else {
            self.docs.sort_by(compare_docs);
        }
    }
}

/// `Document#<=>`: by the date in the data, then by path. A document whose
/// data has no date (a draft, an undated collection file) compares by path.
pub fn compare_docs(a: &Document, b: &Document) -> Ordering {
    let date = |d: &Document| match d.data.get("date") {
        Some(Value::Time(t)) => Some(*t),
        _ => None,
    };
    // Ruby compares the paths as strings, byte by byte: `a-b/` sorts before
    // `a/`, which a component-wise `Path` comparison gets the other way.
    let path = || {
        a.path
            .as_os_str()
            .as_encoded_bytes()
            .cmp(b.path.as_os_str().as_encoded_bytes())
    };
    match (date(a), date(b)) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(path),
        _ => path(),
    }
}

/// Ruby's `<=>` between two front matter values of comparable types.
pub fn ruby_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Int(x), Value::Float(y)) => (*x as f64).partial_cmp(y),
        (Value::Float(x), Value::Int(y)) => x.partial_cmp(&(*y as f64)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Str(x), Value::Str(y)) => Some(x.as_bytes().cmp(y.as_bytes())),
        (Value::Time(x), Value::Time(y)) => Some(x.cmp(y)),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) if x == y => Some(Ordering::Equal),
        _ => None,
    }
}

/// `DATE_FILENAME_MATCHER` on a file name: (date, slug, ext).
pub fn date_filename(name: &str) -> Option<(&str, &str, &str)> {
    let dot = name.rfind('.')?;
    if dot == 0 || dot + 1 == name.len() {
        return None;
    }
    let (stem, ext) = (&name[..dot], &name[dot..]);
    // \d{2,4}-\d{1,2}-\d{1,2}-
    let mut parts = stem.splitn(4, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let slug = parts.next()?;
    let all_digits = |s: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(all_digits(y, 2, 4) && all_digits(m, 1, 2) && all_digits(d, 1, 2)) {
        return None;
    }
    Some((&stem[..y.len() + m.len() + d.len() + 2], slug, ext))
}

/// Reads one document (`Document#read`): defaults, front matter, and the
/// data Jekyll derives, from a file and its bytes, read by the caller.
/// `Ok(None)` when Jekyll would skip the file.
pub(crate) fn read_document(
    reader: &Reader<'_>,
    (path, bytes): (&Path, Vec<u8>),
    relative_path: &str,
    label: &str,
    collection_dir: &str,
    draft: bool,
    warnings: &mut Vec<String>,
) -> anyhow::Result<Option<Document>> {
    let config = reader.config;
    let zone = config.timezone;
    let file_name = relative_path.rsplit('/').next().unwrap_or(relative_path);
    let extname = crate::utils::extname(file_name).to_string();

    // Categories from the folders above `_posts`/`_drafts`.
    let special = if draft { "_drafts" } else { collection_dir };
    // `Document#draft?` runs first and records itself in the data.
    let mut data = Map::new();
    data.insert("draft".into(), Value::Bool(draft));
    let path_categories: Vec<Value> = if label == "posts" && !relative_path.starts_with(special) {
        let above = relative_path
            .find(special)
            .map_or("", |i| &relative_path[..i]);
        above
            .split('/')
            .filter(|c| !c.is_empty() && *c != special && *c != file_name)
            .map(Value::from)
            .collect()
    } else {
        Vec::new()
    };
    data.insert("categories".into(), Value::array(path_categories));

    let defaults = reader.defaults.all(relative_path, Some(label));
    merge_data(&mut data, &defaults, zone);
    let parsed = reader.parse_bytes_quietly(path, bytes)?;
    warnings.extend(parsed.warning.clone());
    merge_data(&mut data, &parsed.data, zone);

    // A front matter error stops Jekyll's read before `read_post_data`.
    if !parsed.yaml_error {
        read_post_data(&mut data, file_name, &extname, reader.time, zone);
        warn_split_categories(&data, relative_path, warnings);
    }

    let date = match data.get("date") {
        Some(Value::Time(t)) => *t,
        _ if draft => {
            let mtime: chrono::DateTime<chrono::Utc> = std::fs::metadata(path)?.modified()?.into();
            crate::yaml::in_zone(mtime, zone)
        }
        _ => reader.time,
    };

    let separator = crate::excerpt::separator(data.get("excerpt_separator"), config);
    let excerpt_source =
        if data.contains_key("excerpt") || separator.is_empty() || parsed.yaml_error {
            None
        } else {
            Some(crate::excerpt::extract(
                &parsed.content,
                &separator,
                relative_path,
                warnings,
            ))
        };

    let output_ext = crate::converters::output_ext_for(&extname, data.get("permalink"), config);
    let mut doc = Document {
        collection: label.to_string(),
        collection_dir: collection_dir.to_string(),
        path: path.to_path_buf(),
        relative_path: relative_path.to_string(),
        extname,
        data,
        content: parsed.content.into(),
        content_line: parsed.content_line,
        date,
        draft,
        url: String::new(),
        output_ext,
        excerpt_source,
        write: true,
    };
    let template = config
        .get("collections")
        .and_then(|c| c.get(label))
        .and_then(|m| m.get("permalink"))
        .filter(|v| !v.is_nil())
        .map(to_s)
        .unwrap_or_else(|| {
            add_permalink_suffix(
                "/:collection/:path",
                config.str("permalink").unwrap_or("date"),
            )
        });
    let permalink = doc.data.get("permalink").filter(|v| !v.is_nil()).map(to_s);
    doc.url = document_url(&template, permalink.as_deref(), &doc.placeholders())
        .map_err(|e| anyhow::anyhow!("{}: {e}", doc.relative_path))?;
    Ok(Some(doc))
}

/// `Document#read_post_data`: title, slug and date from the file name, then
/// categories and tags.
fn read_post_data(
    data: &mut Map,
    file_name: &str,
    extname: &str,
    site_time: chrono::DateTime<chrono::FixedOffset>,
    zone: Option<chrono_tz::Tz>,
) {
    // populate_title: the date and slug in the file name.
    let (slug, ext) = match date_filename(file_name) {
        Some((date, slug, ext)) => {
            let date_is_unset = data.get("date").is_none_or(|d| match d {
                Value::Time(t) => t.timestamp() == site_time.timestamp(),
                other => !other.is_truthy(),
            });
            if date_is_unset {
                if let Some(t) = crate::utils::parse_time(date, zone) {
                    data.insert("date".into(), Value::Time(t));
                }
            }
            (slug.to_string(), ext.to_string())
        }
        None => {
            let stem = file_name.strip_suffix(&extname).unwrap_or(file_name);
            (stem.to_string(), extname.to_string())
        }
    };
    let slug = slug.trim_end_matches('.').to_string();
    if data.get("title").is_none_or(|v| !v.is_truthy()) {
        data.insert("title".into(), Value::from(titleize_slug(&slug)));
    }
    if data.get("slug").is_none_or(|v| !v.is_truthy()) {
        data.insert("slug".into(), Value::from(slug));
    }
    if data.get("ext").is_none_or(|v| !v.is_truthy()) {
        data.insert("ext".into(), Value::from(ext));
    }
    populate_categories(data);
    populate_tags(data);
}

/// `Document#merge_data!`: categories are unioned, hashes deep-merged, and
/// a date becomes a Time.
fn merge_data(data: &mut Map, other: &Map, zone: Option<chrono_tz::Tz>) {
    // Categories add to those already there; the rest is a deep merge.
    let categories = other.get("categories").filter(|v| !v.is_nil()).map(|cats| {
        let new: Vec<Value> = match cats {
            Value::Str(s) => s.split_whitespace().map(Value::from).collect(),
            Value::Array(a) => (**a).clone(),
            other => vec![other.clone()],
        };
        match data.get("categories") {
            Some(Value::Array(old)) => union(old, &new),
            _ => new,
        }
    });
    deep_merge(data, other);
    if let Some(merged) = categories {
        data.insert("categories".into(), Value::array(merged));
    }
    if let Some(d) = data.get("date").filter(|v| !v.is_nil()) {
        if let Some(t) = value_to_time(d, zone) {
            data.insert("date".into(), Value::Time(t));
        }
    }
}

fn union(a: &[Value], b: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in a.iter().chain(b) {
        if !out
            .iter()
            .any(|o| to_s(o) == to_s(v) && o.type_name() == v.type_name())
        {
            out.push(v.clone());
        }
    }
    out
}

/// `Document#populate_categories`: `Array(categories)` and the pluralized
/// `category`/`categories`, each as Ruby's `to_s` writes it (an array
/// inside as `inspect`), unique. Merged as Jekyll merges categories: a
/// union with the list already there, whose items stay as they were, so
/// `[2024, news]` becomes `[2024, "news", "2024"]`.
fn populate_categories(data: &mut Map) {
    let given: Vec<Value> = match data.get("categories") {
        Some(Value::Array(a)) => a.to_vec(),
        Some(Value::Nil) | None => Vec::new(),
        Some(other) => vec![other.clone()],
    };
    let pluralized = pluralized(data, "category", "categories");
    let strings = given.iter().chain(&pluralized).map(|c| match c {
        Value::Array(_) | Value::Hash(_) => Value::from(c.inspect()),
        other => Value::from(to_s(other)),
    });
    // Ruby's `eql?`: `1` and `"1"`, or `1` and `1.0`, differ.
    let eql = |a: &Value, b: &Value| a.type_name() == b.type_name() && a.liquid_eq(b);
    let kept = matches!(data.get("categories"), Some(Value::Array(_)));
    let mut out: Vec<Value> = Vec::new();
    for c in given.iter().filter(|_| kept).cloned().chain(strings) {
        if !out.iter().any(|o| eql(o, &c)) {
            out.push(c);
        }
    }
    data.insert("categories".into(), Value::array(out));
}

/// A category that is not a string (`2024`) is there twice once merged,
/// as itself and as text: Jekyll lists the document under both keys of
/// `site.categories`, which hyde's string keys cannot hold apart.
fn warn_split_categories(data: &Map, relative_path: &str, warnings: &mut Vec<String>) {
    let Some(Value::Array(cats)) = data.get("categories") else {
        return;
    };
    let split = cats.iter().find(|c| {
        !matches!(c, Value::Str(_))
            && cats
                .iter()
                .any(|o| matches!(o, Value::Str(_)) && to_s(o) == to_s(c))
    });
    if let Some(c) = split {
        warnings.push(format!(
            "{relative_path}: category {} ({}) is not text: Jekyll lists the document under \
             two keys of site.categories, {} and {:?}; hyde under {:?} only.",
            c.inspect(),
            c.type_name(),
            c.inspect(),
            to_s(c),
            to_s(c),
        ));
    }
}

fn populate_tags(data: &mut Map) {
    let tags = pluralized(data, "tag", "tags");
    data.insert("tags".into(), Value::array(tags));
}

/// `Utils.pluralized_array_from_hash`: the singular key's value, unless
/// it is nil or false (Ruby's `||=`), else the plural one's (a string is
/// split on whitespace), flattened, without nils.
fn pluralized(data: &Map, singular: &str, plural: &str) -> Vec<Value> {
    let mut out = Vec::new();
    match data.get(singular).filter(|v| v.is_truthy()) {
        Some(v) => flatten_into(v, &mut out),
        None => match data.get(plural) {
            Some(Value::Str(s)) => out.extend(s.split_whitespace().map(Value::from)),
            Some(v @ Value::Array(_)) => flatten_into(v, &mut out),
            _ => {}
        },
    }
    out
}

/// `Array#flatten.compact` of `v`, onto `out`.
fn flatten_into(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| flatten_into(x, out)),
        Value::Nil => {}
        other => out.push(other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_file_names() {
        assert_eq!(
            date_filename("2020-01-02-hello-world.md"),
            Some(("2020-01-02", "hello-world", ".md"))
        );
        assert_eq!(
            date_filename("20-1-2-x.markdown"),
            Some(("20-1-2", "x", ".markdown"))
        );
        assert_eq!(date_filename("hello.md"), None);
        assert_eq!(date_filename("2020-01-02.md"), None);
    }
}
