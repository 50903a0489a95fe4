//! Entity lookup against kramdown's own table (not the full HTML5 list: kramdown
//! only knows these names, and unknown ones are written as `&amp;name;`).

use crate::entity_table::{NAMED, NUMERIC_ALIASES};

/// Code points of the entities kramdown writes for typographic symbols.
pub(crate) const MDASH: u32 = 8212;
pub(crate) const NDASH: u32 = 8211;
pub(crate) const HELLIP: u32 = 8230;
pub(crate) const LAQUO: u32 = 171;
pub(crate) const RAQUO: u32 = 187;
pub(crate) const NBSP: u32 = 160;

pub(crate) fn by_name(name: &str) -> Option<u32> {
    NAMED
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| NAMED[i].1)
}

/// The code point of a `smart_quotes` entity name. Kramdown's defaults are
/// answered without searching the table, which every document's writer did
/// four times.
pub(crate) fn quote(name: &str) -> Option<u32> {
    match name {
        "lsquo" => Some(0x2018),
        "rsquo" => Some(0x2019),
        "ldquo" => Some(0x201C),
        "rdquo" => Some(0x201D),
        _ => by_name(name),
    }
}

/// kramdown maps some numeric references (Windows-1252 range) to other code points.
pub(crate) fn alias(cp: u32) -> u32 {
    NUMERIC_ALIASES
        .iter()
        .find(|(c, _)| *c == cp)
        .map(|(_, to)| *to)
        .unwrap_or(cp)
}

/// The entity name kramdown knows for a code point.
pub(crate) fn name_of(cp: u32) -> Option<&'static str> {
    NAMED.iter().find(|(_, c)| *c == cp).map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        for (n, cp) in [("amp", 38), ("copy", 169), ("hellip", 8230), ("nbsp", 160)] {
            assert_eq!(by_name(n), Some(cp));
        }
        assert_eq!(by_name("nope"), None);
        for q in ["lsquo", "rsquo", "ldquo", "rdquo", "quot", "nope"] {
            assert_eq!(quote(q), by_name(q), "{q}");
        }
        let typo = [
            ("mdash", MDASH),
            ("ndash", NDASH),
            ("hellip", HELLIP),
            ("laquo", LAQUO),
            ("raquo", RAQUO),
            ("nbsp", NBSP),
        ];
        for (n, cp) in typo {
            assert_eq!(by_name(n), Some(cp), "{n}");
        }
        assert_eq!(alias(150), 8211);
    }
}
