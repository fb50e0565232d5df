//! The theta parameterisation of ordinal CFA (lavaan's `parameterization = "theta"`): residual
//! variances of the latent responses as parameters, scale factors derived; one and two groups,
//! and Wu & Estabrook's ladder with its strict step.
//!
//! Sources (lavaan 0.6-14, semTools 0.5-6, `estimator = "WLSMV"`, `parameterization =
//! "theta"`; tests/data/reference/ordinal_theta.json written by ordinal_theta.R):
//! - `cfa(alliance model, complete rows, ordered = i1…i12)` (entry `alliance3`);
//! - `cfa(two-factor model with a cross-loading, ordinal_groups.csv, ordered = y1…y7)` in one
//!   group (`one_group`) and by `lang` with `group.equal` = none, thresholds, +loadings,
//!   +intercepts, +residuals (`steps`), `lavTestLRT()` of consecutive steps (`lrt`);
//! - the same by `lang` along Wu & Estabrook's (2016) ladder as semTools writes it
//!   (`measEq.syntax(ID.cat = "Wu.Estabrook.2016", ID.fac = "std.lv", parameterization =
//!   "theta")`): configural, thresholds, metric, scalar, strict, means, each fitted by `cfa()`
//!   (`wu_estabrook`), and `lavTestLRT()` of consecutive steps (`wu_estabrook_lrt`).
//!
//! Every fit: `fitMeasures()`, the shift of the scaled-and-shifted test and
//! `parameterEstimates()` (the derived `~*~` rows included). Tolerances as the delta tests
//! (tests/ordinal.rs): estimates, thresholds, fit and Δχ² 1e-4 relative, standard errors 1e-3.

mod common;

use common::ordinal::{
    ALLIANCE, TWO_FACTORS, Y, alliance_items, check_difference, check_ladder, check_measures,
    check_parameters, complete_rows, fit_group_equal_steps, ladder, lrt_fits, ordered_table,
};
use psym_model::{ModelOptions, Parameterization};
use psym_sem::{fit_wlsmv, ordinal_invariance_with, scaled_difference};
use psym_testdata::reference;

/// Model options of the theta parameterisation.
fn theta(options: ModelOptions) -> ModelOptions {
    ModelOptions {
        parameterization: Parameterization::Theta,
        ..options
    }
}

#[test]
fn theta_matches_lavaan_on_the_alliance_model() {
    let names = alliance_items();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let x = complete_rows(psym_testdata::data("alliance_en_nb.csv", &refs));
    let table = ordered_table(ALLIANCE, &refs, &x, theta(ModelOptions::default()));
    let fit = fit_wlsmv(&table, &[x]).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    assert_eq!(fit.parameterization, Parameterization::Theta);
    let r = reference("ordinal_theta.json", "alliance3");
    assert_eq!(fit.n as u64, r["n"].as_u64().unwrap());
    check_measures(&fit, &r);
    check_parameters(&fit, &r["parameters"]);
}

/// The two-factor model with a cross-loading in one group: the same χ² as in the delta
/// parameterisation (the two are equivalent in one group), other estimates.
#[test]
fn theta_one_group_with_a_cross_loading_matches_lavaan() {
    let x = psym_testdata::data("ordinal_groups.csv", &Y);
    let table = ordered_table(TWO_FACTORS, &Y, &x, theta(ModelOptions::default()));
    let fit = fit_wlsmv(&table, &[x]).unwrap();
    assert!(fit.converged, "{:?}", fit.convergence);
    let r = reference("ordinal_theta.json", "one_group");
    check_measures(&fit, &r);
    check_parameters(&fit, &r["parameters"]);
}

/// lavaan's group.equal steps in theta: equal thresholds free the second group's residual
/// variances and latent means; equal residual variances put them back at 1.
#[test]
fn theta_two_group_steps_match_lavaan() {
    let fits = fit_group_equal_steps(&reference("ordinal_theta.json", "steps"), theta);
    for t in reference("ordinal_theta.json", "lrt").as_array().unwrap() {
        let (a, b) = lrt_fits(&fits, t);
        if a.fit.df == b.fit.df {
            continue; // +intercepts changes nothing for ordered items (lavaan warns)
        }
        let d = scaled_difference(a, b).unwrap();
        check_difference(t, d.chisq_diff, d.df_diff, d.pvalue);
    }
}

/// Wu & Estabrook's ladder in theta, with the strict step: each step's standard and scaled
/// measures and the scaled-and-shifted differences of consecutive steps.
#[test]
fn theta_wu_estabrook_ladder_with_strict_matches_semtools() {
    let theta = Parameterization::Theta;
    let l = ladder(theta);
    let inv = ordinal_invariance_with(
        &l.model, &l.groups, &l.ordered, &l.labels, &l.options, theta,
    )
    .unwrap();
    assert_eq!(inv.steps.len(), 6);
    check_ladder(
        &inv,
        &reference("ordinal_theta.json", "wu_estabrook"),
        &reference("ordinal_theta.json", "wu_estabrook_lrt"),
    );
}
