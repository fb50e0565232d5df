//! Reliability of questionnaire scales, reproducing psych::alpha and psych::omega.
//!
//! [`analyze`] takes one [`Scale`] (its items, already keyed) and a respondents × items matrix
//! with `NaN` for missing answers, and returns a [`ScaleReliability`]: Cronbach's alpha (raw
//! and standardized), Guttman's lambda-6, average and median inter-item correlation, the item
//! analysis ([`ItemStats`]: r.drop, r.cor, alpha if deleted), Feldt's interval and, when asked
//! for, bootstrap percentile and BCa intervals. Trouble (a forgotten reverse key, a negative
//! alpha, a constant item) comes back as [`Warning`]s on the result, which name items by
//! column of the scale ([`psym_stats::Subject`]) and suggest settings as [`Advice`] values.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_reliability::{analyze, Options, Scale, Subject, WarningKind};
//! // six respondents, four items; item c was entered without its reverse key
//! let data = DMatrix::from_row_slice(6, 4, &[
//!     1., 2., 5., 1., 2., 2., 4., 3., 3., 4., 3., 3.,
//!     4., 3., 3., 4., 5., 5., 1., 5., 4., 5., 2., 4.,
//! ]);
//! let scale = Scale {
//!     id: "s".into(),
//!     items: ["a", "b", "c", "d"].map(String::from).to_vec(),
//!     reversed: vec![false; 4],
//! };
//! let rel = analyze(&scale, &data, &Options::default(), &()).unwrap();
//! assert_eq!(rel.n_items, 4);
//! assert_eq!(rel.warnings[0].kind, WarningKind::NegativeItemRest);
//! assert_eq!(rel.warnings[0].subject, Subject::Item(2)); // c
//! assert!(rel.has_problems());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod alpha;
mod bootstrap;
mod categorical;
mod checks;
pub mod ci;
mod error;
mod groups;
mod items;
pub mod omega;
pub mod ordinal;
mod prepare;
mod scale;
mod warning;

pub use alpha::{Coefficients, coefficients, raw_alpha};
pub use bootstrap::{BootstrapCi, BootstrapOptions};
pub use categorical::categorical_omega;
pub use ci::{CiMethod, Interval, feldt};
pub use error::ReliabilityError;
pub use groups::{
    AlphaComparison, FeldtTest, GroupAlpha, HakstianWhalenTest, feldt_two, hakstian_whalen,
};
pub use items::ItemStats;
pub use omega::{OmegaHierarchical, OmegaOneFactor, omega_hierarchical, omega_one_factor};
pub use ordinal::{
    CategoricalFit, Estimand, OrdinalCoefficient, OrdinalOptions, OrdinalReliability,
    analyze_ordinal,
};
pub use psym_stats::MissingPolicy;
pub use psym_stats::{Progress, Severity, Subject};
pub use scale::{BootstrapResult, MIN_RESPONDENTS, Options, Scale, ScaleReliability, analyze};
pub use warning::{Advice, Warning, WarningKind};
