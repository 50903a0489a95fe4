//! The values Liquid templates see, modelled on the Ruby objects Jekyll hands
//! to Liquid: nil, booleans, Integer, Float, String, Array, Hash, Time, Date
//! and Range.
//!
//! Strings, arrays and hashes sit behind `Arc` so that site-wide data
//! (`site.posts`, collections, `site.data`) is built once and shared by every
//! page rendered on every thread; cloning a `Value` never copies a document.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use indexmap::map::RawEntryApiV1;
use indexmap::IndexMap;

pub use crate::linked::{Linked, Timeline};

/// A Ruby Hash with string keys, in insertion order as Ruby keeps it.
///
/// A thin wrapper over `IndexMap` with a fast non-cryptographic hasher:
/// every variable lookup and every page's payload hashes keys, and SipHash
/// was a tenth of a build's time. The wrapper keeps `Map::new()` and the
/// rest of the `IndexMap` API (through `Deref`) working as before.
#[derive(Clone, Default)]
pub struct Map(IndexMap<Key, Value, foldhash::fast::FixedState>);

/// A hash key: short keys (nearly all) live inline, without an allocation.
pub type Key = compact_str::CompactString;

impl Map {
    pub fn new() -> Map {
        Map::default()
    }

    pub fn with_capacity(n: usize) -> Map {
        Map(IndexMap::with_capacity_and_hasher(n, Default::default()))
    }
}

/// A name a template looks up again and again (`page`, `.title`), with its
/// hash made once, when the template is parsed: hashing names was a tenth
/// of rendering, and a variable is looked for in every scope in turn.
#[derive(Debug, Clone)]
pub struct HashedName {
    name: String,
    hash: u64,
}

impl HashedName {
    pub fn new(name: &str) -> HashedName {
        HashedName {
            name: name.to_string(),
            hash: HashedName::hash_of(name),
        }
    }

    /// The hash `Map` gives `name` (a `Key` hashes as its str).
    pub fn hash_of(name: &str) -> u64 {
        use std::hash::BuildHasher;
        foldhash::fast::FixedState::default().hash_one(name)
    }

    pub fn as_str(&self) -> &str {
        &self.name
    }

    pub fn hash(&self) -> u64 {
        self.hash
    }
}

impl std::ops::Deref for HashedName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for HashedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// Hashes with at most this many entries are searched in order.
const SCAN_BELOW: usize = 8;

impl Map {
    /// `get` with the name's hash already made.
    pub fn get_hashed(&self, name: &HashedName) -> Option<&Value> {
        self.get_maybe_hashed(name.as_str(), Some(name.hash))
    }

    /// A copy of this hash, its values replaced in order by `values`: for
    /// hashes with the same keys every time (a render's globals, a
    /// `forloop`), cheaper than inserting each key again.
    pub fn with_values(&self, values: impl IntoIterator<Item = Value>) -> Map {
        let mut m = self.clone();
        for (slot, value) in m.values_mut().zip(values) {
            *slot = value;
        }
        m
    }

    /// `get`, with the hash already made when there is one.
    pub fn get_maybe_hashed(&self, key: &str, hash: Option<u64>) -> Option<&Value> {
        // Scopes, globals, a forloop, include parameters: a few entries,
        // compared by length then bytes, cost less than probing a table.
        if self.0.len() <= SCAN_BELOW {
            return self
                .0
                .iter()
                .find(|(k, _)| k.as_str() == key)
                .map(|(_, v)| v);
        }
        match hash {
            Some(hash) => self
                .0
                .raw_entry_v1()
                .from_key_hashed_nocheck(hash, key)
                .map(|(_, v)| v),
            None => self.0.get(key),
        }
    }
}

