//! Gem-based themes (`theme: NAME`): where the installed gem is, and the
//! folders Jekyll takes from it. The site's own files win over the theme's:
//! its layouts and includes are looked up first, a theme asset is skipped
//! when the site has a file at the same path, and the theme's
//! `_config.yml` and `_data` sit under the site's.
//!
//! Jekyll asks RubyGems (`Gem::Specification.find_by_name`); hyde looks in
//! the same places a RubyGems or Bundler install puts gems, in this order:
//!
//! 1. `HYDE_THEME_PATH`: `:`-separated folders, each either the theme
//!    itself (named `NAME` or `NAME-VERSION`) or a folder holding it;
//! 2. `GEM_HOME/gems`, then each `GEM_PATH` entry's `gems`;
//! 3. Bundler: `BUNDLE_PATH/ruby/*/gems`, then `vendor/bundle/ruby/*/gems`
//!    in the site source;
//! 4. the user's gems: `~/.gem/ruby/*/gems`, `~/.local/share/gem/ruby/*/gems`;
//! 5. the system's: `/usr/local/lib/ruby/gems/*/gems`, `/var/lib/gems/*/gems`,
//!    `/usr/lib/ruby/gems/*/gems`, `/usr/share/rubygems-integration/all/gems`
//!    (Debian's `jekyll-theme-*` packages) and its versioned siblings.
//!
//! In a folder, `NAME-VERSION` is the gem RubyGems installs; the highest
//! version wins, as `find_by_name` picks it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use hyde_liquid::{Map, Value};

/// An installed theme gem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The name as configured, downcased and trimmed (`Theme#name`).
    pub name: String,
    /// The gem's folder, symlinks resolved.
    pub root: PathBuf,
}

impl Theme {
    /// The theme `theme:` names, if any: an error if it is not installed
    /// (Jekyll fails the build then too).
    pub fn for_config(config: &crate::config::Configuration) -> Result<Option<Theme>> {
        match config.get("theme") {
            Some(Value::Str(name)) => Theme::find(name, &config.source).map(Some),
            _ => Ok(None),
        }
    }

    /// Looks `name` up in the folders [`search_dirs`] lists.
    pub fn find(name: &str, source: &Path) -> Result<Theme> {
        let name = name.trim().to_lowercase();
        let dirs = search_dirs(source);
        for dir in &dirs {
            if let Some(root) = find_in(dir, &name) {
                let root = root.canonicalize().unwrap_or(root);
                return Ok(Theme { name, root });
            }
        }
        let looked: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        bail!(
            "The {name} theme could not be found. hyde looked for {name} or {name}-VERSION in:\n  {}\n\
             Install the theme gem (Debian: apt-get install ruby-jekyll-theme-{name} or jekyll-theme-{name}; \
             else gem install {name}), or set HYDE_THEME_PATH to the folder that holds it.",
            looked.join("\n  ")
        )
    }

    /// `_layouts`, `_includes`, `_sass`, `assets` or `_data` in the theme,
    /// if it has that folder (`Theme#path_for`).
    pub fn path_for(&self, folder: &str) -> Option<PathBuf> {
        let path = self.root.join(folder).canonicalize().ok()?;
        (path.starts_with(&self.root) && path.is_dir()).then_some(path)
    }

    pub fn layouts_path(&self) -> Option<PathBuf> {
        self.path_for("_layouts")
    }

    pub fn includes_path(&self) -> Option<PathBuf> {
        self.path_for("_includes")
    }

    pub fn sass_path(&self) -> Option<PathBuf> {
        self.path_for("_sass")
    }

    pub fn assets_path(&self) -> Option<PathBuf> {
        self.path_for("assets")
    }

    pub fn data_path(&self) -> Option<PathBuf> {
        self.path_for("_data")
    }

