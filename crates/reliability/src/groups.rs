//! Tests of equal alpha in independent groups: Feldt's (1969) F test for two groups and
//! Hakstian & Whalen's (1976) χ² test for two or more, as the R package cocron
//! (Diedenhofen & Musch, 2016) computes them.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF, FisherSnedecor};

/// One group's alpha with the respondents and items it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupAlpha {
    /// Cronbach's alpha of the group.
    pub alpha: f64,
    /// Respondents it was computed from.
    pub n: usize,
    /// Items of the scale.
    pub items: usize,
}

/// Feldt's test that two independent alphas are equal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FeldtTest {
    /// `W = (1 − α_low) / (1 − α_high)`, at least 1.
    pub statistic: f64,
    /// Numerator degrees of freedom: `n − 1` of the group with the higher alpha.
    pub df1: f64,
    /// Denominator degrees of freedom: `n − 1` of the group with the lower alpha.
    pub df2: f64,
    /// Two-sided p value, `min(1, 2·(1 − F(W; df1, df2)))`.
    pub pvalue: f64,
}

/// Hakstian & Whalen's test that `m` independent alphas are equal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HakstianWhalenTest {
    /// The χ² statistic.
    pub statistic: f64,
    /// Degrees of freedom, `m − 1`.
    pub df: f64,
    /// Upper-tail p value of χ²(df).
    pub pvalue: f64,
}

/// Feldt's (1969) test for two alphas from independent groups: with `α_h` the higher alpha
/// (group size `n_h`) and `α_l` the lower (`n_l`), `W = (1 − α_l) / (1 − α_h)` follows
/// approximately `F(n_h − 1, n_l − 1)` when the population alphas are equal; the two-sided p
/// value is `2·(1 − F(W))`, capped at 1.
///
/// Source: Feldt (1969), *Psychometrika* 34, 363–373; Charter & Feldt (1996), *Perceptual and
/// Motor Skills* 82, 763–768; cocron::cocron.two.coefficients(indep = TRUE). `None` when a
/// group has fewer than two respondents or an alpha is not below 1.
pub fn feldt_two(a: GroupAlpha, b: GroupAlpha) -> Option<FeldtTest> {
    let (high, low) = if a.alpha >= b.alpha { (a, b) } else { (b, a) };
    if high.n < 2 || low.n < 2 || !below_one(high.alpha) || !below_one(low.alpha) {
        return None;
    }
    let statistic = (1.0 - low.alpha) / (1.0 - high.alpha);
    let (df1, df2) = ((high.n - 1) as f64, (low.n - 1) as f64);
    let f = FisherSnedecor::new(df1, df2).ok()?;
    let pvalue = (2.0 * f.sf(statistic)).min(1.0);
    Some(FeldtTest {
        statistic,
        df1,
        df2,
        pvalue,
    })
}

/// Hakstian & Whalen's (1976) test for `m ≥ 2` alphas from independent groups, in the form of
/// Feldt, Woodruff & Salih (1987): with `ñ_i = (k_i − 1)·n_i / (k_i + 1)` (`k_i` items, `n_i`
/// respondents), `u_i = (1 − α_i)^(−1/3)`, `ū` their mean and
/// `v_i = 2 / (9·(ñ_i − 1)·(1 − α_i)^(2/3))`, the statistic `Σ (u_i − ū)² / mean(v)` follows
/// χ²(m − 1) when the population alphas are equal.
///
/// Source: Hakstian & Whalen (1976), *Psychometrika* 41, 219–231; Feldt, Woodruff & Salih
/// (1987), *Applied Psychological Measurement* 11, 93–103; cocron::cocron.n.coefficients(indep
/// = TRUE). `None` with fewer than two groups, an alpha not below 1, or `ñ_i ≤ 1`.
pub fn hakstian_whalen(groups: &[GroupAlpha]) -> Option<HakstianWhalenTest> {
    let m = groups.len();
    if m < 2 || groups.iter().any(|g| !below_one(g.alpha)) {
        return None;
    }
    let mut u = Vec::with_capacity(m);
    let mut v = Vec::with_capacity(m);
    for g in groups {
        let k = g.items as f64;
        let n_tilde = (k - 1.0) * g.n as f64 / (k + 1.0);
        if n_tilde <= 1.0 {
            return None;
        }
        let rest = 1.0 - g.alpha;
        u.push(rest.powf(-1.0 / 3.0));
        v.push(2.0 / (9.0 * (n_tilde - 1.0) * rest.powf(2.0 / 3.0)));
    }
    let u_mean = u.iter().sum::<f64>() / m as f64;
    let v_mean = v.iter().sum::<f64>() / m as f64;
    let statistic = u.iter().map(|x| (x - u_mean).powi(2)).sum::<f64>() / v_mean;
    let df = (m - 1) as f64;
    let pvalue = ChiSquared::new(df).ok()?.sf(statistic);
    Some(HakstianWhalenTest {
        statistic,
        df,
        pvalue,
    })
}

