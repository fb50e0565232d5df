//! Issue 13, the data side of ordinal analyses: unused and sparse categories (reported, merged
//! with `--collapse`), degenerate tables, and the instrument's competing models with
//! `--ordered`.

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym};
use psym_testdata::reference;
use serde_json::Value;

/// A temporary CSV file with `header` and `rows`.
fn csv(dir: &tempfile::TempDir, header: &str, rows: impl Iterator<Item = String>) -> String {
    let path = dir.path().join("d.csv");
    let mut text = format!("{header}\n");
    for r in rows {
        text.push_str(&r);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Nobody answered 7 on i11 in the bundled example: every ordinal command says so, naming the
/// item, and suggests --collapse; with --collapse each merge is written in text and JSON.
#[test]
fn unused_category_is_reported_by_every_ordinal_command() {
    let ordinal_runs: [&[&str]; 3] = [
        &[
            "cfa",
            ALLIANCE_DATA,
            "--instrument",
            ALLIANCE,
            "--ordered",
            "all",
        ],
        &[
            "cor",
            ALLIANCE_DATA,
            "--instrument",
            ALLIANCE,
            "--method",
            "polychoric",
        ],
        &[
            "reliability",
            ALLIANCE_DATA,
            "--instrument",
            ALLIANCE,
            "--ordinal",
            "--scale",
            "bond",
        ],
    ];
    for args in ordinal_runs {
        let run = psym(args);
        run.expect_code(0);
        // reliability keys i11 (8 − x), so its unused 7 is 1 there
        let category = if args[0] == "reliability" { "1" } else { "7" };
        run.stdout_has(&format!("item i11 has no answers in category {category}"))
            .stdout_has("--collapse 1");
        let json = psym(args.iter().copied().chain(["--format", "json"]));
        let v = json.json();
        let cats = if args[0] == "reliability" {
            &v["scales"][0]["categories"]
        } else {
            &v["categories"]
        };
        assert_eq!(cats["unused"][0]["item"], "i11", "{args:?}");
        assert_eq!(cats["unused"][0]["group"], Value::Null);
        assert_eq!(cats["diagnostics"][0]["kind"], "unused_category");
        assert_eq!(cats["merges"].as_array().unwrap().len(), 0);
    }
}

#[test]
fn collapse_writes_every_merge() {
    let args = [
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE,
        "--ordered",
        "all",
        "--collapse",
        "5",
    ];
    psym(args)
        .expect_code(0)
        .stdout_has("item i11 category 7 (0 answer(s)) merged into category 6")
        .stdout_has("item i2 category 1 (1 answer(s)) merged into category 2");
    let v = psym(args.iter().copied().chain(["--format", "json"])).json();
    let merges = v["categories"]["merges"].as_array().unwrap();
    assert!(merges.contains(&serde_json::json!(
        {"item": "i11", "from": 7.0, "into": 6.0, "count": 0}
    )));
    // the fit sees one threshold fewer per merge: i2 keeps five of its six
    let i2: Vec<&Value> = (v["parameters"].as_array().unwrap().iter())
        .filter(|p| p["lhs"] == "i2" && p["op"] == "|")
        .collect();
    assert_eq!(i2.len(), 5);
    psym([
        "cor",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE,
        "--collapse",
        "5",
    ])
    .expect_code(2)
    .stderr_has("polychoric and tetrachoric");
}

/// Two items with every answer on the diagonal of their table: ρ is at its bound, which is
/// reported as an error (exit 1), never fitted silently.
#[test]
fn perfectly_associated_items_are_an_error_not_a_silent_fit() {
    let dir = tempfile::tempdir().unwrap();
    let rows = (0..60).map(|i| {
        let x = 1 + i % 2;
        format!("{x},{x},{},{}", 1 + (i * 7) % 3, 1 + (i * 5) % 4)
    });
    let data = csv(&dir, "a,b,c,d", rows);
    let run = psym([
        "cfa",
        &data,
        "--model-text",
        "f =~ a + b + c + d",
        "--ordered",
        "all",
    ]);
    run.expect_code(1)
        .stdout_has("items a and b have a polychoric correlation of 1");
    let v = psym([
        "cfa",
        &data,
        "--model-text",
        "f =~ a + b + c + d",
        "--ordered",
        "all",
        "--format",
        "json",
    ])
    .json();
    let diagnostics = v["categories"]["diagnostics"].as_array().unwrap();
    let d = (diagnostics.iter())
        .find(|d| d["kind"] == "perfect_association")
        .unwrap();
    assert_eq!(d["severity"], "error");
    assert_eq!(d["items"], serde_json::json!(["a", "b"]));
}

/// Items never answered together, and an item with one answered category: clear messages
/// naming the trouble, exit 2, no panic.
#[test]
fn degenerate_tables_give_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let rows = (0..60).map(|i| {
        let a = if i < 30 {
            (1 + i % 3).to_string()
        } else {
            String::new()
        };
        let b = if i >= 30 {
            (1 + (i / 2) % 3).to_string()
        } else {
            String::new()
        };
        format!("{a},{b},{},{}", 1 + (i * 7) % 3, 1 + (i * 5) % 4)
    });
    let data = csv(&dir, "a,b,c,d", rows);
    psym([
        "cfa",
        &data,
        "--model-text",
        "f =~ a + b + c + d",
        "--ordered",
        "all",
    ])
    .expect_code(2)
    .stderr_has("counting rows with every variable answered");
    psym(["cor", &data, "--items", "a b c d", "--method", "polychoric"])
        .expect_code(2)
        .stderr_has("items a and b");
    psym(["reliability", &data, "--items", "a b c d", "--ordinal"])
        .expect_code(2)
        .stderr_has("'a' and 'b' of scale 'scale' were answered together by 0");
    let dir = tempfile::tempdir().unwrap();
    let rows = (0..40).map(|i| format!("3,{},{},{}", 1 + i % 3, 1 + (i * 7) % 4, 1 + i % 2));
    let data = csv(&dir, "a,b,c,d", rows);
    psym(["reliability", &data, "--items", "a b c d", "--ordinal"])
        .expect_code(1)
        .stdout_has("item a has fewer than two observed categories and is left out");
    // every category merged away but two
    psym([
        "cfa",
        "tests/data/sparse5.csv",
        "--model-text",
        "f =~ s1 + s2 + s3 + s4 + s5 + s6",
        "--ordered",
        "all",
        "--collapse",
        "1000",
    ])
    .expect_code(0)
    .stdout_has("merged into category");
}

/// Source: lavaan 0.6-14, `cfa(model, complete rows, ordered = i1…i12, estimator = "WLSMV",
/// orthogonal = …)` for the four models of the alliance instrument
/// (tests/data/reference/ordinal_menu.json, ordinal_menu.R); 1e-4 relative as every WLSMV
/// figure (lavaan's nlminb stops near 1e-7 in the parameters); the difference tests:
/// `lavTestLRT()` of the four fits (entry `lrt`).
#[test]
fn instrument_models_are_fitted_with_ordered_items() {
    let v = psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE,
        "--ordered",
        "all",
        "--alliance-models",
        "--format",
        "json",
    ])
    .json();
    let rows = v["comparison"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let refs = reference("ordinal_menu.json", "versions");
    assert_eq!(refs["lavaan"], "0.6.14");
    for row in rows {
        let name = row["model"].as_str().unwrap();
        let want = reference("ordinal_menu.json", name);
        for (ours, theirs) in [
            ("chisq_scaled", "chisq.scaled"),
            ("df", "df"),
            ("pvalue_scaled", "pvalue.scaled"),
            ("cfi_scaled", "cfi.scaled"),
            ("tli_scaled", "tli.scaled"),
            ("rmsea_scaled", "rmsea.scaled"),
            ("srmr", "srmr"),
        ] {
            let (a, b) = (row[ours].as_f64().unwrap(), want[theirs].as_f64().unwrap());
            assert!(
                (a - b).abs() <= 1e-4 * b.abs().max(1e-3),
                "{name} {ours}: psym {a} lavaan {b}"
            );
        }
    }
    // the scaled-and-shifted difference tests (lavTestLRT, Satorra 2000), models by df; Δχ²
    // to 1e-4 relative as the statistics it comes from (its p value is the χ² tail of it,
    // tested with the fit measures, and too small here for a relative comparison)
    let lrt = reference("ordinal_menu.json", "lrt");
    let order: Vec<&Value> = rows.iter().map(|r| &r["model"]).collect();
    assert_eq!(
        order,
        lrt["model"].as_array().unwrap().iter().collect::<Vec<_>>()
    );
    assert!(rows[0]["chisq_diff"].is_null());
    for (i, row) in rows.iter().enumerate().skip(1) {
        let (a, b) = (
            row["chisq_diff"].as_f64().unwrap(),
            lrt["chisq_diff"][i - 1].as_f64().unwrap(),
        );
        assert!(
            (a - b).abs() <= 1e-4 * b,
            "Δχ² of {}: psym {a} lavaan {b}",
            row["model"]
        );
        assert_eq!(row["df_diff"].as_f64(), lrt["df_diff"][i - 1].as_f64());
    }
    assert_eq!(v["models"].as_array().unwrap().len(), 4);
    assert_eq!(v["models"][3]["model"], "bifactor");
    psym([
        "cfa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE,
        "--ordered",
        "all",
        "--instrument-models",
    ])
    .expect_code(0)
    .stdout_has("Model comparison (WLSMV")
    .stdout_has("bifactor");
}

