//! Layouts (`_layouts/NAME.ext`): a template with front matter whose own
//! `layout:` chains it into another.

use std::path::PathBuf;

use hyde_liquid::Map;

#[derive(Debug, Clone)]
pub struct Layout {
    /// The name pages refer to: the path under `_layouts` without extension.
    pub name: String,
    /// Absolute source path.
    pub path: PathBuf,
    /// Source-relative path, for messages (`_layouts/default.html`).
    pub relative_path: String,
    pub data: Map,
    pub content: String,
    /// The 1-based line where `content` starts, for error locations.
    pub content_line: usize,
}

impl Layout {
    /// The layout this one is placed in, if any.
    pub fn parent(&self) -> Option<String> {
        self.data
            .get("layout")
            .map(crate::utils::to_s)
            .filter(|s| !s.is_empty())
    }
}
