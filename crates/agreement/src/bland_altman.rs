//! Mean difference and Bland–Altman limits of agreement, with their confidence intervals.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use crate::{AgreementError, check_level};

/// A value with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// The estimate.
    pub value: f64,
    /// Lower limit of its interval.
    pub lower: f64,
    /// Upper limit of its interval.
    pub upper: f64,
}

/// Bland–Altman figures of paired measurements `a − b`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BlandAltman {
    /// Pairs.
    pub n: usize,
    /// Coverage of the limits and of every interval.
    pub level: f64,
    /// Mean difference `d̄` (the bias), with `d̄ ± t(1 − α/2; n − 1)·s/√n`.
    pub mean_difference: Estimate,
    /// Standard deviation of the differences, `s` (`n − 1` denominator).
    pub sd_difference: f64,
    /// The normal quantile `z(1 − α/2)` the limits lie from the mean difference, in SDs
    /// (1.96 at 95%).
    pub z: f64,
    /// Lower limit of agreement `d̄ − z(1 − α/2)·s`, with `± t(1 − α/2; n − 1)·s·√(3/n)`.
    pub lower_limit: Estimate,
    /// Upper limit of agreement `d̄ + z(1 − α/2)·s`, with `± t(1 − α/2; n − 1)·s·√(3/n)`.
    pub upper_limit: Estimate,
}

/// Mean difference and limits of agreement of `a − b` at coverage `level` (1.96 SD either
/// side of the mean difference at 95%), each with its interval at the same level.
///
/// The interval of a limit uses Bland & Altman's approximate standard error `s·√(3/n)`
/// (the variance of `d̄ ± z·s` is about `s²/n + z²s²/(2(n − 1)) ≈ 3s²/n` for `z ≈ 2`).
///
/// Source: Bland, J. M., & Altman, D. G. (1986). Statistical methods for assessing agreement
/// between two methods of clinical measurement. *Lancet, 327*(8476), 307–310; (1999).
/// Measuring agreement in method comparison studies. *Statistical Methods in Medical Research,
/// 8*(2), 135–160, §2.
///
/// # Errors
/// Lists of different lengths, fewer than two pairs, a missing value, or a level outside (0, 1).
///
/// # Example
/// ```
/// let ba = psym_agreement::bland_altman(&[3.0, 4.0, 5.0, 6.0], &[2.0, 4.0, 4.0, 5.0], 0.95).unwrap();
/// assert_eq!(ba.mean_difference.value, 0.75);
/// ```
pub fn bland_altman(a: &[f64], b: &[f64], level: f64) -> Result<BlandAltman, AgreementError> {
    check_level(level)?;
    let d = differences(a, b)?;
    let n = d.len() as f64;
    let mean = d.iter().sum::<f64>() / n;
    let sd = (d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let tail = 1.0 - (1.0 - level) / 2.0;
    let z = Normal::standard().inverse_cdf(tail);
    let t = StudentsT::new(0.0, 1.0, n - 1.0).map_or(f64::NAN, |t| t.inverse_cdf(tail));
    let around = |value: f64, se: f64| Estimate {
        value,
        lower: value - t * se,
        upper: value + t * se,
    };
    let se_limit = sd * (3.0 / n).sqrt();
    Ok(BlandAltman {
        n: d.len(),
        level,
        mean_difference: around(mean, sd / n.sqrt()),
        sd_difference: sd,
        z,
        lower_limit: around(mean - z * sd, se_limit),
        upper_limit: around(mean + z * sd, se_limit),
    })
}

/// `a − b`, checked: equal lengths, at least two pairs, every value finite.
fn differences(a: &[f64], b: &[f64]) -> Result<Vec<f64>, AgreementError> {
    if a.len() != b.len() {
        return Err(AgreementError::Length {
            what: "paired measurements",
            left: a.len(),
            right: b.len(),
        });
    }
    if a.len() < 2 {
        return Err(AgreementError::TooFew {
            what: "pairs",
            needed: 2,
            got: a.len(),
        });
    }
    a.iter()
        .zip(b)
        .enumerate()
        .map(|(i, (x, y))| {
            if !x.is_finite() {
                Err(AgreementError::Missing {
                    row: i + 1,
                    column: 1,
                })
            } else if !y.is_finite() {
                Err(AgreementError::Missing {
                    row: i + 1,
                    column: 2,
                })
            } else {
                Ok(x - y)
            }
        })
        .collect()
}
