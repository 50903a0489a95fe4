//! A fast path for the front matter most pages have: one `key: value` per
//! line, values plain, simply quoted, or a flow list of plain words.
//!
//! yaml-rust2 spends ~25,000 instructions on a five-line front matter, a
//! twentieth of a whole build. Lines this shape mean the same thing in any
//! YAML parser, and their plain scalars are typed by the same Psych rules
//! ([`super::plain_scalar`]); anything else (nesting, anchors, escapes,
//! block scalars, comments after a value, tabs, odd characters) returns
//! `None` and goes to the full parser. A unit test checks the two agree on
//! every input the fast path accepts.

use hyde_liquid::{Map, Value};

use super::plain_scalar;

/// The mapping `text` holds, or `None` when it is not of the simple shape.
pub fn parse(text: &str, local: Option<chrono_tz::Tz>) -> Option<Value> {
    // Characters YAML treats specially anywhere: tabs, carriage returns and
    // other controls, the byte-order mark and Unicode line breaks.
    // ASCII text is checked byte by byte; decoding it cost more than the rest.
    let ascii_clean = text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n');
    if !ascii_clean
        && text.chars().any(|c| {
            (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
        })
    {
        return None;
    }
    // Front matter comes with its opening `---`, a document start.
    let body = match text.split_once('\n') {
        Some((first, rest)) if first.trim_end_matches(' ') == "---" => rest,
        _ => text,
    };
    let mut map = Map::new();
    for line in body.split('\n') {
        if line.trim_end_matches(' ').is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        let plain_key = key
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        // `yes:` or `null:` would be keyed by what they resolve to.
        if !plain_key || !matches!(plain_scalar(key, local), Value::Str(_)) {
            return None;
        }
        if !rest.is_empty() && !rest.starts_with(' ') {
            return None;
        }
        map.insert(key.into(), value(rest.trim_matches(' '), local)?);
    }
    // Empty or comment-only text is nil, not a mapping: the full parser
    // says so.
    (!map.is_empty()).then(|| Value::hash(map))
}

fn value(v: &str, local: Option<chrono_tz::Tz>) -> Option<Value> {
    let Some(first) = v.chars().next() else {
        return Some(Value::Nil);
    };
    match first {
        '"' | '\'' => {
            let inner = v.strip_prefix(first)?.strip_suffix(first)?;
            // No quote inside (`''` is an escaped one), no backslash escape.
            let escaped = inner.contains(first) || (first == '"' && inner.contains('\\'));
            (!escaped).then(|| Value::from(inner))
        }
        '[' => {
            let inner = v.strip_prefix('[')?.strip_suffix(']')?;
            if inner.trim_matches(' ').is_empty() {
                return Some(Value::array(Vec::new()));
            }
            let mut items = Vec::new();
            for item in inner.split(',') {
                let item = item.trim_matches(' ');
                let word = item
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphanumeric())
                    && item
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_-./+ ".contains(&b));
                if !word {
                    return None;
                }
                items.push(plain_scalar(item, local));
            }
            Some(Value::array(items))
        }
        _ => {
            // Indicators that start something other than a plain scalar;
            // `-` and `:` only when a space or nothing follows.
            let second = v[first.len_utf8()..].chars().next();
            let indicator = "[]{}#&*!|>'\"%@`,?".contains(first)
                || (matches!(first, '-' | ':') && second.is_none_or(|c| c == ' '));
            if indicator || v.contains(": ") || v.ends_with(':') || v.contains(" #") {
                return None;
            }
            Some(plain_scalar(v, local))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every combination of these keys and values, one and several to a
    /// text: wherever the fast path answers, it answers as the full parser.
    #[test]
    fn agrees_with_the_full_parser_wherever_it_answers() {
        let keys = [
            "title", "date", "tags", "a-b", "_x", "on", "yes", "null", "1a", "Key",
        ];
        let values = [
            "",
            "Hello",
            "Hello, World",
            "yes",
            "No",
            "ON",
            "~",
            "null",
            "true",
            "12",
            "-5",
            "+5",
            "0x1F",
            "0o17",
            "017",
            "1_000",
            "1,000",
            "1.5",
            "1e3",
            ".5",
            "-.inf",
            ".NaN",
            "2020-01-01",
            "2020-1-1",
            "2020-13-01",
            "2020-01-01 10:00:00",
            "2020-01-01 10:00:00 +02:00",
            "2020-01-01T10:00:00Z",
            "10:30",
            "1:30:00",
            ":sym",
            ":",
            "-",
            "- a",
            "a: b",
            "a:",
            "C#",
            "a #b",
            "https://x.org/a?b=c",
            "\"quoted\"",
            "\"yes\"",
            "\"a\\nb\"",
            "'single'",
            "'it''s'",
            "\"\"",
            "''",
            "[]",
            "[ ]",
            "[a, b]",
            "[ml, 1, yes, 2020-01-01]",
            "[a,]",
            "[\"a\", b]",
            "[a b, c-d, e.f]",
            "{a: 1}",
            "&x 1",
            "*x",
            "!!str 1",
            "|",
            ">",
            "%x",
            "@x",
            "`x`",
            "?x",
            "Ünïcödé title",
            "[Ünï]",
            "a  b  ",
            "1.0.0",
            "v1.2",
            "0.",
            "+.5e-3",
            "12:30:45.5",
            "0b101",
            "-0",
            "00",
            "Yes please",
        ];
        let mut texts: Vec<String> = Vec::new();
        for k in keys {
            for v in values {
                texts.push(format!("{k}: {v}\n"));
                texts.push(format!("{k}:{v}\n"));
            }
        }
        for (i, v) in values.iter().enumerate() {
            let w = values[(i * 7 + 3) % values.len()];
            texts.push(format!("title: {v}\n# note\n\ndate: {w}\ntitle: again\n"));
            texts.push(format!("---\ntitle: {v}\ntags: {w}\n"));
        }
        texts.extend(
            [
                "",
                "\n",
                "# only\n",
                "---\na: 1\n",
                "---   \na: 1\n",
                "--- a\nb: 1\n",
                "---\n---\na: 1\n",
                "---\n",
                "a: 1\n  b: 2\n",
                "a:\n  - x\n",
                "a: 1\r\n",
                "a:\t1\n",
                "key : v\n",
                "a: b\n...\n",
                "\u{feff}a: 1\n",
                "a: 1 # c\n",
            ]
            .map(String::from),
        );
        let mut answered = 0;
        for text in &texts {
            if let Some(fast) = parse(text, None) {
                answered += 1;
                let full = super::super::parse_events(text, None).unwrap_or_else(|e| {
                    panic!("{text:?}: fast path took what YAML rejects: {e:?}")
                });
                assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{text:?}");
            }
        }
        // The test proves nothing if the fast path turned everything away:
        // it must take a fifth of these (half have no space after the
        // colon, four keys in ten are not plain strings) and the usual
        // front matter.
        assert!(answered > texts.len() / 5, "{answered} of {}", texts.len());
        let usual =
            "title: \"A post\"\ndate: 2020-01-01 10:00:00 +02:00\ntags: [ml, rust]\nlayout: post\n";
        assert!(parse(usual, None).is_some());
    }
}
