//! psym-reliability against psych's figures.

mod common;

use approx::assert_abs_diff_eq;
use common::{keyed_scale, num, nums};
use psym_reliability::{MissingPolicy, Options, analyze};
use psym_testdata::reference;

/// psych's closed-form coefficients are reproduced to rounding: 1e-9 leaves room for the
/// order of summation and for R's `qf` versus statrs' F quantile (used by Feldt).
const CLOSED_FORM: f64 = 1e-9;

const BFI_KEYS: [(&str, [&str; 5]); 5] = [
    ("A", ["-A1", "A2", "A3", "A4", "A5"]),
    ("C", ["C1", "C2", "C3", "-C4", "-C5"]),
    ("E", ["-E1", "-E2", "E3", "E4", "E5"]),
    ("N", ["N1", "N2", "N3", "N4", "N5"]),
    ("O", ["O1", "-O2", "O3", "O4", "-O5"]),
];

/// Source: psych::alpha(bfi[, items], keys = reversed), psych 2.2.9 (pairwise covariances),
/// key `bfi_reliability` of tests/data/reference/lavaan_psych_reference.json.
#[test]
fn bfi_alpha_and_item_analysis_match_psych() {
    let refs = reference("lavaan_psych_reference.json", "bfi_reliability");
    for (id, keys) in BFI_KEYS {
        let want = &refs[id];
        let (scale, data) = keyed_scale("bfi.csv", id, &keys, (1.0, 6.0), &[]);
        let got = analyze(&scale, &data, &Options::default(), &()).unwrap();
        assert_eq!(got.missing, MissingPolicy::Pairwise);
        assert_abs_diff_eq!(
            got.coefficients.alpha,
            num(&want["raw_alpha"]),
            epsilon = CLOSED_FORM
        );
        assert_abs_diff_eq!(
            got.coefficients.alpha_std,
            num(&want["std_alpha"]),
            epsilon = CLOSED_FORM
        );
        assert_abs_diff_eq!(
            got.coefficients.lambda6.unwrap(),
            num(&want["G6"]),
            epsilon = CLOSED_FORM
        );
        assert_abs_diff_eq!(
            got.coefficients.average_r,
            num(&want["average_r"]),
            epsilon = CLOSED_FORM
        );
        assert_abs_diff_eq!(got.mean.unwrap(), num(&want["mean"]), epsilon = CLOSED_FORM);
        assert_abs_diff_eq!(got.sd.unwrap(), num(&want["sd"]), epsilon = CLOSED_FORM);
        let ci = got.alpha_ci.unwrap();
        let feldt = &want["alpha_ci"];
        assert_abs_diff_eq!(
            ci.lower,
            num(&feldt["feldt_lower"][0]["raw_alpha"]),
            epsilon = CLOSED_FORM
        );
        assert_abs_diff_eq!(
            ci.upper,
            num(&feldt["feldt_upper"][0]["raw_alpha"]),
            epsilon = CLOSED_FORM
        );
        for (j, item) in got.items.iter().enumerate() {
            assert_abs_diff_eq!(
                item.r_drop.unwrap(),
                nums(&want["r_drop"])[j],
                epsilon = CLOSED_FORM
            );
            assert_abs_diff_eq!(
                item.r_cor.unwrap(),
                nums(&want["r_cor"])[j],
                epsilon = CLOSED_FORM
            );
            assert_abs_diff_eq!(
                item.alpha_if_deleted.unwrap(),
                nums(&want["alpha_if_deleted"])[j],
                epsilon = CLOSED_FORM
            );
        }
        assert!(got.warnings.is_empty(), "{id}: {:?}", got.warnings);
    }
}

/// psych::fa's minres stops where optim's L-BFGS-B does; psym optimises to a gradient of
/// 1e-9, so omega total differs from psych's by a few 1e-8 (largest seen: 5e-8).
const OMEGA: f64 = 1e-6;
/// GPArotation's oblimin also stops at a gradient of 1e-5 (psym: 1e-8), which moves omega_h
/// by a few 1e-7 (seen: 4.3e-7 on the alliance total).
const OMEGA_H: f64 = 1e-6;

/// Source: psych::omega(x, nfactors = 1) on the keyed bfi scales, psych 2.2.9, key
/// `bfi_reliability.*.omega_total_psych` of lavaan_psych_reference.json.
#[test]
fn bfi_omega_total_matches_psych() {
    let refs = reference("lavaan_psych_reference.json", "bfi_reliability");
    for (id, keys) in BFI_KEYS {
        let want = num(&refs[id]["omega_total_psych"]);
        let (scale, data) = keyed_scale("bfi.csv", id, &keys, (1.0, 6.0), &[]);
        let got = analyze(&scale, &data, &Options::default(), &()).unwrap();
        assert_abs_diff_eq!(got.omega_total.unwrap(), want, epsilon = OMEGA);
    }
}

const ALLIANCE: [(&str, &[&str]); 4] = [
    ("goal", &["i1", "i2", "i3", "-i4"]),
    ("task", &["i5", "i6", "i7", "i8"]),
    ("bond", &["i9", "i10", "-i11", "i12"]),
    (
        "total",
        &[
            "i1", "i2", "i3", "-i4", "i5", "i6", "i7", "i8", "i9", "i10", "-i11", "i12",
        ],
    ),
];

fn alliance(id: &str, keys: &[&str]) -> (psym_reliability::Scale, nalgebra::DMatrix<f64>) {
    keyed_scale("alliance_en_nb.csv", id, keys, (1.0, 7.0), &[9.0, 99.0])
}

