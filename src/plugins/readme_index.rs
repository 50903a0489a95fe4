//! jekyll-readme-index: a folder's README (a Markdown file the site copies
//! as a static file) also becomes the folder's index page when nothing else
//! is served at the folder's URL. The static copy stays unless
//! `readme_index: {remove_originals: true}`; `readme_index: {with_frontmatter:
//! true}` moves READMEs that are pages already; `enabled: false` turns it off.

use anyhow::Result;
use hyde_liquid::{Map, Value};

use super::optional_front_matter::option;
use crate::generators::{page_from_source, Generator};
use crate::site::Site;

pub struct ReadmeIndex;

impl Generator for ReadmeIndex {
    fn name(&self) -> &str {
        "jekyll-readme-index"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        let key = "readme_index";
        if matches!(option(site, key, "enabled"), Some(Value::Bool(false))) {
            return Ok(());
        }
        let cleanup = matches!(
            option(site, key, "remove_originals"),
            Some(Value::Bool(true))
        );
        let readmes: Vec<(String, String, String)> = site
            .source
            .static_files
            .iter()
            .filter(|f| is_readme(site, &f.relative_path))
            .map(|f| (f.relative_path.clone(), f.url.clone(), f.name.clone()))
            .collect();
        for (relative_path, url, name) in readmes {
            let Some(permalink) = index_permalink(site, &url) else {
                continue;
            };
            let dir = relative_path
                .rsplit_once('/')
                .map_or("", |(d, _)| d)
                .to_string();
            let mut extra = Map::new();
            extra.insert("permalink".into(), Value::from(permalink));
            let page = page_from_source(site, &dir, &name, extra)?;
            site.source.pages.push(page);
            if cleanup {
                site.source
                    .static_files
                    .retain(|f| f.relative_path != relative_path);
            }
        }
        if matches!(
            option(site, key, "with_frontmatter"),
            Some(Value::Bool(true))
        ) {
            let moved: Vec<usize> = (0..site.source.pages.len())
                .filter(|&i| {
                    let rel = format!("/{}", site.source.pages[i].relative_path());
                    is_readme(site, &rel)
                })
                .collect();
            for i in moved {
                let url = site.source.pages[i].url.clone();
                if let Some(permalink) = index_permalink(site, &url) {
                    let page = &site.source.pages[i];
                    let mut parsed = crate::reader::Parsed {
                        data: page.data.clone(),
                        content: page.content.clone(),
                        content_line: page.content_line,
                        yaml_error: false,
                        warning: None,
                    };
                    parsed
                        .data
                        .insert("permalink".into(), Value::from(permalink));
                    let rebuilt = crate::page::build(
                        &site.config,
                        &page.dir,
                        &page.name,
                        page.path.clone(),
                        parsed,
                        page.defaults.clone(),
                    )?;
                    site.source.pages[i] = rebuilt;
                }
            }
        }
        Ok(())
    }
}

/// Ruby's `File.dirname` for a URL: `/a/b/` and `/a/b.md` give `/a`.
fn dirname(url: &str) -> String {
    let trimmed = url.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some((d, _)) if !d.trim_end_matches('/').is_empty() => d.trim_end_matches('/').to_string(),
        Some(_) => "/".to_string(),
        None if url.starts_with('/') => "/".to_string(),
        None => ".".to_string(),
    }
}

/// `/readme` plus a Markdown extension, in any case, ending the path.
fn is_readme(site: &Site, relative_path: &str) -> bool {
    let lower = relative_path.to_lowercase();
    site.config.markdown_exts().iter().any(|ext| {
        lower
            .strip_suffix(ext.as_str())
            .is_some_and(|stem| stem.ends_with("/readme"))
    })
}

/// The folder URL (`/docs/`) a README at `url` would take, unless a page or
/// file already answers there. Any URL ending in the folder's `index.html`,
/// `.htm`, `.xhtml` or `.xml` counts.
fn index_permalink(site: &Site, url: &str) -> Option<String> {
    let dir = dirname(url);
    let folder = if dir.ends_with('/') {
        dir.clone()
    } else {
        format!("{dir}/")
    };
    let taken = |u: &str| {
        u.len() >= folder.len()
            && u.is_char_boundary(folder.len())
            && u[..folder.len()].eq_ignore_ascii_case(&folder)
            && matches!(
                &u[folder.len()..],
                "" | "index.html" | "index.htm" | "index.xhtml" | "index.xml"
            )
    };
    let pages = site.source.pages.iter().map(|p| p.url.as_str());
    let files = site.source.static_files.iter().map(|f| f.url.as_str());
    if pages.chain(files).any(taken) {
        return None;
    }
    // `File.dirname(url) + "/"`: `//` at the root, which the URL collapses.
    Some(format!("{dir}/"))
}
