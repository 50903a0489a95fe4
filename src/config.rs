//! Configuration: Jekyll's defaults, merged with `_config.yml` (or the files
//! named by `--config`) and the command line, in Jekyll's order.
//!
//! The merged hash is kept as a Liquid [`Value`] because Jekyll exposes every
//! configuration key to templates as `site.KEY`; typed accessors read from it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use hyde_liquid::{Map, Value};

use crate::diagnostics::SourceError;
use crate::yaml;

/// Command-line settings that override the configuration files.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub source: Option<PathBuf>,
    pub destination: Option<PathBuf>,
    /// `--config a.yml,b.yml`: replaces `_config.yml`, merged in order.
    pub config_files: Vec<PathBuf>,
    pub drafts: bool,
    pub future: bool,
    pub unpublished: bool,
    pub limit_posts: Option<i64>,
    pub baseurl: Option<String>,
    pub strict_front_matter: bool,
    /// `--safe`: skip symlinks that lead outside the source, as GitHub Pages does.
    pub safe: bool,
    pub quiet: bool,
    pub verbose: bool,
}

/// The site's configuration: the merged hash plus resolved paths.
#[derive(Debug, Clone)]
pub struct Configuration {
    /// Every key, as `site.*` exposes it.
    pub map: Map,
    pub source: PathBuf,
    pub destination: PathBuf,
    /// The files read, for the "Configuration file:" line.
    pub files_read: Vec<PathBuf>,
    pub timezone: Option<chrono_tz::Tz>,
    /// The theme gem's runtime dependencies, which Jekyll loads as plugins.
    pub theme_plugins: Vec<String>,
    /// `markdown_ext` split, for the string it was split from.
    markdown_ext_cache: std::sync::OnceLock<(Value, Vec<String>)>,
}

/// A `markdown_ext` setting as extensions with the dot, lower-cased.
fn markdown_ext_list(setting: Option<&Value>) -> Vec<String> {
    setting
        .and_then(Value::as_str)
        .unwrap_or("")
        .split(',')
        .map(|e| format!(".{}", e.trim().to_ascii_lowercase()))
        .collect()
}

/// Jekyll 4.3's `Configuration::DEFAULTS`, in its key order (the order
/// `site` iterates in). Paths are filled in by [`Configuration::load`].
fn defaults() -> Map {
    let yaml = r#"
source: ""
destination: ""
collections_dir: ""
cache_dir: .jekyll-cache
plugins_dir: _plugins
layouts_dir: _layouts
data_dir: _data
includes_dir: _includes
collections: {}
safe: false
include: [.htaccess]
exclude: []
keep_files: [.git, .svn]
encoding: utf-8
markdown_ext: markdown,mkdown,mkdn,mkd,md
strict_front_matter: false
show_drafts: ~
limit_posts: 0
future: false
unpublished: false
whitelist: []
plugins: []
markdown: kramdown
highlighter: rouge
lsi: false
excerpt_separator: "\n\n"
incremental: false
detach: false
port: "4000"
host: 127.0.0.1
baseurl: ~
show_dir_listing: false
permalink: date
paginate_path: /page:num
timezone: ~
quiet: false
verbose: false
defaults: []
liquid:
  error_mode: warn
  strict_filters: false
  strict_variables: false
kramdown:
  auto_ids: true
  toc_levels: [1, 2, 3, 4, 5, 6]
  entity_output: as_char
  smart_quotes: lsquo,rsquo,ldquo,rdquo
  input: GFM
  hard_wrap: false
  guess_lang: true
  footnote_nr: 1
  show_warnings: false
"#;
    match yaml::parse(yaml, None) {
        Ok(Value::Hash(h)) => (*h).clone(),
        _ => unreachable!("the built-in defaults are valid YAML"),
    }
}

/// Folders and files Jekyll always excludes (`DEFAULT_EXCLUDES`).
const DEFAULT_EXCLUDES: &[&str] = &[
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
];

