//! Rendering one page or document as Jekyll's `Renderer#run` does: Liquid
//! in the content, then the converter its extension picks, then the chain
//! of layouts, each rendered with `content` and `layout` set.

pub mod environment;
pub mod excerpts;
pub mod order;
pub mod payload;
pub mod profile;

use std::path::Path;

use anyhow::{anyhow, Result};
use hyde_liquid::{Environment, Map, Template, Value};

use crate::layout::Layout;
use crate::site::Site;
use environment::SiteEnvironment;

/// What every render in a phase shares.
pub struct RenderContext<'a> {
    pub site: &'a Site,
    pub env: SiteEnvironment<'a>,
    pub site_value: Value,
    pub jekyll: Value,
    /// Layout name → the chain of layouts it starts, each with the `layout`
    /// hash it sees; the same for every page, so made once per rendering.
    pub layout_chains: LayoutChains,
}

pub type LayoutChains =
    std::sync::RwLock<crate::utils::FastHashMap<String, std::sync::Arc<Vec<(String, Value)>>>>;

/// The parts of a page or document the renderer needs.
pub struct Item<'a> {
    pub relative_path: &'a str,
    pub path: &'a Path,
    pub content: &'a str,
    pub content_line: usize,
    pub ext: &'a str,
    /// The output's extension (post-render hooks pick outputs by it).
    pub output_ext: &'a str,
    pub data: &'a Map,
    pub place_in_layout: bool,
    /// `site` as this item sees it, when it differs from the shared one
    /// (`site.related_posts` is set for documents only).
    pub site: Option<Value>,
}

/// The converted content (before layouts) and the final output.
pub struct Output {
    /// Shared with the layouts' `content` and the payloads that show it.
    pub content: std::sync::Arc<str>,
    pub output: String,
}

