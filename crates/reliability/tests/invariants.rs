//! Invariants, degenerate input and keying warnings.

mod common;

use approx::assert_abs_diff_eq;
use common::keyed_scale;
use nalgebra::DMatrix;
use psym_reliability::{
    Advice, BootstrapOptions, MissingPolicy, Options, ReliabilityError, Scale, Subject,
    WarningKind, analyze,
};
use psym_testdata::tolerance::CLOSED_FORM;

fn scale(items: &[&str]) -> Scale {
    Scale {
        id: "s".into(),
        items: items.iter().map(|s| s.to_string()).collect(),
        reversed: vec![false; items.len()],
    }
}

fn bfi_a() -> (Scale, DMatrix<f64>) {
    keyed_scale(
        "bfi.csv",
        "A",
        &["-A1", "A2", "A3", "A4", "A5"],
        (1.0, 6.0),
        &[],
    )
}

#[test]
fn permuting_items_changes_nothing() {
    let (s, x) = bfi_a();
    let order = [3, 0, 4, 1, 2];
    let perm = Scale {
        items: order.iter().map(|&j| s.items[j].clone()).collect(),
        reversed: order.iter().map(|&j| s.reversed[j]).collect(),
        ..s.clone()
    };
    let a = analyze(&s, &x, &Options::default(), &()).unwrap();
    let b = analyze(&perm, &x.select_columns(&order), &Options::default(), &()).unwrap();
    assert_abs_diff_eq!(
        a.coefficients.alpha,
        b.coefficients.alpha,
        epsilon = CLOSED_FORM
    );
    assert_abs_diff_eq!(
        a.coefficients.lambda6.unwrap(),
        b.coefficients.lambda6.unwrap(),
        epsilon = CLOSED_FORM
    );
    assert_abs_diff_eq!(
        a.items[3].r_drop.unwrap(),
        b.items[0].r_drop.unwrap(),
        epsilon = CLOSED_FORM
    );
}

#[test]
fn forgotten_reverse_key_is_flagged() {
    let (mut s, mut x) = bfi_a();
    // undo the reverse key of A1
    x.column_mut(0).apply(|v| *v = 7.0 - *v);
    s.reversed[0] = false;
    let r = analyze(&s, &x, &Options::default(), &()).unwrap();
    assert!(r.has_problems());
    let w = &r.warnings[0];
    assert_eq!(w.kind, WarningKind::NegativeItemRest);
    assert_eq!(w.subject, Subject::Item(0)); // A1
    assert!(w.message.contains("missing a reverse key"), "{}", w.message);
    let reflected = r
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::ReflectedInOmega);
    assert_eq!(reflected.map(|w| w.subject), Some(Subject::Item(0)));
}

/// Listwise deletion that drops many rows says so, and advises pairwise deletion as a value
/// (the binary words it as `--missing pairwise`).
#[test]
fn rows_dropped_advises_pairwise_deletion() {
    let nan = f64::NAN;
    let x = DMatrix::from_row_slice(6, 2, &[1., 2., 2., 3., 3., 3., 4., 5., nan, 1., 2., nan]);
    let options = Options {
        missing: MissingPolicy::Listwise,
        ..Options::default()
    };
    let r = analyze(&scale(&["a", "b"]), &x, &options, &()).unwrap();
    let w = r
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::RowsDropped)
        .expect("a rows-dropped warning");
    assert_eq!(w.advice, [Advice::Missing(MissingPolicy::Pairwise)]);
    assert_eq!(w.advice[0].to_string(), "set missing to pairwise");
    assert!(
        w.message
            .starts_with("listwise deletion dropped 2 of 6 rows")
    );
    assert!(!WarningKind::RowsDropped.is_problem());
}

#[test]
fn negative_alpha_is_flagged() {
    let x = DMatrix::from_row_slice(4, 2, &[1., 4., 2., 3., 3., 2., 4., 1.]);
    let r = analyze(&scale(&["a", "b"]), &x, &Options::default(), &()).unwrap();
    assert!(r.coefficients.alpha < 0.0);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.kind == WarningKind::NegativeAlpha)
    );
}

#[test]
fn constant_item_is_left_out_with_a_warning() {
    let x = DMatrix::from_row_slice(4, 3, &[1., 1., 3., 2., 3., 3., 3., 2., 3., 4., 4., 3.]);
    let r = analyze(&scale(&["a", "b", "c"]), &x, &Options::default(), &()).unwrap();
    assert_eq!(r.n_items, 2);
    assert_eq!(r.warnings[0].kind, WarningKind::ZeroVariance);
    assert_eq!(r.items[2].sd, Some(0.0));
    assert!(r.items[2].r_drop.is_none());
    let two = analyze(
        &scale(&["a", "b"]),
        &x.columns(0, 2).into_owned(),
        &Options::default(),
        &(),
    )
    .unwrap();
    assert_abs_diff_eq!(
        r.coefficients.alpha,
        two.coefficients.alpha,
        epsilon = CLOSED_FORM
    );
}

