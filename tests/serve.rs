//! `hyde serve` end to end: a real server on a free loopback port, a temp
//! copy of a small site, edits to its source, and what HTTP then returns;
//! an edit replay that compares the served destination with a clean
//! `hyde build`; a load test; and a headless Chromium live-reload test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const EPOCH: &str = "1700000000";

/// Held by the tests that load the machine, so that Chromium's start-up
/// does not race the load test for two cores.
static HEAVY: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A small site: a layout with includes, a page listing the posts, plain
/// pages, posts, a stylesheet, data and a 404 page.
fn make_site(root: &Path) {
    write(root, "_config.yml", "title: Test site\nexclude: [notes]\n");
    write(
        root,
        "_layouts/default.html",
        "<!DOCTYPE html>\n<html><head>{% include head.html %}</head>\n<body>{{ content }}{% include foot.html %}</body></html>\n",
    );
    write(
        root,
        "_layouts/post.html",
        "---\nlayout: default\n---\n<article>{{ content }}</article>\n",
    );
    write(root, "_includes/head.html", "<title>{{ page.title }} | {{ site.title }}</title>\n<link rel=\"stylesheet\" href=\"{{ '/css/style.css' | relative_url }}\">\n");
    write(root, "_includes/foot.html", "<footer>foot v1</footer>\n");
    write(
        root,
        "index.html",
        "---\nlayout: default\ntitle: Home\n---\n<ul>{% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}</ul>\n",
    );
    write(
        root,
        "about.md",
        "---\nlayout: default\ntitle: About\n---\nAbout **v1**\n",
    );
    write(
        root,
        "plain.md",
        "---\nlayout: default\ntitle: Plain\n---\nplain {{ page.title }}\n",
    );
    write(
        root,
        "404.html",
        "---\nlayout: default\ntitle: Lost\n---\nNothing here (custom 404)\n",
    );
    write(
        root,
        "_posts/2020-01-01-hello.md",
        "---\nlayout: post\ntitle: Hello\n---\nHello post\n",
    );
    write(
        root,
        "_posts/2020-02-01-second.md",
        "---\nlayout: post\ntitle: Second\n---\nSecond post\n",
    );
    write(root, "css/style.css", "body { color: black }\n");
    write(root, "notes/todo.md", "---\n---\nexcluded\n");
}

struct Server {
    child: Child,
    port: u16,
    lr_port: u16,
    lines: Receiver<String>,
    source: PathBuf,
    dest: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path, extra: &[&str]) -> Server {
    start_with(root, extra, &[])
}

fn start_with(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let source = root.join("src");
    let dest = root.join("out");
    let port = free_port();
    let lr_port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .arg("serve")
        .arg("-s")
        .arg(&source)
        .arg("-d")
        .arg(&dest)
        .args([
            "-P",
            &port.to_string(),
            "--livereload-port",
            &lr_port.to_string(),
        ])
        .args(extra)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("HYDE_SERVE_DEBOUNCE_MS", "30")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting hyde serve");
    let (tx, lines) = channel();
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let tx2 = tx.clone();
    std::thread::spawn(move || {
        for l in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    std::thread::spawn(move || {
        for l in BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx2.send(format!("stderr: {l}"));
        }
    });
    let server = Server {
        child,
        port,
        lr_port,
        lines,
        source,
        dest,
    };
    server.wait_for("Server address:", Duration::from_secs(60));
    server
}

impl Server {
    /// Waits for a line containing `needle`; returns it.
    fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) if l.contains(needle) => return l,
                Ok(l) => eprintln!("  | {l}"),
                Err(_) => panic!("no line with {needle:?} within {timeout:?}"),
            }
        }
    }

    /// Waits for the rebuilds an edit triggers to finish, then for 400 ms
    /// without output. Returns how many rebuilds ran and whether the last
    /// one failed; `None` if none started within `wait`.
    fn settle(&self, wait: Duration) -> Option<(usize, bool)> {
        let mut failed = false;
        let mut rebuilds = 0;
        let mut finished = 0;
        let deadline = Instant::now() + wait;
        loop {
            // Quiet only counts once every rebuild that started has ended
            // (a loaded machine can take longer than the quiet period).
            let left = if rebuilds > 0 && finished == rebuilds {
                Duration::from_millis(400)
            } else if rebuilds > 0 {
                Duration::from_secs(60)
            } else {
                deadline.saturating_duration_since(Instant::now())
            };
            match self.lines.recv_timeout(left) {
                Ok(l) if l.contains("Regenerating:") => {
                    eprintln!("  | {l}");
                    rebuilds += 1;
                }
                Ok(l) if l.contains("done in") => {
                    eprintln!("  | {l}");
                    finished += 1;
                    failed = false;
                }
                Ok(l) if l.contains("stderr:") && l.contains("Error:") => {
                    eprintln!("  | {l}");
                    finished += 1;
                    failed = true;
                }
                Ok(l) => eprintln!("  | {l}"),
                Err(_) if rebuilds > 0 && finished == rebuilds => return Some((rebuilds, failed)),
                Err(_) if rebuilds > 0 => panic!("a rebuild did not finish within 60 s"),
                Err(_) => return None,
            }
        }
    }

    /// Like [`settle`](Self::settle), but a rebuild must start.
    fn rebuilt(&self) -> (usize, bool) {
        self.settle(Duration::from_secs(30))
            .expect("no rebuild started within 30 s")
    }

    fn get(&self, path: &str) -> (u16, String) {
        get(self.port, path)
    }
}

