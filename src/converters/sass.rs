//! Sass and SCSS to CSS, as jekyll-sass-converter 2.2 configures its
//! compiler: the `sass:` options (`sass_dir`, `load_paths`, `style`,
//! `sourcemap`, `add_charset`), the theme's `_sass` last on the load path,
//! and imports resolved from the site source (Jekyll hands libsass the
//! page's name relative to the working directory, the source).
//!
//! The compiler is `grass`, which writes `expanded` or `compressed` CSS.
//! libsass's `compact` style, Jekyll's default, is rebuilt from grass's
//! expanded output (`compact` below); `nested` and `expanded` come out as
//! grass's expanded layout. Rules, selectors and values are grass's; where
//! libsass echoes the source (`.8`, `"\2197"`, `[for="x"]`) and grass
//! normalises (`0.8`, `"↗"`, `[for=x]`), the written form is put back
//! ([`super::sass_written`]), or a warning says it could not be.

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use hyde_liquid::Value;

use crate::config::Configuration;

/// The output styles Jekyll accepts (`ALLOWED_STYLES`).
const STYLES: [&str; 4] = ["nested", "expanded", "compact", "compressed"];

/// What one compilation needs from the site's configuration.
#[derive(Debug, Clone)]
pub struct SassSettings {
    pub compressed: bool,
    /// libsass's `compact` style (Jekyll's default): hyde lays grass's
    /// expanded output out the same way.
    pub compact: bool,
    /// libsass's `nested` style, written in the expanded layout.
    pub nested: bool,
    /// User `load_paths`, then `sass_dir`, then the theme's `_sass`: only
    /// the directories that exist.
    pub load_paths: Vec<PathBuf>,
    /// Where imports that are not on the load path are looked up.
    pub base: PathBuf,
    /// `sourcemap:` `always` (the default), `never`, or `development`.
    pub sourcemap: String,
    pub add_charset: bool,
}

impl SassSettings {
    /// Reads the `sass:` options; `theme_sass` is the theme's `_sass`.
    pub fn new(config: &Configuration, theme_sass: Option<&Path>) -> SassSettings {
        let empty = hyde_liquid::Map::new();
        let options = config
            .get("sass")
            .and_then(Value::as_hash)
            .unwrap_or(&empty);
        let text = |key: &str| options.get(key).map(crate::utils::to_s);
        let style = text("style").unwrap_or_default();
        let style = style.trim_start_matches(':');
        let source = &config.source;

        let mut load_paths: Vec<PathBuf> = Vec::new();
        let user: Vec<String> = match options.get("load_paths") {
            Some(Value::Array(items)) => items.iter().map(crate::utils::to_s).collect(),
            Some(Value::Nil) | None => Vec::new(),
            Some(other) => vec![crate::utils::to_s(other)],
        };
        for path in user {
            load_paths.extend(expand_glob(source, &path));
        }
        let sass_dir = text("sass_dir").filter(|d| !d.is_empty());
        load_paths.push(source.join(sass_dir.as_deref().unwrap_or("_sass")));
        let mut seen = Vec::new();
        load_paths.retain(|p| {
            let fresh = !seen.contains(p);
            seen.push(p.clone());
            fresh
        });
        load_paths.extend(theme_sass.map(Path::to_path_buf));
        load_paths.retain(|p| p.is_dir());

        SassSettings {
            compressed: STYLES.contains(&style) && style == "compressed",
            compact: !STYLES.contains(&style) || style == "compact",
            nested: style == "nested",
            load_paths,
            base: source.clone(),
            sourcemap: text("sourcemap")
                .map(|s| s.trim_start_matches(':').to_string())
                .unwrap_or_else(|| "always".into()),
            add_charset: options.get("add_charset").is_some_and(Value::is_truthy),
        }
    }

    /// The settings of a site without `sass:` options or theme.
    pub fn plain(source: &Path) -> SassSettings {
        let sass_dir = source.join("_sass");
        SassSettings {
            compressed: false,
            compact: true,
            nested: false,
            load_paths: if sass_dir.is_dir() {
                vec![sass_dir]
            } else {
                Vec::new()
            },
            base: source.to_path_buf(),
            sourcemap: "always".into(),
            add_charset: false,
        }
    }

    /// Whether Jekyll writes a source map for a page (`sourcemap_required?`).
    pub fn wants_source_map(&self) -> bool {
        match self.sourcemap.as_str() {
            "never" => false,
            "development" => crate::utils::jekyll_env() == "development",
            _ => true,
        }
    }
}

