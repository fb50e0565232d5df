//! `psym cfa` with the model-syntax features of issue 9 (points 5–7) and the value checks of
//! issue 10 (point 3): per-group modifiers, `--group-partial`, groups in every output format,
//! instruments whose ids hold `-` and `.`, defined parameters, positioned refusals.
//!
//! Source of the figures: `tests/data/reference/model_syntax.R` (lavaan 0.6-14, R 4.2.2),
//! fixture `model_syntax.json`; the library tests (crates/sem/tests/model_syntax.rs) compare
//! every row, these check that the command line reaches the same fit. Tolerance 1e-4
//! relative, as there.

use crate::util::psym;
use psym_testdata::reference;

const HS: &str = "tests/data/HolzingerSwineford1939.csv";
const ALLIANCE_DATA: &str = "tests/data/alliance_en_nb.csv";
const ALLIANCE_INSTRUMENT: &str = "instruments/open-alliance-12.json";
const FIXTURE: &str = "model_syntax.json";

fn assert_fit(v: &serde_json::Value, key: &str) {
    let want = reference(FIXTURE, key);
    for name in ["chisq", "df", "cfi", "rmsea", "bic"] {
        let (a, b) = (
            v["fit"][name].as_f64().unwrap(),
            want["fit"][name].as_f64().unwrap(),
        );
        assert!(((a - b) / b).abs() < 1e-4, "{key} {name}: {a} vs {b}");
    }
}

