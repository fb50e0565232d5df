//! psym against the additional psych/GPArotation figures of tests/data/reference/efa.R
//! (psych 2.2.9, GPArotation 2022.10-2, R 4.2.2).

mod common;

use common::*;
use nalgebra::DMatrix;
use psym_efa::{Extraction, Rotation, RotationOptions, fa, map_test, minres, rotate};
use psym_stats::MissingPolicy;
use psym_stats::polychoric::{PSYCH_CORRECT, PolychoricOptions, tetrachoric};
use psym_testdata::{matrix, reference, vector};
use serde_json::Value;

/// Loadings, Φ and fit from optimisers that stop near 1e-5 (L-BFGS-B, GPArotation): 1e-4.
const TOL_FIT: f64 = 1e-4;
/// Closed-form statistics of the same correlation matrix.
const TOL_EXACT: f64 = 1e-9;

/// The figures of tests/data/reference/efa.R.
const MORE: &str = "efa_reference.json";

fn hs_r() -> DMatrix<f64> {
    pairwise_cor(&hs9())
}

fn check_loadings(name: &str, got: &DMatrix<f64>, want: &Value) {
    let d = max_diff_matched(got, &matrix(&want["loadings"]));
    assert!(d < TOL_FIT, "{name}: loadings differ by {d}");
}

/// Source: psych::fa(HS x1:x9, 3, fm = "minres", rotate = "quartimax").
#[test]
fn hs_quartimax() {
    let f = fa(
        &hs_r(),
        &psych_opts(3, Extraction::Minres, Rotation::Quartimax, 301),
    )
    .unwrap();
    check_loadings(
        "quartimax",
        &f.loadings,
        &reference(MORE, "hs_minres_quartimax"),
    );
}

/// Source: psych::fa(HS x1:x9, 3, fm = "minres", rotate = "geominT").
#[test]
fn hs_geomin_orthogonal() {
    let f = fa(
        &hs_r(),
        &psych_opts(3, Extraction::Minres, Rotation::GeominT, 301),
    )
    .unwrap();
    check_loadings(
        "geominT",
        &f.loadings,
        &reference(MORE, "hs_minres_geominT"),
    );
}

/// Source: psych::fa(HS x1:x9, 3, fm = "ml", rotate = "promax").
#[test]
fn hs_ml_promax() {
    let f = fa(
        &hs_r(),
        &psych_opts(3, Extraction::Ml, Rotation::Promax, 301),
    )
    .unwrap();
    let want = &reference(MORE, "hs_ml_promax");
    check_loadings("ml promax", &f.loadings, want);
    let fit = f.fit.unwrap();
    assert!((fit.tli - want["tli"].as_f64().unwrap()).abs() < TOL_FIT);
}

/// Source: psych::fa(...)$RMSEA (estimate, 90% lower, upper) for HS minres/oblimin and bfi
/// 5-factor minres/oblimin. psych finds the interval with uniroot (tolerance about 1e-4 on λ).
#[test]
fn rmsea_intervals() {
    let cases = [
        ("hs_minres_oblimin_rmsea", hs_r(), 3, 301),
        ("bfi_minres_oblimin5_rmsea", pairwise_cor(&bfi(25)), 5, 2800),
    ];
    for (key, r, k, n) in cases {
        let f = fa(&r, &psych_opts(k, Extraction::Minres, Rotation::Oblimin, n)).unwrap();
        let fit = f.fit.unwrap();
        let want = vector(&reference(MORE, key));
        for (label, g, w) in [
            ("rmsea", fit.rmsea, want[0]),
            ("lower", fit.rmsea_ci_lower, want[1]),
            ("upper", fit.rmsea_ci_upper, want[2]),
        ] {
            assert!((g - w).abs() < TOL_FIT, "{key} {label}: {g} vs {w}");
        }
    }
}

/// Source: GPArotation::oblimin(unrotated psych minres loadings, normalize = TRUE, eps = 1e-6):
/// psym's default Kaiser normalisation.
#[test]
fn hs_oblimin_with_kaiser_normalisation() {
    let a = minres(&hs_r(), 3).unwrap().loadings;
    let r = rotate(&a, Rotation::Oblimin, &RotationOptions::default()).unwrap();
    check_loadings(
        "oblimin kaiser",
        &r.pattern,
        &reference(MORE, "hs_minres_oblimin_kaiser"),
    );
}

