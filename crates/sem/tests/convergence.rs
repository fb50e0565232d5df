//! Starting values and convergence (issue 9, points 1 and 2; issue 10, point 4): models that
//! once started badly or were reported as not converged, compared with lavaan 0.6-14.
//! Figures: tests/data/reference/sem_fit.json, written by tests/data/reference/sem_fit.R.

mod common;

use common::{compare_with, read_all};
use psym_model::ModelOptions;
use psym_sem::{CfaFit, Dataset, Estimator, FitOptions, Missing, SemError, Stop, fit_syntax};
use psym_testdata::reference;

fn run(file: &str, model: &str, model_options: &ModelOptions, options: &FitOptions) -> CfaFit {
    let (names, x) = read_all(file);
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    fit_syntax(model, model_options, &data, options).unwrap()
}

/// The search ended on lavaan's rule, well inside the iteration cap, with a gradient at
/// rounding level: the convergence report carries both figures.
fn assert_clean_convergence(fit: &CfaFit) {
    let c = &fit.convergence;
    assert!(fit.converged, "{c:?}");
    assert_eq!(c.stop, Stop::RelativeChange, "{c:?}");
    assert!(c.iterations > 0 && c.iterations < 200, "{c:?}");
    assert!(c.gradient_max < 1e-5, "{c:?}");
}

/// Source: lavaan 0.6-14, sem_fit.R `growth`: `growth("i =~ 1*t1 + 1*t2 + 1*t3 + 1*t4; s =~
/// 0*t1 + 1*t2 + 2*t3 + 3*t4", growth.csv)` (χ² 6.240, df 5). The slope's first loading is
/// fixed at 0, which once divided its starting variance by 0 (χ² ≈ 11,000, not converged).
/// Tolerances: common::TOL_EST and TOL_SE.
#[test]
fn growth_model_with_a_zero_marker_loading_matches_lavaan() {
    let model = "i =~ 1*t1 + 1*t2 + 1*t3 + 1*t4
                 s =~ 0*t1 + 1*t2 + 2*t3 + 3*t4
                 t1 ~ 0*1\n t2 ~ 0*1\n t3 ~ 0*1\n t4 ~ 0*1
                 i ~ 1\n s ~ 1";
    let fit = run(
        "growth.csv",
        model,
        &ModelOptions::default(),
        &FitOptions::default(),
    );
    assert_clean_convergence(&fit);
    compare_with(&fit, &reference("sem_fit.json", "growth"), "growth", &[]);
}

/// Source: lavaan 0.6-14, sem_fit.R `alliance_bifactor_fiml`: the bifactor model of
/// `psym cfa --alliance-models` with `missing = "ml"` (χ² 87.750, df 42). It once crawled
/// along a flat ridge to the iteration cap. Tolerances: common::TOL_EST and TOL_SE.
#[test]
fn alliance_bifactor_under_fiml_converges_to_lavaan() {
    let model = "general =~ i1 + i2 + i3 + i4 + i5 + i6 + i7 + i8 + i9 + i10 + i11 + i12
                 goal =~ i1 + i2 + i3 + i4
                 task =~ i5 + i6 + i7 + i8
                 bond =~ i9 + i10 + i11 + i12
                 general ~~ 0*goal + 0*task + 0*bond
                 goal ~~ 0*task + 0*bond
                 task ~~ 0*bond";
    let options = FitOptions {
        missing: Missing::Fiml,
        ..FitOptions::default()
    };
    let fit = run(
        "alliance_en_nb.csv",
        model,
        &ModelOptions::default(),
        &options,
    );
    assert_clean_convergence(&fit);
    let key = "alliance_bifactor_fiml";
    // lavaan also lists its robust CFI/RMSEA for FIML under ML; psym reports them under MLR only.
    let robust = ["cfi.robust", "rmsea.robust"];
    compare_with(&fit, &reference("sem_fit.json", key), key, &robust);
}

/// Source: lavaan 0.6-14, sem_fit.R `hs_two_indicator_mlr` and `..._std_lv`: two factors with
/// two indicators each under MLR (identified only through the factor covariance), with a
/// marker and with std.lv. Both once stopped at the iteration cap. Tolerances:
/// common::TOL_EST and TOL_SE.
#[test]
fn two_indicator_factors_under_mlr_converge_in_both_parameterisations() {
    let options = FitOptions {
        estimator: Estimator::Mlr,
        ..FitOptions::default()
    };
    for (std_lv, key) in [
        (false, "hs_two_indicator_mlr"),
        (true, "hs_two_indicator_mlr_std_lv"),
    ] {
        let model_options = ModelOptions {
            std_lv,
            ..ModelOptions::default()
        };
        let fit = run(
            "HolzingerSwineford1939.csv",
            "f1 =~ x1 + x2\n f2 =~ x4 + x5",
            &model_options,
            &options,
        );
        assert_clean_convergence(&fit);
        compare_with(&fit, &reference("sem_fit.json", key), key, &[]);
    }
}

/// A model with more free parameters than sample moments is refused before any optimising,
/// naming both counts: 2 loadings + 1 factor variance + 3 residual variances + 3 residual
/// covariances = 9 parameters against 3·4/2 = 6 moments.
#[test]
fn more_parameters_than_moments_is_refused_before_fitting() {
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let model = "f =~ x1 + x2 + x3\n x1 ~~ x2\n x1 ~~ x3\n x2 ~~ x3";
    let err = fit_syntax(
        model,
        &ModelOptions::default(),
        &data,
        &FitOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        SemError::NotIdentified {
            npar: 9,
            moments: 6
        }
    );
    let text = err.to_string();
    assert!(
        text.contains("9 free parameters") && text.contains("only 6"),
        "{text}"
    );
}

/// A warm start from a related fit (`fit_from`, as the invariance ladder uses it) reaches the
/// same optimum as a cold start, in fewer iterations: the metric model of
/// HolzingerSwineford1939 by school started from the configural estimates. Tolerance 1e-6
/// relative on χ² (both searches stop at the optimiser's relative tolerance, 1e-14 in f).
#[test]
fn warm_start_reaches_the_same_optimum_sooner() {
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let school = common::schools();
    let data = Dataset {
        names: &names,
        values: &x,
        groups: Some(&school),
    };
    let model = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";
    let options = |equal: Vec<psym_model::GroupEqual>| ModelOptions {
        groups: 2,
        meanstructure: true,
        group_equal: equal,
        ..ModelOptions::default()
    };
    let fits = FitOptions::default();
    let configural = fit_syntax(model, &options(Vec::new()), &data, &fits).unwrap();
    let metric =
        psym_model::from_syntax(model, &options(vec![psym_model::GroupEqual::Loadings])).unwrap();
    let cold = psym_sem::fit(&metric, &data, &fits).unwrap();
    let warm = psym_sem::fit_from(&metric, &data, &fits, &configural).unwrap();
    assert_clean_convergence(&warm);
    assert!(common::rel_close(warm.fit.chisq, cold.fit.chisq, 1e-6));
    assert!(
        warm.convergence.iterations < cold.convergence.iterations,
        "warm {} cold {}",
        warm.convergence.iterations,
        cold.convergence.iterations
    );
}
