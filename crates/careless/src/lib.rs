//! Careless-responding indices, one set per respondent, as defined by Curran (2016) and
//! Meade & Craig (2012) and computed by the R package careless (Yentes & Wilhelm).
//!
//! The indices need two passes over the responses, each in constant memory: [`FirstPass`]
//! gathers the sample's means and pairwise covariances row by row and becomes a [`Sample`]
//! (item means, the covariance matrix for Mahalanobis D², the psychometric synonym and antonym
//! pairs, and [`Diagnostic`]s such as a constant item); [`Sample::indices`] then gives each
//! row's [`Indices`] with the [`Index`]es it is flagged on by the [`Options`]' thresholds, and
//! [`Summary`] counts them. Flagged rows are reported, never dropped.
//!
//! The crate sees columns, not an instrument: a [`Layout`] says which columns form each
//! subscale (for even-odd consistency) and which are reverse-keyed.
//!
//! ```
//! use psym_careless::{FirstPass, Index, Layout, Options};
//! let rows = [
//!     [1.0, 2.0, 2.0, 5.0, 6.0, 6.0],
//!     [2.0, 3.0, 2.0, 4.0, 5.0, 4.0],
//!     [4.0, 4.0, 4.0, 4.0, 4.0, 4.0],
//!     [1.0, 1.0, 2.0, 6.0, 7.0, 6.0],
//!     [3.0, 2.0, 3.0, 5.0, 5.0, 6.0],
//! ];
//! let layout = Layout { items: 6, subscales: vec![vec![0, 1, 2], vec![3, 4, 5]], reversed: vec![false; 6], range: Some((1.0, 7.0)) };
//! let mut pass = FirstPass::new(layout, Options::default()).unwrap();
//! rows.iter().for_each(|r| pass.push(r));
//! let sample = pass.finish();
//! let straight = sample.indices(&rows[2], None);
//! assert_eq!(straight.longstring, Some(6));
//! assert_eq!(straight.irv, Some(0.0));
//! assert!(straight.flags.contains(&Index::Longstring));
//! ```
//!
//! References: Curran, P. G. (2016). Methods for the detection of carelessly invalid
//! responses in survey data. *Journal of Experimental Social Psychology, 66*, 4–19.
//! Meade, A. W., & Craig, S. B. (2012). Identifying careless responses in survey data.
//! *Psychological Methods, 17*(3), 437–455. The formulas are written out in
//! docs/methods/careless.md.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod diagnostic;
mod error;
mod index;
mod layout;
mod mahalanobis;
mod options;
mod row;
mod sample;
mod summary;

pub use diagnostic::{Advice, Diagnostic, DiagnosticKind};
pub use error::CarelessError;
pub use index::{Comparison, Index, Threshold};
pub use layout::Layout;
pub use options::Options;
pub use row::{even_odd, irv, longstring, person_total, spearman_brown, within_person_correlation};
pub use sample::{FirstPass, Indices, Sample};
pub use summary::{IndexCount, Summary};
