//! `psym invariance --ordered all --missing pairwise`: Wu & Estabrook's ordinal ladder under
//! pairwise deletion. Every figure is checked against semTools/lavaan in psym-sem's
//! ordinal_pairwise_ladder.rs (tests/data/reference/ordinal_groups_pairwise.json, lavaan 0.6-14
//! `cfa(..., estimator = "WLSMV", missing = "pairwise")` on measEq.syntax's steps); here that
//! the CLI reaches them (lavTestLRT's thresholds against configural Δχ², 1e-6 relative), uses
//! every row and says nothing about dropped rows, and that listwise deletion stays the default.

use crate::util::psym;
use psym_testdata::reference;

/// The arguments of `psym invariance` of the two-factor model on ordinal_groups_missing.csv
/// by `lang` with every item ordered, then `extra`.
fn missing_groups(extra: &[&str]) -> Vec<String> {
    [
        "invariance",
        "tests/data/ordinal_groups_missing.csv",
        "--group",
        "lang",
        "--model-text",
        "f1 =~ y1 + y2 + y3 + y4; f2 =~ y4 + y5 + y6 + y7",
        "--ordered",
        "all",
    ]
    .iter()
    .chain(extra)
    .map(|s| s.to_string())
    .collect()
}

/// Relative difference of `ours` from `theirs`.
fn rel(ours: f64, theirs: f64) -> f64 {
    ((ours - theirs) / theirs).abs()
}

#[test]
fn ordinal_ladder_with_pairwise_deletion_matches_lavaan() {
    let lrt = reference("ordinal_groups_pairwise.json", "wu_estabrook_lrt");
    let rows = reference("ordinal_groups_pairwise.json", "rows");
    let run = psym(missing_groups(&[
        "--missing",
        "pairwise",
        "--format",
        "json",
    ]));
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["missing"], "pairwise");
    let inv = &v["invariance"];
    let c = &inv["comparisons"][0];
    assert_eq!(c["step"], "thresholds");
    let want = lrt[0]["chisq_diff"].as_f64().unwrap();
    let ours = c["chisq_diff"].as_f64().unwrap();
    assert!(rel(ours, want) < 1e-6, "Δχ² {ours} vs lavaan {want}");
    assert_eq!(c["df_diff"].as_f64(), lrt[0]["df_diff"].as_f64());
    // pairwise: every row answering something is used, and no listwise warning
    assert_eq!(inv["rows"]["n_used"], rows["answered"]);
    assert_eq!(inv["rows"]["n_total"], rows["total"]);
    let warnings = v["warnings"].as_array().unwrap();
    assert!(
        !warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("listwise")),
        "{warnings:?}"
    );
    psym(missing_groups(&["--missing", "pairwise"]))
        .expect_code(0)
        .stdout_has("missing pairwise")
        .stdout_has("Thresholds invariance holds");
}

#[test]
fn ordinal_ladder_stays_listwise_by_default() {
    let rows = reference("ordinal_groups_pairwise.json", "rows");
    let run = psym(missing_groups(&["--format", "json"]));
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["missing"], "listwise");
    let inv = &v["invariance"];
    assert_eq!(inv["rows"]["n_used"], rows["complete"]);
    let n: u64 = (inv["groups"].as_array().unwrap().iter())
        .map(|g| g["n"].as_u64().unwrap())
        .sum();
    assert_eq!(n, rows["complete"].as_u64().unwrap());
    // a third of the rows dropped: the warning points to pairwise deletion
    let warnings = v["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("--missing pairwise")),
        "{warnings:?}"
    );
    // differs from the pairwise ladder
    let lrt = reference("ordinal_groups_pairwise.json", "wu_estabrook_lrt");
    let ours = inv["comparisons"][0]["chisq_diff"].as_f64().unwrap();
    assert!(rel(ours, lrt[0]["chisq_diff"].as_f64().unwrap()) > 1e-2);
    psym(missing_groups(&["--missing", "fiml"]))
        .expect_code(2)
        .stderr_has("--missing pairwise");
}
