//! `psym report`: one self-contained HTML report (or Markdown with SVG figures) of an
//! instrument on a batch of responses: data quality, item distributions, scale scores,
//! reliability, dimensionality, EFA, CFA and, with `--group`, measurement invariance.

mod analyse;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use psym_closed_set::ClosedSet;
use psym_data::{Groups, Responses, Validation};
use psym_efa::Rotation;
use psym_instrument::Instrument;
use psym_report::doc::{Block, Document};
use psym_report::html::{Page, render_html};
use psym_report::report::{Catalogue, Lang, Msg};
use psym_sem::{Estimator, Missing};
use psym_translate::RenderFormat;

use crate::cmd::careless::CarelessSettings;
use crate::cmd::common::{ReadArgs, instrument_files, load_instrument, open_responses};
use crate::output::{Outcome, Sink, check_extension, refuse_inputs};

/// One self-contained HTML report with plots: the whole psychometric picture of a batch.
///
/// Sections: what was analysed (with the command to reproduce it), data quality, item
/// response distributions, scale scores, reliability, dimensionality (parallel analysis, MAP,
/// KMO), exploratory and confirmatory factor analysis (with the instrument's competing
/// models) and, with --group, measurement invariance. Each section opens with a
/// plain-language reading. The page loads nothing from anywhere (inline CSS and SVG, no
/// script) and prints on A4 with one section per page. Exit status 1 when an analysis found
/// problems (invalid rows, an inadmissible solution, a keying warning) or could not be run.
///
/// Example: psym report --instrument instruments/open-alliance-12.json docs/examples/alliance_en_nb.csv --group lang --out report.html
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Instrument file (JSON): items, scales, response scale, competing models
    #[arg(long, value_name = "FILE")]
    instrument: PathBuf,
    /// Response file (CSV, other text tables, .xlsx, .xls or .ods workbook, SPSS .sav or .zsav)
    data: PathBuf,
    /// Column holding each respondent's group (language, office, …): bars, scores and EFA by
    /// group, and the measurement-invariance section
    #[arg(long, value_name = "COL")]
    group: Option<String>,
    /// Language of the item texts (any language of the instrument) and of the report's words
    /// (en or nb; for another language the words are in English, with a warning)
    #[arg(long, default_value = "en", value_name = "LANG")]
    lang: String,
    /// Output format [default: html, or md when --out ends in .md]
    #[arg(long)]
    format: Option<RenderFormat>,
    /// Write the report to this file instead of standard output (Markdown: the figures are
    /// written beside it)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Also write each figure as its own SVG file into this folder
    #[arg(long, value_name = "DIR")]
    figures: Option<PathBuf>,
    /// Number of factors of the EFA section [default: the instrument's number of subscales]
    #[arg(long, value_name = "K")]
    factors: Option<usize>,
    /// Rotation of the EFA section (as psym efa --rotate; target and targetT rotate towards
    /// the instrument's subscales)
    #[arg(long, default_value = "oblimin", value_name = "NAME")]
    rotation: Rotation,
    /// Estimator of the CFA and invariance sections: ml or mlr (robust, Yuan–Bentler); with
    /// --ordered wlsmv [default: ml, with --ordered wlsmv]
    #[arg(long)]
    estimator: Option<Estimator>,
    /// Missing-data rule of the CFA and invariance sections: listwise or fiml (with --ordered
    /// listwise)
    #[arg(long, default_value = "listwise")]
    missing: Missing,
    /// Items to treat as ordered categories (as psym cfa --ordered): "all", or a list ("i1 i2"
    /// or "i1,i2"); the CFA and invariance sections fit them by WLSMV on the polychoric
    /// correlations (lavaan's ordered=)
    #[arg(long, value_name = "all|LIST")]
    ordered: Option<String>,
    /// With --ordered: merge each category with fewer than MIN answers into its adjacent
    /// category before fitting (as psym cfa --collapse); every merge is reported
    #[arg(long, value_name = "MIN", requires = "ordered")]
    collapse: Option<usize>,
    #[command(flatten)]
    careless: CarelessSettings,
    #[command(flatten)]
    read: ReadArgs,
}

impl ReportArgs {
    /// The estimator of the CFA and invariance sections: `--estimator`, else ML, or WLSMV
    /// with `--ordered`.
    fn estimator(&self) -> Estimator {
        match (self.estimator, &self.ordered) {
            (Some(e), _) => e,
            (None, None) => Estimator::Ml,
            (None, Some(_)) => Estimator::Wlsmv,
        }
    }
}

/// A resolved `psym report` run: the format, the instrument, the validation and the answers.
struct Request {
    /// HTML or Markdown.
    format: RenderFormat,
    /// The instrument.
    instrument: Instrument,
    /// Every problem of the file (one streamed pass).
    validation: Validation,
    /// Every item's answers, with the group column kept.
    responses: Responses,
    /// Each row's group, with --group.
    groups: Option<Groups>,
}

