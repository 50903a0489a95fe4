//! Serving the destination as Jekyll's WEBrick servlet does: under
//! `baseurl`, `/dir/` → `dir/index.html`, `/page` → `page.html`, the site's
//! `404.html` with status 404, listings only with `show_dir_listing`. No
//! file outside the destination is ever read: suspicious paths are refused
//! before the file system is touched, and symlinks are resolved and checked.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

/// What the server needs to know about the site, updated by rebuilds.
pub struct ServeState {
    pub destination: PathBuf,
    pub settings: RwLock<Settings>,
    /// The last rebuild's error, shown in a banner until a good rebuild.
    pub error: RwLock<Option<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `baseurl` without its trailing slash (`""` or `/blog`).
    pub baseurl: String,
    pub show_dir_listing: bool,
    /// `<script>` to inject into HTML (`--livereload`).
    pub livereload_script: Option<String>,
}

/// A response before it is sent.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    pub location: Option<String>,
}

impl Reply {
    pub fn text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            body: body.as_bytes().to_vec(),
            location: None,
        }
    }
}

/// How a request path resolves.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder without an index, or its listing.
    Dir(PathBuf),
    /// `/dir` → `/dir/`.
    Redirect(String),
    NotFound,
    Forbidden,
}

/// Decodes `%XX`; `None` for a malformed escape or an escape that would
/// smuggle a separator or NUL (`%2f`, `%5c`, `%00`).
fn percent_decode(path: &str) -> Option<Vec<u8>> {
    let b = path.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            let v = u8::from_str_radix(hex, 16).ok()?;
            if matches!(v, b'/' | b'\\' | 0) {
                return None;
            }
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Resolves a request target (`/blog/a/?x=1`) inside `destination`.
pub fn resolve(destination: &Path, baseurl: &str, target: &str) -> Resolved {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let Some(bytes) = percent_decode(raw) else {
        return Resolved::Forbidden;
    };
    let Ok(path) = String::from_utf8(bytes) else {
        return Resolved::Forbidden;
    };
    if !path.starts_with('/') || path.contains(['\\', '\0']) {
        return Resolved::Forbidden;
    }
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Resolved::Forbidden;
    }
    let rest = if baseurl.is_empty() {
        path.as_str()
    } else if path == baseurl {
        return Resolved::Redirect(format!("{baseurl}/"));
    } else {
        match path.strip_prefix(baseurl) {
            Some(r) if r.starts_with('/') => r,
            _ => return Resolved::NotFound,
        }
    };
    let rel = rest.trim_start_matches('/');
    // Windows-style drive or device names never name a file here.
    if rel.split('/').any(|s| s.contains(':')) {
        return Resolved::Forbidden;
    }
    let Ok(root) = destination.canonicalize() else {
        return Resolved::NotFound;
    };
    let candidate = root.join(rel);
    let inside = |p: &Path| -> Option<Option<PathBuf>> {
        match p.canonicalize() {
            Ok(real) if real.starts_with(&root) => Some(Some(real)),
            Ok(_) => None,
            Err(_) => Some(None),
        }
    };
    match inside(&candidate) {
        None => Resolved::Forbidden,
        Some(Some(real)) if real.is_dir() => {
            if !rest.ends_with('/') && !rest.is_empty() {
                // `//host/` in Location would send the browser to another
                // host (found by fuzzing).
                let mut to = format!("/{}", path.trim_start_matches('/'));
                to.push('/');
                if let Some(q) = target.find('?') {
                    to.push_str(&target[q..]);
                }
                return Resolved::Redirect(to);
            }
            for index in [
                "index.html",
                "index.htm",
                "index.xhtml",
                "index.xml",
                "index.json",
            ] {
                match inside(&real.join(index)) {
                    None => return Resolved::Forbidden,
                    Some(Some(f)) if f.is_file() => return Resolved::File(f),
                    _ => {}
                }
            }
            Resolved::Dir(real)
        }
        Some(Some(real)) => Resolved::File(real),
        Some(None) => {
            // `/page` → `page.html`, as Jekyll's servlet looks it up.
            if !rel.is_empty() && !rel.ends_with('/') {
                match inside(&root.join(format!("{rel}.html"))) {
                    None => return Resolved::Forbidden,
                    Some(Some(f)) if f.is_file() => return Resolved::File(f),
                    _ => {}
                }
            }
            Resolved::NotFound
        }
    }
}

