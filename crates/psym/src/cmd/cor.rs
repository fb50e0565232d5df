//! `psym cor`: correlation matrices (Pearson, Spearman, polychoric, tetrachoric), and the data
//! loading shared by `psym efa` and `psym parallel`.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;
use nalgebra::DMatrix;
use psym_data::{ItemSpec, Responses};
use psym_instrument::Instrument;
use psym_report::categories::{categories_json, category_lines};
use psym_report::doc;
use psym_report::efa::{CorReport, cor};
use psym_report::subject::{Names, stats_error};
use psym_score::{parse_keys, reverse_columns};
use psym_stats::categories::{CategoryReport, check_categories, perfect_associations};
use psym_stats::correlate::{CorOptions, Correlations, correlate};
use psym_stats::{CorMethod, MissingPolicy, RowCount, cov};

use crate::advice;
use crate::cmd::common::{
    ReadArgs, dropped_rows_warning, instrument_files, load_instrument, response_categories,
    warn_on_stderr,
};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};

/// What `psym cor` writes.
const FORMATS: Formats = Formats {
    what: "psym cor",
    accepted: &[Format::Text, Format::Json, Format::Csv, Format::Md],
};

/// Where the items come from and how to correlate them (shared by cor, efa, parallel).
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx, .xls or .ods workbook, SPSS
    /// .sav or .zsav)
    pub data: PathBuf,
    /// Instrument file: analyse its items (reverse keys are not applied: signs of loadings
    /// show the keying)
    #[arg(long, value_name = "FILE", conflicts_with = "items")]
    pub instrument: Option<PathBuf>,
    /// Items to analyse, separated by spaces or commas; a leading '-' reverses an item
    /// (min + max − x), e.g. --items "-A1 A2 A3"
    #[arg(
        long,
        value_name = "LIST",
        allow_hyphen_values = true,
        required_unless_present = "instrument"
    )]
    pub items: Option<String>,
    /// Lowest answer of the response scale, for reversing [default: instrument, else the lowest
    /// value observed]
    #[arg(long, value_name = "X")]
    pub scale_min: Option<f64>,
    /// Highest answer of the response scale, for reversing
    #[arg(long, value_name = "X")]
    pub scale_max: Option<f64>,
    /// Missing-data rule
    #[arg(long, default_value = "pairwise")]
    pub missing: MissingPolicy,
    /// Smooth a correlation matrix that is not positive definite (psych's cor.smooth); by
    /// default such a matrix is reported and left as it is
    #[arg(long)]
    pub smooth: bool,
    /// Continuity correction of polychoric and tetrachoric tables: each empty cell counts as
    /// X/n; 0 = none [default: as psych: 0.5 for tetrachoric; for polychoric none, or 0.5 when
    /// items differ in their highest answer and psych fits each pair with its own thresholds]
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    pub correct: Option<f64>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Item responses loaded for an analysis.
pub struct Loaded {
    /// Item ids (without the '-' marks).
    pub items: Vec<String>,
    /// Respondents × items, NaN = missing; reversed items already reversed.
    pub matrix: DMatrix<f64>,
    /// Values of the `--group` column per row, when asked for.
    pub groups: Option<Vec<String>>,
    /// The instrument, when one was given.
    pub instrument: Option<Instrument>,
}

