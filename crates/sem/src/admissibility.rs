//! Admissibility checks, run after the fit and separate from convergence.
//!
//! A converged solution can still be unusable: negative variances (Heywood cases),
//! standardized loadings or correlations beyond ±1, latent or residual covariance matrices
//! that are not positive definite, or a singular information matrix (the model is not
//! identified). Each finding is a [`Diagnostic`] with a plain-language cause and typed
//! [`Advice`].

use std::fmt;

use nalgebra::DMatrix;
use psym_model::{GroupMatrices, Op, ParamRef};
use psym_stats::{Severity, Subject};
use serde::Serialize;

use crate::optim::{Convergence, Stop};
use crate::result::{Estimate, ParamOp};

/// Relative eigenvalue of the information matrix below which it is treated as singular.
pub(crate) const SINGULAR_TOL: f64 = 1e-9;
/// Slack for "beyond ±1" so that rounding at exactly 1 is not flagged.
const ONE_SLACK: f64 = 1e-8;

/// What kind of problem a diagnostic reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// The optimiser did not reach a stationary point.
    NotConverged,
    /// A variance estimate is negative (Heywood case).
    NegativeVariance,
    /// A standardized loading or correlation is larger than 1 in absolute value.
    StandardizedBeyondOne,
    /// The latent covariance matrix Ψ is not positive definite.
    LatentNotPositiveDefinite,
    /// The residual covariance matrix Θ is not positive definite.
    ResidualNotPositiveDefinite,
    /// The information matrix is singular: some parameters are not identified.
    Unidentified,
}

/// What a diagnostic suggests trying: a change to the model or a setting, as a value so that a
/// program can word a setting as its own flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Advice {
    /// Give starting values with `start()` in the model syntax.
    StartValues,
    /// Check fixed values that make an implied variance zero or negative.
    CheckFixedValues,
    /// Set the scale of each factor: fix one loading per factor to 1, or standardize the
    /// latent variables ([`psym_model::ModelOptions::std_lv`]).
    IdentifyScale,
    /// Give each factor at least three indicators (or two and a correlation with another).
    MoreIndicators,
    /// Remove parameters that duplicate others.
    RemoveRedundant,
    /// Fix or remove weakly determined parameters.
    FixWeakParameters,
    /// Rescale variables whose variances differ by orders of magnitude.
    Rescale,
    /// Fix the parameter with the largest gradient.
    FixLargestGradient,
    /// Check the loadings of the factor concerned.
    CheckLoadings,
    /// Fix the variance to a small positive value.
    FixVariance,
    /// Revise the model.
    ReviseModel,
    /// Merge factors that cannot be told apart.
    MergeFactors,
    /// Check the correlated residuals.
    CheckCorrelatedResiduals,
}

/// As a library user would act on it ("standardize the latent variables (std_lv)").
impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Advice::StartValues => "give starting values with start() (for example start(1)*x2)",
            Advice::CheckFixedValues => {
                "check fixed values that make an implied variance zero or negative"
            }
            Advice::IdentifyScale => {
                "fix one loading per factor to 1 (or standardize the latent variables: std_lv)"
            }
            Advice::MoreIndicators => {
                "give each factor at least three indicators (or two and a correlation with \
                 another factor)"
            }
            Advice::RemoveRedundant => "remove redundant parameters",
            Advice::FixWeakParameters => "fix or remove the weakly determined parameters",
            Advice::Rescale => "rescale variables whose variances differ by orders of magnitude",
            Advice::FixLargestGradient => "fix the parameter with the largest gradient",
            Advice::CheckLoadings => "check the loadings of this factor",
            Advice::FixVariance => "consider fixing the variance to a small positive value",
            Advice::ReviseModel => "revise the model",
            Advice::MergeFactors => "consider merging factors that cannot be told apart",
            Advice::CheckCorrelatedResiduals => "check the correlated residuals",
        })
    }
}

/// One finding ([`psym_stats::Diagnostic`]): about the fit as a whole, a parameter
/// ([`ParamRef`], with its group in a multi-group model) or a group (0-based).
pub type Diagnostic = psym_stats::Diagnostic<DiagnosticKind, Advice, ParamRef>;

fn error(
    kind: DiagnosticKind,
    subject: Subject<ParamRef>,
    message: String,
    advice: &[Advice],
) -> Diagnostic {
    Diagnostic::new(kind, Severity::Error, subject, message).with_advice(advice.iter().copied())
}

/// Diagnostic for an optimiser that stopped early, with advice for the cause.
pub(crate) fn convergence(c: &Convergence) -> Option<Diagnostic> {
    use Advice::*;
    let (cause, advice): (&str, &[Advice]) = match c.stop {
        Stop::BadStart => (
            "the starting values give a covariance matrix that is not positive definite",
            &[StartValues, CheckFixedValues],
        ),
        Stop::NoStep => (
            "the information matrix is singular, so the model is probably not identified",
            &[IdentifyScale, MoreIndicators],
        ),
        Stop::IterationLimit | Stop::TimeLimit => (
            "the objective was still decreasing: the model is probably nearly unidentified (a \
             factor with two indicators, a factor variance near 0, a factor correlation near ±1)",
            &[FixWeakParameters, StartValues],
        ),
        Stop::RelativeChange | Stop::Stalled | Stop::NothingToEstimate => (
            "the search ended at a point that is not a solution, often a variance pushed \
             towards 0 or variables on very different scales",
            &[Rescale, StartValues, FixLargestGradient],
        ),
    };
    (!c.converged).then(|| {
        error(
            DiagnosticKind::NotConverged,
            Subject::Whole,
            format!(
                "the estimation did not converge after {} iterations ({}; largest gradient \
                 {:.2e}): {cause}",
                c.iterations, c.message, c.gradient_max
            ),
            advice,
        )
    })
}

