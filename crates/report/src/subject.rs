//! Items named in messages: libraries say which columns a diagnostic or an error is about
//! ([`Subject`]); here they get their ids.

use psym_efa::{Diagnostic, EfaError};
use psym_stats::{StatsError, Subject};
use serde_json::{Value, json};

/// "item A1", "items A1 and A2" (an index beyond `items` is shown by its 1-based number);
/// empty for the whole analysis.
pub fn words(subject: Subject, items: &[String]) -> String {
    let id = |j: usize| items.get(j).cloned().unwrap_or_else(|| (j + 1).to_string());
    match subject {
        Subject::Whole => String::new(),
        Subject::Item(j) => format!("item {}", id(j)),
        Subject::ItemPair(j, k) => format!("items {} and {}", id(j), id(k)),
    }
}

/// The message of a correlation routine's error with the items' ids.
pub fn stats_error(e: &StatsError, items: &[String]) -> String {
    e.describe(&|s| words(s, items))
}

/// The message of a factor analysis error with the items' ids.
pub fn efa_error(e: &EfaError, items: &[String]) -> String {
    match e {
        EfaError::Stats(s) => stats_error(s, items),
        EfaError::MissingCorrelations { item } => format!(
            "invalid correlation matrix: {} has missing correlations (a constant item, or too few \
             paired answers)",
            words(Subject::Item(*item), items)
        ),
        other => other.to_string(),
    }
}

/// A factor analysis diagnostic as a sentence: the items concerned, then what was found.
pub fn efa_diagnostic(d: &Diagnostic, items: &[String]) -> String {
    match d.subject {
        Subject::Whole => d.message.clone(),
        s => format!("{} {}", words(s, items), d.message),
    }
}

/// The JSON of factor analysis diagnostics: `kind`, the `items` concerned (ids) and the
/// `message` with them named.
pub fn efa_diagnostics_json(diagnostics: &[Diagnostic], items: &[String]) -> Value {
    let one = |d: &Diagnostic| {
        let concerned: Vec<&String> = match d.subject {
            Subject::Whole => Vec::new(),
            Subject::Item(j) => items.get(j).into_iter().collect(),
            Subject::ItemPair(j, k) => items.get(j).into_iter().chain(items.get(k)).collect(),
        };
        json!({"kind": d.kind, "items": concerned, "message": efa_diagnostic(d, items)})
    };
    Value::Array(diagnostics.iter().map(one).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> Vec<String> {
        (1..=12).map(|i| format!("q{i}")).collect()
    }

    #[test]
    fn columns_become_item_ids() {
        assert_eq!(words(Subject::Item(11), &ids()), "item q12");
        assert_eq!(words(Subject::ItemPair(0, 1), &ids()), "items q1 and q2");
        assert_eq!(words(Subject::Item(20), &ids()), "item 21");
    }

    #[test]
    fn stats_errors_name_their_items() {
        let e = StatsError::TooFewObservations {
            needed: 2,
            found: 1,
            subject: Subject::ItemPair(0, 1),
        };
        assert_eq!(
            stats_error(&e, &ids()),
            "too few observations: 2 needed, 1 available, for items q1 and q2"
        );
        assert_eq!(
            e.to_string(),
            "too few observations: 2 needed, 1 available, for variables 1 and 2"
        );
    }
}
