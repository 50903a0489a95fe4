//! Dates: Ruby's `Time#strftime` (with its `-_0^#:` flags and widths) and
//! the common shapes Ruby's `Time.parse` accepts. Hand-written scanners, so
//! nothing is compiled per call.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
    Timelike,
};

use crate::render::Context;
use crate::value::Value;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Which kind of Ruby `Time` a value is; `%Z` and `%-z` depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// `Time#utc?` (parsed with `Z`, `UTC`, `GMT`).
    Utc,
    /// In the process zone (the site `timezone`).
    Local,
    /// A fixed offset given in the string.
    Fixed,
}

/// `Liquid::Utils.to_date` (Time/Date pass, strings parsed, digits = epoch).
pub fn to_date(ctx: &Context<'_>, v: &Value) -> Option<DateTime<FixedOffset>> {
    to_date_zone(ctx, v).map(|(t, _)| t)
}

pub fn to_date_zone(ctx: &Context<'_>, v: &Value) -> Option<(DateTime<FixedOffset>, Zone)> {
    let env = ctx.env();
    if let Value::Str(s) = v {
        let l = s.to_lowercase();
        if !s.is_empty() && l != "now" && l != "today" && !l.bytes().all(|b| b.is_ascii_digit()) {
            return parse_time_zone(s, env.now(), env.timezone());
        }
    }
    let t = to_date_plain(ctx, v)?;
    let local_off = match env.timezone() {
        Some(tz) => t.with_timezone(&tz).offset().fix().local_minus_utc(),
        None => 0,
    };
    let zone = if t.offset().fix().local_minus_utc() == local_off {
        Zone::Local
    } else {
        Zone::Fixed
    };
    Some((t, zone))
}

fn to_date_plain(ctx: &Context<'_>, v: &Value) -> Option<DateTime<FixedOffset>> {
    let env = ctx.env();
    match v {
        Value::Time(t) => Some(*t),
        Value::Date(d) => Some(local(env, d.and_hms_opt(0, 0, 0)?)),
        Value::Int(i) => epoch(env, *i),
        Value::Str(s) => {
            if s.is_empty() {
                return None;
            }
            let l = s.to_lowercase();
            if l == "now" || l == "today" {
                return Some(env.now());
            }
            if l.bytes().all(|b| b.is_ascii_digit()) {
                return epoch(env, l.parse().ok()?);
            }
            parse_time(s, env.now(), env.timezone())
        }
        _ => None,
    }
}

/// Ruby `Time#localtime` with the process zone set to the site `timezone`.
pub fn localtime(ctx: &Context<'_>, t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    match ctx.env().timezone() {
        Some(tz) => t.with_timezone(&tz).fixed_offset(),
        None => t.with_timezone(&chrono::Utc).fixed_offset(),
    }
}

fn epoch(env: &dyn crate::Environment, secs: i64) -> Option<DateTime<FixedOffset>> {
    let utc = DateTime::from_timestamp(secs, 0)?;
    Some(match env.timezone() {
        Some(tz) => utc.with_timezone(&tz).fixed_offset(),
        None => utc.fixed_offset(),
    })
}

fn local(env: &dyn crate::Environment, ndt: NaiveDateTime) -> DateTime<FixedOffset> {
    localize(ndt, env.timezone())
}

fn localize(ndt: NaiveDateTime, tz: Option<chrono_tz::Tz>) -> DateTime<FixedOffset> {
    match tz {
        Some(tz) => tz
            .from_local_datetime(&ndt)
            .earliest()
            .map(|t| t.fixed_offset())
            .unwrap_or_else(|| ndt.and_utc().fixed_offset()),
        None => ndt.and_utc().fixed_offset(),
    }
}

fn month_from(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            m.to_ascii_lowercase().starts_with(&w[..3]) && m.to_ascii_lowercase().starts_with(&w)
        })
        .map(|i| i as u32 + 1)
}

fn is_day_word(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.len() >= 3 && DAYS.iter().any(|d| d.to_ascii_lowercase().starts_with(&w))
}

