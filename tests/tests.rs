//! Integration tests of the `psym` binary: one module per area, sharing the harness in `util`.

mod agreement;
mod bad_input;
mod bands;
mod careless;
mod cfa;
mod cli;
mod compare;
mod efa;
mod found_by_fuzzing;
mod golden;
mod invariance;
mod json_keys;
mod model_syntax;
mod norms;
mod ordinal_data;
mod output;
mod properties;
mod reliability;
mod reliability_groups;
mod row_counts;
mod score;
mod translate;
mod util;
mod validate;
mod workbooks;
