//! `psym careless` and `psym validate --careless` (issue 15, point 1): indices per respondent,
//! flags with their thresholds, rows in = rows out, bad inputs without a panic.

use std::path::{Path, PathBuf};

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym};

/// Writes `text` to `name` in `dir` and returns its path as a string.
fn file(dir: &Path, name: &str, text: &str) -> String {
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, text).expect("temp file is writable");
    path.display().to_string()
}

/// Two subscales of two items.
const TWO_SCALES: &str =
    r#"[{"id": "a", "items": ["q1", "q2"]}, {"id": "b", "items": ["q3", "q4"]}]"#;

/// A four-item instrument on a 1–5 scale with `scales` (JSON).
fn instrument(dir: &Path, scales: &str) -> String {
    let items: Vec<String> = (1..=4)
        .map(|j| format!(r#"{{"id": "q{j}", "text": {{"en": "Item {j}"}}}}"#))
        .collect();
    file(
        dir,
        "four.json",
        &format!(
            r#"{{"id": "four", "version": "1.0.0", "source_language": "en", "languages": ["en"],
 "name": {{"en": "Four items"}}, "response_scale": {{"min": 1, "max": 5}},
 "items": [{}], "scales": {scales}}}"#,
            items.join(", ")
        ),
    )
}

const FOUR_ITEM_DATA: &str = "id,secs,q1,q2,q3,q4\n\
    a,60,1,2,2,3\nb,70,2,2,3,3\nc,3,4,4,4,4\nd,80,5,4,5,5\ne,90,2,1,1,2\nf,75,3,4,3,5\ng,65,,,,\n";

#[test]
fn alliance_flags_some_respondents_and_exits_1() {
    psym(["careless", "--instrument", ALLIANCE, ALLIANCE_DATA])
        .expect_code(1)
        .stdout_has("1000 respondent(s)")
        .stdout_has("mahalanobis p < 0.001");
}

#[test]
fn csv_has_one_row_per_respondent_in_input_order() {
    let run = psym([
        "careless",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = run.expect_code(1).stdout.lines().collect();
    assert_eq!(lines.len(), 1001);
    assert!(lines[0].starts_with("id,line,answered,longstring,"));
    assert!(lines[1].starts_with("R0001,2,12,3,1.5,"));
}

#[test]
fn thresholds_can_be_overridden() {
    let run = psym([
        "careless",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--format",
        "json",
        "--mahalanobis-alpha",
        "0.5",
        "--even-odd-min",
        "-1",
        "--person-total-min",
        "-1",
    ]);
    let json = run.json();
    let mahalanobis = &json["summary"]["indices"][2];
    assert_eq!(mahalanobis["index"], "mahalanobis");
    assert!(mahalanobis["flagged"].as_u64().unwrap() > 100);
    assert_eq!(json["thresholds"][1]["threshold"], 0.5);
}

#[test]
fn duration_flags_fast_respondents_and_rows_with_nothing_answered_stay() {
    let dir = tempfile::tempdir().unwrap();
    let inst = instrument(dir.path(), TWO_SCALES);
    let data = file(dir.path(), "four.csv", FOUR_ITEM_DATA);
    let run = psym([
        "careless",
        "--instrument",
        &inst,
        &data,
        "--duration",
        "secs",
        "--format",
        "json",
    ]);
    let json = run.expect_code(1).json();
    let rows = json["respondents"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[2]["id"], "c");
    assert_eq!(rows[2]["duration"], 3.0);
    let flags = rows[2]["flags"].as_array().unwrap();
    assert!(flags.contains(&"duration".into()), "{flags:?}");
    assert!(flags.contains(&"longstring".into()), "{flags:?}");
    // nothing answered: every index null, no flag, the row still there
    assert_eq!(rows[6]["answered"], 0);
    assert_eq!(rows[6]["mahalanobis_d2"], serde_json::Value::Null);
    assert_eq!(rows[6]["flags"], serde_json::json!([]));
}

#[test]
fn durations_with_a_decimal_comma_or_a_clock_are_read_and_text_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let inst = instrument(dir.path(), TWO_SCALES);
    let data = file(
        dir.path(),
        "four.csv",
        "id;secs;q1;q2;q3;q4\na;60,5;1;2;2;3\nb;1:10;2;2;3;3\nc;fast;4;4;4;4\n\
         d;80;5;4;5;5\ne;;2;1;1;2\nf;-4;3;4;3;5\n",
    );
    let args = [
        "careless",
        "--instrument",
        &inst,
        &data,
        "--duration",
        "secs",
    ];
    let json = psym(args.iter().copied().chain(["--format", "json"]))
        .expect_code(1)
        .json();
    let rows = json["respondents"].as_array().unwrap();
    assert_eq!(rows[0]["duration"], 60.5);
    assert_eq!(rows[1]["duration"], 70.0);
    assert_eq!(rows[2]["duration"], serde_json::Value::Null);
    assert_eq!(rows[4]["duration"], serde_json::Value::Null);
    assert_eq!(json["summary"]["unreadable_durations"], 2);
    assert_eq!(
        json["summary"]["first_unreadable_duration"],
        serde_json::json!([4, "fast"])
    );
    psym(args).expect_code(1).stdout_has(
        "2 row(s) have a duration that is not a number of seconds (first: line 4, \"fast\")",
    );
    psym(args.iter().copied().chain(["--format", "csv"]))
        .expect_code(1)
        .stderr_has("2 row(s) have a duration");
}

#[test]
fn an_instrument_with_one_scale_runs_without_even_odd() {
    let dir = tempfile::tempdir().unwrap();
    let inst = instrument(
        dir.path(),
        r#"[{"id": "all", "items": ["q1", "q2", "q3", "q4"]}]"#,
    );
    let data = file(dir.path(), "four.csv", FOUR_ITEM_DATA);
    psym(["careless", "--instrument", &inst, &data])
        .expect_code(1)
        .stdout_has("Even-odd consistency needs two or more subscales")
        .stdout_has("declare the subscales in the instrument file");
}

#[test]
fn an_instrument_without_scales_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    let inst = instrument(dir.path(), "[]");
    let data = file(dir.path(), "four.csv", FOUR_ITEM_DATA);
    psym(["careless", "--instrument", &inst, &data])
        .expect_code(2)
        .stderr_has("the instrument defines no scales");
}

