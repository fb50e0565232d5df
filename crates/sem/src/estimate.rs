//! Fitting a model: the pipeline from parameter table and data to a [`CfaFit`].
//!
//! sample statistics → starting values → optimisation → information and standard errors →
//! saturated and baseline models → fit measures → standardized solution → admissibility.

use nalgebra::DMatrix;
use psym_model::{ModelOptions, ParTable, from_syntax};
use psym_stats::RowCount;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::admissibility::{self, SINGULAR_TOL};
use crate::discrepancy::{Discrepancy, State};
use crate::information;
use crate::normal::NormalMl;
use crate::optim::{Convergence, Objective, minimise};
use crate::options::{
    Estimator, FitOptions, Information, Missing, StandardErrors, TestStatistic, TimeLimit,
};
use crate::result::{CfaFit, Estimate, GroupMoments, RSquared};
use crate::sample::Sample;
use crate::start::start_values;
use crate::{SemError, defined, fitstats, standardized};

/// Data for a fit: a rows × columns matrix (`NaN` = missing) with column names, and
/// optionally a group number (0-based) per row.
#[derive(Debug, Clone, Copy)]
pub struct Dataset<'a> {
    /// Column names.
    pub names: &'a [String],
    /// Values.
    pub values: &'a DMatrix<f64>,
    /// Group of each row (0-based), or `None` for a single group.
    pub groups: Option<&'a [usize]>,
}

/// Parses `syntax`, builds the table (adding a mean structure when FIML needs one) and fits it.
///
/// # Errors
/// As [`fit`], plus model-syntax errors.
pub fn fit_syntax(
    syntax: &str,
    model: &ModelOptions,
    data: &Dataset,
    options: &FitOptions,
) -> Result<CfaFit, SemError> {
    let mut model = model.clone();
    model.meanstructure |= options.missing == Missing::Fiml;
    let table = from_syntax(syntax, &model)?;
    fit(&table, data, options)
}

/// Splits the data into one [`Sample`] per group, columns in the table's observed order.
pub(crate) fn samples(
    table: &ParTable,
    data: &Dataset,
    fiml: bool,
) -> Result<Vec<Sample>, SemError> {
    let cols: Vec<usize> = table
        .observed
        .iter()
        .map(|v| {
            data.names
                .iter()
                .position(|n| n == v)
                .ok_or_else(|| SemError::MissingVariable(v.clone()))
        })
        .collect::<Result<_, _>>()?;
    let values = data.values.select_columns(&cols);
    if data.groups.is_none() && table.groups > 1 {
        return Err(SemError::Model(format!(
            "the model has {} groups but the data have no group column",
            table.groups
        )));
    }
    if let Some(j) = (0..values.ncols()).find(|&j| values.column(j).iter().all(|v| v.is_nan())) {
        return Err(SemError::EmptyVariable(table.observed[j].clone()));
    }
    (0..table.groups)
        .map(|g| {
            let rows: Vec<usize> = match data.groups {
                Some(gr) => (0..values.nrows())
                    .filter(|&r| gr.get(r) == Some(&g))
                    .collect(),
                None => (0..values.nrows()).collect(),
            };
            let s = Sample::new(&values.select_rows(&rows), fiml)?;
            let (_, cov) = s.pooled();
            if let Some(j) =
                (0..cov.nrows()).find(|&j| cov[(j, j)] <= 1e-12 * (1.0 + cov.diagonal().amax()))
            {
                return Err(SemError::SampleNotPositiveDefinite(format!(
                    ": '{}' has zero variance (every answer is the same); remove it from the model",
                    table.observed[j]
                )));
            }
            Ok(s)
        })
        .collect()
}

/// Minimises the discrepancy `problem` from `start` (within `limit`, if any).
pub(crate) fn optimise(
    problem: &dyn Discrepancy,
    start: Vec<f64>,
    limit: Option<&TimeLimit>,
) -> (Vec<f64>, Convergence) {
    let obj = Objective {
        gradient: |t: &[f64]| problem.state(t).map(|s| (s.f, s.grad)),
        curvature: |t: &[f64]| problem.curvature(&problem.state(t)?),
    };
    minimise(start, &obj, limit)
}

