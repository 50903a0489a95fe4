//! Excerpts: the part of a document before `excerpt_separator`, with
//! unclosed Liquid blocks closed and needed link definitions appended,
//! as Jekyll's `Excerpt#extract_excerpt` does.

/// Liquid block tags whose end tag Jekyll adds when the separator splits them.
const BLOCK_TAGS: &[&str] = &[
    "if",
    "unless",
    "case",
    "for",
    "tablerow",
    "capture",
    "comment",
    "raw",
    "highlight",
    "ifchanged",
];

/// `Document#excerpt_separator` (and `Page#`'s): the item's own
/// `excerpt_separator`, else the site's; empty means no excerpt.
pub fn separator(
    own: Option<&hyde_liquid::Value>,
    config: &crate::config::Configuration,
) -> String {
    own.map(crate::utils::to_s)
        .unwrap_or_else(|| config.str("excerpt_separator").unwrap_or("").to_string())
}

/// The excerpt's source text for `content`.
pub fn extract(
    content: &str,
    separator: &str,
    relative_path: &str,
    warnings: &mut Vec<String>,
) -> String {
    // memmem: the separator (`\n\n`) is looked for in every document, and
    // the general substring search cost more than the rest of extracting.
    let Some(at) = memchr::memmem::find(content.as_bytes(), separator.as_bytes()) else {
        return content.to_string();
    };
    let mut head = content[..at].to_string();
    let tail = &content[at + separator.len()..];
    if tail.is_empty() {
        return head;
    }
    if head.contains("{%") {
        let mut modified = false;
        for tag in tag_names(&head).into_iter().rev() {
            if !BLOCK_TAGS.contains(&tag.as_str()) || has_end_tag(&head, &tag) {
                continue;
            }
            modified = true;
            head.push_str(&format!("\n{{% end{tag} %}}"));
        }
        if modified {
            warnings.push(format!(
                "Warning: Excerpt modified in {relative_path}!\n         Found a Liquid block containing the excerpt separator {separator:?}.\n         The block has been modified with the appropriate closing tag."
            ));
        }
    }
    // A definition is a line `[label]: …` whose label the head uses.
    if !head.contains('[') || !tail.contains("]:") {
        return head;
    }
    let definitions: Vec<String> = tail
        .lines()
        .filter_map(link_definition)
        .filter(|(label, _)| head.contains(label.as_str()))
        .map(|(label, rest)| format!("{label}{rest}"))
        .collect();
    if definitions.is_empty() {
        return head;
    }
    format!("{head}\n\n{}", definitions.join("\n"))
}

/// Names of tags in `{%-? name ... -?%}`, in order.
fn tag_names(s: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("{%") {
        let after = rest[i + 2..].trim_start_matches('-').trim_start();
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(close) = rest[i..].find("%}") else {
            break;
        };
        if !name.is_empty() {
            names.push(name);
        }
        rest = &rest[i + close + 2..];
    }
    names
}

fn has_end_tag(head: &str, tag: &str) -> bool {
    let end = format!("end{tag}");
    let mut rest = head;
    while let Some(i) = rest.find("{%") {
        let after = rest[i + 2..].trim_start_matches('-').trim_start();
        if after.starts_with(&end) && rest[i..].contains("%}") {
            return true;
        }
        rest = &rest[i + 2..];
    }
    false
}

/// `^ {0,3}(\[[^\]]+\])(:.+)$` → (label, rest).
fn link_definition(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 || !trimmed.starts_with('[') {
        return None;
    }
    let close = trimmed.find(']')?;
    if close == 1 {
        return None;
    }
    let rest = &trimmed[close + 1..];
    if !rest.starts_with(':') || rest.len() < 2 {
        return None;
    }
    Some((trimmed[..=close].to_string(), rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_paragraph_and_link_definitions() {
        let mut w = Vec::new();
        assert_eq!(
            extract(
                "a [x][1]\n\nb\n\n[1]: http://e.org\n",
                "\n\n",
                "p.md",
                &mut w
            ),
            "a [x][1]\n\n[1]: http://e.org"
        );
        assert_eq!(extract("only", "\n\n", "p.md", &mut w), "only");
        assert!(w.is_empty());
    }

    #[test]
    fn closes_open_blocks() {
        let mut w = Vec::new();
        let e = extract("{% if x %}\na\n\nb\n{% endif %}\n", "\n\n", "p.md", &mut w);
        assert_eq!(e, "{% if x %}\na\n{% endif %}");
        assert_eq!(w.len(), 1);
    }
}
