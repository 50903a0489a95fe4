//! Layout loops that read only `site` render once per pass and are reused
//! (`render_shared` with an environment's `Memo`); anything that reads more
//! renders for each page.

use std::sync::{Arc, Mutex};

use hyde_liquid::{
    render, render_shared, Environment, Error, Linked, Map, Memo, ParseOptions, Template, Timeline,
    Value,
};

#[derive(Default)]
struct Env {
    memo: Memo,
}

impl Environment for Env {
    fn memo(&self) -> Option<&Memo> {
        Some(&self.memo)
    }

    /// `nav.html` lists the posts; `who.html` shows the page or the
    /// include's parameter.
    fn include(&self, name: &str) -> Result<Arc<Template>, Error> {
        let src = match name {
            "nav.html" => "{% for p in site.posts %}[{{ p.title }}]{% endfor %}",
            _ => "{{ include.t }}{{ page.title }}",
        };
        Ok(Arc::new(parse(src)))
    }

    /// The folder's name, from the page's path.
    fn include_relative(&self, _name: &str, page_path: &str) -> Result<Arc<Template>, Error> {
        let folder = page_path.split('/').next().unwrap_or_default();
        Ok(Arc::new(parse(folder)))
    }
}

/// A timeline whose documents' content is whatever the test last set.
struct Shown(Mutex<String>);

impl Timeline for Shown {
    fn get(&self, _index: usize, key: &str) -> Option<Value> {
        (key == "content").then(|| Value::str(self.0.lock().unwrap().as_str()))
    }
}

fn post(title: &str) -> Value {
    let mut m = Map::new();
    m.insert("title".into(), Value::str(title));
    m.insert("content".into(), Value::str("source"));
    Value::hash(m)
}

fn site(titles: &[&str], timeline: Option<Arc<dyn Timeline>>) -> Value {
    let mut s = Map::new();
    let posts = titles.iter().map(|t| post(t)).collect();
    s.insert(
        "posts".into(),
        Value::array(Linked::all_on(posts, timeline)),
    );
    Value::hash(s)
}

fn globals(site: &Value, page: &str) -> Map {
    let mut g = Map::new();
    g.insert("site".into(), site.clone());
    let mut p = Map::new();
    p.insert("title".into(), Value::str(page));
    p.insert("path".into(), Value::str(format!("{page}/index.md")));
    g.insert("page".into(), Value::hash(p));
    g
}

fn parse(src: &str) -> Template {
    Template::parse(src, &ParseOptions::default()).unwrap()
}

/// Renders `src` as a layout for pages `a` and `b` of `site`.
fn both(env: &Env, src: &str, site: &Value) -> (String, String) {
    let t = parse(src);
    let a = render_shared(&t, &globals(site, "a"), env).unwrap();
    let b = render_shared(&t, &globals(site, "b"), env).unwrap();
    (a, b)
}

#[test]
fn a_loop_over_site_only_renders_once() {
    let env = Env::default();
    let s = site(&["one", "two", "three"], None);
    let src = "{% for p in site.posts limit: 2 %}{{ p.title }} {{ forloop.index }};{% endfor %}|{{ page.title }}";
    let (a, b) = both(&env, src, &s);
    assert_eq!(a, "one 1;two 2;|a");
    assert_eq!(b, "one 1;two 2;|b");
    assert_eq!(env.memo.len(), 1);
}

#[test]
fn a_loop_that_reads_the_page_renders_for_each_page() {
    let env = Env::default();
    let s = site(&["a", "b"], None);
    let src = "{% for p in site.posts %}{% if p.title == page.title %}*{% endif %}{{ p.title }}{% endfor %}";
    let (a, b) = both(&env, src, &s);
    assert_eq!((a.as_str(), b.as_str()), ("*ab", "a*b"));
    assert!(env.memo.is_empty());
}

#[test]
fn a_loop_that_reads_an_assigned_variable_renders_for_each_page() {
    let env = Env::default();
    let s = site(&["x"], None);
    let src = "{% assign t = page.title %}{% for p in site.posts %}{{ t }}{% endfor %}";
    let (a, b) = both(&env, src, &s);
    assert_eq!((a.as_str(), b.as_str()), ("a", "b"));
    assert!(env.memo.is_empty());
}

#[test]
fn a_reused_loop_still_tells_offset_continue_where_it_stopped() {
    let env = Env::default();
    let s = site(&["1", "2", "3", "4"], None);
    let src = "{% for p in site.posts limit: 2 %}{{ p.title }}{% endfor %}-{% for p in site.posts offset: continue %}{{ p.title }}{% endfor %}";
    let (a, b) = both(&env, src, &s);
    assert_eq!((a.as_str(), b.as_str()), ("12-34", "12-34"));
    assert_eq!(
        env.memo.len(),
        1,
        "the loop with offset: continue is not kept"
    );
}