/// Fits `table` to `data`.
///
/// # Errors
/// More free parameters than sample moments ([`SemError::NotIdentified`], checked before any
/// work), a test that needs complete data under FIML, a model variable missing from the data, too few rows, a zero-variance item, FIML
/// without a mean structure, or a start at which Σ is not positive definite.
pub fn fit(table: &ParTable, data: &Dataset, options: &FitOptions) -> Result<CfaFit, SemError> {
    fit_with_start(table, data, options, None)
}

/// Fits `table` to `data` starting from the estimates of a related fit to the same data (a
/// less constrained step of an invariance ladder, or the same model before a constraint was
/// released), whose sample statistics it reuses when the observed variables, groups and
/// missing-data rule are the same: each
/// free parameter starts at the mean of the previous estimates of its rows, matched by lhs,
/// operator, rhs and group; parameters without a match start as [`fit`] starts them. A
/// previous fit that did not converge or is inadmissible is not used, nor a start at which the
/// implied covariance matrix is not positive definite. The optimum is the same; the search is
/// shorter.
///
/// # Errors
/// As [`fit`].
pub fn fit_from(
    table: &ParTable,
    data: &Dataset,
    options: &FitOptions,
    previous: &CfaFit,
) -> Result<CfaFit, SemError> {
    let usable = previous.converged && previous.admissible;
    fit_with_start(table, data, options, usable.then_some(previous))
}

/// The starting vector: [`start_values`], with each parameter found in `previous` moved to
/// the mean of its rows' previous estimates.
fn warm_start(table: &ParTable, mut start: Vec<f64>, previous: &[Estimate]) -> Vec<f64> {
    let mut sums = vec![(0.0, 0usize); start.len()];
    for r in &table.rows {
        let Some(k) = r.free else { continue };
        let found = previous
            .iter()
            .find(|e| e.group == r.group && e.op == r.op && e.lhs == r.lhs && e.rhs == r.rhs);
        if let Some(e) = found.filter(|e| e.est.is_finite()) {
            sums[k].0 += e.est;
            sums[k].1 += 1;
        }
    }
    for (value, (sum, count)) in start.iter_mut().zip(sums) {
        if count > 0 {
            *value = sum / count as f64;
        }
    }
    start
}

/// Whether `previous` was fitted to the samples `table` needs: the same observed variables in
/// the same order, the same groups and the same missing-data rule.
fn same_samples(previous: &CfaFit, table: &ParTable, fiml: bool) -> bool {
    previous.table.observed == table.observed
        && previous.table.groups == table.groups
        && (previous.missing == Missing::Fiml) == fiml
}