#[test]
fn a_constant_item_is_named_and_left_out_of_the_distance() {
    let dir = tempfile::tempdir().unwrap();
    let inst = instrument(dir.path(), TWO_SCALES);
    let data = file(
        dir.path(),
        "constant.csv",
        "id,q1,q2,q3,q4\na,1,3,2,3\nb,2,3,3,1\nc,4,3,1,4\nd,5,3,5,2\ne,2,3,1,5\nf,3,3,4,3\n",
    );
    let json = psym(["careless", "--instrument", &inst, &data, "--format", "json"]).json();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics
            .iter()
            .any(|d| d["kind"] == "constant_item" && d["items"][0] == "q2")
    );
    assert_eq!(json["respondents"][0]["mahalanobis_df"], 3);
}

#[test]
fn options_out_of_range_cannot_run() {
    psym([
        "careless",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--mahalanobis-alpha",
        "2",
    ])
    .expect_code(2)
    .stderr_has("mahalanobis_alpha must be between 0 and 1 (got 2)");
}

#[test]
fn validate_careless_adds_the_flagged_respondents() {
    let run = psym([
        "validate",
        "--careless",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--format",
        "json",
    ]);
    let json = run.expect_code(1).json();
    assert_eq!(json["valid"], true);
    let careless = &json["careless"];
    let flagged = careless["flagged"].as_array().unwrap();
    assert_eq!(
        flagged.len() as u64,
        careless["summary"]["flagged"].as_u64().unwrap()
    );
    // without --careless, the same file is valid
    psym(["validate", "--instrument", ALLIANCE, ALLIANCE_DATA]).expect_code(0);
}

#[test]
fn validate_careless_csv_is_one_problem_table_in_line_order() {
    let dir = tempfile::tempdir().unwrap();
    let inst = instrument(dir.path(), TWO_SCALES);
    // line 3 has an out-of-range cell; line 4 (c) is fast and a straight-liner
    let data = file(
        dir.path(),
        "four.csv",
        "id,secs,q1,q2,q3,q4\na,60,1,2,2,3\nb,70,2,2,3,9\nc,3,4,4,4,4\nd,80,5,4,5,5\ne,oops,2,1,1,2\n",
    );
    let run = psym([
        "validate",
        "--careless",
        "--instrument",
        &inst,
        &data,
        "--duration",
        "secs",
        "--format",
        "csv",
    ]);
    run.expect_code(1).stderr_has("1 row(s) have a duration");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "line,id,column,value,kind,message");
    assert!(lines[1].starts_with("3,b,q4,9,"), "{}", lines[1]);
    assert!(lines[2].starts_with("4,c,,"), "{}", lines[2]);
    assert!(
        lines[2].contains(",careless,possibly careless responding: "),
        "{}",
        lines[2]
    );
    assert!(
        lines[2].contains("duration = 3.0000 (duration (s) < 8)"),
        "{}",
        lines[2]
    );
    assert!(
        lines.iter().all(|l| !l.is_empty()),
        "one table, no blank separator"
    );
}
