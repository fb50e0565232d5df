//! `psym cfa`.

use crate::util::psym;
use psym_testdata::reference;

const HS: &str = "tests/data/HolzingerSwineford1939.csv";
const HS_MODEL: &str = "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; speed =~ x7 + x8 + x9";
const ALLIANCE_DATA: &str = "tests/data/alliance_en_nb.csv";
const ALLIANCE_INSTRUMENT: &str = "instruments/open-alliance-12.json";

/// The reference figures of tests/data/reference/reference.R.
const REFERENCE: &str = "lavaan_psych_reference.json";

/// Source: lavaan 0.6-14 `cfa(HS model)` (fixture `hs_cfa3`); the library tests compare every
/// figure, this checks that the CLI's JSON carries them. Tolerance 1e-4 relative.
#[test]
fn cfa_json_matches_lavaan_through_the_cli() {
    let run = psym(["cfa", HS, "--model-text", HS_MODEL, "--format", "json"]);
    run.expect_code(0);
    let v = run.json();
    let want = reference(REFERENCE, "hs_cfa3");
    for (ours, theirs) in [
        ("chisq", "chisq"),
        ("cfi", "cfi"),
        ("rmsea_ci_upper", "rmsea.ci.upper"),
        ("srmr", "srmr"),
    ] {
        let a = v["fit"][ours].as_f64().unwrap();
        let b = want["fit"][theirs].as_f64().unwrap();
        assert!(((a - b) / b).abs() < 1e-4, "{ours}: {a} vs {b}");
    }
    assert_eq!(v["converged"], true);
    assert_eq!(v["admissible"], true);
    assert_eq!(v["estimator"], "ml");
    assert_eq!(v["n"], 301);
    let p = &v["parameters"][1];
    assert_eq!(
        (p["lhs"].as_str(), p["op"].as_str(), p["rhs"].as_str()),
        (Some("visual"), Some("=~"), Some("x2"))
    );
    for key in ["est", "se", "z", "pvalue", "std_all"] {
        assert!(p[key].is_number(), "{key}");
    }
}

#[test]
fn text_output_follows_lavaan_summary() {
    let run = psym([
        "cfa",
        HS,
        "--model-text",
        HS_MODEL,
        "--modindices",
        "10",
        "--residuals",
    ]);
    run.expect_code(0)
        .stdout_has("Model Test User Model:")
        .stdout_has("Comparative Fit Index (CFI)")
        .stdout_has("Latent Variables:")
        .stdout_has("   .x1")
        .stdout_has("Modification Indices:")
        .stdout_has("Residual correlations:")
        .stdout_has("R-Square:");
}

#[test]
fn alliance_models_are_compared_from_the_instrument() {
    let run = psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--alliance-models",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["models"].as_array().unwrap().len(), 4);
    let cmp = v["comparison"].as_array().unwrap();
    assert_eq!(cmp[0]["model"], "bifactor");
    assert!(cmp.iter().skip(1).all(|r| r["pvalue"].is_number()));
}

/// `--instrument-models` (alias `--alliance-models`) fits the models the instrument declares;
/// an instrument that declares none is told how to add them.
#[test]
fn instrument_models_come_from_the_instrument_file() {
    let run = psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--instrument-models",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let names: Vec<String> = run.json()["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        names,
        ["one-factor", "two-factor", "three-factor", "bifactor"]
    );
    psym([
        "cfa",
        "tests/data/bfi.csv",
        "--instrument",
        "instruments/ipip-bfi-25.json",
        "--instrument-models",
    ])
    .expect_code(2)
    .stderr_has("declares no models to compare");
}

#[test]
fn heywood_case_exits_with_1_and_explains() {
    let run = psym(["cfa", HS, "--model-text", "f =~ x1 + x2 + x3; g =~ x7 + x8"]);
    run.expect_code(1)
        .stdout_has("Heywood")
        .stdout_has("what to try");
}

