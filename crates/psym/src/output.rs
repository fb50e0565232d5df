//! Where results go (stdout or `--out FILE`), in which format, and how a run ends.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};

/// Output formats; each command accepts the ones that make sense for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text tables (the default on a terminal).
    Text,
    /// The machine contract documented in docs/json.md.
    Json,
    /// Comma-separated values.
    Csv,
    /// Markdown (APA-style tables).
    Md,
}

/// `--format` and `--out`, shared by every command.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the result to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl OutputArgs {
    /// The format asked for, or `fallback` when none was given.
    pub fn format_or(&self, fallback: Format) -> Format {
        self.format.unwrap_or(fallback)
    }

    /// Opens the destination: the `--out` file or a buffered standard output.
    pub fn open(&self) -> anyhow::Result<Box<dyn Write>> {
        match &self.out {
            Some(path) => {
                let file = File::create(path)
                    .with_context(|| format!("cannot create output file {}", path.display()))?;
                Ok(Box::new(BufWriter::new(file)))
            }
            None => Ok(Box::new(BufWriter::new(io::stdout().lock()))),
        }
    }
}

/// How a command that ran to the end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Ran, and all is well: exit 0.
    Clean,
    /// Ran, and found problems (invalid rows, failed checks, an inadmissible solution): exit 1.
    Problems,
}

impl Outcome {
    /// `Problems` when `found` is true, else `Clean`.
    pub fn problems_if(found: bool) -> Self {
        if found {
            Outcome::Problems
        } else {
            Outcome::Clean
        }
    }

    /// The process exit status.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::Problems => ExitCode::from(1),
        }
    }
}

/// Whether an error was caused by a closed pipe (`psym … | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
