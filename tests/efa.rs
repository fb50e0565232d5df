//! `psym cor`, `psym efa`, `psym parallel`.

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym};
use psym_testdata::reference;

const HS: &str = "tests/data/HolzingerSwineford1939.csv";
const HS_ITEMS: &str = "x1 x2 x3 x4 x5 x6 x7 x8 x9";

/// The reference figures of tests/data/reference/reference.R.
const REFERENCE: &str = "lavaan_psych_reference.json";

/// Source: psych::fa(HS x1:x9, 3, fm = "minres", rotate = "oblimin"), psych 2.2.9; psych's
/// convention (no Kaiser normalisation for oblimin) via --normalize psych. Tolerance 1e-4 as
/// the library's reference test (psych's optimisers stop near 1e-5).
#[test]
fn efa_json_matches_psych_through_the_cli() {
    let run = psym([
        "efa",
        HS,
        "--items",
        HS_ITEMS,
        "--factors",
        "3",
        "--normalize",
        "psych",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    let want = reference(REFERENCE, "hs_efa_minres_oblimin");
    assert_eq!(v["items"][0], "x1");
    assert_eq!(v["loadings"].as_array().unwrap().len(), 9);
    // reference columns: textual (x4–x6), visual (x1–x3), speed (x7–x9), same order as psym's
    for i in 0..9 {
        for f in 0..3 {
            let got = v["loadings"][i][f].as_f64().unwrap();
            let exp = want["loadings"][i][f].as_f64().unwrap();
            assert!(
                (got - exp).abs() < 1e-4,
                "loading [{i}][{f}] {got} vs {exp}"
            );
        }
    }
    assert!((v["fit"]["tli"].as_f64().unwrap() - want["tli"].as_f64().unwrap()).abs() < 1e-4);
    assert_eq!(v["fit"]["df"], 12.0);
    assert!(v["kmo"]["overall"].as_f64().unwrap() > 0.7);
    assert!(v["bartlett"]["chisq"].as_f64().unwrap() > 0.0);
}

#[test]
fn text_output_blanks_small_loadings() {
    let run = psym([
        "efa",
        HS,
        "--items",
        HS_ITEMS,
        "--factors",
        "3",
        "--cut",
        "0.4",
    ]);
    run.expect_code(0)
        .stdout_has("(loadings below 0.4 not shown)")
        .stdout_has("Factor correlations");
    let x1 = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("x1 "))
        .unwrap();
    assert_eq!(x1.split_whitespace().count(), 4, "{x1}");
}

#[test]
fn reversed_item_flips_polychoric_sign() {
    let plain = psym([
        "cor",
        "tests/data/bfi.csv",
        "--items",
        "A1 A2",
        "--method",
        "polychoric",
        "--format",
        "json",
    ]);
    let rev = psym([
        "cor",
        "tests/data/bfi.csv",
        "--items",
        "-A1 A2",
        "--method",
        "polychoric",
        "--format",
        "json",
    ]);
    let (a, b) = (plain.expect_code(0).json(), rev.expect_code(0).json());
    let (ra, rb) = (
        a["matrix"][0][1].as_f64().unwrap(),
        b["matrix"][0][1].as_f64().unwrap(),
    );
    assert!(ra < -0.3 && (ra + rb).abs() < 1e-6, "{ra} vs {rb}");
    assert_eq!(a["thresholds"][0].as_array().unwrap().len(), 5);
    assert_eq!(a["method"], "polychoric");
}

#[test]
fn parallel_is_reproducible_for_a_seed() {
    let args = [
        "parallel",
        HS,
        "--items",
        HS_ITEMS,
        "--iterations",
        "10",
        "--seed",
        "3",
        "--format",
        "json",
    ];
    let a = psym(args);
    let b = psym(args);
    assert_eq!(a.expect_code(0).stdout, b.expect_code(0).stdout);
    let v = a.json();
    assert_eq!(v["suggested_factors"], 3);
    assert_eq!(v["observed"].as_array().unwrap().len(), 9);
}

#[test]
fn groups_report_congruence() {
    let run = psym([
        "efa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE,
        "--group",
        "lang",
        "--format",
        "json",
    ]);
    let v = run.json();
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    // the reference group compared with itself: exactly congruent (regression test for a
    // target rotation that stopped in a local minimum)
    for c in groups[0]["congruence"].as_array().unwrap() {
        assert!((c.as_f64().unwrap() - 1.0).abs() < 1e-6, "{c}");
    }
    let phi = groups[1]["congruence"].as_array().unwrap();
    assert_eq!(phi.len(), 3, "one factor per scale of the instrument");
    assert!(phi.iter().all(|c| c.as_f64().unwrap() > 0.5));
}

#[test]
fn constant_item_and_too_many_factors_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.csv");
    std::fs::write(&file, "id,a,b,c\n1,1,2,3\n2,1,3,2\n3,1,4,4\n4,1,1,1\n").unwrap();
    psym(["cor", file.to_str().unwrap(), "--items", "a b c"])
        .expect_code(2)
        .stderr_has("item a has no variance");
    // the correlation library names columns; the message names the item by its id
    psym([
        "cor",
        file.to_str().unwrap(),
        "--items",
        "a b c",
        "--method",
        "polychoric",
    ])
    .expect_code(2)
    .stderr_has("item a has fewer than two observed categories");
    let pair = dir.path().join("pair.csv");
    std::fs::write(
        &pair,
        "id,a,b,c
1,1,,3
2,2,,2
3,,4,4
4,,1,1
",
    )
    .unwrap();
    psym(["cor", pair.to_str().unwrap(), "--items", "a b c"])
        .expect_code(2)
        .stderr_has("for items a and b");
    psym(["efa", HS, "--items", "x1 x2 x3", "--factors", "3"])
        .expect_code(2)
        .stderr_has("3 factors cannot be extracted from 3 items");
    psym(["cor", HS, "--items", "x1 x2 zz"])
        .expect_code(2)
        .stderr_has("HolzingerSwineford1939.csv: no column for item(s) zz");
    psym(["efa", HS, "--items", HS_ITEMS, "--rotate", "target"])
        .expect_code(2)
        .stderr_has("needs --instrument");
}

