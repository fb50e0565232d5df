//! Kaiser's varimax by the SVD iteration of R's `stats::varimax`, and promax (Hendrickson &
//! White 1964) as psych's `Promax`.

use nalgebra::DMatrix;
use psym_stats::linalg::polar;

/// Varimax by the SVD iteration (Kaiser 1958; R's `stats::varimax` without its own row
/// normalisation, which [`super::rotate`] applies when asked): `B = A'(Λ³ − Λ diag(Σ_i λ_if²)/p)`,
/// `T = U V'` from `B = U D V'`, until `Σ D` grows by less than the relative `eps`.
/// Returns the rotated loadings, `T` and the iterations used.
pub(crate) fn varimax_svd(
    a: &DMatrix<f64>,
    eps: f64,
    max_iter: usize,
) -> (DMatrix<f64>, DMatrix<f64>, usize, bool) {
    let (p, k) = a.shape();
    let mut t = DMatrix::identity(k, k);
    let mut d = 0.0;
    for iter in 1..=max_iter {
        let z = a * &t;
        let col_ss: Vec<f64> = z.column_iter().map(|c| c.norm_squared()).collect();
        let target = DMatrix::from_fn(p, k, |i, f| {
            z[(i, f)].powi(3) - z[(i, f)] * col_ss[f] / p as f64
        });
        let b = a.transpose() * target;
        let Some((q, sum)) = polar(&b) else {
            return (z, t, iter, false);
        };
        t = q;
        let d_past = d;
        d = sum;
        if d < d_past * (1.0 + eps) {
            return (a * &t, t, iter, true);
        }
    }
    (a * &t, t, max_iter, false)
}

/// A promax solution.
pub(crate) struct Promax {
    pub pattern: DMatrix<f64>,
    pub phi: DMatrix<f64>,
    pub converged: bool,
}

/// Promax with power `m`: varimax, then a least-squares fit `U = (Λ'Λ)⁻¹Λ'Q` to the target
/// `Q = Λ ∘ |Λ|^{m−1}`, columns of `U` rescaled so that the factors have unit variance.
/// Returns the pattern and the factor correlations `Φ = U⁻¹U⁻ᵀ` (`U` the whole transformation).
pub(crate) fn promax(a: &DMatrix<f64>, m: f64, eps: f64, max_iter: usize) -> Option<Promax> {
    let (x, t, _, converged) = varimax_svd(a, eps, max_iter);
    let q = x.map(|v| v * v.abs().powf(m - 1.0));
    let xtx_inv = (x.transpose() * &x).try_inverse()?;
    let mut u = xtx_inv * x.transpose() * q;
    let d = (u.transpose() * &u).try_inverse()?.diagonal();
    for (f, mut col) in u.column_iter_mut().enumerate() {
        col *= d[f].sqrt();
    }
    let pattern = &x * &u;
    let ui = (t * u).try_inverse()?;
    let phi = &ui * ui.transpose();
    Some(Promax {
        pattern,
        phi,
        converged,
    })
}
