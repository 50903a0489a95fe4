//! Jekyll's text and URL helpers: JSON output, XML escaping,
//! `relative_url`/`absolute_url` (normalized as [`super::uri`] does), slugs
//! and word counts.

use super::translit::transliterate;
use super::uri::{is_normal, normalize_reference};
use crate::render::Context;
use crate::value::{float_to_s, HashedName, Value};

fn s(v: &Value) -> String {
    v.to_ruby_s()
}

fn site_config(ctx: &Context<'_>, key: &str) -> Value {
    ctx.globals()
        .get("site")
        .and_then(|s| s.get(key))
        .cloned()
        .unwrap_or_default()
}

pub(crate) fn json(v: &Value, out: &mut String) {
    Json { out, pretty: false }.value(v, 0);
}

/// `JSON.pretty_generate`, as Jekyll's drops `inspect`: two-space indents,
/// and Ruby's empty arrays (`[`, two newlines, `]`).
pub(crate) fn json_pretty(v: &Value) -> String {
    let mut out = String::new();
    Json {
        out: &mut out,
        pretty: true,
    }
    .value(v, 0);
    out
}

/// A JSON writer: `to_json` of values nested some objects or arrays deep
/// (Jekyll's document drops collapse their neighbours from depth 2 on).
struct Json<'a> {
    out: &'a mut String,
    pretty: bool,
}

impl Json<'_> {
    fn value(&mut self, v: &Value, depth: usize) {
        match v {
            Value::Nil => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => self.out.push_str(&i.to_string()),
            Value::Float(f) => self.out.push_str(&float_to_s(*f)),
            Value::Array(a) => {
                self.out.push('[');
                self.newline(0);
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                        self.newline(0);
                    }
                    self.indent(depth + 1);
                    self.value(x, depth + 1);
                }
                self.newline(depth);
                self.out.push(']');
            }
            Value::Linked(l) => match l.plain() {
                Some(page) => self.value(&page, depth),
                None => self.document(l, depth),
            },
            Value::Hash(h) => match h.get(crate::value::DROP_CLASS_KEY) {
                // Jekyll's drops write their keys; in a collection's, its
                // documents are `Document`s, whose JSON is their `to_s`.
                Some(Value::Str(class)) if class.starts_with("Jekyll::Drops::") => {
                    let docs = match h.get("docs") {
                        Some(Value::Array(items)) if &**class == crate::value::COLLECTION_DROP => {
                            let strings = items.iter().map(|d| Value::from(d.to_liquid_string()));
                            Some(Value::array(strings.collect()))
                        }
                        _ => None,
                    };
                    let pairs = h
                        .iter()
                        .filter(|(k, _)| k.as_str() != crate::value::DROP_CLASS_KEY)
                        .map(|(k, x)| match (&docs, k.as_str()) {
                            (Some(strings), "docs") => (k.as_str(), strings),
                            _ => (k.as_str(), x),
                        });
                    self.object(pairs, depth)
                }
                // Liquid's write their class name.
                Some(_) => json_str(&v.to_liquid_string(), self.out),
                None => self.object(h.iter().map(|(k, x)| (k.as_str(), x)), depth),
            },
            other => json_str(&other.to_liquid_string(), self.out),
        }
    }

    fn object<'v>(&mut self, pairs: impl Iterator<Item = (&'v str, &'v Value)>, depth: usize) {
        self.out.push('{');
        for (i, (k, x)) in pairs.enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline(0);
            self.indent(depth + 1);
            json_str(k, self.out);
            self.out.push_str(if self.pretty { ": " } else { ":" });
            self.value(x, depth + 1);
        }
        self.newline(depth);
        self.out.push('}');
    }

    /// `DocumentDrop#to_json`: its keys in the drop's order. From depth 2
    /// on, `previous` and `next` are collapsed to their plain keys (no
    /// content, output, excerpt or neighbours), which ends the chain.
    fn document(&mut self, doc: &crate::Linked, depth: usize) {
        const NESTED_LEFT_OUT: [&str; 5] = ["content", "output", "excerpt", "next", "previous"];
        let values: Vec<(&str, Value)> = doc
            .keys()
            .into_iter()
            .map(|key| {
                let value = doc.get_ref(key, None).map(|v| v.into_owned());
                let value = match value {
                    Some(Value::Linked(n)) if depth >= 2 && matches!(key, "previous" | "next") => {
                        let mut plain = crate::Map::new();
                        for k in n
                            .keys()
                            .into_iter()
                            .filter(|k| !NESTED_LEFT_OUT.contains(k))
                        {
                            let v = n.get_ref(k, None).map(|v| v.into_owned());
                            plain.insert(k.into(), v.unwrap_or_default());
                        }
                        Value::hash(plain)
                    }
                    other => other.unwrap_or_default(),
                };
                (key, value)
            })
            .collect();
        self.object(values.iter().map(|(k, v)| (*k, v)), depth);
    }

    /// Ruby's `array_nl`/`object_nl`, then the indent of `depth`.
    fn newline(&mut self, depth: usize) {
        if self.pretty {
            self.out.push('\n');
            self.indent(depth);
        }
    }

    fn indent(&mut self, depth: usize) {
        if self.pretty {
            for _ in 0..depth {
                self.out.push_str("  ");
            }
        }
    }
}

