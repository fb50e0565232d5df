//! How the latent responses y* of ordered variables are scaled (lavaan's `parameterization`).

use psym_closed_set::closed_set;

closed_set! {
    /// The parameterisation of a model of ordered variables (lavaan 0.6-14,
    /// `lav_partable_flat` and `computeDelta`).
    pub enum Parameterization: "parameterization" {
        /// Each latent response has variance 1 in the reference group: the scale factors
        /// `x ~*~ x` (`δ = 1/√Var(y*)`) are parameters (fixed to 1, free in groups 2, 3, …
        /// once thresholds are equal) and the residual variances are derived,
        /// `θ_jj = 1/δ_j² − (ΛΦΛᵀ)_jj`. lavaan's default.
        Delta => "delta",
        /// Each residual variance `x ~~ x` is a parameter (fixed to 1 in the reference
        /// group; free in groups 2, 3, … once thresholds are equal) and the scale factors are
        /// derived, `δ_j = 1/√(ΛΦΛᵀ + Θ)_jj` (Muthén & Asparouhov 2002). Needed for equal
        /// residual variances (strict invariance).
        Theta => "theta",
    }
}

// closed_set! takes no `#[default]` on a variant
#[allow(clippy::derivable_impls)]
impl Default for Parameterization {
    fn default() -> Self {
        Parameterization::Delta
    }
}
