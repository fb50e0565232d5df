//! Reading the fixtures written by haven 2.5.1 and PSPP 1.6.2 (tests/data/sav/make_sav.R and
//! make_sav_cp1252.sps); the expected values are the data those scripts wrote.

use std::io::Cursor;

use super::*;

fn open(name: &str) -> SavReader {
    let bytes = std::fs::read(format!("../../tests/data/sav/{name}")).unwrap();
    SavReader::new(Cursor::new(bytes), None).unwrap()
}

fn cells(sav: &mut SavReader) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    while sav.next_case().unwrap() {
        let n = sav.dictionary().variables.len();
        rows.push(
            (0..n)
                .map(|v| {
                    let mut out = Vec::new();
                    sav.cell(v, &mut out);
                    String::from_utf8(out).unwrap()
                })
                .collect(),
        );
    }
    rows
}

#[test]
fn haven_files_read_alike_in_every_compression() {
    for name in ["alliance_utf8.sav", "alliance_plain.sav", "alliance.zsav"] {
        let mut sav = open(name);
        let d = sav.dictionary();
        let names: Vec<&str> = d.variables.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "id", "i1", "i2", "i3", "i4", "age", "lang", "comment", "visit"
            ],
            "{name}"
        );
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        let rows = cells(&mut sav);
        assert_eq!(rows.len(), 5, "{name}");
        // i1: 9 and 99 user-missing; i2: 95 in the range 90-99 and the discrete 9; i3: no
        // user-missing values; i4: system-missing and a fraction
        let items: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r[1..5].iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            items,
            [
                vec!["1", "2", "3", "4"],
                vec!["7", "", "4", "5"],
                vec!["", "6", "5", ""],
                vec!["4", "", "6", "2.5"],
                vec!["", "3", "9", "1"],
            ],
            "{name}"
        );
        assert_eq!(
            rows[0][7].len(),
            349,
            "{name}: the very long string, trailing blank dropped"
        );
        assert!(rows[0][7].starts_with("Lang kommentar om samarbeidet med NAV-veilederen. Lang"));
        assert_eq!(rows[3][7], "Blåbærsyltetøy og æøå");
        assert_eq!(rows[4][7], "Straße, naïve café");
        assert_eq!(rows[2][7], "");
        assert_eq!(
            rows[0][8], "2026-03-01",
            "{name}: a DATE variable as ISO 8601"
        );
        assert_eq!(rows[2][8], "");
        assert_eq!(rows[1][6], "en");
    }
}

#[test]
fn labels_and_user_missing_values_of_a_haven_file() {
    let sav = open("alliance_utf8.sav");
    let d = sav.dictionary();
    let i1 = &d.variables[d.index_of("I1").unwrap()];
    assert_eq!(
        i1.label.as_deref(),
        Some("We agree on what is important to work on.")
    );
    assert_eq!(i1.missing.values, [9.0, 99.0]);
    assert_eq!(i1.value_labels.len(), 9);
    assert_eq!(
        i1.value_labels[5],
        ValueLabel {
            value: LabelValue::Number(6.0),
            label: "Very often".into()
        }
    );
    let i2 = &d.variables[d.index_of("i2").unwrap()];
    assert_eq!(i2.missing.range, Some((90.0, 99.0)));
    assert_eq!(i2.missing.values, [9.0]);
    let lang = &d.variables[d.index_of("lang").unwrap()];
    assert_eq!(lang.width, 2);
    assert_eq!(
        lang.value_labels[0],
        ValueLabel {
            value: LabelValue::Text("nb".into()),
            label: "Norsk".into()
        }
    );
    let comment = &d.variables[d.index_of("comment").unwrap()];
    assert_eq!(
        (comment.width, comment.label.as_deref()),
        (350, Some("Free-text comment"))
    );
    assert_eq!(
        d.variables[d.index_of("visit").unwrap()].temporal(),
        Some(Temporal::Date)
    );
    assert_eq!(d.declared_cases, Some(5));
}

#[test]
fn a_windows_1252_file_from_pspp() {
    let mut sav = open("alliance_cp1252.sav");
    let d = sav.dictionary();
    assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
    let i4 = &d.variables[d.index_of("i4").unwrap()];
    assert_eq!(
        i4.label.as_deref(),
        Some("Jeg føler at veilederen setter pris på meg")
    );
    assert_eq!(i4.value_labels.last().unwrap().label, "Ønsker ikke å svare");
    assert_eq!(i4.missing.values, [8.0, 9.0]);
    let rows = cells(&mut sav);
    assert_eq!(rows[0], ["k1", "1", "2", "3", "4", "Tromsø"]);
    assert_eq!(rows[1], ["k2", "7", "", "5", "6", "Bærum"]);
    assert_eq!(rows[2], ["k3", "4", "4", "", "2", "Ålesund"]);
}

