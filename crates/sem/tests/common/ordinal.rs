//! Helpers of the ordinal reference tests (ordinal.rs, ordinal_theta.rs, ordinal_mixed.rs,
//! ordinal_pairwise.rs, ordinal_robust.rs): the tables with every item ordered, the two-group
//! data, the invariance ladders, and the comparison with lavaan's estimates, fit measures and
//! differences.

use nalgebra::DMatrix;
use psym_model::{GroupEqual, Model, ModelOptions, ParTable, Parameterization, from_syntax, parse};
use psym_sem::{Invariance, InvarianceOptions, OrdinalFit, StepDetails, fit_wlsmv, ordinal_steps};
use psym_stats::MissingPolicy;
use psym_stats::categories::observed_categories;
use psym_stats::ordinal::ordinal_stats;
use serde_json::Value;

use super::rel_close;

pub const ALLIANCE: &str =
    "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";
pub const TWO_FACTORS: &str = "f1 =~ y1 + y2 + y3 + y4\nf2 =~ y4 + y5 + y6 + y7";
pub const Y: [&str; 7] = ["y1", "y2", "y3", "y4", "y5", "y6", "y7"];

/// Estimates and fit measures: 1e-4 relative, as every estimate test of this crate (lavaan's
/// nlminb stops near 1e-7 in the parameters; the sample statistics agree to 3e-8). Standard
/// errors: 1e-3 relative (TOL_SE of the ML tests).
pub const TOL: f64 = 1e-4;
pub const TOL_SE: f64 = 1e-3;

/// The standard and the scaled χ² test, by lavaan's names.
pub const TEST_MEASURES: [&str; 5] = ["chisq", "df", "chisq.scaled", "df.scaled", "pvalue.scaled"];

/// The model's table with every item ordered, its number of thresholds from `x`'s
/// categories (complete rows).
pub fn ordered_table(
    model: &str,
    names: &[&str],
    x: &DMatrix<f64>,
    options: ModelOptions,
) -> ParTable {
    let ordered = ordered(names, x);
    from_syntax(model, &ModelOptions { ordered, ..options }).unwrap()
}

/// Each of `names` with its number of thresholds from `x`'s categories (complete rows), as
/// `ModelOptions::ordered` takes them.
pub fn ordered(names: &[&str], x: &DMatrix<f64>) -> Vec<(String, usize)> {
    let stats = ordinal_stats(x).unwrap();
    (names.iter().zip(&stats.thresholds))
        .map(|(v, t)| (v.to_string(), t.len()))
        .collect()
}

/// Each of `names` with its number of thresholds: its categories answered in `x` under
/// `missing`, less one.
pub fn ordered_by_categories<S: AsRef<str>>(
    names: &[S],
    x: &DMatrix<f64>,
    missing: MissingPolicy,
) -> Vec<(String, usize)> {
    (names.iter().map(|v| v.as_ref().to_string()))
        .zip(observed_categories(x, missing).iter().map(|k| k - 1))
        .collect()
}

/// The alliance items i1…i12.
pub fn alliance_items() -> Vec<String> {
    (1..=12).map(|i| format!("i{i}")).collect()
}

/// The rows of `x` with every value present.
pub fn complete_rows(x: DMatrix<f64>) -> DMatrix<f64> {
    let keep: Vec<usize> = (0..x.nrows())
        .filter(|&i| x.row(i).iter().all(|v| !v.is_nan()))
        .collect();
    x.select_rows(&keep)
}

/// lavaan's fit measures against ours: the standard ones, then the scaled ones when lavaan
/// has them.
pub fn check_measures(fit: &OrdinalFit, r: &Value) {
    let f = &fit.fit;
    let want = &r["fit"];
    let mut keys = vec![
        "chisq",
        "df",
        "baseline.chisq",
        "baseline.df",
        "cfi",
        "tli",
        "rmsea",
        "srmr",
    ];
    if want.get("chisq.scaled").is_some() {
        keys.extend([
            "chisq.scaled",
            "df.scaled",
            "pvalue.scaled",
            "chisq.scaling.factor",
            "baseline.chisq.scaled",
            "cfi.scaled",
            "tli.scaled",
            "rmsea.scaled",
        ]);
        let s = f.scaled.as_ref().unwrap();
        let shift = r["shift"].as_f64().unwrap();
        assert!(
            rel_close(s.shift.unwrap(), shift, TOL),
            "shift {:?} vs {shift}",
            s.shift
        );
    } else {
        assert!(f.scaled.is_none() && f.cfi_scaled.is_none());
    }
    check_fit(fit, want, &keys, "");
}

