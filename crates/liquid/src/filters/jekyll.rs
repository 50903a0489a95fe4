//! Jekyll 4.3's filters (`Jekyll::Filters` and its URL, date and grouping
//! modules). Site configuration comes from the `site` global.

use super::strings::{cgi_escape, ruby_sort_by, ruby_split, try_sort};
use super::web::{absolute_url, count_words, is_cjk, json, relative_url, slugify, xml_escape};
use super::{arity, date};
use crate::error::Error;
use crate::expr::parse_output;
use crate::ops::{lookup_name, to_integer};
use crate::parser::jekyll_condition;
use crate::render::Context;
use crate::util::{is_ws, ruby_to_f, ruby_to_i, strip};
use crate::value::{Map, Value};

fn s(v: &Value) -> String {
    v.to_ruby_s()
}

/// `item_property`: dotted paths read through hashes, then numeric-looking
/// strings become numbers (`parse_sort_input`).
fn item_property(item: &Value, prop: &str) -> Result<Value, Error> {
    match item {
        Value::Hash(_) | Value::Linked(_) | Value::Str(_) => {}
        Value::Int(_) | Value::Array(_) => {
            return Err(Error::render(
                "no implicit conversion of String into Integer",
            ))
        }
        other => {
            return Err(Error::render(format!(
                "undefined method `[]' for {}",
                other.inspect()
            )))
        }
    }
    Ok(item_property_of(item, prop))
}

fn item_property_of(item: &Value, prop: &str) -> Value {
    let v = if prop.contains('.') {
        let mut cur = item.clone();
        for k in prop.split('.') {
            cur = lookup_name(&cur, k, None, false).unwrap_or(Value::Bool(false));
            if !cur.is_truthy() {
                break;
            }
        }
        cur
    } else {
        match item {
            Value::Hash(_) | Value::Linked(_) => {
                lookup_name(item, prop, None, false).unwrap_or_default()
            }
            Value::Str(st) => {
                if st.contains(prop) {
                    Value::str(prop)
                } else {
                    Value::Nil
                }
            }
            _ => Value::Nil,
        }
    };
    parse_sort_input(v)
}

fn parse_sort_input(v: Value) -> Value {
    let st = v.to_liquid_string();
    let t = strip(&st);
    let body = t.strip_prefix('-').unwrap_or(t);
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        return Value::Int(ruby_to_i(&st));
    }
    let (a, b) = body.split_once('.').unwrap_or((body, ""));
    let float_like = body.contains('.')
        && a.bytes().all(|c| c.is_ascii_digit())
        && b.bytes().all(|c| c.is_ascii_digit())
        && !(a.is_empty() && b.is_empty());
    if float_like {
        let f = if a.is_empty() {
            ruby_to_f(&format!("0{t}").replace("0-", "-0"))
        } else {
            ruby_to_f(&st)
        };
        return Value::Float(f);
    }
    v
}

fn compare_property_vs_target(prop: &Value, target: &Value) -> bool {
    match target {
        Value::Nil => prop.is_nil(),
        _ => {
            let t = s(target);
            match prop {
                Value::Str(p) => **p == *t,
                Value::Array(a) => a.iter().any(|x| s(x) == t),
                Value::Nil => false,
                other => s(other) == t,
            }
        }
    }
}

fn values_of(input: &Value) -> Option<Vec<Value>> {
    match input {
        Value::Array(a) => Some(a.to_vec()),
        Value::Hash(h) => Some(h.values().cloned().collect()),
        Value::Range(a, b) => Some((*a..=*b).map(Value::Int).collect()),
        _ => None,
    }
}

