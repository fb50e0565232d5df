//! The kinds of correlation psym computes.

use psym_closed_set::closed_set;

closed_set! {
    /// Correlation type.
    pub enum CorMethod: "correlation type" {
        /// Pearson product-moment correlations.
        Pearson => "pearson",
        /// Spearman rank correlations.
        Spearman => "spearman",
        /// Polychoric correlations for ordered categories (psych::polychoric conventions).
        Polychoric => "polychoric",
        /// Tetrachoric correlations for binary items.
        Tetrachoric => "tetrachoric",
    }
}
