//! What libsass writes as the source wrote it and grass normalises:
//! quoted attribute selectors (`[for="x"]`, grass `[for=x]`), and in
//! literal values single quotes (`'Mono'`, grass `"Mono"`), escapes
//! (`"\f101"`, grass the character itself) and numbers (`.8`, `1.0`,
//! grass `0.8`, `1`).
//!
//! The sources grass reads are scanned for these as written
//! ([`Written::scan`]); grass's output gets the written form back
//! ([`Written::restore`]) wherever exactly one written form normalises to
//! what grass wrote. Where two do (`[type="text"]` in one file,
//! `[type='text']` in another), libsass keeps each and which output came
//! from which is unknown: grass's form stays, and a warning says so.
//!
//! Values libsass computes (variables, arithmetic, functions) it writes
//! normalised too, so only literal values are restored: a value with `$`,
//! `#{`, a parenthesis or an operator is left as grass wrote it.

use std::collections::HashMap;

/// The written forms found, by the form grass writes for them; `None`
/// when several written forms share one.
#[derive(Debug, Default)]
pub(super) struct Written {
    /// Attribute selectors and `:nth-*()` arguments.
    attributes: HashMap<String, Option<String>>,
    /// Literal values, by property and grass's value.
    values: HashMap<(String, String), Literal>,
    /// Properties that some declaration computes: libsass writes those
    /// normalised, so grass's value may be right as it is.
    computed: std::collections::HashSet<String>,
    /// Properties computed with ` / ` next to interpolation, which libsass
    /// keeps spaced (`50% / #{$size}`) and grass does not: the term before
    /// each such slash, as grass writes it.
    slash_computed: HashMap<String, Vec<String>>,
    /// A hex color in a value: compressed, grass may write it as a name
    /// (`teal` for `#008080`) or in lower case, libsass as written.
    hex_colors: bool,
}

/// The literal declarations with one property and one value as grass
/// writes it.
#[derive(Debug)]
struct Literal {
    /// How they are written; `None` when not all alike.
    written: Option<String>,
    count: usize,
}

/// Records that `written` normalises to `normal`.
fn note(map: &mut HashMap<String, Option<String>>, normal: String, written: &str) {
    map.entry(normal)
        .and_modify(|seen| {
            if seen.as_deref() != Some(written) {
                *seen = None;
            }
        })
        .or_insert_with(|| Some(written.to_string()));
}

impl Written {
    /// Notes the attribute selectors and declarations of one Sass or SCSS
    /// source: literal values as written, computed ones by property.
    pub fn scan(&mut self, source: &str) {
        for (start, _) in source.match_indices('[') {
            if let Some(attr) = attribute_at(&source[start..]) {
                note(&mut self.attributes, attr.normal, attr.written);
            }
        }
        for (start, _) in source.match_indices(":nth-") {
            if let Some(written) = nth_at(&source[start..]) {
                note(&mut self.attributes, written.replace(' ', ""), written);
            }
        }
        for line in source.lines() {
            // Interpolation is computed, and its braces are not a block's.
            let line = without_interpolation(line);
            for decl in line.split(['{', '}']).flat_map(split_declarations) {
                if let Some((_, value)) = decl.split_once(':') {
                    self.hex_colors |= has_hex_color(value);
                }
                match literal_declaration(decl) {
                    Some((property, Some((value, normal)))) => {
                        let literal = self
                            .values
                            .entry((property.to_string(), normal))
                            .or_insert_with(|| Literal {
                                written: Some(value.to_string()),
                                count: 0,
                            });
                        literal.count += 1;
                        if literal.written.as_deref() != Some(value) {
                            literal.written = None;
                        }
                    }
                    Some((property, None)) => {
                        self.computed.insert(property.to_string());
                        // Around interpolation libsass keeps the spaces;
                        // a list of variables it writes as grass does.
                        if let Some((before, _)) = decl.split_once(" / $interpolated") {
                            let term = before.rsplit([' ', ':']).next().unwrap_or("");
                            self.slash_computed
                                .entry(property.to_string())
                                .or_default()
                                .push(format!("{}/", normal_numbers(term)));
                        }
                    }
                    None => {}
                }
            }
        }
    }