fn get(port: u16, path: &str) -> (u16, String) {
    let (status, _, body) = get_full(port, path);
    (status, body)
}

/// Status, head and body.
fn get_full(port: u16, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_string(), body.to_string())
}

fn poll(server: &Server, path: &str, want: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = server.get(path);
        if body.contains(want) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never showed {want:?}: {body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_edits_and_refuses_escapes() {
    let tmp = tempfile::tempdir().unwrap();
    make_site(&tmp.path().join("src"));
    write(tmp.path(), "secret.txt", "top secret");
    let server = start(tmp.path(), &["--livereload"]);

    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("<li>Second</li><li>Hello</li>"), "{home}");
    assert!(home.contains(&format!(
        "livereload.js?snipver=1&amp;port={}",
        server.lr_port
    )));
    assert!(!std::fs::read_to_string(server.dest.join("index.html"))
        .unwrap()
        .contains("livereload"));
    let (status, about) = server.get("/about");
    assert_eq!(status, 200);
    assert!(about.contains("About <strong>v1</strong>"));
    let (status, css) = server.get("/css/style.css");
    assert_eq!((status, css.as_str()), (200, "body { color: black }\n"));
    let (status, body) = server.get("/missing/page.html");
    assert_eq!(status, 404);
    assert!(body.contains("custom 404"));
    for bad in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..\\secret.txt",
        "/index.html%00",
        "/css/..%5c..%5csecret.txt",
    ] {
        let (status, body) = server.get(bad);
        assert!(status == 403 || status == 404, "{bad}: {status}");
        assert!(!body.contains("top secret"), "{bad}");
    }
    // No listing without `show_dir_listing`.
    assert_eq!(server.get("/css/").0, 403);
    let (status, js) = get(server.lr_port, "/livereload.js");
    assert_eq!(status, 200);
    assert!(js.contains("new WebSocket"));

    // An edit shows up.
    write(
        &server.source,
        "about.md",
        "---\nlayout: default\ntitle: About\n---\nAbout **v2**\n",
    );
    poll(&server, "/about.html", "About <strong>v2</strong>");
    // An include edit reaches every page using it.
    write(
        &server.source,
        "_includes/foot.html",
        "<footer>foot v2</footer>\n",
    );
    poll(&server, "/2020/02/01/second.html", "foot v2");
    poll(&server, "/", "foot v2");

    // A failed rebuild keeps the last good site and shows the error; the
    // next good save clears it.
    write(
        &server.source,
        "plain.md",
        "---\nlayout: default\ntitle: Plain\n---\n{% if %}broken\n",
    );
    let body = poll(&server, "/plain.html", "hyde-error-overlay");
    assert!(body.contains("plain.md:5"), "{body}");
    assert!(body.contains("plain Plain"));
    write(
        &server.source,
        "plain.md",
        "---\nlayout: default\ntitle: Plain\n---\nfixed\n",
    );
    poll(&server, "/plain.html", "fixed");
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.get("/plain.html").1.contains("hyde-error-overlay") {
        assert!(Instant::now() < deadline, "the error banner stayed");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serves_under_baseurl_like_jekyll() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    make_site(&src);
    write(
        &src,
        "_config.yml",
        "title: Test site\nurl: https://example.org\nshow_dir_listing: true\n",
    );
    write(
        &src,
        "where.html",
        "---\n---\n{{ site.url }}|{{ site.baseurl }}|{{ '/x/' | absolute_url }}\n",
    );
    write(
        &src,
        "_drafts/draft.md",
        "---\ntitle: Draft\ndate: 2020-05-05\npermalink: /draft/\n---\na draft\n",
    );
    write(&src, "fonts/a.woff2", "woff2");
    write(&src, "img/a.svg", "<svg/>");
    write(&src, "data.json", "{}");
    let server = start(tmp.path(), &["-b", "/blog", "--drafts", "--no-watch"]);
    let port = server.port;
    // `site.url` is the local address, as `jekyll serve` sets it.
    let (status, body) = server.get("/blog/where.html");
    assert_eq!(status, 200);
    assert_eq!(
        body.trim(),
        format!("http://localhost:{port}|/blog|http://localhost:{port}/blog/x/")
    );
    assert!(server
        .get("/blog/about")
        .1
        .contains("About <strong>v1</strong>"));
    assert!(server.get("/blog/draft/").1.contains("a draft"));
    // Outside the baseurl: the site's 404 page, with status 404.
    let (status, body) = server.get("/about.html");
    assert_eq!(status, 404);
    assert!(body.contains("custom 404"));
    let (status, head, _) = get_full(port, "/blog");
    assert_eq!(status, 301);
    assert!(head.lines().any(|l| l == "Location: /blog/"), "{head}");
    // Listings with `show_dir_listing`.
    let (status, body) = server.get("/blog/css/");
    assert_eq!(status, 200);
    assert!(body.contains("style.css"), "{body}");
    for (path, mime) in [
        ("/blog/css/style.css", "text/css"),
        ("/blog/fonts/a.woff2", "font/woff2"),
        ("/blog/img/a.svg", "image/svg+xml"),
        ("/blog/data.json", "application/json"),
        ("/blog/", "text/html"),
    ] {
        let (status, head, _) = get_full(port, path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("Content-Type: {mime}")),
            "{path}: {head}"
        );
    }
}