impl DataArgs {
    /// The files read: the response file, and the instrument with its overlays.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut files = vec![self.data.clone()];
        if let Some(i) = &self.instrument {
            files.extend(instrument_files(i));
        }
        files
    }

    /// Reads the response file; `group` names a column to keep for per-group analyses.
    pub fn load(&self, group: Option<&str>) -> anyhow::Result<Loaded> {
        let instrument = self
            .instrument
            .as_deref()
            .map(load_instrument)
            .transpose()?;
        let (specs, reversed): (Vec<ItemSpec>, Vec<bool>) = match (&instrument, &self.items) {
            (Some(inst), _) => (psym_score::item_specs(inst), vec![false; inst.items.len()]),
            (None, Some(list)) => parse_keys(list)?
                .iter()
                .map(|k| (ItemSpec::continuous(&k.item), k.reverse))
                .unzip(),
            (None, None) => bail!("name the items with --items or --instrument"),
        };
        if specs.len() < 2 {
            bail!("at least two items are needed, got {}", specs.len());
        }
        let mut options = self.read.options(instrument.as_ref())?;
        options.keep = group.map(|g| vec![g.to_owned()]).unwrap_or_default();
        let responses = Responses::read(&self.data, &specs, &options)
            .with_context(|| format!("cannot read {}", self.data.display()))?;
        responses.require_columns(&self.data, |_| true)?;
        let mut matrix = responses.matrix;
        let scale = instrument.as_ref().and_then(|i| i.response_scale.as_ref());
        let range = (
            self.scale_min.or(scale.map(|s| s.min)),
            self.scale_max.or(scale.map(|s| s.max)),
        );
        reverse_columns(&mut matrix, &responses.items, &reversed, range)?;
        let groups = group.map(|_| {
            responses
                .kept
                .iter()
                .map(|k| k.first().cloned().unwrap_or_default())
                .collect()
        });
        Ok(Loaded {
            items: responses.items,
            matrix,
            groups,
            instrument,
        })
    }

    /// Correlations of the columns of `x` under these arguments (missing-data rule, smoothing).
    pub fn correlations(
        &self,
        x: &DMatrix<f64>,
        items: &[String],
        method: CorMethod,
    ) -> anyhow::Result<Correlations> {
        let correct = match (self.correct, method) {
            (Some(c), _) if !(c.is_finite() && c >= 0.0) => {
                bail!("--correct must be a number of at least 0 (0 = no correction), got {c}")
            }
            (Some(_), CorMethod::Pearson | CorMethod::Spearman) => {
                bail!("--correct applies to polychoric and tetrachoric correlations only")
            }
            (correct, _) => correct,
        };
        let options = CorOptions {
            method,
            missing: self.policy(),
            correct,
            smooth: self.smooth,
        };
        correlate(x, &options).map_err(|e| anyhow::anyhow!(stats_error(&e, items)))
    }

    /// Respondents behind the analysis of `x`: every row read (psych's `n.obs`), or with
    /// `--missing listwise` the complete rows only.
    pub fn n_obs(&self, x: &DMatrix<f64>) -> usize {
        match self.policy() {
            MissingPolicy::Pairwise => x.nrows(),
            MissingPolicy::Listwise => cov::complete_rows(x).len(),
        }
    }

    /// Warnings about the rows behind an analysis: listwise deletion that dropped more than a
    /// tenth of them.
    pub fn warnings(&self, rows: &RowCount) -> Vec<String> {
        match self.policy() {
            MissingPolicy::Listwise => {
                dropped_rows_warning(rows, "--missing pairwise uses every answered pair")
                    .into_iter()
                    .collect()
            }
            MissingPolicy::Pairwise => Vec::new(),
        }
    }

    /// The missing-data rule.
    pub fn policy(&self) -> MissingPolicy {
        self.missing
    }
}

/// Correlation matrix of a set of items.
///
/// Pearson and Spearman with pairwise (default) or listwise deletion; polychoric and
/// tetrachoric by the two-step method with psych's defaults for empty table cells (no
/// continuity correction for polychoric unless items differ in their highest answer, 0.5 for
/// tetrachoric; --correct changes it), reported with each item's thresholds. A matrix that is
/// not positive definite is reported (exit status 1) and smoothed only with --smooth.
///
/// Example: psym cor tests/data/bfi.csv --items "A1 A2 A3 A4 A5" --method polychoric
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct CorArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Correlation type
    #[arg(long, default_value = "pearson")]
    method: CorMethod,
    /// With --method polychoric or tetrachoric: merge each category with fewer than MIN
    /// answers into its adjacent category (the sparser neighbour) first; every merge is reported
    #[arg(long, value_name = "MIN")]
    collapse: Option<usize>,
    #[command(flatten)]
    output: OutputArgs,
}

/// A resolved `psym cor` run: where the output goes and the responses.
struct Request {
    /// The settled output.
    plan: Plan,
    /// The items' responses.
    loaded: Loaded,
}