#[test]
fn degenerate_input_gives_clear_errors() {
    let x = DMatrix::from_row_slice(4, 2, &[1., 2., 2., 3., 3., 3., 4., 5.]);
    let one = analyze(
        &scale(&["a"]),
        &x.columns(0, 1).into_owned(),
        &Options::default(),
        &(),
    );
    assert!(matches!(
        one,
        Err(ReliabilityError::TooFewItems { items: 1, .. })
    ));
    let msg = one.unwrap_err().to_string();
    assert!(msg.contains("at least two items"), "{msg}");

    let mut empty = x.clone();
    empty.column_mut(1).fill(f64::NAN);
    let e = analyze(&scale(&["a", "b"]), &empty, &Options::default(), &()).unwrap_err();
    assert!(e.to_string().contains("item 'b'"), "{e}");

    let small = x.rows(0, 2).into_owned();
    let e = analyze(&scale(&["a", "b"]), &small, &Options::default(), &()).unwrap_err();
    assert!(
        matches!(e, ReliabilityError::TooFewRespondents { n: 2, .. }),
        "{e}"
    );

    let constant = DMatrix::from_row_slice(4, 2, &[1., 2., 2., 2., 3., 2., 4., 2.]);
    let e = analyze(&scale(&["a", "b"]), &constant, &Options::default(), &()).unwrap_err();
    assert!(e.to_string().contains("without variance: b"), "{e}");

    let nan = f64::NAN;
    let apart = DMatrix::from_row_slice(5, 2, &[1., nan, 2., nan, 3., nan, nan, 1., nan, 2.]);
    let e = analyze(&scale(&["a", "b"]), &apart, &Options::default(), &()).unwrap_err();
    assert!(
        matches!(e, ReliabilityError::TooFewPairs { n: 0, .. }),
        "{e}"
    );
}

#[test]
fn listwise_uses_complete_rows_only() {
    let (s, x) = bfi_a();
    let opts = Options {
        missing: MissingPolicy::Listwise,
        ..Options::default()
    };
    let r = analyze(&s, &x, &opts, &()).unwrap();
    let complete = psym_stats::cov::complete_rows(&x);
    assert_eq!(r.n, complete.len());
    let direct = analyze(&s, &x.select_rows(&complete), &Options::default(), &()).unwrap();
    assert_abs_diff_eq!(
        r.coefficients.alpha,
        direct.coefficients.alpha,
        epsilon = CLOSED_FORM
    );
}

#[test]
fn bootstrap_is_reproducible_and_brackets_alpha() {
    let (s, x) = bfi_a();
    // 400 respondents keep the jackknife (one omega fit per respondent) quick in debug builds
    let x = x.rows(0, 400).into_owned();
    let opts = Options {
        bootstrap: Some(BootstrapOptions {
            replicates: 200,
            seed: 42,
        }),
        ..Options::default()
    };
    let a = analyze(&s, &x, &opts, &()).unwrap();
    let b = analyze(&s, &x, &opts, &()).unwrap();
    assert_eq!(a.bootstrap, b.bootstrap);
    let ci = a.bootstrap.as_ref().unwrap().alpha.clone().unwrap();
    assert!(
        ci.percentile.lower < a.coefficients.alpha && a.coefficients.alpha < ci.percentile.upper
    );
    let bca = ci.bca.unwrap();
    assert!(bca.lower < a.coefficients.alpha && a.coefficients.alpha < bca.upper);
    let boot = a.bootstrap.as_ref().unwrap();
    let omega = boot.omega_total.as_ref().unwrap();
    let est = a.omega_total.unwrap();
    assert!(omega.percentile.lower < est && est < omega.percentile.upper);
    // the bootstrap standard error is close to the width of Feldt's interval / (2 × 1.96)
    let feldt = a.alpha_ci.unwrap();
    let feldt_se = (feldt.upper - feldt.lower) / (2.0 * 1.96);
    assert!(
        (ci.se / feldt_se - 1.0).abs() < 0.5,
        "{} vs {feldt_se}",
        ci.se
    );
}

/// A seed gives the same intervals with one thread or three.
#[test]
fn bootstrap_does_not_depend_on_thread_count() {
    let (s, x) = bfi_a();
    let x = x.rows(0, 300).into_owned();
    let opts = Options {
        bootstrap: Some(BootstrapOptions {
            replicates: 100,
            seed: 11,
        }),
        ..Options::default()
    };
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| analyze(&s, &x, &opts, &()).unwrap().bootstrap)
    };
    assert_eq!(run(1), run(3));
}
