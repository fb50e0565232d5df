//! Excel 97–2003 workbooks: any bytes that start like an OLE2 compound file, read with psym's
//! own `.xls` reader (every sheet, and the first sheet as a response file of `psym score`).
//! The reader contains no dependency's panics, so any panic is a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use psym_data::workbook::{Limits, SheetChoice, read_sheets};
use psym_data::{ResponseReader, Row};
use psym_fuzz::alliance;
use psym_score::{ScoreOptions, Scorer};

/// The OLE2 signature; other inputs would reach the zip readers, fuzzed by other targets.
const OLE2: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// Small limits, so that a sheet too big is reported here as it is for users, but sooner.
const LIMITS: Limits = Limits {
    max_cells: 50_000,
    max_text: 1 << 20,
    ..Limits::RESPONSES
};

fuzz_target!(|data: &[u8]| {
    if !data.starts_with(&OLE2) {
        return;
    }
    every_sheet(data);
    as_responses(data);
});

/// Every worksheet: rows in order, cells left to right, within the limits.
fn every_sheet(data: &[u8]) {
    let Ok(sheets) = read_sheets(data, &SheetChoice::All, &LIMITS) else {
        return;
    };
    let cells: usize = sheets.iter().flat_map(|s| s.rows()).map(|r| r.cells().count()).sum();
    assert!(cells <= LIMITS.max_cells);
    for sheet in &sheets {
        let numbers: Vec<u32> = sheet.rows().map(|r| r.number).collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "rows in order");
        for row in sheet.rows() {
            let columns: Vec<u32> = row.cells().map(|(c, _)| c).collect();
            assert!(columns.windows(2).all(|w| w[0] < w[1]), "cells in order");
            assert!(row.cells().all(|(_, text)| !text.is_empty()));
        }
    }
}

/// As `psym score` reads it with the shipped instrument: one value per item in every row.
fn as_responses(data: &[u8]) {
    let inst = alliance();
    let scorer = Scorer::from_instrument(inst, &ScoreOptions::default()).unwrap();
    let options = psym_score::read_options(inst);
    let Ok(mut reader) = ResponseReader::from_bytes("fuzz.xls", data.to_vec(), scorer.items(), &options)
    else {
        return;
    };
    let mut row = Row::default();
    while let Ok(true) = reader.next_row(&mut row) {
        assert_eq!(row.values.len(), scorer.items().len());
    }
}