impl RenderContext<'_> {
    /// The globals of a render, by name in this order (see [`set_global`]):
    /// `site`, `page`, `layout`, `content`, `paginator`, `jekyll` and the
    /// highlighters' prefix and suffix.
    fn globals(
        &self,
        item: &Item<'_>,
        page: Value,
        paginator: Value,
        layout: Value,
        content: Value,
    ) -> Map {
        // The names are the same for every render: a copy of a hash made
        // once, filled in by position, instead of eight hashed inserts.
        static NAMES: std::sync::OnceLock<Map> = std::sync::OnceLock::new();
        let site = item.site.as_ref().unwrap_or(&self.site_value);
        // The converter's own: Markdown's `highlight` blocks stand apart
        // from the text around them (Converters::Markdown), the others' add
        // nothing. Kept for the layouts too, as Jekyll sets them once.
        static NEWLINE: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| Value::str("\n"));
        let around_highlights = if self.site.config.is_markdown_ext(item.ext) {
            NEWLINE.clone()
        } else {
            Value::Nil
        };
        let values = [
            site.clone(),
            page,
            layout,
            content,
            paginator,
            self.jekyll.clone(),
            around_highlights.clone(),
            around_highlights,
        ];
        NAMES
            .get_or_init(|| {
                [
                    "site",
                    "page",
                    "layout",
                    "content",
                    "paginator",
                    "jekyll",
                    "highlighter_prefix",
                    "highlighter_suffix",
                ]
                .into_iter()
                .map(|k| (k.into(), Value::Nil))
                .collect()
            })
            .with_values(values)
    }

    /// Liquid over `content` if it has any Liquid and the file allows it.
    pub fn render_liquid(&self, item: &Item<'_>, content: &str, globals: &Map) -> Result<String> {
        let wants_liquid = !matches!(
            item.data.get("render_with_liquid"),
            Some(Value::Bool(false))
        ) && crate::utils::has_liquid(content)
            && !matches!(item.ext, ".yml" | ".yaml" | ".coffee");
        if !wants_liquid {
            return Ok(content.to_string());
        }
        let template = Template::parse(content, self.env.templates.options()).map_err(|e| {
            liquid_error(
                &self.site.config.source,
                item.relative_path,
                item.content_line,
                &e,
            )
        })?;
        for w in template.warnings() {
            self.env
                .warn(&format!("Liquid Warning: {w} in {}", item.relative_path));
        }
        self.site.profiler.measure(item.relative_path, || {
            hyde_liquid::render(&template, globals, &self.env).map_err(|e| {
                liquid_error(
                    &self.site.config.source,
                    item.relative_path,
                    item.content_line,
                    &e,
                )
            })
        })
    }

    /// Converts by extension: Markdown, Sass, or as is.
    pub fn convert(&self, item: &Item<'_>, content: &str) -> Result<String> {
        let ext = item.ext;
        if self.site.config.is_markdown_ext(ext) {
            return self
                .site
                .markdown
                .convert(content, hyde_kramdown::Caller::Page)
                .map_err(|e| {
                    crate::converters::markdown::too_deep(
                        item.relative_path,
                        e.line + item.content_line - 1,
                    )
                });
        }
        if ext.eq_ignore_ascii_case(".scss") || ext.eq_ignore_ascii_case(".sass") {
            return crate::converters::sass::convert_item(self.site, item, content, &|w| {
                self.env.warn(w)
            });
        }
        Ok(content.to_string())
    }

    /// Renders an item whose Liquid `page` is `page`. `page_after` gives the
    /// `page` layouts see once the content is converted (documents show
    /// their converted content there; pages keep the raw one).
    pub fn render(
        &self,
        item: &Item<'_>,
        page: Value,
        paginator: Value,
        page_after: &dyn Fn(&std::sync::Arc<str>) -> Value,
    ) -> Result<Output> {
        let layout_name = item
            .data
            .get("layout")
            .filter(|v| !v.is_nil())
            .map(crate::utils::to_s);
        let first_layout = layout_name
            .as_deref()
            .and_then(|n| self.site.source.layouts.get(n));
        let layout_value = first_layout
            .and_then(|l| self.layout_chain(l).first().map(|(_, data)| data.clone()))
            .unwrap_or_default();
        let globals = self.globals(item, page, paginator.clone(), layout_value, Value::Nil);
        let rendered = self.render_liquid(item, item.content, &globals)?;
        let converted = self.convert(item, &rendered)?;
        if !item.place_in_layout {
            let content = std::sync::Arc::from(converted.as_str());
            let output = self.post_render(item, converted)?;
            return Ok(Output { output, content });
        }
        let content: std::sync::Arc<str> = converted.into();
        if let (Some(name), None) = (&layout_name, first_layout) {
            self.env.warn(&format!(
                "Build Warning: Layout '{name}' requested in {} does not exist.",
                item.relative_path
            ));
        }
        let page_for_layouts = page_after(&content);
        let output = self.place_in_layouts(
            item,
            Value::Str(content.clone()),
            first_layout,
            page_for_layouts,
            paginator,
        )?;
        let output = self.post_render(item, output)?;
        Ok(Output { content, output })
    }

    /// [`render`](Self::render) for an item with no Liquid in it that is
    /// not placed in a layout: converted, then the post-render hooks.
    pub fn render_without_liquid(&self, item: &Item<'_>) -> Result<String> {
        debug_assert!(!item.place_in_layout && !crate::utils::has_liquid(item.content));
        let converted = self.convert(item, item.content)?;
        self.post_render(item, converted)
    }

    /// Plugin hooks that rewrite the final output (jemoji, mentions).
    fn post_render(&self, item: &Item<'_>, mut output: String) -> Result<String> {
        for hook in &self.site.plugins.post_render {
            output = hook.post_render(item, output)?;
        }
        Ok(output)
    }

    fn place_in_layouts(
        &self,
        item: &Item<'_>,
        content: Value,
        first: Option<&Layout>,
        page: Value,
        paginator: Value,
    ) -> Result<String> {
        // The innermost layout sees the shared content; each outer one the
        // output of the layout inside it.
        let mut output: Option<String> = None;
        let chain = first.map(|first| self.layout_chain(first));
        // One set of globals for the chain: only `layout` and `content`
        // change from one layout to the next.
        let mut globals = self.globals(item, page, paginator, Value::Nil, Value::Nil);
        for (name, layout_data) in chain.iter().flat_map(|c| c.iter()) {
            let Some(l) = self.site.source.layouts.get(name) else {
                continue;
            };
            let inner = output.take().map_or_else(|| content.clone(), Value::from);
            set_global(&mut globals, LAYOUT, "layout", layout_data.clone());
            set_global(&mut globals, CONTENT, "content", inner);
            let template = self.layout_template(l)?;
            let rendered = self.site.profiler.measure(&l.relative_path, || {
                hyde_liquid::render_shared(&template, &globals, &self.env).map_err(|e| {
                    let err = liquid_error(
                        &self.site.config.source,
                        &l.relative_path,
                        l.content_line,
                        &e,
                    );
                    anyhow!(
                        "{err}\n  while rendering {} in its layouts",
                        item.relative_path
                    )
                })
            })?;
            output = Some(rendered);
        }
        Ok(output.unwrap_or_else(|| content.as_str().unwrap_or_default().to_string()))
    }

    /// The layouts `first` leads through, outermost last, each with its
    /// data deep-merged over what the layouts inside it set. A layout that
    /// comes round again ends the chain.
    fn layout_chain(&self, first: &Layout) -> std::sync::Arc<Vec<(String, Value)>> {
        let cached = self.layout_chains.read().unwrap_or_else(|e| e.into_inner());
        if let Some(chain) = cached.get(&first.name) {
            return chain.clone();
        }
        drop(cached);
        let mut chain: Vec<(String, Value)> = Vec::new();
        let mut layout = Some(first);
        let mut layout_data = Map::new();
        while let Some(l) = layout {
            let mut merged = l.data.clone();
            crate::config::deep_merge(&mut merged, &layout_data);
            layout_data = merged;
            chain.push((l.name.clone(), Value::hash(layout_data.clone())));
            layout = l.parent().and_then(|p| self.site.source.layouts.get(&p));
            if layout.is_some_and(|next| chain.iter().any(|(n, _)| *n == next.name)) {
                break;
            }
        }
        let chain = std::sync::Arc::new(chain);
        self.layout_chains
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(first.name.clone(), chain.clone());
        chain
    }

    fn layout_template(&self, layout: &Layout) -> Result<std::sync::Arc<Template>> {
        self.site
            .layout_templates
            .get(&layout.name)
            .cloned()
            .ok_or_else(|| anyhow!("{}: layout not parsed", layout.relative_path))?
            .map_err(|e| {
                anyhow!(
                    "{}",
                    liquid_error(
                        &self.site.config.source,
                        &layout.relative_path,
                        layout.content_line,
                        &e
                    )
                )
            })
    }
}

