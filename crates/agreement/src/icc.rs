//! The six intraclass correlations of Shrout & Fleiss (1979) with their F tests and confidence
//! intervals, computed as psych::ICC (psych 2.2.9) computes them.

use std::fmt;

use nalgebra::DMatrix;
use serde::Serialize;

use crate::anova::TwoWay;
use crate::components::IccMethod;
use crate::f_dist::{quantile, upper_tail};
use crate::{AgreementError, check_level, spearman_brown};

/// Which of the six intraclass correlations: model (one-way random, two-way random, two-way
/// mixed) and unit (a single rater, or the mean of the `k` raters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum IccType {
    /// One-way random, single rater: `(MSB − MSW) / (MSB + (k − 1)MSW)`.
    #[serde(rename = "ICC1")]
    Icc1,
    /// Two-way random, single rater, absolute agreement:
    /// `(MSB − MSE) / (MSB + (k − 1)MSE + k(MSJ − MSE)/n)`.
    #[serde(rename = "ICC2")]
    Icc2,
    /// Two-way mixed, single rater, consistency: `(MSB − MSE) / (MSB + (k − 1)MSE)`.
    #[serde(rename = "ICC3")]
    Icc3,
    /// One-way random, mean of `k` raters: `(MSB − MSW) / MSB`.
    #[serde(rename = "ICC1k")]
    Icc1k,
    /// Two-way random, mean of `k` raters: `(MSB − MSE) / (MSB + (MSJ − MSE)/n)`.
    #[serde(rename = "ICC2k")]
    Icc2k,
    /// Two-way mixed, mean of `k` raters: `(MSB − MSE) / MSB`.
    #[serde(rename = "ICC3k")]
    Icc3k,
}

impl IccType {
    /// The six, in psych's order.
    pub const ALL: [IccType; 6] = [
        IccType::Icc1,
        IccType::Icc2,
        IccType::Icc3,
        IccType::Icc1k,
        IccType::Icc2k,
        IccType::Icc3k,
    ];

    /// psych's row name (`Single_raters_absolute`, …): what the coefficient is about.
    pub fn description(self) -> &'static str {
        match self {
            IccType::Icc1 => "single rater, one-way random (absolute)",
            IccType::Icc2 => "single rater, two-way random (absolute agreement)",
            IccType::Icc3 => "single rater, two-way mixed (consistency)",
            IccType::Icc1k => "mean of raters, one-way random (absolute)",
            IccType::Icc2k => "mean of raters, two-way random (absolute agreement)",
            IccType::Icc3k => "mean of raters, two-way mixed (consistency)",
        }
    }
}

/// `ICC1`, `ICC2k`, … as psych prints them.
impl fmt::Display for IccType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IccType::Icc1 => "ICC1",
            IccType::Icc2 => "ICC2",
            IccType::Icc3 => "ICC3",
            IccType::Icc1k => "ICC1k",
            IccType::Icc2k => "ICC2k",
            IccType::Icc3k => "ICC3k",
        })
    }
}

/// One row of the ICC table: the coefficient, its F test against zero and its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IccRow {
    /// Which coefficient.
    #[serde(rename = "type")]
    pub kind: IccType,
    /// The intraclass correlation.
    pub icc: f64,
    /// F statistic: `MSB/MSW` for the one-way coefficients, `MSB/MSE` for the others.
    pub f: f64,
    /// Numerator degrees of freedom, `n − 1`.
    pub df1: f64,
    /// Denominator degrees of freedom, `n(k − 1)` (one-way) or `(n − 1)(k − 1)`.
    pub df2: f64,
    /// `P(F(df1, df2) > f)`.
    pub p: f64,
    /// Lower limit of the confidence interval.
    pub lower: f64,
    /// Upper limit of the confidence interval.
    pub upper: f64,
}

/// How to compute the ICC table: the coverage of its intervals and the estimation method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IccOptions {
    /// Coverage of the intervals (0.95).
    pub level: f64,
    /// REML components (psych's default) or the ANOVA mean squares.
    pub method: IccMethod,
}

