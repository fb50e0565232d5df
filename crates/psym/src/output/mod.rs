//! Where results go (stdout or `--out FILE`), in which format, and how a run ends.
//!
//! Every command goes through the same steps, before any work is done: [`OutputArgs::resolve`]
//! settles the format (asked for, else named by the `--out` extension, else the command's
//! default; refused when the command does not write it or the name announces other content)
//! and refuses an `--out` that is one of the run's inputs. [`Plan::open`] then gives a
//! [`Sink`], and [`Sink::finish`] puts a file in place (see [`mod@file`]).

mod file;
mod format;

use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

pub use file::{refuse_inputs, write_file};
pub use format::{Format, Formats, check_extension};

/// `--format` and `--out`, shared by every command; each command narrows `--format` to what it
/// writes with `#[command(mut_arg("format", |a| FORMATS.restrict(a)))]`.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long)]
    pub format: Option<Format>,
    /// Write the result to this file instead of standard output (never over an input file)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl OutputArgs {
    /// Settles the format among `formats` and checks `--out` against the run's `inputs`.
    ///
    /// # Errors
    /// The format is not one of `formats`, the `--out` name announces other content, or
    /// `--out` names an input file.
    pub fn resolve(&self, formats: &Formats, inputs: &[PathBuf]) -> anyhow::Result<Plan> {
        let format = formats.choose(self.format, self.out.as_deref())?;
        if let Some(out) = &self.out {
            refuse_inputs(out, inputs)?;
        }
        Ok(Plan {
            format,
            out: self.out.clone(),
        })
    }
}

/// A settled output: its format and destination.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The format to write.
    pub format: Format,
    out: Option<PathBuf>,
}

impl Plan {
    /// Opens the destination.
    ///
    /// # Errors
    /// The output file cannot be created.
    pub fn open(&self) -> anyhow::Result<Sink> {
        Sink::open(self.out.as_deref())
    }
}

/// An open destination: buffered standard output, or an output file that appears only when
/// [`finish`](Self::finish) succeeds.
pub enum Sink {
    /// Standard output.
    Stdout(BufWriter<StdoutLock<'static>>),
    /// A file written beside its target and renamed into place.
    File(BufWriter<file::OutputFile>),
}

impl Sink {
    /// Opens `path`, or standard output when `None`.
    ///
    /// # Errors
    /// The file cannot be created.
    pub fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        Ok(match path {
            Some(p) => Sink::File(BufWriter::new(file::OutputFile::create(p)?)),
            None => Sink::Stdout(BufWriter::new(io::stdout().lock())),
        })
    }

    /// Flushes everything and, for a file, puts it in place.
    ///
    /// # Errors
    /// Writing fails (a closed pipe included, which the caller treats as success).
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush()?,
            Sink::File(w) => w.into_inner().map_err(|e| e.into_error())?.commit()?,
        }
        Ok(())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(w) => w.flush(),
        }
    }
}

/// Writes `value` as pretty JSON followed by a newline (every JSON output ends with one).
///
/// # Errors
/// I/O errors of `out`, kept as I/O errors so that a closed pipe is recognised.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    writeln!(out)
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

/// Whether an error was caused by a closed pipe (`psym … | head`), which is not a failure:
/// an I/O error anywhere in the chain, also inside a JSON or CSV writer's error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = |kind: Option<io::ErrorKind>| kind == Some(io::ErrorKind::BrokenPipe);
    err.chain().any(|cause| {
        broken(cause.downcast_ref::<io::Error>().map(io::Error::kind))
            || broken(
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind),
            )
            || broken(
                cause
                    .downcast_ref::<csv::Error>()
                    .and_then(|e| match e.kind() {
                        csv::ErrorKind::Io(io) => Some(io.kind()),
                        _ => None,
                    }),
            )
    })
}
