//! Model-syntax features against lavaan: per-group vector modifiers (`c(a1, a2)*x`,
//! `c(1, NA)*x`, `start(c(...))*x`), `group.partial`, defined parameters (`:=`) with
//! delta-method standard errors, and equality constraints (`==`).
//!
//! Source of every figure: `tests/data/reference/model_syntax.R` (lavaan 0.6-14, R 4.2.2),
//! written to `model_syntax.json`; the call is given above each test. Tolerances are
//! common's: 1e-4 relative for estimates and fit measures (lavaan's optimiser stops at a
//! relative change of about 1e-10), 1e-3 relative for standard errors.

mod common;

use common::{TOL_EST, TOL_SE, read_all, rel_close};
use psym_model::{GroupEqual, ModelOptions, build, parse, parse_parameter};
use psym_sem::{CfaFit, Dataset, FitOptions, fit};
use psym_testdata::reference;

/// Estimates near zero (a latent mean difference of 0.015): 1e-5 absolute, ten times the
/// ~1e-6 accuracy of lavaan's estimates, where 1e-4 relative would ask for 1e-6.
const ABS_EST: f64 = 1e-5;

/// Fits `model` to a data set under tests/data, grouped by `group` (values numbered in order
/// of appearance, as lavaan's group labels here) when given.
fn fit_file(file: &str, model: &str, group: Option<&str>, options: ModelOptions) -> CfaFit {
    let (names, x) = read_all(file);
    let groups: Option<Vec<usize>> = group.map(|g| {
        let mut seen: Vec<String> = Vec::new();
        psym_testdata::text(file, g)
            .into_iter()
            .map(|v| {
                seen.iter().position(|s| *s == v).unwrap_or_else(|| {
                    seen.push(v);
                    seen.len() - 1
                })
            })
            .collect()
    });
    let options = ModelOptions {
        groups: if group.is_some() { 2 } else { 1 },
        ..options
    };
    let table = build(&parse(model).unwrap(), &options).unwrap();
    let data = Dataset {
        names: &names,
        values: &x,
        groups: groups.as_deref(),
    };
    fit(&table, &data, &FitOptions::default()).unwrap()
}

/// Every fit measure and every parameter row (matched on lhs, op, rhs and group; defined
/// parameters carry group 0 in both) of the fixture `key`.
fn compare(fit: &CfaFit, key: &str) {
    let r = reference("model_syntax.json", key);
    assert!(fit.converged, "{key}");
    let ours = serde_json::to_value(&fit.fit).unwrap();
    for (name, b) in r["fit"].as_object().unwrap() {
        let mine = match name.as_str() {
            "logl" => "loglik".to_string(),
            other => other.replace('.', "_"),
        };
        let (a, b) = (ours[&mine].as_f64().unwrap(), b.as_f64().unwrap());
        assert!(
            rel_close(a, b, TOL_EST),
            "{key} {name}: psym {a} lavaan {b}"
        );
    }
    let params = r["parameters"].as_array().unwrap();
    assert_eq!(params.len(), fit.parameters.len(), "{key}: number of rows");
    for p in params {
        let s = |k: &str| p[k].as_str().unwrap_or("").to_string();
        let group = p["group"].as_u64().unwrap() as usize;
        let what = format!("{key} {} {} {} group {group}", s("lhs"), s("op"), s("rhs"));
        let mine = fit
            .parameters
            .iter()
            .find(|q| {
                q.lhs == s("lhs")
                    && q.op.to_string() == s("op")
                    && q.rhs == s("rhs")
                    && q.group == group
            })
            .unwrap_or_else(|| panic!("{what}: missing"));
        let num = |k: &str| p[k].as_f64().unwrap();
        let est_close = |a: f64, b: f64| rel_close(a, b, TOL_EST) || (a - b).abs() < ABS_EST;
        assert!(
            est_close(mine.est, num("est")),
            "{what} est {} vs {}",
            mine.est,
            num("est")
        );
        assert!(est_close(mine.std_lv, num("std.lv")), "{what} std.lv");
        assert!(est_close(mine.std_all, num("std.all")), "{what} std.all");
        // lavaan gives no standard error for a parameter fixed by a constraint (`e == 1.2`).
        if let Some(theirs) = p["se"].as_f64().filter(|se| *se > 0.0) {
            let se = mine.se.unwrap_or(f64::NAN);
            assert!(rel_close(se, theirs, TOL_SE), "{what} se {se} vs {theirs}");
        }
    }
}