/// Where [`RenderContext::globals`] puts `layout` and `content`.
const LAYOUT: usize = 2;
const CONTENT: usize = 3;

/// Sets the global `name`, found at `index` of the globals.
fn set_global(globals: &mut Map, index: usize, name: &str, value: Value) {
    let (key, slot) = globals
        .get_index_mut(index)
        .expect("the globals are made with every name");
    debug_assert_eq!(key.as_str(), name);
    *slot = value;
}

/// A Liquid error as hyde reports it: Jekyll's message, then where it is
/// (file and line in the file, front matter counted), the offending line with
/// a caret under the markup, and the chain of includes it came through
/// (a recursion shown once, with its depth).
pub fn liquid_error(
    source: &Path,
    relative_path: &str,
    content_line: usize,
    e: &hyde_liquid::Error,
) -> anyhow::Error {
    let mut msg = String::from("Liquid Exception: ");
    msg.push_str(match e.kind {
        hyde_liquid::ErrorKind::Syntax => "Liquid syntax error",
        hyde_liquid::ErrorKind::Render => "Liquid error",
    });
    msg.push_str(&format!(": {}", e.message));
    // The innermost file the error happened in, and its line.
    let (file, line) = match e.includes.first() {
        Some(inner) => {
            let in_includes = format!("_includes/{inner}");
            let shown = if source.join(inner).is_file() || !source.join(&in_includes).is_file() {
                inner.clone()
            } else {
                in_includes
            };
            (shown, e.line)
        }
        None => (
            relative_path.to_string(),
            e.line.map(|l| l + content_line - 1),
        ),
    };
    msg.push_str(&format!("\n  --> {file}"));
    if let Some(line) = line {
        msg.push_str(&format!(":{line}"));
        if let Some(text) = std::fs::read_to_string(source.join(&file))
            .ok()
            .and_then(|t| t.lines().nth(line - 1).map(str::to_string))
        {
            let column = e
                .markup
                .as_deref()
                .and_then(|m| text.find(m.trim()))
                .or_else(|| text.find("{%").or_else(|| text.find("{{")))
                .unwrap_or(0);
            let gutter = " ".repeat(line.to_string().len());
            let pad: String = text[..column]
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            msg.push_str(&format!("\n {line} | {text}\n {gutter} | {pad}^"));
        }
    }
    let mut chain: Vec<(&str, usize)> = Vec::new();
    for name in e
        .includes
        .iter()
        .skip(1)
        .map(String::as_str)
        .chain([relative_path])
    {
        match chain.last_mut() {
            Some((last, n)) if *last == name => *n += 1,
            _ => chain.push((name, 1)),
        }
    }
    if e.includes.is_empty() {
        chain.clear();
    }
    for (name, times) in chain {
        match times {
            1 => msg.push_str(&format!("\n  included from {name}")),
            n => msg.push_str(&format!(
                "\n  included from {name} ({n} times: an include cycle)"
            )),
        }
    }
    if let Some(markup) = &e.markup {
        msg.push_str(&format!("\n  at {markup}"));
    }
    anyhow!(msg)
}
