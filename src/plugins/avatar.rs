//! jekyll-avatar: `{% avatar user [size=N] [lazy=true] %}` or
//! `{% avatar user=page.author %}` writes a GitHub avatar `<img>` with a
//! srcset for 1x to 4x, spread over the avatar servers by a CRC-32 of the
//! image path, as the plugin does.

use std::sync::Arc;

use hyde_liquid::{Context, CustomTag, Error, ParseOptions, TagFactory, Template};

use crate::utils::to_s;

pub struct AvatarFactory;

#[derive(Debug)]
struct Avatar {
    /// The markup, itself a Liquid template (`{% avatar {{ page.user }} %}`).
    markup: Arc<Template>,
    /// `size=N` as written (read before Liquid runs), default 40.
    size: String,
    /// `user=variable`.
    user_variable: Option<String>,
}

impl TagFactory for AvatarFactory {
    fn parse(
        &self,
        _: &str,
        markup: &str,
        options: &ParseOptions,
    ) -> Result<Box<dyn CustomTag>, Error> {
        let text = markup.trim();
        let size = word_after(text, "size=", |c| c.is_ascii_digit()).unwrap_or_else(|| "40".into());
        let user_variable = word_after(text, "user=", |c| {
            c.is_alphanumeric() || c == '_' || c == '.'
        })
        .map(|v| v.trim_end_matches('.').to_string());
        Ok(Box::new(Avatar {
            markup: Arc::new(Template::parse(text, options)?),
            size,
            user_variable,
        }))
    }
}

/// The value after `key` (at a word start) made of `allowed` characters.
fn word_after(text: &str, key: &str, allowed: impl Fn(char) -> bool) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(key).map(|i| i + from) {
        let at_word_start = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let value: String = text[i + key.len()..]
            .chars()
            .take_while(|c| allowed(*c))
            .collect();
        if at_word_start && !value.is_empty() {
            return Some(value);
        }
        from = i + key.len();
    }
    None
}

impl CustomTag for Avatar {
    fn render(&self, ctx: &mut Context<'_>, out: &mut String) -> Result<(), Error> {
        let mut text = String::new();
        ctx.render_partial(&self.markup, None, &mut text)?;
        let username = match &self.user_variable {
            Some(var) => {
                let v = ctx.evaluate(var)?;
                if v.is_truthy() {
                    to_s(&v)
                } else {
                    var.clone()
                }
            }
            None => {
                let first = text.split(' ').next().unwrap_or("");
                first.replacen('@', "", usize::from(first.starts_with('@')))
            }
        };
        let size: u64 = self.size.parse().unwrap_or(0);
        let path = |scale: u64| {
            let s = if scale == 1 {
                self.size.clone()
            } else {
                (size * scale).to_string()
            };
            format!("{username}?v=3&s={s}")
        };
        let url = |scale: u64| match custom_host() {
            Some(base) => format!("{}{}", with_trailing_slash(&base), path(scale)),
            None => format!(
                "https://avatars{}.githubusercontent.com/{}",
                crc32(path(1).as_bytes()) % 4,
                path(scale)
            ),
        };
        let srcset = (1..=4)
            .map(|s| format!("{} {s}x", url(s)))
            .collect::<Vec<_>>()
            .join(", ");
        let class = if size < 48 {
            "avatar avatar-small"
        } else {
            "avatar"
        };
        let sz = &self.size;
        out.push_str(&format!(
            "<img class=\"{class}\" alt=\"{username}\" width=\"{sz}\" height=\"{sz}\" data-proofer-ignore=\"true\" "
        ));
        if text.contains("lazy=true") {
            out.push_str(&format!(
                "src=\"\" data-src=\"{}\" data-srcset=\"{srcset}\" />",
                url(1)
            ));
        } else {
            out.push_str(&format!("src=\"{}\" srcset=\"{srcset}\" />", url(1)));
        }
        Ok(())
    }
}

/// `PAGES_AVATARS_URL`: an avatar server that replaces GitHub's (GitHub
/// Enterprise); an empty value counts as unset.
fn custom_host() -> Option<String> {
    std::env::var("PAGES_AVATARS_URL")
        .ok()
        .filter(|h| !h.is_empty())
}

/// The base URL with its path ending in `/`, so the avatar path joins
/// beneath it (Addressable's `join`).
fn with_trailing_slash(base: &str) -> String {
    let path_start = base
        .find("://")
        .map(|i| i + 3 + base[i + 3..].find('/').unwrap_or(base.len() - i - 3))
        .unwrap_or(0);
    let (origin, path) = base.split_at(path_start);
    if path.ends_with('/') {
        base.to_string()
    } else {
        format!("{origin}{path}/")
    }
}

/// zlib's CRC-32 (IEEE), which picks the avatar server.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_zlib() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn custom_hosts_join_below_their_path() {
        assert_eq!(with_trailing_slash("http://h:8080"), "http://h:8080/");
        assert_eq!(with_trailing_slash("http://h/proxy"), "http://h/proxy/");
        assert_eq!(with_trailing_slash("http://h/p/"), "http://h/p/");
    }

    #[test]
    fn options_in_markup() {
        assert_eq!(
            word_after("hubot size=50", "size=", |c| c.is_ascii_digit()).as_deref(),
            Some("50")
        );
        assert_eq!(
            word_after("hubot xsize=50", "size=", |c| c.is_ascii_digit()),
            None
        );
    }
}
