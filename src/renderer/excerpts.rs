//! Excerpts, rendered when first shown.
//!
//! Jekyll renders a document's excerpt the first time something asks for
//! it (`Excerpt#output`), against the site as it stands then, and keeps
//! the result: a post listing other posts' excerpts shows them converted,
//! and an excerpt nothing shows (most of them, on a blog whose index shows
//! ten) costs nothing. Document values (and pages', with `page_excerpts`)
//! look their `excerpt` up through a [`Timeline`] that asks [`Excerpts`];
//! the render that asks renders it, with whatever the phase under way
//! installed by [`showing`].

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Result;
use hyde_liquid::{Linked, Map, Timeline, Value};

use super::order::Place;
use super::{payload, Item, RenderContext};
use crate::document::Document;
use crate::page::Page;
use crate::site::Site;

/// Every document's and page's excerpt, once rendered.
pub struct Excerpts {
    /// By collection, then document (the pages last): `None` where the
    /// item has no generated excerpt (none configured, or one set in front
    /// matter).
    slots: Vec<Vec<Option<OnceLock<Arc<str>>>>>,
    /// Documents render all at once: an excerpt rendered then that looked
    /// at an earlier document saw it as read, and is not kept. Its render
    /// runs again in Jekyll's order (see [`super::order`]), and the
    /// excerpt is kept from then on.
    at_once: AtomicBool,
    /// The first excerpt that failed to render, and why (`None`: it showed
    /// itself): the build fails with it once the phase is done, as
    /// Jekyll's fails where it is shown.
    error: Mutex<Option<(Place, Option<anyhow::Error>)>>,
}

/// Renders the excerpt of the document at a place, for the phase under
/// way.
pub type Render<'a> = dyn Fn(Place) -> Result<Arc<str>> + Sync + 'a;

