//! `psym translate import`: merge a work file back into the instrument, all or nothing, and
//! report every change. The binary's part is the command line: file names, today's date, and
//! writing the instrument in place.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use psym_instrument::Instrument;
use psym_report::doc;
use psym_report::translate::{merge_document, merge_json, merge_problems_json};
use psym_translate::workfile::{self, WorkFormat};
use psym_translate::{MergeOptions, MergeReport, TranslateError, TranslateErrorKind};

use crate::advice;
use crate::cmd::common::{instrument_files, today};
use crate::output::{
    Format, Formats, Outcome, check_extension, refuse_inputs, write_file, write_json,
};

/// What `psym translate import` writes as its change report (on standard output).
const FORMATS: Formats = Formats {
    what: "psym translate import",
    accepted: &[Format::Text, Format::Json],
};

/// Merge a work file back.
///
/// Example: psym translate import instruments/open-alliance-12.json da.xlf --by T1
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate import instruments/open-alliance-12.json da.xlf --by T1"
)]
pub(super) struct ImportArgs {
    /// Instrument file (JSON); rewritten in place unless --out is given
    file: PathBuf,
    /// The edited work file
    workfile: PathBuf,
    /// Language of the work file [default: as recorded in it; required for REDCap]
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Format of the work file [default: from its extension]
    #[arg(long)]
    from: Option<WorkFormat>,
    /// Approve changed texts (and rows marked approved), recording the source hash
    #[arg(long)]
    approve: bool,
    /// Who is merging (role or initials), recorded in the workflow steps
    #[arg(long, value_name = "WHO")]
    by: Option<String>,
    /// Date recorded in the workflow steps (YYYY-MM-DD) [default: today, UTC]
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Report what would change without writing anything
    #[arg(long)]
    dry_run: bool,
    /// Write the merged instrument here instead of over FILE
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Format of the change report on standard output
    #[arg(long, value_parser = FORMATS, default_value = "text")]
    format: Format,
}

/// A resolved import: the instrument without overlays, the work file's format and the merge
/// options (with today's date unless one was given).
struct Request {
    /// The instrument as its file holds it (overlays are not merged into the written file).
    inst: Instrument,
    /// The work file's format.
    format: WorkFormat,
    /// Approval, who and when.
    options: MergeOptions,
}

/// Runs `psym translate import`: resolve, merge (all or nothing), write the instrument unless
/// a dry run, render the changes; exit 1 when the work file has problems.
pub(super) fn run(args: ImportArgs) -> anyhow::Result<Outcome> {
    let Request {
        mut inst,
        format,
        options,
    } = resolve(&args)?;
    let merged = workfile::import(
        &mut inst,
        &args.workfile,
        format,
        args.lang.as_deref(),
        &options,
    );
    match merged {
        Ok(reports) => {
            if !args.dry_run {
                let dest = args.out.as_deref().unwrap_or(&args.file);
                write_instrument(&inst, dest)?;
            }
            render(&args, &reports)?;
            Ok(Outcome::Clean)
        }
        Err(e)
            if matches!(
                e.kind,
                TranslateErrorKind::WorkFile(_) | TranslateErrorKind::Invalid(_)
            ) =>
        {
            render_problems(&args, &e)?;
            Ok(Outcome::Problems)
        }
        Err(e) => Err(e.into()),
    }
}

/// Checks `--out` (an instrument name, not an input), loads the instrument without its
/// overlays, settles the work file's format and the merge options.
fn resolve(args: &ImportArgs) -> anyhow::Result<Request> {
    if let Some(out) = &args.out {
        check_extension(out, "an instrument (json)", &["json"])?;
        // the instrument itself is the in-place update; its work file and overlays are inputs
        let mut inputs = instrument_files(&args.file);
        inputs[0] = args.workfile.clone();
        refuse_inputs(out, &inputs)?;
    }
    // Overlays are not merged: their text must not be written into the main file.
    let inst = psym_instrument::load_with_overlays(&args.file, &[])?;
    let format = match args.from {
        Some(f) => f,
        None => WorkFormat::from_path(&args.workfile).with_context(|| {
            format!(
                "cannot tell the format of {} from its name; give --from csv|xlsx|xliff|xlsform|redcap",
                args.workfile.display()
            )
        })?,
    };
    let options = MergeOptions {
        approve: args.approve,
        by: args.by.clone(),
        date: args.date.clone().unwrap_or_else(today),
    };
    Ok(Request {
        inst,
        format,
        options,
    })
}

/// Writes the changes (made, or to be made in a dry run) on standard output, reasons worded
/// with flags.
fn render(args: &ImportArgs, reports: &[MergeReport]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => write_json(
            &mut out,
            &merge_json(reports, !args.dry_run, advice::translate),
        )?,
        format => doc::write(
            &mut out,
            &merge_document(reports, args.dry_run, advice::translate),
            format,
        )?,
    }
    out.flush()?;
    Ok(())
}

/// Writes why nothing was merged: every problem of the work file, or of the merged instrument.
fn render_problems(args: &ImportArgs, e: &TranslateError) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let file = args.workfile.display().to_string();
            write_json(&mut out, &merge_problems_json(&file, e, advice::translate))?;
        }
        _ => writeln!(out, "psym: {}", e.describe(advice::translate))?,
    }
    out.flush()?;
    Ok(())
}

/// Writes an instrument as its file's JSON, replacing the file only once it is complete
/// (through a link, the file linked to; its permissions kept).
fn write_instrument(inst: &Instrument, dest: &Path) -> anyhow::Result<()> {
    write_file(dest, psym_instrument::to_json_text(inst)?.as_bytes())
}
