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
    ALLIANCE, TOL, TWO_FACTORS, Y, by_language, check_measures, check_parameters, ordered_table,
};
use common::rel_close;
use psym_model::parse;
use psym_model::{GroupEqual, ModelOptions};
use psym_sem::{
    Estimator, InvarianceOptions, Step, StepDetails, fit_ordinal, fit_wlsmv, ordinal_invariance,
    scaled_difference,
};
use psym_stats::ordinal::ordinal_stats;
use psym_testdata::reference;

#[test]
fn wlsmv_matches_lavaan_on_the_alliance_model() {
    let refs: Vec<String> = (1..=12).map(|i| format!("i{i}")).collect();
    let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
    let x = psym_testdata::data("alliance_en_nb.csv", &refs);
    let complete: Vec<usize> = (0..x.nrows())
        .filter(|&i| x.row(i).iter().all(|v| !v.is_nan()))
        .collect();
    let x = x.select_rows(&complete);
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
    let groups = by_language();
    let all = psym_testdata::data("ordinal_groups.csv", &Y);
    use GroupEqual::*;
    let mut fits = Vec::new();
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
        let options = ModelOptions {
            groups: 2,
            group_equal: equal,
            ..ModelOptions::default()
        };
        let table = ordered_table(TWO_FACTORS, &Y, &all, options);
        let fit = fit_wlsmv(&table, &groups).unwrap();
        assert!(fit.converged, "{step}: {:?}", fit.convergence);
        let steps = reference("ordinal_groups.json", "steps");
        let r = &steps[step];
        check_measures(&fit, r);
        check_parameters(&fit, &r["parameters"]);
        fits.push((step, fit));
    }
    // lavTestLRT's scaled-and-shifted difference (Satorra 2000, A by the delta method)
    for t in reference("ordinal_groups.json", "lrt").as_array().unwrap() {
        let get = |k: &str| {
            &fits
                .iter()
                .find(|(s, _)| *s == t[k].as_str().unwrap())
                .unwrap()
                .1
        };
        let d = scaled_difference(get("from"), get("to")).unwrap();
        let want = t["chisq_diff"].as_f64().unwrap();
        assert!(
            rel_close(d.chisq_diff, want, TOL),
            "{t}: {} vs {want}",
            d.chisq_diff
        );
        assert_eq!(d.df_diff, t["df_diff"].as_f64().unwrap());
        let p = t["pvalue"].as_f64().unwrap();
        assert!(
            rel_close(d.pvalue.unwrap(), p, TOL),
            "{t}: p {:?} vs {p}",
            d.pvalue
        );
    }
}

/// The ordinal invariance ladder (configural → thresholds → metric → scalar → means) with
/// Wu & Estabrook's identification: each step's standard and scaled fit measures, the scaled
/// RMSEA interval and lavTestLRT's scaled-and-shifted differences.
#[test]
fn wu_estabrook_ladder_matches_semtools_and_lavaan() {
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
            Step::Means,
        ],
        ..InvarianceOptions::default()
    };
    let labels = ["en".to_string(), "nb".to_string()];
    let model = parse(TWO_FACTORS).unwrap();
    let inv = ordinal_invariance(&model, &groups, &ordered, &labels, &options).unwrap();
    let r = reference("ordinal_groups.json", "wu_estabrook");
    assert_eq!(inv.steps.len(), 5);
    for s in &inv.steps {
        let want = &r[s.step.to_string()]["fit"];
        let StepDetails::Ordinal(f) = &s.measures else {
            panic!("not ordinal")
        };
        for (k, ours) in [
            ("chisq", f.chisq),
            ("df", f.df),
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
    for (c, t) in inv.comparisons.iter().zip(
        reference("ordinal_groups.json", "wu_estabrook_lrt")
            .as_array()
            .unwrap(),
    ) {
        assert_eq!(c.step.to_string(), t["to"].as_str().unwrap());
        let want = t["chisq_diff"].as_f64().unwrap();
        assert!(
            rel_close(c.chisq_diff, want, TOL),
            "{}: {} vs {want}",
            c.step,
            c.chisq_diff
        );
        assert_eq!(c.df_diff, t["df_diff"].as_f64().unwrap());
    }
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
