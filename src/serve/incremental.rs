//! Rebuilding only what a change touches.
//!
//! Every rebuild re-reads the source (cheap next to rendering), then
//! compares the new site with the last good one:
//! - `_config.yml` (any configuration change), `_data` and `_plugins`
//!   rebuild everything;
//! - a page or document whose payload changed (content, front matter, URL),
//!   a new one, or one whose layout chain or includes changed, re-renders;
//! - pages that read site-wide content ([`deps`](super::deps): `site.posts`,
//!   `paginator`, `{% link %}`, …) re-render whenever any page or document
//!   changes, appears or goes; documents that did not re-render keep their
//!   last rendering, so these listings still see every document;
//! - everything else keeps its last output.
//!
//! Only files whose bytes changed are written; outputs that are gone are
//! removed. Anything unusual (clashing outputs, a failed write, a panic)
//! falls back to a full build, which the writer checks byte by byte.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use super::deps::{scan, Deps};
use crate::config::{Configuration, Overrides};
use crate::renderer::payload::{self, Rendered};
use crate::site::{Reuse, Site};
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
    site: Site,
    /// Every file of the destination, as last written.
    files: Vec<OutputFile>,
    items: HashMap<String, ItemInfo>,
    /// `(origin, sig)` of pages and documents, in site order.
    order: Vec<(String, u64)>,
    layouts: HashMap<String, u64>,
    statics: u64,
    config: u64,
    /// Every document as last rendered.
    docs: HashMap<String, Rendered>,
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

