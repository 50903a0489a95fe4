//! `Site#render`: every document, then every page, rendered in memory as
//! Jekyll orders them (in parallel, see [`crate::renderer::order`]), and
//! the rebuilds `hyde serve` asks for.

use std::collections::HashMap;
use std::fs;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use hyde_liquid::{Memo, Value};
use rayon::prelude::*;

use super::Site;
use crate::renderer::environment::{LinkTables, SiteEnvironment};
use crate::renderer::excerpts::{self, Excerpts};
use crate::renderer::payload::{self, Rendered};
use crate::renderer::{order, Item, RenderContext};
use crate::utils::FastHashMap;
use crate::writer::{Contents, OutputFile};

impl Site {
    /// Renders everything, in memory: documents first (all collections),
    /// then pages, as Jekyll orders them. Nothing touches the destination.
    pub fn render(&self) -> Result<Rendering> {
        let warnings = Mutex::new(Vec::new());
        let counters = Mutex::new(HashMap::new());
        let links = LinkTables::new(self);
        // Each pass keeps its own: what `site` holds changes between them.
        let (memo_before, memo_after) = (Memo::default(), Memo::default());
        let env = |memo| SiteEnvironment {
            templates: &self.templates,
            markdown: &self.markdown,
            time: self.time,
            timezone: self.config.timezone,
            links: &links,
            config_baseurl: self.config.map.get("baseurl"),
            warnings: &warnings,
            counters: &counters,
            strict_filters: self.strict_filters(),
            memo: Some(memo),
        };

        // Phase 1: documents see each other's source content.
        let plain_before: Vec<Vec<Value>> = self
            .source
            .collections
            .iter()
            .map(payload::document_values)
            .collect();
        // Excerpts render when shown; `hyde serve` keeps the ones it showed.
        let excerpts = Excerpts::new(self, |d| {
            self.reuse
                .docs
                .get(&d.relative_path)
                .and_then(|r| r.excerpt.clone())
        });
        let orders: Vec<_> = (0..plain_before.len())
            .map(|rank| order::CollectionOrder::with_excerpts(rank, Some(excerpts.clone())))
            .collect();
        let docs_before: Vec<Vec<Value>> = plain_before
            .iter()
            .zip(&orders)
            .map(|(p, o)| payload::linked_values(p.clone(), o.clone()))
            .collect();
        let raw_pages: Vec<Value> = self
            .source
            .pages
            .iter()
            .map(|p| payload::page_value(p, &p.content))
            .collect();
        // Pages come after every collection in Jekyll's order.
        let pages_rank = self.source.collections.len();
        let pages_excerpts: Arc<dyn hyde_liquid::Timeline> =
            Arc::new(excerpts::CollectionExcerpts {
                excerpts: excerpts.clone(),
                rank: pages_rank,
            });
        let ctx = RenderContext {
            site: self,
            env: env(&memo_before),
            site_value: payload::site_value(
                self,
                &docs_before,
                &payload::linked_pages(raw_pages.clone(), Some(pages_excerpts.clone())),
            ),
            jekyll: payload::jekyll_value(),
            layout_chains: Default::default(),
        };
        let shared_site = Self::site_for_documents(&ctx.site_value);
        let excerpt_before = |place| self.render_excerpt(&ctx, &docs_before, place);
        let render_document = |(ci, i): order::Place| {
            excerpts::showing(&excerpt_before, || {
                order::rendering((ci, i), || {
                    let doc = &self.source.collections[ci].docs[i];
                    let value = &docs_before[ci][i];
                    self.render_document(&ctx, &shared_site, doc, value)
                })
            })
        };
        let mut rendered_docs: FastHashMap<String, Rendered> = FastHashMap::default();
        let mut seen_docs: Vec<((usize, usize), order::Seen)> = Vec::new();
        // Counters as the renders in order will start them (see `counted`).
        let counters_now = || counters.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let restore = |to: HashMap<String, i64>| {
            *counters.lock().unwrap_or_else(|e| e.into_inner()) = to;
        };
        let before_documents = counters_now();
        for (ci, collection) in self.source.collections.iter().enumerate() {
            let results: Vec<(Result<Rendered>, order::Seen)> = collection
                .docs
                .par_iter()
                .enumerate()
                .map(|(i, _)| {
                    let r = render_document((ci, i));
                    self.progress.fetch_add(1, Ordering::Relaxed);
                    r
                })
                .collect();
            for (i, (doc, (r, seen))) in collection.docs.iter().zip(results).enumerate() {
                seen_docs.push(((ci, i), seen));
                rendered_docs.insert(doc.relative_path.clone(), r?);
            }
        }
        let counted = !counters_now().is_empty();
        let looked_back: Vec<(usize, usize)> = seen_docs
            .into_iter()
            .filter(|(_, seen)| seen.again(counted))
            .map(|(place, _)| place)
            .collect();
        // Documents that looked at one rendered before them in Jekyll's
        // order saw it as read: again, one at a time, seeing it rendered.
        // Their warnings were given the first time.
        if !looked_back.is_empty() {
            for (collection, order) in self.source.collections.iter().zip(&orders) {
                for (i, doc) in collection.docs.iter().enumerate() {
                    order.record(i, &rendered_docs[&doc.relative_path]);
                }
            }
        }
        if !looked_back.is_empty() {
            restore(before_documents);
        }
        excerpts.in_order();
        given_once(&warnings, || -> Result<()> {
            for (ci, i) in looked_back {
                let doc = &self.source.collections[ci].docs[i];
                let r = render_document((ci, i)).0?;
                orders[ci].record(i, &r);
                rendered_docs.insert(doc.relative_path.clone(), r);
            }
            Ok(())
        })?;
        excerpts.check(self)?;

        // Phase 2: pages see rendered documents.
        let lookup = |d: &crate::document::Document| rendered_docs.get(&d.relative_path);
        // Phase 1's hashes are freed before phase 2 makes its own, on the
        // threads that made them, so phase 2 reuses their memory: fresh
        // pages cost a fault each (1.5-3 us here), a thousand of them, while
        // freeing took a tenth of that.
        memo_before.clear();
        drop((ctx.site_value, ctx.jekyll, shared_site));
        docs_before.into_par_iter().flatten().for_each(drop);
        // Phase 1's plain hashes become phase 2's, changed in place.
        let docs_after: Vec<Vec<Value>> = self
            .source
            .collections
            .iter()
            .zip(plain_before)
            .enumerate()
            .map(|(rank, (c, before))| {
                let after = payload::rendered_document_values(c, before, &lookup);
                let excerpts = excerpts::CollectionExcerpts {
                    excerpts: excerpts.clone(),
                    rank,
                };
                payload::linked_values(after, Arc::new(excerpts))
            })
            .collect();
        // Pages see the pages rendered before them rendered, as documents
        // see documents.
        let pages_order = order::CollectionOrder::with_excerpts(pages_rank, Some(excerpts.clone()));
        let linked_pages = payload::linked_pages(raw_pages.clone(), Some(pages_order.clone()));
        let ctx = RenderContext {
            site: self,
            env: env(&memo_after),
            site_value: payload::site_value(self, &docs_after, &linked_pages),
            jekyll: payload::jekyll_value(),
            layout_chains: Default::default(),
        };
        let excerpt_after = |place| self.render_excerpt(&ctx, &docs_after, place);
        let render_page = |i: usize, page: &crate::page::Page, value: &Value| {
            excerpts::showing(&excerpt_after, || {
                order::rendering((pages_rank, i), || {
                    let item = Item {
                        relative_path: &page.relative_path(),
                        path: &page.path,
                        content: &page.content,
                        content_line: page.content_line,
                        ext: &page.ext,
                        output_ext: &page.output_ext,
                        data: &merged_page_data(page),
                        place_in_layout: page.place_in_layout(),
                        site: None,
                    };
                    let paginator = page
                        .paginator
                        .as_ref()
                        .map(|p| crate::plugins::paginate::resolve(p, &ctx.site_value))
                        .unwrap_or_default();
                    // `Page#to_liquid` asks for its excerpt, rendered then
                    // unless something showed it earlier.
                    let value = match excerpts.get((pages_rank, i)) {
                        Some(excerpt) => {
                            let mut m = value.as_hash().cloned().unwrap_or_default();
                            m.insert("excerpt".into(), excerpt);
                            Value::hash(m)
                        }
                        None => value.clone(),
                    };
                    let same = value.clone();
                    let page_after = move |converted: &Arc<str>| {
                        order::converted(converted);
                        same.clone()
                    };
                    ctx.render(&item, value, paginator, &page_after)
                })
            })
        };
        let before_pages = counters_now();
        let rendered_pages: Vec<(usize, Result<crate::renderer::Output>, order::Seen)> = self
            .source
            .pages
            .par_iter()
            .enumerate()
            .zip(raw_pages.par_iter())
            .filter(|((_, page), _)| self.reuse.renders(page))
            .map(|((i, page), value)| {
                let (out, seen) = render_page(i, page, value);
                self.progress.fetch_add(1, Ordering::Relaxed);
                (i, out, seen)
            })
            .collect();
        let counted = !counters_now().is_empty();
        let mut page_results: Vec<(usize, Result<crate::renderer::Output>, bool)> = rendered_pages
            .into_iter()
            .map(|(i, out, seen)| (i, out, seen.again(counted)))
            .collect();
        // As with documents: the pages that looked at an earlier one's
        // content, again, in order, seeing it rendered.
        if let Some(last) = page_results.iter().rev().find(|(_, _, l)| *l).map(|r| r.0) {
            // Rendering some pages only (`hyde serve`), the earlier pages
            // they looked at may be among the rest: those render too.
            let rendered: std::collections::HashSet<usize> =
                page_results.iter().map(|r| r.0).collect();
            let missing: Vec<usize> = (0..last).filter(|i| !rendered.contains(i)).collect();
            let more: Vec<_> = missing
                .into_par_iter()
                .map(|i| {
                    let (out, seen) = render_page(i, &self.source.pages[i], &raw_pages[i]);
                    (i, out, seen.again(counted))
                })
                .collect();
            if !more.is_empty() {
                page_results.extend(more);
                page_results.sort_by_key(|r| r.0);
            }
            let shown = |out: &crate::renderer::Output| Rendered {
                content: Some(out.content.clone()),
                ..Rendered::default()
            };
            for (i, out, _) in &page_results {
                if let Ok(out) = out {
                    pages_order.record(*i, &shown(out));
                }
            }
            restore(before_pages);
            given_once(&warnings, || {
                for (i, out, _) in page_results.iter_mut().filter(|(_, _, looked)| *looked) {
                    let (again, _) = render_page(*i, &self.source.pages[*i], &raw_pages[*i]);
                    if let Ok(again) = &again {
                        pages_order.record(*i, &shown(again));
                    }
                    *out = again;
                }
            });
        }

        excerpts.check(self)?;
        for (ci, collection) in self.source.collections.iter().enumerate() {
            for (i, doc) in collection.docs.iter().enumerate() {
                if let Some(r) = rendered_docs.get_mut(&doc.relative_path) {
                    r.excerpt = excerpts.rendered((ci, i));
                }
            }
        }

        // Beside writing, or not at all; nothing waits for it.
        self.release((
            ctx.site_value,
            ctx.jekyll,
            docs_after,
            raw_pages,
            linked_pages,
        ));

        // Jekyll writes pages, then static files, then documents: on a
        // shared URL the later one wins.
        let mut files = Vec::new();
        for (i, out, _) in page_results {
            let page = &self.source.pages[i];
            files.push(OutputFile {
                path: page.output_path(),
                origin: page.relative_path(),
                contents: Contents::Bytes(out?.output.into_bytes().into()),
            });
        }
        // Jekyll copies a symlink as a symlink (`FileUtils.copy_entry`)
        // except in safe mode or production, where it copies the contents.
        let links = !self.config.bool("safe") && crate::utils::jekyll_env() != "production";
        for file in self.source.static_files.iter().filter(|f| f.write) {
            let link = links.then(|| fs::read_link(&file.path).ok()).flatten();
            files.push(OutputFile {
                path: file.output_path(),
                origin: file.relative_path.trim_start_matches('/').to_string(),
                contents: link.map_or_else(|| Contents::Copy(file.path.clone()), Contents::Link),
            });
        }
        for collection in &self.source.collections {
            // In parallel, in order: a path and a lookup for each of
            // thousands of documents, while nothing else runs.
            let written: Vec<OutputFile> = collection
                .docs
                .par_iter()
                .filter(|d| d.write)
                .map(|doc| {
                    // The rendering's own bytes, shared: copying every
                    // document's output cost a page fault per 4 KB of it.
                    let out: std::sync::Arc<[u8]> = rendered_docs
                        .get(&doc.relative_path)
                        .and_then(|r| r.output.clone())
                        .map_or_else(|| std::sync::Arc::from(&b""[..]), Into::into);
                    OutputFile {
                        path: doc.output_path(),
                        origin: doc.relative_path.clone(),
                        contents: Contents::Bytes(out),
                    }
                })
                .collect();
            files.extend(written);
        }
        let mut warnings = warnings.into_inner().unwrap_or_else(|e| e.into_inner());
        warnings.dedup();
        Ok(Rendering {
            files,
            warnings,
            docs: rendered_docs,
        })
    }

