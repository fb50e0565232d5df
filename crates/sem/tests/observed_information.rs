//! The observed information on nearly singular solutions (issue 9): the MLR scaled test and
//! robust standard errors of a Heywood solution must not depend on the parameterisation, and
//! an unidentified model must be flagged in every parameterisation, compared with lavaan
//! 0.6-14. Figures: tests/data/reference/mlr_se.json, written by
//! tests/data/reference/mlr_se.R.
//!
//! On these solutions lavaan's figures at its own estimates depend on where its optimiser
//! stopped (χ²_scaled 13.711 with a marker, 13.694 with std.lv, for one model), so mlr_se.R
//! also records lavaan's own computation at the stationary point (Newton steps from lavaan's
//! estimates, then lavaan run with `optim.method = "none"` there): that is the reference.

mod common;

use common::{TOL_SE, read_all, rel_close};
use psym_model::ModelOptions;
use psym_sem::{CfaFit, Dataset, DiagnosticKind, Estimator, FitOptions, fit_syntax};
use psym_testdata::reference;
use serde_json::Value;

/// The scaled statistic at the stationary point: 1e-5 relative. lavaan's figures there under
/// the two parameterisations agree to 1e-7 and psym's five-point Hessian is accurate to about
/// 1e-11, so this leaves a margin of 100; the defect it guards against was 12 % (a one-sided
/// difference Hessian), and stopping short of the stationary point moves the figure by 1e-3.
const TOL_SCALED: f64 = 1e-5;

/// psym's threshold for a singular information matrix (smallest eigenvalue relative to the
/// largest), restated to check the premise of the fixture: the unidentified model's
/// information is below it at lavaan's stationary point, the Heywood model's above it.
const SINGULAR_TOL: f64 = 1e-9;

fn run(model: &str, std_lv: bool, estimator: Estimator) -> CfaFit {
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let model_options = ModelOptions {
        std_lv,
        ..ModelOptions::default()
    };
    let options = FitOptions {
        estimator,
        ..FitOptions::default()
    };
    fit_syntax(model, &model_options, &data, &options).unwrap()
}

fn unidentified(fit: &CfaFit) -> bool {
    fit.diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::Unidentified)
}

/// Source: lavaan 0.6-14, mlr_se.R `hs_heywood_mlr` and `..._std_lv`: `cfa("f1 =~ x1 + x2;
/// f2 =~ x7 + x8", estimator = "MLR")` with a marker and with `std.lv = TRUE` (x8's residual
/// variance is negative), at the stationary point: χ²_scaled 13.69956 under both. psym once
/// gave 15.34 with the marker and 13.62 with std.lv. Tolerances: TOL_SCALED, common::TOL_SE.
#[test]
fn mlr_scaled_test_of_a_heywood_solution_does_not_depend_on_the_parameterisation() {
    let model = "f1 =~ x1 + x2\n f2 =~ x7 + x8";
    for (std_lv, key) in [(false, "hs_heywood_mlr"), (true, "hs_heywood_mlr_std_lv")] {
        let r = reference("mlr_se.json", key);
        let stationary = &r["stationary"];
        assert!(stationary["min_relative_eigen"].as_f64().unwrap() > SINGULAR_TOL);
        let fit = run(model, std_lv, Estimator::Mlr);
        assert!(fit.converged, "{key}: {:?}", fit.convergence);
        assert!(!unidentified(&fit), "{key}: {:?}", fit.diagnostics);
        let scaled = fit.fit.scaled.as_ref().expect("scaled measures under MLR");
        let lavaan = stationary["fit"]["chisq.scaled"].as_f64().unwrap();
        assert!(
            rel_close(scaled.test.statistic, lavaan, TOL_SCALED),
            "{key}: chisq_scaled psym {} lavaan {lavaan}",
            scaled.test.statistic
        );
        compare_standard_errors(&fit, &stationary["parameters"], key);
    }
}

/// Robust standard errors of the free parameters against lavaan's at the stationary point.
fn compare_standard_errors(fit: &CfaFit, params: &Value, key: &str) {
    for p in params.as_array().unwrap() {
        let s = |k: &str| p[k].as_str().unwrap();
        let Some(se) = p["se"].as_f64().filter(|&se| se > 0.0) else {
            continue;
        };
        let mine = fit
            .parameters
            .iter()
            .find(|q| q.lhs == s("lhs") && q.op.to_string() == s("op") && q.rhs == s("rhs"))
            .and_then(|q| q.se)
            .unwrap_or_else(|| panic!("{key}: no se for {} {} {}", s("lhs"), s("op"), s("rhs")));
        assert!(
            rel_close(mine, se, TOL_SE),
            "{key} {} {} {}: se psym {mine} lavaan {se}",
            s("lhs"),
            s("op"),
            s("rhs")
        );
    }
}

/// Source: lavaan 0.6-14, mlr_se.R `hs_unidentified_{ml,mlr}[_std_lv]`: `cfa("f1 =~ x1 + … +
/// x9; f2 =~ x4 + x5 + x6")`, in which `f1 → f1 + t·f2` leaves every implied covariance
/// unchanged. Under ML lavaan warns "could not compute standard errors" in both
/// parameterisations; its MLR run does not, because at its estimates (largest gradient
/// ~1e-6) its finite-difference information has a smallest relative eigenvalue of −5e-8
/// instead of 0 — at the stationary point it is ~1e-11. psym once flagged the marker fit
/// under MLR and not the std.lv one. Tolerance: SINGULAR_TOL (the premise only).
#[test]
fn unidentified_model_is_flagged_in_both_parameterisations_under_ml_and_mlr() {
    let model = "f1 =~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9\n f2 =~ x4 + x5 + x6";
    for (estimator, name) in [(Estimator::Ml, "ml"), (Estimator::Mlr, "mlr")] {
        for std_lv in [false, true] {
            let key = format!(
                "hs_unidentified_{name}{}",
                if std_lv { "_std_lv" } else { "" }
            );
            let r = reference("mlr_se.json", &key);
            assert!(r["stationary"]["min_relative_eigen"].as_f64().unwrap() < SINGULAR_TOL);
            if estimator == Estimator::Ml {
                assert_eq!(
                    r["lavaan_default"]["se_warning"],
                    Value::Bool(true),
                    "{key}"
                );
            }
            let fit = run(model, std_lv, estimator);
            assert!(fit.converged, "{key}: {:?}", fit.convergence);
            assert!(unidentified(&fit), "{key}: {:?}", fit.diagnostics);
        }
    }
}
