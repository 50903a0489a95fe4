//! `hyde serve` itself: the initial build, the HTTP and LiveReload
//! servers, and the watch loop that rebuilds, reports and reloads.

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::{Context, Result};
use hyde_liquid::{Map, Value};

use super::http::{ServeState, Settings};
use super::httpd::Limits;
use super::incremental::{Builder, Outcome};
use super::livereload::Hub;
use super::watch::{self, Ignore};
use super::ServeOptions;
use crate::config::Configuration;
use crate::reader::EntryFilter;

fn say(quiet: bool, label: &str, value: &str) {
    if !quiet {
        println!("{label:>19} {value}");
    }
}

/// The host as a browser should see it (`0.0.0.0` is not an address).
fn browser_host(host: &str) -> String {
    match host {
        "0.0.0.0" | "::" | "[::]" | "" => "localhost".to_string(),
        h if h.contains(':') && !h.starts_with('[') => format!("[{h}]"),
        h => h.to_string(),
    }
}

/// What `jekyll serve` merges over the configuration: its options, and
/// `url` as the local address (in the development environment).
pub fn serve_keys(options: &ServeOptions) -> Map {
    let mut m = Map::new();
    m.insert("host".into(), Value::str(&options.host));
    m.insert("port".into(), Value::str(options.port.to_string()));
    m.insert("serving".into(), Value::Bool(true));
    m.insert("watch".into(), Value::Bool(options.watch));
    if options.livereload {
        m.insert("livereload".into(), Value::Bool(true));
        m.insert(
            "livereload_port".into(),
            Value::Int(options.livereload_port.into()),
        );
    }
    let development = crate::utils::jekyll_env() == "development";
    if development {
        // Jekyll's `default_url`: 127.0.0.1 shows as localhost.
        let host = match options.host.as_str() {
            "127.0.0.1" => "localhost".to_string(),
            h => browser_host(h),
        };
        m.insert(
            "url".into(),
            Value::str(format!("http://{host}:{}", options.port)),
        );
    }
    m
}

fn settings(config: &Configuration, script: &Option<String>) -> Settings {
    Settings {
        baseurl: config.baseurl().trim_end_matches('/').to_string(),
        show_dir_listing: config.bool("show_dir_listing"),
        livereload_script: script.clone(),
    }
}

