//! Liquid as Jekyll 4.3 runs it: Ruby Liquid 5.4 (Jekyll's default `warn`
//! error mode) plus Jekyll's filters and tags, byte for byte.
//!
//! Why not the `liquid` crate: its parser rejects markup Ruby Liquid accepts
//! (`{% include a/b.html %}`, filters after `for ... in`) and treats undefined
//! variables as errors, so Jekyll sites cannot render through it unchanged.
//!
//! # Use
//!
//! ```
//! use hyde_liquid::{render, Environment, ErrorMode, Map, ParseOptions, Template, Value};
//!
//! struct Site;
//! impl Environment for Site {}
//!
//! let options = ParseOptions { error_mode: ErrorMode::Warn, ..Default::default() };
//! let template = Template::parse("{{ page.title | upcase }}", &options).unwrap();
//! let mut page = Map::new();
//! page.insert("title".into(), Value::str("hello"));
//! let mut globals = Map::new();
//! globals.insert("page".into(), Value::hash(page));
//! assert_eq!(render(&template, &globals, &Site).unwrap(), "HELLO");
//! ```
//!
//! * Parse each file once ([`Template`] is `Send + Sync`) and render it from
//!   any thread; [`Template::warnings`] holds what Jekyll prints as
//!   "Liquid Warning".
//! * `globals` are Jekyll's payload: `site`, `page`, `layout`, `content`,
//!   `paginator`, `jekyll`. `relative_url`/`absolute_url` read `site.baseurl`
//!   and `site.url` from `globals["site"]` (not from a shadowing `assign`).
//! * Everything the site provides (includes, `link`, `post_url`, converters,
//!   highlighting, the clock, the time zone, shared `increment` counters)
//!   comes through [`Environment`].
//!
//! Errors: Jekyll renders with `render!`, so every Liquid error at render
//! time fails the build; [`render`] therefore returns `Err` rather than
//! writing "Liquid error: …" inline.

mod ast;
pub mod error;
mod expr;
pub mod filters;
mod for_tag;
mod include_tag;
mod linked;
mod markup;
mod ops;
mod parser;
mod render;
mod strict;
mod tags;
mod util;
pub mod value;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

pub use error::{Error, ErrorKind};
pub use render::{Context, Memo};
pub use value::{Key, Linked, Map, Timeline, Value, COLLECTION_DROP, DROP_CLASS_KEY};

/// How strictly markup is parsed. Jekyll's default is `warn`, which parses
/// strictly and falls back to lax parsing; both render the same here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ErrorMode {
    #[default]
    Lax,
    Warn,
    Strict,
}

#[derive(Clone, Default)]
pub struct ParseOptions {
    pub error_mode: ErrorMode,
    /// Extra tags (plugins) by name.
    pub tags: Option<Arc<TagRegistry>>,
    /// Jekyll's `liquid.strict_variables`: undefined lookups raise.
    pub strict_variables: bool,
}

/// A parsed plugin tag instance.
pub trait CustomTag: Send + Sync + fmt::Debug {
    fn render(&self, ctx: &mut Context<'_>, out: &mut String) -> Result<(), Error>;
    /// Whether the tag leaves an enclosing block blank (outputs nothing).
    fn blank(&self) -> bool {
        false
    }
}

/// Parses a plugin tag's markup (`{% name markup %}`) into an instance.
pub trait TagFactory: Send + Sync {
    fn parse(
        &self,
        name: &str,
        markup: &str,
        options: &ParseOptions,
    ) -> Result<Box<dyn CustomTag>, Error>;
}

/// Plugin tags by name, consulted after the built-in ones.
#[derive(Default)]
pub struct TagRegistry {
    tags: HashMap<String, Arc<dyn TagFactory>>,
}

impl TagRegistry {
    pub fn new() -> TagRegistry {
        TagRegistry::default()
    }

    pub fn register(&mut self, name: &str, factory: Arc<dyn TagFactory>) {
        self.tags.insert(name.to_string(), factory);
    }

    pub fn get(&self, name: &str) -> Option<&Arc<dyn TagFactory>> {
        self.tags.get(name)
    }
}

/// A parsed template; immutable, shareable between threads.
#[derive(Debug)]
pub struct Template {
    root: ast::Block,
    strict_variables: bool,
    warnings: Vec<Error>,
    /// The source's length: a first guess at the output's.
    source_len: usize,
    /// Changes nothing outside itself (see `render::memo`): included
    /// without parameters at a layout's top level, it may be reused.
    self_contained: bool,
}

impl Template {
    pub fn parse(source: &str, options: &ParseOptions) -> Result<Template, Error> {
        let mut p = parser::Parser::new(options);
        let mut s = parser::Stream::document(source);
        let mut root = ast::Block::default();
        if let Some(end) = p.parse_nodes(&mut s, &mut root)? {
            let msg = match end.name.as_str() {
                "else" | "end" => format!("Unexpected outer '{}' tag", end.name),
                n => format!("Unknown tag '{n}'"),
            };
            return Err(Error::syntax(msg).at_line(end.line));
        }
        Ok(Template {
            self_contained: render::block_contained(&root),
            root,
            strict_variables: options.strict_variables,
            warnings: p.warnings,
            source_len: source.len(),
        })
    }

