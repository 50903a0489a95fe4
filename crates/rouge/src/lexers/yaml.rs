//! YAML (`yaml`, `yml`). Rouge tracks block indentation to tell where plain
//! scalars and block scalars end; that bookkeeping lives in [`Indent`].

use std::sync::LazyLock;

use crate::engine::{Builder, Cx, Next, RegexLexer};
use crate::token::Token::*;

/// Indentation levels seen so far, as Rouge's YAML lexer keeps them.
#[derive(Debug)]
pub struct Indent {
    stack: Vec<usize>,
    next: usize,
    block_scalar: Option<i64>,
}

impl Default for Indent {
    fn default() -> Self {
        Indent {
            stack: vec![0],
            next: 0,
            block_scalar: None,
        }
    }
}

impl Indent {
    fn reset(&mut self) {
        *self = Indent::default();
    }
    fn current(&self) -> usize {
        *self.stack.last().expect("empty indent stack")
    }
    /// Record a line's leading spaces; on a dedent, returns how many of them
    /// belong to the surviving level (the rest is an error).
    fn save(&mut self, spaces: usize) -> usize {
        self.next = spaces;
        if spaces < self.current() {
            while spaces < self.current() {
                self.stack.pop();
            }
            self.current()
        } else {
            spaces
        }
    }
    fn set(&mut self, size: usize, implicit: bool) {
        if self.current() < self.next {
            self.stack.push(self.next);
        }
        if !implicit {
            self.next += size;
        }
    }
}

/// Ruby's `String#to_i` on an optional sign and digits.
fn ruby_to_i(s: &str) -> i64 {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let n: i64 = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0, |n, d| n * 10 + i64::from(d - b'0'));
    if neg {
        -n
    } else {
        n
    }
}

/// Ruby's `str[a...b]` for a string of ASCII spaces, with negative indexes
/// counting from the end.
fn ruby_slice(s: &str, from: i64, to: Option<i64>) -> Option<&str> {
    let len = s.len() as i64;
    let norm = |i: i64| if i < 0 { i + len } else { i };
    let a = norm(from);
    if a < 0 || a > len {
        return None;
    }
    let b = to.map_or(len, norm).clamp(a, len);
    Some(&s[a as usize..b as usize])
}

const PLAIN_SCALAR_START: &str = r#"[^ \t\n\r\x0C\x0B?:,\[\]{}#&*!|>'"%@`]"#;

type C<'a> = Cx<'a, Indent>;

