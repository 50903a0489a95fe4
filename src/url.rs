//! URLs and permalinks: filling a template's `:placeholders`, escaping, and
//! Jekyll's URL sanitising, plus the reverse mapping to an output path.

use std::borrow::Cow;

/// What a placeholder expands to, or None for an unknown placeholder
/// (Jekyll raises for those on documents).
pub trait Placeholders {
    fn get(&self, key: &str) -> Option<String>;
}

/// Jekyll's `URL#to_s` for a document: the permalink if set, else the
/// template, with `:name` placeholders replaced from `values`.
pub fn document_url(
    template: &str,
    permalink: Option<&str>,
    values: &dyn Placeholders,
) -> Result<String, String> {
    let source = permalink.unwrap_or(template);
    let mut out = String::with_capacity(source.len() + 16);
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b':' {
            let start = i + 1;
            let mut end = start;
            while end < bytes.len() && (bytes[end].is_ascii_lowercase() || bytes[end] == b'_') {
                end += 1;
            }
            if end > start {
                let name = &source[start..end];
                // `:title_` with only `title` known keeps the underscore.
                let (value, used_short) = match values.get(name) {
                    Some(v) => (Some(v), false),
                    None => (name.strip_suffix('_').and_then(|n| values.get(n)), true),
                };
                match value {
                    Some(v) => {
                        out.push_str(&escape_path(&v));
                        if used_short {
                            out.push('_');
                        }
                    }
                    None => {
                        let pool = match name.strip_suffix('_') {
                            Some(short) => format!("{name} or {short}"),
                            None => name.to_string(),
                        };
                        return Err(format!(
                            "The URL template doesn't have {pool} keys. Check your permalink template!"
                        ));
                    }
                }
                i = end;
                continue;
            }
        }
        let ch_len = source[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&source[i..i + ch_len]);
        i += ch_len;
    }
    Ok(sanitize_url(&out))
}

/// Jekyll's `URL#to_s` for a page: placeholders come from an ordered list
/// and a nil value removes `/:key` altogether.
pub fn page_url(
    template: &str,
    permalink: Option<&str>,
    values: &[(&str, Option<&str>)],
) -> String {
    let mut result = permalink.unwrap_or(template).to_string();
    for (key, value) in values {
        if !result.contains(':') {
            break;
        }
        result = match value {
            None => result.replace(&format!("/:{key}"), ""),
            Some(v) => result.replace(&format!(":{key}"), &escape_path(v)),
        };
    }
    sanitize_url(&result)
}

/// `"/#{str}".gsub("..", "/").gsub("./", "").squeeze("/")`.
pub fn sanitize_url(s: &str) -> String {
    if !s.contains("./") && !s.contains("//") && !s.contains("..") {
        // Nothing to collapse or remove: most URLs.
        let mut out = String::with_capacity(s.len() + 1);
        if !s.starts_with('/') {
            out.push('/');
        }
        out.push_str(s);
        return out;
    }
    let with_slash = format!("/{s}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(with_slash.len());
    for c in with_slash.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

/// `URL.escape_path`: Addressable's URI encoding of a path, `#` as `%23`.
pub fn escape_path(path: &str) -> Cow<'_, str> {
    if path.is_empty()
        || path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'-'))
    {
        return Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() + 8);
    let mut in_query = false;
    let mut fragment_seen = false;
    for &b in path.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=:@/".contains(&b)
            || (in_query && b == b'?');
        if b == b'?' && !in_query && !fragment_seen {
            in_query = true;
            out.push('?');
        } else if b == b'#' && !fragment_seen {
            fragment_seen = true;
            out.push_str("%23");
        } else if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Cow::Owned(out)
}

