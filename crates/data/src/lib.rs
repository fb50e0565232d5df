//! Reading questionnaire response files as real exports write them.
//!
//! [`ResponseReader`] streams a file row by row in constant memory; [`Responses`] reads it
//! whole into a respondents × items matrix for analysis. Both find the encoding (UTF-8 with or
//! without BOM, UTF-16 with BOM, Windows-1252), the delimiter (`,` `;` tab) and the decimal mark,
//! skip the two extra header rows of Qualtrics exports, map columns to item ids, treat blank
//! cells, `NA` and the instrument's missing codes as missing, and report every problem
//! ([`Problem`]) with its line, respondent id, column and value instead of stopping at the
//! first. Invalid cells are read as missing (`NaN`) so that no row is lost.
//!
//! ```
//! use psym_data::{ItemSpec, ReadOptions, Responses, ResponseReader};
//! let csv = "\u{feff}ID,i1,i2\nA,1,7\nB,8,x\n";
//! let items = [ItemSpec::rating("i1", 1.0, 7.0), ItemSpec::rating("i2", 1.0, 7.0)];
//! let reader = ResponseReader::from_bytes("mem.csv", csv.into(), &items, &ReadOptions::default()).unwrap();
//! let data = Responses::collect(reader).unwrap();
//! assert_eq!(data.ids, ["A", "B"]);
//! assert_eq!(data.problems.len(), 2); // 8 is out of range, x is not a number
//! assert_eq!(data.problems[0].line, 3);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod advice;
mod cell;
mod columns;
mod contain;
mod duration;
mod encoding;
mod error;
mod groups;
mod ids;
mod matrix;
mod pairs;
mod problem;
mod reader;
mod require;
mod sniff;
mod source;
mod validate;
pub mod workbook;

pub use advice::Advice;
pub use cell::{CellParser, DecimalMark, MISSING_TOKENS};
pub use columns::{ItemSpec, ReadOptions};
pub use duration::Duration;
pub use encoding::encoding_for_label;
pub use error::{DataError, DataErrorKind};
pub use groups::{GroupOrderError, Groups};
pub use ids::DuplicateIds;
pub use matrix::Responses;
pub use pairs::{IdLine, Pairing, pair_by_id};
pub use problem::{Problem, ProblemKind};
pub use reader::{ResponseReader, Row};
pub use source::{DecodedText, Dialect, SourceInfo, decode_text};
pub use validate::{LanguageCounts, Validation, validate};
