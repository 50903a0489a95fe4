//! Rebuilding only what a change touches.
//!
//! A save that only changes the text of existing pages or documents (the
//! same front matter) updates the last site in place; any other change
//! re-reads the whole source. Either way the new site is compared with the
//! last good one:
//! - `_config.yml` (any configuration change), `_data` and `_plugins`
//!   rebuild everything;
//! - a page or document whose payload changed (content, front matter, URL),
//!   a new one, or one whose layout chain or includes changed, re-renders;
//! - pages that read site-wide content ([`deps`](super::deps): `site.posts`,
//!   `paginator`, `{% link %}`, …) re-render whenever a document changes,
//!   appears or goes (and, if they read pages, when a page does); documents
//!   that did not re-render keep their last rendering, so these listings
//!   still see every document, while a change no listing sees renders the
//!   changed pages alone;
//! - everything else keeps its last output.
//!
//! Only files whose bytes changed are written; outputs that are gone are
//! removed. Anything unusual (clashing outputs, a failed write, a panic)
//! falls back to a full build, which the writer checks byte by byte.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::deps::{scan, Deps};
use crate::config::{Configuration, Overrides};
use crate::defaults::FrontmatterDefaults;
use crate::reader::Reader;
use crate::renderer::payload::{self, Rendered};
use crate::site::{Rendering, Reuse, Site};
use crate::writer::{Contents, OutputFile};

/// What a build did.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// Whether everything was rendered.
    pub full: bool,
    /// How many pages and documents were rendered.
    pub rendered: usize,
    /// Destination paths written or removed (`about/index.html`).
    pub changed: Vec<String>,
    pub warnings: Vec<String>,
    pub seconds: f64,
}

/// A page or document as the last build saw it.
#[derive(Debug, Clone)]
struct ItemInfo {
    sig: u64,
    layouts: Vec<String>,
    deps: Deps,
    is_doc: bool,
}

struct Built {
    /// `None` only while a rebuild works on it.
    site: Option<Site>,
    /// Every file of the destination, as last written.
    files: Vec<OutputFile>,
    items: HashMap<String, ItemInfo>,
    /// `(origin, sig)` of pages and documents, in site order.
    order: Vec<(String, u64)>,
    layouts: HashMap<String, u64>,
    statics: u64,
    config: u64,
    /// Every document as last rendered.
    docs: crate::utils::FastHashMap<String, Rendered>,
    /// What the site's generators do to what was read.
    generated: Generated,
}

/// What the site's generators do to pages as read, for the fast path.
#[derive(Debug, Clone, Copy)]
struct Generated {
    /// Every generator is one hyde knows the effect of: adding pages of
    /// its own, or changing data and URLs (which the fast path compares).
    known: bool,
    /// jekyll-relative-links rewrites links in the text.
    links: bool,
    /// jekyll-titles-from-headings derives titles from the text (and may
    /// strip the heading).
    titles: bool,
}

impl Generated {
    fn of(config: &Configuration) -> Generated {
        let plugins = crate::plugins::Plugins::for_site(config);
        let names: Vec<&str> = plugins.generators.iter().map(|g| g.name()).collect();
        Generated {
            known: names.iter().all(|n| {
                matches!(
                    *n,
                    "jekyll-feed"
                        | "jekyll-sitemap"
                        | "jekyll-redirect-from"
                        | "jekyll-paginate"
                        | "jekyll-default-layout"
                        | "jekyll-optional-front-matter"
                        | "jekyll-readme-index"
                        | "jekyll-titles-from-headings"
                        | "jekyll-relative-links"
                        | "sass source maps"
                )
            }),
            links: names.contains(&"jekyll-relative-links"),
            titles: names.contains(&"jekyll-titles-from-headings"),
        }
    }