/// A correlation matrix with what is reported about it.
struct Analysis {
    /// The matrix, its thresholds and treatment of empty cells.
    c: Correlations,
    /// Whether the matrix (after any smoothing) is positive definite.
    positive_definite: bool,
    /// Respondents behind the statistics.
    n: usize,
    /// Rows used and read.
    rows: RowCount,
    /// Warnings about the data.
    warnings: Vec<String>,
    /// Unused and merged categories (polychoric and tetrachoric only).
    categories: Option<CategoryReport>,
}

/// Runs `psym cor`: resolve the arguments, correlate, render.
pub fn run(args: CorArgs) -> anyhow::Result<Outcome> {
    let request = resolve(&args)?;
    let analysis = analyse(&args, &request)?;
    render(&args, &request, &analysis)?;
    let perfect = (analysis.categories.as_ref()).is_some_and(CategoryReport::has_errors);
    Ok(Outcome::problems_if(!analysis.positive_definite || perfect))
}

/// Settles the output and reads the responses.
fn resolve(args: &CorArgs) -> anyhow::Result<Request> {
    let plan = args.output.resolve(&FORMATS, &args.data.inputs())?;
    let loaded = args.data.load(None)?;
    Ok(Request { plan, loaded })
}

/// Correlates the items (for polychoric and tetrachoric correlations after reporting unused
/// categories and merging sparse ones with --collapse) and checks that the matrix is positive
/// definite.
fn analyse(args: &CorArgs, request: &Request) -> anyhow::Result<Analysis> {
    let loaded = &request.loaded;
    let ordinal = matches!(args.method, CorMethod::Polychoric | CorMethod::Tetrachoric);
    if args.collapse.is_some() && !ordinal {
        bail!("--collapse applies to polychoric and tetrachoric correlations only");
    }
    let mut matrix = loaded.matrix.clone();
    let mut categories = ordinal.then(|| {
        let scale = response_categories(
            loaded.instrument.as_ref(),
            args.data.scale_min,
            args.data.scale_max,
        );
        check_categories(&mut matrix, scale.as_deref(), args.collapse, None)
    });
    let c = args
        .data
        .correlations(&matrix, &loaded.items, args.method)?;
    if let Some(report) = &mut categories {
        report.diagnostics.extend(perfect_associations(&c.matrix));
    }
    let rows = RowCount::for_policy(&matrix, args.data.policy());
    let mut warnings = args.data.warnings(&rows);
    if let Some(report) = &categories {
        let names = Names::items(&loaded.items);
        warnings.extend(category_lines(report, &names, advice::categories));
    }
    Ok(Analysis {
        positive_definite: psym_stats::linalg::is_positive_definite(&c.matrix),
        n: args.data.n_obs(&matrix),
        warnings,
        rows,
        c,
        categories,
    })
}

/// Writes the JSON contract or the document; a CSV's warnings go to standard error.
fn render(args: &CorArgs, request: &Request, a: &Analysis) -> anyhow::Result<()> {
    let report = CorReport {
        items: &request.loaded.items,
        method: args.method.name(),
        n: a.n,
        rows: a.rows,
        warnings: &a.warnings,
        missing: if args.data.policy() == MissingPolicy::Pairwise {
            "pairwise"
        } else {
            "listwise"
        },
        matrix: &a.c.matrix,
        thresholds: a.c.thresholds.as_deref(),
        continuity: a.c.continuity,
        smoothed: a.c.smoothed,
        positive_definite: a.positive_definite,
        categories: (a.categories.as_ref())
            .map(|r| categories_json(r, &Names::items(&request.loaded.items), advice::categories)),
        advise: advice::efa,
    };
    let format = request.plan.format;
    let mut out = request.plan.open()?;
    if format == Format::Json {
        write_json(&mut out, &report)?;
    } else {
        let document = cor::document(&report, format);
        doc::write(&mut out, &document, format)?;
        if format == Format::Csv {
            // a CSV table has no place for the reason of exit status 1
            warn_on_stderr(document.warnings());
        }
    }
    out.finish()
}
