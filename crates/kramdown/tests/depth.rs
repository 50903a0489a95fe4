//! Pathological nesting must not overflow the stack (tests run on 2 MB threads),
//! and nests exactly as deep as kramdown under Jekyll does.

use hyde_kramdown::{to_html, try_to_html_with, Caller, Options, TooDeep};

fn convert(src: &str) -> String {
    to_html(src, &Options::default(), None)
}

#[test]
fn deep_structures_do_not_overflow() {
    let n = 1000;
    // Nesting by indentation makes input grow quadratically: 200 levels of it,
    // and 1,000 of the one-line forms.
    let m = 200;
    let cases = [
        format!("{}item\n", "- ".repeat(n)),
        format!("{}item\n", "1. ".repeat(n)),
        format!("{}item\n", "> - ".repeat(n)),
        (0..m)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect::<String>(),
        (0..m)
            .map(|i| format!("{}1. item\n", "   ".repeat(i)))
            .collect::<String>(),
        format!("{} deep\n", ">".repeat(n)),
        (0..m)
            .map(|i| format!("{}> q\n", "> ".repeat(i)))
            .collect::<String>(),
        format!("{}x{}\n", "<div>".repeat(n), "</div>".repeat(n)),
        format!(
            "<div markdown=\"1\">\n{}x\n",
            "<div markdown=\"1\">\n".repeat(n)
        ),
        format!("{}x{}\n", "<span>".repeat(n), "</span>".repeat(n)),
        format!("{}x{}\n", "[".repeat(n), "](y)".repeat(n)),
        format!("{}x{}\n", "*_".repeat(n), "_*".repeat(n)),
        format!("{}x{}\n", "~~a ".repeat(n), " b~~".repeat(n)),
        format!("{}\n", "[^1]: ".repeat(n)),
    ];
    for c in &cases {
        let t = std::time::Instant::now();
        let out = convert(c);
        // Indentation makes the output of n levels grow as n², as Jekyll's does.
        assert!(out.len() < 10_000 * c.len() + 1000);
        eprintln!("{:>8} bytes in, {:?}", c.len(), t.elapsed());
    }
}

/// Makes a document nested `n` levels deep.
type Make = dyn Fn(usize) -> String;

/// The last level Jekyll 4.3.1 converts, and the first it fails on with
/// "stack level too deep" (measured with `jekyll build`, see `nesting.rs`).
#[test]
fn nesting_stops_where_jekylls_does() {
    let convert = |src: &str, caller| try_to_html_with(src, &Options::default(), None, caller);
    let list = |n: usize| format!("{}item\n", "- ".repeat(n));
    let quote = |n: usize| format!("{} deep\n", ">".repeat(n));
    let raw = |n: usize| format!("{}x{}\n", "<div>".repeat(n), "</div>".repeat(n));
    let md = |n: usize| format!("{}x\n", "<div markdown=\"1\">\n".repeat(n));
    let mixed = |n: usize| format!("{}item\n", "> - ".repeat(n));
    // Nested definitions (1,144 levels) need indentation, whose copying per
    // level makes them take a minute here, as in Jekyll: not tested.
    let page: [(&Make, usize, usize); 5] = [
        (&list, 825, 1),
        (&quote, 1672, 1),
        (&raw, 1976, 1),
        // The line of the first element's content: the tag is on the line before.
        (&md, 1026, 1028),
        (&mixed, 552, 1),
    ];
    for (make, last, line) in page {
        let ok = convert(&make(last), Caller::Page);
        assert!(ok.is_ok(), "{last}: {ok:?}");
        assert_eq!(
            convert(&make(last + 1), Caller::Page),
            Err(TooDeep { line }),
            "{}",
            last + 1
        );
    }
    // markdownify starts deeper in Ruby's stack.
    for (make, last) in [(&list as &Make, 823), (&quote, 1669)] {
        assert!(convert(&make(last), Caller::Filter).is_ok());
        assert!(convert(&make(last + 1), Caller::Filter).is_err());
    }
}

#[test]
fn too_deep_names_the_line_where_nesting_went_too_deep() {
    let mut src = String::from("para\n\n");
    for k in 0..900 {
        src.push_str(&format!("{}- x\n", "  ".repeat(k)));
    }
    // Line 3 holds the first level; the 826th is too deep.
    assert_eq!(
        try_to_html_with(&src, &Options::default(), None, Caller::Page),
        Err(TooDeep { line: 3 + 825 })
    );
}

/// Random token soup (including multi-byte characters) must never panic.
#[test]
fn random_inputs_do_not_panic() {
    const TOKENS: &[&str] = &[
        "*", "**", "_", "`", "[", "]", "(", ")", "\"", "'", "--", "...", "<b>", "</b>", "<div>",
        "</div>", "&amp;", "&", "\\", "$$", "{:", "}", "[^1]", "~~", "<", ">", "!", "#", "|", ":",
        "\n", "\n\n", "  ", "\t", "- ", "1. ", "> ", "    ", "```", "~~~", "日", "é", "😀", "a",
        "word", "=", "^", "{::", "{:/}", "<!--", "-->", "http://x", "@", ".", "\r\n", "\u{a0}",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let n = (next() % 40) as usize;
        let s: String = (0..n)
            .map(|_| TOKENS[(next() % TOKENS.len() as u64) as usize])
            .collect();
        let _ = convert(&s);
        let _ = hyde_kramdown::smartify(&s, &Options::default());
    }
}
