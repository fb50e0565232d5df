//! What to read from a file (item specs and options) and where it is (the column map).

use std::collections::HashMap;

use crate::error::DataErrorKind;
use crate::problem::{Problem, ProblemKind};
use crate::source::Dialect;

/// One item to read: its column name and the values it may take.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemSpec {
    /// Item id, matched to a column name (exactly, else ignoring case).
    pub id: String,
    /// Lowest valid value, if bounded.
    pub min: Option<f64>,
    /// Highest valid value, if bounded.
    pub max: Option<f64>,
    /// Whether values must be whole numbers.
    pub integer: bool,
}

impl ItemSpec {
    /// An item on an integer rating scale from `min` to `max`.
    pub fn rating(id: &str, min: f64, max: f64) -> Self {
        ItemSpec {
            id: id.to_owned(),
            min: Some(min),
            max: Some(max),
            integer: true,
        }
    }

    /// An item taking any number.
    pub fn continuous(id: &str) -> Self {
        ItemSpec {
            id: id.to_owned(),
            min: None,
            max: None,
            integer: false,
        }
    }

    /// Checks a value against the range and the integer rule; the error carries the problem
    /// kind and a plain-language reason.
    #[inline]
    pub fn check(&self, v: f64) -> Result<(), (ProblemKind, String)> {
        let in_range = self.min.is_none_or(|m| v >= m) && self.max.is_none_or(|m| v <= m);
        if in_range && (!self.integer || is_whole(v)) {
            return Ok(());
        }
        self.explain(v)
    }

    #[cold]
    fn explain(&self, v: f64) -> Result<(), (ProblemKind, String)> {
        let below = self.min.is_some_and(|m| v < m);
        let above = self.max.is_some_and(|m| v > m);
        if below || above {
            let range = match (self.min, self.max) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) => format!("≥ {a}"),
                (None, Some(b)) => format!("≤ {b}"),
                (None, None) => String::new(),
            };
            return Err((
                ProblemKind::OutOfRange,
                format!("{v} is outside the response scale {range}"),
            ));
        }
        if self.integer && !is_whole(v) {
            return Err((
                ProblemKind::NotInteger,
                format!("{v} is not a whole number, but the response scale has whole points only"),
            ));
        }
        Ok(())
    }
}

/// Whether `v` is a whole number (values beyond ±2⁵³ are whole in `f64`).
fn is_whole(v: f64) -> bool {
    v.abs() >= 9_007_199_254_740_992.0 || (v as i64) as f64 == v
}

/// Options of a read beyond the items.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Encoding, delimiter and decimal mark when not detected.
    pub dialect: Dialect,
    /// Values that mean "no answer" (for example 9 or 99).
    pub missing_codes: Vec<f64>,
    /// Texts that mean "no answer" (for example `Vet ikke`, `Don't know`), matched ignoring case
    /// and surrounding spaces, besides blank cells and [`MISSING_TOKENS`](crate::MISSING_TOKENS).
    pub missing_text: Vec<String>,
    /// The sheet to read of a workbook (exactly, else ignoring case); the first when `None`.
    /// Text files have no sheets and ignore it.
    pub sheet: Option<String>,
    /// Name of the respondent id column; by default `id` (any case), else Qualtrics'
    /// `ResponseId`, else the row number.
    pub id_column: Option<String>,
    /// Name of a column holding each respondent's language code.
    pub lang_column: Option<String>,
    /// The language codes allowed in the language column (empty: any).
    pub languages: Vec<String>,
    /// Columns to carry through to each [`Row::kept`](crate::Row::kept).
    pub keep: Vec<String>,
    /// How a problem words the setting it suggests ([`Advice`](crate::Advice)); `None`: as
    /// the setting of this crate (`Advice`'s `Display`). A program passes the wording of its
    /// flags.
    pub advise: Option<fn(&crate::Advice) -> String>,
}

