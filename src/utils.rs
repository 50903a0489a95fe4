//! Small helpers shared by the pipeline stages: Ruby-style string
//! conversion, Jekyll's slugify, and Ruby's `Time.parse` for front-matter dates.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use hyde_liquid::Value;

/// `Jekyll.env`: `JEKYLL_ENV`, or "development" when it is not set.
pub fn jekyll_env() -> String {
    std::env::var("JEKYLL_ENV").unwrap_or_else(|_| "development".into())
}

/// Ruby's `to_s` for the values front matter holds (paths, slugs, categories).
pub fn to_s(v: &Value) -> String {
    match v {
        Value::Nil => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => ruby_float(*f),
        Value::Str(s) => s.to_string(),
        Value::Time(t) => ruby_time(t),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Range(a, b) => format!("{a}..{b}"),
        Value::Array(_) | Value::Hash(_) | Value::Linked(_) => format!("{v:?}"),
    }
}

/// Ruby's `Float#to_s` for ordinary magnitudes.
pub fn ruby_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if f == f.trunc() && f.abs() < 1e16 {
        return format!("{f:.1}");
    }
    format!("{f}")
}

/// Ruby's `Time#to_s`: `2024-01-01 00:00:00 +0000`.
pub fn ruby_time(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M:%S %z").to_string()
}

/// `Utils.titleize_slug`: `hello-world` → `Hello World`.
pub fn titleize_slug(slug: &str) -> String {
    slug.split('-')
        .map(capitalize)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Ruby's `String#capitalize`: first character upper, the rest lower.
pub fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// The modes of `Utils.slugify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugMode {
    Raw,
    Default,
    Pretty,
    Ascii,
    Latin,
    /// Any other mode name: the string is only lower-cased.
    None,
}

impl SlugMode {
    pub fn parse(name: Option<&str>) -> SlugMode {
        match name.unwrap_or("default") {
            "raw" => SlugMode::Raw,
            "default" => SlugMode::Default,
            "pretty" => SlugMode::Pretty,
            "ascii" => SlugMode::Ascii,
            "latin" => SlugMode::Latin,
            _ => SlugMode::None,
        }
    }
}

/// Jekyll's `Utils.slugify`: runs of characters outside the mode's set become
/// one hyphen, leading/trailing hyphens go, and the result is lower-cased
/// unless `cased`.
pub fn slugify(s: &str, mode: SlugMode, cased: bool) -> String {
    let lower = |s: String| {
        if cased {
            s
        } else {
            hyde_liquid::filters::downcase(&s)
        }
    };
    if mode == SlugMode::None {
        return lower(s.to_string());
    }
    let keep: fn(char) -> bool = match mode {
        SlugMode::Raw => |c| !c.is_whitespace(),
        SlugMode::Pretty => |c| {
            c.is_alphabetic() || is_mark(c) || is_decimal_digit(c) || "._~!$&'()+,;=@".contains(c)
        },
        SlugMode::Ascii => |c| c.is_ascii_alphanumeric(),
        _ => |c| c.is_alphabetic() || is_mark(c) || is_decimal_digit(c),
    };
    let source = if mode == SlugMode::Latin {
        hyde_liquid::filters::transliterate(s)
    } else {
        s.to_string()
    };
    let mut out = String::with_capacity(source.len());
    let mut in_run = false;
    for c in source.chars() {
        if keep(c) {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('-');
            in_run = true;
        }
    }
    let trimmed = out.strip_prefix('-').unwrap_or(&out);
    let trimmed = trimmed.strip_suffix('-').unwrap_or(trimmed);
    lower(trimmed.to_string())
}

/// Unicode `Nd`; Rust's `is_numeric` also admits `Nl`/`No`, which Ruby's
/// `\p{Nd}` does not, so those common ones are excluded.
fn is_decimal_digit(c: char) -> bool {
    c.is_numeric() && !matches!(c, '²' | '³' | '¹' | '¼' | '½' | '¾' | 'Ⅰ'..='ↈ' | '①'..='⓿')
}

/// Combining marks (`\p{M}`), for the common combining blocks.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}')
}

static MONTHS: LazyLock<[&'static str; 12]> = LazyLock::new(|| {
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
});

