//! Agreement between two perspectives on the same targets (client and caseworker rating the
//! same dyad): the ICC table, correlations and Bland–Altman figures of one score.

use nalgebra::DMatrix;
use psym_stats::{MissingPolicy, Severity, Subject};
use serde::Serialize;

use crate::AgreementError;
use crate::bland_altman::{BlandAltman, bland_altman};
use crate::diagnostic::{Advice, Diagnostic, DiagnosticKind};
use crate::icc::{Icc, IccOptions, icc};

/// Fewer dyads than this give a warning: Koo & Li (2016) ask for at least 30 targets for an
/// ICC study.
pub const FEW_DYADS: usize = 30;

/// Mean and standard deviation of one perspective's scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Describe {
    /// Mean.
    pub mean: f64,
    /// Standard deviation (`n − 1` denominator).
    pub sd: f64,
}

/// How two perspectives agree on one score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Dyads with both scores.
    pub n: usize,
    /// Mean and SD of each perspective, in the order given.
    pub forms: [Describe; 2],
    /// The six Shrout–Fleiss ICCs (perspectives as the `k = 2` raters).
    pub icc: Icc,
    /// Pearson's correlation (`None` when a perspective does not vary).
    pub pearson: Option<f64>,
    /// Spearman's rank correlation, ties averaged (`None` when a perspective does not vary).
    pub spearman: Option<f64>,
    /// Mean difference (first − second) and limits of agreement.
    pub bland_altman: BlandAltman,
    /// What limits the reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// How the scores `a` and `b` of the same dyads (paired by position) agree, with intervals at
/// coverage `options.level`: [`icc`] with the two perspectives as raters, Pearson's and Spearman's
/// correlations (R's `cor`), and [`bland_altman`] of `a − b`.
///
/// # Errors
/// Lists of different lengths, fewer than two dyads, a missing score, or a level outside (0, 1).
///
/// # Example
/// ```
/// let client = [5.0, 6.0, 4.5, 6.5, 3.0];
/// let worker = [4.5, 6.0, 5.0, 6.0, 3.5];
/// let a = psym_agreement::agreement(&client, &worker, &Default::default()).unwrap();
/// assert!(a.pearson.unwrap() > 0.9);
/// ```
pub fn agreement(a: &[f64], b: &[f64], options: &IccOptions) -> Result<Agreement, AgreementError> {
    let bland_altman = bland_altman(a, b, options.level)?;
    let n = a.len();
    let pairs = DMatrix::from_fn(n, 2, |i, j| if j == 0 { a[i] } else { b[i] });
    let icc = icc(&pairs, options)?;
    let forms = [describe(a), describe(b)];
    let varies = forms.iter().all(|f| f.sd > 0.0);
    let r = |m: Result<psym_stats::cov::Moments, _>| m.ok().map(|m| m.matrix[(0, 1)]);
    let (pearson, spearman) = if varies {
        (
            r(psym_stats::cov::correlation(
                &pairs,
                MissingPolicy::Listwise,
            )),
            r(psym_stats::rank::spearman(&pairs, MissingPolicy::Listwise)),
        )
    } else {
        (None, None)
    };
    let mut diagnostics = Vec::new();
    if n < FEW_DYADS {
        diagnostics.push(
            Diagnostic::new(
                DiagnosticKind::FewUnits,
                Severity::Warning,
                Subject::Whole,
                format!("only {n} dyads: intervals are wide with fewer than {FEW_DYADS}"),
            )
            .with_advice([Advice::MoreUnits]),
        );
    }
    if !varies {
        diagnostics.push(Diagnostic::new(
            DiagnosticKind::NoVariance,
            Severity::Error,
            Subject::Whole,
            "one perspective's scores do not vary: no correlation, and the ICCs say nothing",
        ));
    }
    Ok(Agreement {
        n,
        forms,
        icc,
        pearson,
        spearman,
        bland_altman,
        diagnostics,
    })
}

fn describe(x: &[f64]) -> Describe {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let sd = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    Describe { mean, sd }
}
