//! What templates can ask of the site: includes (parsed once, shared by all
//! threads), `link`, `post_url`, `markdownify`, highlighting, the clock.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, FixedOffset};
use hyde_liquid::{Environment, Error, ParseOptions, Template};

use crate::converters::markdown::Markdown;
use crate::utils::FastHashMap;

/// A parsed include, or why it could not be had (cached alike).
type Parsed = Result<Arc<Template>, Error>;

/// A template file parsed once, with its name for error messages.
pub struct Templates {
    source: PathBuf,
    includes_dir: PathBuf,
    /// The theme's `_includes`, searched after the site's.
    theme_includes: Option<PathBuf>,
    /// Safe mode (`--safe`, `safe: true`): an include must really live in
    /// its folder, as Jekyll checks; otherwise symlinks are followed.
    safe: bool,
    /// The `sass:` settings the `sassify`/`scssify` filters compile with.
    sass: crate::converters::sass::SassSettings,
    options: ParseOptions,
    includes: RwLock<FastHashMap<PathBuf, Result<Arc<Template>, Error>>>,
    /// folder → name → template, so a repeated include costs two map
    /// lookups, with no allocation, instead of file-system checks on every
    /// call. The folder is keyed by its bytes: hashing a `Path` parses its
    /// components, which cost more than the rest of the lookup.
    resolved: RwLock<FastHashMap<std::ffi::OsString, FastHashMap<String, Parsed>>>,
}

impl Templates {
    pub fn new(source: &Path, includes_dir: PathBuf, options: ParseOptions) -> Templates {
        Templates {
            source: source.to_path_buf(),
            includes_dir,
            theme_includes: None,
            safe: false,
            sass: crate::converters::sass::SassSettings::plain(source),
            options,
            includes: RwLock::new(FastHashMap::default()),
            resolved: RwLock::new(FastHashMap::default()),
        }
    }

    /// What the configuration adds: the theme's includes and the `sass:`
    /// settings (a missing theme is the reader's error to report).
    pub fn with_site(mut self, config: &crate::config::Configuration) -> Templates {
        let theme = crate::theme::Theme::for_config(config).ok().flatten();
        self.theme_includes = theme.as_ref().and_then(|t| t.includes_path());
        let theme_sass = theme.as_ref().and_then(|t| t.sass_path());
        self.sass = crate::converters::sass::SassSettings::new(config, theme_sass.as_deref());
        self.safe = config.bool("safe");
        self
    }

    /// Jekyll's message for an include found in none of `dirs`.
    fn not_found(&self, name: &str, dirs: &[&Path]) -> Error {
        let list: Vec<String> = dirs
            .iter()
            .map(|d| format!("\"{}\"", d.display()))
            .collect();
        let tail = if self.safe {
            " is not a symlink as those are not allowed in safe mode."
        } else {
            ", if it is a symlink, does not point outside your site source."
        };
        Error::render(format!(
            "Could not locate the included file '{name}' in any of [{}]. Ensure it exists in one of those directories and{tail}",
            list.join(", ")
        ))
    }

    pub fn options(&self) -> &ParseOptions {
        &self.options
    }

