//! Plugins: which of the site's `plugins:` hyde provides. Until each lands,
//! a named plugin hyde does not provide gets one warning, and a `_plugins/`
//! folder (Ruby code hyde cannot run) another, as GitHub Pages' safe mode
//! would skip them.

use crate::config::Configuration;

/// Plugins hyde provides natively (none yet beyond what Jekyll builds in).
const PROVIDED: &[&str] = &[];

/// Warnings for the site's plugins hyde does not provide.
pub fn unsupported(config: &Configuration) -> Vec<String> {
    let mut warnings: Vec<String> = config
        .plugins()
        .into_iter()
        .filter(|p| !PROVIDED.contains(&p.as_str()))
        .map(|p| {
            format!("_config.yml: plugin '{p}' is not provided by hyde yet; its output is missing")
        })
        .collect();
    let plugins_dir = config.dir("plugins_dir", "_plugins");
    if plugins_dir.is_dir() {
        warnings.push(format!(
            "{}: Ruby plugins are not run by hyde; their tags, filters and generators are missing",
            plugins_dir.display()
        ));
    }
    warnings
}