/// The MIME type for a file name, by extension (WEBrick's and Jekyll's
/// table for the common ones).
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "application/javascript; charset=utf-8",
        "json" | "map" | "webmanifest" => "application/json; charset=utf-8",
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" | "md" | "markdown" | "text" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "svg" | "svgz" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" | "jpe" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "eot" => "application/vnd.ms-fontobject",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" | "tgz" => "application/gzip",
        "wasm" => "application/wasm",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "wav" => "audio/wav",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "ogv" => "video/ogg",
        "vtt" => "text/vtt; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "bib" | "tex" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Inserts the live-reload script and, after a failed rebuild, the error
/// banner into an HTML page (never into the source or the destination).
pub fn inject(html: Vec<u8>, script: Option<&str>, error: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(e) = error {
        extra.push_str(&error_banner(e));
    }
    if let Some(s) = script {
        extra.push_str(s);
    }
    if extra.is_empty() {
        return html;
    }
    let lower = html.to_ascii_lowercase();
    let at = find(&lower, b"</head>")
        .or_else(|| find(&lower, b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The overlay a failed rebuild shows in served pages.
pub fn error_banner(message: &str) -> String {
    format!(
        "<div id=\"hyde-error-overlay\" style=\"position:fixed;z-index:2147483647;top:0;left:0;right:0;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#300;color:#fdd;font:13px/1.4 monospace;white-space:pre-wrap\">hyde: the last rebuild failed; serving the last good site.\n\n{}</div>",
        escape_html(message)
    )
}

pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Answers one request (GET and HEAD; anything else is 405).
pub fn respond(state: &ServeState, method: &str, target: &str) -> Reply {
    if method != "GET" && method != "HEAD" {
        return Reply::text(405, "Method Not Allowed\n");
    }
    let settings = state
        .settings
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let error = state
        .error
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let html = |status: u16, path: &Path| -> Option<Reply> {
        let body = fs::read(path).ok()?;
        let content_type = mime_type(path).to_string();
        let body = if content_type.starts_with("text/html") {
            inject(
                body,
                settings.livereload_script.as_deref(),
                error.as_deref(),
            )
        } else {
            body
        };
        Some(Reply {
            status,
            content_type,
            body,
            location: None,
        })
    };
    let not_found = || {
        let page = state.destination.join("404.html");
        html(404, &page).unwrap_or_else(|| Reply::text(404, "Not Found\n"))
    };
    match resolve(&state.destination, &settings.baseurl, target) {
        Resolved::File(path) => html(200, &path).unwrap_or_else(not_found),
        Resolved::Dir(dir) if settings.show_dir_listing => Reply {
            status: 200,
            content_type: "text/html; charset=utf-8".into(),
            body: listing(&dir, target).into_bytes(),
            location: None,
        },
        Resolved::Dir(_) => Reply::text(403, "Forbidden\n"),
        Resolved::Redirect(to) => Reply {
            location: Some(to),
            ..Reply::text(301, "Moved Permanently\n")
        },
        Resolved::NotFound => not_found(),
        Resolved::Forbidden => Reply::text(403, "Forbidden\n"),
    }
}

/// A plain index of a folder, as WEBrick's fancy indexing lists it.
fn listing(dir: &Path, target: &str) -> String {
    let path = target.split('?').next().unwrap_or("/");
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| {
                    let mut n = e.file_name().to_string_lossy().into_owned();
                    if e.path().is_dir() {
                        n.push('/');
                    }
                    n
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><title>Index of {0}</title></head><body><h1>Index of {0}</h1><ul>\n<li><a href=\"../\">Parent Directory</a></li>\n",
        escape_html(path)
    );
    for n in names {
        out.push_str(&format!(
            "<li><a href=\"{0}\">{0}</a></li>\n",
            escape_html(&n)
        ));
    }
    out.push_str("</ul></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("_site");
        fs::create_dir_all(d.join("blog/sub")).unwrap();
        fs::create_dir_all(d.join("empty")).unwrap();
        fs::write(d.join("index.html"), "<html><head></head>home</html>").unwrap();
        fs::write(d.join("about.html"), "about").unwrap();
        fs::write(d.join("blog/index.html"), "blog").unwrap();
        fs::write(d.join("blog/sub/x.css"), "x").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn resolves_like_webrick() {
        let t = site();
        let d = t.path().join("_site");
        let real = d.canonicalize().unwrap();
        assert_eq!(
            resolve(&d, "", "/"),
            Resolved::File(real.join("index.html"))
        );
        assert_eq!(
            resolve(&d, "", "/about"),
            Resolved::File(real.join("about.html"))
        );
        assert_eq!(
            resolve(&d, "", "/blog/?a=b"),
            Resolved::File(real.join("blog/index.html"))
        );
        assert_eq!(
            resolve(&d, "", "/blog?a=b"),
            Resolved::Redirect("/blog/?a=b".into())
        );
        assert_eq!(
            resolve(&d, "", "/empty/"),
            Resolved::Dir(real.join("empty"))
        );
        assert_eq!(resolve(&d, "", "/nope"), Resolved::NotFound);
        assert_eq!(
            resolve(&d, "/base", "/base/about.html"),
            Resolved::File(real.join("about.html"))
        );
        assert_eq!(resolve(&d, "/base", "/about.html"), Resolved::NotFound);
        assert_eq!(
            resolve(&d, "/base", "/basex/about.html"),
            Resolved::NotFound
        );
        assert_eq!(
            resolve(&d, "/base", "/base"),
            Resolved::Redirect("/base/".into())
        );
        assert_eq!(
            resolve(&d, "", "//blog?x=1"),
            Resolved::Redirect("/blog/?x=1".into())
        );
    }

    #[test]
    fn refuses_escapes() {
        let t = site();
        let d = t.path().join("_site");
        for bad in [
            "/../secret.txt",
            "/blog/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/about.html%00",
            "/%zz",
            "/c:/x",
            "secret.txt",
        ] {
            let r = resolve(&d, "", bad);
            assert!(
                matches!(r, Resolved::Forbidden | Resolved::NotFound),
                "{bad}: {r:?}"
            );
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(t.path().join("secret.txt"), d.join("link.txt")).unwrap();
            std::os::unix::fs::symlink(t.path(), d.join("up")).unwrap();
            assert_eq!(resolve(&d, "", "/link.txt"), Resolved::Forbidden);
            assert_eq!(resolve(&d, "", "/up/secret.txt"), Resolved::Forbidden);
            assert_eq!(resolve(&d, "", "/up/"), Resolved::Forbidden);
        }
    }

    #[test]
    fn mime_types_and_injection() {
        assert_eq!(mime_type(Path::new("a.CSS")), "text/css; charset=utf-8");
        assert_eq!(mime_type(Path::new("a.woff2")), "font/woff2");
        assert_eq!(
            mime_type(Path::new("feed.xml")),
            "application/xml; charset=utf-8"
        );
        let out = inject(b"<html><HEAD></HEAD></html>".to_vec(), Some("<s>"), None);
        assert_eq!(out, b"<html><HEAD><s></HEAD></html>");
        let out = inject(b"plain".to_vec(), Some("<s>"), Some("<bad>"));
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("plain<div id=\"hyde-error-overlay\""));
        assert!(out.contains("&lt;bad&gt;") && out.ends_with("<s>"));
    }
}
