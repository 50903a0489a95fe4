//! jekyll-mentions: `@name` in a page's or document's HTML output becomes a
//! link to that profile, `<a href='BASE/name' class='user-mention'>@name</a>`.
//!
//! The plugin hands the `<body>` (or the whole output when there is none) to
//! html-pipeline's `MentionFilter` as soon as the raw HTML holds anything
//! that looks like a mention, even inside an attribute or a code block, and
//! the whole fragment is then written back by Nokogiri; [`html`] reproduces
//! that round trip. Text under `pre`, `code`, `a`, `style` and `script` is
//! left alone. Excerpts are not touched (they have no hooks in Jekyll).

mod entities;
pub mod html;

use anyhow::{bail, Result};
use hyde_liquid::Value;

use super::PostRender;
use crate::renderer::Item;
use html::Node;

pub struct Mentions {
    /// The site's `jekyll-mentions:` setting.
    config: Option<Value>,
}

impl Mentions {
    pub fn new(config: &crate::config::Configuration) -> Mentions {
        Mentions {
            config: config.get("jekyll-mentions").cloned(),
        }
    }
}

impl PostRender for Mentions {
    fn post_render(&self, item: &Item<'_>, output: String) -> Result<String> {
        if !mentionable(item) || !output.contains('@') {
            return Ok(output);
        }
        // Front matter's `jekyll-mentions` replaces the site's.
        let setting = match item.data.get("jekyll-mentions") {
            Some(v) => Some(v),
            None => self.config.as_ref(),
        };
        let base = base_url(setting, item.relative_path)?;
        Ok(mentionify(&output, &base))
    }
}

fn mentionable(item: &Item<'_>) -> bool {
    let permalink_dir = item
        .data
        .get("permalink")
        .and_then(Value::as_str)
        .is_some_and(|p| p.ends_with('/'));
    // hyde renders excerpts as items of their own; Jekyll runs no hooks on them.
    !item.relative_path.ends_with("/#excerpt")
        && (item.output_ext == ".html" || permalink_dir)
        && !matches!(item.data.get("jekyll-mentions"), Some(Value::Bool(false)))
}

/// The profile base: the setting as a string, or its `base_url`, else
/// GitHub (or the Enterprise host that `SSL` and `GITHUB_HOSTNAME` name).
fn base_url(setting: Option<&Value>, file: &str) -> Result<Option<String>> {
    Ok(match setting {
        None | Some(Value::Nil) => Some(default_base()),
        Some(Value::Hash(h)) => match h.get("base_url") {
            None => Some(default_base()),
            // An explicit empty `base_url:` leaves html-pipeline's "/".
            Some(Value::Nil) => None,
            Some(v) => Some(crate::utils::to_s(v)),
        },
        Some(v) if v.as_str().is_some() => Some(crate::utils::to_s(v)),
        Some(_) => bail!(
            "{file}: Your jekyll-mentions config has to either be a string or a hash. \
             (jekyll-mentions stops the build)"
        ),
    })
}

fn default_base() -> String {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let (ssl, host) = (var("SSL"), var("GITHUB_HOSTNAME"));
    if !ssl.is_empty() && !host.is_empty() {
        let scheme = if ssl == "true" { "https://" } else { "http://" };
        format!("{scheme}{}", host.strip_suffix('/').unwrap_or(&host))
    } else {
        "https://github.com".into()
    }
}

/// Runs the filter over the body of `output` (or all of it without one).
fn mentionify(output: &str, base: &Option<String>) -> String {
    let base = base.as_deref().unwrap_or("/");
    if let Some(open) = output.find("<body") {
        // The opening tag and the blanks after it stay outside the fragment.
        let Some(gt) = output[open..].find('>') else {
            return output.to_string();
        };
        let mut body_start = open + gt + 1;
        let after = &output[body_start..];
        body_start += after.len()
            - after
                .trim_start_matches([' ', '\t', '\n', '\r', '\x0c', '\x0b'])
                .len();
        let tail = &output[body_start..];
        let body_end = tail.find("</body>").unwrap_or(tail.len());
        let body = &tail[..body_end];
        if mentions(body).is_empty() {
            return output.to_string();
        }
        let mut out = String::with_capacity(output.len() + 256);
        out.push_str(&output[..body_start]);
        out.push_str(&filter(body, base));
        out.push_str(&tail[body_end..]);
        out
    } else if mentions(output).is_empty() {
        output.to_string()
    } else {
        filter(output, base)
    }
}

fn filter(html: &str, base: &str) -> String {
    let mut nodes = html::parse(html);
    link_mentions(&mut nodes, base);
    if body_tag_at_line_start(html) {
        // Nokogiri's fragment parser then returns the `<body>` element itself
        // (its test is `/^\s*?<body/i`), which is written out with the rest.
        nodes = vec![Node::Element(html::Element {
            name: "body".into(),
            attrs: Vec::new(),
            children: nodes,
        })];
    }
    html::serialize(&nodes)
}

