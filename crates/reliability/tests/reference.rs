//! psym-reliability against psych's figures.

mod common;

use approx::assert_abs_diff_eq;
use common::{keyed_scale, num, nums, reference};
use psym_reliability::{MissingPolicy, Options, analyze};

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
    let refs = reference("lavaan_psych_reference.json");
    for (id, keys) in BFI_KEYS {
        let want = &refs["bfi_reliability"][id];
        let (scale, data) = keyed_scale("bfi.csv", id, &keys, (1.0, 6.0), &[]);
        let got = analyze(&scale, &data, &Options::default(), &()).unwrap();
        assert_eq!(got.missing, MissingPolicy::Pairwise);
        assert_abs_diff_eq!(got.alpha, num(&want["raw_alpha"]), epsilon = CLOSED_FORM);
        assert_abs_diff_eq!(
            got.alpha_std,
            num(&want["std_alpha"]),
            epsilon = CLOSED_FORM
        );
        assert_abs_diff_eq!(
            got.lambda6.unwrap(),
            num(&want["G6"]),
            epsilon = CLOSED_FORM
        );
        assert_abs_diff_eq!(
            got.average_r,
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
