//! Findings in words: libraries say what a diagnostic or an error is about ([`Subject`]: items
//! by column, a parameter, a group) and what to try (an advice value); here the subjects get
//! their item ids and group labels, and the advice the words the caller gives it (psym's
//! binary words advice as its flags).
//!
//! Every analysis's findings have one shape ([`Diagnostic`]), so one set of functions words
//! them all: [`sentence`] (subject, then message), [`advice`], and [`diagnostics_json`].

use psym_efa::EfaError;
use psym_model::ParamRef;
use psym_stats::{Diagnostic, NoParameter, StatsError, Subject};
use serde::Serialize;
use serde_json::{Value, json};

/// How the caller words one advice value (psym's binary: as the flag to try).
pub type Advise<A> = fn(&A) -> String;

/// The names of what a subject can point at: item ids by column, group labels by index.
#[derive(Debug, Clone, Copy, Default)]
pub struct Names<'a> {
    /// Item ids, by column of the analysed matrix (an index beyond them is shown by its
    /// 1-based number).
    pub items: &'a [String],
    /// Group labels, in group order (empty for a single-group analysis).
    pub groups: &'a [String],
}

impl<'a> Names<'a> {
    /// Item ids only.
    pub fn items(items: &'a [String]) -> Self {
        Names { items, groups: &[] }
    }

    pub(crate) fn item(&self, j: usize) -> String {
        self.items
            .get(j)
            .cloned()
            .unwrap_or_else(|| (j + 1).to_string())
    }

    /// The label of group `g` (0-based), or its 1-based number.
    pub(crate) fn group(&self, g: usize) -> String {
        self.groups
            .get(g)
            .cloned()
            .unwrap_or_else(|| (g + 1).to_string())
    }
}

/// A parameter reference in words, with its group's label.
pub trait ParamWords {
    /// The parameter as written in model syntax, with ` in group <label>` when it is one
    /// group's.
    fn words(&self, names: &Names<'_>) -> String;
}

impl ParamWords for NoParameter {
    fn words(&self, _: &Names<'_>) -> String {
        match *self {}
    }
}

impl ParamWords for ParamRef {
    fn words(&self, names: &Names<'_>) -> String {
        let every = ParamRef {
            group: None,
            ..self.clone()
        };
        match self.group {
            // 1-based, as in the parameter table
            Some(g) => format!("{every} in group {}", names.group(g.saturating_sub(1))),
            None => every.to_string(),
        }
    }
}

/// "item A1", "items A1 and A2", "f =~ x2 in group nb", "group nb"; empty for the whole
/// analysis.
pub fn words<P: ParamWords>(subject: &Subject<P>, names: &Names<'_>) -> String {
    match subject {
        Subject::Whole => String::new(),
        Subject::Item(j) => format!("item {}", names.item(*j)),
        Subject::ItemPair(j, k) => format!("items {} and {}", names.item(*j), names.item(*k)),
        Subject::Parameter(p) => p.words(names),
        Subject::Group(g) => format!("group {}", names.group(*g)),
    }
}

/// The message of a correlation routine's error with the items' ids.
pub fn stats_error(e: &StatsError, items: &[String]) -> String {
    e.describe(&|s| words(&s, &Names::items(items)))
}

/// The message of a factor analysis error with the items' ids.
pub fn efa_error(e: &EfaError, items: &[String]) -> String {
    e.describe(&|s| words(&s, &Names::items(items)))
}

/// A finding as a sentence: the subject's words, then the message (without the advice).
pub fn sentence<K, A, P: ParamWords>(d: &Diagnostic<K, A, P>, names: &Names<'_>) -> String {
    match words(&d.subject, names) {
        w if w.is_empty() => d.message.clone(),
        w => format!("{w} {}", d.message),
    }
}

/// The advice of a finding worded by `advise`, joined by "; " (empty without advice).
pub fn advice<K, A, P>(d: &Diagnostic<K, A, P>, advise: Advise<A>) -> String {
    d.advice.iter().map(advise).collect::<Vec<_>>().join("; ")
}

/// A finding on one line: the sentence, then "; " and the advice when there is any.
pub fn line<K, A, P: ParamWords>(
    d: &Diagnostic<K, A, P>,
    names: &Names<'_>,
    advise: Advise<A>,
) -> String {
    match advice(d, advise) {
        a if a.is_empty() => sentence(d, names),
        a => format!("{}; {a}", sentence(d, names)),
    }
}

/// The JSON of findings, one shape for every analysis: `kind`, `severity`, the `items`
/// concerned (ids; empty when none), `parameter` (lhs, op, rhs, group) for a finding about
/// a parameter and `group` (1-based) for one about a group, the `message` naming them, and
/// the `advice` worded by `advise` ("" when none).
pub fn diagnostics_json<K: Serialize, A, P: ParamWords + Serialize>(
    diagnostics: &[Diagnostic<K, A, P>],
    names: &Names<'_>,
    advise: Advise<A>,
) -> Value {
    let one = |d: &Diagnostic<K, A, P>| {
        let items: Vec<&String> = match d.subject {
            Subject::Item(j) => names.items.get(j).into_iter().collect(),
            Subject::ItemPair(j, k) => names
                .items
                .get(j)
                .into_iter()
                .chain(names.items.get(k))
                .collect(),
            _ => Vec::new(),
        };
        let mut v = json!({
            "kind": d.kind,
            "severity": d.severity,
            "items": items,
            "message": sentence(d, names),
            "advice": advice(d, advise),
        });
        match &d.subject {
            Subject::Parameter(p) => v["parameter"] = json!(p),
            Subject::Group(g) => v["group"] = json!(g + 1),
            _ => {}
        }
        v
    };
    Value::Array(diagnostics.iter().map(one).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_model::Op;
    use psym_stats::Severity;

    fn ids() -> Vec<String> {
        (1..=12).map(|i| format!("q{i}")).collect()
    }

    #[test]
    fn columns_become_item_ids() {
        let ids = ids();
        let names = Names::items(&ids);
        let w = |s: Subject| words(&s, &names);
        assert_eq!(w(Subject::Item(11)), "item q12");
        assert_eq!(w(Subject::ItemPair(0, 1)), "items q1 and q2");
        assert_eq!(w(Subject::Item(20)), "item 21");
    }

    #[test]
    fn parameters_and_groups_get_group_labels() {
        let groups = ["en".to_string(), "nb".to_string()];
        let names = Names {
            items: &[],
            groups: &groups,
        };
        let p = ParamRef {
            group: Some(2),
            ..ParamRef::new("x1", Op::Covary, "x1")
        };
        assert_eq!(
            words(&Subject::Parameter(p), &names),
            "x1 ~~ x1 in group nb"
        );
        assert_eq!(words(&Subject::<ParamRef>::Group(0), &names), "group en");
    }

    #[test]
    fn a_finding_is_its_subject_message_and_advice() {
        let ids = ids();
        let names = Names::items(&ids);
        let d: Diagnostic<&str, u8> =
            Diagnostic::new("k", Severity::Warning, Subject::Item(0), "has trouble")
                .with_advice([1, 2]);
        let advise: Advise<u8> = |a| format!("try --a {a}");
        assert_eq!(
            line(&d, &names, advise),
            "item q1 has trouble; try --a 1; try --a 2"
        );
        let v = diagnostics_json(std::slice::from_ref(&d), &names, advise);
        assert_eq!(v[0]["items"], json!(["q1"]));
        assert_eq!(v[0]["severity"], "warning");
        assert_eq!(v[0]["advice"], "try --a 1; try --a 2");
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
