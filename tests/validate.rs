//! `psym validate`.

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym};

#[test]
fn bundled_example_is_valid() {
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--lang-column",
        "lang",
    ])
    .expect_code(0)
    .stdout_has("1000 data row(s)")
    .stdout_has("valid: no problems found");
}

#[test]
fn json_lists_every_problem_with_line_id_column_value() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("batch.csv");
    std::fs::write(
        &file,
        "id,lang,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\n\
         a,en,1,2,3,4,5,6,7,1,2,3,4,5\n\
         b,sv,8,2,3,4,5,6,7,1,2,3,4,5\n\
         a,nb,1,2,3,4,5,6,7,1,2,3,4,x\n",
    )
    .unwrap();
    let run = psym([
        "validate",
        "--instrument",
        ALLIANCE,
        file.to_str().unwrap(),
        "--lang-column",
        "lang",
        "--format",
        "json",
    ]);
    run.expect_code(1);
    let v = run.json();
    assert_eq!(v["valid"], false);
    assert_eq!(v["rows"], 3);
    let problems = v["problems"].as_array().unwrap();
    let summary: Vec<(u64, &str, &str, &str)> = problems
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["id"].as_str().unwrap(),
                p["column"].as_str().unwrap(),
                p["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (3, "b", "i1", "out_of_range"),
            (3, "b", "lang", "unknown_language"),
            (4, "a", "i12", "not_a_number"),
            (4, "a", "id", "duplicate_id"),
        ]
    );
    assert_eq!(problems[0]["value"], "8");
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("outside the response scale 1–7")
    );
}

/// Issue 11: the reader's decimal-comma hint is a value (`psym_data::Advice`) that psym words
/// as its flag.
#[test]
fn decimal_comma_hint_names_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("commas.csv");
    let header = (1..=12)
        .map(|i| format!("i{i}"))
        .collect::<Vec<_>>()
        .join(";");
    let row = ["\"2,5\""]
        .into_iter()
        .chain(["3"; 11])
        .collect::<Vec<_>>()
        .join(";");
    std::fs::write(&file, format!("id;{header}\nx;{row}\n")).unwrap();
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        file.to_str().unwrap(),
        "--decimal",
        "point",
    ])
    .expect_code(1)
    .stdout_has("if the file uses decimal commas, read it with --decimal comma");
}

#[test]
fn missing_item_column_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.csv");
    std::fs::write(&file, "id,i1,i2\nx,1,2\n").unwrap();
    psym(["validate", "--instrument", ALLIANCE, file.to_str().unwrap()])
        .expect_code(1)
        .stdout_has("item 'i3' of the instrument has no column in the file");
}

#[test]
fn markdown_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.csv");
    std::fs::write(
        &file,
        "id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\nx,1,2,3,4,5,6,7,1,2,3,4,0\n",
    )
    .unwrap();
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        file.to_str().unwrap(),
        "--format",
        "md",
    ])
    .expect_code(1)
    .stdout_has("| 2 | x | i12 | 0 | 0 is outside the response scale 1–7 |");
}

#[test]
fn csv_lists_problems_for_a_spreadsheet() {
    let run = psym([
        "validate",
        "--instrument",
        ALLIANCE,
        "docs/examples/batch_with_problems.csv",
        "--format",
        "csv",
    ]);
    run.expect_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "line,id,column,value,kind,message");
    assert_eq!(
        lines[1],
        "2,A,i2,8,out_of_range,8 is outside the response scale 1–7"
    );
    assert_eq!(
        lines[3],
        "2,A,i4,\"3,5\",not_integer,\"3.5 is not a whole number, but the response scale has whole points only\""
    );
    assert_eq!(lines.len(), 6);
}

#[test]
fn bad_arguments_exit_2() {
    psym(["validate", ALLIANCE_DATA]).expect_code(2);
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--id",
        "nosuch",
    ])
    .expect_code(2)
    .stderr_has("the id column 'nosuch' is not in the header");
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--encoding",
        "klingon",
    ])
    .expect_code(2)
    .stderr_has("unknown encoding 'klingon'");
}

