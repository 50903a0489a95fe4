//! YAML read the way Ruby's Psych reads it, because Jekyll's front matter,
//! `_config.yml` and `_data` are all Psych-typed YAML 1.1.
//!
//! serde_yaml types scalars by YAML 1.2 rules and forgets whether a scalar was
//! quoted, so `yes` and `"yes"` come out alike. Psych makes `yes` a boolean and
//! `"yes"` a string, `2020-01-01` a Date and `2020-01-01 10:00:00 +01:00` a
//! Time. We take yaml-rust2's event stream, which keeps each scalar's style
//! and tag, and type plain scalars with Psych's rules ourselves.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use hyde_liquid::{Map, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

mod simple;

/// A YAML syntax error at a 1-based line and column of the parsed text.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for YamlError {}

/// Parses the first document of `text`; an empty document is `nil`.
///
/// `local` is the zone Ruby would be in (Jekyll sets `TZ` from `timezone:`):
/// a timestamp written without an offset is read as UTC and shown in it.
pub fn parse(text: &str, local: Option<chrono_tz::Tz>) -> Result<Value, YamlError> {
    match simple::parse(text, local) {
        Some(value) => Ok(value),
        None => parse_events(text, local),
    }
}

/// The full parser: yaml-rust2's events, typed as Psych types them.
fn parse_events(text: &str, local: Option<chrono_tz::Tz>) -> Result<Value, YamlError> {
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        local,
    };
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| {
        let m = e.marker();
        YamlError {
            message: e.info().to_string(),
            line: m.line(),
            column: m.col() + 1,
        }
    })?;
    Ok(builder.root.unwrap_or(Value::Nil))
}

enum Frame {
    Seq(Vec<Value>, usize),
    Map(Map, Option<String>, usize),
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    root: Option<Value>,
    local: Option<chrono_tz::Tz>,
}

impl Builder {
    fn push_value(&mut self, value: Value, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Frame::Seq(items, _)) => items.push(value),
            Some(Frame::Map(map, key, _)) => match key.take() {
                None => *key = Some(key_string(&value)),
                Some(k) if k == "<<" => merge_into(map, &value),
                Some(k) => {
                    map.insert(k.into(), value);
                }
            },
        }
    }
}

/// `<<: *base` (and `<<: [*a, *b]`) copies keys the mapping does not set itself.
fn merge_into(map: &mut Map, value: &Value) {
    match value {
        Value::Hash(h) => {
            for (k, v) in h.iter() {
                if !map.contains_key(k) {
                    map.insert(k.clone(), v.clone());
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| merge_into(map, v)),
        _ => {
            map.insert("<<".into(), value.clone());
        }
    }
}

/// Ruby hashes may have any key; Jekyll's are strings in practice, so other
/// keys are stored under their Ruby `to_s`.
fn key_string(value: &Value) -> String {
    match value {
        Value::Str(s) => s.to_string(),
        Value::Nil => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format!("{f}"),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Hash(_) | Value::Array(_) => {
            let mut out = String::new();
            write_key(&mut out, value);
            out
        }
        other => format!("{other:?}"),
    }
}

/// Longest key written for a mapping or sequence used as a key.
const MAX_KEY: usize = 4096;

/// Ruby's `inspect`, but with strings unescaped and cut at [`MAX_KEY`]: a
/// mapping keyed by a mapping keyed by … would otherwise double its escapes
/// at every level, and an alias-built key could be any size (both found by
/// fuzzing).
fn write_key(out: &mut String, value: &Value) {
    if out.len() > MAX_KEY {
        return;
    }
    match value {
        Value::Hash(h) => {
            out.push('{');
            for (i, (k, v)) in h.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push('"');
                out.push_str(k);
                out.push_str("\"=>");
                write_key(out, v);
                if out.len() > MAX_KEY {
                    return;
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_key(out, v);
                if out.len() > MAX_KEY {
                    return;
                }
            }
            out.push(']');
        }
        Value::Str(s) => {
            out.push('"');
            out.push_str(s);
            out.push('"');
        }
        other => out.push_str(&key_string(other)),
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, _mark: Marker) {
        match ev {
            Event::Scalar(text, style, anchor, tag) => {
                let value = match (style, tag) {
                    (_, Some(tag)) if tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:" => {
                        typed_by_tag(&text, &tag.suffix, self.local)
                    }
                    (TScalarStyle::Plain, _) => plain_scalar(&text, self.local),
                    _ => Value::from(text),
                };
                self.push_value(value, anchor);
            }
            Event::Alias(id) => {
                let value = self.anchors.get(&id).cloned().unwrap_or_default();
                self.push_value(value, 0);
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq(Vec::new(), anchor)),
            Event::MappingStart(anchor, _) => self.stack.push(Frame::Map(Map::new(), None, anchor)),
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Frame::Seq(items, anchor)) => (Value::array(items), anchor),
                    Some(Frame::Map(map, _, anchor)) => (Value::hash(map), anchor),
                    None => return,
                };
                self.push_value(value, anchor);
            }
            _ => {}
        }
    }
}

