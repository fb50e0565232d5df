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
    ALLIANCE, TOL, TWO_FACTORS, Y, by_language, check_measures, check_parameters, ordered_table,
};
use common::rel_close;
use psym_model::{GroupEqual, ModelOptions, Parameterization, parse};
use psym_sem::{
    InvarianceOptions, OrdinalFit, Step, StepDetails, fit_wlsmv, ordinal_invariance_with,
    scaled_difference,
};
use psym_stats::ordinal::ordinal_stats;
use psym_testdata::reference;
use serde_json::Value;

/// Model options of the theta parameterisation.
fn theta(options: ModelOptions) -> ModelOptions {
    ModelOptions {
        parameterization: Parameterization::Theta,
        ..options
    }
}

/// lavaan's Δχ² (`chisq_diff`, `df_diff`, `pvalue`) of `t` against ours.
fn check_difference(t: &Value, chisq_diff: f64, df_diff: f64, pvalue: Option<f64>) {
    let want = t["chisq_diff"].as_f64().unwrap();
    assert!(
        rel_close(chisq_diff, want, TOL),
        "{t}: {chisq_diff} vs {want}"
    );
    assert_eq!(df_diff, t["df_diff"].as_f64().unwrap());
    let p = t["pvalue"].as_f64().unwrap();
    assert!(
        rel_close(pvalue.unwrap(), p, TOL),
        "{t}: p {pvalue:?} vs {p}"
    );
}

#[test]
fn theta_matches_lavaan_on_the_alliance_model() {
    let refs: Vec<String> = (1..=12).map(|i| format!("i{i}")).collect();
    let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
    let x = psym_testdata::data("alliance_en_nb.csv", &refs);
    let complete: Vec<usize> = (0..x.nrows())
        .filter(|&i| x.row(i).iter().all(|v| !v.is_nan()))
        .collect();
    let x = x.select_rows(&complete);
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
    let groups = by_language();
    let all = psym_testdata::data("ordinal_groups.csv", &Y);
    use GroupEqual::*;
    let steps = reference("ordinal_theta.json", "steps");
    let mut fits: Vec<(&str, OrdinalFit)> = Vec::new();
    for (step, equal) in [
        ("configural", vec![]),
        ("thresholds", vec![Thresholds]),
        ("loadings", vec![Thresholds, Loadings]),
        ("intercepts", vec![Thresholds, Loadings, Intercepts]),
        (
            "residuals",
            vec![Thresholds, Loadings, Intercepts, Residuals],
        ),
    ] {
        let options = theta(ModelOptions {
            groups: 2,
            group_equal: equal,
            ..ModelOptions::default()
        });
        let table = ordered_table(TWO_FACTORS, &Y, &all, options);
        let fit = fit_wlsmv(&table, &groups).unwrap();
        assert!(fit.converged, "{step}: {:?}", fit.convergence);
        check_measures(&fit, &steps[step]);
        check_parameters(&fit, &steps[step]["parameters"]);
        fits.push((step, fit));
    }
    for t in reference("ordinal_theta.json", "lrt").as_array().unwrap() {
        let get = |k: &str| &fits.iter().find(|(s, _)| *s == t[k]).unwrap().1;
        let (a, b) = (get("from"), get("to"));
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
    let groups = by_language();
    let all = psym_testdata::data("ordinal_groups.csv", &Y);
    let stats = ordinal_stats(&all).unwrap();
    let ordered: Vec<(String, usize)> = (Y.iter().zip(&stats.thresholds))
        .map(|(v, t)| (v.to_string(), t.len()))
        .collect();
    let options = InvarianceOptions {
        steps: vec![
            Step::Configural,
            Step::Thresholds,
            Step::Metric,
            Step::Scalar,
            Step::Strict,
            Step::Means,
        ],
        ..InvarianceOptions::default()
    };
    let labels = ["en".to_string(), "nb".to_string()];
    let model = parse(TWO_FACTORS).unwrap();
    let inv = ordinal_invariance_with(
        &model,
        &groups,
        &ordered,
        &labels,
        &options,
        Parameterization::Theta,
    )
    .unwrap();
    let r = reference("ordinal_theta.json", "wu_estabrook");
    assert_eq!(inv.steps.len(), 6);
    for s in &inv.steps {
        let want = &r[s.step.to_string()]["fit"];
        let StepDetails::Ordinal(f) = &s.measures else {
            panic!("not ordinal")
        };
        for (k, ours) in [
            ("chisq", f.chisq),
            ("df", f.df),
            ("cfi", f.cfi),
            ("tli", f.tli),
            ("rmsea", f.rmsea),
            ("chisq.scaled", s.fit.chisq),
            ("pvalue.scaled", s.fit.pvalue),
            ("cfi.scaled", s.fit.cfi),
            ("tli.scaled", s.fit.tli),
            ("rmsea.scaled", s.fit.rmsea),
            ("rmsea.ci.lower.scaled", s.fit.rmsea_ci_lower),
            ("rmsea.ci.upper.scaled", s.fit.rmsea_ci_upper),
            ("srmr", s.fit.srmr),
        ] {
            let theirs = want[k].as_f64().unwrap();
            assert!(
                rel_close(ours, theirs, TOL),
                "{} {k}: psym {ours} lavaan {theirs}",
                s.step
            );
        }
    }
    let lrt = reference("ordinal_theta.json", "wu_estabrook_lrt");
    let lrt = lrt.as_array().unwrap();
    assert_eq!(inv.comparisons.len(), lrt.len());
    for (c, t) in inv.comparisons.iter().zip(lrt) {
        assert_eq!(c.step.to_string(), t["to"].as_str().unwrap());
        check_difference(t, c.chisq_diff, c.df_diff, c.pvalue);
    }
}