/// Ruby's `Time.parse(s).localtime` for the date shapes front matter and
/// filenames use: `2020-01-02`, `2020-01-02 10:11:12 +0100`,
/// `2020-01-02T10:11:12Z`, `2020/01/02`, `Jan 2 2020`, `2 January 2020 10:00`.
/// Times without an offset are read in `zone`. None when Ruby would raise.
pub fn parse_time(s: &str, zone: Option<chrono_tz::Tz>) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    let (date, rest) = parse_date_part(s)?;
    let rest = rest.trim_start_matches(['T', 't', ' ', ',']);
    let (time, rest) = parse_time_part(rest).unwrap_or((NaiveTime::MIN, rest));
    let rest = rest.trim();
    let offset = if rest.is_empty() {
        None
    } else if rest.eq_ignore_ascii_case("z")
        || rest.eq_ignore_ascii_case("utc")
        || rest.eq_ignore_ascii_case("gmt")
    {
        Some(0)
    } else {
        Some(parse_offset(rest)?)
    };
    let naive = NaiveDateTime::new(date, time);
    let instant = match offset {
        Some(secs) => FixedOffset::east_opt(secs)?
            .from_local_datetime(&naive)
            .single()?,
        None => match zone {
            Some(tz) => tz.from_local_datetime(&naive).earliest()?.fixed_offset(),
            None => chrono::Utc.from_utc_datetime(&naive).fixed_offset(),
        },
    };
    Some(match zone {
        Some(tz) => instant.with_timezone(&tz).fixed_offset(),
        None => instant.with_timezone(&chrono::Utc).fixed_offset(),
    })
}

fn parse_date_part(s: &str) -> Option<(NaiveDate, &str)> {
    let end = s.find([' ', 'T', 't', ',']).unwrap_or(s.len());
    let head = &s[..end];
    for sep in ['-', '/'] {
        let parts: Vec<&str> = head.split(sep).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let (y, m, d) = (
                parts[0].parse().ok()?,
                parts[1].parse().ok()?,
                parts[2].parse().ok()?,
            );
            return Some((NaiveDate::from_ymd_opt(y, m, d)?, &s[end..]));
        }
    }
    // "Jan 2 2020", "2 January 2020", "January 2, 2020"
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.len() >= 3 {
        let month = |w: &str| {
            MONTHS
                .iter()
                .position(|m| w.to_ascii_lowercase().starts_with(m))
                .map(|i| i as u32 + 1)
        };
        let (m, d, y) = if let Some(m) = month(words[0]) {
            (m, words[1].parse().ok()?, words[2].parse().ok()?)
        } else {
            (
                month(words[1])?,
                words[0].parse().ok()?,
                words[2].parse().ok()?,
            )
        };
        let consumed = s.find(words[2])? + words[2].len();
        return Some((NaiveDate::from_ymd_opt(y, m, d)?, &s[consumed..]));
    }
    None
}

fn parse_time_part(s: &str) -> Option<(NaiveTime, &str)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(s.len());
    let body = &s[..end];
    let (hms, frac) = match body.split_once('.') {
        Some((a, b)) => (a, b),
        None => (body, ""),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let h = parts[0].parse().ok()?;
    let m = parts[1].parse().ok()?;
    let sec = parts.get(2).map_or(Some(0), |p| p.parse().ok())?;
    let mut nanos = 0;
    if !frac.is_empty() {
        let mut f = frac.to_string();
        f.truncate(9);
        while f.len() < 9 {
            f.push('0');
        }
        nanos = f.parse().ok()?;
    }
    Some((NaiveTime::from_hms_nano_opt(h, m, sec, nanos)?, &s[end..]))
}

fn parse_offset(z: &str) -> Option<i32> {
    let (sign, body) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' => (-1, &z[1..]),
        _ => return None,
    };
    let digits: String = body.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = if digits.len() <= 2 {
        (digits.as_str(), "0")
    } else {
        digits.split_at(digits.len() - 2)
    };
    Some(sign * (h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60))
}

