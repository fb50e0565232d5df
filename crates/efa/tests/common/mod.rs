//! Fixtures for the reference tests: the data sets and the psych/lavaan figures in tests/data.
#![allow(dead_code)]

use nalgebra::DMatrix;
use psym_efa::{Extraction, FaOptions, Normalization, Rotation, RotationOptions};
use psym_stats::{MissingPolicy, cov};
use psym_testdata::{BFI25, data};

/// The reference figures written by tests/data/reference/reference.R.
pub const REFERENCE: &str = "lavaan_psych_reference.json";

/// The nine ability tests x1–x9 of HolzingerSwineford1939.
pub fn hs9() -> DMatrix<f64> {
    data(
        "HolzingerSwineford1939.csv",
        &["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"],
    )
}

/// The first `n_items` personality items of bfi.
pub fn bfi(n_items: usize) -> DMatrix<f64> {
    data("bfi.csv", &BFI25[..n_items])
}

pub fn pairwise_cor(x: &DMatrix<f64>) -> DMatrix<f64> {
    cov::correlation(x, MissingPolicy::Pairwise).unwrap().matrix
}

/// Largest absolute difference after matching the columns of `got` to those of `want` (greedy
/// by congruence, with sign), for references whose factor order is arbitrary.
pub fn max_diff_matched(got: &DMatrix<f64>, want: &DMatrix<f64>) -> f64 {
    let k = want.ncols();
    let mut used = vec![false; k];
    let mut worst: f64 = 0.0;
    for f in 0..k {
        let w = want.column(f);
        let (g, sign) = (0..k)
            .filter(|&g| !used[g])
            .map(|g| {
                let c = got.column(g).dot(&w);
                (g, c.signum(), c.abs())
            })
            .max_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(g, s, _)| (g, s))
            .unwrap();
        used[g] = true;
        worst = worst.max((got.column(g) * sign - w).amax());
    }
    worst
}

/// Options for comparing with psych::fa: `k` factors, psych's normalisation convention, `n`
/// respondents for the fit statistics.
pub fn psych_opts(k: usize, method: Extraction, rotation: Rotation, n: usize) -> FaOptions {
    FaOptions {
        factors: k,
        method,
        rotation,
        rotation_options: RotationOptions {
            normalization: Normalization::Psych,
            ..RotationOptions::default()
        },
        n_obs: Some(n),
        ..FaOptions::default()
    }
}
