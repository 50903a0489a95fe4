//! hyde: a Jekyll-compatible static site generator.
