//! lavaan model syntax → parameter table → LISREL model matrices.
//!
//! - [`parse`] reads lavaan model syntax into a [`Model`] (formulas, `:=` definitions, `==`
//!   constraints), with positioned errors; [`is_name`] is the rule for names.
//! - [`build`] / [`from_syntax`] turn formulas into a [`ParTable`] with lavaan's `cfa()`
//!   defaults ([`ModelOptions`]: marker or `std_lv` identification, mean structure, groups).
//! - [`Layout`] places each table row in the matrices Λ, Θ, Ψ, B, ν, α and fills them
//!   ([`GroupMatrices`]) from a parameter vector.
//!
//! No fitting happens here; see the `psym-sem` crate.
//!
//! ```
//! use psym_model::{from_syntax, Layout, ModelOptions};
//!
//! let table = from_syntax("f =~ x1 + x2 + x3", &ModelOptions::default()).unwrap();
//! assert_eq!(table.n_free, 6); // two loadings, three residual variances, one factor variance
//! let layout = Layout::new(&table);
//! let m = layout.fill(&table, &[0.8, 0.9, 0.5, 0.5, 0.5, 1.0], 1);
//! assert_eq!(m.lambda[(0, 0)], 1.0);
//! assert_eq!(m.lambda[(2, 0)], 0.9);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod build;
mod constraints;
mod defined;
mod equal;
mod error;
pub mod expr;
mod lexer;
mod matrices;
mod parameterization;
mod paramref;
mod partable;
mod syntax;

pub use build::{ModelOptions, build, covariance_model, factor_model, from_syntax};
pub use equal::{GroupEqual, OrdinalIdentification};
pub use error::{ModelError, Position};
pub use lexer::is_name;
pub use matrices::{GroupMatrices, Layout, Matrix, Slot};
pub use parameterization::Parameterization;
pub use paramref::ParamRef;
pub use partable::{Origin, ParRow, ParTable};
pub use syntax::{
    Constraint, Definition, Formula, MAX_ABS_VALUE, ModValue, Model, Modifier, Op, Term, parse,
    parse_parameter,
};
