//! Counts over the respondents of the second pass.

use serde::Serialize;

use crate::{Index, Indices};

/// How many respondents had each index computed and flagged.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndexCount {
    /// The index.
    pub index: Index,
    /// Respondents for whom it could be computed.
    pub computed: u64,
    /// Respondents flagged on it.
    pub flagged: u64,
}

/// The tally of the second pass: rows, flagged rows, and per index ([`Index::ALL`] order)
/// how many were computed and flagged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Respondents (rows) seen.
    pub respondents: u64,
    /// Respondents flagged on at least one index.
    pub flagged: u64,
    /// One count per index.
    pub indices: Vec<IndexCount>,
    /// Rows whose duration cell is neither blank nor a number of seconds (their completion
    /// time is left unknown).
    pub unreadable_durations: u64,
    /// The first such row: its line and the cell as written.
    pub first_unreadable_duration: Option<(u64, String)>,
}

impl Default for Summary {
    fn default() -> Self {
        Summary {
            respondents: 0,
            flagged: 0,
            indices: Index::ALL
                .iter()
                .map(|&index| IndexCount {
                    index,
                    computed: 0,
                    flagged: 0,
                })
                .collect(),
            unreadable_durations: 0,
            first_unreadable_duration: None,
        }
    }
}

impl Summary {
    /// Whether the pass found anything to report: a flagged respondent or an unreadable
    /// duration.
    pub fn has_findings(&self) -> bool {
        self.flagged > 0 || self.unreadable_durations > 0
    }

    /// Counts a row whose duration cell (`value`, on `line`) could not be read as seconds.
    pub fn unreadable_duration(&mut self, line: u64, value: &str) {
        self.unreadable_durations += 1;
        self.first_unreadable_duration
            .get_or_insert_with(|| (line, value.to_owned()));
    }

    /// Counts one respondent.
    pub fn add(&mut self, row: &Indices) {
        self.respondents += 1;
        if !row.flags.is_empty() {
            self.flagged += 1;
        }
        for count in &mut self.indices {
            if row.value(count.index).is_some() {
                count.computed += 1;
            }
            if row.flags.contains(&count.index) {
                count.flagged += 1;
            }
        }
    }
}
