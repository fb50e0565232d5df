//! Ordinal sample statistics for least-squares estimation against lavaan's two-step estimator.
//!
//! Source: lavaan 0.6-14 (`cfa(..., ordered =, estimator = "WLSMV")`, `lavInspect(fit,
//! "sampstat")` and `lavInspect(fit, "gamma")`) on items i1–i4 of the alliance example,
//! listwise; tests/data/reference/ordinal.json written by ordinal.R.

use psym_stats::ordinal::ordinal_stats;
use psym_testdata::{matrix, reference};

/// Thresholds and correlations: 1e-6 absolute (closed-form thresholds; lavaan's ρ search and
/// psym's stop near 1e-8: the correlations agree to 3e-8). Γ: 1e-6 relative to its largest
/// element (its elements are sums of products of scores at those estimates and inherit their
/// error: they agree to 1.1e-9).
const TOL_STATS: f64 = 1e-6;
const TOL_GAMMA: f64 = 1e-6;

#[test]
fn thresholds_correlations_and_gamma_match_lavaan() {
    let x = psym_testdata::data("alliance_en_nb.csv", &["i1", "i2", "i3", "i4"]);
    let s = ordinal_stats(&x).unwrap();
    let r = reference("ordinal.json", "goal4");
    assert_eq!(s.n as u64, r["n"].as_u64().unwrap());
    let tau: Vec<f64> = s.thresholds.iter().flatten().copied().collect();
    let want_tau: Vec<f64> = r["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
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
    let worst = (&s.gamma - &gamma).amax() / scale;
    assert!(
        worst < TOL_GAMMA,
        "Γ differs by {worst} of its largest element"
    );
}
