//! Agreement between perspectives and variation between clusters: two readings of the
//! intraclass correlation.
//!
//! - [`agreement`]: a client and a caseworker rate the same dyad. Per score, the six
//!   Shrout–Fleiss intraclass correlations with F tests and intervals ([`icc`], as psych::ICC,
//!   for any number of raters), Pearson's and Spearman's correlations, and the mean
//!   difference with Bland–Altman limits of agreement ([`bland_altman`]).
//! - [`clusters`]: clients nested in caseworkers (or offices). Per score, ICC(1) and ICC(2)
//!   from the one-way random-effects ANOVA (Bliese 2000), the REML random-intercept estimate
//!   of ICC(1) (as lme4::lmer), the design effect and the reliability of cluster means.
//!
//! Trouble that limits the reading (few units, a variance at its boundary, an unconfirmed
//! optimum) comes back as [`Diagnostic`]s on the result; data that cannot give the figures at
//! all is an [`AgreementError`].
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_agreement::{IccOptions, IccType, icc};
//! let ratings = DMatrix::from_row_slice(5, 2, &[5.0, 4.5, 6.0, 6.0, 4.5, 5.0, 6.5, 6.0, 3.0, 3.5]);
//! let table = icc(&ratings, &IccOptions::default()).unwrap();
//! let icc2 = table.get(IccType::Icc2);
//! assert!(icc2.lower < icc2.icc && icc2.icc < icc2.upper);
//! ```
//!
//! The formulas are written out with their sources in docs/methods/agreement.md.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod anova;
mod bland_altman;
mod cluster;
mod components;
mod diagnostic;
mod dyads;
mod error;
mod f_dist;
mod icc;
mod reml;

pub use anova::{OneWay, TwoWay};
pub use bland_altman::{BlandAltman, Estimate, bland_altman};
pub use cluster::{AnovaIcc, ClusterVariation, FEW_CLUSTERS, clusters};
pub use components::IccMethod;
pub use diagnostic::{Advice, Diagnostic, DiagnosticKind};
pub use dyads::{Agreement, Describe, FEW_DYADS, agreement};
pub use error::AgreementError;
pub use icc::{Icc, IccOptions, IccRow, IccType, icc};
pub use reml::Reml;

/// The reliability of the mean of `k` parallel measurements whose single reliability is `r`:
/// `kr / (1 + (k − 1)r)` (Spearman 1910; Brown 1910).
pub fn spearman_brown(r: f64, k: f64) -> f64 {
    k * r / (1.0 + (k - 1.0) * r)
}

/// Refuses an interval coverage outside (0, 1).
fn check_level(level: f64) -> Result<(), AgreementError> {
    if level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(AgreementError::Level(level))
    }
}
