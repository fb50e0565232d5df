//! The indices of one respondent that need nothing but the row (and the sample's sums).

use crate::Layout;

/// Longest and average run of identical consecutive answers: `(longstring, average run)`,
/// over the answered items in questionnaire order, where a missing answer ends a run and is no
/// run itself; `None` when nothing was answered.
///
/// Formula (careless::longstring, Johnson 2005): with the answers cut into maximal runs of
/// equal values of lengths `l_1 … l_r`, longstring = `max l_i` and the average is
/// `Σ l_i / r`. careless counts each missing answer as a run of length 1; psym skips it.
pub fn longstring(values: &[f64]) -> Option<(usize, f64)> {
    let (mut longest, mut runs, mut answered, mut current) = (0usize, 0usize, 0usize, 0usize);
    let mut previous = f64::NAN;
    for &v in values {
        if v.is_nan() {
            current = 0;
        } else if current > 0 && v == previous {
            current += 1;
        } else {
            current = 1;
            runs += 1;
        }
        if !v.is_nan() {
            answered += 1;
        }
        previous = v;
        longest = longest.max(current);
    }
    (runs > 0).then(|| (longest, answered as f64 / runs as f64))
}

/// Intra-individual response variability: the sample standard deviation of the answered
/// items, `√(Σ (x_j − x̄)² / (a − 1))` over the `a` answers; `None` with fewer than two.
///
/// Source: Dunn, Heggestad, Shanock & Theilgard (2018); careless::irv(x, na.rm = TRUE).
pub fn irv(values: &[f64]) -> Option<f64> {
    let answered = || values.iter().filter(|v| !v.is_nan());
    let n = answered().count();
    if n < 2 {
        return None;
    }
    let mean = answered().sum::<f64>() / n as f64;
    let ss: f64 = answered().map(|v| (v - mean) * (v - mean)).sum();
    Some((ss / (n - 1) as f64).sqrt())
}

/// Pearson's correlation of the pairs `(x, y)` where both are answered,
/// `Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²)`; `None` with fewer than `min_pairs` such pairs
/// or when either side does not vary (R's `cor(…, use = "pairwise.complete.obs")` gives `NA`).
pub fn within_person_correlation(
    pairs: impl IntoIterator<Item = (f64, f64)>,
    min_pairs: usize,
) -> Option<f64> {
    // sums of deviations from the first pair: exact zeros for a side that does not vary
    let (mut n, mut sx, mut sy, mut sxx, mut syy, mut sxy) = (0usize, 0.0, 0.0, 0.0, 0.0, 0.0);
    let mut origin = None;
    for (x, y) in pairs
        .into_iter()
        .filter(|(x, y)| !x.is_nan() && !y.is_nan())
    {
        let (x0, y0) = *origin.get_or_insert((x, y));
        let (dx, dy) = (x - x0, y - y0);
        n += 1;
        sx += dx;
        sy += dy;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if n < min_pairs.max(2) {
        return None;
    }
    let nf = n as f64;
    let (vx, vy) = (sxx - sx * sx / nf, syy - sy * sy / nf);
    if vx <= 0.0 || vy <= 0.0 {
        return None;
    }
    Some(((sxy - sx * sy / nf) / (vx * vy).sqrt()).clamp(-1.0, 1.0))
}

/// The Spearman–Brown step-up of a half-test correlation to full length, `2r / (1 + r)`,
/// bounded below by −1 (as careless::evenodd does for `r` near −1).
pub fn spearman_brown(r: f64) -> f64 {
    if r <= -1.0 {
        return -1.0;
    }
    (2.0 * r / (1.0 + r)).max(-1.0)
}

/// Even-odd consistency: for each subscale of two or more items, the mean of the keyed
/// answers to its odd-numbered items (1st, 3rd, …) and to its even-numbered ones; the
/// correlation of the even and odd means across subscales, stepped up by Spearman–Brown.
/// `None` with fewer than two subscales having both halves answered, or without variance.
///
/// Source: Johnson (2005), Meade & Craig (2012); careless::evenodd, whose version 1.2 returns
/// the negative (`−` this value, so that higher means more careless): psym keeps the original
/// direction, so a low value is the warning sign.
pub fn even_odd(layout: &Layout, values: &[f64]) -> Option<f64> {
    let half_mean = |scale: &[usize], parity: usize| {
        let (sum, n) = scale
            .iter()
            .enumerate()
            .filter(|(pos, _)| pos % 2 == parity)
            .map(|(_, &j)| layout.keyed(j, values[j]))
            .filter(|x| !x.is_nan())
            .fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
        if n > 0 { sum / n as f64 } else { f64::NAN }
    };
    let halves = layout
        .split_subscales()
        .map(|scale| (half_mean(scale, 1), half_mean(scale, 0)));
    within_person_correlation(halves, 2).map(spearman_brown)
}

/// Person-total correlation: the correlation, across the answered items, of the answers with
/// the other respondents' item means `m_j = (S_j − x_j) / (n_j − 1)`, where `S_j` and `n_j`
/// are the sum and count of item `j`'s answers in the whole sample (this row included);
/// items no one else answered are skipped. `None` with fewer than two items or no variance.
///
/// Source: Curran (2016), p. 9 (the person-total correlation against the sample's means
/// without the person).
pub fn person_total(values: &[f64], sums: &[f64], counts: &[f64]) -> Option<f64> {
    let pairs = values.iter().enumerate().map(|(j, &x)| {
        if counts[j] >= 2.0 && !x.is_nan() {
            (x, (sums[j] - x) / (counts[j] - 1.0))
        } else {
            (f64::NAN, f64::NAN)
        }
    });
    within_person_correlation(pairs, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAN: f64 = f64::NAN;

    #[test]
    fn longstring_counts_runs_of_answers() {
        assert_eq!(longstring(&[1., 1., 2., 2., 2., 3.]), Some((3, 2.0)));
        assert_eq!(longstring(&[4.; 5]), Some((5, 5.0)));
        // a missing answer ends a run and is no run
        assert_eq!(longstring(&[1., 1., NAN, 1., 2.]), Some((2, 4.0 / 3.0)));
        assert_eq!(longstring(&[NAN, NAN]), None);
    }

    #[test]
    fn irv_is_the_sample_sd() {
        assert_eq!(irv(&[1., 3., NAN]), Some(2f64.sqrt()));
        assert_eq!(irv(&[5., NAN]), None);
    }

    #[test]
    fn correlation_needs_variance_and_pairs() {
        let r = within_person_correlation([(1., 2.), (2., 4.), (3., 7.)], 3).unwrap();
        assert!((r - 0.993_399_267_798_783).abs() < 1e-12);
        assert_eq!(
            within_person_correlation([(1., 2.), (1., 4.), (1., 7.)], 2),
            None
        );
        assert_eq!(within_person_correlation([(1., 2.), (2., 4.)], 3), None);
        assert_eq!(spearman_brown(-1.0), -1.0);
        assert!((spearman_brown(0.5) - 2.0 / 3.0).abs() < 1e-15);
    }
}
