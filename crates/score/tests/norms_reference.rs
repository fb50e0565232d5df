//! Norm tables against figures computed by definition in R.

use psym_data::{Groups, ReadOptions, Responses};
use psym_score::norms::{NormFile, NormTable, normalized_t, stanine};
use psym_score::{ScoreOptions, Scorer};
use psym_testdata::{reference, repo, vector};
use serde_json::Value;

/// Percentile ranks are ratios of counts and T a normal quantile: R and psym agree to about
/// 1e-13; 1e-6 is the tolerance for closed forms and well above rounding.
const TOLERANCE: f64 = 1e-6;

/// Source: tests/data/reference/norms.R (R 4.2.2, by definition: mid-point percentile rank,
/// `50 + 10 * qnorm(pr / 100)`, stanine bounds 4, 11, 23, 40, 60, 77, 89, 96; cross-checked
/// with R's `ecdf`), on the open-alliance-12 scales of tests/data/alliance_en_nb.csv.
const REFERENCE: &str = "norms.json";

fn alliance_norms(by_lang: bool) -> NormFile {
    let inst = psym_instrument::load(&repo("instruments/open-alliance-12.json")).unwrap();
    let scorer = Scorer::from_instrument(&inst, &ScoreOptions::default()).unwrap();
    let options = ReadOptions {
        keep: vec!["lang".into()],
        ..psym_score::read_options(&inst)
    };
    let data = Responses::read(
        &repo("tests/data/alliance_en_nb.csv"),
        scorer.items(),
        &options,
    )
    .unwrap();
    let scores = scorer.score_matrix(&data.matrix);
    let groups = Groups::of(data.kept.iter().map(|k| k[0].as_str()));
    let group = by_lang.then_some(("lang", &groups));
    NormFile::build(&inst, &scorer, &scores, group).unwrap()
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() <= TOLERANCE, "{what}: psym {a}, R {b}");
}

fn compare(table: &NormTable, r: &Value) {
    let what = format!("{} {:?}", table.scale, table.group);
    assert_eq!(table.n as u64, r["n"].as_u64().unwrap(), "{what} n");
    close(table.mean, r["mean"].as_f64().unwrap(), &what);
    close(table.sd, r["sd"].as_f64().unwrap(), &what);
    let raw = vector(&r["raw"]);
    assert_eq!(table.rows.len(), raw.len(), "{what}: rows");
    let columns = ["frequency", "cumulative", "percentile", "t", "stanine"].map(|c| vector(&r[c]));
    for (k, row) in table.rows.iter().enumerate() {
        let what = format!("{what} raw {}", raw[k]);
        close(row.raw, raw[k], &what);
        assert_eq!(row.frequency as f64, columns[0][k], "{what}");
        assert_eq!(row.cumulative as f64, columns[1][k], "{what}");
        close(row.percentile, columns[2][k], &what);
        close(row.t, columns[3][k], &what);
        assert_eq!(f64::from(row.stanine), columns[4][k], "{what}");
    }
}

#[test]
fn norms_of_the_whole_sample_match_r() {
    let norms = alliance_norms(false);
    let r = reference(REFERENCE, "whole");
    assert_eq!(norms.tables.len(), 4);
    for t in &norms.tables {
        assert_eq!(t.group, None);
        compare(t, &r[&t.scale]);
    }
    assert!(norms.warnings.is_empty());
}

#[test]
fn norms_by_language_match_r() {
    let norms = alliance_norms(true);
    let r = reference(REFERENCE, "by_lang");
    assert_eq!(norms.tables.len(), 8);
    for t in &norms.tables {
        let key = format!("{} {}", t.scale, t.group.as_deref().unwrap());
        compare(t, &r[&key]);
    }
    assert_eq!(norms.groups(), ["en", "nb"]);
}

/// Scores between two rows of the table (incomplete answers) take the percentile rank
/// interpolated linearly between them (R: `approx`); beyond the table there are no norms.
#[test]
fn scores_between_rows_are_interpolated_as_r_approx() {
    let norms = alliance_norms(true);
    let r = reference(REFERENCE, "interpolated");
    let table = norms.table("bond", Some("en")).unwrap();
    let xs = vector(&r["x"]);
    let (pr, t, st) = (
        vector(&r["percentile"]),
        vector(&r["t"]),
        vector(&r["stanine"]),
    );
    for (k, &x) in xs.iter().enumerate() {
        let norm = table.norms_of(x).unwrap();
        close(norm.percentile, pr[k], &format!("x = {x}"));
        close(norm.t, t[k], &format!("x = {x}"));
        assert_eq!(f64::from(norm.stanine), st[k]);
    }
    let (lo, hi) = table.range().unwrap();
    assert!(table.norms_of(lo - 0.25).is_none());
    assert!(table.norms_of(hi + 0.25).is_none());
    let first = &table.rows[0];
    assert_eq!(table.norms_of(lo).unwrap().percentile, first.percentile);
    assert_eq!(first.t, normalized_t(first.percentile));
    assert_eq!(first.stanine, stanine(first.percentile));
}

/// The norm file reads back as written, and a file for another instrument is refused.
#[test]
fn a_norm_file_round_trips_through_json() {
    let norms = alliance_norms(true);
    let text = serde_json::to_string(&norms).unwrap();
    let back = NormFile::from_json_str(&text, std::path::Path::new("n.json")).unwrap();
    assert_eq!(back, norms);
    let broken = text.replace("\"version\":1", "\"version\":7");
    let err = NormFile::from_json_str(&broken, std::path::Path::new("n.json")).unwrap_err();
    assert!(err.to_string().contains("psym-norms version 1"), "{err}");
}
