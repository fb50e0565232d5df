//! A small harness: run the built `psym` binary, capture its output, locate fixtures.

use std::process::{Command, Output};

pub use psym_testdata::repo;

/// The result of one run of `psym`.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit status, showing both streams on failure.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit status {} (expected {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "psym panicked:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that stderr mentions `text`.
    #[track_caller]
    pub fn stderr_has(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that stdout mentions `text`.
    #[track_caller]
    pub fn stdout_has(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}:\n{}",
            self.stdout
        );
        self
    }

    /// Parses stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Runs `psym` with `args` (paths relative to the repository root).
pub fn psym<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_psym"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("psym runs");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// The open alliance instrument shipped with psym.
pub const ALLIANCE: &str = "instruments/open-alliance-12.json";
/// The bundled example responses.
pub const ALLIANCE_DATA: &str = "docs/examples/alliance_en_nb.csv";

/// The bundled example with a column `third` (the 0-based data row number modulo 3) appended,
/// written into `dir`: three groups for tests of k-group comparisons (the reference scripts
/// alpha_groups.R and compare_groups.R make the same column).
pub fn alliance_in_thirds(dir: &std::path::Path) -> String {
    let file = dir.join("third.csv");
    let text = std::fs::read_to_string(repo(ALLIANCE_DATA)).unwrap();
    let mut lines = text.lines();
    let mut out = format!("{},\"third\"\n", lines.next().unwrap());
    for (k, line) in lines.enumerate() {
        out.push_str(&format!("{line},\"{}\"\n", k % 3));
    }
    std::fs::write(&file, out).unwrap();
    file.to_str().unwrap().to_owned()
}
