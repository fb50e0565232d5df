//! Golden files: the whole standard output of each command × format on the bundled examples,
//! compared exactly with `tests/golden/<command>.<variant>.<ext>`.
//!
//! A difference fails with a line diff. `PSYM_BLESS=1 cargo test golden` rewrites the files;
//! the rewritten files are then reviewed as a diff before committing (tests/golden/README.md).

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym};
use std::path::PathBuf;

const BFI: &str = "instruments/ipip-bfi-25.json";
const BFI_DATA: &str = "tests/data/bfi.csv";
const PROBLEMS_DATA: &str = "docs/examples/batch_with_problems.csv";

/// One run of `psym` whose standard output is kept as a golden file.
struct Case {
    /// File name under tests/golden/: `<command>.<variant>.<ext>`.
    file: &'static str,
    /// Expected exit status.
    code: i32,
    args: &'static [&'static str],
}

const fn case(file: &'static str, code: i32, args: &'static [&'static str]) -> Case {
    Case { file, code, args }
}

/// The only non-deterministic text psym writes: its own version (none of the outputs below
/// holds a date, a timing or an absolute path; the harness runs from the repository root
/// with relative paths).
fn redact(text: &str) -> String {
    text.replace(env!("CARGO_PKG_VERSION"), "<psym version>")
}

/// Runs every case, then fails once listing every golden file that differs.
fn check(cases: &[Case]) {
    let bless = std::env::var_os("PSYM_BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for Case { file, code, args } in cases {
        let run = psym(*args);
        run.expect_code(*code);
        let actual = redact(&run.stdout);
        let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", file]
            .iter()
            .collect();
        if bless {
            std::fs::write(&path, &actual).expect("golden file is writable");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "--- tests/golden/{file} (psym {})\n{}",
                args.join(" "),
                line_diff(&expected, &actual)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ (PSYM_BLESS=1 rewrites them; review the diff):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A line diff (`-` golden, `+` actual) with two lines of context, from a longest common
/// subsequence of lines.
fn line_diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: length of the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut lines = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            lines.push((' ', old[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            lines.push(('-', old[i]));
            i += 1;
        } else {
            lines.push(('+', new[j]));
            j += 1;
        }
    }
    let changed: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].0 != ' ').collect();
    let near = |k: usize| changed.iter().any(|&c| c.abs_diff(k) <= 2);
    let mut out = String::new();
    let mut skipped = false;
    for (k, (mark, line)) in lines.iter().enumerate() {
        if near(k) {
            out.push_str(&format!("{mark} {line}\n"));
            skipped = false;
        } else if !skipped {
            out.push_str("  …\n");
            skipped = true;
        }
    }
    if changed.is_empty() {
        out.push_str("(the files differ only in line endings or a final newline)\n");
    }
    out
}

#[test]
#[rustfmt::skip]
fn golden_validate() {
    check(&[
        case("validate.alliance.txt", 0, &["validate", "--instrument", ALLIANCE, ALLIANCE_DATA]),
        case("validate.alliance.json", 0, &["validate", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"]),
        case("validate.alliance.md", 0, &["validate", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "md"]),
        case("validate.alliance.csv", 0, &["validate", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "csv"]),
        case("validate.problems.txt", 1, &["validate", "--instrument", ALLIANCE, PROBLEMS_DATA]),
        case("validate.problems.json", 1, &["validate", "--instrument", ALLIANCE, PROBLEMS_DATA, "--format", "json"]),
        case("validate.problems.md", 1, &["validate", "--instrument", ALLIANCE, PROBLEMS_DATA, "--format", "md"]),
        case("validate.problems.csv", 1, &["validate", "--instrument", ALLIANCE, PROBLEMS_DATA, "--format", "csv"]),
        case("validate.bfi.txt", 0, &["validate", "--instrument", BFI, BFI_DATA]),
    ]);
}

#[test]
#[rustfmt::skip]
fn golden_careless() {
    check(&[
        case("careless.alliance.txt", 1, &["careless", "--instrument", ALLIANCE, ALLIANCE_DATA]),
        case("careless.alliance.json", 1, &["careless", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"]),
        case("careless.synonyms.md", 1, &["careless", "--instrument", ALLIANCE, ALLIANCE_DATA, "--synonym-cutoff", "0.4", "--format", "md"]),
        case("careless.problems.txt", 1, &["validate", "--careless", "--instrument", ALLIANCE, PROBLEMS_DATA]),
        case("agreement.dyads.txt", 0, &["agreement", "--instrument", ALLIANCE, "tests/data/dyads_client.csv", "tests/data/dyads_caseworker.csv", "--pair-by", "dyad"]),
        case("agreement.perspective.md", 1, &["agreement", "--instrument", ALLIANCE, "tests/data/dyads_both.csv", "--pair-by", "dyad", "--perspective", "rater", "--scale", "goal", "--format", "md"]),
        case("multilevel.clusters.txt", 0, &["multilevel", "--instrument", ALLIANCE, "tests/data/clients_by_caseworker.csv", "--cluster", "caseworker"]),
        case("multilevel.clusters.md", 0, &["multilevel", "--instrument", ALLIANCE, "tests/data/clients_by_caseworker.csv", "--cluster", "caseworker", "--format", "md"]),
    ]);
}

#[test]
#[rustfmt::skip]
fn golden_score() {
    check(&[
        case("score.alliance.csv", 0, &["score", "--instrument", ALLIANCE, ALLIANCE_DATA]),
        case("score.alliance.json", 0, &["score", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"]),
        case("score.problems.csv", 1, &["score", "--instrument", ALLIANCE, PROBLEMS_DATA]),
        case("score.bfi.csv", 0, &["score", "--instrument", BFI, BFI_DATA]),
    ]);
}

#[test]
#[rustfmt::skip]
fn golden_reliability() {
    check(&[
        case("reliability.alliance.txt", 0, &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA]),
        case("reliability.alliance.json", 0, &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"]),
        case("reliability.alliance.md", 0, &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "md"]),
        // A small bootstrap: the seed fixes it whatever the number of threads.
        case("reliability.bootstrap.json", 0, &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA, "--scale", "goal", "--bootstrap", "20", "--seed", "7", "--format", "json"]),
        case("reliability.bfi.txt", 0, &["reliability", "--instrument", BFI, BFI_DATA]),
    ]);
}

#[test]
#[rustfmt::skip]
fn golden_cor() {
    check(&[
        case("cor.alliance.txt", 0, &["cor", "--instrument", ALLIANCE, ALLIANCE_DATA]),
        case("cor.alliance.json", 0, &["cor", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"]),
        case("cor.alliance.md", 0, &["cor", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "md"]),
        case("cor.alliance.csv", 0, &["cor", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "csv"]),
        // Thresholds and the continuity notes; with listwise deletion, a warning about the rows.
        case("cor.polychoric.txt", 0, &["cor", "--instrument", ALLIANCE, ALLIANCE_DATA, "--method", "polychoric"]),
        case("cor.polychoric-listwise.md", 0, &["cor", "--instrument", ALLIANCE, ALLIANCE_DATA, "--method", "polychoric", "--missing", "listwise", "--format", "md"]),
    ]);
}

#[test]
#[rustfmt::skip]
fn golden_efa() {
    check(&[
        case("efa.alliance.txt", 0, &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "3"]),
        case("efa.alliance.json", 0, &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "3", "--format", "json"]),
        case("efa.alliance.md", 0, &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "3", "--format", "md"]),
        case("efa.alliance.csv", 0, &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "3", "--format", "csv"]),
        case("efa.bfi.txt", 0, &["efa", "--instrument", BFI, BFI_DATA, "--factors", "5"]),
        // Per group with congruence; four factors give group en a Heywood case (exit status 1).
        case("efa.groups.txt", 1, &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "4", "--group", "lang"]),
        case("efa.groups.json", 1, &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "4", "--group", "lang", "--format", "json"]),
        case("efa.groups.md", 1, &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "4", "--group", "lang", "--format", "md"]),
        case("efa.groups-listwise.txt", 0, &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "3", "--group", "lang", "--missing", "listwise"]),
    ]);
}

