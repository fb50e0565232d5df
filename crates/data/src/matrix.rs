//! Reading a whole response file into a respondents × items matrix for analysis.

use std::path::Path;

use nalgebra::DMatrix;

use crate::columns::{ItemSpec, ReadOptions};
use crate::error::DataError;
use crate::problem::Problem;
use crate::reader::{ResponseReader, Row};
use crate::source::SourceInfo;

/// All responses of a file: the item matrix and what identifies each row.
#[derive(Debug, Clone)]
pub struct Responses {
    /// Item ids, one per matrix column.
    pub items: Vec<String>,
    /// Respondents × items, `NaN` = missing or invalid.
    pub matrix: DMatrix<f64>,
    /// Respondent id per row.
    pub ids: Vec<String>,
    /// 1-based file line per row.
    pub lines: Vec<u64>,
    /// Language column value per row, when a language column was named.
    pub langs: Option<Vec<String>>,
    /// Pass-through column values per row ([`ReadOptions::keep`]).
    pub kept: Vec<Vec<String>>,
    /// Every problem found (header and rows), in file order.
    pub problems: Vec<Problem>,
    /// How the file was read.
    pub source: SourceInfo,
}

impl Responses {
    /// Reads the whole file at `path`.
    ///
    /// # Errors
    /// As [`ResponseReader::open`] and [`ResponseReader::next_row`].
    pub fn read(path: &Path, items: &[ItemSpec], options: &ReadOptions) -> Result<Self, DataError> {
        Self::collect(ResponseReader::open(path, items, options)?)
    }

    /// Reads every remaining row of `reader`.
    ///
    /// # Errors
    /// As [`ResponseReader::next_row`].
    pub fn collect(mut reader: ResponseReader) -> Result<Self, DataError> {
        let p = reader.items().len();
        let mut values = Vec::new();
        let mut ids = Vec::new();
        let mut lines = Vec::new();
        let mut langs = Vec::new();
        let mut kept = Vec::new();
        let mut problems = reader.header_problems().to_vec();
        let mut row = Row::default();
        while reader.next_row(&mut row)? {
            values.extend_from_slice(&row.values);
            ids.push(row.id.clone());
            lines.push(row.line);
            if let Some(lang) = row.lang.take() {
                langs.push(lang);
            }
            kept.push(std::mem::take(&mut row.kept));
            problems.append(&mut row.problems);
        }
        let n = ids.len();
        Ok(Responses {
            items: reader.items().iter().map(|s| s.id.clone()).collect(),
            matrix: DMatrix::from_row_slice(n, p, &values),
            ids,
            lines,
            langs: (langs.len() == n && n > 0).then_some(langs),
            kept,
            problems,
            source: reader.source_info().clone(),
        })
    }
}
