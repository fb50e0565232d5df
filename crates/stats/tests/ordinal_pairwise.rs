//! Ordinal sample statistics under pairwise deletion against lavaan's `missing = "pairwise"`.
//!
//! Source: lavaan 0.6-14, `cfa("goal =~ i1 + i2 + i3 + i4", ordered = i1…i4,
//! estimator = "WLSMV", missing = "pairwise")`: `lavInspect(fit, "nobs")`, `"sampstat"` and
//! `"gamma"` (NACOV), on tests/data/alliance_pairwise.csv (the alliance example with 10% more
//! answers deleted at random); tests/data/reference/ordinal_pairwise.json (entry `goal4`),
//! written by ordinal_pairwise.R.

use psym_stats::MissingPolicy;
use psym_stats::ordinal::{ordinal_stats, ordinal_stats_with};
use psym_testdata::{matrix, reference, vector};

/// As the listwise reference test (crates/stats/tests/ordinal.rs): thresholds and correlations
/// 1e-6 absolute (closed-form thresholds; both ρ searches stop near 1e-8), Γ 1e-6 relative to
/// its largest element (sums of products of scores at those estimates).
const TOL_STATS: f64 = 1e-6;
const TOL_GAMMA: f64 = 1e-6;

#[test]
fn pairwise_thresholds_correlations_and_gamma_match_lavaan() {
    let x = psym_testdata::data("alliance_pairwise.csv", &["i1", "i2", "i3", "i4"]);
    let s = ordinal_stats_with(&x, MissingPolicy::Pairwise).unwrap();
    let r = reference("ordinal_pairwise.json", "goal4");
    // lavaan ignores the one row with none of the four items answered
    assert_eq!(s.n as u64, r["n"].as_u64().unwrap());
    let tau: Vec<f64> = s.thresholds.iter().flatten().copied().collect();
    let want_tau = vector(&r["thresholds"]);
    assert_eq!(tau.len(), want_tau.len());
    for (a, b) in tau.iter().zip(&want_tau) {
        assert!((a - b).abs() < TOL_STATS, "threshold {a} vs {b}");
    }
    let rho = matrix(&r["correlations"]);
    assert!(
        (&s.correlations - &rho).amax() < TOL_STATS,
        "{}",
        s.correlations
    );
    let gamma = matrix(&r["gamma"]);
    let scale = gamma.amax();
    let diff = (&s.gamma - &gamma).amax();
    assert!(
        diff < TOL_GAMMA * scale,
        "Γ differs by {diff} (scale {scale})"
    );
}

/// Without missing answers both rules give the same statistics.
#[test]
fn pairwise_equals_listwise_on_complete_rows() {
    let x = psym_testdata::data("alliance_en_nb.csv", &["i5", "i6", "i7"]);
    let rows: Vec<usize> = (0..x.nrows())
        .filter(|&i| x.row(i).iter().all(|v| !v.is_nan()))
        .collect();
    let complete = x.select_rows(&rows);
    let a = ordinal_stats(&complete).unwrap();
    let b = ordinal_stats_with(&complete, MissingPolicy::Pairwise).unwrap();
    assert_eq!(a.n, b.n);
    assert!((&a.correlations - &b.correlations).amax() < 1e-12);
    assert!((&a.gamma - &b.gamma).amax() < 1e-9 * a.gamma.amax());
}