    /// Parses a file's template, caching by path; errors name the file.
    fn load(&self, path: &Path, shown_as: &str) -> Result<Arc<Template>, Error> {
        if let Some(hit) = self
            .includes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
        {
            return hit.clone();
        }
        let parsed = std::fs::read(path)
            .map_err(|e| Error::render(format!("Could not read {shown_as}: {e}")))
            .and_then(|bytes| {
                let text = String::from_utf8_lossy(&bytes);
                Template::parse(&text, &self.options)
                    .map(Arc::new)
                    .map_err(|mut e| {
                        e.includes.push(shown_as.to_string());
                        e
                    })
            });
        self.includes
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf(), parsed.clone());
        parsed
    }

    /// Jekyll's include-name check: no `..`/`./`/`//` runs, only ordinary
    /// path characters.
    fn validate_name(name: &str) -> Result<(), Error> {
        let bad_sequence = name
            .as_bytes()
            .windows(2)
            .any(|w| matches!(w, b".." | b"./" | b"/." | b"//"));
        let bad_char = !name
            .chars()
            .all(|c| c.is_alphanumeric() || "_/.-()+~#@".contains(c));
        if bad_sequence || bad_char || name.is_empty() {
            return Err(Error::render(format!(
                "Invalid syntax for include tag. File contains invalid characters or sequences:\n\n  {name}\n\nValid syntax:\n\n  {{% include file.ext param='value' param2='value' %}}\n\n"
            )));
        }
        Ok(())
    }

    /// `{% include %}` / `{% include_relative %}`: `name` checked, found in
    /// `dir`, parsed once.
    /// Looks `name` up in `dir` once per build; later calls hit the cache.
    fn resolve_cached(
        &self,
        dir: &Path,
        name: &str,
        resolve: impl FnOnce() -> Result<Arc<Template>, Error>,
    ) -> Result<Arc<Template>, Error> {
        if let Some(hit) = self
            .resolved
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir.as_os_str())
            .and_then(|names| names.get(name))
        {
            return hit.clone();
        }
        let result = resolve();
        self.resolved
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(dir.as_os_str().to_os_string())
            .or_default()
            .insert(name.to_string(), result.clone());
        result
    }

    fn include_from(&self, dir: &Path, name: &str) -> Result<Arc<Template>, Error> {
        Templates::validate_name(name)?;
        match self.locate(dir, name) {
            Some(path) => {
                let shown = path
                    .strip_prefix(&self.source)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                self.load(&path, &shown)
            }
            None => Err(self.not_found(name, &[dir])),
        }
    }

    /// A file in `dir`. Symlinks are followed, as Jekyll does, except in
    /// safe mode, where the file's real path must lie inside `dir`.
    fn locate(&self, dir: &Path, name: &str) -> Option<PathBuf> {
        let path = dir.join(name.trim_start_matches('/'));
        if !path.is_file() {
            return None;
        }
        if !self.safe {
            return Some(path);
        }
        let real = path.canonicalize().ok()?;
        let dir = dir.canonicalize().ok()?;
        real.starts_with(dir).then_some(path)
    }
}

/// What `{% link %}` and `{% post_url %}` look up, made on first use: few
/// sites use the tags, and making the tables hashes every URL of the site
/// on the thread every render waits for.
pub struct LinkTables<'a> {
    site: Option<&'a crate::site::Site>,
    /// `relative_path` → URL, and post file name (without extension) → URL.
    tables: std::sync::OnceLock<(HashMap<String, String>, HashMap<String, String>)>,
}

impl<'a> LinkTables<'a> {
    pub fn new(site: &'a crate::site::Site) -> LinkTables<'a> {
        LinkTables {
            site: Some(site),
            tables: Default::default(),
        }
    }

    /// No site: every lookup fails.
    pub fn empty() -> LinkTables<'static> {
        LinkTables {
            site: None,
            tables: Default::default(),
        }
    }

    fn tables(&self) -> &(HashMap<String, String>, HashMap<String, String>) {
        self.tables.get_or_init(|| {
            self.site
                .map(crate::site::Site::link_tables)
                .unwrap_or_default()
        })
    }
}

/// The per-build environment handed to every render.
pub struct SiteEnvironment<'a> {
    pub templates: &'a Templates,
    pub markdown: &'a Markdown,
    pub time: DateTime<FixedOffset>,
    pub timezone: Option<chrono_tz::Tz>,
    pub links: &'a LinkTables<'a>,
    /// The configuration's `baseurl` value: the URL filters and the
    /// `link` tags read it.
    pub config_baseurl: Option<&'a hyde_liquid::Value>,
    pub warnings: &'a Mutex<Vec<String>>,
    pub counters: &'a Mutex<HashMap<String, i64>>,
    /// `liquid.strict_filters`: an unknown filter is an error.
    pub strict_filters: bool,
    /// The render pass's layout loops that read only `site`.
    pub memo: Option<&'a hyde_liquid::Memo>,
}

impl SiteEnvironment<'_> {
    /// `baseurl` when it is a string, as `Configuration::baseurl` reads it.
    fn baseurl(&self) -> &str {
        self.config_baseurl
            .and_then(hyde_liquid::Value::as_str)
            .unwrap_or("")
    }

    /// `{% include %}`: the site's `_includes`, then the theme's.
    fn find_include(&self, name: &str) -> Result<Arc<Template>, Error> {
        let templates = self.templates;
        match &templates.theme_includes {
            Some(theme) if templates.locate(&templates.includes_dir, name).is_none() => {
                Templates::validate_name(name)?;
                match templates.locate(theme, name) {
                    Some(path) => templates.load(&path, &path.display().to_string()),
                    None => Err(templates.not_found(name, &[&templates.includes_dir, theme])),
                }
            }
            _ => templates.include_from(&templates.includes_dir, name),
        }
    }
}