/// Source: `cfa('visual =~ x1 + c(a1, a2)*x2 + c(b1, b2)*x3; textual =~ x4 + c(1, NA)*x5 +
/// start(c(1.1, 1.2))*x6; speed =~ x7 + x8 + x9; ratio1 := a1/b1; diff := a1 - a2', hs,
/// group = "school")`.
#[test]
fn per_group_vector_modifiers_and_their_definitions_match_lavaan() {
    let model = "visual =~ x1 + c(a1, a2)*x2 + c(b1, b2)*x3
        textual =~ x4 + c(1, NA)*x5 + start(c(1.1, 1.2))*x6
        speed =~ x7 + x8 + x9
        ratio1 := a1/b1
        diff := a1 - a2";
    let f = fit_file(
        "HolzingerSwineford1939.csv",
        model,
        Some("school"),
        ModelOptions::default(),
    );
    compare(&f, "hs_vectors");
}

fn partial(list: &[&str]) -> Vec<psym_model::ParamRef> {
    list.iter().map(|s| parse_parameter(s).unwrap()).collect()
}

/// Source: `cfa(m3, hs, group = "school", group.equal = c("loadings", "intercepts"),
/// group.partial = c("visual=~x2", "x3~1"))`.
#[test]
fn group_partial_frees_named_parameters_as_lavaan() {
    let model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9";
    let options = ModelOptions {
        group_equal: vec![GroupEqual::Loadings, GroupEqual::Intercepts],
        group_partial: partial(&["visual=~x2", "x3~1"]),
        ..ModelOptions::default()
    };
    let f = fit_file("HolzingerSwineford1939.csv", model, Some("school"), options);
    compare(&f, "hs_partial");
}

/// Source: `cfa(alliance, al, group = "lang", group.equal = c("loadings", "intercepts"),
/// group.partial = c("task=~i7", "i10~1"))` on tests/data/alliance_en_nb.csv.
#[test]
fn group_partial_on_the_alliance_example_matches_lavaan() {
    let model =
        "goal =~ i1 + i2 + i3 + i4\ntask =~ i5 + i6 + i7 + i8\nbond =~ i9 + i10 + i11 + i12";
    let options = ModelOptions {
        group_equal: vec![GroupEqual::Loadings, GroupEqual::Intercepts],
        group_partial: partial(&["task=~i7", "i10~1"]),
        ..ModelOptions::default()
    };
    let f = fit_file("alliance_en_nb.csv", model, Some("lang"), options);
    compare(&f, "alliance_partial");
}

/// Source: `cfa('visual =~ x1 + a*x2 + b*x3; textual =~ x4 + c*x5 + d*x6; speed =~ x7 +
/// e*x8 + x9; c == d; e == 1.2; ab := a*b; ratio := a/b; sq := sqrt(ab) - 2*a^2', hs)`:
/// delta-method standard errors of a product, a ratio and a function of a definition, and
/// the fit under the two equality constraints.
#[test]
fn defined_parameters_and_equality_constraints_match_lavaan() {
    let model = "visual =~ x1 + a*x2 + b*x3
        textual =~ x4 + c*x5 + d*x6
        speed =~ x7 + e*x8 + x9
        c == d
        e == 1.2
        ab := a*b
        ratio := a/b
        sq := sqrt(ab) - 2*a^2";
    let f = fit_file(
        "HolzingerSwineford1939.csv",
        model,
        None,
        ModelOptions::default(),
    );
    compare(&f, "hs_defined");
}

/// Source: `cfa('f =~ a*x1 + a*x2 + x3', hs)`: the label of the fixed marker loading fixes the
/// loading of x2 at 1 too (df 1, not 0).
#[test]
fn label_shared_with_a_fixed_parameter_fixes_it_as_lavaan() {
    let f = fit_file(
        "HolzingerSwineford1939.csv",
        "f =~ a*x1 + a*x2 + x3",
        None,
        ModelOptions::default(),
    );
    compare(&f, "hs_label_on_marker");
}