    /// grass's compressed output with the selectors put back. Values,
    /// without grass's lines to find them by, cannot be: a warning says so
    /// where the sources have literals grass rewrites, or hex colors.
    pub fn restore_compressed(&self, css: &str, warnings: &mut Vec<String>) -> String {
        let mut ambiguous = Vec::new();
        let css = self.restore_selectors(css, &mut ambiguous);
        warnings.extend(ambiguity_warnings(ambiguous));
        let kept = self.kept_forms();
        if !kept.is_empty() || self.hex_colors {
            let examples = match kept.is_empty() {
                true => String::new(),
                false => format!(" ({})", kept.join(", ")),
            };
            warnings.push(format!(
                "compressed, grass writes some values otherwise than libsass, which keeps literals as the source writes them{examples} and hex colors as written (grass may write `teal` for `#008080`); hyde writes grass's forms"
            ));
        }
        css
    }

    /// `text` with the attribute selectors and `:nth-*()` arguments grass
    /// normalised written back; those written more than one way go to
    /// `ambiguous`. Layout does not matter: compressed output works too.
    fn restore_selectors(&self, text: &str, ambiguous: &mut Vec<String>) -> String {
        let mut text = text.to_string();
        for (open, close) in [("[", ']'), (":nth-", ')')] {
            if !text.contains(open) {
                continue;
            }
            text = replace_spans(&text, open, |rest| {
                let end = rest.find(close)? + 1;
                match self.attributes.get(&rest[..end])? {
                    Some(written) => Some((end, written.clone())),
                    None => {
                        ambiguous.push(rest[..end].to_string());
                        None
                    }
                }
            });
        }
        text
    }

    /// Up to three literal values grass writes otherwise, for a warning
    /// where they cannot be put back.
    fn kept_forms(&self) -> Vec<String> {
        let mut kept: Vec<String> = self
            .values
            .iter()
            .filter_map(|((_, normal), l)| l.written.as_deref().filter(|w| w != normal))
            .map(|w| format!("`{w}`"))
            .collect();
        kept.sort();
        kept.dedup();
        kept.truncate(3);
        kept
    }

    /// grass's expanded output with the written forms put back, and a
    /// warning for each form libsass may have written otherwise.
    pub fn restore(&self, css: &str, warnings: &mut Vec<String>) -> String {
        let declaration = |line: &str| {
            line.trim_end()
                .strip_suffix(';')
                .and_then(|d| d.trim_start().split_once(": "))
                .filter(|_| !line.contains('{'))
                .map(|(p, v)| (p.to_string(), v.to_string()))
        };
        // A property some declaration computes may give grass's value from
        // that one too: only as many as there are literals are theirs.
        let mut in_output: HashMap<(String, String), usize> = HashMap::new();
        for line in css.lines() {
            if let Some(key) = declaration(line).filter(|(p, _)| self.computed.contains(p)) {
                *in_output.entry(key).or_default() += 1;
            }
        }
        let mut out = String::with_capacity(css.len());
        let mut ambiguous: Vec<String> = Vec::new();
        for line in css.split_inclusive('\n') {
            let mut line = line.to_string();
            if let Some((property, value)) = declaration(&line) {
                let key = (property.clone(), value.clone());
                let literal = self.values.get(&key);
                match literal.map(|l| (l.written.as_ref(), l.count)) {
                    Some((Some(written), _)) if *written == value => {}
                    Some((Some(_), count)) if in_output.get(&key).is_some_and(|n| *n > count) => {
                        ambiguous.push(format!("{property}: {value}"))
                    }
                    Some((Some(written), _)) => {
                        line = line.replacen(
                            &format!("{property}: {value}"),
                            &format!("{property}: {written}"),
                            1,
                        );
                    }
                    Some((None, _)) => ambiguous.push(format!("{property}: {value}")),
                    None if self
                        .slash_computed
                        .get(&property)
                        .is_some_and(|terms| terms.iter().any(|t| value.contains(t.as_str())))
                        && bare_slash(&value) =>
                    {
                        ambiguous.push(format!("{property}: {value}"))
                    }
                    None => {}
                }
            } else {
                line = self.restore_selectors(&line, &mut ambiguous);
            }
            out.push_str(&line);
        }
        // grass marks non-ASCII output, which escapes written back may
        // have taken away.
        if let Some(rest) = out.strip_prefix("@charset \"UTF-8\";\n") {
            if rest.is_ascii() {
                out = rest.to_string();
            }
        }
        warnings.extend(ambiguity_warnings(ambiguous));
        out
    }
}

/// A warning for each form, once, that grass may have written where
/// libsass wrote something else.
fn ambiguity_warnings(mut forms: Vec<String>) -> impl Iterator<Item = String> {
    forms.sort();
    forms.dedup();
    forms.into_iter().map(|form| {
        format!(
            "`{form}` may differ from Jekyll's: libsass writes literals as the source does, and the sources write this one in more than one way, or compute it; hyde writes grass's form"
        )
    })
}

