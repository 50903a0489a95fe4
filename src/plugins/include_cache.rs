//! jekyll-include-cache: `{% include_cached %}` is `{% include %}` whose
//! output the plugin reuses for the same file and parameters.
//!
//! hyde renders it as an include each time. That is the same output for
//! the includes the plugin is meant for (those that depend only on their
//! parameters and `site`); an include that reads `page` would, under the
//! plugin, repeat the first page's output everywhere, which hyde does not
//! copy (its render order is parallel, not Jekyll's).

use std::sync::Arc;

use hyde_liquid::{Context, CustomTag, Error, ParseOptions, TagFactory, Template};

pub struct IncludeCachedFactory;

#[derive(Debug)]
struct IncludeCached(Arc<Template>);

impl TagFactory for IncludeCachedFactory {
    fn parse(
        &self,
        _: &str,
        markup: &str,
        options: &ParseOptions,
    ) -> Result<Box<dyn CustomTag>, Error> {
        let include = Template::parse(&format!("{{% include {markup} %}}"), options)?;
        Ok(Box::new(IncludeCached(Arc::new(include))))
    }
}

impl CustomTag for IncludeCached {
    fn render(&self, ctx: &mut Context<'_>, out: &mut String) -> Result<(), Error> {
        ctx.render_partial(&self.0, None, out)
    }
}
