//! XLSForm workbooks: a workbook (raw, or built from fuzzed XML parts, see
//! `psym_fuzz::workbook`) read as `psym translate import` reads it, and merged all or nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use psym_translate::workfile::WorkFormat;

fuzz_target!(|data: &[u8]| {
    psym_fuzz::allow_contained_panics();
    let book = psym_fuzz::workbook(data, &["survey", "choices", "settings"]);
    psym_fuzz::read_and_merge(&book, WorkFormat::Xlsform);
});
