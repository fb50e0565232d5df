//! SPSS system files: any bytes read with psym's own reader (dictionary, then every value of
//! every case), and as a response file of `validate`/`score` (chosen by content).
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use psym_data::sav::{SavReader, Value};
use psym_data::{ResponseReader, Row};
use psym_fuzz::alliance;
use psym_score::{ScoreOptions, Scorer};

fuzz_target!(|data: &[u8]| {
    dictionary_and_values(data);
    as_responses(data);
});

/// Every value of every case; a number is never the system-missing sentinel or user-missing.
fn dictionary_and_values(data: &[u8]) {
    let Ok(mut sav) = SavReader::new(Cursor::new(data.to_vec()), None) else {
        return;
    };
    let n = sav.dictionary().variables.len();
    while let Ok(true) = sav.next_case() {
        for v in 0..n {
            if let Value::Number(x) = sav.value(v) {
                assert!(!sav.dictionary().variables[v].missing.contains(x));
                assert!(x > -f64::MAX);
            }
        }
    }
}

/// As `psym score` reads it with the shipped instrument: one value per item in every row.
fn as_responses(data: &[u8]) {
    let inst = alliance();
    let scorer = Scorer::from_instrument(inst, &ScoreOptions::default()).unwrap();
    let options = psym_score::read_options(inst);
    let Ok(mut reader) = ResponseReader::from_bytes("fuzz.sav", data.to_vec(), scorer.items(), &options) else {
        return;
    };
    let mut row = Row::default();
    while let Ok(true) = reader.next_row(&mut row) {
        assert_eq!(row.values.len(), scorer.items().len());
    }
}