impl std::ops::Deref for Map {
    type Target = IndexMap<Key, Value, foldhash::fast::FixedState>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Map {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl fmt::Debug for Map {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromIterator<(Key, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (Key, Value)>>(iter: I) -> Map {
        Map(IndexMap::from_iter(iter))
    }
}

impl Extend<(Key, Value)> for Map {
    fn extend<I: IntoIterator<Item = (Key, Value)>>(&mut self, iter: I) {
        self.0.extend(iter)
    }
}

impl IntoIterator for Map {
    type Item = (Key, Value);
    type IntoIter = indexmap::map::IntoIter<Key, Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a Key, &'a Value);
    type IntoIter = indexmap::map::Iter<'a, Key, Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut Map {
    type Item = (&'a Key, &'a mut Value);
    type IntoIter = indexmap::map::IterMut<'a, Key, Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

/// A Liquid value.
#[derive(Clone, Default)]
pub enum Value {
    #[default]
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Arc<str>),
    Array(Arc<Vec<Value>>),
    Hash(Arc<Map>),
    /// A Ruby `Time` (YAML timestamps, `site.time`, document dates).
    Time(DateTime<FixedOffset>),
    /// A Ruby `Date` (a plain `2020-01-01` in YAML).
    Date(NaiveDate),
    /// An inclusive integer range `(a..b)`.
    Range(i64, i64),
    /// A hash among a sequence of them whose `previous` and `next` are its
    /// neighbours ([`Linked`]).
    Linked(Linked),
}

impl Value {
    pub fn str(s: impl AsRef<str>) -> Value {
        Value::Str(Arc::from(s.as_ref()))
    }

    pub fn array(items: Vec<Value>) -> Value {
        Value::Array(Arc::new(items))
    }

    pub fn hash(map: Map) -> Value {
        Value::Hash(Arc::new(map))
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// Ruby truthiness: only `nil` and `false` are false.
    pub fn is_truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_linked(&self) -> Option<&Linked> {
        match self {
            Value::Linked(l) => Some(l),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// A hash's keys; a linked hash's own, where `previous` and `next`
    /// are what it holds, not its neighbours ([`Linked::to_map`] has those).
    pub fn as_hash(&self) -> Option<&Map> {
        match self {
            Value::Hash(h) => Some(h),
            Value::Linked(l) => Some(l.own()),
            _ => None,
        }
    }

    /// `hash[key]` for hashes, nil for everything else.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_hash().and_then(|h| h.get(key))
    }

    /// `self[key]` as a template sees it now: a document's content, output
    /// and excerpt as its [`Linked`] timeline shows them (an excerpt
    /// renders when first asked for), else what [`get`](Self::get) finds.
    pub fn get_now(&self, key: &str) -> Option<std::borrow::Cow<'_, Value>> {
        match self {
            Value::Linked(l) => l.get_ref(key, None),
            _ => self.get(key).map(std::borrow::Cow::Borrowed),
        }
    }

    /// The Ruby class name, as Liquid error messages and `inspect` use it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Nil => "NilClass",
            Value::Bool(true) => "TrueClass",
            Value::Bool(false) => "FalseClass",
            Value::Int(_) => "Integer",
            Value::Float(_) => "Float",
            Value::Str(_) => "String",
            Value::Array(_) => "Array",
            Value::Hash(_) | Value::Linked(_) => "Hash",
            Value::Time(_) => "Time",
            Value::Date(_) => "Date",
            Value::Range(..) => "Range",
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(Arc::from(s))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Value {
        Value::array(v)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::hash(m)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nil => f.write_str("nil"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Array(a) => f.debug_list().entries(a.iter()).finish(),
            Value::Hash(h) => f.debug_map().entries(h.iter()).finish(),
            Value::Time(t) => write!(f, "{t}"),
            Value::Date(d) => write!(f, "{d}"),
            Value::Range(a, b) => write!(f, "({a}..{b})"),
            Value::Linked(l) => f.debug_map().entries(l.to_map().iter()).finish(),
        }
    }
}

/// Key under which a hash standing in for a Liquid drop (`forloop`,
/// `tablerowloop`) records the Ruby class name it prints as.
pub const DROP_CLASS_KEY: &str = "\u{0}drop";

/// The class of Jekyll's collection drops, which print and write their
/// documents in their own way.
pub const COLLECTION_DROP: &str = "Jekyll::Drops::CollectionDrop";

/// Ruby `Float#to_s`: shortest round-trip digits, fixed notation while the
/// decimal exponent is in `-4..16`, scientific (`1.0e+20`) outside it.
pub fn float_to_s(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let decpt = exp + 1;
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    if !(-3..=16).contains(&decpt) {
        out.push_str(&digits[..1]);
        out.push('.');
        if digits.len() > 1 {
            out.push_str(&digits[1..]);
        } else {
            out.push('0');
        }
        let e = decpt - 1;
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", e.abs()));
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..(-decpt) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let d = decpt as usize;
        if digits.len() <= d {
            out.push_str(&digits);
            for _ in digits.len()..d {
                out.push('0');
            }
            out.push_str(".0");
        } else {
            out.push_str(&digits[..d]);
            out.push('.');
            out.push_str(&digits[d..]);
        }
    }
    out
}

/// Ruby `String#inspect` for UTF-8 strings.
pub fn inspect_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x0c' => out.push_str("\\f"),
            '\x0b' => out.push_str("\\v"),
            '\x08' => out.push_str("\\b"),
            '\x07' => out.push_str("\\a"),
            '\x1b' => out.push_str("\\e"),
            '#' => {
                if matches!(chars.peek(), Some('{' | '$' | '@')) {
                    out.push_str("\\#");
                } else {
                    out.push('#');
                }
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Value {
    /// Ruby `to_s` as Liquid prints a value: nil is empty, arrays are joined
    /// (recursively, without separator), hashes use `inspect`.
    pub fn to_liquid_string(&self) -> String {
        let mut s = String::new();
        self.write_to(&mut s);
        s
    }

    /// Ruby `to_s` as filters see it: arrays and hashes use `inspect`
    /// (only `{{ }}` output joins arrays).
    pub fn to_ruby_s(&self) -> String {
        match self {
            Value::Array(_) | Value::Hash(_) => self.inspect(),
            Value::Linked(l) if !l.is_drop() => self.inspect(),
            other => other.to_liquid_string(),
        }
    }

    /// Appends `to_s` to `out` without intermediate allocations for arrays.
    pub fn write_to(&self, out: &mut String) {
        match self {
            Value::Nil => {}
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&float_to_s(*f)),
            Value::Str(s) => out.push_str(s),
            Value::Array(a) => {
                for v in a.iter() {
                    v.write_item_to(out);
                }
            }
            Value::Hash(h) => match h.get(DROP_CLASS_KEY) {
                // `CollectionDrop#to_s`: its documents, inspected.
                Some(Value::Str(class)) if &**class == COLLECTION_DROP => {
                    let docs = h.get("docs").cloned().unwrap_or_default();
                    out.push_str(&docs.inspect());
                }
                Some(Value::Str(class)) => out.push_str(class),
                _ => out.push_str(&self.inspect()),
            },
            Value::Time(t) => out.push_str(&t.format("%Y-%m-%d %H:%M:%S %z").to_string()),
            Value::Date(d) => out.push_str(&d.format("%Y-%m-%d").to_string()),
            Value::Range(a, b) => out.push_str(&format!("{a}..{b}")),
            Value::Linked(l) => match l.plain() {
                Some(page) => page.write_to(out),
                None => l.write_to(out),
            },
        }
    }

    /// `to_s` of an array's item as `{{ array }}` prints it: a page there
    /// is the page itself, whose `to_s` is its content, not the hash it
    /// shows as a variable (`join` and the rest see that hash).
    fn write_item_to(&self, out: &mut String) {
        match self {
            Value::Linked(l) if !l.is_drop() => {
                if let Some(content) = l.get_ref("content", None) {
                    content.write_to(out);
                }
            }
            other => other.write_to(out),
        }
    }

    /// Ruby `Array#join(sep)`: nested arrays are joined with the same separator.
    pub fn join_into(items: &[Value], sep: &str, out: &mut String) {
        for (i, v) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            match v {
                Value::Array(inner) => Value::join_into(inner, sep, out),
                other => other.write_to(out),
            }
        }
    }

    /// Ruby 3.1 `inspect`.
    pub fn inspect(&self) -> String {
        match self {
            Value::Nil => "nil".into(),
            Value::Str(s) => inspect_str(s),
            Value::Array(a) => {
                let parts: Vec<String> = a.iter().map(|v| v.inspect()).collect();
                format!("[{}]", parts.join(", "))
            }
            // `Document#inspect`: arrays and hashes hold documents, not drops.
            Value::Linked(l) => match l.plain() {
                Some(page) => page.inspect(),
                None => l.inspect(),
            },
            Value::Hash(h) if h.contains_key(DROP_CLASS_KEY) => self.to_liquid_string(),
            Value::Hash(h) => {
                if h.is_empty() {
                    return "{}".into();
                }
                let parts: Vec<String> = h
                    .iter()
                    .map(|(k, v)| format!("{}=>{}", inspect_str(k), v.inspect()))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            Value::Date(d) => {
                let jd = d.num_days_from_ce() as i64 + 1_721_425;
                format!(
                    "#<Date: {} (({}j,0s,0n),+0s,2299161j)>",
                    d.format("%Y-%m-%d"),
                    jd
                )
            }
            other => other.to_liquid_string(),
        }
    }

    /// A key equal for values Ruby's `Hash`/`uniq` treat as the same
    /// (`eql?`: `1` and `1.0` differ), for linear-time grouping.
    pub fn eql_key(&self) -> String {
        let mut k = String::from(self.type_name());
        k.push(':');
        k.push_str(&self.inspect());
        k
    }

    /// Ruby `==`: numbers compare across Integer and Float, containers
    /// element-wise.
    pub fn liquid_eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Nil, Nil) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Int(a), Float(b)) | (Float(b), Int(a)) => (*a as f64) == *b,
            (Float(a), Float(b)) => a == b,
            (Str(a), Str(b)) => a == b,
            (Array(a), Array(b)) => {
                Arc::ptr_eq(a, b)
                    || (a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.liquid_eq(y)))
            }
            (Linked(a), Linked(b)) if a.same(b) => true,
            // A drop is equal to itself only (Ruby's `Object#==`): comparing
            // its keys would also render its excerpt, too early.
            (Linked(l), _) | (_, Linked(l)) if l.is_drop() => false,
            (Linked(l), other) | (other, Linked(l)) => Value::hash(l.to_map()).liquid_eq(other),
            (Hash(a), Hash(b)) => {
                Arc::ptr_eq(a, b)
                    || (a.len() == b.len()
                        && a.iter()
                            .all(|(k, v)| b.get(k).is_some_and(|w| v.liquid_eq(w))))
            }
            (Time(a), Time(b)) => a == b,
            (Date(a), Date(b)) => a == b,
            (Range(a, b), Range(c, d)) => a == c && b == d,
            _ => false,
        }
    }

    /// Ruby `<=>` between two values, `None` where Ruby returns nil.
    pub fn ruby_cmp(&self, other: &Value) -> Option<std::cmp::Ordering> {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => Some(a.cmp(b)),
            (Int(a), Float(b)) => (*a as f64).partial_cmp(b),
            (Float(a), Int(b)) => a.partial_cmp(&(*b as f64)),
            (Float(a), Float(b)) => a.partial_cmp(b),
            (Str(a), Str(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
            (Time(a), Time(b)) => Some(a.cmp(b)),
            (Date(a), Date(b)) => Some(a.cmp(b)),
            (Bool(a), Bool(b)) if a == b => Some(std::cmp::Ordering::Equal),
            (Nil, Nil) => Some(std::cmp::Ordering::Equal),
            (Array(a), Array(b)) => {
                for (x, y) in a.iter().zip(b.iter()) {
                    match x.ruby_cmp(y)? {
                        std::cmp::Ordering::Equal => {}
                        o => return Some(o),
                    }
                }
                Some(a.len().cmp(&b.len()))
            }
            _ => None,
        }
    }

    /// Ruby `empty?` where the value responds to it.
    pub fn is_empty_value(&self) -> Option<bool> {
        match self {
            Value::Str(s) => Some(s.is_empty()),
            Value::Array(a) => Some(a.is_empty()),
            // Drops have no `empty?`.
            Value::Hash(h) if h.contains_key(DROP_CLASS_KEY) => None,
            Value::Hash(h) => Some(h.is_empty()),
            Value::Linked(l) => l.plain().and_then(|p| p.is_empty_value()),
            _ => None,
        }
    }

    /// ActiveSupport-style `blank?` as Liquid defines it: nil, false, empty
    /// or whitespace-only strings, empty collections.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Nil | Value::Bool(false) => true,
            Value::Str(s) => s.chars().all(|c| c.is_whitespace()),
            Value::Array(a) => a.is_empty(),
            Value::Hash(h) => h.is_empty(),
            Value::Linked(l) => l.plain().is_some_and(|p| p.is_blank()),
            _ => false,
        }
    }

    /// Number of characters, elements or pairs (`size`), where defined.
    pub fn size(&self) -> Option<i64> {
        match self {
            Value::Str(s) => Some(s.chars().count() as i64),
            Value::Array(a) => Some(a.len() as i64),
            // Drops have no `size`.
            Value::Hash(h) if h.contains_key(DROP_CLASS_KEY) => None,
            Value::Hash(h) => Some(h.len() as i64),
            Value::Linked(l) => l.plain().and_then(|p| p.size()),
            Value::Range(a, b) => Some(if b >= a { b - a + 1 } else { 0 }),
            Value::Int(_) => Some(8),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_liquid_string())
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Float(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_ruby() {
        let cases = [
            (1.0, "1.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e20, "1.0e+20"),
            (1e16, "1.0e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1.0e-05"),
            (-2.5, "-2.5"),
            (123.456, "123.456"),
            (1.5e-7, "1.5e-07"),
        ];
        for (x, want) in cases {
            assert_eq!(float_to_s(x), want, "{x}");
        }
    }

    #[test]
    fn hashes_inspect_like_ruby() {
        let mut m = Map::new();
        m.insert("a".into(), Value::Int(1));
        m.insert(
            "b".into(),
            Value::array(vec![Value::Nil, Value::str("x\"")]),
        );
        assert_eq!(Value::hash(m).inspect(), r#"{"a"=>1, "b"=>[nil, "x\""]}"#);
    }
}
