//! `hyde doctor`: Jekyll's doctor checks plus a report of what hyde would
//! render differently, so a user knows before switching.
//!
//! Jekyll's checks (`jekyll doctor`): relative permalinks (removed in 3.0),
//! files that share a destination, URLs that differ only by case, a `url`
//! that is missing, invalid or not absolute, and `_posts` outside a custom
//! `collections_dir`. hyde adds deprecated configuration keys, `baseurl`
//! problems, and the compatibility report: plugins hyde does not provide,
//! Ruby plugins in `_plugins/`, a theme that is not installed, Liquid tags
//! no plugin defines, and what hyde writes differently (Sass).

use std::collections::BTreeMap;

use anyhow::Result;
use hyde_liquid::{Template, Value};

use crate::config::{Configuration, Overrides};
use crate::site::Site;

/// How a finding weighs: Jekyll's own checks and incompatibilities fail the
/// run (as `jekyll doctor` aborts); notes only inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Problem,
    Note,
}

/// One line (or block) of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// Jekyll's logger topic: `Conflict:`, `Warning:`, `Deprecation:`,
    /// `Compatibility:`, `Note:`.
    pub topic: &'static str,
    pub message: String,
}

impl Finding {
    fn problem(topic: &'static str, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Problem,
            topic,
            message: message.into(),
        }
    }

    fn note(message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Note,
            topic: "Note:",
            message: message.into(),
        }
    }
}

/// Runs the checks and prints the report; an error if any check fails.
pub fn run(overrides: &Overrides) -> Result<()> {
    let findings = check(overrides)?;
    for f in &findings {
        let mut lines = f.message.lines();
        eprintln!("{:>19} {}", f.topic, lines.next().unwrap_or(""));
        for line in lines {
            eprintln!("{:>19} {line}", "");
        }
    }
    let problems = findings
        .iter()
        .filter(|f| f.severity == Severity::Problem)
        .count();
    if problems == 0 {
        println!("{:>19} are in. Everything looks fine.", "Your test results");
        Ok(())
    } else {
        anyhow::bail!("hyde doctor found {problems} problem(s); see the report above")
    }
}

/// Every finding for the site `overrides` points at, in report order.
pub fn check(overrides: &Overrides) -> Result<Vec<Finding>> {
    let config = Configuration::load(overrides)?;
    let mut findings = config_findings(&config);
    findings.extend(
        crate::plugins::unsupported(&config)
            .into_iter()
            .map(|w| Finding::problem("Compatibility:", w)),
    );
    if let Err(e) = crate::theme::Theme::for_config(&config) {
        findings.push(Finding::problem("Compatibility:", format!("{e:#}")));
        return Ok(findings);
    }
    let site = match Site::from_config(config) {
        Ok(site) => site,
        Err(e) => {
            findings.push(Finding::problem(
                "Compatibility:",
                format!("hyde cannot read this site: {e:#}"),
            ));
            return Ok(findings);
        }
    };
    findings.extend(destination_findings(&site));
    findings.extend(liquid_findings(&site));
    findings.extend(sass_findings(&site));
    if let Err(e) = site.render() {
        findings.push(Finding::problem(
            "Compatibility:",
            format!("hyde fails to build this site: {e:#}"),
        ));
    }
    Ok(findings)
}

/// Keys Jekyll 3 and 4 renamed or dropped, and what replaced them.
const DEPRECATED_KEYS: &[(&str, &str)] = &[
    ("gems", "'gems' was renamed 'plugins' in Jekyll 3.5"),
    (
        "pygments",
        "'pygments' was replaced by 'highlighter' in Jekyll 3.0",
    ),
    ("auto", "'auto' was replaced by 'watch' (the --watch flag)"),
    (
        "watch",
        "'watch' in the configuration has no effect: use --watch",
    ),
    ("server", "'server' was replaced by the 'serve' command"),
    ("server_port", "'server_port' was renamed 'port'"),
    ("data_source", "'data_source' was renamed 'data_dir'"),
];

