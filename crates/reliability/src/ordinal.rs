//! Reliability of ordinal items (`psym reliability --ordinal`): ordinal alpha and omega from
//! the polychoric correlations, and categorical omega from a one-factor WLSMV fit.
//!
//! The three answer different questions, and each result says which ([`Estimand`]):
//! - ordinal alpha and the omegas of the polychoric matrix estimate the reliability of the sum
//!   of the items' *latent responses* (the continuous y* behind the categories), a
//!   hypothetical score nobody computes (Gadermann, Guhn & Zumbo 2012; psych's
//!   `alpha(polychoric(x)$rho)` and `omega(x, poly = TRUE)`);
//! - categorical omega estimates the reliability of the *observed sum score* of the
//!   categories, under a one-factor model of the latent responses (Green & Yang 2009;
//!   semTools' `compRelSEM(fit, ord.scale = TRUE)` on lavaan's WLSMV fit).

use nalgebra::DMatrix;
use psym_stats::categories::{CategoryReport, check_categories, perfect_associations};
use psym_stats::polychoric::{PolychoricOptions, polychoric};
use psym_stats::{MissingPolicy, Subject};
use serde::Serialize;

use crate::alpha::coefficients;
use crate::categorical::from_wlsmv_fit;
use crate::checks::{model_or_warn, warn_fit};
use crate::omega::{OmegaHierarchical, OmegaOneFactor, omega_hierarchical, omega_one_factor};
use crate::scale::{MIN_RESPONDENTS, Scale};
use crate::warning::warning;
use crate::{ReliabilityError, Warning, WarningKind};

/// How to run the ordinal analysis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrdinalOptions {
    /// Rows behind the polychoric matrix of ordinal alpha and omega: pairwise (psych's
    /// `polychoric()`, the default) or complete rows. Categorical omega always uses the
    /// complete rows (lavaan's default `missing = "listwise"` for ordered items).
    pub missing: MissingPolicy,
    /// Group factors of a Schmid–Leiman solution for omega hierarchical (at least 2).
    pub group_factors: Option<usize>,
    /// The response scale's values in order, against which unused categories are reported
    /// (`None` = the values observed in the scale's items).
    pub categories: Option<Vec<f64>>,
    /// Merge categories with fewer answers than this into a neighbour before the analysis
    /// ([`psym_stats::categories::collapse`]); `None` = no merging.
    pub collapse: Option<usize>,
}

/// What a coefficient is the reliability of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Estimand {
    /// The sum of the items' latent (continuous) responses.
    LatentResponseSum,
    /// The sum of the observed category scores.
    ObservedSumScore,
}

/// One ordinal reliability coefficient with what it estimates and how it was computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalCoefficient {
    /// The coefficient.
    pub value: f64,
    /// What it is the reliability of.
    pub estimates: Estimand,
    /// The reference computation it reproduces.
    pub reference: String,
}

/// Categorical omega and the one-factor WLSMV fit behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoricalFit {
    /// Complete rows the fit used.
    pub n: usize,
    /// Whether the WLSMV search converged.
    pub converged: bool,
    /// Standardized loadings of the one factor (factor variance fixed to 1).
    pub loadings: Vec<f64>,
}

/// Ordinal reliability of one scale (the JSON shape of `psym reliability --ordinal`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalReliability {
    /// Scale id.
    pub scale: String,
    /// The scale's item ids, by column (the subjects of its warnings).
    pub items: Vec<String>,
    /// Items in the coefficients (items with one observed category are left out).
    pub n_items: usize,
    /// Missing-data rule of the polychoric matrix.
    pub missing: MissingPolicy,
    /// Fewest respondents behind any polychoric correlation.
    pub n: usize,
    /// Polychoric correlations of the items (psych's `polychoric()` rules).
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub polychoric: DMatrix<f64>,
    /// Average polychoric correlation.
    pub average_r: f64,
    /// Ordinal alpha: `p/(p−1) · (1 − p / 1'R1)` on the polychoric matrix `R`.
    pub ordinal_alpha: OrdinalCoefficient,
    /// Omega total of a one-factor minres model of the polychoric matrix.
    pub omega_total: Option<OrdinalCoefficient>,
    /// Omega hierarchical of a Schmid–Leiman solution of the polychoric matrix.
    pub omega_h: Option<OrdinalCoefficient>,
    /// Categorical omega from the one-factor WLSMV fit.
    pub categorical_omega: Option<OrdinalCoefficient>,
    /// The one-factor model behind `omega_total`.
    pub omega: Option<OmegaOneFactor>,
    /// The Schmid–Leiman solution behind `omega_h`.
    pub omega_hierarchical: Option<OmegaHierarchical>,
    /// The WLSMV fit behind `categorical_omega`.
    pub wlsmv: Option<CategoricalFit>,
    /// Unused response categories and the merges made (items by column of the scale).
    pub categories: CategoryReport,
    /// Warnings, in the order found.
    pub warnings: Vec<Warning>,
}

