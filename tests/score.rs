//! `psym score`.

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym, repo};

#[test]
fn bundled_example_scores_every_row_in_order() {
    let run = psym(["score", "--instrument", ALLIANCE, ALLIANCE_DATA]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "id,goal,task,bond,total,problems");
    assert_eq!(lines.len(), 1001, "rows in = rows out");
    // R0001 answers 7,7,6,3 | 6,7,7,7 | 6,6,1,5; i4 and i11 reversed as 8 − x
    assert_eq!(lines[1], "R0001,6.25,6.75,6,6.333333333333333,");
    let input = std::fs::read_to_string(repo(ALLIANCE_DATA)).unwrap();
    let ids_in: Vec<&str> = input
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let ids_out: Vec<String> = lines[1..]
        .iter()
        .map(|l| format!("\"{}\"", l.split(',').next().unwrap()))
        .collect();
    assert_eq!(ids_in, ids_out);
}

#[test]
fn min_answered_decides_blank_scores() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.csv");
    // goal has 2 of 4 answered; task 3 of 4; bond none
    std::fs::write(
        &file,
        "id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\nx,7,5,,,1,2,3,,,,,\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let run = psym(["score", "--instrument", ALLIANCE, f, "--format", "json"]);
    run.expect_code(0);
    let row = &run.json()["scores"][0];
    assert!(row["goal"].is_null());
    assert_eq!(row["task"], 2.0);
    assert!(row["bond"].is_null());
    let run = psym([
        "score",
        "--instrument",
        ALLIANCE,
        f,
        "--min-answered",
        "0",
        "--format",
        "json",
    ]);
    let row = &run.json()["scores"][0];
    assert_eq!(row["goal"], 6.0);
    assert!(row["bond"].is_null(), "no answers at all stays blank");
    psym(["score", "--instrument", ALLIANCE, f, "--min-answered", "2"])
        .expect_code(2)
        .stderr_has("between 0 and 1");
}

#[test]
fn invalid_rows_are_written_and_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    let out = dir.path().join("scores.csv");
    std::fs::write(
        &file,
        "id;lang;i1;i2;i3;i4;i5;i6;i7;i8;i9;i10;i11;i12\n\
         a;en;1;2;3;4;5;6;7;1;2;3;4;5\n\
         b;nb;1;22;3;4;5;6;7;1;2;3;4;5\n\
         c;nb;1\n",
    )
    .unwrap();
    psym([
        "score",
        "--instrument",
        ALLIANCE,
        file.to_str().unwrap(),
        "--keep",
        "lang",
        "--scale",
        "bond",
        "--scale",
        "goal",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(1)
    .stderr_has("2 of 3 row(s) flagged");
    let written = std::fs::read_to_string(out).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(
        lines,
        [
            "id,lang,bond,goal,problems",
            "a,en,3.5,2.5,",
            "b,nb,3.5,2.6666666666666665,i2 out_of_range",
            "c,nb,,,ragged_row",
        ]
    );
}

#[test]
fn unknown_scale_is_an_argument_error() {
    psym([
        "score",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--scale",
        "alliance",
    ])
    .expect_code(2)
    .stderr_has("unknown scale 'alliance' (the instrument has: goal, task, bond, total)");
}

#[test]
fn closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // far more output than a pipe buffers, so psym is still writing when the pipe closes
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    let mut text = String::from("id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\n");
    for r in 0..50_000 {
        text.push_str(&format!("r{r},1,2,3,4,5,6,7,1,2,3,4,5\n"));
    }
    std::fs::write(&big, text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_psym"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["score", "--instrument", ALLIANCE, big.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the pipe closes while psym is still writing
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Issue 10, point 5: the problems stream out as they are found (to a spool behind the scores
/// for JSON); the JSON still lists every one, header problems first, as `validate` does.
#[test]
fn json_lists_every_problem_as_validate_does() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    let mut text = String::from("id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i1\n");
    for r in 0..3_000 {
        text.push_str(&format!("r{r},8,2,x,4,5,6,7,1,2,3,4,5\n"));
    }
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let score = psym(["score", "--instrument", ALLIANCE, f, "--format", "json"]);
    score
        .expect_code(1)
        .stderr_has("6002 problem(s); 3000 of 3000 row(s) flagged")
        .stderr_has("item 'i12' of the instrument has no column");
    let validate = psym(["validate", "--instrument", ALLIANCE, f, "--format", "json"]);
    validate.expect_code(1);
    let (s, v) = (score.json(), validate.json());
    assert_eq!(s["scores"].as_array().unwrap().len(), 3000);
    assert_eq!(s["problems"].as_array().unwrap().len(), 6002);
    assert_eq!(s["problems"], v["problems"]);
}
