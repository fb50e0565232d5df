//! Reference tests against lavaan 0.6-14 beyond the shared fixtures: correlated residuals,
//! cross-loadings, fixed parameters, labels, second-order factors, a Heywood case, MLR, the
//! observed information and an unidentified model. Figures: tests/data/reference/cfa_extra.json,
//! written by tests/data/reference/cfa_extra.R.

mod common;

use common::{compare_with, read_all};
use psym_model::{ModelOptions, Op, ParamRef};
use psym_sem::{
    CfaFit, Dataset, DiagnosticKind, Estimator, FitOptions, Information, Missing, Subject,
    fit_syntax,
};
use psym_testdata::reference;

const HS: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";

fn run(file: &str, model: &str, options: FitOptions) -> CfaFit {
    let (names, x) = read_all(file);
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    fit_syntax(model, &ModelOptions::default(), &data, &options).unwrap()
}

fn check(model: &str, options: FitOptions, key: &str) -> CfaFit {
    let fit = run("HolzingerSwineford1939.csv", model, options);
    compare_with(&fit, &reference("cfa_extra.json", key), key, &[]);
    fit
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_resid_cross` (cross-loading x9, x7 ~~ x8, x2 ~~ x3).
/// x8's residual variance comes out slightly negative, so this also checks that psym follows
/// lavaan through an inadmissible solution (std.all of x7 ~~ x8 is −2.3).
#[test]
fn correlated_residuals_and_cross_loading() {
    let m = "visual =~ x1 + x2 + x3 + x9\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9\n x7 ~~ x8\n x2 ~~ x3";
    check(m, FitOptions::default(), "hs_resid_cross");
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_fixed_labels` (equal loadings by label, fixed
/// loading, fixed covariance, fixed residual variance, a start value).
#[test]
fn fixed_parameters_and_labels() {
    let m = "visual =~ x1 + a*x2 + a*x3\n textual =~ x4 + b*x5 + b*x6\n speed =~ x7 + 0.8*x8 + start(1)*x9\n visual ~~ 0*speed\n x9 ~~ 0.5*x9";
    let fit = check(m, FitOptions::default(), "hs_fixed_labels");
    let a: Vec<f64> = fit
        .parameters
        .iter()
        .filter(|p| p.label == "a")
        .map(|p| p.est)
        .collect();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0], a[1]);
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_second_order`.
#[test]
fn second_order_factor() {
    check(
        &format!("{HS}\n g =~ visual + textual + speed"),
        FitOptions::default(),
        "hs_second_order",
    );
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_heywood`: x8's residual variance is negative; the
/// numbers still match lavaan and the admissibility report names the Heywood case.
#[test]
fn heywood_case_is_reported() {
    let fit = check(
        "f =~ x1 + x2 + x3\n g =~ x7 + x8",
        FitOptions::default(),
        "hs_heywood",
    );
    assert!(fit.converged);
    assert!(!fit.admissible);
    let d = fit
        .diagnostics
        .iter()
        .find(|d| d.kind == DiagnosticKind::NegativeVariance)
        .unwrap();
    // the parameter is a typed subject, not prose in the message
    assert_eq!(
        d.subject,
        Subject::Parameter(ParamRef::new("x8", Op::Covary, "x8"))
    );
    assert!(
        d.message.contains("negative residual variance"),
        "{}",
        d.message
    );
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_mlr` (`estimator = "MLR"`).
#[test]
fn mlr_complete_data() {
    check(
        HS,
        FitOptions {
            estimator: Estimator::Mlr,
            ..Default::default()
        },
        "hs_mlr",
    );
}

/// Source: lavaan 0.6-14, cfa_extra.R `alliance_mlr_fiml` (`estimator = "MLR", missing = "ml"`).
/// The robust CFI/TLI/RMSEA use the FIML-C correction of Zhang & Savalei (2022).
#[test]
fn mlr_fiml() {
    let m = "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";
    let opts = FitOptions {
        estimator: Estimator::Mlr,
        missing: Missing::Fiml,
        ..Default::default()
    };
    let fit = run("alliance_en_nb.csv", m, opts);
    let key = "alliance_mlr_fiml";
    compare_with(&fit, &reference("cfa_extra.json", key), key, &[]);
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_observed` (`information = "observed"`).
#[test]
fn observed_information() {
    check(
        HS,
        FitOptions {
            information: Some(Information::Observed),
            ..Default::default()
        },
        "hs_observed",
    );
}

/// An unidentified model (one factor, two indicators: 4 parameters, 3 moments; lavaan:
/// npar 4, df −1) is refused before optimising, naming both counts (lavaan fits it and warns).
#[test]
fn unidentified_model_is_reported() {
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let err = fit_syntax(
        "f =~ x1 + x2",
        &ModelOptions::default(),
        &data,
        &FitOptions::default(),
    )
    .unwrap_err();
    let r = reference("cfa_extra.json", "hs_unidentified");
    let npar = r["npar"].as_f64().unwrap();
    let moments = npar + r["df"].as_f64().unwrap();
    assert_eq!(
        err,
        psym_sem::SemError::NotIdentified {
            npar: npar as usize,
            moments: moments as usize
        }
    );
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_modindices` (`modindices(cfa(HS model))`): MI, EPC
/// and sepc.all of all 54 candidates. Tolerance 1e-4 relative (1e-6 absolute near zero).
#[test]
fn modification_indices_match_lavaan() {
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let table = psym_model::from_syntax(HS, &ModelOptions::default()).unwrap();
    let opts = FitOptions::default();
    let fit = psym_sem::fit(&table, &data, &opts).unwrap();
    let mi = psym_sem::modification_indices(&fit);
    let r = reference("cfa_extra.json", "hs_modindices");
    let r = r.as_array().unwrap();
    assert_eq!(mi.len(), r.len());
    for e in r {
        let s = |k: &str| e[k].as_str().unwrap().to_string();
        let m = mi
            .iter()
            .find(|m| m.lhs == s("lhs") && m.op.to_string() == s("op") && m.rhs == s("rhs"))
            .unwrap_or_else(|| panic!("no MI for {} {} {}", s("lhs"), s("op"), s("rhs")));
        for (ours, theirs) in [(m.mi, "mi"), (m.epc, "epc"), (m.sepc_all, "sepc.all")] {
            let b = e[theirs].as_f64().unwrap();
            assert!(
                common::rel_close(ours, b, 1e-4),
                "{} {} {} {theirs}: {ours} vs {b}",
                m.lhs,
                m.op,
                m.rhs
            );
        }
    }
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_resid_cor` (`resid(fit, type = "cor")$cov`).
/// Tolerance 1e-6 absolute (differences of correlations).
#[test]
fn residual_correlations_match_lavaan() {
    let fit = run("HolzingerSwineford1939.csv", HS, FitOptions::default());
    let r = psym_sem::residual_correlations(&fit.moments[0]);
    let theirs = reference("cfa_extra.json", "hs_resid_cor");
    for (i, row) in theirs["cov"].as_array().unwrap().iter().enumerate() {
        for (j, v) in row.as_array().unwrap().iter().enumerate() {
            assert!((r[(i, j)] - v.as_f64().unwrap()).abs() < 1e-6, "({i},{j})");
        }
    }
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_lrt` (`lavTestLRT(fit3, fit_orth, ...)`; the
/// orthogonal model is written with fixed zero covariances). Tolerance 1e-4 relative.
#[test]
fn likelihood_ratio_test_matches_lavaan() {
    let three = run("HolzingerSwineford1939.csv", HS, FitOptions::default());
    let orth_model = format!("{HS}\n visual ~~ 0*textual + 0*speed\n textual ~~ 0*speed");
    let orth = run(
        "HolzingerSwineford1939.csv",
        &orth_model,
        FitOptions::default(),
    );
    let rows = psym_sem::compare(&[("orth".into(), &orth), ("three".into(), &three)]).unwrap();
    assert_eq!(rows[0].model, "three");
    let r = reference("cfa_extra.json", "hs_lrt");
    let theirs = &r[1];
    let pairs = [
        (rows[1].chisq, "Chisq"),
        (rows[1].chisq_diff.unwrap(), "Chisq diff"),
        (rows[1].df_diff.unwrap(), "Df diff"),
        (rows[1].rmsea.unwrap(), "RMSEA"),
        (rows[1].pvalue.unwrap(), "Pr(>Chisq)"),
        (rows[1].aic.unwrap(), "AIC"),
    ];
    for (ours, k) in pairs {
        let b = theirs[k].as_f64().unwrap();
        assert!(common::rel_close(ours, b, 1e-4), "{k}: {ours} vs {b}");
    }
}

/// A duplicated column makes the sample covariance matrix singular: a plain error, no panic.
#[test]
fn duplicated_item_is_a_plain_error() {
    let (mut names, x) = read_all("HolzingerSwineford1939.csv");
    let j = names.iter().position(|n| n == "x1").unwrap();
    let cols = x.ncols();
    let mut x = x.insert_column(cols, 0.0);
    let last = x.ncols() - 1;
    for r in 0..x.nrows() {
        x[(r, last)] = x[(r, j)];
    }
    names.push("x1copy".into());
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let e = fit_syntax(
        "f =~ x1 + x2 + x3 + x1copy",
        &ModelOptions::default(),
        &data,
        &FitOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("linear combinations"), "{e}");
}

/// Source: lavaan 0.6-14, cfa_extra.R `hs_lrt_mlr` (`lavTestLRT` of two MLR fits: the
/// Satorra–Bentler 2001 scaled difference). Tolerance 1e-4 relative.
#[test]
fn scaled_difference_test_matches_lavaan() {
    let mlr = FitOptions {
        estimator: Estimator::Mlr,
        ..Default::default()
    };
    let three = run("HolzingerSwineford1939.csv", HS, mlr.clone());
    let orth_model = format!("{HS}\n visual ~~ 0*textual + 0*speed\n textual ~~ 0*speed");
    let orth = run("HolzingerSwineford1939.csv", &orth_model, mlr);
    let rows = psym_sem::compare(&[("three".into(), &three), ("orth".into(), &orth)]).unwrap();
    let r = reference("cfa_extra.json", "hs_lrt_mlr");
    for (ours, k) in [
        (rows[1].chisq_diff.unwrap(), "Chisq diff"),
        (rows[1].pvalue.unwrap(), "Pr(>Chisq)"),
    ] {
        let b = r[1][k].as_f64().unwrap();
        assert!(common::rel_close(ours, b, 1e-4), "{k}: {ours} vs {b}");
    }
}
