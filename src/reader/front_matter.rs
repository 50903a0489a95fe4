//! Splitting a file into YAML front matter and content, with Jekyll's rule:
//! `\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)` (multiline).

/// The parts of a file that starts with front matter.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    /// The YAML between the fences (the opening `---` line included, as
    /// Jekyll hands it to Psych; it parses as a document start marker).
    pub yaml: &'a str,
    /// Everything after the closing fence line.
    pub content: &'a str,
    /// The 1-based line of `content`'s first line in the file.
    pub content_line: usize,
}

/// `Utils.has_yaml_header?`: the first line is `---` plus optional spaces.
pub fn has_yaml_header(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix(b"---") else {
        return false;
    };
    let line_end = rest.iter().position(|&b| b == b'\n');
    match line_end {
        Some(i) => rest[..i].iter().all(|b| b.is_ascii_whitespace()),
        // Ruby's readline on a file without a newline returns the whole
        // file, and `---\s*\r?\n` then needs a newline that is not there.
        None => false,
    }
}

/// Splits `text`, or None when it has no complete front matter block.
pub fn split(text: &str) -> Option<Split<'_>> {
    // Lines are found with memchr: the `char` searcher's set-up cost more
    // than the short lines of front matter.
    let first_end = memchr::memchr(b'\n', text.as_bytes())?;
    let first = &text[..first_end];
    if !first.starts_with("---") || !first[3..].chars().all(char::is_whitespace) {
        return None;
    }
    // Psych is handed `---\s*\n.*?\n?`; the closing fence is the first line
    // (after the opening one) that is `---` or `...` followed by blanks only.
    let mut pos = first_end + 1;
    // The opening `---\s*\n` may itself swallow blank lines (`\s*` matches
    // newlines), but Psych sees the same text either way.
    loop {
        if pos > text.len() {
            return None;
        }
        let line_end =
            memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let line = &text[pos..line_end];
        if let Some(fence_end) = fence_end(text, pos, line) {
            return Some(Split {
                yaml: &text[..pos],
                content: &text[fence_end..],
                content_line: 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..fence_end]).count(),
            });
        }
        if line_end >= text.len() {
            return None;
        }
        pos = line_end + 1;
    }
}

/// Where content starts if `line` (at byte `pos`) closes the front matter.
///
/// Jekyll's `(---|\.\.\.)\s*$\n?` lets `\s*` run over following blank
/// lines, so whitespace-only lines after the fence are not content.
fn fence_end(text: &str, pos: usize, line: &str) -> Option<usize> {
    if !(line.starts_with("---") || line.starts_with("...")) {
        return None;
    }
    let after = pos + 3;
    let ws_len = text[after..]
        .find(|c: char| !c.is_ascii_whitespace())
        .unwrap_or(text.len() - after);
    let run = &text[after..after + ws_len];
    if after + ws_len == text.len() {
        return Some(text.len());
    }
    run.rfind('\n').map(|i| after + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let s = split("---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "---\ntitle: x\n");
        assert_eq!(s.content, "body\n");
        assert_eq!(s.content_line, 4);
    }

    #[test]
    fn empty_front_matter_and_dots_fence() {
        let s = split("---\n---\nhi").unwrap();
        assert_eq!((s.yaml, s.content), ("---\n", "hi"));
        let s = split("--- \na: 1\n...\n").unwrap();
        assert_eq!(s.content, "");
        // Blank lines after the fence are eaten; indentation is not.
        let s = split("---\n---\n\n  \n  body\n").unwrap();
        assert_eq!((s.content, s.content_line), ("  body\n", 5));
        assert!(split("---\n--- x\n").is_none());
    }

    #[test]
    fn no_front_matter() {
        assert!(split("title\n---\n").is_none());
        assert!(split("---\nno closing\n").is_none());
        assert!(has_yaml_header(b"---\n"));
        assert!(has_yaml_header(b"---  \r\n"));
        assert!(!has_yaml_header(b"----\n"));
        assert!(!has_yaml_header(b"---"));
    }
}
