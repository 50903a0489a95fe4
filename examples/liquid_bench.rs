//! Liquid micro-benchmark: templates per second for the repository root's
//! archive layout (with its includes), rendered by hyde's Liquid engine, and
//! by the `liquid` crate where it can run the same template.
//!
//!     cargo run --release --example liquid_bench
//!
//! The layout is rendered as Jekyll renders it for the research page: `page`
//! and `site` from the loaded site, `content` set, includes from `_includes/`.

use std::time::Instant;

use hyde_liquid::{Map, Value};

const ROUNDS: usize = 2_000;

fn main() -> anyhow::Result<()> {
    let root = env!("CARGO_MANIFEST_DIR");
    let overrides = hyde::config::Overrides {
        source: Some(root.into()),
        quiet: true,
        ..Default::default()
    };
    let site = hyde::Site::load(&overrides)?;
    let layout = std::fs::read_to_string(format!("{root}/_layouts/archive.html"))?;
    let body = layout
        .splitn(3, "---\n")
        .nth(2)
        .unwrap_or(&layout)
        .to_string();

    let page = site
        .source
        .pages
        .iter()
        .find(|p| p.url == "/research/")
        .expect("the research page");
    let mut page_map = page.defaults.clone();
    for (k, v) in &page.data {
        page_map.insert(k.clone(), v.clone());
    }
    page_map.insert("url".into(), Value::from(page.url.as_str()));
    let mut vars = Map::new();
    vars.insert("page".into(), Value::hash(page_map));
    vars.insert("site".into(), Value::hash(site.config.map.clone()));
    vars.insert("content".into(), Value::from("<p>content</p>"));
    vars.insert("layout".into(), Value::hash(Map::new()));

    // hyde: parse once, render ROUNDS times (hyde::render_liquid parses each
    // call, so time parse + render, the cost a page pays for its content).
    let started = Instant::now();
    let mut bytes = 0;
    for _ in 0..ROUNDS {
        bytes += hyde::render_liquid(&site, &body, &vars)?.len();
    }
    let hyde_rate = ROUNDS as f64 / started.elapsed().as_secs_f64();
    println!(
        "hyde-liquid:  {hyde_rate:>9.0} templates/s (parse + render, {} bytes each)",
        bytes / ROUNDS
    );

    // The liquid crate, with the same includes as partials.
    let mut partials = liquid::partials::InMemorySource::new();
    for entry in std::fs::read_dir(format!("{root}/_includes"))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        partials.add(name, std::fs::read_to_string(entry.path())?);
    }
    let parser = liquid::ParserBuilder::with_stdlib()
        .partials(liquid::partials::EagerCompiler::new(partials))
        .build()?;
    match parser.parse(&body) {
        Err(e) => println!(
            "liquid crate: cannot parse the layout: {}",
            e.to_string().lines().next().unwrap_or("")
        ),
        Ok(template) => {
            let globals = liquid::object!({
                "page": { "title": "Research", "author_profile": true, "url": "/research/" },
                "site": { "title": "Joe Benton", "url": "", "baseurl": "" },
                "content": "<p>content</p>",
                "layout": {},
            });
            match template.render(&globals) {
                Err(e) => println!(
                    "liquid crate: cannot render the layout: {}",
                    e.to_string().lines().next().unwrap_or("")
                ),
                Ok(_) => {
                    let started = Instant::now();
                    for _ in 0..ROUNDS {
                        let t = parser.parse(&body)?;
                        t.render(&globals)?;
                    }
                    let rate = ROUNDS as f64 / started.elapsed().as_secs_f64();
                    println!("liquid crate: {rate:>9.0} templates/s (parse + render)");
                }
            }
        }
    }
    Ok(())
}
