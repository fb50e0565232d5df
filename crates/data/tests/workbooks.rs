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
    let sheets = read_sheets(
        &bytes("workbooks/alliance.ods"),
        &SheetChoice::All,
        &Limits::RESPONSES,
    )
    .unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Svar", "Batch 2"]);
    let numbers: Vec<u32> = sheets[0].rows().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 7, 8]);
}
