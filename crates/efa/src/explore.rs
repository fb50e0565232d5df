//! The exploratory factor analysis of a computed correlation matrix: the fit, the sampling
//! adequacy of the matrix where it is meaningful, and what smoothing did to it.

use psym_stats::correlate::Correlations;
use psym_stats::{Severity, Subject};

use crate::{
    Bartlett, Diagnostic, DiagnosticKind, EfaError, FaOptions, FaResult, Kmo, bartlett, fa, kmo,
};

/// A factor analysis with the sampling adequacy of its correlation matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Efa {
    /// The fit, with its diagnostics (and one saying so when the matrix was smoothed).
    pub fa: FaResult,
    /// KMO of the correlation matrix (absent when it is not positive definite).
    pub kmo: Option<Kmo>,
    /// Bartlett's test (absent when the matrix is not positive definite or
    /// [`FaOptions::n_obs`] is unknown).
    pub bartlett: Option<Bartlett>,
}

/// Factors the correlations `c` ([`fa`], psych::fa) and measures their sampling adequacy
/// ([`kmo`], [`bartlett`] with [`FaOptions::n_obs`] respondents).
///
/// KMO and Bartlett's test are left out when the fit found a matrix that is not positive
/// definite (a [`DiagnosticKind::NotPositiveDefinite`] diagnostic): for a singular matrix they
/// are meaningless and numerically arbitrary. When `c` was smoothed (psych's cor.smooth), a
/// warning of that kind says that the solution describes the smoothed matrix.
///
/// # Errors
/// As [`fa`].
///
/// # Example
/// ```
/// use nalgebra::DMatrix;
/// use psym_efa::{FaOptions, efa};
/// use psym_stats::correlate::Correlations;
/// let r = DMatrix::from_fn(6, 6, |i, j| if i == j { 1.0 } else if i / 3 == j / 3 { 0.5 } else { 0.1 });
/// let c = Correlations { matrix: r, thresholds: None, continuity: None, smoothed: false };
/// let e = efa(&c, &FaOptions { factors: 2, n_obs: Some(200), ..FaOptions::default() }).unwrap();
/// assert!(e.kmo.is_some() && e.bartlett.is_some());
/// ```
pub fn efa(c: &Correlations, opts: &FaOptions) -> Result<Efa, EfaError> {
    let mut fit = fa(&c.matrix, opts)?;
    let singular = fit
        .diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::NotPositiveDefinite);
    let (kmo, bartlett) = if singular {
        (None, None)
    } else {
        (
            kmo(&c.matrix).ok(),
            opts.n_obs.and_then(|n| bartlett(&c.matrix, n).ok()),
        )
    };
    if c.smoothed {
        fit.diagnostics.push(Diagnostic::new(
            DiagnosticKind::NotPositiveDefinite,
            Severity::Warning,
            Subject::Whole,
            "the correlation matrix was not positive definite and has been smoothed; \
             the solution describes the smoothed matrix",
        ));
    }
    Ok(Efa {
        fa: fit,
        kmo,
        bartlett,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DMatrix;

    fn correlations(matrix: DMatrix<f64>, smoothed: bool) -> Correlations {
        Correlations {
            matrix,
            thresholds: None,
            continuity: None,
            smoothed,
        }
    }

    fn options() -> FaOptions {
        FaOptions {
            n_obs: Some(100),
            ..FaOptions::default()
        }
    }

    /// Two identical items make the matrix singular: no KMO, no Bartlett.
    #[test]
    fn a_singular_matrix_has_no_adequacy() {
        let r = DMatrix::from_row_slice(3, 3, &[1.0, 1.0, 0.4, 1.0, 1.0, 0.4, 0.4, 0.4, 1.0]);
        let e = efa(&correlations(r, false), &options()).unwrap();
        assert!(e.kmo.is_none() && e.bartlett.is_none());
    }

    #[test]
    fn a_smoothed_matrix_is_reported_and_measured() {
        let r = DMatrix::from_row_slice(3, 3, &[1.0, 0.48, 0.40, 0.48, 1.0, 0.30, 0.40, 0.30, 1.0]);
        let plain = efa(&correlations(r.clone(), false), &options()).unwrap();
        assert!(plain.fa.diagnostics.is_empty());
        let e = efa(&correlations(r, true), &options()).unwrap();
        assert!(e.kmo.is_some() && e.bartlett.is_some());
        let d = e.fa.diagnostics.last().unwrap();
        assert_eq!(
            (d.kind, d.severity),
            (DiagnosticKind::NotPositiveDefinite, Severity::Warning)
        );
        assert!(d.message.contains("smoothed") && !d.message.contains("--"));
    }
}
