//! Invariants of the intraclass correlations that hold whatever the data, and the errors of
//! data that cannot give them.

use nalgebra::DMatrix;
use psym_agreement::{
    AgreementError, IccMethod, IccOptions, IccType, clusters, icc, spearman_brown,
};
use psym_testdata::tolerance::CLOSED_FORM;

fn anova() -> IccOptions {
    IccOptions {
        level: 0.95,
        method: IccMethod::Anova,
    }
}

/// A 12 × 3 table with targets, rater and residual variation (no component negative).
fn table() -> DMatrix<f64> {
    DMatrix::from_fn(12, 3, |i, j| {
        let target = (i as f64 * 1.7).sin() * 2.0 + 4.0;
        target + j as f64 * 0.4 + ((i * 7 + j * 3) % 5) as f64 * 0.15
    })
}

/// Raters are exchangeable: reordering the columns changes no coefficient or limit.
#[test]
fn raters_in_any_order_give_the_same_table() {
    let x = table();
    let swapped = x.select_columns(&[2, 0, 1]);
    let (a, b) = (icc(&x, &anova()).unwrap(), icc(&swapped, &anova()).unwrap());
    for (r, s) in a.rows.iter().zip(&b.rows) {
        for (u, v) in [
            (r.icc, s.icc),
            (r.lower, s.lower),
            (r.upper, s.upper),
            (r.p, s.p),
        ] {
            assert!((u - v).abs() < CLOSED_FORM, "{}: {u} {v}", r.kind);
        }
    }
}

/// With no component below zero, psych's REML route gives the ANOVA figures; the averages
/// are the single-rater ICCs stepped up by Spearman–Brown (ICC1k, ICC3k exactly).
#[test]
fn reml_equals_anova_without_negative_components_and_averages_step_up() {
    let x = table();
    let a = icc(&x, &anova()).unwrap();
    let r = icc(&x, &IccOptions::default()).unwrap();
    assert_eq!(a.mean_squares, r.mean_squares);
    for kind in [IccType::Icc1, IccType::Icc3] {
        let average = match kind {
            IccType::Icc1 => IccType::Icc1k,
            _ => IccType::Icc3k,
        };
        let stepped = spearman_brown(a.get(kind).icc, 3.0);
        assert!((stepped - a.get(average).icc).abs() < CLOSED_FORM);
    }
}

/// No systematic rater difference at all (equal rater means): the raters' mean square is 0,
/// below the residual; REML pools it, so ICC1 = ICC2 = ICC3 as in psych's default.
#[test]
fn a_negative_rater_component_is_pooled_into_the_residual() {
    let x = DMatrix::from_row_slice(4, 2, &[1.0, 2.0, 2.0, 1.0, 4.0, 5.0, 5.0, 4.0]);
    let r = icc(&x, &IccOptions::default()).unwrap();
    assert!(r.anova.ms_raters < r.anova.ms_residual);
    let (i1, i2, i3) = (
        r.get(IccType::Icc1).icc,
        r.get(IccType::Icc2).icc,
        r.get(IccType::Icc3).icc,
    );
    assert!(
        (i1 - i2).abs() < CLOSED_FORM && (i2 - i3).abs() < CLOSED_FORM,
        "{i1} {i2} {i3}"
    );
}

/// Equal clusters: n₀ is the cluster size, and ICC(2) is ICC(1) stepped up to it.
#[test]
fn equal_clusters_tie_icc2_to_icc1() {
    let y: Vec<f64> = (0..24)
        .map(|i| ((i * 5) % 7) as f64 + (i / 6) as f64)
        .collect();
    let g: Vec<usize> = (0..24).map(|i| i / 6).collect();
    let v = clusters(&y, &g).unwrap();
    assert!((v.anova.anova.n0 - 6.0).abs() < CLOSED_FORM);
    assert!((spearman_brown(v.anova.icc1, 6.0) - v.anova.icc2).abs() < CLOSED_FORM);
    assert!(v.reml.converged);
}

#[test]
fn data_that_cannot_give_the_figures_are_errors() {
    let err = clusters(&[1.0, 2.0, 3.0], &[0, 0, 0]).unwrap_err();
    assert_eq!(
        err,
        AgreementError::TooFew {
            what: "clusters",
            needed: 2,
            got: 1
        }
    );
    let err = clusters(&[1.0, 2.0, 3.0], &[0, 1, 2]).unwrap_err();
    assert_eq!(err, AgreementError::NoWithinVariance);
    let missing = DMatrix::from_row_slice(2, 2, &[1.0, f64::NAN, 2.0, 3.0]);
    assert_eq!(
        icc(&missing, &anova()).unwrap_err(),
        AgreementError::Missing { row: 1, column: 2 }
    );
    assert_eq!(
        icc(
            &table(),
            &IccOptions {
                level: 1.0,
                method: IccMethod::Anova
            }
        )
        .unwrap_err(),
        AgreementError::Level(1.0)
    );
    // values without a cluster (usize::MAX) or without a score (NaN) are left out
    let v = clusters(
        &[1.0, 2.0, f64::NAN, 4.0, 5.0, 9.0],
        &[0, 0, 1, 1, 1, usize::MAX],
    )
    .unwrap();
    assert_eq!((v.n, v.clusters), (4, 2));
}