impl Environment for SiteEnvironment<'_> {
    fn include(&self, name: &str) -> Result<Arc<Template>, Error> {
        let templates = self.templates;
        templates.resolve_cached(&templates.includes_dir, name, || self.find_include(name))
    }

    fn include_relative(&self, name: &str, page_path: &str) -> Result<Arc<Template>, Error> {
        let page_dir = Path::new(page_path).parent().unwrap_or(Path::new(""));
        let dir = self.templates.source.join(page_dir);
        self.templates
            .resolve_cached(&dir, name, || self.templates.include_from(&dir, name))
    }

    fn link(&self, path: &str) -> Result<String, Error> {
        match self.links.tables().0.get(path.trim_start_matches('/')) {
            Some(url) => Ok(format!("{}{url}", self.baseurl().trim_end_matches('/'))),
            None => Err(Error::render(format!(
                "Could not find document '{path}' in tag 'link'.\n\nMake sure the document exists and the path is correct."
            ))),
        }
    }

    fn post_url(&self, name: &str) -> Result<String, Error> {
        let name = name.trim();
        let key = name.rsplit('/').next().unwrap_or(name);
        match self.links.tables().1.get(key) {
            Some(url) => Ok(format!("{}{url}", self.baseurl().trim_end_matches('/'))),
            None => Err(Error::render(format!(
                "Could not find post \"{name}\" in tag 'post_url'.\n\nMake sure the post exists and the name is correct.\n\n"
            ))),
        }
    }

    fn markdownify(&self, input: &str) -> Result<String, Error> {
        // Jekyll: "Liquid Exception: stack level too deep in FILE".
        self.markdown
            .convert(input, hyde_kramdown::Caller::Filter)
            .map_err(|e| {
                Error::render(format!(
                    "stack level too deep: the Markdown given to markdownify nests deeper than Jekyll's kramdown follows (its line {})",
                    e.line
                ))
            })
    }

    fn config_baseurl(&self) -> Option<&hyde_liquid::Value> {
        self.config_baseurl
    }

    fn smartify(&self, input: &str) -> String {
        self.markdown.smartify(input)
    }

    fn sassify(&self, input: &str, indented: bool) -> Result<String, Error> {
        let input = crate::converters::sass::SassInput {
            content: input,
            indented,
            name: None,
            shown_as: "stdin",
            first_line: 1,
            source_map: false,
        };
        crate::converters::sass::convert(&input, &self.templates.sass, &|w| self.warn(w))
            .map_err(|e| Error::render(format!("{e:#}")))
    }

    fn highlight(&self, code: &str, lang: &str, markup_options: &str) -> String {
        hyde_rouge::jekyll_highlight_tag(code, lang, markup_options)
    }

    fn now(&self) -> DateTime<FixedOffset> {
        self.time
    }

    fn timezone(&self) -> Option<chrono_tz::Tz> {
        self.timezone
    }

    fn warn(&self, message: &str) {
        self.warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(message.to_string());
    }

    fn warnings_given(&self) -> usize {
        self.warnings.lock().map_or(usize::MAX, |w| w.len())
    }

    fn memo(&self) -> Option<&hyde_liquid::Memo> {
        self.memo
    }

    fn counters(&self) -> Option<&Mutex<HashMap<String, i64>>> {
        // An excerpt counts on its own (`order::excerpt`).
        (!crate::renderer::order::in_excerpt()).then_some(self.counters)
    }

    fn counted(&self) {
        if !crate::renderer::order::in_excerpt() {
            crate::renderer::order::counted();
        }
    }

    fn counter_read(&self) {
        crate::renderer::order::counter_read();
    }

    /// Errors inside includes name the file as it sits in the source.
    fn include_display_name(&self, name: &str, relative: bool) -> String {
        if relative {
            return name.to_string();
        }
        let dir = &self.templates.includes_dir;
        let shown = dir.strip_prefix(&self.templates.source).unwrap_or(dir);
        format!("{}/{name}", shown.display())
    }

    fn strict_filters(&self) -> bool {
        self.strict_filters
    }
}
