//! Ordinal CFA by diagonally weighted least squares (lavaan's `estimator = "WLSMV"`, delta or
//! theta parameterisation as the table says, one or several groups; complete rows, or pairwise deletion as lavaan's
//! `missing = "pairwise"`): the second implementation of the [`Discrepancy`] seam.
//!
//! The latent responses y* are normal, cut at the thresholds into the observed categories.
//! The sample statistics of group g are `s_g` = (thresholds, polychoric correlations) with
//! their asymptotic covariance Γ_g ([`psym_stats::ordinal`]); the model implies `σ_g(θ)`
//! ([`crate::ordmoments`]: thresholds `(τ − μ)δ`, correlations `δ_a δ_b S_ab`, δ a parameter
//! in delta and `1/√S_jj` in theta). Continuous
//! variables beside ordered ones add their −means and variances, and covariances instead of
//! correlations ([`psym_stats::mixed`], [`crate::mixedmoments`]; one group, complete rows). With
//! `r_g = s_g − σ_g(θ)`, `W_g = diag(Γ_g)⁻¹` (thresholds included, lavaan's DWLS weights),
//! n_g rows in group g and N in all (lavaan 0.6-14, `lav_model_objective` and
//! `lav_model_test`):
//! - `F(θ) = Σ_g (n_g − 1)/(2N) r_gᵀ W_g r_g`; `χ² = Σ_g (n_g − 1) r̂_gᵀ W_g r̂_g = 2N F̂` on
//!   `Σ_g (thresholds + p(p−1)/2) − q` df;
//! - with the stacked `Δ = ∂σ/∂θ`, `V = blockdiag(f_g W_g)`, `Γ = blockdiag(Γ_g/f_g)`,
//!   `f_g = n_g/N`: robust standard errors from `(ΔᵀVΔ)⁻¹ ΔᵀVΓVΔ (ΔᵀVΔ)⁻¹ / (N − G)` (lavaan's
//!   `se = "robust.sem"`, `lav_model_nvcov_robust_sem`, divided by N − G for least-squares
//!   estimators in `lav_model_vcov`);
//! - the scaled-and-shifted test from the traces of UΓ, `U = V − VΔ(ΔᵀVΔ)⁻¹ΔᵀV`
//!   (Asparouhov & Muthén 2010; [`RobustTest`]; lavaan's
//!   `lav_test_satorra_bentler_trace_original`);
//! - the baseline model: thresholds free per group, correlations 0, so `χ²_0 = Σ_g (n_g − 1)
//!   ρ̂_gᵀ W_ρ ρ̂_g` on `Σ_g p(p−1)/2` df, and U keeps only the correlations' `f_g W_ρ`;
//! - ULSMV (lavaan's `estimator = "ULSMV"`): the same with `W_g = I` — unweighted estimates,
//!   the same sandwich standard errors and scaled-and-shifted test with V = blockdiag(f_g I);
//! - CFI, TLI and RMSEA from the standard and from the scaled statistics (RMSEA with N − G
//!   and `√G`, lavaan's multi-group RMSEA), SRMR as the root mean square of the residual
//!   correlations over `p(p+1)/2` per group, averaged over the groups weighted by n_g.

use nalgebra::{DMatrix, DVector};
use psym_model::{GroupMatrices, Layout, Matrix, Op, ParTable, Parameterization};
use psym_stats::MissingPolicy;
use psym_stats::mixed::mixed_stats;
use psym_stats::ordinal::{OrdinalStats, ordinal_stats_with};

use crate::SemError;
use crate::discrepancy::{Discrepancy, State};
use crate::estimate::optimise;
use crate::implied::Implied;
use crate::measures as m;
use crate::mixedmoments::MixedOrder;
use crate::options::TestStatistic;
use crate::options::{Estimator, Missing};
use crate::ordinal_result::{OrdinalEstimate, OrdinalFit, OrdinalMeasures};
use crate::ordinal_robust::Stacked;
use crate::ordinal_robust_fit::{CatmlGroup, Dfs, RobustAbsent, robust_measures};
use crate::ordmoments::{implied_statistics, pairs, scale_factors, statistics_jacobian};
use crate::result::RobustTest;
use crate::sample::Sample;
use crate::start::start_values;

