//! Reference figures: psych::ICC on simulated dyads and lme4::lmer with the one-way ANOVA on
//! simulated clustered scores.
//!
//! Source: tests/data/reference/agreement.json, written by agreement.R (psych 2.2.9,
//! lme4 1.1-31, R 4.2; tests/data/reference/PROVENANCE.md).

use nalgebra::DMatrix;
use psym_agreement::{IccMethod, IccOptions, agreement, clusters, icc};
use psym_testdata::{matrix, reference, vector};
use serde_json::Value;

/// Closed forms (the ANOVA ICCs, their F tests and intervals, Bland–Altman, correlations,
/// the one-way ANOVA): the 1e-6; every figure agrees to better than 1e-10.
const CLOSED: f64 = 1e-6;
/// REML figures, the 1e-4. psych's default `lmer = TRUE` takes lme4's optimiser's
/// variance components, which stop about 5e-6 from the exact REML solution psym computes in
/// closed form (ICC1 of `dyads`: 0.6183937 against 0.6183988; the raters' boundary component
/// of `dyads_no_bias` is 6e-10 instead of 0). psym's one-way REML profile agrees with
/// lme4::lmer to better than 1e-8.
const REML: f64 = 1e-4;

fn close(what: &str, psym: f64, reference: &Value, tol: f64) {
    let want = reference
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: no number {reference}"));
    assert!(
        (psym - want).abs() < tol,
        "{what}: psym {psym}, reference {want} (tolerance {tol})"
    );
}

fn check_table(case: &str, method: IccMethod, key: &str, tol: f64) {
    let c = reference("agreement.json", case);
    let x: DMatrix<f64> = matrix(&c["ratings"]);
    let options = IccOptions {
        level: 0.95,
        method,
    };
    let table = icc(&x, &options).unwrap();
    for (row, want) in table.rows.iter().zip(c[key].as_array().unwrap()) {
        assert_eq!(row.kind.to_string(), want["type"].as_str().unwrap());
        let what = |f: &str| format!("{case} {key} {} {f}", row.kind);
        close(&what("icc"), row.icc, &want["icc"], tol);
        close(&what("f"), row.f, &want["f"], tol * 10.0);
        close(&what("df1"), row.df1, &want["df1"], 1e-12);
        close(&what("df2"), row.df2, &want["df2"], 1e-12);
        close(&what("p"), row.p, &want["p"], tol);
        close(&what("lower"), row.lower, &want["lower"], tol);
        close(&what("upper"), row.upper, &want["upper"], tol);
    }
}

#[test]
fn icc_anova_matches_psych_lmer_false() {
    for case in [
        "dyads",
        "dyads_no_bias",
        "three_raters",
        "no_targets",
        "noise",
    ] {
        check_table(case, IccMethod::Anova, "anova", CLOSED);
    }
}

/// psych's default: the REML components, with the raters' variance at zero in
/// `dyads_no_bias`, the targets' in `no_targets` and both in `noise` (where the ANOVA figures
/// differ from psych's default ones).
#[test]
fn icc_reml_matches_psych_default() {
    for case in [
        "dyads",
        "dyads_no_bias",
        "three_raters",
        "no_targets",
        "noise",
    ] {
        check_table(case, IccMethod::Reml, "lmer", REML);
    }
}

