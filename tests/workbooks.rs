//! Workbooks as response files (issue 16): `.xlsx` and `.ods` read by every command that reads
//! responses, chosen by content; bad workbooks refused with exit 2 (tests/data/workbooks, made
//! by its make_workbooks.py).

use crate::util::{ALLIANCE, Run, psym};

fn book(name: &str) -> String {
    format!("tests/data/workbooks/{name}")
}

/// `psym validate --format json` of the workbook `name`, which finds the planted problem
/// (exit 1): its JSON.
fn validate_json(name: &str) -> serde_json::Value {
    let run = psym([
        "validate",
        "--instrument",
        ALLIANCE,
        "--format",
        "json",
        &book(name),
    ]);
    run.expect_code(1);
    run.json()
}

/// `psym score --instrument ALLIANCE` of the workbook `name`, with `args` before it.
fn score(name: &str, args: &[&str]) -> Run {
    let path = book(name);
    psym(
        ["score", "--instrument", ALLIANCE]
            .into_iter()
            .chain(args.iter().copied())
            .chain([path.as_str()]),
    )
}

/// The first sheet, with the problem at its sheet row, a number typed as text read as a
/// number, and dates passed through as ISO text; the same from the OpenDocument twin.
#[test]
fn issue_16_xlsx_and_ods_read_like_csv() {
    for name in ["alliance.xlsx", "alliance.ods"] {
        let json = validate_json(name);
        assert_eq!(json["rows"], 6, "{name}");
        assert_eq!(json["source"]["sheet"], "Svar", "{name}");
        let problems = json["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 1, "{name}: {problems:?}");
        assert_eq!(problems[0]["line"], 4);
        assert_eq!(problems[0]["kind"], "out_of_range");
        let run = score(name, &["--keep", "submitted"]);
        run.expect_code(1);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.len(), 7, "{name}: {}", run.stdout);
        assert!(
            lines[2].starts_with("R0002,2026-03-02,6,5.75,"),
            "{name}: {}",
            lines[2]
        );
    }
}

#[test]
fn issue_16_sheet_by_name_and_a_missing_sheet() {
    score("alliance.xlsx", &["--sheet", "batch 2"])
        .expect_code(0)
        .stdout_has("R0008,5.75,6,6,");
    score("alliance.ods", &["--sheet", "Ark3"])
        .expect_code(2)
        .stderr_has("there is no sheet 'Ark3' (sheets: Svar, Batch 2)");
}

/// The analyses read workbooks through the same reader.
#[test]
fn issue_16_analyses_read_workbooks() {
    psym(["cor", "--items", "i1 i2 i3 i4", &book("alliance.xlsx")]).expect_code(0);
}

#[test]
fn issue_16_bad_workbooks_exit_2() {
    let cases = [
        ("encrypted.xlsx", "password-protected"),
        ("declared_huge.xlsx", "unpacks to more than the 1024 MB"),
        ("repeated_rows.ods", "expand to more than 10000000 cells"),
        (
            "../bad/hostile_shared_string.xlsx",
            "cell B2: refers to shared string '99'",
        ),
        ("../bad/workbook.xlsx", "damaged or truncated"),
    ];
    for (name, message) in cases {
        psym(["validate", "--instrument", ALLIANCE, &book(name)])
            .expect_code(2)
            .stderr_has(message);
    }
}

