//! The floor for the speed benchmark: read every Markdown file of a site,
//! convert it with pulldown-cmark's own HTML writer and write it out — no
//! templates, no Liquid, no site model. bench/run measures hyde against it.
//!
//!     cargo run --release --example floor -- SOURCE DEST [PATHS]
//!
//! PATHS (bench/gen.py's floor.txt) maps each source file to the output
//! path the site gives it, so the floor makes the same folders and files
//! a generator must: on disk, making a permalink's folders costs more than
//! converting its page. Without it, each file is written beside where its
//! source sits.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (src, dest) = (Path::new(&args[1]), Path::new(&args[2]));
    let outputs: HashMap<PathBuf, PathBuf> = match args.get(3) {
        Some(list) => fs::read_to_string(list)
            .expect("read the paths list")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(s, d)| (src.join(s), dest.join(d)))
            .collect(),
        None => HashMap::new(),
    };
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
        let out = match outputs.get(path) {
            Some(out) => out.clone(),
            None => dest
                .join(path.strip_prefix(src).expect("inside source"))
                .with_extension("html"),
        };
        fs::create_dir_all(out.parent().expect("parent")).expect("mkdir");
        fs::write(out, html).expect("write");
    });
}
