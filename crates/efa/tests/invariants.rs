//! Invariants of extraction and rotation that hold whatever the data.

mod common;

use common::*;
use nalgebra::DMatrix;
use psym_efa::{
    DiagnosticKind, EfaError, Extraction, FaOptions, Normalization, Rotation, RotationOptions, fa,
    minres, rotate,
};
use psym_testdata::tolerance::CLOSED_FORM;

fn hs_r() -> DMatrix<f64> {
    pairwise_cor(&hs9())
}

const ALL: [Rotation; 8] = [
    Rotation::Varimax,
    Rotation::Quartimax,
    Rotation::Oblimin,
    Rotation::Geomin,
    Rotation::GeominT,
    Rotation::Promax,
    Rotation::Target,
    Rotation::TargetT,
];

fn target() -> DMatrix<f64> {
    // x1–x3 visual, x4–x6 textual, x7–x9 speed; NaN leaves an entry unspecified
    DMatrix::from_fn(9, 3, |i, f| if i / 3 == f { f64::NAN } else { 0.0 })
}

/// Every rotation reproduces the same common-factor model: `P Φ P' = A A'`, so communalities
/// are unchanged (Harman 1976).
#[test]
fn rotation_preserves_the_model() {
    let a = minres(&hs_r(), 3).unwrap().loadings;
    let implied = &a * a.transpose();
    for norm in [Normalization::Kaiser, Normalization::None] {
        for rot in ALL {
            let opts = RotationOptions {
                normalization: norm,
                target: Some(target()),
                ..RotationOptions::default()
            };
            let r = rotate(&a, rot, &opts).unwrap();
            let m = &r.pattern * &r.phi * r.pattern.transpose();
            let d = (&m - &implied).amax();
            assert!(d < 1e-8, "{rot} ({norm}): model changed by {d}");
            assert!(r.converged, "{rot} did not converge");
            for f in 0..3 {
                assert!((r.phi[(f, f)] - 1.0).abs() < 1e-10);
                assert!(
                    r.pattern.column(f).sum() > 0.0,
                    "{rot}: factor {f} not signed positive"
                );
            }
            let ss: Vec<f64> = r.pattern.column_iter().map(|c| c.norm_squared()).collect();
            let targeted = matches!(rot, Rotation::Target | Rotation::TargetT);
            assert!(
                targeted || ss.windows(2).all(|w| w[0] >= w[1]),
                "{rot}: factors not ordered"
            );
            if !rot.is_oblique() {
                assert!((&r.phi - DMatrix::<f64>::identity(3, 3)).amax() < CLOSED_FORM);
            }
        }
    }
}

/// Rotating a solution towards itself leaves it in place (target rotation's optimum is the
/// target when the target is attainable).
#[test]
fn target_rotation_to_itself_is_identity() {
    let a = minres(&hs_r(), 3).unwrap().loadings;
    let opts = RotationOptions {
        normalization: Normalization::None,
        ..RotationOptions::default()
    };
    let svd = rotate(&a, Rotation::Varimax, &opts).unwrap();
    let opts_t = RotationOptions {
        target: Some(svd.pattern.clone()),
        ..opts.clone()
    };
    let t = rotate(&svd.pattern, Rotation::TargetT, &opts_t).unwrap();
    assert!((&t.pattern - &svd.pattern).amax() < 1e-6);
}

/// Kaiser normalisation changes oblimin's answer (which is why the option is explicit) but
/// not the model.
#[test]
fn kaiser_normalisation_matters() {
    let a = minres(&hs_r(), 3).unwrap().loadings;
    let on = rotate(&a, Rotation::Oblimin, &RotationOptions::default()).unwrap();
    let off = rotate(
        &a,
        Rotation::Oblimin,
        &RotationOptions {
            normalization: Normalization::None,
            ..Default::default()
        },
    )
    .unwrap();
    assert!((&on.pattern - &off.pattern).amax() > 1e-4);
}

/// Permuting items permutes the rows of the loadings (same factors).
#[test]
fn item_permutation_invariance() {
    let r = hs_r();
    let perm = [8, 2, 5, 0, 7, 1, 4, 6, 3];
    let rp = DMatrix::from_fn(9, 9, |i, j| r[(perm[i], perm[j])]);
    let opts = FaOptions {
        factors: 3,
        n_obs: Some(301),
        ..FaOptions::default()
    };
    let a = fa(&r, &opts).unwrap();
    let b = fa(&rp, &opts).unwrap();
    for (i, &pi) in perm.iter().enumerate() {
        assert!((a.communalities[pi] - b.communalities[i]).abs() < 1e-7);
    }
    let a_rows = DMatrix::from_fn(9, 3, |i, f| a.loadings[(perm[i], f)]);
    assert!(max_diff_matched(&b.loadings, &a_rows) < 1e-5);
    assert!((a.fit.unwrap().chisq - b.fit.unwrap().chisq).abs() < 1e-5);
}

