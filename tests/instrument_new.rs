//! `psym instrument new --from` (issue 16): a skeleton instrument from an SPSS file (haven and
//! PSPP fixtures), an XLSForm and a REDCap data dictionary (both exported by `psym translate
//! export` from the shipped instrument), which psym then loads and uses as usual.

use serde_json::Value;

use crate::util::{ALLIANCE, psym};

/// Runs `psym instrument new` with `args`, expecting exit 0, and returns the skeleton and the
/// messages on standard error.
fn skeleton(args: &[&str]) -> (Value, String) {
    let run = psym(["instrument", "new"].iter().chain(args));
    run.expect_code(0);
    (serde_json::from_str(&run.stdout).unwrap(), run.stderr)
}

fn texts(inst: &Value, lang: &str) -> Vec<String> {
    inst["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"][lang].as_str().unwrap_or("").to_owned())
        .collect()
}

/// haven's file: variable labels as item texts, value labels as the anchors (9 and 99 are
/// user-missing, so not anchors), the discrete user-missing 9 and 99 and the range 90–99 as
/// missing codes, only the labelled numeric variables as items (not age, not the date).
#[test]
fn issue_16_instrument_from_a_sav_file() {
    let (inst, stderr) = skeleton(&["--from", "tests/data/sav/alliance.zsav", "--id", "wai-sav"]);
    assert_eq!(inst["id"], "wai-sav");
    let ids: Vec<&str> = inst["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["i1", "i2", "i3", "i4"]);
    assert_eq!(
        texts(&inst, "en")[1],
        "My caseworker and I trust one another."
    );
    let scale = &inst["response_scale"];
    assert_eq!(
        (scale["min"].as_f64(), scale["max"].as_f64()),
        (Some(1.0), Some(7.0))
    );
    assert_eq!(scale["labels"]["en"][5], "Very often");
    let missing: Vec<f64> = inst["missing_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert_eq!(
        missing,
        [
            9.0, 90.0, 91.0, 92.0, 93.0, 94.0, 95.0, 96.0, 97.0, 98.0, 99.0
        ]
    );
    assert!(
        inst["notes"]
            .as_str()
            .unwrap()
            .contains("TODO: mark reverse-keyed items")
    );
    assert!(stderr.contains("3 thing(s) left to do"), "{stderr}");
}

/// PSPP's Windows-1252 file, with the texts in Norwegian; the skeleton written with --out
/// scores the same file.
#[test]
fn issue_16_instrument_from_a_windows_1252_sav_scores_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kommune.json");
    let out = out.to_str().unwrap();
    psym([
        "instrument",
        "new",
        "--from",
        "tests/data/sav/alliance_cp1252.sav",
        "--lang",
        "nb",
        "--out",
        out,
    ])
    .expect_code(0);
    let inst: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(inst["id"], "alliance_cp1252");
    assert_eq!(
        texts(&inst, "nb")[3],
        "Jeg føler at veilederen setter pris på meg"
    );
    assert_eq!(inst["response_scale"]["labels"]["nb"][3], "Av og til");
    let run = psym([
        "score",
        "--instrument",
        out,
        "tests/data/sav/alliance_cp1252.sav",
    ]);
    run.expect_code(0);
    assert_eq!(run.stdout, "id,total,problems\nk1,2.5,\nk2,,\nk3,,\n");
}

/// The XLSForm and REDCap dictionary of the shipped instrument give back its items, texts and
/// anchors in the language read.
#[test]
fn issue_16_instrument_from_an_xlsform_and_a_redcap_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(ALLIANCE).unwrap()).unwrap();
    for (format, file) in [("xlsform", "form.xlsx"), ("redcap", "dictionary.csv")] {
        let path = dir.path().join(file);
        let path = path.to_str().unwrap();
        psym([
            "translate",
            "export",
            ALLIANCE,
            "--lang",
            "nb",
            "--format",
            format,
            "--include-drafts",
            "--out",
            path,
        ])
        .expect_code(0);
        let (inst, _) = skeleton(&["--from", path, "--lang", "nb", "--id", "copy"]);
        assert_eq!(texts(&inst, "nb"), texts(&original, "nb"), "{format}");
        assert_eq!(
            inst["response_scale"]["labels"]["nb"], original["response_scale"]["labels"]["nb"],
            "{format}"
        );
    }
}

/// A source without items, and a bad id, cannot run.
#[test]
fn issue_16_instrument_new_refuses_what_it_cannot_use() {
    psym([
        "instrument",
        "new",
        "--from",
        "tests/data/bfi_dictionary.csv",
    ])
    .expect_code(2)
    .stderr_has("not a REDCap data dictionary");
    psym([
        "instrument",
        "new",
        "--from",
        "tests/data/sav/alliance.zsav",
        "--id",
        "1x",
    ])
    .expect_code(2)
    .stderr_has("--id 1x");
    psym([
        "instrument",
        "new",
        "--from",
        "tests/data/bad/sav_truncated_dictionary.sav",
    ])
    .expect_code(2)
    .stderr_has("truncated");
}
