//! Estimation options: closed sets as enums with `FromStr`/`Display`, grouped in
//! [`FitOptions`].

use psym_closed_set::closed_set;

closed_set! {
    /// The estimator.
    pub enum Estimator: "estimator" {
        /// Normal-theory maximum likelihood.
        Ml => "ml",
        /// ML estimates with Huber–White standard errors and the Yuan–Bentler scaled test.
        Mlr => "mlr",
    }
}

closed_set! {
    /// What happens to incomplete rows.
    pub enum Missing: "missing-data rule" {
        /// Rows with any missing answer are dropped.
        Listwise => "listwise",
        /// Full-information ML over every row's observed answers.
        Fiml => "fiml",
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

/// Options of one fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitOptions {
    /// Estimator (default ML).
    pub estimator: Estimator,
    /// Missing-data rule (default listwise, as lavaan).
    pub missing: Missing,
    /// Information matrix; `None` picks lavaan's default (expected for complete-data ML,
    /// observed under FIML or MLR).
    pub information: Option<Information>,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            estimator: Estimator::Ml,
            missing: Missing::Listwise,
            information: None,
        }
    }
}

impl FitOptions {
    /// The information matrix used for standard errors.
    pub fn information(&self) -> Information {
        self.information.unwrap_or(
            if self.missing == Missing::Fiml || self.estimator == Estimator::Mlr {
                Information::Observed
            } else {
                Information::Expected
            },
        )
    }
}
