//! Liquid 5.4's `StandardFilters`.

use super::number::{self, Num};
use super::strings::*;
use super::{arity, date};
use crate::error::Error;
use crate::ops::to_integer;
use crate::render::Context;
use crate::util::{is_ws, lstrip, rstrip, strip};
use crate::value::Value;

fn num_arg(args: &[Value], i: usize) -> Num {
    Num::from_value(args.get(i).unwrap_or(&Value::Nil))
}

fn s(v: &Value) -> String {
    v.to_ruby_s()
}

fn base64_encode(bytes: &[u8], url: bool) -> String {
    let table: &[u8] = if url {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    } else {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    };
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(table[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_decode(s: &str, url: bool) -> Result<String, Error> {
    let name = if url {
        "base64_url_safe_decode"
    } else {
        "base64_decode"
    };
    let bad = || Error::render(format!("invalid base64 provided to {name}"));
    let mut s = s.to_string();
    if url && s.len() % 4 != 0 && !s.ends_with('=') {
        let pad = (4 - s.len() % 4) % 4;
        s.push_str(&"=".repeat(pad));
    }
    if s.len() % 4 != 0 {
        return Err(bad());
    }
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' if !url => 62,
            b'/' if !url => 63,
            b'-' if url => 62,
            b'_' if url => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let pads = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        let mut n = 0u32;
        for (k, &c) in chunk.iter().enumerate() {
            let v = if k >= 4 - pads {
                0
            } else {
                val(c).ok_or_else(bad)?
            };
            n = n << 6 | v;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pads]);
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

pub fn apply(
    ctx: &mut Context<'_>,
    name: &str,
    input: &Value,
    args: &[Value],
) -> Result<Option<Value>, Error> {
    let a0 = args.first().cloned().unwrap_or_default();
    let v = match name {
        "size" => {
            arity(name, args, 0, 0)?;
            Value::Int(input.size().unwrap_or(0))
        }
        "downcase" => Value::from(super::downcase(&s(input))),
        "upcase" => Value::from(s(input).to_uppercase()),
        "capitalize" => Value::from(capitalize(&s(input))),
        "escape" | "h" => {
            if input.is_nil() {
                Value::Nil
            } else {
                Value::from(escape_html(&s(input)))
            }
        }
        "escape_once" => Value::from(escape_once(&s(input))),
        "url_encode" => {
            if input.is_nil() {
                Value::Nil
            } else {
                Value::from(cgi_escape(&s(input)))
            }
        }
        "url_decode" => {
            if input.is_nil() {
                Value::Nil
            } else {
                Value::from(cgi_unescape(&s(input))?)
            }
        }
        "base64_encode" => Value::from(base64_encode(s(input).as_bytes(), false)),
        "base64_url_safe_encode" => Value::from(base64_encode(s(input).as_bytes(), true)),
        "base64_decode" => Value::from(base64_decode(&s(input), false)?),
        "base64_url_safe_decode" => Value::from(base64_decode(&s(input), true)?),
        "slice" => {
            arity(name, args, 1, 2)?;
            let off = to_integer(&a0)?;
            let len = match args.get(1) {
                Some(Value::Nil) | None => 1,
                Some(l) => to_integer(l)?,
            };
            match input {
                Value::Array(a) => Value::array(arr_slice(a, off, len).unwrap_or_default()),
                _ => Value::from(str_slice(&s(input), off, len).unwrap_or_default()),
            }
        }
        "truncate" => {
            arity(name, args, 0, 2)?;
            if input.is_nil() {
                return Ok(Some(Value::Nil));
            }
            let st = s(input);
            let length = match args.first() {
                Some(l) => to_integer(l)?,
                None => 50,
            };
            // Bytes bound characters: most strings are shorter than the
            // length in bytes already, and need no counting.
            if st.len() as i64 <= length || st.chars().count() as i64 <= length {
                return Ok(Some(Value::from(st)));
            }
            let ts = args.get(1).map_or("...".to_string(), s);
            let l = (length - ts.chars().count() as i64).max(0) as usize;
            let cut = st.char_indices().nth(l).map_or(st.len(), |(i, _)| i);
            let mut out = String::with_capacity(cut + ts.len());
            out.push_str(&st[..cut]);
            out.push_str(&ts);
            Value::from(out)
        }
        "truncatewords" => {
            arity(name, args, 0, 2)?;
            if input.is_nil() {
                return Ok(Some(Value::Nil));
            }
            let st = s(input);
            let mut words = match args.first() {
                Some(l) => to_integer(l)?,
                None => 15,
            };
            if words <= 0 {
                words = 1;
            }
            let list: Vec<&str> = st.split(is_ws).filter(|w| !w.is_empty()).collect();
            // Ruby's `split(" ", words + 1)`: anything after the last word
            // it keeps is one more field, even whitespace alone.
            let fields = match list.len() as i64 {
                n if n == words && st.ends_with(is_ws) => n + 1,
                n => n,
            };
            if fields <= words {
                Value::from(st)
            } else {
                let ts = args.get(1).map_or("...".to_string(), s);
                let mut out = list[..words as usize].join(" ");
                out.push_str(&ts);
                Value::from(out)
            }
        }
        "split" => {
            arity(name, args, 1, 1)?;
            Value::array(ruby_split(&s(input), &s(&a0)))
        }
        "strip" => Value::str(strip(&s(input))),
        "lstrip" => Value::str(lstrip(&s(input))),
        "rstrip" => Value::str(rstrip(&s(input))),
        "strip_html" => Value::from(strip_html(&s(input))),
        "strip_newlines" => Value::from(s(input).replace("\r\n", "").replace('\n', "")),
        "newline_to_br" => Value::from(s(input).replace("\r\n", "\n").replace('\n', "<br />\n")),
        "join" => {
            arity(name, args, 0, 1)?;
            let glue = args.first().map_or(" ".to_string(), s);
            let mut out = String::new();
            Value::join_into(&input_items(input), &glue, &mut out);
            Value::from(out)
        }
        "sort_natural" => {
            let mut items = input_items(input);
            if items.is_empty() {
                return Ok(Some(Value::array(vec![])));
            }
            match args.first() {
                None | Some(Value::Nil) => ruby_sort_by(&mut items, &mut |a, b| Ok(casecmp(a, b)))?,
                Some(p) => {
                    if !items.iter().all(|i| {
                        matches!(
                            i,
                            Value::Hash(_) | Value::Linked(_) | Value::Array(_) | Value::Str(_)
                        )
                    }) {
                        return Ok(Some(Value::Nil));
                    }
                    let mut keyed = Vec::with_capacity(items.len());
                    for it in items {
                        keyed.push((property(&it, p)?, it));
                    }
                    ruby_sort_by(&mut keyed, &mut |a, b| Ok(casecmp(&a.0, &b.0)))?;
                    items = keyed.into_iter().map(|x| x.1).collect();
                }
            }
            Value::array(items)
        }
        "uniq" => {
            let items = input_items(input);
            let mut out: Vec<Value> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for it in items {
                let k = match args.first() {
                    None | Some(Value::Nil) => it.clone(),
                    Some(p) => property(&it, p)?,
                };
                if seen.insert(k.eql_key()) {
                    out.push(it);
                }
            }
            Value::array(out)
        }
        "reverse" => {
            let mut items = input_items(input);
            items.reverse();
            Value::array(items)
        }
        "map" => {
            arity(name, args, 1, 1)?;
            let mut out = Vec::new();
            for it in input_items(input) {
                out.push(match &it {
                    Value::Hash(_)
                    | Value::Linked(_)
                    | Value::Array(_)
                    | Value::Str(_)
                    | Value::Int(_) => property(&it, &a0)?,
                    _ => Value::Nil,
                });
            }
            Value::array(out)
        }
        "compact" => {
            let items = input_items(input);
            let mut out = Vec::new();
            for it in items {
                let keep = match args.first() {
                    None | Some(Value::Nil) => !it.is_nil(),
                    Some(p) => !property(&it, p)?.is_nil(),
                };
                if keep {
                    out.push(it);
                }
            }
            Value::array(out)
        }
        "replace" => {
            arity(name, args, 1, 2)?;
            Value::from(s(input).replace(&s(&a0), &args.get(1).map_or(String::new(), s)))
        }
        "replace_first" => {
            arity(name, args, 1, 2)?;
            Value::from(s(input).replacen(&s(&a0), &args.get(1).map_or(String::new(), s), 1))
        }
        "replace_last" | "remove_last" => {
            let st = s(input);
            let pat = s(&a0);
            let rep = if name == "remove_last" {
                String::new()
            } else {
                args.get(1).map_or(String::new(), s)
            };
            match st.rfind(&pat) {
                Some(p) => Value::from(format!("{}{}{}", &st[..p], rep, &st[p + pat.len()..])),
                None => Value::from(st),
            }
        }
        "remove" => {
            arity(name, args, 1, 1)?;
            Value::from(s(input).replace(&s(&a0), ""))
        }
        "remove_first" => {
            arity(name, args, 1, 1)?;
            Value::from(s(input).replacen(&s(&a0), "", 1))
        }
        "append" => {
            arity(name, args, 1, 1)?;
            Value::from(s(input) + &s(&a0))
        }
        "prepend" => {
            arity(name, args, 1, 1)?;
            Value::from(s(&a0) + &s(input))
        }
        "concat" => {
            arity(name, args, 1, 1)?;
            let Value::Array(extra) = &a0 else {
                return Err(Error::render("concat filter requires an array argument"));
            };
            let mut items = input_items(input);
            items.extend(extra.iter().cloned());
            Value::array(items)
        }
        "date" => {
            arity(name, args, 1, 1)?;
            let fmt = s(&a0);
            if fmt.is_empty() {
                return Ok(Some(input.clone()));
            }
            date::check_format(&fmt)?;
            match date::to_date_zone(ctx, input) {
                Some((t, zone)) => {
                    Value::from(date::strftime_zone(&t, &fmt, zone, ctx.env().timezone()))
                }
                None => input.clone(),
            }
        }
        "first" => match input {
            Value::Array(a) => a.first().cloned().unwrap_or_default(),
            Value::Linked(l) => l.first(),
            Value::Hash(h) => h.first().map_or(Value::Nil, |(k, v)| {
                Value::array(vec![Value::str(k), v.clone()])
            }),
            Value::Range(a, _) => Value::Int(*a),
            _ => Value::Nil,
        },
        "last" => match input {
            Value::Array(a) => a.last().cloned().unwrap_or_default(),
            Value::Range(_, b) => Value::Int(*b),
            _ => Value::Nil,
        },
        "abs" => {
            let n = Num::from_value(input);
            match n {
                Num::Int(i) => Value::Int(i.abs()),
                other => Value::Float(other.to_f64().abs()),
            }
        }
        "plus" | "minus" | "times" | "divided_by" | "modulo" => {
            arity(name, args, 1, 1)?;
            let op = match name {
                "plus" => '+',
                "minus" => '-',
                "times" => '*',
                "divided_by" => '/',
                _ => '%',
            };
            Num::from_value(input).op(num_arg(args, 0), op)?.to_value()
        }
        "round" => {
            arity(name, args, 0, 1)?;
            let digits = match args.first() {
                None => 0,
                Some(d) => match Num::from_value(d) {
                    Num::Int(i) => i,
                    other => other.to_f64() as i64,
                },
            };
            let n = Num::from_value(input);
            if let Num::Float(f) = n {
                if !f.is_finite() {
                    return Err(Error::render(if f.is_nan() { "NaN" } else { "Infinity" }));
                }
            }
            let r = number::round(n, digits);
            if digits < 0
                || (digits == 0 && args.first().is_none_or(|d| matches!(d, Value::Int(0))))
            {
                Value::Int(number::floor_ceil(r, false)?)
            } else {
                r.to_value()
            }
        }
        "ceil" => Value::Int(number::floor_ceil(Num::from_value(input), true)?),
        "floor" => Value::Int(number::floor_ceil(Num::from_value(input), false)?),
        "at_least" | "at_most" => {
            arity(name, args, 1, 1)?;
            let n = Num::from_value(input);
            let m = num_arg(args, 0);
            let o = number::cmp(m, n);
            let pick = if name == "at_least" {
                o.is_gt()
            } else {
                o.is_lt()
            };
            if pick { m } else { n }.to_value()
        }
        "default" => {
            arity(name, args, 0, 2)?;
            let allow_false = args
                .get(1)
                .and_then(|o| o.get("allow_false"))
                .is_some_and(|v| v.is_truthy());
            let falsy = if allow_false {
                input.is_nil()
            } else {
                !input.is_truthy()
            };
            if falsy || input.is_empty_value() == Some(true) {
                args.first().cloned().unwrap_or_else(|| Value::str(""))
            } else {
                input.clone()
            }
        }
        "where" => {
            // Liquid's own `where` is shadowed by Jekyll's; kept for completeness.
            return Ok(None);
        }
        _ => return Ok(None),
    };
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_helpers() {
        assert_eq!(escape_once("&amp; & <"), "&amp; &amp; &lt;");
        assert_eq!(cgi_escape("a b&c/é"), "a+b%26c%2F%C3%A9");
        assert_eq!(strip_html("<p>a<script>x</script>b</p>"), "ab");
        assert_eq!(base64_encode(b"hello", false), "aGVsbG8=");
        assert_eq!(base64_decode("aGVsbG8=", false).unwrap(), "hello");
        assert_eq!(str_slice("hello", -3, 2).as_deref(), Some("ll"));
        assert_eq!(ruby_split("a,b,,", ",").len(), 2);
    }
}
