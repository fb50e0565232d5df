//! The saturated and baseline models, the chi-square test and the fit measures of a fit.
//!
//! - Saturated (H1) model: free means and covariances. With complete data its estimates are
//!   the sample moments and `ℓ_1 = −½ Σ_g n_g (p log 2π + log|S_g| + p)`; under FIML it is
//!   fitted (the EM/ML estimates lavaan reports as "h1").
//! - Baseline model: free variances (and means), zero covariances (lavaan's independence
//!   model).
//! - `χ² = 2(ℓ_1 − ℓ_0)`, `df = Σ_g [p(p+1)/2 + p·meanstructure] − npar`.
//! - Under MLR, the Yuan–Bentler (Mplus) scaling factor
//!   `c = [tr(A_1⁻¹B_1) − tr(A_0⁻¹B_0)] / df` with A the information and B the outer product
//!   of casewise scores of each model (Yuan & Bentler 2000; Asparouhov & Muthén 2005).

use nalgebra::{DMatrix, DVector};
use psym_model::{Layout, Matrix, ModelOptions, ParTable, build, covariance_model};

use crate::SemError;
use crate::discrepancy::{Discrepancy, State};
use crate::estimate::{information_matrix, optimise};
use crate::fimlc;
use crate::information;
use crate::measures::{self as m};
use crate::normal::NormalMl;
use crate::options::{Information, TestStatistic, TimeLimit};
use crate::result::{FitMeasures, GroupMoments, LikelihoodMeasures, RobustTest, ScaledMeasures};
use crate::sample::Sample;
use crate::ugamma;

fn singular_sample() -> SemError {
    SemError::SampleNotPositiveDefinite(
        ": some items are exact linear combinations of others (a duplicated column, or a total \
         score next to its items); remove one of them"
            .into(),
    )
}

/// A fitted auxiliary model (saturated or baseline).
pub(crate) struct Aux<'a> {
    pub table: ParTable,
    pub theta: Vec<f64>,
    /// The discrepancy at the estimates.
    pub f: f64,
    pub loglik: Option<f64>,
    pub samples: &'a [Sample],
    pub fiml: bool,
}

/// The saturated model with its moments per group (means, covariances).
pub(crate) struct Saturated<'a> {
    pub aux: Aux<'a>,
    pub moments: Vec<(DVector<f64>, DMatrix<f64>)>,
}

/// The parameter table of the saturated (`full`) or baseline model of `observed`.
pub(crate) fn aux_table(
    observed: &[String],
    groups: usize,
    means: bool,
    full: bool,
) -> Result<ParTable, SemError> {
    Ok(build(
        &covariance_model(observed, full),
        &ModelOptions {
            meanstructure: means,
            groups,
            ..ModelOptions::default()
        },
    )?)
}

/// The parameters of a saturated or baseline table that reproduce the given means and
/// covariances per group (the baseline keeps only the variances).
pub(crate) fn moments_theta(
    table: &ParTable,
    moments: &[(&DVector<f64>, &DMatrix<f64>)],
) -> Vec<f64> {
    let layout = Layout::new(table);
    let mut theta = vec![0.0; table.n_free];
    for (r, s) in table.rows.iter().zip(&layout.slots) {
        let (Some(k), Some((mean, cov))) = (r.free, moments.get(r.group - 1)) else {
            continue;
        };
        theta[k] = match s.matrix {
            Matrix::Nu => mean[s.row],
            _ => cov[(s.row, s.col)],
        };
    }
    theta
}

/// Fits an auxiliary table starting from (and, with complete data, ending at) the moments.
fn fit_aux<'a>(
    table: ParTable,
    samples: &'a [Sample],
    fiml: bool,
    limit: Option<&TimeLimit>,
) -> Result<Aux<'a>, SemError> {
    let pooled: Vec<_> = samples
        .iter()
        .map(|s| (&s.pooled().0, &s.pooled().1))
        .collect();
    let mut theta = moments_theta(&table, &pooled);
    let problem = NormalMl::new(&table, samples);
    if fiml {
        theta = optimise(&problem, theta, limit).0;
    }
    let f = problem.value(&theta).ok_or_else(singular_sample)?;
    let loglik = problem.loglik(f);
    Ok(Aux {
        table,
        theta,
        f,
        loglik,
        samples,
        fiml,
    })
}

/// Fits the saturated model.
///
/// # Errors
/// [`SemError::SampleNotPositiveDefinite`] when the sample covariance matrix is singular.
pub(crate) fn saturated<'a>(
    table: &ParTable,
    samples: &'a [Sample],
    fiml: bool,
    limit: Option<&TimeLimit>,
) -> Result<Saturated<'a>, SemError> {
    let t = aux_table(&table.observed, table.groups, table.meanstructure, true)?;
    let aux = fit_aux(t, samples, fiml, limit)?;
    let problem = NormalMl::new(&aux.table, samples);
    let implied = problem.implied(&aux.theta).ok_or_else(singular_sample)?;
    let moments = implied
        .into_iter()
        .zip(samples)
        .map(|(imp, s)| {
            let mean = if fiml {
                imp.mu
            } else {
                s.patterns[0].mean.clone()
            };
            (mean, imp.sigma)
        })
        .collect();
    Ok(Saturated { aux, moments })
}