/// Whether an alpha is a number below 1 (so that `1 − α` is positive).
fn below_one(alpha: f64) -> bool {
    alpha.is_finite() && alpha < 1.0
}

/// Alpha of one scale compared across independent groups: Feldt's test for two groups,
/// Hakstian & Whalen's for three or more.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlphaComparison {
    /// Scale id.
    pub scale: String,
    /// Group labels, in the order of `alphas`.
    pub groups: Vec<String>,
    /// Each group's alpha, respondents and items.
    pub alphas: Vec<GroupAlpha>,
    /// Feldt's test, with exactly two groups.
    pub feldt: Option<FeldtTest>,
    /// Hakstian & Whalen's test, with three or more groups.
    pub hakstian_whalen: Option<HakstianWhalenTest>,
}

impl AlphaComparison {
    /// Compares the alphas of `scale` in the labelled groups ([`feldt_two`] for two groups,
    /// [`hakstian_whalen`] for more).
    pub fn new(scale: &str, groups: Vec<String>, alphas: Vec<GroupAlpha>) -> AlphaComparison {
        let (feldt, hakstian_whalen) = match alphas.as_slice() {
            [a, b] => (feldt_two(*a, *b), None),
            more => (None, hakstian_whalen(more)),
        };
        AlphaComparison {
            scale: scale.to_owned(),
            groups,
            alphas,
            feldt,
            hakstian_whalen,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(alpha: f64, n: usize, items: usize) -> GroupAlpha {
        GroupAlpha { alpha, n, items }
    }

    /// Source: Charter & Feldt (1996), p. 765: α = .78 (n = 41) and .71 (n = 151), W = 1.318,
    /// two-sided p = .242 (printed to three decimals, hence the tolerance of half a unit in
    /// the last printed place); cocron's tests reproduce it.
    #[test]
    fn feldt_matches_charter_and_feldt_1996() {
        let t = feldt_two(g(0.78, 41, 5), g(0.71, 151, 5)).unwrap();
        assert!((t.statistic - 1.318).abs() < 5e-4, "{t:?}");
        assert_eq!((t.df1, t.df2), (40.0, 150.0));
        assert!((t.pvalue / 2.0 - 0.121).abs() < 5e-4, "{t:?}");
        assert_eq!(feldt_two(g(0.71, 151, 5), g(0.78, 41, 5)), Some(t));
    }

    /// Source: Feldt, Woodruff & Salih (1987), p. 97: α = .784, .875, .936 with five items
    /// and n = 51, 101, 151: χ² = 22.926 on 2 df (printed to three decimals).
    #[test]
    fn hakstian_whalen_matches_feldt_woodruff_salih_1987() {
        let t = hakstian_whalen(&[g(0.784, 51, 5), g(0.875, 101, 5), g(0.936, 151, 5)]).unwrap();
        assert!((t.statistic - 22.926).abs() < 5e-4, "{t:?}");
        assert_eq!(t.df, 2.0);
    }

    /// Source: cocron's comparison with Lautenschlager & Meade's AlphaTest (case 9): α = .7,
    /// .8, .75, .77; items 15, 15, 20, 20; n = 100, 100, 200, 200: χ² = 4.9738, p = .1737.
    #[test]
    fn hakstian_whalen_matches_alphatest() {
        let groups = [
            g(0.7, 100, 15),
            g(0.8, 100, 15),
            g(0.75, 200, 20),
            g(0.77, 200, 20),
        ];
        let t = hakstian_whalen(&groups).unwrap();
        assert!((t.statistic - 4.9738).abs() < 5e-5, "{t:?}");
        assert!((t.pvalue - 0.1737).abs() < 5e-5, "{t:?}");
        assert_eq!(t.df, 3.0);
    }

    #[test]
    fn degenerate_groups_have_no_test() {
        assert!(feldt_two(g(1.0, 50, 4), g(0.8, 50, 4)).is_none());
        assert!(feldt_two(g(0.9, 1, 4), g(0.8, 50, 4)).is_none());
        assert!(hakstian_whalen(&[g(0.8, 50, 4)]).is_none());
        assert!(hakstian_whalen(&[g(0.8, 1, 4), g(0.7, 50, 4)]).is_none());
    }
}
