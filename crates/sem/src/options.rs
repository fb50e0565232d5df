//! Estimation options: closed sets as enums with `FromStr`/`Display`, grouped in
//! [`FitOptions`].

use std::fmt;
use std::sync::Arc;

use psym_closed_set::closed_set;

closed_set! {
    /// The estimator.
    pub enum Estimator: "estimator" {
        /// Normal-theory maximum likelihood (the default).
        Ml => "ml",
        /// ML estimates with Huber–White standard errors and the Yuan–Bentler scaled test.
        Mlr => "mlr",
        /// Ordinal items: DWLS on thresholds and polychoric correlations, robust standard
        /// errors and the scaled-and-shifted test ([`crate::fit_wlsmv`]).
        Wlsmv => "wlsmv",
        /// Ordinal items: unweighted least squares on thresholds and polychoric correlations,
        /// robust standard errors and the scaled-and-shifted test ([`crate::fit_ordinal`]).
        Ulsmv => "ulsmv",
        /// Ordinal items: the WLSMV estimates with standard errors from the expected
        /// information and the standard test alone ([`crate::fit_ordinal`]).
        Dwls => "dwls",
    }
}

impl Estimator {
    /// The standard errors this estimator reports (lavaan's `se` default for it).
    pub fn standard_errors(self) -> StandardErrors {
        match self {
            Estimator::Ml => StandardErrors::Standard,
            Estimator::Mlr => StandardErrors::RobustHuberWhite,
            Estimator::Wlsmv | Estimator::Ulsmv => StandardErrors::RobustSem,
            Estimator::Dwls => StandardErrors::Standard,
        }
    }

    /// The test statistic this estimator reports beside the normal-theory one (lavaan's
    /// `test` default for it).
    pub fn test(self) -> TestStatistic {
        match self {
            Estimator::Ml => TestStatistic::Standard,
            Estimator::Mlr => TestStatistic::YuanBentlerMplus,
            Estimator::Wlsmv | Estimator::Ulsmv => TestStatistic::ScaledShifted,
            Estimator::Dwls => TestStatistic::Standard,
        }
    }
}

closed_set! {
    /// How standard errors are computed (lavaan's `se`).
    pub enum StandardErrors: "standard errors" {
        /// From the inverse information matrix: `Cov(θ̂) = I⁻¹/N`.
        Standard => "standard",
        /// The Huber–White sandwich `I⁻¹ B I⁻¹ / N`, B the outer product of casewise scores.
        RobustHuberWhite => "robust.huber.white",
        /// The least-squares sandwich `(ΔᵀWΔ)⁻¹ ΔᵀWΓWΔ (ΔᵀWΔ)⁻¹ / N` (WLSMV).
        RobustSem => "robust.sem",
    }
}

closed_set! {
    /// The test statistic (lavaan's `test`).
    pub enum TestStatistic: "test statistic" {
        /// The normal-theory likelihood-ratio test only.
        Standard => "standard",
        /// The Yuan–Bentler scaled test as Mplus computes it (Asparouhov & Muthén 2005),
        /// valid with missing data.
        YuanBentlerMplus => "yuan.bentler.mplus",
        /// The Satorra–Bentler scaled test `T/c`, `c = tr(UΓ)/df` (complete data).
        SatorraBentler => "satorra.bentler",
        /// Satterthwaite's mean-and-variance adjusted test on `tr(UΓ)²/tr((UΓ)²)` degrees
        /// of freedom (complete data).
        MeanVarAdjusted => "mean.var.adjusted",
        /// The scaled-and-shifted test of Asparouhov & Muthén (2010) (complete data).
        ScaledShifted => "scaled.shifted",
    }
}

/// ML, lavaan's default.
impl Default for Estimator {
    fn default() -> Self {
        Estimator::Ml
    }
}

closed_set! {
    /// What happens to incomplete rows.
    pub enum Missing: "missing-data rule" {
        /// Rows with any missing answer are dropped (the default, as lavaan).
        Listwise => "listwise",
        /// Full-information ML over every row's observed answers.
        Fiml => "fiml",
        /// Ordered items only: thresholds from each item's answers, polychoric correlations
        /// from the rows answering both items (lavaan's `missing = "pairwise"`).
        Pairwise => "pairwise",
    }
}

/// Listwise deletion, lavaan's default.
impl Default for Missing {
    fn default() -> Self {
        Missing::Listwise
    }
}

closed_set! {
    /// Which information matrix gives the standard errors.
    pub enum Information: "information matrix" {
        /// Expected (Fisher) information.
        Expected => "expected",
        /// Observed information (Hessian of the log-likelihood).
        Observed => "observed",
    }
}

/// A cap on the wall-clock time of one optimisation, measured by a clock the caller supplies.
///
/// The library never reads the clock itself, so it runs where there is none (WebAssembly in a
/// browser) and stays deterministic in tests; the command line passes a monotonic clock and
/// a cap of a few minutes. Without a time limit only the iteration cap applies.
#[derive(Clone)]
pub struct TimeLimit {
    /// Seconds one optimisation may take.
    pub seconds: f64,
    /// A monotonic clock in seconds, from any origin.
    pub clock: Arc<dyn Fn() -> f64 + Send + Sync>,
}

impl TimeLimit {
    /// A cap of `seconds` measured by `clock`.
    pub fn new(seconds: f64, clock: impl Fn() -> f64 + Send + Sync + 'static) -> Self {
        TimeLimit {
            seconds,
            clock: Arc::new(clock),
        }
    }
}

impl fmt::Debug for TimeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimeLimit")
            .field("seconds", &self.seconds)
            .finish_non_exhaustive()
    }
}

/// Two limits are the same when they allow the same number of seconds.
impl PartialEq for TimeLimit {
    fn eq(&self, other: &Self) -> bool {
        self.seconds == other.seconds
    }
}

/// Options of one fit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FitOptions {
    /// Estimator (default ML).
    pub estimator: Estimator,
    /// Missing-data rule (default listwise, as lavaan).
    pub missing: Missing,
    /// Information matrix; `None` picks lavaan's default (expected for complete-data ML,
    /// observed under FIML or MLR).
    pub information: Option<Information>,
    /// Test statistic beside the normal-theory one; `None` takes the estimator's
    /// ([`Estimator::test`]), as lavaan's `test` argument.
    pub test: Option<TestStatistic>,
    /// Cap on the time of each optimisation (none by default; the iteration cap always
    /// applies).
    pub time_limit: Option<TimeLimit>,
}

impl FitOptions {
    /// The test statistic used: the one asked for, or the estimator's.
    pub fn test(&self) -> TestStatistic {
        self.test.unwrap_or(self.estimator.test())
    }

    /// The information matrix used for standard errors.
    pub fn information(&self) -> Information {
        self.information.unwrap_or(
            if self.missing == Missing::Fiml
                || self.estimator.standard_errors() != StandardErrors::Standard
            {
                Information::Observed
            } else {
                Information::Expected
            },
        )
    }
}
