//! `hyde doctor`: Jekyll's doctor checks plus a report of what hyde would
//! render differently, so a user knows before switching.

use anyhow::Result;

use crate::config::Overrides;

/// Runs the checks and prints the report; an error if any check fails.
pub fn run(overrides: &Overrides) -> Result<()> {
    let _ = overrides;
    anyhow::bail!("hyde doctor is not implemented yet")
}