#[test]
fn bad_syntax_is_positioned_and_exits_with_2() {
    psym(["cfa", HS, "--model-text", "f =~ x1 + x2 +; g =~ x3"])
        .expect_code(2)
        .stderr_has("line 1, column 15");
    psym(["cfa", HS, "--model-text", "f =~ x1 + x2 + nosuch"])
        .expect_code(2)
        .stderr_has("nosuch");
}

#[test]
fn fiml_and_mlr_run_on_missing_data() {
    let run = psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--missing",
        "fiml",
        "--estimator",
        "mlr",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["n"], 1000);
    assert!(v["fit"]["chisq_scaled"].is_number());
}

#[test]
fn constant_item_is_a_plain_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d.csv");
    let mut text = String::from("a,b,c,d\n");
    for i in 0..20 {
        text.push_str(&format!("{},{},{},3\n", i % 5, (i * 3) % 7, (i * 2) % 5));
    }
    std::fs::write(&data, text).unwrap();
    psym([
        "cfa",
        data.to_str().unwrap(),
        "--model-text",
        "f =~ a + b + c + d",
    ])
    .expect_code(2)
    .stderr_has("'d' has zero variance");
}

/// Model files and --compare: the orthogonal model is nested in the correlated one.
#[test]
fn compare_model_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("correlated.lav");
    let b = dir.path().join("orthogonal.lav");
    std::fs::write(&a, HS_MODEL.replace("; ", "\n")).unwrap();
    std::fs::write(
        &b,
        format!(
            "{}\nvisual ~~ 0*textual + 0*speed\ntextual ~~ 0*speed\n",
            HS_MODEL.replace("; ", "\n")
        ),
    )
    .unwrap();
    let run = psym([
        "cfa",
        HS,
        "--model",
        a.to_str().unwrap(),
        "--compare",
        b.to_str().unwrap(),
    ]);
    run.expect_code(0)
        .stdout_has("Chi-Squared Difference Test")
        .stdout_has("orthogonal");
}

/// Source: lavaan 0.6-14 `cfa(m3, hs, group = "school", group.equal = "loadings")` (fixture
/// `hs_invariance$metric`). Tolerance 1e-4 relative.
#[test]
fn multi_group_with_equal_loadings_matches_lavaan() {
    let run = psym([
        "cfa",
        HS,
        "--model-text",
        HS_MODEL,
        "--group",
        "school",
        "--group-equal",
        "loadings",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["groups"][0], "Pasteur");
    let want = reference(REFERENCE, "hs_invariance");
    for key in ["chisq", "df", "cfi", "rmsea"] {
        let a = v["fit"][key].as_f64().unwrap();
        let b = want["metric"][key].as_f64().unwrap();
        assert!(((a - b) / b).abs() < 1e-4, "{key}: {a} vs {b}");
    }
    psym([
        "cfa",
        HS,
        "--model-text",
        HS_MODEL,
        "--group",
        "school",
        "--group-equal",
        "slopes",
    ])
    .expect_code(2)
    .stderr_has("unknown group.equal kind");
}

/// Source: lavaan 0.6-14 `cfa(mal, al, group = "lang", group.equal = c("loadings",
/// "intercepts"))` (fixture `alliance_inv$scalar`): the translation-invariance workflow.
/// Tolerance 1e-4 relative.
#[test]
fn scalar_invariance_across_languages_matches_lavaan() {
    let run = psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--group",
        "lang",
        "--group-equal",
        "loadings,intercepts",
        "--format",
        "json",
    ]);
    let v = run.json();
    let want = reference(REFERENCE, "alliance_inv");
    for key in ["chisq", "df", "cfi", "tli", "rmsea", "srmr", "bic"] {
        let a = v["fit"][key].as_f64().unwrap();
        let b = want["scalar"][key].as_f64().unwrap();
        assert!(((a - b) / b).abs() < 1e-4, "{key}: {a} vs {b}");
    }
}

