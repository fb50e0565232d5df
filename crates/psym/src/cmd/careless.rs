//! `psym careless`: careless-responding indices per respondent, in two streamed passes.

use std::path::{Path, PathBuf};

use clap::Args;
use psym_careless::{FirstPass, Layout, Options, Sample, Summary};
use psym_data::{Duration, ReadOptions, Row};
use psym_instrument::Instrument;
use psym_report::careless::{
    CarelessWriter, CsvCareless, DocumentCareless, Head, JsonCareless, Respondent,
};

use crate::cmd::common::{ReadArgs, instrument_files, load_instrument, open_responses};
use crate::output::{Format, Formats, Outcome, OutputArgs};

/// What `psym careless` writes.
const FORMATS: Formats = Formats {
    what: "psym careless",
    accepted: &[Format::Text, Format::Json, Format::Csv, Format::Md],
};

/// Careless-responding indices per respondent: longstring, IRV, Mahalanobis D², even-odd
/// consistency, psychometric synonyms and antonyms, person-total correlation, completion time.
///
/// Reads the file twice in constant memory (sample statistics, then each row). Text and
/// Markdown list the flagged respondents; CSV and JSON every respondent, in input order, to
/// merge with the data by id. Flagged rows are reported, never dropped. Formulas and sources:
/// docs/methods/careless.md. Exit status: 0 no respondent flagged, 1 some flagged, 2 could not
/// run.
///
/// Example: psym careless --instrument instruments/open-alliance-12.json docs/examples/alliance_en_nb.csv --format csv --out flags.csv
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct CarelessArgs {
    /// Instrument file (JSON): its items, subscales and reverse keys
    #[arg(long, value_name = "FILE")]
    instrument: PathBuf,
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx, .xls or .ods workbook, SPSS
    /// .sav or .zsav)
    data: PathBuf,
    #[command(flatten)]
    settings: CarelessSettings,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// The thresholds of the indices and the duration column (shared with `psym validate
/// --careless`); defaults and sources in docs/methods/careless.md.
#[derive(Debug, Clone, Args)]
pub struct CarelessSettings {
    /// Column with each respondent's completion time in seconds (flags fast respondents)
    #[arg(long, value_name = "NAME")]
    duration: Option<String>,
    /// Flag a longstring above N items [default: half the items]
    #[arg(long, value_name = "N")]
    longstring_max: Option<usize>,
    /// Flag an IRV (SD of a respondent's answers) below F [default: not flagged]
    #[arg(long, value_name = "F")]
    irv_min: Option<f64>,
    /// Flag a Mahalanobis D² whose χ² p value is below F
    #[arg(long, value_name = "F", default_value_t = Options::default().mahalanobis_alpha)]
    mahalanobis_alpha: f64,
    /// Flag an even-odd consistency below F
    #[arg(long, value_name = "F", default_value_t = Options::default().even_odd_min, allow_negative_numbers = true)]
    even_odd_min: f64,
    /// Item pairs correlating above F (below −F) are psychometric synonyms (antonyms)
    #[arg(long, value_name = "F", default_value_t = Options::default().synonym_cutoff)]
    synonym_cutoff: f64,
    /// Flag a psychometric synonyms correlation below F
    #[arg(long, value_name = "F", default_value_t = Options::default().synonyms_min, allow_negative_numbers = true)]
    synonyms_min: f64,
    /// Flag a psychometric antonyms correlation above F
    #[arg(long, value_name = "F", default_value_t = Options::default().antonyms_max, allow_negative_numbers = true)]
    antonyms_max: f64,
    /// Flag a person-total correlation below F
    #[arg(long, value_name = "F", default_value_t = Options::default().person_total_min, allow_negative_numbers = true)]
    person_total_min: f64,
    /// Flag a completion time below F seconds per item (with --duration)
    #[arg(long, value_name = "F", default_value_t = Options::default().seconds_per_item)]
    seconds_per_item: f64,
}

impl CarelessSettings {
    /// The library's options (checked when the first pass starts).
    fn options(&self) -> Options {
        Options {
            longstring_max: self.longstring_max,
            irv_min: self.irv_min,
            mahalanobis_alpha: self.mahalanobis_alpha,
            even_odd_min: self.even_odd_min,
            synonym_cutoff: self.synonym_cutoff,
            synonyms_min: self.synonyms_min,
            antonyms_max: self.antonyms_max,
            person_total_min: self.person_total_min,
            seconds_per_item: self.seconds_per_item,
        }
    }
}

/// A resolved careless analysis: the instrument's layout, how to read the file, the options.
pub struct Passes {
    /// The response file.
    data: PathBuf,
    /// Item ids, by column.
    pub items: Vec<String>,
    /// Subscales, reverse keys and range.
    layout: Layout,
    /// Read options (the duration column kept).
    read: ReadOptions,
    /// The thresholds.
    options: Options,
    /// The duration column, when checked.
    pub duration: Option<String>,
}

impl Passes {
    /// Resolves the settings against a loaded instrument.
    pub fn resolve(
        data: &Path,
        instrument: &Instrument,
        read: &ReadArgs,
        settings: &CarelessSettings,
    ) -> anyhow::Result<Passes> {
        let mut options = read.options(Some(instrument))?;
        options.keep = settings.duration.iter().cloned().collect();
        Ok(Passes {
            data: data.to_path_buf(),
            items: instrument.items.iter().map(|i| i.id.clone()).collect(),
            layout: layout(instrument),
            read: options,
            options: settings.options(),
            duration: settings.duration.clone(),
        })
    }

    /// The first pass: the sample's means, covariances and synonym pairs, and the name of
    /// the file's id column (`row` when rows are numbered).
    pub fn first(&self, instrument: &Instrument) -> anyhow::Result<(Sample, String)> {
        let mut pass = FirstPass::new(self.layout.clone(), self.options)?;
        let mut reader = self.open(instrument)?;
        let mut row = Row::default();
        while reader.next_row(&mut row)? {
            pass.push(&row.values);
        }
        let id_column = reader.id_column().unwrap_or("row").to_owned();
        Ok((pass.finish(), id_column))
    }

    /// The second pass: each row's indices, handed to `each` in input order.
    pub fn second(
        &self,
        instrument: &Instrument,
        sample: &Sample,
        mut each: impl FnMut(Respondent<'_>) -> std::io::Result<()>,
    ) -> anyhow::Result<Summary> {
        let mut reader = self.open(instrument)?;
        let mut row = Row::default();
        let mut summary = Summary::default();
        while reader.next_row(&mut row)? {
            let duration = match row.kept.first().map(|d| (d, Duration::parse(d))) {
                Some((_, Duration::Seconds(s))) => Some(s),
                Some((cell, Duration::Unreadable)) => {
                    summary.unreadable_duration(row.line, cell);
                    None
                }
                _ => None,
            };
            let indices = sample.indices(&row.values, duration);
            summary.add(&indices);
            each(Respondent {
                line: row.line,
                id: &row.id,
                indices: &indices,
            })?;
        }
        Ok(summary)
    }

    fn open(&self, instrument: &Instrument) -> anyhow::Result<psym_data::ResponseReader> {
        open_responses(&self.data, &psym_score::item_specs(instrument), &self.read)
    }
}

/// The instrument's structure by column: its subscales (scales that are not composites of
/// others) for even-odd consistency, its reverse keys and response range.
fn layout(instrument: &Instrument) -> Layout {
    let column = |id: &String| instrument.items.iter().position(|i| &i.id == id);
    Layout {
        items: instrument.items.len(),
        subscales: instrument
            .subscales()
            .iter()
            .map(|s| s.items.iter().filter_map(column).collect())
            .collect(),
        reversed: instrument.items.iter().map(|i| i.reverse).collect(),
        range: instrument.response_scale.as_ref().map(|r| (r.min, r.max)),
    }
}

/// Runs `psym careless`: resolve, first pass, then the second pass streamed to the writer.
pub fn run(args: CarelessArgs) -> anyhow::Result<Outcome> {
    let mut inputs = instrument_files(&args.instrument);
    inputs.push(args.data.clone());
    let plan = args.output.resolve(&FORMATS, &inputs)?;
    let instrument = load_instrument(&args.instrument)?;
    let passes = Passes::resolve(&args.data, &instrument, &args.read, &args.settings)?;
    let (sample, id_column) = passes.first(&instrument)?;
    let file = args.data.display().to_string();
    let head = Head {
        file: &file,
        items: &passes.items,
        sample: &sample,
        duration: passes.duration.as_deref(),
        advise: crate::advice::careless,
    };
    let mut out = plan.open()?;
    let mut writer: Box<dyn CarelessWriter + '_> = match plan.format {
        Format::Csv => Box::new(CsvCareless::new(
            &mut out,
            &id_column,
            head.duration.is_some(),
        )?),
        Format::Json => Box::new(JsonCareless::new(&mut out, &head)?),
        format => Box::new(DocumentCareless::new(&mut out, head, format)),
    };
    let summary = passes.second(&instrument, &sample, |r| writer.row(r))?;
    writer.finish(&summary)?;
    out.finish()?;
    warn_unreadable_durations(plan.format, &summary);
    Ok(Outcome::problems_if(summary.has_findings()))
}

/// In CSV, which has no place for it, the warning about unreadable durations goes to stderr
/// (the other formats carry it in the output).
pub fn warn_unreadable_durations(format: Format, summary: &Summary) {
    if format == Format::Csv
        && let Some(note) = psym_report::careless::unreadable_durations(summary)
    {
        eprintln!("psym: warning: {note}");
    }
}
