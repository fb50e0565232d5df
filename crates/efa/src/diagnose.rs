//! Plain-language diagnostics of a factor solution: statistical trouble is a value on the
//! result, with what to try.

use crate::extract::MIN_UNIQUENESS;
use psym_stats::{Severity, Subject};

use crate::{Advice, Diagnostic, DiagnosticKind, Extraction, Rotation};

/// What [`diagnose`] looks at.
pub(crate) struct Checks<'a> {
    /// Items.
    pub p: usize,
    /// Factors.
    pub k: usize,
    /// Respondents, when known.
    pub n_obs: Option<usize>,
    /// The smallest eigenvalue, when the correlation matrix is singular.
    pub smallest_eigenvalue: Option<f64>,
    /// The extraction method, when it did not converge.
    pub extraction: Option<Extraction>,
    /// The rotation, when it did not converge.
    pub rotation: Option<Rotation>,
    /// Communalities.
    pub communalities: &'a [f64],
    /// Whether fit statistics were wanted but could not be computed.
    pub fit_missing: bool,
}

/// Every diagnostic that applies, in a fixed order.
pub(crate) fn diagnose(c: &Checks<'_>) -> Vec<Diagnostic> {
    let (p, k) = (c.p, c.k);
    let mut out = Vec::new();
    let add = |out: &mut Vec<Diagnostic>, kind, subject, message: String, advice: &[Advice]| {
        out.push(
            Diagnostic::new(kind, Severity::Error, subject, message)
                .with_advice(advice.iter().copied()),
        )
    };
    if let Some(n) = c.n_obs.filter(|&n| n <= p) {
        add(
            &mut out,
            DiagnosticKind::TooFewRespondents,
            Subject::Whole,
            format!(
                "only {n} respondents for {p} items: the correlations cannot support a factor analysis; collect more data"
            ),
            &[],
        );
    }
    if let Some(smallest) = c.smallest_eigenvalue {
        add(
            &mut out,
            DiagnosticKind::NotPositiveDefinite,
            Subject::Whole,
            format!(
                "the correlation matrix is singular or not positive definite (smallest eigenvalue {smallest:.2e}): \
                 some items are (nearly) linear combinations of others, or there are too few respondents; \
                 no fit statistics are given"
            ),
            &[],
        );
    } else if c.fit_missing {
        add(
            &mut out,
            DiagnosticKind::NotPositiveDefinite,
            Subject::Whole,
            "the model matrix is not positive definite, so no fit statistics are given".into(),
            &[],
        );
    }
    if let Some(method) = c.extraction {
        add(
            &mut out,
            DiagnosticKind::NotConverged,
            Subject::Whole,
            format!("{method} extraction did not converge"),
            &[Advice::OtherMethod, Advice::FewerFactors],
        );
    }
    if let Some(rotation) = c.rotation {
        out.push(Diagnostic::new(
            DiagnosticKind::NotConverged,
            Severity::Warning,
            Subject::Whole,
            format!("{rotation} rotation did not converge; the loadings may not be the optimum"),
        ));
    }
    for (j, &h2) in c.communalities.iter().enumerate() {
        if h2 >= 1.0 - MIN_UNIQUENESS - 1e-9 {
            add(
                &mut out,
                DiagnosticKind::Heywood,
                Subject::Item(j),
                format!(
                    "has communality {h2:.3} (Heywood case): its uniqueness is at or below zero; \
                     check the item"
                ),
                &[Advice::FewerFactors, Advice::OtherMethod],
            );
        }
    }
    let df = crate::fit::degrees_of_freedom(p, k);
    if df < 0.0 {
        add(
            &mut out,
            DiagnosticKind::Underidentified,
            Subject::Whole,
            format!(
                "{k} factors for {p} items leave {df} degrees of freedom: the model is not identified"
            ),
            &[Advice::FewerFactors],
        );
    }
    out
}