fn fit_with_start(
    table: &ParTable,
    data: &Dataset,
    options: &FitOptions,
    previous: Option<&CfaFit>,
) -> Result<CfaFit, SemError> {
    if matches!(
        options.estimator,
        Estimator::Wlsmv | Estimator::Ulsmv | Estimator::Dwls
    ) {
        return Err(SemError::Model(format!(
            "{} fits ordinal items from their thresholds and polychoric correlations: use \
             fit_ordinal with the ordinal data",
            options.estimator
        )));
    }
    if options.missing == Missing::Pairwise {
        return Err(SemError::Model(
            "pairwise deletion is for ordered items (fit_ordinal_with); continuous items take \
             listwise or fiml"
                .into(),
        ));
    }
    let fiml = options.missing == Missing::Fiml;
    if fiml && !table.meanstructure {
        return Err(SemError::Model(
            "FIML needs a mean structure: build the table with meanstructure".into(),
        ));
    }
    let test = options.test();
    if fiml
        && !matches!(
            test,
            TestStatistic::Standard | TestStatistic::YuanBentlerMplus
        )
    {
        return Err(SemError::Model(format!(
            "the {test} test needs complete data; with FIML use the {} test (estimator mlr)",
            TestStatistic::YuanBentlerMplus
        )));
    }
    let moments = fitstats::sample_moments(table);
    if table.n_free > moments {
        return Err(SemError::NotIdentified {
            npar: table.n_free,
            moments,
        });
    }
    let samples = match previous.filter(|p| same_samples(p, table, fiml)) {
        Some(p) => p.samples.clone(),
        None => samples(table, data, fiml)?,
    };
    let problem = NormalMl::new(table, &samples);
    let start = start_values(table, &problem.layout, &samples);
    // A warm start whose implied covariance matrix is not positive definite falls back.
    let start = match previous.map(|p| warm_start(table, start.clone(), &p.parameters)) {
        Some(warm) if problem.state(&warm).is_some() => warm,
        _ => start,
    };
    let limit = options.time_limit.as_ref();
    let (theta, mut convergence) = optimise(&problem, start, limit);
    let info_kind = options.information();
    let (theta, observed_info) = if convergence.converged && info_kind == Information::Observed {
        information::polish(&problem, theta)
    } else {
        (theta, None)
    };
    let state = problem.state(&theta).ok_or_else(|| {
        SemError::Model(
            "the model-implied covariance matrix is not positive definite at the starting values; \
             give starting values with start()"
                .into(),
        )
    })?;
    if observed_info.is_some() {
        convergence.gradient_max = state.grad.amax();
    }
    let info = observed_info
        .unwrap_or_else(|| information_matrix(&problem, &state, &theta, info_kind, fiml));
    let h1 = fitstats::saturated(table, &samples, fiml, limit)?;
    let base = fitstats::baseline(table, &samples, fiml, limit)?;
    let se = options.estimator.standard_errors();
    let scores = (se == StandardErrors::RobustHuberWhite
        || test == TestStatistic::YuanBentlerMplus)
        .then(|| information::scores(&problem, &state))
        .flatten();
    let min_eigen = min_relative_eigen(&info);
    let singular = min_eigen < SINGULAR_TOL;
    let vcov = match se {
        StandardErrors::Standard => covariance(&info, singular, None, problem.n_total),
        StandardErrors::RobustHuberWhite => match &scores {
            Some(s) => covariance(&info, singular, Some(s), problem.n_total),
            None => DMatrix::from_element(theta.len(), theta.len(), f64::NAN),
        },
        // the least-squares sandwich belongs to WLSMV, refused above
        StandardErrors::RobustSem => DMatrix::from_element(theta.len(), theta.len(), f64::NAN),
    };
    let matrices: Vec<_> = (1..=table.groups)
        .map(|g| problem.layout.fill(table, &theta, g))
        .collect();
    let mut parameters = estimates(&problem, &state, &matrices, &theta, &vcov);
    let r_squared = r_squared(table, &matrices, &state);
    let moments = group_moments(table, &state, &h1);
    let mut fit = fitstats::measures(&problem, &state, &h1, &base, &moments);
    fit.scaled = match (test, &scores) {
        (TestStatistic::Standard, _) | (TestStatistic::YuanBentlerMplus, None) => None,
        (TestStatistic::YuanBentlerMplus, Some(s)) => {
            fitstats::yuan_bentler(&problem, &state, &info, s, (&h1, &base), &fit)
        }
        (method, _) => fitstats::ugamma_measures(method, &problem, &state, (&h1, &base), &fit),
    };
    let mut diagnostics: Vec<_> = admissibility::convergence(&convergence)
        .into_iter()
        .collect();
    diagnostics.extend(admissibility::check(
        &parameters,
        &matrices,
        &table.latent,
        min_eigen,
    ));
    parameters.extend(defined::estimates(table, &theta, &vcov, &parameters));
    let admissible = convergence.converged && diagnostics.is_empty();
    let (rows, rows_per_group) = (
        samples
            .iter()
            .fold(RowCount::default(), |all, s| all.plus(s.rows)),
        samples.iter().map(|s| s.rows).collect(),
    );
    Ok(CfaFit {
        converged: convergence.converged,
        admissible,
        estimator: options.estimator,
        missing: options.missing,
        information: info_kind,
        n: samples.iter().map(|s| s.n).sum(),
        rows,
        rows_per_group,
        observed: table.observed.clone(),
        latent: table.latent.clone(),
        convergence,
        fit,
        parameters,
        r_squared,
        diagnostics,
        theta,
        vcov,
        moments,
        table: table.clone(),
        samples,
    })
}

