//! Filter dispatch. Jekyll's filters are registered after Liquid's, so
//! where both define a name (`sort`, `where`) Jekyll's wins. Unknown filters
//! pass their input through (lax `strict_filters: false`).

mod date;
mod jekyll;
mod number;
mod standard;

pub use date::{parse_time, strftime};
pub use standard::escape_html;

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

pub fn apply(
    ctx: &mut Context<'_>,
    name: &str,
    input: Value,
    mut args: Vec<Value>,
    kwargs: Option<Map>,
) -> Result<Value, Error> {
    if let Some(kw) = kwargs {
        args.push(Value::hash(kw));
    }
    if let Some(v) = jekyll::apply(ctx, name, &input, &args)? {
        return Ok(v);
    }
    if let Some(v) = standard::apply(ctx, name, &input, &args)? {
        return Ok(v);
    }
    Ok(input)
}