/// The ordinal sample statistics of one group as DWLS fits them.
struct GroupSample {
    /// With continuous variables ([`psym_stats::mixed`]): their thresholds empty, and
    /// `correlations` the covariance matrix of the mixed statistics.
    stats: OrdinalStats,
    /// Thresholds (and −means), continuous variances, then correlations (covariances).
    s: DVector<f64>,
    /// The means of the continuous variables (0 for ordered ones).
    means: Vec<f64>,
    /// `1 / Γ_qq`.
    w: DVector<f64>,
    n: f64,
}

/// The DWLS discrepancy of a table against ordinal statistics.
struct Dwls<'a> {
    table: &'a ParTable,
    layout: Layout,
    pairs: Vec<(usize, usize)>,
    /// The order of the mixed statistics when some variables are continuous.
    mixed: Option<MixedOrder>,
    groups: Vec<GroupSample>,
    n: f64,
}

impl Dwls<'_> {
    /// Implied moments and statistics of every group.
    fn implied(&self, theta: &[f64]) -> Option<Vec<(Implied, DVector<f64>)>> {
        (1..=self.groups.len())
            .map(|g| {
                let m = self.layout.fill(self.table, theta, g);
                let imp = Implied::new(&m)?;
                let sigma = self.statistics(&m, &imp)?;
                Some((imp, sigma))
            })
            .collect()
    }

    /// The statistics group matrices `m` imply ([`crate::ordmoments`], [`crate::mixedmoments`];
    /// `None` when a theta-parameterisation scale factor is undefined).
    fn statistics(&self, m: &GroupMatrices, imp: &Implied) -> Option<DVector<f64>> {
        let d = scale_factors(self.table.parameterization, m, imp)?;
        let s = implied_statistics(m, imp, &d, &self.pairs);
        Some(match &self.mixed {
            Some(order) => order.statistics(&s, imp),
            None => s,
        })
    }

    /// Their Jacobian in `group`.
    fn jacobian(&self, m: &GroupMatrices, imp: &Implied, group: usize) -> Option<DMatrix<f64>> {
        let d = scale_factors(self.table.parameterization, m, imp)?;
        let moments = (m, imp, &d);
        let jac = statistics_jacobian(self.table, &self.layout, moments, &self.pairs, group);
        Some(match &self.mixed {
            Some(order) => order.jacobian(&jac, self.table, &self.layout, imp, group),
            None => jac,
        })
    }

    /// `(n_g − 1)/N`, the weight of group g's quadratic form in F.
    fn weight(&self, g: &GroupSample) -> f64 {
        (g.n - 1.0) / self.n
    }
}

impl Discrepancy for Dwls<'_> {
    fn table(&self) -> &ParTable {
        self.table
    }

    fn n_total(&self) -> f64 {
        self.n
    }

    fn value(&self, theta: &[f64]) -> Option<f64> {
        let implied = self.implied(theta)?;
        Some(
            (self.groups.iter().zip(&implied))
                .map(|(g, (_, sigma))| {
                    let r = &g.s - sigma;
                    0.5 * self.weight(g) * r.component_mul(&r).dot(&g.w)
                })
                .sum(),
        )
    }

    fn state(&self, theta: &[f64]) -> Option<State> {
        let mut state = State {
            f: 0.0,
            grad: DVector::zeros(self.table.n_free),
            implied: Vec::new(),
            jac: Vec::new(),
            stat_jac: Vec::new(),
        };
        for (i, g) in self.groups.iter().enumerate() {
            let m = self.layout.fill(self.table, theta, i + 1);
            let imp = Implied::new(&m)?;
            let r = &g.s - self.statistics(&m, &imp)?;
            let d = self.jacobian(&m, &imp, i + 1)?;
            let wr = r.component_mul(&g.w);
            state.f += 0.5 * self.weight(g) * r.dot(&wr);
            state.grad -= d.tr_mul(&wr) * self.weight(g);
            state.implied.push(imp);
            state.stat_jac.push(d);
        }
        Some(state)
    }

    fn curvature(&self, state: &State) -> Option<DMatrix<f64>> {
        let mut h = DMatrix::zeros(self.table.n_free, self.table.n_free);
        for (g, d) in self.groups.iter().zip(&state.stat_jac) {
            h += d.tr_mul(&DMatrix::from_diagonal(&g.w)) * d * self.weight(g);
        }
        Some(h)
    }

    fn loglik(&self, _f: f64) -> Option<f64> {
        None
    }
}

