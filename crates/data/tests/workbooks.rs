//! The workbook checks with small limits, on the committed hostile workbooks.

use psym_data::workbook::{Limits, SheetChoice, read_sheets};

fn bytes(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../tests/data/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const SMALL: Limits = Limits {
    max_unpacked: 1 << 20,
    max_parts: 100,
    max_cells: 1_000,
    max_text: 1 << 20,
    max_columns: 100,
    purpose: "a test workbook",
};

/// The zip headers claim 1,000 bytes; the real size is measured and the read stops at 1 MiB.
#[test]
fn a_lying_zip_bomb_is_measured_not_believed() {
    let err = read_sheets(
        &bytes("bad/hostile_zip_bomb_lying.xlsx"),
        &SheetChoice::First,
        &SMALL,
    )
    .unwrap_err();
    assert!(
        err[0].message.contains("unpacks to more than the 1 MB"),
        "{err:?}"
    );
}

#[test]
fn columns_and_cells_are_limited() {
    let far = read_sheets(
        &bytes("bad/hostile_far_cell.xlsx"),
        &SheetChoice::All,
        &SMALL,
    );
    assert!(far.unwrap_err()[0].message.contains("column XFD"));
    let few = Limits {
        max_cells: 10,
        ..SMALL
    };
    let err = read_sheets(&bytes("workbooks/alliance.xlsx"), &SheetChoice::First, &few);
    assert!(err.unwrap_err()[0].message.contains("more than 10 cells"));
}

#[test]
fn sheets_keep_their_row_numbers() {
    for name in ["workbooks/alliance.ods", "workbooks/alliance.xls"] {
        let sheets = read_sheets(&bytes(name), &SheetChoice::All, &Limits::RESPONSES).unwrap();
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Svar", "Batch 2"], "{name}");
        let numbers: Vec<u32> = sheets[0].rows().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 7, 8], "{name}");
    }
}

/// features.xls (xlwt) and its openpyxl twin features.xlsx (tests/data/workbooks/make_xls.py)
/// hold the same values: every cell of both sheets reads as the same text, including 300
/// notes whose shared strings run over CONTINUE records, RK/MULRK and NUMBER values, dates,
/// booleans and the formulas' cached sums.
#[test]
fn xls_cells_read_as_their_xlsx_twin() {
    let read = |name: &str| {
        let sheets = read_sheets(&bytes(name), &SheetChoice::All, &Limits::RESPONSES).unwrap();
        sheets
            .iter()
            .map(|s| {
                let rows: Vec<(u32, Vec<(u32, String)>)> = s
                    .rows()
                    .map(|r| {
                        (
                            r.number,
                            r.cells().map(|(c, t)| (c, t.to_owned())).collect(),
                        )
                    })
                    .collect();
                (s.name.clone(), rows)
            })
            .collect::<Vec<_>>()
    };
    let xls = read("workbooks/features.xls");
    assert_eq!(xls, read("workbooks/features.xlsx"));
    assert_eq!(xls[1].1.len(), 301);
    let row = &xls[1].1[151].1;
    assert_eq!(row[1].1, "2026-05-31");
    assert_eq!(row[2].1, "2026-05-31T08:30:15");
    assert!(row[3].1.starts_with("note 150 Ł "), "{}", row[3].1);
    assert_eq!(row[3].1.chars().count(), 131);
}

/// A sheet of an `.xls` counts its cells against the limits like any workbook.
#[test]
fn xls_cells_are_limited() {
    let few = Limits {
        max_cells: 10,
        ..SMALL
    };
    let err = read_sheets(&bytes("workbooks/alliance.xls"), &SheetChoice::First, &few);
    assert!(err.unwrap_err()[0].message.contains("more than 10 cells"));
}