fn check_alpha(got: &psym_reliability::ScaleReliability, want: &serde_json::Value) {
    let close =
        |a: f64, b: &serde_json::Value| assert_abs_diff_eq!(a, num(b), epsilon = CLOSED_FORM);
    close(got.coefficients.alpha, &want["raw_alpha"]);
    close(got.coefficients.alpha_std, &want["std_alpha"]);
    close(got.coefficients.lambda6.unwrap(), &want["G6"]);
    close(got.coefficients.average_r, &want["average_r"]);
    close(got.coefficients.median_r, &want["median_r"]);
    close(got.mean.unwrap(), &want["mean"]);
    close(got.sd.unwrap(), &want["sd"]);
    close(got.alpha_ci.unwrap().lower, &want["feldt_lower"]);
    close(got.alpha_ci.unwrap().upper, &want["feldt_upper"]);
    for (j, item) in got.items.iter().enumerate() {
        let at = |key: &str| &want[key][j];
        close(item.mean.unwrap(), at("item_mean"));
        close(item.sd.unwrap(), at("item_sd"));
        close(item.raw_r.unwrap(), at("raw_r"));
        close(item.std_r.unwrap(), at("std_r"));
        close(item.r_cor.unwrap(), at("r_cor"));
        close(item.r_drop.unwrap(), at("r_drop"));
        close(item.alpha_if_deleted.unwrap(), at("alpha_if_deleted"));
    }
}

/// Source: psych::alpha and psych::omega(nfactors = 1) on the keyed alliance scales (pairwise
/// deletion), psych 2.2.9; tests/data/reference/reliability_alliance.R.
#[test]
fn alliance_pairwise_matches_psych() {
    let refs = reference("reliability_alliance.json", "scales");
    for (id, keys) in ALLIANCE {
        let want = &refs[id];
        let (scale, data) = alliance(id, keys);
        let got = analyze(&scale, &data, &Options::default(), &()).unwrap();
        check_alpha(&got, &want["pairwise"]);
        assert_abs_diff_eq!(
            got.omega_total.unwrap(),
            num(&want["omega1"]["omega_total"]),
            epsilon = OMEGA
        );
        let loadings = nums(&want["omega1"]["loadings"]);
        for (a, b) in got.omega.unwrap().loadings.iter().zip(loadings) {
            assert_abs_diff_eq!(*a, b, epsilon = 1e-5);
        }
    }
}

/// Source: psych::alpha(na.omit(x)) and psych::omega(na.omit(x), nfactors = 1) on the keyed
/// alliance scales, psych 2.2.9; tests/data/reference/reliability_alliance.R.
#[test]
fn alliance_listwise_matches_psych_on_complete_rows() {
    let refs = reference("reliability_alliance.json", "scales");
    let opts = Options {
        missing: MissingPolicy::Listwise,
        ..Options::default()
    };
    for (id, keys) in ALLIANCE {
        let want = &refs[id];
        let (scale, data) = alliance(id, keys);
        let got = analyze(&scale, &data, &opts, &()).unwrap();
        assert_eq!(got.n as f64, num(&want["listwise"]["n"]));
        check_alpha(&got, &want["listwise"]);
        assert_abs_diff_eq!(
            got.omega_total.unwrap(),
            num(&want["omega1_listwise"]),
            epsilon = OMEGA
        );
    }
}

/// Source: psych::omega(x, nfactors = 3) on the 12 keyed alliance items (Schmid–Leiman,
/// oblimin), psych 2.2.9; tests/data/reference/reliability_alliance.R.
#[test]
fn alliance_total_omega_hierarchical_matches_psych() {
    let want = &reference("reliability_alliance.json", "total_sl3");
    let (scale, data) = alliance("total", ALLIANCE[3].1);
    let opts = Options {
        group_factors: Some(3),
        ..Options::default()
    };
    let got = analyze(&scale, &data, &opts, &()).unwrap();
    let sl = got.omega_hierarchical.unwrap();
    assert!(sl.converged);
    assert_abs_diff_eq!(sl.omega_total, num(&want["omega_total"]), epsilon = OMEGA);
    assert_abs_diff_eq!(sl.omega_h, num(&want["omega_h"]), epsilon = OMEGA_H);
    assert_abs_diff_eq!(sl.omega_limit, num(&want["omega_limit"]), epsilon = OMEGA_H);
    for (a, b) in sl.general_loadings.iter().zip(nums(&want["g_loadings"])) {
        assert_abs_diff_eq!(*a, b, epsilon = 1e-4);
    }
}

/// Source: psych::omega(x[, 1:8], nfactors = 2) on the keyed goal and task items, psych
/// 2.2.9 (two group factors: general loadings from `option = "equal"`);
/// tests/data/reference/reliability_alliance.R.
#[test]
fn two_group_factors_follow_psychs_equal_option() {
    let want = &reference("reliability_alliance.json", "goal_task_sl2");
    let (scale, data) = alliance("goal_task", &ALLIANCE[3].1[..8]);
    let opts = Options {
        group_factors: Some(2),
        ..Options::default()
    };
    let sl = analyze(&scale, &data, &opts, &())
        .unwrap()
        .omega_hierarchical
        .unwrap();
    assert_abs_diff_eq!(sl.omega_total, num(&want["omega_total"]), epsilon = OMEGA);
    assert_abs_diff_eq!(sl.omega_h, num(&want["omega_h"]), epsilon = OMEGA_H);
    assert_abs_diff_eq!(sl.omega_limit, num(&want["omega_limit"]), epsilon = OMEGA_H);
    for (a, b) in sl.general_loadings.iter().zip(nums(&want["g_loadings"])) {
        assert_abs_diff_eq!(*a, b, epsilon = 1e-4);
    }
}