/// Issue 10, point 4: fifty factors on the same four items (150 loadings, 50 variances, 1,225
/// covariances and 4 residual variances: 1,429 free parameters against 10 moments) are refused
/// before any optimising, naming both counts.
#[test]
fn more_parameters_than_moments_is_refused_before_fitting() {
    let model: Vec<String> = (0..50)
        .map(|i| format!("f{i} =~ x1 + x2 + x3 + x4"))
        .collect();
    psym(["cfa", HS, "--model-text", &model.join("; ")])
        .expect_code(2)
        .stderr_has("not identified")
        .stderr_has("1429 free parameters")
        .stderr_has("only 10 means, variances and covariances");
}

/// Issue 10, point 4: two hundred factors on the same four items (600 free loadings, 200
/// variances, 19,900 covariances and 4 residual variances: 20,704 free parameters against 10
/// moments) are refused as not identified. Building their parameter table was quadratic in the
/// number of rows (half a minute in a debug build); it is now linear, so the refusal is cheap
/// (timing in docs/benchmarks.md; no time is asserted here).
#[test]
fn two_hundred_factors_on_four_items_are_refused_as_not_identified() {
    let model: Vec<String> = (0..200)
        .map(|i| format!("f{i} =~ x1 + x2 + x3 + x4"))
        .collect();
    psym(["cfa", HS, "--model-text", &model.join("; ")])
        .expect_code(2)
        .stderr_has("not identified")
        .stderr_has("20704 free parameters")
        .stderr_has("df = -20694");
}

/// Issue 9, point 2: the iteration count and the largest gradient are in every format.
#[test]
fn convergence_is_reported_in_every_format() {
    let args = ["cfa", HS, "--model-text", HS_MODEL, "--format"];
    let v = psym(args.iter().copied().chain(["json"])).json();
    let c = &v["convergence"];
    assert_eq!(c["converged"], true);
    assert_eq!(c["stop"], "relative_change");
    assert!(c["iterations"].as_u64().unwrap() > 0);
    assert!(c["gradient_max"].as_f64().unwrap() < 1e-3);
    psym(args.iter().copied().chain(["text"]))
        .expect_code(0)
        .stdout_has("ended normally after")
        .stdout_has("Largest absolute gradient");
    psym(args.iter().copied().chain(["md"]))
        .expect_code(0)
        .stdout_has("iterations (largest absolute gradient");
}

/// `--test` picks lavaan's robust test under ML; the figures are checked against lavaan in
/// psym-sem's robust_tests.rs, here only that the CLI passes the choice through and shows the
/// shift and the adjusted degrees of freedom.
#[test]
fn robust_test_choice_reaches_the_output() {
    let model = "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; speed =~ x7 + x8 + x9";
    let run = psym([
        "cfa",
        HS,
        "--model-text",
        model,
        "--test",
        "scaled.shifted",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let fit = &run.json()["fit"];
    assert!(
        (fit["chisq_shift"].as_f64().unwrap() - 2.118).abs() < 1e-3,
        "{fit}"
    );
    psym([
        "cfa",
        HS,
        "--model-text",
        model,
        "--test",
        "mean-var-adjusted",
    ])
    .expect_code(0)
    .stdout_has("Scaling correction factor (mean-var adjusted)")
    .stdout_has("19.951");
    psym([
        "cfa",
        HS,
        "--model-text",
        model,
        "--test",
        "satorra.bentler",
        "--missing",
        "fiml",
    ])
    .expect_code(2)
    .stderr_has("needs complete data");
}

/// `--ordered all` fits the instrument's model by WLSMV; the figures are checked against lavaan
/// in psym-sem's ordinal.rs (tests/data/reference/ordinal.json, `alliance3`: χ² 73.660, scaled
/// 126.608, shift 6.939), here that the CLI reaches them and refuses what it cannot do yet.
#[test]
fn ordered_items_are_fitted_by_wlsmv() {
    let run = psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--ordered",
        "all",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["estimator"], "wlsmv");
    assert!((v["fit"]["chisq"].as_f64().unwrap() - 73.660).abs() < 1e-3);
    assert!((v["fit"]["scaled"]["statistic"].as_f64().unwrap() - 126.608).abs() < 1e-3);
    assert!((v["fit"]["scaled"]["shift"].as_f64().unwrap() - 6.939).abs() < 1e-3);
    // lavaan's cfi.robust and rmsea.robust (ordinal_robust.json, `alliance3_wlsmv`)
    assert!((v["fit"]["robust"]["cfi"].as_f64().unwrap() - 0.977845).abs() < 1e-5);
    assert!((v["fit"]["robust"]["rmsea"].as_f64().unwrap() - 0.046424).abs() < 1e-5);
    assert!(v["fit"]["robust_absent"].is_null());
    psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--ordered",
        "all",
    ])
    .expect_code(0)
    .stdout_has("Shift parameter")
    .stdout_has("Robust RMSEA")
    .stdout_has("DWLS");
    psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--ordered",
        "i1 i2 i99",
    ])
    .expect_code(2)
    .stderr_has("--ordered names 'i99', which is not an observed variable of the model");
    psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE_INSTRUMENT,
        "--estimator",
        "wlsmv",
    ])
    .expect_code(2)
    .stderr_has("--ordered");
}