/// The baseline model's Jacobian in the stacked statistics: each group's thresholds free.
fn baseline_delta(groups: &[GroupSample]) -> DMatrix<f64> {
    let rows: usize = groups.iter().map(|g| g.s.len()).sum();
    let cols: usize = groups.iter().map(|g| g.s.len() - pairs_of(g)).sum();
    let mut d = DMatrix::zeros(rows, cols);
    let (mut o, mut c) = (0, 0);
    for g in groups {
        let k = g.s.len() - pairs_of(g);
        d.view_mut((o, c), (k, k)).fill_with_identity();
        o += g.s.len();
        c += k;
    }
    d
}

/// Number of correlations in a group's statistics.
fn pairs_of(g: &GroupSample) -> usize {
    let p = g.stats.correlations.nrows();
    p * (p - 1) / 2
}

/// The sample statistics of each group, checked against the table's thresholds, with the
/// weights of DWLS (`unweighted`: of ULS).
fn group_samples(
    table: &ParTable,
    layout: &Layout,
    data: &[DMatrix<f64>],
    unweighted: bool,
    missing: MissingPolicy,
) -> Result<Vec<GroupSample>, SemError> {
    let p = table.observed.len();
    let mut out = Vec::with_capacity(data.len());
    for (g, x) in data.iter().enumerate() {
        let (stats, s, means) = match layout.thresholds.iter().all(|&k| k > 0) {
            true => {
                let stats = ordinal_stats_with(x, missing)?;
                let s = DVector::from_iterator(
                    stats.gamma.nrows(),
                    (stats.thresholds.iter().flatten().copied())
                        .chain(pairs(p).iter().map(|&(a, b)| stats.correlations[(a, b)])),
                );
                (stats, s, vec![0.0; p])
            }
            false => {
                let ordered: Vec<bool> = layout.thresholds.iter().map(|&k| k > 0).collect();
                let mixed = mixed_stats(x, &ordered)?;
                let stats = OrdinalStats {
                    n: mixed.n,
                    thresholds: mixed.thresholds,
                    correlations: mixed.covariances,
                    gamma: mixed.gamma,
                };
                (stats, mixed.statistics, mixed.means)
            }
        };
        for (j, t) in stats.thresholds.iter().enumerate() {
            if t.len() != layout.thresholds[j] {
                return Err(SemError::GroupCategories {
                    item: table.observed[j].clone(),
                    group: g + 1,
                    found: t.len() + 1,
                    expected: layout.thresholds[j] + 1,
                });
            }
        }
        let w = match unweighted {
            true => DVector::from_element(s.len(), 1.0),
            false => stats.gamma.diagonal().map(|v| 1.0 / v),
        };
        out.push(GroupSample {
            n: stats.n as f64,
            stats,
            s,
            means,
            w,
        });
    }
    Ok(out)
}

/// Fits `table` to the ordinal `data` (one matrix per group, columns in the order of
/// `table.observed`, values ordered categories, `NaN` missing; complete rows used) by DWLS,
/// with robust standard errors and the scaled-and-shifted test (module docs). The observed
/// variables the table orders ([`psym_model::ModelOptions::ordered`]) are ordinal; any others
/// are continuous (one group, listwise deletion: [`psym_stats::mixed`]).
///
/// # Errors
/// [`SemError::Model`] for a table without an ordered variable, continuous variables in
/// several groups or with pairwise deletion, or a number of groups other than `data.len()`;
/// [`SemError::GroupCategories`] for an item whose categories in one
/// group differ from the table's thresholds; an item with one category or too few rows ([`SemError::Statistics`]); more
/// parameters than statistics ([`SemError::NotIdentified`]).
pub fn fit_wlsmv(table: &ParTable, data: &[DMatrix<f64>]) -> Result<OrdinalFit, SemError> {
    fit_ordinal(table, data, Estimator::Wlsmv)
}

