//! Pages: files outside collections that have front matter.

use std::path::PathBuf;

use hyde_liquid::{Map, Value};

#[derive(Debug, Clone)]
pub struct Page {
    /// Absolute source path.
    pub path: PathBuf,
    /// The page's folder as Jekyll keeps it: `""` at the root, else `/sub`.
    pub dir: String,
    /// File name (`about.md`).
    pub name: String,
    /// `name` without extension and trailing dots.
    pub basename: String,
    /// Extension with the dot.
    pub ext: String,
    /// Front matter (defaults are merged in `to_liquid`, as Jekyll does).
    pub data: Map,
    /// Front matter defaults that apply to this page.
    pub defaults: Map,
    pub content: String,
    pub content_line: usize,
    pub url: String,
    pub output_ext: String,
    /// For pages made by generators (pagination): the paginator hash.
    pub paginator: Option<Value>,
    /// With `page_excerpts`, an HTML page's excerpt source (`PageExcerpt`),
    /// when front matter sets none: rendered when first shown.
    pub excerpt_source: Option<String>,
}

impl Page {
    /// `dir/name` relative to the source.
    pub fn relative_path(&self) -> String {
        format!("{}/{}", self.dir, self.name)
            .trim_start_matches('/')
            .to_string()
    }

    /// A front matter value, falling back to the defaults.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.data.get(key).or_else(|| self.defaults.get(key))
    }

    /// The destination-relative path the page is written to.
    pub fn output_path(&self) -> String {
        crate::url::output_path(&self.url, &self.output_ext, true)
    }

    pub fn html(&self) -> bool {
        matches!(self.output_ext.as_str(), ".html" | ".xhtml" | ".htm")
    }

    pub fn place_in_layout(&self) -> bool {
        let asset = matches!(self.ext.as_str(), ".sass" | ".scss" | ".coffee");
        !(asset || self.get("layout").and_then(Value::as_str) == Some("none"))
    }

    /// Page's `dir` as Liquid sees it: the URL if it ends in `/`, else its folder.
    pub fn url_dir(&self) -> String {
        if self.url.ends_with('/') {
            return self.url.clone();
        }
        match self.url.rfind('/') {
            Some(i) => self.url[..=i].to_string(),
            None => "/".into(),
        }
    }
}

/// Makes a page from a parsed file (`Page#initialize`): its URL comes from
/// the permalink or the template the site's permalink style implies.
pub(crate) fn build(
    config: &crate::config::Configuration,
    dir: &str,
    name: &str,
    path: PathBuf,
    parsed: crate::reader::Parsed,
    defaults: Map,
) -> anyhow::Result<Page> {
    let ext = crate::utils::extname(name).to_string();
    let basename = name[..name.len() - ext.len()]
        .trim_end_matches('.')
        .to_string();
    let permalink = parsed
        .data
        .get("permalink")
        .or_else(|| defaults.get("permalink"))
        .filter(|v| !v.is_nil())
        .cloned();
    let output_ext = crate::converters::output_ext_for(&ext, permalink.as_ref(), config);
    let html = matches!(output_ext.as_str(), ".html" | ".xhtml" | ".htm");
    let style = config.str("permalink").unwrap_or("date");
    let template = if !html {
        "/:path/:basename:output_ext".to_string()
    } else if basename == "index" {
        "/:path/".to_string()
    } else {
        crate::url::add_permalink_suffix("/:path/:basename", style)
    };
    let permalink_s = permalink.as_ref().map(crate::utils::to_s);
    let url = crate::url::page_url(
        &template,
        permalink_s.as_deref(),
        &[
            ("path", Some(dir)),
            ("basename", Some(&basename)),
            ("output_ext", Some(&output_ext)),
        ],
    );
    // `Page#generate_excerpt?`: asked for, a separator, an HTML page.
    let data_or_default = |key: &str| parsed.data.get(key).or_else(|| defaults.get(key));
    let separator = crate::excerpt::separator(data_or_default("excerpt_separator"), config);
    let excerpt_source = (config.get("page_excerpts").is_some_and(Value::is_truthy)
        && !separator.is_empty()
        && html
        && data_or_default("excerpt").is_none_or(|v| !v.is_truthy()))
    .then(|| {
        let relative = format!("{dir}/{name}");
        let relative = relative.trim_start_matches('/');
        crate::excerpt::extract(&parsed.content, &separator, relative, &mut Vec::new())
    });
    Ok(Page {
        path,
        dir: dir.to_string(),
        name: name.to_string(),
        basename,
        ext,
        data: parsed.data,
        defaults,
        content: parsed.content,
        content_line: parsed.content_line,
        url,
        output_ext,
        paginator: None,
        excerpt_source,
    })
}