/// `--ordered` naming some of the observed variables leaves the others continuous, as lavaan's
/// `ordered = c(...)`; the figures are checked against lavaan in psym-sem's ordinal_mixed.rs
/// (tests/data/reference/ordinal_mixed.json, `goal_slider`: χ² 82.091 on 5 df, scaled
/// 173.619), here that the CLI reaches them, says which variables are continuous and refuses
/// what it does not do with them.
#[test]
fn ordered_subset_leaves_the_other_variables_continuous() {
    let data = "tests/data/alliance_mixed.csv";
    let model = "goal =~ i1 + i2 + i3 + i4 + slider";
    let base = ["cfa", data, "--model-text", model, "--ordered"];
    for list in ["i1 i2 i3 i4", "i1,i2,i3,i4"] {
        let run = psym(base.iter().copied().chain([list, "--format", "json"]));
        run.expect_code(0);
        let v = run.json();
        assert_eq!(v["continuous"], serde_json::json!(["slider"]));
        assert_eq!(v["n"], 939);
        assert!((v["fit"]["chisq"].as_f64().unwrap() - 82.091).abs() < 1e-3);
        assert!((v["fit"]["scaled"]["statistic"].as_f64().unwrap() - 173.619).abs() < 1e-3);
    }
    psym(base.iter().copied().chain(["i1 i2 i3 i4"]))
        .expect_code(0)
        .stdout_has("ordered: i1 i2 i3 i4; continuous: slider")
        .stdout_has("slider  ~1");
    psym(base.iter().copied().chain(["i1 i2 age"]))
        .expect_code(2)
        .stderr_has("--ordered names 'age'");
    psym(
        base.iter()
            .copied()
            .chain(["i1 i2 i3 i4", "--missing", "pairwise"]),
    )
    .expect_code(2)
    .stderr_has("use listwise deletion");
    psym([
        "cfa",
        ALLIANCE_DATA,
        "--model-text",
        "goal =~ i1 + i2 + i3 + i4",
        "--ordered",
        "i1 i2 i3",
        "--group",
        "lang",
    ])
    .expect_code(2)
    .stderr_has("one group only");
}