/// Fits `table` to the ordinal `data` as [`fit_wlsmv`] by `estimator`: WLSMV (DWLS weights),
/// ULSMV (unit weights; the same robust standard errors and scaled-and-shifted test) or DWLS
/// (the WLSMV estimates with standard errors from the expected information
/// `(ΔᵀVΔ)⁻¹/(N − G)` and the standard test alone, lavaan's `estimator = "DWLS"`).
///
/// # Errors
/// As [`fit_wlsmv`]; [`SemError::Model`] for another estimator.
pub fn fit_ordinal(
    table: &ParTable,
    data: &[DMatrix<f64>],
    estimator: Estimator,
) -> Result<OrdinalFit, SemError> {
    fit_ordinal_with(table, data, estimator, Missing::Listwise)
}

/// Fits `table` to the ordinal `data` as [`fit_ordinal`], with the sample statistics of each
/// group under the missing-data rule `missing`: listwise (complete rows) or pairwise (lavaan's
/// `missing = "pairwise"`: thresholds from each item's answers, correlations from the rows
/// answering both items, Γ with missing scores counted as zero, N the rows with at least one
/// answer; [`psym_stats::ordinal::ordinal_stats_with`]). The table's thresholds must count the
/// categories of the rows used.
///
/// # Errors
/// As [`fit_ordinal`]; [`SemError::Model`] for `Missing::Fiml`.
pub fn fit_ordinal_with(
    table: &ParTable,
    data: &[DMatrix<f64>],
    estimator: Estimator,
    missing: Missing,
) -> Result<OrdinalFit, SemError> {
    let missing = match missing {
        Missing::Listwise => MissingPolicy::Listwise,
        Missing::Pairwise => MissingPolicy::Pairwise,
        Missing::Fiml => {
            return Err(SemError::Model(
                "ordered items are fitted on complete rows or by pairwise deletion, not by fiml"
                    .into(),
            ));
        }
    };
    let (unweighted, robust) = match estimator {
        Estimator::Wlsmv => (false, true),
        Estimator::Ulsmv => (true, true),
        Estimator::Dwls => (false, false),
        other => {
            return Err(SemError::Model(format!(
                "ordered items are fitted by wlsmv, ulsmv or dwls, not {other}"
            )));
        }
    };
    let layout = Layout::new(table);
    let mixed = MixedOrder::new(&layout.thresholds, pairs(table.observed.len()).len());
    if layout.thresholds.iter().all(|&k| k == 0) {
        return Err(SemError::Model(
            "no observed variable is ordered; ordinal estimation needs at least one".into(),
        ));
    }
    if mixed.is_some() && table.groups > 1 {
        return Err(SemError::Model(
            "continuous variables beside ordered items are fitted in one group only".into(),
        ));
    }
    if mixed.is_some() && missing == MissingPolicy::Pairwise {
        return Err(SemError::Model(
            "pairwise deletion is available when every observed variable is ordered; with \
             continuous variables in the model use listwise deletion (the default)"
                .into(),
        ));
    }
    if table.groups != data.len() {
        return Err(SemError::Model(format!(
            "the model has {} groups but the data {}",
            table.groups,
            data.len()
        )));
    }
    let groups = group_samples(table, &layout, data, unweighted, missing)?;
    let p = table.observed.len();
    let moments: usize = groups.iter().map(|g| g.s.len()).sum();
    if table.n_free > moments {
        return Err(SemError::NotIdentified {
            npar: table.n_free,
            moments,
        });
    }
    let problem = Dwls {
        layout,
        table,
        pairs: pairs(p),
        mixed,
        n: groups.iter().map(|g| g.n).sum(),
        groups,
    };
    let samples: Vec<Sample> = (problem.groups.iter())
        .map(|g| Sample::of_covariance(g.stats.correlations.clone(), g.stats.n))
        .collect();
    let mut start = start_values(table, &problem.layout, &samples);
    for (r, s) in table.rows.iter().zip(&problem.layout.slots) {
        let g = &problem.groups[r.group - 1];
        match (r.free, s.matrix, r.value.is_nan()) {
            (Some(k), Matrix::Tau, true) => start[k] = g.stats.thresholds[s.row][s.col],
            // a continuous variable's intercept starts at its mean
            (Some(k), Matrix::Nu, true) if problem.layout.thresholds[s.row] == 0 => {
                start[k] = g.means[s.row]
            }
            _ => {}
        }
    }
    let (theta, convergence) = optimise(&problem, start, None);
    let state = problem.state(&theta).ok_or_else(|| {
        SemError::Model(
            "the implied correlation matrix is not positive definite at the estimates".into(),
        )
    })?;
    let stacked = Stacked::new(
        (problem.groups.iter()).map(|g| (g.w.clone(), g.stats.gamma.clone(), g.n / problem.n)),
        &state.stat_jac,
    );
    let n_vcov = problem.n - problem.groups.len() as f64;
    let vcov = match robust {
        true => stacked.vcov(n_vcov),
        false => stacked.bread(&stacked.delta).map(|b| b / n_vcov),
    };
    let residuals: Vec<DVector<f64>> = (problem.implied(&theta).into_iter().flatten())
        .zip(&problem.groups)
        .map(|((_, sigma), g)| &g.s - sigma)
        .collect();
    let fit = measures(&problem, &state, &stacked, &residuals, robust)?;
    let parameters = estimates(&problem, &theta, vcov.as_ref(), &state);
    Ok(OrdinalFit {
        estimator,
        parameterization: table.parameterization,
        n: problem.groups.iter().map(|g| g.stats.n).sum(),
        group_n: problem.groups.iter().map(|g| g.stats.n).collect(),
        converged: convergence.converged,
        convergence,
        parameters,
        fit,
        continuous: (table.observed.iter().zip(&problem.layout.thresholds))
            .filter(|(_, k)| **k == 0)
            .map(|(v, _)| v.clone())
            .collect(),
        stacked,
    })
}

