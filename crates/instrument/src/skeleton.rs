//! A skeleton instrument from what another tool knows about a questionnaire's variables: an
//! SPSS file's dictionary, an XLSForm or a REDCap data dictionary.
//!
//! The source gives each item's name and text (an SPSS variable label, a form's question
//! label), its response anchors (value labels, choices) and its missing codes (SPSS's
//! user-missing values). It cannot tell the subscales, the reverse-keyed items or the
//! instrument's name: the skeleton scores every item as one placeholder scale `total` and
//! lists what is left to do in its `notes`, each line starting with `TODO`. The skeleton loads
//! and passes [`check`](crate::check) as it is.
//!
//! ```
//! use psym_instrument::skeleton::{DraftItem, skeleton};
//! let anchors = vec![(1.0, "Never".to_owned()), (5.0, "Always".to_owned())];
//! let items = [
//!     DraftItem { name: "q1".into(), text: Some("I trust my caseworker.".into()), anchors: anchors.clone(), missing: vec![9.0] },
//!     DraftItem { name: "q2".into(), text: None, anchors, missing: vec![] },
//! ];
//! let draft = skeleton("my-scale", "en", &items);
//! let scale = draft.instrument.response_scale.as_ref().unwrap();
//! assert_eq!((scale.min, scale.max), (1.0, 5.0));
//! assert_eq!(scale.labels["en"], ["Never", "", "", "", "Always"]);
//! assert_eq!(draft.instrument.missing_codes, [9.0]);
//! assert!(psym_instrument::check(&draft.instrument).is_empty());
//! ```

use std::collections::BTreeMap;

use crate::check::is_valid_id;
use crate::model::{Instrument, Item, MAX_SCALE_POINTS, ResponseScale, Scale, ScoringMethod};

/// One questionnaire item as a source describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftItem {
    /// The variable or field name (the response file's column).
    pub name: String,
    /// The item's text (a variable label, a question label).
    pub text: Option<String>,
    /// Labelled answers (value, label), missing codes excluded or not.
    pub anchors: Vec<(f64, String)>,
    /// Codes that mean "no answer".
    pub missing: Vec<f64>,
}

/// A skeleton instrument and what the source could not tell.
#[derive(Debug, Clone, PartialEq)]
pub struct Skeleton {
    /// The instrument: items, response scale, missing codes, one placeholder scale, and the
    /// TODO lines in its `notes`.
    pub instrument: Instrument,
    /// The TODO lines (also in the instrument's `notes`).
    pub todo: Vec<String>,
}

/// Builds a skeleton instrument `id` in `language` from `items`, in their order.
///
/// The response scale is the set of labelled answers (missing codes left out) that most
/// items share: from its lowest to its highest value, whole points when all values are whole,
/// one anchor label per point (`""` where a point has no label). Items with other anchors,
/// items whose names are not valid ids, and a missing response scale become TODO lines. The
/// missing codes are every item's, once each, in increasing order.
pub fn skeleton(id: &str, language: &str, items: &[DraftItem]) -> Skeleton {
    let mut todo = vec![
        format!("TODO: give the instrument its name (name.{language}), version, citation and licence"),
        "TODO: replace the placeholder scale 'total' by the instrument's scales (subscales) and their scoring".to_owned(),
        "TODO: mark reverse-keyed items with \"reverse\": true".to_owned(),
    ];
    let usable: Vec<&DraftItem> = items
        .iter()
        .filter(|item| {
            let ok = is_valid_id(&item.name);
            if !ok {
                todo.push(format!(
                    "TODO: '{}' is not a valid item id and was left out; rename the column and add it by hand",
                    item.name
                ));
            }
            ok
        })
        .collect();
    let mut missing: Vec<f64> = usable
        .iter()
        .flat_map(|i| i.missing.iter().copied())
        .collect();
    missing.sort_by(f64::total_cmp);
    missing.dedup();
    let anchors_of = |item: &DraftItem| -> Vec<(f64, String)> {
        let mut a: Vec<(f64, String)> = item
            .anchors
            .iter()
            .filter(|(v, _)| !missing.contains(v))
            .cloned()
            .collect();
        a.sort_by(|x, y| x.0.total_cmp(&y.0));
        a
    };
    let response_scale = most_common(usable.iter().map(|i| anchors_of(i)))
        .and_then(|anchors| response_scale(&anchors, language));
    match &response_scale {
        None => todo.push(
            "TODO: the source has no value labels for the items: add the response_scale (min, max, anchor labels)".to_owned(),
        ),
        Some(scale) => {
            for item in &usable {
                let a = anchors_of(item);
                let outside = a.iter().any(|(v, _)| *v < scale.min || *v > scale.max);
                if !a.is_empty() && outside {
                    todo.push(format!(
                        "TODO: item '{}' has answers outside the response scale {}–{}; check its coding",
                        item.name, scale.min, scale.max
                    ));
                }
            }
        }
    }
    let text = |t: &Option<String>| -> BTreeMap<String, String> {
        t.iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| (language.to_owned(), t.trim().to_owned()))
            .collect()
    };
    let instrument = Instrument {
        schema: None,
        id: id.to_owned(),
        version: "0.1.0".to_owned(),
        source_language: language.to_owned(),
        languages: vec![language.to_owned()],
        name: BTreeMap::from([(language.to_owned(), format!("TODO: name of {id}"))]),
        instructions: BTreeMap::new(),
        response_scale,
        missing_codes: missing,
        missing_text: BTreeMap::new(),
        items: usable
            .iter()
            .map(|i| Item {
                id: i.name.clone(),
                text: text(&i.text),
                reverse: false,
                translations: BTreeMap::new(),
            })
            .collect(),
        scales: vec![Scale {
            id: "total".to_owned(),
            name: BTreeMap::new(),
            items: usable.iter().map(|i| i.name.clone()).collect(),
            method: ScoringMethod::Mean,
            min_answered: 1.0,
            bands: None,
        }],
        models: Vec::new(),
        citation: None,
        licence: None,
        authors: Vec::new(),
        notes: Some(todo.join("\n")),
    };
    Skeleton { instrument, todo }
}