/// Where each needed column is in the header.
#[derive(Debug, Clone, Default)]
pub(crate) struct ColumnMap {
    pub header: Vec<String>,
    /// Column of each item, `None` when absent.
    pub items: Vec<Option<usize>>,
    pub id: Option<usize>,
    pub lang: Option<usize>,
    pub keep: Vec<usize>,
    /// Qualtrics' `ResponseId` column, used to recognise its extra header rows.
    pub response_id: Option<usize>,
    pub problems: Vec<Problem>,
}

/// The first column of each name, exactly and ignoring ASCII case: a lookup in constant time,
/// so matching a header costs time linear in its width.
struct HeaderIndex {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

impl HeaderIndex {
    fn new(header: &[String]) -> Self {
        let mut exact = HashMap::with_capacity(header.len());
        let mut folded = HashMap::with_capacity(header.len());
        for (k, name) in header.iter().enumerate() {
            exact.entry(name.clone()).or_insert(k);
            folded.entry(name.to_ascii_lowercase()).or_insert(k);
        }
        HeaderIndex { exact, folded }
    }

    /// The column named `name`: an exact match, else the first match ignoring case.
    fn find(&self, name: &str) -> Option<usize> {
        self.exact
            .get(name)
            .or_else(|| self.folded.get(&name.to_ascii_lowercase()))
            .copied()
    }
}

impl ColumnMap {
    pub fn new(
        header: Vec<String>,
        items: &[ItemSpec],
        options: &ReadOptions,
    ) -> Result<Self, DataErrorKind> {
        let index = HeaderIndex::new(&header);
        let mut map = ColumnMap {
            header,
            ..Default::default()
        };
        map.report_duplicates(&index);
        let find_required = |role: &'static str, name: &str, map: &ColumnMap| {
            index
                .find(name)
                .ok_or_else(|| DataErrorKind::ColumnNotFound {
                    role,
                    name: name.to_owned(),
                    header: map.header.clone(),
                })
        };
        map.id = match &options.id_column {
            Some(name) => Some(find_required("id", name, &map)?),
            None => index.find("id").or_else(|| index.find("ResponseId")),
        };
        map.lang = match &options.lang_column {
            Some(name) => Some(find_required("language", name, &map)?),
            None => None,
        };
        map.keep = options
            .keep
            .iter()
            .map(|name| find_required("pass-through", name, &map))
            .collect::<Result<_, _>>()?;
        map.response_id = index.find("ResponseId");
        map.items = items.iter().map(|spec| index.find(&spec.id)).collect();
        for (spec, col) in items.iter().zip(&map.items) {
            if col.is_none() {
                map.problems.push(Problem {
                    line: 1,
                    id: None,
                    column: Some(spec.id.clone()),
                    value: None,
                    kind: ProblemKind::MissingColumn,
                    message: format!(
                        "item '{}' of the instrument has no column in the file",
                        spec.id
                    ),
                });
            }
        }
        Ok(map)
    }

    fn report_duplicates(&mut self, index: &HeaderIndex) {
        for (k, name) in self.header.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            let Some(&first) = index.exact.get(name).filter(|&&first| first < k) else {
                continue;
            };
            self.problems.push(Problem {
                line: 1,
                id: None,
                column: Some(name.clone()),
                value: None,
                kind: ProblemKind::DuplicateColumn,
                message: format!(
                    "column '{name}' appears twice in the header (fields {} and {}); the first is used",
                    first + 1,
                    k + 1
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_match_exactly_first_then_ignoring_case() {
        let header: Vec<String> = ["ID", "q1", "Q2", "q2", "q1"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let items = [ItemSpec::continuous("Q1"), ItemSpec::continuous("q2")];
        let map = ColumnMap::new(header, &items, &ReadOptions::default()).unwrap();
        assert_eq!(map.id, Some(0));
        assert_eq!(map.items, [Some(1), Some(3)]);
        let dups: Vec<&str> = map
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::DuplicateColumn)
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(
            dups,
            ["column 'q1' appears twice in the header (fields 2 and 5); the first is used"]
        );
    }
}