/// The fit measures at the estimates (module docs), `residuals` = `s_g − σ_g(θ̂)` per group;
/// the scaled ones when `robust`.
fn measures(
    problem: &Dwls,
    state: &State,
    stacked: &Stacked,
    residuals: &[DVector<f64>],
    robust: bool,
) -> Result<OrdinalMeasures, SemError> {
    let (n, n_groups) = (problem.n, problem.groups.len() as f64);
    let chisq = 2.0 * n * state.f;
    let df = (stacked.v.len() - problem.table.n_free) as f64;
    let n_pairs = problem.pairs.len();
    let mut baseline_chisq = 0.0;
    let mut srmr = 0.0;
    let p = problem.table.observed.len();
    for (g, residual) in problem.groups.iter().zip(residuals) {
        let k = g.s.len() - n_pairs;
        let (rho, w) = (g.s.rows(k, n_pairs), g.w.rows(k, n_pairs));
        baseline_chisq += (g.n - 1.0) * rho.component_mul(&rho).dot(&w);
        let ss = standardized_residuals_ss(g, residual, &problem.pairs, &problem.layout.thresholds);
        srmr += g.n / n * (ss / (p * (p + 1) / 2) as f64).sqrt();
    }
    let baseline_df = n_groups * n_pairs as f64;
    let n_rmsea = n - n_groups;
    let scaled = match robust {
        false => None,
        true => {
            let model = (stacked.traces(Some(&stacked.delta)))
                .and_then(|t| RobustTest::from_traces(TestStatistic::ScaledShifted, chisq, df, t))
                .ok_or_else(|| SemError::Model("the scaled test could not be computed".into()))?;
            let baseline = (stacked.traces(Some(&baseline_delta(&problem.groups))))
                .and_then(|t| {
                    let s = TestStatistic::ScaledShifted;
                    RobustTest::from_traces(s, baseline_chisq, baseline_df, t)
                })
                .ok_or_else(|| {
                    SemError::Model("the scaled baseline test could not be computed".into())
                })?;
            let (xs, xbs) = (model.statistic, baseline.statistic);
            Some(OrdinalScaled {
                cfi: m::cfi(xs, df, xbs, baseline_df),
                tli: m::tli(xs, df, xbs, baseline_df),
                rmsea: m::rmsea(xs, df, n_rmsea, n_groups),
                test: model,
                baseline,
            })
        }
    };
    let robust = match robust {
        false => Err(RobustAbsent::NoScaledTest),
        true => {
            let groups: Vec<CatmlGroup> = (problem.groups.iter().zip(residuals))
                .map(|(g, r)| CatmlGroup {
                    sample: &g.stats.correlations,
                    residuals: r.rows(g.s.len() - n_pairs, n_pairs).into_owned(),
                    n: g.n,
                    thresholds: g.s.len() - n_pairs,
                })
                .collect();
            let dfs = Dfs {
                model: df,
                baseline: baseline_df,
            };
            robust_measures(problem.table, &groups, &problem.pairs, stacked, &dfs)
        }
    };
    Ok(OrdinalMeasures {
        chisq,
        df,
        pvalue: m::chisq_pvalue(chisq, df),
        baseline_chisq,
        baseline_df,
        cfi: m::cfi(chisq, df, baseline_chisq, baseline_df),
        tli: m::tli(chisq, df, baseline_chisq, baseline_df),
        rmsea: m::rmsea(chisq, df, n_rmsea, n_groups),
        cfi_scaled: scaled.as_ref().map(|s| s.cfi),
        tli_scaled: scaled.as_ref().map(|s| s.tli),
        rmsea_scaled: scaled.as_ref().map(|s| s.rmsea),
        srmr,
        robust_absent: robust.as_ref().err().copied(),
        robust: robust.ok(),
        baseline_scaled: scaled.as_ref().map(|s| s.baseline.clone()),
        scaled: scaled.map(|s| s.test),
    })
}

