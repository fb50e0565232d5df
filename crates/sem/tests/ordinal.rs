//! Ordinal CFA by DWLS with robust standard errors and the scaled-and-shifted test (lavaan's
//! WLSMV), one group, complete rows.
//!
//! Source: lavaan 0.6-14, `cfa(alliance model, complete rows, ordered = i1…i12,
//! estimator = "WLSMV")`: `fitMeasures()`, the shift parameter of `lavInspect(fit, "test")`
//! and `parameterEstimates()`; tests/data/reference/ordinal.json (entry `alliance3`) written
//! by ordinal.R.

mod common;

use common::rel_close;
use psym_model::{ModelOptions, from_syntax};
use psym_sem::fit_wlsmv;
use psym_testdata::reference;

const ALLIANCE: &str =
    "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";

/// Estimates and fit measures: 1e-4 relative, as every estimate test of this crate (lavaan's
/// nlminb stops near 1e-7 in the parameters; the sample statistics agree to 3e-8). Standard
/// errors: 1e-3 relative (TOL_SE of the ML tests).
const TOL: f64 = 1e-4;
const TOL_SE: f64 = 1e-3;

#[test]
fn wlsmv_matches_lavaan_on_the_alliance_model() {
    let table = from_syntax(ALLIANCE, &ModelOptions::default()).unwrap();
    let refs: Vec<&str> = table.observed.iter().map(String::as_str).collect();
    let x = psym_testdata::data("alliance_en_nb.csv", &refs);
    let fit = fit_wlsmv(&table, &x).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    let r = reference("ordinal.json", "alliance3");
    assert_eq!(fit.n as u64, r["n"].as_u64().unwrap());
    let f = &fit.fit;
    let want = &r["fit"];
    for (k, ours) in [
        ("chisq", f.chisq),
        ("df", f.df),
        ("chisq.scaled", f.scaled.statistic),
        ("df.scaled", f.scaled.df),
        ("pvalue.scaled", f.scaled.pvalue),
        ("chisq.scaling.factor", f.scaled.scaling_factor),
        ("baseline.chisq", f.baseline_chisq),
        ("baseline.df", f.baseline_df),
        ("baseline.chisq.scaled", f.baseline_scaled.statistic),
        ("cfi", f.cfi),
        ("tli", f.tli),
        ("rmsea", f.rmsea),
        ("cfi.scaled", f.cfi_scaled),
        ("tli.scaled", f.tli_scaled),
        ("rmsea.scaled", f.rmsea_scaled),
        ("srmr", f.srmr),
    ] {
        let theirs = want[k].as_f64().unwrap();
        assert!(
            rel_close(ours, theirs, TOL),
            "{k}: psym {ours} lavaan {theirs}"
        );
    }
    let shift = r["shift"].as_f64().unwrap();
    assert!(
        rel_close(f.scaled.shift.unwrap(), shift, TOL),
        "shift {:?} vs {shift}",
        f.scaled.shift
    );
    for p in r["parameters"].as_array().unwrap() {
        let s = |k: &str| p[k].as_str().unwrap();
        let ours = fit
            .parameters
            .iter()
            .find(|e| e.lhs == s("lhs") && e.op == s("op") && e.rhs == s("rhs"))
            .unwrap_or_else(|| panic!("no {} {} {}", s("lhs"), s("op"), s("rhs")));
        let (est, se) = (p["est"].as_f64().unwrap(), p["se"].as_f64().unwrap());
        assert!(
            rel_close(ours.est, est, TOL),
            "{} {} {}: est {} vs {est}",
            s("lhs"),
            s("op"),
            s("rhs"),
            ours.est
        );
        if let Some(ours_se) = ours.se.filter(|_| se > 0.0) {
            assert!(
                rel_close(ours_se, se, TOL_SE),
                "{} {} {}: se {ours_se} vs {se}",
                s("lhs"),
                s("op"),
                s("rhs")
            );
        }
    }
}