fn typed_by_tag(text: &str, suffix: &str, local: Option<chrono_tz::Tz>) -> Value {
    match suffix {
        "str" => Value::from(text),
        "int" => text
            .trim()
            .replace([',', '_'], "")
            .parse::<i64>()
            .map(Value::Int)
            .unwrap_or_else(|_| Value::from(text)),
        "float" => text
            .trim()
            .parse::<f64>()
            .map(Value::Float)
            .unwrap_or_else(|_| Value::from(text)),
        "bool" | "null" | "timestamp" => plain_scalar(text, local),
        _ => Value::from(text),
    }
}

/// Types a plain (unquoted) scalar as Psych's `ScalarScanner#tokenize` does.
pub fn plain_scalar(s: &str, local: Option<chrono_tz::Tz>) -> Value {
    if s.is_empty() {
        return Value::Nil;
    }
    if looks_like_word(s) || s.contains('\n') {
        if s.len() > 5 {
            return Value::from(s);
        }
        let lower = s.to_ascii_lowercase();
        return match lower.as_str() {
            "~" | "null" => Value::Nil,
            "yes" | "true" | "on" => Value::Bool(true),
            "no" | "false" | "off" => Value::Bool(false),
            _ => Value::from(s),
        };
    }
    if let Some(t) = parse_timestamp(s, local) {
        return Value::Time(t);
    }
    if let Some(d) = parse_date(s) {
        return Value::Date(d);
    }
    let lower = s.to_ascii_lowercase();
    match lower.as_str() {
        ".inf" | "+.inf" => return Value::Float(f64::INFINITY),
        "-.inf" => return Value::Float(f64::NEG_INFINITY),
        ".nan" => return Value::Float(f64::NAN),
        _ => {}
    }
    if s.starts_with(':') && s.len() > 1 {
        // A Ruby Symbol; Liquid prints symbols as their name.
        let name = s[1..].trim_matches(|c| c == '"' || c == '\'');
        return Value::from(name);
    }
    if let Some(v) = sexagesimal(s) {
        return v;
    }
    if is_float(s) {
        if s.trim_start_matches(['-', '+']) == "." {
            return Value::from(s);
        }
        let cleaned: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
        let cleaned = cleaned.replace(".e", "e").replace(".E", "E");
        let cleaned = cleaned.strip_suffix('.').unwrap_or(&cleaned);
        if let Ok(f) = cleaned.parse::<f64>() {
            return Value::Float(f);
        }
        return Value::from(s);
    }
    if let Some(i) = parse_int(s) {
        return Value::Int(i);
    }
    Value::from(s)
}

/// Psych's "this is a word, not a number or date" test:
/// `^[^\d.:-]?[[:alpha:]_\s!@#$%^&*(){}<>|/\\~;=]+`.
fn looks_like_word(s: &str) -> bool {
    let word_char = |c: char| c.is_alphabetic() || "_ \t\r\n!@#$%^&*(){}<>|/\\~;=".contains(c);
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if word_char(first) {
        return true;
    }
    if first.is_ascii_digit() || ".:-".contains(first) {
        return false;
    }
    chars.next().is_some_and(word_char)
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `^\d{4}-(1[012]|0\d|\d)-([12]\d|3[01]|0\d|\d)$`, then a real calendar date.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || !digits(y) || !(1..=2).contains(&m.len()) || !digits(m) {
        return None;
    }
    if !(1..=2).contains(&d.len()) || !digits(d) {
        return None;
    }
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    if m > 12 || d > 31 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m, d)
}

