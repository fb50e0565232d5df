//! Ordinal CFA by WLSMV under pairwise deletion (lavaan's `missing = "pairwise"`).
//!
//! Source: lavaan 0.6-14 (R 4.2.2), `cfa(alliance three-factor model, alliance_pairwise.csv,
//! ordered = i1…i12, estimator = "WLSMV", missing = "pairwise")`: `lavInspect(fit, "nobs")`,
//! `fitMeasures()` and `parameterEstimates()` (loadings and variances);
//! tests/data/reference/ordinal_pairwise.json, entry `alliance3` (ordinal_pairwise.R).

mod common;

use common::ordinal::{
    ALLIANCE, TEST_MEASURES, alliance_items, check_fit, check_parameters, ordered_by_categories,
};
use psym_model::{ModelOptions, from_syntax};
use psym_sem::{Estimator, Missing, fit_ordinal_with};
use psym_stats::MissingPolicy;
use psym_testdata::reference;

/// lavaan's n, fit measures and estimates: estimates and fit measures 1e-4 relative, standard
/// errors 1e-3 (common::ordinal's TOL and TOL_SE, as crates/sem/tests/ordinal.rs: lavaan's
/// nlminb stops near 1e-7 in the parameters; the pairwise sample statistics agree with
/// lavaan's to 1e-6, crates/stats/tests/ordinal_pairwise.rs).
#[test]
fn pairwise_wlsmv_matches_lavaan_on_the_alliance_model() {
    let names = alliance_items();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let continuous = from_syntax(ALLIANCE, &ModelOptions::default()).unwrap();
    assert_eq!(continuous.observed, names);
    let x = psym_testdata::data("alliance_pairwise.csv", &refs);
    // thresholds: every answered category of an item, less one
    let options = ModelOptions {
        ordered: ordered_by_categories(&names, &x, MissingPolicy::Pairwise),
        ..ModelOptions::default()
    };
    let table = from_syntax(ALLIANCE, &options).unwrap();
    let fit = fit_ordinal_with(&table, &[x], Estimator::Wlsmv, Missing::Pairwise).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    let r = reference("ordinal_pairwise.json", "alliance3");
    assert_eq!(fit.n as u64, r["n"].as_u64().unwrap());
    let measures = [
        TEST_MEASURES.as_slice(),
        &["cfi.scaled", "tli.scaled", "rmsea.scaled", "srmr"],
    ]
    .concat();
    check_fit(&fit, &r["fit"], &measures, "");
    assert_eq!(r["parameters"].as_array().unwrap().len(), 12 + 12 + 6);
    // lavaan's se 0: a fixed parameter or a residual variance of the delta parameterisation
    // (derived, no standard error)
    check_parameters(&fit, &r["parameters"]);
}
