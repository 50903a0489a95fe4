//! Dates: Ruby's `Time#strftime` (with its `-_0^#:` flags and widths) and
//! the common shapes Ruby's `Time.parse` accepts. Hand-written scanners, so
//! nothing is compiled per call.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Offset, TimeZone, Timelike};

pub use super::date_parse::parse_time;
use super::date_parse::parse_time_zone;
use crate::render::Context;
use crate::value::Value;

pub(crate) const MONTHS: [&str; 12] = [
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
pub(crate) const DAYS: [&str; 7] = [
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
    /// A Ruby `Date`: `Date#strftime` prints `%Z` as `+00:00`.
    Date,
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
    if let Value::Date(d) = v {
        let t = d.and_hms_opt(0, 0, 0)?.and_utc().fixed_offset();
        return Some((t, Zone::Date));
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

pub(crate) fn localize(ndt: NaiveDateTime, tz: Option<chrono_tz::Tz>) -> DateTime<FixedOffset> {
    match tz {
        Some(tz) => tz
            .from_local_datetime(&ndt)
            .earliest()
            .map(|t| t.fixed_offset())
            .unwrap_or_else(|| ndt.and_utc().fixed_offset()),
        None => ndt.and_utc().fixed_offset(),
    }
}

/// Ruby `Time#strftime`.
/// Ruby raises "invalid format" for a format ending in a lone `%`.
pub fn check_format(fmt: &str) -> Result<(), crate::Error> {
    let b = fmt.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        while i < b.len() && (b"-_0^#".contains(&b[i]) || b[i].is_ascii_digit()) {
            i += 1;
        }
        if i >= b.len() {
            return Err(crate::Error::render(format!("invalid format: {fmt}")));
        }
        i += 1;
    }
    Ok(())
}

pub fn strftime(t: &DateTime<FixedOffset>, fmt: &str) -> String {
    strftime_zone(t, fmt, Zone::Local, None)
}

/// `strftime` knowing the kind of time and the process zone (for `%Z`).
pub fn strftime_zone(
    dt: &DateTime<FixedOffset>,
    fmt: &str,
    zone: Zone,
    tz: Option<chrono_tz::Tz>,
) -> String {
    // The fields in local time, worked out once: each accessor of a
    // `DateTime<FixedOffset>` adds the offset again, and a listing runs
    // the date filter for every post.
    let t = dt.naive_local();
    let mut out = String::with_capacity(fmt.len() + 16);
    // Directives are ASCII, so the format is scanned by bytes and copied
    // between `%`s a run at a time.
    let b = fmt.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            let next = memchr::memchr(b'%', &b[i..]).map_or(b.len(), |n| i + n);
            out.push_str(&fmt[i..next]);
            i = next;
            continue;
        }
        let start = i;
        i += 1;
        let mut pad: Option<char> = None;
        let mut upper = false;
        let mut swap = false;
        let mut colons = 0;
        while i < b.len() && matches!(b[i], b'-' | b'_' | b'0' | b'^' | b'#') {
            match b[i] {
                b'-' => pad = Some('\0'),
                b'_' => pad = Some(' '),
                b'0' => pad = Some('0'),
                b'^' => upper = true,
                _ => swap = true,
            }
            i += 1;
        }
        let mut width: Option<usize> = None;
        while i < b.len() && b[i].is_ascii_digit() {
            width = Some(width.unwrap_or(0) * 10 + (b[i] - b'0') as usize);
            i += 1;
        }
        while i < b.len() && b[i] == b':' {
            colons += 1;
            i += 1;
        }
        if matches!(b.get(i), Some(b'E' | b'O'))
            && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic())
        {
            i += 1;
        }
        let Some(conv) = fmt[i..].chars().next() else {
            out.push_str(&fmt[start..]);
            break;
        };
        i += conv.len_utf8();
        let num = |out: &mut String, v: i64, w: usize, def: char| {
            push_num(out, v, width.unwrap_or(w), pad.unwrap_or(def))
        };
        let text = |s: &str, out: &mut String| {
            let changed;
            let s = if upper {
                changed = s.to_uppercase();
                &changed
            } else if swap {
                changed = swap_case(s);
                &changed
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
            out.push_str(s);
        };
        let h12 = |h: u32| if h % 12 == 0 { 12 } else { h % 12 } as i64;
        match conv {
            'Y' => {
                let y = t.year() as i64;
                if y >= 0 {
                    num(&mut out, y, if width.is_some() { 0 } else { 4 }, '0')
                } else {
                    num(&mut out, y, 5, '0')
                }
            }
            'C' => num(&mut out, (t.year() as i64).div_euclid(100), 2, '0'),
            'y' => num(&mut out, (t.year() as i64).rem_euclid(100), 2, '0'),
            'm' => num(&mut out, t.month() as i64, 2, '0'),
            'd' => num(&mut out, t.day() as i64, 2, '0'),
            'e' => num(&mut out, t.day() as i64, 2, ' '),
            'j' => num(&mut out, t.ordinal() as i64, 3, '0'),
            'H' => num(&mut out, t.hour() as i64, 2, '0'),
            'k' => num(&mut out, t.hour() as i64, 2, ' '),
            'I' => num(&mut out, h12(t.hour()), 2, '0'),
            'l' => num(&mut out, h12(t.hour()), 2, ' '),
            'M' => num(&mut out, t.minute() as i64, 2, '0'),
            'S' => num(&mut out, t.second() as i64, 2, '0'),
            'L' | 'N' => {
                let digits = width.unwrap_or(if conv == 'L' { 3 } else { 9 });
                let mut s = format!("{:09}", t.nanosecond() % 1_000_000_000);
                while s.len() < digits {
                    s.push('0');
                }
                s.truncate(digits);
                out.push_str(&s);
            }
            's' => num(&mut out, dt.timestamp(), 1, '0'),
            'u' => num(&mut out, t.weekday().number_from_monday() as i64, 1, '0'),
            'w' => num(&mut out, t.weekday().num_days_from_sunday() as i64, 1, '0'),
            'U' | 'W' => {
                let yd = t.ordinal0() as i64;
                let wd = if conv == 'U' {
                    t.weekday().num_days_from_sunday()
                } else {
                    t.weekday().num_days_from_monday()
                } as i64;
                num(&mut out, (yd + 7 - wd) / 7, 2, '0');
            }
            'G' => num(&mut out, t.iso_week().year() as i64, 4, '0'),
            'g' => num(
                &mut out,
                (t.iso_week().year() as i64).rem_euclid(100),
                2,
                '0',
            ),
            'V' => num(&mut out, t.iso_week().week() as i64, 2, '0'),
            'a' => text(
                &DAYS[t.weekday().num_days_from_sunday() as usize][..3],
                &mut out,
            ),
            'A' => text(DAYS[t.weekday().num_days_from_sunday() as usize], &mut out),
            'b' | 'h' => text(&MONTHS[t.month0() as usize][..3], &mut out),
            'B' => text(MONTHS[t.month0() as usize], &mut out),
            'p' => {
                let s = if t.hour() < 12 { "AM" } else { "PM" };
                if swap {
                    out.push_str(&s.to_lowercase());
                } else {
                    text(s, &mut out)
                }
            }
            'P' => text(if t.hour() < 12 { "am" } else { "pm" }, &mut out),
            'Z' => {
                let name = match (zone, tz) {
                    (Zone::Utc, _) | (Zone::Local, None) => "UTC".to_string(),
                    (Zone::Local, Some(tz)) => dt.with_timezone(&tz).format("%Z").to_string(),
                    (Zone::Fixed, _) => String::new(),
                    (Zone::Date, _) => "+00:00".to_string(),
                };
                text(&name, &mut out)
            }
            'z' if zone == Zone::Date && pad == Some('\0') => out.push_str("+000"),
            'z' => out.push_str(&format_offset(
                dt.offset().fix().local_minus_utc(),
                colons,
                width,
                pad,
                zone == Zone::Utc,
            )),
            'c' => text(
                &strftime_zone(dt, "%a %b %e %H:%M:%S %Y", zone, tz),
                &mut out,
            ),
            'D' | 'x' => text(&strftime_zone(dt, "%m/%d/%y", zone, tz), &mut out),
            'F' => text(&strftime_zone(dt, "%Y-%m-%d", zone, tz), &mut out),
            'T' | 'X' => text(&strftime_zone(dt, "%H:%M:%S", zone, tz), &mut out),
            'R' => text(&strftime_zone(dt, "%H:%M", zone, tz), &mut out),
            'r' => text(&strftime_zone(dt, "%I:%M:%S %p", zone, tz), &mut out),
            'v' => text(&strftime_zone(dt, "%e-%^b-%4Y", zone, tz), &mut out),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '%' => text("%", &mut out),
            _ => out.push_str(&fmt[start..i]),
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

/// Writes `v` padded to `width` with `pad` (`'\0'`: no padding); zeros go
/// after the sign, spaces before it. Written in place: the date filter runs
/// for every post of a listing.
fn push_num(out: &mut String, v: i64, width: usize, pad: char) {
    let mut buf = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let digits = std::str::from_utf8(&buf[at..]).unwrap_or_default();
    let neg = v < 0;
    let len = digits.len() + neg as usize;
    let fill = if pad == '\0' {
        0
    } else {
        width.saturating_sub(len)
    };
    if pad != '0' {
        out.extend(std::iter::repeat_n(pad, fill));
    }
    if neg {
        out.push('-');
    }
    if pad == '0' {
        out.extend(std::iter::repeat_n('0', fill));
    }
    out.push_str(digits);
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

    /// `push_num` against the rule written out with `format!`.
    #[test]
    fn numbers_pad_as_ruby_does() {
        let rule = |v: i64, width: usize, pad: char| {
            let (sign, digits) = (if v < 0 { "-" } else { "" }, v.unsigned_abs().to_string());
            let len = digits.len() + sign.len();
            if pad == '\0' || len >= width {
                return format!("{sign}{digits}");
            }
            let fill: String = std::iter::repeat_n(pad, width - len).collect();
            match pad {
                '0' => format!("{sign}{fill}{digits}"),
                _ => format!("{fill}{sign}{digits}"),
            }
        };
        for v in [0, 7, -7, 42, -42, 1999, -10000, i64::MIN, i64::MAX] {
            for width in [0, 1, 2, 4, 5, 12] {
                for pad in ['\0', ' ', '0'] {
                    let mut out = String::new();
                    push_num(&mut out, v, width, pad);
                    assert_eq!(out, rule(v, width, pad), "{v} {width} {pad:?}");
                }
            }
        }
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
            // Text around directives, and unknown ones, pass through whole.
            ("é%Bü", "éMarchü"),
            ("%é|a%%b", "%é|a%b"),
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
