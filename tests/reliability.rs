//! `psym reliability`.

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym};

const BFI: &str = "tests/data/bfi.csv";

/// Source: psych::alpha(bfi[1:5], keys = "A1"), psych 2.2.9 (`bfi_reliability.A` of
/// tests/data/reference/lavaan_psych_reference.json); 1e-9: closed forms.
#[test]
fn ad_hoc_items_with_reverse_key_match_psych() {
    let run = psym([
        "reliability",
        BFI,
        "--items",
        "-A1 A2 A3 A4 A5",
        "--scale-min",
        "1",
        "--scale-max",
        "6",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let s = &run.json()["scales"][0];
    assert!((s["alpha"].as_f64().unwrap() - 0.703018446057304).abs() < 1e-9);
    assert!((s["alpha_std"].as_f64().unwrap() - 0.713028578671272).abs() < 1e-9);
    assert!((s["omega_total"].as_f64().unwrap() - 0.722943136474929).abs() < 1e-6);
    assert_eq!(s["n"], 2800);
    assert_eq!(s["n_items"], 5);
    assert_eq!(s["missing"], "pairwise");
    assert_eq!(s["alpha_ci"]["method"], "feldt");
    assert_eq!(s["items"][0]["item"], "A1");
    assert_eq!(s["items"][0]["reversed"], true);
    assert!((s["items"][0]["r_drop"].as_f64().unwrap() - 0.308417739522029).abs() < 1e-9);
    assert_eq!(s["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn forgotten_reverse_key_exits_1_with_a_warning() {
    let run = psym(["reliability", BFI, "--items", "A1 A2 A3 A4 A5"]);
    run.expect_code(1);
    run.stdout_has("item A1 correlates negatively")
        .stdout_has("missing a reverse key");
}

/// Issue 11: the library's advice for items never answered together is a value; psym words it
/// as its flag.
#[test]
fn items_never_answered_together_suggest_the_listwise_flag() {
    let dir = tempfile::tempdir().unwrap();
    let apart = dir.path().join("apart.csv");
    std::fs::write(
        &apart,
        "id,a,b,c\n1,1,,3\n2,2,,4\n3,4,,2\n4,,2,5\n5,,3,4\n6,,4,3\n",
    )
    .unwrap();
    psym(["reliability", apart.to_str().unwrap(), "--items", "a b c"])
        .expect_code(2)
        .stderr_has("answered together by 0 respondent(s)")
        .stderr_has("(try --missing listwise, or drop one of them)");
}

#[test]
fn instrument_scales_and_schmid_leiman_for_the_total() {
    let run = psym([
        "reliability",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let json = run.json();
    let scales = json["scales"].as_array().unwrap();
    let ids: Vec<&str> = scales
        .iter()
        .map(|s| s["scale"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["goal", "task", "bond", "total"]);
    // Source: psych::omega(x, nfactors = 3) on the keyed alliance items, psych 2.2.9
    // (tests/data/reference/reliability_alliance.json); 1e-6: optimiser tolerance.
    let sl = &scales[3]["omega_hierarchical"];
    assert_eq!(sl["group_factors"], 3);
    assert!((sl["omega_h"].as_f64().unwrap() - 0.726721277989168).abs() < 1e-6);
    assert!(scales[0]["omega_hierarchical"].is_null());
    // i4 is reverse-keyed in the instrument
    assert_eq!(scales[0]["items"][3]["reversed"], true);
}

#[test]
fn scale_selection_listwise_and_markdown() {
    let run = psym([
        "reliability",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--scale",
        "bond",
        "--missing",
        "listwise",
        "--format",
        "md",
    ]);
    run.expect_code(0);
    run.stdout_has("| bond | 4 |")
        .stdout_has("listwise: only respondents who answered every item")
        .stdout_has("i11 (R)");
    assert!(!run.stdout.contains("| goal |"));
}

#[test]
fn bootstrap_is_reproducible_for_a_seed() {
    let args = [
        "reliability",
        BFI,
        "--items",
        "-A1 A2 A3 A4 A5",
        "--scale-min",
        "1",
        "--scale-max",
        "6",
        "--bootstrap",
        "50",
        "--seed",
        "3",
        "--format",
        "json",
    ];
    let a = psym(args);
    a.expect_code(0);
    let b = psym(args);
    let (ja, jb) = (a.json(), b.json());
    let boot = &ja["scales"][0]["bootstrap"];
    assert_eq!(boot, &jb["scales"][0]["bootstrap"]);
    assert_eq!(boot["replicates"], 50);
    assert_eq!(boot["alpha"]["percentile"]["method"], "percentile");
    assert_eq!(boot["omega_total"]["bca"]["method"], "bca");
    // no progress bar when stderr is not a terminal
    assert!(!a.stderr.contains('['), "{}", a.stderr);
}

#[test]
fn bad_input_gives_clear_messages() {
    psym(["reliability", BFI, "--items", "A1"])
        .expect_code(2)
        .stderr_has("at least two items");
    psym(["reliability", BFI, "--items", "-A1 A2"])
        .expect_code(2)
        .stderr_has("reverse-keyed but no scale minimum and maximum");
    psym([
        "reliability",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--scale",
        "nope",
    ])
    .expect_code(2)
    .stderr_has("unknown scale 'nope'");
    psym([
        "reliability",
        BFI,
        "--items",
        "A1 A2",
        "--missing",
        "sometimes",
    ])
    .expect_code(2)
    .stderr_has("expected pairwise or listwise");
    psym(["reliability", BFI, "--items", "A1 A2 Z9"])
        .expect_code(2)
        .stderr_has("no column for item(s) Z9");
    let dir = tempfile::tempdir().unwrap();
    let few = dir.path().join("few.csv");
    std::fs::write(&few, "id,a,b,c\n1,1,2,3\n2,2,3,3\n").unwrap();
    psym(["reliability", few.to_str().unwrap(), "--items", "a b c"])
        .expect_code(2)
        .stderr_has("2 usable respondent(s)");
    let constant = dir.path().join("constant.csv");
    std::fs::write(&constant, "id,a,b,c\n1,1,2,3\n2,2,3,3\n3,3,3,3\n4,4,5,3\n").unwrap();
    psym([
        "reliability",
        constant.to_str().unwrap(),
        "--items",
        "a b c",
    ])
    .expect_code(1)
    .stdout_has("item c has the same answer for every respondent");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "id,a,b,c\n1,1,,3\n2,2,,3\n3,3,,4\n").unwrap();
    psym(["reliability", empty.to_str().unwrap(), "--items", "a b c"])
        .expect_code(2)
        .stderr_has("item 'b' of scale 'scale' has no answers");
}

/// Issue 13: `--ordinal`. Source: psych 2.2.9 `alpha(polychoric(x)$rho)` and semTools 0.5-6
/// `compRelSEM(cfa(…, ordered, estimator = "WLSMV"), ord.scale = TRUE)` on the goal items
/// (tests/data/reference/ordinal_reliability.json, `alliance.goal`); 1e-4 relative as the
/// library's reference test. Each coefficient says what it estimates.
#[test]
fn ordinal_reliability_matches_psych_and_semtools() {
    let run = psym([
        "reliability",
        "--ordinal",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--scale",
        "goal",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let s = &run.json()["scales"][0];
    let near = |v: &serde_json::Value, want: f64| (v.as_f64().unwrap() - want).abs() < 1e-4 * want;
    assert!(near(&s["ordinal_alpha"]["value"], 0.814398708122543));
    assert!(near(&s["categorical_omega"]["value"], 0.805899713117636));
    assert_eq!(s["ordinal_alpha"]["estimates"], "latent_response_sum");
    assert_eq!(s["categorical_omega"]["estimates"], "observed_sum_score");
    let text = psym([
        "reliability",
        "--ordinal",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--scale",
        "goal",
    ]);
    text.expect_code(0)
        .stdout_has("reliability of the observed sum score")
        .stdout_has("reliability of the sum of the latent responses");
}

#[test]
fn ordinal_reliability_refuses_bootstrap() {
    psym([
        "reliability",
        "--ordinal",
        "--bootstrap",
        "100",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
    ])
    .expect_code(2);
}
