//! Polychoric correlations against psych and lavaan (tests/data/reference/reference.R).

use nalgebra::DMatrix;
use psym_stats::MissingPolicy;
use psym_stats::polychoric::{PolychoricOptions, ThresholdRule, polychoric};
use psym_testdata::tolerance::CLOSED_FORM;
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

/// Source: psych::polychoric(bfi[, 1:10]) (global thresholds: no continuity correction), psych 2.2.9.
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
            assert!((pc.thresholds[j][c] - tau[(j, c)]).abs() < CLOSED_FORM);
        }
    }
    assert!(pc.positive_definite);
}

/// Source: lavaan::lavCor(bfi[, 1:10], ordered = names(bfi)[1:10]), lavaan 0.6-14 (listwise
/// deletion, no continuity correction).
#[test]
fn bfi10_matches_lavaan() {
    let opts = PolychoricOptions {
        correct: Some(0.0),
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
    assert_eq!(e, psym_stats::StatsError::TooFewCategories { item: 0 });
    assert_eq!(e.subject(), psym_stats::Subject::Item(0));
    assert!(e.to_string().contains("variable 1"), "{e}");
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

/// Reference figures of tests/data/reference/honest_n.R.
const HONEST_N: &str = "honest_n.json";

/// Source: psych::polychoric(y) on tests/data/sparse_ordinal.csv (80 rows, 132 empty cells over
/// the 15 tables), psych 2.2.9: with global thresholds psych applies no continuity correction
/// (the R script checks that `correct = 0` gives the same matrix). Tolerance [`TOL`].
#[test]
fn sparse_tables_match_psych_default_without_correction() {
    let items = ["q1", "q2", "q3", "q4", "q5", "q6"];
    let x = psym_testdata::data("sparse_ordinal.csv", &items);
    let pc = polychoric(&x, &PolychoricOptions::default()).unwrap();
    let want = reference(HONEST_N, "sparse_polychoric");
    let d = (&pc.matrix - matrix(&want["rho"])).amax();
    assert!(d < TOL, "max difference {d}");
    let tau = matrix(&want["tau"]);
    for j in 0..items.len() {
        for c in 0..4 {
            assert!((pc.thresholds[j][c] - tau[(j, c)]).abs() < CLOSED_FORM);
        }
    }
    assert_eq!(
        pc.empty_cells,
        want["empty_cells"].as_u64().unwrap() as usize
    );
    assert_eq!(pc.corrected_cells, 0);
    assert!(!pc.per_pair_thresholds);
    // psym's former default (0.5/n in every empty cell) is far from psych on these tables
    let corrected = PolychoricOptions {
        correct: Some(0.5),
        ..PolychoricOptions::default()
    };
    let old = polychoric(&x, &corrected).unwrap();
    assert!((&old.matrix - matrix(&want["rho"])).amax() > 0.1);
    assert_eq!(old.corrected_cells, old.empty_cells);
}

/// Source: psych::polychoric(y2), psych 2.2.9, with y2 = tests/data/sparse_ordinal.csv where
/// q6's answer 5 is recoded to 4 (honest_n.R): the items' highest answers differ, so psych
/// sets `global = FALSE` and fits each pair with its own thresholds and 0.5/n in empty cells.
/// Tolerance [`TOL`].
#[test]
fn sparse_tables_with_unequal_categories_match_psych_per_pair_rule() {
    let items = ["q1", "q2", "q3", "q4", "q5", "q6"];
    let mut x = psym_testdata::data("sparse_ordinal.csv", &items);
    x.column_mut(5).apply(|v| {
        if *v == 5.0 {
            *v = 4.0;
        }
    });
    let psych_default = PolychoricOptions::default();
    let pc = polychoric(&x, &psych_default).unwrap();
    assert!(pc.per_pair_thresholds);
    assert_eq!(pc.correct, 0.5);
    assert!(pc.corrected_cells > 0);
    let want = matrix(&reference(HONEST_N, "sparse_polychoric_unequal")["rho"]);
    let d = (&pc.matrix - &want).amax();
    assert!(d < TOL, "max difference {d}");
    // with global thresholds (lavaan's way) the figures are psych's no longer
    let global = PolychoricOptions {
        thresholds: ThresholdRule::Global,
        correct: Some(0.5),
        ..psych_default
    };
    assert!((&polychoric(&x, &global).unwrap().matrix - &want).amax() > 1e-3);
}