/// Psych's TIME pattern and `parse_time`: `2001-12-14t21:59:43.10-05:00`,
/// `2001-12-14 21:59:43.10 -5`, `2001-12-15 2:59:43.10`, `...Z`.
pub fn parse_timestamp(s: &str, local: Option<chrono_tz::Tz>) -> Option<DateTime<FixedOffset>> {
    let split = s.find(['t', 'T', ' '])?;
    let (date_part, rest) = (
        &s[..split],
        s[split..].trim_start_matches(['t', 'T', ' ', '\t']),
    );
    let (neg, date_body) = match date_part.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, date_part),
    };
    let mut dp = date_body.splitn(3, '-');
    let (y, mo, d) = (dp.next()?, dp.next()?, dp.next()?);
    if y.len() != 4 || !digits(y) || mo.is_empty() || mo.len() > 2 || !digits(mo) {
        return None;
    }
    if d.is_empty() || d.len() > 2 || !digits(d) {
        return None;
    }
    // Time: H{1,2}:MM:SS(.frac)?
    let bytes = rest.as_bytes();
    let mut i = 0;
    let take_digits = |i: &mut usize, max: usize| {
        let start = *i;
        while *i < bytes.len() && bytes[*i].is_ascii_digit() && *i - start < max {
            *i += 1;
        }
        rest[start..*i].to_string()
    };
    let hh = take_digits(&mut i, 2);
    if hh.is_empty() || bytes.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    let mm = take_digits(&mut i, 2);
    if mm.len() != 2 || bytes.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    let ss = take_digits(&mut i, 2);
    if ss.len() != 2 {
        return None;
    }
    let mut frac = String::new();
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        frac = take_digits(&mut i, usize::MAX);
    }
    let zone = rest[i..].trim_start_matches([' ', '\t']);
    let offset = if zone.is_empty() {
        None
    } else if zone == "Z" {
        Some(0)
    } else {
        Some(parse_offset(zone)?)
    };
    let year: i32 = y.parse::<i32>().ok()? * if neg { -1 } else { 1 };
    let date = NaiveDate::from_ymd_opt(year, mo.parse().ok()?, d.parse().ok()?)?;
    let nanos: u32 = if frac.is_empty() {
        0
    } else {
        let mut f = frac.clone();
        f.truncate(9);
        while f.len() < 9 {
            f.push('0');
        }
        f.parse().ok()?
    };
    let time =
        NaiveTime::from_hms_nano_opt(hh.parse().ok()?, mm.parse().ok()?, ss.parse().ok()?, nanos)?;
    let naive = NaiveDateTime::new(date, time);
    match offset {
        Some(secs) => FixedOffset::east_opt(secs)?
            .from_local_datetime(&naive)
            .single(),
        None => {
            let utc = chrono::Utc.from_utc_datetime(&naive);
            Some(in_zone(utc, local))
        }
    }
}

/// A UTC instant shown in the site's zone, as Ruby's `Time#localtime` does.
pub fn in_zone(utc: DateTime<chrono::Utc>, local: Option<chrono_tz::Tz>) -> DateTime<FixedOffset> {
    match local {
        Some(tz) => utc.with_timezone(&tz).fixed_offset(),
        None => utc.fixed_offset(),
    }
}

/// `[-+]\d{1,2}(:?\d\d)?` → seconds east of UTC.
fn parse_offset(z: &str) -> Option<i32> {
    let (sign, body) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' => (-1, &z[1..]),
        _ => return None,
    };
    // Psych's offset is ASCII digits; anything else (which could also put
    // the split below inside a character) is no offset.
    if !body.is_ascii() {
        return None;
    }
    let (h, m) = match body.split_once(':') {
        Some((h, m)) => (h, m),
        None if body.len() > 2 => (&body[..body.len() - 2], &body[body.len() - 2..]),
        None => (body, "0"),
    };
    if h.is_empty() || h.len() > 2 || !digits(h) || !digits(m) || m.len() > 2 {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    Some(sign * (h * 3600 + m * 60))
}

