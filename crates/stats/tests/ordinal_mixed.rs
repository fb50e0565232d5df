//! Sample statistics of mixed ordinal and continuous variables against lavaan's two-step
//! estimator (`muthen1984`) and polycor's polyserial correlation.
//!
//! Source: lavaan 0.6-14 (R 4.2.2), `cfa(..., ordered = <some of the variables>, estimator =
//! "WLSMV")` on the complete rows of tests/data/alliance_mixed.csv: `lavInspect(fit,
//! "wls.obs")`, `lavInspect(fit, "sampstat")` and `lavInspect(fit, "gamma")`; polycor 0.8-1
//! `polyserial(slider, item, ML = TRUE)`; tests/data/reference/ordinal_mixed.json written by
//! ordinal_mixed.R.

use nalgebra::DVector;
use psym_stats::mixed::mixed_stats;
use psym_testdata::{matrix, reference};

/// Statistics: 1e-6 relative to their size (or absolute below 1): thresholds, means and
/// variances are closed forms; lavaan's nlminb and psym's Brent search stop the correlations
/// near 1e-8. Γ: 1e-6 relative to its largest element (sums of products of scores at those
/// estimates, as crates/stats/tests/ordinal.rs).
const TOL_STATS: f64 = 1e-6;
const TOL_GAMMA: f64 = 1e-6;

fn vector(v: &serde_json::Value) -> DVector<f64> {
    let v: Vec<f64> = (v.as_array().unwrap().iter())
        .map(|x| x.as_f64().unwrap())
        .collect();
    DVector::from_vec(v)
}

/// Checks `mixed_stats` of `vars` (ordinal when named in the entry's `ordered`) against the
/// reference entry.
fn check(entry: &str, vars: &[&str]) {
    let r = reference("ordinal_mixed.json", entry);
    let ordered: Vec<&str> = (r["ordered"].as_array().unwrap().iter())
        .map(|v| v.as_str().unwrap())
        .collect();
    let flags: Vec<bool> = vars.iter().map(|v| ordered.contains(v)).collect();
    let x = psym_testdata::data("alliance_mixed.csv", vars);
    let s = mixed_stats(&x, &flags).unwrap();
    assert_eq!(s.n as u64, r["n"].as_u64().unwrap());
    let want = vector(&r["wls_obs"]);
    assert_eq!(s.statistics.len(), want.len());
    for (k, (a, b)) in s.statistics.iter().zip(want.iter()).enumerate() {
        assert!(
            (a - b).abs() < TOL_STATS * b.abs().max(1.0),
            "{entry}: statistic {k}: {a} vs {b}"
        );
    }
    let cov = matrix(&r["cov"]);
    let worst = (&s.covariances - &cov).amax() / cov.amax();
    assert!(worst < TOL_STATS, "{entry}: covariances differ by {worst}");
    let gamma = matrix(&r["gamma"]);
    let worst = (&s.gamma - &gamma).amax() / gamma.amax();
    assert!(
        worst < TOL_GAMMA,
        "{entry}: Γ differs by {worst} of its largest element"
    );
}

#[test]
fn alliance_with_three_continuous_items_matches_lavaan() {
    let vars: Vec<String> = (1..=12).map(|i| format!("i{i}")).collect();
    let vars: Vec<&str> = vars.iter().map(String::as_str).collect();
    check("alliance3", &vars);
}

#[test]
fn goal_items_with_a_continuous_slider_match_lavaan() {
    check("goal_slider", &["i1", "i2", "i3", "i4", "slider"]);
}

/// polycor's `polyserial(ML = TRUE)` estimates thresholds, mean, variance and ρ jointly;
/// the two-step estimate fixes the first three at their univariate estimates, so the two
/// differ by a small amount of the order of the sampling error of those (here at most 1.3e-3):
/// 0.005 absolute checks that psym's polyserial ρ is the same quantity, not the same number.
#[test]
fn polyserial_is_close_to_polycors_joint_ml() {
    let x = psym_testdata::data("alliance_mixed.csv", &["i1", "i2", "i3", "i4", "slider"]);
    let s = mixed_stats(&x, &[true, true, true, true, false]).unwrap();
    let ml = vector(&reference("ordinal_mixed.json", "polycor")["ml"]);
    for (j, want) in ml.iter().enumerate() {
        let got = s.correlations[(j, 4)];
        assert!(
            (got - want).abs() < 0.005,
            "i{}: {got} vs polycor {want}",
            j + 1
        );
    }
}
