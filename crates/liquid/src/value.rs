//! The values Liquid templates see, modelled on the Ruby objects Jekyll hands
//! to Liquid: nil, booleans, Integer, Float, String, Array, Hash, Time, Date
//! and Range.
//!
//! Strings, arrays and hashes sit behind `Arc` so that site-wide data
//! (`site.posts`, collections, `site.data`) is built once and shared by every
//! page rendered on every thread; cloning a `Value` never copies a document.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use indexmap::IndexMap;

/// A Ruby Hash with string keys, in insertion order as Ruby keeps it.
pub type Map = IndexMap<String, Value>;

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

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_hash(&self) -> Option<&Map> {
        match self {
            Value::Hash(h) => Some(h),
            _ => None,
        }
    }

    /// `hash[key]` for hashes, nil for everything else.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_hash().and_then(|h| h.get(key))
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
            Value::Hash(_) => "Hash",
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
        }
    }
}