    /// Markup that failed Liquid's strict grammar and was parsed laxly
    /// (`warn` mode). Jekyll prints each as
    /// `Liquid Warning: {error} in {path}`, e.g. `Liquid syntax error
    /// (line 1): Expected id but found pipe in "{{ x | | upcase }}"`.
    pub fn warnings(&self) -> &[Error] {
        &self.warnings
    }
}

/// What the site provides to templates. Every method has a default so tests
/// can use a unit struct.
pub trait Environment: Sync {
    /// How an include appears in `Error::includes` when rendering it fails
    /// (e.g. `_includes/nav.html`); the name as written by default.
    fn include_display_name(&self, name: &str, relative: bool) -> String {
        let _ = relative;
        name.to_string()
    }
    /// `{% include name %}`: the parsed file from `_includes`. Errors it
    /// returns (missing file, syntax error) are passed on unchanged, so they
    /// should name the file themselves.
    fn include(&self, name: &str) -> Result<Arc<Template>, Error> {
        Err(Error::render(format!(
            "Could not locate the included file '{name}' in any of [\"_includes\"]. Ensure it exists in one of those directories and, if it is a symlink, does not point outside your site source."
        )))
    }
    /// `{% include_relative name %}` from the page at `page_path`.
    fn include_relative(&self, name: &str, page_path: &str) -> Result<Arc<Template>, Error> {
        let _ = page_path;
        self.include(name)
    }
    fn link(&self, path: &str) -> Result<String, Error> {
        Err(Error::render(format!(
            "Could not find document '{path}' in tag 'link'."
        )))
    }
    fn post_url(&self, name: &str) -> Result<String, Error> {
        Err(Error::render(format!(
            "Could not find post \"{name}\" in tag 'post_url'."
        )))
    }
    fn markdownify(&self, input: &str) -> Result<String, Error> {
        Ok(input.to_string())
    }
    fn smartify(&self, input: &str) -> String {
        input.to_string()
    }
    fn sassify(&self, input: &str, indented: bool) -> Result<String, Error> {
        let _ = indented;
        Ok(input.to_string())
    }
    /// The whole output of `{% highlight lang options %}…{% endhighlight %}`.
    fn highlight(&self, code: &str, lang: &str, markup_options: &str) -> String {
        let _ = markup_options;
        format!(
            "<figure class=\"highlight\"><pre><code class=\"language-{lang}\" data-lang=\"{lang}\">{}</code></pre></figure>",
            filters::escape_html(code)
        )
    }
    /// The configuration's `baseurl`, which Jekyll's URL filters read from
    /// `site.config`, given once instead of looked up in `site` for every
    /// link. `None` when it is not set or not known: the filters then look
    /// up `site.baseurl` in the render's globals.
    fn config_baseurl(&self) -> Option<&Value> {
        None
    }
    /// "now"/"today" for `date`.
    fn now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        chrono::Local::now().fixed_offset()
    }
    /// Site `timezone:`, used when parsing date strings without an offset.
    fn timezone(&self) -> Option<chrono_tz::Tz> {
        None
    }
    fn warn(&self, message: &str) {
        let _ = message;
    }
    /// Warnings given so far: a loop that gave one is not reused, so that
    /// each page gives it.
    fn warnings_given(&self) -> usize {
        0
    }
    /// This render pass's loops rendered once (see [`render_shared`]).
    fn memo(&self) -> Option<&Memo> {
        None
    }
    /// Jekyll's `liquid.strict_filters`: an unknown filter is an error
    /// ("undefined filter foo") instead of passing its input through.
    fn strict_filters(&self) -> bool {
        false
    }
    /// `increment`/`decrement` counters shared across the build; None keeps
    /// them per render.
    fn counters(&self) -> Option<&Mutex<HashMap<String, i64>>> {
        None
    }
    /// A render is about to change a shared counter: what it shows depends
    /// on which renders came before it.
    fn counted(&self) {}
    /// A render looked a name up among the shared counters (it was no
    /// variable): what it found depends on the renders before it too.
    fn counter_read(&self) {}
}

/// Renders `template` with `globals` (`site`, `page`, `layout`, `content`, …).
pub fn render(template: &Template, globals: &Map, env: &dyn Environment) -> Result<String, Error> {
    render::render_template(template, globals, env, false)
}

/// [`render`] for a template rendered for many pages (a layout): its
/// top-level loops and plain includes that read only `site` render once
/// per [`Environment::memo`] and are reused. The memo knows them by
/// address: `template` must live as long as the memo's entries.
pub fn render_shared(
    template: &Template,
    globals: &Map,
    env: &dyn Environment,
) -> Result<String, Error> {
    render::render_template(template, globals, env, true)
}
