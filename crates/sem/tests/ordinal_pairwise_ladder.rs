//! The ordinal invariance ladder under pairwise deletion (lavaan's `missing = "pairwise"`).
//!
//! Source: lavaan 0.6-14 and semTools 0.5-6 (R 4.2.2), tests/data/reference/
//! ordinal_groups_pairwise.R → ordinal_groups_pairwise.json: the two-factor model with a
//! cross-loading by `lang` on tests/data/ordinal_groups_missing.csv (ordinal_groups.csv with 6%
//! of each item's answers deleted completely at random), along Wu & Estabrook's (2016) ladder
//! as semTools writes it (`measEq.syntax(ID.cat = "Wu.Estabrook.2016", ID.fac = "std.lv",
//! parameterization = "delta")`): configural, thresholds, metric, scalar, means, each fitted by
//! `cfa(..., estimator = "WLSMV", missing = "pairwise")` (entry `wu_estabrook`: `nobs`,
//! `fitMeasures()` with the scaled RMSEA interval and npar, the shift of the
//! scaled-and-shifted test, `parameterEstimates()`), and `lavTestLRT()` of consecutive steps
//! (`wu_estabrook_lrt`).
//!
//! Tolerances (common::ordinal's TOL and TOL_SE, as crates/sem/tests/ordinal.rs and
//! ordinal_pairwise.rs): fit measures, estimates and Δχ² 1e-4 relative, standard errors 1e-3
//! (lavaan's nlminb stops near 1e-7 in the parameters; the pairwise sample statistics agree
//! with lavaan's to 1e-6, crates/stats/tests/ordinal_pairwise.rs).

mod common;

use common::ordinal::{
    TWO_FACTORS, Y, by_language_in, check_difference, check_ladder, check_measures,
    check_parameters, ordered_by_categories,
};
use psym_model::{ModelOptions, OrdinalIdentification, Parameterization, from_syntax, parse};
use psym_sem::{
    Estimator, FitOptions, InvarianceOptions, Missing, OrdinalFit, Step, fit_ordinal_with,
    ordinal_invariance, ordinal_invariance_with, ordinal_steps, scaled_difference,
};
use psym_stats::MissingPolicy;
use psym_testdata::reference;

/// The data set with answers deleted.
const FILE: &str = "ordinal_groups_missing.csv";

/// Every item with its number of thresholds: its categories answered in any row, less one.
fn ordered() -> Vec<(String, usize)> {
    let x = psym_testdata::data(FILE, &Y);
    ordered_by_categories(&Y, &x, MissingPolicy::Pairwise)
}

/// The ladder's options with the missing-data rule `missing`.
fn options(missing: Missing) -> InvarianceOptions {
    InvarianceOptions {
        steps: ordinal_steps(Parameterization::Delta),
        fit: FitOptions {
            missing,
            ..FitOptions::default()
        },
        ..InvarianceOptions::default()
    }
}

/// Each step's scaled and standard fit measures with the scaled RMSEA interval, the group
/// sizes and rows used, and the scaled-and-shifted differences of consecutive steps.
#[test]
fn pairwise_wu_estabrook_ladder_matches_semtools() {
    let model = parse(TWO_FACTORS).unwrap();
    let labels = ["en".to_string(), "nb".to_string()];
    let delta = psym_model::Parameterization::Delta;
    let inv = ordinal_invariance_with(
        &model,
        &by_language_in(FILE),
        &ordered(),
        &labels,
        &options(Missing::Pairwise),
        delta,
    )
    .unwrap();
    assert_eq!(inv.steps.len(), 5);
    assert!(inv.steps.iter().all(|s| s.converged && s.admissible));
    let steps = reference("ordinal_groups_pairwise.json", "wu_estabrook");
    let n: Vec<u64> = (steps["configural"]["n"].as_array().unwrap().iter())
        .map(|v| v.as_u64().unwrap())
        .collect();
    let ours: Vec<u64> = inv.groups.iter().map(|g| g.n as u64).collect();
    assert_eq!(ours, n);
    // every row answers something: all are used, none dropped
    let rows = reference("ordinal_groups_pairwise.json", "rows");
    assert_eq!(inv.rows.n_used as u64, rows["answered"].as_u64().unwrap());
    assert_eq!(inv.rows.n_total as u64, rows["total"].as_u64().unwrap());
    check_ladder(
        &inv,
        &steps,
        &reference("ordinal_groups_pairwise.json", "wu_estabrook_lrt"),
    );
}