thread_local! {
    /// The phase's [`Render`], while a render runs on this thread.
    static RENDER: Cell<Option<*const Render<'static>>> = const { Cell::new(None) };
    /// The excerpts rendering on this thread, outermost first.
    static STACK: RefCell<Vec<Place>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `render` answering for excerpts not yet rendered.
pub fn showing<T>(render: &Render<'_>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<*const Render<'static>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            RENDER.with(|r| r.set(self.0));
        }
    }
    // SAFETY: only the lifetime is erased. The pointer is read by `get`
    // on this thread while `f` runs, when `render` is still borrowed, and
    // the guard puts the outer one back even if `f` unwinds.
    let erased: *const Render<'static> =
        unsafe { std::mem::transmute(render as *const Render<'_>) };
    let _restore = Restore(RENDER.with(|r| r.replace(Some(erased))));
    f()
}

impl Excerpts {
    /// Slots for the site's documents, then (as the collection after the
    /// last) its pages; `kept` gives a document's excerpt already rendered
    /// (by the last build, for `hyde serve`).
    pub fn new(site: &Site, kept: impl Fn(&Document) -> Option<Arc<str>>) -> Arc<Excerpts> {
        let mut slots: Vec<Vec<_>> = site
            .source
            .collections
            .iter()
            .map(|c| {
                c.docs
                    .iter()
                    .map(|d| {
                        generated(d).then(|| {
                            let slot = OnceLock::new();
                            if let Some(html) = kept(d) {
                                let _ = slot.set(html);
                            }
                            slot
                        })
                    })
                    .collect()
            })
            .collect();
        slots.push(
            site.source
                .pages
                .iter()
                .map(|p| p.excerpt_source.as_ref().map(|_| OnceLock::new()))
                .collect(),
        );
        Arc::new(Excerpts {
            slots,
            at_once: AtomicBool::new(true),
            error: Mutex::new(None),
        })
    }

    /// The excerpt of the document at `place`, rendered now if it was not
    /// yet; `None` if it has no generated one (its value holds what shows),
    /// or if it cannot render now.
    pub fn get(&self, place: Place) -> Option<Value> {
        let slot = self.slots.get(place.0)?.get(place.1)?.as_ref()?;
        if let Some(html) = slot.get() {
            return Some(Value::Str(html.clone()));
        }
        let render = RENDER.with(Cell::get)?;
        if STACK.with(|s| s.borrow().contains(&place)) {
            self.fail(place, None);
            return None;
        }
        // Popped even if the render unwinds: `hyde serve` survives a panic,
        // and a place left behind would read as a cycle ever after.
        struct Pop;
        impl Drop for Pop {
            fn drop(&mut self) {
                STACK.with(|s| s.borrow_mut().pop());
            }
        }
        STACK.with(|s| s.borrow_mut().push(place));
        let pop = Pop;
        // SAFETY: see `showing`: the borrow behind the pointer outlives it.
        let (result, looked) = super::order::looking(|| unsafe { (*render)(place) });
        drop(pop);
        match result {
            Ok(html) if looked && self.at_once.load(Ordering::Relaxed) => Some(Value::Str(html)),
            // Another thread may have rendered it meanwhile: the same text.
            Ok(html) => Some(Value::Str(slot.get_or_init(|| html).clone())),
            Err(e) => {
                self.fail(place, Some(e));
                None
            }
        }
    }

    /// Documents now render one at a time, in Jekyll's order: excerpts
    /// are kept however they were made.
    pub fn in_order(&self) {
        self.at_once.store(false, Ordering::Relaxed);
    }

    /// The excerpt of the document at `place`, if it has been rendered.
    pub fn rendered(&self, place: Place) -> Option<Arc<str>> {
        self.slots
            .get(place.0)?
            .get(place.1)?
            .as_ref()?
            .get()
            .cloned()
    }

    fn fail(&self, place: Place, error: Option<anyhow::Error>) {
        let mut first = self.error.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert((place, error));
    }

    /// The first excerpt of `site`'s documents that failed to render.
    pub fn check(&self, site: &Site) -> Result<()> {
        let Some(((ci, i), error)) = self.error.lock().unwrap_or_else(|e| e.into_inner()).take()
        else {
            return Ok(());
        };
        Err(error.unwrap_or_else(|| {
            let name = match site.source.collections.get(ci) {
                Some(c) => c.docs[i].relative_path.clone(),
                None => site.source.pages[i].relative_path(),
            };
            anyhow::anyhow!(
                "{name}: its excerpt shows itself, through the excerpts it shows \
                 (Jekyll fails with \"stack level too deep\")"
            )
        }))
    }
}

/// Whether `doc` has an excerpt made from its content, rendered when shown.
fn generated(doc: &Document) -> bool {
    doc.excerpt_source.is_some() && !doc.data.contains_key("excerpt")
}

/// One collection's documents' excerpts, as their values look them up.
pub struct CollectionExcerpts {
    pub excerpts: Arc<Excerpts>,
    pub rank: usize,
}

impl Timeline for CollectionExcerpts {
    fn get(&self, index: usize, key: &str) -> Option<Value> {
        (key == "excerpt")
            .then(|| self.excerpts.get((self.rank, index)))
            .flatten()
    }
}

/// Renders `doc`'s excerpt as Jekyll's `Excerpt` does: like its document,
/// without layouts, with `page` showing the document's data minus `layout`
/// and `excerpt`. `value` is the document's value in the phase under way.
pub fn render(ctx: &RenderContext<'_>, doc: &Document, value: &Value) -> Result<Arc<str>> {
    let source = Source {
        relative_path: &doc.relative_path,
        path: &doc.path,
        src: doc.excerpt_source.as_deref().unwrap_or_default(),
        content_line: doc.content_line,
        ext: &doc.extname,
        output_ext: &doc.output_ext,
        data: &doc.data,
    };
    render_source(ctx, &source, || {
        let mut page = payload::document_map(value);
        page.insert("content".into(), Value::from(source.src));
        page
    })
}

/// Renders `page`'s excerpt (`PageExcerpt`, with `page_excerpts`): as a
/// document's, with `page` the page's hash without its excerpt.
pub fn render_page(ctx: &RenderContext<'_>, page: &Page, data: &Map) -> Result<Arc<str>> {
    let relative_path = page.relative_path();
    let source = Source {
        relative_path: &relative_path,
        path: &page.path,
        src: page.excerpt_source.as_deref().unwrap_or_default(),
        content_line: page.content_line,
        ext: &page.ext,
        output_ext: &page.output_ext,
        data,
    };
    render_source(ctx, &source, || {
        payload::page_value(page, &page.content)
            .as_hash()
            .cloned()
            .unwrap_or_default()
    })
}

/// What an excerpt is made from: its item's, with the excerpt's text.
struct Source<'a> {
    relative_path: &'a str,
    path: &'a std::path::Path,
    src: &'a str,
    content_line: usize,
    ext: &'a str,
    output_ext: &'a str,
    data: &'a Map,
}

fn render_source(
    ctx: &RenderContext<'_>,
    source: &Source<'_>,
    page: impl FnOnce() -> Map,
) -> Result<Arc<str>> {
    let relative = format!("{}/#excerpt", source.relative_path);
    // Without Liquid nothing reads `page` or the data: the excerpt is
    // its source converted, without the two hashes made for Liquid (a
    // thousand excerpts spent more on those than on converting).
    let liquid = crate::utils::has_liquid(source.src);
    let trimmed;
    let data = if liquid {
        let mut data = source.data.clone();
        data.shift_remove("layout");
        data.shift_remove("excerpt");
        trimmed = data;
        &trimmed
    } else {
        source.data
    };
    let item = Item {
        relative_path: &relative,
        path: source.path,
        content: source.src,
        content_line: source.content_line,
        ext: source.ext,
        output_ext: source.output_ext,
        data,
        place_in_layout: false,
        site: None,
    };
    if !liquid {
        return ctx.render_without_liquid(&item).map(Into::into);
    }
    let mut page = page();
    page.insert("excerpt".into(), Value::Nil);
    let page = Linked::single(page);
    let same = page.clone();
    let out =
        super::order::excerpt(|| ctx.render(&item, page, Value::Nil, &move |_| same.clone()))?;
    Ok(out.output.into())
}
