//! Numerical building blocks shared by psym's analysis crates.
//!
//! - [`categories`]: unused response categories per item and group, merging sparse ones.
//! - [`cov`]: means, covariances and correlations of a respondents × items matrix in which
//!   `NaN` marks a missing answer, with pairwise or listwise deletion ([`MissingPolicy`]);
//!   [`CorMethod`] names the kinds of correlation psym computes.
//! - [`correlate`]: a correlation matrix by method (Pearson, Spearman, polychoric,
//!   tetrachoric), with psych's conventions.
//! - [`pairwise`]: the sums behind pairwise-complete covariances, in matrix form, with a
//!   one-row downdate for the jackknife.
//! - [`quantile`]: sample quantiles as R's default (type 7).
//! - [`rows`]: rows read, rows used and missing-data patterns ([`RowCount`]).
//! - [`Subject`]: which variables (by column), parameter or group a diagnostic or an error is
//!   about, for the caller to name; [`Diagnostic`]: the one shape of every analysis's findings
//!   (kind, [`Severity`], subject, message, typed advice).
//! - [`linalg`]: the few decompositions the analyses need (sorted symmetric eigen
//!   decomposition, inverse of a positive-definite matrix, squared multiple correlations),
//!   kept behind one module so the backend can change without touching callers.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_stats::{cov, MissingPolicy};
//!
//! let x = DMatrix::from_row_slice(4, 2, &[1.0, 2.0, 2.0, 4.0, 3.0, f64::NAN, 4.0, 8.0]);
//! let m = cov::covariance(&x, MissingPolicy::Pairwise).unwrap();
//! assert_eq!(m.n_pairs[(0, 1)], 3);
//! let r = cov::correlation(&x, MissingPolicy::Pairwise).unwrap();
//! assert!((r.matrix[(0, 1)] - 1.0).abs() < 1e-12);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod brent;
pub mod bvn;
pub mod categories;
pub mod correlate;
pub mod cov;
pub mod describe;
mod diagnostic;
mod error;
pub mod linalg;
mod method;
pub mod mixed;
pub mod noncentral;
pub mod ordinal;
pub mod pairwise;
pub mod polychoric;
pub mod polyserial;
mod progress;
pub mod quantile;
pub mod rank;
pub mod rows;
pub mod serde_rows;
pub mod smooth;
mod subject;
pub mod two_groups;

pub use brent::brent_min;
pub use cov::MissingPolicy;
pub use diagnostic::{Diagnostic, Severity};
pub use error::StatsError;
pub use method::CorMethod;
pub use progress::Progress;
pub use rows::RowCount;
pub use subject::{NoParameter, Subject};
