//! Permalink expansion for documents and pages, then the output path the
//! writer derives from the URL: whatever the template and the values, the
//! file lands inside the destination.
#![no_main]

use std::path::{Component, Path};

use hyde::url::{add_permalink_suffix, document_url, output_path, page_url, Placeholders};
use hyde::utils::{slugify, SlugMode};
use libfuzzer_sys::fuzz_target;

struct Values<'a> {
    title: &'a str,
    categories: &'a str,
    path: &'a str,
}

impl Placeholders for Values<'_> {
    fn get(&self, key: &str) -> Option<String> {
        Some(match key {
            "title" => slugify(self.title, SlugMode::Pretty, true),
            "slug" => slugify(self.title, SlugMode::Default, false),
            "name" => self.title.to_string(),
            "categories" => self.categories.to_lowercase(),
            "path" => self.path.to_string(),
            "output_ext" => ".html".into(),
            "year" => "2024".into(),
            "collection" => "posts".into(),
            _ => return None,
        })
    }
}

fn lands_inside(url: &str, page_style: bool) {
    let rel = output_path(url, ".html", page_style);
    let dest = Path::new("/dest/_site");
    let target = hyde::writer::dest_path(dest, &rel);
    assert!(target.starts_with(dest), "{url:?} → {}", target.display());
    assert!(
        !target.components().any(|c| c == Component::ParentDir),
        "{url:?} → {}",
        target.display()
    );
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut fields = text.split('\n');
    let mut next = || fields.next().unwrap_or("");
    let (template, permalink, style) = (next(), next(), next());
    let values = Values {
        title: next(),
        categories: next(),
        path: next(),
    };
    let template = add_permalink_suffix(template, style);
    let permalink = (!permalink.is_empty()).then_some(permalink);
    if let Ok(url) = document_url(&template, permalink, &values) {
        assert!(url.starts_with('/'), "{url}");
        lands_inside(&url, false);
    }
    let page = [
        ("path", Some(values.path)),
        ("basename", Some(values.title)),
        ("output_ext", Some(".html")),
        ("categories", None),
    ];
    let url = page_url(&template, permalink, &page);
    lands_inside(&url, true);
});
