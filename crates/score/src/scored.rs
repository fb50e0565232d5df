//! A whole file scored: every row's id, line, pass-through values and scale scores, for the
//! analyses of scores (agreement between perspectives, variation between clusters).

use psym_data::{DataError, Problem, ResponseReader, Row};

use crate::Scorer;

/// Every row of a response file with its scale scores, in file order (rows in = rows out).
#[derive(Debug, Clone, Default)]
pub struct ScoredRows {
    /// Respondent id per row (the row number when the file has no id column).
    pub ids: Vec<String>,
    /// 1-based file line per row.
    pub lines: Vec<u64>,
    /// Pass-through column values per row ([`psym_data::ReadOptions::keep`]).
    pub kept: Vec<Vec<String>>,
    /// Scores per row, one per scale of the scorer (`None` = too few items answered).
    pub scores: Vec<Vec<Option<f64>>>,
    /// Every problem of the header and the rows, in file order.
    pub problems: Vec<Problem>,
}

impl ScoredRows {
    /// Reads the remaining rows of `reader` and scores each as `psym score` does
    /// ([`Scorer::score_into`]).
    ///
    /// # Errors
    /// As [`ResponseReader::next_row`].
    pub fn collect(mut reader: ResponseReader, scorer: &Scorer) -> Result<ScoredRows, DataError> {
        let mut out = ScoredRows {
            problems: reader.header_problems().to_vec(),
            ..ScoredRows::default()
        };
        let mut row = Row::default();
        while reader.next_row(&mut row)? {
            let mut scores = Vec::new();
            scorer.score_into(&row.values, &mut scores);
            out.ids.push(row.id.clone());
            out.lines.push(row.line);
            out.kept.push(std::mem::take(&mut row.kept));
            out.scores.push(scores);
            out.problems.append(&mut row.problems);
        }
        Ok(out)
    }

    /// Scores of scale `s` (by position among the scorer's scales), `NaN` where missing.
    pub fn scale(&self, s: usize) -> Vec<f64> {
        self.scores
            .iter()
            .map(|r| r.get(s).copied().flatten().unwrap_or(f64::NAN))
            .collect()
    }
}
