//! Static files: copied byte for byte, listed in `site.static_files`.

use std::path::PathBuf;
use std::time::SystemTime;

use hyde_liquid::{Map, Value};

#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Absolute source path.
    pub path: PathBuf,
    /// `/dir/name.ext`, as `file.path` shows it.
    pub relative_path: String,
    pub name: String,
    pub extname: String,
    /// The collection label for files inside a collection folder.
    pub collection: Option<String>,
    pub url: String,
    pub modified_time: SystemTime,
    /// Front matter defaults that apply to the file.
    pub defaults: Map,
    /// Whether the file is copied to the destination.
    pub write: bool,
}

impl StaticFile {
    /// `basename` without extension or trailing dots.
    pub fn basename(&self) -> String {
        let stem = self.name.strip_suffix(&self.extname).unwrap_or(&self.name);
        stem.trim_end_matches('.').to_string()
    }

    /// The destination-relative path the file is copied to.
    pub fn output_path(&self) -> String {
        crate::url::confine(&crate::url::unescape_path(&self.url)).into_owned()
    }

    /// `StaticFileDrop`, as `site.static_files` lists it.
    pub fn to_liquid(&self, zone: Option<chrono_tz::Tz>) -> Value {
        // The drop's keys in its order; it has no `url` (the file's
        // defaults may give one).
        let mut m = Map::new();
        m.insert("name".into(), Value::from(self.name.as_str()));
        m.insert("basename".into(), Value::from(self.basename()));
        m.insert("extname".into(), Value::from(self.extname.as_str()));
        m.insert("path".into(), Value::from(self.relative_path.as_str()));
        m.insert(
            "collection".into(),
            self.collection
                .as_deref()
                .map(Value::from)
                .unwrap_or_default(),
        );
        let mtime: chrono::DateTime<chrono::Utc> = self.modified_time.into();
        m.insert(
            "modified_time".into(),
            Value::Time(crate::yaml::in_zone(mtime, zone)),
        );
        for (k, v) in &self.defaults {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
        m.insert(
            hyde_liquid::DROP_CLASS_KEY.into(),
            Value::str("Jekyll::Drops::StaticFileDrop"),
        );
        Value::hash(m)
    }
}

/// `StaticFile#initialize` plus its URL: the source path for plain files,
/// the collection's permalink template for files inside a collection.
pub(crate) fn build(
    reader: &crate::reader::Reader<'_>,
    dir: &str,
    name: &str,
    path: PathBuf,
    collection: Option<&crate::collection::Collection>,
    write: bool,
    modified_time: SystemTime,
) -> StaticFile {
    let extname = crate::utils::extname(name).to_string();
    let relative_path = match collection {
        Some(c) => format!("{}{dir}/{name}", c.relative_directory),
        None => format!("{dir}/{name}"),
    };
    let cleaned = relative_path[..relative_path.len() - extname.len()]
        .trim_end_matches('.')
        .to_string();
    let url = match collection {
        None => cleaned.clone(),
        Some(c) => {
            let path = cleaned.replacen(&c.relative_directory, "", 1);
            let stem = name[..name.len() - extname.len()].trim_end_matches('.');
            crate::url::page_url(
                &c.url_template,
                None,
                &[
                    ("collection", Some(&c.label)),
                    ("path", Some(&path)),
                    ("output_ext", Some("")),
                    ("name", Some(stem)),
                    ("title", Some("")),
                ],
            )
        }
    };
    let url = format!("{}{extname}", url.strip_suffix('/').unwrap_or(&url));
    let kind = collection.map(|c| c.label.as_str());
    let defaults = reader
        .defaults
        .all(relative_path.trim_start_matches('/'), kind);
    let published = crate::utils::not_false(defaults.get("published"));
    StaticFile {
        path,
        relative_path,
        name: name.to_string(),
        extname,
        collection: collection.map(|c| c.label.clone()),
        url,
        modified_time,
        defaults,
        write: write && published,
    }
}
