//! The raw scores a scale can take when every item is answered.

use psym_instrument::{Instrument, Scale, ScoringMethod};

/// The possible raw scores of a scale on an integer response scale: the sums `s` of its `k`
/// keyed answers divided by `k` for a mean score (steps of `1/k`), or the sums themselves for
/// a sum score. A raw score is `s / denominator` with integer `s`, computed as the scorer does,
/// so the score of a complete answer pattern equals its row's raw score exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawGrid {
    denominator: f64,
}

impl RawGrid {
    /// Tolerance when matching a score to a raw score of the grid (scores are means of small
    /// integers; differences below this are rounding).
    pub const TOLERANCE: f64 = 1e-9;

    /// The grid of `scale`; `None` unless the instrument has an integer response scale.
    pub fn of(inst: &Instrument, scale: &Scale) -> Option<RawGrid> {
        let rs = inst.response_scale.as_ref().filter(|rs| rs.integer)?;
        rs.points()?;
        let denominator = match scale.method {
            ScoringMethod::Mean => scale.items.len() as f64,
            ScoringMethod::Sum => 1.0,
        };
        Some(RawGrid { denominator })
    }

    /// The grid's raw scores from `lo` to `hi` (both included when on the grid), increasing.
    pub fn points_within(self, lo: f64, hi: f64) -> impl Iterator<Item = f64> {
        let d = self.denominator;
        let first = (lo * d - Self::TOLERANCE).ceil() as i64;
        let last = (hi * d + Self::TOLERANCE).floor() as i64;
        (first..=last).map(move |s| s as f64 / d)
    }
}