/// `--ordered all --group lang --group-equal thresholds` fits lavaan's categorical
/// multi-group model; every figure is checked against lavaan in psym-sem's ordinal.rs
/// (tests/data/reference/ordinal_groups.json, `steps.thresholds`: χ² 60.371 on 43 df, scaled
/// 91.708), here that the CLI reaches them and shows the groups' scale factors.
#[test]
fn ordered_items_are_fitted_in_groups() {
    let args = |format: &str| {
        [
            "cfa",
            "tests/data/ordinal_groups.csv",
            "--model-text",
            "f1 =~ y1 + y2 + y3 + y4\nf2 =~ y4 + y5 + y6 + y7",
            "--ordered",
            "all",
            "--group",
            "lang",
            "--group-equal",
            "thresholds",
            "--format",
            format,
        ]
        .map(String::from)
    };
    let run = psym(args("json"));
    run.expect_code(0);
    let v = run.json();
    assert!((v["fit"]["chisq"].as_f64().unwrap() - 60.371).abs() < 1e-3);
    assert_eq!(v["fit"]["df"].as_f64().unwrap(), 43.0);
    assert!((v["fit"]["scaled"]["statistic"].as_f64().unwrap() - 91.708).abs() < 1e-3);
    assert_eq!(v["groups"], serde_json::json!(["en", "nb"]));
    assert_eq!(v["group_n"], serde_json::json!([500, 450]));
    psym(args("text"))
        .expect_code(0)
        .stdout_has("~*~")
        .stdout_has("nb");
    // ULSMV (figures against lavaan in psym-sem's ordinal.rs, `ulsmv_thresholds`)
    let mut uls = args("text").to_vec();
    uls.extend(["--estimator".into(), "ulsmv".into()]);
    psym(uls).expect_code(0).stdout_has("ULS");
    // DWLS: the standard test alone (`dwls_thresholds`)
    let run = psym(
        args("json")
            .into_iter()
            .chain(["--estimator".into(), "dwls".into()]),
    );
    run.expect_code(0);
    let v = run.json();
    assert!(v["fit"]["scaled"].is_null() && v["fit"]["cfi_scaled"].is_null());
    assert!((v["fit"]["chisq"].as_f64().unwrap() - 60.371).abs() < 1e-3);
}

/// An ordered item with one category is refused naming the item, not its column number.
#[test]
fn ordered_item_with_one_category_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d.csv");
    let mut text = String::from("a,b,c,d\n");
    for i in 0..40 {
        text.push_str(&format!(
            "{},{},3,{}\n",
            i % 5 + 1,
            (i * 3) % 5 + 1,
            (i * 2) % 5 + 1
        ));
    }
    std::fs::write(&data, text).unwrap();
    psym([
        "cfa",
        data.to_str().unwrap(),
        "--model-text",
        "f =~ a + b + c + d",
        "--ordered",
        "all",
    ])
    .expect_code(2)
    .stderr_has("item c has fewer than two observed categories");
}

/// `--parameterization theta` fits ordered items with residual variances as parameters; the
/// figures are checked against lavaan in psym-sem's ordinal_theta.rs
/// (tests/data/reference/ordinal_theta.json, `one_group`: f2 =~ y5 2.278, y1 ~*~ y1 0.595
/// derived, χ² 9.095), here that the CLI reaches them and refuses theta without --ordered.
#[test]
fn theta_parameterization_of_ordered_items() {
    let base = [
        "cfa",
        "tests/data/ordinal_groups.csv",
        "--model-text",
        "f1 =~ y1 + y2 + y3 + y4; f2 =~ y4 + y5 + y6 + y7",
        "--parameterization",
        "theta",
    ];
    let with = |extra: &[&str]| {
        base.iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    let run = psym(with(&["--ordered", "all", "--format", "json"]));
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["parameterization"], "theta");
    assert!((v["fit"]["chisq"].as_f64().unwrap() - 9.095).abs() < 1e-3);
    let find = |lhs: &str, op: &str, rhs: &str| {
        (v["parameters"].as_array().unwrap().iter())
            .find(|p| p["lhs"] == lhs && p["op"] == op && p["rhs"] == rhs)
            .unwrap()
            .clone()
    };
    assert!((find("f2", "=~", "y5")["est"].as_f64().unwrap() - 2.278).abs() < 1e-3);
    let scale = find("y1", "~*~", "y1");
    assert!((scale["est"].as_f64().unwrap() - 0.595).abs() < 1e-3);
    assert!(scale["se"].is_null());
    assert_eq!(find("y1", "~~", "y1")["est"], 1.0);
    psym(with(&["--ordered", "all"]))
        .expect_code(0)
        .stdout_has("Theta parameterisation");
    psym(with(&[]))
        .expect_code(2)
        .stderr_has("is for ordered items");
}
