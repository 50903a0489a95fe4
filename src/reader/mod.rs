//! Reading the source tree into the site model, classified as Jekyll's
//! `Reader` classifies it: layouts, pages, static files, posts and drafts,
//! collections and data.

pub mod data;
pub mod entry_filter;
pub mod front_matter;
mod walk;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use rayon::prelude::*;

use anyhow::{Context, Result};
use hyde_liquid::{Map, Value};

use crate::collection::Collection;
use crate::config::Configuration;
use crate::defaults::FrontmatterDefaults;
use crate::diagnostics::SourceError;
use crate::document::Document;
use crate::layout::Layout;
use crate::page::Page;
use crate::static_file::StaticFile;
use crate::yaml;

pub use entry_filter::EntryFilter;
use walk::{read_file, read_if_front_matter};
pub(crate) use walk::{walk_files, warn_skipped_symlink};

/// Everything read from the source, before rendering.
#[derive(Debug, Default)]
pub struct SiteSource {
    pub layouts: HashMap<String, Layout>,
    pub pages: Vec<Page>,
    pub static_files: Vec<StaticFile>,
    /// Collections in configuration order, `posts` first.
    pub collections: Vec<Collection>,
    pub data: Map,
    /// Warnings Jekyll would print while reading.
    pub warnings: Vec<String>,
}

/// What the reader needs besides the configuration.
pub struct Reader<'a> {
    pub config: &'a Configuration,
    pub defaults: &'a FrontmatterDefaults,
    pub filter: EntryFilter,
    /// `site.time`: the date of undated documents and the "future" line.
    pub time: chrono::DateTime<chrono::FixedOffset>,
    /// Warnings raised while parsing pages, layouts and theme files
    /// (documents, read in parallel, carry theirs back in order instead).
    pub(crate) warnings: std::sync::Mutex<Vec<String>>,
    /// The source folder, that files under it are opened from.
    source: crate::dir::Dir,
}

/// A file read as text and split into front matter and content.
pub(crate) struct Parsed {
    pub data: Map,
    pub content: String,
    pub content_line: usize,
    /// The front matter did not parse (the file is still read, as Jekyll does).
    pub yaml_error: bool,
    /// What to warn about this file (bad YAML, invalid UTF-8), left to the
    /// caller so that files read in parallel warn in order.
    pub warning: Option<String>,
}

