//! Rows read and used, and warnings about the data, in text and Markdown.

use std::io::{self, Write};

use psym_stats::RowCount;

/// "824 of 1000 rows used, 35 missing-data patterns" (or "1000 rows" when every row was
/// used and all are complete).
pub fn rows_phrase(rows: &RowCount) -> String {
    let used = if rows.n_used == rows.n_total {
        format!("{} rows", rows.n_total)
    } else {
        format!("{} of {} rows used", rows.n_used, rows.n_total)
    };
    if rows.patterns > 1 {
        format!("{used}, {} missing-data patterns", rows.patterns)
    } else {
        used
    }
}

/// `n`, or "824 of 1000" when fewer rows were used than read (for table cells).
pub fn n_of_total(n: usize, rows: &RowCount) -> String {
    if rows.n_used == rows.n_total {
        n.to_string()
    } else {
        format!("{n} of {}", rows.n_total)
    }
}

/// Writes each warning after a blank line: `warning: …` in text, `**Warning:** …` in Markdown.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_warnings(out: &mut dyn Write, warnings: &[String], markdown: bool) -> io::Result<()> {
    for w in warnings {
        if markdown {
            writeln!(out, "\n**Warning:** {w}")?;
        } else {
            writeln!(out, "\nwarning: {w}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_names_used_total_and_patterns() {
        let rows = RowCount {
            n_used: 824,
            n_total: 1000,
            patterns: 35,
        };
        assert_eq!(
            rows_phrase(&rows),
            "824 of 1000 rows used, 35 missing-data patterns"
        );
        let all = RowCount {
            n_used: 301,
            n_total: 301,
            patterns: 1,
        };
        assert_eq!(rows_phrase(&all), "301 rows");
    }
}
