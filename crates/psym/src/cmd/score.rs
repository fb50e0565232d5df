//! `psym score`: scale scores per respondent, streamed row by row.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use psym_data::{LanguageCounts, Problem, ResponseReader, Row};
use psym_instrument::Instrument;
use psym_report::score::{
    CsvDialect, CsvScores, JsonScores, SavScores, ScoreColumns, ScoreRow, ScoreVariable,
    ScoreWriter, XlsxScores,
};
use psym_score::{ScoreOptions, Scorer};
use psym_translate::DraftLanguageUse;

use crate::cmd::common::{
    ReadArgs, instrument_files, load_instrument, open_responses, warn_drafts,
};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan};

/// What `psym score` writes.
const FORMATS: Formats = Formats {
    what: "psym score",
    accepted: &[Format::Csv, Format::Json, Format::Xlsx, Format::Sav],
};

/// Score responses into scale scores: one output row per input row, in input order.
///
/// Reverse-keyed items are reversed as min + max − x. A score is blank when fewer than the
/// scale's minimum share of items were answered. Rows with problems are still written and
/// flagged in the `problems` column. Exit status: 0 all rows clean, 1 some rows had problems,
/// 2 could not run.
///
/// Example: psym score --instrument instruments/open-alliance-12.json docs/examples/alliance_en_nb.csv --out scores.csv
///
/// For a Norwegian or German Excel: --csv-dialect excel-nordic (or excel-de), or --out scores.xlsx;
/// for SPSS: --out scores.sav (score variables with labels)
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct ScoreArgs {
    /// Instrument file (JSON)
    #[arg(long, value_name = "FILE")]
    instrument: PathBuf,
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx or .ods workbook, SPSS .sav
    /// or .zsav)
    data: PathBuf,
    /// Scales to score, in this order [default: all scales of the instrument]
    #[arg(long = "scale", value_name = "ID")]
    scales: Vec<String>,
    /// Minimum share (0–1) of a scale's items that must be answered; overrides the instrument.
    /// 0 = the mean of whatever was answered (psych::scoreItems with impute = "none")
    #[arg(long, value_name = "F")]
    min_answered: Option<f64>,
    /// Input columns to copy to the output after the id (e.g. --keep lang,group)
    #[arg(long, value_name = "COLS", value_delimiter = ',')]
    keep: Vec<String>,
    /// Column with each respondent's language code: checked against the instrument's
    /// languages, with a warning for rows answered in a translation that is not approved
    #[arg(long, value_name = "NAME")]
    lang_column: Option<String>,
    /// Conventions of the CSV output, for the program that opens it: plain (`,`, decimal
    /// point, no byte-order mark); excel-nordic and excel-de (`;`, decimal comma, UTF-8
    /// byte-order mark, CRLF); excel-us (`,`, decimal point, byte-order mark, CRLF)
    #[arg(long, value_name = "DIALECT", default_value_t = CsvDialect::Plain)]
    csv_dialect: CsvDialect,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// A resolved `psym score` run: where the output goes, the instrument, its scoring rules and
/// the response file opened for streaming.
struct Request {
    /// The settled output.
    plan: Plan,
    /// The instrument (its translations' status, for the draft warnings).
    instrument: Instrument,
    /// The scales and their keyed items.
    scorer: Scorer,
    /// The response file, its header read.
    reader: ResponseReader,
    /// The output's columns: id, pass-through columns, one per scale.
    columns: ScoreColumns,
    /// The conventions of CSV output.
    dialect: CsvDialect,
}

/// What streaming the rows found, for the summary at the end.
struct Tally {
    /// Data rows read (= rows written).
    rows: u64,
    /// Rows with at least one problem.
    flagged_rows: u64,
    /// Problems of the header and the rows.
    problems: u64,
    /// Problems of the file as a whole (its header).
    header_problems: Vec<Problem>,
    /// Languages of the rows whose translation is not approved.
    drafts: Vec<DraftLanguageUse>,
}

/// Runs `psym score`: resolve the arguments, stream rows in to rows out, then summarise the
/// problems and draft translations on standard error.
pub fn run(args: ScoreArgs) -> anyhow::Result<Outcome> {
    let request = resolve(&args)?;
    let tally = stream(request)?;
    warn_drafts(&tally.drafts);
    if tally.problems > 0 {
        eprintln!(
            "psym: {} problem(s); {} of {} row(s) flagged in the problems column (psym validate lists them all)",
            tally.problems, tally.flagged_rows, tally.rows
        );
        for p in &tally.header_problems {
            eprintln!("psym: {p}");
        }
    }
    Ok(Outcome::problems_if(tally.problems > 0))
}

/// Settles the output, loads the instrument and its scoring rules and opens the response file.
fn resolve(args: &ScoreArgs) -> anyhow::Result<Request> {
    let mut inputs = instrument_files(&args.instrument);
    inputs.push(args.data.clone());
    let plan = args.output.resolve(&FORMATS, &inputs)?;
    if args.csv_dialect != CsvDialect::Plain && plan.format != Format::Csv {
        anyhow::bail!(
            "--csv-dialect {} applies to CSV output, not {}",
            args.csv_dialect,
            plan.format
        );
    }
    let instrument = load_instrument(&args.instrument)?;
    let scorer = Scorer::from_instrument(
        &instrument,
        &ScoreOptions {
            scales: args.scales.clone(),
            min_answered: args.min_answered,
        },
    )?;
    let mut options = args.read.options(Some(&instrument))?;
    options.keep = args.keep.clone();
    options.lang_column = args.lang_column.clone();
    let reader = open_responses(&args.data, scorer.items(), &options)?;
    let columns = ScoreColumns {
        id: reader.id_column().unwrap_or("row").to_owned(),
        kept: args.keep.clone(),
        scales: scorer.scales().iter().map(|s| s.id.clone()).collect(),
    };
    Ok(Request {
        plan,
        instrument,
        scorer,
        reader,
        columns,
        dialect: args.csv_dialect,
    })
}

/// Scores each row as it is read and writes it at once through the format's streaming
/// writer, so memory stays constant however long the file (docs/architecture.md).
fn stream(request: Request) -> anyhow::Result<Tally> {
    let Request {
        plan,
        instrument,
        scorer,
        mut reader,
        columns,
        dialect,
    } = request;
    let mut out = plan.open()?;
    let header_problems = reader.header_problems().to_vec();
    let mut writer: Box<dyn ScoreWriter + '_> = match plan.format {
        Format::Csv => Box::new(CsvScores::with_dialect(&mut out, &columns, dialect)?),
        Format::Xlsx => Box::new(XlsxScores::new(&mut out, &columns)?),
        Format::Sav => {
            // rows wait in a temporary file until string widths and the case count are known
            let spool = tempfile::tempfile().context("cannot create a temporary file")?;
            let scales = score_variables(&instrument, &scorer);
            Box::new(SavScores::new(
                &mut out,
                spool,
                &columns,
                &scales,
                unix_now(),
            ))
        }
        Format::Json => {
            // the problems follow the scores in the document: they wait in a temporary file
            let spool = tempfile::tempfile().context("cannot create a temporary file")?;
            Box::new(JsonScores::new(&mut out, columns, spool, &header_problems)?)
        }
        other => return Err(FORMATS.refuse(other)),
    };
    let mut row = Row::default();
    let mut scores = Vec::new();
    let mut flagged_rows = 0u64;
    let mut problems = header_problems.len() as u64;
    let mut languages = LanguageCounts::default();
    while reader.next_row(&mut row)? {
        languages.add(&row);
        scorer.score_into(&row.values, &mut scores);
        writer.row(ScoreRow {
            id: &row.id,
            kept: &row.kept,
            scores: &scores,
            problems: &row.problems,
        })?;
        if !row.problems.is_empty() {
            flagged_rows += 1;
            problems += row.problems.len() as u64;
        }
    }
    let drafts = psym_translate::draft_language_use(&instrument, languages.iter());
    writer.warnings(&drafts);
    writer.finish()?;
    out.finish()?;
    Ok(Tally {
        rows: reader.rows_read(),
        flagged_rows,
        problems,
        header_problems,
        drafts,
    })
}

/// What SPSS shows about each score variable: the scale's name in the instrument's source
/// language (else its id) and how it is scored, as the variable label. Value labels stay empty:
/// when the instrument format gains score bands, their lower bounds and names go here.
fn score_variables(instrument: &Instrument, scorer: &Scorer) -> Vec<ScoreVariable> {
    scorer
        .scales()
        .iter()
        .map(|rule| {
            let scale = instrument.scales.iter().find(|s| s.id == rule.id);
            let name = scale
                .and_then(|s| s.name.get(&instrument.source_language))
                .cloned()
                .unwrap_or_else(|| rule.id.clone());
            let how = scale.map_or_else(String::new, |s| {
                format!(" ({} of {} items)", s.method, s.items.len())
            });
            ScoreVariable {
                label: format!("{name}{how}"),
                value_labels: Vec::new(),
            }
        })
        .collect()
}

/// Seconds since 1970-01-01 UTC, for the header of written files (0 if the clock is earlier).
fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
