//! The norm file: the norm tables of an instrument's scales, per group, as JSON.

use std::path::Path;

use nalgebra::DMatrix;
use psym_data::Groups;
use psym_instrument::Instrument;
use serde::{Deserialize, Serialize};

use super::grid::RawGrid;
use super::table::{Norm, NormTable};
use super::{NormError, NormMiss, NormWarning};
use crate::Scorer;

/// The value of [`NormFile::format`].
pub const NORM_FORMAT: &str = "psym-norms";
/// The version of the norm-file format this psym writes and reads.
pub const NORM_VERSION: u32 = 1;

/// Norm tables of an instrument's scales, built by [`NormFile::build`] and applied by
/// `psym score --norms` ([`NormFile::table`], [`NormTable::norms_of`]); documented in
/// `docs/json.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormFile {
    /// Always [`NORM_FORMAT`].
    pub format: String,
    /// Always [`NORM_VERSION`].
    pub version: u32,
    /// The instrument the norms belong to.
    pub instrument: NormInstrument,
    /// The column whose values name the groups; `None` for norms of the whole sample.
    pub group_column: Option<String>,
    /// One table per scale and group.
    pub tables: Vec<NormTable>,
    /// What was wrong with the norm sample when the tables were built.
    #[serde(default)]
    pub warnings: Vec<NormWarning>,
}

/// Which instrument a norm file belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormInstrument {
    /// The instrument's id.
    pub id: String,
    /// The instrument file's version when the norms were built.
    pub version: String,
}

impl NormFile {
    /// Builds a norm table for every scale of `scorer` (and every group), from `scores`
    /// (respondents × the scorer's scales, `NaN` = no score). With `groups` (the group column's
    /// name and each row's group) there is one table per group; rows without a group value
    /// are left out.
    ///
    /// # Errors
    /// [`NormError::NotInteger`] when the instrument has no integer response scale, so that
    /// the possible raw scores are unknown.
    pub fn build(
        inst: &Instrument,
        scorer: &Scorer,
        scores: &DMatrix<f64>,
        groups: Option<(&str, &Groups)>,
    ) -> Result<NormFile, NormError> {
        let labels: Vec<Option<&str>> = match groups {
            Some((_, g)) => g.labels.iter().map(|l| Some(l.as_str())).collect(),
            None => vec![None],
        };
        let group_of = |row: usize| groups.map_or(0, |(_, g)| g.rows[row]);
        let mut tables = Vec::new();
        let mut warnings = Vec::new();
        for (j, rule) in scorer.scales().iter().enumerate() {
            let grid = inst
                .scale(&rule.id)
                .and_then(|s| RawGrid::of(inst, s))
                .ok_or_else(|| NormError::NotInteger(rule.id.clone()))?;
            for (g, label) in labels.iter().enumerate() {
                let column: Vec<f64> = (0..scores.nrows())
                    .filter(|&i| group_of(i) == g)
                    .map(|i| scores[(i, j)])
                    .filter(|x| !x.is_nan())
                    .collect();
                let warn = |n| NormWarning::SmallSample {
                    scale: rule.id.clone(),
                    group: label.map(str::to_owned),
                    n,
                };
                match NormTable::build(&rule.id, *label, grid, column) {
                    Some(table) => {
                        if table.n < NormWarning::SMALL_SAMPLE {
                            warnings.push(warn(table.n));
                        }
                        tables.push(table);
                    }
                    None => warnings.push(warn(0)),
                }
            }
        }
        Ok(NormFile {
            format: NORM_FORMAT.to_owned(),
            version: NORM_VERSION,
            instrument: NormInstrument {
                id: inst.id.clone(),
                version: inst.version.clone(),
            },
            group_column: groups.map(|(name, _)| name.to_owned()),
            tables,
            warnings,
        })
    }

