//! The site: configuration, the model read from the source, and the three
//! steps `build` and `serve` share: load, render, write.

use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, FixedOffset};
use hyde_liquid::{ErrorMode, ParseOptions, Template, Value};
use rayon::prelude::*;

use crate::config::{Configuration, Overrides};
use crate::converters::markdown::Markdown;
use crate::defaults::FrontmatterDefaults;
use crate::plugins::Plugins;
use crate::reader::{Reader, SiteSource};
use crate::renderer::environment::Templates;
use crate::renderer::profile::Profiler;

mod render;
pub use render::{Rendering, Reuse};

/// A loaded site, ready to render.
pub struct Site {
    pub config: Configuration,
    /// `site.time`: now, or `SOURCE_DATE_EPOCH` for reproducible builds.
    pub time: DateTime<FixedOffset>,
    pub source: SiteSource,
    pub markdown: Markdown,
    pub templates: Templates,
    /// Every layout parsed once (an error only matters if a page uses it).
    pub layout_templates: HashMap<String, Result<Arc<Template>, hyde_liquid::Error>>,
    pub plugins: Plugins,
    pub warnings: Vec<String>,
    /// `--profile` statistics (disabled unless asked for).
    pub profiler: Profiler,
    /// Pages and documents rendered so far, for the progress bar.
    pub progress: AtomicUsize,
    /// What a `hyde serve` rebuild keeps from the last render.
    pub reuse: Reuse,
    /// The process ends after this build (`hyde build`): phase 2's payload,
    /// no longer needed once pages are rendered, is left to the OS rather
    /// than freed while the writer runs (compilers' `-disable-free`).
    pub one_shot: bool,
}

/// `site.time`: `SOURCE_DATE_EPOCH` if set, else the current time, shown in
/// the site's zone.
pub fn site_time(zone: Option<chrono_tz::Tz>) -> Result<DateTime<FixedOffset>> {
    let utc = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => {
            let secs: i64 = s
                .trim()
                .parse()
                .map_err(|_| anyhow::anyhow!("SOURCE_DATE_EPOCH is not a number: {s:?}"))?;
            DateTime::from_timestamp(secs, 0)
                .ok_or_else(|| anyhow::anyhow!("SOURCE_DATE_EPOCH out of range: {s}"))?
        }
        Err(_) => chrono::Utc::now(),
    };
    Ok(crate::yaml::in_zone(utc, zone))
}

impl Site {
    /// Reads the configuration and the whole source tree.
    pub fn load(overrides: &Overrides) -> Result<Site> {
        let config = Configuration::load(overrides)?;
        Site::from_config(config)
    }

    pub fn from_config(config: Configuration) -> Result<Site> {
        let time = site_time(config.timezone)?;
        let (defaults, mut warnings) =
            FrontmatterDefaults::new(config.get("defaults"), config.collections_dir());
        let reader = Reader::new(&config, &defaults, time);
        let mut source = reader.read()?;
        warnings.append(&mut source.warnings);
        let (markdown, mut md_warnings) = Markdown::new(&config);
        warnings.append(&mut md_warnings);
        let mut plugins = Plugins::for_site(&config);
        warnings.append(&mut plugins.warnings);
        let liquid = config.get("liquid");
        let options = ParseOptions {
            error_mode: match liquid
                .and_then(|l| l.get("error_mode"))
                .and_then(Value::as_str)
            {
                Some("strict") => ErrorMode::Strict,
                Some("lax") => ErrorMode::Lax,
                _ => ErrorMode::Warn,
            },
            strict_variables: liquid
                .and_then(|l| l.get("strict_variables"))
                .is_some_and(Value::is_truthy),
            tags: Some(plugins.tags.clone()),
        };
        let layout_templates = source
            .layouts
            .iter()
            .map(|(name, l)| {
                (
                    name.clone(),
                    Template::parse(&l.content, &options).map(Arc::new),
                )
            })
            .collect();
        let templates = Templates::new(
            &config.source,
            config.dir("includes_dir", "_includes"),
            options,
        )
        .with_site(&config);
        let generators = std::mem::take(&mut plugins.generators);
        let mut site = Site {
            config,
            time,
            source,
            markdown,
            templates,
            layout_templates,
            plugins,
            warnings,
            profiler: Profiler::default(),
            progress: AtomicUsize::new(0),
            reuse: Reuse::default(),
            one_shot: false,
        };
        for generator in &generators {
            generator
                .generate(&mut site)
                .map_err(|e| anyhow::anyhow!("{}: {e:#}", generator.name()))?;
        }
        Ok(site)
    }

    /// The destination paths [`render`](Site::render) will list, clashes
    /// included. They are known once the site is read, so a fresh
    /// destination's folders can be made while it renders.
    pub fn output_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .source
            .pages
            .iter()
            .filter(|p| self.reuse.renders(p))
            .map(|p| p.output_path())
            .collect();
        paths.extend(
            self.source
                .static_files
                .iter()
                .filter(|f| f.write)
                .map(|f| f.output_path()),
        );
        for collection in &self.source.collections {
            let docs: Vec<String> = collection
                .docs
                .par_iter()
                .filter(|d| d.write)
                .map(|d| d.output_path())
                .collect();
            paths.extend(docs);
        }
        paths
    }

    /// `liquid: strict_filters`.
    pub fn strict_filters(&self) -> bool {
        self.config
            .get("liquid")
            .and_then(|l| l.get("strict_filters"))
            .is_some_and(Value::is_truthy)
    }

    /// How many pages and documents a render goes through.
    pub fn render_count(&self) -> usize {
        let docs: usize = self.source.collections.iter().map(|c| c.docs.len()).sum();
        docs + self.source.pages.len()
    }

    /// Tables for `{% link %}` and `{% post_url %}`.
    pub(crate) fn link_tables(&self) -> (HashMap<String, String>, HashMap<String, String>) {
        let mut links = HashMap::new();
        let mut post_urls = HashMap::new();
        for p in &self.source.pages {
            // The first page with a path wins, as `{% link %}` searches in
            // order (pagination copies share their template's path).
            links
                .entry(p.relative_path())
                .or_insert_with(|| p.url.clone());
        }
        for f in &self.source.static_files {
            links.insert(
                f.relative_path.trim_start_matches('/').to_string(),
                f.url.clone(),
            );
        }
        for c in &self.source.collections {
            for d in &c.docs {
                links.insert(d.relative_path.clone(), d.url.clone());
                if c.label == "posts" {
                    let name = d.basename_without_ext().to_string();
                    post_urls.entry(name).or_insert_with(|| d.url.clone());
                }
            }
        }
        (links, post_urls)
    }
}
