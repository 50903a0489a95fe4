//! The `hyde` command line, in Jekyll's conventions; a thin layer over the
//! library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// mimalloc, entered by its plain `malloc` where that already gives the
/// alignment asked for: the `mimalloc` crate always calls the aligned
/// entry points, whose checks and slow path cost ~72 instructions per
/// allocation instead of ~42: 3.6% of a 1,000-page build's instructions,
/// over its 300,000 allocations.
struct Allocator;

/// Every mimalloc block is at least word-aligned; debug builds check each
/// one the plain entry points give ([`plain`]).
const WORD: usize = std::mem::size_of::<usize>();

/// `p`, from a plain entry point for a layout of at most word alignment.
#[inline]
fn plain(p: *mut std::ffi::c_void, layout: std::alloc::Layout) -> *mut u8 {
    debug_assert_eq!(p as usize % layout.align(), 0);
    p.cast()
}

// SAFETY: every path hands over to mimalloc: its plain entry points where
// the layout asks for no more than word alignment, which all its blocks
// have, its aligned ones otherwise.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            plain(libmimalloc_sys::mi_malloc(layout.size()), layout)
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            plain(libmimalloc_sys::mi_zalloc(layout.size()), layout)
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            plain(libmimalloc_sys::mi_realloc(ptr.cast(), size), layout)
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, size)
        }
    }
}

/// mimalloc asks for transparent huge pages, and the kernel then zeroes
/// and counts 2 MiB at a time: a 1,000-page build peaked at 62 MB instead
/// of 41 MB and spent its time clearing pages. A short-lived process gains
/// nothing from them.
///
/// It runs from `.init_array`, before `main`: the runtime's first
/// allocation (before `main`) reserves mimalloc's arena, and turned off in
/// `main` two huge pages were already faulted in, 0.5 ms each, a third of
/// an empty site's build.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static NO_HUGE_PAGES: extern "C" fn() = {
    extern "C" fn no_huge_pages() {
        // SAFETY: PR_SET_THP_DISABLE only sets a flag on this process.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
    no_huge_pages
};

use hyde::build::BuildOptions;
use hyde::config::Overrides;

#[derive(Parser)]
#[command(name = "hyde", version = concat!(env!("CARGO_PKG_VERSION"), " (Jekyll 4.3.1 compatible)"), about = "A Jekyll-compatible static site generator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build your site (`jekyll build`).
    #[command(alias = "b")]
    Build(SiteArgs),
    /// Build, serve on 127.0.0.1:4000, watch and live-reload (`jekyll serve`).
    #[command(aliases = ["s", "server"])]
    Serve(ServeArgs),
    /// Remove the destination folder.
    Clean(SiteArgs),
    /// Check the site for problems and for features hyde renders differently.
    #[command(alias = "hyde")]
    Doctor(SiteArgs),
    /// Build, then compare the output with a folder `jekyll build` wrote.
    Compare {
        #[command(flatten)]
        site: SiteArgs,
        /// The folder Jekyll built.
        #[arg(long = "with", value_name = "DIR")]
        with: PathBuf,
    },
}

#[derive(Args, Clone)]
struct SiteArgs {
    /// Source directory.
    #[arg(short = 's', long, default_value = ".")]
    source: PathBuf,
    /// Destination directory (default: SOURCE/_site).
    #[arg(short = 'd', long)]
    destination: Option<PathBuf>,
    /// Custom configuration file(s), comma-separated, merged in order.
    #[arg(long, value_delimiter = ',')]
    config: Vec<PathBuf>,
    /// Render posts in the _drafts folder.
    #[arg(short = 'D', long)]
    drafts: bool,
    /// Publish posts with a future date.
    #[arg(long)]
    future: bool,
    /// Render posts that were marked as unpublished.
    #[arg(long)]
    unpublished: bool,
    /// Limit the number of posts to parse and publish.
    #[arg(long = "limit_posts", alias = "limit-posts", value_name = "N")]
    limit_posts: Option<i64>,
    /// Serve the website from the given base URL.
    #[arg(short = 'b', long)]
    baseurl: Option<String>,
    /// Fail on front matter YAML errors instead of skipping the file.
    #[arg(long = "strict_front_matter", alias = "strict-front-matter")]
    strict_front_matter: bool,
    /// Safe mode: symlinks leading outside the source are skipped.
    #[arg(long)]
    safe: bool,
    /// Show the full chain of an error.
    #[arg(short = 't', long)]
    trace: bool,
    /// Print the build's phases and the time spent in each template.
    #[arg(long)]
    profile: bool,
    /// Silence output.
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Print verbose output.
    #[arg(short = 'V', long)]
    verbose: bool,
}