#[test]
fn each_site_keeps_its_own_rendering() {
    let env = Env::default();
    let t = parse("{% for p in site.posts %}{{ p.title }}{% endfor %}");
    let (s1, s2) = (site(&["x"], None), site(&["y"], None));
    assert_eq!(render_shared(&t, &globals(&s1, "a"), &env).unwrap(), "x");
    assert_eq!(render_shared(&t, &globals(&s2, "a"), &env).unwrap(), "y");
    assert_eq!(render_shared(&t, &globals(&s1, "b"), &env).unwrap(), "x");
    assert_eq!(env.memo.len(), 2);
}

#[test]
fn content_that_changes_as_pages_render_is_read_each_time() {
    let env = Env::default();
    let shown = Arc::new(Shown(Mutex::new("first".into())));
    let s = site(&["x"], Some(shown.clone()));
    let t = parse("{% for p in site.posts %}{{ p.content }}{% endfor %}");
    assert_eq!(render_shared(&t, &globals(&s, "a"), &env).unwrap(), "first");
    *shown.0.lock().unwrap() = "rendered".into();
    assert_eq!(
        render_shared(&t, &globals(&s, "b"), &env).unwrap(),
        "rendered"
    );
    assert!(env.memo.is_empty());
}

#[test]
fn a_break_left_pending_is_not_kept() {
    let env = Env::default();
    let s = site(&[], None);
    let src = "a{% for p in site.posts %}{% else %}{% break %}{% endfor %}b";
    let (a, b) = both(&env, src, &s);
    assert_eq!((a.as_str(), b.as_str()), ("a", "a"));
    assert!(env.memo.is_empty());
}

#[test]
fn loops_that_change_state_or_sit_in_other_loops_are_not_kept() {
    let s = site(&["x", "y"], None);
    for (src, a, b) in [
        ("{% for p in site.posts %}{% cycle 'a', 'b' %}{% endfor %}", "ab", "ab"),
        ("{% for p in site.posts %}{% assign last = p.title %}{% endfor %}{{ last }}", "y", "y"),
        ("{% for p in site.posts %}{% increment n %}{% endfor %}", "01", "01"),
        (
            "{% for i in (1..2) %}{{ page.title }}{% for p in site.posts %}{{ p.title }}{% endfor %}{% endfor %}",
            "axyaxy",
            "bxybxy",
        ),
    ] {
        let env = Env::default();
        assert_eq!(both(&env, src, &s), (a.to_string(), b.to_string()), "{src}");
        assert!(env.memo.is_empty(), "{src}");
    }
}

#[test]
fn a_plain_render_keeps_nothing() {
    let env = Env::default();
    let s = site(&["x", "y"], None);
    let t = parse("{% for p in site.posts %}{{ p.title }}{% endfor %}");
    assert_eq!(render(&t, &globals(&s, "a"), &env).unwrap(), "xy");
    assert!(env.memo.is_empty());
}

#[test]
fn an_include_without_parameters_that_reads_only_site_renders_once() {
    let env = Env::default();
    let s = site(&["x", "y"], None);
    let (a, b) = both(&env, "{% include nav.html %}|{% include who.html %}", &s);
    assert_eq!((a.as_str(), b.as_str()), ("[x][y]|a", "[x][y]|b"));
    assert_eq!(env.memo.len(), 1, "nav.html only");
    let (a, b) = both(
        &env,
        "{% include nav.html t='?' %}{% include who.html t=page.title %}",
        &s,
    );
    assert_eq!((a.as_str(), b.as_str()), ("[x][y]aa", "[x][y]bb"));
    assert_eq!(env.memo.len(), 1, "no include with parameters");
}

#[test]
fn include_relative_depends_on_the_page_and_is_not_kept() {
    let env = Env::default();
    let s = site(&["x"], None);
    let (a, b) = both(&env, "{% include_relative side.html %}", &s);
    assert_eq!((a.as_str(), b.as_str()), ("a", "b"));
    assert!(env.memo.is_empty());
}

#[test]
fn reuse_sets_where_a_loop_stopped_even_when_an_earlier_loop_had_set_it() {
    let env = Env::default();
    let s = site(&["1", "2", "3", "4"], None);
    // Page `a` runs a loop of the same name first, page `b` does not: the
    // second loop leaves the same position either way.
    let src = "{% if page.title == 'a' %}{% for p in site.posts limit: 2 %}{% endfor %}{% endif %}\
               {% for p in site.posts limit: 2 %}{{ p.title }}{% endfor %}-\
               {% for p in site.posts offset: continue %}{{ p.title }}{% endfor %}";
    let (a, b) = both(&env, src, &s);
    assert_eq!((a.as_str(), b.as_str()), ("12-34", "12-34"));
}
