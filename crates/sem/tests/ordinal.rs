//! Ordinal CFA by DWLS with robust standard errors and the scaled-and-shifted test (lavaan's
//! WLSMV), thresholds as parameters, one and two groups, complete rows.
//!
//! Sources (lavaan 0.6-14, `estimator = "WLSMV"`, delta parameterisation):
//! - `cfa(alliance model, complete rows, ordered = i1…i12)`: `fitMeasures()`, the shift
//!   parameter of `lavInspect(fit, "test")` and `parameterEstimates()`;
//!   tests/data/reference/ordinal.json (entry `alliance3`, ordinal.R) and its thresholds in
//!   ordinal_groups.json (entry `alliance3_thresholds`, ordinal_groups.R);
//! - `cfa(two-factor model with a cross-loading, ordinal_groups.csv, ordered = y1…y7)`, one
//!   group and by `lang` with `group.equal` = none, thresholds, +loadings, +intercepts,
//!   +residuals: ordinal_groups.json (entries `one_group`, `steps`), and `lavTestLRT()` of
//!   configural vs thresholds and thresholds vs thresholds+loadings (entry `lrt`),
//!   ordinal_groups.R; the same with `estimator = "ULSMV"` in one group and by `lang` with
//!   equal thresholds (entries `ulsmv_one_group`, `ulsmv_thresholds`), and with
//!   `estimator = "DWLS"` by `lang` with equal thresholds (`dwls_thresholds`);
//! - the same by `lang` along Wu & Estabrook's (2016) ladder as semTools 0.5-6 writes it
//!   (`measEq.syntax(ID.cat = "Wu.Estabrook.2016", ID.fac = "std.lv")`, fitted by `cfa()`):
//!   `fitMeasures()` and `lavTestLRT()` of consecutive steps (entries `wu_estabrook`,
//!   `wu_estabrook_lrt`).

mod common;

use common::ordinal::{
    ALLIANCE, TWO_FACTORS, Y, alliance_items, by_language, check_difference, check_ladder,
    check_measures, check_parameters, complete_rows, fit_group_equal_steps, ladder, lrt_fits,
    ordered_table,
};
use psym_model::{GroupEqual, ModelOptions, Parameterization};
use psym_sem::{Estimator, fit_ordinal, fit_wlsmv, ordinal_invariance, scaled_difference};
use psym_testdata::reference;

#[test]
fn wlsmv_matches_lavaan_on_the_alliance_model() {
    let names = alliance_items();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let x = complete_rows(psym_testdata::data("alliance_en_nb.csv", &refs));
    let table = ordered_table(ALLIANCE, &refs, &x, ModelOptions::default());
    let fit = fit_wlsmv(&table, &[x]).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    let r = reference("ordinal.json", "alliance3");
    assert_eq!(fit.n as u64, r["n"].as_u64().unwrap());
    check_measures(&fit, &r);
    check_parameters(&fit, &r["parameters"]);
    check_parameters(
        &fit,
        &reference("ordinal_groups.json", "alliance3_thresholds"),
    );
}

/// The two-factor model with a cross-loading in one group.
#[test]
fn one_group_with_a_cross_loading_matches_lavaan() {
    let x = psym_testdata::data("ordinal_groups.csv", &Y);
    let table = ordered_table(TWO_FACTORS, &Y, &x, ModelOptions::default());
    let fit = fit_wlsmv(&table, &[x]).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    let r = reference("ordinal_groups.json", "one_group");
    check_measures(&fit, &r);
    check_parameters(&fit, &r["parameters"]);
}

/// Each step of lavaan's categorical group.equal ladder, with lavaan's identification:
/// configural (thresholds free, scale factors 1, latent means 0 in every group), then equal
/// thresholds free the second group's scale factors and latent means; +intercepts and
/// +residuals change nothing in the delta parameterisation (intercepts stay 0, residual
/// variances are no parameters), as in lavaan.
#[test]
fn two_group_ladder_matches_lavaan() {
    let fits = fit_group_equal_steps(&reference("ordinal_groups.json", "steps"), |o| o);
    // lavTestLRT's scaled-and-shifted difference (Satorra 2000, A by the delta method)
    for t in reference("ordinal_groups.json", "lrt").as_array().unwrap() {
        let (from, to) = lrt_fits(&fits, t);
        let d = scaled_difference(from, to).unwrap();
        check_difference(t, d.chisq_diff, d.df_diff, d.pvalue);
    }
}

/// The ordinal invariance ladder (configural → thresholds → metric → scalar → means) with
/// Wu & Estabrook's identification: each step's standard and scaled fit measures, the scaled
/// RMSEA interval and lavTestLRT's scaled-and-shifted differences (Δχ², Δdf, p).
#[test]
fn wu_estabrook_ladder_matches_semtools_and_lavaan() {
    let l = ladder(Parameterization::Delta);
    let inv = ordinal_invariance(&l.model, &l.groups, &l.ordered, &l.labels, &l.options).unwrap();
    assert_eq!(inv.steps.len(), 5);
    check_ladder(
        &inv,
        &reference("ordinal_groups.json", "wu_estabrook"),
        &reference("ordinal_groups.json", "wu_estabrook_lrt"),
    );
}

/// ULSMV: unweighted estimates with the same robust standard errors and scaled-and-shifted
/// test, in one group and in two with equal thresholds.
#[test]
fn ulsmv_matches_lavaan() {
    let all = psym_testdata::data("ordinal_groups.csv", &Y);
    let table = ordered_table(TWO_FACTORS, &Y, &all, ModelOptions::default());
    let fit = fit_ordinal(&table, std::slice::from_ref(&all), Estimator::Ulsmv).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    let r = reference("ordinal_groups.json", "ulsmv_one_group");
    check_measures(&fit, &r);
    check_parameters(&fit, &r["parameters"]);
    let options = ModelOptions {
        groups: 2,
        group_equal: vec![GroupEqual::Thresholds],
        ..ModelOptions::default()
    };
    let table = ordered_table(TWO_FACTORS, &Y, &all, options);
    let fit = fit_ordinal(&table, &by_language(), Estimator::Ulsmv).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    let r = reference("ordinal_groups.json", "ulsmv_thresholds");
    check_measures(&fit, &r);
    check_parameters(&fit, &r["parameters"]);
}

/// DWLS: the WLSMV estimates with standard errors from the expected information and the
/// standard test alone (two groups, equal thresholds).
#[test]
fn dwls_matches_lavaan() {
    let all = psym_testdata::data("ordinal_groups.csv", &Y);
    let options = ModelOptions {
        groups: 2,
        group_equal: vec![GroupEqual::Thresholds],
        ..ModelOptions::default()
    };
    let table = ordered_table(TWO_FACTORS, &Y, &all, options);
    let fit = fit_ordinal(&table, &by_language(), Estimator::Dwls).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    let r = reference("ordinal_groups.json", "dwls_thresholds");
    check_measures(&fit, &r);
    check_parameters(&fit, &r["parameters"]);
}