/// The most frequent non-empty anchor set (the first of equally frequent ones).
fn most_common(sets: impl Iterator<Item = Vec<(f64, String)>>) -> Option<Vec<(f64, String)>> {
    let mut counts: Vec<(Vec<(f64, String)>, usize)> = Vec::new();
    for set in sets.filter(|s| !s.is_empty()) {
        match counts.iter_mut().find(|(s, _)| *s == set) {
            Some((_, n)) => *n += 1,
            None => counts.push((set, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(s, _)| s)
}

/// The response scale spanned by `anchors` (sorted by value), with one label per point when
/// the points are whole and not too many.
fn response_scale(anchors: &[(f64, String)], language: &str) -> Option<ResponseScale> {
    let (min, max) = (anchors.first()?.0, anchors.last()?.0);
    let integer = anchors.iter().all(|(v, _)| v.fract() == 0.0);
    let mut scale = ResponseScale {
        min,
        max,
        integer,
        labels: BTreeMap::new(),
    };
    if let Some(points) = scale.points().filter(|&p| p <= MAX_SCALE_POINTS) {
        let labels = (0..points)
            .map(|k| {
                let value = min + k as f64;
                anchors
                    .iter()
                    .find(|(v, _)| *v == value)
                    .map_or_else(String::new, |(_, l)| l.clone())
            })
            .collect();
        scale.labels.insert(language.to_owned(), labels);
    }
    Some(scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, anchors: &[(f64, &str)], missing: &[f64]) -> DraftItem {
        DraftItem {
            name: name.into(),
            text: Some(format!("text of {name}")),
            anchors: anchors.iter().map(|(v, l)| (*v, (*l).to_owned())).collect(),
            missing: missing.to_vec(),
        }
    }

    #[test]
    fn the_common_anchors_make_the_scale_and_others_are_flagged() {
        let seven = [
            (1.0, "Never"),
            (4.0, "Sometimes"),
            (7.0, "Always"),
            (9.0, "Refused"),
        ];
        let items = [
            item("i1", &seven, &[9.0]),
            item("i2", &seven, &[9.0, 99.0]),
            item("i3", &[(0.0, "No"), (1.0, "Yes")], &[]),
            item("#bad", &seven, &[]),
        ];
        let s = skeleton("x", "nb", &items);
        let scale = s.instrument.response_scale.as_ref().unwrap();
        assert_eq!((scale.min, scale.max, scale.integer), (1.0, 7.0, true));
        assert_eq!(
            scale.labels["nb"],
            ["Never", "", "", "Sometimes", "", "", "Always"]
        );
        assert_eq!(s.instrument.missing_codes, [9.0, 99.0]);
        let ids: Vec<&str> = s.instrument.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["i1", "i2", "i3"]);
        assert_eq!(s.instrument.items[0].text["nb"], "text of i1");
        assert!(
            s.todo
                .iter()
                .any(|t| t.contains("'#bad' is not a valid item id"))
        );
        assert!(
            s.todo
                .iter()
                .any(|t| t.contains("item 'i3' has answers outside"))
        );
        assert!(s.todo.iter().all(|t| t.starts_with("TODO")));
        assert!(
            crate::check(&s.instrument).is_empty(),
            "{:?}",
            crate::check(&s.instrument)
        );
    }

    #[test]
    fn without_value_labels_the_scale_is_left_to_do() {
        let s = skeleton("x", "en", &[item("a", &[], &[])]);
        assert!(s.instrument.response_scale.is_none());
        assert!(s.todo.iter().any(|t| t.contains("add the response_scale")));
    }
}
