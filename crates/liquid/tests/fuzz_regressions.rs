//! Inputs the fuzzer (fuzz/fuzz_targets/liquid.rs) found crashing the
//! parser or renderer, kept so that stable `cargo test` covers them.

use hyde_liquid::{render, Environment, ErrorMode, Map, ParseOptions, Template};

struct Env;
impl Environment for Env {}

fn parse_and_render(source: &str) {
    for error_mode in [ErrorMode::Lax, ErrorMode::Warn, ErrorMode::Strict] {
        let options = ParseOptions {
            error_mode,
            ..Default::default()
        };
        if let Ok(t) = Template::parse(source, &options) {
            let _ = render(&t, &Map::new(), &Env);
        }
    }
}

/// The lax `if` parser looked for `and`/`or` at every byte, slicing the
/// markup inside a multi-byte character.
#[test]
fn lax_if_with_multibyte_characters() {
    parse_and_render("{% if site.data.dґ con!..2)s 'a' %}yes{% else %}n{% endif %}");
    parse_and_render("{% if ґand true %}y{% endif %}{% unless éor x %}z{% endunless %}");
    let lax = ParseOptions {
        error_mode: ErrorMode::Lax,
        ..Default::default()
    };
    let t = Template::parse("{% if ґ or true %}y{% endif %}", &lax).unwrap();
    assert_eq!(render(&t, &Map::new(), &Env).unwrap(), "y");
}

/// `date` read a month name from the first three bytes of a word, which
/// could end inside a multi-byte character.
#[test]
fn date_parsing_words_with_multibyte_characters() {
    parse_and_render("{{ 'now' | date: '%0ǝ|%-10d|%        0' | date: '%08Y|%-|% l' }}");
    parse_and_render("{{ 'abǝc 2020' | date: '%Y' }}{{ '10:00 +ǝ1' | date: '%H' }}");
}
