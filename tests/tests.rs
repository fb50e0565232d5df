//! Integration tests of the `psym` binary: one module per area, sharing the harness in `util`.

mod bad_input;
mod careless;
mod cfa;
mod cli;
mod efa;
mod found_by_fuzzing;
mod golden;
mod instrument_new;
mod invariance;
mod json_keys;
mod model_syntax;
mod output;
mod properties;
mod reliability;
mod row_counts;
mod sav;
mod score;
mod translate;
mod util;
mod validate;
mod workbooks;