/// Number of sample moments per group.
fn moments_per_group(p: usize, means: bool) -> usize {
    p * (p + 1) / 2 + if means { p } else { 0 }
}

/// Number of sample moments over all groups: `Σ_g [p(p+1)/2 + p·meanstructure]`.
pub(crate) fn sample_moments(table: &ParTable) -> usize {
    moments_per_group(table.observed.len(), table.meanstructure) * table.groups
}

/// SRMR as lavaan's `srmr` (Bentler): the root mean square of
/// `(s_ij − σ_ij)/√(s_ii s_jj)` over i ≤ j, plus `(m_i − μ_i)/√s_ii` with a mean structure,
/// averaged over groups weighted by group size.
pub(crate) fn srmr(moments: &[GroupMoments], means: bool) -> f64 {
    let n: f64 = moments.iter().map(|g| g.n as f64).sum();
    moments
        .iter()
        .map(|g| {
            let p = g.sample_cov.nrows();
            let sd: Vec<f64> = (0..p).map(|i| g.sample_cov[(i, i)].sqrt()).collect();
            let mut ss = 0.0;
            for i in 0..p {
                for j in 0..=i {
                    ss +=
                        ((g.sample_cov[(i, j)] - g.implied_cov[(i, j)]) / (sd[i] * sd[j])).powi(2);
                }
                if means {
                    ss += ((g.sample_mean[i] - g.implied_mean[i]) / sd[i]).powi(2);
                }
            }
            (g.n as f64 / n) * (ss / moments_per_group(p, means) as f64).sqrt()
        })
        .sum()
}

/// The baseline (independence) model.
pub(crate) fn baseline<'a>(
    table: &ParTable,
    samples: &'a [Sample],
    fiml: bool,
    limit: Option<&TimeLimit>,
) -> Result<Aux<'a>, SemError> {
    let t = aux_table(&table.observed, table.groups, table.meanstructure, false)?;
    fit_aux(t, samples, fiml, limit)
}

/// Fit measures of a converged model. The test statistic is `2N(F − F_saturated)` (for the
/// likelihood `2(ℓ_saturated − ℓ)`), likewise for the baseline model.
pub(crate) fn measures(
    problem: &dyn Discrepancy,
    state: &State,
    h1: &Saturated,
    base: &Aux,
    moments: &[GroupMoments],
) -> FitMeasures {
    let table = problem.table();
    let n = problem.n_total();
    let groups = table.groups as f64;
    let npar = table.n_free;
    let total_moments = sample_moments(table) as f64;
    let chisq = (2.0 * n * (state.f - h1.aux.f)).max(0.0);
    let df = total_moments - npar as f64;
    let baseline_chisq = 2.0 * n * (base.f - h1.aux.f);
    let baseline_df = total_moments - base.table.n_free as f64;
    let (lo, hi) = m::rmsea_ci(chisq, df, n, groups);
    let likelihood =
        problem
            .loglik(state.f)
            .zip(h1.aux.loglik)
            .map(|(loglik, unrestricted_loglik)| {
                let (aic, bic, sabic) = m::information_criteria(loglik, npar as f64, n);
                LikelihoodMeasures {
                    loglik,
                    unrestricted_loglik,
                    aic,
                    bic,
                    sabic,
                }
            });
    FitMeasures {
        npar,
        ntotal: n as usize,
        chisq,
        df,
        pvalue: m::chisq_pvalue(chisq, df),
        baseline_chisq,
        baseline_df,
        baseline_pvalue: m::chisq_pvalue(baseline_chisq, baseline_df),
        cfi: m::cfi(chisq, df, baseline_chisq, baseline_df),
        tli: m::tli(chisq, df, baseline_chisq, baseline_df),
        rmsea: m::rmsea(chisq, df, n, groups),
        rmsea_ci_lower: lo,
        rmsea_ci_upper: hi,
        rmsea_pvalue: m::rmsea_pclose(chisq, df, n, groups),
        srmr: srmr(moments, table.meanstructure),
        likelihood,
        scaled: None,
    }
}

/// `tr(A⁻¹B)` of an auxiliary model at its estimates.
fn trace_ab(aux: &Aux) -> Option<f64> {
    let problem = NormalMl::new(&aux.table, aux.samples);
    let state = problem.state(&aux.theta)?;
    let kind = if aux.fiml {
        Information::Observed
    } else {
        Information::Expected
    };
    let a = information_matrix(&problem, &state, &aux.theta, kind, aux.fiml);
    let s = information::scores(&problem, &state)?;
    trace_of(&a, &s, problem.n_total)
}

