//! jekyll-default-layout: Markdown pages and posts that name no layout (not
//! even through `defaults:`) get one: `home` for the page at `/`, `page`
//! for pages, `post` for posts, else `default`, whichever exists first.

use anyhow::Result;
use hyde_liquid::Value;

use crate::generators::Generator;
use crate::site::Site;

pub struct DefaultLayout;

impl Generator for DefaultLayout {
    fn name(&self) -> &str {
        "jekyll-default-layout"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        let layouts = &site.source.layouts;
        let pick = |candidates: &[(&str, bool)]| {
            candidates
                .iter()
                .find(|(name, applies)| *applies && layouts.contains_key(*name))
                .map(|(name, _)| Value::from(*name))
        };
        for page in &mut site.source.pages {
            let named = page.data.contains_key("layout") || page.defaults.contains_key("layout");
            if named || !site.config.is_markdown_ext(&page.ext) {
                continue;
            }
            let home = page.url == "/";
            if let Some(layout) = pick(&[("home", home), ("page", true), ("default", true)]) {
                page.data.insert("layout".into(), layout);
            }
        }
        for posts in site
            .source
            .collections
            .iter_mut()
            .filter(|c| c.label == "posts")
        {
            for doc in &mut posts.docs {
                if doc.data.contains_key("layout") || !site.config.is_markdown_ext(&doc.extname) {
                    continue;
                }
                let home = doc.url == "/";
                if let Some(layout) = pick(&[("home", home), ("post", true), ("default", true)]) {
                    doc.data.insert("layout".into(), layout);
                }
            }
        }
        Ok(())
    }
}