/// `URL.unescape_path`: percent-decoding, for output paths.
pub fn unescape_path(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Bytes, not `&path[..]`: a multi-byte character may follow `%`
        // (found by fuzzing); and only two hex digits escape (`%+1` does not).
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1..i + 3].iter().all(u8::is_ascii_hexdigit)
        {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `Utils.add_permalink_suffix`.
pub fn add_permalink_suffix(template: &str, style: &str) -> String {
    let mut t = template.to_string();
    match style {
        "pretty" => t.push('/'),
        "date" | "ordinal" | "none" => t.push_str(":output_ext"),
        other => {
            if other.ends_with('/') {
                t.push('/');
            }
            if other.ends_with(":output_ext") {
                t.push_str(":output_ext");
            }
        }
    }
    t
}

/// Jekyll's `in_dest_dir` for a destination-relative path: resolved as if
/// the destination were `/`, so `..` (say from a `%2e%2e` permalink) never
/// climbs out of it. Empty when nothing is left. A path with nothing to
/// resolve (most are) is borrowed.
pub fn confine(rel: &str) -> Cow<'_, str> {
    // Output paths come rooted (`/a/b.html`): the leading slashes are
    // only empty segments, dropped without building anything.
    let unrooted = rel.trim_start_matches('/');
    if !has_dot_or_empty_segment(unrooted) {
        return Cow::Borrowed(unrooted);
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    Cow::Owned(parts.join("/"))
}

/// Whether some `/`-separated segment of `path` is empty, `.` or `..`: one
/// pass over the bytes, as every output path is checked several times.
fn has_dot_or_empty_segment(path: &str) -> bool {
    let b = path.as_bytes();
    // Most paths have no segment starting with a dot and no `//`: two
    // substring searches tell, where the walk below costs ~400 instructions.
    if !b.is_empty()
        && b[0] != b'.'
        && b[b.len() - 1] != b'/'
        && !path.contains("/.")
        && !path.contains("//")
    {
        return b[0] == b'/';
    }
    let mut start = 0;
    for i in 0..=b.len() {
        if i == b.len() || b[i] == b'/' {
            if matches!(&b[start..i], b"" | b"." | b"..") {
                return true;
            }
            start = i + 1;
        }
    }
    false
}

/// The destination-relative output path for a URL: `/a/` → `a/index.html`,
/// and `output_ext` appended unless the URL already ends with it.
pub fn output_path(url: &str, output_ext: &str, page_style: bool) -> String {
    let mut path = unescape_path(url);
    if url.ends_with('/') {
        if page_style {
            path.push_str("index");
        } else {
            path.push_str("index.html");
            return confine(&path).into_owned();
        }
    }
    if !path.ends_with(output_ext) {
        path.push_str(output_ext);
    }
    confine(&path).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Map(HashMap<&'static str, &'static str>);
    impl Placeholders for Map {
        fn get(&self, key: &str) -> Option<String> {
            self.0.get(key).map(|s| s.to_string())
        }
    }

    #[test]
    fn confine_resolves_dot_and_empty_segments_only() {
        for (path, want) in [
            ("a/b/index.html", "a/b/index.html"),
            ("a..b/.c/d.", "a..b/.c/d."),
            ("/a//b/", "a/b"),
            ("a/./b", "a/b"),
            ("../../a/../b", "b"),
            ("a/..", ""),
            (".", ""),
        ] {
            assert_eq!(confine(path), want, "{path}");
        }
        assert!(matches!(confine("a/b.html"), Cow::Borrowed(_)));
        assert!(matches!(confine("//a/b.html"), Cow::Borrowed("a/b.html")));
    }

    #[test]
    fn document_templates() {
        let m = Map(HashMap::from([
            ("categories", "a/b"),
            ("year", "2020"),
            ("title", "hello world"),
            ("output_ext", ".html"),
            ("path", "/x"),
        ]));
        assert_eq!(
            document_url("/:categories/:year/:title:output_ext", None, &m).unwrap(),
            "/a/b/2020/hello%20world.html"
        );
        assert_eq!(
            document_url("/:title_/", None, &m).unwrap(),
            "/hello%20world_/"
        );
        assert!(document_url("/:nope/", None, &m).is_err());
        assert_eq!(
            document_url("/x/", Some("/publication/:path/"), &m).unwrap(),
            "/publication/x/"
        );
    }

    #[test]
    fn page_templates_and_sanitising() {
        let v = [
            ("path", Some("/sub")),
            ("basename", Some("about")),
            ("output_ext", Some(".html")),
        ];
        assert_eq!(
            page_url("/:path/:basename:output_ext", None, &v),
            "/sub/about.html"
        );
        assert_eq!(page_url("", Some("/research/"), &v), "/research/");
        assert_eq!(sanitize_url("a/../b"), "/a/b");
    }

    #[test]
    fn sanitize_shortcut_agrees_with_the_rule() {
        let rule = |s: &str| {
            let mut out = String::new();
            for c in format!("/{s}").replace("..", "/").replace("./", "").chars() {
                if !(c == '/' && out.ends_with('/')) {
                    out.push(c);
                }
            }
            out
        };
        for s in [
            "", "/", "a", "/a/b/", "a/b.html", "/x/.y", "a.b/c", "/a//b", "./a", "/.a.", ".",
        ] {
            assert_eq!(sanitize_url(s), rule(s), "{s:?}");
        }
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_path("héllo wörld"), "h%C3%A9llo%20w%C3%B6rld");
        assert_eq!(escape_path("a#b"), "a%23b");
        assert_eq!(unescape_path("/h%C3%A9llo%20x/"), "/héllo x/");
        // Found by fuzzing: `%` before a multi-byte character panicked.
        assert_eq!(unescape_path("/a%é/%4"), "/a%é/%4");
        assert_eq!(unescape_path("%+1%2f"), "%+1/");
        assert_eq!(output_path("/a/", ".html", true), "a/index.html");
        assert_eq!(output_path("/a/b", ".html", false), "a/b.html");
        assert_eq!(output_path("/feed.xml", ".xml", true), "feed.xml");
        // `%2e%2e` survives sanitize_url and decodes to `..` only here.
        assert_eq!(
            output_path("/%2e%2e/%2E%2E/x.html", ".html", false),
            "x.html"
        );
        assert_eq!(
            output_path("/a/%2e%2e/%2e%2e/b/", ".html", true),
            "b/index.html"
        );
    }
}
