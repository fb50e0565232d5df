//! Polychoric correlations against psych and lavaan (tests/data/reference/reference.R).

use nalgebra::DMatrix;
use psym_stats::MissingPolicy;
use psym_stats::polychoric::{PolychoricOptions, polychoric};
use psym_testdata::{BFI25, matrix, reference};

/// The tolerance: psych stops R's `optimize` at tol 1.22e-4, lavaan at its own
/// optimiser's tolerance; psym searches to 1e-8, so 1e-4 bounds the references' own error.
const TOL: f64 = 1e-4;

/// The reference figures of tests/data/reference/reference.R.
const REFERENCE: &str = "lavaan_psych_reference.json";

/// The first ten bfi items (A1–C5).
fn bfi10() -> DMatrix<f64> {
    psym_testdata::data("bfi.csv", &BFI25[..10])
}

/// Source: psych::polychoric(bfi[, 1:10]) (correct = 0.5, global thresholds), psych 2.2.9.
#[test]
fn bfi10_matches_psych() {
    let pc = polychoric(&bfi10(), &PolychoricOptions::default()).unwrap();
    let want = reference(REFERENCE, "bfi_polychoric10");
    let rho = matrix(&want["rho"]);
    let d = (&pc.matrix - &rho).amax();
    assert!(d < TOL, "max difference {d}");
    let tau = matrix(&want["tau"]);
    for j in 0..10 {
        for c in 0..5 {
            assert!((pc.thresholds[j][c] - tau[(j, c)]).abs() < 1e-12);
        }
    }
    assert!(pc.positive_definite);
}

/// Source: lavaan::lavCor(bfi[, 1:10], ordered = names(bfi)[1:10]), lavaan 0.6-14 (listwise
/// deletion, no continuity correction).
#[test]
fn bfi10_matches_lavaan() {
    let opts = PolychoricOptions {
        correct: 0.0,
        missing: MissingPolicy::Listwise,
        ..PolychoricOptions::default()
    };
    let pc = polychoric(&bfi10(), &opts).unwrap();
    let want = matrix(&reference(REFERENCE, "bfi_lavcor10"));
    let d = (&pc.matrix - &want).amax();
    assert!(d < TOL, "max difference {d}");
}

#[test]
fn constant_item_is_an_error_naming_it() {
    let x = DMatrix::from_row_slice(4, 2, &[1., 2., 1., 3., 1., 2., 1., 1.]);
    let e = polychoric(&x, &PolychoricOptions::default()).unwrap_err();
    assert!(e.to_string().contains("item 1"));
}

/// Permuting items permutes the matrix (invariance); 1e-6 because a transposed table takes a
/// different path through Brent's search (tolerance 1e-8 on ρ).
#[test]
fn permutation_invariant() {
    let x = bfi10().columns(0, 4).into_owned();
    let a = polychoric(&x, &PolychoricOptions::default()).unwrap();
    let y = x.select_columns(&[2, 0, 3, 1]);
    let b = polychoric(&y, &PolychoricOptions::default()).unwrap();
    assert!((a.matrix[(0, 2)] - b.matrix[(1, 0)]).abs() < 1e-6);
    assert!((a.matrix[(1, 3)] - b.matrix[(3, 2)]).abs() < 1e-6);
}
