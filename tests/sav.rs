//! SPSS system files as response files (issue 16): `.sav` and `.zsav` written by haven and
//! PSPP (tests/data/sav, made by make_sav.R and make_sav_cp1252.sps), read by every command
//! that reads responses, chosen by content; user-missing values are missing; problems name
//! the case number.

use crate::util::psym;

const ITEMS4: &str = "tests/data/sav/items4.json";

fn sav(name: &str) -> String {
    format!("tests/data/sav/{name}")
}

/// The three compressions give the same scores; i1's user-missing 9 and 99, i2's 95 (in the
/// missing range 90–99) and its discrete 9 are missing, i3's undeclared 9 is out of range, the
/// system-missing i4 is missing; problems are at the case number.
#[test]
fn issue_16_sav_and_zsav_read_like_csv() {
    for name in ["alliance_utf8.sav", "alliance_plain.sav", "alliance.zsav"] {
        let run = psym([
            "validate",
            "--instrument",
            ITEMS4,
            "--format",
            "json",
            &sav(name),
        ]);
        run.expect_code(1);
        let json = run.json();
        assert_eq!(json["rows"], 5, "{name}");
        assert_eq!(json["source"]["spss"], true, "{name}");
        assert_eq!(json["source"]["encoding"], "UTF-8", "{name}");
        let problems = json["problems"].as_array().unwrap();
        let found: Vec<(u64, &str, &str)> = problems
            .iter()
            .map(|p| {
                (
                    p["line"].as_u64().unwrap(),
                    p["column"].as_str().unwrap(),
                    p["kind"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [(4, "i4", "not_integer"), (5, "i3", "out_of_range")],
            "{name}"
        );
        assert_eq!(problems[1]["id"], "r05");
        let run = psym([
            "score",
            "--instrument",
            ITEMS4,
            "--keep",
            "lang,visit",
            &sav(name),
        ]);
        run.expect_code(1);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines[0], "id,lang,visit,total,problems");
        // r02: i1 = 7, i2 = 95 (missing range), i3 = 4, i4 = 5: mean of 7, 4, 5
        assert_eq!(lines[2], "r02,en,2026-03-02,5.333333333333333,", "{name}");
        // r03: i1 = 9 (user-missing), i2 = 6, i3 = 5, i4 system-missing
        assert_eq!(lines[3], "r03,nb,,5.5,", "{name}");
    }
}

/// A Windows-1252 file from PSPP: labels and strings decoded, user-missing 8 and 9 missing.
#[test]
fn issue_16_windows_1252_sav() {
    let run = psym([
        "score",
        "--instrument",
        ITEMS4,
        "--keep",
        "kommune",
        &sav("alliance_cp1252.sav"),
    ]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "id,kommune,total,problems\nk1,Tromsø,2.5,\nk2,Bærum,6,\nk3,Ålesund,3.3333333333333335,\n"
    );
    let run = psym([
        "validate",
        "--instrument",
        ITEMS4,
        &sav("alliance_cp1252.sav"),
    ]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("SPSS data file in windows-1252"),
        "{}",
        run.stdout
    );
}

/// Analyses read `.sav` files too (here the item statistics of reliability).
#[test]
fn issue_16_reliability_reads_a_zsav() {
    let run = psym([
        "reliability",
        "--items",
        "i1 i3 i4",
        "--format",
        "json",
        &sav("alliance.zsav"),
    ]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert_eq!(run.json()["scales"][0]["n"], 5, "{}", run.stdout);
}

/// `psym score --out scores.sav` (and `--format sav`): the id and kept columns as strings,
/// one numeric variable per scale labelled with the scale's name and scoring, no score as
/// system-missing; read back with psym's reader. (tests/data/sav/roundtrip.R checks the
/// same with haven.)
#[test]
fn issue_16_score_writes_sav() {
    use psym_data::sav::{SavReader, Value};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.sav");
    let out_name = out.to_str().unwrap();
    let args = [
        "score",
        "--instrument",
        ITEMS4,
        "--keep",
        "comment",
        &sav("alliance.zsav"),
    ];
    psym(args.iter().copied().chain(["--out", out_name])).expect_code(1);
    let plain = dir.path().join("scores");
    let by_format = ["--format", "sav", "--out", plain.to_str().unwrap()];
    psym(args.iter().copied().chain(by_format)).expect_code(1);
    assert!(std::fs::read(&plain).unwrap().starts_with(b"$FL2"));
    let bytes = std::fs::read(&out).unwrap();
    let mut reader = SavReader::new(std::io::Cursor::new(bytes), None).unwrap();
    let d = reader.dictionary();
    let names: Vec<&str> = d.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["id", "comment", "total", "problems"]);
    assert_eq!(
        d.variables[2].label.as_deref(),
        Some("total (mean of 4 items)")
    );
    assert_eq!(d.variables[1].width, 349);
    let mut totals = Vec::new();
    while reader.next_case().unwrap() {
        totals.push(match reader.value(2) {
            Value::Number(x) => Some(x),
            _ => None,
        });
    }
    assert_eq!(totals, [2.5, 16.0 / 3.0, 5.5, 5.0, 2.0].map(Some));
}

/// The readable problem table of an SPSS file heads its position column `case`.
#[test]
fn issue_16_sav_problems_are_listed_by_case() {
    psym(["validate", "--instrument", ITEMS4, &sav("alliance.zsav")])
        .expect_code(1)
        .stdout_has(" case  id ");
}

/// A problem of the variables (an item without a variable) is at line 0, not at case 1.
#[test]
fn issue_16_sav_header_problems_are_not_case_1() {
    let run = psym([
        "validate",
        "--instrument",
        crate::util::ALLIANCE,
        "--format",
        "json",
        &sav("alliance.zsav"),
    ]);
    run.expect_code(1);
    let json = run.json();
    let first = &json["problems"][0];
    assert_eq!(
        (first["line"].as_u64(), first["kind"].as_str()),
        (Some(0), Some("missing_column"))
    );
}

/// Score bands go into the .sav as numeric codes 1 … with the band names as value labels
/// (what SPSS and haven show), beside the text the CSV writes; read back with psym's reader.
/// (tests/data/sav/roundtrip.R checks the same with haven.)
#[test]
fn issue_15_16_score_bands_are_value_labels_in_sav() {
    use psym_data::sav::{LabelValue, SavReader, Value, ValueLabel};
    let instrument = "docs/examples/alliance-bands.json";
    let data = "docs/examples/alliance_en_nb.csv";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bands.sav");
    let csv = psym(["score", "--instrument", instrument, data])
        .expect_code(0)
        .stdout
        .clone();
    psym([
        "score",
        "--instrument",
        instrument,
        data,
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let mut reader = SavReader::new(std::fs::File::open(&out).unwrap(), None).unwrap();
    let d = reader.dictionary();
    let band = d.index_of("goal_band").unwrap();
    let var = &d.variables[band];
    assert_eq!(var.label.as_deref(), Some("Agreement on goals: band"));
    let names: Vec<(LabelValue, &str)> = var
        .value_labels
        .iter()
        .map(|ValueLabel { value, label }| (value.clone(), label.as_str()))
        .collect();
    let want = ["very weak", "weak", "moderate", "strong", "very strong"];
    assert_eq!(names.len(), want.len());
    for (k, (value, label)) in names.iter().enumerate() {
        assert_eq!(*value, LabelValue::Number(k as f64 + 1.0));
        assert_eq!(*label, want[k]);
    }
    // each case's code names the band the CSV writes for the same row
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = header.iter().position(|h| *h == "goal_band").unwrap();
    for line in csv.lines().skip(1) {
        assert!(reader.next_case().unwrap());
        let text = line.split(',').nth(column).unwrap();
        match reader.value(band) {
            Value::Number(code) => assert_eq!(want[code as usize - 1], text),
            _ => assert_eq!(text, "", "a blank band is system-missing"),
        }
    }
    assert!(!reader.next_case().unwrap(), "rows in = rows out");
}
