//! `psym invariance`.

use crate::util::psym;
use psym_testdata::reference;

const ALLIANCE_DATA: &str = "tests/data/alliance_en_nb.csv";
const ALLIANCE_INSTRUMENT: &str = "instruments/open-alliance-12.json";

/// Source: lavaan 0.6-14 ladder on the alliance example by language (fixture `alliance_ml` of
/// tests/data/reference/invariance.R); the library tests compare every figure, this checks
/// that the CLI's JSON carries them, and that a failing step (scalar: the planted intercept
/// differences) is a finding with exit status 0. Tolerance 1e-4 relative.
#[test]
fn invariance_json_carries_the_ladder_and_a_failed_step_exits_0() {
    let run = psym([
        "invariance",
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    let want = reference("invariance.json", "alliance_ml");
    let inv = &v["invariance"];
    for (i, step) in ["configural", "metric", "scalar", "strict", "means"]
        .iter()
        .enumerate()
    {
        assert_eq!(inv["steps"][i]["step"], *step);
        let a = inv["steps"][i]["fit"]["chisq"].as_f64().unwrap();
        let b = want["steps"][step]["fit"]["chisq"].as_f64().unwrap();
        assert!(((a - b) / b).abs() < 1e-4, "{step}: {a} vs {b}");
    }
    assert_eq!(inv["first_failure"], "scalar");
    assert_eq!(inv["comparisons"][1]["verdict"], "fails");
    assert_eq!(inv["rule"]["cfi_min"], -0.01);
}

/// The text output writes the decision rule out, whatever it is.
#[test]
fn invariance_text_prints_the_decision_rule() {
    psym([
        "invariance",
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--steps",
        "configural,metric",
        "--cfi-min",
        "-0.005",
        "--rmsea-max",
        "0.01",
    ])
    .expect_code(0)
    .stdout_has("ΔCFI ≥ -0.005 and ΔRMSEA ≤ 0.010");
}

/// A group too small for the model is refused, naming the group.
#[test]
fn invariance_refuses_a_group_with_too_few_respondents() {
    psym([
        "invariance",
        ALLIANCE_DATA,
        "--group",
        "id",
        "--instrument",
        ALLIANCE_INSTRUMENT,
    ])
    .expect_code(2)
    .stderr_has("group 'R0001' has 1 respondent(s)");
}

/// `--group-order` must name every group once.
#[test]
fn invariance_group_order_must_name_every_group() {
    psym([
        "invariance",
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--group-order",
        "nb",
    ])
    .expect_code(2)
    .stderr_has("--group-order for column 'lang': group 'en' is not named");
}