/// Permalink styles Jekyll names (`STYLE_TO_PERMALINK`).
pub fn style_to_permalink(style: &str) -> String {
    match style {
        "none" => "/:categories/:title:output_ext",
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        other => other,
    }
    .to_string()
}

/// Jekyll's `Utils.deep_merge_hashes`: hashes merge recursively, and a nil in
/// `over` never replaces a value in `base`.
pub fn deep_merge(base: &mut Map, over: &Map) {
    for (k, v) in over {
        if v.is_nil() && base.contains_key(k) {
            continue;
        }
        match (base.get_mut(k), v) {
            (Some(Value::Hash(old)), Value::Hash(new)) => {
                let mut merged = (**old).clone();
                deep_merge(&mut merged, new);
                *old = std::sync::Arc::new(merged);
            }
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

impl Configuration {
    /// Reads the configuration as `jekyll build` does for these overrides.
    pub fn load(overrides: &Overrides) -> Result<Configuration> {
        let cwd = std::env::current_dir().context("reading the current directory")?;
        let source = absolute(&cwd, overrides.source.as_deref().unwrap_or(Path::new(".")));
        let files: Vec<PathBuf> = if overrides.config_files.is_empty() {
            let found = ["_config.yml", "_config.yaml", "_config.toml"]
                .iter()
                .map(|n| source.join(n))
                .find(|p| p.exists());
            found.into_iter().collect()
        } else {
            overrides
                .config_files
                .iter()
                .map(|f| absolute(&cwd, f))
                .collect()
        };

        let mut user = Map::new();
        for file in &files {
            if file.extension().is_some_and(|e| e == "toml") {
                bail!(
                    "{}: TOML configuration is not supported by hyde yet; use _config.yml",
                    file.display()
                );
            }
            let text = std::fs::read_to_string(file).with_context(|| {
                format!(
                    "The configuration file '{}' could not be found.",
                    file.display()
                )
            })?;
            // Jekyll reads YAML before it knows the site's zone.
            let parsed =
                yaml::parse(&text, None).map_err(|e| SourceError::from_yaml(file, &text, &e))?;
            match parsed {
                Value::Hash(h) => deep_merge(&mut user, &h),
                Value::Nil => {}
                _ => bail!("Configuration file: (INVALID) {}", file.display()),
            }
        }

        let mut map = defaults();
        deep_merge(&mut map, &user);
        let cli = cli_map(overrides);
        deep_merge(&mut map, &cli);

        let destination = match map.get("destination").and_then(Value::as_str) {
            // Jekyll expands a configured destination against the working directory.
            Some(d) if !d.is_empty() => absolute(&cwd, Path::new(d)),
            _ => overrides
                .destination
                .as_ref()
                .map(|d| absolute(&cwd, d))
                .unwrap_or_else(|| source.join("_site")),
        };
        let destination = match &overrides.destination {
            Some(d) => absolute(&cwd, d),
            None => destination,
        };
        map.insert(
            "source".into(),
            Value::from(source.to_string_lossy().into_owned()),
        );
        map.insert(
            "destination".into(),
            Value::from(destination.to_string_lossy().into_owned()),
        );

        for key in ["include", "exclude"] {
            if let Some(v) = map.get(key) {
                if !matches!(v, Value::Array(_) | Value::Nil) {
                    bail!("'{key}' should be set as an array, but was: {v:?}.");
                }
            }
        }
        if let Some(v) = map.get("plugins") {
            if !matches!(v, Value::Array(_) | Value::Nil) {
                bail!("'plugins' should be set as an array, but was: {v:?}.");
            }
        }
        // The theme's `_config.yml` under the site's (a missing theme is
        // the reader's error).
        let mut theme_plugins = Vec::new();
        if let Some(name) = map.get("theme").and_then(Value::as_str) {
            if let Ok(theme) = crate::theme::Theme::find(name, &source) {
                theme.merge_config(&mut map, &defaults())?;
                theme_plugins = theme.runtime_dependencies();
            }
        }
        add_default_collections(&mut map);
        add_default_excludes(&mut map);

        let timezone =
            match map.get("timezone").and_then(Value::as_str) {
                Some(name) => Some(name.parse::<chrono_tz::Tz>().map_err(|_| {
                    anyhow::anyhow!("Invalid timezone '{name}' in the configuration")
                })?),
                None => None,
            };
        Ok(Configuration {
            map,
            source,
            destination,
            files_read: files,
            timezone,
            theme_plugins,
            markdown_ext_cache: Default::default(),
        })
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        self.map.get(key).and_then(Value::as_str)
    }

    pub fn bool(&self, key: &str) -> bool {
        self.map.get(key).is_some_and(Value::is_truthy)
    }

    pub fn int(&self, key: &str) -> Option<i64> {
        match self.map.get(key)? {
            Value::Int(i) => Some(*i),
            Value::Str(s) => s.trim().parse().ok(),
            Value::Float(f) => Some(*f as i64),
            _ => None,
        }
    }

    /// A list-valued key (`include`, `exclude`, `keep_files`) as strings.
    pub fn list(&self, key: &str) -> Vec<String> {
        match self.map.get(key) {
            Some(Value::Array(a)) => a.iter().map(crate::utils::to_s).collect(),
            Some(Value::Str(s)) => vec![s.to_string()],
            _ => Vec::new(),
        }
    }

    /// A directory key relative to the source (`layouts_dir`, `data_dir`, …).
    pub fn dir(&self, key: &str, default: &str) -> PathBuf {
        let name = self.str(key).unwrap_or(default);
        self.source.join(name)
    }

    /// `markdown_ext` as a list of extensions with the dot, lower-cased.
    pub fn markdown_exts(&self) -> Vec<String> {
        markdown_ext_list(self.get("markdown_ext"))
    }

    /// Whether `ext` (with its dot, in any case) is one of `markdown_ext`.
    /// Asked for every page and document: no list is built.
    pub fn is_markdown_ext(&self, ext: &str) -> bool {
        if !ext.starts_with('.') {
            return false;
        }
        // Asked for every file read and every layout rendered: the list is
        // split once, and used while the setting is the string it came from.
        let setting = self.get("markdown_ext");
        let (cached_for, exts) = self.markdown_ext_cache.get_or_init(|| {
            (
                setting.cloned().unwrap_or_default(),
                markdown_ext_list(setting),
            )
        });
        let same = match (cached_for, setting) {
            (Value::Str(a), Some(Value::Str(b))) => std::sync::Arc::ptr_eq(a, b),
            (a, b) => a.is_nil() && b.is_none_or(Value::is_nil),
        };
        let found = |exts: &[String]| exts.iter().any(|e| e.eq_ignore_ascii_case(ext));
        if same {
            found(exts)
        } else {
            found(&markdown_ext_list(setting))
        }
    }

    pub fn collections_dir(&self) -> &str {
        self.str("collections_dir").unwrap_or("")
    }

    pub fn baseurl(&self) -> &str {
        self.str("baseurl").unwrap_or("")
    }

    /// The enabled plugins (`plugins:` and the legacy `gems:`).
    pub fn plugins(&self) -> Vec<String> {
        let mut names = self.list("plugins");
        names.extend(self.list("gems"));
        names.extend(self.theme_plugins.iter().cloned());
        names
    }
}

fn cli_map(o: &Overrides) -> Map {
    let mut m = Map::new();
    if o.drafts {
        m.insert("show_drafts".into(), Value::Bool(true));
    }
    if o.future {
        m.insert("future".into(), Value::Bool(true));
    }
    if o.unpublished {
        m.insert("unpublished".into(), Value::Bool(true));
    }
    if let Some(n) = o.limit_posts {
        m.insert("limit_posts".into(), Value::Int(n));
    }
    if let Some(b) = &o.baseurl {
        m.insert("baseurl".into(), Value::from(b.as_str()));
    }
    if o.strict_front_matter {
        m.insert("strict_front_matter".into(), Value::Bool(true));
    }
    if o.safe {
        m.insert("safe".into(), Value::Bool(true));
    }
    if o.quiet {
        m.insert("quiet".into(), Value::Bool(true));
    }
    if o.verbose {
        m.insert("verbose".into(), Value::Bool(true));
    }
    m
}

/// `collections:` as a list becomes a hash; `posts` always exists, always
/// outputs, and takes its permalink from the site's `permalink:` style.
fn add_default_collections(map: &mut Map) {
    let collections = match map.get("collections") {
        Some(Value::Nil) => return,
        Some(Value::Array(names)) => {
            let mut h = Map::new();
            for n in names.iter() {
                h.insert(crate::utils::to_s(n).into(), Value::hash(Map::new()));
            }
            h
        }
        Some(Value::Hash(h)) => (**h).clone(),
        _ => Map::new(),
    };
    let mut merged = Map::new();
    merged.insert("posts".into(), Value::hash(Map::new()));
    deep_merge(&mut merged, &collections);
    let mut posts = merged
        .get("posts")
        .and_then(Value::as_hash)
        .cloned()
        .unwrap_or_default();
    posts.insert("output".into(), Value::Bool(true));
    if let Some(style) = map.get("permalink").filter(|v| v.is_truthy()) {
        if !posts.get("permalink").is_some_and(Value::is_truthy) {
            posts.insert(
                "permalink".into(),
                Value::from(style_to_permalink(&crate::utils::to_s(style))),
            );
        }
    }
    merged.insert("posts".into(), Value::hash(posts));
    map.insert("collections".into(), Value::hash(merged));
}

fn add_default_excludes(map: &mut Map) {
    let Some(Value::Array(list)) = map.get("exclude") else {
        return;
    };
    let mut list: Vec<Value> = (**list).clone();
    for e in DEFAULT_EXCLUDES {
        if !list.iter().any(|v| v.as_str() == Some(e)) {
            list.push(Value::from(*e));
        }
    }
    let mut seen = Vec::<String>::new();
    list.retain(|v| {
        let s = crate::utils::to_s(v);
        let fresh = !seen.contains(&s);
        seen.push(s);
        fresh
    });
    map.insert("exclude".into(), Value::array(list));
}

fn absolute(base: &Path, p: &Path) -> PathBuf {
    // Ruby's File.expand_path reads a leading `~` as the home folder.
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    let expanded;
    let p = match (p.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => {
            expanded = Path::new(&home).join(rest);
            expanded.as_path()
        }
        _ => p,
    };
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    };
    normalize(&joined)
}

/// Lexically removes `.` and `..` (Ruby's `File.expand_path`).
pub fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_with(yaml_text: &str) -> Configuration {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("_config.yml"), yaml_text).unwrap();
        let o = Overrides {
            source: Some(dir.path().to_path_buf()),
            ..Default::default()
        };
        Configuration::load(&o).unwrap()
    }

    #[test]
    fn defaults_merge_and_posts_collection() {
        let c = config_with("title: T\npermalink: pretty\ncollections: [publications]\n");
        assert_eq!(c.str("title"), Some("T"));
        let cols = c.get("collections").unwrap().as_hash().unwrap();
        assert_eq!(cols.keys().collect::<Vec<_>>(), ["posts", "publications"]);
        assert_eq!(
            cols["posts"].get("permalink").and_then(Value::as_str),
            Some("/:categories/:year/:month/:day/:title/")
        );
        assert!(c.list("exclude").contains(&"node_modules".to_string()));
        assert_eq!(c.str("markdown"), Some("kramdown"));
    }

    #[test]
    fn nil_does_not_override() {
        let c = config_with("permalink: ~\nkramdown:\n  auto_ids: false\n");
        assert_eq!(c.str("permalink"), Some("date"));
        assert!(!c
            .get("kramdown")
            .unwrap()
            .get("auto_ids")
            .unwrap()
            .is_truthy());
        assert_eq!(
            c.get("kramdown")
                .unwrap()
                .get("input")
                .and_then(Value::as_str),
            Some("GFM")
        );
    }
}
