//! Invariant checks that need no reference implementation.

mod common;

use common::read_all;
use psym_model::ModelOptions;
use psym_sem::{Dataset, FitOptions, Missing, fit_syntax};
use psym_testdata::tolerance::CLOSED_FORM;

const HS: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";

/// Tolerance for the same optimum reached along different paths (optimiser 1e-8 relative).
const SAME: f64 = 1e-7;

fn hs(model: &str, opts: ModelOptions, reverse_columns: bool) -> psym_sem::CfaFit {
    let (mut names, mut x) = read_all("HolzingerSwineford1939.csv");
    if reverse_columns {
        names.reverse();
        let cols: Vec<usize> = (0..x.ncols()).rev().collect();
        x = x.select_columns(&cols);
    }
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    fit_syntax(model, &opts, &data, &FitOptions::default()).unwrap()
}

#[test]
fn df_is_moments_minus_parameters() {
    let f = hs(HS, ModelOptions::default(), false);
    assert_eq!(f.fit.df, (9 * 10 / 2 - f.fit.npar) as f64);
}

#[test]
fn column_order_of_the_data_does_not_matter() {
    let a = hs(HS, ModelOptions::default(), false);
    let b = hs(HS, ModelOptions::default(), true);
    assert!((a.fit.chisq - b.fit.chisq).abs() < SAME * a.fit.chisq);
    for (p, q) in a.parameters.iter().zip(&b.parameters) {
        assert!((p.est - q.est).abs() < 1e-6, "{} {} {}", p.lhs, p.op, p.rhs);
    }
}

/// Marker and unit-variance identification are the same model: same χ², same standardized
/// solution.
#[test]
fn identification_choice_does_not_change_the_fit() {
    let a = hs(HS, ModelOptions::default(), false);
    let b = hs(
        HS,
        ModelOptions {
            std_lv: true,
            ..Default::default()
        },
        false,
    );
    assert!((a.fit.chisq - b.fit.chisq).abs() < SAME * a.fit.chisq);
    for (p, q) in a.parameters.iter().zip(&b.parameters) {
        assert!(
            (p.std_all - q.std_all).abs() < 1e-6,
            "{} {} {}",
            p.lhs,
            p.op,
            p.rhs
        );
    }
}

/// With complete data FIML and listwise ML give the same estimates (FIML adds the means).
#[test]
fn fiml_on_complete_data_equals_ml() {
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let ml = fit_syntax(HS, &ModelOptions::default(), &data, &FitOptions::default()).unwrap();
    let fiml_opts = FitOptions {
        missing: Missing::Fiml,
        ..Default::default()
    };
    let fiml = fit_syntax(HS, &ModelOptions::default(), &data, &fiml_opts).unwrap();
    assert!((ml.fit.chisq - fiml.fit.chisq).abs() < 1e-6 * ml.fit.chisq);
    let loglik = |f: &psym_sem::CfaFit| f.fit.likelihood.as_ref().unwrap().loglik;
    assert!((loglik(&ml) - loglik(&fiml)).abs() < 1e-6 * loglik(&ml).abs());
    for p in &ml.parameters {
        let q = fiml
            .parameters
            .iter()
            .find(|q| q.lhs == p.lhs && q.op == p.op && q.rhs == p.rhs)
            .unwrap();
        assert!((p.est - q.est).abs() < 1e-6, "{} {} {}", p.lhs, p.op, p.rhs);
    }
}

/// A saturated model (one factor, three indicators) reproduces the sample exactly.
#[test]
fn saturated_model_has_zero_chisq() {
    let f = hs("f =~ x1 + x2 + x3", ModelOptions::default(), false);
    assert_eq!(f.fit.df, 0.0);
    assert!(f.fit.chisq.abs() < 1e-8);
    assert!((f.fit.cfi - 1.0).abs() < CLOSED_FORM);
}
