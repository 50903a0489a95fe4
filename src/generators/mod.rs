//! Generators: steps that run after reading and before rendering and may add
//! pages (pagination, feeds, sitemaps, redirects), as Jekyll's `Generator`
//! plugins do. A generator sees the whole site model and changes it.

use anyhow::Result;

use crate::site::Site;

pub trait Generator: Send + Sync {
    /// The plugin's name, for messages.
    fn name(&self) -> &str;
    fn generate(&self, site: &mut Site) -> Result<()>;
}
