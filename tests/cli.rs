//! The command line as a whole: every command documents itself with an example.

use crate::util::psym;
use psym_testdata::tolerance::CLOSED_FORM;

#[test]
fn every_command_has_help_with_an_example() {
    for command in [
        "validate",
        "score",
        "reliability",
        "cor",
        "efa",
        "parallel",
        "cfa",
        "invariance",
        "translate",
    ] {
        let run = psym([command, "--help"]);
        run.expect_code(0);
        assert!(
            run.stdout.contains("Example"),
            "`psym {command} --help` shows no example:\n{}",
            run.stdout
        );
    }
}

#[test]
fn unknown_command_is_a_usage_error() {
    psym(["frobnicate"])
        .expect_code(2)
        .stderr_has("unrecognized subcommand");
}

/// Closed sets (estimator, rotation, missing-data rule, …) come from the libraries: the command
/// line accepts what the library's `FromStr` accepts (any case, `-` or `_`, aliases such as
/// psych's `quartimin`), and a wrong name is refused with the set's name and its values.
#[test]
fn options_take_the_library_names_and_refuse_with_the_set_named() {
    let bfi = "tests/data/bfi.csv";
    let items = "A1 A2 A3 A4 A5 C1 C2 C3 C4 C5";
    let rotation_of = |given: &str| {
        let run = psym([
            "efa",
            bfi,
            "--items",
            items,
            "--factors",
            "2",
            "--rotate",
            given,
            "--format",
            "json",
        ]);
        run.expect_code(0);
        run.json()["rotation"].clone()
    };
    assert_eq!(rotation_of("Quartimin"), "oblimin");
    assert_eq!(rotation_of("geomin-t"), "geomin_t");
    psym(["efa", bfi, "--items", items, "--rotate", "oblique"])
        .expect_code(2)
        .stderr_has("unknown rotation 'oblique' (expected none, varimax,");
    psym([
        "cfa",
        bfi,
        "--model-text",
        "f =~ A1 + A2 + A3",
        "--estimator",
        "wls",
    ])
    .expect_code(2)
    .stderr_has("unknown estimator 'wls' (expected ml, mlr, wlsmv, ulsmv or dwls)");
    let help = psym(["cfa", "--help"]);
    help.expect_code(0);
    help.stdout_has("- mlr:")
        .stdout_has("- residual.covariances:");
}

/// The orthogonal target rotation (`target_t`), offered by the library, rotates towards the
/// instrument's scales as `target` does; the factors stay uncorrelated.
#[test]
fn orthogonal_target_rotation_runs_from_the_command_line() {
    let run = psym([
        "efa",
        crate::util::ALLIANCE_DATA,
        "--instrument",
        crate::util::ALLIANCE,
        "--rotate",
        "target_t",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["rotation"], "target_t");
    let phi = v["phi"]
        .as_array()
        .expect("phi is reported for an orthogonal rotation");
    assert_eq!(phi.len(), 3);
    assert!(phi[0][1].as_f64().unwrap().abs() < CLOSED_FORM, "{phi:?}");
}
