//! Multi-group models through the parameter table's `group` column and shared labels:
//! configural, metric and scalar invariance of the HolzingerSwineford1939 model across schools,
//! written with lavaan's `c(...)` modifiers (the equivalent of `group.equal`).

mod common;

use common::{read_all, rel_close, schools};
use psym_model::ModelOptions;
use psym_sem::{Dataset, FitOptions, fit_syntax};
use psym_testdata::reference;

const CONFIGURAL: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";
const METRIC: &str = "visual =~ x1 + c(l2, l2)*x2 + c(l3, l3)*x3
 textual =~ x4 + c(l5, l5)*x5 + c(l6, l6)*x6
 speed =~ x7 + c(l8, l8)*x8 + c(l9, l9)*x9";

fn scalar() -> String {
    let mut m = METRIC.to_string();
    for i in 1..=9 {
        m.push_str(&format!("\n x{i} ~ c(i{i}, i{i})*1"));
    }
    m.push_str("\n visual ~ c(0, NA)*1\n textual ~ c(0, NA)*1\n speed ~ c(0, NA)*1");
    m
}

/// Source: lavaan 0.6-14, `cfa(m3, hs, group = "school", group.equal = ...)` (fixture
/// `hs_invariance`). Tolerance 1e-4 relative, as the single-group tests.
#[test]
fn invariance_models_match_lavaan() {
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let groups = schools();
    let data = Dataset {
        names: &names,
        values: &x,
        groups: Some(&groups),
    };
    let inv = reference("lavaan_psych_reference.json", "hs_invariance");
    let opts = ModelOptions {
        groups: 2,
        ..Default::default()
    };
    for (key, model) in [
        ("configural", CONFIGURAL.to_string()),
        ("metric", METRIC.to_string()),
        ("scalar", scalar()),
    ] {
        let fit = fit_syntax(&model, &opts, &data, &FitOptions::default()).unwrap();
        assert!(fit.converged, "{key}");
        let ours = serde_json::to_value(&fit.fit).unwrap();
        for (theirs, mine) in [
            ("chisq", "chisq"),
            ("df", "df"),
            ("npar", "npar"),
            ("cfi", "cfi"),
            ("tli", "tli"),
            ("rmsea", "rmsea"),
            ("rmsea.ci.upper", "rmsea_ci_upper"),
            ("srmr", "srmr"),
            ("logl", "loglik"),
            ("bic", "bic"),
        ] {
            let (a, b) = (
                ours[mine].as_f64().unwrap(),
                inv[key][theirs].as_f64().unwrap(),
            );
            assert!(rel_close(a, b, 1e-4), "{key} {theirs}: psym {a} lavaan {b}");
        }
    }
}

/// Source: lavaan 0.6-14 fixture `hs_invariance` again, now through `group_equal` (lavaan's
/// `group.equal`), including strict invariance (equal residual variances).
#[test]
fn group_equal_matches_lavaan() {
    use psym_model::GroupEqual::{Intercepts, Loadings, Residuals};
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let groups = schools();
    let data = Dataset {
        names: &names,
        values: &x,
        groups: Some(&groups),
    };
    let inv = reference("lavaan_psych_reference.json", "hs_invariance");
    for (key, equal) in [
        ("metric", vec![Loadings]),
        ("scalar", vec![Loadings, Intercepts]),
        ("strict", vec![Loadings, Intercepts, Residuals]),
    ] {
        let opts = ModelOptions {
            groups: 2,
            group_equal: equal,
            ..Default::default()
        };
        let fit = fit_syntax(CONFIGURAL, &opts, &data, &FitOptions::default()).unwrap();
        let ours = serde_json::to_value(&fit.fit).unwrap();
        for (theirs, mine) in [
            ("chisq", "chisq"),
            ("df", "df"),
            ("npar", "npar"),
            ("cfi", "cfi"),
            ("rmsea", "rmsea"),
            ("srmr", "srmr"),
            ("aic", "aic"),
        ] {
            let (a, b) = (
                ours[mine].as_f64().unwrap(),
                inv[key][theirs].as_f64().unwrap(),
            );
            assert!(rel_close(a, b, 1e-4), "{key} {theirs}: psym {a} lavaan {b}");
        }
    }
}
