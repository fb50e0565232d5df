//! The three norm figures of a raw score, each defined once.

use statrs::distribution::{ContinuousCDF, Normal};

/// Upper percentile-rank bounds of stanines 1–8 (the stanine distribution 4, 7, 12, 17, 20,
/// 17, 12, 7, 4 per cent, cumulated); stanine 9 lies above the last.
pub const STANINE_BOUNDS: [f64; 8] = [4.0, 11.0, 23.0, 40.0, 60.0, 77.0, 89.0, 96.0];

/// The mid-point percentile rank of a raw score in a norm sample of `n`, with `below`
/// respondents scoring lower and `equal` scoring the same:
/// `PR = 100 · (below + equal / 2) / n`.
///
/// Half of those with the same score count as below it, so the rank of a score is the
/// percentage below the middle of its interval (Crocker & Algina, 1986, *Introduction to
/// Classical and Modern Test Theory*, ch. 19; Angoff, 1971, in *Educational Measurement*,
/// 2nd ed.).
pub fn percentile_rank(below: usize, equal: usize, n: usize) -> f64 {
    100.0 * (below as f64 + 0.5 * equal as f64) / n as f64
}

/// The normalised T-score of a percentile rank: `T = 50 + 10 · Φ⁻¹(PR / 100)`, the T of a
/// normal distribution at the same percentile (McCall, 1922; Crocker & Algina, 1986, ch. 19).
/// Infinite at `PR` 0 and 100.
pub fn normalized_t(pr: f64) -> f64 {
    let z = Normal::standard().inverse_cdf(pr / 100.0);
    50.0 + 10.0 * z
}

/// The stanine (1–9) of a percentile rank: 1 below 4, 2 from 4 to below 11, …, 9 from 96
/// (the bounds of [`STANINE_BOUNDS`]; a rank on a bound takes the higher stanine).
pub fn stanine(pr: f64) -> u8 {
    1 + STANINE_BOUNDS.iter().take_while(|&&b| b <= pr).count() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stanines_follow_the_4_7_12_17_20_17_12_7_4_split() {
        let cases = [
            (0.1, 1),
            (3.99, 1),
            (4.0, 2),
            (10.9, 2),
            (23.0, 4),
            (50.0, 5),
            (59.99, 5),
            (60.0, 6),
            (95.9, 8),
            (96.0, 9),
            (99.9, 9),
        ];
        for (pr, s) in cases {
            assert_eq!(stanine(pr), s, "PR {pr}");
        }
    }

    #[test]
    fn t_is_50_at_the_median_and_symmetric() {
        assert!((normalized_t(50.0) - 50.0).abs() < 1e-12);
        assert!((normalized_t(15.0) + normalized_t(85.0) - 100.0).abs() < 1e-9);
        assert_eq!(percentile_rank(3, 2, 10), 40.0);
    }
}
