//! `psym translate render`: the printable questionnaire, or a review sheet of two languages.
//! The page is written by psym-translate (the instrument's own text for respondents), not a
//! document of results.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use psym_instrument::Instrument;
use psym_translate::{RenderFormat, RenderOptions};

use super::require_language;
use crate::cmd::common::{instrument_files, load_instrument};
use crate::output::{Outcome, Sink, check_extension, refuse_inputs};

/// Render the questionnaire.
///
/// Example: psym translate render instruments/open-alliance-12.json --lang nb --compare en --out review.html
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate render instruments/open-alliance-12.json --lang nb --compare en --out review.html"
)]
pub(super) struct RenderArgs {
    /// Instrument file (JSON)
    file: PathBuf,
    /// Language of the questionnaire
    #[arg(long, value_name = "LANG")]
    lang: String,
    /// Second language for a side-by-side review sheet (with back translations and notes)
    #[arg(long, value_name = "LANG")]
    compare: Option<String>,
    /// Output format [default: html, or md when --out ends in .md]
    #[arg(long)]
    format: Option<RenderFormat>,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Runs `psym translate render`: resolve, render the page, write it.
pub(super) fn run(args: RenderArgs) -> anyhow::Result<Outcome> {
    let (inst, options) = resolve(&args)?;
    let page = psym_translate::render(&inst, &options);
    let mut out = Sink::open(args.out.as_deref())?;
    out.write_all(page.as_bytes())?;
    out.finish()?;
    Ok(Outcome::Clean)
}

/// Loads the instrument, checks the languages, settles the format (asked for, else announced
/// by the `--out` name, else HTML) and checks `--out`.
fn resolve(args: &RenderArgs) -> anyhow::Result<(Instrument, RenderOptions)> {
    let inst = load_instrument(&args.file)?;
    require_language(&inst, &args.lang)?;
    if let Some(c) = &args.compare {
        require_language(&inst, c)?;
    }
    let format = args
        .format
        .or_else(|| args.out.as_deref().and_then(RenderFormat::from_path))
        .unwrap_or_default();
    if let Some(out) = &args.out {
        check_extension(out, &format!("{format}"), format.extensions())?;
        refuse_inputs(out, &instrument_files(&args.file))?;
    }
    let options = RenderOptions {
        lang: args.lang.clone(),
        compare: args.compare.clone(),
        format,
    };
    Ok((inst, options))
}