/// `--missing pairwise` with ordered items: lavaan's `missing = "pairwise"` through the CLI.
/// Source: lavaan 0.6-14, tests/data/reference/ordinal_pairwise.json entry `alliance3`
/// (ordinal_pairwise.R); N and the scaled χ² to 1e-4 relative (the library test
/// crates/sem/tests/ordinal_pairwise.rs checks every estimate). Continuous items refuse it.
#[test]
fn ordered_items_by_pairwise_deletion() {
    let model =
        "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12";
    let data = "tests/data/alliance_pairwise.csv";
    let base = ["cfa", data, "--model-text", model, "--ordered", "all"];
    let run = |extra: &[&str]| psym(base.iter().chain(extra));
    let v = run(&["--missing", "pairwise", "--format", "json"])
        .expect_code(0)
        .json();
    let r = reference("ordinal_pairwise.json", "alliance3");
    assert_eq!(v["n"], r["n"]);
    let (ours, theirs) = (
        v["fit"]["scaled"]["statistic"].as_f64().unwrap(),
        r["fit"]["chisq.scaled"].as_f64().unwrap(),
    );
    assert!((ours - theirs).abs() <= 1e-4 * theirs, "{ours} vs {theirs}");
    // no rows dropped (the only warning is i11's unused category 7)
    let warnings = v["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .all(|w| !w.as_str().unwrap().contains("rows")),
        "{warnings:?}"
    );
    // listwise (the default, as lavaan) keeps fewer rows and says so
    let v = run(&["--format", "json"]).expect_code(0).json();
    assert!(v["n"].as_u64().unwrap() < 1000);
    psym(["cfa", data, "--model-text", model, "--missing", "pairwise"])
        .expect_code(2)
        .stderr_has("pairwise deletion is for ordered items");
    run(&["--missing", "fiml"])
        .expect_code(2)
        .stderr_has("--missing pairwise");
}