/// Source: `cfa(alliance, al, group = "lang", group.equal = c("loadings", "intercepts"),
/// group.partial = c("task=~i7", "i10~1"))` (fixture `alliance_partial`). Modification
/// indices carry their group in JSON, text and Markdown.
#[test]
fn group_partial_through_the_cli_matches_lavaan_and_groups_show_everywhere() {
    let args = |format: &str| {
        vec![
            "cfa",
            ALLIANCE_DATA,
            "--instrument",
            ALLIANCE_INSTRUMENT,
            "--group",
            "lang",
            "--group-equal",
            "loadings,intercepts",
            "--group-partial",
            "task=~i7, i10~1",
            "--modindices",
            "1",
            "--format",
            format,
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>()
    };
    let run = psym(args("json"));
    run.expect_code(0);
    let v = run.json();
    assert_fit(&v, "alliance_partial");
    let mi = v["modindices"].as_array().unwrap();
    assert!(mi.iter().any(|m| m["group"] == 1) && mi.iter().any(|m| m["group"] == 2));
    let loading = |g: u64| {
        v["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["lhs"] == "task" && p["rhs"] == "i7" && p["group"] == g)
            .unwrap()["est"]
            .as_f64()
            .unwrap()
    };
    assert_ne!(loading(1), loading(2), "task =~ i7 is free in each group");
    psym(args("text"))
        .expect_code(0)
        .stdout_has("Group 2 [nb]:")
        .stdout_has("Modification Indices:")
        .stdout_has("Group 1 [en]  ");
    psym(args("md"))
        .expect_code(0)
        .stdout_has("| lhs | op | rhs | group | mi | epc | sepc.all |");
    let mut bad = args("text");
    bad[9] = "task=~i99".into();
    psym(bad)
        .expect_code(2)
        .stderr_has("group.partial names 'task =~ i99'");
}

/// Source: `cfa(... c(a1, a2)*x2 ... ratio1 := a1/b1 ..., hs, group = "school")` (fixture
/// `hs_vectors`): the vector modifiers of docs/model-syntax.md through the command line, and
/// a defined parameter with its delta-method standard error.
#[test]
fn per_group_modifiers_and_defined_parameters_through_the_cli_match_lavaan() {
    let model = "visual =~ x1 + c(a1, a2)*x2 + c(b1, b2)*x3
        textual =~ x4 + c(1, NA)*x5 + start(c(1.1, 1.2))*x6
        speed =~ x7 + x8 + x9
        ratio1 := a1/b1
        diff := a1 - a2";
    let run = psym([
        "cfa",
        HS,
        "--model-text",
        model,
        "--group",
        "school",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    assert_fit(&v, "hs_vectors");
    let want = reference(FIXTURE, "hs_vectors");
    let theirs = want["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lhs"] == "ratio1")
        .unwrap();
    let ours = v["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lhs"] == "ratio1")
        .unwrap();
    assert_eq!(ours["op"], ":=");
    assert_eq!(ours["group"], 0);
    for k in ["est", "se"] {
        let (a, b) = (ours[k].as_f64().unwrap(), theirs[k].as_f64().unwrap());
        assert!(((a - b) / b).abs() < 1e-3, "ratio1 {k}: {a} vs {b}");
    }
    psym(["cfa", HS, "--model-text", model, "--group", "school"])
        .expect_code(0)
        .stdout_has("Defined Parameters:");
    psym([
        "cfa",
        HS,
        "--model-text",
        "visual =~ x1 + c(a, b, c)*x2 + x3",
        "--group",
        "school",
    ])
    .expect_code(2)
    .stderr_has("line 1, column 16")
    .stderr_has("3 values but there are 2 groups");
}

/// Source: `cfa('visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6', hs)` (fixture
/// `hs_two_factor`), fitted from an instrument whose item and scale ids hold `-` and `.`.
#[test]
fn instrument_ids_with_dashes_and_dots_build_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let ids = ["g-1", "g.2", "g-3.x", "t-1", "t.2", "t-3"];
    let items: Vec<String> = ids
        .iter()
        .map(|i| format!(r#"{{"id": "{i}", "text": {{"en": ""}}}}"#))
        .collect();
    let inst = format!(
        r#"{{"id": "dash", "version": "1.0.0", "source_language": "en", "languages": ["en"],
        "name": {{"en": "Dash"}}, "items": [{}],
        "scales": [{{"id": "goal-a", "items": ["g-1", "g.2", "g-3.x"]}},
                   {{"id": "task.b", "items": ["t-1", "t.2", "t-3"]}}]}}"#,
        items.join(",")
    );
    let inst_path = dir.path().join("dash.json");
    std::fs::write(&inst_path, inst).unwrap();
    let hs = std::fs::read_to_string(crate::util::repo(HS)).unwrap();
    let mut lines = hs.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let cols: Vec<usize> = (1..=6)
        .map(|k| {
            header
                .iter()
                .position(|h| *h == format!("\"x{k}\""))
                .unwrap()
        })
        .collect();
    let mut csv = format!("{}\n", ids.join(","));
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let row: Vec<&str> = cols.iter().map(|&c| cells[c]).collect();
        csv.push_str(&format!("{}\n", row.join(",")));
    }
    let data = dir.path().join("dash.csv");
    std::fs::write(&data, csv).unwrap();
    let run = psym([
        "cfa",
        data.to_str().unwrap(),
        "--instrument",
        inst_path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    assert_fit(&v, "hs_two_factor");
    assert_eq!(v["parameters"][2]["rhs"], "g-3.x");
    // The same ids in model text.
    psym([
        "cfa",
        data.to_str().unwrap(),
        "--model-text",
        "goal-a =~ g-1 + g.2 + g-3.x; task.b =~ t-1 + t.2 + t-3",
    ])
    .expect_code(0);
}

/// Non-finite and absurd fixed or starting values, and operators psym does not support, are
/// refused before any fitting with their line and column (exit 2).
#[test]
fn bad_values_and_unsupported_operators_are_positioned() {
    let base = "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6";
    for (extra, message) in [
        ("; speed =~ x7 + start(1e308)*x8 + x9", "line 1, column 70"),
        (
            "; speed =~ 1e400*x7 + x8 + x9",
            "'1e400' is not a finite number",
        ),
        (
            "; speed =~ x7 + NaN*x8 + x9",
            "'NaN' is not a finite number",
        ),
        (
            "\nspeed <~ x7 + x8",
            "formative indicators ('<~') are not supported",
        ),
        ("\nspeed =~ x7 + a*x8 + b*x9\na < b", "line 3, column 3"),
        (
            "\nspeed =~ x7 + a*x8 + b*x9\na > b",
            "inequality constraints ('>')",
        ),
        (
            "\nspeed =~ x7 + a*x8 + b*x9\na*b == 1",
            "only constraints between two labels",
        ),
        (
            "\nspeed =~ x7 + x8 + x9\nd := q*2",
            "'q' is neither a label",
        ),
    ] {
        psym(["cfa", HS, "--model-text", &format!("{base}{extra}")])
            .expect_code(2)
            .stderr_has(message);
    }
}

/// A text column named as an item is reported as text, not as a column without answers.
#[test]
fn text_column_is_reported_as_text() {
    psym(["cfa", HS, "--model-text", "f =~ x1 + x2 + school"])
        .expect_code(2)
        .stderr_has("column 'school' holds text, not numbers (for example 'Pasteur' on line 2)");
    psym(["reliability", HS, "--items", "x1 x2 school"])
        .expect_code(2)
        .stderr_has("column 'school' holds text");
}
