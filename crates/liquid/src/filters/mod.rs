//! Filter dispatch. Jekyll's filters are registered after Liquid's, so
//! where both define a name (`sort`, `where`) Jekyll's wins. Unknown filters
//! pass their input through (lax `strict_filters: false`).

mod date;
mod date_parse;
mod jekyll;
mod number;
mod standard;
mod strings;
mod translit;
mod uri;
mod web;

pub use date::{parse_time, strftime};
pub use strings::{downcase, escape_html};
pub use translit::transliterate;

use crate::error::Error;
use crate::render::Context;
use crate::value::{Map, Value};

/// Ruby's `ArgumentError` for a wrong number of filter arguments.
pub(crate) fn arity(_name: &str, args: &[Value], min: usize, max: usize) -> Result<(), Error> {
    let given = args.len() + 1;
    if given < min + 1 || given > max + 1 {
        let expected = if min == max {
            format!("{}", min + 1)
        } else {
            format!("{}..{}", min + 1, max + 1)
        };
        return Err(Error::render(format!(
            "wrong number of arguments (given {given}, expected {expected})"
        )));
    }
    Ok(())
}

/// Argument counts (excluding the input) of every built-in filter, so a
/// wrong count fails like Ruby's `ArgumentError` does.
fn arity_of(name: &str) -> Option<(usize, usize)> {
    Some(match name {
        "size"
        | "downcase"
        | "upcase"
        | "capitalize"
        | "escape"
        | "h"
        | "escape_once"
        | "url_encode"
        | "url_decode"
        | "base64_encode"
        | "base64_decode"
        | "base64_url_safe_encode"
        | "base64_url_safe_decode"
        | "strip"
        | "lstrip"
        | "rstrip"
        | "strip_html"
        | "strip_newlines"
        | "newline_to_br"
        | "first"
        | "last"
        | "abs"
        | "ceil"
        | "floor"
        | "reverse"
        | "markdownify"
        | "smartify"
        | "sassify"
        | "scssify"
        | "xml_escape"
        | "cgi_escape"
        | "uri_escape"
        | "normalize_whitespace"
        | "jsonify"
        | "to_integer"
        | "inspect"
        | "relative_url"
        | "absolute_url"
        | "strip_index"
        | "date_to_xmlschema"
        | "date_to_rfc822" => (0, 0),
        "slice" | "replace" | "replace_first" => (1, 2),
        "truncate"
        | "truncatewords"
        | "default"
        | "sort"
        | "date_to_string"
        | "date_to_long_string" => (0, 2),
        "split" | "map" | "remove" | "remove_first" | "remove_last" | "append" | "concat"
        | "prepend" | "date" | "plus" | "minus" | "times" | "divided_by" | "modulo"
        | "at_least" | "at_most" | "push" | "unshift" | "group_by" => (1, 1),
        "join"
        | "sort_natural"
        | "uniq"
        | "compact"
        | "round"
        | "slugify"
        | "number_of_words"
        | "array_to_sentence_string"
        | "pop"
        | "shift"
        | "sample" => (0, 1),
        "replace_last" | "where" | "where_exp" | "find" | "find_exp" | "group_by_exp" => (2, 2),
        _ => return None,
    })
}

pub fn apply(
    ctx: &mut Context<'_>,
    name: &str,
    input: Value,
    args: Vec<Value>,
    kwargs: Option<Map>,
) -> Result<Value, Error> {
    apply_routed(ctx, name, &Route::default(), input, args, kwargs)
}

/// Where a filter of a template goes. The first application of a name
/// tries Jekyll's filters, then Liquid's; the set that answered is kept,
/// and later applications go straight there, without the argument count
/// check (a filter in a template always has the same arguments) or the
/// other set's names compared: on a listing, those comparisons cost more
/// than `relative_url` itself.
#[derive(Debug, Clone, Default)]
pub struct Route(std::sync::OnceLock<Set>);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Set {
    Jekyll,
    Standard,
    Neither,
}

pub(crate) fn apply_routed(
    ctx: &mut Context<'_>,
    name: &str,
    route: &Route,
    input: Value,
    mut args: Vec<Value>,
    kwargs: Option<Map>,
) -> Result<Value, Error> {
    if let Some(kw) = kwargs {
        args.push(Value::hash(kw));
    }
    // A page's hash, linked for its content only, is a hash to filters.
    let input = match input.as_linked().and_then(|l| l.plain()) {
        Some(page) => page,
        None => input,
    };
    for arg in &mut args {
        if let Some(plain) = arg.as_linked().and_then(|l| l.plain()) {
            *arg = plain;
        }
    }
    let known = route.0.get().copied();
    if known.is_none() {
        if let Some((min, max)) = arity_of(name) {
            arity(name, &args, min, max)?;
        }
    }
    if matches!(known, None | Some(Set::Jekyll)) {
        if let Some(v) = jekyll::apply(ctx, name, &input, &args)? {
            route.0.get_or_init(|| Set::Jekyll);
            return Ok(v);
        }
    }
    if matches!(known, None | Some(Set::Standard)) {
        if let Some(v) = standard::apply(ctx, name, &input, &args)? {
            route.0.get_or_init(|| Set::Standard);
            return Ok(v);
        }
    }
    route.0.get_or_init(|| Set::Neither);
    if ctx.env().strict_filters() {
        return Err(Error::render(format!("undefined filter {name}")));
    }
    Ok(input)
}
