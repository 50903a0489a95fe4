//! [`Linked`]: a hash among a sequence of them, whose `previous` and
//! `next` are its neighbours, as Jekyll's document drops are; and whose
//! content and output are what a [`Timeline`] says they are at the moment
//! they are looked at (pages, in a sequence of plain hashes, use the
//! timeline only).

use std::borrow::Cow;
use std::sync::Arc;

use crate::value::{Map, Value};

/// One of a sequence of hashes, as Jekyll's document drops show a
/// document: its own keys, and `previous` and `next` that are its
/// neighbours, linked in turn. They are made when looked up: the sequence
/// needs no copy of every hash with those two keys set (on a thousand
/// documents, the copies cost a thousand page faults), and
/// `page.next.previous` is the page again, as in Jekyll.
///
/// Like a drop, it prints as the document does (`Document#to_s`): its
/// output once rendered, else its content.
#[derive(Clone)]
pub struct Linked {
    seq: Arc<Sequence>,
    index: usize,
}

struct Sequence {
    /// Every item is a [`Value::Hash`].
    items: Vec<Value>,
    timeline: Option<Arc<dyn Timeline>>,
    /// Documents are drops; pages are plain hashes that only look their
    /// content up on the timeline (see [`Linked::pages`]).
    drop: bool,
}

/// What items of a sequence show at the moment they are looked at, where
/// it differs from what they hold. Jekyll renders documents and pages one
/// at a time, so each sees those rendered before it rendered, and the rest
/// as read; a [`Linked`] asks its sequence's timeline first.
pub trait Timeline: Send + Sync {
    /// `key` of item `index` as it stands now, if not what the item holds.
    /// Asked of `content`, `output` and `excerpt` only: rendering changes
    /// nothing else, and an excerpt renders when first shown.
    fn get(&self, index: usize, key: &str) -> Option<Value>;
}

