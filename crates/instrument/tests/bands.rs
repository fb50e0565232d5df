//! Score bands: the example instrument loads, and defective bands are reported with the JSON
//! path and the scale's id.

use std::path::Path;

use psym_instrument::{Defect, InstrumentErrorKind, from_json_str, load};
use psym_testdata::repo;

/// An instrument with one 3-item scale (`method`) on a 1–5 scale and the given bands.
fn with_bands(method: &str, bands: &str) -> Vec<Defect> {
    let json = format!(
        r#"{{"id": "b", "version": "1", "source_language": "en", "languages": ["en", "nb"],
      "name": {{"en": "B"}}, "response_scale": {{"min": 1, "max": 5}},
      "items": [{{"id": "q1"}}, {{"id": "q2"}}, {{"id": "q3"}}],
      "scales": [{{"id": "s", "items": ["q1", "q2", "q3"], "method": "{method}", "bands": {bands}}}]}}"#
    );
    match from_json_str(&json, Path::new("b.json")) {
        Ok(_) => Vec::new(),
        Err(e) => match e.kind {
            InstrumentErrorKind::Invalid(d) => d,
            other => panic!("{other}"),
        },
    }
}

fn paths(defects: &[Defect]) -> Vec<&str> {
    defects.iter().map(|d| d.path.as_str()).collect()
}

#[test]
fn the_bands_example_loads_with_labels_per_language() {
    let inst = load(&repo("docs/examples/alliance-bands.json")).unwrap();
    let bond = inst.scale("bond").unwrap().bands.as_ref().unwrap();
    assert_eq!(bond.cuts, [3.0, 4.0, 5.0, 6.0]);
    assert!(bond.source.as_deref().unwrap().contains("ILLUSTRATIVE"));
    let nb = bond.value_labels("nb").unwrap();
    assert_eq!(nb.first(), Some(&(1, "svært svak")));
    assert_eq!(nb.last(), Some(&(5, "svært sterk")));
    assert_eq!(bond.band_of(6.0), Some(5));
}

#[test]
fn good_bands_have_no_defects() {
    let labels = r#"{"en": ["low", "mid", "high"], "nb": ["lav", "middels", "høy"]}"#;
    let mean = format!(r#"{{"cuts": [2.5, 3.5], "labels": {labels}}}"#);
    assert!(with_bands("mean", &mean).is_empty());
    let sum = format!(r#"{{"cuts": [7, 11], "labels": {labels}}}"#);
    assert!(with_bands("sum", &sum).is_empty());
}

#[test]
fn unordered_cut_points_are_a_defect_naming_the_scale() {
    let d = with_bands(
        "mean",
        r#"{"cuts": [3.5, 2.5], "labels": {"en": ["a", "b", "c"]}}"#,
    );
    assert_eq!(paths(&d), ["$.scales[0].bands.cuts"]);
    assert!(d[0].message.contains("scale 's'"), "{}", d[0].message);
    assert!(d[0].message.contains("strictly increasing"));
}

/// A cut point on or beyond the score range would leave a band empty; a sum scale's range is
/// k·min–k·max (3–15 here), so 5.5 is fine for a sum but not for a mean.
#[test]
fn cut_points_outside_the_score_range_are_defects() {
    let d = with_bands(
        "mean",
        r#"{"cuts": [1, 5.5], "labels": {"en": ["a", "b", "c"]}}"#,
    );
    assert_eq!(
        paths(&d),
        ["$.scales[0].bands.cuts[0]", "$.scales[0].bands.cuts[1]"]
    );
    assert!(d[1].message.contains("score range 1–5"), "{}", d[1].message);
    let d = with_bands("sum", r#"{"cuts": [5.5], "labels": {"en": ["a", "b"]}}"#);
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn labels_must_match_the_bands_in_every_language_and_include_the_source() {
    let d = with_bands(
        "mean",
        r#"{"cuts": [3], "labels": {"nb": ["lav"], "de": ["a", " "]}}"#,
    );
    assert_eq!(
        paths(&d),
        [
            "$.scales[0].bands.labels.de",
            "$.scales[0].bands.labels.de[1]",
            "$.scales[0].bands.labels.nb",
            "$.scales[0].bands.labels",
        ]
    );
    assert!(d[2].message.contains("1 band label(s) in 'nb' for 2 bands"));
    assert!(d[3].message.contains("source language 'en'"));
}

#[test]
fn bands_without_cut_points_or_a_response_scale_are_defects() {
    let d = with_bands("mean", r#"{"cuts": [], "labels": {"en": ["all"]}}"#);
    assert_eq!(paths(&d), ["$.scales[0].bands.cuts"]);
    let json = r#"{"id": "b", "version": "1", "source_language": "en", "languages": ["en"],
      "name": {"en": "B"}, "items": [{"id": "q1"}],
      "scales": [{"id": "s", "items": ["q1"], "bands": {"cuts": [2], "labels": {"en": ["a", "b"]}}}]}"#;
    let err = from_json_str(json, Path::new("b.json")).unwrap_err();
    assert_eq!(paths(err.defects()), ["$.scales[0].bands"]);
    assert!(err.to_string().contains("no response_scale"));
}