pub fn run(options: &ServeOptions) -> Result<()> {
    let quiet = options.overrides.quiet;
    let mut builder = Builder::new(options.overrides.clone(), serve_keys(options));
    let config = builder.config()?;
    match config.files_read.first() {
        Some(f) => say(quiet, "Configuration file:", &f.display().to_string()),
        None => say(quiet, "Configuration file:", "none"),
    }
    say(quiet, "Source:", &config.source.display().to_string());
    say(
        quiet,
        "Destination:",
        &config.destination.display().to_string(),
    );
    crate::writer::check_destination(&config.source, &config.destination)?;
    if options.skip_initial_build {
        say(quiet, "Build Warning:", "Skipping the initial build.");
    } else {
        say(quiet, "Generating...", "");
        let outcome = builder.full()?;
        report(&outcome, quiet);
    }
    std::fs::create_dir_all(&config.destination)
        .with_context(|| format!("creating {}", config.destination.display()))?;

    let hub = Arc::new(Hub::default());
    let script = if options.livereload {
        let listener = TcpListener::bind((options.host.as_str(), options.livereload_port))
            .with_context(|| {
                format!(
                    "binding the LiveReload server to {}:{}",
                    options.host, options.livereload_port
                )
            })?;
        let port = listener.local_addr()?.port();
        super::livereload::serve(listener, hub.clone());
        say(
            quiet,
            "LiveReload address:",
            &format!("http://{}:{port}", browser_host(&options.host)),
        );
        Some(format!(
            "<script src=\"http://{}:{port}/livereload.js?snipver=1&amp;port={port}\"></script>",
            browser_host(&options.host)
        ))
    } else {
        None
    };
    let state = Arc::new(ServeState {
        destination: config.destination.clone(),
        settings: RwLock::new(settings(
            builder.site().map_or(&config, |s| &s.config),
            &script,
        )),
        error: RwLock::new(None),
    });
    let listener = TcpListener::bind((options.host.as_str(), options.port))
        .with_context(|| format!("binding {}:{}", options.host, options.port))?;
    let port = listener.local_addr()?.port();
    super::httpd::serve(listener, state.clone(), Limits::default());
    let baseurl = state
        .settings
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .baseurl
        .clone();
    let address = format!("http://{}:{port}{baseurl}/", browser_host(&options.host));
    // Watching starts before the address is announced: an edit made as
    // soon as the server answers is seen.
    // How long a save may pause between its writes and still be one save.
    let gap = std::env::var("HYDE_SERVE_DEBOUNCE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_millis(10), Duration::from_millis);
    let watcher = if options.watch {
        Some(watch::start(&config.source, gap)?)
    } else {
        None
    };
    if options.watch {
        say(
            quiet,
            "Auto-regeneration:",
            &format!("enabled for '{}'", config.source.display()),
        );
    } else {
        say(
            quiet,
            "Auto-regeneration:",
            "disabled. Use --watch to enable.",
        );
    }
    // Always printed: tests and scripts read the address from it.
    println!("{:>19} {address}", "Server address:");
    say(quiet, "Server running...", "press ctrl-c to stop.");
    if options.open_url {
        open_in_browser(&address);
    }
    let Some(watcher) = watcher else {
        loop {
            std::thread::park();
        }
    };

    let mut ignore = ignore_for(&config);
    while let Some(paths) = watcher.next(&ignore) {
        if paths.is_empty() {
            continue;
        }
        rebuild(&mut builder, &paths, &state, &hub, &script, quiet);
        if let Some(site) = builder.site() {
            ignore = ignore_for(&site.config);
        }
    }
    Ok(())
}

fn ignore_for(config: &Configuration) -> Ignore {
    Ignore {
        source: config.source.clone(),
        destination: config.destination.clone(),
        filter: EntryFilter::new(config.list("include"), config.list("exclude")),
    }
}

fn report(outcome: &Outcome, quiet: bool) {
    for w in &outcome.warnings {
        eprintln!("{:>19} {w}", "Warning:");
    }
    say(
        quiet,
        "",
        &format!(
            "done in {:.3} seconds ({} {} rendered{}).",
            outcome.seconds,
            outcome.rendered,
            if outcome.rendered == 1 {
                "item"
            } else {
                "items"
            },
            if outcome.full { ", full build" } else { "" }
        ),
    );
}

/// One rebuild: never panics, keeps the last good site on failure, and
/// tells the browsers.
fn rebuild(
    builder: &mut Builder,
    paths: &[PathBuf],
    state: &ServeState,
    hub: &Hub,
    script: &Option<String>,
    quiet: bool,
) {
    let when = chrono::Local::now().format("%Y-%m-%d %H:%M:%S %z");
    say(
        quiet,
        "Regenerating:",
        &format!("{} file(s) changed at {when}", paths.len()),
    );
    for p in paths.iter().take(5) {
        say(quiet, "", &p.display().to_string());
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Debug builds only: lets the tests make a rebuild panic.
        #[cfg(debug_assertions)]
        if let Some(name) = std::env::var_os("HYDE_SERVE_TEST_PANIC") {
            if paths
                .iter()
                .any(|p| p.file_name() == Some(name.as_os_str()))
            {
                panic!("a test asked for this panic");
            }
        }
        builder.rebuild(paths)
    }));
    let error = match result {
        Ok(Ok(outcome)) => {
            report(&outcome, quiet);
            if let Some(site) = builder.site() {
                *state.settings.write().unwrap_or_else(|e| e.into_inner()) =
                    settings(&site.config, script);
            }
            let had_error = state
                .error
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .is_some();
            let baseurl = state
                .settings
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .baseurl
                .clone();
            let mut urls: Vec<String> = outcome
                .changed
                .iter()
                .map(|p| format!("{baseurl}/{p}"))
                .collect();
            if had_error && urls.is_empty() {
                urls.push(format!("{baseurl}/"));
            }
            if !urls.is_empty() {
                hub.reload(&urls);
            }
            return;
        }
        Ok(Err(e)) => format!("{e:#}"),
        Err(panic) => {
            builder.force_full();
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic".into());
            format!("hyde panicked while rebuilding: {what}")
        }
    };
    eprintln!("{:>19} {error}", "Error:");
    eprintln!(
        "{:>19} the last good site is still served; fix the error and save again.",
        ""
    );
    *state.error.write().unwrap_or_else(|e| e.into_inner()) = Some(error.clone());
    hub.alert(&error);
}

/// Best effort: the desktop's opener, if there is one.
fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!(
            "{:>19} could not open {url} ({opener} not found)",
            "Warning:"
        );
    }
}