    /// Reads and checks a norm file written by `psym norms`.
    ///
    /// # Errors
    /// The file cannot be read, is not JSON of this format (with line and column), or its
    /// tables are not usable ([`NormError`]).
    pub fn load(path: &Path) -> Result<NormFile, NormError> {
        let text = std::fs::read_to_string(path).map_err(|e| NormError::Io {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        Self::from_json_str(&text, path)
    }

    /// Parses and checks the text of a norm file (`path` names it in errors).
    ///
    /// # Errors
    /// As [`NormFile::load`].
    pub fn from_json_str(text: &str, path: &Path) -> Result<NormFile, NormError> {
        let file: NormFile = serde_json::from_str(text).map_err(|e| NormError::Syntax {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        file.check(path)?;
        Ok(file)
    }

    /// Format, version, and for each table: rows with increasing raw scores and percentile
    /// ranks strictly between 0 and 100.
    fn check(&self, path: &Path) -> Result<(), NormError> {
        let invalid = |what: String| NormError::Invalid {
            path: path.to_owned(),
            message: what,
        };
        if self.format != NORM_FORMAT || self.version != NORM_VERSION {
            return Err(invalid(format!(
                "format '{}' version {} is not {NORM_FORMAT} version {NORM_VERSION}",
                self.format, self.version
            )));
        }
        for (k, t) in self.tables.iter().enumerate() {
            let name = format!("tables[{k}] (scale '{}')", t.scale);
            if t.rows.is_empty() {
                return Err(invalid(format!("{name} has no rows")));
            }
            if t.rows
                .windows(2)
                .any(|w| w[0].raw.partial_cmp(&w[1].raw) != Some(std::cmp::Ordering::Less))
            {
                return Err(invalid(format!(
                    "{name}: raw scores must be strictly increasing"
                )));
            }
            if let Some(r) = t
                .rows
                .iter()
                .find(|r| !(r.percentile > 0.0 && r.percentile < 100.0))
            {
                return Err(invalid(format!(
                    "{name}: percentile {} of raw score {} is not between 0 and 100",
                    r.percentile, r.raw
                )));
            }
        }
        Ok(())
    }

    /// Checks that the norms belong to `inst` (same instrument id).
    ///
    /// # Errors
    /// [`NormError::OtherInstrument`].
    pub fn check_instrument(&self, inst: &Instrument, path: &Path) -> Result<(), NormError> {
        if self.instrument.id != inst.id {
            return Err(NormError::OtherInstrument {
                path: path.to_owned(),
                norms: self.instrument.id.clone(),
                instrument: inst.id.clone(),
            });
        }
        Ok(())
    }

    /// The table of `scale` in `group` (`None` for norms without groups).
    pub fn table(&self, scale: &str, group: Option<&str>) -> Option<&NormTable> {
        self.tables
            .iter()
            .find(|t| t.scale == scale && t.group.as_deref() == group)
    }

    /// The norms of `score` on `scale` for a respondent of `group` (`None` for norms without
    /// groups): the table's [`NormTable::norms_of`].
    ///
    /// # Errors
    /// [`NormMiss::NoGroup`] when the file has no table of `scale` for `group`,
    /// [`NormMiss::Outside`] when the score lies beyond the table's raw scores.
    pub fn norms_for(
        &self,
        scale: &str,
        group: Option<&str>,
        score: f64,
    ) -> Result<Norm, NormMiss> {
        let table = self.table(scale, group).ok_or(NormMiss::NoGroup)?;
        table.norms_of(score).ok_or_else(|| {
            let (lo, hi) = table.range().unwrap_or((f64::NAN, f64::NAN));
            NormMiss::Outside { lo, hi }
        })
    }

    /// Whether any table belongs to `scale`.
    pub fn has_scale(&self, scale: &str) -> bool {
        self.tables.iter().any(|t| t.scale == scale)
    }

    /// The groups with tables, in file order, without repeats.
    pub fn groups(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for g in self.tables.iter().filter_map(|t| t.group.as_deref()) {
            if !out.contains(&g) {
                out.push(g);
            }
        }
        out
    }
}
