//! Renders every case page of the `tests/fixtures/liquid-*` sites and compares
//! it byte for byte with what real Jekyll 4.3.1 wrote into `expected/`
//! (produced by `scripts/regen-fixtures`). Cases Jekyll refused to build sit
//! in `jekyll-errors/` and must fail here too.
//!
//! Known differences are listed in `pending.txt` (`<fixture>/<case path> reason`);
//! the test fails on any other failure and on any pending case that passes.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, FixedOffset};
use hyde_liquid::{render, Environment, Error, ErrorMode, Map, ParseOptions, Template, Value};

/// Jekyll's default `liquid.error_mode`.
fn warn_mode() -> ParseOptions {
    ParseOptions {
        error_mode: ErrorMode::Warn,
        ..Default::default()
    }
}

struct SiteEnv {
    includes_dir: PathBuf,
    cache: Mutex<HashMap<String, Arc<Template>>>,
    counters: Mutex<HashMap<String, i64>>,
}

impl Environment for SiteEnv {
    fn include(&self, name: &str) -> Result<Arc<Template>, Error> {
        if let Some(t) = self.cache.lock().unwrap().get(name) {
            return Ok(t.clone());
        }
        let path = self.includes_dir.join(name);
        let src = fs::read_to_string(&path).map_err(|_| {
            Error::render(format!(
                "Could not locate the included file '{name}' in any of [\"_includes\"]."
            ))
        })?;
        let t = Arc::new(Template::parse(&src, &warn_mode())?);
        self.cache
            .lock()
            .unwrap()
            .insert(name.to_string(), t.clone());
        Ok(t)
    }

    fn include_relative(&self, name: &str, page_path: &str) -> Result<Arc<Template>, Error> {
        let dir = Path::new(page_path).parent().unwrap_or(Path::new(""));
        let path = self.includes_dir.parent().unwrap().join(dir).join(name);
        let src = fs::read_to_string(&path)
            .map_err(|_| Error::render(format!("Could not locate the included file '{name}'")))?;
        Ok(Arc::new(Template::parse(&src, &warn_mode())?))
    }

    fn now(&self) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2024-01-01T00:00:00+00:00").unwrap()
    }

    fn counters(&self) -> Option<&Mutex<HashMap<String, i64>>> {
        Some(&self.counters)
    }
}

fn json_to_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(a) => Value::array(a.iter().map(json_to_value).collect()),
        serde_json::Value::Object(o) => Value::hash(
            o.iter()
                .map(|(k, v)| (k.as_str().into(), json_to_value(v)))
                .collect(),
        ),
    }
}

/// `key: value` lines of the fixtures' trivial `_config.yml`; YAML dates and
/// timestamps become Date and Time values as Psych makes them.
fn read_config(path: &Path) -> Map {
    let mut m = Map::new();
    for line in fs::read_to_string(path).unwrap_or_default().lines() {
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches('"');
            m.insert(k.trim().into(), yaml_scalar(v));
        }
    }
    m
}

fn yaml_scalar(v: &str) -> Value {
    if let Ok(d) = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return Value::Date(d);
    }
    let (body, zone) = match v.rsplit_once(' ') {
        Some((b, "Z")) => (b, "+00:00"),
        Some((b, z)) if z.starts_with('+') || z.starts_with('-') => (b, z),
        _ => (v, "+00:00"),
    };
    match DateTime::parse_from_str(&format!("{body} {zone}"), "%Y-%m-%d %H:%M:%S %:z") {
        Ok(t) => Value::Time(t),
        Err(_) => Value::str(v),
    }
}

fn site_globals(site_dir: &Path, now: DateTime<FixedOffset>) -> Map {
    let mut site = read_config(&site_dir.join("_config.yml"));
    let mut data = Map::new();
    if let Ok(rd) = fs::read_dir(site_dir.join("_data")) {
        let mut files: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let v: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(&f).unwrap()).unwrap();
            data.insert(
                f.file_stem().unwrap().to_string_lossy().as_ref().into(),
                json_to_value(&v),
            );
        }
    }
    site.insert("data".into(), Value::hash(data));
    site.insert("time".into(), Value::Time(now));
    let mut jekyll = Map::new();
    jekyll.insert("version".into(), Value::str("4.3.1"));
    jekyll.insert("environment".into(), Value::str("development"));
    let mut g = Map::new();
    g.insert("site".into(), Value::hash(site));
    g.insert("jekyll".into(), Value::hash(jekyll));
    g
}

fn page_globals(base: &Map, rel: &str) -> Map {
    let mut page = Map::new();
    let name = rel.rsplit('/').next().unwrap();
    page.insert("url".into(), Value::str(format!("/{rel}")));
    page.insert("path".into(), Value::str(rel));
    page.insert("name".into(), Value::str(name));
    page.insert("dir".into(), Value::str("/cases/"));
    let mut g = base.clone();
    g.insert("page".into(), Value::hash(page));
    g
}