/// The sum of squared residual correlations of one group, lavaan's `cor.bentler` residuals
/// (`lav_residuals`): each residual covariance over the product of the sample standard
/// deviations (1 for a latent response), so with ordered items only the residual correlations;
/// a continuous variable adds its residual variance over its sample variance. `residual` is
/// `s − σ(θ̂)` in the order of the statistics, `thresholds[j]` 0 for a continuous variable.
fn standardized_residuals_ss(
    g: &GroupSample,
    residual: &DVector<f64>,
    pairs: &[(usize, usize)],
    thresholds: &[usize],
) -> f64 {
    let var = g.stats.correlations.diagonal();
    let k = g.s.len() - pairs.len();
    let numeric: Vec<usize> = (0..thresholds.len())
        .filter(|&j| thresholds[j] == 0)
        .collect();
    let variances = (numeric.iter().enumerate())
        .map(|(i, &j)| (residual[k - numeric.len() + i] / var[j]).powi(2));
    let covariances =
        (pairs.iter().enumerate()).map(|(q, &(a, b))| residual[k + q].powi(2) / (var[a] * var[b]));
    variances.chain(covariances).sum()
}

/// The scaled-and-shifted tests of the model and the baseline with the measures from them.
struct OrdinalScaled {
    test: RobustTest,
    baseline: RobustTest,
    cfi: f64,
    tli: f64,
    rmsea: f64,
}

/// The estimates in table order, with what the parameterisation derives (no standard
/// error): in delta the residual variances of ordered variables (`1/δ² − S_jj`), in theta
/// their scale factors (`1/√S_jj`, as lavaan's `~*~` rows of a theta fit).
fn estimates(
    problem: &Dwls,
    theta: &[f64],
    vcov: Option<&DMatrix<f64>>,
    state: &State,
) -> Vec<OrdinalEstimate> {
    let table = problem.table;
    (table.rows.iter().zip(&problem.layout.slots))
        .map(|(r, s)| {
            let derived = match table.parameterization {
                Parameterization::Delta => {
                    r.op == Op::Covary && s.matrix == Matrix::Theta && s.row == s.col
                }
                Parameterization::Theta => r.op == Op::Scale,
            };
            let (est, se) = match r.free {
                Some(k) => (theta[k], vcov.map(|v| v[(k, k)].sqrt())),
                None if derived => {
                    let m = problem.layout.fill(table, theta, r.group);
                    let sigma = state.implied[r.group - 1].sigma[(s.row, s.row)];
                    match table.parameterization {
                        Parameterization::Delta => (1.0 / m.delta[s.row].powi(2) - sigma, None),
                        Parameterization::Theta => (1.0 / sigma.sqrt(), None),
                    }
                }
                None => (r.value, Some(0.0)),
            };
            OrdinalEstimate {
                lhs: r.lhs.clone(),
                op: r.op.to_string(),
                rhs: r.rhs.clone(),
                group: r.group,
                est,
                se,
            }
        })
        .collect()
}