/// The configuration checks: relative permalinks, deprecated keys, `url`,
/// `baseurl`, `_posts` outside `collections_dir`.
fn config_findings(config: &Configuration) -> Vec<Finding> {
    let mut out = Vec::new();
    if config
        .get("relative_permalinks")
        .is_some_and(Value::is_truthy)
    {
        out.push(Finding::problem(
            "Deprecation:",
            "Your site still uses relative permalinks, which was removed in Jekyll v3.0.0.",
        ));
    }
    for (key, why) in DEPRECATED_KEYS {
        if config.get(key).is_some() {
            out.push(Finding::problem(
                "Deprecation:",
                format!("_config.yml: {why}."),
            ));
        }
    }
    match config.get("url") {
        None | Some(Value::Nil) => out.push(Finding::problem(
            "Warning:",
            "You didn't set an URL in the config file, you may encounter problems with some plugins.",
        )),
        Some(Value::Str(url)) if url.is_empty() => out.push(Finding::problem(
            "Warning:",
            "You didn't set an URL in the config file, you may encounter problems with some plugins.",
        )),
        Some(Value::Str(url)) if !is_absolute_url(url) => out.push(Finding::problem(
            "Warning:",
            "Your site URL does not seem to be absolute, check the value of `url` in your config file.",
        )),
        Some(Value::Str(url)) if url.ends_with('/') => out.push(Finding::note(
            format!("`url` ends with '/' ({url}): links built as {{{{ site.url }}}}{{{{ page.url }}}} get a double slash."),
        )),
        Some(Value::Str(_)) => {}
        Some(_) => out.push(Finding::problem(
            "Warning:",
            "The site URL does not seem to be valid, check the value of `url` in your config file.",
        )),
    }
    if let Some(baseurl) = config.get("baseurl").and_then(Value::as_str) {
        if is_absolute_url(baseurl) {
            out.push(Finding::problem(
                "Warning:",
                format!("`baseurl` is a full URL ({baseurl}): it should be a path such as /blog, with the host in `url`."),
            ));
        } else if !baseurl.is_empty() && !baseurl.starts_with('/') {
            out.push(Finding::problem(
                "Warning:",
                format!("`baseurl` should start with '/' (it is '{baseurl}'): relative_url writes relative links otherwise."),
            ));
        } else if baseurl.len() > 1 && baseurl.ends_with('/') {
            out.push(Finding::problem(
                "Warning:",
                format!("`baseurl` should not end with '/' (it is '{baseurl}'): links get a double slash."),
            ));
        }
    }
    let collections_dir = config.collections_dir();
    let posts_at_root = config.source.join("_posts");
    if !collections_dir.is_empty() && posts_at_root.is_dir() {
        out.push(Finding::problem(
            "Warning:",
            format!(
                "Detected '_posts' directory outside custom `collections_dir`!\nPlease move '{}' into the custom directory at '{}'",
                posts_at_root.display(),
                config.source.join(collections_dir).display()
            ),
        ));
    }
    out
}

/// `scheme://…`, as Addressable's `absolute?` sees a URL with a scheme.
fn is_absolute_url(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Files that share a destination, and destinations that differ by case.
fn destination_findings(site: &Site) -> Vec<Finding> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for page in &site.source.pages {
        let dest = page.output_path();
        map.entry(dest)
            .or_default()
            .push(page.path.display().to_string());
    }
    for file in site.source.static_files.iter().filter(|f| f.write) {
        map.entry(file.output_path())
            .or_default()
            .push(file.path.display().to_string());
    }
    for collection in &site.source.collections {
        for doc in collection.docs.iter().filter(|d| d.write) {
            let dest = doc.output_path();
            map.entry(dest)
                .or_default()
                .push(doc.path.display().to_string());
        }
    }
    let dest_root = &site.config.destination;
    let mut out = Vec::new();
    for (dest, paths) in &map {
        if paths.len() > 1 {
            let mut message = format!(
                "The following destination is shared by multiple files.\nThe written file may end up with unexpected contents.\n{}",
                dest_root.join(dest).display()
            );
            for p in paths {
                message.push_str(&format!("\n - {p}"));
            }
            out.push(Finding::problem("Conflict:", message));
        }
    }
    let mut by_case: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for dest in map.keys() {
        by_case.entry(dest.to_lowercase()).or_default().push(dest);
    }
    for dests in by_case.values().filter(|d| d.len() > 1) {
        let shown: Vec<String> = dests
            .iter()
            .map(|d| dest_root.join(d).display().to_string())
            .collect();
        out.push(Finding::problem(
            "Warning:",
            format!(
                "The following URLs only differ by case. On a case-insensitive file system one of the URLs will be overwritten by the other: {}",
                shown.join(", ")
            ),
        ));
    }
    out
}

