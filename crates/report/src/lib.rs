//! Every output format of psym: readable text tables, Markdown, CSV and the JSON machine
//! contract (documented in `docs/json.md`). Analysis crates return plain data; this crate turns
//! it into text. Nothing here computes statistics.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod agreement;
pub mod careless;
pub mod categories;
pub mod cfa;
pub mod compare;
pub mod doc;
pub mod efa;
#[cfg(feature = "figures")]
pub mod figures;
mod format;
pub mod html;
pub mod invariance;
pub mod multilevel;
pub mod norms;
pub mod ordinal_reliability;
pub mod reliability;
#[cfg(feature = "figures")]
pub mod report;
pub mod rows;
pub mod score;
pub mod subject;
mod table;
pub mod translate;
pub mod validate;

pub use format::Format;
pub use table::{fmt_num, new_table, render};
