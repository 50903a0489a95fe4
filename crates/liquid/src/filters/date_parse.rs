//! The common shapes Ruby's `Time.parse` (`Date._parse`) accepts, read with
//! a hand-written tokenizer.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone};

use super::date::{localize, Zone, DAYS, MONTHS};

pub(crate) fn month_from(word: &str) -> Option<u32> {
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

pub(crate) fn is_day_word(word: &str) -> bool {
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

pub(crate) fn parse_time_zone(
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
        if (tok.starts_with('+') || tok.starts_with('-'))
            && tok.len() >= 3
            && !matches!(tok, "-0000" | "-00:00" | "-00")
        {
            offset = Some(parse_offset(tok)?);
            continue;
        }
        let lower = tok.to_ascii_lowercase();
        match lower.as_str() {
            "utc" | "z" | "ut" | "-0000" | "-00:00" | "-00" => {
                utc = true;
                offset = Some(0);
                continue;
            }
            "gmt" => {
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
    // Ruby's `force_zone!` prefers the local zone when it has the same offset.
    let (t, zone) = match offset {
        Some(off) => {
            let t = FixedOffset::east_opt(off)?
                .from_local_datetime(&ndt)
                .single()?;
            let local_off = match tz {
                Some(tz) => t.with_timezone(&tz).offset().fix().local_minus_utc(),
                None => 0,
            };
            let zone = if utc {
                Zone::Utc
            } else if local_off == off {
                Zone::Local
            } else {
                Zone::Fixed
            };
            (t, zone)
        }
        None => (localize(ndt, tz), Zone::Local),
    };
    Some((t, zone))
}

pub(crate) fn parse_offset(s: &str) -> Option<i32> {
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
pub(crate) fn parse_clock(s: &str, offset: &mut Option<i32>) -> Option<(u32, u32, u32, u32)> {
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