fn eval_condition_with(
    ctx: &mut Context<'_>,
    var: &str,
    expr: &str,
    items: Vec<Value>,
    find: bool,
) -> Result<Value, Error> {
    let cond = jekyll_condition(expr).map_err(Error::syntax)?;
    ctx.push_scope_pub()?;
    let mut out = Vec::new();
    let mut found = Value::Nil;
    let mut res = Ok(());
    for it in items {
        ctx.set_local(var, it.clone());
        match ctx.eval_condition(&cond) {
            Ok(true) => {
                if find {
                    found = it;
                    break;
                }
                out.push(it);
            }
            Ok(false) => {}
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    ctx.pop_scope_pub();
    res?;
    Ok(if find { found } else { Value::array(out) })
}

fn grouped(groups: Vec<(Value, Vec<Value>)>) -> Value {
    Value::array(
        groups
            .into_iter()
            .map(|(name, items)| {
                let mut m = Map::new();
                m.insert("name".into(), name);
                m.insert("size".into(), Value::Int(items.len() as i64));
                m.insert("items".into(), Value::array(items));
                // Ruby's hash order: name, items, size.
                let size = m.shift_remove("size").unwrap_or_default();
                m.insert("size".into(), size);
                Value::hash(m)
            })
            .collect(),
    )
}

/// Groups in first-seen order, found through a hash of their keys.
#[derive(Default)]
struct Groups {
    groups: Vec<(Value, Vec<Value>)>,
    index: std::collections::HashMap<String, usize>,
}

impl Groups {
    fn push(&mut self, key: Value, item: Value) {
        let k = key.eql_key();
        match self.index.get(&k) {
            Some(&i) => self.groups[i].1.push(item),
            None => {
                self.index.insert(k, self.groups.len());
                self.groups.push((key, vec![item]));
            }
        }
    }
}

/// Ruby's NoMethodError text, e.g. "undefined method `sort' for 0:Integer".
fn no_method(method: &str, v: &Value) -> Error {
    Error::render(format!(
        "undefined method `{method}' for {}:{}",
        v.inspect(),
        v.type_name()
    ))
}

/// `Document#<=>`, for documents sorted whole (`site.posts | sort`): by
/// date, then by path.
fn document_cmp(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    let (Value::Linked(x), Value::Linked(y)) = (a, b) else {
        return None;
    };
    if !(x.is_drop() && y.is_drop()) {
        return None;
    }
    let field = |l: &crate::linked::Linked, k: &str| l.get_ref(k, None).map(|v| v.into_owned());
    let by_date = match (field(x, "date"), field(y, "date")) {
        (Some(d), Some(e)) => d.ruby_cmp(&e),
        _ => None,
    };
    match by_date {
        Some(std::cmp::Ordering::Equal) | None => field(x, "path")?.ruby_cmp(&field(y, "path")?),
        other => other,
    }
}

pub fn apply(
    ctx: &mut Context<'_>,
    name: &str,
    input: &Value,
    args: &[Value],
) -> Result<Option<Value>, Error> {
    let a0 = args.first().cloned().unwrap_or_default();
    let v = match name {
        "relative_url" => relative_url(ctx, input),
        "absolute_url" => absolute_url(ctx, input),
        "strip_index" => {
            let st = s(input);
            if input.is_nil() || st.is_empty() {
                Value::Nil
            } else if let Some(p) = st.rfind("/index.htm") {
                let tail = &st[p + 10..];
                if tail.is_empty() || tail == "l" {
                    Value::from(format!("{}/", &st[..p]))
                } else {
                    input.clone()
                }
            } else {
                input.clone()
            }
        }
        "date_to_xmlschema" | "date_to_rfc822" | "date_to_string" | "date_to_long_string" => {
            if s(input).is_empty() {
                return Ok(Some(input.clone()));
            }
            let t = date::to_date(ctx, input).ok_or_else(|| {
                Error::render(format!(
                    "Invalid Date: '{}' is not a valid datetime.",
                    input.inspect()
                ))
            })?;
            // Jekyll's `time()` ends in `.localtime`: the site's zone (UTC when unset).
            let t = date::localtime(ctx, t);
            match name {
                "date_to_xmlschema" => Value::from(date::xmlschema(&t)),
                "date_to_rfc822" => Value::from(date::rfc822(&t)),
                _ => {
                    let month = if name == "date_to_string" { "%b" } else { "%B" };
                    let fmt = if s(&a0) == "ordinal" {
                        let day = chrono::Datelike::day(&t);
                        let suffix = if (11..=13).contains(&day) {
                            "th"
                        } else {
                            match day % 10 {
                                1 => "st",
                                2 => "nd",
                                3 => "rd",
                                _ => "th",
                            }
                        };
                        if args.get(1).is_some_and(|v| s(v) == "US") {
                            format!("{month} {day}{suffix}, %Y")
                        } else {
                            format!("{day}{suffix} {month} %Y")
                        }
                    } else {
                        format!("%d {month} %Y")
                    };
                    Value::from(date::strftime_zone(
                        &t,
                        &fmt,
                        date::Zone::Local,
                        ctx.env().timezone(),
                    ))
                }
            }
        }
        "where" => {
            arity(name, args, 2, 2)?;
            let value = &args[1];
            if !a0.is_truthy() || matches!(value, Value::Array(_) | Value::Hash(_)) {
                return Ok(Some(input.clone()));
            }
            let Some(items) = values_of(input) else {
                return Ok(Some(input.clone()));
            };
            let prop = s(&a0);
            let mut out = Vec::new();
            for it in items {
                if compare_property_vs_target(&item_property(&it, &prop)?, value) {
                    out.push(it);
                }
            }
            Value::array(out)
        }
        "find" => {
            arity(name, args, 2, 2)?;
            let value = &args[1];
            if !a0.is_truthy() || matches!(value, Value::Array(_) | Value::Hash(_)) {
                return Ok(Some(input.clone()));
            }
            let Some(items) = values_of(input) else {
                return Ok(Some(input.clone()));
            };
            let prop = s(&a0);
            let mut found = Value::Nil;
            for it in items {
                if compare_property_vs_target(&item_property(&it, &prop)?, value) {
                    found = it;
                    break;
                }
            }
            found
        }
        "where_exp" | "find_exp" => {
            arity(name, args, 2, 2)?;
            let Some(items) = values_of(input) else {
                return Ok(Some(input.clone()));
            };
            eval_condition_with(ctx, &s(&a0), &s(&args[1]), items, name == "find_exp")?
        }
        "group_by" => {
            arity(name, args, 1, 1)?;
            let Some(items) = values_of(input) else {
                return Ok(Some(input.clone()));
            };
            let items = if let Value::Hash(h) = input {
                h.iter()
                    .map(|(k, v)| Value::array(vec![Value::str(k), v.clone()]))
                    .collect()
            } else {
                items
            };
            let prop = s(&a0);
            let mut groups = Groups::default();
            for it in items {
                let k = Value::from(s(&item_property(&it, &prop)?));
                groups.push(k, it);
            }
            grouped(groups.groups)
        }
        "group_by_exp" => {
            arity(name, args, 2, 2)?;
            let Some(items) = values_of(input) else {
                return Ok(Some(input.clone()));
            };
            // Hash#group_by yields [key, value] pairs.
            let items = match input {
                Value::Hash(h) => h
                    .iter()
                    .map(|(k, v)| Value::array(vec![Value::str(k), v.clone()]))
                    .collect(),
                _ => items,
            };
            let expr = parse_output(&s(&args[1]));
            let var = s(&a0);
            ctx.push_scope_pub()?;
            let mut groups = Groups::default();
            let mut res = Ok(());
            for it in items {
                ctx.set_local(&var, it.clone());
                match ctx.eval_output(&expr) {
                    Ok(k) => groups.push(k, it),
                    Err(e) => {
                        res = Err(e);
                        break;
                    }
                }
            }
            ctx.pop_scope_pub();
            res?;
            grouped(groups.groups)
        }
        "sort" => {
            arity(name, args, 0, 2)?;
            if input.is_nil() {
                return Err(Error::render("Cannot sort a null object."));
            }
            let mut items = match input {
                Value::Array(a) => a.to_vec(),
                Value::Hash(h) => h
                    .iter()
                    .map(|(k, v)| Value::array(vec![Value::str(k), v.clone()]))
                    .collect(),
                Value::Range(a, b) => (*a..=*b).map(Value::Int).collect(),
                // A document drop sorts as Enumerable: its key and value pairs.
                Value::Linked(l) if l.is_drop() && a0.is_nil() => l
                    .keys()
                    .into_iter()
                    .map(|k| {
                        let v = l.get_ref(k, None).map(|v| v.into_owned());
                        Value::array(vec![Value::str(k), v.unwrap_or_default()])
                    })
                    .collect(),
                other => return Err(no_method("sort", other)),
            };
            if a0.is_nil() {
                try_sort(&mut items, |a, b| {
                    document_cmp(a, b)
                        .or_else(|| a.ruby_cmp(b))
                        .ok_or_else(|| crate::ops::comparison_failed(a, b))
                })?;
            } else {
                let order: i32 = match args.get(1).map(s).as_deref() {
                    None | Some("first") => -1,
                    Some("last") => 1,
                    Some(other) => {
                        return Err(Error::render(format!(
                            "Invalid nils order: '{other}' is not a valid nils order. It must be 'first' or 'last'."
                        )))
                    }
                };
                let prop = s(&a0);
                let mut keyed: Vec<(Value, Value)> = Vec::with_capacity(items.len());
                for it in items {
                    keyed.push((item_property(&it, &prop)?, it));
                }
                ruby_sort_by(&mut keyed, &mut |(a, _), (b, _)| {
                    use std::cmp::Ordering;
                    let o = match (a.is_nil(), b.is_nil()) {
                        (false, true) => -order,
                        (true, false) => order,
                        _ => match a.ruby_cmp(b) {
                            Some(o) => return Ok(o),
                            None => return Ok(s(a).as_bytes().cmp(s(b).as_bytes())),
                        },
                    };
                    Ok(if o < 0 {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    })
                })?;
                items = keyed.into_iter().map(|x| x.1).collect();
            }
            Value::array(items)
        }
        "jsonify" => {
            let mut out = String::new();
            json(input, &mut out);
            Value::from(out)
        }
        // A document drop inspects as its keys, pretty-printed as JSON.
        "inspect" => match input {
            Value::Linked(_) => Value::from(xml_escape(&super::web::json_pretty(input))),
            _ => Value::from(xml_escape(&input.inspect())),
        },
        "xml_escape" => Value::from(xml_escape(&s(input))),
        "cgi_escape" => Value::from(cgi_escape(&s(input))),
        "uri_escape" => Value::from(super::uri::escape(&s(input))),
        "normalize_whitespace" => {
            let st = s(input);
            let parts: Vec<&str> = st.split(is_ws).filter(|p| !p.is_empty()).collect();
            let mut out = parts.join(" ");
            if st.starts_with(is_ws) && !out.is_empty() {
                out.insert(0, ' ');
            }
            Value::from(strip(&out).to_string())
        }
        "number_of_words" => {
            if !matches!(input, Value::Str(_)) {
                return Err(Error::render(format!(
                    "undefined method `split' for {}:{}",
                    input.inspect(),
                    input.type_name()
                )));
            }
            let st = s(input);
            let n = match s(&a0).as_str() {
                "cjk" => count_words(&st, true),
                "auto" => {
                    if st.chars().any(is_cjk) {
                        count_words(&st, true)
                    } else {
                        ruby_split(&st, " ").len()
                    }
                }
                _ => ruby_split(&st, " ").len(),
            };
            Value::Int(n as i64)
        }
        "array_to_sentence_string" => {
            // Ruby indexes whatever it is given: strings by character,
            // hashes by key (so every element is nil); others have no length.
            let items: Vec<Value> = match input {
                Value::Array(a) => a.to_vec(),
                Value::Str(st) if st.chars().count() < 3 => {
                    st.chars().map(|c| Value::str(c.to_string())).collect()
                }
                Value::Hash(h) if h.len() < 3 => vec![Value::Nil; h.len()],
                other => {
                    return Err(no_method(
                        if matches!(other, Value::Str(_) | Value::Hash(_)) {
                            "join"
                        } else {
                            "length"
                        },
                        other,
                    ))
                }
            };
            let conn = if args.is_empty() {
                "and".to_string()
            } else {
                s(&a0)
            };
            Value::from(match items.len() {
                0 => String::new(),
                1 => s(&items[0]),
                2 => format!("{} {conn} {}", s(&items[0]), s(&items[1])),
                n => {
                    let mut head = String::new();
                    Value::join_into(&items[..n - 1], ", ", &mut head);
                    format!("{head}, {conn} {}", s(&items[n - 1]))
                }
            })
        }
        "to_integer" => match input {
            Value::Bool(true) => Value::Int(1),
            Value::Bool(false) => Value::Int(0),
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::Int(*f as i64),
            Value::Str(st) => Value::Int(ruby_to_i(st)),
            Value::Nil => Value::Int(0),
            other => {
                return Err(Error::render(format!(
                    "undefined method `to_i' for {}",
                    other.inspect()
                )))
            }
        },
        "push" | "unshift" => {
            let Value::Array(a) = input else {
                return Ok(Some(input.clone()));
            };
            let mut v = a.to_vec();
            if name == "push" {
                v.push(a0);
            } else {
                v.insert(0, a0);
            }
            Value::array(v)
        }
        "pop" | "shift" => {
            let Value::Array(a) = input else {
                return Ok(Some(input.clone()));
            };
            let n = match args.first() {
                None => 1,
                Some(v) => to_integer(v)?,
            };
            if n < 0 {
                return Err(Error::render("negative array size"));
            }
            let n = (n as usize).min(a.len());
            Value::array(if name == "pop" {
                a[..a.len() - n].to_vec()
            } else {
                a[n..].to_vec()
            })
        }
        "sample" => match input {
            Value::Array(a) => a.first().cloned().unwrap_or_default(),
            other => other.clone(),
        },
        "slugify" => {
            if input.is_nil() {
                return Ok(Some(Value::Nil));
            }
            if !matches!(input, Value::Str(_)) {
                return Err(Error::render(format!(
                    "undefined method `gsub' for {}:{}",
                    input.inspect(),
                    input.type_name()
                )));
            }
            let mode = if a0.is_nil() {
                "default".to_string()
            } else {
                s(&a0)
            };
            let st = s(input);
            if !["raw", "default", "pretty", "ascii", "latin"].contains(&mode.as_str()) {
                Value::from(super::downcase(&st))
            } else {
                Value::from(slugify(&st, &mode))
            }
        }
        "markdownify" => Value::from(ctx.env().markdownify(&s(input))?),
        "smartify" => Value::from(ctx.env().smartify(&s(input))),
        "sassify" => Value::from(ctx.env().sassify(&s(input), true)?),
        "scssify" => Value::from(ctx.env().sassify(&s(input), false)?),
        _ => return Ok(None),
    };
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            ("Hello, World!", "default", "hello-world"),
            ("The _config.yml file", "pretty", "the-_config.yml-file"),
            ("Café au lait", "ascii", "caf-au-lait"),
            ("Café au lait", "latin", "cafe-au-lait"),
            ("a  b", "raw", "a-b"),
        ];
        for (input, mode, want) in cases {
            assert_eq!(slugify(input, mode), want, "{input} {mode}");
        }
    }
}