/// One file to compile.
pub struct SassInput<'a> {
    /// The Sass, Liquid already rendered.
    pub content: &'a str,
    /// `.sass` (indented syntax) or `.scss`.
    pub indented: bool,
    /// The page's name (`style.scss`): Jekyll's `filename`, the base for
    /// relative imports, and the stem of `NAME.css.map`. None for the
    /// `sassify`/`scssify` filters (libsass's `stdin`).
    pub name: Option<&'a str>,
    /// How errors name the file, and the line its content starts on.
    pub shown_as: &'a str,
    pub first_line: usize,
    /// Whether to end with the `sourceMappingURL` comment Jekyll's libsass
    /// writes for pages.
    pub source_map: bool,
}

/// Compiles `input` to CSS as Jekyll's `Scss#convert` returns it; what
/// may still differ from libsass's output goes to `warn`.
pub fn convert(
    input: &SassInput<'_>,
    settings: &SassSettings,
    warn: &dyn Fn(&str),
) -> Result<String> {
    let entry = settings.base.join(input.name.unwrap_or("stdin"));
    let content = if input.indented {
        quote_indented_imports(input.content)
    } else {
        input.content.to_string()
    };
    let fs = PageFs {
        entry: &entry,
        content: &content,
        written: Default::default(),
    };
    let options = grass::Options::default()
        .fs(&fs)
        .quiet(true)
        .load_paths(&settings.load_paths)
        .input_syntax(if input.indented {
            grass::InputSyntax::Sass
        } else {
            grass::InputSyntax::Scss
        })
        .style(if settings.compressed {
            grass::OutputStyle::Compressed
        } else {
            grass::OutputStyle::Expanded
        });
    let css = grass::from_path(&entry, &options).map_err(|e| error(*e, input, &entry))?;
    let written = fs.written.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut warnings = Vec::new();
    let css = if settings.compressed {
        let css = written.restore_compressed(&drop_semicolons_before_braces(&css), &mut warnings);
        // libsass ends compressed output with a line break.
        match css.is_empty() || css.ends_with('\n') {
            true => css,
            false => css + "\n",
        }
    } else {
        written.restore(&css, &mut warnings)
    };
    for w in warnings {
        warn(&format!("Sass: {}: {w}", input.shown_as));
    }
    let css = if settings.compact {
        compact(&css).unwrap_or(css)
    } else if settings.compressed {
        css
    } else {
        let (css, nesting) = separate_top_level_blocks(&css);
        // Nested rules are where libsass's nested layout and the expanded
        // one part: it indents them by their depth in the source.
        if settings.nested && nesting {
            warn(&format!(
                "Sass: {}: `style: nested` comes out in the expanded layout; libsass indents nested rules by their depth in the source",
                input.shown_as
            ));
        }
        css
    };
    let mut css = match css.strip_prefix('\u{feff}') {
        Some(rest) if settings.add_charset => format!("@charset \"UTF-8\";{rest}"),
        Some(rest) => rest.to_string(),
        None => css,
    };
    if input.source_map {
        if let Some(name) = input.name {
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            css.truncate(css.trim_end().len());
            css.push_str(&format!("\n\n/*# sourceMappingURL={stem}.css.map */"));
        }
    }
    Ok(css)
}

