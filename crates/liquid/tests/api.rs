//! API-level checks that fixtures cannot express: thread safety, large
//! collections, error details and custom tags.

use std::sync::Arc;
use std::time::Instant;

use hyde_liquid::{
    render, Context, CustomTag, Environment, Error, Map, ParseOptions, TagFactory, TagRegistry,
    Template, Value,
};

struct Env;
impl Environment for Env {}

fn globals_with_items(n: usize) -> Map {
    let items: Vec<Value> = (0..n)
        .map(|i| {
            let mut m = Map::new();
            m.insert(
                "title".into(),
                Value::str(format!("t{:05}", (i * 7919) % n)),
            );
            m.insert("cat".into(), Value::str(format!("c{}", i % 10)));
            m.insert("n".into(), Value::Int((i % 97) as i64));
            Value::hash(m)
        })
        .collect();
    let mut site = Map::new();
    site.insert("posts".into(), Value::array(items));
    let mut g = Map::new();
    g.insert("site".into(), Value::hash(site));
    g
}

fn render_str(src: &str, g: &Map) -> Result<String, Error> {
    render(&Template::parse(src, &ParseOptions::default())?, g, &Env)
}

#[test]
fn large_collections_are_not_quadratic() {
    let g = globals_with_items(10_000);
    let start = Instant::now();
    let cases = [
        "{{ site.posts | where: 'cat', 'c3' | size }}",
        "{{ site.posts | sort: 'title' | first | map: 'title' }}",
        "{{ site.posts | map: 'cat' | uniq | size }}",
        "{{ site.posts | map: 'title' | uniq | size }}",
        "{{ site.posts | group_by: 'title' | size }}",
        "{{ site.posts | group_by: 'cat' | size }}",
        "{{ site.posts | where_exp: 'p', 'p.n > 90' | size }}",
        "{{ site.posts | sort_natural: 'title' | size }}",
        "{% for p in site.posts %}{% if p.n == 3 %}x{% endif %}{% endfor %}",
    ];
    let want = [
        "1000", "t00000", "10", "10000", "10000", "10", "618", "10000",
    ];
    for (i, c) in cases.iter().enumerate() {
        let out = render_str(c, &g).unwrap();
        if let Some(w) = want.get(i) {
            assert_eq!(&out, w, "{c}");
        }
    }
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn templates_render_from_many_threads() {
    let t = Arc::new(
        Template::parse(
            "{% for i in (1..3) %}{{ i | times: n }}{% endfor %}",
            &ParseOptions::default(),
        )
        .unwrap(),
    );
    let handles: Vec<_> = (0..4)
        .map(|k| {
            let t = t.clone();
            std::thread::spawn(move || {
                let mut g = Map::new();
                g.insert("n".into(), Value::Int(k));
                render(&t, &g, &Env).unwrap()
            })
        })
        .collect();
    let outs: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(outs, ["000", "123", "246", "369"]);
}

#[test]
fn errors_carry_line_and_markup() {
    let e = Template::parse("a\nb\n{% foo %}", &ParseOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Liquid syntax error (line 3): Unknown tag 'foo'"
    );
    let e = Template::parse("{% if x %}\n\nx", &ParseOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Liquid syntax error (line 3): 'if' tag was never closed"
    );
    let e = render_str("x\n{{ 1 | divided_by: 0 }}", &Map::new()).unwrap_err();
    assert_eq!(e.to_string(), "Liquid error (line 2): divided by 0");
    assert_eq!(e.markup.as_deref(), Some("{{ 1 | divided_by: 0 }}"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let src = "{% if true %}".repeat(150) + &"{% endif %}".repeat(150);
    let e = Template::parse(&src, &ParseOptions::default()).unwrap_err();
    assert!(e.to_string().contains("Nesting too deep"), "{e}");
}

struct Recursive;
impl Environment for Recursive {
    fn include(&self, _name: &str) -> Result<Arc<Template>, Error> {
        Ok(Arc::new(Template::parse(
            "{% include self.html %}",
            &ParseOptions::default(),
        )?))
    }
}

#[test]
fn recursive_includes_stop() {
    let t = Template::parse("{% include self.html %}", &ParseOptions::default()).unwrap();
    let e = render(&t, &Map::new(), &Recursive).unwrap_err();
    assert!(e.to_string().contains("Nesting too deep"), "{e}");
    assert!(!e.includes.is_empty());
}

#[derive(Debug)]
struct Shout(String);
impl CustomTag for Shout {
    fn render(&self, ctx: &mut Context<'_>, out: &mut String) -> Result<(), Error> {
        let v = ctx.evaluate(&self.0)?;
        out.push_str(&v.to_liquid_string().to_uppercase());
        Ok(())
    }
}
struct ShoutFactory;
impl TagFactory for ShoutFactory {
    fn parse(
        &self,
        _name: &str,
        markup: &str,
        _o: &ParseOptions,
    ) -> Result<Box<dyn CustomTag>, Error> {
        Ok(Box::new(Shout(markup.trim().to_string())))
    }
}

#[test]
fn custom_tags_render_with_context() {
    let mut reg = TagRegistry::new();
    reg.register("shout", Arc::new(ShoutFactory));
    let opts = ParseOptions {
        tags: Some(Arc::new(reg)),
        ..Default::default()
    };
    let t = Template::parse("{% assign w = 'hi' %}{% shout w %}!", &opts).unwrap();
    assert_eq!(render(&t, &Map::new(), &Env).unwrap(), "HI!");
    assert!(Template::parse("{% shout w %}", &ParseOptions::default()).is_err());
}

#[test]
fn strict_error_mode_rejects_what_lax_accepts() {
    let strict = ParseOptions {
        error_mode: hyde_liquid::ErrorMode::Strict,
        ..Default::default()
    };
    for src in [
        "{{ 'a' | | upcase }}",
        "{% if a = b %}{% endif %}",
        "{% for x in a | sort %}{% endfor %}",
        "{% assign x = 'a' 'b' %}",
    ] {
        assert!(
            Template::parse(src, &ParseOptions::default()).is_ok(),
            "{src}"
        );
        assert!(Template::parse(src, &strict).is_err(), "{src}");
    }
    assert!(Template::parse(
        "{{ a | append: 'b', c: 1 }}{% if a and b %}{% endif %}",
        &strict
    )
    .is_ok());
}

#[test]
fn include_errors_name_the_include() {
    struct Inc;
    impl Environment for Inc {
        fn include(&self, _name: &str) -> Result<Arc<Template>, Error> {
            Ok(Arc::new(Template::parse(
                "ok\n{{ 1 | divided_by: 0 }}",
                &ParseOptions::default(),
            )?))
        }
        fn include_display_name(&self, name: &str, _relative: bool) -> String {
            format!("_includes/{name}")
        }
    }
    let t = Template::parse("{% include a.html %}", &ParseOptions::default()).unwrap();
    let e = render(&t, &Map::new(), &Inc).unwrap_err();
    assert_eq!(e.includes, ["_includes/a.html"]);
    assert_eq!(e.line, Some(2));
}

/// Jekyll checks an include's name when the tag renders: a bad name in a
/// branch not taken is no error, and a good one is found every time.
#[test]
fn include_names_are_checked_when_rendered() {
    struct Inc;
    impl Environment for Inc {
        fn include(&self, name: &str) -> Result<Arc<Template>, Error> {
            Ok(Arc::new(Template::parse(name, &ParseOptions::default())?))
        }
    }
    let render_with = |src: &str| {
        let t = Template::parse(src, &ParseOptions::default()).unwrap();
        render(&t, &Map::new(), &Inc)
    };
    let bad = "{% include ../secret.txt %}";
    assert_eq!(
        render_with(&format!("{{% if false %}}{bad}{{% endif %}}")).unwrap(),
        ""
    );
    let e = render_with(&format!("{{% if true %}}{bad}{{% endif %}}")).unwrap_err();
    assert!(
        e.message.contains("invalid characters or sequences"),
        "{}",
        e.message
    );
    assert_eq!(
        render_with("{% include a.html %}{% include a.html %}").unwrap(),
        "a.htmla.html"
    );
}

#[test]
fn warn_mode_records_strict_failures_like_jekyll() {
    let warn = ParseOptions {
        error_mode: hyde_liquid::ErrorMode::Warn,
        ..Default::default()
    };
    let src = "{{ x | | upcase }}\n{% if a = b %}{% endif %}\n{% for x in a | sort %}{% endfor %}\n{{ a.b[ }}\n{{ \"a\" \"b\" }}\n{{ ok | upcase }}";
    let t = Template::parse(src, &warn).unwrap();
    let got: Vec<String> = t.warnings().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        got,
        [
            "Liquid syntax error (line 1): Expected id but found pipe in \"{{ x | | upcase }}\"",
            "Liquid syntax error (line 2): Unexpected character = in \"a = b\"",
            "Liquid syntax error (line 3): Expected end_of_string but found pipe in \"x in a | sort\"",
            "Liquid syntax error (line 4): [:end_of_string] is not a valid expression in \"{{ a.b[ }}\"",
            "Liquid syntax error (line 5): Expected end_of_string but found string in \"{{ \"a\" \"b\" }}\"",
        ]
    );
    assert!(Template::parse(src, &ParseOptions::default())
        .unwrap()
        .warnings()
        .is_empty());
}

#[test]
fn deep_render_nesting_fails_cleanly() {
    struct Deep;
    impl Environment for Deep {
        fn include(&self, _name: &str) -> Result<Arc<Template>, Error> {
            let src =
                "{% if true %}".repeat(60) + "{% include self.html %}" + &"{% endif %}".repeat(60);
            Ok(Arc::new(Template::parse(&src, &ParseOptions::default())?))
        }
    }
    let r = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(|| {
            let t = Template::parse("{% include self.html %}", &ParseOptions::default()).unwrap();
            render(&t, &Map::new(), &Deep).map_err(|e| e.message)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(r.unwrap_err(), "Nesting too deep");
}

/// Ruby's limit of 100 nested blocks, on a main-thread-sized stack (8 MiB;
/// release builds need under 2 MiB).
#[test]
fn deepest_allowed_nesting_parses_and_renders() {
    let r = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(|| {
            let src = "{% for i in (1..1) %}{% if true %}".repeat(49)
                + "x"
                + &"{% endif %}{% endfor %}".repeat(49);
            let t = Template::parse(&src, &ParseOptions::default()).unwrap();
            render(&t, &Map::new(), &Env).unwrap()
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(r, "x");
}

#[test]
fn strict_filters_and_variables() {
    struct Strict;
    impl Environment for Strict {
        fn strict_filters(&self) -> bool {
            true
        }
    }
    let t = Template::parse("{{ 'a' | nosuch }}", &ParseOptions::default()).unwrap();
    assert_eq!(render(&t, &Map::new(), &Env).unwrap(), "a");
    assert_eq!(
        render(&t, &Map::new(), &Strict).unwrap_err().message,
        "undefined filter nosuch"
    );
    let opts = ParseOptions {
        strict_variables: true,
        ..Default::default()
    };
    let mut g = Map::new();
    g.insert("page".into(), Value::hash(Map::new()));
    let e = render(
        &Template::parse("{{ page.title }}", &opts).unwrap(),
        &g,
        &Env,
    )
    .unwrap_err();
    assert_eq!(e.message, "undefined variable title");
    let e = render(&Template::parse("{{ nope }}", &opts).unwrap(), &g, &Env).unwrap_err();
    assert_eq!(e.message, "undefined variable nope");
    assert_eq!(
        render(
            &Template::parse("{% assign x = 1 %}{{ x }}", &opts).unwrap(),
            &g,
            &Env
        )
        .unwrap(),
        "1"
    );
}