#[test]
#[rustfmt::skip]
fn golden_parallel() {
    check(&[
        case("parallel.alliance.txt", 0, &["parallel", "--instrument", ALLIANCE, ALLIANCE_DATA]),
        case("parallel.alliance.json", 0, &["parallel", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"]),
        case("parallel.alliance.md", 0, &["parallel", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "md"]),
        case("parallel.listwise.txt", 0, &["parallel", "--instrument", ALLIANCE, ALLIANCE_DATA, "--missing", "listwise"]),
        case("parallel.listwise.md", 0, &["parallel", "--instrument", ALLIANCE, ALLIANCE_DATA, "--missing", "listwise", "--format", "md"]),
    ]);
}

#[test]
#[rustfmt::skip]
fn golden_cfa() {
    check(&[
        case("cfa.alliance.txt", 0, &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA]),
        case("cfa.alliance.json", 0, &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"]),
        case("cfa.alliance.md", 0, &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "md"]),
        case("cfa.alliance-models.txt", 0, &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--alliance-models"]),
        case("cfa.alliance-models.json", 0, &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--alliance-models", "--format", "json"]),
        case("cfa.bfi.txt", 0, &["cfa", "--instrument", BFI, BFI_DATA]),
    ]);
}

#[test]
#[rustfmt::skip]
fn golden_translate() {
    check(&[
        case("translate-check.alliance.txt", 1, &["translate", "check", ALLIANCE]),
        case("translate-check.alliance.json", 1, &["translate", "check", ALLIANCE, "--format", "json"]),
        case("translate-check.alliance.md", 1, &["translate", "check", ALLIANCE, "--format", "md"]),
        case("translate-check.bfi.txt", 0, &["translate", "check", BFI]),
        case("translate-status.alliance.txt", 1, &["translate", "status", ALLIANCE]),
        case("translate-status.alliance.json", 1, &["translate", "status", ALLIANCE, "--format", "json"]),
        case("translate-status.alliance.md", 1, &["translate", "status", ALLIANCE, "--format", "md"]),
        case("translate-render.alliance-nb.md", 0, &["translate", "render", ALLIANCE, "--lang", "nb", "--format", "md"]),
        case("translate-render.alliance-nb.html", 0, &["translate", "render", ALLIANCE, "--lang", "nb", "--format", "html"]),
        case("translate-render.alliance-nb-en.html", 0, &["translate", "render", ALLIANCE, "--lang", "nb", "--compare", "en", "--format", "html"]),
        case("translate-export.alliance-nb.csv", 0, &["translate", "export", ALLIANCE, "--lang", "nb", "--format", "csv"]),
        case("translate-export.alliance-nb.xlf", 0, &["translate", "export", ALLIANCE, "--lang", "nb", "--format", "xliff"]),
        case("translate-export.alliance-nb.redcap.csv", 0, &["translate", "export", ALLIANCE, "--lang", "nb", "--format", "redcap"]),
    ]);
}

#[test]
#[rustfmt::skip]
fn golden_groups_and_norms() {
    check(&[
        case("reliability.groups.txt", 0, &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--scale", "task"]),
        case("reliability.groups.md", 0, &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--scale", "task", "--format", "md"]),
        case("compare.alliance.txt", 0, &["compare", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang"]),
        case("compare.alliance.md", 0, &["compare", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--format", "md"]),
        case("compare.alliance.json", 0, &["compare", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--format", "json"]),
        case("norms.alliance.txt", 0, &["norms", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--scale", "bond"]),
        case("norms.alliance.md", 0, &["norms", "--instrument", ALLIANCE, ALLIANCE_DATA, "--scale", "goal", "--format", "md"]),
        case("norms.alliance.json", 0, &["norms", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--format", "json"]),
        case("score.bands.csv", 0, &["score", "--instrument", "docs/examples/alliance-bands.json", ALLIANCE_DATA, "--lang", "nb"]),
    ]);
}