pub static LEXER: LazyLock<RegexLexer<Indent>> = LazyLock::new(|| {
    let mut b = Builder::new();
    b.start(|cx: &mut C| cx.data.reset());
    b.state("root", |s| {
        s.mixin("basic");
        s.rule(r"\n+", Text);
        s.rule(r"[ ]+(?=#|$)", Text);
        s.call(r"^%YAML\b", |cx: &mut C, m| {
            cx.token(NameTag, m.all());
            cx.data.reset();
            cx.push("yaml_directive");
        });
        s.call(r"^%TAG\b", |cx: &mut C, m| {
            cx.token(NameTag, m.all());
            cx.data.reset();
            cx.push("tag_directive");
        });
        s.call(r"^(?:---|\.\.\.)(?= |$)", |cx: &mut C, m| {
            cx.token(NameNamespace, m.all());
            cx.data.reset();
            cx.push("block_line");
        });
        s.call(r"[ ]*(?!\s|$)", |cx: &mut C, m| {
            let spaces = m.all();
            let keep = cx.data.save(spaces.len());
            cx.token(Text, &spaces[..keep]);
            cx.token(Error, &spaces[keep..]);
            cx.push("block_line");
            cx.push("indentation");
        });
    });
    b.state("basic", |s| {
        s.rule(r"#.*$", CommentSingle);
    });
    b.state("indentation", |s| {
        s.call(r"\s*?\n", |cx: &mut C, m| {
            cx.token(Text, m.all());
            cx.pop(2);
        });
        s.call(r"[ ]+(?=[-:?](?:[ ]|$))", |cx: &mut C, m| {
            cx.token(Text, m.all());
            cx.data.next += m.all().len();
        });
        s.call(r"[?:-](?=[ ]|$)", |cx: &mut C, m| {
            cx.data.set(m.all().len(), false);
            cx.token(PunctuationIndicator, m.all());
        });
        s.call(r"[ ]*", |cx: &mut C, m| {
            cx.token(Text, m.all());
            cx.data.next += m.all().len();
            cx.pop(1);
        });
    });
    b.state("block_line", |s| {
        s.rule_next(r"[ ]*(?=#|$)", Text, Next::Pop);
        s.rule(r"[ ]+", Text);
        s.mixin("descriptors")
            .mixin("block_nodes")
            .mixin("flow_nodes");
        s.call(
            &format!(r"(?={PLAIN_SCALAR_START}|[?:-][^ \t\n\r\x0C\x0B])"),
            |cx: &mut C, _| {
                cx.push("plain_scalar_in_block_context");
            },
        );
    });
    b.state("descriptors", |s| {
        s.rule(r"!<[0-9A-Za-z;/?:@&=+$,_.!~*'()\[\]%-]+>", KeywordType);
        s.rule(
            r"(?:![\w-]+)?!(?:[\w;/?:@&=+$,.!~*'()\[\]%-]*)",
            KeywordType,
        );
        s.rule(r"&[\p{L}\p{Nl}\p{Nd}_-]+", NameLabel);
        s.rule(r"\*[\p{L}\p{Nl}\p{Nd}_-]+", NameVariable);
    });
    b.state("block_nodes", |s| {
        s.call(r#"([^#,:?\[\]{}"'\n]+)(:)(?=\s|$)"#, |cx: &mut C, m| {
            cx.token(NameAttribute, m.group(1));
            cx.token(PunctuationIndicator, m.group(2));
            cx.data.set(m.all().chars().count(), true);
        });
        s.call(r"[|>][+-]?", |cx: &mut C, m| {
            cx.token(PunctuationIndicator, m.all());
            cx.push("block_scalar_content");
            cx.push("block_scalar_header");
        });
    });
    b.state("flow_nodes", |s| {
        s.rule_next(r"\[", PunctuationIndicator, Next::Push("flow_sequence"));
        s.rule_next(r"\{", PunctuationIndicator, Next::Push("flow_mapping"));
        s.rule_next(r"'", StrSingle, Next::Push("single_quoted_scalar"));
        s.rule_next(r#"""#, StrDouble, Next::Push("double_quoted_scalar"));
    });
    b.state("flow_collection", |s| {
        s.rule(r"\s+", Text);
        s.mixin("basic");
        s.rule(r"[?:,]", PunctuationIndicator);
        s.mixin("descriptors").mixin("flow_nodes");
        s.call(&format!("(?={PLAIN_SCALAR_START})"), |cx: &mut C, _| {
            cx.push("plain_scalar_in_flow_context");
        });
    });
    b.state("flow_sequence", |s| {
        s.rule_next(r"\]", PunctuationIndicator, Next::Pop);
        s.mixin("flow_collection");
    });
    b.state("flow_mapping", |s| {
        s.rule_next(r"\}", PunctuationIndicator, Next::Pop);
        s.mixin("flow_collection");
    });
    b.state("block_scalar_content", |s| {
        s.rule(r"\n+", Text);
        s.call(r"^[ ]+$", |cx: &mut C, m| {
            let text = m.all();
            let mark = cx.data.block_scalar.unwrap_or(text.len() as i64);
            cx.token(Text, ruby_slice(text, 0, Some(mark)).unwrap_or(""));
            cx.token(NameConstant, ruby_slice(text, mark, None).unwrap_or(""));
        });
        s.call(r"^[ ]*", |cx: &mut C, m| {
            cx.token(Text, m.all());
            let size = m.all().len() as i64;
            let dedent_level = cx.data.block_scalar.unwrap_or(cx.data.current() as i64);
            cx.data.block_scalar.get_or_insert(size);
            if size < dedent_level {
                cx.data.save(m.all().len());
                cx.pop(1);
                cx.push("indentation");
            }
        });
        s.rule(r"[^\n\r\x0C\x0B]+", Str);
    });
    b.state("block_scalar_header", |s| {
        s.call(r"(([1-9])[+-]?|[+-]?([1-9])?)(?=[ ]|$)", |cx: &mut C, m| {
            cx.data.block_scalar = None;
            cx.goto("ignored_line");
            if m.all().is_empty() {
                return;
            }
            // Rouge reads group 1 (the whole indicator) here, so "-" counts as 0.
            let increment = m.group(1);
            cx.data.block_scalar = Some(cx.data.current() as i64 + ruby_to_i(increment));
            cx.token(PunctuationIndicator, m.all());
        });
    });
    b.state("ignored_line", |s| {
        s.mixin("basic");
        s.rule(r"[ ]+", Text);
        s.rule_next(r"\n", Text, Next::Pop);
    });
    b.state("quoted_scalar_whitespaces", |s| {
        s.rule(r"^[ ]+", Text);
        s.rule(r"[ ]+$", Text);
        s.rule(r"\n+", Text);
        s.rule(r"[ ]+", NameVariable);
    });
    b.state("single_quoted_scalar", |s| {
        s.mixin("quoted_scalar_whitespaces");
        s.rule(r"\\'", StrEscape);
        s.rule_next(r"'", Str, Next::Pop);
        s.rule(r"[^\s']+", Str);
    });
    b.state("double_quoted_scalar", |s| {
        s.rule_next(r#"""#, Str, Next::Pop);
        s.mixin("quoted_scalar_whitespaces");
        s.rule(r#"\\[0abt\tn\nvfre "\\N_LP]"#, StrEscape);
        s.rule(
            r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})",
            StrEscape,
        );
        s.rule(r#"[^ \t\n\r\x0C\x0B"\\]+"#, Str);
    });
    b.state("plain_scalar_in_block_context_new_line", |s| {
        s.rule(r"^[ ]+\n", Text);
        s.rule(r"\n+", Text);
        s.call(r"^(?=---|\.\.\.)", |cx: &mut C, _| cx.pop(3));
        s.call(r"^[ ]*", |cx: &mut C, m| {
            cx.token(Text, m.all());
            cx.pop(1);
            if m.all().len() <= cx.data.current() {
                cx.pop(1);
                cx.data.save(m.all().len());
                cx.push("indentation");
            }
        });
    });
    b.state("plain_scalar_in_block_context", |s| {
        s.rule_next(r"[ ]*(?=:[ \n]|:$)", Text, Next::Pop);
        s.rule(r"[ ]*:\S+", Str);
        s.rule_next(r"[ ]+(?=#)", Text, Next::Pop);
        s.rule(r"[ ]+$", Text);
        s.call(r"\n+", |cx: &mut C, m| {
            cx.token(Text, m.all());
            cx.push("plain_scalar_in_block_context_new_line");
        });
        s.rule(r"[ ]+", Str);
        s.rule(r"true|false|null", NameConstant);
        s.rule_next(r"\d+(?:\.\d+)?(?=(\r?\n)| +#)", Num, Next::Pop);
        s.rule(r"[^\s:]+", Str);
    });
    b.state("plain_scalar_in_flow_context", |s| {
        s.rule_next(r"[ ]*(?=[,:?\[\]{}])", Text, Next::Pop);
        s.rule_next(r"[ ]+(?=#)", Text, Next::Pop);
        s.rule(r"^[ ]+", Text);
        s.rule(r"[ ]+$", Text);
        s.rule(r"\n+", Text);
        s.rule(r"[ ]+", NameVariable);
        s.rule(r"[^\s,:?\[\]{}]+", NameVariable);
    });
    b.state("yaml_directive", |s| {
        s.call(r"([ ]+)(\d+\.\d+)", |cx: &mut C, m| {
            cx.token(Text, m.group(1));
            cx.token(Num, m.group(2));
            cx.goto("ignored_line");
        });
    });
    b.state("tag_directive", |s| {
        s.call(
            r"([ ]+)(!|![\w-]*!)([ ]+)(!|!?[\w;/?:@&=+$,.!~*'()\[\]%-]+)",
            |cx: &mut C, m| {
                cx.token(Text, m.group(1));
                cx.token(KeywordType, m.group(2));
                cx.token(Text, m.group(3));
                cx.token(KeywordType, m.group(4));
                cx.goto("ignored_line");
            },
        );
    });
    b.build()
});
