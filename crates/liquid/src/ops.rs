//! Value operations shared by tags and filters: lookups, collection slicing,
//! integer coercion and the comparison operators of conditions.

use std::borrow::Cow;

use crate::error::Error;
use crate::expr::Expr;
use crate::render::Context;
use crate::util::ruby_to_i;
use crate::value::Value;

/// Jekyll's include file-name check.
pub(crate) fn validate_include_name(file: &str, relative: bool) -> Result<(), Error> {
    let bad_seq = file
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w[0], b'.' | b'/') && matches!(w[1], b'.' | b'/'));
    // Every allowed character is ASCII: checked byte by byte, as every
    // include of every page is.
    let bad_char = file.is_empty()
        || !file
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_/.-()+~#@".contains(&b));
    if bad_seq || bad_char {
        let tag = if relative {
            "include_relative"
        } else {
            "include"
        };
        return Err(Error::render(format!(
            "Invalid syntax for include tag. File contains invalid characters or sequences:\n\n\t{file}\n\nValid syntax:\n\n\t{{% {tag} file.ext param='value' param2='value' %}}\n\n"
        )));
    }
    Ok(())
}

/// Ruby `to_i` on whatever value a tag attribute evaluates to.
pub(crate) fn to_i(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Float(f) => *f as i64,
        Value::Str(s) => ruby_to_i(s),
        _ => 0,
    }
}

/// `Liquid::Utils.to_integer`: `Integer(value.to_s)`.
pub(crate) fn to_integer(v: &Value) -> Result<i64, Error> {
    if let Value::Int(i) = v {
        return Ok(*i);
    }
    let s = v.to_liquid_string();
    let t = crate::util::strip(&s);
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && !digits.starts_with('_')
    {
        return Ok(ruby_to_i(t));
    }
    Err(Error::render("invalid integer"))
}

pub(crate) fn range_int(v: &Value) -> Result<i64, Error> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Nil => Ok(0),
        Value::Str(s) => Ok(ruby_to_i(s)),
        other => to_integer(other),
    }
}

/// One step of a variable lookup; None when Ruby would give up (nil).
pub(crate) fn lookup_key(obj: &Value, key: &Value, command: bool) -> Option<Value> {
    match (obj, key) {
        (_, Value::Str(k)) => lookup_name(obj, k, None, command),
        (Value::Hash(_) | Value::Linked(_), Value::Int(_)) => Some(Value::Nil),
        (Value::Array(a), Value::Int(i)) => {
            let idx = if *i < 0 { a.len() as i64 + i } else { *i };
            Some(if idx >= 0 {
                a.get(idx as usize).cloned().unwrap_or_default()
            } else {
                Value::Nil
            })
        }
        _ => None,
    }
}

/// A lookup step by name (`page.title`, `["title"]`): the name is borrowed,
/// since the template's `.title` steps run on every page.
/// `hash` is the name's hash when the template made it already.
pub(crate) fn lookup_name(obj: &Value, k: &str, hash: Option<u64>, command: bool) -> Option<Value> {
    lookup_name_ref(obj, k, hash, command).map(Cow::into_owned)
}

/// [`lookup_name`] borrowing what `obj` holds: only what the step makes
/// (a size, a neighbour) is owned.
pub(crate) fn lookup_name_ref<'a>(
    obj: &'a Value,
    k: &str,
    hash: Option<u64>,
    command: bool,
) -> Option<Cow<'a, Value>> {
    let nil_or = |v: Option<&'a Value>| v.map_or(Cow::Owned(Value::Nil), Cow::Borrowed);
    match obj {
        Value::Hash(h) => {
            if let Some(v) = h.get_maybe_hashed(k, hash) {
                return Some(Cow::Borrowed(v));
            }
            if command {
                return match k {
                    // Drops have no `size`.
                    "size" if h.contains_key(crate::value::DROP_CLASS_KEY) => None,
                    "size" => Some(Cow::Owned(Value::Int(h.len() as i64))),
                    "first" => Some(Cow::Owned(h.first().map_or(Value::Nil, |(k, v)| {
                        Value::array(vec![Value::str(k), v.clone()])
                    }))),
                    _ => None,
                };
            }
            None
        }
        // A document drop answers its keys, and `first` (Enumerable's),
        // but not `size`.
        Value::Linked(l) => match l.get_ref(k, hash) {
            None if command && !l.is_drop() => {
                let page = l.plain().unwrap_or_default();
                lookup_name_ref(&page, k, hash, command).map(|v| Cow::Owned(v.into_owned()))
            }
            None if command && k == "first" => Some(Cow::Owned(l.first())),
            found => found,
        },
        Value::Array(a) if command => match k {
            "size" => Some(Cow::Owned(Value::Int(a.len() as i64))),
            "first" => Some(nil_or(a.first())),
            "last" => Some(nil_or(a.last())),
            _ => None,
        },
        Value::Str(s) if command && k == "size" => {
            Some(Cow::Owned(Value::Int(s.chars().count() as i64)))
        }
        Value::Range(a, b) if command => match k {
            "size" => Some(Cow::Owned(Value::Int(if b >= a { b - a + 1 } else { 0 }))),
            "first" => Some(Cow::Owned(Value::Int(*a))),
            "last" => Some(Cow::Owned(Value::Int(*b))),
            _ => None,
        },
        Value::Int(_) if command && k == "size" => Some(Cow::Owned(Value::Int(8))),
        _ => None,
    }
}

