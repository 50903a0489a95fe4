//! `hyde serve`'s mapping of a request target to a file: whatever the
//! target, the answer is a file or folder inside the destination, or a
//! refusal. The destination holds a symlink that leads outside.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use hyde::serve::http::{resolve, Resolved};
use libfuzzer_sys::fuzz_target;

struct Dirs {
    _keep: tempfile::TempDir,
    dest: PathBuf,
    root: PathBuf,
}

fn dirs() -> &'static Dirs {
    static DIRS: OnceLock<Dirs> = OnceLock::new();
    DIRS.get_or_init(|| {
        let keep = tempfile::tempdir().unwrap();
        let outside = keep.path().join("outside");
        let dest = keep.path().join("_site");
        std::fs::create_dir_all(outside.join("secret")).unwrap();
        std::fs::write(outside.join("secret.html"), "x").unwrap();
        for dir in ["", "blog", "blog/a", "sub dir", "empty", "é"] {
            std::fs::create_dir_all(dest.join(dir)).unwrap();
        }
        for file in [
            "index.html",
            "blog/a/index.html",
            "page.html",
            "sub dir/x.css",
            "é/ü.txt",
        ] {
            std::fs::write(dest.join(file), "x").unwrap();
        }
        std::os::unix::fs::symlink(&outside, dest.join("out")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.html"), dest.join("leak.html")).unwrap();
        let root = dest.canonicalize().unwrap();
        Dirs {
            _keep: keep,
            dest,
            root,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (baseurl, target) = text.split_once('\n').unwrap_or(("", text));
    // The baseurl is the site's own setting; `//host` there is its owner's
    // choice, not a request's.
    if baseurl.starts_with("//") {
        return;
    }
    // As the server hands it over (src/serve/server.rs).
    let baseurl = baseurl.trim_end_matches('/');
    let d = dirs();
    match resolve(&d.dest, baseurl, target) {
        Resolved::File(p) | Resolved::Dir(p) => {
            assert!(
                p.starts_with(&d.root),
                "{target:?} escaped to {}",
                p.display()
            )
        }
        // `//host/` would send the browser to another host.
        Resolved::Redirect(to) => assert!(to.starts_with('/') && !to.starts_with("//"), "{to}"),
        Resolved::NotFound | Resolved::Forbidden => {}
    }
});