/// Base-60 numbers (`1:30:00` is 5400), a YAML 1.1 feature Psych keeps.
fn sexagesimal(s: &str) -> Option<Value> {
    let body = s.trim_start_matches(['-', '+']);
    let parts: Vec<&str> = body.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let head = parts[0];
    if head.is_empty()
        || !head.as_bytes()[0].is_ascii_digit()
        || !head.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let last = parts[parts.len() - 1];
    let (last_int, last_frac) = match last.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (last, None),
    };
    let minute_ok =
        |p: &str| (1..=2).contains(&p.len()) && digits(p) && p.parse::<u32>().is_ok_and(|n| n < 60);
    let mids = &parts[1..parts.len() - 1];
    if !mids.iter().all(|p| minute_ok(p)) || !minute_ok(last_int) {
        return None;
    }
    // Psych weighs part `e` by 60^|e-2| whatever the count (so `1:30` is
    // 5400), and only the first part carries the sign.
    let signed: Vec<&str> = s.split(':').collect();
    if last_frac.is_some_and(|f| !f.bytes().all(|b| b.is_ascii_digit() || b == b'_')) {
        return None;
    }
    if last_frac.is_some() {
        let mut total = 0.0;
        for (e, n) in signed.iter().enumerate() {
            let n: f64 = n.replace('_', "").parse().unwrap_or(0.0);
            total += n * 60f64.powi((e as i32 - 2).abs());
        }
        return Some(Value::Float(total));
    }
    let mut total: i64 = 0;
    for (e, n) in signed.iter().enumerate() {
        let n: i64 = n.replace('_', "").trim_start_matches('+').parse().ok()?;
        // Past i64 (a Ruby Bignum) it is no number here, as in parse_int
        // (the overflow was found by fuzzing).
        let weight = 60i64.checked_pow((e as i32 - 2).unsigned_abs())?;
        total = total.checked_add(n.checked_mul(weight)?)?;
    }
    Some(Value::Int(total))
}

/// `^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$`
fn is_float(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let Some((int, rest)) = s.split_once('.') else {
        return false;
    };
    if !int.is_empty()
        && (!int.as_bytes()[0].is_ascii_digit()
            || !int
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'_' || b == b','))
    {
        return false;
    }
    let (frac, exp) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    match exp {
        None => true,
        Some(e) => e.len() > 1 && (e.starts_with('-') || e.starts_with('+')) && digits(&e[1..]),
    }
}

