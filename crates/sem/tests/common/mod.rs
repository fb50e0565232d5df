//! Test helpers: tolerances, whole data sets for `Dataset`, and the comparison with lavaan's
//! figures (fixtures come from psym-testdata).
#![allow(dead_code)]

pub mod ordinal;

use nalgebra::DMatrix;
use psym_sem::CfaFit;
use serde_json::Value;

/// Estimates and fit measures: 1e-4 relative (lavaan stops nlminb at a relative change of
/// about 1e-10 in the objective, which leaves estimates accurate to ~1e-6).
pub const TOL_EST: f64 = 1e-4;
/// Standard errors: 1e-3 relative (the observed information is a finite-difference Hessian).
pub const TOL_SE: f64 = 1e-3;

/// Every column of a data set under tests/data, with its names (text cells are `NaN`), as
/// a `Dataset` wants them.
pub fn read_all(file: &str) -> (Vec<String>, DMatrix<f64>) {
    let names = psym_testdata::columns(file);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let x = psym_testdata::data(file, &refs);
    (names, x)
}

/// Group of each row of HolzingerSwineford1939: schools in order of appearance (Pasteur = 0,
/// Grant-White = 1), as lavaan.
#[allow(dead_code)] // not every test binary that shares this module groups by school
pub fn schools() -> Vec<usize> {
    psym_testdata::text("HolzingerSwineford1939.csv", "school")
        .iter()
        .map(|s| usize::from(s != "Pasteur"))
        .collect()
}

pub fn rel_close(a: f64, b: f64, tol: f64) -> bool {
    if b == 0.0 {
        a.abs() < tol
    } else {
        ((a - b) / b).abs() < tol || (a - b).abs() < tol * 1e-3
    }
}

/// Our name of a lavaan fit measure.
fn our_name(lavaan: &str) -> String {
    match lavaan {
        "logl" => "loglik".into(),
        "unrestricted.logl" => "unrestricted_loglik".into(),
        "bic2" => "sabic".into(),
        other => other.replace('.', "_"),
    }
}

/// Compares every fit measure and parameter (est, se, std.all) in the fixture `r`.
pub fn compare_with(fit: &CfaFit, r: &Value, key: &str, skip: &[&str]) {
    assert!(fit.converged, "{key}: {:?}", fit.convergence);
    let ours = serde_json::to_value(&fit.fit).unwrap();
    let mut bad = Vec::new();
    for (theirs, b) in r["fit"].as_object().unwrap() {
        if skip.contains(&theirs.as_str()) {
            continue;
        }
        let mine = our_name(theirs);
        let a = ours[&mine]
            .as_f64()
            .unwrap_or_else(|| panic!("{key}: no measure {mine}"));
        let b = b.as_f64().unwrap();
        if !rel_close(a, b, TOL_EST) {
            bad.push(format!("{key} {theirs}: psym {a} lavaan {b}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
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
            .find(|q| q.lhs == s("lhs") && q.op.to_string() == s("op") && q.rhs == s("rhs"))
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
        if let Some(lv) = num("std.lv") {
            assert!(
                rel_close(mine.std_lv, lv, TOL_EST),
                "{what} std.lv {} vs {lv}",
                mine.std_lv
            );
        }
        if let (Some(se), Value::Number(_)) = (mine.se, &p["z"]) {
            assert!(
                rel_close(se, num("se").unwrap(), TOL_SE),
                "{what} se {se} vs {}",
                p["se"]
            );
        }
    }
    if let Some(r2) = r["r2"].as_object() {
        for (v, b) in r2 {
            let mine = fit
                .r_squared
                .iter()
                .find(|x| &x.variable == v)
                .map(|x| x.r2);
            if let (Some(a), Some(b)) = (mine, b.as_f64()) {
                assert!(rel_close(a, b, TOL_EST), "{key} r2 {v}: {a} vs {b}");
            }
        }
    }
}
