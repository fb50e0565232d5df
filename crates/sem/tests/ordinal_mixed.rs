//! WLSMV with ordered and continuous variables together (lavaan's `ordered =` naming some of
//! the observed variables, the others numeric).
//!
//! Source: lavaan 0.6-14 (R 4.2.2), on the complete rows of tests/data/alliance_mixed.csv:
//! `cfa(three-factor alliance model, ordered = all items but i4, i8, i12, estimator =
//! "WLSMV")` (entry `alliance3`) and `cfa("goal =~ i1 + i2 + i3 + i4 + slider", ordered =
//! i1..i4, estimator = "WLSMV")` (entry `goal_slider`), and the first in the theta
//! parameterisation (entry `alliance3_theta`, `parameterization = "theta"`: the ordered items'
//! residual variances fixed at 1 and their `~*~` scale factors derived; the continuous items
//! are not scaled): `fitMeasures()` and `parameterEstimates()`;
//! tests/data/reference/ordinal_mixed.json (ordinal_mixed.R).

mod common;

use common::rel_close;

use common::ordinal::{
    TEST_MEASURES, alliance_items, check_fit, check_parameters, ordered_by_categories,
};
use psym_model::{ModelOptions, Parameterization, from_syntax};
use psym_sem::{Estimator, Missing, OrdinalFit, SemError, fit_ordinal_with};
use psym_stats::MissingPolicy;
use psym_testdata::reference;
use serde_json::Value;

/// Fits `model` on `vars` of alliance_mixed.csv (complete rows) with the entry's `ordered`
/// variables ordered, and compares fit measures and every estimate with lavaan's: estimates and
/// fit measures 1e-4 relative, standard errors 1e-3 (as the all-ordered tests in
/// crates/sem/tests/ordinal.rs: lavaan's nlminb stops near 1e-7 in the parameters; the mixed
/// sample statistics agree with lavaan's to 1e-6, crates/stats/tests/ordinal_mixed.rs).
fn check(entry: &str, model: &str, vars: &[&str], parameterization: Parameterization) {
    let r = reference("ordinal_mixed.json", entry);
    let ordered: Vec<&str> = (r["ordered"].as_array().unwrap().iter())
        .map(|v| v.as_str().unwrap())
        .collect();
    let x = psym_testdata::data("alliance_mixed.csv", vars);
    let options = ModelOptions {
        ordered: (ordered_by_categories(vars, &x, MissingPolicy::Listwise).into_iter())
            .filter(|(v, _)| ordered.contains(&v.as_str()))
            .collect(),
        parameterization,
        ..ModelOptions::default()
    };
    let table = from_syntax(model, &options).unwrap();
    assert_eq!(table.observed, vars);
    let fit = fit_ordinal_with(&table, &[x], Estimator::Wlsmv, Missing::Listwise).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    assert_eq!(fit.n as u64, r["n"].as_u64().unwrap());
    let measures = [
        TEST_MEASURES.as_slice(),
        &[
            "cfi",
            "tli",
            "rmsea",
            "cfi.scaled",
            "tli.scaled",
            "rmsea.scaled",
            "baseline.chisq",
            "srmr",
        ],
    ]
    .concat();
    check_fit(&fit, &r["fit"], &measures, &format!("{entry} "));
    // lavaan's se 0: a fixed parameter, or what the parameterisation derives (no standard
    // error): a residual variance of an ordered item in delta, its scale factor in theta
    check_parameters(&fit, &r["parameters"]);
    let rows = r["parameters"].as_array().unwrap();
    assert_eq!(fit.parameters.len(), rows.len(), "{entry}: parameter rows");
    check_std_all(&fit, rows, entry);
}

/// `OrdinalFit::std_all` against lavaan's `standardizedSolution()` (`std_all`) for every
/// loading and factor (co)variance, 1e-4 relative (a function of estimates held to 1e-4):
/// loadings of ordered items (latent-response variance 1 in delta, `λ²φ + 1` in theta) and of
/// continuous items (`λ²φ + θ`).
fn check_std_all(fit: &OrdinalFit, rows: &[Value], entry: &str) {
    let ours = fit.std_all();
    let mut checked = 0;
    for (e, std) in fit.parameters.iter().zip(&ours) {
        let Some(std) = std else { continue };
        let theirs = (rows.iter())
            .find(|p| {
                p["lhs"] == e.lhs.as_str() && p["op"] == e.op.as_str() && p["rhs"] == e.rhs.as_str()
            })
            .and_then(|p| p["std_all"].as_f64())
            .unwrap_or_else(|| panic!("{entry}: no std_all of {} {} {}", e.lhs, e.op, e.rhs));
        assert!(
            rel_close(*std, theirs, 1e-4),
            "{entry}: std.all of {} {} {}: psym {std} lavaan {theirs}",
            e.lhs,
            e.op,
            e.rhs
        );
        checked += 1;
    }
    assert!(checked > 0, "{entry}: no standardized estimate");
}

#[test]
fn alliance_with_three_continuous_items_matches_lavaan() {
    let vars = alliance_items();
    let vars: Vec<&str> = vars.iter().map(String::as_str).collect();
    for (entry, parameterization) in [
        ("alliance3", Parameterization::Delta),
        ("alliance3_theta", Parameterization::Theta),
    ] {
        check(
            entry,
            "goal =~ i1 + i2 + i3 + i4\ntask =~ i5 + i6 + i7 + i8\nbond =~ i9 + i10 + i11 + i12",
            &vars,
            parameterization,
        );
    }
}

#[test]
fn goal_scale_with_a_continuous_slider_matches_lavaan() {
    check(
        "goal_slider",
        "goal =~ i1 + i2 + i3 + i4 + slider",
        &["i1", "i2", "i3", "i4", "slider"],
        Parameterization::Delta,
    );
}

/// Pairwise deletion with continuous variables is refused with a message, not fitted.
#[test]
fn pairwise_deletion_with_continuous_variables_is_refused() {
    let vars = ["i1", "i2", "i3", "slider"];
    let x = psym_testdata::data("alliance_mixed.csv", &vars);
    let options = ModelOptions {
        ordered: (ordered_by_categories(&vars, &x, MissingPolicy::Pairwise).into_iter())
            .take(3)
            .collect(),
        ..ModelOptions::default()
    };
    let table = from_syntax("f =~ i1 + i2 + i3 + slider", &options).unwrap();
    let err = fit_ordinal_with(&table, &[x], Estimator::Wlsmv, Missing::Pairwise).unwrap_err();
    assert!(
        matches!(err, SemError::Model(ref m) if m.contains("listwise")),
        "{err}"
    );
}
