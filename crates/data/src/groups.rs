//! Respondents assigned to groups (languages, offices, …) by the value of one column.

use std::fmt;

/// Which group each row belongs to, by the value of a grouping column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    /// The groups' values, in order (of first appearance unless [`Groups::reorder`]ed).
    pub labels: Vec<String>,
    /// Each row's group as an index into `labels`; [`Groups::NONE`] for a row without a value,
    /// which belongs to no group and is left out of group analyses.
    pub rows: Vec<usize>,
}

/// A group order that does not name every group exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupOrderError {
    /// The order names a value that no row has.
    Unknown {
        /// The value named.
        name: String,
        /// The groups found.
        found: Vec<String>,
    },
    /// The order leaves a group out.
    Missing(String),
}

impl fmt::Display for GroupOrderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupOrderError::Unknown { name, found } => write!(
                f,
                "'{name}' is not a group of the data (found: {})",
                found.join(", ")
            ),
            GroupOrderError::Missing(g) => {
                write!(f, "group '{g}' is not named; name every group once")
            }
        }
    }
}

impl std::error::Error for GroupOrderError {}

impl Groups {
    /// The index of a row that belongs to no group.
    pub const NONE: usize = usize::MAX;

    /// Groups in order of first appearance of `values` (one per row); a blank value is no
    /// group.
    pub fn of<'a>(values: impl IntoIterator<Item = &'a str>) -> Groups {
        let mut labels: Vec<String> = Vec::new();
        let rows = values
            .into_iter()
            .map(|v| match Some(v).filter(|v| !v.trim().is_empty()) {
                None => Groups::NONE,
                Some(v) => labels.iter().position(|l| l == v).unwrap_or_else(|| {
                    labels.push(v.to_owned());
                    labels.len() - 1
                }),
            })
            .collect();
        Groups { labels, rows }
    }

    /// The same groups in the order `wanted`, which must name every group exactly once (the
    /// first is then the reference group of an invariance analysis).
    ///
    /// # Errors
    /// A name that is not a group, or a group left out.
    pub fn reorder(self, wanted: &[String]) -> Result<Groups, GroupOrderError> {
        if let Some(w) = wanted.iter().find(|w| !self.labels.contains(w)) {
            return Err(GroupOrderError::Unknown {
                name: w.clone(),
                found: self.labels,
            });
        }
        if let Some(missing) = self.labels.iter().find(|l| !wanted.contains(l)) {
            return Err(GroupOrderError::Missing(missing.clone()));
        }
        let recode: Vec<usize> = self
            .labels
            .iter()
            .map(|l| wanted.iter().position(|w| w == l).unwrap_or(Groups::NONE))
            .collect();
        let rows = self
            .rows
            .into_iter()
            .map(|r| recode.get(r).copied().unwrap_or(Groups::NONE))
            .collect();
        Ok(Groups {
            labels: wanted.to_vec(),
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_first_appearance_and_blank_is_none() {
        let g = Groups::of(["nb", "en", " ", "nb"]);
        assert_eq!(g.labels, ["nb", "en"]);
        assert_eq!(g.rows, [0, 1, Groups::NONE, 0]);
    }

    #[test]
    fn reordering_recodes_rows_and_refuses_incomplete_orders() {
        let g = Groups::of(["nb", "en", "nb"]);
        let r = g.clone().reorder(&["en".into(), "nb".into()]).unwrap();
        assert_eq!(
            (r.labels.as_slice(), r.rows.as_slice()),
            (&["en".to_string(), "nb".to_string()][..], &[1, 0, 1][..])
        );
        assert_eq!(
            g.clone().reorder(&["en".into()]).unwrap_err(),
            GroupOrderError::Missing("nb".into())
        );
        assert!(matches!(
            g.reorder(&["en".into(), "nb".into(), "da".into()]),
            Err(GroupOrderError::Unknown { .. })
        ));
    }
}
