//! A file as the reader sees it: front matter split off, its YAML typed the
//! way Psych types it, and a YAML error turned into a file:line:col message.
//! The whole input is also read as `_config.yml`/`_data` YAML would be.
#![no_main]

use std::path::Path;

use hyde::diagnostics::SourceError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hyde::reader::front_matter::has_yaml_header(data);
    let text = String::from_utf8_lossy(data);
    let zone = Some(chrono_tz::Tz::Europe__Berlin);
    if let Some(split) = hyde::reader::front_matter::split(&text) {
        assert!(split.content.len() <= text.len());
        if let Err(e) = hyde::yaml::parse(split.yaml, None) {
            let _ = SourceError::from_yaml_at(Path::new("page.md"), &text, 0, &e).to_string();
        }
    }
    if let Err(e) = hyde::yaml::parse(&text, zone) {
        let _ = SourceError::from_yaml(Path::new("_config.yml"), &text, &e).to_string();
    }
});
