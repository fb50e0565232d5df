//! Ordinal CFA by WLSMV under pairwise deletion (lavaan's `missing = "pairwise"`).
//!
//! Source: lavaan 0.6-14 (R 4.2.2), `cfa(alliance three-factor model, alliance_pairwise.csv,
//! ordered = i1…i12, estimator = "WLSMV", missing = "pairwise")`: `lavInspect(fit, "nobs")`,
//! `fitMeasures()` and `parameterEstimates()` (loadings and variances);
//! tests/data/reference/ordinal_pairwise.json, entry `alliance3` (ordinal_pairwise.R).

mod common;

use common::rel_close;
use psym_model::{ModelOptions, from_syntax};
use psym_sem::{Estimator, Missing, fit_ordinal_with};
use psym_stats::MissingPolicy;
use psym_stats::categories::observed_categories;
use psym_testdata::reference;

const ALLIANCE: &str =
    "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";

/// Estimates and fit measures 1e-4 relative, standard errors 1e-3 (as crates/sem/tests/
/// ordinal.rs: lavaan's nlminb stops near 1e-7 in the parameters; the pairwise sample
/// statistics agree with lavaan's to 1e-6, crates/stats/tests/ordinal_pairwise.rs).
const TOL: f64 = 1e-4;
const TOL_SE: f64 = 1e-3;

#[test]
fn pairwise_wlsmv_matches_lavaan_on_the_alliance_model() {
    let names: Vec<String> = (1..=12).map(|i| format!("i{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let continuous = from_syntax(ALLIANCE, &ModelOptions::default()).unwrap();
    assert_eq!(continuous.observed, names);
    let x = psym_testdata::data("alliance_pairwise.csv", &refs);
    // thresholds: every answered category of an item, less one
    let ordered = (names.iter().cloned())
        .zip(
            observed_categories(&x, MissingPolicy::Pairwise)
                .iter()
                .map(|k| k - 1),
        )
        .collect();
    let options = ModelOptions {
        ordered,
        ..ModelOptions::default()
    };
    let table = from_syntax(ALLIANCE, &options).unwrap();
    let fit = fit_ordinal_with(&table, &[x], Estimator::Wlsmv, Missing::Pairwise).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    let r = reference("ordinal_pairwise.json", "alliance3");
    assert_eq!(fit.n as u64, r["n"].as_u64().unwrap());
    let f = &fit.fit;
    let s = f.scaled.as_ref().unwrap();
    let pairs = [
        ("chisq", f.chisq),
        ("df", f.df),
        ("chisq.scaled", s.statistic),
        ("df.scaled", s.df),
        ("pvalue.scaled", s.pvalue),
        ("cfi.scaled", f.cfi_scaled.unwrap()),
        ("tli.scaled", f.tli_scaled.unwrap()),
        ("rmsea.scaled", f.rmsea_scaled.unwrap()),
        ("srmr", f.srmr),
    ];
    for (k, ours) in pairs {
        let theirs = r["fit"][k].as_f64().unwrap();
        assert!(
            rel_close(ours, theirs, TOL),
            "{k}: psym {ours} lavaan {theirs}"
        );
    }
    let rows = r["parameters"].as_array().unwrap();
    assert_eq!(rows.len(), 12 + 12 + 6);
    for p in rows {
        let s = |k: &str| p[k].as_str().unwrap();
        let what = format!("{} {} {}", s("lhs"), s("op"), s("rhs"));
        let ours = (fit.parameters.iter())
            .find(|e| e.lhs == s("lhs") && e.op == s("op") && e.rhs == s("rhs"))
            .unwrap_or_else(|| panic!("no {what}"));
        let (est, se) = (p["est"].as_f64().unwrap(), p["se"].as_f64().unwrap());
        assert!(
            rel_close(ours.est, est, TOL),
            "{what}: est {} vs {est}",
            ours.est
        );
        // lavaan's se 0: a fixed parameter or a residual variance of the delta
        // parameterisation (derived, no standard error)
        if se > 0.0 {
            let ours_se = ours.se.unwrap();
            assert!(
                rel_close(ours_se, se, TOL_SE),
                "{what}: se {ours_se} vs {se}"
            );
        }
    }
}
