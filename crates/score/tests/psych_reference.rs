//! Scale scores against psych::scoreItems.

use psym_data::Responses;
use psym_score::{ScoreOptions, Scorer};
use psym_testdata::{reference, repo};

/// Scores are means of at most five integers: psych and psym compute the same sums in the same
/// order, so only the last bits can differ.
const TOLERANCE: f64 = 1e-9;

/// The reference figures written by tests/data/reference/reference.R.
const REFERENCE: &str = "lavaan_psych_reference.json";

fn bfi_scores() -> Vec<Vec<Option<f64>>> {
    let inst = psym_instrument::load(&repo("instruments/ipip-bfi-25.json")).unwrap();
    let options = ScoreOptions {
        min_answered: Some(0.0),
        ..Default::default()
    };
    let scorer = Scorer::from_instrument(&inst, &options).unwrap();
    let data = Responses::read(
        &repo("tests/data/bfi.csv"),
        scorer.items(),
        &psym_score::read_options(&inst),
    )
    .unwrap();
    assert!(data.problems.is_empty(), "{:?}", data.problems.first());
    let mut out = Vec::new();
    let mut scores = Vec::new();
    for r in 0..data.matrix.nrows() {
        let values: Vec<f64> = data.matrix.row(r).iter().copied().collect();
        scorer.score_into(&values, &mut scores);
        out.push(scores.clone());
    }
    out
}

/// Source: psych 2.2.9, `scoreItems(make.keys(bfi[,1:25], keys), bfi[,1:25], impute = "none",
/// totals = FALSE)$scores[1:20, ]` (tests/data/reference/reference.R, key `bfi_scores_head`);
/// scales A, C, E, N, O with reverse keys (7 − x).
#[test]
fn bfi_scores_head_match_psych() {
    let expected = reference(REFERENCE, "bfi_scores_head");
    let scores = bfi_scores();
    for (r, row) in expected.as_array().unwrap().iter().enumerate() {
        for (s, want) in row.as_array().unwrap().iter().enumerate() {
            let got = scores[r][s].expect("score present");
            let want = want.as_f64().unwrap();
            assert!(
                (got - want).abs() < TOLERANCE,
                "row {r} scale {s}: {got} vs {want}"
            );
        }
    }
}

/// Source: psych 2.2.9, `colMeans(scoreItems(..., impute = "none")$scores, na.rm = TRUE)`
/// (key `bfi_scores_colmeans`): the mean over all 2,800 respondents of each scale score.
#[test]
fn bfi_score_means_match_psych() {
    let expected = reference(REFERENCE, "bfi_scores_colmeans");
    let scores = bfi_scores();
    assert_eq!(scores.len(), 2800);
    for (s, want) in expected.as_array().unwrap().iter().enumerate() {
        let present: Vec<f64> = scores.iter().filter_map(|row| row[s]).collect();
        let mean = present.iter().sum::<f64>() / present.len() as f64;
        let want = want.as_f64().unwrap();
        assert!(
            (mean - want).abs() < TOLERANCE,
            "scale {s}: {mean} vs {want}"
        );
    }
}
