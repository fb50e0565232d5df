//! Partial invariance: score tests of equality constraints across groups against lavaan's
//! `lavTestScore(fit, univariate = TRUE, epc = TRUE)`, a `group.partial` fit, and the
//! consequences of partial scalar invariance for latent means and observed scores.
//!
//! Sources: lavaan 0.6-14, tests/data/reference/score_tests.json written by score_tests.R
//! (HolzingerSwineford1939 by school, metric and scalar; the alliance example by language,
//! scalar listwise and FIML, and the partial scalar model) and consequences.json written by
//! consequences.R.

mod common;

use common::{read_all, rel_close};
use psym_model::{GroupEqual, ModelOptions, Op, parse_parameter};
use psym_sem::{CfaFit, Dataset, FitOptions, Missing, consequences, fit_syntax, score_tests};
use psym_testdata::reference;
use serde_json::Value;

/// Statistics and expected changes: 1e-3 relative (the tolerance for score tests),
/// or 1e-4 absolute for figures near zero. They are quadratic forms in the gradient at the
/// estimates, which is itself of the order of the optimiser's tolerance away from lavaan's
/// (both stop near 1e-7 in f), so small statistics carry that error relative to their size.
const TOL: f64 = 1e-3;
const TOL_ABS: f64 = 1e-4;

fn close(a: f64, b: f64) -> bool {
    rel_close(a, b, TOL) || (a - b).abs() < TOL_ABS
}

fn fit(file: &str, column: &str, model: &str, equal: &[GroupEqual], missing: Missing) -> CfaFit {
    fit_partial(file, column, model, equal, &[], missing)
}

fn fit_partial(
    file: &str,
    column: &str,
    model: &str,
    equal: &[GroupEqual],
    partial: &[&str],
    missing: Missing,
) -> CfaFit {
    let (names, x) = read_all(file);
    let labels = psym_testdata::text(file, column);
    let mut order: Vec<&String> = Vec::new();
    for l in &labels {
        if !order.contains(&l) {
            order.push(l);
        }
    }
    let groups: Vec<usize> = labels
        .iter()
        .map(|l| order.iter().position(|o| *o == l).unwrap())
        .collect();
    let data = Dataset {
        names: &names,
        values: &x,
        groups: Some(&groups),
    };
    let model_options = ModelOptions {
        groups: order.len(),
        group_equal: equal.to_vec(),
        group_partial: partial
            .iter()
            .map(|p| parse_parameter(p).unwrap())
            .collect(),
        meanstructure: true,
        ..ModelOptions::default()
    };
    let options = FitOptions {
        missing,
        ..FitOptions::default()
    };
    fit_syntax(model, &model_options, &data, &options).unwrap()
}

fn op(s: &str) -> Op {
    s.parse().unwrap()
}

fn check(fit: &CfaFit, key: &str) {
    let r = reference("score_tests.json", key);
    let tests = score_tests(fit).expect("score tests");
    let total = r["test"]["X2"].as_f64().unwrap();
    assert!(
        close(tests.total_chisq, total),
        "{key} total: psym {} lavaan {total}",
        tests.total_chisq
    );
    assert_eq!(tests.total_df, r["test"]["df"].as_f64().unwrap());
    let uni = r["uni"].as_array().unwrap();
    assert_eq!(tests.univariate.len(), uni.len(), "{key}");
    for (ours, theirs) in tests.univariate.iter().zip(uni) {
        let s = |k: &str| theirs[k].as_str().unwrap().to_string();
        let g = |k: &str| theirs[k].as_u64().unwrap() as usize;
        assert_eq!(
            (
                &ours.parameter.lhs,
                ours.parameter.op,
                &ours.parameter.rhs,
                ours.groups
            ),
            (
                &s("lhs"),
                op(&s("op")),
                &s("rhs"),
                [g("group_a"), g("group_b")]
            ),
            "{key}"
        );
        let x2 = theirs["X2"].as_f64().unwrap();
        assert!(
            close(ours.chisq, x2),
            "{key} {}: psym {} lavaan {x2}",
            ours.parameter,
            ours.chisq
        );
    }
    let epc: &Vec<Value> = r["epc"].as_array().unwrap();
    for e in epc {
        let (lhs, o, rhs) = (
            e["lhs"].as_str().unwrap(),
            op(e["op"].as_str().unwrap()),
            e["rhs"].as_str().unwrap(),
        );
        let group = e["group"].as_u64().unwrap() as usize;
        let ours = tests
            .released
            .iter()
            .find(|c| {
                c.parameter.lhs == lhs
                    && c.parameter.op == o
                    && c.parameter.rhs == rhs
                    && c.parameter.group == Some(group)
            })
            .unwrap_or_else(|| panic!("{key}: no {lhs} {o} {rhs} in group {group}"));
        let theirs = e["epc"].as_f64().unwrap();
        assert!(
            close(ours.epc, theirs),
            "{key} epc {}: psym {} lavaan {theirs}",
            ours.parameter,
            ours.epc
        );
    }
}

const HS: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";
const ALLIANCE: &str =
    "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";

