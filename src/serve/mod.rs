//! `hyde serve`: build, serve the destination over HTTP, watch the source,
//! rebuild what changed and live-reload the browser.

use anyhow::Result;

use crate::config::Overrides;

/// `hyde serve`'s options, in Jekyll's flags.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub overrides: Overrides,
    /// `-H/--host` (default 127.0.0.1).
    pub host: String,
    /// `-P/--port` (default 4000).
    pub port: u16,
    /// `-l/--livereload`.
    pub livereload: bool,
    /// `--livereload-port` (default 35729).
    pub livereload_port: u16,
    /// `--no-watch`.
    pub watch: bool,
    /// `-o/--open-url`.
    pub open_url: bool,
    /// `--skip-initial-build`.
    pub skip_initial_build: bool,
}

/// Runs the server until interrupted.
pub fn run(options: &ServeOptions) -> Result<()> {
    let _ = options;
    anyhow::bail!("hyde serve is not implemented yet")
}