/// A date value from front matter as a Time, the way Jekyll's `merge_date!`
/// turns it into one: `Time.parse(value.to_s).localtime`.
pub fn value_to_time(v: &Value, zone: Option<chrono_tz::Tz>) -> Option<DateTime<FixedOffset>> {
    match v {
        Value::Time(t) => Some(match zone {
            Some(tz) => t.with_timezone(&tz).fixed_offset(),
            None => t.with_timezone(&chrono::Utc).fixed_offset(),
        }),
        other => parse_time(&to_s(other), zone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_liquid_finds_output_and_tags_only() {
        assert!(has_liquid("a {{ x }}"));
        assert!(has_liquid("{% if %}"));
        assert!(has_liquid("x{{"));
        assert!(!has_liquid("{ a } {"));
        assert!(!has_liquid("a { %} {\n{"));
        assert!(!has_liquid(""));
    }

    #[test]
    fn slugify_modes() {
        let cases = [
            ("Hello, World!", SlugMode::Default, "hello-world"),
            (
                "The _config.yml file",
                SlugMode::Default,
                "the-config-yml-file",
            ),
            (
                "The _config.yml file",
                SlugMode::Pretty,
                "the-_config.yml-file",
            ),
            (
                "The _config.yml file",
                SlugMode::Raw,
                "the-_config.yml-file",
            ),
            (
                "The _cönfig.yml file",
                SlugMode::Ascii,
                "the-c-nfig-yml-file",
            ),
            (
                "The _cönfig.yml file",
                SlugMode::Latin,
                "the-config-yml-file",
            ),
            ("日本語 テスト", SlugMode::Default, "日本語-テスト"),
        ];
        for (input, mode, want) in cases {
            assert_eq!(slugify(input, mode, false), want, "{input:?} {mode:?}");
        }
        assert_eq!(
            slugify("Hello World", SlugMode::Pretty, true),
            "Hello-World"
        );
    }

    #[test]
    fn parses_front_matter_dates() {
        let cases = [
            ("2020-01-02", "2020-01-02 00:00:00 +0000"),
            ("2020-01-02 10:11:12 +0100", "2020-01-02 09:11:12 +0000"),
            ("2020-01-02T10:11:12Z", "2020-01-02 10:11:12 +0000"),
            ("2020-1-2 3:04", "2020-01-02 03:04:00 +0000"),
            ("Jan 2 2020", "2020-01-02 00:00:00 +0000"),
        ];
        for (input, want) in cases {
            let t = parse_time(input, None).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(ruby_time(&t), want, "{input}");
        }
        let tz: chrono_tz::Tz = "Europe/Paris".parse().unwrap();
        assert_eq!(
            ruby_time(&parse_time("2020-07-01", Some(tz)).unwrap()),
            "2020-07-01 00:00:00 +0200"
        );
        assert!(parse_time("not a date", None).is_none());
    }

    #[test]
    fn titleize_and_floats() {
        assert_eq!(titleize_slug("hello-big-world"), "Hello Big World");
        assert_eq!(ruby_float(1.0), "1.0");
        assert_eq!(ruby_float(0.5), "0.5");
    }
}

/// Whether `text` holds Liquid markup (`{{` or `{%`): one scan for the
/// braces, which most Markdown has few of, instead of two substring searches.
pub fn has_liquid(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'{', b).any(|i| matches!(b.get(i + 1), Some(b'{' | b'%')))
}

/// Absent, or anything but `false`: Jekyll's `published: false` test and the
/// plugins' on-by-default switches.
pub fn not_false(value: Option<&Value>) -> bool {
    !matches!(value, Some(Value::Bool(false)))
}

/// Ruby's `File.extname`: a leading dot does not start an extension
/// (`.htaccess` has none) and a trailing dot is one (`a.` → `.`).
pub fn extname(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    let body = base.trim_start_matches('.');
    match body.rfind('.') {
        Some(i) => &body[i..],
        None => "",
    }
}

#[cfg(test)]
mod extname_tests {
    #[test]
    fn ruby_extname() {
        for (name, ext) in [
            (".htaccess", ""),
            ("a.md", ".md"),
            ("a.b.html", ".html"),
            ("dir/x", ""),
            ("..x.y", ".y"),
        ] {
            assert_eq!(super::extname(name), ext, "{name}");
        }
    }
}

/// A `HashMap` with a fast, non-cryptographic hash, for the maps every
/// render consults (includes, layout chains, rendered documents); their
/// keys come from the site itself, not from an attacker.
pub type FastHashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// The `HashSet` beside [`FastHashMap`].
pub type FastHashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