/// Whether `value` holds a `#` and three to eight hex digits.
fn has_hex_color(value: &str) -> bool {
    value.match_indices('#').any(|(i, _)| {
        let digits = value[i + 1..]
            .bytes()
            .take_while(u8::is_ascii_hexdigit)
            .count();
        (3..=8).contains(&digits)
    })
}

/// `line` with each `#{…}` replaced by a variable, which makes what holds
/// it computed.
fn without_interpolation(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains("#{") {
        return line.into();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("#{") {
        out.push_str(&rest[..i]);
        out.push_str("$interpolated");
        rest = match rest[i..].find('}') {
            Some(j) => &rest[i + j + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out.into()
}

/// Where the CSS string that `text` starts with (at its `"` or `'`) ends:
/// the byte index of the closing quote, a backslash escaping the character
/// after it. `None` if it does not end.
pub(super) fn string_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == bytes[0] => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Whether `value` has a `/` between terms, outside strings and
/// parentheses, without spaces around it.
fn bare_slash(value: &str) -> bool {
    let bytes = value.as_bytes();
    let (mut i, mut depth) = (0, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => match string_end(&value[i..]) {
                Some(end) => i += end,
                None => return false,
            },
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'/' if depth == 0 => {
                let spaced = i > 0 && bytes[i - 1] == b' ' || bytes.get(i + 1) == Some(&b' ');
                if !spaced {
                    return true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// The declarations of a line's text between braces, split at semicolons
/// outside strings.
fn split_declarations(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut parts = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => match string_end(&text[i..]) {
                Some(end) => i += end,
                None => break,
            },
            b';' => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&text[start..]);
    parts
}

/// `line` with each span starting at `open` that `replace` recognises (it
/// gives the span's length and its replacement) replaced.
fn replace_spans(
    line: &str,
    open: &str,
    mut replace: impl FnMut(&str) -> Option<(usize, String)>,
) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match replace(tail) {
            Some((len, with)) => {
                out.push_str(&with);
                rest = &tail[len..];
            }
            None => {
                out.push_str(open);
                rest = &tail[open.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An attribute selector with a quoted value, as written and as grass
/// writes it.
struct Attribute<'a> {
    written: &'a str,
    normal: String,
}

/// The attribute selector `[name op "value" modifier]` that `text` starts
/// with, written without spaces but before a modifier; `None` for any
/// other bracket.
fn attribute_at(text: &str) -> Option<Attribute<'_>> {
    let end = text.find(']')?;
    let inner = &text[1..end];
    let name_end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))?;
    let (name, rest) = inner.split_at(name_end);
    if name.is_empty() {
        return None;
    }
    let op_len = if rest.starts_with('=') {
        1
    } else if rest
        .as_bytes()
        .first()
        .is_some_and(|b| b"~|^$*".contains(b))
        && rest[1..].starts_with('=')
    {
        2
    } else {
        return None;
    };
    let (op, rest) = rest.split_at(op_len);
    let (value, modifier) = match rest.chars().next()? {
        quote @ ('"' | '\'') => {
            let close = rest[1..].find(quote)? + 1;
            (&rest[1..close], &rest[close + 1..])
        }
        // Unquoted: written as grass writes it, noted so that a quoted
        // form of the same selector elsewhere is known to be ambiguous.
        _ => rest.split_at(rest.find(' ').unwrap_or(rest.len())),
    };
    let modifier = match modifier {
        "" => "",
        m if m.len() == 2 && m.starts_with(' ') && "iIsS".contains(&m[1..]) => m,
        _ => return None,
    };
    if value.contains('\\') {
        return None;
    }
    let value = if is_identifier(value) {
        value.to_string()
    } else {
        format!("\"{value}\"")
    };
    Some(Attribute {
        written: &text[..=end],
        normal: format!("[{name}{op}{value}{modifier}]"),
    })
}

/// The `:nth-child(an + b)` (or `-last-child`, `-of-type`, …) that `text`
/// starts with, if its argument has spaces, which grass drops.
fn nth_at(text: &str) -> Option<&str> {
    let open = text.find('(')?;
    let name = &text[5..open];
    if !["child", "last-child", "of-type", "last-of-type"].contains(&name) {
        return None;
    }
    let close = open + text[open..].find(')')?;
    let argument = &text[open + 1..close];
    let plain = argument
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '+' || c == '-');
    (plain && argument.contains(' ') && !argument.contains(" of ")).then_some(&text[..=close])
}

/// Whether grass writes `value` unquoted: a CSS identifier.
fn is_identifier(value: &str) -> bool {
    let body = value.strip_prefix('-').unwrap_or(value);
    let Some(first) = body.chars().next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_' || first == '-' || !first.is_ascii())
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii())
        && value != "-"
        && !value.starts_with("--")
}

/// How grass writes the quoted string `written`: escapes resolved, in
/// double quotes. `None` for escapes grass would write back escaped
/// (quotes, backslashes, control characters) or that name no character.
fn unescaped(written: &str) -> Option<String> {
    let inner = &written[1..written.len() - 1];
    let mut out = String::from("\"");
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            if c == '"' {
                return None;
            }
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6 && chars.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            hex.push(chars.next()?);
        }
        let decoded = if hex.is_empty() {
            chars.next()?
        } else {
            if chars.peek() == Some(&' ') {
                chars.next();
            }
            char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
        };
        if decoded == '"' || decoded == '\\' || decoded.is_control() || decoded == '\0' {
            return None;
        }
        out.push(decoded);
    }
    out.push('"');
    Some(out)
}

/// A declaration's property and, if its value is literal (no variables,
/// interpolation, functions or operators), the value as written and as
/// grass writes it. `None` for text that is no declaration.
fn literal_declaration(decl: &str) -> Option<(&str, Option<(&str, String)>)> {
    let (property, value) = decl.split_once(':')?;
    let property = property.trim();
    let value = value.trim();
    let plain_property = !property.is_empty()
        && property
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !plain_property || value.is_empty() || value.ends_with(',') || value.ends_with('{') {
        return None;
    }
    Some((property, normal_value(value).map(|normal| (value, normal))))
}

/// A literal value as grass writes it: strings through [`unescaped`],
/// numbers through [`normal_numbers`]. `None` for anything computed, or
/// a character grass might treat otherwise.
fn normal_value(value: &str) -> Option<String> {
    let mut out = String::with_capacity(value.len() + 4);
    let mut rest = value;
    // libsass keeps `calc()` as written, operators and all; grass only
    // rewrites its numbers when it cannot work the sum out.
    let calc =
        value.starts_with("calc(") && value.ends_with(')') && value.matches('(').count() == 1;
    while !rest.is_empty() {
        let quote_at = rest.find(['"', '\'']).unwrap_or(rest.len());
        let plain = &rest[..quote_at];
        let literal = if calc {
            !value.contains('"')
                && !value.contains('\'')
                && plain
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || " .-%()+*/".contains(c))
        } else {
            plain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " .-%#,/".contains(c))
                && !plain.contains(" - ")
                && !plain.contains("//")
                && !plain.contains("--")
        };
        if !literal {
            return None;
        }
        // grass writes a slash-separated list without spaces around `/`.
        out.push_str(&normal_numbers(plain).replace(" / ", "/"));
        rest = &rest[quote_at..];
        let Some(quote) = rest.chars().next() else {
            break;
        };
        let end = string_end(rest)?;
        let string = &rest[..=end];
        // grass keeps single quotes around a double quote.
        if quote == '\'' && string.contains('"') && !string.contains('\\') {
            out.push_str(string);
        } else {
            out.push_str(&unescaped(string)?);
        }
        rest = &rest[end + 1..];
    }
    Some(out)
}

