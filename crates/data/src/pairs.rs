//! Pairing the rows of two forms (a client's and a caseworker's answers about the same dyad)
//! by their id.

use std::collections::{HashMap, HashSet};

use crate::ids::DuplicateIds;
use crate::problem::{Problem, ProblemKind};

/// One row of a form, as pairing needs it: its id and file line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdLine {
    /// The row's id (blank rows are never paired; the reader reports them as empty ids).
    pub id: String,
    /// 1-based file line of the row.
    pub line: u64,
}

/// The rows of two forms paired by id, and the rows that could not be paired.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pairing {
    /// Index of a row of the first form and of its partner in the second, in the first
    /// form's order.
    pub pairs: Vec<(usize, usize)>,
    /// Per form, why rows were left unpaired: a repeated id (every row with that id is left
    /// out, as it is not known which one belongs to the dyad), or no row with the same id in
    /// the other form.
    pub problems: [Vec<Problem>; 2],
}

/// Pairs the rows of `forms` by id; `column` is the id column's name (for the problems) and
/// `names` the forms' names (for the messages). Nothing is dropped silently: each row left
/// unpaired has a problem with its line.
///
/// # Example
/// ```
/// use psym_data::{IdLine, pair_by_id};
/// let row = |id: &str, line| IdLine { id: id.into(), line };
/// let client = [row("d1", 2), row("d2", 3), row("d3", 4)];
/// let worker = [row("d2", 2), row("d1", 3)];
/// let p = pair_by_id([&client[..], &worker[..]], Some("id"), ["client", "caseworker"]);
/// assert_eq!(p.pairs, [(0, 1), (1, 0)]);
/// assert_eq!(p.problems[0][0].line, 4);
/// ```
pub fn pair_by_id(forms: [&[IdLine]; 2], column: Option<&str>, names: [&str; 2]) -> Pairing {
    let mut problems: [Vec<Problem>; 2] = Default::default();
    let mut unique: [HashMap<&str, usize>; 2] = Default::default();
    for (f, rows) in forms.iter().enumerate() {
        let mut seen = DuplicateIds::default();
        let mut repeated = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            if r.id.trim().is_empty() {
                continue;
            }
            if let Some(p) = seen.see(&r.id, r.line, column) {
                problems[f].push(p);
                repeated.push(r.id.as_str());
            } else {
                unique[f].insert(r.id.as_str(), i);
            }
        }
        for id in repeated {
            unique[f].remove(id);
        }
    }
    let pairs = forms[0]
        .iter()
        .enumerate()
        .filter(|&(i, r)| unique[0].get(r.id.as_str()) == Some(&i))
        .filter_map(|(i, r)| unique[1].get(r.id.as_str()).map(|&j| (i, j)))
        .collect();
    for f in 0..2 {
        let other = 1 - f;
        let present: HashSet<&str> = forms[other].iter().map(|o| o.id.as_str()).collect();
        for (i, r) in forms[f].iter().enumerate() {
            if unique[f].get(r.id.as_str()) != Some(&i) || unique[other].contains_key(r.id.as_str())
            {
                continue;
            }
            let message = if present.contains(r.id.as_str()) {
                format!(
                    "id '{}' occurs more than once in the {} form",
                    r.id, names[other]
                )
            } else {
                format!("no {} row has id '{}'", names[other], r.id)
            };
            problems[f].push(Problem {
                line: r.line,
                id: Some(r.id.clone()),
                column: column.map(str::to_owned),
                value: Some(r.id.clone()),
                kind: ProblemKind::Unpaired,
                message,
            });
        }
        problems[f].sort_by_key(|p| p.line);
    }
    Pairing { pairs, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(ids: &[&str]) -> Vec<IdLine> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| IdLine {
                id: (*id).into(),
                line: i as u64 + 2,
            })
            .collect()
    }

    /// A repeated id leaves every row with it unpaired, and its partner too, each with a problem.
    #[test]
    fn repeated_ids_are_not_paired_and_are_reported() {
        let a = rows(&["x", "y", "x", ""]);
        let b = rows(&["y", "x", "z"]);
        let p = pair_by_id([&a, &b], Some("id"), ["client", "caseworker"]);
        assert_eq!(p.pairs, [(1, 0)]);
        let kinds = |f: usize| {
            p.problems[f]
                .iter()
                .map(|q| (q.line, q.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(0), [(4, ProblemKind::DuplicateId)]);
        assert_eq!(
            kinds(1),
            [(3, ProblemKind::Unpaired), (4, ProblemKind::Unpaired)]
        );
        assert_eq!(
            p.problems[1][0].message,
            "id 'x' occurs more than once in the client form"
        );
        assert_eq!(p.problems[1][1].message, "no client row has id 'z'");
    }
}