thread_local! {
    static TIMELINE_READS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Timeline lookups this thread has made: what a render read that pages
/// rendered before it change (see `render::memo`).
pub(crate) fn timeline_reads() -> u64 {
    TIMELINE_READS.get()
}

impl Linked {
    /// Every item of `items` linked, when every one is a hash; otherwise
    /// the items as they are.
    pub fn all(items: Vec<Value>) -> Vec<Value> {
        Self::all_on(items, None)
    }

    /// [`all`](Self::all), whose items look up through `timeline`.
    pub fn all_on(items: Vec<Value>, timeline: Option<Arc<dyn Timeline>>) -> Vec<Value> {
        Self::sequence(items, timeline, true)
    }

    /// Pages, which Jekyll shows as plain hashes (no drop, no neighbours)
    /// made when looked at: their content is what the timeline says. Held
    /// in an array and printed with it, a page is its content (arrays hold
    /// pages, not their hashes).
    pub fn pages(items: Vec<Value>, timeline: Option<Arc<dyn Timeline>>) -> Vec<Value> {
        Self::sequence(items, timeline, false)
    }

    fn sequence(items: Vec<Value>, timeline: Option<Arc<dyn Timeline>>, drop: bool) -> Vec<Value> {
        if !items.iter().all(|v| matches!(v, Value::Hash(_))) {
            return items;
        }
        let len = items.len();
        let seq = Arc::new(Sequence {
            items,
            timeline,
            drop,
        });
        (0..len)
            .map(|index| {
                Value::Linked(Linked {
                    seq: seq.clone(),
                    index,
                })
            })
            .collect()
    }

    /// A hash alone that is still a drop: it prints and sizes as one.
    /// Its `previous` and `next` are what it holds (the document's page
    /// in its layouts has its neighbours linked there).
    pub fn single(map: Map) -> Value {
        Value::Linked(Linked {
            seq: Arc::new(Sequence {
                items: vec![Value::hash(map)],
                timeline: None,
                drop: true,
            }),
            index: 0,
        })
    }

    /// The item's own hash, where `previous` and `next` are what it holds.
    pub fn own(&self) -> &Arc<Map> {
        match &self.seq.items[self.index] {
            Value::Hash(h) => h,
            _ => unreachable!("Linked::all links hashes only"),
        }
    }

    /// A document drop, rather than a page's plain hash.
    pub fn is_drop(&self) -> bool {
        self.seq.drop
    }

    /// A page's hash as it stands now, for what treats it as any hash.
    pub(crate) fn plain(&self) -> Option<Value> {
        (!self.seq.drop).then(|| Value::hash(self.to_map()))
    }

    fn neighbour(&self, key: &str) -> Option<Value> {
        if !self.seq.drop {
            return None;
        }
        let index = match key {
            "previous" => self.index.checked_sub(1)?,
            "next" if self.index + 1 < self.seq.items.len() => self.index + 1,
            _ => return None,
        };
        Some(Value::Linked(Linked {
            seq: self.seq.clone(),
            index,
        }))
    }

    /// What the timeline says of `key`: only what rendering changes.
    fn now(&self, key: &str) -> Option<Value> {
        match key {
            "content" | "output" | "excerpt" => {
                let timeline = self.seq.timeline.as_ref()?;
                TIMELINE_READS.set(TIMELINE_READS.get() + 1);
                timeline.get(self.index, key)
            }
            _ => None,
        }
    }

    /// `hash[key]`, borrowing the item's own values: the neighbours for
    /// `previous` and `next`.
    pub fn get_ref(&self, key: &str, hash: Option<u64>) -> Option<Cow<'_, Value>> {
        if let Some(n) = self.neighbour(key).or_else(|| self.now(key)) {
            return Some(Cow::Owned(n));
        }
        self.own().get_maybe_hashed(key, hash).map(Cow::Borrowed)
    }

    /// `Document#to_s`: the output once rendered, else the content.
    pub fn write_to(&self, out: &mut String) {
        let output = self.get_ref("output", None);
        match output.as_deref() {
            Some(v) if v.is_truthy() => v.write_to(out),
            _ => {
                if let Some(content) = self.get_ref("content", None) {
                    content.write_to(out);
                }
            }
        }
    }

    /// Enumerable's `first` of a document drop: its first key and that
    /// key's value.
    pub fn first(&self) -> Value {
        let key = self.keys()[0];
        let value = self.get_ref(key, None).map(Cow::into_owned);
        Value::array(vec![Value::str(key), value.unwrap_or_default()])
    }

    /// A document drop's keys in its order: the drop's own methods, then
    /// the document's data.
    pub fn keys(&self) -> Vec<&str> {
        const METHODS: [&str; 15] = [
            "name",
            "id",
            "relative_path",
            "excerpt",
            "title",
            "categories",
            "collection",
            "next",
            "tags",
            "previous",
            "content",
            "output",
            "path",
            "url",
            "date",
        ];
        let mut keys = METHODS.to_vec();
        keys.extend(
            self.own()
                .keys()
                .map(|k| k.as_str())
                .filter(|k| !METHODS.contains(k)),
        );
        keys
    }

    /// `Document#inspect`, as arrays and hashes of documents show them.
    pub fn inspect(&self) -> String {
        let get = |k: &str| self.get_ref(k, None).map(|v| v.to_liquid_string());
        format!(
            "#<Jekyll::Document {} collection={}>",
            get("relative_path").unwrap_or_default(),
            get("collection").unwrap_or_default()
        )
    }

    /// The hash printed or iterated: the own keys, with `previous` and
    /// `next` the neighbours' own hashes, one level deep.
    pub fn to_map(&self) -> Map {
        self.with_neighbours(|n| Value::Hash(n.own().clone()), true)
    }

    /// A copy to change keys of that still looks up like the item: the own
    /// keys, with `previous` and `next` the neighbours, linked. Its
    /// `excerpt` is what the item holds: asking the timeline would render
    /// it now, where the copy's user may never show it.
    pub fn to_linked_map(&self) -> Map {
        self.with_neighbours(Value::Linked, false)
    }

    fn with_neighbours(&self, value: impl Fn(Linked) -> Value, excerpt: bool) -> Map {
        let mut m = (**self.own()).clone();
        if self.seq.timeline.is_some() {
            for (k, v) in m.iter_mut() {
                if !excerpt && k == "excerpt" {
                    continue;
                }
                if let Some(now) = self.now(k) {
                    *v = now;
                }
            }
        }
        for key in ["previous", "next"] {
            if let Some(Value::Linked(n)) = self.neighbour(key) {
                m.insert(key.into(), value(n));
            }
        }
        m
    }

    /// The same item of the same sequence.
    pub fn same(&self, other: &Linked) -> bool {
        Arc::ptr_eq(&self.seq, &other.seq) && self.index == other.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(t: &str) -> Value {
        let mut m = Map::new();
        m.insert("title".into(), Value::from(t));
        m.insert("previous".into(), Value::Nil);
        m.insert("next".into(), Value::Nil);
        Value::hash(m)
    }

    #[test]
    fn linked_hashes_look_up_neighbours_and_print_one_level() {
        let linked = Linked::all(vec![titled("a"), titled("b"), titled("c")]);
        let Value::Linked(b) = &linked[1] else {
            panic!("not linked")
        };
        let get = |l: &Linked, key: &str| l.get_ref(key, None).map(Cow::into_owned);
        let title = |v: Option<Value>| match v {
            Some(Value::Linked(l)) => l
                .own()
                .get("title")
                .and_then(|t| t.as_str().map(String::from)),
            _ => None,
        };
        assert_eq!(title(get(b, "next")).as_deref(), Some("c"));
        assert_eq!(title(get(b, "previous")).as_deref(), Some("a"));
        let Some(Value::Linked(c)) = get(b, "next") else {
            panic!("next not linked")
        };
        // The last has no next: what it holds (nil) shows.
        assert!(matches!(get(&c, "next"), Some(Value::Nil)));
        assert!(get(&c, "previous").unwrap().liquid_eq(&linked[1]));
        // As a hash, neighbours are their own hashes, without neighbours.
        let Value::Linked(a) = &linked[0] else {
            panic!("not linked")
        };
        assert_eq!(
            Value::hash(a.to_map()).inspect(),
            r#"{"title"=>"a", "previous"=>nil, "next"=>{"title"=>"b", "previous"=>nil, "next"=>nil}}"#
        );
        // Inspected, as in an array, a document names itself.
        assert_eq!(
            linked[0].inspect(),
            "#<Jekyll::Document  collection=>",
            "no relative_path or collection here"
        );
        // Anything but hashes among the items: none is linked.
        let mixed = Linked::all(vec![titled("a"), Value::Int(1)]);
        assert!(matches!(mixed[..], [Value::Hash(_), Value::Int(1)]));
    }

    fn doc(content: &str, output: Option<&str>) -> Value {
        let mut m = Map::new();
        m.insert("content".into(), Value::from(content));
        m.insert("output".into(), output.map(Value::from).unwrap_or_default());
        Value::hash(m)
    }

    /// Shows item 0's output as "shown" and counts the lookups it answered.
    struct Shows(std::sync::atomic::AtomicUsize);

    impl Timeline for Shows {
        fn get(&self, index: usize, key: &str) -> Option<Value> {
            assert!(key == "content" || key == "output", "asked of {key}");
            (index == 0 && key == "output").then(|| {
                self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Value::from("shown")
            })
        }
    }

    #[test]
    fn documents_print_their_output_else_their_content() {
        let docs = Linked::all(vec![doc("raw", None), doc("html", Some("page"))]);
        assert_eq!(docs[0].to_liquid_string(), "raw");
        assert_eq!(docs[1].to_liquid_string(), "page");
        // Filters see the same string, and no size or emptiness.
        assert_eq!(docs[0].to_ruby_s(), "raw");
        assert_eq!(docs[0].size(), None);
        assert_eq!(docs[0].is_empty_value(), None);
        let alone = Linked::single(Map::new());
        assert_eq!(alone.to_liquid_string(), "");
        assert!(!alone.is_blank());
    }

    #[test]
    fn a_timeline_answers_before_the_item() {
        let shows = Arc::new(Shows(Default::default()));
        let docs = Linked::all_on(
            vec![doc("raw", None), doc("b", None)],
            Some(shows.clone() as Arc<dyn Timeline>),
        );
        assert_eq!(docs[0].to_liquid_string(), "shown");
        assert_eq!(docs[1].to_liquid_string(), "b");
        let Value::Linked(b) = &docs[1] else {
            panic!("not linked")
        };
        let previous = b.get_ref("previous", None).unwrap().into_owned();
        assert_eq!(previous.to_liquid_string(), "shown");
        // Materialized for a filter, the hash holds what the timeline says.
        let Value::Linked(a) = &docs[0] else {
            panic!("not linked")
        };
        assert_eq!(a.to_map().get("output").unwrap().as_str(), Some("shown"));
        assert_eq!(a.to_map().get("content").unwrap().as_str(), Some("raw"));
        assert_eq!(shows.0.load(std::sync::atomic::Ordering::Relaxed), 4);
    }

    #[test]
    fn drops_iterate_keys_in_jekyll_order() {
        let Value::Linked(d) = &Linked::all(vec![doc("c", None)])[0] else {
            panic!("not linked")
        };
        let keys = d.keys();
        assert_eq!(keys[..3], ["name", "id", "relative_path"]);
        assert_eq!(keys.len(), 15, "content and output are the drop's own");
        assert_eq!(d.first().to_liquid_string(), "name");
    }
}