    /// Whether a generator could make more of this text than it says.
    fn may_rewrite(&self, config: &Configuration, content: &str, data: &hyde_liquid::Map) -> bool {
        let strip = config
            .get("titles_from_headings")
            .and_then(|t| t.get("strip_title"))
            .is_some_and(hyde_liquid::Value::is_truthy);
        (self.links && (content.contains("](") || content.contains("]:")))
            || (self.titles
                && (!data.contains_key("title") || strip || data.contains_key("strip_title")))
    }
}

/// Builds, then rebuilds incrementally.
pub struct Builder {
    overrides: Overrides,
    /// Keys `hyde serve` sets over the configuration (`url`, `host`, …).
    extra: hyde_liquid::Map,
    last: Option<Built>,
    /// Set while the destination may not match `last` (a write in
    /// progress); the next build is then a full one.
    dirty: bool,
}

/// How long a rebuild waits for a page's file caught empty to be filled.
const FILL_CAP: std::time::Duration = std::time::Duration::from_secs(2);

/// Hashes the values' `Debug` text, streamed into the hasher.
fn hash_of(parts: &[&dyn std::fmt::Debug]) -> u64 {
    struct Sink(DefaultHasher);
    impl std::fmt::Write for Sink {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut sink = Sink(DefaultHasher::new());
    for p in parts {
        let _ = std::fmt::Write::write_fmt(&mut sink, format_args!("{p:?}\u{1}"));
    }
    sink.0.finish()
}

impl Builder {
    pub fn new(overrides: Overrides, extra: hyde_liquid::Map) -> Builder {
        Builder {
            overrides,
            extra,
            last: None,
            dirty: false,
        }
    }

    /// The configuration as serving sees it.
    pub fn config(&self) -> Result<Configuration> {
        let mut config = Configuration::load(&self.overrides)?;
        crate::config::deep_merge(&mut config.map, &self.extra);
        Ok(config)
    }

    /// Makes the next build a full one (after a panic mid-build).
    pub fn force_full(&mut self) {
        self.dirty = true;
    }

    /// The last good site, if any.
    pub fn site(&self) -> Option<&Site> {
        self.last.as_ref().and_then(|b| b.site.as_ref())
    }

    fn load(&self) -> Result<Site> {
        Site::from_config(self.config()?)
    }

    /// Renders and writes everything (the writer checks every file).
    pub fn full(&mut self) -> Result<Outcome> {
        let started = Instant::now();
        let site = self.load_settled()?;
        self.full_from(site, started)
    }

    fn full_from(&mut self, site: Site, started: Instant) -> Result<Outcome> {
        let rendering = site.render()?;
        let before: HashMap<&str, &OutputFile> = self
            .last
            .as_ref()
            .map(|b| last_wins(&b.files))
            .unwrap_or_default();
        let destination = &site.config.destination;
        let after = last_wins(&rendering.files);
        // A copied file changed if the writer is about to copy it again
        // (it keeps the source's mtime on the copy).
        let mut changed: Vec<String> = after
            .iter()
            .filter(|(p, f)| match &f.contents {
                Contents::Copy(src) => mtime_len(&destination.join(p)) != mtime_len(src),
                Contents::Link(_) => {
                    !crate::writer::holds(&destination.join(p), f).unwrap_or(false)
                }
                Contents::Bytes(_) => before.get(*p).is_none_or(|old| !same(old, f)),
            })
            .map(|(p, _)| p.to_string())
            .collect();
        self.dirty = true;
        let mut warnings = site.warnings.clone();
        warnings.extend(rendering.warnings.iter().cloned());
        warnings.extend(crate::build::write(&site, &rendering)?);
        self.dirty = false;
        changed.extend(
            before
                .keys()
                .filter(|p| !after.contains_key(*p))
                .map(|p| p.to_string()),
        );
        changed.sort();
        let rendered = site.source.pages.len()
            + site
                .source
                .collections
                .iter()
                .map(|c| c.docs.len())
                .sum::<usize>();
        self.last = Some(record(site, rendering.files, rendering.docs));
        Ok(Outcome {
            full: true,
            rendered,
            changed,
            warnings,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// Rebuilds after `paths` changed (absolute paths).
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Result<Outcome> {
        let started = Instant::now();
        if self.last.is_none() || self.dirty {
            return self.full();
        }
        if let Some(plan) = self.content_only(paths) {
            return self.finish(plan, started);
        }
        let site = self.load_settled()?;
        let last = self.last.as_ref().expect("checked");
        let config_sig = hash_of(&[&site.config.map]);
        let data_dir = site.config.dir("data_dir", "_data");
        let plugins_dir = site.config.dir("plugins_dir", "_plugins");
        let touches_all = paths.iter().any(|p| {
            p.starts_with(&data_dir)
                || p.starts_with(&plugins_dir)
                || site.config.files_read.contains(p)
        });
        if touches_all || config_sig != last.config {
            return self.full_from(site, started);
        }
        let labels = labels(&site);
        let includes_dir = site.config.dir("includes_dir", "_includes");
        let changed_includes: HashSet<String> = paths
            .iter()
            .filter_map(|p| p.strip_prefix(&includes_dir).ok())
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .collect();
        let layouts = layout_sigs(&site);
        let changed_layouts: HashSet<&String> = layouts
            .iter()
            .filter(|(n, s)| last.layouts.get(*n) != Some(s))
            .map(|(n, _)| n)
            .chain(last.layouts.keys().filter(|n| !layouts.contains_key(*n)))
            .collect();
        let mut analysis = Analysis::new(&includes_dir, &labels);
        let (items, order) = analysis.items(&site);
        let statics = statics_sig(&site);
        let mut selected: HashSet<String> = HashSet::new();
        for (origin, info) in &items {
            let changed = match last.items.get(origin) {
                None => true,
                Some(old) => {
                    old.sig != info.sig
                        || old.layouts != info.layouts
                        || info.layouts.iter().any(|l| changed_layouts.contains(l))
                        || info
                            .deps
                            .includes
                            .iter()
                            .any(|i| changed_includes.contains(i))
                        || info.deps.include_relative
                }
            };
            if changed {
                selected.insert(origin.clone());
            }
        }
        let plan = Plan {
            site,
            items,
            order,
            layouts,
            statics,
            config: config_sig,
            selected,
            read: "source read",
        };
        self.finish(plan, started)
    }

    /// Reads the source, again if a page or document of the last build
    /// went missing because its file was caught mid-write. An editor that
    /// truncates and then fills a file (`fs::write`, `cat >`) leaves it
    /// empty for a moment; read then, the page has no front matter and
    /// would be published as gone until the next save. So a missing item
    /// whose file is empty is waited for (up to [`FILL_CAP`]: a file saved
    /// empty on purpose is published as such after that), and one whose
    /// file has front matter again is read once more per version of it (a
    /// page unpublished on purpose costs one re-read).
    fn load_settled(&self) -> Result<Site> {
        let deadline = Instant::now() + FILL_CAP;
        let mut reread: HashSet<(PathBuf, Option<(std::time::SystemTime, u64)>)> = HashSet::new();
        let mut site = self.load()?;
        loop {
            let mut again = false;
            for path in self.missing(&site) {
                while fs::metadata(&path).is_ok_and(|m| m.len() == 0) && Instant::now() < deadline {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                let filled = fs::read(&path).is_ok_and(|b| b.starts_with(b"---"));
                if filled
                    && Instant::now() < deadline
                    && reread.insert((path.clone(), mtime_len(&path)))
                {
                    again = true;
                }
            }
            if !again {
                return Ok(site);
            }
            site = self.load()?;
        }
    }

    /// The source files of the last build's pages and documents that are
    /// missing from `site` although the files exist.
    fn missing(&self, site: &Site) -> Vec<PathBuf> {
        let Some(last) = &self.last else {
            return Vec::new();
        };
        let now: HashSet<String> = site
            .source
            .pages
            .iter()
            .map(|p| p.relative_path())
            .chain(
                site.source
                    .collections
                    .iter()
                    .flat_map(|c| c.docs.iter().map(|d| d.relative_path.clone())),
            )
            .collect();
        last.items
            .keys()
            .filter(|o| !now.contains(*o))
            .map(|o| site.config.source.join(o))
            .filter(|p| p.is_file())
            .collect()
    }

    /// The fast path for the commonest save: the text of existing pages or
    /// documents changed and nothing else (same front matter, so the same
    /// URL, date and data). The last site is updated in place instead of
    /// reading the whole source again. `None` when that is not the case.
    fn content_only(&mut self, paths: &[PathBuf]) -> Option<Plan> {
        let last = self.last.as_mut()?;
        let site = last.site.as_mut()?;
        let generated = last.generated;
        if paths.is_empty()
            || !generated.known
            || site.source.pages.iter().any(|p| p.paginator.is_some())
        {
            return None;
        }
        let config = &site.config;
        let (defaults, _) =
            FrontmatterDefaults::new(config.get("defaults"), config.collections_dir());
        let reader = Reader::new(config, &defaults, site.time);
        let mut scratch: Vec<String> = Vec::new();
        // (page index or (collection, doc index), new content, excerpt)
        let mut updates: Vec<(Slot, String, usize, Option<String>)> = Vec::new();
        for path in paths {
            let page = site.source.pages.iter().position(|p| &p.path == path);
            let doc = site
                .source
                .collections
                .iter()
                .enumerate()
                .find_map(|(c, col)| {
                    col.docs
                        .iter()
                        .position(|d| &d.path == path)
                        .map(|d| (c, d))
                });
            match (page, doc) {
                (Some(i), None) => {
                    let old = &site.source.pages[i];
                    if site.source.pages.iter().filter(|p| &p.path == path).count() != 1 {
                        return None;
                    }
                    let parsed = reader.parse_file(path).ok()?;
                    if parsed.yaml_error {
                        return None;
                    }
                    let relative = old.relative_path();
                    let defaults = defaults.all(&relative, Some("pages"));
                    let new = crate::page::build(
                        config,
                        &old.dir,
                        &old.name,
                        path.clone(),
                        parsed,
                        defaults,
                    )
                    .ok()?;
                    let same = format!("{:?}", (&new.data, &new.defaults, &new.url))
                        == format!("{:?}", (&old.data, &old.defaults, &old.url))
                        && new.content_line == old.content_line
                        && new.output_ext == old.output_ext;
                    if !same {
                        return None;
                    }
                    if generated.may_rewrite(config, &new.content, &new.data) {
                        return None;
                    }
                    updates.push((Slot::Page(i), new.content, new.content_line, None));
                }
                (None, Some((c, d))) => {
                    let old = &site.source.collections[c].docs[d];
                    let new = crate::collection::read_document(
                        &reader,
                        (path, std::fs::read(path).ok()?),
                        &old.relative_path,
                        &old.collection,
                        &old.collection_dir,
                        old.draft,
                        &mut scratch,
                    )
                    .ok()??;
                    let same = format!("{:?}", (&new.data, &new.url, &new.date))
                        == format!("{:?}", (&old.data, &old.url, &old.date))
                        && new.content_line == old.content_line
                        && new.output_ext == old.output_ext
                        && new.extname == old.extname;
                    if !same
                        || !scratch.is_empty()
                        || generated.may_rewrite(config, &new.content, &new.data)
                    {
                        return None;
                    }
                    updates.push((
                        Slot::Doc(c, d),
                        new.content.to_string(),
                        new.content_line,
                        new.excerpt_source,
                    ));
                }
                _ => return None,
            }
        }
        // `include_relative` may read the changed files: start its cache
        // afresh (includes proper are unchanged, but share the cache).
        if last.items.values().any(|i| i.deps.include_relative) {
            site.templates = crate::renderer::environment::Templates::new(
                &site.config.source,
                site.config.dir("includes_dir", "_includes"),
                site.templates.options().clone(),
            )
            .with_site(&site.config);
        }
        let labels = labels(site);
        let includes_dir = site.config.dir("includes_dir", "_includes");
        let mut analysis = Analysis::new(&includes_dir, &labels);
        let mut items = last.items.clone();
        let mut selected = HashSet::new();
        for (slot, content, _, excerpt) in updates {
            let (origin, info) = match slot {
                Slot::Page(i) => {
                    let page = &mut site.source.pages[i];
                    page.content = content;
                    analysis.page_info(site, &site.source.pages[i])
                }
                Slot::Doc(c, d) => {
                    let doc = &mut site.source.collections[c].docs[d];
                    doc.content = content.into();
                    doc.excerpt_source = excerpt;
                    analysis.doc_info(site, &site.source.collections[c].docs[d])
                }
            };
            items.insert(origin.clone(), info);
            selected.insert(origin);
        }
        let order = last
            .order
            .iter()
            .map(|(o, sig)| (o.clone(), items.get(o).map_or(*sig, |i| i.sig)))
            .collect();
        let site = last.site.take()?;
        Some(Plan {
            layouts: last.layouts.clone(),
            statics: last.statics,
            config: last.config,
            site,
            items,
            order,
            selected,
            read: "changed files read",
        })
    }
}

/// What a rebuild found changed, ready to render.
struct Plan {
    site: Site,
    items: HashMap<String, ItemInfo>,
    order: Vec<(String, u64)>,
    layouts: HashMap<String, u64>,
    statics: u64,
    config: u64,
    /// Pages and documents that must render (before listings are added).
    selected: HashSet<String>,
    /// How the site was brought up to date (for `HYDE_SERVE_TIMING`).
    read: &'static str,
}

/// Where a page or document sits in the site.
enum Slot {
    Page(usize),
    Doc(usize, usize),
}

impl Builder {
    /// Adds the listings a change reaches, renders what must render, and
    /// writes what changed.
    fn finish(&mut self, plan: Plan, started: Instant) -> Result<Outcome> {
        let planned = started.elapsed();
        let Plan {
            mut site,
            items,
            order,
            layouts,
            statics,
            config,
            mut selected,
            read,
        } = plan;
        let last = self.last.as_ref().expect("checked");
        if items.values().any(|i| i.deps.counters) {
            return self.full_from(site, started);
        }
        // Listings see documents rendered, and the pages before them too:
        // a page that renders again, even from an unchanged source (an
        // include of it changed), is a changed page to them.
        let gone = |doc: bool| {
            last.items
                .iter()
                .any(|(o, i)| i.is_doc == doc && !items.contains_key(o))
        };
        let docs_changed = selected.iter().any(|o| items[o].is_doc) || gone(true);
        let pages_changed = statics != last.statics
            || gone(false)
            || selected.iter().any(|o| !items[o].is_doc)
            || items
                .iter()
                .any(|(o, i)| !i.is_doc && last.items.get(o).is_none_or(|old| old.sig != i.sig));
        for (origin, info) in &items {
            let listing =
                info.deps.volatile && (docs_changed || (pages_changed && info.deps.reads_pages));
            // `include_relative` may read any file, the changed ones too.
            if listing || info.deps.include_relative {
                selected.insert(origin.clone());
            }
        }
        // Listings need every document; anything else renders alone.
        let listings = selected.iter().any(|o| items[o].deps.volatile);
        let static_origins: HashSet<&str> = site
            .source
            .static_files
            .iter()
            .map(|f| f.relative_path.trim_start_matches('/'))
            .collect();
        let last_statics: HashSet<&str> = last
            .site
            .as_ref()
            .map(|s| {
                s.source
                    .static_files
                    .iter()
                    .map(|f| f.relative_path.trim_start_matches('/'))
                    .collect()
            })
            .unwrap_or_default();
        // The last outputs of what need not render stand as they are; an
        // output of unknown origin (a plugin's) is one only a full build
        // knows to still stand.
        let mut kept = Vec::new();
        let mut unknown = false;
        for f in &last.files {
            let o = f.origin.as_str();
            if static_origins.contains(o) || last_statics.contains(o) {
                continue;
            }
            match items.get(o) {
                Some(info) if !selected.contains(o) && (!info.is_doc || !listings) => {
                    kept.push(f.clone())
                }
                Some(_) => {}
                None if last.items.contains_key(o) => {}
                None => unknown = true,
            }
        }
        drop(static_origins);
        if unknown {
            return self.full_from(site, started);
        }
        let mut cache = self
            .last
            .as_mut()
            .map(|b| std::mem::take(&mut b.docs))
            .unwrap_or_default();
        cache.retain(|o, _| items.contains_key(o) && !selected.contains(o));
        let result = if listings {
            // Documents that need not render keep their last rendering.
            let mut reuse = Reuse {
                docs: cache,
                pages: Some(
                    selected
                        .iter()
                        .filter(|o| !items[*o].is_doc)
                        .cloned()
                        .collect(),
                ),
            };
            let result = site.render_reusing(&mut reuse);
            // The rendering holds every document now; keep the old ones
            // only for a retry.
            cache = if result.is_ok() {
                Default::default()
            } else {
                reuse.docs
            };
            result
        } else {
            site.render_only(&|o| selected.contains(o))
        };
        let rendering = match result {
            Ok(r) => r,
            Err(e) => {
                // Keep what is still good for the next try.
                if let Some(b) = self.last.as_mut() {
                    b.docs = cache;
                    b.site.get_or_insert(site);
                }
                return Err(e);
            }
        };
        let rendered_at = started.elapsed();
        let Rendering {
            mut files,
            mut warnings,
            docs,
        } = rendering;
        cache.extend(docs);
        files.extend(kept);
        let mut seen = HashSet::new();
        if !files.iter().all(|f| seen.insert(f.path.as_str())) {
            return self.full_from(site, started);
        }
        let last = self.last.as_ref().expect("checked");
        let destination = site.config.destination.clone();
        self.dirty = true;
        let changed = write_changes(&destination, &last_wins(&last.files), &files)?;
        self.dirty = false;
        if std::env::var_os("HYDE_SERVE_TIMING").is_some() {
            eprintln!(
                "timing: {read} and analysed {planned:.2?}, rendered {} at {rendered_at:.2?}, written at {:.2?}",
                selected.len(),
                started.elapsed()
            );
        }
        warnings.dedup();
        let rendered = selected.len();
        let generated = last.generated;
        self.last = Some(Built {
            site: Some(site),
            files,
            items,
            order,
            layouts,
            statics,
            config,
            docs: cache,
            generated,
        });
        Ok(Outcome {
            full: false,
            rendered,
            changed,
            warnings,
            seconds: started.elapsed().as_secs_f64(),
        })
    }
}

fn labels(site: &Site) -> Vec<String> {
    site.source
        .collections
        .iter()
        .map(|c| c.label.clone())
        .collect()
}

fn last_wins(files: &[OutputFile]) -> HashMap<&str, &OutputFile> {
    files.iter().map(|f| (f.path.as_str(), f)).collect()
}

fn same(a: &OutputFile, b: &OutputFile) -> bool {
    match (&a.contents, &b.contents) {
        (Contents::Bytes(x), Contents::Bytes(y)) => x == y,
        (Contents::Copy(x), Contents::Copy(y)) => x == y && mtime_len(x) == mtime_len(y),
        (Contents::Link(x), Contents::Link(y)) => x == y,
        _ => false,
    }
}

fn mtime_len(p: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

fn record(
    site: Site,
    files: Vec<OutputFile>,
    docs: crate::utils::FastHashMap<String, Rendered>,
) -> Built {
    let labels = labels(&site);
    let includes_dir = site.config.dir("includes_dir", "_includes");
    let (items, order) = Analysis::new(&includes_dir, &labels).items(&site);
    Built {
        generated: Generated::of(&site.config),
        layouts: layout_sigs(&site),
        statics: statics_sig(&site),
        config: hash_of(&[&site.config.map]),
        site: Some(site),
        files,
        items,
        order,
        docs,
    }
}

fn layout_sigs(site: &Site) -> HashMap<String, u64> {
    site.source
        .layouts
        .iter()
        .map(|(n, l)| (n.clone(), hash_of(&[&l.content, &l.data, &l.relative_path])))
        .collect()
}

fn statics_sig(site: &Site) -> u64 {
    let list: Vec<_> = site
        .source
        .static_files
        .iter()
        .map(|f| {
            (
                &f.relative_path,
                &f.url,
                f.modified_time,
                f.write,
                &f.defaults,
            )
        })
        .collect();
    hash_of(&[&list])
}

/// Dependencies of every page and document, with per-build caches.
struct Analysis<'a> {
    labels: &'a [String],
    includes_dir: &'a Path,
    layout_deps: HashMap<String, Deps>,
    include_deps: HashMap<String, Deps>,
}

impl<'a> Analysis<'a> {
    fn new(includes_dir: &'a Path, labels: &'a [String]) -> Analysis<'a> {
        Analysis {
            labels,
            includes_dir,
            layout_deps: HashMap::new(),
            include_deps: HashMap::new(),
        }
    }

    /// Every page and document: its info, and the site-order signature list.
    fn items(&mut self, site: &Site) -> (HashMap<String, ItemInfo>, Vec<(String, u64)>) {
        let mut items = HashMap::new();
        let mut order = Vec::new();
        let pages = site.source.pages.iter().map(|p| self.page_info(site, p));
        let pages: Vec<_> = pages.collect();
        let docs: Vec<_> = site
            .source
            .collections
            .iter()
            .flat_map(|c| &c.docs)
            .map(|d| self.doc_info(site, d))
            .collect();
        for (origin, info) in pages.into_iter().chain(docs) {
            order.push((origin.clone(), info.sig));
            items.insert(origin, info);
        }
        (items, order)
    }

    fn page_info(&mut self, site: &Site, p: &crate::page::Page) -> (String, ItemInfo) {
        let value = payload::page_value(p, &p.content);
        let sig = hash_of(&[&value, &p.paginator, &p.ext, &p.output_ext, &p.defaults]);
        let layout = merged_layout(&p.defaults, &p.data);
        let mut deps = self.text(&p.content);
        deps.volatile |= p.paginator.is_some();
        let layouts = self.chain(site, layout, &mut deps);
        let info = ItemInfo {
            sig,
            layouts,
            deps,
            is_doc: false,
        };
        (p.relative_path(), info)
    }

    fn doc_info(&mut self, site: &Site, d: &crate::document::Document) -> (String, ItemInfo) {
        let value = payload::document_value(d, None, None);
        let sig = hash_of(&[
            &value,
            &d.extname,
            &d.output_ext,
            &d.write,
            &d.excerpt_source,
            &d.content_line,
        ]);
        let mut deps = self.text(&d.content);
        if let Some(e) = &d.excerpt_source {
            deps.merge(&self.text(e));
        }
        let layout = d
            .data
            .get("layout")
            .filter(|v| !v.is_nil())
            .map(crate::utils::to_s);
        let layouts = self.chain(site, layout, &mut deps);
        let info = ItemInfo {
            sig,
            layouts,
            deps,
            is_doc: true,
        };
        (d.relative_path.clone(), info)
    }

    /// A text's own dependencies plus those of the includes it names.
    fn text(&mut self, text: &str) -> Deps {
        let mut deps = scan(text, self.labels);
        self.close_includes(&mut deps);
        deps
    }

    fn close_includes(&mut self, deps: &mut Deps) {
        let mut pending: Vec<String> = deps.includes.iter().cloned().collect();
        let mut done: BTreeSet<String> = BTreeSet::new();
        while let Some(name) = pending.pop() {
            if !done.insert(name.clone()) {
                continue;
            }
            let inc = match self.include_deps.get(&name) {
                Some(d) => d.clone(),
                None => {
                    let text = fs::read(self.includes_dir.join(&name))
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default();
                    let d = scan(&text, self.labels);
                    self.include_deps.insert(name.clone(), d.clone());
                    d
                }
            };
            pending.extend(inc.includes.iter().cloned());
            deps.merge(&inc);
        }
    }

    /// The layout chain's names, merging the layouts' dependencies.
    fn chain(&mut self, site: &Site, first: Option<String>, deps: &mut Deps) -> Vec<String> {
        let mut names = Vec::new();
        let mut next = first;
        while let Some(name) = next {
            if names.contains(&name) {
                break;
            }
            names.push(name.clone());
            let Some(layout) = site.source.layouts.get(&name) else {
                break;
            };
            let d = match self.layout_deps.get(&name) {
                Some(d) => d.clone(),
                None => {
                    let mut d = scan(&layout.content, self.labels);
                    self.close_includes(&mut d);
                    self.layout_deps.insert(name.clone(), d.clone());
                    d
                }
            };
            deps.merge(&d);
            next = layout.parent();
        }
        names
    }
}

/// A page's `layout`, its front matter over its defaults.
fn merged_layout(defaults: &hyde_liquid::Map, data: &hyde_liquid::Map) -> Option<String> {
    data.get("layout")
        .filter(|v| !v.is_nil())
        .or_else(|| defaults.get("layout").filter(|v| !v.is_nil()))
        .map(crate::utils::to_s)
}

/// Writes the files whose bytes differ from what the last build wrote and
/// removes the outputs that are gone. Returns the paths touched.
fn write_changes(
    destination: &Path,
    before: &HashMap<&str, &OutputFile>,
    files: &[OutputFile],
) -> Result<Vec<String>> {
    let now: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // Decide and write in parallel: a layout edit rewrites every page.
    let written: Vec<Result<Option<String>>> = files
        .par_iter()
        .map(|f| {
            let needed = match &f.contents {
                Contents::Copy(src) => {
                    !before.get(f.path.as_str()).is_some_and(|old| same(old, f))
                        || mtime_len(&destination.join(&f.path)) != mtime_len(src)
                }
                Contents::Bytes(bytes) => {
                    !before.get(f.path.as_str()).is_some_and(|old| same(old, f))
                        && !fs::read(destination.join(&f.path))
                            .is_ok_and(|old| old[..] == bytes[..])
                }
                Contents::Link(_) => !crate::writer::holds(&destination.join(&f.path), f)?,
            };
            if !needed {
                return Ok(None);
            }
            crate::writer::write_file(destination, f)?;
            Ok(Some(f.path.clone()))
        })
        .collect();
    let mut changed = Vec::new();
    for w in written {
        changed.extend(w?);
    }
    for old in before.keys().filter(|p| !now.contains(*p)) {
        let target = destination.join(old);
        if fs::symlink_metadata(&target).is_ok() {
            fs::remove_file(&target).with_context(|| format!("removing {}", target.display()))?;
        }
        let mut dir = target.parent();
        while let Some(d) = dir.filter(|d| d.starts_with(destination) && *d != destination) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        changed.push(old.to_string());
    }
    changed.sort();
    Ok(changed)
}