/// Each step fitted on its own as the ladder builds it (Wu & Estabrook identification,
/// group.equal growing): lavaan's npar, fit measures with the shift, and every estimate with
/// its standard error; the differences of consecutive fits again.
#[test]
fn pairwise_wu_estabrook_steps_match_lavaan_estimates() {
    let groups = by_language_in(FILE);
    let steps = reference("ordinal_groups_pairwise.json", "wu_estabrook");
    let mut equal = Vec::new();
    let mut fits: Vec<(Step, OrdinalFit)> = Vec::new();
    for step in ordinal_steps(Parameterization::Delta) {
        equal.extend(step.constrains());
        let options = ModelOptions {
            std_lv: true,
            groups: 2,
            group_equal: equal.clone(),
            ordered: ordered(),
            ordinal_identification: OrdinalIdentification::WuEstabrook,
            ..ModelOptions::default()
        };
        let table = from_syntax(TWO_FACTORS, &options).unwrap();
        let fit = fit_ordinal_with(&table, &groups, Estimator::Wlsmv, Missing::Pairwise).unwrap();
        assert!(fit.converged, "{step}: {:?}", fit.convergence);
        let r = &steps[step.to_string()];
        assert_eq!(
            table.n_free as f64,
            r["fit"]["npar"].as_f64().unwrap(),
            "{step}: npar"
        );
        check_measures(&fit, r);
        check_parameters(&fit, &r["parameters"]);
        fits.push((step, fit));
    }
    let lrt = reference("ordinal_groups_pairwise.json", "wu_estabrook_lrt");
    for (pair, t) in fits.windows(2).zip(lrt.as_array().unwrap()) {
        assert_eq!(pair[1].0.to_string(), t["to"].as_str().unwrap());
        let d = scaled_difference(&pair[0].1, &pair[1].1).unwrap();
        check_difference(t, d.chisq_diff, d.df_diff, d.pvalue);
    }
}

/// Listwise deletion stays the default: the ladder with default options is the one with
/// `Missing::Listwise` on the complete rows, which differs from the pairwise one.
#[test]
fn listwise_stays_the_default_of_the_ordinal_ladder() {
    let model = parse(TWO_FACTORS).unwrap();
    let labels = ["en".to_string(), "nb".to_string()];
    let groups = by_language_in(FILE);
    let x = psym_testdata::data(FILE, &Y);
    let listwise = ordered_by_categories(&Y, &x, MissingPolicy::Listwise);
    let default = ordinal_invariance(
        &model,
        &groups,
        &listwise,
        &labels,
        &options(Missing::Listwise),
    )
    .unwrap();
    let plain = InvarianceOptions {
        steps: ordinal_steps(Parameterization::Delta),
        ..InvarianceOptions::default()
    };
    let again = ordinal_invariance(&model, &groups, &listwise, &labels, &plain).unwrap();
    let rows = reference("ordinal_groups_pairwise.json", "rows");
    let complete = rows["complete"].as_u64().unwrap();
    for inv in [&default, &again] {
        assert_eq!(inv.rows.n_used as u64, complete);
        assert_eq!(inv.groups.iter().map(|g| g.n as u64).sum::<u64>(), complete);
    }
    for (a, b) in default.steps.iter().zip(&again.steps) {
        assert_eq!(a.fit.chisq, b.fit.chisq);
    }
    let pairwise = ordinal_invariance(
        &model,
        &groups,
        &ordered(),
        &labels,
        &options(Missing::Pairwise),
    )
    .unwrap();
    assert!((pairwise.steps[0].fit.chisq - default.steps[0].fit.chisq).abs() > 1.0);
}

/// FIML is refused for ordered items.
#[test]
fn fiml_is_refused_by_the_ordinal_ladder() {
    let model = parse(TWO_FACTORS).unwrap();
    let labels = ["en".to_string(), "nb".to_string()];
    let e = ordinal_invariance(
        &model,
        &by_language_in(FILE),
        &ordered(),
        &labels,
        &options(Missing::Fiml),
    )
    .unwrap_err();
    assert!(e.to_string().contains("fiml"), "{e}");
}
