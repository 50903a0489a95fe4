//! Front matter defaults (`defaults:` in `_config.yml`): which sets apply to
//! a file, and how a more specific scope wins.

use hyde_liquid::{Map, Value};

use crate::config::deep_merge;
use crate::reader::entry_filter::fnmatch;

/// One valid `defaults` entry.
#[derive(Debug, Clone)]
struct DefaultSet {
    path: String,
    /// The scope's `type`, already mapped from the deprecated singular names.
    kind: Option<String>,
    values: Map,
}

/// The site's `defaults:` sets, in configuration order.
#[derive(Debug, Clone, Default)]
pub struct FrontmatterDefaults {
    sets: Vec<DefaultSet>,
    collections_dir: String,
}

impl FrontmatterDefaults {
    /// Reads the sets; invalid ones are returned as warnings, as Jekyll warns.
    pub fn new(
        config: Option<&Value>,
        collections_dir: &str,
    ) -> (FrontmatterDefaults, Vec<String>) {
        let mut sets = Vec::new();
        let mut warnings = Vec::new();
        for set in config.and_then(Value::as_array).unwrap_or(&[]) {
            let Some(values) = set.get("values").and_then(Value::as_hash) else {
                warnings.push(format!(
                    "Defaults: An invalid front-matter default set was found: {set:?}"
                ));
                continue;
            };
            let scope = set.get("scope");
            let path = scope
                .and_then(|s| s.get("path"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let kind = scope
                .and_then(|s| s.get("type"))
                .map(crate::utils::to_s)
                .map(|t| match t.as_str() {
                    "page" => "pages".to_string(),
                    "post" => "posts".to_string(),
                    "draft" => "drafts".to_string(),
                    _ => t,
                });
            sets.push(DefaultSet {
                path,
                kind,
                values: values.clone(),
            });
        }
        let defaults = FrontmatterDefaults {
            sets,
            collections_dir: collections_dir.to_string(),
        };
        (defaults, warnings)
    }

    /// Every default value for a file (`FrontmatterDefaults#all`): matching
    /// sets merged so that more specific scopes win.
    pub fn all(&self, path: &str, kind: Option<&str>) -> Map {
        let mut merged = Map::new();
        let mut winner: Option<&DefaultSet> = None;
        for set in self.sets.iter().filter(|s| self.applies(s, path, kind)) {
            if has_precedence(winner, set) {
                deep_merge(&mut merged, &set.values);
                winner = Some(set);
            } else {
                let mut under = set.values.clone();
                deep_merge(&mut under, &merged);
                merged = under;
            }
        }
        merged
    }

    fn applies(&self, set: &DefaultSet, path: &str, kind: Option<&str>) -> bool {
        let type_ok = match &set.kind {
            None => true,
            Some(t) => kind == Some(t.as_str()),
        };
        type_ok && self.applies_path(&set.path, path)
    }

    fn applies_path(&self, scope: &str, path: &str) -> bool {
        if scope.is_empty() {
            return true;
        }
        let path = sanitize(path);
        if scope.contains('*') {
            // Jekyll globs the scope against the source tree and then asks
            // whether the path starts with a match; matching the path's own
            // ancestors against the glob gives the same answer.
            let scope = self.strip_collections_dir(scope.trim_start_matches('/'));
            let mut prefixes: Vec<&str> =
                path.match_indices('/').map(|(i, _)| &path[..i]).collect();
            prefixes.push(path);
            return prefixes
                .iter()
                .any(|p| glob_pathname(scope.as_bytes(), p.as_bytes()));
        }
        path.starts_with(self.strip_collections_dir(sanitize(scope)))
    }

    fn strip_collections_dir<'a>(&self, p: &'a str) -> &'a str {
        if self.collections_dir.is_empty() {
            return p;
        }
        p.strip_prefix(&format!("{}/", self.collections_dir))
            .map(|_| &p[self.collections_dir.len() + 1..])
            .unwrap_or(p)
    }
}

fn has_precedence(old: Option<&DefaultSet>, new: &DefaultSet) -> bool {
    let Some(old) = old else { return true };
    let (new_len, old_len) = (sanitize(&new.path).len(), sanitize(&old.path).len());
    if new_len != old_len {
        new_len >= old_len
    } else if new.kind.is_some() {
        true
    } else {
        old.kind.is_none()
    }
}

/// Jekyll's `sanitize_path`: a leading `/` and a trailing one go.
fn sanitize(path: &str) -> &str {
    match path.strip_prefix('/') {
        Some(p) => p.strip_suffix('/').unwrap_or(p),
        None => path,
    }
}

/// `Dir.glob` semantics for one path: `*` stays within a segment, `**/`
/// spans any number of segments.
fn glob_pathname(pattern: &[u8], path: &[u8]) -> bool {
    let pat_segs: Vec<&[u8]> = pattern.split(|&b| b == b'/').collect();
    let path_segs: Vec<&[u8]> = path.split(|&b| b == b'/').collect();
    match_segments(&pat_segs, &path_segs)
}

fn match_segments(pat: &[&[u8]], path: &[&[u8]]) -> bool {
    match pat.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if *first == b"**" => {
            (0..=path.len()).any(|i| match_segments(rest, &path[i..]))
        }
        Some((first, rest)) => match path.split_first() {
            Some((seg, path_rest)) => {
                (!seg.starts_with(b".") || first.starts_with(b"."))
                    && fnmatch(first, seg)
                    && match_segments(rest, path_rest)
            }
            None => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn defaults(yaml_text: &str) -> FrontmatterDefaults {
        let v = yaml::parse(yaml_text, None).unwrap();
        FrontmatterDefaults::new(Some(&v), "").0
    }

    #[test]
    fn specific_scope_wins() {
        let d = defaults(
            "- scope: {path: ''}\n  values: {layout: a, x: 1}\n\
             - scope: {path: 'docs', type: pages}\n  values: {layout: b}\n\
             - scope: {path: ''}\n  values: {layout: c}\n",
        );
        let all = d.all("docs/x.md", Some("pages"));
        assert_eq!(all.get("layout").and_then(Value::as_str), Some("b"));
        assert!(matches!(all.get("x"), Some(Value::Int(1))));
        let all = d.all("other.md", Some("pages"));
        assert_eq!(all.get("layout").and_then(Value::as_str), Some("c"));
    }

    #[test]
    fn type_and_glob_scopes() {
        let d = defaults(
            "- scope: {type: posts}\n  values: {layout: post}\n\
             - scope: {path: 'assets/*/img', type: pages}\n  values: {image: true}\n",
        );
        assert!(d.all("about.md", Some("pages")).get("layout").is_none());
        assert_eq!(
            d.all("_posts/a.md", Some("posts"))
                .get("layout")
                .and_then(Value::as_str),
            Some("post")
        );
        assert!(d
            .all("assets/x/img/a.md", Some("pages"))
            .contains_key("image"));
        assert!(!d
            .all("assets/x/y/img/a.md", Some("pages"))
            .contains_key("image"));
    }
}