/// A subset of Ruby's `Date._parse` heuristics: ISO 8601 dates and times,
/// `YYYY/MM/DD`, `Mon DD YYYY`, `DD Mon YYYY`, RFC 2822, `HH:MM[:SS]`, zones
/// as `Z`, `UTC`, `GMT`, `+HHMM`, `+HH:MM`.
pub fn parse_time(
    s: &str,
    now: DateTime<FixedOffset>,
    tz: Option<chrono_tz::Tz>,
) -> Option<DateTime<FixedOffset>> {
    parse_time_zone(s, now, tz).map(|(t, _)| t)
}

fn parse_time_zone(
    s: &str,
    now: DateTime<FixedOffset>,
    tz: Option<chrono_tz::Tz>,
) -> Option<(DateTime<FixedOffset>, Zone)> {
    let mut utc = false;
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut time: Option<(u32, u32, u32, u32)> = None;
    let mut offset: Option<i32> = None;
    let mut pm: Option<bool> = None;
    let t = s.trim();
    // Tokenize into words, numbers and punctuation-joined chunks.
    let mut toks: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in t.chars() {
        if c.is_whitespace() || c == ',' {
            if !cur.is_empty() {
                toks.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        toks.push(cur);
    }
    let mut loose_nums: Vec<u32> = Vec::new();
    for tok in &toks {
        let mut tok = tok.as_str();
        // ISO combined: 2024-01-15T10:00:00Z
        if let Some((d, rest)) = tok
            .split_once('T')
            .filter(|(d, _)| d.len() >= 8 && d.as_bytes()[4] == b'-')
        {
            tok = d;
            if let Some(tm) = parse_clock(rest, &mut offset) {
                time = Some(tm);
            }
            if offset == Some(i32::MIN) {
                offset = Some(0);
                utc = true;
            }
        }
        let parts: Vec<&str> = tok.split(['-', '/']).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            if parts[0].len() == 4 {
                year = parts[0].parse().ok();
                month = parts[1].parse().ok();
                day = parts[2].parse().ok();
            } else if tok.contains('/') {
                // Ruby reads `a/b/c` as year/month/day, so `12/25/2023` fails.
                year = parts[0].parse().ok();
                month = parts[1].parse().ok();
                day = parts[2].parse().ok();
            } else {
                day = parts[0].parse().ok();
                month = parts[1].parse().ok();
                year = parts[2].parse().ok();
            }
            continue;
        }
        if parts.len() == 3
            && parts[1].chars().all(|c| c.is_ascii_alphabetic())
            && month_from(parts[1]).is_some()
        {
            day = parts[0].parse().ok();
            month = month_from(parts[1]);
            year = parts[2].parse().ok();
            continue;
        }
        if tok.contains(':') && tok.as_bytes()[0].is_ascii_digit() {
            time = Some(parse_clock(tok, &mut offset)?);
            if offset == Some(i32::MIN) {
                offset = Some(0);
                utc = true;
            }
            continue;
        }
        if (tok.starts_with('+') || tok.starts_with('-')) && tok.len() >= 3 {
            offset = Some(parse_offset(tok)?);
            continue;
        }
        let lower = tok.to_ascii_lowercase();
        match lower.as_str() {
            "utc" | "gmt" | "z" | "ut" => {
                utc = true;
                offset = Some(0);
                continue;
            }
            "am" | "a.m." => {
                pm = Some(false);
                continue;
            }
            "pm" | "p.m." => {
                pm = Some(true);
                continue;
            }
            _ => {}
        }
        let word = lower.trim_end_matches('.');
        if let Some(m) = month_from(word) {
            month = Some(m);
            continue;
        }
        if is_day_word(word) {
            continue;
        }
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &lower[digits.len()..];
        if (suffix == "am" || suffix == "pm")
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            time = Some((digits.parse().ok()?, 0, 0, 0));
            pm = Some(suffix == "pm");
            continue;
        }
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            if digits.len() == 4 && year.is_none() {
                year = digits.parse().ok();
            } else if let Ok(n) = digits.parse() {
                loose_nums.push(n);
            }
            continue;
        }
        return None;
    }
    for n in loose_nums {
        if day.is_none() && month.is_some() {
            day = Some(n);
        } else if year.is_none() && day.is_some() {
            year = Some(if n < 100 {
                n as i32 + if n >= 69 { 1900 } else { 2000 }
            } else {
                n as i32
            });
        } else if day.is_none() {
            day = Some(n);
        }
    }
    if year.is_none() && month.is_none() && day.is_none() && time.is_none() {
        return None;
    }
    let base = now;
    let y = year.unwrap_or(base.year());
    let m = month.unwrap_or(if day.is_some() {
        base.month()
    } else if year.is_some() {
        1
    } else {
        base.month()
    });
    let d = day.unwrap_or(if month.is_some() || year.is_some() {
        1
    } else {
        base.day()
    });
    let (mut h, mi, sec, nano) = time.unwrap_or((0, 0, 0, 0));
    if let Some(p) = pm {
        if p && h < 12 {
            h += 12;
        } else if !p && h == 12 {
            h = 0;
        }
    }
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    let ndt = date.and_time(NaiveTime::from_hms_nano_opt(h, mi, sec, nano)?);
    let (t, zone) = match offset {
        Some(off) => (
            FixedOffset::east_opt(off)?
                .from_local_datetime(&ndt)
                .single()?,
            if utc { Zone::Utc } else { Zone::Fixed },
        ),
        None => (localize(ndt, tz), Zone::Local),
    };
    Some((t, zone))
}

