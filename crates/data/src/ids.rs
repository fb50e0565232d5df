//! Finding respondent ids that occur more than once.

use std::collections::HashMap;

use crate::problem::{Problem, ProblemKind};

/// Remembers the ids seen so far and reports repeats with the line of the first occurrence.
#[derive(Debug, Default)]
pub struct DuplicateIds {
    first_line: HashMap<String, u64>,
}

impl DuplicateIds {
    /// Records `id` seen at `line`; a problem when it was seen before. Blank ids are ignored
    /// (they are reported as empty ids).
    pub fn see(&mut self, id: &str, line: u64, column: Option<&str>) -> Option<Problem> {
        if id.is_empty() {
            return None;
        }
        match self.first_line.get(id) {
            Some(&first) => Some(Problem {
                line,
                id: Some(id.to_owned()),
                column: column.map(str::to_owned),
                value: Some(id.to_owned()),
                kind: ProblemKind::DuplicateId,
                message: format!("id '{id}' was already used on line {first}"),
            }),
            None => {
                self.first_line.insert(id.to_owned(), line);
                None
            }
        }
    }
}