/// Compressed CSS without a `;` right before a `}`, outside strings: grass
/// leaves one where a comment followed the last declaration, libsass none.
fn drop_semicolons_before_braces(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find(['"', '\'', ';']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix(';') {
            if !after.starts_with('}') {
                out.push(';');
            }
            rest = after;
            continue;
        }
        let end = super::sass_written::string_end(tail).map_or(tail.len(), |e| e + 1);
        out.push_str(&tail[..end]);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// libsass's expanded layout: a blank line after every top-level block.
/// grass leaves it out between the blocks one source rule makes (`a {}`
/// and its nested `a:hover {}`, or one `@include`'s `@media` blocks).
/// Says whether it found any such blocks.
fn separate_top_level_blocks(css: &str) -> (String, bool) {
    let mut out = String::with_capacity(css.len() + css.len() / 32);
    let mut lines = css.split_inclusive('\n').peekable();
    let mut found = false;
    while let Some(line) = lines.next() {
        out.push_str(line);
        let closes_block = line.trim_end_matches(['\n', '\r']) == "}";
        if closes_block && lines.peek().is_some_and(|next| !next.trim().is_empty()) {
            out.push('\n');
            found = true;
        }
    }
    (out, found)
}

/// A statement of grass's expanded output.
enum Node {
    Comment(String),
    /// A declaration, or an at-rule without a block (`@import …`).
    Statement(String),
    Block(String, Vec<Node>),
}

/// Reads expanded CSS into statements and blocks; None if it is not the
/// shape grass writes.
fn parse_css(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    nested: bool,
) -> Option<Vec<Node>> {
    let mut nodes = Vec::new();
    let mut text = String::new();
    let mut parens = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '/' if text.trim().is_empty() && chars.peek() == Some(&'*') => {
                let mut comment = String::from("/");
                while let Some(d) = chars.next() {
                    comment.push(d);
                    if d == '*' && chars.peek() == Some(&'/') {
                        comment.push(chars.next()?);
                        break;
                    }
                }
                nodes.push(Node::Comment(comment));
                text.clear();
            }
            '"' | '\'' => {
                text.push(c);
                while let Some(d) = chars.next() {
                    text.push(d);
                    if d == '\\' {
                        text.push(chars.next()?);
                    } else if d == c {
                        break;
                    }
                }
            }
            '(' => {
                parens += 1;
                text.push(c);
            }
            ')' => {
                parens = parens.checked_sub(1)?;
                text.push(c);
            }
            ';' if parens == 0 => {
                nodes.push(Node::Statement(text.trim().to_string()));
                text.clear();
            }
            '{' if parens == 0 => {
                let children = parse_css(chars, true)?;
                nodes.push(Node::Block(text.trim().to_string(), children));
                text.clear();
            }
            '}' if parens == 0 => {
                return (nested && text.trim().is_empty()).then_some(nodes);
            }
            c => text.push(c),
        }
    }
    (!nested && text.trim().is_empty()).then_some(nodes)
}

/// A comment as libsass's compact style writes it: one line, each line's
/// indentation and leading `*` dropped.
fn compact_comment(comment: &str) -> String {
    let mut lines = comment.lines();
    let mut out = lines.next().unwrap_or_default().trim_end().to_string();
    for line in lines {
        let line = line.trim();
        let line = match line.strip_prefix('*') {
            Some(rest) if !rest.starts_with('/') => rest.trim_start(),
            _ => line,
        };
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
    }
    out
}

/// `selector { a: b; c: d; }`: None if the block holds blocks. Inside
/// keyframes libsass starts each declaration after the first on a line of
/// its own (`0% { a: b;\n    c: d; }`).
fn compact_rule(prelude: &str, children: &[Node], in_keyframes: bool) -> Option<String> {
    let selector: Vec<&str> = prelude.split('\n').map(str::trim).collect();
    let mut out = format!("{} {{", selector.join(" "));
    let mut declarations = 0;
    for child in children {
        match child {
            Node::Statement(s) => {
                let gap = if in_keyframes && declarations > 0 {
                    "\n    "
                } else {
                    " "
                };
                declarations += 1;
                out.push_str(&format!("{gap}{s};"));
            }
            Node::Comment(c) => out.push_str(&format!(" {}", compact_comment(c))),
            Node::Block(..) => return None,
        }
    }
    out.push_str(" }");
    Some(out)
}

/// grass's expanded CSS laid out as libsass's `compact` style, which
/// Jekyll uses by default: a rule per line, blank lines after rules,
/// at-rules holding rules on one line (keyframes one step per line).
/// None for shapes this does not know, which then stay expanded.
fn compact(expanded: &str) -> Option<String> {
    let nodes = parse_css(&mut expanded.chars().peekable(), false)?;
    let mut out = String::new();
    for node in &nodes {
        match node {
            Node::Comment(c) => {
                out.push_str(&compact_comment(c));
                out.push('\n');
            }
            Node::Statement(s) => {
                out.push_str(s);
                out.push_str(";\n");
            }
            Node::Block(prelude, children) => {
                let has_blocks = children.iter().any(|c| matches!(c, Node::Block(..)));
                if !has_blocks {
                    out.push_str(&compact_rule(prelude, children, false)?);
                } else {
                    let keyframes = prelude.starts_with('@') && prelude.contains("keyframes");
                    let separator = if keyframes { "\n  " } else { " " };
                    let inner = children
                        .iter()
                        .map(|child| match child {
                            Node::Block(p, c) => compact_rule(p, c, keyframes),
                            Node::Comment(c) => Some(compact_comment(c)),
                            Node::Statement(_) => None,
                        })
                        .collect::<Option<Vec<String>>>()?;
                    out.push_str(&format!("{prelude} {{ {} }}", inner.join(separator)));
                }
                out.push_str("\n\n");
            }
        }
    }
    out.truncate(out.trim_end().len());
    if !out.is_empty() {
        out.push('\n');
    }
    Some(out)
}