impl<'a> Reader<'a> {
    pub fn new(
        config: &'a Configuration,
        defaults: &'a FrontmatterDefaults,
        time: chrono::DateTime<chrono::FixedOffset>,
    ) -> Reader<'a> {
        Reader {
            config,
            defaults,
            filter: {
                let f = EntryFilter::new(config.list("include"), config.list("exclude"));
                if config.bool("safe") {
                    f.safe(&config.source)
                } else {
                    f
                }
            },
            time,
            warnings: Default::default(),
            source: crate::dir::Dir::open(&config.source),
        }
    }

    pub fn read(&self) -> Result<SiteSource> {
        let theme = crate::theme::Theme::for_config(self.config)?;
        let configs = self.collection_configs();
        // The site's folders (posts among them) and the other collections
        // are read side by side: each is parallel inside, but each also has
        // a serial walk and tail that would leave a core idle. What each
        // adds to the site is merged after, in Jekyll's order.
        let (site_part, collection_parts) = rayon::join(
            || -> Result<(SiteSource, Vec<Document>)> {
                let mut site = SiteSource {
                    layouts: self.read_layouts(theme.as_ref())?,
                    ..Default::default()
                };
                let mut posts = Vec::new();
                self.read_directory("", &mut site, &mut posts)?;
                site.pages.sort_by(|a, b| a.name.cmp(&b.name));
                site.static_files
                    .sort_by(|a, b| a.relative_path.cmp(&b.relative_path));
                Ok((site, posts))
            },
            || {
                configs
                    .iter()
                    .filter(|(label, _)| label != "posts")
                    .map(|(label, metadata)| {
                        let mut collection = Collection::new(label, metadata.clone(), self.config);
                        let mut part = SiteSource::default();
                        let walk_warnings = std::sync::Mutex::new(Vec::new());
                        let read = self.read_collection(&mut collection, &mut part, &walk_warnings);
                        let walk_warnings = walk_warnings
                            .into_inner()
                            .unwrap_or_else(|e| e.into_inner());
                        read.map(|()| (collection, part, walk_warnings))
                    })
                    .collect::<Vec<_>>()
            },
        );
        let (mut site, mut posts) = site_part?;
        let mut collection_parts = collection_parts.into_iter();
        for (label, metadata) in configs {
            if label == "posts" {
                let mut collection = Collection::new(&label, metadata, self.config);
                collection.docs = std::mem::take(&mut posts);
                collection.sort_docs(&mut site.warnings);
                self.limit_posts(&mut collection);
                site.collections.push(collection);
                continue;
            }
            let Some(part) = collection_parts.next() else {
                continue;
            };
            let (collection, mut part, mut walk_warnings) = part?;
            site.warnings.append(&mut part.warnings);
            site.static_files.append(&mut part.static_files);
            self.warnings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .append(&mut walk_warnings);
            site.collections.push(collection);
        }
        site.data = data::read_data(
            &self.config.dir("data_dir", "_data"),
            self.config,
            &self.filter,
            &self.warnings,
        )?;
        if let Some(theme) = &theme {
            self.read_theme(theme, &mut site)?;
        }
        site.warnings
            .append(&mut self.warnings.lock().unwrap_or_else(|e| e.into_inner()));
        Ok(site)
    }

    fn collection_configs(&self) -> Vec<(String, Map)> {
        let Some(Value::Hash(cols)) = self.config.get("collections") else {
            return Vec::new();
        };
        cols.iter()
            .map(|(label, meta)| {
                let label: String = label
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || "_-.".contains(*c))
                    .collect();
                (label, meta.as_hash().cloned().unwrap_or_default())
            })
            .collect()
    }

    fn limit_posts(&self, posts: &mut Collection) {
        let limit = self.config.int("limit_posts").unwrap_or(0);
        if limit > 0 && (limit as usize) < posts.docs.len() {
            let start = posts.docs.len() - limit as usize;
            posts.docs.drain(..start);
        }
    }

    /// `LayoutReader`: every `_layouts/**/*.*`, named by path without
    /// extension; then the theme's, where the site has no layout of that name.
    fn read_layouts(&self, theme: Option<&crate::theme::Theme>) -> Result<HashMap<String, Layout>> {
        let site_dir = self.config.dir("layouts_dir", "_layouts");
        let theme_dir = theme.and_then(|t| t.layouts_path());
        let mut layouts = HashMap::new();
        for dir in std::iter::once(site_dir).chain(theme_dir) {
            // `Dir["**/*.*"]`, filtered as if the names were at the source root.
            for rel in walk_files(&dir, &self.filter, "", false, &self.warnings)? {
                let file_name = rel.rsplit('/').next().unwrap_or(&rel);
                if !file_name.contains('.') {
                    continue;
                }
                let Some(dot) = rel.rfind('.') else { continue };
                let name = rel[..dot].to_string();
                let path = dir.join(&rel);
                let relative_path = path
                    .strip_prefix(&self.config.source)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                if layouts.contains_key(&name) {
                    continue;
                }
                let parsed = self.parse_file(&path)?;
                layouts.insert(
                    name.clone(),
                    Layout {
                        name,
                        path,
                        relative_path,
                        data: parsed.data,
                        content: parsed.content,
                        content_line: parsed.content_line,
                    },
                );
            }
        }
        Ok(layouts)
    }

    /// `Reader#read_directories`: one folder, then its subfolders in order.
    fn read_directory(
        &self,
        dir: &str,
        site: &mut SiteSource,
        posts: &mut Vec<Document>,
    ) -> Result<()> {
        let base = self.config.source.join(dir.trim_start_matches('/'));
        let mut entries: Vec<(String, bool)> = Vec::new();
        for entry in
            fs::read_dir(&base).with_context(|| format!("reading directory {}", base.display()))?
        {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.path().is_dir();
            if self.filter.rejects(dir, &name, is_dir) {
                continue;
            }
            if self.filter.unsafe_symlink(&entry.path()) {
                warn_skipped_symlink(&self.warnings, &entry.path());
                continue;
            }
            entries.push((name, is_dir));
        }
        entries.sort();

        self.read_posts(dir, "_posts", posts, site)?;
        if self.config.bool("show_drafts") {
            self.read_posts(dir, "_drafts", posts, site)?;
        }
        let mut page_names = Vec::new();
        let mut static_names = Vec::new();
        for (name, is_dir) in &entries {
            let path = base.join(name);
            if *is_dir {
                continue;
            }
            if let Some(bytes) = read_if_front_matter(&self.source, &path)? {
                page_names.push((name.clone(), bytes));
            } else {
                static_names.push(name.clone());
            }
        }
        for (name, is_dir) in &entries {
            if *is_dir && base.join(name) != self.config.destination {
                self.read_directory(&format!("{dir}/{name}"), site, posts)?;
            }
        }
        for (name, bytes) in page_names {
            if let Some(page) = self.read_page(dir, &name, bytes)? {
                site.pages.push(page);
            }
        }
        for name in static_names {
            site.static_files
                .push(self.static_file(dir, &name, None, true)?);
        }
        Ok(())
    }

    /// A page whose file, `bytes`, is read already.
    fn read_page(&self, dir: &str, name: &str, bytes: Vec<u8>) -> Result<Option<Page>> {
        let path = self
            .config
            .source
            .join(dir.trim_start_matches('/'))
            .join(name);
        let parsed = self.parse_bytes(&path, bytes)?;
        let relative_path = format!("{dir}/{name}").trim_start_matches('/').to_string();
        let defaults = self.defaults.all(&relative_path, Some("pages"));
        let page = crate::page::build(self.config, dir, name, path, parsed, defaults)?;
        let published = crate::utils::not_false(page.get("published"));
        Ok((published || self.config.bool("unpublished")).then_some(page))
    }

    fn static_file(
        &self,
        dir: &str,
        name: &str,
        collection: Option<&Collection>,
        write: bool,
    ) -> Result<StaticFile> {
        let path = match collection {
            Some(c) => self
                .config
                .source
                .join(&c.relative_directory)
                .join(dir.trim_start_matches('/'))
                .join(name),
            None => self
                .config
                .source
                .join(dir.trim_start_matches('/'))
                .join(name),
        };
        let modified_time = fs::metadata(&path)
            .and_then(|m| m.modified())
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(crate::static_file::build(
            self,
            dir,
            name,
            path,
            collection,
            write,
            modified_time,
        ))
    }

    /// `PostReader`: `DIR/_posts/**` (dated names) or `DIR/_drafts/**`.
    fn read_posts(
        &self,
        dir: &str,
        magic: &str,
        posts: &mut Vec<Document>,
        site: &mut SiteSource,
    ) -> Result<()> {
        let cd = self.config.collections_dir();
        if !cd.is_empty() && !dir.starts_with(&format!("/{cd}")) {
            return Ok(());
        }
        let base = self
            .config
            .source
            .join(dir.trim_start_matches('/'))
            .join(magic);
        if !base.is_dir() {
            return Ok(());
        }
        let posts_dir = match cd {
            "" => "_posts".to_string(),
            cd => format!("{cd}/_posts"),
        };
        let rel_base = format!("{dir}/{magic}").trim_start_matches('/').to_string();
        let draft = magic == "_drafts";
        let candidates: Vec<String> =
            walk_files(&base, &self.filter, &rel_base, false, &self.warnings)?
                .into_iter()
                .filter(|rel| {
                    let file_name = rel.rsplit('/').next().unwrap_or(rel);
                    (draft || crate::collection::date_filename(file_name).is_some())
                        && file_name.contains('.')
                        && !file_name.starts_with('.')
                })
                .collect();
        // Reading is a pure function of the file: do it in parallel, then
        // filter in order so warnings and document order stay Jekyll's.
        let read: Vec<_> = candidates
            .par_iter()
            .map(|rel| {
                let mut warnings = Vec::new();
                let path = base.join(rel);
                let doc = read_file(&self.source, &path)
                    .with_context(|| format!("reading {}", path.display()))
                    .and_then(|bytes| {
                        crate::collection::read_document(
                            self,
                            (&path, bytes),
                            &format!("{rel_base}/{rel}"),
                            "posts",
                            &posts_dir,
                            draft,
                            &mut warnings,
                        )
                    });
                (doc, warnings)
            })
            .collect();
        for (doc, mut warnings) in read {
            site.warnings.append(&mut warnings);
            let Some(doc) = doc? else { continue };
            let published = crate::utils::not_false(doc.data.get("published"));
            if !(published || self.config.bool("unpublished")) {
                continue;
            }
            if !self.config.bool("future") && doc.date.timestamp() > self.time.timestamp() {
                site.warnings
                    .push(format!("Skipping: {} has a future date", doc.relative_path));
                continue;
            }
            posts.push(doc);
        }
        Ok(())
    }

    /// `Collection#read`: documents with front matter, other files static.
    /// `walk_warnings` takes what the folder walk warns of (skipped
    /// symlinks), so that collections read beside the site's folders keep
    /// Jekyll's order of warnings.
    fn read_collection(
        &self,
        collection: &mut Collection,
        site: &mut SiteSource,
        walk_warnings: &std::sync::Mutex<Vec<String>>,
    ) -> Result<()> {
        let dir = self.config.source.join(&collection.relative_directory);
        if !dir.is_dir() {
            return Ok(());
        }
        let files = walk_files(
            &dir,
            &self.filter,
            &collection.relative_directory,
            true,
            walk_warnings,
        )?;
        // Documents are read in parallel; everything order-sensitive
        // (warnings, static files, the document list) happens after, in order.
        let read: Vec<_> = files
            .par_iter()
            .map(|rel| {
                let path = dir.join(rel);
                let mut warnings = Vec::new();
                let entry = read_if_front_matter(&self.source, &path).and_then(|bytes| {
                    let Some(bytes) = bytes else {
                        return Ok(CollectionEntry::Static);
                    };
                    crate::collection::read_document(
                        self,
                        (&path, bytes),
                        &format!("{}/{rel}", collection.relative_directory),
                        &collection.label,
                        &collection.relative_directory,
                        false,
                        &mut warnings,
                    )
                    .map(|doc| CollectionEntry::Document(doc.map(Box::new)))
                });
                (entry, warnings)
            })
            .collect();
        for (rel, (entry, mut warnings)) in files.iter().zip(read) {
            site.warnings.append(&mut warnings);
            match entry? {
                CollectionEntry::Document(None) => {}
                CollectionEntry::Document(Some(mut doc)) => {
                    let published = crate::utils::not_false(doc.data.get("published"));
                    if published || self.config.bool("unpublished") {
                        let future = doc.date.timestamp() > self.time.timestamp()
                            && !self.config.bool("future");
                        doc.write = collection.write && !future;
                        collection.docs.push(*doc);
                    }
                }
                CollectionEntry::Static => {
                    let (sub, name) = match rel.rfind('/') {
                        Some(i) => (format!("/{}", &rel[..i]), rel[i + 1..].to_string()),
                        None => (String::new(), rel.clone()),
                    };
                    let file = self.static_file(&sub, &name, Some(collection), collection.write)?;
                    collection.files.push(file.clone());
                    site.static_files.push(file);
                }
            }
        }
        collection.sort_docs(&mut site.warnings);
        Ok(())
    }

    /// Reads a file with front matter. `Ok(None)` means Jekyll would skip it
    /// (bad YAML without `strict_front_matter`); the warning is Jekyll's.
    pub(crate) fn parse_file(&self, path: &Path) -> Result<Parsed> {
        let bytes =
            read_file(&self.source, path).with_context(|| format!("reading {}", path.display()))?;
        self.parse_bytes(path, bytes)
    }

    /// `parse_file` of a file read already.
    fn parse_bytes(&self, path: &Path, bytes: Vec<u8>) -> Result<Parsed> {
        let parsed = self.parse_bytes_quietly(path, bytes)?;
        if let Some(w) = &parsed.warning {
            self.warnings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(w.clone());
        }
        Ok(parsed)
    }

    /// `parse_bytes`, leaving the YAML warning to the caller.
    pub(crate) fn parse_bytes_quietly(&self, path: &Path, bytes: Vec<u8>) -> Result<Parsed> {
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Jekyll's front matter regex raises on the bad bytes: it
                // warns and keeps the whole file, front matter and all, as
                // content with no data.
                return Ok(Parsed {
                    data: Map::new(),
                    content: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    content_line: 1,
                    yaml_error: false,
                    warning: Some(format!(
                        "Error reading file {}: invalid byte sequence in UTF-8",
                        path.display()
                    )),
                });
            }
        };
        // Jekyll reads with "bom|utf-8".
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        let Some(split) = front_matter::split(&text) else {
            return Ok(Parsed {
                data: Map::new(),
                content: text,
                content_line: 1,
                yaml_error: false,
                warning: None,
            });
        };
        let data = match yaml::parse(split.yaml, self.config.timezone) {
            Ok(Value::Hash(h)) => std::sync::Arc::try_unwrap(h).unwrap_or_else(|h| (*h).clone()),
            Ok(Value::Nil) => Map::new(),
            Ok(_) => anyhow::bail!("Invalid YAML front matter in {}", path.display()),
            Err(e) => {
                let err = SourceError::from_yaml_at(path, &text, 0, &e);
                if self.config.bool("strict_front_matter") {
                    return Err(err.into());
                }
                // Jekyll warns and goes on with empty front matter and the
                // content after it.
                return Ok(Parsed {
                    data: Map::new(),
                    content: split.content.to_string(),
                    content_line: split.content_line,
                    yaml_error: true,
                    warning: Some(format!("YAML Exception reading {err}")),
                });
            }
        };
        if data.get("permalink").and_then(Value::as_str) == Some("") {
            anyhow::bail!("Invalid permalink in {}", path.display());
        }
        Ok(Parsed {
            data,
            content: split.content.to_string(),
            content_line: split.content_line,
            yaml_error: false,
            warning: None,
        })
    }
}

/// A file in a collection folder: a document (`None` if Jekyll skips it)
/// or, without front matter, a static file.
enum CollectionEntry {
    Document(Option<Box<Document>>),
    Static,
}