/// Runs `psym report`: resolve, analyse, lay out, write.
pub fn run(args: ReportArgs) -> anyhow::Result<Outcome> {
    let request = resolve(&args)?;
    if args.lang.parse::<Lang>().is_err() {
        crate::cmd::common::warn_on_stderr([format!(
            "the report's words have no '{}' catalogue (languages: {}); they are in English, the item texts in '{}'",
            args.lang,
            Lang::all()
                .iter()
                .map(|l| l.name())
                .collect::<Vec<_>>()
                .join(", "),
            args.lang
        )]);
    }
    let analyses = analyse::run(&args, &request)?;
    let document = analyses.document(&args, &request)?;
    write(&args, request.format, &document)?;
    Ok(Outcome::problems_if(analyses.troubled(&request)))
}

/// Settles the format and the output files, loads the instrument, validates the file and
/// reads the answers.
fn resolve(args: &ReportArgs) -> anyhow::Result<Request> {
    match (args.estimator(), &args.ordered) {
        (Estimator::Ml | Estimator::Mlr, None) | (Estimator::Wlsmv, Some(_)) => {}
        (e, None) => bail!(
            "--estimator {e} is not available in the report for continuous items: ml or mlr; \
             --ordered all (or a list of items) fits ordered items by wlsmv"
        ),
        (e, Some(_)) => bail!(
            "--ordered items are fitted by wlsmv in the report; --estimator {e} is for \
             continuous items (leave out --ordered, or --estimator)"
        ),
    }
    if args.ordered.is_some() && args.missing != Missing::Listwise {
        bail!(
            "--missing {} is not available with --ordered: the report fits ordered items on \
             the complete rows (listwise)",
            args.missing
        );
    }
    if !matches!(args.missing, Missing::Listwise | Missing::Fiml) {
        bail!(
            "--missing {} is not available in the report: listwise or fiml",
            args.missing
        );
    }
    if args.factors == Some(0) {
        bail!("--factors must be at least 1");
    }
    let format = args
        .format
        .or_else(|| args.out.as_deref().and_then(RenderFormat::from_path))
        .unwrap_or_default();
    let mut inputs = instrument_files(&args.instrument);
    inputs.push(args.data.clone());
    if let Some(out) = &args.out {
        check_extension(out, &format!("a {format} report"), format.extensions())?;
        refuse_inputs(out, &inputs)?;
    } else if format == RenderFormat::Markdown {
        bail!("--format md needs --out FILE: the figures are written as SVG files beside it");
    }
    let instrument = load_instrument(&args.instrument)?;
    let specs = psym_score::item_specs(&instrument);
    let mut options = args.read.options(Some(&instrument))?;
    let validation = psym_data::validate(open_responses(&args.data, &specs, &options)?)?;
    options.keep = args.group.iter().cloned().collect();
    let responses = Responses::read(&args.data, &specs, &options)
        .with_context(|| format!("cannot read {}", args.data.display()))?;
    responses.require_columns(&args.data, |_| true)?;
    let groups = args.group.as_ref().map(|_| {
        Groups::of(
            responses
                .kept
                .iter()
                .map(|k| k.first().map_or("", String::as_str)),
        )
    });
    if let (Some(g), Some(column)) = (groups.as_ref().filter(|g| g.labels.len() < 2), &args.group) {
        bail!(
            "--group {column} has {} distinct value(s); a comparison needs at least two groups",
            g.labels.len()
        );
    }
    Ok(Request {
        format,
        instrument,
        validation,
        responses,
        groups,
    })
}

/// Writes the page (or the Markdown and its figures) and, with --figures, each figure.
fn write(args: &ReportArgs, format: RenderFormat, document: &Document) -> anyhow::Result<()> {
    let figures: Vec<_> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
        .collect();
    if let Some(dir) = &args.figures {
        write_figures(dir, &figures)?;
    }
    let text = match format {
        RenderFormat::Html => {
            let title = document.blocks.iter().find_map(|b| match b {
                Block::Heading { level: 1, text } => Some(text.as_str()),
                _ => None,
            });
            let page = Page {
                lang: catalogue(args).lang.name(),
                dir: catalogue(args).lang.direction(),
                title: title.unwrap_or("psym report"),
            };
            render_html(document, &page)
        }
        RenderFormat::Markdown => {
            let beside = args
                .out
                .as_deref()
                .and_then(Path::parent)
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            write_figures(&beside, &figures)?;
            let c = catalogue(args);
            psym_report::doc::render_markdown_labelled(
                document,
                c.text(Msg::NoteLabel),
                c.text(Msg::WarningLabel),
            )
        }
    };
    let mut out = Sink::open(args.out.as_deref())?;
    out.write_all(text.as_bytes())?;
    out.finish()
}

/// Writes each figure as `{id}.svg` into `dir` (created when missing).
fn write_figures(dir: &Path, figures: &[&psym_report::doc::Figure]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    for f in figures {
        let path = dir.join(format!("{}.svg", f.id));
        crate::output::write_file(&path, f.svg.as_bytes())?;
    }
    Ok(())
}

/// The report's catalogue for `--lang`: its own, or English for a language the catalogue
/// does not have (the item texts are still in that language).
fn catalogue(args: &ReportArgs) -> Catalogue {
    Catalogue::new(args.lang.parse().unwrap_or(Lang::En))
}

/// The language of the item texts for `--lang`: the catalogue's code for a language it
/// knows under another name (`no` is `nb`), else `--lang` as given.
fn item_language(args: &ReportArgs) -> String {
    args.lang
        .parse::<Lang>()
        .map_or_else(|_| args.lang.clone(), |l| l.name().to_string())
}
