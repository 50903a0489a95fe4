//! The common shapes Ruby's `Time.parse` (`Date._parse`) accepts, read with
//! a hand-written tokenizer.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone};

use super::date::{localize, Zone, MONTHS};

pub(crate) fn month_from(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    // `get`: the third byte may fall inside a multi-byte character.
    let prefix = w.get(..3)?;
    MONTHS
        .iter()
        .position(|m| {
            m.to_ascii_lowercase().starts_with(prefix) && m.to_ascii_lowercase().starts_with(&w)
        })
        .map(|i| i as u32 + 1)
}

/// A subset of Ruby's `Date._parse` heuristics: ISO 8601 dates and times
/// (extended and basic), `a/b/c` as Ruby orders it, `Mon DD YYYY`,
/// `DD Mon YYYY`, RFC 2822, `HH:MM[:SS][am|pm]`, `10h`, US zone names and
/// numeric offsets. Missing parts are filled as `Time.parse` does.
pub fn parse_time(
    s: &str,
    now: DateTime<FixedOffset>,
    tz: Option<chrono_tz::Tz>,
) -> Option<DateTime<FixedOffset>> {
    parse_time_zone(s, now, tz).map(|(t, _)| t)
}

#[derive(Default)]
struct Parts {
    year: Option<i64>,
    month: Option<u32>,
    day: Option<u32>,
    time: Option<(u32, u32, u32, u32)>,
    offset: Option<i32>,
    utc: bool,
    pm: Option<bool>,
    loose: Vec<(u32, bool)>,
    /// How many digits the last loose number had.
    loose_digits: usize,
    /// A day of the year (`parse_ddd`'s three digits).
    yday: Option<u32>,
}

/// Two-digit years as `Date._parse(comp = true)` completes them.
fn complete_year(y: i64, digits: usize) -> i64 {
    if digits <= 2 {
        y + if y >= 69 { 1900 } else { 2000 }
    } else {
        y
    }
}