/// 95% intervals, REML components, as psych::ICC by default.
impl Default for IccOptions {
    fn default() -> Self {
        IccOptions {
            level: 0.95,
            method: IccMethod::Reml,
        }
    }
}

/// The six Shrout–Fleiss intraclass correlations of a targets × raters table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Icc {
    /// How the mean squares were estimated.
    pub method: IccMethod,
    /// The ANOVA mean squares of the table.
    pub anova: TwoWay,
    /// The mean squares the coefficients use: the ANOVA ones, or those implied by the REML
    /// components ([`TwoWay::reml_mean_squares`]; the same unless a component is below zero).
    pub mean_squares: TwoWay,
    /// Coverage of the intervals.
    pub level: f64,
    /// The six coefficients, in psych's order ([`IccType::ALL`]).
    pub rows: Vec<IccRow>,
}

impl Icc {
    /// The row of one coefficient.
    pub fn get(&self, kind: IccType) -> &IccRow {
        &self.rows[IccType::ALL.iter().position(|&t| t == kind).unwrap_or(0)]
    }
}

/// The six intraclass correlations of `ratings` (targets in rows, `k ≥ 2` raters in columns,
/// complete) with F tests and intervals at coverage `options.level`, as psych::ICC: with
/// [`IccMethod::Reml`] (psych's default `lmer = TRUE`) from the mean squares implied by the
/// REML variance components, with [`IccMethod::Anova`] (`lmer = FALSE`) from the ANOVA ones;
/// the two agree unless a variance component is estimated below zero.
///
/// With `α = 1 − level`, `F₁ = MSB/MSW` on `(n − 1, n(k − 1))` and `F₃ = MSB/MSE` on
/// `(n − 1, (n − 1)(k − 1))`:
/// - ICC1, ICC3 (single): `FL = F/F⁻¹(1 − α/2; df1, df2)`, `FU = F·F⁻¹(1 − α/2; df2, df1)`,
///   limits `(FL − 1)/(FL + k − 1)` and `(FU − 1)/(FU + k − 1)`;
/// - ICC1k, ICC3k (average): `1 − 1/FL` and `1 − 1/FU`;
/// - ICC2 (McGraw & Wong 1996, Table 7, case 2A): Satterthwaite's
///   `v = (k − 1)(n − 1)(kρFⱼ + n(1 + (k − 1)ρ) − kρ)² / ((n − 1)k²ρ²Fⱼ² + (n(1 + (k − 1)ρ) − kρ)²)`
///   with `ρ = ICC2`, `Fⱼ = MSJ/MSE`, `F* = F⁻¹(1 − α/2; n − 1, v)`, `F_* = F⁻¹(1 − α/2; v, n − 1)`,
///   lower `n(MSB − F*·MSE) / (F*(k·MSJ + (kn − k − n)MSE) + n·MSB)`, upper
///   `n(F_*·MSB − MSE) / (k·MSJ + (kn − k − n)MSE + n·F_*·MSB)`;
/// - ICC2k: each ICC2 limit `L` stepped up by Spearman–Brown, `kL / (1 + (k − 1)L)`.
///
/// Sources: Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing
/// rater reliability. *Psychological Bulletin, 86*(2), 420–428; McGraw, K. O., & Wong, S. P.
/// (1996). Forming inferences about some intraclass correlation coefficients. *Psychological
/// Methods, 1*(1), 30–46; psych::ICC (Revelle).
///
/// # Errors
/// Fewer than two targets or raters, a missing rating, or a level outside (0, 1).
///
/// # Example
/// ```
/// use nalgebra::DMatrix;
/// use psym_agreement::{IccOptions, IccType, icc};
/// let x = DMatrix::from_row_slice(4, 2, &[1.0, 2.0, 3.0, 3.0, 5.0, 6.0, 7.0, 6.0]);
/// let table = icc(&x, &IccOptions::default()).unwrap();
/// assert!(table.get(IccType::Icc3).icc > 0.9);
/// ```
pub fn icc(ratings: &DMatrix<f64>, options: &IccOptions) -> Result<Icc, AgreementError> {
    let level = options.level;
    check_level(level)?;
    let anova = TwoWay::of(ratings)?;
    let a = match options.method {
        IccMethod::Reml => anova.reml_mean_squares(),
        IccMethod::Anova => anova,
    };
    let (n, k) = (a.targets as f64, a.raters as f64);
    let (msb, msj, mse, msw) = (a.ms_targets, a.ms_raters, a.ms_residual, a.ms_within);
    let tail = 1.0 - (1.0 - level) / 2.0;
    let (df1, df2_one, df2_two) = (n - 1.0, n * (k - 1.0), (n - 1.0) * (k - 1.0));

    let icc1 = (msb - msw) / (msb + (k - 1.0) * msw);
    let icc2 = (msb - mse) / (msb + (k - 1.0) * mse + k * (msj - mse) / n);
    let icc3 = (msb - mse) / (msb + (k - 1.0) * mse);
    let f1 = msb / msw;
    let f3 = msb / mse;
    let p1 = upper_tail(f1, df1, df2_one);
    let p3 = upper_tail(f3, df1, df2_two);

    // ICC1, ICC3 and their averages: limits from the F ratio's own interval
    let f_limits = |f: f64, df2: f64| (f / quantile(tail, df1, df2), f * quantile(tail, df2, df1));
    let single = |fl: f64| (fl - 1.0) / (fl + k - 1.0);
    let average = |fl: f64| 1.0 - 1.0 / fl;
    let (f1l, f1u) = f_limits(f1, df2_one);
    let (f3l, f3u) = f_limits(f3, df2_two);

    // ICC2: Satterthwaite's approximate degrees of freedom
    let fj = msj / mse;
    let base = n * (1.0 + (k - 1.0) * icc2) - k * icc2;
    let v = (k - 1.0) * (n - 1.0) * (k * icc2 * fj + base).powi(2)
        / ((n - 1.0) * k * k * icc2 * icc2 * fj * fj + base * base);
    let f_star_upper = quantile(tail, df1, v);
    let f_star_lower = quantile(tail, v, df1);
    let mixed = k * msj + (k * n - k - n) * mse;
    let l2 = n * (msb - f_star_upper * mse) / (f_star_upper * mixed + n * msb);
    let u2 = n * (f_star_lower * msb - mse) / (mixed + n * f_star_lower * msb);
    let step_up = |r: f64| spearman_brown(r, k);

    let row = |kind, icc, f, df2, p, (lower, upper): (f64, f64)| IccRow {
        kind,
        icc,
        f,
        df1,
        df2,
        p,
        lower,
        upper,
    };
    let rows = vec![
        row(
            IccType::Icc1,
            icc1,
            f1,
            df2_one,
            p1,
            (single(f1l), single(f1u)),
        ),
        row(IccType::Icc2, icc2, f3, df2_two, p3, (l2, u2)),
        row(
            IccType::Icc3,
            icc3,
            f3,
            df2_two,
            p3,
            (single(f3l), single(f3u)),
        ),
        row(
            IccType::Icc1k,
            (msb - msw) / msb,
            f1,
            df2_one,
            p1,
            (average(f1l), average(f1u)),
        ),
        row(
            IccType::Icc2k,
            (msb - mse) / (msb + (msj - mse) / n),
            f3,
            df2_two,
            p3,
            (step_up(l2), step_up(u2)),
        ),
        row(
            IccType::Icc3k,
            (msb - mse) / msb,
            f3,
            df2_two,
            p3,
            (average(f3l), average(f3u)),
        ),
    ];
    Ok(Icc {
        method: options.method,
        anova,
        mean_squares: a,
        level,
        rows,
    })
}
