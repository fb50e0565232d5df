//! Estimation of confirmatory factor models: ML, FIML and MLR, standard errors, fit
//! measures, standardized solutions, admissibility, modification indices and model
//! comparison.
//!
//! The pipeline (one file each): [`sample`](Sample) statistics per missing-data pattern →
//! starting values → Gauss–Newton optimisation of the normal log-likelihood → information
//! matrix and standard errors → saturated and baseline models → fit measures
//! ([`measures`] holds the pure formulas) → standardized solution → admissibility report.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_model::ModelOptions;
//! use psym_sem::{fit_syntax, Dataset, FitOptions};
//!
//! // Three indicators of one factor, 6 respondents.
//! let x = DMatrix::from_row_slice(6, 3, &[
//!     1., 2., 1., 2., 2., 3., 3., 4., 3., 4., 3., 5., 5., 6., 4., 2., 1., 2.,
//! ]);
//! let names = vec!["a".to_string(), "b".into(), "c".into()];
//! let data = Dataset { names: &names, values: &x, groups: None };
//! let fit = fit_syntax("f =~ a + b + c", &ModelOptions::default(), &data, &FitOptions::default())
//!     .unwrap();
//! assert!(fit.converged);
//! assert_eq!(fit.fit.df, 0.0);
//! assert!(fit.fit.chisq.abs() < 1e-8);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod admissibility;
mod compare;
mod consequences;
mod defined;
mod discrepancy;
mod dwls;
mod error;
mod estimate;
mod fimlc;
mod fitstats;
mod implied;
mod information;
mod invariance;
pub mod measures;
mod mixedmoments;
mod modindices;
mod normal;
mod optim;
mod options;
mod ordinal_compare;
mod ordinal_invariance;
mod ordinal_result;
mod ordinal_robust;
mod ordinal_robust_fit;
mod ordmoments;
mod partial;
mod result;
mod sample;
mod score_test;
mod standardized;
mod start;
mod ugamma;

pub use admissibility::{Advice, Diagnostic, DiagnosticKind};
pub use compare::{ComparisonRow, compare};
pub use consequences::{Consequences, ItemDifference, LatentDifference, ScaleBias, consequences};
pub use dwls::{fit_ordinal, fit_ordinal_with, fit_wlsmv};
pub use error::SemError;
pub use estimate::{Dataset, fit, fit_from, fit_syntax};
pub use invariance::{
    CONTINUOUS_STEPS, DecisionRule, FewAnchors, GroupSize, Invariance, InvarianceOptions,
    PartialStep, Step, StepComparison, StepDetails, StepFit, StepMeasures, Verdict, group_chisq,
    invariance,
};
pub use modindices::{ModIndex, modification_indices, residual_correlations};
pub use optim::{Convergence, Stop};
pub use options::{
    Estimator, FitOptions, Information, Missing, StandardErrors, TestStatistic, TimeLimit,
};
pub use ordinal_compare::compare_ordinal;
pub use ordinal_invariance::{
    STRICT_NEEDS_THETA, ordinal_invariance, ordinal_invariance_with, ordinal_steps,
};
pub use ordinal_result::{OrdinalEstimate, OrdinalFit, OrdinalMeasures};
pub use ordinal_robust::{ScaledDifference, scaled_difference};
pub use ordinal_robust_fit::{OrdinalRobust, RobustAbsent};
pub use partial::{KeptForAnchors, PartialSearch, Released};
pub use psym_stats::{Severity, Subject};
pub use result::{
    CfaFit, Estimate, FitMeasures, GroupMoments, LikelihoodMeasures, ParamOp, RSquared, RobustTest,
    ScaledMeasures,
};
pub use sample::{Pattern, Sample};
pub use score_test::{ReleasedChange, ScoreTest, ScoreTests, score_tests};
