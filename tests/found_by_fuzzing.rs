//! Defects found by the property tests and fuzz targets (docs/fuzzing.md), each with its input
//! in tests/data/bad/.

use crate::util::psym;

/// Found by the property test `token_soup_never_panics` of psym-data: `1e999` was read as
/// infinity, so `reliability` dropped the item as having no variance and `cor` reported a
/// variance of zero. It is now an invalid cell, read as missing and reported.
#[test]
fn overflowing_number_is_an_invalid_cell() {
    let run = psym([
        "reliability",
        "--items",
        "i1 i2 i3",
        "tests/data/bad/overflowing_number.csv",
        "--format",
        "json",
    ]);
    run.expect_code(0).stderr_has("1 invalid answer(s)");
    let v = run.json();
    let items = &v["scales"][0]["items"];
    assert_eq!(v["scales"][0]["n_items"], 3);
    assert_eq!(items[1]["item"], "i2");
    assert_eq!(items[1]["n"], 5);
}

/// Imports the workbook `bad` (in tests/data/bad) into a copy of the shipped instrument: psym
/// must refuse it (exit 1 or 2, no panic) and leave the instrument file as it was.
fn refuses_workbook(bad: &str) {
    let dir = tempfile::tempdir().unwrap();
    let inst = dir.path().join("alliance.json");
    std::fs::copy(crate::util::repo(crate::util::ALLIANCE), &inst).unwrap();
    let before = std::fs::read(&inst).unwrap();
    let run = psym([
        "translate",
        "import",
        inst.to_str().unwrap(),
        &format!("tests/data/bad/{bad}"),
        "--lang",
        "nb",
    ]);
    assert!(
        !run.stderr.contains("panicked"),
        "psym panicked:\n{}",
        run.stderr
    );
    assert!([1, 2].contains(&run.code), "exit status {}", run.code);
    assert!(std::fs::read(&inst).unwrap() == before);
}

/// Found by the fuzz targets `workfile_xlsx` and `workfile_xlsform`: a shared-string cell whose
/// index is past the table panicked inside calamine 0.31 (issue 10, point 2).
#[test]
fn workbook_cell_past_the_shared_strings_is_refused() {
    refuses_workbook("shared_string_past_table.xlsx");
}

/// Found by the fuzz target `workfile_xlsx`: a cell reference with ten letters overflowed
/// calamine 0.31's column arithmetic (a panic with overflow checks, a wrapped column without).
#[test]
fn workbook_cell_with_an_overlong_column_is_refused() {
    refuses_workbook("long_column_reference.xlsx");
}

/// Found by the property test `rows_in_equal_rows_out` of psym-data: a CR-only file (Excel's
/// "CSV (Macintosh)") with a line break inside a quoted cell was taken for an LF-ended file, so
/// two rows in gave zero rows out and a header of duplicated columns (issue 10, point 6).
#[test]
fn cr_only_file_with_a_quoted_line_break_keeps_its_rows() {
    let run = psym([
        "score",
        "--instrument",
        crate::util::ALLIANCE,
        "tests/data/bad/cr_only_quoted_line_break.csv",
        "--keep",
        "note",
    ]);
    run.expect_code(0);
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);
    assert!(run.stdout.contains("\"two\nlines\""), "{}", run.stdout);
}

/// Found by the fuzz target `read_sav`: a date-formatted SPSS value of about −3·10²³¹ seconds
/// overflowed the date arithmetic (a panic in debug builds). A date outside the years
/// 1582–9999 is now written as the number it is.
#[test]
fn sav_date_far_outside_the_calendar_is_a_number() {
    let run = psym([
        "score",
        "--instrument",
        "tests/data/sav/items4.json",
        "--keep",
        "visit",
        "tests/data/bad/sav_date_overflow.sav",
    ]);
    run.expect_code(2)
        .stderr_has("case 5: the file ends inside this case");
    assert!(
        run.stdout.contains("-3.1050361846013407e231"),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}
