//! Rouge's `Formatters::HTML` and `Formatters::HTMLTable`, as Jekyll configures them.

use crate::token::Token;

/// Escapes exactly the characters Rouge escapes: `&`, `<` and `>` (not quotes).
pub fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// Token spans; plain `Text` is written bare. `Escape` tokens are filtered to
/// `Error` because Jekyll never enables Rouge's escape mode.
pub fn html(tokens: &[(Token, String)]) -> String {
    let len = tokens.iter().map(|(_, v)| v.len()).sum();
    html_of(tokens.iter().map(|(t, v)| (*t, v.as_str())), len)
}

/// [`html`] over borrowed tokens whose text totals `text_len` bytes.
pub fn html_of<'a>(tokens: impl Iterator<Item = (Token, &'a str)>, text_len: usize) -> String {
    let mut out = String::with_capacity(text_len * 3);
    for (tok, val) in tokens {
        let tok = if tok == Token::Escape {
            Token::Error
        } else {
            tok
        };
        if tok == Token::Text {
            escape_into(&mut out, val);
        } else {
            out.push_str("<span class=\"");
            out.push_str(tok.class());
            out.push_str("\">");
            escape_into(&mut out, val);
            out.push_str("</span>");
        }
    }
    out
}

/// The line-numbered table Jekyll's `linenos` option produces (`HTMLTable`
/// with `css_class: highlight`, gutter class `gutter`, code class `code`).
pub fn html_table(tokens: &[(Token, String)]) -> String {
    let mut lines: usize = tokens.iter().map(|(_, v)| v.matches('\n').count()).sum();
    let mut code = html(tokens);
    if !tokens.last().is_some_and(|(_, v)| v.ends_with('\n')) {
        lines += 1;
        code.push('\n');
    }
    let mut out = String::with_capacity(code.len() + lines * 4 + 160);
    out.push_str(
        "<table class=\"rouge-table\"><tbody><tr><td class=\"gutter gl\"><pre class=\"lineno\">",
    );
    for i in 1..=lines {
        out.push_str(&i.to_string());
        out.push('\n');
    }
    out.push_str("</pre></td><td class=\"code\"><pre>");
    out.push_str(&code);
    out.push_str("</pre></td></tr></tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        let mut s = String::new();
        escape_into(&mut s, "a<b>&\"c'");
        assert_eq!(s, "a&lt;b&gt;&amp;\"c'");
    }

    #[test]
    fn table_counts_lines() {
        let toks = vec![(Token::Keyword, "a\nb".to_owned())];
        assert_eq!(
            html_table(&toks),
            "<table class=\"rouge-table\"><tbody><tr><td class=\"gutter gl\"><pre class=\"lineno\">1\n2\n</pre></td><td class=\"code\"><pre><span class=\"k\">a\nb</span>\n</pre></td></tr></tbody></table>"
        );
    }
}
