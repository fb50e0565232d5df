//! Rows read and used, in words and in table cells.

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
