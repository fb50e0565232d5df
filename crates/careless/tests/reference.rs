//! Reference figures: the careless R package's definitions on the bundled alliance example.
//!
//! Source: tests/data/reference/careless.json, written by careless_reference.py (numpy,
//! following careless 1.2's longstring, irv, mahad/psych::outlier, evenodd, psychsyn and
//! psychant with `resample_na = FALSE`, and Curran's person-total correlation), on
//! tests/data/alliance_en_nb.csv with `critval = .40`. Tolerance 1e-6 (closed forms; the
//! figures agree to about 1e-12, the tolerance is the one the issue names).

use psym_careless::{FirstPass, Layout, Options};
use psym_testdata::{data, reference};
use serde_json::Value;

const TOLERANCE: f64 = 1e-6;

const ITEMS: [&str; 12] = [
    "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10", "i11", "i12",
];

fn close(what: &str, row: usize, psym: Option<f64>, reference: &Value) {
    match (psym, reference.as_f64()) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() < TOLERANCE,
            "row {row} {what}: psym {a}, reference {b}"
        ),
        (None, None) => {}
        (a, b) => panic!("row {row} {what}: psym {a:?}, reference {b:?}"),
    }
}

#[test]
fn alliance_matches_the_careless_definitions() {
    let x = data("alliance_en_nb.csv", &ITEMS);
    let mut reversed = vec![false; 12];
    reversed[3] = true;
    reversed[10] = true;
    let layout = Layout {
        items: 12,
        subscales: vec![(0..4).collect(), (4..8).collect(), (8..12).collect()],
        reversed,
        range: Some((1.0, 7.0)),
    };
    let options = Options {
        synonym_cutoff: reference("careless.json", "critval").as_f64().unwrap(),
        ..Options::default()
    };
    let rows: Vec<Vec<f64>> = x.row_iter().map(|r| r.iter().copied().collect()).collect();
    let mut pass = FirstPass::new(layout, options).unwrap();
    rows.iter().for_each(|r| pass.push(r));
    let sample = pass.finish();
    let pairs = |key| -> Vec<(usize, usize)> {
        serde_json::from_value(reference("careless.json", key)).unwrap()
    };
    assert_eq!(sample.synonym_pairs(), pairs("synonym_pairs"));
    assert_eq!(sample.antonym_pairs(), pairs("antonym_pairs"));
    let expected = reference("careless.json", "rows");
    for (i, (row, want)) in rows.iter().zip(expected.as_array().unwrap()).enumerate() {
        let got = sample.indices(row, None);
        close("irv", i, got.irv, &want["irv"]);
        close("even_odd", i, got.even_odd, &want["even_odd"]);
        close("synonyms", i, got.synonyms, &want["synonyms"]);
        close("antonyms", i, got.antonyms, &want["antonyms"]);
        close("person_total", i, got.person_total, &want["person_total"]);
        // psym differs from careless by design on rows with a missing answer (a missing answer
        // is no run; D² over the answered items' submatrix): compared on complete rows
        if want["complete"].as_bool().unwrap() {
            let longest = got.longstring.map(|l| l as f64);
            close("longstring", i, longest, &want["longstring"]);
            close(
                "longstring_avg",
                i,
                got.longstring_avg,
                &want["longstring_avg"],
            );
            close(
                "mahalanobis_d2",
                i,
                got.mahalanobis_d2,
                &want["mahalanobis_d2"],
            );
            assert_eq!(got.mahalanobis_df, Some(12));
        }
    }
}
