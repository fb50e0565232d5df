//! Scale scores: reverse keys, mean or prorated sum, and a minimum share of answered items.
//!
//! A [`Scorer`] is built from an instrument ([`Scorer::from_instrument`]) or from psych-style
//! item keys ([`parse_keys`], [`Scorer::from_keys`]) and scores one respondent at a time, so
//! that files of any length are scored in constant memory.
//!
//! ```
//! use std::path::Path;
//! use psym_score::{Scorer, ScoreOptions};
//! let inst = psym_instrument::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"),
//!     "/../../instruments/open-alliance-12.json"))).unwrap();
//! let scorer = Scorer::from_instrument(&inst, &ScoreOptions::default()).unwrap();
//! let answers = [7., 7., 6., 3., 6., 7., 7., 7., 6., 6., 1., 5.];
//! let mut scores = Vec::new();
//! scorer.score_into(&answers, &mut scores);
//! // goal = mean(7, 7, 6, 8 − 3) = 6.25 (i4 is reverse-keyed on the 1–7 scale)
//! assert_eq!(scores[0], Some(6.25));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod bands;
mod error;
mod keys;
pub mod norms;
mod reverse;
mod scored;
mod scorer;

pub use bands::{BandColumn, band_columns};
pub use error::ScoreError;
pub use keys::{ItemKey, parse_keys};
pub use reverse::reverse_columns;
pub use scored::ScoredRows;
pub use scorer::{KeyedItem, ScaleRule, ScoreOptions, Scorer, item_specs, read_options};