/// An Excel 97–2003 workbook written by xlwt (tests/data/workbooks/make_xls.py) reads like
/// its `.xlsx` twin: `validate` gives the same JSON and `score` the same CSV, but for R0004,
/// whose i4 is 9 in the `.xls` (one of the instrument's missing codes, so its total is the
/// mean of the 11 items answered); `--sheet` picks the second sheet by name.
#[test]
fn issue_16_xls_reads_like_xlsx() {
    assert_eq!(
        validate_json("alliance.xls"),
        validate_json("alliance.xlsx")
    );
    let csv =
        |name: &str, sheet: &str| score(name, &["--keep", "submitted", "--sheet", sheet]).stdout;
    let (xls, xlsx) = (csv("alliance.xls", "Svar"), csv("alliance.xlsx", "Svar"));
    let differ: Vec<(&str, &str)> = xls
        .lines()
        .zip(xlsx.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(xls.lines().count(), 7);
    assert_eq!(
        differ,
        [(
            "R0004,2026-03-04,5,5.25,6.75,5.7272727272727275,",
            "R0004,2026-03-04,5,5.25,6.75,5.666666666666667,"
        )]
    );
    assert_eq!(
        csv("alliance.xls", "batch 2"),
        csv("alliance.xlsx", "batch 2")
    );
}

/// features.xls (shared strings over CONTINUE records, RK/MULRK, NUMBER, dates and
/// date-times, booleans, formulas' cached results, a second sheet) scores to the same CSV as
/// its openpyxl twin features.xlsx.
#[test]
fn issue_16_xls_features_score_like_xlsx() {
    let csv = |name: &str| {
        let run = score(
            name,
            &[
                "--sheet",
                "Svar",
                "--keep",
                "submitted,stamp,note,weight,ratio,flag,sum",
            ],
        );
        run.expect_code(0);
        run.stdout
    };
    let xls = csv("features.xls");
    assert_eq!(xls, csv("features.xlsx"));
    assert_eq!(xls.lines().count(), 301);
    assert!(
        xls.lines()
            .nth(10)
            .unwrap()
            .starts_with("S0010,2026-01-10,2026-01-10T08:30:15,note 009 Ł jklm"),
        "{xls}"
    );
}

/// A single value at XFD1048576 is read sparsely: one ragged row at sheet row 1048576.
#[test]
fn issue_16_far_cell_is_one_ragged_row() {
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        &book("../bad/hostile_far_cell.xlsx"),
    ])
    .expect_code(1)
    .stdout_has(" row ")
    .stdout_has("1048576")
    .stdout_has("a value stands in a column without a header");
}

/// What a Norwegian or German Excel needs to open the CSV as columns: a UTF-8 byte-order
/// mark, `;` between fields, decimal commas, CRLF line ends.
#[test]
fn issue_16_excel_nordic_csv_bytes() {
    for dialect in ["excel-nordic", "excel-de"] {
        let run = psym([
            "score",
            "--instrument",
            ALLIANCE,
            crate::util::ALLIANCE_DATA,
            "--csv-dialect",
            dialect,
        ]);
        run.expect_code(0);
        let text = &run.stdout;
        assert!(
            text.starts_with("\u{feff}id;goal;task;bond;total;problems\r\n"),
            "{text:.80}"
        );
        assert!(
            text.contains("\r\nR0001;6,25;6,75;6;6,333333333333333;\r\n"),
            "{text:.200}"
        );
    }
    let us = psym([
        "score",
        "--instrument",
        ALLIANCE,
        crate::util::ALLIANCE_DATA,
        "--csv-dialect",
        "excel-us",
    ]);
    assert!(
        us.stdout
            .starts_with("\u{feff}id,goal,task,bond,total,problems\r\nR0001,6.25,")
    );
    psym([
        "score",
        "--instrument",
        ALLIANCE,
        crate::util::ALLIANCE_DATA,
        "--csv-dialect",
        "excel-de",
        "--format",
        "json",
    ])
    .expect_code(2)
    .stderr_has("applies to CSV output");
}

/// `--out scores.xlsx`: a header row, frozen panes, ids as text and scores as numbers; read
/// back by psym's own workbook reader.
#[test]
fn issue_16_scores_as_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.xlsx");
    psym([
        "score",
        "--instrument",
        ALLIANCE,
        &book("alliance.xlsx"),
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(1);
    let bytes = std::fs::read(&out).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{xml:.600}"
    );
    assert!(
        xml.contains(r#"<c r="B2"><v>6.25</v></c>"#),
        "a number cell: {xml:.900}"
    );
    let sheets = psym_data::workbook::read_sheets(
        &bytes,
        &psym_data::workbook::SheetChoice::First,
        &psym_data::workbook::Limits::RESPONSES,
    )
    .unwrap();
    let rows: Vec<Vec<&str>> = sheets[0]
        .rows()
        .map(|r| r.cells().map(|c| c.1).collect())
        .collect();
    assert_eq!(sheets[0].name, "scores");
    assert_eq!(rows[0], ["id", "goal", "task", "bond", "total", "problems"]);
    assert_eq!(rows[1], ["R0001", "6.25", "6.75", "6", "6.333333333333333"]);
    assert_eq!(rows[3].last(), Some(&"i3 out_of_range"));
    assert_eq!(rows.len(), 7);
}
