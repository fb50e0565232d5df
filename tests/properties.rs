//! Property tests of the binary (bounded: a few dozen runs of `psym` each; the open-ended
//! search is `cargo fuzz`, see docs/fuzzing.md).
//!
//! - `psym score` writes one row per input row, in order, whatever the cells hold;
//! - a `psym translate import` that fails leaves the instrument file byte-identical.

use proptest::prelude::*;

use crate::util::{ALLIANCE, psym, repo};

/// Runs per property: each starts the binary, so a few dozen keep the property near a second.
const RUNS: u32 = 24;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: RUNS,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What can stand in a cell of a response file or a work file.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        "1",
        "4",
        "7",
        "8",
        "9",
        "99",
        "NA",
        "3.5",
        "x",
        "often",
        "\"",
        ",",
        ";",
        "\n",
        "\r\n",
        "ø",
        "approved",
        "bogus",
        "@label.99",
        "i1",
        "=1+1",
    ])
}

/// A field, quoted as CSV when it needs to be.
fn quoted(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// What a score file says: its row ids, in order.
fn score_ids(stdout: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    reader
        .records()
        .map(|r| r.expect("psym writes valid CSV")[0].to_owned())
        .collect()
}

/// An edit of a work file's lines: drop one, copy one, or set one of its fields.
#[derive(Debug, Clone)]
enum LineEdit {
    Drop(usize),
    Copy(usize),
    Set(usize, usize, &'static str),
}

fn line_edit() -> impl Strategy<Value = LineEdit> {
    prop_oneof![
        (any::<usize>()).prop_map(LineEdit::Drop),
        (any::<usize>()).prop_map(LineEdit::Copy),
        (any::<usize>(), 0usize..6, piece()).prop_map(|(l, f, p)| LineEdit::Set(l, f, p)),
    ]
}

/// Applies `edit` to the lines of a CSV work file (never to its header).
fn apply(lines: &mut Vec<String>, edit: &LineEdit) {
    let n = lines.len() - 1;
    if n == 0 {
        return;
    }
    match *edit {
        LineEdit::Drop(l) => {
            lines.remove(1 + l % n);
        }
        LineEdit::Copy(l) => {
            let line = lines[1 + l % n].clone();
            lines.push(line);
        }
        LineEdit::Set(l, f, p) => {
            let line = &mut lines[1 + l % n];
            let mut fields: Vec<String> = line.split(',').map(str::to_owned).collect();
            let k = f % fields.len();
            fields[k] = quoted(p);
            *line = fields.join(",");
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn score_writes_one_row_per_row(rows in prop::collection::vec(prop::collection::vec(piece(), 12), 1..15)) {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("responses.csv");
        let mut text = String::from("id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\n");
        for (r, cells) in rows.iter().enumerate() {
            let fields: Vec<String> = cells.iter().map(|c| quoted(c)).collect();
            text.push_str(&format!("r{r},{}\n", fields.join(",")));
        }
        std::fs::write(&data, &text).unwrap();
        let run = psym(["score", "--instrument", ALLIANCE, data.to_str().unwrap(), "--format", "csv"]);
        prop_assert!(run.code == 0 || run.code == 1, "exit {}: {}", run.code, run.stderr);
        prop_assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let expected: Vec<String> = (0..rows.len()).map(|r| format!("r{r}")).collect();
        prop_assert_eq!(score_ids(&run.stdout), expected, "rows in = rows out\n{}", text);
    }

    #[test]
    fn failed_import_leaves_the_instrument_byte_identical(
        edits in prop::collection::vec(line_edit(), 1..4),
        lang in prop::sample::select(vec!["nb", "da"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let inst = dir.path().join("alliance.json");
        std::fs::copy(repo(ALLIANCE), &inst).unwrap();
        let before = std::fs::read(&inst).unwrap();
        let exported = psym(["translate", "export", inst.to_str().unwrap(), "--lang", lang, "--format", "csv"]);
        exported.expect_code(0);
        let mut lines: Vec<String> = exported.stdout.lines().map(str::to_owned).collect();
        for e in &edits {
            apply(&mut lines, e);
        }
        let work = dir.path().join("work.csv");
        std::fs::write(&work, lines.join("\n") + "\n").unwrap();
        let run = psym(["translate", "import", inst.to_str().unwrap(), work.to_str().unwrap(), "--lang", lang]);
        prop_assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        prop_assert!([0, 1, 2].contains(&run.code), "exit {}", run.code);
        if run.code != 0 {
            prop_assert!(std::fs::read(&inst).unwrap() == before, "a failed import (exit {}) changed the file: {}", run.code, run.stdout);
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        prop_assert_eq!(leftovers.len(), 2, "no temporary file is left behind: {:?}", leftovers);
    }
}