/// Checks estimates and matrices; `min_eigen` is the smallest relative eigenvalue of the
/// information matrix.
pub(crate) fn check(
    params: &[Estimate],
    matrices: &[GroupMatrices],
    latent: &[String],
    min_eigen: f64,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let multi = matrices.len() > 1;
    if min_eigen < SINGULAR_TOL {
        out.push(error(
            DiagnosticKind::Unidentified,
            Subject::Whole,
            "the information matrix is singular, so some parameters are not identified and \
             standard errors cannot be computed"
                .into(),
            &[
                Advice::IdentifyScale,
                Advice::MoreIndicators,
                Advice::RemoveRedundant,
            ],
        ));
    }
    for p in params.iter().filter(|p| p.free || p.op == Op::Covary) {
        // a defined parameter (`:=`) is neither a variance, a loading nor a correlation
        let ParamOp::Model(op) = p.op else { continue };
        let parameter = Subject::Parameter(ParamRef {
            group: multi.then_some(p.group),
            ..ParamRef::new(p.lhs.clone(), op, p.rhs.clone())
        });
        if p.op == Op::Covary && p.lhs == p.rhs && p.est < 0.0 {
            let what = if latent.contains(&p.lhs) {
                "latent"
            } else {
                "residual"
            };
            out.push(error(
                DiagnosticKind::NegativeVariance,
                parameter,
                format!(
                    "is a negative {what} variance ({:.4}): a Heywood case, which often means too \
                     few indicators, a misspecified model, or an item that is almost a copy of \
                     its factor",
                    p.est
                ),
                &[
                    Advice::CheckLoadings,
                    Advice::FixVariance,
                    Advice::ReviseModel,
                ],
            ));
        } else if (p.op == Op::Measure || (p.op == Op::Covary && p.lhs != p.rhs))
            && p.std_all.abs() > 1.0 + ONE_SLACK
        {
            out.push(error(
                DiagnosticKind::StandardizedBeyondOne,
                parameter,
                format!(
                    "has a standardized value of {:.4}, beyond ±1, which usually goes with a \
                     negative variance or two factors that cannot be told apart",
                    p.std_all
                ),
                &[Advice::MergeFactors],
            ));
        }
    }
    for (g, m) in matrices.iter().enumerate() {
        // in a multi-group model the group is the subject ("group nb has a …")
        let not_pd = |matrix: &str, cause: &str| {
            if multi {
                (
                    Subject::Group(g),
                    format!("has a {matrix} that is not positive definite: {cause}"),
                )
            } else {
                (
                    Subject::Whole,
                    format!("the {matrix} is not positive definite: {cause}"),
                )
            }
        };
        if m.psi.nrows() > 0 && !positive_definite(&m.psi) {
            let (subject, message) = not_pd(
                "latent covariance matrix",
                "some factor correlations are at or beyond ±1 or a factor variance is not positive",
            );
            out.push(error(
                DiagnosticKind::LatentNotPositiveDefinite,
                subject,
                message,
                &[Advice::MergeFactors],
            ));
        }
        let has_off = (0..m.theta.nrows()).any(|i| (0..i).any(|j| m.theta[(i, j)] != 0.0));
        let has_neg = m.theta.diagonal().iter().any(|v| *v < 0.0);
        if has_off && !has_neg && !positive_definite(&m.theta) {
            let (subject, message) = not_pd(
                "residual covariance matrix",
                "a residual correlation is at or beyond ±1",
            );
            out.push(error(
                DiagnosticKind::ResidualNotPositiveDefinite,
                subject,
                message,
                &[Advice::CheckCorrelatedResiduals],
            ));
        }
    }
    out
}

fn positive_definite(m: &DMatrix<f64>) -> bool {
    m.clone().cholesky().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::report;

    /// The advice of a failed fit answers the cause the optimiser found, not a generic list.
    #[test]
    fn advice_points_at_the_cause_of_non_convergence() {
        let advice = |stop, g| convergence(&report(stop, 7, g)).map(|d| d.advice);
        assert_eq!(
            advice(Stop::BadStart, f64::NAN).unwrap(),
            [Advice::StartValues, Advice::CheckFixedValues]
        );
        assert_eq!(advice(Stop::NoStep, 1.0).unwrap()[0], Advice::IdentifyScale);
        assert_eq!(
            advice(Stop::IterationLimit, 1e-2).unwrap()[0],
            Advice::FixWeakParameters
        );
        assert_eq!(advice(Stop::Stalled, 0.5).unwrap()[0], Advice::Rescale);
        let message = convergence(&report(Stop::NoStep, 7, 1.0)).unwrap().message;
        assert!(message.contains("not identified"), "{message}");
        // lavaan's rule: a stop on the relative change with a gradient ≤ 1e-3 is converged.
        assert!(advice(Stop::Stalled, 5e-4).is_none());
        assert!(advice(Stop::RelativeChange, 2e-3).is_some());
    }
}
