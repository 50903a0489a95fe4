//! `hyde build` and `hyde clean`: load, render, write, reporting as Jekyll does.

use std::time::Instant;

use anyhow::Result;

use crate::config::Overrides;
use crate::renderer::profile::{render_table, Profiler};
use crate::site::{Rendering, Site};
use crate::writer::Prepared;

/// Writes a rendering to the site's destination.
pub fn write(site: &Site, rendering: &Rendering) -> Result<Vec<String>> {
    write_prepared(site, rendering, &Prepared::default())
}

/// [`write`], with the folders `prepared` made already.
fn write_prepared(site: &Site, rendering: &Rendering, prepared: &Prepared) -> Result<Vec<String>> {
    crate::writer::write(
        &site.config.source,
        &site.config.destination,
        &rendering.files,
        &site.config.list("keep_files"),
        prepared,
    )
}

/// Options of a build beyond the configuration overrides.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub overrides: Overrides,
    /// `--trace`: show the whole error chain.
    pub trace: bool,
    /// `--profile`: print the phases and Jekyll's per-template table.
    pub profile: bool,
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
    let mut phases = Phases::default();
    let mut site = Site::from_config(config)?;
    site.one_shot = true;
    phases.mark("READ");
    site.profiler = Profiler::new(options.profile);
    // A fresh destination's folders are made while the site renders, on
    // the same two workers; a failed render removes them again.
    let (prepared, rendering) = rayon::join(
        || crate::writer::prepare(&site.config.destination, &site.output_paths()),
        || {
            progress::with_bar(&site.progress, site.render_count(), !quiet, || {
                site.render()
            })
        },
    );
    let rendering = match rendering {
        Ok(r) => r,
        Err(e) => {
            prepared.undo();
            return Err(e);
        }
    };
    phases.mark("RENDER");
    let mut warnings = site.warnings.clone();
    warnings.extend(rendering.warnings.iter().cloned());
    warnings.extend(write_prepared(&site, &rendering, &prepared)?);
    phases.mark("WRITE");
    for w in &warnings {
        eprintln!("{:>19} {w}", "Warning:");
    }
    if options.profile {
        println!("{}", phases.table());
        println!("{}", site.profiler.table());
    }
    say(
        "",
        &format!("done in {:.3} seconds.", started.elapsed().as_secs_f64()),
    );
    // The process ends next; freeing the site model one allocation at a
    // time would cost ~1% of a build for nothing the OS doesn't do anyway.
    std::mem::forget((site, rendering, prepared));
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

/// The build's phases and their times (`--profile`'s first table).
#[derive(Debug)]
struct Phases {
    last: Instant,
    started: Instant,
    /// CPU time of the whole process when `last` was taken.
    last_cpu: f64,
    /// Name, wall seconds, CPU seconds (all threads).
    times: Vec<(&'static str, f64, f64)>,
}

/// User plus system time of every thread of the process so far.
fn process_cpu() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

impl Default for Phases {
    fn default() -> Phases {
        let now = Instant::now();
        Phases {
            last: now,
            started: now,
            last_cpu: process_cpu(),
            times: Vec::new(),
        }
    }
}

impl Phases {
    fn mark(&mut self, name: &'static str) {
        let (now, cpu) = (Instant::now(), process_cpu());
        let wall = (now - self.last).as_secs_f64();
        self.times.push((name, wall, cpu - self.last_cpu));
        self.last = now;
        self.last_cpu = cpu;
    }

    fn table(&self) -> String {
        // CPU over wall time: how many cores a phase kept busy.
        let row = |name: &str, wall: f64, cpu: f64| {
            let cores = if wall > 0.0 { cpu / wall } else { 0.0 };
            vec![
                name.to_string(),
                format!("{wall:.4}"),
                format!("{cpu:.4}"),
                format!("{cores:.2}"),
            ]
        };
        let mut rows: Vec<Vec<String>> =
            vec![["PHASE", "TIME", "CPU", "CORES"].map(String::from).to_vec()];
        for (name, wall, cpu) in &self.times {
            rows.push(row(name, *wall, *cpu));
        }
        let total = (self.last - self.started).as_secs_f64();
        let cpu: f64 = self.times.iter().map(|t| t.2).sum();
        rows.push(row("TOTAL TIME", total, cpu));
        format!("\nBuild Process Summary:\n\n{}", render_table(&rows))
    }
}

mod progress {
    //! A progress bar on stderr for builds that take over a second, shown
    //! only on a terminal.

    use std::io::{IsTerminal, Write};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    /// Runs `work` while a scoped thread draws `counter` (items rendered)
    /// against `total`, from the first second on.
    pub fn with_bar<T>(
        counter: &AtomicUsize,
        total: usize,
        show: bool,
        work: impl FnOnce() -> T,
    ) -> T {
        if !show || total == 0 || !std::io::stderr().is_terminal() {
            return work();
        }
        let done = AtomicBool::new(false);
        std::thread::scope(|s| {
            s.spawn(|| {
                let started = Instant::now();
                let mut shown = false;
                while !done.load(Ordering::Relaxed) {
                    if started.elapsed() >= Duration::from_secs(1) {
                        let n = counter.load(Ordering::Relaxed).min(total);
                        let filled = n * 30 / total;
                        eprint!(
                            "\r{:>19} [{}{}] {n}/{total}",
                            "Rendering:",
                            "#".repeat(filled),
                            " ".repeat(30 - filled)
                        );
                        let _ = std::io::stderr().flush();
                        shown = true;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                if shown {
                    eprint!("\r{}\r", " ".repeat(70));
                }
            });
            let result = work();
            done.store(true, Ordering::Relaxed);
            result
        })
    }
}