/// `value` with its numbers as grass writes them: a leading zero before a
/// bare fraction, no other leading zeros, no trailing zeros after the
/// point.
fn normal_numbers(value: &str) -> String {
    let bytes = value.as_bytes();
    // Bytes, so that text around the numbers is copied as it is.
    let mut out: Vec<u8> = Vec::with_capacity(value.len() + 2);
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = (bytes[i].is_ascii_digit()
            || (bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'.'
                    || bytes[i - 1] == b'#'));
        if !starts_number {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let whole = value[start..i].trim_start_matches('0');
        let mut fraction = "";
        if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            let f = i + 1;
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            fraction = value[f..i].trim_end_matches('0');
        }
        out.extend_from_slice(if whole.is_empty() {
            b"0"
        } else {
            whole.as_bytes()
        });
        if !fraction.is_empty() {
            out.push(b'.');
            out.extend_from_slice(fraction.as_bytes());
        }
    }
    // Only ASCII digits and dots were rewritten, between ASCII bytes.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restored(source: &str, css: &str) -> (String, Vec<String>) {
        let mut written = Written::default();
        written.scan(source);
        let mut warnings = Vec::new();
        (written.restore(css, &mut warnings), warnings)
    }

    /// Arbitrary text, multibyte characters among Sass's punctuation, as
    /// sources and as output: scanning and restoring never panic.
    #[test]
    fn any_text_scans_and_restores_without_panicking() {
        let pieces = [
            "[",
            "]",
            "=",
            "~=",
            "\"",
            "'",
            "\\",
            "é",
            "↗",
            ":",
            ";",
            "{",
            "}",
            "#{",
            "$",
            " / ",
            ".5",
            "0.50",
            "calc(",
            ")",
            ":nth-child(",
            "n + 3",
            " i",
            "a",
            "-",
            "\n",
            "@charset \"UTF-8\";\n",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..100_000 {
            let mut text = String::new();
            for _ in 0..(seed % 16) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let mut written = Written::default();
            written.scan(&text);
            let mut warnings = Vec::new();
            let _ = written.restore(&text, &mut warnings);
            let _ = written.restore_compressed(&text, &mut warnings);
        }
    }

    #[test]
    fn numbers_in_literal_values_come_back_as_written() {
        assert_eq!(normal_numbers(".25em 0.5em"), "0.25em 0.5em");
        assert_eq!(normal_numbers("1.0"), "1");
        assert_eq!(normal_numbers("00.5"), "0.5");
        assert_eq!(normal_numbers("-.5px"), "-0.5px");
        assert_eq!(normal_numbers("#00ff00 h1"), "#00ff00 h1");
        let source = ".a { opacity: .8; margin: .25em 0.5em; width: $w * .5; }";
        let css = ".a {\n  opacity: 0.8;\n  margin: 0.25em 0.5em;\n  width: 0.5;\n}\n";
        let (out, warnings) = restored(source, css);
        assert_eq!(
            out,
            ".a {\n  opacity: .8;\n  margin: .25em 0.5em;\n  width: 0.5;\n}\n"
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn quoted_attributes_and_escaped_strings_come_back_as_written() {
        let source = "a[href^='http'], input[type=\"text\"], a[lang|=\"en\" i] { content: \"\\2197\"; }\n[data-x=\"two words\"] {}";
        let css = "a[href^=http], input[type=text], a[lang|=en i] {\n  content: \"↗\";\n}\n[data-x=\"two words\"] {}\n";
        let (out, warnings) = restored(source, css);
        assert_eq!(
            out,
            "a[href^='http'], input[type=\"text\"], a[lang|=\"en\" i] {\n  content: \"\\2197\";\n}\n[data-x=\"two words\"] {}\n"
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn a_value_also_computed_keeps_grass_s_form_and_warns() {
        // libsass writes `$w` as 0.8 and the literal as .8: grass's 0.8
        // cannot tell which it is.
        let source = "$w: .8; .a { opacity: $w; } .b { opacity: .8; }";
        let css = ".a {\n  opacity: 0.8;\n}\n.b {\n  opacity: 0.8;\n}\n";
        let (out, warnings) = restored(source, css);
        assert_eq!(out, css);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("opacity: 0.8"));
    }

    #[test]
    fn a_property_computed_to_other_values_keeps_its_literals() {
        let source = "$w: 2em; .a { margin-left: $w; } .b { margin-left: .3em; }";
        let css = ".a {\n  margin-left: 2em;\n}\n.b {\n  margin-left: 0.3em;\n}\n";
        let (out, warnings) = restored(source, css);
        assert_eq!(
            out,
            ".a {\n  margin-left: 2em;\n}\n.b {\n  margin-left: .3em;\n}\n"
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_computed_slash_list_warns() {
        let source = ".a { background: 50% / #{$size} no-repeat; }";
        let css = ".a {\n  background: 50%/50% 50% no-repeat;\n}\n";
        let (out, warnings) = restored(source, css);
        assert_eq!(out, css);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn nth_arguments_come_back_as_written() {
        let source = ".a > .b:nth-last-child(n + 3), li:nth-child(2n+1) {}";
        let css = ".a > .b:nth-last-child(n+3), li:nth-child(2n+1) {}\n";
        let (out, _) = restored(source, css);
        assert_eq!(
            out,
            ".a > .b:nth-last-child(n + 3), li:nth-child(2n+1) {}\n"
        );
    }

    #[test]
    fn two_written_forms_keep_grass_s_and_warn() {
        let source = "input[type=\"text\"] {} textarea[type='text'] {}";
        let css = "input[type=text] {}\ntextarea[type=text] {}\n";
        let (out, warnings) = restored(source, css);
        assert_eq!(out, css);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("[type=text]"));
    }
}
