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

/// The bundled example has two planted differences between `en` and `nb`
/// (tests/data/DATASETS.md): item i7 loads more weakly and item i10 is harder to endorse.
/// `--partial auto` must release exactly those two kinds of constraint at their steps (it may
/// release more that the data support), and the partial scalar model it reaches must then
/// hold. The score tests at a failing step must put i10's intercept first.
#[test]
fn automatic_partial_search_finds_the_planted_items() {
    let run = psym([
        "invariance",
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--partial",
        "auto",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let inv = &run.json()["invariance"];
    let released = |step: &str| -> Vec<String> {
        let steps = inv["partial"].as_array().unwrap();
        let s = steps.iter().find(|s| s["step"] == step).unwrap();
        s["released"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let p = &r["parameter"];
                format!(
                    "{}{}{}",
                    p["lhs"].as_str().unwrap(),
                    p["op"].as_str().unwrap(),
                    p["rhs"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(released("metric")[0], "task=~i7");
    assert_eq!(released("scalar")[0], "i10~1");
    assert_eq!(inv["first_failure"], serde_json::Value::Null);
    assert_eq!(inv["comparisons"][1]["verdict"], "holds");

    let plain = psym([
        "invariance",
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--format",
        "json",
    ]);
    let tests = &plain.json()["invariance"]["score_tests"];
    assert_eq!(tests[0]["parameter"]["lhs"], "i10");
    assert_eq!(tests[0]["kind"], "intercepts");
}

/// Naming the parameters frees them in every step (lavaan's group.partial), and a factor
/// left with one invariant item is warned about.
#[test]
fn named_partial_parameters_and_too_few_anchors() {
    psym([
        "invariance",
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--steps",
        "configural,metric",
        "--partial",
        "goal=~i2, goal=~i3, goal=~i4",
    ])
    .expect_code(0)
    .stdout_has("partial, with goal =~ i2, goal =~ i3, goal =~ i4 free across groups")
    .stdout_has("factor goal has 1 item(s)");
    psym([
        "invariance",
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--partial",
        "auto",
        "--partial-alpha",
        "2",
    ])
    .expect_code(2)
    .stderr_has("--partial-alpha must lie between 0 and 1");
}

/// The arguments of `psym invariance` of the two-factor model on ordinal_groups.csv by `lang`,
/// then `extra`.
fn ordinal_groups(extra: &[&str]) -> Vec<String> {
    [
        "invariance",
        "tests/data/ordinal_groups.csv",
        "--group",
        "lang",
        "--model-text",
        "f1 =~ y1 + y2 + y3 + y4; f2 =~ y4 + y5 + y6 + y7",
    ]
    .iter()
    .chain(extra)
    .map(|s| s.to_string())
    .collect()
}

/// `--ordered all` runs Wu & Estabrook's ordinal ladder by WLSMV; every figure is checked
/// against semTools/lavaan in psym-sem's ordinal.rs (tests/data/reference/ordinal_groups.json,
/// `wu_estabrook`: thresholds against configural Δχ² 18.435 on 14 df, scalar scaled χ² 90.056
/// on 49 df), here that the CLI reaches them, that the planted shift of y2's thresholds shows
/// at the scalar step, and what it refuses.
#[test]
fn ordered_items_run_the_ordinal_ladder() {
    let with = |extra: &[&str]| ordinal_groups(&[&["--ordered", "all"], extra].concat());
    let run = psym(with(&["--format", "json"]));
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["estimator"], "wlsmv");
    let inv = &v["invariance"];
    let steps: Vec<&str> = (inv["steps"].as_array().unwrap().iter())
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["configural", "thresholds", "metric", "scalar", "means"]
    );
    let c = &inv["comparisons"][0];
    assert!((c["chisq_diff"].as_f64().unwrap() - 18.435).abs() < 1e-3);
    assert_eq!(c["df_diff"].as_f64().unwrap(), 14.0);
    assert!((inv["steps"][3]["fit"]["chisq"].as_f64().unwrap() - 90.056).abs() < 1e-3);
    assert_eq!(inv["first_failure"], "scalar");
    psym(with(&[]))
        .expect_code(0)
        .stdout_has("Thresholds invariance holds")
        .stdout_has("Wu & Estabrook");
    psym(with(&["--steps", "configural,strict"]))
        .expect_code(2)
        .stderr_has("theta");
    psym(with(&["--partial", "auto"]))
        .expect_code(2)
        .stderr_has("not available with --ordered");
    psym(with(&["--estimator", "mlr"]))
        .expect_code(2)
        .stderr_has("WLSMV");
    // continuous variables beside ordered items: psym cfa only
    let mut some = with(&[]);
    *some.last_mut().unwrap() = "y1 y2 y3".into();
    psym(some)
        .expect_code(2)
        .stderr_has("needs every item of the model ordered");
    psym([
        "invariance",
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--steps",
        "configural,thresholds",
    ])
    .expect_code(2)
    .stderr_has("--ordered");
}

/// `--parameterization theta` (or `--parameterisation`) adds the strict step to the ordinal
/// ladder; the figures are checked against semTools/lavaan in psym-sem's ordinal_theta.rs
/// (tests/data/reference/ordinal_theta.json, `wu_estabrook_lrt`: strict against scalar Δχ²
/// 10.987 on 7 df), here that the CLI reaches them; without --ordered it is refused.
#[test]
fn theta_parameterization_adds_the_strict_step() {
    let run = psym(ordinal_groups(&[
        "--ordered",
        "all",
        "--parameterisation",
        "theta",
        "--format",
        "json",
    ]));
    run.expect_code(0);
    let inv = &run.json()["invariance"];
    let steps: Vec<&str> = (inv["steps"].as_array().unwrap().iter())
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "configural",
            "thresholds",
            "metric",
            "scalar",
            "strict",
            "means"
        ]
    );
    let strict = &inv["comparisons"][3];
    assert_eq!(strict["step"], "strict");
    assert!((strict["chisq_diff"].as_f64().unwrap() - 10.987).abs() < 1e-3);
    assert_eq!(strict["df_diff"].as_f64().unwrap(), 7.0);
    psym(ordinal_groups(&["--ordered", "all"]))
        .expect_code(0)
        .stdout_has("no strict step")
        .stdout_has("--parameterization theta");
    psym(ordinal_groups(&["--parameterization", "theta"]))
        .expect_code(2)
        .stderr_has("is for ordered items");
    psym(ordinal_groups(&[
        "--ordered",
        "all",
        "--parameterization",
        "gamma",
    ]))
    .expect_code(2)
    .stderr_has("delta or theta");
}