    /// The gems the theme's gemspec lists as runtime dependencies, other
    /// than `jekyll`: Jekyll requires them, so they act as plugins
    /// (`PluginManager#require_theme_deps`). Read from RubyGems'
    /// `specifications/NAME-VERSION.gemspec` beside the gem folder, else a
    /// `*.gemspec` in the theme (a source checkout).
    pub fn runtime_dependencies(&self) -> Vec<String> {
        let folder = self.root.file_name().unwrap_or_default().to_string_lossy();
        let installed = self.root.parent().and_then(Path::parent).map(|base| {
            base.join("specifications")
                .join(format!("{folder}.gemspec"))
        });
        let in_root = std::fs::read_dir(&self.root).ok().and_then(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|e| e == "gemspec"))
        });
        let Some(text) = installed
            .into_iter()
            .chain(in_root)
            .find_map(|p| std::fs::read_to_string(p).ok())
        else {
            return Vec::new();
        };
        let mut deps: Vec<String> = Vec::new();
        for line in text.lines() {
            let Some((_, rest)) = line.split_once("add_runtime_dependency") else {
                continue;
            };
            let rest = rest.trim_start_matches(['(', ' ']);
            let name = if let Some(q) = rest.strip_prefix("%q<") {
                q.split('>').next()
            } else if let Some(q) = rest.strip_prefix(['"', '\'']) {
                q.split(['"', '\'']).next()
            } else {
                None
            };
            if let Some(name) = name.filter(|n| *n != "jekyll" && !n.is_empty()) {
                if !deps.iter().any(|d| d == name) {
                    deps.push(name.to_string());
                }
            }
        }
        deps
    }

    /// `Site#load_theme_configuration`: the theme's `_config.yml` under the
    /// site's configuration, without the keys Jekyll's defaults define.
    pub fn merge_config(&self, config: &mut Map, defaults: &Map) -> Result<()> {
        if matches!(config.get("ignore_theme_config"), Some(Value::Bool(true))) {
            return Ok(());
        }
        let file = self.root.join("_config.yml");
        if !file.is_file() || file.is_symlink() {
            return Ok(());
        }
        let text = std::fs::read_to_string(&file)?;
        let Value::Hash(theme_config) = crate::yaml::parse(&text, None)
            .map_err(|e| crate::diagnostics::SourceError::from_yaml(&file, &text, &e))?
        else {
            return Ok(());
        };
        let mut theme_config: Map = (*theme_config).clone();
        theme_config.retain(|k, _| !defaults.contains_key(k));
        crate::config::deep_merge(&mut theme_config, config);
        *config = theme_config;
        Ok(())
    }
}

/// Where hyde looks for theme gems, in order (see the module docs).
pub fn search_dirs(source: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let env_list = |key: &str| -> Vec<PathBuf> {
        std::env::var_os(key)
            .map(|v| std::env::split_paths(&v).collect())
            .unwrap_or_default()
    };
    dirs.extend(env_list("HYDE_THEME_PATH"));
    dirs.extend(env_list("GEM_HOME").into_iter().map(|d| d.join("gems")));
    dirs.extend(env_list("GEM_PATH").into_iter().map(|d| d.join("gems")));
    for bundle in env_list("BUNDLE_PATH")
        .into_iter()
        .chain([source.join("vendor/bundle")])
    {
        dirs.extend(versioned(&bundle.join("ruby"), "gems"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        dirs.extend(versioned(&home.join(".gem/ruby"), "gems"));
        dirs.extend(versioned(&home.join(".local/share/gem/ruby"), "gems"));
    }
    dirs.extend(versioned(Path::new("/usr/local/lib/ruby/gems"), "gems"));
    dirs.extend(versioned(Path::new("/var/lib/gems"), "gems"));
    dirs.extend(versioned(Path::new("/usr/lib/ruby/gems"), "gems"));
    dirs.push(PathBuf::from("/usr/share/rubygems-integration/all/gems"));
    dirs.extend(
        versioned(Path::new("/usr/share/rubygems-integration"), "gems")
            .into_iter()
            .filter(|d| !d.starts_with("/usr/share/rubygems-integration/all")),
    );
    let mut seen = Vec::new();
    dirs.retain(|d| {
        let fresh = !seen.contains(d);
        seen.push(d.clone());
        fresh
    });
    dirs
}

/// `base/*/leaf`, sorted.
fn versioned(base: &Path, leaf: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(base) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path().join(leaf))
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    found
}

/// The theme in `dir`: `dir` itself when it is named after it, else
/// `dir/NAME`, else the highest `dir/NAME-VERSION`.
fn find_in(dir: &Path, name: &str) -> Option<PathBuf> {
    let own = dir.file_name().map(|n| n.to_string_lossy().to_lowercase());
    if own.as_deref().and_then(|n| gem_version(n, name)).is_some() && dir.is_dir() {
        return Some(dir.to_path_buf());
    }
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let file_name = e.file_name().to_string_lossy().to_lowercase();
            gem_version(&file_name, name).map(|v| (v, e.path()))
        })
        .max_by(|(a, _), (b, _)| a.cmp(b))
        .map(|(_, path)| path)
}

/// The version of a gem folder named `NAME-VERSION` (or just `NAME`: the
/// lowest), compared segment by segment as numbers where they are numbers.
fn gem_version(folder: &str, name: &str) -> Option<Vec<(u64, String)>> {
    let rest = folder.strip_prefix(name)?;
    if rest.is_empty() {
        return Some(Vec::new());
    }
    let version = rest.strip_prefix('-')?;
    if !version.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(
        version
            .split('.')
            .map(|seg| match seg.parse::<u64>() {
                Ok(n) => (n, String::new()),
                Err(_) => (0, seg.to_string()),
            })
            .collect(),
    )
}

