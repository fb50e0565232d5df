//! Issue 9 points 3 and 4: psych's treatment of empty polychoric cells, and honest counts of
//! the rows an analysis used (figures from tests/data/reference/honest_n.R).

use crate::util::{ALLIANCE, psym};
use psym_testdata::reference;
use serde_json::Value;

/// Reference figures of tests/data/reference/honest_n.R.
const HONEST_N: &str = "honest_n.json";
const SPARSE: &str = "tests/data/sparse_ordinal.csv";
const SPARSE_ITEMS: &str = "q1 q2 q3 q4 q5 q6";
/// 1000 rows, 176 of them missing an answer (the data behind honest_n.R's row counts).
const ALLIANCE_DATA: &str = "tests/data/alliance_en_nb.csv";
const ALLIANCE_ITEMS: &str = "i1 i2 i3 i4 i5 i6 i7 i8 i9 i10 i11 i12";
const THREE_FACTORS: &str =
    "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12";

/// Asserts that a JSON object carries the counts `want` (`n_used`, `n_total`, `patterns`).
#[track_caller]
fn assert_rows(got: &Value, want: &Value) {
    for key in ["n_used", "n_total", "patterns"] {
        assert_eq!(got[key], want[key], "{key} in {got}");
    }
}

/// Source: psych::fa(y, nfactors = 1, cor = "poly") on tests/data/sparse_ordinal.csv, psych
/// 2.2.9 (no continuity correction with global thresholds). Tolerance 1e-3: psych stops
/// `optimize` near 1e-4 on each polychoric ρ and its minres optimiser near 1e-5, and the
/// loadings carry the ρ error; psym's former 0.5/n correction moved them by more than 0.1.
#[test]
fn efa_on_sparse_polychoric_tables_matches_psych() {
    let run = psym([
        "efa",
        SPARSE,
        "--items",
        SPARSE_ITEMS,
        "--cor",
        "polychoric",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    let want = reference(HONEST_N, "sparse_polychoric");
    for i in 0..6 {
        let got = v["loadings"][i][0].as_f64().unwrap();
        let exp = want["fa1_loadings"][i].as_f64().unwrap();
        assert!((got - exp).abs() < 1e-3, "loading {i}: {got} vs {exp}");
    }
}

/// `--correct X` counts empty cells as X/n and says so; psych's default (none) is reported too.
#[test]
fn correct_option_changes_and_reports_the_continuity_correction() {
    let json = |extra: &[&str]| {
        let mut args = vec![
            "cor",
            SPARSE,
            "--items",
            SPARSE_ITEMS,
            "--method",
            "polychoric",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let run = psym(args);
        run.expect_code(0);
        run.json()
    };
    let default = json(&[]);
    let corrected = json(&["--correct", "0.5"]);
    let empty = reference(HONEST_N, "sparse_polychoric")["empty_cells"].clone();
    assert_eq!(default["continuity"]["correct"], 0.0);
    assert_eq!(default["continuity"]["empty_cells"], empty);
    assert_eq!(corrected["continuity"]["correct"], 0.5);
    let r = |v: &serde_json::Value| v["matrix"][1][0].as_f64().unwrap();
    assert!((r(&default) - r(&corrected)).abs() > 0.1);
    psym([
        "cor",
        SPARSE,
        "--items",
        SPARSE_ITEMS,
        "--method",
        "polychoric",
        "--correct",
        "0.5",
    ])
    .expect_code(0)
    .stdout_has("counted as 0.5/n");
}

#[test]
fn correct_option_is_refused_where_it_means_nothing() {
    psym(["cor", SPARSE, "--items", SPARSE_ITEMS, "--correct", "0.5"])
        .expect_code(2)
        .stderr_has("polychoric and tetrachoric");
    psym([
        "cor",
        SPARSE,
        "--items",
        SPARSE_ITEMS,
        "--method",
        "polychoric",
        "--correct",
        "-1",
    ])
    .expect_code(2)
    .stderr_has("at least 0");
}

/// Source: lavaan::cfa(three factors, data = alliance) and the same with missing = "ml",
/// lavaan 0.6-14: `lavInspect(fit, "nobs")` / `"norig"` (Used 824 / Total 1000) and the rows
/// of `lavInspect(fit, "patterns")` (35). Counts: exact.
#[test]
fn cfa_reports_used_total_and_patterns_as_lavaan() {
    let run = psym([
        "cfa",
        ALLIANCE_DATA,
        "--model-text",
        THREE_FACTORS,
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    let lw = reference(HONEST_N, "cfa_listwise");
    assert_eq!(v["n_used"], lw["n_used"]);
    assert_eq!(v["n_total"], lw["n_total"]);
    assert_eq!(v["patterns"], reference(HONEST_N, "rows_all")["patterns"]);
    let warning = v["warnings"][0].as_str().unwrap();
    assert!(warning.contains("176 of 1000") && warning.contains("--missing fiml"));

    let fiml = psym([
        "cfa",
        ALLIANCE_DATA,
        "--model-text",
        THREE_FACTORS,
        "--missing",
        "fiml",
        "--format",
        "json",
    ]);
    fiml.expect_code(0);
    let v = fiml.json();
    assert_rows(&v, &reference(HONEST_N, "cfa_fiml"));
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);

    psym(["cfa", ALLIANCE_DATA, "--model-text", THREE_FACTORS])
        .expect_code(0)
        .stdout_has("Used       Total")
        .stdout_has("Number of missing patterns")
        .stdout_has("warning: listwise deletion dropped 176 of 1000 rows");
    psym([
        "cfa",
        ALLIANCE_DATA,
        "--model-text",
        THREE_FACTORS,
        "--format",
        "md",
    ])
    .expect_code(0)
    .stdout_has("824 of 1000 rows used, 35 missing-data patterns")
    .stdout_has("**Warning:** listwise deletion dropped");
}

/// Source: honest_n.R, `complete.cases` and `unique(is.na(x))` of the alliance items in R
/// (Used 824 / Total 1000, 35 patterns). Counts: exact. The warning is information: the exit
/// status stays 0.
#[test]
fn cor_efa_parallel_report_rows_and_warn_under_listwise_deletion() {
    let want = reference(HONEST_N, "rows_all");
    for command in ["cor", "efa", "parallel"] {
        let run = psym([
            command,
            ALLIANCE_DATA,
            "--items",
            ALLIANCE_ITEMS,
            "--missing",
            "listwise",
            "--format",
            "json",
        ]);
        run.expect_code(0);
        let v = run.json();
        assert_rows(&v, &want);
        assert_eq!(v["n"], want["n_used"], "{command}");
        let warning = v["warnings"][0].as_str().unwrap();
        assert!(
            warning.contains("--missing pairwise"),
            "{command}: {warning}"
        );
        for format in ["text", "md"] {
            psym([
                command,
                ALLIANCE_DATA,
                "--items",
                ALLIANCE_ITEMS,
                "--missing",
                "listwise",
                "--format",
                format,
            ])
            .expect_code(0)
            .stdout_has("824 of 1000 rows used, 35 missing-data patterns")
            .stdout_has("listwise deletion dropped 176 of 1000 rows (17.6%)");
        }
    }
    psym([
        "cor",
        ALLIANCE_DATA,
        "--items",
        ALLIANCE_ITEMS,
        "--missing",
        "listwise",
        "--format",
        "csv",
    ])
    .expect_code(0)
    .stderr_has("warning: listwise deletion dropped 176 of 1000 rows");
    // pairwise deletion drops no row: counts, but no warning
    let run = psym([
        "cor",
        ALLIANCE_DATA,
        "--items",
        ALLIANCE_ITEMS,
        "--format",
        "json",
    ]);
    let v = run.expect_code(0).json();
    assert_eq!(v["n_total"], 1000);
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
}

/// Source: honest_n.R, complete rows of the goal items (939 of 1000, 7 patterns) and of all
/// twelve (824, 35). Only the total scale loses more than a tenth of its rows.
#[test]
fn reliability_reports_rows_per_scale_and_warns_for_the_scale_that_lost_many() {
    let run = psym([
        "reliability",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--missing",
        "listwise",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    let scale = |id: &str| {
        v["scales"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["scale"] == id)
            .unwrap()
            .clone()
    };
    let goal = scale("goal");
    assert_rows(&goal, &reference(HONEST_N, "rows_goal"));
    assert!(goal["warnings"].as_array().unwrap().is_empty());
    let total = scale("total");
    assert_rows(&total, &reference(HONEST_N, "rows_all"));
    let kinds: Vec<&Value> = total["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["kind"])
        .collect();
    assert!(kinds.contains(&&Value::from("rows_dropped")), "{kinds:?}");
    // the library's advice is a value (pairwise deletion); psym words it as its flag
    let dropped = total["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "rows_dropped")
        .unwrap();
    assert_eq!(
        dropped["advice"],
        "--missing pairwise (the default) uses every answered pair"
    );
    assert_eq!(dropped["severity"], "warning");
    psym([
        "reliability",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--missing",
        "listwise",
        "--format",
        "md",
    ])
    .expect_code(0)
    .stdout_has("824 of 1000")
    .stdout_has("listwise deletion dropped 176 of 1000 rows")
    .stdout_has("at random; --missing pairwise (the default) uses every answered pair");
}

/// Source: honest_n.R (824 complete rows of 1000): the groups' counts add up to the whole
/// file's, and each group that lost more than a tenth of its rows is named in a warning.
#[test]
fn efa_groups_report_rows_per_group() {
    let run = psym([
        "efa",
        ALLIANCE_DATA,
        "--items",
        ALLIANCE_ITEMS,
        "--factors",
        "3",
        "--group",
        "lang",
        "--missing",
        "listwise",
        "--format",
        "json",
    ]);
    let v = run.json();
    let want = reference(HONEST_N, "rows_all");
    let groups = v["groups"].as_array().unwrap();
    let sum = |key: &str| groups.iter().map(|g| g[key].as_u64().unwrap()).sum::<u64>();
    assert_eq!(sum("n_used"), want["n_used"].as_u64().unwrap());
    assert_eq!(sum("n_total"), want["n_total"].as_u64().unwrap());
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2);
    assert!(warnings[0].as_str().unwrap().starts_with("group en: "));
}

/// Reference figures of tests/data/reference/followups.R (counts per group).
const FOLLOWUPS: &str = "followups.json";

/// Source: lavaan::cfa(three factors, data = alliance, group = "lang"), lavaan 0.6-14, with
/// and without missing = "ml": `lavInspect(fit, "nobs")` / `"norig"` per group (listwise:
/// Used 431 / Total 520 for en, 393 / 480 for nb) and the rows of each group's
/// `lavInspect(fit, "patterns")` (22 and 26), which under listwise deletion followups.R counts
/// with `unique(is.na(x))` among each group's rows read. Counts: exact. The totals stay the
/// sums over the groups.
#[test]
fn cfa_by_group_reports_used_total_and_patterns_per_group_as_lavaan() {
    let args = [
        "cfa",
        ALLIANCE_DATA,
        "--model-text",
        THREE_FACTORS,
        "--group",
        "lang",
    ];
    for (missing, key, patterns) in [
        ("listwise", "cfa_group_listwise", "patterns_read"),
        ("fiml", "cfa_group_fiml", "patterns"),
    ] {
        let want = reference(FOLLOWUPS, key);
        let run = psym(
            args.iter()
                .copied()
                .chain(["--missing", missing, "--format", "json"]),
        );
        run.expect_code(0);
        let v = run.json();
        assert_eq!(v["groups"], want["groups"], "{missing}");
        let per_group = v["rows_per_group"].as_array().expect("rows_per_group");
        assert_eq!(per_group.len(), 2, "{missing}");
        for (g, got) in per_group.iter().enumerate() {
            assert_eq!(got["n_used"], want["n_used"][g], "{missing}, group {g}");
            assert_eq!(got["n_total"], want["n_total"][g], "{missing}, group {g}");
            assert_eq!(got["patterns"], want[patterns][g], "{missing}, group {g}");
        }
        let sum = |k: &str| {
            per_group
                .iter()
                .map(|g| g[k].as_u64().unwrap())
                .sum::<u64>()
        };
        for key in ["n_used", "n_total", "patterns"] {
            assert_eq!(v[key].as_u64(), Some(sum(key)), "{missing}: total {key}");
        }
    }
    let want = reference(FOLLOWUPS, "cfa_group_listwise");
    let text = psym(args).expect_code(0).stdout.clone();
    let row = |g: usize, values: &[&Value]| {
        let name = want["groups"][g].as_str().unwrap();
        let cells: Vec<String> = values
            .iter()
            .map(|v| format!("{:>12}", v.to_string()))
            .collect();
        format!("\n    {name:<42}{}\n", cells.concat())
    };
    assert!(text.contains("Number of observations per group:"), "{text}");
    assert!(
        text.contains("Number of missing patterns per group:"),
        "{text}"
    );
    for g in 0..2 {
        let used_total = row(g, &[&want["n_used"][g], &want["n_total"][g]]);
        assert!(text.contains(&used_total), "{used_total:?} in\n{text}");
        let patterns = row(g, &[&want["patterns_read"][g]]);
        assert!(text.contains(&patterns), "{patterns:?} in\n{text}");
    }
    let md = psym(args.iter().copied().chain(["--format", "md"]));
    md.expect_code(0);
    for g in 0..2 {
        let phrase = format!(
            "{}: {} of {} rows used, {} missing-data patterns",
            want["groups"][g].as_str().unwrap(),
            want["n_used"][g],
            want["n_total"][g],
            want["patterns_read"][g]
        );
        assert!(md.stdout.contains(&phrase), "{phrase:?} in\n{}", md.stdout);
    }
}
