//! Reference tests against lavaan 0.6-14 (tests/data/reference/lavaan_psych_reference.json,
//! written by tests/data/reference/reference.R).

mod common;

use common::{read_csv, reference, rel_close};
use psym_model::ModelOptions;
use psym_sem::{CfaFit, Dataset, FitOptions, Missing, fit_syntax};
use serde_json::Value;

/// Estimates and fit measures: 1e-4 relative (lavaan stops nlminb at a relative change of
/// about 1e-10 in the objective, which leaves estimates accurate to ~1e-6).
const TOL_EST: f64 = 1e-4;
/// Standard errors: 1e-3 relative (the observed information is a finite-difference Hessian).
const TOL_SE: f64 = 1e-3;

const HS: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";
const ALLIANCE: &str = "goal =~ i1 + i2 + i3 + i4
         task =~ i5 + i6 + i7 + i8
         bond =~ i9 + i10 + i11 + i12";

fn run(file: &str, model: &str, std_lv: bool, missing: Missing) -> CfaFit {
    let (names, x) = read_csv(file);
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let opts = ModelOptions {
        std_lv,
        ..Default::default()
    };
    let fo = FitOptions {
        missing,
        ..Default::default()
    };
    fit_syntax(model, &opts, &data, &fo).unwrap()
}

fn compare(fit: &CfaFit, key: &str) {
    let r = reference("lavaan_psych_reference.json", key);
    assert!(fit.converged, "{key}: {:?}", fit.convergence);
    let f = &r["fit"];
    let ours = serde_json::to_value(&fit.fit).unwrap();
    for (theirs, mine) in [
        ("chisq", "chisq"),
        ("df", "df"),
        ("pvalue", "pvalue"),
        ("cfi", "cfi"),
        ("tli", "tli"),
        ("rmsea", "rmsea"),
        ("rmsea.ci.lower", "rmsea_ci_lower"),
        ("rmsea.ci.upper", "rmsea_ci_upper"),
        ("srmr", "srmr"),
        ("aic", "aic"),
        ("bic", "bic"),
        ("logl", "loglik"),
        ("npar", "npar"),
        ("ntotal", "ntotal"),
    ] {
        let (a, b) = (ours[mine].as_f64().unwrap(), f[theirs].as_f64().unwrap());
        assert!(
            rel_close(a, b, TOL_EST),
            "{key} {theirs}: psym {a} lavaan {b}"
        );
    }
    let params = r["parameters"].as_array().unwrap();
    assert_eq!(
        params.len(),
        fit.parameters.len(),
        "{key}: number of parameters"
    );
    for p in params {
        let s = |k: &str| p[k].as_str().unwrap_or("").to_string();
        let mine = fit
            .parameters
            .iter()
            .find(|q| q.lhs == s("lhs") && q.op == s("op") && q.rhs == s("rhs"))
            .unwrap_or_else(|| panic!("{key}: no {} {} {}", s("lhs"), s("op"), s("rhs")));
        let num = |k: &str| p[k].as_f64();
        let what = format!("{key} {} {} {}", s("lhs"), s("op"), s("rhs"));
        assert!(
            rel_close(mine.est, num("est").unwrap(), TOL_EST),
            "{what} est {} vs {}",
            mine.est,
            p["est"]
        );
        assert!(
            rel_close(mine.std_all, num("std.all").unwrap(), TOL_EST),
            "{what} std.all {} vs {}",
            mine.std_all,
            p["std.all"]
        );
        if let (Some(se), Value::Number(_)) = (mine.se, &p["z"]) {
            assert!(
                rel_close(se, num("se").unwrap(), TOL_SE),
                "{what} se {se} vs {}",
                p["se"]
            );
        }
    }
}

/// Source: lavaan 0.6-14, `cfa(HS model, HolzingerSwineford1939)` (fixture `hs_cfa3`).
#[test]
fn hs_cfa3() {
    compare(
        &run("HolzingerSwineford1939.csv", HS, false, Missing::Listwise),
        "hs_cfa3",
    );
}

/// Source: lavaan 0.6-14, `cfa(HS model, HolzingerSwineford1939, std.lv = TRUE)`.
#[test]
fn hs_cfa3_stdlv() {
    compare(
        &run("HolzingerSwineford1939.csv", HS, true, Missing::Listwise),
        "hs_cfa3_stdlv",
    );
}

/// Source: lavaan 0.6-14, `cfa(mal, alliance_en_nb)` with listwise deletion.
#[test]
fn alliance_ml_listwise() {
    compare(
        &run("alliance_en_nb.csv", ALLIANCE, false, Missing::Listwise),
        "alliance_ml_listwise",
    );
}

/// Source: lavaan 0.6-14, `cfa(mal, alliance_en_nb, missing = "ml")`.
#[test]
fn alliance_ml_fiml() {
    compare(
        &run("alliance_en_nb.csv", ALLIANCE, false, Missing::Fiml),
        "alliance_ml_fiml",
    );
}