#[test]
fn a_panic_in_a_rebuild_does_not_stop_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    make_site(&tmp.path().join("src"));
    let server = start_with(tmp.path(), &[], &[("HYDE_SERVE_TEST_PANIC", "boom.md")]);
    write(&server.source, "boom.md", "---\n---\nboom\n");
    let line = server.wait_for("Error:", Duration::from_secs(30));
    assert!(line.contains("panicked"), "{line}");
    assert_eq!(server.get("/about.html").0, 200);
    // The next save rebuilds everything, the new page included.
    write(
        &server.source,
        "about.md",
        "---\nlayout: default\ntitle: About\n---\nAbout after the panic\n",
    );
    poll(&server, "/about.html", "About after the panic");
    poll(&server, "/boom.html", "boom");
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn skip_initial_build_serves_what_is_there_until_a_save() {
    let tmp = tempfile::tempdir().unwrap();
    make_site(&tmp.path().join("src"));
    write(&tmp.path().join("out"), "old.html", "left from before");
    let server = start(tmp.path(), &["--skip-initial-build"]);
    assert_eq!(server.get("/old.html"), (200, "left from before".into()));
    assert_eq!(server.get("/about.html").0, 404);
    // The first save builds everything, and cleans what no longer belongs.
    write(
        &server.source,
        "about.md",
        "---\nlayout: default\ntitle: About\n---\nAbout now\n",
    );
    poll(&server, "/about.html", "About now");
    assert!(server.get("/").1.contains("<li>Second</li>"));
    // Cleaning comes after writing: give the rebuild time to finish it.
    let deadline = Instant::now() + Duration::from_secs(20);
    while server.get("/old.html").0 != 404 {
        assert!(Instant::now() < deadline, "old.html was never cleaned");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `_config.yml` plus what `hyde serve` merges over it, so a clean build
/// of the same source writes what the server should have written.
fn clean_build(server: &Server, into: &Path) {
    let overlay = into.with_extension("yml");
    std::fs::write(
        &overlay,
        format!(
            "url: http://localhost:{}\nhost: 127.0.0.1\nport: '{}'\nserving: true\nwatch: true\n",
            server.port, server.port
        ),
    )
    .unwrap();
    let config = server.source.join("_config.yml");
    let status = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .arg("build")
        .arg("-q")
        .arg("-s")
        .arg(&server.source)
        .arg("-d")
        .arg(into)
        .arg("--config")
        .arg(format!("{},{}", config.display(), overlay.display()))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .status()
        .unwrap();
    assert!(status.success());
}

fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn assert_same_as_clean(server: &Server, step: &str, n: usize) {
    let clean = server.dest.parent().unwrap().join(format!("clean{n}"));
    clean_build(server, &clean);
    let served = tree(&server.dest);
    let expected = tree(&clean);
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&served),
        names(&expected),
        "after {step}: file lists differ"
    );
    for ((name, a), (_, b)) in served.iter().zip(&expected) {
        assert!(
            a == b,
            "after {step}: {name} differs\n--- served\n{}\n--- clean\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

#[test]
fn edit_sequences_equal_a_clean_build() {
    let tmp = tempfile::tempdir().unwrap();
    make_site(&tmp.path().join("src"));
    let server = start(tmp.path(), &[]);
    let s = server.source.clone();
    let rm = |rel: &str| std::fs::remove_file(s.join(rel)).unwrap();
    let mv = |a: &str, b: &str| std::fs::rename(s.join(a), s.join(b)).unwrap();
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step> = vec![
        (
            "edit a page",
            Box::new(|| {
                write(
                    &s,
                    "about.md",
                    "---\nlayout: default\ntitle: About\n---\nAbout v2\n",
                )
            }),
        ),
        (
            "add a search page over the pages' contents",
            Box::new(|| {
                write(
                    &s,
                    "search.json",
                    "---\n---\n{% for p in site.pages %}{{ p.name }}: {{ p.content | size }}\n{% endfor %}",
                );
                write(&s, "zzz.md", "---\ntitle: Last\n---\nLast *one*\n");
            }),
        ),
        (
            // Only it and the search page render: the pages before it,
            // which the search page sees rendered, must render too.
            "edit a page after the search page",
            Box::new(|| write(&s, "zzz.md", "---\ntitle: Last\n---\nLast *one*, v2\n")),
        ),
        (
            "add a page listing the posts' excerpts and outputs",
            Box::new(|| {
                write(
                    &s,
                    "listing.html",
                    "---\n---\n{% for post in site.posts %}{{ post.title }}: {{ post.excerpt }} ({{ post.output | size }})\n{% endfor %}",
                )
            }),
        ),
        (
            "edit a post body",
            Box::new(|| {
                write(
                    &s,
                    "_posts/2020-02-01-second.md",
                    "---\nlayout: post\ntitle: Second\n---\nSecond post, longer now\n",
                )
            }),
        ),
        (
            "edit a post title",
            Box::new(|| {
                write(
                    &s,
                    "_posts/2020-01-01-hello.md",
                    "---\nlayout: post\ntitle: Hello again\n---\nHello post\n",
                )
            }),
        ),
        (
            "add a page",
            Box::new(|| {
                write(
                    &s,
                    "new/page.md",
                    "---\nlayout: default\ntitle: New\n---\nnew page\n",
                )
            }),
        ),
        (
            "add a post",
            Box::new(|| {
                write(
                    &s,
                    "_posts/2021-03-01-third.md",
                    "---\nlayout: post\ntitle: Third\n---\nThird\n",
                )
            }),
        ),
        (
            "rename a post",
            Box::new(|| mv("_posts/2020-02-01-second.md", "_posts/2020-02-02-second.md")),
        ),
        ("delete a page", Box::new(|| rm("plain.md"))),
        (
            "edit a layout",
            Box::new(|| {
                write(
                    &s,
                    "_layouts/post.html",
                    "---\nlayout: default\n---\n<article class=\"v2\">{{ content }}</article>\n",
                )
            }),
        ),
        (
            "edit an include",
            Box::new(|| {
                write(
                    &s,
                    "_includes/foot.html",
                    "<footer>foot v3 {{ page.title }}</footer>\n",
                )
            }),
        ),
        (
            "add an include",
            Box::new(|| {
                write(&s, "_includes/extra.html", "<aside>extra</aside>\n");
                write(
                    &s,
                    "about.md",
                    "---\nlayout: default\ntitle: About\n---\nAbout v3 {% include extra.html %}\n",
                );
            }),
        ),
        (
            "edit the nested include",
            Box::new(|| write(&s, "_includes/extra.html", "<aside>extra v2</aside>\n")),
        ),
        (
            "add data",
            Box::new(|| {
                write(&s, "_data/people.yml", "- Ada\n- Grace\n");
                write(
                    &s,
                    "people.html",
                    "---\n---\n{% for p in site.data.people %}{{ p }};{% endfor %}\n",
                );
            }),
        ),
        (
            "edit data",
            Box::new(|| write(&s, "_data/people.yml", "- Ada\n- Grace\n- Barbara\n")),
        ),
        (
            "edit the config",
            Box::new(|| write(&s, "_config.yml", "title: Renamed site\nexclude: [notes]\n")),
        ),
        (
            "add a static file",
            Box::new(|| write(&s, "images/a.txt", "static a\n")),
        ),
        (
            "edit a static file",
            Box::new(|| write(&s, "css/style.css", "body { color: red }\n")),
        ),
        ("delete a static file", Box::new(|| rm("images/a.txt"))),
        (
            "copy a layout",
            Box::new(|| {
                write(
                    &s,
                    "_layouts/article.html",
                    "---\nlayout: default\n---\n<article class=\"v3\">{{ content }}</article>\n",
                )
            }),
        ),
        (
            "switch layouts in the config",
            Box::new(|| {
                write(&s, "_config.yml", "title: Renamed site\nexclude: [notes]\ndefaults:\n  - scope: {path: '', type: posts}\n    values: {layout: article}\n")
            }),
        ),
        (
            "edit an excluded file",
            Box::new(|| write(&s, "notes/todo.md", "---\n---\nstill excluded\n")),
        ),
        (
            "delete a post",
            Box::new(|| rm("_posts/2020-01-01-hello.md")),
        ),
        (
            "add a collection",
            Box::new(|| {
                write(&s, "_config.yml", "title: Renamed site\nexclude: [notes]\ncollections:\n  things: {output: true}\n");
                write(&s, "_things/one.md", "---\ntitle: One\n---\nthing one\n");
            }),
        ),
        (
            "edit a collection document",
            Box::new(|| write(&s, "_things/one.md", "---\ntitle: One\n---\nthing one v2\n")),
        ),
        (
            "include a page's file relatively",
            Box::new(|| {
                write(
                    &s,
                    "quoting.md",
                    "---\ntitle: Quoting\n---\n> {% include_relative about.md %}\n",
                )
            }),
        ),
        (
            "edit the page included relatively",
            Box::new(|| {
                write(
                    &s,
                    "about.md",
                    "---\nlayout: default\ntitle: About\n---\nAbout v4, quoted\n",
                )
            }),
        ),
        (
            "turn on a plugin that rewrites pages as they are read",
            Box::new(|| {
                write(&s, "_config.yml", "title: Renamed site\nexclude: [notes]\ncollections:\n  things: {output: true}\nplugins: [jekyll-relative-links]\n");
                write(
                    &s,
                    "links.md",
                    "---\ntitle: Links\n---\nSee [about](about.md).\n",
                );
            }),
        ),
        (
            "edit the text of a page that plugin rewrites",
            Box::new(|| {
                write(
                    &s,
                    "links.md",
                    "---\ntitle: Links\n---\nSee [the about page](about.md).\n",
                )
            }),
        ),
    ];
    assert_same_as_clean(&server, "the initial build", 0);
    for (n, (name, step)) in steps.iter().enumerate() {
        step();
        if name.contains("excluded") {
            // Nothing to rebuild: no rebuild may start.
            let r = server.settle(Duration::from_secs(1));
            assert!(r.is_none(), "{name}: a rebuild ran: {r:?}");
        } else {
            let (_, failed) = server.rebuilt();
            assert!(!failed, "{name}: the rebuild failed");
        }
        assert_same_as_clean(&server, name, n + 1);
    }
    // An editor's save (vim: probe file, backup by rename, write, remove
    // the backup) is one rebuild, and so is a checkout touching many files.
    std::fs::write(s.join("4913"), "").unwrap();
    std::fs::remove_file(s.join("4913")).unwrap();
    mv("about.md", "about.md~");
    write(
        &s,
        "about.md",
        "---\nlayout: default\ntitle: About\n---\nsaved by vim\n",
    );
    rm("about.md~");
    let (rebuilds, failed) = server.rebuilt();
    assert!(!failed);
    assert_eq!(rebuilds, 1, "an editor's save ran {rebuilds} rebuilds");
    assert_same_as_clean(&server, "an editor's save", 98);
    for i in 0..10 {
        write(
            &s,
            &format!("p/{i}.md"),
            &format!("---\nlayout: default\ntitle: P{i}\n---\ncheckout {i}\n"),
        );
    }
    let (rebuilds, failed) = server.rebuilt();
    assert!(!failed);
    assert_eq!(rebuilds, 1, "a burst of saves ran {rebuilds} rebuilds");
    assert_same_as_clean(&server, "a burst", 99);
}

#[test]
fn load_while_files_change() {
    let _alone = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().unwrap();
    make_site(&tmp.path().join("src"));
    for i in 0..40 {
        write(
            &tmp.path().join("src"),
            &format!("p/{i}.md"),
            &format!("---\nlayout: default\ntitle: P{i}\n---\npage {i}\n"),
        );
    }
    let server = start(tmp.path(), &[]);
    let port = server.port;
    // The clients keep asking until the editor is done (at most 2,000
    // requests each), so every edit lands while requests are in flight.
    let editing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let editor = {
        let s = server.source.clone();
        let editing = editing.clone();
        std::thread::spawn(move || {
            let mut n = 0;
            while n < 100 {
                write(
                    &s,
                    &format!("p/{}.md", n % 40),
                    &format!("---\nlayout: default\ntitle: P\n---\nedit {n}\n"),
                );
                if n % 10 == 0 {
                    write(
                        &s,
                        "_includes/foot.html",
                        &format!("<footer>{n}</footer>\n"),
                    );
                }
                n += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            editing.store(false, std::sync::atomic::Ordering::SeqCst);
            n
        })
    };
    let started = Instant::now();
    let clients: Vec<_> = (0..16)
        .map(|t| {
            let editing = editing.clone();
            std::thread::spawn(move || {
                let mut ok = 0usize;
                let mut failed = Vec::new();
                for i in 0..2000 {
                    if i >= 100 && !editing.load(std::sync::atomic::Ordering::SeqCst) {
                        break;
                    }
                    let path = match i % 4 {
                        0 => format!("/p/{}.html", (i + t) % 40),
                        1 => "/".to_string(),
                        2 => "/css/style.css".to_string(),
                        _ => "/about".to_string(),
                    };
                    let (status, body) = get(port, &path);
                    if status == 200 && !body.is_empty() {
                        ok += 1;
                    } else {
                        failed.push(format!("{path}: {status}"));
                    }
                }
                (ok, failed)
            })
        })
        .collect();
    let mut ok = 0;
    let mut failed = Vec::new();
    for c in clients {
        let (o, f) = c.join().unwrap();
        ok += o;
        failed.extend(f);
    }
    let edits = editor.join().unwrap();
    let rebuilds = std::iter::from_fn(|| server.lines.try_recv().ok())
        .filter(|l| l.contains("done in"))
        .count();
    println!(
        "load test: {} requests, {} failed, {edits} edits, {rebuilds} rebuilds finished meanwhile, {:.2} s",
        ok + failed.len(),
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(failed.is_empty(), "failed requests: {failed:?}");
}

/// An editor that truncates a file and fills it a while later (a slow
/// `cat > page.md`) must not unpublish the page in between; a file left
/// empty is published as what it now is, a static file.
#[test]
fn a_page_caught_empty_stays_until_filled() {
    let tmp = tempfile::tempdir().unwrap();
    make_site(&tmp.path().join("src"));
    let server = start(tmp.path(), &[]);
    assert_eq!(server.get("/about.html").0, 200);
    let about = server.source.join("about.md");
    let watching = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let client = {
        let watching = watching.clone();
        let port = server.port;
        std::thread::spawn(move || {
            let mut statuses = Vec::new();
            while watching.load(std::sync::atomic::Ordering::SeqCst) {
                statuses.push(get(port, "/about.html").0);
                std::thread::sleep(Duration::from_millis(5));
            }
            statuses
        })
    };
    // Truncated and closed: the watcher sees a finished save of nothing.
    drop(std::fs::File::create(&about).unwrap());
    std::thread::sleep(Duration::from_millis(600));
    std::fs::write(
        &about,
        "---\nlayout: default\ntitle: About\n---\nAbout **v3**\n",
    )
    .unwrap();
    poll(&server, "/about.html", "About <strong>v3</strong>");
    watching.store(false, std::sync::atomic::Ordering::SeqCst);
    let statuses = client.join().unwrap();
    let missing = statuses.iter().filter(|s| **s != 200).count();
    println!(
        "{} requests while about.md was empty, {missing} failed",
        statuses.len()
    );
    assert!(statuses.len() > 50, "too few requests: {}", statuses.len());
    assert_eq!(
        missing, 0,
        "about.html went missing while about.md was refilled"
    );

    // Left empty, it is no longer a page but a file copied as it is.
    std::fs::write(&about, "").unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while server.get("/about.html").0 != 404 {
        assert!(
            Instant::now() < deadline,
            "about.html stayed after about.md was emptied"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(server.get("/about.md"), (200, String::new()));
}

/// Reads a whole response (the server closes after it).
fn read_all(s: &mut TcpStream) -> String {
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

#[test]
fn slow_and_malformed_clients_do_not_stall_it() {
    let tmp = tempfile::tempdir().unwrap();
    make_site(&tmp.path().join("src"));
    let server = start(tmp.path(), &["--no-watch"]);
    let connect = || {
        let s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
        s
    };
    // Fifty clients send half a request line and go quiet.
    let idle: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = connect();
            s.write_all(b"GET /ab").unwrap();
            s
        })
        .collect();
    // Malformed ones get an answer and the door.
    let mut s = connect();
    s.write_all(b"\x01\x02 nonsense\r\n\r\n").unwrap();
    assert!(read_all(&mut s).starts_with("HTTP/1.1 400 "));
    let mut s = connect();
    s.write_all(b"GET / HTTP/1.1\r\nX-Big: ").unwrap();
    s.write_all(&[b'a'; 20_000]).unwrap();
    assert!(read_all(&mut s).starts_with("HTTP/1.1 431 "));
    let mut s = connect();
    s.write_all(b"GET / HTTP/9.9\r\n\r\n").unwrap();
    assert!(read_all(&mut s).starts_with("HTTP/1.1 505 "));
    // A normal request is answered while they all still hold their
    // connections (the 3 s read timeout is well under the 10 s the server
    // gives a request head).
    for _ in 0..5 {
        let mut s = connect();
        s.write_all(b"GET /about.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let reply = read_all(&mut s);
        assert!(reply.starts_with("HTTP/1.1 200 "), "{reply}");
        assert!(reply.contains("About <strong>v1</strong>"));
    }
    // Keep-alive: two pipelined requests on one connection.
    let mut s = connect();
    s.write_all(
        b"GET /about.html HTTP/1.1\r\nHost: x\r\n\r\nHEAD /css/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let reply = read_all(&mut s);
    assert_eq!(reply.matches("HTTP/1.1 200 OK").count(), 2, "{reply}");
    assert!(reply.contains("Content-Type: text/css"));
    for mut s in idle {
        s.set_nonblocking(true).unwrap();
        let mut b = [0u8; 16];
        let held = matches!(s.read(&mut b), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
        assert!(
            held,
            "a slow client was dropped early; the test proved nothing"
        );
    }
}

/// A minimal WebSocket client for the DevTools protocol.
struct Ws(TcpStream);

impl Ws {
    fn connect(url: &str) -> Ws {
        let rest = url.strip_prefix("ws://").unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        let mut s = TcpStream::connect(host).unwrap_or_else(|e| panic!("{url}: {e}"));
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET /{path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").unwrap();
        let mut head = Vec::new();
        let mut b = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            s.read_exact(&mut b).unwrap();
            head.push(b[0]);
        }
        assert!(
            head.starts_with(b"HTTP/1.1 101"),
            "{}",
            String::from_utf8_lossy(&head)
        );
        Ws(s)
    }

    fn send(&mut self, text: &str) {
        let p = text.as_bytes();
        let mut f = vec![0x81u8];
        if p.len() < 126 {
            f.push(0x80 | p.len() as u8);
        } else {
            f.push(0x80 | 126);
            f.extend_from_slice(&(p.len() as u16).to_be_bytes());
        }
        f.extend_from_slice(&[0, 0, 0, 0]); // a zero mask leaves the payload as is
        f.extend_from_slice(p);
        self.0.write_all(&f).unwrap();
    }

    fn recv(&mut self) -> String {
        let mut h = [0u8; 2];
        self.0.read_exact(&mut h).unwrap();
        let mut len = (h[1] & 0x7f) as usize;
        if len == 126 {
            let mut b = [0u8; 2];
            self.0.read_exact(&mut b).unwrap();
            len = u16::from_be_bytes(b) as usize;
        } else if len == 127 {
            let mut b = [0u8; 8];
            self.0.read_exact(&mut b).unwrap();
            len = u64::from_be_bytes(b) as usize;
        }
        let mut p = vec![0u8; len];
        self.0.read_exact(&mut p).unwrap();
        String::from_utf8_lossy(&p).into_owned()
    }

    /// Calls a DevTools method and returns its raw reply.
    fn call(&mut self, id: u32, method: &str, params: &str) -> String {
        self.send(&format!(
            "{{\"id\":{id},\"method\":\"{method}\",\"params\":{params}}}"
        ));
        loop {
            let m = self.recv();
            if m.contains(&format!("\"id\":{id},")) || m.contains(&format!("\"id\":{id}}}")) {
                return m;
            }
        }
    }

    /// Evaluates an expression in the page; returns the raw reply.
    fn eval(&mut self, id: u32, expr: &str) -> String {
        self.call(
            id,
            "Runtime.evaluate",
            &format!("{{\"expression\":\"{expr}\",\"returnByValue\":true}}"),
        )
    }
}

/// Headless Chromium with a DevTools port, killed on drop. Its stderr goes
/// to a file, so a browser that never comes up can say why.
struct Chromium {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Chromium {
    fn launch(binary: &Path, dir: &Path) -> Chromium {
        std::fs::create_dir_all(dir).unwrap();
        let log = dir.join("stderr.log");
        let port = free_port();
        let child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                // A container's small /dev/shm makes Chromium's renderers
                // crash or stall; temporary files work everywhere.
                "--disable-dev-shm-usage",
            ])
            .arg(format!("--user-data-dir={}", dir.join("profile").display()))
            .arg(format!("--remote-debugging-port={port}"))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        Chromium { child, port, log }
    }

    /// The DevTools socket of its first tab, or why there is none.
    fn page(&mut self, within: Duration) -> Result<String, String> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(url) = devtools_page(self.port) {
                return Ok(url);
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("it exited ({status}); {}", self.stderr_tail()));
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "no tab on DevTools port {} after {} s; {}",
                    self.port,
                    within.as_secs(),
                    self.stderr_tail()
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn stderr_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n  ! ");
        format!("its stderr ended with:\n  ! {tail}")
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|n| {
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                .map(move |d| d.join(n))
                .collect::<Vec<_>>()
        })
        .find(|p| p.is_file())
}

#[test]
fn chromium_reloads_on_edit() {
    let Some(browser) = chromium() else {
        println!(
            "SKIPPED chromium_reloads_on_edit: no chromium on PATH (apt-get install chromium)"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    make_site(&tmp.path().join("src"));
    let server = start(tmp.path(), &["--livereload"]);
    // Only one browser per run; the load test would starve its start-up.
    let _alone = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    // Chromium's first start on a fresh machine (font caches, profile) can
    // be slow or, in some containers, fail; the test is about hyde's
    // reload, so a browser that never comes up gets one more try, and the
    // reason is printed either way.
    let mut attempt = 0;
    let (_chrome, ws_url) = loop {
        attempt += 1;
        let mut chrome =
            Chromium::launch(&browser, &tmp.path().join(format!("chromium-{attempt}")));
        match chrome.page(Duration::from_secs(60)) {
            Ok(url) => break (chrome, url),
            Err(why) if attempt < 2 => {
                println!("chromium start-up attempt {attempt} failed, trying again: {why}")
            }
            Err(why) => panic!("chromium never opened a tab: {why}"),
        }
    };
    let mut ws = Ws::connect(&ws_url);
    let page = format!("http://127.0.0.1:{}/about.html", server.port);
    let navigated = ws.call(0, "Page.navigate", &format!("{{\"url\":\"{page}\"}}"));
    assert!(!navigated.contains("\"error\""), "{navigated}");
    let mut id = 0;
    let mut eval = |ws: &mut Ws, expr: &str| {
        id += 1;
        ws.eval(id, expr)
    };
    let wait =
        |ws: &mut Ws, eval: &mut dyn FnMut(&mut Ws, &str) -> String, expr: &str, what: &str| {
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                let r = eval(ws, expr);
                if r.contains("\"value\":true") {
                    return;
                }
                if Instant::now() > deadline {
                    while let Ok(l) = server.lines.try_recv() {
                        eprintln!("  | {l}");
                    }
                    panic!("{what}: {r}");
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        };
    let shows =
        |t: &str| format!("document.body !== null && document.body.innerText.includes('{t}')");
    wait(
        &mut ws,
        &mut eval,
        &shows("About v1"),
        "the page never loaded",
    );
    wait(
        &mut ws,
        &mut eval,
        "window.hydeLiveReloadOpen === true",
        "the live-reload client never connected",
    );
    // Mark this document: a reload replaces it.
    eval(&mut ws, "window.hydeMark = 1");
    let saved = Instant::now();
    write(
        &server.source,
        "about.md",
        "---\nlayout: default\ntitle: About\n---\nAbout **v2** reloaded\n",
    );
    wait(
        &mut ws,
        &mut eval,
        &shows("v2 reloaded"),
        "the page did not reload",
    );
    println!(
        "chromium: save to reloaded page in {} ms",
        saved.elapsed().as_millis()
    );
    let mark = eval(&mut ws, "String(window.hydeMark)");
    assert!(
        mark.contains("undefined"),
        "the page changed without a reload: {mark}"
    );

    // A stylesheet change swaps the stylesheet; the page stays.
    wait(
        &mut ws,
        &mut eval,
        "window.hydeLiveReloadOpen === true",
        "the live-reload client never reconnected",
    );
    eval(&mut ws, "window.hydeMark = 2");
    write(
        &server.source,
        "css/style.css",
        "body { color: rgb(255, 0, 0) }\n",
    );
    wait(
        &mut ws,
        &mut eval,
        "getComputedStyle(document.body).color === 'rgb(255, 0, 0)'",
        "the new stylesheet never applied",
    );
    let mark = eval(&mut ws, "String(window.hydeMark)");
    assert!(
        mark.contains("\"2\""),
        "a CSS change reloaded the page: {mark}"
    );

    // A failed rebuild shows the overlay without a reload; the fix clears it.
    write(
        &server.source,
        "about.md",
        "---\nlayout: default\ntitle: About\n---\n{% if %}broken\n",
    );
    wait(
        &mut ws,
        &mut eval,
        "document.getElementById('hyde-error-overlay') !== null && document.getElementById('hyde-error-overlay').innerText.includes('about.md:5')",
        "no error overlay",
    );
    write(
        &server.source,
        "about.md",
        "---\nlayout: default\ntitle: About\n---\nAbout v3 fixed\n",
    );
    wait(
        &mut ws,
        &mut eval,
        &format!(
            "{} && document.getElementById('hyde-error-overlay') === null",
            shows("v3 fixed")
        ),
        "the fix did not clear the overlay",
    );
}

/// The DevTools WebSocket URL of the browser's first tab (a target of type page).
fn devtools_page(port: u16) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(
        s,
        "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .ok()?;
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = s.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&data);
        let Some((head, body)) = text.split_once("\r\n\r\n") else {
            continue;
        };
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        if body.len() < length {
            continue;
        }
        // Each target is an object; find the page's.
        return body.split('{').find_map(|target| {
            if !target.contains("\"type\": \"page\"") {
                return None;
            }
            let i = target.find("\"webSocketDebuggerUrl\"")?;
            let rest = &target[i..];
            let start = rest.find("ws://")?;
            let end = rest[start..].find('"')?;
            Some(rest[start..start + end].to_string())
        });
    }
}
