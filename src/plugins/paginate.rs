//! jekyll-paginate: splits `site.posts` over copies of the site's
//! `index.html`, at `paginate_path` (`/page:num` by default), each with its
//! `paginator`.
//!
//! Posts are rendered after this generator runs, so a paginator holds the
//! posts' relative paths; [`resolve`] swaps them for the rendered posts when
//! the page is rendered.

use std::path::Path;

use anyhow::Result;
use hyde_liquid::{Map, Value};

use crate::generators::Generator;
use crate::page::Page;
use crate::site::Site;

use super::ensure_leading_slash;

pub struct Pagination;

impl Generator for Pagination {
    fn name(&self) -> &str {
        "jekyll-paginate"
    }

    fn generate(&self, site: &mut Site) -> Result<()> {
        let per_page = match site.config.get("paginate") {
            None | Some(Value::Nil) => return Ok(()),
            Some(v) => to_i(v),
        };
        if site.source.pages.is_empty() {
            return Ok(());
        }
        let format = site
            .config
            .str("paginate_path")
            .unwrap_or("/page:num")
            .to_string();
        let Some(template) = template_page(site, &format) else {
            site.warnings.push(
                "Pagination: Pagination is enabled, but I couldn't find an index.html page to use as the pagination template. Skipping pagination."
                    .into(),
            );
            return Ok(());
        };
        if per_page <= 0 {
            anyhow::bail!("divided by 0: `paginate` must be a positive number");
        }
        let posts = posts_newest_first(site);
        let total_pages = posts.len().div_ceil(per_page as usize);
        let first_url = site.source.pages[template].url.clone();
        let path_of = |num: usize| -> Value {
            match num {
                0 => Value::Nil,
                1 => Value::from(first_url.as_str()),
                n => Value::from(ensure_leading_slash(&format.replacen(
                    ":num",
                    &n.to_string(),
                    1,
                ))),
            }
        };
        for num in 1..=total_pages {
            let start = (num - 1) * per_page as usize;
            let end = (start + per_page as usize).min(posts.len());
            let previous = num - 1;
            let next = if num == total_pages { 0 } else { num + 1 };
            let number = |n: usize| {
                if n == 0 {
                    Value::Nil
                } else {
                    Value::Int(n as i64)
                }
            };
            let mut m = Map::new();
            m.insert("page".into(), Value::Int(num as i64));
            m.insert("per_page".into(), Value::Int(per_page));
            m.insert(
                "posts".into(),
                Value::array(
                    posts[start..end]
                        .iter()
                        .map(|p| Value::from(p.as_str()))
                        .collect(),
                ),
            );
            m.insert("total_posts".into(), Value::Int(posts.len() as i64));
            m.insert("total_pages".into(), Value::Int(total_pages as i64));
            m.insert("previous_page".into(), number(previous));
            m.insert("previous_page_path".into(), path_of(previous));
            m.insert("next_page".into(), number(next));
            m.insert("next_page_path".into(), path_of(next));
            let paginator = Some(Value::hash(m));
            if num == 1 {
                site.source.pages[template].paginator = paginator;
                continue;
            }
            let mut page: Page = site.source.pages[template].clone();
            page.paginator = paginator;
            if page.get("permalink").is_none_or(Value::is_nil) {
                let dir = path_of(num);
                page.url = crate::url::page_url("/:path/", None, &[("path", dir.as_str())]);
            }
            site.source.pages.push(page);
        }
        Ok(())
    }
}

/// Ruby's `to_i` on the `paginate` setting.
fn to_i(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Float(f) => *f as i64,
        other => {
            let s = crate::utils::to_s(other);
            let s = s.trim_start();
            let digits: String = s
                .char_indices()
                .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && (*c == '-' || *c == '+')))
                .map(|(_, c)| c)
                .collect();
            digits.parse().unwrap_or(0)
        }
    }
}

/// The posts as `site.posts` lists them (newest first), minus `hidden` ones.
fn posts_newest_first(site: &Site) -> Vec<String> {
    let Some(posts) = site.source.collections.iter().find(|c| c.label == "posts") else {
        return Vec::new();
    };
    posts
        .docs
        .iter()
        .rev()
        .filter(|d| !d.data.get("hidden").is_some_and(Value::is_truthy))
        .map(|d| d.relative_path.clone())
        .collect()
}

/// The `index.html` pagination copies: the deepest one whose folder lies
/// between the source and `paginate_path`'s folder.
fn template_page(site: &Site, paginate_path: &str) -> Option<usize> {
    let source = &site.config.source;
    let target = source.join(paginate_path.trim_start_matches('/'));
    let target_dir = target.parent().unwrap_or(source);
    site.source
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.name == "index.html" && p.paginator.is_none())
        .filter(|(_, p)| {
            in_hierarchy(
                source,
                &source.join(p.dir.trim_start_matches('/')),
                target_dir,
            )
        })
        .max_by_key(|(i, p)| (p.path.as_os_str().len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// Whether `page_dir` is `dir` or one of its ancestors inside `source`.
fn in_hierarchy(source: &Path, page_dir: &Path, dir: &Path) -> bool {
    let page_dir = crate::config::normalize(page_dir);
    let mut dir = crate::config::normalize(dir);
    loop {
        if dir.parent().is_none() || Some(dir.as_path()) == source.parent() {
            return false;
        }
        if page_dir == dir {
            return true;
        }
        dir = dir.parent().unwrap_or(&dir).to_path_buf();
    }
}

/// The paginator a page renders with: its posts are the rendered ones from
/// `site.posts` (`site` is the render's `site` value).
pub fn resolve(paginator: &Value, site: &Value) -> Value {
    let Some(m) = paginator.as_hash() else {
        return paginator.clone();
    };
    let wanted: Vec<String> = m
        .get("posts")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(crate::utils::to_s).collect())
        .unwrap_or_default();
    let all = site.get("posts").and_then(Value::as_array);
    let posts: Vec<Value> = all
        .map(|all| {
            all.iter()
                .filter(|p| {
                    p.get("relative_path")
                        .and_then(Value::as_str)
                        .is_some_and(|r| wanted.iter().any(|w| w == r))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let mut m = m.clone();
    m.insert("posts".into(), Value::array(posts));
    Value::hash(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchy() {
        let src = Path::new("/s");
        assert!(in_hierarchy(src, Path::new("/s"), Path::new("/s")));
        assert!(in_hierarchy(src, Path::new("/s"), Path::new("/s/blog")));
        assert!(in_hierarchy(
            src,
            Path::new("/s/blog"),
            Path::new("/s/blog")
        ));
        assert!(!in_hierarchy(
            src,
            Path::new("/s/other"),
            Path::new("/s/blog")
        ));
        assert!(!in_hierarchy(
            src,
            Path::new("/s/blog/x"),
            Path::new("/s/blog")
        ));
    }

    #[test]
    fn ruby_to_i() {
        assert_eq!(to_i(&Value::from("3 per page")), 3);
        assert_eq!(to_i(&Value::Int(5)), 5);
        assert_eq!(to_i(&Value::from("x")), 0);
    }
}
