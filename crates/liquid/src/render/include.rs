//! `{% include %}` and `{% include_relative %}`: the file's name, its
//! template from the environment, its parameters in a scope of its own.

use super::*;

impl Context<'_> {
    #[inline(never)]
    pub(super) fn render_include(
        &mut self,
        inc: &IncludeTag,
        out: &mut String,
    ) -> Result<(), Error> {
        let rendered_name;
        let file: &str = match &inc.file {
            IncludeFile::Static(s) => s,
            IncludeFile::Dynamic(t) => {
                let mut s = String::new();
                self.render_block(&t.root, &mut s)?;
                rendered_name = s;
                &rendered_name
            }
        };
        if !inc.name_checked {
            // Raised when rendered, as Jekyll does, not when parsed.
            validate_include_name(file, inc.relative)?;
        }
        let template = if inc.relative {
            let page_path = self
                // Jekyll reads the page from its registers, not the variable.
                .globals
                .get("page")
                .cloned()
                .unwrap_or_default()
                .get("path")
                .and_then(|p| p.as_str().map(str::to_string))
                .unwrap_or_default();
            self.env.include_relative(file, &page_path)
        } else {
            self.env.include(file)
        };
        // A failure to load or parse the file is the environment's to describe.
        let template = template?;
        // Included without parameters at a layout's top level: reused in
        // the pass as a loop is, when it reads only `site`.
        if inc.params.is_none()
            && !inc.relative
            && template.self_contained
            && matches!(inc.file, IncludeFile::Static(_))
        {
            if let Some(memo) = self.top_level_memo() {
                let node = inc as *const IncludeTag as usize;
                return self.render_memo(node, memo, out, |ctx, out| {
                    ctx.render_included(&template, None, file, inc.relative, out)
                });
            }
        }
        let params = match &inc.params {
            None => None,
            Some(ps) => {
                let mut m = Map::with_capacity(ps.len());
                for (k, v) in ps {
                    let val = match v {
                        ParamValue::Str(s) => s.clone(),
                        ParamValue::Var(e) => self.eval(e)?,
                    };
                    m.insert(k.as_str().into(), val);
                }
                Some(m)
            }
        };
        self.render_included(&template, params, file, inc.relative, out)
    }

    /// An include's template in its own scope; an error names the file.
    fn render_included(
        &mut self,
        template: &Template,
        params: Option<Map>,
        file: &str,
        relative: bool,
        out: &mut String,
    ) -> Result<(), Error> {
        // The display name is only needed on the error path.
        let env = self.env;
        self.render_partial(template, params, out).map_err(|mut e| {
            e.includes.push(env.include_display_name(file, relative));
            e
        })
    }
}
