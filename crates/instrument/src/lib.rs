//! Instrument files: the items of a questionnaire, its response scale, the scales scored from
//! it, its languages and translation records.
//!
//! The main type is [`Instrument`], loaded and checked by [`load()`]. Checking reports every
//! defect with its JSON path ([`Defect`]), never only the first. The format is documented in
//! `docs/instrument-format.md`; its JSON Schema is `docs/instrument.schema.json`, generated from
//! these types by [`json_schema`].
//!
//! ```
//! use std::path::Path;
//! let json = r#"{
//!   "id": "mini", "version": "1.0.0", "source_language": "en", "languages": ["en"],
//!   "name": {"en": "Mini"},
//!   "response_scale": {"min": 1, "max": 5},
//!   "items": [{"id": "q1", "text": {"en": "I like it."}},
//!             {"id": "q2", "text": {"en": "I dislike it."}, "reverse": true}],
//!   "scales": [{"id": "liking", "items": ["q1", "q2"]}]
//! }"#;
//! let inst = psym_instrument::from_json_str(json, Path::new("mini.json")).unwrap();
//! assert_eq!(inst.scales[0].items.len(), 2);
//! assert_eq!(inst.response_scale.unwrap().reverse(2.0), 4.0);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod bands;
mod check;
mod error;
mod factor_models;
mod language;
mod load;
mod model;
mod overlay;
mod save;
pub mod translation;

pub use bands::{Bands, score_range};
pub use check::{Defect, check, is_valid_id};
pub use error::{InstrumentError, InstrumentErrorKind};
pub use factor_models::{FactorModel, ModelFactor};
pub use language::is_language_tag;
pub use load::{from_json_str, load, load_with_overlays, sibling_overlays};
pub use model::{
    Instrument, Item, LocalizedText, MAX_SCALE_POINTS, ResponseScale, Scale, ScoringMethod,
};
pub use overlay::TextOverlay;
pub use save::to_json_text;

/// The JSON Schema of the instrument format, generated from [`Instrument`].
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Instrument)).unwrap_or_default()
}