fn parse_offset(s: &str) -> Option<i32> {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let body: String = s[1..].chars().filter(|c| *c != ':').collect();
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match body.len() {
        1 | 2 => (body.parse::<i32>().ok()?, 0),
        4 => (
            body[..2].parse::<i32>().ok()?,
            body[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    Some(sign * (h * 3600 + m * 60))
}

/// `HH:MM[:SS[.frac]]` optionally followed by `Z` or an offset.
fn parse_clock(s: &str, offset: &mut Option<i32>) -> Option<(u32, u32, u32, u32)> {
    let mut s = s;
    if let Some(r) = s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        *offset = Some(i32::MIN);
        s = r;
    }
    if let Some(p) = s.find(['+', '-']) {
        *offset = Some(parse_offset(&s[p..])?);
        s = &s[..p];
    }
    let mut it = s.split(':');
    let h = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let (sec, nano) = match it.next() {
        Some(x) => {
            let (a, f) = x.split_once('.').unwrap_or((x, ""));
            let mut frac = f.to_string();
            frac.truncate(9);
            while frac.len() < 9 {
                frac.push('0');
            }
            (a.parse().ok()?, frac.parse().unwrap_or(0))
        }
        None => (0, 0),
    };
    if h > 24 || m > 59 || sec > 60 {
        return None;
    }
    Some((h, m, sec, nano))
}

/// Ruby `Time#strftime`.
pub fn strftime(t: &DateTime<FixedOffset>, fmt: &str) -> String {
    strftime_zone(t, fmt, Zone::Local, None)
}

/// `strftime` knowing the kind of time and the process zone (for `%Z`).
pub fn strftime_zone(
    t: &DateTime<FixedOffset>,
    fmt: &str,
    zone: Zone,
    tz: Option<chrono_tz::Tz>,
) -> String {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut pad: Option<char> = None;
        let mut upper = false;
        let mut swap = false;
        let mut colons = 0;
        while i < chars.len() && matches!(chars[i], '-' | '_' | '0' | '^' | '#') {
            match chars[i] {
                '-' => pad = Some('\0'),
                '_' => pad = Some(' '),
                '0' => pad = Some('0'),
                '^' => upper = true,
                _ => swap = true,
            }
            i += 1;
        }
        let mut width: Option<usize> = None;
        while i < chars.len() && chars[i].is_ascii_digit() {
            width = Some(width.unwrap_or(0) * 10 + chars[i].to_digit(10).unwrap_or(0) as usize);
            i += 1;
        }
        while i < chars.len() && chars[i] == ':' {
            colons += 1;
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            out.extend(&chars[start..]);
            break;
        };
        i += 1;
        let num = |v: i64, w: usize, def: char| -> String {
            fmt_num(v, width.unwrap_or(w), pad.unwrap_or(def))
        };
        let text = |s: String, out: &mut String| {
            let s = if upper {
                s.to_uppercase()
            } else if swap {
                swap_case(&s)
            } else {
                s
            };
            let w = width.unwrap_or(0);
            let n = s.chars().count();
            if n < w && pad != Some('\0') {
                let p = match pad {
                    Some('0') => '0',
                    _ => ' ',
                };
                out.extend(std::iter::repeat_n(p, w - n));
            }
            out.push_str(&s);
        };
        let h12 = |h: u32| if h % 12 == 0 { 12 } else { h % 12 } as i64;
        match conv {
            'Y' => {
                let y = t.year() as i64;
                if y >= 0 {
                    out.push_str(&num(y, if width.is_some() { 0 } else { 4 }, '0'))
                } else {
                    out.push_str(&num(y, 5, '0'))
                }
            }
            'C' => out.push_str(&num((t.year() as i64).div_euclid(100), 2, '0')),
            'y' => out.push_str(&num((t.year() as i64).rem_euclid(100), 2, '0')),
            'm' => out.push_str(&num(t.month() as i64, 2, '0')),
            'd' => out.push_str(&num(t.day() as i64, 2, '0')),
            'e' => out.push_str(&num(t.day() as i64, 2, ' ')),
            'j' => out.push_str(&num(t.ordinal() as i64, 3, '0')),
            'H' => out.push_str(&num(t.hour() as i64, 2, '0')),
            'k' => out.push_str(&num(t.hour() as i64, 2, ' ')),
            'I' => out.push_str(&num(h12(t.hour()), 2, '0')),
            'l' => out.push_str(&num(h12(t.hour()), 2, ' ')),
            'M' => out.push_str(&num(t.minute() as i64, 2, '0')),
            'S' => out.push_str(&num(t.second() as i64, 2, '0')),
            'L' | 'N' => {
                let digits = width.unwrap_or(if conv == 'L' { 3 } else { 9 });
                let mut s = format!("{:09}", t.nanosecond() % 1_000_000_000);
                while s.len() < digits {
                    s.push('0');
                }
                s.truncate(digits);
                out.push_str(&s);
            }
            's' => out.push_str(&num(t.timestamp(), 1, '0')),
            'u' => out.push_str(&num(t.weekday().number_from_monday() as i64, 1, '0')),
            'w' => out.push_str(&num(t.weekday().num_days_from_sunday() as i64, 1, '0')),
            'U' | 'W' => {
                let yd = t.ordinal0() as i64;
                let wd = if conv == 'U' {
                    t.weekday().num_days_from_sunday()
                } else {
                    t.weekday().num_days_from_monday()
                } as i64;
                out.push_str(&num((yd + 7 - wd) / 7, 2, '0'));
            }
            'G' => out.push_str(&num(t.iso_week().year() as i64, 4, '0')),
            'g' => out.push_str(&num((t.iso_week().year() as i64).rem_euclid(100), 2, '0')),
            'V' => out.push_str(&num(t.iso_week().week() as i64, 2, '0')),
            'a' => text(
                DAYS[t.weekday().num_days_from_sunday() as usize][..3].to_string(),
                &mut out,
            ),
            'A' => text(
                DAYS[t.weekday().num_days_from_sunday() as usize].to_string(),
                &mut out,
            ),
            'b' | 'h' => text(MONTHS[t.month0() as usize][..3].to_string(), &mut out),
            'B' => text(MONTHS[t.month0() as usize].to_string(), &mut out),
            'p' => {
                let s = if t.hour() < 12 { "AM" } else { "PM" };
                if swap {
                    out.push_str(&s.to_lowercase());
                } else {
                    text(s.to_string(), &mut out)
                }
            }
            'P' => text(
                if t.hour() < 12 { "am" } else { "pm" }.to_string(),
                &mut out,
            ),
            'Z' => {
                let name = match (zone, tz) {
                    (Zone::Utc, _) | (Zone::Local, None) => "UTC".to_string(),
                    (Zone::Local, Some(tz)) => t.with_timezone(&tz).format("%Z").to_string(),
                    (Zone::Fixed, _) => String::new(),
                };
                text(name, &mut out)
            }
            'z' => out.push_str(&format_offset(
                t.offset().fix().local_minus_utc(),
                colons,
                width,
                pad,
                zone == Zone::Utc,
            )),
            'c' => text(strftime_zone(t, "%a %b %e %H:%M:%S %Y", zone, tz), &mut out),
            'D' | 'x' => text(strftime_zone(t, "%m/%d/%y", zone, tz), &mut out),
            'F' => text(strftime_zone(t, "%Y-%m-%d", zone, tz), &mut out),
            'T' | 'X' => text(strftime_zone(t, "%H:%M:%S", zone, tz), &mut out),
            'R' => text(strftime_zone(t, "%H:%M", zone, tz), &mut out),
            'r' => text(strftime_zone(t, "%I:%M:%S %p", zone, tz), &mut out),
            'v' => text(strftime_zone(t, "%e-%^b-%4Y", zone, tz), &mut out),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '%' => out.push('%'),
            _ => out.extend(&chars[start..i]),
        }
    }
    out
}

/// Ruby's `%z` family, including its odd padding rules (`%_8z` pads the
/// hour field with spaces, `%-z` always shows a minus sign).
fn format_offset(
    off: i32,
    colons: usize,
    width: Option<usize>,
    pad: Option<char>,
    utc: bool,
) -> String {
    let neg = off < 0 || (utc && pad == Some('\0'));
    let a = off.abs();
    let w = width.unwrap_or(0);
    let precision = match colons {
        0 => {
            if w <= 5 {
                2
            } else {
                w - 3
            }
        }
        1 => {
            if w <= 6 {
                2
            } else {
                w - 4
            }
        }
        _ => {
            if w <= 9 {
                2
            } else {
                w - 7
            }
        }
    };
    let hours = (a / 3600) as i64;
    let sign = if neg { '-' } else { '+' };
    let mut s = if pad == Some(' ') {
        let body = format!("{sign}{hours}");
        format!("{body:>width$}", width = precision + 1)
    } else {
        format!("{sign}{hours:0precision$}")
    };
    if colons >= 1 {
        s.push(':');
    }
    s.push_str(&format!("{:02}", a / 60 % 60));
    if colons >= 2 {
        s.push(':');
        s.push_str(&format!("{:02}", a % 60));
    }
    s
}

fn swap_case(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        s.to_uppercase()
    } else {
        s.to_lowercase()
    }
}

