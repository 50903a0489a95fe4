//! Jekyll's rendering order, kept under parallel rendering.
//!
//! Jekyll renders documents one at a time, collection by collection, each
//! in its order, then the pages. A document that looks at another one sees
//! it as it stands then: rendered (converted content, output) if it came
//! earlier, as read if not, and itself converted once its layouts render.
//! Pages see pages the same way. hyde renders every document (then every
//! page) at once, showing all of them as read, and notes which renders
//! looked at an earlier one's content or output. Only those are rendered
//! again afterwards, in Jekyll's order, seeing the earlier results: a site
//! where nothing looks back pays nothing more.

use std::cell::{Cell, RefCell};
use std::sync::{Arc, RwLock};

use hyde_liquid::{Timeline, Value};

use super::excerpts::Excerpts;
use super::payload::Rendered;

/// A document's place in Jekyll's order: its collection's, then its own.
pub type Place = (usize, usize);

thread_local! {
    /// The document this thread renders, if any.
    static NOW: Cell<Option<Place>> = const { Cell::new(None) };
    /// Whether its render has looked at an earlier document.
    static LOOKED_BACK: Cell<bool> = const { Cell::new(false) };
    /// It looked a name up among the counters (see [`counter_read`]).
    static READ_COUNTERS: Cell<bool> = const { Cell::new(false) };
    /// An excerpt renders (see [`excerpt`]).
    static EXCERPT: Cell<bool> = const { Cell::new(false) };
    /// Its converted content, once its layouts render: its own entry in
    /// `site.posts` or `site.pages` shows it then, as in Jekyll.
    static CONVERTED: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

/// The document or page this thread renders is converted: from now on,
/// its own entry shows `content` as `content`.
pub fn converted(content: &Arc<str>) {
    CONVERTED.with(|c| *c.borrow_mut() = Some(content.clone()));
}

/// The render on this thread looked a name up among the shared counters:
/// if anything counted, it renders again in order, as one that counted
/// (see [`Seen::again`]).
pub fn counter_read() {
    READ_COUNTERS.with(|r| r.set(true));
}

/// What a render saw that makes it render again, in order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Seen {
    /// It looked at an earlier item's content or output, or counted.
    pub looked: bool,
    /// It looked a name up among the counters.
    pub read_counters: bool,
}

impl Seen {
    /// Whether it renders again, once its phase is done: whether anything
    /// `counted` is known only then.
    pub fn again(self, counted: bool) -> bool {
        self.looked || (self.read_counters && counted)
    }
}

/// Runs `render` as an excerpt's. Jekyll renders an excerpt when something
/// first shows it, often never: its `increment`s must not count for the
/// rest of the site, so it counts on its own.
pub fn excerpt<T>(render: impl FnOnce() -> T) -> T {
    // Put back even if the render unwinds (`hyde serve` survives a panic):
    // left set, this thread's renders would never count again.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            EXCERPT.with(|e| e.set(self.0));
        }
    }
    let _restore = Restore(EXCERPT.with(|e| e.replace(true)));
    render()
}

/// Whether this thread renders an excerpt.
pub fn in_excerpt() -> bool {
    EXCERPT.with(Cell::get)
}

/// The render on this thread changes an `increment` counter, which every
/// render shares in Jekyll and sees in Jekyll's order: it renders again in
/// that order, as one that looked back does.
pub fn counted() {
    LOOKED_BACK.with(|l| l.set(true));
}

/// Runs `f` within the render on this thread, also saying whether `f`
/// looked at an earlier document's content or output (the render around
/// it has then looked too).
pub fn looking<T>(f: impl FnOnce() -> T) -> (T, bool) {
    let outer = LOOKED_BACK.with(|l| l.replace(false));
    let result = f();
    let looked = LOOKED_BACK.with(|l| l.replace(outer || l.get()));
    (result, looked)
}

/// Runs `render` as the render of the document at `place`; also says
/// whether it looked at an earlier document's content or output. Nested
/// calls (a thread that runs another render while it waits) restore
/// what they found.
pub fn rendering<T>(place: Place, render: impl FnOnce() -> T) -> (T, Seen) {
    let outer = NOW.with(|n| n.replace(Some(place)));
    let outer_looked = LOOKED_BACK.with(|l| l.replace(false));
    let outer_read = READ_COUNTERS.with(|r| r.replace(false));
    let outer_converted = CONVERTED.with(|c| c.borrow_mut().take());
    let result = render();
    let seen = Seen {
        looked: LOOKED_BACK.with(|l| l.replace(outer_looked)),
        read_counters: READ_COUNTERS.with(|r| r.replace(outer_read)),
    };
    NOW.with(|n| n.set(outer));
    CONVERTED.with(|c| *c.borrow_mut() = outer_converted);
    (result, seen)
}