/// ML and minres agree on exact one-factor data, and the saturated solution fits perfectly.
#[test]
fn exact_one_factor_structure_is_recovered() {
    let lambda = [0.8, 0.7, 0.6, 0.5, 0.4];
    let r = DMatrix::from_fn(
        5,
        5,
        |i, j| if i == j { 1.0 } else { lambda[i] * lambda[j] },
    );
    for method in [Extraction::Minres, Extraction::Ml, Extraction::Pa] {
        let opts = FaOptions {
            factors: 1,
            method,
            n_obs: Some(500),
            pa: psym_efa::PaOptions {
                min_err: 1e-12,
                max_iter: 10_000,
            },
            ..FaOptions::default()
        };
        let f = fa(&r, &opts).unwrap();
        for (j, l) in lambda.iter().enumerate() {
            assert!((f.loadings[(j, 0)] - l).abs() < 1e-5, "{method}: item {j}");
        }
        let fit = f.fit.unwrap();
        assert!(fit.chisq < 1e-6);
        assert_eq!(fit.df, 5.0);
    }
}

/// df = p(p − 1)/2 − pk + k(k − 1)/2 and a negative df is reported as under-identified.
#[test]
fn degrees_of_freedom_and_underidentification() {
    let r = hs_r();
    let f = fa(
        &r,
        &FaOptions {
            factors: 3,
            n_obs: Some(301),
            ..FaOptions::default()
        },
    )
    .unwrap();
    assert_eq!(f.fit.unwrap().df, 12.0);
    let f = fa(
        &r,
        &FaOptions {
            factors: 6,
            n_obs: Some(301),
            ..FaOptions::default()
        },
    )
    .unwrap();
    assert!(
        f.diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::Underidentified)
    );
}

#[test]
fn degenerate_input_gives_clear_errors() {
    let r = hs_r();
    let e = minres(&r, 9).unwrap_err();
    assert!(matches!(
        e,
        EfaError::TooManyFactors {
            factors: 9,
            items: 9,
            max: 8
        }
    ));
    assert!(
        e.to_string()
            .contains("9 factors cannot be extracted from 9 items")
    );
    let mut bad = r.clone();
    bad[(2, 4)] = f64::NAN;
    bad[(4, 2)] = f64::NAN;
    assert_eq!(
        minres(&bad, 2).unwrap_err(),
        EfaError::MissingCorrelations { item: 2 }
    );
    let t = rotate(
        &r.columns(0, 2).into_owned(),
        Rotation::Target,
        &RotationOptions::default(),
    );
    assert!(t.unwrap_err().to_string().contains("needs a target"));
}

/// A Heywood case is flagged, not hidden: one factor for r12 = r13 = .8, r23 = .5 needs
/// λ1² = .8 · .8 / .5 = 1.28, so the uniqueness of item 1 sits on its lower bound.
#[test]
fn heywood_case_is_flagged() {
    let r = DMatrix::from_row_slice(3, 3, &[1.0, 0.8, 0.8, 0.8, 1.0, 0.5, 0.8, 0.5, 1.0]);
    for method in [Extraction::Minres, Extraction::Ml] {
        let f = fa(
            &r,
            &FaOptions {
                factors: 1,
                method,
                n_obs: Some(300),
                ..FaOptions::default()
            },
        )
        .unwrap();
        let heywood: Vec<_> = f
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::Heywood)
            .collect();
        assert_eq!(heywood.len(), 1, "{method}: {:?}", f.diagnostics);
        assert_eq!(heywood[0].subject, psym_stats::Subject::Item(0));
        assert!(heywood[0].message.starts_with("has communality"));
    }
}

/// The two HS schools: each factor finds its counterpart (φ > .75; the speed factor differs
/// most between schools), and a group compared with itself has φ = 1.
#[test]
fn hs_schools_congruence() {
    let school: Vec<bool> = psym_testdata::text("HolzingerSwineford1939.csv", "school")
        .iter()
        .map(|s| s == "Pasteur")
        .collect();
    let x = hs9();
    let pick = |want: bool| {
        let rows: Vec<usize> = (0..x.nrows()).filter(|&i| school[i] == want).collect();
        let xg = x.select_rows(&rows);
        psym_efa::GroupInput {
            name: if want { "Pasteur" } else { "Grant-White" }.into(),
            r: pairwise_cor(&xg),
            n: rows.len(),
            rows: psym_stats::RowCount::for_policy(&xg, psym_stats::MissingPolicy::Pairwise),
        }
    };
    let groups = [pick(true), pick(false)];
    let opts = FaOptions {
        factors: 3,
        ..FaOptions::default()
    };
    let g = psym_efa::fa_by_group(&groups, &opts).unwrap();
    assert_eq!(g.reference, "Pasteur");
    assert!(
        g.groups[0]
            .congruence
            .iter()
            .all(|c| (c - 1.0).abs() < 1e-6),
        "{:?}",
        g.groups[0].congruence
    );
    assert!(
        g.groups[1].congruence.iter().all(|&c| c > 0.75),
        "{:?}",
        g.groups[1].congruence
    );
    assert!(psym_efa::fa_by_group(&groups[..1], &opts).is_err());
}