/// Source: GPArotation::targetQ(unrotated psych minres loadings, Target = x1–x3 / x4–x6 / x7–x9
/// free, zero elsewhere, eps = 1e-6).
#[test]
fn hs_target_rotation() {
    let a = minres(&hs_r(), 3).unwrap().loadings;
    let target = DMatrix::from_fn(9, 3, |i, f| if i / 3 == f { f64::NAN } else { 0.0 });
    let opts = RotationOptions {
        target: Some(target),
        ..RotationOptions::default()
    };
    let r = rotate(&a, Rotation::Target, &opts).unwrap();
    let want = &reference(MORE, "hs_minres_targetQ");
    // the target fixes the order: compare column by column, up to sign
    let w = matrix(&want["loadings"]);
    for f in 0..3 {
        let s = r.pattern.column(f).dot(&w.column(f)).signum();
        let d = (r.pattern.column(f) * s - w.column(f)).amax();
        assert!(d < TOL_FIT, "target factor {f} differs by {d}");
    }
}

/// Source: psych::VSS(bfi[, 1:25], n = 8)$map (Velicer's MAP for 1–8 components).
#[test]
fn bfi_map_values() {
    let m = map_test(&pairwise_cor(&bfi(25))).unwrap();
    for (k, w) in vector(&reference(MORE, "bfi_map")).iter().enumerate() {
        assert!(
            (m.map[k + 1] - w).abs() < TOL_EXACT,
            "MAP {}: {} vs {w}",
            k + 1,
            m.map[k + 1]
        );
    }
    assert_eq!(m.suggested, 5);
}

/// Source: psych::fa.parallel(bfi[, 1:25], n.iter = 20): the observed component and factor
/// eigenvalues (deterministic; the simulated ones depend on R's random numbers).
#[test]
fn bfi_parallel_observed_values() {
    let pa = psym_efa::parallel_analysis(
        &pairwise_cor(&bfi(25)),
        2800,
        &psym_efa::ParallelOptions {
            iterations: 2,
            seed: 1,
            quantile: None,
        },
    )
    .unwrap();
    let want = &reference(MORE, "bfi_parallel");
    for (g, w) in pa.observed.iter().zip(vector(&want["pc_values"])) {
        assert!((g - w).abs() < TOL_EXACT);
    }
    for (g, w) in pa.observed_fa.iter().zip(vector(&want["fa_values"])) {
        assert!((g - w).abs() < TOL_FIT, "{g} vs {w}");
    }
}

/// Source: psych::KMO(HS x1:x9)$MSA.
#[test]
fn hs_kmo() {
    let k = psym_efa::kmo(&hs_r()).unwrap();
    assert!((k.overall - reference(MORE, "hs_kmo").as_f64().unwrap()).abs() < TOL_EXACT);
}

/// Source: cor(bfi[, 1:5], method = "spearman", use = "pairwise"), R 4.2.2.
#[test]
fn bfi_spearman() {
    let got = psym_stats::rank::spearman(&bfi(5), MissingPolicy::Pairwise)
        .unwrap()
        .matrix;
    let d = (&got - matrix(&reference(MORE, "bfi_spearman5"))).amax();
    assert!(d < TOL_EXACT, "{d}");
}

/// Source: psych::tetrachoric((bfi[, 1:5] > 3) * 1), psych 2.2.9 (psych's own optimiser stops
/// near 1e-4 on ρ, hence the tolerance).
#[test]
fn bfi_tetrachoric() {
    let x = bfi(5).map(|v| {
        if v.is_nan() {
            v
        } else if v > 3.0 {
            1.0
        } else {
            0.0
        }
    });
    let opts = PolychoricOptions {
        correct: Some(PSYCH_CORRECT),
        ..PolychoricOptions::default()
    };
    let tc = tetrachoric(&x, &opts).unwrap();
    let want = &reference(MORE, "bfi_tetrachoric5");
    let d = (&tc.matrix - matrix(&want["rho"])).amax();
    assert!(d < TOL_FIT, "tetrachoric differs by {d}");
    for (j, w) in vector(&want["tau"]).iter().enumerate() {
        assert!((tc.thresholds[j][0] - w).abs() < 1e-9);
    }
}

/// Source: psych::fa(bfi[, 1:25], 5, fm = "ml", rotate = "geominQ"). psym's random starts find
/// the same optimum as psych's single identity start here.
#[test]
fn bfi_ml_geomin5() {
    let f = fa(
        &pairwise_cor(&bfi(25)),
        &psych_opts(5, Extraction::Ml, Rotation::Geomin, 2800),
    )
    .unwrap();
    check_loadings(
        "bfi ml geominQ",
        &f.loadings,
        &reference(MORE, "bfi_ml_geominQ5"),
    );
}
