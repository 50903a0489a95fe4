//! `hyde build` and `hyde clean`: load, render, write, reporting as Jekyll does.

use std::time::Instant;

use anyhow::Result;

use crate::config::Overrides;
use crate::site::{Rendering, Site};

/// Writes a rendering to the site's destination.
pub fn write(site: &Site, rendering: &Rendering) -> Result<Vec<String>> {
    crate::writer::write(
        &site.config.source,
        &site.config.destination,
        &rendering.files,
        &site.config.list("keep_files"),
    )
}

/// Options of a build beyond the configuration overrides.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub overrides: Overrides,
    /// `--trace`: show the whole error chain.
    pub trace: bool,
}

/// Runs a whole build, printing Jekyll's lines. Returns the warnings count.
pub fn run(options: &BuildOptions) -> Result<usize> {
    let quiet = options.overrides.quiet;
    let say = |label: &str, value: &str| {
        if !quiet {
            println!("{label:>19} {value}");
        }
    };
    let config = crate::config::Configuration::load(&options.overrides)?;
    match config.files_read.first() {
        Some(f) => say("Configuration file:", &f.display().to_string()),
        None => say("Configuration file:", "none"),
    }
    say("Source:", &config.source.display().to_string());
    say("Destination:", &config.destination.display().to_string());
    crate::writer::check_destination(&config.source, &config.destination)?;
    say("Generating...", "");
    let started = Instant::now();
    let site = Site::from_config(config)?;
    let rendering = site.render()?;
    let mut warnings = site.warnings.clone();
    warnings.extend(rendering.warnings.iter().cloned());
    warnings.extend(write(&site, &rendering)?);
    for w in &warnings {
        eprintln!("{:>19} {w}", "Warning:");
    }
    say(
        "",
        &format!("done in {:.3} seconds.", started.elapsed().as_secs_f64()),
    );
    Ok(warnings.len())
}

/// `hyde clean`: removes the destination (and Jekyll's caches in it).
pub fn clean(overrides: &Overrides) -> Result<()> {
    let config = crate::config::Configuration::load(overrides)?;
    crate::writer::check_destination(&config.source, &config.destination)?;
    let dest = &config.destination;
    if dest.exists() {
        std::fs::remove_dir_all(dest)
            .map_err(|e| anyhow::anyhow!("removing {}: {e}", dest.display()))?;
        println!("{:>19} Removing {}...", "Cleaner:", dest.display());
    } else {
        println!("{:>19} Nothing to do for {}.", "Cleaner:", dest.display());
    }
    Ok(())
}
