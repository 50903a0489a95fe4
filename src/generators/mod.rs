//! Generators: steps that run after reading and before rendering and may add
//! pages (pagination, feeds, sitemaps, redirects), as Jekyll's `Generator`
//! plugins do. A generator sees the whole site model and changes it.

use anyhow::Result;

use crate::site::Site;

pub trait Generator: Send + Sync {
    /// The plugin's name, for messages.
    fn name(&self) -> &str;
    fn generate(&self, site: &mut Site) -> Result<()>;
}

/// Not a plugin but a check that runs with them: Jekyll writes a source map
/// (`NAME.css.map`) beside each Sass page, and hyde cannot (grass keeps no
/// source positions), so the build says so once.
pub struct SassSourceMaps;

impl Generator for SassSourceMaps {
    fn name(&self) -> &str {
        "sass source maps"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        let maps: Vec<String> = site
            .source
            .pages
            .iter()
            .filter(|p| matches!(p.ext.to_ascii_lowercase().as_str(), ".scss" | ".sass"))
            .map(|p| {
                let stem = p.name.rsplit_once('.').map_or(p.name.as_str(), |(s, _)| s);
                format!("{}/{stem}.css.map", p.dir)
                    .trim_start_matches('/')
                    .to_string()
            })
            .collect();
        let settings = crate::converters::sass::SassSettings::new(&site.config, None);
        if !maps.is_empty() && settings.wants_source_map() {
            site.warnings.push(format!(
                "Sass: hyde writes no source maps ({} not written, as Jekyll's libsass would); \
                 set `sass: {{sourcemap: never}}` to match",
                maps.join(", ")
            ));
        }
        Ok(())
    }
}

/// A page that has no source file (Jekyll's `PageWithoutAFile`): plugins
/// make feeds, sitemaps and redirects this way. `name` may hold slashes
/// and a leading slash (`/feed/by_tag/x.xml`), kept as `page.name` shows it;
/// the URL comes out as a real file at that path would have it, or from
/// `data["permalink"]`.
pub fn page_without_a_file(
    config: &crate::config::Configuration,
    name: &str,
    data: hyde_liquid::Map,
    content: String,
) -> Result<crate::page::Page> {
    let relative_path = name.trim_start_matches('/');
    let path = config.source.join(relative_path);
    let parsed = crate::reader::Parsed {
        data,
        content,
        content_line: 1,
        yaml_error: false,
        warning: None,
    };
    // Such pages take the site's defaults for their path like any page;
    // what the plugin sets (`layout: nil`) still wins.
    let (defaults, _) =
        crate::defaults::FrontmatterDefaults::new(config.get("defaults"), config.collections_dir());
    let page_defaults = defaults.all(relative_path, Some("pages"));
    let mut page = crate::page::build(config, "", name, path, parsed, page_defaults)?;
    // Not a `Jekyll::Page`: no excerpt of its own.
    page.excerpt_source = None;
    Ok(page)
}

/// A page read from a source file as `Jekyll::Page.new` reads it (front
/// matter optional, the site's defaults for pages), with `extra` set over
/// its front matter: plugins turn static Markdown files into pages this way.
pub fn page_from_source(
    site: &Site,
    dir: &str,
    name: &str,
    extra: hyde_liquid::Map,
) -> Result<crate::page::Page> {
    let config = &site.config;
    let (defaults, _) =
        crate::defaults::FrontmatterDefaults::new(config.get("defaults"), config.collections_dir());
    let reader = crate::reader::Reader::new(config, &defaults, site.time);
    let path = config.source.join(dir.trim_start_matches('/')).join(name);
    let mut parsed = reader.parse_file(&path)?;
    parsed.data.extend(extra);
    let relative_path = format!("{dir}/{name}").trim_start_matches('/').to_string();
    let page_defaults = defaults.all(&relative_path, Some("pages"));
    crate::page::build(config, dir, name, path, parsed, page_defaults)
}

/// Makes a document's excerpt again from its (changed) content, as the
/// plugins that rewrite content before rendering do.
pub fn refresh_excerpt(
    doc: &mut crate::document::Document,
    config: &crate::config::Configuration,
    warnings: &mut Vec<String>,
) {
    let separator = crate::excerpt::separator(doc.data.get("excerpt_separator"), config);
    if separator.is_empty() {
        return;
    }
    doc.data.shift_remove("excerpt");
    doc.excerpt_source = Some(crate::excerpt::extract(
        &doc.content,
        &separator,
        &doc.relative_path,
        warnings,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyde_liquid::{Map, Value};

    fn config() -> crate::config::Configuration {
        let overrides = crate::config::Overrides {
            source: Some(std::env::temp_dir().join("hyde-gen-test-nonexistent")),
            ..Default::default()
        };
        crate::config::Configuration::load(&overrides).unwrap()
    }

    #[test]
    fn urls_of_pages_without_files() {
        let c = config();
        let p = page_without_a_file(&c, "feed.xml", Map::new(), String::new()).unwrap();
        assert_eq!(p.url, "/feed.xml");
        let p =
            page_without_a_file(&c, "/feed/by_tag/rust.xml", Map::new(), String::new()).unwrap();
        assert_eq!(p.url, "/feed/by_tag/rust.xml");
        let mut data = Map::new();
        data.insert("permalink".into(), Value::from("/old/"));
        let p = page_without_a_file(&c, "redirect.html", data, String::new()).unwrap();
        assert_eq!(p.url, "/old/");
    }
}
