//! Liquid as Jekyll 4.3 runs it: Ruby Liquid 5.4 in lax mode, byte for byte.
//!
//! Why not the `liquid` crate: its parser rejects markup Ruby Liquid accepts
//! (`{% include a/b.html %}`, filters after `for ... in`) and treats undefined
//! variables as errors, so Jekyll sites cannot render through it unchanged.

pub mod value;

pub use value::{Map, Value};
