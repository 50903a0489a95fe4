//! Loops of a layout that read only `site`, rendered once per render pass.
//!
//! A layout renders once for every page, and its navigation, "recent
//! posts" and publication lists come out the same each time: on the bench
//! site two such loops were 7% of a build's instructions. A `for` at the
//! top level of a shared template (a layout), whose body can change nothing
//! outside itself, renders once per [`Memo`] and its text is reused, when
//! that render read nothing but `site`, `jekyll` and what the loop binds:
//! no other variable, no counter, no document's `content`, `output` or
//! `excerpt` (those change as pages render), and it gave no warning and
//! left no `break` pending. Anything else renders as it always did.

use std::collections::HashMap;
use std::sync::Mutex;

use super::*;

/// Loops rendered in one pass, by loop and by the `site` they read (the
/// newest posts each see a `site` of their own).
#[derive(Default)]
pub struct Memo {
    entries: Mutex<HashMap<(usize, usize), Entry>>,
}

struct Entry {
    /// Held so that its address, part of the key, is not reused.
    _site: Value,
    output: Box<str>,
    /// The `offset: continue` positions the loop left, set again on reuse.
    offsets: Vec<(Box<str>, i64)>,
}

impl Memo {
    /// Loops rendered once and kept.
    pub fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Lets go of the loops kept, and of the `site` values they hold.
    pub fn clear(&self) {
        if let Ok(mut e) = self.entries.lock() {
            e.clear();
        }
    }
}

/// A loop whose body can change nothing outside it: no `assign`,
/// `capture`, counter, `cycle`, `ifchanged`, include or plugin tag, and no
/// `offset: continue` (which reads where an earlier loop stopped).
pub(crate) fn self_contained(f: &ForTag) -> bool {
    !matches!(f.offset, ForOffset::Continue)
        && block_contained(&f.body)
        && f.else_body.as_ref().is_none_or(block_contained)
}

/// The same of a whole template (an include).
pub(crate) fn block_contained(b: &Block) -> bool {
    b.nodes.iter().all(|n| match n {
        Node::Text(_) | Node::Output(_) => true,
        Node::Tag(t) => match &t.tag {
            Tag::If { branches, .. } => branches.iter().all(|(_, b)| block_contained(b)),
            Tag::Case { bodies, .. } => bodies.iter().all(block_contained),
            Tag::For(f) => self_contained(f),
            Tag::Raw(_) | Tag::Comment | Tag::Break | Tag::Continue | Tag::Echo(_) => true,
            _ => false,
        },
    })
}

impl<'a> Context<'a> {
    /// The pass's memo, where a tag may use it: at the top level of a
    /// shared template (a layout), outside any loop, include or rendering
    /// for the memo.
    pub(super) fn top_level_memo(&self) -> Option<&'a Memo> {
        if self.shared && self.memo_base == 0 && self.scopes.len() == 1 {
            self.env.memo()
        } else {
            None
        }
    }

    /// A tag at a shared template's top level (a `for`, a plain include),
    /// `node` its address: the memo's text when this pass rendered it
    /// already for the same `site`, else rendered by `render` and, if that
    /// read nothing else, kept.
    pub(super) fn render_memo(
        &mut self,
        node: usize,
        memo: &Memo,
        out: &mut String,
        render: impl FnOnce(&mut Self, &mut String) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let site = match self.globals.get("site") {
            Some(site @ Value::Hash(h)) => (site, Arc::as_ptr(h) as usize),
            _ => return render(self, out),
        };
        let key = (node, site.1);
        let kept = memo.entries.lock().ok().and_then(|entries| {
            entries.get(&key).map(|e| {
                out.push_str(&e.output);
                e.offsets.clone()
            })
        });
        if let Some(offsets) = kept {
            for (name, offset) in offsets {
                self.set_for_offset(&name, offset);
            }
            return Ok(());
        }
        let timeline_reads = crate::linked::timeline_reads();
        let warnings = self.env.warnings_given();
        let start = out.len();
        self.memo_base = self.scopes.len();
        self.memo_tainted.set(false);
        self.memo_offsets.clear();
        let result = render(self, out);
        self.memo_base = 0;
        let alone = result.is_ok()
            && !self.memo_tainted.get()
            && self.interrupt.is_none()
            && crate::linked::timeline_reads() == timeline_reads
            && self.env.warnings_given() == warnings;
        if alone {
            // Every loop inside that stopped somewhere, as it stands now:
            // not only those that moved, since what stood before may differ.
            let offsets = self
                .for_offsets
                .iter()
                .filter(|(n, _)| self.memo_offsets.contains(n))
                .cloned()
                .collect();
            if let Ok(mut entries) = memo.entries.lock() {
                entries.insert(
                    key,
                    Entry {
                        _site: site.0.clone(),
                        output: out[start..].into(),
                        offsets,
                    },
                );
            }
        }
        result
    }
}