/// Psych's INTEGER pattern (binary, octal, decimal with `_`/`,`, hex).
fn parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let clean = |t: &str| {
        t.chars()
            .filter(|c| *c != '_' && *c != ',')
            .collect::<String>()
    };
    let n = if let Some(b) = body.strip_prefix("0b") {
        if b.is_empty() || !b.bytes().all(|c| matches!(c, b'0' | b'1' | b'_' | b',')) {
            return None;
        }
        i64::from_str_radix(&clean(b), 2).ok()?
    } else if let Some(h) = body.strip_prefix("0x") {
        if h.is_empty()
            || !h
                .bytes()
                .all(|c| c.is_ascii_hexdigit() || c == b'_' || c == b',')
        {
            return None;
        }
        i64::from_str_radix(&clean(h), 16).ok()?
    } else if body.len() > 1 && body.starts_with('0') {
        let o = &body[1..];
        if !o.bytes().all(|c| matches!(c, b'0'..=b'7' | b'_' | b',')) {
            return None;
        }
        let o = clean(o);
        if o.is_empty() {
            0
        } else {
            i64::from_str_radix(&o, 8).ok()?
        }
    } else {
        // [1-9]([0-9]|,[0-9]|_[0-9])* or 0
        let b = body.as_bytes();
        if b.is_empty() || !b[0].is_ascii_digit() || (b[0] == b'0' && b.len() > 1) {
            return None;
        }
        let mut prev_sep = false;
        for &c in &b[1..] {
            match c {
                b'0'..=b'9' => prev_sep = false,
                b'_' | b',' if !prev_sep => prev_sep = true,
                _ => return None,
            }
        }
        if prev_sep {
            return None;
        }
        clean(body).parse().ok()?
    };
    Some(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: nested flow mappings as keys doubled the key's
    /// escapes per level (2^150 bytes here).
    #[test]
    fn mappings_as_keys_stay_small() {
        let text = format!("{}{}", "{".repeat(150), "}".repeat(150));
        assert!(parse(&text, None).is_ok());
        // A timestamp inside a key once recursed forever.
        let v = parse("? [2024-03-05 10:20:30 +01:00]\n: v\n", None).unwrap();
        assert_eq!(v.as_hash().unwrap().len(), 1);
        let v = parse("? {a: 1, b: [x, 2]}\n: v\n", None).unwrap();
        let keys: Vec<&hyde_liquid::Key> = v.as_hash().unwrap().keys().collect();
        assert_eq!(keys, ["{\"a\"=>1, \"b\"=>[\"x\", 2]}"]);
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n\
                    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n\
                    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n\
                    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                    ? *f\n: big\n";
        let v = parse(bomb, None).unwrap();
        assert!(v.as_hash().unwrap().keys().all(|k| k.len() < 2 * MAX_KEY));
    }

    /// Found by fuzzing: a base-60 number past i64 overflowed.
    #[test]
    fn huge_sexagesimal_numbers_do_not_overflow() {
        assert_eq!(scalar("4467440737095516:5"), "\"4467440737095516:5\"");
        assert_eq!(scalar("1:30"), "5400");
    }

    /// Found by fuzzing (fuzz/fuzz_targets/front_matter.rs): the offset
    /// split landed inside the multi-byte character and panicked.
    #[test]
    fn a_non_ascii_offset_is_no_timestamp() {
        assert_eq!(
            scalar("2024-03-05 10:20:30 +é1"),
            "\"2024-03-05 10:20:30 +é1\""
        );
        assert!(parse("t: 2024-03-05 10:20:30 +\u{fffd}1\n", None).is_ok());
    }

    fn scalar(s: &str) -> String {
        format!("{:?}", plain_scalar(s, None))
    }

    #[test]
    fn psych_typing_of_plain_scalars() {
        let cases = [
            ("yes", "true"),
            ("No", "false"),
            ("ON", "true"),
            ("off", "false"),
            ("~", "nil"),
            ("null", "nil"),
            ("hello", "\"hello\""),
            ("y", "\"y\""),
            ("42", "42"),
            ("0755", "493"),
            ("0x1f", "31"),
            ("0b101", "5"),
            ("1_000", "1000"),
            ("1,000", "1000"),
            ("1:30", "5400"),
            ("-1:30", "-1800"),
            ("1:30:00", "5400"),
            ("3.14", "3.14"),
            ("1.", "1.0"),
            ("1e3", "\"1e3\""),
            ("1.0e+3", "1000.0"),
            ("2020-01-01", "2020-01-01"),
            ("2020-13-01", "\"2020-13-01\""),
            ("2020-1-5", "2020-01-05"),
            ("2020-01-01 10:00:00 +01:00", "2020-01-01 10:00:00 +01:00"),
            ("2020-01-01T10:00:00Z", "2020-01-01 10:00:00 +00:00"),
            ("2020-01-01 10:00:00", "2020-01-01 10:00:00 +00:00"),
            ("2020-01-01 10:00:00 -5", "2020-01-01 10:00:00 -05:00"),
            ("12:30 pm", "\"12:30 pm\""),
            ("1.2.3", "\"1.2.3\""),
            (":sym", "\"sym\""),
            ("-", "\"-\""),
            ("007", "7"),
            ("08", "\"08\""),
        ];
        for (input, want) in cases {
            assert_eq!(scalar(input), want, "typing {input:?}");
        }
    }

    #[test]
    fn quoted_scalars_stay_strings() {
        let v = parse("a: \"yes\"\nb: yes\nc: '2020-01-01'\nd: 2020-01-01\n", None).unwrap();
        let h = v.as_hash().unwrap();
        assert_eq!(format!("{:?}", h["a"]), "\"yes\"");
        assert_eq!(format!("{:?}", h["b"]), "true");
        assert_eq!(format!("{:?}", h["c"]), "\"2020-01-01\"");
        assert_eq!(format!("{:?}", h["d"]), "2020-01-01");
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let v = parse(
            "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nlist: [*b]\n",
            None,
        )
        .unwrap();
        let other = v.get("other").unwrap().as_hash().unwrap();
        assert_eq!(format!("{:?}", other["x"]), "1");
        assert_eq!(format!("{:?}", other["y"]), "3");
        assert_eq!(v.get("list").unwrap().as_array().unwrap().len(), 1);
    }

    #[test]
    fn errors_carry_line_and_column() {
        let e = parse("title: ok\nbad: [unclosed\n", None).unwrap_err();
        assert!(e.line >= 2, "{e}");
    }

    #[test]
    fn zone_less_timestamps_show_in_the_site_zone() {
        let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
        let t = parse_timestamp("2020-07-01 12:00:00", Some(tz)).unwrap();
        assert_eq!(t.to_string(), "2020-07-01 08:00:00 -04:00");
    }
}
