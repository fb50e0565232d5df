//! `psym score`: scale scores per respondent, streamed row by row.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use psym_data::{LanguageCounts, Problem, ProblemKind, ResponseReader, Row};
use psym_instrument::Instrument;
use psym_report::score::{
    Cell, CsvDialect, CsvScores, JsonScores, SavScores, ScoreColumns, ScoreRow, ScoreVariable,
    ScoreWriter, XlsxScores,
};
use psym_score::norms::{NormFile, NormMiss};
use psym_score::{BandColumn, ScoreOptions, Scorer, band_columns};
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
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx, .xls or .ods workbook, SPSS
    /// .sav or .zsav)
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
    /// Language of the band labels of scales that declare bands [default: the instrument's
    /// source language]
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Norm file written by `psym norms`: adds each normed scale's percentile rank, normalised
    /// T-score and stanine (`<scale>_percentile`, `<scale>_t`, `<scale>_stanine`); a score
    /// beyond the norm table or a group without norms is a problem of the row
    #[arg(long, value_name = "FILE")]
    norms: Option<PathBuf>,
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
    /// The output's columns: id, pass-through columns, one per scale, then the derived ones.
    columns: ScoreColumns,
    /// A band column for each scale with bands.
    bands: Vec<BandColumn>,
    /// The norms to apply, when given.
    norms: Option<Norms>,
    /// The conventions of CSV output.
    dialect: CsvDialect,
}

/// A norm file and how its tables apply to the rows.
struct Norms {
    /// The tables.
    file: NormFile,
    /// For each normed scale: its index among the scorer's scales and its id.
    scales: Vec<(usize, String)>,
    /// Position of the group column among the row's kept values (after the `--keep` ones).
    group: Option<usize>,
}

impl Norms {
    /// The norm file at `path`, checked against the instrument; the group column it names is
    /// appended to the columns the reader keeps.
    fn load(
        path: &Path,
        instrument: &Instrument,
        scorer: &Scorer,
        keep: &mut Vec<String>,
    ) -> anyhow::Result<Norms> {
        let file = NormFile::load(path)?;
        file.check_instrument(instrument, path)?;
        let scales: Vec<(usize, String)> = scorer
            .scales()
            .iter()
            .enumerate()
            .filter(|(_, s)| file.has_scale(&s.id))
            .map(|(j, s)| (j, s.id.clone()))
            .collect();
        if scales.is_empty() {
            anyhow::bail!(
                "{}: the norm file has no table for any of the scales scored",
                path.display()
            );
        }
        let group = file.group_column.as_ref().map(|g| {
            keep.push(g.clone());
            keep.len() - 1
        });
        Ok(Norms {
            file,
            scales,
            group,
        })
    }

