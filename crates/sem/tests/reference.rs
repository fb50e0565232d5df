//! Reference tests against lavaan 0.6-14 (tests/data/reference/lavaan_psych_reference.json,
//! written by tests/data/reference/reference.R).

mod common;

use common::{compare_with, read_all};
use psym_model::ModelOptions;
use psym_sem::{CfaFit, Dataset, FitOptions, Missing, fit_syntax};
use psym_testdata::reference;

const HS: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";
const ALLIANCE: &str = "goal =~ i1 + i2 + i3 + i4
         task =~ i5 + i6 + i7 + i8
         bond =~ i9 + i10 + i11 + i12";

fn run(file: &str, model: &str, std_lv: bool, missing: Missing) -> CfaFit {
    let (names, x) = read_all(file);
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let opts = ModelOptions {
        std_lv,
        ..Default::default()
    };
    let fo = FitOptions {
        missing,
        ..Default::default()
    };
    fit_syntax(model, &opts, &data, &fo).unwrap()
}

fn compare(fit: &CfaFit, key: &str) {
    compare_with(
        fit,
        &reference("lavaan_psych_reference.json", key),
        key,
        &[],
    );
}

/// Source: lavaan 0.6-14, `cfa(HS model, HolzingerSwineford1939)` (fixture `hs_cfa3`).
#[test]
fn hs_cfa3() {
    compare(
        &run("HolzingerSwineford1939.csv", HS, false, Missing::Listwise),
        "hs_cfa3",
    );
}

/// Source: lavaan 0.6-14, `cfa(HS model, HolzingerSwineford1939, std.lv = TRUE)`.
#[test]
fn hs_cfa3_stdlv() {
    compare(
        &run("HolzingerSwineford1939.csv", HS, true, Missing::Listwise),
        "hs_cfa3_stdlv",
    );
}

/// Source: lavaan 0.6-14, `cfa(mal, alliance_en_nb)` with listwise deletion.
#[test]
fn alliance_ml_listwise() {
    compare(
        &run("alliance_en_nb.csv", ALLIANCE, false, Missing::Listwise),
        "alliance_ml_listwise",
    );
}

/// Source: lavaan 0.6-14, `cfa(mal, alliance_en_nb, missing = "ml")`.
#[test]
fn alliance_ml_fiml() {
    compare(
        &run("alliance_en_nb.csv", ALLIANCE, false, Missing::Fiml),
        "alliance_ml_fiml",
    );
}
