//! Tolerances of the test suites, each with the reason for its size.
//!
//! Reference tests against psych or lavaan figures name their own tolerance beside the source
//! of the figures (it depends on how many digits the reference printed and on the optimiser);
//! the constants here are for comparisons that do not depend on a reference.

/// A figure known in closed form (or the same quantity computed along two routes, as before
/// and after a permutation) compared with psym's floating-point result: values of order one
/// agree to within a few thousand units in the last place after the summations and
/// decompositions involved, far below any difference that would matter.
pub const CLOSED_FORM: f64 = 1e-12;