    /// Frees `payload` on another thread, or leaves it to the OS in a
    /// one-shot build.
    fn release<T: Send + 'static>(&self, payload: T) {
        if self.one_shot {
            std::mem::forget(payload);
        } else {
            std::thread::spawn(move || drop(payload));
        }
    }

    fn render_document(
        &self,
        ctx: &RenderContext<'_>,
        shared_site: &Value,
        doc: &crate::document::Document,
        value: &Value,
    ) -> Result<Rendered> {
        if let Some(kept) = self.reuse.docs.get(&doc.relative_path) {
            return Ok(kept.clone());
        }
        let item = Item {
            relative_path: &doc.relative_path,
            path: &doc.path,
            content: &doc.content,
            content_line: doc.content_line,
            ext: &doc.extname,
            output_ext: &doc.output_ext,
            data: &doc.data,
            place_in_layout: doc.place_in_layout(),
            site: Some(self.site_for_document(shared_site, doc, value)),
        };
        // Its layouts see the document's own drop, as in Jekyll (the one in
        // `site.posts`, so `page == post` holds): its timeline shows it
        // converted from now on, and its excerpt when first asked for.
        let base = value.clone();
        let with_content = move |converted: &Arc<str>| {
            order::converted(converted);
            base.clone()
        };
        let out = ctx.render(&item, value.clone(), Value::Nil, &with_content)?;
        Ok(Rendered {
            content: Some(out.content),
            output: Some(out.output.into()),
            excerpt: None,
        })
    }

    /// The excerpt of the item at `place` (a document, or a page after the
    /// last collection), rendered with `ctx`; `docs` are the documents'
    /// values in the phase under way.
    fn render_excerpt(
        &self,
        ctx: &RenderContext<'_>,
        docs: &[Vec<Value>],
        (ci, i): order::Place,
    ) -> Result<Arc<str>> {
        match docs.get(ci) {
            Some(values) => excerpts::render(ctx, &self.source.collections[ci].docs[i], &values[i]),
            None => {
                let page = &self.source.pages[i];
                excerpts::render_page(ctx, page, &merged_page_data(page))
            }
        }
    }

    /// `site` for a document. `shared` is the site every document sees
    /// unless it is itself among the eleven newest posts: only those get a
    /// copy, with themselves left out of `site.related_posts`. `value` is
    /// the document's own, which `site.posts` holds if it is a post: found
    /// by identity, not by looking up eleven paths.
    fn site_for_document(
        &self,
        shared: &Value,
        doc: &crate::document::Document,
        value: &Value,
    ) -> Value {
        let posts = shared.get("posts").and_then(Value::as_array).unwrap_or(&[]);
        let me = Some(doc.relative_path.as_str());
        let newest = match value {
            Value::Linked(own) => posts
                .iter()
                .take(11)
                .any(|p| matches!(p, Value::Linked(p) if p.same(own))),
            _ => posts
                .iter()
                .take(11)
                .any(|p| p.get("path").and_then(Value::as_str) == me),
        };
        if !newest {
            return shared.clone();
        }
        let mut site = shared.as_hash().cloned().unwrap_or_default();
        site.insert("related_posts".into(), related_posts(posts, me));
        Value::hash(site)
    }

    /// The `site` documents see unless they are among the newest posts.
    fn site_for_documents(site_value: &Value) -> Value {
        let mut site = site_value.as_hash().cloned().unwrap_or_default();
        let posts = site.get("posts").and_then(Value::as_array).unwrap_or(&[]);
        let related = related_posts(posts, None);
        site.insert("related_posts".into(), related);
        Value::hash(site)
    }
}
/// Runs `again`, renders given a second time, and drops the warnings it
/// adds: each file's warnings were given at its first render.
fn given_once<T>(warnings: &Mutex<Vec<String>>, again: impl FnOnce() -> T) -> T {
    let given = warnings.lock().map_or(0, |w| w.len());
    let result = again();
    if let Ok(mut w) = warnings.lock() {
        w.truncate(given);
    }
    result
}

