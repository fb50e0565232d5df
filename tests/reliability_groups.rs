//! `psym reliability --group`: alpha per group and tests of equal alpha across groups.

use psym_testdata::reference;
use serde_json::Value;

use crate::util::{ALLIANCE, ALLIANCE_DATA, alliance_in_thirds, psym};

/// Alphas come from psych and psym summing the same covariances; the tests are closed forms
/// of them with statrs' and R's F and χ² tails: agreement is about 1e-12, 1e-6 is the issue's
/// tolerance for closed forms.
const TOLERANCE: f64 = 1e-6;

fn close(a: &Value, b: &Value, what: &str) {
    let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
    assert!((a - b).abs() <= TOLERANCE, "{what}: psym {a}, R {b}");
}

/// The comparisons of a `--group` run against tests/data/reference/alpha_groups.R (R 4.2.2,
/// psych 2.2.9 alphas; Feldt and Hakstian–Whalen tests by their published definitions),
/// entries `"<column> <scale>"`.
fn compare(data: &str, column: &str, test: &str) {
    let run = psym([
        "reliability",
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
    for c in v["comparisons"].as_array().unwrap() {
        let key = format!("{column} {}", c["scale"].as_str().unwrap());
        let r = reference("alpha_groups.json", &key);
        assert_eq!(c["groups"], r["groups"], "{key}");
        for (k, a) in c["alphas"].as_array().unwrap().iter().enumerate() {
            close(&a["alpha"], &r["alpha"][k], &key);
            assert_eq!(a["n"], r["n"][k], "{key}");
        }
        for field in ["statistic", "pvalue"] {
            close(
                &c[test][field],
                &r["test"][field],
                &format!("{key} {field}"),
            );
        }
        let dfs: &[&str] = if test == "feldt" {
            &["df1", "df2"]
        } else {
            &["df"]
        };
        for df in dfs {
            close(&c[test][df], &r["test"][df], &format!("{key} {df}"));
        }
    }
}

#[test]
fn two_languages_are_compared_with_feldts_test() {
    compare(ALLIANCE_DATA, "lang", "feldt");
}

#[test]
fn three_groups_are_compared_with_hakstian_whalens_test() {
    let dir = tempfile::tempdir().unwrap();
    compare(&alliance_in_thirds(dir.path()), "third", "hakstian_whalen");
}

#[test]
fn the_text_report_shows_each_group_and_the_comparison() {
    psym([
        "reliability",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--group",
        "lang",
    ])
    .expect_code(0)
    .stdout_has("Group lang = nb")
    .stdout_has("Alpha compared across groups")
    .stdout_has("Feldt F");
    psym([
        "reliability",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--group",
        "i1_missing",
    ])
    .expect_code(2)
    .stderr_has("i1_missing");
}