#[derive(Args, Clone)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Host to bind to.
    #[arg(short = 'H', long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on.
    #[arg(short = 'P', long, default_value_t = 4000)]
    port: u16,
    /// Reload the browser when the site changes.
    #[arg(short = 'l', long)]
    livereload: bool,
    /// Port for the LiveReload server.
    #[arg(long = "livereload-port", default_value_t = 35729)]
    livereload_port: u16,
    /// Do not watch the source for changes.
    #[arg(long = "no-watch")]
    no_watch: bool,
    /// Open the site's URL in the browser.
    #[arg(short = 'o', long = "open-url")]
    open_url: bool,
    /// Serve the existing destination without building first.
    #[arg(long = "skip-initial-build")]
    skip_initial_build: bool,
}

impl SiteArgs {
    fn overrides(&self) -> Overrides {
        Overrides {
            source: Some(self.source.clone()),
            destination: self.destination.clone(),
            config_files: self.config.clone(),
            drafts: self.drafts,
            future: self.future,
            unpublished: self.unpublished,
            limit_posts: self.limit_posts,
            baseurl: self.baseurl.clone(),
            strict_front_matter: self.strict_front_matter,
            safe: self.safe,
            quiet: self.quiet,
            verbose: self.verbose,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, trace) = match &cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                overrides: args.overrides(),
                trace: args.trace,
                profile: args.profile,
            };
            (hyde::build::run(&options).map(|_| ()), args.trace)
        }
        Command::Serve(args) => {
            let options = hyde::serve::ServeOptions {
                overrides: args.site.overrides(),
                host: args.host.clone(),
                port: args.port,
                livereload: args.livereload,
                livereload_port: args.livereload_port,
                watch: !args.no_watch,
                open_url: args.open_url,
                skip_initial_build: args.skip_initial_build,
            };
            (hyde::serve::run(&options), args.site.trace)
        }
        Command::Clean(args) => (hyde::build::clean(&args.overrides()), args.trace),
        Command::Doctor(args) => (hyde::doctor::run(&args.overrides()), args.trace),
        Command::Compare { site, with } => {
            (hyde::compare::run(&site.overrides(), with), site.trace)
        }
    };
    let code = match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if trace {
                eprintln!("{:>19} {e:?}", "Error:");
            } else {
                eprintln!("{:>19} {e:#}", "Error:");
            }
            ExitCode::FAILURE
        }
    };
    exit_now(code)
}

/// Ends the process without the C library's exit handlers. The one that
/// costs is mimalloc's: linked statically, it hands its free pages back to
/// the kernel one `madvise` at a time (~100 calls after a 1,000-page
/// build), for memory the kernel takes back at exit anyway. Skipping it
/// ends that build 0.5-0.6 ms sooner (`perf trace`: from the last phase to
/// `exit_group`, 0.67-0.69 ms before, 0.11-0.17 ms after). Nothing else
/// registers an exit handler; standard output is flushed here, and files
/// are closed as they are written.
fn exit_now(code: ExitCode) -> ExitCode {
    use std::io::Write;
    if std::io::stdout().flush().is_err() {
        return ExitCode::FAILURE;
    }
    let status = if code == ExitCode::SUCCESS { 0 } else { 1 };
    // SAFETY: _exit ends the process at once; every buffer hyde writes
    // through has been flushed above or is unbuffered (stderr).
    unsafe { libc::_exit(status) }
}
