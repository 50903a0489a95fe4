//! Liquid parse and render with Jekyll-like globals. `{% include loop %}`
//! includes itself (recursion must end in an error, not a stack overflow);
//! any other include renders a small fixed template.
#![no_main]

use std::sync::{Arc, OnceLock};

use hyde_liquid::{render, Environment, Error, ErrorMode, Map, ParseOptions, Template, Value};
use libfuzzer_sys::fuzz_target;

struct Env;

fn include_template(name: &str) -> Arc<Template> {
    static SMALL: OnceLock<Arc<Template>> = OnceLock::new();
    static LOOP: OnceLock<Arc<Template>> = OnceLock::new();
    let (cell, source) = if name == "loop" {
        (&LOOP, "a{% include loop %}")
    } else {
        (&SMALL, "[{{ include.a | default: page.title }}]")
    };
    cell.get_or_init(|| Arc::new(Template::parse(source, &ParseOptions::default()).unwrap()))
        .clone()
}

impl Environment for Env {
    fn include(&self, name: &str) -> Result<Arc<Template>, Error> {
        Ok(include_template(name))
    }
    fn now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::from_timestamp(1_704_067_200, 0)
            .unwrap()
            .fixed_offset()
    }
}

fn globals() -> &'static Map {
    static GLOBALS: OnceLock<Map> = OnceLock::new();
    GLOBALS.get_or_init(|| {
        let mut page = Map::new();
        page.insert("title".into(), Value::str("Hello <World>"));
        page.insert("date".into(), Value::str("2024-01-02 03:04:05 +0100"));
        page.insert(
            "tags".into(),
            Value::array(["b", "a", "c"].into_iter().map(Value::str).collect()),
        );
        let mut post = Map::new();
        post.insert("title".into(), Value::str("Post"));
        post.insert("url".into(), Value::str("/p/"));
        let mut site = Map::new();
        site.insert(
            "posts".into(),
            Value::array(vec![Value::hash(post.clone()); 3]),
        );
        site.insert("baseurl".into(), Value::str("/base"));
        site.insert("url".into(), Value::str("https://example.org"));
        let mut g = Map::new();
        g.insert("page".into(), Value::hash(page));
        g.insert("site".into(), Value::hash(site));
        g.insert("content".into(), Value::str("<p>body</p>"));
        g
    })
}

/// Templates that are slow by design, in Ruby Liquid as much as here: huge
/// ranges, nested loops, long filter chains (ten `| replace: 'l', '}L} '`
/// take Ruby 16 s, as each multiplies the string), and assignments inside
/// loops (`x = x | append: x` doubles it per turn). Kept out so that a
/// timeout means a hyde bug.
fn too_costly(text: &str) -> bool {
    let long_number = text
        .as_bytes()
        .split(|b| !b.is_ascii_digit())
        .any(|run| run.len() > 3);
    let loops = text.matches("for").count() + text.matches("tablerow").count();
    let filters = text.matches('|').count();
    let grows_in_loop = loops > 0 && (text.contains("assign") || text.contains("capture"));
    long_number || loops > 2 || filters > 8 || grows_in_loop
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if too_costly(text) {
        return;
    }
    let options = ParseOptions {
        error_mode: match mode % 3 {
            0 => ErrorMode::Lax,
            1 => ErrorMode::Warn,
            _ => ErrorMode::Strict,
        },
        strict_variables: mode & 4 == 4,
        ..Default::default()
    };
    if let Ok(template) = Template::parse(text, &options) {
        let _ = render(&template, globals(), &Env);
    }
});
