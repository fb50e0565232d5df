//! WLSMV with ordered and continuous variables together (lavaan's `ordered =` naming some of
//! the observed variables, the others numeric).
//!
//! Source: lavaan 0.6-14 (R 4.2.2), on the complete rows of tests/data/alliance_mixed.csv:
//! `cfa(three-factor alliance model, ordered = all items but i4, i8, i12, estimator =
//! "WLSMV")` (entry `alliance3`) and `cfa("goal =~ i1 + i2 + i3 + i4 + slider", ordered =
//! i1..i4, estimator = "WLSMV")` (entry `goal_slider`): `fitMeasures()` and
//! `parameterEstimates()`; tests/data/reference/ordinal_mixed.json (ordinal_mixed.R).

mod common;

use common::rel_close;
use psym_model::{ModelOptions, from_syntax};
use psym_sem::{Estimator, Missing, SemError, fit_ordinal_with};
use psym_stats::MissingPolicy;
use psym_stats::categories::observed_categories;
use psym_testdata::reference;

/// Estimates and fit measures 1e-4 relative, standard errors 1e-3 (as the all-ordered tests in
/// crates/sem/tests/ordinal.rs: lavaan's nlminb stops near 1e-7 in the parameters; the mixed
/// sample statistics agree with lavaan's to 1e-6, crates/stats/tests/ordinal_mixed.rs).
const TOL: f64 = 1e-4;
const TOL_SE: f64 = 1e-3;

/// Fits `model` on `vars` of alliance_mixed.csv (complete rows) with the entry's `ordered`
/// variables ordered, and compares fit measures and every estimate with lavaan's.
fn check(entry: &str, model: &str, vars: &[&str]) {
    let r = reference("ordinal_mixed.json", entry);
    let ordered: Vec<&str> = (r["ordered"].as_array().unwrap().iter())
        .map(|v| v.as_str().unwrap())
        .collect();
    let x = psym_testdata::data("alliance_mixed.csv", vars);
    let cats = observed_categories(&x, MissingPolicy::Listwise);
    let options = ModelOptions {
        ordered: (vars.iter().zip(&cats))
            .filter(|(v, _)| ordered.contains(v))
            .map(|(v, k)| (v.to_string(), k - 1))
            .collect(),
        ..ModelOptions::default()
    };
    let table = from_syntax(model, &options).unwrap();
    assert_eq!(table.observed, vars);
    let fit = fit_ordinal_with(&table, &[x], Estimator::Wlsmv, Missing::Listwise).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    assert_eq!(fit.n as u64, r["n"].as_u64().unwrap());
    let f = &fit.fit;
    let s = f.scaled.as_ref().unwrap();
    let measures = [
        ("chisq", f.chisq),
        ("df", f.df),
        ("chisq.scaled", s.statistic),
        ("df.scaled", s.df),
        ("pvalue.scaled", s.pvalue),
        ("cfi", f.cfi),
        ("tli", f.tli),
        ("rmsea", f.rmsea),
        ("cfi.scaled", f.cfi_scaled.unwrap()),
        ("tli.scaled", f.tli_scaled.unwrap()),
        ("rmsea.scaled", f.rmsea_scaled.unwrap()),
        ("baseline.chisq", f.baseline_chisq),
        ("srmr", f.srmr),
    ];
    for (k, ours) in measures {
        let theirs = r["fit"][k].as_f64().unwrap();
        assert!(
            rel_close(ours, theirs, TOL),
            "{entry} {k}: psym {ours} lavaan {theirs}"
        );
    }
    let rows = r["parameters"].as_array().unwrap();
    for p in rows {
        let s = |k: &str| p[k].as_str().unwrap();
        let what = format!("{entry}: {} {} {}", s("lhs"), s("op"), s("rhs"));
        let ours = (fit.parameters.iter())
            .find(|e| e.lhs == s("lhs") && e.op == s("op") && e.rhs == s("rhs"))
            .unwrap_or_else(|| panic!("no {what}"));
        let (est, se) = (p["est"].as_f64().unwrap(), p["se"].as_f64().unwrap());
        assert!(
            rel_close(ours.est, est, TOL),
            "{what}: est {} vs {est}",
            ours.est
        );
        // lavaan's se 0: a fixed parameter or a residual variance of an ordered item (derived
        // in the delta parameterisation, no standard error)
        if se > 0.0 {
            let ours_se = ours.se.unwrap();
            assert!(
                rel_close(ours_se, se, TOL_SE),
                "{what}: se {ours_se} vs {se}"
            );
        }
    }
    assert_eq!(fit.parameters.len(), rows.len(), "{entry}: parameter rows");
}

#[test]
fn alliance_with_three_continuous_items_matches_lavaan() {
    let vars: Vec<String> = (1..=12).map(|i| format!("i{i}")).collect();
    let vars: Vec<&str> = vars.iter().map(String::as_str).collect();
    check(
        "alliance3",
        "goal =~ i1 + i2 + i3 + i4\ntask =~ i5 + i6 + i7 + i8\nbond =~ i9 + i10 + i11 + i12",
        &vars,
    );
}

#[test]
fn goal_scale_with_a_continuous_slider_matches_lavaan() {
    check(
        "goal_slider",
        "goal =~ i1 + i2 + i3 + i4 + slider",
        &["i1", "i2", "i3", "i4", "slider"],
    );
}

/// Pairwise deletion with continuous variables is refused with a message, not fitted.
#[test]
fn pairwise_deletion_with_continuous_variables_is_refused() {
    let vars = ["i1", "i2", "i3", "slider"];
    let x = psym_testdata::data("alliance_mixed.csv", &vars);
    let cats = observed_categories(&x, MissingPolicy::Pairwise);
    let options = ModelOptions {
        ordered: (0..3).map(|j| (vars[j].to_string(), cats[j] - 1)).collect(),
        ..ModelOptions::default()
    };
    let table = from_syntax("f =~ i1 + i2 + i3 + slider", &options).unwrap();
    let err = fit_ordinal_with(&table, &[x], Estimator::Wlsmv, Missing::Pairwise).unwrap_err();
    assert!(
        matches!(err, SemError::Model(ref m) if m.contains("listwise")),
        "{err}"
    );
}