fn trace_of(a: &DMatrix<f64>, scores: &DMatrix<f64>, n: f64) -> Option<f64> {
    let b = scores.tr_mul(scores) / n;
    Some((a.clone().try_inverse()? * b).trace())
}

/// Yuan–Bentler (Mplus) scaled and robust measures, from the information and casewise scores.
pub(crate) fn yuan_bentler(
    problem: &NormalMl,
    state: &State,
    info: &DMatrix<f64>,
    scores: &DMatrix<f64>,
    (h1, base): (&Saturated, &Aux),
    fit: &FitMeasures,
) -> Option<ScaledMeasures> {
    let t1 = trace_ab(&h1.aux)?;
    let t0 = trace_of(info, scores, problem.n_total)?;
    let tb = trace_ab(base)?;
    let c = if fit.df > 0.0 {
        (t1 - t0) / fit.df
    } else {
        1.0
    };
    let cb = (t1 - tb) / fit.baseline_df;
    let (x, df, xb, dfb) = (fit.chisq, fit.df, fit.baseline_chisq, fit.baseline_df);
    let test = RobustTest::scaled(TestStatistic::YuanBentlerMplus, x, df, c);
    let baseline = RobustTest::scaled(TestStatistic::YuanBentlerMplus, xb, dfb, cb);
    // The robust indices use the complete-data statistics, or the FIML-corrected ones.
    let robust = if h1.aux.fiml {
        let k = fimlc::fiml_corrected(problem, state, h1, base, (df, dfb))?;
        Robust {
            stat: k.stat,
            c: k.c,
            stat_null: k.stat_null,
            c_null: k.c_null,
        }
    } else {
        Robust {
            stat: x,
            c,
            stat_null: xb,
            c_null: cb,
        }
    };
    Some(scaled_measures(test, baseline, &robust, fit, problem))
}

/// Scaled and robust measures of a test built on the traces of UΓ (`crate::ugamma`), with
/// complete data.
pub(crate) fn ugamma_measures(
    method: TestStatistic,
    problem: &NormalMl,
    state: &State,
    (h1, base): (&Saturated, &Aux),
    fit: &FitMeasures,
) -> Option<ScaledMeasures> {
    let gamma = ugamma::gamma(h1)?;
    let t = ugamma::traces(h1, &gamma, state, problem.table.n_free)?;
    let tb = ugamma::baseline_traces(h1, &gamma, base)?;
    let (x, df, xb, dfb) = (fit.chisq, fit.df, fit.baseline_chisq, fit.baseline_df);
    let test = RobustTest::from_traces(method, x, df, t)?;
    let baseline = RobustTest::from_traces(method, xb, dfb, tb)?;
    let robust = Robust {
        stat: x,
        c: ugamma::mean_scaling(t, df),
        stat_null: xb,
        c_null: ugamma::mean_scaling(tb, dfb),
    };
    Some(scaled_measures(test, baseline, &robust, fit, problem))
}

/// The statistics behind the robust indices: a statistic and its mean-adjusting scaling
/// factor, for the model and the baseline model.
struct Robust {
    stat: f64,
    c: f64,
    stat_null: f64,
    c_null: f64,
}

/// The scaled indices from the robust tests, and the robust indices of Brosseau-Liard &
/// Savalei (2014) and Brosseau-Liard, Savalei & Li (2012) from the noncentrality
/// `max(T − c·df, 0)`.
fn scaled_measures(
    test: RobustTest,
    baseline: RobustTest,
    r: &Robust,
    fit: &FitMeasures,
    problem: &NormalMl,
) -> ScaledMeasures {
    let (n, groups) = (problem.n_total, problem.table.groups as f64);
    let (df, dfb) = (fit.df, fit.baseline_df);
    let robust_ncp = (r.stat - r.c * df).max(0.0);
    let robust_ncp_b = (r.stat_null - r.c_null * dfb).max(0.0);
    let cfi_robust = if robust_ncp_b.max(robust_ncp) == 0.0 {
        1.0
    } else {
        1.0 - robust_ncp / robust_ncp_b.max(robust_ncp)
    };
    let tli_robust = 1.0 - (robust_ncp / df) / (robust_ncp_b / dfb);
    let (xs, dfs, xbs, dfbs) = (test.statistic, test.df, baseline.statistic, baseline.df);
    ScaledMeasures {
        cfi_scaled: m::cfi(xs, dfs, xbs, dfbs),
        tli_scaled: m::tli(xs, dfs, xbs, dfbs),
        cfi_robust,
        tli_robust,
        rmsea_scaled: m::rmsea(xs, dfs, n, groups),
        rmsea_robust: if df > 0.0 {
            (robust_ncp / (df * n)).sqrt() * groups.sqrt()
        } else {
            0.0
        },
        test,
        baseline,
    }
}
