//! `psym norms` and `psym score --norms`.

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym};

/// Writes the norms of the bundled example by language into `dir` and returns the path.
fn norms_by_lang(dir: &std::path::Path) -> String {
    let path = dir.join("norms.json");
    let file = path.to_str().unwrap().to_owned();
    psym([
        "norms",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--out",
        &file,
    ])
    .expect_code(0);
    file
}

#[test]
fn norms_writes_a_norm_file_with_a_table_per_scale_and_group() {
    let dir = tempfile::tempdir().unwrap();
    let file = norms_by_lang(dir.path());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["format"], "psym-norms");
    assert_eq!(v["group_column"], "lang");
    assert_eq!(v["instrument"]["id"], "open-alliance-12");
    assert_eq!(v["tables"].as_array().unwrap().len(), 8);
    let run = psym([
        "norms",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--scale",
        "bond",
    ]);
    run.expect_code(0)
        .stdout_has("Scale bond")
        .stdout_has("mid-point percentile rank");
}

#[test]
fn score_applies_the_norms_of_each_row_group() {
    let dir = tempfile::tempdir().unwrap();
    let norms = norms_by_lang(dir.path());
    let run = psym([
        "score",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--norms",
        &norms,
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    let rows = v["scores"].as_array().unwrap();
    assert_eq!(rows.len(), 1000, "rows in = rows out");
    assert!(
        rows[0].get("lang").is_none(),
        "the group column is read, not written"
    );
    // R0001 (en) bond = 6: the en table's row 6.00 (395 at or below, 47 equal, n = 517)
    let pr = 100.0 * (395.0 - 47.0 / 2.0) / 517.0;
    assert!((rows[0]["bond_percentile"].as_f64().unwrap() - pr).abs() < 1e-9);
    assert_eq!(rows[0]["bond_stanine"], 6.0);
    assert_eq!(v["derived"][0], "goal_percentile");
}

#[test]
fn a_score_beyond_the_table_or_an_unknown_group_is_a_row_problem() {
    let dir = tempfile::tempdir().unwrap();
    let norms = norms_by_lang(dir.path());
    let data = dir.path().join("new.csv");
    std::fs::write(
        &data,
        "id,lang,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\n\
         a,da,7,7,7,1,7,7,7,7,7,7,1,7\n\
         b,en,1,1,1,7,5,5,5,3,5,5,3,5\n",
    )
    .unwrap();
    let run = psym([
        "score",
        "--instrument",
        ALLIANCE,
        data.to_str().unwrap(),
        "--norms",
        &norms,
        "--scale",
        "goal",
        "--format",
        "json",
    ]);
    run.expect_code(1);
    let v = run.json();
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems[0]["kind"], "no_norm_group");
    assert_eq!(problems[0]["value"], "da");
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("(it has: en, nb)")
    );
    assert_eq!(problems[1]["kind"], "outside_norms");
    assert_eq!(problems[1]["column"], "goal");
    assert!(v["scores"][1]["goal_percentile"].is_null());
}

#[test]
fn norms_of_another_instrument_or_a_broken_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let norms = norms_by_lang(dir.path());
    psym([
        "score",
        "--instrument",
        "instruments/wai-sr-key.json",
        ALLIANCE_DATA,
        "--norms",
        &norms,
    ])
    .expect_code(2)
    .stderr_has("the norms are for instrument 'open-alliance-12'");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"format\": \"psym-norms\",\n \"version\": }").unwrap();
    psym([
        "score",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--norms",
        broken.to_str().unwrap(),
    ])
    .expect_code(2)
    .stderr_has("line 2, column");
}

/// A norm group smaller than 100 is built but flagged (exit 1).
#[test]
fn a_small_norm_group_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("small.csv");
    let text: String = std::fs::read_to_string(crate::util::repo(ALLIANCE_DATA))
        .unwrap()
        .lines()
        .take(31)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&data, text).unwrap();
    psym([
        "norms",
        "--instrument",
        ALLIANCE,
        data.to_str().unwrap(),
        "--scale",
        "goal",
    ])
    .expect_code(1)
    .stdout_has("norms from only 30 respondent(s) are imprecise");
}
