//! `psym translate export`: a work file for translators or a survey tool. Work files are data
//! formats written by psym-translate, not documents.

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;
use clap::Args;
use psym_instrument::Instrument;
use psym_translate::workfile::{self, WorkFormat};

use crate::cmd::common::{instrument_files, load_instrument};
use crate::output::{Outcome, Sink, check_extension, refuse_inputs};

/// Write a work file.
///
/// Example: psym translate export instruments/open-alliance-12.json --lang da --format xliff --out da.xlf
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate export instruments/open-alliance-12.json --lang da --format xliff --out da.xlf"
)]
pub(super) struct ExportArgs {
    /// Instrument file (JSON)
    file: PathBuf,
    /// Target language (not needed for XLSForm, which holds every language)
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Work-file format [default: from the --out extension, else csv]
    #[arg(long)]
    format: Option<WorkFormat>,
    /// Write to this file instead of standard output (required for xlsx and xlsform)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Export XLSForm or REDCap forms with translations that are not approved (for translation
    /// work or a pretest; such forms must not collect data)
    #[arg(long)]
    include_drafts: bool,
}

/// A resolved export: the instrument, the format and language of the work file.
struct Request {
    /// The instrument (with its text overlays).
    inst: Instrument,
    /// The work-file format.
    format: WorkFormat,
    /// The target language (the source language for a format holding every language).
    lang: String,
}

/// Runs `psym translate export`: resolve, write the work file, put it in place.
pub(super) fn run(args: ExportArgs) -> anyhow::Result<Outcome> {
    let Request { inst, format, lang } = resolve(&args)?;
    let original = args
        .file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let bytes = workfile::export(&inst, &lang, format, &original)?;
    let mut out = Sink::open(args.out.as_deref())?;
    out.write_all(&bytes)?;
    out.finish()?;
    Ok(Outcome::Clean)
}

/// Loads the instrument, settles format and language, checks `--out`, and refuses a survey
/// form that would carry a translation that is not approved (unless `--include-drafts`).
fn resolve(args: &ExportArgs) -> anyhow::Result<Request> {
    let inst = load_instrument(&args.file)?;
    let format = match (args.format, &args.out) {
        (Some(f), _) => f,
        (None, Some(out)) => WorkFormat::from_path(out).unwrap_or(WorkFormat::Csv),
        (None, None) => WorkFormat::Csv,
    };
    let lang = match &args.lang {
        Some(l) => l.clone(),
        None if format.holds_every_language() => inst.source_language.clone(),
        None => bail!("say which language to translate into with --lang (for example --lang nb)"),
    };
    if !psym_instrument::is_language_tag(&lang) {
        bail!("'{lang}' is not a language tag (for example nb, nn, da, ar)");
    }
    if format.is_binary() && args.out.is_none() {
        bail!("{format} is a binary format; name the file with --out");
    }
    if let Some(out) = &args.out {
        check_extension(out, &format!("a {format} work file"), format.extensions())?;
        refuse_inputs(out, &instrument_files(&args.file))?;
    }
    let drafts = psym_translate::drafts(&inst, format.form_languages(&inst, &lang));
    if !drafts.is_empty() && !args.include_drafts {
        let form = match format {
            WorkFormat::Xlsform => "an XLSForm",
            _ => "a REDCap data dictionary",
        };
        bail!(
            "the {} translation is not approved (see psym translate status), and {form} is used to collect data; approve it first, or export with --include-drafts for translation work or a pretest",
            drafts.join(" and ")
        );
    }
    Ok(Request { inst, format, lang })
}