/// Jekyll's front matter regexp ends in `^---\s*$\n?`: whitespace after the
/// closing dashes is eaten up to the last line end before content.
/// Jekyll's message for a case it refused (saved beside it by
/// prune_fixtures.sh), compared with ours when it is a Liquid error.
fn error_mismatch(case: &Path, e: &Error) -> Option<String> {
    let txt = fs::read_to_string(case.with_extension("txt")).ok()?;
    let msg = txt.split("Liquid Exception: ").nth(1)?;
    let msg = msg.rsplit_once(" in cases/").map_or(msg, |(m, _)| m);
    if !msg.starts_with("Liquid ") || msg.contains("included") {
        return None;
    }
    let ours = e.to_string();
    (ours != msg).then(|| format!("error message: want {msg:?}\n                 got  {ours:?}"))
}

fn strip_front_matter(src: &str) -> &str {
    let Some(rest) = src.strip_prefix("---\n---") else {
        return src;
    };
    let ws = rest.len() - rest.trim_start().len();
    let mut end = ws;
    while end > 0 && !(rest[end..].is_empty() || rest[end..].starts_with('\n')) {
        end -= 1;
    }
    let rest = &rest[end..];
    rest.strip_prefix('\n').unwrap_or(rest)
}

fn first_diff(want: &str, got: &str) -> String {
    for (i, (a, b)) in want.lines().zip(got.lines()).enumerate() {
        if a != b {
            return format!("line {}: want {a:?}\n                 got  {b:?}", i + 1);
        }
    }
    format!(
        "want {:?}\n                 got  {:?}",
        truncate(want),
        truncate(got)
    )
}

fn truncate(s: &str) -> String {
    s.chars().take(300).collect()
}

#[test]
fn jekyll_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let pending_src =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pending.txt"))
            .unwrap_or_default();
    let pending: BTreeMap<String, String> = pending_src
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (p, r) = l.split_once(' ').unwrap_or((l, ""));
            (p.to_string(), r.to_string())
        })
        .collect();
    let mut groups: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("liquid-")
        })
        .collect();
    groups.sort();
    let now = DateTime::parse_from_rfc3339("2024-01-01T00:00:00+00:00").unwrap();
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let (mut total, mut passed) = (0, 0);
    for g in &groups {
        let gname = g.file_name().unwrap().to_string_lossy().into_owned();
        let site_dir = g.join("site");
        let base = site_globals(&site_dir, now);
        let env = SiteEnv {
            includes_dir: site_dir.join("_includes"),
            cache: Mutex::new(HashMap::new()),
            counters: Mutex::new(HashMap::new()),
        };
        let mut cases: Vec<(String, PathBuf, Option<PathBuf>)> = Vec::new();
        if let Ok(rd) = fs::read_dir(site_dir.join("cases")) {
            for e in rd.flatten().filter(|e| e.path().is_file()) {
                let name = e.file_name().to_string_lossy().into_owned();
                cases.push((
                    format!("cases/{name}"),
                    e.path(),
                    Some(g.join("expected/cases").join(&name)),
                ));
            }
        }
        if let Ok(rd) = fs::read_dir(g.join("jekyll-errors")) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.ends_with(".html") {
                    cases.push((format!("jekyll-errors/{name}"), e.path(), None));
                }
            }
        }
        cases.sort();
        let (mut gt, mut gp) = (0, 0);
        for (rel, path, expected) in cases {
            gt += 1;
            let key = format!("{gname}/{rel}");
            let src = fs::read_to_string(&path).unwrap();
            let body = strip_front_matter(&src);
            let globals = page_globals(&base, &rel);
            let result =
                Template::parse(body, &warn_mode()).and_then(|t| render(&t, &globals, &env));
            let failure = match (&expected, result) {
                (Some(exp), Ok(out)) => {
                    let want = fs::read_to_string(exp).unwrap_or_default();
                    (want != out).then(|| first_diff(&want, &out))
                }
                (Some(_), Err(e)) => Some(format!("error: {e}")),
                (None, Ok(out)) => Some(format!(
                    "Jekyll fails here, we rendered {:?}",
                    truncate(&out)
                )),
                (None, Err(e)) => error_mismatch(&path, &e),
            };
            match (failure, pending.contains_key(&key)) {
                (None, false) => gp += 1,
                (None, true) => fixed.push(key),
                (Some(_), true) => {}
                (Some(f), false) => unexpected.push(format!("{key}\n                 {f}")),
            }
        }
        passed += gp;
        total += gt;
        eprintln!("{gname:28} {gp:5}/{gt}");
    }
    eprintln!(
        "{:28} {passed:5}/{total} ({} pending)",
        "total",
        pending.len()
    );
    for u in &unexpected {
        eprintln!("FAIL {u}");
    }
    for f in &fixed {
        eprintln!("NOW PASSING (remove from pending.txt): {f}");
    }
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "{} unexpected failures, {} pending cases now pass",
        unexpected.len(),
        fixed.len()
    );
}