/// Issue 10, point 6: a file saved as Excel's "CSV (Macintosh)" (lines end in CR alone) is read
/// row by row, with the same rows and line numbers as the same file with LF line ends.
#[test]
fn cr_only_line_ends_are_read_as_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mac = dir.path().join("mac.csv");
    let lf = "id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\n\
              a,1,2,3,4,5,6,7,1,2,3,4,5\n\
              b,1,2,3,4,5,6,7,1,2,3,4,8\n";
    std::fs::write(&mac, lf.replace('\n', "\r")).unwrap();
    let run = psym([
        "validate",
        "--instrument",
        ALLIANCE,
        mac.to_str().unwrap(),
        "--format",
        "json",
    ]);
    run.expect_code(1);
    let v = run.json();
    assert_eq!(v["rows"], 2);
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["line"], 3);
    assert_eq!(problems[0]["kind"], "out_of_range");
    let scores = psym(["score", "--instrument", ALLIANCE, mac.to_str().unwrap()]);
    assert_eq!(scores.stdout.lines().count(), 3, "{}", scores.stdout);
}

/// Issue 9, point 10: the instrument's text missing codes ("Vet ikke", "Don't know") are read
/// as missing, in any case, whatever the row's language; other text stays a problem.
#[test]
fn declared_missing_texts_are_missing_not_problems() {
    let dir = tempfile::tempdir().unwrap();
    let mut inst: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(crate::util::repo(ALLIANCE)).unwrap())
            .unwrap();
    inst["missing_text"] = serde_json::json!({"en": ["Don't know"], "nb": ["Vet ikke"]});
    let inst_path = dir.path().join("alliance.json");
    std::fs::write(&inst_path, inst.to_string()).unwrap();
    let data = dir.path().join("batch.csv");
    std::fs::write(
        &data,
        "id;lang;i1;i2;i3;i4;i5;i6;i7;i8;i9;i10;i11;i12\n\
         a;en;Vet ikke;2;3;4;5;6;7;1;2;3;4;5\n\
         b;nb;1;don't know;3;4;5;6;7;1;2;3;4;5\n\
         c;nb;1;2;vet ikke!;4;5;6;7;1;2;3;4;5\n",
    )
    .unwrap();
    let run = psym([
        "validate",
        "--instrument",
        inst_path.to_str().unwrap(),
        data.to_str().unwrap(),
        "--format",
        "json",
    ]);
    run.expect_code(1);
    let problems = run.json()["problems"].as_array().unwrap().clone();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["id"], "c");
    assert_eq!(problems[0]["kind"], "not_a_number");
}

/// Issue 9, point 9: rows answered in a language whose translation is not approved (the
/// Danish draft) give a warning on stderr and in the JSON `warnings`; the data stay valid.
#[test]
fn rows_in_a_draft_language_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("batch.csv");
    std::fs::write(
        &data,
        "id,lang,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\n\
         a,nb,1,2,3,4,5,6,7,1,2,3,4,5\n\
         b,da,1,2,3,4,5,6,7,1,2,3,4,5\n\
         c,da,1,2,3,4,5,6,7,1,2,3,4,5\n",
    )
    .unwrap();
    let d = data.to_str().unwrap();
    let run = psym([
        "validate",
        "--instrument",
        ALLIANCE,
        d,
        "--lang-column",
        "lang",
        "--format",
        "json",
    ]);
    run.expect_code(0)
        .stderr_has("warning: 2 row(s) answered in Danish (da), whose translation is not approved");
    let v = run.json();
    assert_eq!(
        v["rows_per_language"],
        serde_json::json!({"da": 2, "nb": 1})
    );
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        (
            &warnings[0]["kind"],
            &warnings[0]["language"],
            &warnings[0]["rows"]
        ),
        (&"draft_language".into(), &"da".into(), &2.into())
    );
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        d,
        "--lang-column",
        "lang",
    ])
    .expect_code(0)
    .stderr_has("Danish (da)");
    let score = psym([
        "score",
        "--instrument",
        ALLIANCE,
        d,
        "--lang-column",
        "lang",
        "--format",
        "json",
    ]);
    score
        .expect_code(0)
        .stderr_has("2 row(s) answered in Danish (da)");
    assert_eq!(score.json()["warnings"][0]["rows"], 2);
    // Without a language column there is nothing to warn about.
    let quiet = psym(["validate", "--instrument", ALLIANCE, d]);
    assert!(!quiet.expect_code(0).stderr.contains("warning"));
}