/// Zones `Time.zone_offset` knows (Date._parse's larger table is not used).
fn zone_word(w: &str) -> Option<(i32, bool)> {
    Some(match w {
        "utc" | "z" | "ut" => (0, true),
        "gmt" => (0, false),
        "est" => (-5 * 3600, false),
        "edt" => (-4 * 3600, false),
        "cst" => (-6 * 3600, false),
        "cdt" => (-5 * 3600, false),
        "mst" => (-7 * 3600, false),
        "mdt" => (-6 * 3600, false),
        "pst" => (-8 * 3600, false),
        "pdt" => (-7 * 3600, false),
        _ => return None,
    })
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl Parts {
    fn clock(&mut self, tok: &str) -> Option<()> {
        let lower = tok.to_ascii_lowercase();
        let (body, pm) = if let Some(b) = lower.strip_suffix("pm") {
            (b.to_string(), Some(true))
        } else if let Some(b) = lower.strip_suffix("am") {
            (b.to_string(), Some(false))
        } else {
            (lower, None)
        };
        if pm.is_some() {
            self.pm = pm;
        }
        let mut off = self.offset;
        let tm = parse_clock(&body, &mut off)?;
        if off == Some(i32::MIN) {
            self.offset = Some(0);
            self.utc = true;
        } else {
            self.offset = off;
        }
        self.time = Some(tm);
        Some(())
    }

    fn date_parts(&mut self, tok: &str) -> Option<bool> {
        let sep = [b'-', b'/', b'.']
            .into_iter()
            .find(|c| tok.as_bytes().contains(c));
        let Some(sep) = sep else { return Some(false) };
        let parts: Vec<&str> = tok.split(sep as char).collect();
        if parts.iter().all(|p| all_digits(p))
            && (parts.len() == 3 || (parts.len() == 2 && sep == b'/'))
        {
            let n = |p: &str| p.parse::<i64>().ok();
            if parts.len() == 2 {
                self.month = Some(n(parts[0])? as u32);
                self.day = Some(n(parts[1])? as u32);
            } else if parts[0].len() >= 3 {
                self.year = n(parts[0]);
                self.month = Some(n(parts[1])? as u32);
                self.day = Some(n(parts[2])? as u32);
            } else if sep == b'/' && parts[2].len() <= 2 {
                self.year = Some(complete_year(n(parts[0])?, parts[0].len()));
                self.month = Some(n(parts[1])? as u32);
                self.day = Some(n(parts[2])? as u32);
            } else {
                self.day = Some(n(parts[0])? as u32);
                self.month = Some(n(parts[1])? as u32);
                self.year = Some(complete_year(n(parts[2])?, parts[2].len()));
            }
            return Some(true);
        }
        if parts.len() == 3 && all_digits(parts[0]) && all_digits(parts[2]) {
            if let Some(m) = month_from(parts[1]) {
                self.day = parts[0].parse().ok();
                self.month = Some(m);
                self.year = Some(complete_year(parts[2].parse().ok()?, parts[2].len()));
                return Some(true);
            }
        }
        None
    }

    fn token(&mut self, tok: &str) -> Option<()> {
        let lower = tok.to_ascii_lowercase();
        // Basic ISO 8601: 20240115[T100000[Z]]
        let (date_part, time_part) = match lower.split_once('t') {
            Some((d, t)) if all_digits(d) && d.len() == 8 => (d, Some(t)),
            _ => (lower.as_str(), None),
        };
        if all_digits(date_part) && date_part.len() == 8 {
            self.year = date_part[..4].parse().ok();
            self.month = date_part[4..6].parse().ok();
            self.day = date_part[6..].parse().ok();
            if let Some(t) = time_part {
                let (t, z) = match t.strip_suffix('z') {
                    Some(r) => (r, true),
                    None => (t, false),
                };
                if !all_digits(t) || (t.len() != 4 && t.len() != 6) {
                    return None;
                }
                let sec = if t.len() == 6 {
                    t[4..].parse().ok()?
                } else {
                    0
                };
                self.time = Some((t[..2].parse().ok()?, t[2..4].parse().ok()?, sec, 0));
                if z {
                    self.utc = true;
                    self.offset = Some(0);
                }
            }
            return Some(());
        }
        // Extended ISO 8601 with a time: 2024-01-15T10:00:00Z
        if let Some((d, rest)) = tok
            .split_once(['T', 't'])
            .filter(|(d, _)| d.len() >= 8 && d.contains('-'))
        {
            self.date_parts(d)?.then_some(())?;
            return self.clock(rest);
        }
        // A date glued to Z: 2024-01-15Z
        let (tok, z) = match tok.strip_suffix(['Z', 'z']) {
            Some(r) if r.contains('-') && r.as_bytes()[0].is_ascii_digit() => (r, true),
            _ => (tok, false),
        };
        if z {
            self.utc = true;
            self.offset = Some(0);
        }
        if tok.as_bytes()[0].is_ascii_digit() && !tok.contains(':') && self.date_parts(tok)? {
            return Some(());
        }
        if tok.contains(':') && tok.as_bytes()[0].is_ascii_digit() {
            return self.clock(tok);
        }
        if (tok.starts_with('+') || tok.starts_with('-')) && tok.len() >= 3 {
            if matches!(tok, "-0000" | "-00:00" | "-00") {
                self.utc = true;
                self.offset = Some(0);
            } else {
                self.offset = Some(parse_offset(tok)?);
            }
            return Some(());
        }
        let lower = tok.to_ascii_lowercase();
        if let Some((off, utc)) = zone_word(&lower) {
            self.offset = Some(off);
            self.utc = utc;
            return Some(());
        }
        match lower.as_str() {
            "am" | "a.m." => {
                self.pm = Some(false);
                return Some(());
            }
            "pm" | "p.m." => {
                self.pm = Some(true);
                return Some(());
            }
            _ => {}
        }
        let word = lower.trim_end_matches('.');
        if let Some(m) = month_from(word) {
            self.month = Some(m);
            return Some(());
        }
        if word.bytes().all(|b| b.is_ascii_alphabetic()) {
            // Day names and zone abbreviations Time does not know are ignored.
            return Some(());
        }
        if let Some(y) = lower.strip_prefix('\'').filter(|y| all_digits(y)) {
            self.year = Some(complete_year(y.parse().ok()?, y.len()));
            return Some(());
        }
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &lower[digits.len()..];
        if all_digits(digits) {
            match suffix {
                "" => {
                    self.loose.push((digits.parse().ok()?, digits.len() == 4));
                    self.loose_digits = digits.len();
                }
                "am" | "pm" => {
                    self.time = Some((digits.parse().ok()?, 0, 0, 0));
                    self.pm = Some(suffix == "pm");
                }
                "h" => self.time = Some((digits.parse().ok()?, 0, 0, 0)),
                "st" | "nd" | "rd" | "th" => self.day = Some(digits.parse().ok()?),
                _ => return None,
            }
            return Some(());
        }
        None
    }
}

pub(crate) fn parse_time_zone(
    s: &str,
    now: DateTime<FixedOffset>,
    tz: Option<chrono_tz::Tz>,
) -> Option<(DateTime<FixedOffset>, Zone)> {
    let mut p = Parts::default();
    for tok in s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        p.token(tok)?;
    }
    // A number alone, with no other date: Date._parse reads its digits by
    // their count (`parse_ddd`), and one digit is no date at all.
    let alone = p.year.is_none() && p.month.is_none() && p.day.is_none();
    if let ([(n, _)], true) = (&p.loose[..], alone) {
        let (n, digits) = (*n, p.loose_digits);
        match digits {
            1 if p.time.is_none() => return None,
            // Beside a time, Date._parse takes one digit as the day too.
            1 | 2 => p.day = Some(n),
            3 => p.yday = Some(n),
            4 => (p.month, p.day) = (Some(n / 100), Some(n % 100)),
            5 => (p.year, p.yday) = (Some(complete_year(i64::from(n / 1000), 2)), Some(n % 1000)),
            6 => {
                p.year = Some(complete_year(i64::from(n / 10000), 2));
                (p.month, p.day) = (Some(n / 100 % 100), Some(n % 100));
            }
            7 => (p.year, p.yday) = (Some(i64::from(n / 1000)), Some(n % 1000)),
            _ => {}
        }
        if digits <= 7 {
            p.loose.clear();
        }
    }
    for (n, four) in std::mem::take(&mut p.loose) {
        if four && p.year.is_none() {
            p.year = Some(n as i64);
        } else if p.day.is_none() && p.month.is_some() {
            p.day = Some(n);
        } else if p.year.is_none() && p.day.is_some() {
            p.year = Some(complete_year(n as i64, 2));
        } else if p.day.is_none() {
            p.day = Some(n);
        }
    }
    if p.year.is_none()
        && p.month.is_none()
        && p.day.is_none()
        && p.time.is_none()
        && p.yday.is_none()
    {
        return None;
    }
    if let Some(yday) = p.yday {
        let year = p.year.unwrap_or(now.year() as i64);
        let date = NaiveDate::from_yo_opt(i32::try_from(year).ok()?, yday)?;
        (p.year, p.month, p.day) = (Some(year), Some(date.month()), Some(date.day()));
    }
    // Missing leading parts come from now; later ones default to their minimum.
    let (mut year, mut month, mut day) = (p.year, p.month, p.day);
    if year.is_none() {
        year = Some(now.year() as i64);
        if month.is_none() {
            month = Some(now.month());
            if day.is_none() {
                day = Some(now.day());
            }
        }
    }
    let (mut h, mi, sec, nano) = p.time.unwrap_or((0, 0, 0, 0));
    if let Some(pm) = p.pm {
        if pm && h < 12 {
            h += 12;
        } else if !pm && h == 12 {
            h = 0;
        }
    }
    let (m, d) = (month.unwrap_or(1), day.unwrap_or(1));
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 24 || mi > 59 || sec > 60 {
        return None;
    }
    // Time.local rolls Feb 30 over to March and 23:59:60 to the next day.
    let date = NaiveDate::from_ymd_opt(i32::try_from(year?).ok()?, m, 1)?
        .checked_add_days(chrono::Days::new(u64::from(d - 1)))?;
    let ndt = date.and_time(NaiveTime::from_hms_nano_opt(0, 0, 0, nano)?)
        + chrono::Duration::seconds(i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(sec));
    // Ruby's `force_zone!` prefers the local zone when it has the same offset.
    let (t, zone) = match p.offset {
        Some(off) => {
            let t = FixedOffset::east_opt(off)?
                .from_local_datetime(&ndt)
                .single()?;
            let local_off = match tz {
                Some(tz) => t.with_timezone(&tz).offset().fix().local_minus_utc(),
                None => 0,
            };
            let zone = if p.utc {
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
    let body: String = s.get(1..)?.chars().filter(|c| *c != ':').collect();
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
