//! jekyll-sitemap: `sitemap.xml` listing every document, HTML page and
//! static HTML/PDF file, and a `robots.txt` pointing at it, each unless the
//! site already has one at that URL.
//!
//! Both are pages rendered from the plugin's templates (`templates/`); the
//! sitemap's static files are handed to it as page data, as the plugin does.

use std::sync::LazyLock;

use anyhow::Result;
use hyde_liquid::{Map, Value};

use crate::generators::{page_without_a_file, Generator};
use crate::site::Site;

static TEMPLATE: LazyLock<String> =
    LazyLock::new(|| super::minify(include_str!("templates/sitemap.xml"), true));

/// Static files the sitemap lists, by extension.
const INCLUDED_EXTENSIONS: &[&str] = &[".htm", ".html", ".xhtml", ".pdf"];

pub struct SitemapGenerator;

impl Generator for SitemapGenerator {
    fn name(&self) -> &str {
        "jekyll-sitemap"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        let taken = |url: &str| {
            site.source.pages.iter().any(|p| p.url == url)
                || site.source.static_files.iter().any(|f| f.url == url)
        };
        let (want_sitemap, want_robots) = (!taken("/sitemap.xml"), !taken("/robots.txt"));
        let xsl = taken("/sitemap.xsl");
        let zone = site.config.timezone;
        let statics: Vec<Value> = site
            .source
            .static_files
            .iter()
            .filter(|f| INCLUDED_EXTENSIONS.contains(&f.extname.as_str()))
            .map(|f| f.to_liquid(zone))
            .collect();
        let mut layout_nil = Map::new();
        layout_nil.insert("layout".into(), Value::Nil);
        if want_sitemap {
            let mut data = layout_nil.clone();
            data.insert("static_files".into(), Value::array(statics));
            data.insert("xsl".into(), Value::Bool(xsl));
            let page = page_without_a_file(&site.config, "sitemap.xml", data, TEMPLATE.clone())?;
            site.source.pages.push(page);
        }
        if want_robots {
            let robots = include_str!("templates/robots.txt").to_string();
            let page = page_without_a_file(&site.config, "robots.txt", layout_nil, robots)?;
            site.source.pages.push(page);
        }
        Ok(())
    }
}
