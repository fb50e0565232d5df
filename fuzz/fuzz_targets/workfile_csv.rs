//! CSV work files: any bytes read as `psym translate import` reads them, and merged all or
//! nothing into the shipped instrument.
#![no_main]

use libfuzzer_sys::fuzz_target;
use psym_translate::workfile::WorkFormat;

fuzz_target!(|data: &[u8]| {
    psym_fuzz::read_and_merge(data, WorkFormat::Csv);
});
