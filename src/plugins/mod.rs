//! Plugins: what the site's `plugins:` (or legacy `gems:`) turns on. hyde
//! provides the GitHub Pages set natively; each plugin contributes some of
//! generators (new pages before rendering), Liquid tags, and post-render
//! hooks (rewriting a page's HTML after layouts, as jemoji does).
//!
//! A named plugin hyde does not provide gets one warning, and so does a
//! `_plugins/` folder (Ruby code hyde cannot run), as GitHub Pages' safe
//! mode skips them.

use std::sync::Arc;

use hyde_liquid::TagRegistry;

use crate::config::Configuration;
use crate::generators::Generator;

/// Rewrites a page's or document's final output (after layouts).
pub trait PostRender: Send + Sync {
    /// Whether the hook applies to an output with this extension and path.
    fn applies(&self, output_ext: &str, relative_path: &str) -> bool;
    fn post_render(&self, output: String) -> String;
}

/// The plugins a site enables, resolved once per build.
#[derive(Default)]
pub struct Plugins {
    pub generators: Vec<Box<dyn Generator>>,
    pub tags: Arc<TagRegistry>,
    pub post_render: Vec<Box<dyn PostRender>>,
    pub warnings: Vec<String>,
}

/// Plugin gem names hyde provides natively.
const PROVIDED: &[&str] = &[];

impl Plugins {
    pub fn for_site(config: &Configuration) -> Plugins {
        let mut plugins = Plugins {
            warnings: unsupported(config),
            ..Default::default()
        };
        let tags = TagRegistry::new();
        // Each provided plugin registers its generators, tags and hooks here.
        plugins.tags = Arc::new(tags);
        plugins
    }
}

/// Warnings for the site's plugins hyde does not provide.
pub fn unsupported(config: &Configuration) -> Vec<String> {
    let mut warnings: Vec<String> = config
        .plugins()
        .into_iter()
        .filter(|p| !PROVIDED.contains(&p.as_str()))
        .map(|p| {
            format!("_config.yml: plugin '{p}' is not provided by hyde yet; its output is missing")
        })
        .collect();
    let plugins_dir = config.dir("plugins_dir", "_plugins");
    if plugins_dir.is_dir() {
        warnings.push(format!(
            "{}: Ruby plugins are not run by hyde; their tags, filters and generators are missing",
            plugins_dir.display()
        ));
    }
    warnings
}