fn hash_of(parts: &[&dyn std::fmt::Debug]) -> u64 {
    let mut h = DefaultHasher::new();
    for p in parts {
        format!("{p:?}").hash(&mut h);
    }
    h.finish()
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
        self.last.as_ref().map(|b| &b.site)
    }

    fn load(&self) -> Result<Site> {
        Site::from_config(self.config()?)
    }

    /// Renders and writes everything (the writer checks every file).
    pub fn full(&mut self) -> Result<Outcome> {
        let started = Instant::now();
        let site = self.load()?;
        self.full_from(site, started)
    }

    fn full_from(&mut self, site: Site, started: Instant) -> Result<Outcome> {
        let rendering = site.render()?;
        let before: HashMap<String, OutputFile> = self
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
                Contents::Bytes(_) => before.get(*p).is_none_or(|old| !same(old, f)),
            })
            .map(|(p, _)| p.clone())
            .collect();
        self.dirty = true;
        let mut warnings = site.warnings.clone();
        warnings.extend(rendering.warnings.iter().cloned());
        warnings.extend(crate::build::write(&site, &rendering)?);
        self.dirty = false;
        changed.extend(before.keys().filter(|p| !after.contains_key(*p)).cloned());
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
        let mut site = self.load()?;
        let t_load = started.elapsed();
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
        let labels: Vec<String> = site
            .source
            .collections
            .iter()
            .map(|c| c.label.clone())
            .collect();
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
        let mut analysis = Analysis::new(&site, &includes_dir, &labels);
        let (items, order) = analysis.items(&site);
        let t_analysis = started.elapsed();
        let statics = statics_sig(&site);
        let structural = order != last.order || statics != last.statics;

        let mut selected: HashSet<&str> = HashSet::new();
        for (origin, info) in &items {
            let old = last.items.get(origin);
            let changed = match old {
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
                selected.insert(origin);
            }
        }
        let any_doc = selected.iter().any(|o| items[*o].is_doc);
        let counters = items.values().any(|i| i.deps.counters);
        if structural || any_doc {
            for (origin, info) in &items {
                if info.deps.volatile {
                    selected.insert(origin);
                }
            }
        }
        if counters {
            return self.full_from(site, started);
        }
        let static_origins: HashSet<String> = site
            .source
            .static_files
            .iter()
            .map(|f| f.relative_path.trim_start_matches('/').to_string())
            .collect();
        // The last outputs of pages that need not render, which stand as
        // they are; an output of unknown origin (a plugin's) is one only a
        // full build knows to still stand.
        let last_statics: HashSet<&str> = last
            .site
            .source
            .static_files
            .iter()
            .map(|f| f.relative_path.trim_start_matches('/'))
            .collect();
        let mut kept_pages = Vec::new();
        for f in &last.files {
            let o = f.origin.as_str();
            if static_origins.contains(o) || last_statics.contains(o) {
                continue;
            }
            match items.get(o) {
                Some(info) if !info.is_doc && !selected.contains(o) => kept_pages.push(f.clone()),
                Some(_) => {}
                None if last.items.contains_key(o) => {}
                None => return self.full_from(site, started),
            }
        }
        // Documents that need not render keep their last rendering, so the
        // pages listing them still see all of them.
        let mut reuse = Reuse {
            docs: self
                .last
                .as_mut()
                .map(|b| std::mem::take(&mut b.docs))
                .unwrap_or_default(),
            pages: Some(
                selected
                    .iter()
                    .filter(|o| !items[**o].is_doc)
                    .map(|o| o.to_string())
                    .collect(),
            ),
        };
        reuse
            .docs
            .retain(|o, _| items.contains_key(o) && !selected.contains(o.as_str()));
        let t_select = started.elapsed();
        let rendering = match site.render_reusing(&mut reuse) {
            Ok(r) => r,
            Err(e) => {
                // Keep what is still good for the next try.
                if let Some(b) = self.last.as_mut() {
                    b.docs = reuse.docs;
                }
                return Err(e);
            }
        };
        let last = self.last.as_ref().expect("checked");
        let mut warnings = rendering.warnings.clone();
        let mut files = rendering.files;
        files.extend(kept_pages);
        let rendered = selected.len();
        let mut seen = HashSet::new();
        if !files.iter().all(|f| seen.insert(f.path.as_str())) {
            return self.full_from(site, started);
        }

        let before = last_wins(&last.files);
        let destination = site.config.destination.clone();
        self.dirty = true;
        let t_render = started.elapsed();
        let changed = write_changes(&destination, &before, &files)?;
        if std::env::var_os("HYDE_SERVE_TIMING").is_some() {
            eprintln!("timing: load {t_load:?} analysis {t_analysis:?} select {t_select:?} render {t_render:?} write {:?}", started.elapsed());
        }
        self.dirty = false;
        warnings.dedup();
        let layouts_now = layouts.clone();
        let config = config_sig;
        let items_now: HashMap<String, ItemInfo> =
            items.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let order_now = order;
        self.last = Some(Built {
            site,
            files,
            items: items_now,
            order: order_now,
            layouts: layouts_now,
            statics,
            config,
            docs: rendering.docs,
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

fn last_wins(files: &[OutputFile]) -> HashMap<String, OutputFile> {
    files.iter().map(|f| (f.path.clone(), f.clone())).collect()
}

fn same(a: &OutputFile, b: &OutputFile) -> bool {
    match (&a.contents, &b.contents) {
        (Contents::Bytes(x), Contents::Bytes(y)) => x == y,
        (Contents::Copy(x), Contents::Copy(y)) => x == y && mtime_len(x) == mtime_len(y),
        _ => false,
    }
}

fn mtime_len(p: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

fn record(site: Site, files: Vec<OutputFile>, docs: HashMap<String, Rendered>) -> Built {
    let labels: Vec<String> = site
        .source
        .collections
        .iter()
        .map(|c| c.label.clone())
        .collect();
    let includes_dir = site.config.dir("includes_dir", "_includes");
    let (items, order) = {
        let mut analysis = Analysis::new(&site, &includes_dir, &labels);
        let (items, order) = analysis.items(&site);
        let items: HashMap<String, ItemInfo> =
            items.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        (items, order)
    };
    Built {
        layouts: layout_sigs(&site),
        statics: statics_sig(&site),
        config: hash_of(&[&site.config.map]),
        site,
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
    fn new(site: &'a Site, includes_dir: &'a Path, labels: &'a [String]) -> Analysis<'a> {
        let _ = site;
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
        for p in &site.source.pages {
            let origin = p.relative_path();
            let value = payload::page_value(p, &p.content);
            let sig = hash_of(&[&value, &p.paginator, &p.ext, &p.output_ext, &p.defaults]);
            let layout = merged_layout(&p.defaults, &p.data);
            let mut deps = self.text(&p.content);
            deps.volatile |= p.paginator.is_some();
            let layouts = self.chain(site, layout, &mut deps);
            order.push((origin.clone(), sig));
            items.insert(
                origin,
                ItemInfo {
                    sig,
                    layouts,
                    deps,
                    is_doc: false,
                },
            );
        }
        for c in &site.source.collections {
            for d in &c.docs {
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
                order.push((d.relative_path.clone(), sig));
                items.insert(
                    d.relative_path.clone(),
                    ItemInfo {
                        sig,
                        layouts,
                        deps,
                        is_doc: true,
                    },
                );
            }
        }
        (items, order)
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
    before: &HashMap<String, OutputFile>,
    files: &[OutputFile],
) -> Result<Vec<String>> {
    let mut changed = Vec::new();
    let now: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for f in files {
        if before.get(&f.path).is_some_and(|old| same(old, f)) {
            if let Contents::Copy(src) = &f.contents {
                if mtime_len(&destination.join(&f.path)) != mtime_len(src) {
                    write_one(destination, f)?;
                    changed.push(f.path.clone());
                }
            }
            continue;
        }
        if let Contents::Bytes(bytes) = &f.contents {
            if fs::read(destination.join(&f.path)).is_ok_and(|old| &old == bytes) {
                continue;
            }
        }
        write_one(destination, f)?;
        changed.push(f.path.clone());
    }
    for old in before.keys().filter(|p| !now.contains(p.as_str())) {
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
        changed.push(old.clone());
    }
    changed.sort();
    Ok(changed)
}

fn write_one(destination: &Path, f: &OutputFile) -> Result<()> {
    let target = destination.join(&f.path);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let (bytes, mtime) = match &f.contents {
        Contents::Bytes(b) => (b.clone(), None),
        Contents::Copy(src) => (
            fs::read(src).with_context(|| format!("reading {}", src.display()))?,
            fs::metadata(src).and_then(|m| m.modified()).ok(),
        ),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.hyde-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(&bytes)?;
        if let Some(m) = mtime {
            file.set_modified(m)?;
        }
        drop(file);
        if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&target)?;
        }
        fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.with_context(|| format!("writing {}", target.display()))
}
