//! Helpers of the ordinal reference tests (ordinal.rs, ordinal_theta.rs): the tables with
//! every item ordered, the two-group data, and the comparison with lavaan's estimates and fit
//! measures.

use nalgebra::DMatrix;
use psym_model::{ModelOptions, ParTable, from_syntax};
use psym_sem::OrdinalFit;
use psym_stats::ordinal::ordinal_stats;
use serde_json::Value;

use super::rel_close;

pub const ALLIANCE: &str =
    "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";
pub const TWO_FACTORS: &str = "f1 =~ y1 + y2 + y3 + y4\nf2 =~ y4 + y5 + y6 + y7";
pub const Y: [&str; 7] = ["y1", "y2", "y3", "y4", "y5", "y6", "y7"];

/// Estimates and fit measures: 1e-4 relative, as every estimate test of this crate (lavaan's
/// nlminb stops near 1e-7 in the parameters; the sample statistics agree to 3e-8). Standard
/// errors: 1e-3 relative (TOL_SE of the ML tests).
pub const TOL: f64 = 1e-4;
pub const TOL_SE: f64 = 1e-3;

/// The model's table with every item ordered, its number of thresholds from `x`'s
/// categories (complete rows).
pub fn ordered_table(
    model: &str,
    names: &[&str],
    x: &DMatrix<f64>,
    options: ModelOptions,
) -> ParTable {
    let stats = ordinal_stats(x).unwrap();
    let ordered = (names.iter().zip(&stats.thresholds))
        .map(|(v, t)| (v.to_string(), t.len()))
        .collect();
    from_syntax(model, &ModelOptions { ordered, ..options }).unwrap()
}

/// lavaan's fit measures against ours: the standard ones, then the scaled ones when lavaan
/// has them.
pub fn check_measures(fit: &OrdinalFit, r: &Value) {
    let f = &fit.fit;
    let want = &r["fit"];
    let mut pairs = vec![
        ("chisq", f.chisq),
        ("df", f.df),
        ("baseline.chisq", f.baseline_chisq),
        ("baseline.df", f.baseline_df),
        ("cfi", f.cfi),
        ("tli", f.tli),
        ("rmsea", f.rmsea),
        ("srmr", f.srmr),
    ];
    if want.get("chisq.scaled").is_some() {
        let (s, b) = (
            f.scaled.as_ref().unwrap(),
            f.baseline_scaled.as_ref().unwrap(),
        );
        pairs.extend([
            ("chisq.scaled", s.statistic),
            ("df.scaled", s.df),
            ("pvalue.scaled", s.pvalue),
            ("chisq.scaling.factor", s.scaling_factor),
            ("baseline.chisq.scaled", b.statistic),
            ("cfi.scaled", f.cfi_scaled.unwrap()),
            ("tli.scaled", f.tli_scaled.unwrap()),
            ("rmsea.scaled", f.rmsea_scaled.unwrap()),
        ]);
        let shift = r["shift"].as_f64().unwrap();
        assert!(
            rel_close(s.shift.unwrap(), shift, TOL),
            "shift {:?} vs {shift}",
            s.shift
        );
    } else {
        assert!(f.scaled.is_none() && f.cfi_scaled.is_none());
    }
    for (k, ours) in pairs {
        let theirs = want[k].as_f64().unwrap();
        assert!(
            rel_close(ours, theirs, TOL),
            "{k}: psym {ours} lavaan {theirs}"
        );
    }
}

/// lavaan's estimates and standard errors (rows of `parameters`) against ours; a fixed
/// parameter (lavaan's se 0) or a derived residual variance has its estimate checked only.
pub fn check_parameters(fit: &OrdinalFit, parameters: &Value) {
    let rows = parameters.as_array().unwrap();
    assert!(!rows.is_empty());
    for p in rows {
        let s = |k: &str| p[k].as_str().unwrap();
        let group = p["group"].as_u64().unwrap_or(1) as usize;
        let what = format!("{} {} {} (group {group})", s("lhs"), s("op"), s("rhs"));
        let ours = (fit.parameters.iter())
            .find(|e| e.lhs == s("lhs") && e.op == s("op") && e.rhs == s("rhs") && e.group == group)
            .unwrap_or_else(|| panic!("no {what}"));
        let (est, se) = (p["est"].as_f64().unwrap(), p["se"].as_f64().unwrap());
        assert!(
            rel_close(ours.est, est, TOL),
            "{what}: est {} vs {est}",
            ours.est
        );
        if let Some(ours_se) = ours.se.filter(|_| se > 0.0) {
            assert!(
                rel_close(ours_se, se, TOL_SE),
                "{what}: se {ours_se} vs {se}"
            );
        }
    }
}

/// The rows of each language (en first, as lavaan orders the groups by appearance).
pub fn by_language() -> Vec<DMatrix<f64>> {
    let x = psym_testdata::data("ordinal_groups.csv", &Y);
    let lang = psym_testdata::text("ordinal_groups.csv", "lang");
    ["en", "nb"]
        .iter()
        .map(|l| {
            let rows: Vec<usize> = (0..lang.len()).filter(|&i| lang[i] == *l).collect();
            x.select_rows(&rows)
        })
        .collect()
}
