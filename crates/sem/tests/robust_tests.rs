//! The robust tests built on the traces of UΓ under ML with complete data: Satorra–Bentler,
//! mean-and-variance adjusted and scaled-and-shifted (lavaan's `test =` argument), on the
//! three-factor HolzingerSwineford1939 model, in one group and across schools.
//!
//! Source: lavaan 0.6-14, `cfa(hs_model, hs, test = ...)` and with `group = "school"`;
//! figures in tests/data/reference/robust_tests.json, written by robust_tests.R.

mod common;

use common::{read_all, rel_close};
use psym_model::ModelOptions;
use psym_sem::{Dataset, FitOptions, Missing, SemError, TestStatistic, fit_syntax};
use psym_testdata::reference;

const HS: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";

/// Statistics, scaling factors and indices: 1e-5 relative. The traces are closed-form
/// functions of the estimates, and lavaan's estimates stop at nlminb's relative tolerance, a
/// few 1e-7 from the optimum in the parameters; the scaling factors follow them (differences
/// up to 1.4e-6 on this fixture), so 1e-5 leaves a margin of 7.
const TOL: f64 = 1e-5;
/// p values: 1e-4 relative. A p value of 1e-5 to 1e-8 moves about χ²/2 ≈ 40 to 55 times as
/// much as the statistic in relative terms (up to 3.1e-5 here).
const TOL_P: f64 = 1e-4;

fn run(test: TestStatistic, groups: bool) -> psym_sem::CfaFit {
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let school = common::schools();
    let data = Dataset {
        names: &names,
        values: &x,
        groups: groups.then_some(school.as_slice()),
    };
    let model = ModelOptions {
        groups: if groups { 2 } else { 1 },
        ..ModelOptions::default()
    };
    let options = FitOptions {
        test: Some(test),
        ..FitOptions::default()
    };
    fit_syntax(HS, &model, &data, &options).unwrap()
}

#[test]
fn ugamma_tests_match_lavaan() {
    for (test, name) in [
        (TestStatistic::SatorraBentler, "satorra_bentler"),
        (TestStatistic::MeanVarAdjusted, "mean_var_adjusted"),
        (TestStatistic::ScaledShifted, "scaled_shifted"),
    ] {
        for groups in [false, true] {
            let key = format!("hs_{name}{}", if groups { "_school" } else { "" });
            let r = reference("robust_tests.json", &key);
            let fit = run(test, groups);
            let s = fit.fit.scaled.as_ref().expect("scaled measures");
            assert_eq!(s.test.method, test);
            let mut pairs = vec![
                ("chisq.scaled", s.test.statistic),
                ("df.scaled", s.test.df),
                ("pvalue.scaled", s.test.pvalue),
                ("chisq.scaling.factor", s.test.scaling_factor),
                ("baseline.chisq.scaled", s.baseline.statistic),
                ("baseline.df.scaled", s.baseline.df),
                ("baseline.chisq.scaling.factor", s.baseline.scaling_factor),
                ("cfi.scaled", s.cfi_scaled),
                ("tli.scaled", s.tli_scaled),
                ("rmsea.scaled", s.rmsea_scaled),
            ];
            // lavaan reports robust indices for the scaled and the scaled-shifted tests.
            if test != TestStatistic::MeanVarAdjusted {
                pairs.extend([
                    ("cfi.robust", s.cfi_robust),
                    ("tli.robust", s.tli_robust),
                    ("rmsea.robust", s.rmsea_robust),
                ]);
            }
            for (k, ours) in pairs {
                let theirs = r["fit"][k].as_f64().unwrap();
                let tol = if k.starts_with("pvalue") { TOL_P } else { TOL };
                assert!(
                    rel_close(ours, theirs, tol),
                    "{key} {k}: psym {ours} lavaan {theirs}"
                );
            }
            let shift = r["test"]["shift.parameter"].as_f64();
            match (s.test.shift, shift) {
                (Some(a), Some(b)) => assert!(rel_close(a, b, TOL), "{key} shift: {a} vs {b}"),
                (a, b) => assert_eq!(a.is_some(), b.is_some(), "{key} shift"),
            }
        }
    }
}

#[test]
fn ugamma_tests_refuse_fiml() {
    let (names, x) = read_all("HolzingerSwineford1939.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let options = FitOptions {
        test: Some(TestStatistic::ScaledShifted),
        missing: Missing::Fiml,
        ..FitOptions::default()
    };
    let err = fit_syntax(HS, &ModelOptions::default(), &data, &options).unwrap_err();
    assert!(
        matches!(err, SemError::Model(ref m) if m.contains("needs complete data")),
        "{err}"
    );
}