pub(crate) fn information_matrix(
    problem: &NormalMl,
    state: &State,
    theta: &[f64],
    kind: Information,
    fiml: bool,
) -> DMatrix<f64> {
    let q = theta.len();
    let nan = || DMatrix::from_element(q, q, f64::NAN);
    match (kind, fiml) {
        (Information::Observed, _) => information::observed(problem, theta),
        (Information::Expected, true) => information::expected_patterns(problem, state),
        (Information::Expected, false) => problem.expected_information(state),
    }
    .unwrap_or_else(nan)
}

/// `Cov(θ̂) = I⁻¹/N`, or the sandwich `I⁻¹ B I⁻¹ / N` with `B = SᵀS/N` from casewise scores;
/// NaN when the information is `singular`.
fn covariance(
    info: &DMatrix<f64>,
    singular: bool,
    scores: Option<&DMatrix<f64>>,
    n: f64,
) -> DMatrix<f64> {
    let q = info.nrows();
    if singular {
        return DMatrix::from_element(q, q, f64::NAN);
    }
    let Some(inv) = info.clone().try_inverse() else {
        return DMatrix::from_element(q, q, f64::NAN);
    };
    match scores {
        None => inv / n,
        Some(s) => {
            let b = s.tr_mul(s) / n;
            &inv * b * &inv / n
        }
    }
}

/// Smallest eigenvalue of `info` relative to its largest (NaN-safe: NaN gives 0).
pub(crate) fn min_relative_eigen(info: &DMatrix<f64>) -> f64 {
    if info.nrows() == 0 {
        return 1.0;
    }
    match psym_stats::linalg::symmetric_eigen(info) {
        Ok(e) => {
            let max = e.values[0].abs().max(f64::MIN_POSITIVE);
            e.values[e.values.len() - 1] / max
        }
        Err(_) => 0.0,
    }
}

fn estimates(
    problem: &NormalMl,
    state: &State,
    matrices: &[psym_model::GroupMatrices],
    theta: &[f64],
    vcov: &DMatrix<f64>,
) -> Vec<Estimate> {
    let table = problem.table;
    let est: Vec<f64> = table
        .rows
        .iter()
        .map(|r| r.free.map_or(r.value, |k| theta[k]))
        .collect();
    let std = standardized::standardize(table, &problem.layout, &state.implied, matrices, &est);
    let normal = Normal::standard();
    table
        .rows
        .iter()
        .zip(est)
        .zip(std)
        .map(|((r, e), (std_lv, std_all))| {
            let se = match r.free {
                Some(k) => Some(vcov[(k, k)].sqrt()).filter(|v| v.is_finite()),
                None => Some(0.0),
            };
            let z = r.free.and(se).map(|s| e / s);
            Estimate {
                lhs: r.lhs.clone(),
                op: r.op.into(),
                rhs: r.rhs.clone(),
                group: r.group,
                label: r.label.clone(),
                free: r.free.is_some(),
                est: e,
                se,
                z,
                pvalue: z
                    .filter(|z| z.is_finite())
                    .map(|z| 2.0 * normal.sf(z.abs())),
                std_lv,
                std_all,
            }
        })
        .collect()
}

fn r_squared(
    table: &ParTable,
    matrices: &[psym_model::GroupMatrices],
    state: &State,
) -> Vec<RSquared> {
    let mut out = Vec::new();
    for (g, (m, imp)) in matrices.iter().zip(&state.implied).enumerate() {
        let diag: Vec<f64> = m.theta.diagonal().iter().copied().collect();
        for (v, r2) in table
            .observed
            .iter()
            .zip(standardized::r_squared(&diag, imp))
        {
            out.push(RSquared {
                group: g + 1,
                variable: v.clone(),
                r2,
            });
        }
    }
    out
}

fn group_moments(table: &ParTable, state: &State, h1: &fitstats::Saturated) -> Vec<GroupMoments> {
    state
        .implied
        .iter()
        .zip(&h1.moments)
        .zip(h1.aux.samples)
        .map(|((imp, (mean, cov)), s)| GroupMoments {
            n: s.n,
            sample_cov: cov.clone(),
            sample_mean: mean.clone(),
            implied_cov: imp.sigma.clone(),
            implied_mean: if table.meanstructure {
                imp.mu.clone()
            } else {
                mean.clone()
            },
        })
        .collect()
}