/// `Utils.slice_collection`: strings are one item, hashes yield pairs.
pub(crate) fn slice_collection(coll: &Value, from: i64, to: Option<i64>) -> Vec<Value> {
    // Indices [from, to) clamped to the collection: `limit: 5` over all the
    // posts visits five of them, not every post.
    let window = |len: usize| {
        let start = (from.max(0) as usize).min(len);
        let end = to.map_or(len, |t| (t.max(0) as usize).min(len));
        start..end.max(start)
    };
    match coll {
        Value::Str(s) => {
            if s.is_empty() {
                vec![]
            } else {
                vec![coll.clone()]
            }
        }
        Value::Array(a) => a[window(a.len())].to_vec(),
        // A drop's `each` yields key and value; Liquid's loop keeps the key.
        Value::Linked(l) if !l.is_drop() => {
            slice_collection(&l.plain().unwrap_or_default(), from, to)
        }
        Value::Linked(l) => {
            let keys = l.keys();
            keys[window(keys.len())]
                .iter()
                .map(|&k| Value::str(k))
                .collect()
        }
        Value::Hash(h) => {
            let w = window(h.len());
            h.iter()
                .skip(w.start)
                .take(w.len())
                .map(|(k, v)| Value::array(vec![Value::str(k), v.clone()]))
                .collect()
        }
        Value::Range(a, b) => {
            if b < a {
                return vec![];
            }
            let len = (b - a + 1) as usize;
            let start = from.max(0) as usize;
            let end = to.map_or(len, |t| (t.max(0) as usize).min(len));
            (start..end.max(start))
                .filter(|i| *i < len)
                .map(|i| Value::Int(a + i as i64))
                .collect()
        }
        _ => vec![],
    }
}

/// `Condition#interpret_condition` for a binary operator.
pub(crate) fn compare(
    ctx: &mut Context<'_>,
    left: &Expr,
    op: &str,
    right: &Expr,
) -> Result<bool, Error> {
    let l = ctx.eval(left)?;
    let r = ctx.eval(right)?;
    let method = |e: &Expr, v: &Value| -> Option<bool> {
        match e {
            Expr::Empty => Some(v.is_empty_value().unwrap_or(false)),
            // Without ActiveSupport nothing responds to `blank?`.
            Expr::Blank => Some(false),
            _ => None,
        }
    };
    let equal = |l: &Value, r: &Value| -> bool {
        if let Some(b) = method(left, r) {
            return b;
        }
        if let Some(b) = method(right, l) {
            return b;
        }
        l.liquid_eq(r)
    };
    match op {
        "==" => Ok(equal(&l, &r)),
        "!=" | "<>" => Ok(!equal(&l, &r)),
        "<" | ">" | "<=" | ">=" => {
            if matches!(left, Expr::Blank | Expr::Empty)
                || matches!(right, Expr::Blank | Expr::Empty)
            {
                return Ok(false);
            }
            let comparable = |v: &Value| {
                matches!(
                    v,
                    Value::Int(_)
                        | Value::Float(_)
                        | Value::Str(_)
                        | Value::Time(_)
                        | Value::Date(_)
                )
            };
            if !comparable(&l) || !comparable(&r) {
                return Ok(false);
            }
            let ord = l.ruby_cmp(&r).ok_or_else(|| comparison_failed(&l, &r))?;
            Ok(match op {
                "<" => ord.is_lt(),
                ">" => ord.is_gt(),
                "<=" => ord.is_le(),
                _ => ord.is_ge(),
            })
        }
        "contains" => Ok(contains(&l, &r)),
        _ => Err(Error::render(format!("Unknown operator {op}"))),
    }
}

pub(crate) fn contains(l: &Value, r: &Value) -> bool {
    if !l.is_truthy() || !r.is_truthy() {
        return false;
    }
    match l {
        Value::Str(s) => s.contains(r.to_liquid_string().as_str()),
        Value::Array(a) => a.iter().any(|v| v.liquid_eq(r)),
        Value::Hash(h) => r.as_str().is_some_and(|k| h.contains_key(k)),
        // A document drop's `include?` is Enumerable's, over its pairs; a
        // page is a hash.
        Value::Linked(l) => l.plain().is_some_and(|p| contains(&p, r)),
        Value::Range(a, b) => match r {
            Value::Int(i) => a <= i && i <= b,
            Value::Float(f) => (*a as f64) <= *f && *f <= (*b as f64),
            _ => false,
        },
        _ => false,
    }
}

/// Ruby's `rb_cmperr`: the right operand is shown by `inspect` when it is an
/// immediate (nil, true, false, Integer, Float), else by its class.
pub(crate) fn comparison_failed(l: &Value, r: &Value) -> Error {
    let rhs = match r {
        Value::Nil | Value::Bool(_) | Value::Int(_) | Value::Float(_) => r.inspect(),
        _ => r.type_name().to_string(),
    };
    Error::render(format!(
        "comparison of {} with {} failed",
        l.type_name(),
        rhs
    ))
}
