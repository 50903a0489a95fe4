//! Pathological nesting must not overflow the stack (tests run on 2 MB threads).

use hyde_kramdown::{to_html, Options};

fn convert(src: &str) -> String {
    to_html(src, &Options::default(), None)
}

#[test]
fn deep_structures_do_not_overflow() {
    let n = 1000;
    // Nesting by indentation makes input grow quadratically; 200 such levels are
    // already past the parser's depth cap, while one-line forms reach 1,000.
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
        assert!(out.len() < 100 * c.len() + 1000);
        eprintln!("{:>8} bytes in, {:?}", c.len(), t.elapsed());
    }
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
