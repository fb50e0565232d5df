//! psym-efa against psych 2.2.9 (tests/data/reference/reference.R).

mod common;

use common::*;
use psym_efa::{Extraction, FaResult, Rotation, fa};
use psym_testdata::{matrix, reference, vector};

/// Loadings, Φ and fit from an optimiser and a rotation that stop at tolerances of 1e-5 in
/// psych/GPArotation: agreement to 1e-4 is what the issue asks for.
const TOL_FIT: f64 = 1e-4;
/// Closed-form quantities (eigenvalues, KMO, Bartlett) from the same correlation matrix.
const TOL_EXACT: f64 = 1e-9;

fn run(
    r: &nalgebra::DMatrix<f64>,
    k: usize,
    n: usize,
    method: Extraction,
    rotation: Rotation,
) -> FaResult {
    fa(r, &psych_opts(k, method, rotation, n)).unwrap()
}

fn check(name: &str, got: &FaResult) {
    let want = &reference(REFERENCE, name);
    let load = matrix(&want["loadings"]);
    let d = max_diff_matched(&got.loadings, &load);
    assert!(d < TOL_FIT, "{name}: loadings differ by {d}");
    if want["phi"].is_array() {
        let phi = matrix(&want["phi"]);
        // same factor order as loadings checked above: compare sorted off-diagonals
        let mut a: Vec<f64> = (0..phi.nrows())
            .flat_map(|i| (0..i).map(move |j| (i, j)))
            .map(|(i, j)| got.phi[(i, j)].abs())
            .collect();
        let mut b: Vec<f64> = (0..phi.nrows())
            .flat_map(|i| (0..i).map(move |j| (i, j)))
            .map(|(i, j)| phi[(i, j)].abs())
            .collect();
        a.sort_by(f64::total_cmp);
        b.sort_by(f64::total_cmp);
        let d = a
            .iter()
            .zip(&b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max);
        assert!(d < TOL_FIT, "{name}: phi differs by {d}");
    }
    for (g, w) in got.communalities.iter().zip(vector(&want["communality"])) {
        assert!((g - w).abs() < TOL_FIT, "{name}: communality {g} vs {w}");
    }
    let fit = got.fit.as_ref().unwrap();
    assert!(
        fit.rmsea_ci_lower <= fit.rmsea && fit.rmsea <= fit.rmsea_ci_upper,
        "{name}: RMSEA CI {fit:?}"
    );
    for (label, g, w) in [
        (
            "objective",
            fit.objective,
            want["objective"].as_f64().unwrap(),
        ),
        (
            "chisq",
            fit.chisq / 100.0,
            want["statistic"].as_f64().unwrap() / 100.0,
        ),
        ("df", fit.df, want["dof"].as_f64().unwrap()),
        ("rmsea", fit.rmsea, want["rmsea"].as_f64().unwrap()),
        ("tli", fit.tli, want["tli"].as_f64().unwrap()),
        (
            "bic",
            fit.bic / 100.0,
            want["bic"].as_f64().unwrap() / 100.0,
        ),
    ] {
        assert!((g - w).abs() < TOL_FIT, "{name}: {label} {g} vs {w}");
    }
}

/// Source: psych::fa(HolzingerSwineford1939[, x1:x9], 3, fm = "minres", rotate = "oblimin"), psych 2.2.9.
#[test]
fn hs_minres_oblimin() {
    let r = pairwise_cor(&hs9());
    check(
        "hs_efa_minres_oblimin",
        &run(&r, 3, 301, Extraction::Minres, Rotation::Oblimin),
    );
}

/// Source: psych::fa(HS x1:x9, 3, fm = "ml", rotate = "varimax"), psych 2.2.9.
#[test]
fn hs_ml_varimax() {
    let r = pairwise_cor(&hs9());
    check(
        "hs_efa_ml_varimax",
        &run(&r, 3, 301, Extraction::Ml, Rotation::Varimax),
    );
}

/// Source: psych::fa(HS x1:x9, 3, fm = "pa", rotate = "promax"), psych 2.2.9.
#[test]
fn hs_pa_promax() {
    let r = pairwise_cor(&hs9());
    check(
        "hs_efa_pa_promax",
        &run(&r, 3, 301, Extraction::Pa, Rotation::Promax),
    );
}

/// Source: psych::fa(HS x1:x9, 3, fm = "ml", rotate = "geominQ"), psych 2.2.9.
#[test]
fn hs_ml_geomin() {
    let r = pairwise_cor(&hs9());
    check(
        "hs_efa_ml_geomin",
        &run(&r, 3, 301, Extraction::Ml, Rotation::Geomin),
    );
}

/// Source: psych::fa(bfi[, 1:25], 5, fm = "minres", rotate = "oblimin"), psych 2.2.9
/// (pairwise correlations, n.obs = 2800).
#[test]
fn bfi_minres_oblimin5() {
    let r = pairwise_cor(&bfi(25));
    check(
        "bfi_efa_minres_oblimin5",
        &run(&r, 5, 2800, Extraction::Minres, Rotation::Oblimin),
    );
}

/// Source: eigen(cor(bfi[, 1:25], use = "pairwise"))$values, R 4.2.2.
#[test]
fn bfi_eigenvalues() {
    let r = pairwise_cor(&bfi(25));
    let got = psym_efa::eigenvalues(&r).unwrap();
    for (g, w) in got.iter().zip(vector(&reference(REFERENCE, "eigen_bfi"))) {
        assert!((g - w).abs() < TOL_EXACT, "{g} vs {w}");
    }
}

/// Source: psych::KMO(bfi[, 1:25]), psych 2.2.9.
#[test]
fn bfi_kmo() {
    let r = pairwise_cor(&bfi(25));
    let got = psym_efa::kmo(&r).unwrap();
    let want = &reference(REFERENCE, "bfi_kmo");
    assert!((got.overall - want["msa"].as_f64().unwrap()).abs() < TOL_EXACT);
    for (g, w) in got.items.iter().zip(vector(&want["msai"])) {
        assert!((g - w).abs() < TOL_EXACT, "{g} vs {w}");
    }
}

/// Source: psych::cortest.bartlett(cor(bfi[, 1:25], use = "pairwise"), n = 2800), psych 2.2.9.
#[test]
fn bfi_bartlett() {
    let r = pairwise_cor(&bfi(25));
    let got = psym_efa::bartlett(&r, 2800).unwrap();
    let want = &reference(REFERENCE, "bfi_bartlett");
    assert!((got.chisq - want["chisq"].as_f64().unwrap()).abs() < 1e-6);
    assert_eq!(got.df, 300);
    assert!(got.pvalue < 1e-300);
}
