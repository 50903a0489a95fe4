//! Plugins: what the site's `plugins:` turns on (Jekyll 4.3 ignores the
//! legacy `gems:` list, so hyde does too, with a warning). hyde
//! provides the GitHub Pages set natively; each plugin contributes some of
//! generators (new pages before rendering), Liquid tags, and post-render
//! hooks (rewriting a page's HTML after layouts, as jemoji does).
//!
//! A named plugin hyde does not provide gets one warning, and so does a
//! `_plugins/` folder (Ruby code hyde cannot run), as GitHub Pages' safe
//! mode skips them.

pub mod avatar;
pub mod default_layout;
pub mod feed;
pub mod gist;
pub mod include_cache;
pub mod mentions;
pub mod optional_front_matter;
pub mod paginate;
pub mod readme_index;
pub mod redirect_from;
pub mod relative_links;
pub mod seo;
pub mod sitemap;
pub mod titles_from_headings;

use std::sync::Arc;

use hyde_liquid::{Context, Error, Map, ParseOptions, TagRegistry, Template};

use crate::config::Configuration;
use crate::generators::Generator;
use crate::renderer::Item;

/// Rewrites a page's or document's final output (after layouts).
pub trait PostRender: Send + Sync {
    /// The output after the hook; each hook picks the items it applies to.
    fn post_render(&self, item: &Item<'_>, output: String) -> anyhow::Result<String>;
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
const PROVIDED: &[&str] = &[
    "jekyll-avatar",
    "jekyll-default-layout",
    "jekyll-feed",
    "jekyll-gist",
    "jekyll-include-cache",
    "jekyll-mentions",
    "jekyll-optional-front-matter",
    "jekyll-paginate",
    "jekyll-readme-index",
    "jekyll-redirect-from",
    "jekyll-relative-links",
    "jekyll-seo-tag",
    "jekyll-sitemap",
    "jekyll-titles-from-headings",
];

impl Plugins {
    pub fn for_site(config: &Configuration) -> Plugins {
        let mut plugins = Plugins {
            warnings: unsupported(config),
            ..Default::default()
        };
        let mut tags = TagRegistry::new();
        // Generators run in Jekyll's order: by priority (`:normal`, `:low`,
        // then the `:lowest` ones), each group in `plugins:` order.
        const NORMAL: u8 = 0;
        const LOW: u8 = 1;
        const LOWEST: u8 = 2;
        let mut generators: Vec<(u8, Box<dyn Generator>)> =
            vec![(NORMAL, Box::new(crate::generators::SassSourceMaps))];
        let names = enabled(config);
        for name in &names {
            match name.as_str() {
                "jekyll-redirect-from" => {
                    generators.push((NORMAL, Box::new(redirect_from::Redirects)))
                }
                "jekyll-optional-front-matter" => {
                    generators.push((NORMAL, Box::new(optional_front_matter::OptionalFrontMatter)))
                }
                "jekyll-readme-index" => {
                    generators.push((LOW, Box::new(readme_index::ReadmeIndex)))
                }
                "jekyll-titles-from-headings" => {
                    generators.push((LOWEST, Box::new(titles_from_headings::TitlesFromHeadings)))
                }
                "jekyll-default-layout" => {
                    generators.push((LOWEST, Box::new(default_layout::DefaultLayout)))
                }
                "jekyll-relative-links" => {
                    generators.push((LOWEST, Box::new(relative_links::RelativeLinks)))
                }
                "jekyll-paginate" => generators.push((LOWEST, Box::new(paginate::Pagination))),
                "jekyll-feed" => {
                    generators.push((LOWEST, Box::new(feed::FeedGenerator)));
                    tags.register("feed_meta", Arc::new(feed::FeedMetaFactory));
                }
                "jekyll-avatar" => tags.register("avatar", Arc::new(avatar::AvatarFactory)),
                "jekyll-gist" => tags.register("gist", Arc::new(gist::GistFactory)),
                "jekyll-include-cache" => tags.register(
                    "include_cached",
                    Arc::new(include_cache::IncludeCachedFactory),
                ),
                "jekyll-mentions" => plugins
                    .post_render
                    .push(Box::new(mentions::Mentions::new(config))),
                "jekyll-seo-tag" => tags.register("seo", Arc::new(seo::SeoFactory)),
                "jekyll-sitemap" => generators.push((LOWEST, Box::new(sitemap::SitemapGenerator))),
                _ => {}
            }
        }
        generators.sort_by_key(|(priority, _)| *priority);
        plugins.generators = generators.into_iter().map(|(_, g)| g).collect();
        plugins.tags = Arc::new(tags);
        plugins
    }
}

/// The plugins Jekyll loads, in its order: the theme's runtime dependencies
/// (which `Configuration::plugins` adds), then `plugins:`. Not `gems:`.
fn enabled(config: &Configuration) -> Vec<String> {
    let listed = config.list("plugins");
    let gems = config.list("gems");
    let theme = config
        .plugins()
        .into_iter()
        .filter(|p| !listed.contains(p) && !gems.contains(p));
    let mut names: Vec<String> = Vec::new();
    for name in theme.chain(listed.iter().cloned()) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Warnings for the site's plugins hyde does not provide.
pub fn unsupported(config: &Configuration) -> Vec<String> {
    let mut warnings: Vec<String> = enabled(config)
        .into_iter()
        .filter(|p| !PROVIDED.contains(&p.as_str()))
        .map(|p| {
            format!("_config.yml: plugin '{p}' is not provided by hyde yet; its output is missing")
        })
        .collect();
    // Jekyll 4 reads only `plugins:`; the old `gems:` list is ignored, silently.
    if !config.list("gems").is_empty() {
        warnings.push(
            "_config.yml: `gems:` is ignored (as Jekyll 4 ignores it); list plugins under `plugins:`"
                .into(),
        );
    }
    let plugins_dir = config.dir("plugins_dir", "_plugins");
    if plugins_dir.is_dir() {
        warnings.push(format!(
            "{}: Ruby plugins are not run by hyde; their tags, filters and generators are missing",
            plugins_dir.display()
        ));
    }
    warnings
}

/// Drops the whitespace a plugin's template minifier drops: every run after
/// `}` and, with `after_newline`, after `>\n` (jekyll-sitemap), else after `>`
/// (jekyll-feed).
pub(crate) fn minify(template: &str, after_newline: bool) -> String {
    strip_space_after(template, false, |before| {
        before.ends_with(b"}")
            || if after_newline {
                before.ends_with(b">\n")
            } else {
                before.ends_with(b">")
            }
    })
}

/// Removes each run of ASCII whitespace whose preceding text satisfies
/// `trigger` (a regex lookbehind). With `not_before_dash`, a run followed by
/// `-` keeps its last character, as `\s+(?!-)` backtracks.
pub(crate) fn strip_space_after(
    template: &str,
    not_before_dash: bool,
    trigger: impl Fn(&[u8]) -> bool,
) -> String {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c');
    let bytes = template.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if is_space(bytes[i]) && trigger(&bytes[..i]) {
            let mut end = i;
            while end < bytes.len() && is_space(bytes[end]) {
                end += 1;
            }
            if not_before_dash && bytes.get(end) == Some(&b'-') {
                end -= 1;
            }
            if end > i {
                i = end;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("only ASCII whitespace removed")
}

/// `"/" + s` unless `s` starts with a slash.
pub(crate) fn ensure_leading_slash(s: &str) -> String {
    if s.starts_with('/') {
        s.to_string()
    } else {
        format!("/{s}")
    }
}

/// Jekyll's `absolute_url` filter outside of a render (generators), for
/// the site whose configuration is `config`.
pub(crate) fn absolute_url(config: &Map, path: &str) -> String {
    static TEMPLATE: std::sync::LazyLock<Arc<Template>> =
        std::sync::LazyLock::new(|| parse_builtin("{{ path | absolute_url }}"));
    render_bare(&TEMPLATE, config, path)
}

/// Jekyll's `relative_url` filter outside of a render.
pub(crate) fn relative_url(config: &Map, path: &str) -> String {
    static TEMPLATE: std::sync::LazyLock<Arc<Template>> =
        std::sync::LazyLock::new(|| parse_builtin("{{ path | relative_url }}"));
    render_bare(&TEMPLATE, config, path)
}

/// Renders a built-in template over `path` with only `site` set.
pub(crate) fn render_bare(template: &Template, config: &Map, path: &str) -> String {
    struct Bare;
    impl hyde_liquid::Environment for Bare {}
    let mut globals = Map::new();
    globals.insert("site".into(), hyde_liquid::Value::hash(config.clone()));
    globals.insert("path".into(), hyde_liquid::Value::from(path));
    hyde_liquid::render(template, &globals, &Bare).unwrap_or_else(|_| path.to_string())
}

/// Parses a template that ships with hyde (a plugin's own); it is known to parse.
pub(crate) fn parse_builtin(source: &str) -> Arc<Template> {
    Arc::new(Template::parse(source, &ParseOptions::default()).expect("built-in template parses"))
}

/// Renders a plugin's template as the plugins do, in a context of its own:
/// the page's globals (`site`, `page`, `paginator`, …) plus `locals`.
pub(crate) fn render_isolated(
    ctx: &Context<'_>,
    template: &Template,
    locals: Map,
) -> Result<String, Error> {
    let mut globals = ctx.globals().clone();
    globals.extend(locals);
    hyde_liquid::render(template, &globals, ctx.env())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_as_the_plugins_do() {
        assert_eq!(minify("<a>\n  <b>{% x %}\n c", false), "<a><b>{% x %}c");
        assert_eq!(
            minify("<a>\n  <b> x\n{{ y }}  z", true),
            "<a>\n<b> x\n{{ y }}z"
        );
    }
}
