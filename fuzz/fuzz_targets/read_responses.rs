//! Response files (text tables and workbooks, chosen by content): any bytes read as `validate` and `score` read them with an instrument, and
//! as `cor`/`reliability` read them with `--items` and no instrument.
#![no_main]

use libfuzzer_sys::fuzz_target;
use psym_data::{ItemSpec, ReadOptions, ResponseReader, Responses, Row};
use psym_fuzz::alliance;
use psym_score::{ScoreOptions, Scorer};

fuzz_target!(|data: &[u8]| {
    with_instrument(data);
    without_instrument(data);
});

/// `psym validate` and `psym score` on the shipped instrument: every row read is scored, and
/// each row has one value per item and one score per scale.
fn with_instrument(data: &[u8]) {
    let inst = alliance();
    let scorer = Scorer::from_instrument(inst, &ScoreOptions::default()).unwrap();
    let options = psym_score::read_options(inst);
    let open = || ResponseReader::from_bytes("fuzz.csv", data.to_vec(), scorer.items(), &options);
    if let Ok(reader) = open() {
        let _ = psym_data::validate(reader);
    }
    let Ok(mut reader) = open() else { return };
    let (mut row, mut scores, mut rows) = (Row::default(), Vec::new(), 0u64);
    while let Ok(true) = reader.next_row(&mut row) {
        rows += 1;
        assert_eq!(row.values.len(), scorer.items().len());
        scorer.score_into(&row.values, &mut scores);
        assert_eq!(scores.len(), scorer.scales().len());
    }
    assert_eq!(reader.rows_read(), rows);
}

/// `--items "-A1 A2 i1"` with `--scale-min 1 --scale-max 6`, and plain continuous items.
fn without_instrument(data: &[u8]) {
    let items = [
        ItemSpec::rating("A1", 1.0, 6.0),
        ItemSpec::continuous("A2"),
        ItemSpec::continuous("i1"),
    ];
    let Ok(reader) =
        ResponseReader::from_bytes("fuzz.csv", data.to_vec(), &items, &ReadOptions::default())
    else {
        return;
    };
    if let Ok(responses) = Responses::collect(reader) {
        assert_eq!(responses.matrix.nrows(), responses.ids.len());
        assert_eq!(responses.matrix.ncols(), items.len());
    }
}