impl crate::reader::Reader<'_> {
    /// `ThemeAssetsReader` and the theme's data: every file under the
    /// theme's `assets` becomes a page (front matter) or a static file,
    /// unless the site has a file at that path; the site's `_data` is
    /// merged over the theme's.
    pub(crate) fn read_theme(
        &self,
        theme: &Theme,
        site: &mut crate::reader::SiteSource,
    ) -> Result<()> {
        if let Some(assets) = theme.assets_path() {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&assets)
                .sort_by_file_name()
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| !e.file_type().is_dir() && !e.path_is_symlink())
                .map(walkdir::DirEntry::into_path)
                .collect();
            files.sort();
            for path in files {
                let rel = path.strip_prefix(&theme.root).unwrap_or(&path);
                let name = rel
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let dir = format!("/{}", rel.parent().unwrap_or(Path::new("")).display());
                let relative_path = rel.to_string_lossy().into_owned();
                let head = std::fs::read(&path)?;
                if crate::reader::front_matter::has_yaml_header(&head) {
                    if site
                        .pages
                        .iter()
                        .any(|p| p.relative_path() == relative_path)
                    {
                        continue;
                    }
                    let parsed = self.parse_file(&path)?;
                    let defaults = self.defaults.all(&relative_path, Some("pages"));
                    let page =
                        crate::page::build(self.config, &dir, &name, path, parsed, defaults)?;
                    site.pages.push(page);
                } else {
                    if site
                        .static_files
                        .iter()
                        .any(|f| f.relative_path.trim_start_matches('/') == relative_path)
                    {
                        continue;
                    }
                    let modified = std::fs::metadata(&path)?.modified()?;
                    site.static_files.push(crate::static_file::build(
                        self, &dir, &name, path, None, true, modified,
                    ));
                }
            }
        }
        if let Some(data) = theme.data_path() {
            let mut merged =
                crate::reader::data::read_data(&data, self.config, &self.filter, &self.warnings)?;
            crate::config::deep_merge(&mut merged, &site.data);
            site.data = merged;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highest_version_wins_and_prefixes_do_not_match() {
        let dir = tempfile::tempdir().unwrap();
        for d in [
            "minima-2.5.1",
            "minima-2.10.0",
            "minimal-mistakes-jekyll-4.24.0",
        ] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        assert_eq!(
            find_in(dir.path(), "minima").unwrap(),
            dir.path().join("minima-2.10.0")
        );
        assert!(find_in(dir.path(), "minimal").is_none());
        assert_eq!(
            find_in(dir.path(), "minimal-mistakes-jekyll").unwrap(),
            dir.path().join("minimal-mistakes-jekyll-4.24.0")
        );
    }

    #[test]
    fn runtime_dependencies_from_either_gemspec() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("gems/t-1.0");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(dir.path().join("specifications")).unwrap();
        std::fs::write(
            dir.path().join("specifications/t-1.0.gemspec"),
            "s.add_runtime_dependency(%q<jekyll>.freeze, [\">= 3.5\"])\n\
             s.add_runtime_dependency(%q<jekyll-feed>.freeze, [\"~> 0.9\"])\n\
             s.add_dependency(%q<jekyll-feed>.freeze, [\"~> 0.9\"])\n",
        )
        .unwrap();
        let theme = Theme {
            name: "t".into(),
            root: root.clone(),
        };
        assert_eq!(theme.runtime_dependencies(), ["jekyll-feed"]);
        std::fs::remove_dir_all(dir.path().join("specifications")).unwrap();
        std::fs::write(
            root.join("t.gemspec"),
            "  spec.add_runtime_dependency \"jekyll-seo-tag\", \"~> 2.1\"\n",
        )
        .unwrap();
        assert_eq!(theme.runtime_dependencies(), ["jekyll-seo-tag"]);
    }

    #[test]
    fn theme_config_sits_under_the_sites_without_jekyll_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("_config.yml"),
            "skin: air\ntitle: Theme title\nmarkdown: CommonMark\nfooter: {links: 2, note: x}\n",
        )
        .unwrap();
        let theme = Theme {
            name: "t".into(),
            root: dir.path().to_path_buf(),
        };
        let yaml = |text: &str| match crate::yaml::parse(text, None).unwrap() {
            Value::Hash(h) => (*h).clone(),
            _ => unreachable!(),
        };
        let defaults = yaml("markdown: kramdown\n");
        let mut site = yaml("title: Mine\nmarkdown: kramdown\nfooter: {links: 5}\n");
        theme.merge_config(&mut site, &defaults).unwrap();
        let text = |v: Option<&Value>| v.map(crate::utils::to_s).unwrap_or_default();
        assert_eq!(text(site.get("skin")), "air");
        assert_eq!(text(site.get("title")), "Mine");
        assert_eq!(text(site.get("markdown")), "kramdown");
        let footer = site.get("footer").and_then(Value::as_hash).unwrap();
        assert_eq!(text(footer.get("links")), "5");
        assert_eq!(text(footer.get("note")), "x");
    }

    #[test]
    fn a_missing_theme_says_where_hyde_looked() {
        let dir = tempfile::tempdir().unwrap();
        let err = Theme::find("no-such-theme-xyz", dir.path()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("The no-such-theme-xyz theme could not be found"));
        assert!(msg.contains("/usr/share/rubygems-integration/all/gems"));
    }
}