pub(crate) fn json_str(st: &str, out: &mut String) {
    out.push('"');
    for c in st.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `xml_escape`: `encode(xml: :attr)` without the surrounding quotes.
pub(crate) fn xml_escape(st: &str) -> String {
    let mut out = String::with_capacity(st.len());
    for c in st.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn is_absolute_uri(st: &str) -> bool {
    match st.bytes().position(|b| b == b':') {
        Some(p) if p > 0 => {
            let scheme = &st[..p];
            scheme.as_bytes()[0].is_ascii_alphabetic()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        }
        _ => false,
    }
}

pub(crate) fn relative_url(ctx: &Context<'_>, input: &Value) -> Value {
    if input.is_nil() {
        return Value::Nil;
    }
    // Listings call this for every link: borrow the text when it is one.
    let owned;
    let st: &str = match input {
        Value::Str(text) => text,
        other => {
            owned = s(other);
            &owned
        }
    };
    // A scheme starts with a letter: a rooted path never has one.
    if !st.starts_with('/') && is_absolute_uri(st) {
        return input.clone();
    }
    let base_value = ctx.env().config_baseurl().or_else(|| {
        // Names hashed once: this runs for every link of every page.
        static SITE: std::sync::LazyLock<HashedName> =
            std::sync::LazyLock::new(|| HashedName::new("site"));
        static BASEURL: std::sync::LazyLock<HashedName> =
            std::sync::LazyLock::new(|| HashedName::new("baseurl"));
        match ctx.globals().get_hashed(&SITE) {
            Some(Value::Hash(site)) => site.get_hashed(&BASEURL),
            _ => None,
        }
    });
    let base_owned;
    let base: &str = match base_value {
        None | Some(Value::Nil) => "",
        Some(Value::Str(text)) => text,
        Some(other) => {
            base_owned = s(other);
            &base_owned
        }
    };
    let base = base.strip_suffix('/').unwrap_or(base);
    // No base and a normal rooted path: the answer is the input itself.
    if base.is_empty() && st.starts_with('/') && is_normal(st) {
        if let Value::Str(_) = input {
            return input.clone();
        }
    }
    let mut joined = String::with_capacity(base.len() + st.len() + 2);
    for part in [base, st] {
        if !part.is_empty() && !part.starts_with('/') {
            joined.push('/');
        }
        joined.push_str(part);
    }
    if is_normal(&joined) {
        return Value::from(joined);
    }
    Value::from(normalize_reference(&joined))
}

pub(crate) fn absolute_url(ctx: &Context<'_>, input: &Value) -> Value {
    if input.is_nil() {
        return Value::Nil;
    }
    let st = s(input);
    if is_absolute_uri(&st) {
        return input.clone();
    }
    let url = site_config(ctx, "url");
    let rel = relative_url(ctx, input);
    if url.is_nil() || s(&url).is_empty() {
        return rel;
    }
    let full = format!("{}{}", s(&url), s(&rel));
    // Addressable lowercases scheme and host and gives an empty path "/".
    let n = match full.find("://") {
        Some(p) => {
            let host_start = p + 3;
            let host_end = full[host_start..]
                .find(['/', '?', '#'])
                .map_or(full.len(), |k| host_start + k);
            let lower = full[..host_end].to_ascii_lowercase();
            let rest = normalize_reference(&full[host_end..]);
            if rest.is_empty() || rest.starts_with('?') || rest.starts_with('#') {
                format!("{lower}/{rest}")
            } else {
                format!("{lower}{rest}")
            }
        }
        None => normalize_reference(&full),
    };
    Value::from(n)
}

pub(crate) fn is_cjk(c: char) -> bool {
    let u = c as u32;
    (0x4E00..=0x9FFF).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0x20000..=0x2A6DF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0x3040..=0x309F).contains(&u)
        || (0x30A0..=0x30FF).contains(&u)
        || (0x31F0..=0x31FF).contains(&u)
        || (0xAC00..=0xD7AF).contains(&u)
        || (0x1100..=0x11FF).contains(&u)
        || (0x3130..=0x318F).contains(&u)
        || u == 0x3005
        || u == 0x3007
        || (0x3021..=0x3029).contains(&u)
}

pub(crate) fn count_words(st: &str, cjk_aware: bool) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in st.chars() {
        if cjk_aware && is_cjk(c) {
            n += 1;
            in_word = false;
        } else if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            n += 1;
            in_word = true;
        }
    }
    n
}

pub(crate) fn slugify(st: &str, mode: &str) -> String {
    let keep = |c: char| -> bool {
        match mode {
            "raw" => !c.is_whitespace(),
            "ascii" => c.is_ascii_alphanumeric(),
            "pretty" => c.is_alphanumeric() || "._~!$&'()+,;=@".contains(c),
            _ => c.is_alphanumeric(),
        }
    };
    let src: String = if mode == "latin" {
        transliterate(st)
    } else {
        st.to_string()
    };
    let mut out = String::with_capacity(src.len());
    let mut dash = false;
    for c in src.chars() {
        if keep(c) || (mode != "ascii" && mode != "raw" && is_mark(c)) {
            if dash {
                out.push('-');
                dash = false;
            }
            out.push(c);
        } else {
            dash = true;
        }
    }
    if dash {
        out.push('-');
    }
    let out = out.strip_prefix('-').unwrap_or(&out);
    let out = out.strip_suffix('-').unwrap_or(out);
    super::downcase(out)
}

pub(crate) fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}