/// Liquid that hyde cannot parse: tags no standard tag, Jekyll tag or
/// enabled plugin defines (a Ruby plugin's), and other syntax errors.
fn liquid_findings(site: &Site) -> Vec<Finding> {
    let options = site.templates.options();
    // (path, text, the line its text starts on)
    let mut sources: Vec<(String, String, usize)> = Vec::new();
    for page in &site.source.pages {
        sources.push((
            page.relative_path(),
            page.content.clone(),
            page.content_line,
        ));
    }
    for collection in &site.source.collections {
        for doc in &collection.docs {
            sources.push((
                doc.relative_path.clone(),
                doc.content.to_string(),
                doc.content_line,
            ));
        }
    }
    let mut layouts: Vec<_> = site.source.layouts.values().collect();
    layouts.sort_by(|a, b| a.relative_path.cmp(&b.relative_path));
    for layout in layouts {
        sources.push((
            layout.relative_path.clone(),
            layout.content.clone(),
            layout.content_line,
        ));
    }
    let includes = site.config.dir("includes_dir", "_includes");
    for entry in walkdir::WalkDir::new(&includes)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
    {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            let shown = entry
                .path()
                .strip_prefix(&site.config.source)
                .unwrap_or(entry.path())
                .display()
                .to_string();
            sources.push((shown, text, 1));
        }
    }
    let mut out = Vec::new();
    for (path, text, first_line) in sources {
        if !crate::utils::has_liquid(&text) {
            continue;
        }
        if let Err(e) = Template::parse(&text, options) {
            let line = e
                .line
                .map(|l| format!(" (line {})", l + first_line - 1))
                .unwrap_or_default();
            let message = if e.message.starts_with("Unknown tag") {
                format!(
                    "{path}{line}: {}: no plugin hyde provides defines it (a Ruby plugin's tag?)",
                    e.message
                )
            } else {
                format!("{path}{line}: Liquid syntax error: {}", e.message)
            };
            out.push(Finding::problem("Compatibility:", message));
        }
    }
    out
}

/// What hyde writes differently for Sass: formatting, source maps.
fn sass_findings(site: &Site) -> Vec<Finding> {
    let sass_pages: Vec<String> = site
        .source
        .pages
        .iter()
        .filter(|p| matches!(p.ext.to_ascii_lowercase().as_str(), ".scss" | ".sass"))
        .map(|p| p.relative_path())
        .collect();
    if sass_pages.is_empty() {
        return Vec::new();
    }
    let settings = crate::converters::sass::SassSettings::new(&site.config, None);
    let mut out = vec![Finding::note(format!(
        "Sass ({}) is compiled with grass, not libsass: the same rules, but values libsass copies from the source come out normalised (0.8 for .8, \"↗\" for \"\\2197\", [for=x] for [for=\"x\"]), and the nested and expanded styles are laid out as grass lays them out.",
        sass_pages.join(", ")
    ))];
    if settings.wants_source_map() {
        out.push(Finding::note(
            "Jekyll writes a .css.map source map beside each Sass page; hyde does not (set sass: sourcemap: never to match).",
        ));
    }
    out
}
