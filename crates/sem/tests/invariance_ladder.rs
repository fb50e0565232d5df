//! The invariance ladder (configural → metric → scalar → strict → means) against lavaan and
//! semTools: every step's fit measures, group sizes and chi-square contributions, and each
//! step's difference test against the previous one.
//!
//! Source: tests/data/reference/invariance.R → invariance.json, lavaan 0.6-14 with semTools
//! 0.5-6: `cfa(model, data, group = ..., group.equal = ...)` for each step (with
//! `estimator = "MLR"` and/or `missing = "ml"`), `fitMeasures()`, `lavInspect(fit, "test")`'s
//! `stat.group`, and `lavTestLRT(previous, step)` (the Satorra–Bentler 2001 scaled difference
//! under MLR). Tolerance 1e-4 relative, as every fit-measure test of this crate (`TOL_EST`).

mod common;

use common::{TOL_EST, rel_close};
use psym_model::parse;
use psym_sem::{
    Dataset, Estimator, FitOptions, Invariance, InvarianceOptions, Missing, invariance,
};
use psym_testdata::reference;
use serde_json::Value;

const HS: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";
const ALLIANCE: &str = "goal =~ i1 + i2 + i3 + i4
 task =~ i5 + i6 + i7 + i8
 bond =~ i9 + i10 + i11 + i12";

/// Fits the whole ladder on `file` by `group` (groups in data order, as lavaan).
fn ladder(
    file: &str,
    group: &str,
    model: &str,
    estimator: Estimator,
    missing: Missing,
) -> Invariance {
    ladder_by(
        file,
        &psym_testdata::text(file, group),
        model,
        estimator,
        missing,
    )
}

/// Fits the whole ladder on `file` with each row's group label in `text`.
fn ladder_by(
    file: &str,
    text: &[String],
    model: &str,
    estimator: Estimator,
    missing: Missing,
) -> Invariance {
    let model = parse(model).unwrap();
    let names = model.observed().unwrap();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let x = psym_testdata::data(file, &refs);
    let mut labels: Vec<String> = Vec::new();
    let rows: Vec<usize> = text
        .iter()
        .map(|v| {
            labels.iter().position(|l| l == v).unwrap_or_else(|| {
                labels.push(v.clone());
                labels.len() - 1
            })
        })
        .collect();
    let data = Dataset {
        names: &names,
        values: &x,
        groups: Some(&rows),
    };
    let options = InvarianceOptions {
        fit: FitOptions {
            estimator,
            missing,
            ..FitOptions::default()
        },
        ..InvarianceOptions::default()
    };
    invariance(&model, &data, &labels, &options).unwrap()
}

fn num(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("reference has no number {key}: {v}"))
}

