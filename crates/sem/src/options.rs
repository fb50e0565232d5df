//! Estimation options: closed sets as enums with `FromStr`/`Display`, grouped in
//! [`FitOptions`].

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

macro_rules! closed_set {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $text)] $variant),+ }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(match self { $($name::$variant => $text),+ })
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.to_ascii_lowercase().as_str() {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!(
                        concat!("unknown ", stringify!($name), " '{}' (expected {})"),
                        other,
                        [$($text),+].join(", ")
                    )),
                }
            }
        }
    };
}

closed_set!(
    /// The estimator.
    Estimator {
        /// Normal-theory maximum likelihood.
        Ml => "ml",
        /// ML estimates with Huber–White standard errors and the Yuan–Bentler scaled test.
        Mlr => "mlr",
    }
);

closed_set!(
    /// What happens to incomplete rows.
    Missing {
        /// Rows with any missing answer are dropped.
        Listwise => "listwise",
        /// Full-information ML over every row's observed answers.
        Fiml => "fiml",
    }
);

closed_set!(
    /// Which information matrix gives the standard errors.
    Information {
        /// Expected (Fisher) information.
        Expected => "expected",
        /// Observed information (Hessian of the log-likelihood).
        Observed => "observed",
    }
);

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
