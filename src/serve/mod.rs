//! `hyde serve`: build, serve the destination over HTTP, watch the source,
//! rebuild what changed and live-reload the browser.
//!
//! The pieces: [`httpd`] accepts connections with bounded threads and
//! deadlines, [`http`] answers them from the destination (under `baseurl`,
//! with Jekyll's WEBrick rules for index files and `404.html`), [`livereload`]
//! speaks the LiveReload protocol on its own port, [`watch`] turns file
//! events into change sets, and [`incremental`] rebuilds only what
//! a change set touches, writing only the files whose bytes changed.

use anyhow::Result;

use crate::config::Overrides;

#[cfg(feature = "serve")]
pub mod deps;
#[cfg(feature = "serve")]
pub mod http;
#[cfg(feature = "serve")]
pub mod httpd;
#[cfg(feature = "serve")]
pub mod incremental;
#[cfg(feature = "serve")]
pub mod livereload;
#[cfg(feature = "serve")]
mod server;
#[cfg(feature = "serve")]
pub mod watch;

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
#[cfg(feature = "serve")]
pub fn run(options: &ServeOptions) -> Result<()> {
    server::run(options)
}

/// Without the `serve` feature there is no server.
#[cfg(not(feature = "serve"))]
pub fn run(options: &ServeOptions) -> Result<()> {
    let _ = options;
    anyhow::bail!("this hyde was built without the `serve` feature")
}