/// Compares the ladder with the fixture `key`.
fn check(inv: &Invariance, key: &str) {
    let r = reference("invariance.json", key);
    let mut bad = Vec::new();
    let mut close = |what: String, a: f64, b: f64| {
        if !rel_close(a, b, TOL_EST) {
            bad.push(format!("{what}: psym {a} lavaan {b}"));
        }
    };
    let groups: Vec<&str> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = inv.groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(ours, groups, "{key}: group order");
    assert_eq!(inv.steps.len(), 5, "{key}");
    for s in &inv.steps {
        assert!(s.converged && s.admissible, "{key} {}", s.step);
        let theirs = &r["steps"][s.step.to_string()];
        let fit = &theirs["fit"];
        let scaled = s.fit.scaled;
        let sc = |name: &str| {
            if scaled {
                format!("{name}.scaled")
            } else {
                name.to_string()
            }
        };
        let table = [
            (sc("chisq"), s.fit.chisq),
            ("df".into(), s.fit.df),
            (sc("pvalue"), s.fit.pvalue),
            (sc("cfi"), s.fit.cfi),
            (sc("tli"), s.fit.tli),
            (sc("rmsea"), s.fit.rmsea),
            (sc("rmsea.ci.lower"), s.fit.rmsea_ci_lower),
            (sc("rmsea.ci.upper"), s.fit.rmsea_ci_upper),
            ("srmr".into(), s.fit.srmr),
            ("aic".into(), s.fit.aic.unwrap()),
            ("bic".into(), s.fit.bic.unwrap()),
            (
                "logl".into(),
                s.measures
                    .continuous()
                    .unwrap()
                    .likelihood
                    .as_ref()
                    .unwrap()
                    .loglik,
            ),
            ("npar".into(), s.measures.continuous().unwrap().npar as f64),
            (
                "ntotal".into(),
                s.measures.continuous().unwrap().ntotal as f64,
            ),
        ];
        for (name, a) in table {
            close(format!("{key} {} {name}", s.step), a, num(fit, &name));
        }
        if let Some(m) = &s.measures.continuous().unwrap().scaled {
            for (name, a) in [
                ("chisq.scaling.factor", m.test.scaling_factor),
                ("cfi.robust", m.cfi_robust),
                ("tli.robust", m.tli_robust),
                ("rmsea.robust", m.rmsea_robust),
            ] {
                close(format!("{key} {} {name}", s.step), a, num(fit, name));
            }
        }
        let n: Vec<usize> = theirs["group_n"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(
            inv.groups.iter().map(|g| g.n).collect::<Vec<_>>(),
            n,
            "{key}"
        );
        if let Some(chisq) = &s.group_chisq {
            for (g, (a, b)) in chisq
                .iter()
                .zip(theirs["group_chisq"].as_array().unwrap())
                .enumerate()
            {
                close(
                    format!("{key} {} chisq group {g}", s.step),
                    *a,
                    b.as_f64().unwrap(),
                );
            }
        }
    }
    let lrt = r["lrt"].as_array().unwrap();
    assert_eq!(inv.comparisons.len(), lrt.len(), "{key}");
    for (c, l) in inv.comparisons.iter().zip(lrt) {
        assert_eq!(c.step.to_string(), l["step"].as_str().unwrap());
        close(
            format!("{key} {} Δchisq", c.step),
            c.chisq_diff,
            num(l, "chisq_diff"),
        );
        close(
            format!("{key} {} Δdf", c.step),
            c.df_diff,
            num(l, "df_diff"),
        );
        close(
            format!("{key} {} p", c.step),
            c.pvalue.unwrap(),
            num(l, "pvalue"),
        );
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn hs_ladder_by_school_matches_lavaan_ml() {
    let inv = ladder(
        "HolzingerSwineford1939.csv",
        "school",
        HS,
        Estimator::Ml,
        Missing::Listwise,
    );
    check(&inv, "hs_ml");
}

#[test]
fn hs_ladder_by_school_matches_lavaan_mlr_scaled_difference() {
    let inv = ladder(
        "HolzingerSwineford1939.csv",
        "school",
        HS,
        Estimator::Mlr,
        Missing::Listwise,
    );
    check(&inv, "hs_mlr");
}

#[test]
fn alliance_ladder_by_language_matches_lavaan_ml() {
    let inv = ladder(
        "alliance_en_nb.csv",
        "lang",
        ALLIANCE,
        Estimator::Ml,
        Missing::Listwise,
    );
    check(&inv, "alliance_ml");
    // The planted non-invariance of the bundled example is in the intercepts.
    assert_eq!(inv.first_failure, Some(psym_sem::Step::Scalar));
}

#[test]
fn alliance_ladder_by_language_matches_lavaan_mlr_scaled_difference() {
    let inv = ladder(
        "alliance_en_nb.csv",
        "lang",
        ALLIANCE,
        Estimator::Mlr,
        Missing::Listwise,
    );
    check(&inv, "alliance_mlr");
}

#[test]
fn alliance_ladder_by_language_matches_lavaan_fiml() {
    let inv = ladder(
        "alliance_en_nb.csv",
        "lang",
        ALLIANCE,
        Estimator::Ml,
        Missing::Fiml,
    );
    check(&inv, "alliance_fiml");
}

#[test]
fn alliance_ladder_by_language_matches_lavaan_fiml_mlr() {
    let inv = ladder(
        "alliance_en_nb.csv",
        "lang",
        ALLIANCE,
        Estimator::Mlr,
        Missing::Fiml,
    );
    check(&inv, "alliance_fiml_mlr");
}

/// The chi-square contributions of the groups add up to the chi-square (their definition).
#[test]
fn group_chisq_contributions_add_up_to_the_chisq() {
    let inv = ladder(
        "HolzingerSwineford1939.csv",
        "school",
        HS,
        Estimator::Ml,
        Missing::Listwise,
    );
    for s in &inv.steps {
        let sum: f64 = s.group_chisq.as_ref().unwrap().iter().sum();
        assert!(
            rel_close(sum, s.measures.continuous().unwrap().chisq, 1e-10),
            "{}: {sum} vs {}",
            s.step,
            s.measures.continuous().unwrap().chisq
        );
    }
}

/// Four groups (HolzingerSwineford1939 by school × sex, fixture `hs4_ml`): the whole ladder,
/// and the score tests at the first failing step (each of the three other groups against the
/// first).
#[test]
fn hs_ladder_in_four_groups_matches_lavaan() {
    let file = "HolzingerSwineford1939.csv";
    let sex = psym_testdata::text(file, "sex");
    let groups: Vec<String> = psym_testdata::text(file, "school")
        .iter()
        .zip(&sex)
        .map(|(school, s)| format!("{school}-{}", if s == "1" { "boys" } else { "girls" }))
        .collect();
    let inv = ladder_by(file, &groups, HS, Estimator::Ml, Missing::Listwise);
    check(&inv, "hs4_ml");
    let r = reference("invariance.json", "hs4_ml");
    let step = inv.first_failure.expect("a failing step").to_string();
    // lavaan's univariate tests include every constraint (the loadings' at the scalar step);
    // psym reports the step's own, so each of psym's must be among lavaan's.
    let theirs: Vec<f64> = r["score_uni"][&step]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(!inv.score_tests.is_empty());
    for t in &inv.score_tests {
        assert!(
            theirs.iter().any(|&x| rel_close(t.chisq, x, 1e-3)),
            "{} {:?}: {} not among lavaan's univariate statistics",
            t.parameter,
            t.groups,
            t.chisq
        );
    }
}