/// A duplicated item (singular matrix) and fewer respondents than items are reported in plain
/// words, with exit status 1 for efa and 2 for parallel analysis (which cannot run).
#[test]
fn singular_matrix_and_too_few_respondents() {
    let dir = tempfile::tempdir().unwrap();
    let dup = dir.path().join("dup.csv");
    std::fs::write(
        &dup,
        "id,a,b,c,d\n1,1,2,1,3\n2,2,3,2,1\n3,3,1,3,2\n4,4,4,4,4\n5,2,2,2,5\n6,5,3,5,2\n",
    )
    .unwrap();
    let run = psym(["efa", dup.to_str().unwrap(), "--items", "a b c d"]);
    run.expect_code(1)
        .stdout_has("singular")
        .stdout_has("item a has communality");
    // a CSV table has no room for it: the diagnostic, with the item's id, goes to stderr
    psym([
        "efa",
        dup.to_str().unwrap(),
        "--items",
        "a b c d",
        "--format",
        "csv",
    ])
    .expect_code(1)
    .stderr_has("psym: warning: item a has communality");
    let few = dir.path().join("few.csv");
    std::fs::write(&few, "id,a,b,c,d\n1,1,2,1,3\n2,2,3,4,1\n3,3,1,3,2\n").unwrap();
    psym(["efa", few.to_str().unwrap(), "--items", "a b c d"])
        .expect_code(1)
        .stdout_has("only 3 respondents for 4 items");
    psym(["parallel", few.to_str().unwrap(), "--items", "a b c d"])
        .expect_code(2)
        .stderr_has("more respondents than items");
}

/// Polychoric EFA runs end to end; tetrachoric refuses items with more than two categories,
/// naming the item.
#[test]
fn polychoric_efa_and_tetrachoric_check() {
    let items = "A1 A2 A3 A4 A5 C1 C2 C3 C4 C5";
    let run = psym([
        "efa",
        "tests/data/bfi.csv",
        "--items",
        items,
        "--factors",
        "2",
        "--cor",
        "polychoric",
        "--format",
        "json",
    ]);
    let v = run.expect_code(0).json();
    assert_eq!(v["cor"], "polychoric");
    assert_eq!(v["loadings"].as_array().unwrap().len(), 10);
    psym([
        "cor",
        "tests/data/bfi.csv",
        "--items",
        items,
        "--method",
        "tetrachoric",
    ])
    .expect_code(2)
    .stderr_has("item A1 has 6 categories");
}

/// Source: cor(bfi[, c("A1", "A2")], method = "spearman", use = "pairwise"), R 4.2.2
/// (tests/data/reference/efa.R); exact statistic, 1e-9.
#[test]
fn spearman_through_the_cli() {
    let want = reference("efa_reference.json", "bfi_spearman5")[0][1]
        .as_f64()
        .unwrap();
    let run = psym([
        "cor",
        "tests/data/bfi.csv",
        "--items",
        "A1,A2",
        "--method",
        "spearman",
        "--format",
        "json",
    ]);
    let got = run.expect_code(0).json()["matrix"][0][1].as_f64().unwrap();
    assert!((got - want).abs() < 1e-9, "{got} vs {want}");
}

/// With listwise deletion the number of respondents is the number of complete rows (2,736 of
/// bfi's 2,800 answer A1–A3), which then enters the fit statistics.
#[test]
fn listwise_counts_complete_rows() {
    let args = [
        "cor",
        "tests/data/bfi.csv",
        "--items",
        "A1 A2 A3",
        "--format",
        "json",
    ];
    let pairwise = psym(args).expect_code(0).json();
    assert_eq!(pairwise["n"], 2800);
    let listwise = psym(args.iter().copied().chain(["--missing", "listwise"]))
        .expect_code(0)
        .json();
    assert_eq!(listwise["n"], 2736);
    assert_eq!(listwise["missing"], "listwise");
}