/// Our value of lavaan's fit measure `key` (a scaled one unwraps the scaled test).
fn measure(fit: &OrdinalFit, key: &str) -> f64 {
    let f = &fit.fit;
    let scaled = || f.scaled.as_ref().unwrap();
    match key {
        "chisq" => f.chisq,
        "df" => f.df,
        "baseline.chisq" => f.baseline_chisq,
        "baseline.df" => f.baseline_df,
        "cfi" => f.cfi,
        "tli" => f.tli,
        "rmsea" => f.rmsea,
        "srmr" => f.srmr,
        "chisq.scaled" => scaled().statistic,
        "df.scaled" => scaled().df,
        "pvalue.scaled" => scaled().pvalue,
        "chisq.scaling.factor" => scaled().scaling_factor,
        "baseline.chisq.scaled" => f.baseline_scaled.as_ref().unwrap().statistic,
        "cfi.scaled" => f.cfi_scaled.unwrap(),
        "tli.scaled" => f.tli_scaled.unwrap(),
        "rmsea.scaled" => f.rmsea_scaled.unwrap(),
        _ => panic!("no measure {key}"),
    }
}

/// lavaan's fit measures `keys` in `want` (its `fitMeasures()`) against ours, 1e-4 relative;
/// `what` names the fit in the messages.
pub fn check_fit(fit: &OrdinalFit, want: &Value, keys: &[&str], what: &str) {
    for &k in keys {
        let (ours, theirs) = (measure(fit, k), want[k].as_f64().unwrap());
        assert!(
            rel_close(ours, theirs, TOL),
            "{what}{k}: psym {ours} lavaan {theirs}"
        );
    }
}

/// lavaan's estimates and standard errors (rows of `parameters`) against ours: every
/// estimate 1e-4 relative, and 1e-3 the standard error wherever lavaan has one, which we must
/// have too (a fixed parameter or a derived residual variance, lavaan's se 0, has its estimate
/// checked only).
pub fn check_parameters(fit: &OrdinalFit, parameters: &Value) {
    let rows = parameters.as_array().unwrap();
    assert!(!rows.is_empty());
    for p in rows {
        let s = |k: &str| p[k].as_str().unwrap();
        let group = p["group"].as_u64().unwrap_or(1) as usize;
        let what = format!("{} {} {} (group {group})", s("lhs"), s("op"), s("rhs"));
        let ours = (fit.parameters.iter())
            .find(|e| e.lhs == s("lhs") && e.op == s("op") && e.rhs == s("rhs") && e.group == group)
            .unwrap_or_else(|| panic!("no {what}"));
        let (est, se) = (p["est"].as_f64().unwrap(), p["se"].as_f64().unwrap());
        assert!(
            rel_close(ours.est, est, TOL),
            "{what}: est {} vs {est}",
            ours.est
        );
        if se > 0.0 {
            let ours_se = ours
                .se
                .unwrap_or_else(|| panic!("{what}: no se, lavaan {se}"));
            assert!(
                rel_close(ours_se, se, TOL_SE),
                "{what}: se {ours_se} vs {se}"
            );
        }
    }
}

/// The rows of each language of ordinal_groups.csv (en first, as lavaan orders the groups by
/// appearance).
pub fn by_language() -> Vec<DMatrix<f64>> {
    by_language_in("ordinal_groups.csv")
}

/// The rows of each language of `file` (y1–y7 and lang, as ordinal_groups.csv; en first),
/// `NaN` for a missing answer.
pub fn by_language_in(file: &str) -> Vec<DMatrix<f64>> {
    let x = psym_testdata::data(file, &Y);
    let lang = psym_testdata::text(file, "lang");
    ["en", "nb"]
        .iter()
        .map(|l| {
            let rows: Vec<usize> = (0..lang.len()).filter(|&i| lang[i] == *l).collect();
            x.select_rows(&rows)
        })
        .collect()
}

