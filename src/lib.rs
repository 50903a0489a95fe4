//! hyde: a Jekyll-compatible static site generator.
//!
//! The pipeline follows Jekyll's own: [`config`] (defaults, `_config.yml`,
//! the command line), [`reader`] (pages, posts, drafts, collections, data,
//! static files, layouts), rendering ([`renderer`]: Liquid, then the
//! [`converters`], then layouts), and [`writer`]. [`Site`] ties them
//! together; `build` and `serve` call the same steps.
//!
//! ```no_run
//! let overrides = hyde::config::Overrides::default();
//! let site = hyde::Site::load(&overrides)?;
//! let rendering = site.render()?;
//! hyde::build::write(&site, &rendering)?;
//! # Ok::<(), anyhow::Error>(())
//! ```

pub mod build;
pub mod collection;
pub mod compare;
pub mod config;
pub mod converters;
pub mod defaults;
pub mod diagnostics;
pub mod dir;
pub mod doctor;
pub mod document;
pub mod excerpt;
pub mod generators;
pub mod layout;
pub mod page;
pub mod plugins;
pub mod reader;
pub mod renderer;
pub mod serve;
pub mod site;
pub mod static_file;
pub mod theme;
pub mod url;
pub mod utils;
pub mod writer;
pub mod yaml;

pub use site::Site;

/// The Jekyll version hyde reproduces (`jekyll.version`).
pub const JEKYLL_VERSION: &str = "4.3.1";

/// Renders a Liquid template string with the given variables in `site`'s
/// context (its includes, filters and clock).
pub fn render_liquid(
    site: &Site,
    template: &str,
    variables: &hyde_liquid::Map,
) -> anyhow::Result<String> {
    let parsed = hyde_liquid::Template::parse(template, site.templates.options())?;
    let warnings = std::sync::Mutex::new(Vec::new());
    let counters = std::sync::Mutex::new(std::collections::HashMap::new());
    let links = renderer::environment::LinkTables::empty();
    let env = renderer::environment::SiteEnvironment {
        templates: &site.templates,
        markdown: &site.markdown,
        time: site.time,
        timezone: site.config.timezone,
        links: &links,
        config_baseurl: site.config.map.get("baseurl"),
        warnings: &warnings,
        counters: &counters,
        strict_filters: site.strict_filters(),
        memo: None,
    };
    Ok(hyde_liquid::render(&parsed, variables, &env)?)
}

/// Converts Markdown as `site` would (its `kramdown:` options and highlighter).
pub fn convert_markdown(site: &Site, markdown: &str) -> Result<String, hyde_kramdown::TooDeep> {
    site.markdown.convert(markdown, hyde_kramdown::Caller::Page)
}