/// One collection's documents as the timeline shows them: results are
/// known once [`record`](Self::record)ed.
pub struct CollectionOrder {
    rank: usize,
    rendered: RwLock<Vec<Option<Rendered>>>,
    /// Excerpts, which render when first shown.
    excerpts: Option<Arc<Excerpts>>,
}

impl CollectionOrder {
    /// The timeline of the items `rank`th in Jekyll's order (a collection,
    /// or the pages after the last one), without excerpts.
    #[cfg(test)]
    pub fn new(rank: usize) -> Arc<CollectionOrder> {
        Self::with_excerpts(rank, None)
    }

    /// The timeline of the items `rank`th in Jekyll's order (a collection,
    /// or the pages after the last one), whose excerpts are in `excerpts`.
    pub fn with_excerpts(rank: usize, excerpts: Option<Arc<Excerpts>>) -> Arc<CollectionOrder> {
        Arc::new(CollectionOrder {
            rank,
            rendered: RwLock::new(Vec::new()),
            excerpts,
        })
    }

    /// The result of rendering document `index`, which later documents see.
    pub fn record(&self, index: usize, rendered: &Rendered) {
        let mut all = self.rendered.write().unwrap_or_else(|e| e.into_inner());
        if all.len() <= index {
            all.resize(index + 1, None);
        }
        all[index] = Some(rendered.clone());
    }
}

impl Timeline for CollectionOrder {
    fn get(&self, index: usize, key: &str) -> Option<Value> {
        if key == "excerpt" {
            return self.excerpts.as_ref()?.get((self.rank, index));
        }
        let now = NOW.with(Cell::get)?;
        if (self.rank, index) == now {
            return match key {
                "content" => CONVERTED.with(|c| c.borrow().clone()).map(Value::Str),
                _ => None,
            };
        }
        if (self.rank, index) > now {
            return None;
        }
        LOOKED_BACK.with(|l| l.set(true));
        let all = self.rendered.read().unwrap_or_else(|e| e.into_inner());
        let shown = all.get(index)?.as_ref()?;
        let value = if key == "content" {
            &shown.content
        } else {
            &shown.output
        };
        value.clone().map(Value::Str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(output: &str) -> Rendered {
        Rendered {
            content: Some("c".into()),
            output: Some(output.into()),
            excerpt: None,
        }
    }

    #[test]
    fn only_earlier_documents_show_rendered_and_looking_is_noted() {
        let posts = CollectionOrder::new(0);
        posts.record(1, &rendered("one"));
        let notes = CollectionOrder::new(1);
        notes.record(0, &rendered("note"));
        // Outside a document's render, nothing is shown.
        assert!(posts.get(1, "output").is_none());
        let (seen, looked) = rendering((0, 2), || {
            (
                posts.get(1, "output"),
                posts.get(3, "output"),
                notes.get(0, "output"),
            )
        });
        assert_eq!(seen.0.unwrap().as_str(), Some("one"));
        assert!(seen.1.is_none() && seen.2.is_none());
        assert!(looked.looked);
        let (_, looked) = rendering((0, 2), || notes.get(0, "content"));
        assert!(!looked.looked, "a later collection is not earlier");
    }

    #[test]
    fn nested_renders_restore_the_outer_one() {
        let posts = CollectionOrder::new(0);
        let ((inner, after), outer) = rendering((0, 5), || {
            let inner = rendering((0, 0), || posts.get(3, "output"));
            (inner, posts.get(3, "output"))
        });
        assert!(
            !inner.1.looked,
            "the inner render looked at a later document"
        );
        assert!(
            after.is_none() && outer.looked,
            "the outer one at an earlier one"
        );
    }

    #[test]
    fn its_own_entry_shows_it_converted_once_its_layouts_render() {
        let posts = CollectionOrder::new(0);
        let ((before, after), looked) = rendering((0, 1), || {
            let before = posts.get(1, "content");
            converted(&Arc::from("<p>x</p>"));
            (before, posts.get(1, "content"))
        });
        assert!(before.is_none(), "while its Liquid renders, as read");
        assert_eq!(after.unwrap().as_str(), Some("<p>x</p>"));
        assert!(!looked.looked, "itself is not an earlier document");
        assert!(rendering((0, 1), || posts.get(1, "content")).0.is_none());
    }
}
