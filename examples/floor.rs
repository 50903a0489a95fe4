//! The floor for the speed benchmark: read every Markdown file of a site,
//! convert it with pulldown-cmark's own HTML writer and write it out — no
//! templates, no Liquid, no site model. bench/run measures hyde against it.
//!
//!     cargo run --release --example floor -- SOURCE DEST

use std::fs;
use std::path::Path;

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (src, dest) = (Path::new(&args[1]), Path::new(&args[2]));
    let files: Vec<_> = walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|path| {
        let text = fs::read_to_string(path).expect("read");
        let mut html = String::with_capacity(text.len() * 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&text));
        let rel = path.strip_prefix(src).expect("inside source");
        let out = dest.join(rel).with_extension("html");
        fs::create_dir_all(out.parent().expect("parent")).expect("mkdir");
        fs::write(out, html).expect("write");
    });
}