#[test]
fn dyad_correlations_and_bland_altman_match_r() {
    let c = reference("agreement.json", "dyads");
    let x = matrix(&c["ratings"]);
    let a: Vec<f64> = x.column(0).iter().copied().collect();
    let b: Vec<f64> = x.column(1).iter().copied().collect();
    let r = agreement(&a, &b, &IccOptions::default()).unwrap();
    close("pearson", r.pearson.unwrap(), &c["pearson"], CLOSED);
    close("spearman", r.spearman.unwrap(), &c["spearman"], CLOSED);
    let ba = &c["bland_altman"];
    let got = r.bland_altman;
    close("mean", got.mean_difference.value, &ba["mean"], CLOSED);
    close(
        "mean lower",
        got.mean_difference.lower,
        &ba["mean_lower"],
        CLOSED,
    );
    close(
        "mean upper",
        got.mean_difference.upper,
        &ba["mean_upper"],
        CLOSED,
    );
    close("sd", got.sd_difference, &ba["sd"], CLOSED);
    close("lower", got.lower_limit.value, &ba["lower"], CLOSED);
    close(
        "lower lower",
        got.lower_limit.lower,
        &ba["lower_lower"],
        CLOSED,
    );
    close(
        "lower upper",
        got.lower_limit.upper,
        &ba["lower_upper"],
        CLOSED,
    );
    close("upper", got.upper_limit.value, &ba["upper"], CLOSED);
    close(
        "upper lower",
        got.upper_limit.lower,
        &ba["upper_lower"],
        CLOSED,
    );
    close(
        "upper upper",
        got.upper_limit.upper,
        &ba["upper_upper"],
        CLOSED,
    );
}

fn cluster_case(case: &str) -> (Value, psym_agreement::ClusterVariation) {
    let c = reference("agreement.json", case);
    let y = vector(&c["y"]);
    let g: Vec<usize> = vector(&c["cluster"]).iter().map(|&v| v as usize).collect();
    let v = clusters(&y, &g).unwrap();
    (c, v)
}

/// Unequal clusters, two of one member.
#[test]
fn clusters_match_anova_and_lmer() {
    let (c, v) = cluster_case("clusters");
    assert_eq!(v.singletons, 2);
    close("msb", v.anova.anova.ms_between, &c["ms_between"], CLOSED);
    close("msw", v.anova.anova.ms_within, &c["ms_within"], CLOSED);
    close("n0", v.anova.anova.n0, &c["n0"], CLOSED);
    close("f", v.anova.f, &c["f"], CLOSED);
    close("p", v.anova.p, &c["p"], CLOSED);
    close("icc1", v.anova.icc1, &c["icc1"], CLOSED);
    close("icc2", v.anova.icc2, &c["icc2"], CLOSED);
    close(
        "reml between",
        v.reml.between_variance,
        &c["reml_between"],
        REML,
    );
    close(
        "reml within",
        v.reml.within_variance,
        &c["reml_within"],
        REML,
    );
    close("reml icc1", v.reml.icc1, &c["reml_icc1"], REML);
    close(
        "reml intercept",
        v.reml.intercept,
        &c["reml_intercept"],
        REML,
    );
    close(
        "reml criterion",
        v.reml.criterion,
        &c["reml_criterion"],
        REML,
    );
    assert!(v.reml.converged && !v.reml.boundary);
}

/// No variance between clusters: lme4 reports a singular fit with a zero component; psym
/// reports the boundary and a negative ANOVA ICC(1), and fails neither.
#[test]
fn zero_between_variance_is_reported_at_the_boundary() {
    let (c, v) = cluster_case("clusters_boundary");
    assert!(c["singular"].as_bool().unwrap());
    assert!(v.reml.boundary && v.reml.converged);
    close("reml icc1", v.reml.icc1, &c["reml_icc1"], REML);
    close(
        "reml within",
        v.reml.within_variance,
        &c["reml_within"],
        REML,
    );
    close(
        "reml criterion",
        v.reml.criterion,
        &c["reml_criterion"],
        REML,
    );
    close("icc1", v.anova.icc1, &c["icc1"], CLOSED);
    let kinds: Vec<String> = v
        .diagnostics
        .iter()
        .map(|d| {
            serde_json::to_value(d.kind)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(kinds.contains(&"boundary".to_owned()), "{kinds:?}");
    assert!(kinds.contains(&"negative_icc".to_owned()), "{kinds:?}");
    assert_eq!(v.design_effect, 1.0);
}
