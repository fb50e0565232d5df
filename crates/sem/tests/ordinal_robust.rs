//! lavaan's robust CFI, TLI and RMSEA of ordinal fits (`fitMeasures()`'s `*.robust`,
//! `lav_fit_catml_dwls`).
//!
//! Source: lavaan 0.6-14 (R 4.2.2), tests/data/reference/ordinal_robust.json
//! (ordinal_robust.R): `fitMeasures(fit, c("cfi.robust", "tli.robust", "rmsea.robust",
//! "rmsea.ci.lower.robust", "rmsea.ci.upper.robust", "rmsea.pvalue.robust",
//! "rmsea.notclose.pvalue.robust"))` and `lavaan:::lav_fit_catml_dwls(fit)` of the three-factor
//! alliance model (complete rows, WLSMV and ULSMV; pairwise deletion, WLSMV) and of the
//! two-factor model of ordinal_groups.csv by `lang` (configural WLSMV and ULSMV, equal
//! loadings; equal thresholds, where lavaan gives NA).

mod common;

use common::ordinal::{
    ALLIANCE, TWO_FACTORS, Y, alliance_items, by_language, complete_rows, ordered_by_categories,
};
use common::rel_close;
use nalgebra::DMatrix;
use psym_model::{GroupEqual, ModelOptions, ParTable, from_syntax};
use psym_sem::{Estimator, Missing, OrdinalFit, RobustAbsent, fit_ordinal_with};
use psym_stats::MissingPolicy;
use psym_testdata::reference;
use serde_json::Value;

/// Fit measures 1e-4 relative, as every ordinal estimate test (lavaan's nlminb stops near
/// 1e-7 in the parameters; the robust measures are smooth functions of the estimates and the
/// sample statistics).
const TOL: f64 = 1e-4;

/// The table of `model` with every item ordered, its thresholds from the categories of
/// `data` (all groups) under `missing`.
fn table(
    model: &str,
    names: &[String],
    data: &[DMatrix<f64>],
    missing: MissingPolicy,
    options: ModelOptions,
) -> ParTable {
    let mut all = data[0].clone();
    for x in &data[1..] {
        let rows = all.nrows();
        all = all.insert_rows(rows, x.nrows(), 0.0);
        all.view_mut((rows, 0), (x.nrows(), x.ncols())).copy_from(x);
    }
    let ordered = ordered_by_categories(names, &all, missing);
    from_syntax(model, &ModelOptions { ordered, ..options }).unwrap()
}

/// lavaan's robust measures and catML figures against ours.
fn check(fit: &OrdinalFit, entry: &str) {
    let r = reference("ordinal_robust.json", entry);
    assert!(fit.converged, "{entry}: {:?}", fit.convergence);
    assert_eq!(fit.n as u64, r["n"].as_u64().unwrap(), "{entry}: n");
    let robust = fit
        .fit
        .robust
        .as_ref()
        .unwrap_or_else(|| panic!("{entry}: no robust measures"));
    let (fm, cat) = (&r["fit"], &r["catml"]);
    let pairs = [
        (&fm["chisq"], fit.fit.chisq),
        (&fm["cfi.robust"], robust.cfi),
        (&fm["tli.robust"], robust.tli),
        (&fm["rmsea.robust"], robust.rmsea),
        (&fm["rmsea.ci.lower.robust"], robust.rmsea_ci_lower),
        (&fm["rmsea.ci.upper.robust"], robust.rmsea_ci_upper),
        (&fm["rmsea.pvalue.robust"], robust.rmsea_pvalue),
        (
            &fm["rmsea.notclose.pvalue.robust"],
            robust.rmsea_notclose_pvalue,
        ),
        (&cat["XX3"], robust.chisq),
        (&cat["df3"], robust.df),
        (&cat["c.hat3"], robust.scaling_factor),
        (&cat["XX3.null"], robust.baseline_chisq),
        (&cat["c.hat3.null"], robust.baseline_scaling_factor),
    ];
    for (i, (want, ours)) in pairs.into_iter().enumerate() {
        let want = want.as_f64().unwrap();
        assert!(
            rel_close(ours, want, TOL),
            "{entry} [{i}]: psym {ours} lavaan {want}"
        );
    }
}

#[test]
fn one_group_wlsmv_and_ulsmv_match_lavaan() {
    let names = alliance_items();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let x = vec![complete_rows(psym_testdata::data(
        "alliance_en_nb.csv",
        &refs,
    ))];
    let t = table(
        ALLIANCE,
        &names,
        &x,
        MissingPolicy::Listwise,
        ModelOptions::default(),
    );
    for (estimator, entry) in [
        (Estimator::Wlsmv, "alliance3_wlsmv"),
        (Estimator::Ulsmv, "alliance3_ulsmv"),
    ] {
        check(
            &fit_ordinal_with(&t, &x, estimator, Missing::Listwise).unwrap(),
            entry,
        );
    }
}

#[test]
fn pairwise_wlsmv_matches_lavaan() {
    let names = alliance_items();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let x = vec![psym_testdata::data("alliance_pairwise.csv", &refs)];
    let t = table(
        ALLIANCE,
        &names,
        &x,
        MissingPolicy::Pairwise,
        ModelOptions::default(),
    );
    let fit = fit_ordinal_with(&t, &x, Estimator::Wlsmv, Missing::Pairwise).unwrap();
    check(&fit, "alliance3_pairwise");
}

fn two_groups(equal: Vec<GroupEqual>, estimator: Estimator) -> OrdinalFit {
    let groups = by_language();
    let names: Vec<String> = Y.iter().map(|s| s.to_string()).collect();
    let options = ModelOptions {
        groups: 2,
        group_equal: equal,
        ..ModelOptions::default()
    };
    let t = table(
        TWO_FACTORS,
        &names,
        &groups,
        MissingPolicy::Listwise,
        options,
    );
    fit_ordinal_with(&t, &groups, estimator, Missing::Listwise).unwrap()
}

#[test]
fn two_groups_match_lavaan() {
    check(&two_groups(vec![], Estimator::Wlsmv), "groups_wlsmv");
    check(&two_groups(vec![], Estimator::Ulsmv), "groups_ulsmv");
    check(
        &two_groups(vec![GroupEqual::Loadings], Estimator::Wlsmv),
        "groups_loadings",
    );
}

/// lavaan 0.6-14 gives NA for every robust measure once thresholds are equal; psym leaves
/// them out and says why. DWLS has no scaled test and no robust measures.
#[test]
fn absent_where_lavaan_gives_na() {
    let r: Value = reference("ordinal_robust.json", "groups_thresholds");
    assert!(r["fit"]["cfi.robust"].is_null() && r["fit"]["rmsea.robust"].is_null());
    let fit = two_groups(vec![GroupEqual::Thresholds], Estimator::Wlsmv);
    assert!(rel_close(
        fit.fit.chisq,
        r["fit"]["chisq"].as_f64().unwrap(),
        TOL
    ));
    assert_eq!(fit.fit.robust, None);
    assert_eq!(
        fit.fit.robust_absent,
        Some(RobustAbsent::ConstrainedThresholds)
    );
    let dwls = two_groups(vec![], Estimator::Dwls);
    assert_eq!(dwls.fit.robust, None);
    assert_eq!(dwls.fit.robust_absent, Some(RobustAbsent::NoScaledTest));
}
