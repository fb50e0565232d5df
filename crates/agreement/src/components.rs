//! The variance components of a complete targets × raters table, estimated by REML with every
//! component kept at zero or above, as `lme4::lmer(values ~ 1 + (1 | id) + (1 | items))`
//! estimates them inside psych::ICC (its default, `lmer = TRUE`).

use psym_closed_set::closed_set;

use crate::anova::TwoWay;

closed_set! {
    /// How the mean squares behind the ICCs are estimated.
    pub enum IccMethod: "ICC estimation method" {
        /// Mean squares implied by the REML variance components, each kept at zero or above
        /// (psych::ICC's default, `lmer = TRUE`).
        Reml => "reml",
        /// The ANOVA mean squares as they are (Shrout & Fleiss 1979; psych::ICC with
        /// `lmer = FALSE`; SPSS RELIABILITY, irr::icc).
        Anova => "anova",
    }
}

/// psych's default.
impl Default for IccMethod {
    fn default() -> Self {
        IccMethod::Reml
    }
}

/// One mean square with its degrees of freedom, pooled with others when an order constraint
/// binds.
#[derive(Debug, Clone, Copy)]
struct Pool {
    ss: f64,
    df: f64,
}

impl Pool {
    fn ms(self) -> f64 {
        self.ss / self.df
    }
}

impl TwoWay {
    /// The mean squares implied by the REML variance components with none below zero.
    ///
    /// In a complete table the REML likelihood is the product of the three independent
    /// scaled χ² likelihoods of `SS_targets`, `SS_raters` and `SS_residual`, whose
    /// expectations `λ_B = kσ²_t + σ²_e`, `λ_J = nσ²_r + σ²_e` and `λ_E = σ²_e` must satisfy
    /// `λ_B ≥ λ_E` and `λ_J ≥ λ_E`. Its maximum is the isotonic regression of the mean
    /// squares on that order, weighted by their degrees of freedom: a mean square below the
    /// residual one is pooled with it (smallest first) until none is, and takes the pooled
    /// value (its component is zero). When no component is negative the ANOVA mean squares
    /// come back unchanged. psych then sets `MSB = λ_B`, `MSJ = λ_J`, `MSE = λ_E` and
    /// `MSW = σ²_e + σ²_r`.
    ///
    /// Sources: Searle, Casella & McCulloch (1992), *Variance Components*, §4.7 (balanced
    /// REML), and Robertson, Wright & Dykstra (1988), *Order Restricted Statistical
    /// Inference*, §1.5 (isotonic regression for exponential families); psych::ICC.
    pub fn reml_mean_squares(&self) -> TwoWay {
        let (n, k) = (self.targets as f64, self.raters as f64);
        let pool = |ms: f64, df: f64| Pool { ss: ms * df, df };
        let mut residual = pool(self.ms_residual, (n - 1.0) * (k - 1.0));
        let mut children = [
            (pool(self.ms_targets, n - 1.0), false),
            (pool(self.ms_raters, k - 1.0), false),
        ];
        loop {
            let violator = children
                .iter()
                .enumerate()
                .filter(|(_, (c, pooled))| !pooled && c.ms() < residual.ms())
                .min_by(|a, b| a.1.0.ms().total_cmp(&b.1.0.ms()))
                .map(|(i, _)| i);
            let Some(i) = violator else { break };
            residual = Pool {
                ss: residual.ss + children[i].0.ss,
                df: residual.df + children[i].0.df,
            };
            children[i].1 = true;
        }
        if children.iter().all(|(_, pooled)| !pooled) {
            return *self;
        }
        let error = residual.ms();
        let implied = |(c, pooled): (Pool, bool)| if pooled { error } else { c.ms() };
        let ms_raters = implied(children[1]);
        TwoWay {
            ms_targets: implied(children[0]),
            ms_raters,
            ms_residual: error,
            ms_within: error + (ms_raters - error) / n,
            ..*self
        }
    }
}
