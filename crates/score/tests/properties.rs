//! Property tests of scoring response files with the shipped instruments (bounded: about a
//! second in a debug build; the open-ended search is `cargo fuzz`, see docs/fuzzing.md).
//!
//! Rows in = rows out: every row of a file, whatever its answers, blanks, missing codes, words
//! or out-of-range values and in whatever column order, gives one row of scores, in order,
//! with one problem per unusable cell; each score is within the scale's range, present when
//! every item is answered and absent when none is.

use std::sync::OnceLock;

use proptest::prelude::*;
use psym_data::{ReadOptions, ResponseReader, Row};
use psym_instrument::{Instrument, ScoringMethod};
use psym_score::{ScoreOptions, Scorer};

/// Cases: enough to mix the three instruments and every kind of cell, few enough to keep the
/// property near a second in a debug build.
const CASES: u32 = 64;

/// Tolerance of the range check: scores are means of at most 25 small whole numbers.
const RANGE_TOLERANCE: f64 = 1e-9;

/// The shipped instruments, loaded once.
fn instrument(which: usize) -> &'static Instrument {
    static SHIPPED: OnceLock<Vec<Instrument>> = OnceLock::new();
    &SHIPPED.get_or_init(|| {
        ["ipip-bfi-25", "open-alliance-12", "wai-sr-key"]
            .iter()
            .map(|id| {
                psym_instrument::load(&psym_testdata::repo(&format!("instruments/{id}.json")))
                    .unwrap_or_else(|e| panic!("{id}: {e}"))
            })
            .collect()
    })[which]
}

/// One answer cell, resolved against the instrument's response scale when written.
#[derive(Debug, Clone, Copy)]
enum Answer {
    /// The `k`-th point of the scale (wrapping).
    Point(u8),
    Blank,
    /// The instrument's first missing code (blank when it has none).
    Code,
    Word,
    OutOfRange,
    Fraction,
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        8 => any::<u8>().prop_map(Answer::Point),
        1 => Just(Answer::Blank),
        1 => Just(Answer::Code),
        1 => Just(Answer::Word),
        1 => Just(Answer::OutOfRange),
        1 => Just(Answer::Fraction),
    ]
}

/// The text of `a`, and whether it is an answer, missing, or a problem.
fn cell(a: Answer, lo: f64, hi: f64, options: &ReadOptions) -> (String, Kind) {
    match a {
        Answer::Point(k) => {
            let v = lo + f64::from(k) % (hi - lo + 1.0);
            if options.missing_codes.contains(&v) {
                (v.to_string(), Kind::Missing)
            } else {
                (v.to_string(), Kind::Answered)
            }
        }
        Answer::Blank => (String::new(), Kind::Missing),
        Answer::Code => (
            options
                .missing_codes
                .first()
                .map_or(String::new(), ToString::to_string),
            Kind::Missing,
        ),
        Answer::Word => ("often".into(), Kind::Problem),
        Answer::OutOfRange => ((hi + 1000.0).to_string(), Kind::Problem),
        Answer::Fraction => (format!("{}.5", lo), Kind::Problem),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Answered,
    Missing,
    Problem,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_row_is_scored_in_order(
        which in 0usize..3,
        rows in prop::collection::vec(prop::collection::vec(answer(), 25), 0..30),
        order_seed in any::<u64>(),
    ) {
        let inst = instrument(which);
        let scorer = Scorer::from_instrument(inst, &ScoreOptions::default()).unwrap();
        let options = psym_score::read_options(inst);
        let scale = inst.response_scale.as_ref().expect("shipped instruments have a scale");
        let (lo, hi) = (scale.min, scale.max);
        let items = scorer.items();
        // The item columns in a shuffled order: columns are found by name.
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&j| (j as u64).wrapping_mul(order_seed | 1).rotate_left(17));
        let mut text = String::from("id");
        for &j in &order {
            text.push(',');
            text.push_str(&items[j].id);
        }
        text.push('\n');
        let mut kinds = Vec::new();
        for (r, answers) in rows.iter().enumerate() {
            let cells: Vec<(String, Kind)> = (0..items.len()).map(|j| cell(answers[j], lo, hi, &options)).collect();
            text.push_str(&format!("r{r}"));
            for &j in &order {
                text.push(',');
                text.push_str(&cells[j].0);
            }
            text.push('\n');
            kinds.push(cells.into_iter().map(|c| c.1).collect::<Vec<_>>());
        }
        let mut reader = ResponseReader::from_bytes("scores.csv", text.into_bytes(), items, &options).unwrap();
        let (mut row, mut scores, mut n) = (Row::default(), Vec::new(), 0);
        while reader.next_row(&mut row).unwrap() {
            let kinds = &kinds[n];
            prop_assert_eq!(&row.id, &format!("r{n}"));
            let problems = kinds.iter().filter(|k| **k == Kind::Problem).count();
            prop_assert_eq!(row.problems.len(), problems, "{:?}", row.problems);
            scorer.score_into(&row.values, &mut scores);
            prop_assert_eq!(scores.len(), scorer.scales().len());
            for (rule, score) in scorer.scales().iter().zip(&scores) {
                let answered = rule.items.iter().filter(|k| kinds[k.index] == Kind::Answered).count();
                if answered == rule.items.len() {
                    prop_assert!(score.is_some(), "{}: every item answered", rule.id);
                }
                if answered == 0 {
                    prop_assert!(score.is_none(), "{}: no item answered", rule.id);
                }
                if let Some(s) = score {
                    let k = match rule.method {
                        ScoringMethod::Mean => 1.0,
                        ScoringMethod::Sum => rule.items.len() as f64,
                    };
                    prop_assert!(
                        *s >= k * lo - RANGE_TOLERANCE && *s <= k * hi + RANGE_TOLERANCE,
                        "{} = {} outside {}–{}", rule.id, s, k * lo, k * hi
                    );
                }
            }
            n += 1;
        }
        prop_assert_eq!(n, rows.len(), "rows in = rows out");
    }
}