/// `site.related_posts` without LSI: the ten most recent posts other than
/// the document at path `me`, none when the site has fewer than two posts.
/// `posts` is `site.posts`, newest first, so its first 11 are Jekyll's
/// `posts.last(11).reverse`.
fn related_posts(posts: &[Value], me: Option<&str>) -> Value {
    if posts.len() < 2 {
        return Value::array(Vec::new());
    }
    let related = posts
        .iter()
        .take(11)
        .filter(|p| me.is_none() || p.get("path").and_then(Value::as_str) != me)
        .take(10)
        .cloned()
        .collect();
    Value::array(related)
}

/// A page's front matter over its defaults, as `page.data` lookups see it:
/// a default only fills a key the front matter lacks (Jekyll's
/// `default_proc`), so `layout: null` keeps a page out of a default layout.
fn merged_page_data(page: &crate::page::Page) -> hyde_liquid::Map {
    let mut m = page.data.clone();
    for (k, v) in &page.defaults {
        if !m.contains_key(k) {
            m.insert(k.clone(), v.clone());
        }
    }
    m
}

/// Everything a build writes, rendered but not yet written.
pub struct Rendering {
    pub files: Vec<OutputFile>,
    pub warnings: Vec<String>,
    /// Every document as rendered (`hyde serve` keeps them for the next
    /// rebuild).
    pub docs: FastHashMap<String, Rendered>,
}

