//! The command line as a whole: every command documents itself with an example.

use crate::util::psym;

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
