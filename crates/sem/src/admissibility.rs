//! Admissibility checks, run after the fit and separate from convergence.
//!
//! A converged solution can still be unusable: negative variances (Heywood cases),
//! standardized loadings or correlations beyond ±1, latent or residual covariance matrices
//! that are not positive definite, or a singular information matrix (the model is not
//! identified). Each finding is a [`Diagnostic`] with a plain-language cause and advice.

use nalgebra::DMatrix;
use psym_model::{GroupMatrices, Op};
use serde::Serialize;

use crate::optim::{Convergence, Stop};
use crate::result::Estimate;

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

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The solution should not be interpreted.
    Error,
    /// Worth a look.
    Warning,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Kind of problem.
    pub kind: DiagnosticKind,
    /// Severity.
    pub severity: Severity,
    /// What was found, naming the parameter.
    pub message: String,
    /// What to try.
    pub advice: String,
}

fn diag(kind: DiagnosticKind, message: String, advice: &str) -> Diagnostic {
    Diagnostic {
        kind,
        severity: Severity::Error,
        message,
        advice: advice.into(),
    }
}

/// Diagnostic for an optimiser that stopped early, with advice for the cause.
pub(crate) fn convergence(c: &Convergence) -> Option<Diagnostic> {
    let advice = match c.stop {
        Stop::BadStart => {
            "the starting values give a covariance matrix that is not positive definite: give \
             starting values with start() (for example start(1)*x2) or check fixed values that \
             make an implied variance zero or negative"
        }
        Stop::NoStep => {
            "the information matrix is singular, so the model is probably not identified: fix \
             one loading per factor to a non-zero value (or use std.lv), give each factor at \
             least three indicators (or two and a correlation with another factor)"
        }
        Stop::IterationLimit | Stop::TimeLimit => {
            "the objective was still decreasing: the model is probably nearly unidentified (a \
             factor with two indicators, a factor variance near 0, a factor correlation near \
             ±1); fix or remove the weakly determined parameters, or give starting values with \
             start()"
        }
        Stop::RelativeChange | Stop::Stalled | Stop::NothingToEstimate => {
            "the search ended at a point that is not a solution, often a variance pushed \
             towards 0 or variables on very different scales: rescale variables whose variances \
             differ by orders of magnitude, give starting values with start(), or fix the \
             parameter with the largest gradient"
        }
    };
    (!c.converged).then(|| {
        diag(
            DiagnosticKind::NotConverged,
            format!(
                "the estimation did not converge after {} iterations ({}; largest gradient {:.2e})",
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
    if min_eigen < SINGULAR_TOL {
        out.push(diag(
            DiagnosticKind::Unidentified,
            "the information matrix is singular, so some parameters are not identified and \
             standard errors cannot be computed"
                .into(),
            "fix one loading per factor to 1 (or use std.lv), make sure each factor has at least \
             three indicators (or two with a correlated factor), and remove redundant parameters",
        ));
    }
    for p in params.iter().filter(|p| p.free || p.op == Op::Covary) {
        let name = format!("{} {} {}", p.lhs, p.op, p.rhs);
        let group = if matrices.len() > 1 {
            format!(" in group {}", p.group)
        } else {
            String::new()
        };
        if p.op == Op::Covary && p.lhs == p.rhs && p.est < 0.0 {
            let what = if latent.contains(&p.lhs) {
                "latent"
            } else {
                "residual"
            };
            out.push(diag(
                DiagnosticKind::NegativeVariance,
                format!(
                    "the {what} variance {name}{group} is negative ({:.4}): a Heywood case",
                    p.est
                ),
                "a negative variance often means too few indicators, a misspecified model, or an \
                 item that is almost a copy of its factor; check the loadings of this factor, \
                 consider fixing the variance to a small positive value, or revise the model",
            ));
        } else if (p.op == Op::Measure || (p.op == Op::Covary && p.lhs != p.rhs))
            && p.std_all.abs() > 1.0 + ONE_SLACK
        {
            out.push(diag(
                DiagnosticKind::StandardizedBeyondOne,
                format!(
                    "the standardized value of {name}{group} is {:.4}, beyond ±1",
                    p.std_all
                ),
                "a standardized loading or correlation above 1 usually goes with a negative \
                 variance or two factors that cannot be told apart; consider merging the factors",
            ));
        }
    }
    for (g, m) in matrices.iter().enumerate() {
        let group = if matrices.len() > 1 {
            format!(" of group {}", g + 1)
        } else {
            String::new()
        };
        if m.psi.nrows() > 0 && !positive_definite(&m.psi) {
            out.push(diag(
                DiagnosticKind::LatentNotPositiveDefinite,
                format!("the latent covariance matrix{group} is not positive definite"),
                "some factor correlations are at or beyond ±1 or a factor variance is not \
                 positive; consider merging highly correlated factors",
            ));
        }
        let has_off = (0..m.theta.nrows()).any(|i| (0..i).any(|j| m.theta[(i, j)] != 0.0));
        let has_neg = m.theta.diagonal().iter().any(|v| *v < 0.0);
        if has_off && !has_neg && !positive_definite(&m.theta) {
            out.push(diag(
                DiagnosticKind::ResidualNotPositiveDefinite,
                format!("the residual covariance matrix{group} is not positive definite"),
                "a residual correlation is at or beyond ±1; check the correlated residuals",
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

    /// The advice of a failed fit names the cause the optimiser found, not a generic list.
    #[test]
    fn advice_points_at_the_cause_of_non_convergence() {
        let advice = |stop, g| convergence(&report(stop, 7, g)).map(|d| d.advice);
        assert!(
            advice(Stop::BadStart, f64::NAN)
                .unwrap()
                .contains("start()")
        );
        assert!(
            advice(Stop::NoStep, 1.0)
                .unwrap()
                .contains("not identified")
        );
        assert!(
            advice(Stop::IterationLimit, 1e-2)
                .unwrap()
                .contains("still decreasing")
        );
        assert!(
            advice(Stop::Stalled, 0.5)
                .unwrap()
                .contains("not a solution")
        );
        // lavaan's rule: a stop on the relative change with a gradient ≤ 1e-3 is converged.
        assert!(advice(Stop::Stalled, 5e-4).is_none());
        assert!(advice(Stop::RelativeChange, 2e-3).is_some());
    }
}