fn fmt_num(v: i64, width: usize, pad: char) -> String {
    let digits = v.abs().to_string();
    let neg = v < 0;
    if pad == '\0' {
        return format!("{}{digits}", if neg { "-" } else { "" });
    }
    let len = digits.len() + neg as usize;
    if len >= width {
        return format!("{}{digits}", if neg { "-" } else { "" });
    }
    let fill: String = std::iter::repeat_n(pad, width - len).collect();
    if pad == '0' {
        format!("{}{fill}{digits}", if neg { "-" } else { "" })
    } else {
        format!("{fill}{}{digits}", if neg { "-" } else { "" })
    }
}

/// `Time#xmlschema` / `Time#rfc822`.
pub fn xmlschema(t: &DateTime<FixedOffset>) -> String {
    strftime(t, "%Y-%m-%dT%H:%M:%S%:z")
}

pub fn rfc822(t: &DateTime<FixedOffset>) -> String {
    strftime(t, "%a, %d %b %Y %H:%M:%S %z")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn strftime_flags() {
        let d = t("2024-03-05T07:08:09+00:00");
        let cases = [
            ("%Y-%m-%d", "2024-03-05"),
            ("%-d %-m %e", "5 3  5"),
            ("%b %B %^a %A", "Mar March TUE Tuesday"),
            ("%j %y %I %p %l", "065 24 07 AM  7"),
            ("%z %:z %Z", "+0000 +00:00 UTC"),
            ("%10A|%-10d|%_5m", "   Tuesday|5|    3"),
            ("%s", "1709622489"),
            ("%U %W", "09 10"),
        ];
        for (f, want) in cases {
            assert_eq!(strftime(&d, f), want, "{f}");
        }
    }

    #[test]
    fn parses_common_shapes() {
        let now = t("2024-01-01T00:00:00+00:00");
        let p = |s: &str| parse_time(s, now, None).map(|d| d.to_rfc3339());
        assert_eq!(
            p("2024-02-03").as_deref(),
            Some("2024-02-03T00:00:00+00:00")
        );
        assert_eq!(
            p("2024-02-03 10:20:30 +0100").as_deref(),
            Some("2024-02-03T10:20:30+01:00")
        );
        assert_eq!(
            p("2024-02-03T10:20:30Z").as_deref(),
            Some("2024-02-03T10:20:30+00:00")
        );
        assert_eq!(
            p("March 7, 2021").as_deref(),
            Some("2021-03-07T00:00:00+00:00")
        );
        assert_eq!(
            p("Mon, 15 Jan 2024 10:00:00 -0500").as_deref(),
            Some("2024-01-15T10:00:00-05:00")
        );
        assert_eq!(p("not a date"), None);
    }
}