impl OrdinalReliability {
    /// Whether a warning means the scale as keyed has a problem ([`WarningKind::is_problem`])
    /// or two items are perfectly associated ([`CategoryReport::has_errors`]).
    pub fn has_problems(&self) -> bool {
        self.warnings.iter().any(|w| w.kind.is_problem()) || self.categories.has_errors()
    }
}

/// Ordinal reliability of one scale: `data` is respondents × items (keyed, values ordered
/// categories, `NaN` = missing), one column per item of `scale`.
///
/// - polychoric correlations `R` by psych's rules ([`PolychoricOptions::default`]);
/// - ordinal alpha `p/(p−1) · (1 − p / 1'R1)` (psych's `alpha(R)`; Zumbo, Gadermann & Zeisser
///   2007);
/// - omega total and, with group factors, omega hierarchical of `R` ([`omega_one_factor`],
///   [`omega_hierarchical`]; psych's `omega(x, poly = TRUE)`);
/// - categorical omega ([`crate::categorical_omega`]) from the one-factor
///   WLSMV fit of the complete rows (factor variance 1), with the fit's thresholds and the
///   sample polychoric matrix of those rows ([`PolychoricOptions::LAVAAN`]) in the denominator.
///
/// First the scale's unused response categories are reported and, with
/// [`OrdinalOptions::collapse`], sparse categories merged ([`check_categories`]). An item with
/// one observed category is left out with a warning; a fit that fails leaves categorical omega
/// out with a warning saying why.
///
/// # Errors
/// Fewer than two items with two categories or more, fewer than [`MIN_RESPONDENTS`]
/// respondents, a pair answered together by fewer than two, or data that do not match the
/// item list.
pub fn analyze_ordinal(
    scale: &Scale,
    data: &DMatrix<f64>,
    options: &OrdinalOptions,
) -> Result<OrdinalReliability, ReliabilityError> {
    let p = scale.items.len();
    if data.ncols() != p {
        return Err(ReliabilityError::Invalid(format!(
            "scale '{}' lists {p} items but the data have {} columns",
            scale.id,
            data.ncols()
        )));
    }
    let mut data = data.clone();
    let mut categories = check_categories(
        &mut data,
        options.categories.as_deref(),
        options.collapse,
        None,
    );
    let data = &data;
    let mut warnings = Vec::new();
    let active: Vec<usize> = (0..p)
        .filter(|&j| observed_categories(data, j) >= 2)
        .collect();
    for j in (0..p).filter(|j| !active.contains(j)) {
        warnings.push(warning(
            WarningKind::ZeroVariance,
            Subject::Item(j),
            "has fewer than two observed categories and is left out".into(),
        ));
    }
    if active.len() < 2 {
        return Err(ReliabilityError::TooFewItems {
            scale: scale.id.clone(),
            items: active.len(),
            detail: "; ordinal reliability needs two categories or more per item".into(),
        });
    }
    let x = data.select_columns(&active);
    let n_rows = match options.missing {
        MissingPolicy::Listwise => psym_stats::cov::complete_rows(&x).len(),
        MissingPolicy::Pairwise => (0..x.nrows())
            .filter(|&i| x.row(i).iter().any(|v| !v.is_nan()))
            .count(),
    };
    if n_rows < MIN_RESPONDENTS {
        return Err(ReliabilityError::TooFewRespondents {
            scale: scale.id.clone(),
            n: n_rows,
            rule: match options.missing {
                MissingPolicy::Listwise => " with every item answered".into(),
                MissingPolicy::Pairwise => String::new(),
            },
        });
    }
    let pc = polychoric(
        &x,
        &PolychoricOptions {
            missing: options.missing,
            ..PolychoricOptions::default()
        },
    )
    .map_err(|e| match e.subject() {
        Subject::ItemPair(a, b) => ReliabilityError::TooFewPairs {
            scale: scale.id.clone(),
            first: scale.items[active[a]].clone(),
            second: scale.items[active[b]].clone(),
            n: pc_pair_count(&x, a, b),
        },
        _ => ReliabilityError::Stats(e),
    })?;
    let r = &pc.matrix;
    // the pairs by the scale's columns
    categories
        .diagnostics
        .extend(perfect_associations(r).into_iter().map(|mut d| {
            if let Subject::ItemPair(a, b) = d.subject {
                d.subject = Subject::ItemPair(active[a], active[b]);
            }
            d
        }));
    if !pc.positive_definite {
        warnings.push(warning(
            WarningKind::SingularCorrelation,
            Subject::Whole,
            "the polychoric correlation matrix is not positive definite (sparse tables or few \
             respondents); the coefficients are computed from it as it is"
                .into(),
        ));
    }
    let k = coefficients(r);
    let omega = model_or_warn(omega_one_factor(r), "omega total", &active, &mut warnings);
    let omega_h = options.group_factors.and_then(|g| {
        model_or_warn(
            omega_hierarchical(r, g),
            "omega hierarchical",
            &active,
            &mut warnings,
        )
    });
    if let Some(o) = &omega {
        warn_fit(
            o.converged,
            &o.heywood,
            "one-factor",
            &active,
            &mut warnings,
        );
    }
    if let Some(o) = &omega_h {
        warn_fit(
            o.converged,
            &o.heywood,
            "Schmid-Leiman",
            &active,
            &mut warnings,
        );
    }
    let latent = |value: f64, reference: String| OrdinalCoefficient {
        value,
        estimates: Estimand::LatentResponseSum,
        reference,
    };
    let wlsmv = from_wlsmv_fit(&scale.items, &active, &x, &mut warnings);
    Ok(OrdinalReliability {
        scale: scale.id.clone(),
        items: scale.items.clone(),
        n_items: active.len(),
        missing: options.missing,
        n: pc.n_pairs.iter().copied().min().unwrap_or(0),
        average_r: k.average_r,
        ordinal_alpha: latent(k.alpha_std, "psych::alpha(psych::polychoric(x)$rho)".into()),
        omega_total: omega.as_ref().map(|o| {
            latent(
                o.omega_total,
                "psych::omega(x, nfactors = 1, poly = TRUE)".into(),
            )
        }),
        omega_h: omega_h.as_ref().map(|o| {
            let call = format!(
                "psych::omega(x, nfactors = {}, poly = TRUE)",
                o.group_factors
            );
            latent(o.omega_h, call)
        }),
        categorical_omega: wlsmv.as_ref().map(|(omega, _)| OrdinalCoefficient {
            value: *omega,
            estimates: Estimand::ObservedSumScore,
            reference: "semTools::compRelSEM(lavaan WLSMV fit, ord.scale = TRUE)".into(),
        }),
        polychoric: pc.matrix,
        omega,
        omega_hierarchical: omega_h,
        wlsmv: wlsmv.map(|(_, fit)| fit),
        categories,
        warnings,
    })
}

/// Distinct answered values of column `j`.
fn observed_categories(data: &DMatrix<f64>, j: usize) -> usize {
    let mut v: Vec<f64> = data
        .column(j)
        .iter()
        .copied()
        .filter(|v| !v.is_nan())
        .collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v.len()
}

/// Rows answering both columns `a` and `b`.
fn pc_pair_count(x: &DMatrix<f64>, a: usize, b: usize) -> usize {
    (0..x.nrows())
        .filter(|&i| !x[(i, a)].is_nan() && !x[(i, b)].is_nan())
        .count()
}