/// lavaan's `group.equal` steps of the two-group models by name: none, thresholds, then
/// +loadings, +intercepts and +residuals.
pub fn group_equal_steps() -> [(&'static str, Vec<GroupEqual>); 5] {
    use GroupEqual::*;
    [
        ("configural", vec![]),
        ("thresholds", vec![Thresholds]),
        ("loadings", vec![Thresholds, Loadings]),
        ("intercepts", vec![Thresholds, Loadings, Intercepts]),
        (
            "residuals",
            vec![Thresholds, Loadings, Intercepts, Residuals],
        ),
    ]
}

/// Each of [`group_equal_steps`] of the two-factor model by language, fitted by WLSMV with
/// `options` applied to its two-group options, converged and checked against `steps` (lavaan's
/// entries by step name); the fits by step name.
pub fn fit_group_equal_steps(
    steps: &Value,
    options: impl Fn(ModelOptions) -> ModelOptions,
) -> Vec<(&'static str, OrdinalFit)> {
    let groups = by_language();
    let all = psym_testdata::data("ordinal_groups.csv", &Y);
    let mut fits = Vec::new();
    for (step, equal) in group_equal_steps() {
        let options = options(ModelOptions {
            groups: 2,
            group_equal: equal,
            ..ModelOptions::default()
        });
        let table = ordered_table(TWO_FACTORS, &Y, &all, options);
        let fit = fit_wlsmv(&table, &groups).unwrap();
        assert!(fit.converged, "{step}: {:?}", fit.convergence);
        let r = &steps[step];
        check_measures(&fit, r);
        check_parameters(&fit, &r["parameters"]);
        fits.push((step, fit));
    }
    fits
}

/// The two fits that lavTestLRT's row `t` compares: its `from` and `to` steps.
pub fn lrt_fits<'a>(fits: &'a [(&str, OrdinalFit)], t: &Value) -> (&'a OrdinalFit, &'a OrdinalFit) {
    let get = |k: &str| {
        let name = t[k].as_str().unwrap();
        &fits.iter().find(|(s, _)| *s == name).unwrap().1
    };
    (get("from"), get("to"))
}

/// lavaan's Δχ² (`chisq_diff`, `df_diff`, `pvalue`) of `t` against ours.
pub fn check_difference(t: &Value, chisq_diff: f64, df_diff: f64, pvalue: Option<f64>) {
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

/// The inputs of Wu & Estabrook's ordinal invariance ladder of the two-factor model by
/// language.
pub struct Ladder {
    /// The two-factor model with a cross-loading.
    pub model: Model,
    /// The rows of each language.
    pub groups: Vec<DMatrix<f64>>,
    /// Every item with its number of thresholds.
    pub ordered: Vec<(String, usize)>,
    /// The groups' labels.
    pub labels: [String; 2],
    /// The ladder's steps, other options the default.
    pub options: InvarianceOptions,
}

/// Wu & Estabrook's ladder of the two-factor model by language in `parameterization`:
/// configural, thresholds, metric, scalar, strict (theta only) and means.
pub fn ladder(parameterization: Parameterization) -> Ladder {
    let steps = ordinal_steps(parameterization);
    let all = psym_testdata::data("ordinal_groups.csv", &Y);
    Ladder {
        model: parse(TWO_FACTORS).unwrap(),
        groups: by_language(),
        ordered: ordered(&Y, &all),
        labels: ["en".to_string(), "nb".to_string()],
        options: InvarianceOptions {
            steps,
            ..InvarianceOptions::default()
        },
    }
}

/// semTools/lavaan's figures of a Wu & Estabrook ladder against `inv`: each step's standard and
/// scaled fit measures and the scaled RMSEA interval (`steps`, entries by step name), and
/// lavTestLRT's scaled-and-shifted differences of consecutive steps (`lrt`).
pub fn check_ladder(inv: &Invariance, steps: &Value, lrt: &Value) {
    for s in &inv.steps {
        let want = &steps[s.step.to_string()]["fit"];
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
    let lrt = lrt.as_array().unwrap();
    assert_eq!(inv.comparisons.len(), lrt.len());
    for (c, t) in inv.comparisons.iter().zip(lrt) {
        assert_eq!(c.step.to_string(), t["to"].as_str().unwrap());
        check_difference(t, c.chisq_diff, c.df_diff, c.pvalue);
    }
}