/// The bundled example by language: nobody in group 'nb' answered 1 on i2, i5, i7, i9 and i12.
/// Without --collapse, cfa and invariance say so by the group's label and do not fit (a data
/// problem: exit 1); with --collapse 1 the category is merged in every group and both run.
#[test]
fn a_category_one_group_never_used_is_named_by_label_and_collapsed_in_every_group() {
    for command in ["cfa", "invariance"] {
        let base = [
            command,
            ALLIANCE_DATA,
            "--instrument",
            ALLIANCE,
            "--ordered",
            "all",
            "--group",
            "lang",
        ];
        let run = psym(base);
        run.expect_code(1)
            .stdout_has("item i5 has no answers in category 1 in group 'nb'")
            .stdout_has("not fitted: the groups did not all use the same categories")
            .stdout_has("--collapse 1");
        assert!(!run.stdout.contains("invalid model") && !run.stdout.contains("group 2"));
        let v = psym(base.iter().chain(&["--format", "json"]))
            .expect_code(1)
            .json();
        assert_eq!(v["groups"], serde_json::json!(["en", "nb"]));
        let unused = v["categories"]["unused"].as_array().unwrap();
        assert!(
            unused
                .iter()
                .any(|u| u["item"] == "i5" && u["group"] == "nb")
        );
        let collapsed = psym(base.iter().chain(&["--collapse", "1"]));
        collapsed
            .expect_code(0)
            .stdout_has("item i5 category 1 (3 answer(s)) merged into category 2");
        if command == "invariance" {
            // scalar fails here; partial invariance is refused with --ordered, so not suggested
            collapsed.stdout_has("Scalar invariance fails").stdout_has(
                "observed and latent means cannot be compared across groups as they stand.",
            );
            assert!(!collapsed.stdout.contains("partial invariance"));
        }
    }
}

/// ordinal_groups.csv with y2 left blank in the 19 rows of group 'nb' that answered 1 on y1:
/// 'nb' used category 1 of y1 only in rows that listwise deletion drops. cfa and invariance
/// count the categories in the complete rows, so both name the category by group and exit 1
/// (a data problem, not a failed fit), and --collapse 1 merges it (37 answers left in the
/// complete rows, the 19 dropped ones recoded too) and fits.
#[test]
fn a_category_a_group_used_only_in_dropped_rows_is_unused_there() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/data/ordinal_groups.csv").unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let blanked = lines.map(|l| {
        let mut f: Vec<&str> = l.split(',').collect();
        if f[0] == "nb" && f[1] == "1" {
            f[2] = "";
        }
        f.join(",")
    });
    assert_eq!(header, "lang,y1,y2,y3,y4,y5,y6,y7");
    let data = csv(&dir, header, blanked);
    for command in ["cfa", "invariance"] {
        let base = [
            command,
            &data,
            "--model-text",
            "f1 =~ y1 + y2 + y3 + y4; f2 =~ y4 + y5 + y6 + y7",
            "--ordered",
            "all",
            "--group",
            "lang",
        ];
        psym(base)
            .expect_code(1)
            .stdout_has("item y1 has no answers in category 1 in group 'nb'")
            .stdout_has("not fitted: the groups did not all use the same categories");
        psym(base.iter().chain(&["--collapse", "1"]))
            .expect_code(0)
            .stdout_has("item y1 category 1 (37 answer(s)) merged into category 2");
    }
}
