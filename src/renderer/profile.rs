//! `--profile`: time per template, in Jekyll's table (Filename, Count,
//! Bytes, Time), and the build's phases.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Default, Clone, Copy)]
struct Stat {
    count: u64,
    bytes: u64,
    time: Duration,
}

/// Collects render statistics when enabled; costs one branch when not.
#[derive(Debug, Default)]
pub struct Profiler {
    enabled: bool,
    stats: Mutex<HashMap<String, Stat>>,
}

impl Profiler {
    pub fn new(enabled: bool) -> Profiler {
        Profiler {
            enabled,
            stats: Mutex::new(HashMap::new()),
        }
    }

    /// Runs `render` for the template `file`, recording time and output size.
    pub fn measure<E>(
        &self,
        file: &str,
        render: impl FnOnce() -> Result<String, E>,
    ) -> Result<String, E> {
        if !self.enabled {
            return render();
        }
        let started = Instant::now();
        let out = render()?;
        let elapsed = started.elapsed();
        let mut stats = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        let s = stats.entry(file.to_string()).or_default();
        s.count += 1;
        s.bytes += out.len() as u64;
        s.time += elapsed;
        Ok(out)
    }

    /// Jekyll's "Site Render Stats" table, slowest first (at most 50 rows).
    pub fn table(&self) -> String {
        let stats = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        let mut rows: Vec<(&String, &Stat)> = stats.iter().collect();
        rows.sort_by(|a, b| b.1.time.cmp(&a.1.time).then_with(|| a.0.cmp(b.0)));
        rows.truncate(50);
        let total = rows.iter().fold(Stat::default(), |acc, (_, s)| Stat {
            count: acc.count + s.count,
            bytes: acc.bytes + s.bytes,
            time: acc.time + s.time,
        });
        let mut cells: Vec<Vec<String>> = vec![vec![
            "Filename".into(),
            "Count".into(),
            "Bytes".into(),
            "Time".into(),
        ]];
        let fmt = |name: String, s: &Stat| {
            vec![
                name,
                s.count.to_string(),
                format!("{:.2}K", s.bytes as f64 / 1024.0),
                format!("{:.3}", s.time.as_secs_f64()),
            ]
        };
        for (name, s) in &rows {
            cells.push(fmt((*name).clone(), s));
        }
        cells.push(fmt(format!("TOTAL (for {} files)", rows.len()), &total));
        format!("\nSite Render Stats:\n\n{}", render_table(&cells))
    }
}

/// Jekyll's profile table: the first column left-aligned, the rest right.
pub fn render_table(cells: &[Vec<String>]) -> String {
    let columns = cells.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            cells
                .iter()
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in cells.iter().enumerate() {
        let _ = write!(out, "| {:<w$} |", row[0], w = widths[0]);
        for (cell, w) in row.iter().zip(&widths).skip(1) {
            let _ = write!(out, " {cell:>w$} |");
        }
        out.push('\n');
        if i == 0 {
            out.push('+');
            for w in &widths {
                out.push_str(&"-".repeat(w + 2));
                out.push('+');
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lists_slowest_first_with_a_total() {
        let p = Profiler::new(true);
        p.measure::<()>("_layouts/a.html", || Ok("x".repeat(2048)))
            .unwrap();
        p.measure::<()>("_layouts/a.html", || Ok(String::new()))
            .unwrap();
        let t = p.table();
        assert!(t.contains("| _layouts/a.html     |     2 | 2.00K |"), "{t}");
        assert!(t.contains("| TOTAL (for 1 files) |     2 | 2.00K |"), "{t}");
        assert!(Profiler::new(false).table().contains("TOTAL (for 0 files)"));
    }
}
