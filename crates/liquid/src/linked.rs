//! [`Linked`]: a hash among a sequence of them, whose `previous` and
//! `next` are its neighbours, as Jekyll's document drops are.

use std::borrow::Cow;
use std::sync::Arc;

use crate::value::{Map, Value};

/// One of a sequence of hashes, as Jekyll's document drops show a
/// document: its own keys, and `previous` and `next` that are its
/// neighbours, linked in turn. They are made when looked up: the sequence
/// needs no copy of every hash with those two keys set (on a thousand
/// documents, the copies cost a thousand page faults), and
/// `page.next.previous` is the page again, as in Jekyll.
#[derive(Clone)]
pub struct Linked {
    /// Every item is a [`Value::Hash`].
    items: Arc<Vec<Value>>,
    index: usize,
}

impl Linked {
    /// Every item of `items` linked, when every one is a hash; otherwise
    /// the items as they are.
    pub fn all(items: Vec<Value>) -> Vec<Value> {
        if !items.iter().all(|v| matches!(v, Value::Hash(_))) {
            return items;
        }
        let items = Arc::new(items);
        (0..items.len())
            .map(|index| {
                Value::Linked(Linked {
                    items: items.clone(),
                    index,
                })
            })
            .collect()
    }

    /// The item's own hash, where `previous` and `next` are what it holds.
    pub fn own(&self) -> &Arc<Map> {
        match &self.items[self.index] {
            Value::Hash(h) => h,
            _ => unreachable!("Linked::all links hashes only"),
        }
    }

    fn neighbour(&self, key: &str) -> Option<Value> {
        let index = match key {
            "previous" => self.index.checked_sub(1)?,
            "next" if self.index + 1 < self.items.len() => self.index + 1,
            _ => return None,
        };
        Some(Value::Linked(Linked {
            items: self.items.clone(),
            index,
        }))
    }

    /// `hash[key]`, borrowing the item's own values: the neighbours for
    /// `previous` and `next`.
    pub fn get_ref(&self, key: &str, hash: Option<u64>) -> Option<Cow<'_, Value>> {
        match self.neighbour(key) {
            Some(n) => Some(Cow::Owned(n)),
            None => self.own().get_maybe_hashed(key, hash).map(Cow::Borrowed),
        }
    }

    /// The hash printed or iterated: the own keys, with `previous` and
    /// `next` the neighbours' own hashes, one level deep.
    pub fn to_map(&self) -> Map {
        self.with_neighbours(|n| Value::Hash(n.own().clone()))
    }

    /// A copy to change keys of that still looks up like the item: the own
    /// keys, with `previous` and `next` the neighbours, linked.
    pub fn to_linked_map(&self) -> Map {
        self.with_neighbours(Value::Linked)
    }

    fn with_neighbours(&self, value: impl Fn(Linked) -> Value) -> Map {
        let mut m = (**self.own()).clone();
        for key in ["previous", "next"] {
            if let Some(Value::Linked(n)) = self.neighbour(key) {
                m.insert(key.into(), value(n));
            }
        }
        m
    }

    /// The same item of the same sequence.
    pub(crate) fn same(&self, other: &Linked) -> bool {
        Arc::ptr_eq(&self.items, &other.items) && self.index == other.index
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
        // Printed, neighbours are their own hashes, without neighbours.
        assert_eq!(
            linked[0].inspect(),
            r#"{"title"=>"a", "previous"=>nil, "next"=>{"title"=>"b", "previous"=>nil, "next"=>nil}}"#
        );
        // Anything but hashes among the items: none is linked.
        let mixed = Linked::all(vec![titled("a"), Value::Int(1)]);
        assert!(matches!(mixed[..], [Value::Hash(_), Value::Int(1)]));
    }
}
