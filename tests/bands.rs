//! `psym score` with score bands (docs/examples/alliance-bands.json, illustrative cut points
//! 3, 4, 5, 6 on the 1–7 mean score).

use crate::util::{ALLIANCE_DATA, psym};

const BANDS: &str = "docs/examples/alliance-bands.json";

#[test]
fn score_adds_a_band_column_per_scale_after_the_scores() {
    let run = psym(["score", "--instrument", BANDS, ALLIANCE_DATA]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "id,goal,task,bond,total,goal_band,task_band,bond_band,total_band,problems"
    );
    assert_eq!(lines.len(), 1001, "rows in = rows out");
    // R0001: goal 6.25, task 6.75, bond 6 (on the cut point 6: the band above), total 6.33
    assert_eq!(
        lines[1],
        "R0001,6.25,6.75,6,6.333333333333333,very strong,very strong,very strong,very strong,"
    );
}

#[test]
fn lang_picks_the_band_labels_and_a_missing_language_is_refused() {
    let run = psym([
        "score",
        "--instrument",
        BANDS,
        ALLIANCE_DATA,
        "--lang",
        "nb",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["scores"][1]["task_band"], "sterk");
    assert_eq!(v["derived"][0], "goal_band");
    psym([
        "score",
        "--instrument",
        BANDS,
        ALLIANCE_DATA,
        "--lang",
        "da",
    ])
    .expect_code(2)
    .stderr_has("scale 'goal' has no band labels in 'da' (it has: en, nb)");
}

#[test]
fn a_row_without_a_score_has_a_blank_band() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.csv");
    std::fs::write(
        &file,
        "id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\nx,1,1,1,7,2,3,,,4,4,4,4\n",
    )
    .unwrap();
    let run = psym(["score", "--instrument", BANDS, file.to_str().unwrap()]);
    run.expect_code(0);
    // goal = 1 (i4 = 7 reversed to 1): very weak; task has 2 of 4 answered: no score, no
    // band; bond = mean(4, 4, 8 − 4, 4) = 4, on the cut point 4: moderate; total = 25 / 10
    // answered = 2.5: very weak
    assert_eq!(
        run.stdout.lines().nth(1).unwrap(),
        "x,1,,4,2.5,very weak,,moderate,very weak,"
    );
}

/// In a workbook the band labels are text cells after the scores; read back by psym's own
/// workbook reader.
#[test]
fn bands_are_text_cells_in_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.xlsx");
    psym([
        "score",
        "--instrument",
        BANDS,
        ALLIANCE_DATA,
        "--scale",
        "bond",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let bytes = std::fs::read(&out).unwrap();
    let sheets = psym_data::workbook::read_sheets(
        &bytes,
        &psym_data::workbook::SheetChoice::First,
        &psym_data::workbook::Limits::RESPONSES,
    )
    .unwrap();
    let rows: Vec<Vec<&str>> = sheets[0]
        .rows()
        .take(3)
        .map(|r| r.cells().map(|c| c.1).collect())
        .collect();
    assert_eq!(rows[0], ["id", "bond", "bond_band", "problems"]);
    assert_eq!(rows[1], ["R0001", "6", "very strong"]);
    assert_eq!(rows[2], ["R0002", "5.25", "strong"]);
}
