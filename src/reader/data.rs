//! `_data`: YAML, JSON, CSV and TSV files into the nested `site.data` hash.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use hyde_liquid::{Map, Value};

use crate::config::Configuration;
use crate::diagnostics::SourceError;
use crate::reader::entry_filter::EntryFilter;

/// Reads `dir` the way `DataReader#read_data_to` does: data files first (by
/// extension, then name), then sub-folders as nested hashes. In safe mode
/// `filter` skips symlinks leading outside the source, with a warning.
pub fn read_data(
    dir: &Path,
    config: &Configuration,
    filter: &EntryFilter,
    warnings: &std::sync::Mutex<Vec<String>>,
) -> Result<Map> {
    let mut data = Map::new();
    if dir.is_dir() {
        read_into(dir, config, filter, &mut data, warnings)?;
    }
    Ok(data)
}

fn read_into(
    dir: &Path,
    config: &Configuration,
    filter: &EntryFilter,
    data: &mut Map,
    warnings: &std::sync::Mutex<Vec<String>>,
) -> Result<()> {
    let mut files: Vec<(String, bool)> = fs::read_dir(dir)
        .with_context(|| format!("reading directory {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.path().is_dir(),
            )
        })
        .filter(|(name, _)| !name.starts_with('.'))
        .filter(|(name, _)| {
            let path = dir.join(name);
            let outside = filter.unsafe_symlink(&path);
            if outside {
                super::warn_skipped_symlink(warnings, &path);
            }
            !outside
        })
        .collect();
    files.sort();
    let mut ordered: Vec<&str> = Vec::new();
    for ext in ["yaml", "yml", "json", "csv", "tsv"] {
        let suffix = format!(".{ext}");
        ordered.extend(
            files
                .iter()
                .filter(|(n, d)| !d && n.ends_with(&suffix))
                .map(|(n, _)| n.as_str()),
        );
    }
    ordered.extend(files.iter().filter(|(_, d)| *d).map(|(n, _)| n.as_str()));
    for name in ordered {
        let path = dir.join(name);
        if path.is_dir() {
            let mut nested = Map::new();
            read_into(&path, config, filter, &mut nested, warnings)?;
            data.insert(sanitize_filename(name).into(), Value::hash(nested));
        } else {
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            data.insert(sanitize_filename(stem).into(), read_file(&path, config)?);
        }
    }
    Ok(())
}

fn read_file(path: &Path, config: &Configuration) -> Result<Value> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => read_table(path, text, b','),
        "tsv" => read_table(path, text, b'\t'),
        // Psych reads JSON too: it is YAML.
        _ => crate::yaml::parse(text, config.timezone)
            .map_err(|e| SourceError::from_yaml(path, text, &e).into()),
    }
}

/// CSV with headers: an array of row hashes of strings (`CSV::Row#to_hash`).
fn read_table(path: &Path, text: &str, delimiter: u8) -> Result<Value> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .with_context(|| format!("reading {}", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("reading {}", path.display()))?;
        let mut row = Map::new();
        for (i, h) in headers.iter().enumerate() {
            if row.contains_key(h.as_str()) {
                continue;
            }
            // Ruby's CSV gives nil for an empty field.
            row.insert(
                h.as_str().into(),
                record
                    .get(i)
                    .filter(|s| !s.is_empty())
                    .map(Value::from)
                    .unwrap_or_default(),
            );
        }
        rows.push(Value::hash(row));
    }
    Ok(Value::array(rows))
}

/// `DataReader#sanitize_filename`: drops characters outside `[\w\s-]`, and
/// turns runs of whitespace into `_`.
pub fn sanitize_filename(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-' || c.is_whitespace())
        .collect();
    let trimmed = kept.trim();
    let mut out = String::new();
    let mut in_space = false;
    for c in trimmed.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push('_');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_names() {
        assert_eq!(sanitize_filename("my data"), "my_data");
        assert_eq!(sanitize_filename("a.b"), "ab");
        assert_eq!(sanitize_filename("ui-text"), "ui-text");
    }
}
