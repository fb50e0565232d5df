//! `psym validate`: every problem in a batch of responses.

use std::path::PathBuf;

use clap::Args;
use psym_data::ResponseReader;
use psym_instrument::Instrument;
use psym_report::validate::document;
use psym_report::{careless, doc};

use crate::cmd::careless::{CarelessSettings, Passes};
use crate::cmd::common::{
    ReadArgs, instrument_files, load_instrument, open_responses, warn_drafts,
};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};

/// What `psym validate` writes.
const FORMATS: Formats = Formats {
    what: "psym validate",
    accepted: &[Format::Text, Format::Json, Format::Csv, Format::Md],
};

/// Check a response file against an instrument and report every problem.
///
/// Each problem names the file line, respondent id, column, offending value and the reason.
/// With --careless, also the careless-responding indices (as `psym careless`) and the
/// respondents they flag. Exit status: 0 valid (and no one flagged), 1 problems found (or
/// respondents flagged), 2 could not run.
///
/// Example: psym validate --instrument instruments/open-alliance-12.json docs/examples/alliance_en_nb.csv
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct ValidateArgs {
    /// Instrument file (JSON)
    #[arg(long, value_name = "FILE")]
    instrument: PathBuf,
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx, .xls or .ods workbook, SPSS
    /// .sav or .zsav)
    data: PathBuf,
    /// Column with each respondent's language code: checked against the instrument's
    /// languages, with a warning for rows answered in a translation that is not approved
    #[arg(long, value_name = "NAME")]
    lang_column: Option<String>,
    /// Also compute careless-responding indices and list the respondents they flag
    #[arg(long)]
    careless: bool,
    #[command(flatten)]
    settings: CarelessSettings,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// A resolved `psym validate` run: where the output goes, the instrument and the response
/// file opened for reading.
struct Request {
    /// The settled output.
    plan: Plan,
    /// The instrument checked against.
    instrument: Instrument,
    /// The response file, its header read.
    reader: ResponseReader,
    /// The careless-responding passes, with --careless.
    careless: Option<Passes>,
}

/// Runs `psym validate`: resolve the arguments, read every row, render; the rows answered in
/// a draft translation are named on standard error.
pub fn run(args: ValidateArgs) -> anyhow::Result<Outcome> {
    let Request {
        plan,
        instrument,
        reader,
        careless,
    } = resolve(&args)?;
    let validation = psym_data::validate(reader)?;
    let drafts =
        psym_translate::draft_language_use(&instrument, validation.rows_per_language.iter());
    let name = args.data.display().to_string();
    let careless = match &careless {
        Some(passes) => {
            let (sample, _) = passes.first(&instrument)?;
            let mut flagged = Vec::new();
            let summary = passes.second(&instrument, &sample, |r| {
                if !r.indices.flags.is_empty() {
                    flagged.push((r.line, r.id.to_owned(), r.indices.clone()));
                }
                Ok(())
            })?;
            Some((passes, sample, summary, flagged))
        }
        None => None,
    };
    let head = careless
        .as_ref()
        .map(|(passes, sample, ..)| careless::Head {
            file: &name,
            items: &passes.items,
            sample,
            duration: passes.duration.as_deref(),
            advise: crate::advice::careless,
        });
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => {
            let mut json = serde_json::to_value(&validation)?;
            json["warnings"] = serde_json::to_value(&drafts)?;
            if let (Some(head), Some((_, _, summary, flagged))) = (&head, &careless) {
                json["careless"] = careless::json(head, summary, flagged);
            }
            write_json(&mut out, &json)?;
        }
        format => {
            let mut doc = document(&name, &validation, format);
            if let (Some(head), Some((_, _, summary, flagged))) = (&head, &careless) {
                if let (Format::Csv, Some(doc::Block::Table(problems))) =
                    (format, doc.blocks.first_mut())
                {
                    // one table for a spreadsheet: the flagged respondents join the problems
                    problems.rows.extend(careless::problem_rows(head, flagged));
                    problems
                        .rows
                        .sort_by_key(|row| row[0].parse::<u64>().unwrap_or(u64::MAX));
                } else {
                    doc.blocks
                        .extend(careless::blocks(head, summary, flagged, format));
                }
            }
            doc::write(&mut out, &doc, format)?;
        }
    }
    out.finish()?;
    warn_drafts(&drafts);
    if let Some((_, _, summary, _)) = &careless {
        crate::cmd::careless::warn_unreadable_durations(plan.format, summary);
    }
    let flagged = careless.is_some_and(|(_, _, summary, _)| summary.has_findings());
    Ok(Outcome::problems_if(!validation.valid || flagged))
}

/// Settles the output, loads the instrument and opens the response file with its items.
fn resolve(args: &ValidateArgs) -> anyhow::Result<Request> {
    let mut inputs = instrument_files(&args.instrument);
    inputs.push(args.data.clone());
    let plan = args.output.resolve(&FORMATS, &inputs)?;
    let instrument = load_instrument(&args.instrument)?;
    let mut options = args.read.options(Some(&instrument))?;
    options.lang_column = args.lang_column.clone();
    let items = psym_score::item_specs(&instrument);
    let reader = open_responses(&args.data, &items, &options)?;
    let careless = args
        .careless
        .then(|| Passes::resolve(&args.data, &instrument, &args.read, &args.settings))
        .transpose()?;
    Ok(Request {
        plan,
        instrument,
        reader,
        careless,
    })
}
