//! jekyll-optional-front-matter: Markdown files without front matter (which
//! Jekyll copies as static files) also become pages. The static copy stays
//! unless `optional_front_matter: {remove_originals: true}`; README, LICENSE
//! and the like stay static only, unless `include:` names them.
//! `optional_front_matter: {enabled: false}` or `require_front_matter: true`
//! turns it off.

use anyhow::Result;
use hyde_liquid::{Map, Value};

use crate::generators::{page_from_source, Generator};
use crate::reader::entry_filter::EntryFilter;
use crate::site::Site;

pub struct OptionalFrontMatter;

/// File names (without extension, any case) left as static files.
const SKIPPED: &[&str] = &[
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CODE_OF_CONDUCT",
    "CONTRIBUTING",
    "ISSUE_TEMPLATE",
    "PULL_REQUEST_TEMPLATE",
];

/// A plugin's `KEY: {option: …}` setting.
pub(crate) fn option<'a>(site: &'a Site, key: &str, option: &str) -> Option<&'a Value> {
    site.config.get(key).and_then(|h| h.get(option))
}

impl Generator for OptionalFrontMatter {
    fn name(&self) -> &str {
        "jekyll-optional-front-matter"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        let key = "optional_front_matter";
        let required = site
            .config
            .get("require_front_matter")
            .is_some_and(Value::is_truthy);
        if matches!(option(site, key, "enabled"), Some(Value::Bool(false))) || required {
            return Ok(());
        }
        let cleanup = matches!(
            option(site, key, "remove_originals"),
            Some(Value::Bool(true))
        );
        // `include:` patterns, matched as Jekyll's `EntryFilter#included?` does.
        let include = EntryFilter::new(Vec::new(), site.config.list("include"));
        let mut pages = Vec::new();
        let mut converted = Vec::new();
        for file in &site.source.static_files {
            if file.collection.is_some() || !site.config.is_markdown_ext(&file.extname) {
                continue;
            }
            let rel = file.relative_path.trim_start_matches('/');
            let included = include.excluded(rel, false) || include.excluded(&file.name, false);
            if !included && SKIPPED.contains(&file.basename().to_uppercase().as_str()) {
                continue;
            }
            let dir = rel
                .rsplit_once('/')
                .map_or(String::new(), |(d, _)| format!("/{d}"));
            pages.push(page_from_source(site, &dir, &file.name, Map::new())?);
            converted.push(file.relative_path.clone());
        }
        site.source.pages.extend(pages);
        if cleanup {
            site.source
                .static_files
                .retain(|f| !converted.contains(&f.relative_path));
        }
        Ok(())
    }
}
