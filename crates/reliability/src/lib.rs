//! Reliability of questionnaire scales, reproducing psych::alpha and psych::omega.
//!
//! [`analyze`] takes one [`Scale`] (its items, already keyed) and a respondents × items matrix
//! with `NaN` for missing answers, and returns a [`ScaleReliability`]: Cronbach's alpha (raw
//! and standardized), Guttman's lambda-6, average and median inter-item correlation, the item
//! analysis ([`ItemStats`]: r.drop, r.cor, alpha if deleted), Feldt's interval and, when asked
//! for, bootstrap percentile and BCa intervals. Trouble (a forgotten reverse key, a negative
//! alpha, a constant item) comes back as [`Warning`]s on the result.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_reliability::{analyze, Options, Scale};
//! let data = DMatrix::from_row_slice(5, 3, &[
//!     1., 2., 1., 2., 2., 3., 3., 4., 3., 4., 4., 5., 5., 5., 4.,
//! ]);
//! let scale = Scale {
//!     id: "s".into(),
//!     items: vec!["a".into(), "b".into(), "c".into()],
//!     reversed: vec![false; 3],
//! };
//! let rel = analyze(&scale, &data, &Options::default(), &()).unwrap();
//! assert!(rel.alpha > 0.9 && rel.warnings.is_empty());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod alpha;
mod bootstrap;
pub mod ci;
mod error;
mod items;
mod scale;
mod warning;

pub use alpha::{Coefficients, coefficients, raw_alpha};
pub use bootstrap::{BootstrapCi, BootstrapOptions, Progress};
pub use ci::{CiMethod, Interval, feldt};
pub use error::ReliabilityError;
pub use items::ItemStats;
pub use psym_stats::MissingPolicy;
pub use scale::{BootstrapResult, MIN_RESPONDENTS, Options, Scale, ScaleReliability, analyze};
pub use warning::{Warning, WarningKind};