/// The error Jekyll raises (`Conversion error: … encountered an error while
/// converting …`), with the file and line (front matter counted).
fn error(e: grass::Error, input: &SassInput<'_>, entry: &Path) -> anyhow::Error {
    let head = format!(
        "Conversion error: Jekyll::Converters::Scss encountered an error while converting '{}':",
        input.shown_as
    );
    match e.kind() {
        grass::ErrorKind::ParseError { message, loc, .. } => {
            let file = loc.file.name();
            let (shown, line) = if Path::new(file) == entry {
                (
                    input.shown_as.to_string(),
                    loc.begin.line + input.first_line,
                )
            } else {
                (
                    Path::new(file)
                        .strip_prefix(self_base(entry))
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|_| file.to_string()),
                    loc.begin.line + 1,
                )
            };
            anyhow!(
                "{head}\n  Error: {message}\n  on line {line}:{} of {shown}",
                loc.begin.column + 1
            )
        }
        grass::ErrorKind::IoError(io) => anyhow!("{head}\n  Error: {io}"),
        grass::ErrorKind::FromUtf8Error(msg) => anyhow!("{head}\n  Error: {msg}"),
        _ => anyhow!("{head}\n  Error: the Sass compiler failed"),
    }
}

fn self_base(entry: &Path) -> PathBuf {
    entry.parent().unwrap_or(Path::new("")).to_path_buf()
}

/// The real file system, except that the entry file is the page's rendered
/// content (its Liquid already run), not what is on disk.
#[derive(Debug)]
struct PageFs<'a> {
    entry: &'a Path,
    content: &'a str,
    /// What the sources read so far write as libsass keeps it.
    written: std::sync::Mutex<super::sass_written::Written>,
}

impl PageFs<'_> {
    fn note(&self, text: &[u8]) {
        if let Ok(text) = std::str::from_utf8(text) {
            self.written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .scan(text);
        }
    }
}

impl grass::Fs for PageFs<'_> {
    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn is_file(&self, path: &Path) -> bool {
        path == self.entry || path.is_file()
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if path == self.entry {
            self.note(self.content.as_bytes());
            return Ok(self.content.as_bytes().to_vec());
        }
        let bytes = std::fs::read(path)?;
        self.note(&bytes);
        if path.extension().is_some_and(|e| e == "sass") {
            let text = String::from_utf8_lossy(&bytes);
            return Ok(quote_indented_imports(&text).into_bytes());
        }
        Ok(bytes)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        if path == self.entry {
            Ok(path.to_path_buf())
        } else {
            std::fs::canonicalize(path)
        }
    }
}

/// A `load_paths` entry, globbed from the source as `Dir.glob` does
/// (`node_modules/*/scss`); a plain path as is.
fn expand_glob(source: &Path, pattern: &str) -> Vec<PathBuf> {
    let absolute = source.join(pattern);
    if !pattern.contains(['*', '?', '[', '{']) {
        return vec![absolute];
    }
    let Ok(glob) = globset::GlobBuilder::new(&absolute.to_string_lossy())
        .literal_separator(true)
        .build()
    else {
        return Vec::new();
    };
    let matcher = glob.compile_matcher();
    let depth = Path::new(pattern).components().count();
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(source)
        .min_depth(1)
        .max_depth(depth)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_dir() && matcher.is_match(e.path()))
        .map(|e| e.into_path())
        .collect();
    found.sort();
    found
}

/// Converts a page or document's rendered Sass, as the renderer asks: the
/// settings from the site's configuration and theme, a source-map comment
/// for pages (Jekyll associates only pages with its converter).
pub fn convert_item(
    site: &crate::site::Site,
    item: &crate::renderer::Item<'_>,
    content: &str,
    warn: &dyn Fn(&str),
) -> Result<String> {
    let theme = crate::theme::Theme::for_config(&site.config)?;
    let settings = SassSettings::new(
        &site.config,
        theme.as_ref().and_then(|t| t.sass_path()).as_deref(),
    );
    let page = site.source.pages.iter().find(|p| p.path == item.path);
    let input = SassInput {
        content,
        indented: item.ext.eq_ignore_ascii_case(".sass"),
        name: page.map(|p| p.name.as_str()),
        shown_as: item.relative_path,
        first_line: item.content_line,
        source_map: page.is_some() && settings.wants_source_map(),
    };
    convert(&input, &settings, warn)
}

