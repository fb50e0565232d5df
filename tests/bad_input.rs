//! The corpus of malformed inputs in tests/data/bad (see its README): each gives a clear
//! message and the right exit status, never a panic.

use crate::util::{ALLIANCE, psym};

fn validate(file: &str) -> crate::util::Run {
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        &format!("tests/data/bad/{file}"),
    ])
}

#[test]
fn truncated_file_reports_the_cut_row() {
    let run = psym([
        "validate",
        "--instrument",
        ALLIANCE,
        "tests/data/bad/truncated.csv",
        "--format",
        "json",
    ]);
    let problem = &run.expect_code(1).json()["problems"][0];
    assert_eq!(problem["line"], 4);
    assert_eq!(problem["id"], "R0003");
    assert_eq!(problem["kind"], "ragged_row");
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("the row has 5 field(s) but the header has 14")
    );
}

#[test]
fn ragged_rows_are_each_reported() {
    let run = validate("ragged.csv");
    run.expect_code(1)
        .stdout_has("the row has 15 field(s)")
        .stdout_has("the row has 4 field(s)");
}

#[test]
fn empty_file_cannot_run() {
    validate("empty.csv")
        .expect_code(2)
        .stderr_has("empty.csv: the file is empty");
}

#[test]
fn header_only_has_no_rows() {
    validate("header_only.csv")
        .expect_code(1)
        .stdout_has("no data rows");
}

#[test]
fn unbalanced_quote_is_reported_not_fatal() {
    validate("unbalanced_quote.csv")
        .expect_code(1)
        .stdout_has("a quote is unbalanced");
}

#[test]
fn binary_files_and_damaged_workbooks_are_refused() {
    validate("binary.bin")
        .expect_code(2)
        .stderr_has("binary data");
    validate("workbook.xlsx")
        .expect_code(2)
        .stderr_has("the zip archive is damaged or truncated");
}

/// Hostile and damaged `.xls` files (made by tests/data/workbooks/make_xls.py): sizes that would
/// make a reader reserve gigabytes, chains that loop or leave the file, a truncated file, a
/// cut shared-string table, a sheet placed past the stream, an encrypted workbook. Each is
/// refused with exit 2 and a message saying what is wrong, in bounded memory.
#[test]
fn hostile_xls_files_are_refused() {
    for (file, message) in [
        (
            "hostile_xls_dimensions.xls",
            "sheet Svar: the sheet declares rows 0 to 4294967295",
        ),
        (
            "hostile_xls_sst_count.xls",
            "declares 4294967295 strings but holds 25",
        ),
        ("hostile_xls_fat_len.xls", "declares 4294967295 FAT sectors"),
        (
            "hostile_xls_fat_loop.xls",
            "the sector chain of stream Workbook loops",
        ),
        (
            "hostile_xls_sector_past_eof.xls",
            "sector 16777200, past the end of the file",
        ),
        (
            "hostile_xls_stream_size.xls",
            "declares 4294967280 bytes, more than the whole file",
        ),
        (
            "hostile_xls_sst_continue_cut.xls",
            "the shared-string table is cut short",
        ),
        (
            "hostile_xls_boundsheet.xls",
            "starts at byte 2147483632 of its stream",
        ),
        (
            "hostile_xls_truncated.xls",
            "the file is damaged or truncated",
        ),
        (
            "hostile_xls_filepass.xls",
            "the workbook is password-protected",
        ),
    ] {
        validate(file)
            .expect_code(2)
            .stderr_has(&format!("{file}: "))
            .stderr_has(message);
    }
}

#[test]
fn windows_1252_reads_and_forcing_utf8_shows_the_bad_bytes() {
    let run = psym([
        "score",
        "--instrument",
        ALLIANCE,
        "tests/data/bad/latin1.csv",
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains("Søren,"), "{}", run.stdout);
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        "tests/data/bad/latin1.csv",
        "--encoding",
        "utf-8",
    ])
    .expect_code(1)
    .stdout_has("not valid UTF-8");
}

#[test]
fn utf16_without_bom_is_read() {
    validate("utf16le_no_bom.csv").expect_code(0);
}

#[test]
fn words_in_number_cells() {
    validate("mostly_text.csv")
        .expect_code(1)
        .stdout_has("'seven' is not a number");
}

#[test]
fn gigantic_field_is_reported_shortened() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("giant.csv");
    let giant = "7".repeat(5_000_000);
    std::fs::write(
        &file,
        format!("id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\nx,{giant},1,1,1,1,1,1,1,1,1,1,1\n"),
    )
    .unwrap();
    let run = psym([
        "validate",
        "--instrument",
        ALLIANCE,
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    run.expect_code(1);
    let v = run.json();
    let value = v["problems"][0]["value"].as_str().unwrap();
    assert!(
        value.chars().count() <= 61 && value.ends_with('…'),
        "{value}"
    );
}

#[test]
fn missing_file_and_directory() {
    psym([
        "validate",
        "--instrument",
        ALLIANCE,
        "tests/data/bad/nonexistent.csv",
    ])
    .expect_code(2)
    .stderr_has("nonexistent.csv: cannot read the file");
    psym(["validate", "--instrument", ALLIANCE, "tests/data/bad"]).expect_code(2);
}

#[test]
fn instrument_that_is_not_json() {
    psym([
        "validate",
        "--instrument",
        "tests/data/bad/not_json_instrument.json",
        "docs/examples/alliance_en_nb.csv",
    ])
    .expect_code(2)
    .stderr_has("line 1, column 1: not a valid instrument file");
}

#[test]
fn defective_instrument_lists_every_defect() {
    psym([
        "score",
        "--instrument",
        "tests/data/bad/defective_instrument.json",
        "docs/examples/alliance_en_nb.csv",
    ])
    .expect_code(2)
    .stderr_has("3 defect(s) found")
    .stderr_has("$.items[0].reverse")
    .stderr_has("$.items[1].id: duplicate item id 'i1'")
    .stderr_has("$.scales[0].items[1]: scale 's' lists unknown item 'i9'");
}

/// Malformed SPSS files (made by tests/data/bad/make_hostile_sav.py from the haven fixtures):
/// exit 2 with the byte offset or case number and what is wrong, in bounded memory and time.
#[test]
fn damaged_spss_files_are_refused() {
    let cases = [
        (
            "sav_truncated_dictionary.sav",
            "at byte 1000: the file ends inside a variable record: it is truncated",
        ),
        (
            "sav_truncated_cases.sav",
            "case 5: the file ends inside this case: it is truncated",
        ),
        (
            "sav_missing_cases.sav",
            "case 5: the data end after 4 case(s), but the header declares 5",
        ),
        (
            "sav_corrupt_record.sav",
            "at byte 176: unknown record type 42 in the dictionary",
        ),
        (
            "sav_huge_label.sav",
            "a variable label declares 2147483648 bytes, more than the 67108864 psym accepts",
        ),
        (
            "sav_encrypted.sav",
            "password-protected (encrypted) SPSS data file",
        ),
        (
            "zsav_bomb.zsav",
            "case 1: a zlib block expands to more than 16 MB",
        ),
        (
            "zsav_damaged_block.zsav",
            "case 1: a zlib block of the data is damaged",
        ),
    ];
    for (file, message) in cases {
        validate(file).expect_code(2).stderr_has(message);
    }
}