// Incremental rebuilds for hyde serve.

/// What a rebuild keeps from the last render: documents whose rendering
/// cannot have changed, and which pages to render at all.
#[derive(Default)]
pub struct Reuse {
    /// Documents rendered last time, by relative path: used as they are.
    pub docs: FastHashMap<String, Rendered>,
    /// The pages to render (by relative path); `None` renders all.
    pub pages: Option<std::collections::HashSet<String>>,
}

impl Reuse {
    pub(super) fn renders(&self, page: &crate::page::Page) -> bool {
        self.pages
            .as_ref()
            .is_none_or(|keep| keep.contains(&page.relative_path()))
    }
}

impl Site {
    /// Renders with `reuse`: the documents it holds keep their last
    /// rendering (and still appear in `site.posts` and the collections, for
    /// the pages that list them), and only the pages it names render.
    /// `hyde serve` decides what cannot have changed.
    pub fn render_reusing(&mut self, reuse: &mut Reuse) -> Result<Rendering> {
        std::mem::swap(&mut self.reuse, reuse);
        let rendering = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.render()));
        std::mem::swap(&mut self.reuse, reuse);
        rendering.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

impl Site {
    /// Renders only the pages and documents `keep` selects (by relative
    /// path), as if the others were not in the site: for pages that read
    /// nothing site-wide, whose output cannot depend on the others.
    pub fn render_only(&mut self, keep: &dyn Fn(&str) -> bool) -> Result<Rendering> {
        let all_pages = std::mem::take(&mut self.source.pages);
        self.source.pages = all_pages
            .iter()
            .filter(|p| keep(&p.relative_path()))
            .cloned()
            .collect();
        let mut all_docs = Vec::with_capacity(self.source.collections.len());
        for c in &mut self.source.collections {
            let docs = std::mem::take(&mut c.docs);
            c.docs = docs
                .iter()
                .filter(|d| keep(&d.relative_path))
                .cloned()
                .collect();
            all_docs.push(docs);
        }
        let rendering = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.render()));
        self.source.pages = all_pages;
        for (c, docs) in self.source.collections.iter_mut().zip(all_docs) {
            c.docs = docs;
        }
        rendering.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}
