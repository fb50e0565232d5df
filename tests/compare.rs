//! `psym compare`: scale scores by group, Hedges' g and Welch's t-test.

use psym_testdata::reference;
use serde_json::Value;

use crate::util::{ALLIANCE, ALLIANCE_DATA, alliance_in_thirds, psym};

/// Means, SDs, t and g are closed forms of the same sums in R and psym, and the p values and
/// quantiles come from statrs and R's distribution functions: agreement is about 1e-12; 1e-6
/// is the tolerance for closed forms.
const TOLERANCE: f64 = 1e-6;

fn close(a: &Value, b: &Value, what: &str) {
    let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
    assert!((a - b).abs() <= TOLERANCE, "{what}: psym {a}, R {b}");
}

/// Every group and pair of a run against tests/data/reference/compare_groups.R (R 4.2.2:
/// `t.test(var.equal = FALSE)`, Hedges' g with the exact J and the Hedges–Olkin interval by
/// definition), entries `"<column> <scale>"`.
fn compare(data: &str, column: &str) {
    let run = psym([
        "compare",
        "--instrument",
        ALLIANCE,
        data,
        "--group",
        column,
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    assert!(v["note"].as_str().unwrap().contains("psym invariance"));
    for s in v["scales"].as_array().unwrap() {
        let key = format!("{column} {}", s["scale"].as_str().unwrap());
        let r = reference("compare_groups.json", &key);
        for (g, rg) in s["groups"]
            .as_array()
            .unwrap()
            .iter()
            .zip(r["groups"].as_array().unwrap())
        {
            assert_eq!(g["group"], rg["group"], "{key}");
            assert_eq!(g["n"], rg["n"], "{key}");
            close(&g["mean"], &rg["mean"], &key);
            close(&g["sd"], &rg["sd"], &key);
        }
        let pairs = s["pairs"].as_array().unwrap();
        assert_eq!(pairs.len(), r["pairs"].as_array().unwrap().len(), "{key}");
        for (p, rp) in pairs.iter().zip(r["pairs"].as_array().unwrap()) {
            let what = format!("{key} {}−{}", rp["a"], rp["b"]);
            assert_eq!((&p["a"], &p["b"]), (&rp["a"], &rp["b"]), "{what}");
            for f in ["difference", "hedges_g", "g_lower", "g_upper"] {
                close(&p[f], &rp[f], &format!("{what} {f}"));
            }
            for f in ["t", "df", "pvalue"] {
                close(&p["welch"][f], &rp[f], &format!("{what} {f}"));
            }
        }
    }
}

#[test]
fn two_languages_match_r() {
    compare(ALLIANCE_DATA, "lang");
}

#[test]
fn three_groups_give_every_pair_matching_r() {
    let dir = tempfile::tempdir().unwrap();
    compare(&alliance_in_thirds(dir.path()), "third");
}

#[test]
fn the_report_carries_the_invariance_note_and_bad_groups_are_refused() {
    psym([
        "compare",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--format",
        "md",
    ])
    .expect_code(0)
    .stdout_has("Hedges' g")
    .stdout_has("scalar invariance");
    psym([
        "compare",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--group",
        "id",
    ])
    .expect_code(2)
    .stderr_has("--group");
    psym([
        "compare",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--group",
        "nope",
    ])
    .expect_code(2)
    .stderr_has("nope");
}
