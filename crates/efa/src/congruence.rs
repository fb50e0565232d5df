//! Tucker's congruence coefficient and factor analysis per group with congruence across
//! groups (psych::factor.congruence; Lorenzo-Seva & ten Berge 2006 for its interpretation).

use nalgebra::DMatrix;
use psym_stats::RowCount;
use serde::Serialize;

use crate::{EfaError, FaOptions, FaResult, Normalization, Rotation, fa, rotate};

/// Tucker's φ between every column of `a` and every column of `b`:
/// `φ(x, y) = Σ x_i y_i / √(Σ x_i² Σ y_i²)` (Tucker 1951). Rows are the columns of `a`.
///
/// # Errors
/// [`EfaError::InvalidOption`] when `a` and `b` have different numbers of rows.
///
/// # Example
/// ```
/// use nalgebra::DMatrix;
/// let a = DMatrix::from_row_slice(3, 1, &[0.7, 0.6, 0.1]);
/// let phi = psym_efa::congruence(&a, &(&a * 2.0)).unwrap();
/// assert!((phi[(0, 0)] - 1.0).abs() < 1e-12);
/// ```
pub fn congruence(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, EfaError> {
    if a.nrows() != b.nrows() {
        return Err(EfaError::InvalidOption(format!(
            "congruence needs loadings on the same items ({} and {} rows)",
            a.nrows(),
            b.nrows()
        )));
    }
    Ok(DMatrix::from_fn(a.ncols(), b.ncols(), |f, g| {
        let (x, y) = (a.column(f), b.column(g));
        x.dot(&y) / (x.norm_squared() * y.norm_squared()).sqrt()
    }))
}

/// One group's correlation matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupInput {
    /// Group label (for example the language).
    pub name: String,
    /// Correlation matrix of the group's responses.
    pub r: DMatrix<f64>,
    /// Respondents in the group (the N behind its fit statistics).
    pub n: usize,
    /// Rows of the group used and read, and its missing-data patterns.
    pub rows: RowCount,
}

/// The fit of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFit {
    /// Group label.
    pub group: String,
    /// Respondents.
    pub n: usize,
    /// Rows used and read, missing-data patterns.
    #[serde(flatten)]
    pub rows: RowCount,
    /// Its own exploratory factor analysis.
    pub result: FaResult,
    /// Its loadings rotated towards the reference group's pattern.
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub aligned: DMatrix<f64>,
    /// Congruence of each aligned factor with the same factor of the reference group.
    pub congruence: Vec<f64>,
}

/// Factor analyses per group with their congruence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupEfa {
    /// The group whose rotated pattern is the target of the others (the first one).
    pub reference: String,
    /// One fit per group, in input order.
    pub groups: Vec<GroupFit>,
}

/// Fits `opts` in each group, rotates every group's unrotated loadings towards the first
/// group's pattern by oblique target rotation (Browne 1972; fully specified target), and gives
/// Tucker's φ of each factor with the reference.
///
/// # Errors
/// As [`fa`] for any group; [`EfaError::InvalidOption`] for fewer than two groups.
pub fn fa_by_group(groups: &[GroupInput], opts: &FaOptions) -> Result<GroupEfa, EfaError> {
    let Some(first) = groups.first().filter(|_| groups.len() >= 2) else {
        return Err(EfaError::InvalidOption(
            "a group comparison needs at least two groups".into(),
        ));
    };
    let fits: Vec<FaResult> = groups
        .iter()
        .map(|g| {
            fa(
                &g.r,
                &FaOptions {
                    n_obs: Some(g.n),
                    ..opts.clone()
                },
            )
        })
        .collect::<Result<_, _>>()?;
    let reference = fits[0].loadings.clone();
    let mut rot_opts = opts.rotation_options.clone();
    rot_opts.target = Some(reference.clone());
    rot_opts.normalization = Normalization::None;
    let mut out = Vec::with_capacity(groups.len());
    for (g, result) in groups.iter().zip(fits) {
        let aligned = if opts.factors > 1 {
            align(&result.unrotated, &reference, &rot_opts)?
        } else {
            result.loadings.clone()
        };
        let phi = congruence(&aligned, &reference)?;
        out.push(GroupFit {
            group: g.name.clone(),
            n: g.n,
            rows: g.rows,
            congruence: (0..opts.factors).map(|f| phi[(f, f)]).collect(),
            aligned,
            result,
        });
    }
    Ok(GroupEfa {
        reference: first.name.clone(),
        groups: out,
    })
}

/// Target rotation that keeps the target's column order (no psych re-ordering).
fn align(
    unrotated: &DMatrix<f64>,
    target: &DMatrix<f64>,
    opts: &crate::RotationOptions,
) -> Result<DMatrix<f64>, EfaError> {
    let rotated = rotate(unrotated, Rotation::Target, opts)?.pattern;
    // rotate() orders factors by size: match each target column to its most congruent one
    let phi = congruence(target, &rotated)?;
    let k = target.ncols();
    let mut used = vec![false; k];
    let mut out = DMatrix::zeros(rotated.nrows(), k);
    for f in 0..k {
        let g = (0..k)
            .filter(|&g| !used[g])
            .max_by(|&x, &y| phi[(f, x)].abs().total_cmp(&phi[(f, y)].abs()))
            .unwrap_or(f);
        used[g] = true;
        let sign = if phi[(f, g)] < 0.0 { -1.0 } else { 1.0 };
        out.set_column(f, &(rotated.column(g) * sign));
    }
    Ok(out)
}
