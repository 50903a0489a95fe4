//! Highlights files for side-by-side comparison with Rouge:
//! `highlight LANG OUTDIR FILE...` writes `OUTDIR/<n>.html` per file, in order.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [lang, outdir, files @ ..] = args.as_slice() else {
        eprintln!("usage: highlight LANG OUTDIR FILE...");
        std::process::exit(2);
    };
    for (i, f) in files.iter().enumerate() {
        let code = std::fs::read_to_string(f).expect("read");
        let html = hyde_rouge::highlight(&code, lang);
        std::fs::write(format!("{outdir}/{i}.html"), html).expect("write");
    }
}