/// Whether some line starts with blanks and `<body`, in any case.
fn body_tag_at_line_start(html: &str) -> bool {
    html.split('\n').any(|line| {
        let t = line.trim_start_matches([' ', '\t', '\r', '\x0c', '\x0b']);
        t.len() >= 5 && t.as_bytes()[..5].eq_ignore_ascii_case(b"<body")
    })
}

/// Ruby's `\w` (ASCII only in these regexps).
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The mentions in `text`: (start of `@`, end of the login), as
/// html-pipeline's pattern finds them scanning left to right: an `@` at a
/// line start or after a non-word character the previous match did not
/// take, a login of word characters and dashes not starting with a dash,
/// not followed by `/`, nor by a single dot and a word character.
fn mentions(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while let Some(off) = text[i..].find('@') {
        let at = i + off;
        i = at + 1;
        let line_start = at == 0 || b[at - 1] == b'\n';
        let prev = text[..at].chars().next_back();
        let after_nonword = at > from && prev.is_some_and(|c| !is_word(c));
        if !((line_start && at >= from) || after_nonword) {
            continue;
        }
        let login_start = at + 1;
        if !b.get(login_start).is_some_and(|&c| is_word(c as char)) {
            continue;
        }
        let mut end = login_start;
        while b.get(end).is_some_and(|&c| is_word(c as char) || c == b'-') {
            end += 1;
        }
        let ok = match b.get(end) {
            None | Some(b'\n') => true,
            Some(b'/') => false,
            Some(b'.') => {
                let dots = b[end..].iter().take_while(|&&c| c == b'.').count();
                match text[end + 1..].chars().next() {
                    _ if dots >= 2 => true,
                    None | Some('\n') => true,
                    Some(c) => !is_word(c),
                }
            }
            Some(_) => true,
        };
        if ok {
            found.push((at, end));
            from = end;
            i = end;
        }
    }
    found
}

/// Logins that link to GitHub's help about mentions instead, and which the
/// plugin (having no such link) leaves as they are.
fn is_mention_word(login: &str) -> bool {
    matches!(
        login.to_ascii_lowercase().as_str(),
        "mention" | "mentions" | "mentioned" | "mentioning"
    )
}

fn link_mentions(nodes: &mut Vec<Node>, base: &str) {
    let mut i = 0;
    while i < nodes.len() {
        match &mut nodes[i] {
            Node::Element(el)
                if !matches!(el.name.as_str(), "pre" | "code" | "a" | "style" | "script") =>
            {
                link_mentions(&mut el.children, base);
            }
            Node::Text(t) if t.contains('@') => {
                let replacement = split_text(t, base);
                if !matches!(replacement.as_slice(), [Node::Text(_)]) {
                    let n = replacement.len();
                    nodes.splice(i..=i, replacement);
                    i += n;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The text as nodes: plain runs and a link for each mention.
fn split_text(text: &str, base: &str) -> Vec<Node> {
    let mut out = Vec::new();
    let mut last = 0;
    let mut linked = false;
    for (at, end) in mentions(text) {
        let login = &text[at + 1..end];
        if is_mention_word(login) {
            continue;
        }
        if at > last {
            out.push(Node::Text(text[last..at].to_string()));
        }
        let mut url = base.to_string();
        if !url.ends_with('/') && !url.ends_with('~') {
            url.push('/');
        }
        url.push_str(login);
        out.push(Node::Element(html::Element {
            name: "a".into(),
            attrs: vec![
                ("href".into(), Some(url)),
                ("class".into(), Some("user-mention".into())),
            ],
            children: vec![Node::Text(format!("@{login}"))],
        }));
        last = end;
        linked = true;
    }
    if !linked {
        return vec![Node::Text(text.to_string())];
    }
    if last < text.len() {
        out.push(Node::Text(text[last..].to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        mentionify(s, &Some("https://github.com".into()))
    }

    #[test]
    fn finds_mentions_as_html_pipeline_does() {
        let logins = |s: &str| -> Vec<String> {
            mentions(s)
                .into_iter()
                .map(|(a, e)| s[a + 1..e].to_string())
                .collect()
        };
        assert_eq!(logins("hi @bob and @al-ice."), ["bob", "al-ice"]);
        assert!(logins("mail me@example.com").is_empty());
        assert!(logins("@bob/repo @bob.x").is_empty());
        assert_eq!(logins("@a@b (@c) @d.. @_e"), ["a", "c", "d", "_e"]);
        assert_eq!(logins("é@bob"), ["bob"]);
    }

    #[test]
    fn links_text_but_not_code() {
        assert_eq!(
            run("<p>hi @bob</p>\n<pre><code>@x\n</code></pre>\n"),
            "<p>hi <a href=\"https://github.com/bob\" class=\"user-mention\">@bob</a></p>\n\
             <pre><code>@x\n</code></pre>\n"
        );
        assert_eq!(run("<p>@mention me</p>"), "<p>@mention me</p>");
    }
}