/// The indented syntax allows `@import a, b` unquoted; grass only reads
/// quoted names, so such lines are quoted (`@import "a", "b"`). Lines that
/// quote, use `url(…)` or interpolate are left alone.
fn quote_indented_imports(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = &body[..body.len() - body.trim_start().len()];
        let quotable = body.trim_start().strip_prefix("@import").filter(|rest| {
            rest.starts_with([' ', '\t'])
                && !rest.contains(['"', '\'', '(', '#', ';'])
                && !rest.trim().is_empty()
        });
        match quotable {
            Some(rest) => {
                let names: Vec<String> = rest
                    .split(',')
                    .map(|n| format!("\"{}\"", n.trim()))
                    .collect();
                out.push_str(&format!("{indent}@import {}", names.join(", ")));
                out.push_str(&line[body.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(dir: &Path) -> SassSettings {
        SassSettings::plain(dir)
    }

    #[test]
    fn compressed_drops_a_semicolon_before_a_brace_outside_strings() {
        assert_eq!(
            drop_semicolons_before_braces("main{display:block;}a::after{content:\";}\"}"),
            "main{display:block}a::after{content:\";}\"}"
        );
    }

    #[test]
    fn compact_layout_as_libsass_writes_it() {
        let expanded = "/**\n * Multi\n * line\n */\n.a {\n  color: red;\n  /* inline */\n  margin: 0;\n}\n\n/* one */\n.b, .c,\n.d {\n  x: 1;\n}\n@media (min-width: 10px) {\n  .a {\n    b: c;\n  }\n  .d {\n    e: f;\n  }\n}\n@keyframes spin {\n  from {\n    a: b;\n  }\n  to {\n    a: c;\n  }\n}\n.z {\n  content: \"}{;\";\n}\n";
        assert_eq!(
            compact(expanded).unwrap(),
            "/** Multi line */\n.a { color: red; /* inline */ margin: 0; }\n\n/* one */\n.b, .c, .d { x: 1; }\n\n@media (min-width: 10px) { .a { b: c; } .d { e: f; } }\n\n@keyframes spin { from { a: b; }\n  to { a: c; } }\n\n.z { content: \"}{;\"; }\n"
        );
        assert_eq!(
            compact("@media print {\n  /* c */\n  .b {\n    x: y;\n  }\n}\n").unwrap(),
            "@media print { /* c */ .b { x: y; } }\n"
        );
        assert!(compact(
            "@supports (a: b) {\n  @media print {\n    .a {\n      b: c;\n    }\n  }\n}\n"
        )
        .is_none());
    }

    #[test]
    fn unquoted_indented_imports_are_quoted() {
        assert_eq!(
            quote_indented_imports("@import a, b/c\n  @import \"d\"\nx\n"),
            "@import \"a\", \"b/c\"\n  @import \"d\"\nx\n"
        );
    }

    #[test]
    fn errors_name_the_file_and_the_line_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let input = SassInput {
            content: "\n.a {\n  color: $nope;\n}\n",
            indented: false,
            name: Some("style.scss"),
            shown_as: "css/style.scss",
            first_line: 3,
            source_map: false,
        };
        let msg = convert(&input, &settings(dir.path()), &|_| {})
            .unwrap_err()
            .to_string();
        assert!(msg.contains("while converting 'css/style.scss'"), "{msg}");
        assert!(msg.contains("Undefined variable"), "{msg}");
        assert!(msg.contains("on line 5:10 of css/style.scss"), "{msg}");
    }

    #[test]
    fn errors_in_partials_name_the_partial() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("_sass")).unwrap();
        std::fs::write(dir.path().join("_sass/_bad.scss"), "a {\n  b: 1px +;\n}\n").unwrap();
        let input = SassInput {
            content: "@import \"bad\";",
            indented: false,
            name: Some("main.scss"),
            shown_as: "main.scss",
            first_line: 3,
            source_map: false,
        };
        let msg = convert(&input, &settings(dir.path()), &|_| {})
            .unwrap_err()
            .to_string();
        assert!(msg.contains("_sass/_bad.scss"), "{msg}");
        assert!(msg.contains("on line 2:"), "{msg}");
    }

    #[test]
    fn source_map_comment_and_charset() {
        let dir = tempfile::tempdir().unwrap();
        let input = SassInput {
            content: "a { b: c }",
            indented: false,
            name: Some("main.scss"),
            shown_as: "main.scss",
            first_line: 1,
            source_map: true,
        };
        let css = convert(&input, &settings(dir.path()), &|_| {}).unwrap();
        assert!(
            css.ends_with("}\n\n/*# sourceMappingURL=main.css.map */"),
            "{css}"
        );
    }
}