#[test]
fn score_tests_match_lavaan_on_holzinger_swineford() {
    let metric = fit(
        "HolzingerSwineford1939.csv",
        "school",
        HS,
        &[GroupEqual::Loadings],
        Missing::Listwise,
    );
    check(&metric, "hs_metric");
    let scalar = fit(
        "HolzingerSwineford1939.csv",
        "school",
        HS,
        &[GroupEqual::Loadings, GroupEqual::Intercepts],
        Missing::Listwise,
    );
    check(&scalar, "hs_scalar");
}

#[test]
fn score_tests_match_lavaan_on_the_alliance_example() {
    let equal = [GroupEqual::Loadings, GroupEqual::Intercepts];
    check(
        &fit(
            "alliance_en_nb.csv",
            "lang",
            ALLIANCE,
            &equal,
            Missing::Listwise,
        ),
        "alliance_scalar",
    );
    check(
        &fit(
            "alliance_en_nb.csv",
            "lang",
            ALLIANCE,
            &equal,
            Missing::Fiml,
        ),
        "alliance_scalar_fiml",
    );
}

/// Without constraints across groups there is nothing to test.
#[test]
fn a_configural_fit_has_no_score_tests() {
    let configural = fit(
        "HolzingerSwineford1939.csv",
        "school",
        HS,
        &[],
        Missing::Listwise,
    );
    assert!(score_tests(&configural).is_none());
}

/// The parameters `psym invariance --partial auto` frees on the alliance example.
const FREED: [&str; 3] = ["task=~i7", "bond=~i11", "i10~1"];

/// The partial scalar model with [`FREED`] free across languages.
fn partial_scalar() -> CfaFit {
    let equal = [GroupEqual::Loadings, GroupEqual::Intercepts];
    fit_partial(
        "alliance_en_nb.csv",
        "lang",
        ALLIANCE,
        &equal,
        &FREED,
        Missing::Listwise,
    )
}

/// The partial scalar model `psym invariance --partial auto` reaches on the alliance example
/// (lavaan's `group.partial = c("task=~i7", "bond=~i11", "i10~1")`): its fit measures (1e-4
/// relative, as the other fit references) and its score tests.
#[test]
fn partial_scalar_fit_and_score_tests_match_lavaan() {
    let f = partial_scalar();
    let r = reference("score_tests.json", "alliance_partial_scalar");
    for (k, ours) in [
        ("chisq", f.fit.chisq),
        ("df", f.fit.df),
        ("cfi", f.fit.cfi),
        ("rmsea", f.fit.rmsea),
        ("srmr", f.fit.srmr),
    ] {
        let theirs = r["fit"][k].as_f64().unwrap();
        assert!(
            rel_close(ours, theirs, 1e-4),
            "{k}: psym {ours} lavaan {theirs}"
        );
    }
    check(&f, "alliance_partial_scalar");
}

/// Latent means (with standard errors), variances and standardized differences against
/// lavaan's parameterEstimates, and dMACS and the signed item bias of the non-invariant items
/// written out in consequences.R from lavaan's estimates: 1e-4 relative (the estimates'
/// tolerance), 1e-5 absolute for the near-zero biases.
#[test]
fn consequences_of_partial_scalar_invariance_match_lavaan() {
    let f = partial_scalar();
    let free: Vec<_> = FREED.iter().map(|p| parse_parameter(p).unwrap()).collect();
    let c = consequences(&f, &free, &["i11".to_string()]);
    let r = psym_testdata::reference("consequences.json", "latent");
    let near = |a: f64, b: f64| rel_close(a, b, 1e-4) || (a - b).abs() < 1e-5;
    for want in r.as_array().unwrap() {
        let factor = want["factor"].as_str().unwrap();
        let ours = c
            .latent
            .iter()
            .find(|l| l.factor == factor && l.group == 2)
            .unwrap();
        for (k, a) in [
            ("mean", ours.mean),
            ("mean_se", ours.mean_se.unwrap()),
            ("variance", ours.variance),
            ("variance_ratio", ours.variance_ratio),
            ("d", ours.d),
        ] {
            let b = want[k].as_f64().unwrap();
            assert!(near(a, b), "{factor} {k}: psym {a} lavaan {b}");
        }
    }
    let r = psym_testdata::reference("consequences.json", "items");
    for want in r.as_array().unwrap() {
        let item = want["item"].as_str().unwrap();
        let ours = c
            .items
            .iter()
            .find(|d| d.item == item && d.group == 2)
            .unwrap();
        for (k, a) in [("dmacs", ours.dmacs), ("mean_bias", ours.mean_bias)] {
            let b = want[k].as_f64().unwrap();
            assert!(near(a, b), "{item} {k}: psym {a} R {b}");
        }
    }
    assert_eq!(c.items.len(), 3);
    // bond's items i9–i12: i10 and i11 differ, i11 scored reversed.
    let bond = c.scales.iter().find(|s| s.factor == "bond").unwrap();
    let i10 = c.items.iter().find(|d| d.item == "i10").unwrap().mean_bias;
    let i11 = c.items.iter().find(|d| d.item == "i11").unwrap().mean_bias;
    assert!((bond.mean_bias - (i10 - i11) / 4.0).abs() < psym_testdata::tolerance::CLOSED_FORM);
    assert!(c.scales.iter().all(|s| s.factor != "goal"));
}