    /// The derived column names: percentile, T and stanine of each normed scale.
    fn columns(&self) -> impl Iterator<Item = String> + '_ {
        self.variables().map(|(name, _)| name)
    }

    /// Each derived column's name and what it holds (a variable label).
    fn variables(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.scales.iter().flat_map(|(_, id)| {
            NORM_COLUMNS.map(|(suffix, what)| (format!("{id}_{suffix}"), format!("{id}: {what}")))
        })
    }

    /// Appends the norm cells of one row to `cells`, and a problem to `row` for each score that
    /// has no norms (outside the table, or a group without a table).
    fn apply<'a>(&self, row: &mut Row, scores: &[Option<f64>], cells: &mut Vec<Cell<'a>>) {
        let group = self.group.map(|g| row.kept[g].clone());
        for (j, scale) in &self.scales {
            let Some(score) = scores[*j] else {
                cells.extend([Cell::Blank; 3]);
                continue;
            };
            match self.file.norms_for(scale, group.as_deref(), score) {
                Ok(n) => cells.extend([
                    Cell::Number(n.percentile),
                    Cell::Number(n.t),
                    Cell::Number(f64::from(n.stanine)),
                ]),
                Err(miss) => {
                    cells.extend([Cell::Blank; 3]);
                    row.problems
                        .push(self.problem(row, scale, score, group.as_deref(), miss));
                }
            }
        }
    }

    fn problem(
        &self,
        row: &Row,
        scale: &str,
        score: f64,
        group: Option<&str>,
        miss: NormMiss,
    ) -> Problem {
        let (kind, column, value, message) = match miss {
            NormMiss::NoGroup => {
                let column = self.file.group_column.clone().unwrap_or_default();
                let group = group.unwrap_or_default();
                (
                    ProblemKind::NoNormGroup,
                    column.clone(),
                    group.to_owned(),
                    format!(
                        "the norm file has no table of scale '{scale}' for {column} = '{group}' (it has: {})",
                        self.file.groups().join(", ")
                    ),
                )
            }
            NormMiss::Outside { lo, hi } => (
                ProblemKind::OutsideNorms,
                scale.to_owned(),
                score.to_string(),
                format!(
                    "score {score} on '{scale}' is outside its norm table ({lo}–{hi}), so it has no percentile, T or stanine"
                ),
            ),
        };
        Problem {
            line: row.line,
            id: (!row.id.is_empty()).then(|| row.id.clone()),
            column: Some(column),
            value: Some(value),
            kind,
            message,
        }
    }
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
            "psym: {} problem(s); {} of {} row(s) flagged in the problems column (psym validate lists the data's problems in detail)",
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
    let norms = args
        .norms
        .as_deref()
        .map(|path| Norms::load(path, &instrument, &scorer, &mut options.keep))
        .transpose()?;
    let reader = open_responses(&args.data, scorer.items(), &options)?;
    let bands = band_columns(&instrument, &scorer, args.lang.as_deref())
        .with_context(|| format!("{}: --lang", args.instrument.display()))?;
    let mut derived: Vec<String> = bands.iter().map(|b| b.name.clone()).collect();
    derived.extend(norms.iter().flat_map(Norms::columns));
    let columns = ScoreColumns {
        id: reader.id_column().unwrap_or("row").to_owned(),
        kept: args.keep.clone(),
        scales: scorer.scales().iter().map(|s| s.id.clone()).collect(),
        derived,
    };
    Ok(Request {
        plan,
        instrument,
        scorer,
        reader,
        columns,
        bands,
        norms,
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
        bands,
        norms,
        dialect,
    } = request;
    let mut out = plan.open()?;
    let header_problems = reader.header_problems().to_vec();
    // the group column of the norms is read after the --keep columns, and not written
    let kept = columns.kept.len();
    let mut writer: Box<dyn ScoreWriter + '_> = match plan.format {
        Format::Csv => Box::new(CsvScores::with_dialect(&mut out, &columns, dialect)?),
        Format::Xlsx => Box::new(XlsxScores::new(&mut out, &columns)?),
        Format::Sav => {
            // rows wait in a temporary file until string widths and the case count are known
            let spool = tempfile::tempfile().context("cannot create a temporary file")?;
            let variables = sav_variables(&instrument, &scorer, &bands, norms.as_ref());
            Box::new(SavScores::new(
                &mut out,
                spool,
                &columns,
                &variables,
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
        let mut derived: Vec<Cell<'_>> = bands
            .iter()
            .map(|b| {
                b.band(scores[b.scale])
                    .map_or(Cell::Blank, |(code, text)| Cell::Label { code, text })
            })
            .collect();
        if let Some(norms) = &norms {
            norms.apply(&mut row, &scores, &mut derived);
        }
        writer.row(ScoreRow {
            id: &row.id,
            kept: &row.kept[..kept],
            scores: &scores,
            derived: &derived,
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

/// The suffix of each norm column and what it holds.
const NORM_COLUMNS: [(&str, &str); 3] = [
    ("percentile", "percentile rank (norms)"),
    ("t", "normalised T-score (norms)"),
    ("stanine", "stanine (norms)"),
];

/// What SPSS shows about each numeric variable, scores then derived columns: for a score,
/// the scale's name in the instrument's source language (else its id) and how it is scored;
/// for a band column, the scale's name and "band", with the band names as value labels of
/// the codes `1 …`; for a norm column, what it holds.
fn sav_variables(
    instrument: &Instrument,
    scorer: &Scorer,
    bands: &[BandColumn],
    norms: Option<&Norms>,
) -> Vec<ScoreVariable> {
    let name = |id: &str| {
        instrument
            .scale(id)
            .and_then(|s| s.name.get(&instrument.source_language))
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    };
    let scores = scorer.scales().iter().map(|rule| {
        let how = instrument.scale(&rule.id).map_or_else(String::new, |s| {
            format!(" ({} of {} items)", s.method, s.items.len())
        });
        ScoreVariable {
            label: format!("{}{how}", name(&rule.id)),
            value_labels: Vec::new(),
        }
    });
    let bands = bands.iter().map(|b| ScoreVariable {
        label: format!("{}: band", name(&scorer.scales()[b.scale].id)),
        value_labels: (1..).map(f64::from).zip(b.labels.iter().cloned()).collect(),
    });
    let norms = norms
        .into_iter()
        .flat_map(Norms::variables)
        .map(|(_, label)| ScoreVariable {
            label,
            value_labels: Vec::new(),
        });
    scores.chain(bands).chain(norms).collect()
}

/// Seconds since 1970-01-01 UTC, for the header of written files (0 if the clock is earlier).
fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