#[test]
fn values_tell_user_missing_from_system_missing() {
    let mut sav = open("alliance_utf8.sav");
    let i1 = sav.dictionary().index_of("i1").unwrap();
    let i4 = sav.dictionary().index_of("i4").unwrap();
    sav.next_case().unwrap();
    sav.next_case().unwrap();
    sav.next_case().unwrap();
    assert_eq!(sav.value(i1), Value::UserMissing("9".into()));
    assert_eq!(sav.value(i4), Value::SystemMissing);
    assert_eq!(sav.cases_read(), 3);
}

#[test]
fn dates_before_and_after_1970() {
    let day = 86_400.0;
    assert_eq!(iso_date(0.0, Temporal::Date), "1582-10-14");
    assert_eq!(
        iso_date(SPSS_TO_UNIX as f64 + 1.5 * day, Temporal::DateTime),
        "1970-01-02T12:00:00"
    );
}

/// What [`SavWriter`] writes, [`SavReader`] reads back: names made valid and unique, labels,
/// value labels, system-missing, numbers that need an operand, a string longer than 255 bytes.
#[test]
fn written_files_read_back() {
    let long = "æ".repeat(200); // 400 bytes: two segments
    let columns = vec![
        SavColumn {
            name: "id".into(),
            label: Some("Respondent id".into()),
            numeric: false,
            value_labels: vec![],
        },
        SavColumn {
            name: "goal".into(),
            label: Some("Agreement on goals".into()),
            numeric: true,
            value_labels: vec![(1.0, "low".into()), (4.5, "høy".into())],
        },
        SavColumn {
            name: "2nd score".into(),
            label: None,
            numeric: true,
            value_labels: vec![],
        },
        SavColumn {
            name: "BY".into(),
            label: None,
            numeric: false,
            value_labels: vec![],
        },
    ];
    let mut writer = SavWriter::new(Vec::new(), Cursor::new(Vec::new()), columns)
        .made_by(1_764_892_800, "psym test");
    let rows = [["r1", "", "", "kort"], ["r2", "", "", long.as_str()]];
    let numbers = [[Some(4.25), Some(-1e10)], [None, Some(3.0)]];
    for (text, num) in rows.iter().zip(numbers) {
        writer
            .row(&[
                SavCell::Text(text[0]),
                SavCell::Number(num[0]),
                SavCell::Number(num[1]),
                SavCell::Text(text[3]),
            ])
            .unwrap();
    }
    let bytes = writer.finish().unwrap();
    let mut sav = SavReader::new(Cursor::new(bytes), None).unwrap();
    let d = sav.dictionary();
    let names: Vec<&str> = d.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["id", "goal", "v2nd_score", "BY_"]);
    assert_eq!(d.variables[1].label.as_deref(), Some("Agreement on goals"));
    assert_eq!(
        d.variables[1].value_labels[1],
        ValueLabel {
            value: LabelValue::Number(4.5),
            label: "høy".into()
        }
    );
    assert_eq!(d.variables[3].width, 400);
    assert_eq!(d.declared_cases, Some(2));
    assert_eq!(d.compression, Compression::Bytecode);
    let rows = cells(&mut sav);
    assert_eq!(rows[0], ["r1", "4.25", "-10000000000", "kort"]);
    assert_eq!(rows[1], ["r2", "", "3", long.as_str()]);
}

mod damaged {
    use super::*;
    use proptest::prelude::*;

    fn fixture(k: usize) -> Vec<u8> {
        let names = [
            "alliance_utf8.sav",
            "alliance_plain.sav",
            "alliance.zsav",
            "alliance_cp1252.sav",
        ];
        std::fs::read(format!("../../tests/data/sav/{}", names[k % names.len()])).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Real files with bytes overwritten or cut anywhere: an error or cases, never a
        /// panic, and never more cases than the data could hold.
        #[test]
        fn damaged_files_never_panic(
            k in 0usize..4,
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in any::<prop::sample::Index>(),
            truncate in any::<bool>(),
        ) {
            let mut bytes = fixture(k);
            for (at, b) in edits {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            let len = bytes.len();
            if let Ok(mut sav) = SavReader::new(Cursor::new(bytes), None) {
                let n = sav.dictionary().variables.len();
                let mut cases = 0;
                while let Ok(true) = sav.next_case() {
                    let mut out = Vec::new();
                    for v in 0..n {
                        out.clear();
                        sav.cell(v, &mut out);
                        let _ = sav.value(v);
                    }
                    cases += 1;
                    prop_assert!(cases <= 8 * len + 8, "more cases than bytes");
                }
            }
        }
    }
}

#[test]
fn the_last_date_written_as_a_date_is_the_end_of_9999() {
    assert_eq!(
        iso_date(LAST_DATE, Temporal::DateTime),
        "9999-12-31T23:59:59"
    );
}
