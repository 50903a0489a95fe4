//! `for` and `tablerow`: collection slicing, `forloop`/`tablerowloop`
//! variables, `offset: continue` and interrupts.

use super::*;

impl Context<'_> {
    #[inline(never)]
    pub(super) fn render_for(&mut self, f: &ForTag, out: &mut String) -> Result<(), Error> {
        if f.self_contained {
            if let Some(memo) = self.top_level_memo() {
                let node = f as *const ForTag as usize;
                return self.render_memo(node, memo, out, |ctx, out| ctx.render_loop(f, out));
            }
        }
        self.render_loop(f, out)
    }

    /// Where a loop named `name` stopped, for a later `offset: continue`.
    pub(super) fn set_for_offset(&mut self, name: &str, offset: i64) {
        if self.memo_base > 0 && !self.memo_offsets.iter().any(|n| **n == *name) {
            self.memo_offsets.push(name.into());
        }
        match self.for_offsets.iter_mut().find(|(n, _)| **n == *name) {
            Some((_, o)) => *o = offset,
            None => self.for_offsets.push((name.into(), offset)),
        }
    }

    pub(super) fn render_loop(&mut self, f: &ForTag, out: &mut String) -> Result<(), Error> {
        let from = match &f.offset {
            ForOffset::Continue => self
                .for_offsets
                .iter()
                .find(|(name, _)| **name == *f.name)
                .map_or(0, |(_, offset)| *offset),
            ForOffset::None => 0,
            ForOffset::Expr(e) => match self.eval(e)? {
                Value::Nil => 0,
                v => to_integer(&v)?,
            },
        };
        let collection = self.eval(&f.collection)?;
        let to = match &f.limit {
            None => None,
            Some(e) => match self.eval(e)? {
                Value::Nil => None,
                v => Some(to_integer(&v)? + from),
            },
        };
        let mut segment = slice_collection(&collection, from, to);
        if f.reversed {
            segment.reverse();
        }
        self.set_for_offset(&f.name, from + segment.len() as i64);
        if segment.is_empty() {
            if let Some(e) = &f.else_body {
                self.render_block(e, out)?;
            }
            return Ok(());
        }
        let parent = self.loop_parent();
        self.push_scope()?;
        let len = segment.len() as i64;
        let mut result = Ok(());
        // What changes from one iteration to the next.
        let counters = |i: i64| {
            [
                ("index", Value::Int(i + 1)),
                ("index0", Value::Int(i)),
                ("rindex", Value::Int(len - i)),
                ("rindex0", Value::Int(len - i - 1)),
                ("first", Value::Bool(i == 0)),
                ("last", Value::Bool(i == len - 1)),
            ]
        };
        // Every forloop has these entries in this order: a copy of a hash
        // made once, filled in by position, instead of ten hashed inserts.
        static FORLOOP: std::sync::OnceLock<Map> = std::sync::OnceLock::new();
        let first = [Value::str(&f.name), Value::Int(len)]
            .into_iter()
            .chain(counters(0).map(|(_, v)| v))
            .chain([parent]);
        let fl = FORLOOP
            .get_or_init(|| {
                let mut m = Map::with_capacity(10);
                m.insert("name".into(), Value::Nil);
                m.insert("length".into(), Value::Nil);
                m.extend(counters(0).map(|(k, _)| (k.into(), Value::Nil)));
                m.insert("parentloop".into(), Value::Nil);
                m.insert(DROP_CLASS_KEY.into(), Value::str("Liquid::ForloopDrop"));
                m
            })
            .with_values(first);
        let mut forloop = Arc::new(fl);
        // The loop's own scope, new and empty: `forloop` and the variable
        // are its entries 0 and 1, set by position from the second
        // iteration on (hashing their names every iteration was a twentieth
        // of a listing-heavy build).
        let scope = self.scopes.len() - 1;
        for (i, item) in segment.into_iter().enumerate() {
            let i = i as i64;
            if i > 0 && f.uses_forloop {
                // The same hash, updated in place once the scope lets go of
                // it: building ten entries an iteration was a tenth of a
                // listing-heavy build. A template that kept the last
                // iteration's forloop keeps its own copy (make_mut).
                self.set_at(scope, 0, "forloop", Value::Nil);
                let fl = Arc::make_mut(&mut forloop);
                for (n, (k, v)) in counters(i).into_iter().enumerate() {
                    // `index` … `last` follow `name` and `length`.
                    match fl.get_index_mut(n + 2) {
                        Some((key, slot)) if key == k => *slot = v,
                        _ => {
                            fl.insert(k.into(), v);
                        }
                    }
                }
            }
            // A body that never reads it keeps the first iteration's.
            if i == 0 || f.uses_forloop {
                self.set_at(scope, 0, "forloop", Value::Hash(forloop.clone()));
            }
            self.set_at(scope, 1, &f.var, item);
            if let Err(e) = self.render_block(&f.body, out) {
                result = Err(e);
                break;
            }
            match self.interrupt.take() {
                Some(Interrupt::Break) => break,
                _ => continue,
            }
        }
        self.scopes.pop();
        result
    }

    #[inline(never)]
    pub(super) fn render_tablerow(
        &mut self,
        var: &str,
        collection: &Expr,
        attrs: &[(String, Expr)],
        body: &Block,
        out: &mut String,
    ) -> Result<(), Error> {
        let coll = self.eval(collection)?;
        if !coll.is_truthy() {
            return Ok(());
        }
        let attr = |name: &str, ctx: &mut Self| -> Result<Option<i64>, Error> {
            match attrs.iter().rev().find(|(k, _)| k == name) {
                Some((_, e)) => Ok(Some(to_i(&ctx.eval(e)?))),
                None => Ok(None),
            }
        };
        let from = attr("offset", self)?.unwrap_or(0);
        let to = attr("limit", self)?.map(|l| from + l);
        let cols = attr("cols", self)?.unwrap_or(0);
        let items = slice_collection(&coll, from, to);
        let len = items.len() as i64;
        out.push_str("<tr class=\"row1\">\n");
        self.push_scope()?;
        let (mut row, mut col) = (1i64, 1i64);
        for (i, item) in items.into_iter().enumerate() {
            let i = i as i64;
            let mut t = Map::new();
            t.insert("length".into(), Value::Int(len));
            t.insert("col".into(), Value::Int(col));
            t.insert("row".into(), Value::Int(row));
            t.insert("index".into(), Value::Int(i + 1));
            t.insert("index0".into(), Value::Int(i));
            t.insert("col0".into(), Value::Int(col - 1));
            t.insert("rindex".into(), Value::Int(len - i));
            t.insert("rindex0".into(), Value::Int(len - i - 1));
            t.insert("first".into(), Value::Bool(i == 0));
            t.insert("last".into(), Value::Bool(i == len - 1));
            t.insert("col_first".into(), Value::Bool(col == 1));
            t.insert("col_last".into(), Value::Bool(col == cols));
            t.insert(
                DROP_CLASS_KEY.into(),
                Value::str("Liquid::TablerowloopDrop"),
            );
            self.set_local("tablerowloop", Value::hash(t));
            self.set_local(var, item);
            out.push_str(&format!("<td class=\"col{col}\">"));
            if let Err(e) = self.render_block(body, out) {
                self.scopes.pop();
                return Err(e);
            }
            out.push_str("</td>");
            if col == cols && i != len - 1 {
                out.push_str(&format!("</tr>\n<tr class=\"row{}\">", row + 1));
            }
            if col == cols {
                col = 1;
                row += 1;
            } else {
                col += 1;
            }
        }
        self.scopes.pop();
        out.push_str("</tr>\n");
        Ok(())
    }
}
