//! `psym instrument new --from FILE`: a skeleton instrument from an SPSS file's dictionary, an
//! XLSForm or a REDCap data dictionary (psym_instrument::skeleton).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use psym_data::sav::{Dictionary, SavReader, is_sav};
use psym_data::workbook::is_workbook;
use psym_instrument::skeleton::{DraftItem, Skeleton, skeleton};
use psym_translate::WorkFileProblem;
use psym_translate::workfile::{read_csv, read_xlsx, redcap_items, xlsform_items};

use crate::output::{Format, Formats, Outcome, OutputArgs};

/// What `psym instrument new` writes.
const FORMATS: Formats = Formats {
    what: "psym instrument new",
    accepted: &[Format::Json],
};

/// Instrument files: make a new one from what a survey tool already knows.
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym instrument new --from survey.sav --id my-scale --lang nb --out my-scale.json"
)]
pub struct InstrumentArgs {
    #[command(subcommand)]
    command: InstrumentCommand,
}

#[derive(Debug, Subcommand)]
enum InstrumentCommand {
    /// A skeleton instrument from an SPSS .sav/.zsav, an XLSForm or a REDCap data dictionary
    New(NewArgs),
}

/// A skeleton instrument from the items another tool describes: variable labels or question
/// labels become item texts, value labels or choices the response scale's anchors, SPSS
/// user-missing values the missing codes. What the source cannot tell (the subscales, reverse
/// keys, the instrument's name) is listed as TODO lines in the instrument's notes and on
/// standard error; the skeleton scores all items as one placeholder scale `total` and loads
/// as it is.
///
/// Example: psym instrument new --from survey.sav --id my-scale --lang nb --out my-scale.json
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct NewArgs {
    /// The source: an SPSS data file (.sav, .zsav), an XLSForm (.xlsx with survey and choices
    /// sheets) or a REDCap data dictionary (.csv); recognised by content
    #[arg(long, value_name = "FILE")]
    from: PathBuf,
    /// The instrument's id [default: from the file name]
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Language of the item texts (a language tag such as en or nb); for an XLSForm, also the
    /// label column read (`label::… (nb)`, else `label`)
    #[arg(long, value_name = "LANG", default_value = "en")]
    lang: String,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `psym instrument …`.
pub fn run(args: InstrumentArgs) -> anyhow::Result<Outcome> {
    match args.command {
        InstrumentCommand::New(a) => new(a),
    }
}

/// Resolve (read the source's items), run (build the skeleton), write it and list the TODOs.
fn new(args: NewArgs) -> anyhow::Result<Outcome> {
    let plan = args
        .output
        .resolve(&FORMATS, std::slice::from_ref(&args.from))?;
    if !psym_instrument::is_language_tag(&args.lang) {
        bail!(
            "--lang {}: not a language tag (for example en, nb, pt-BR)",
            args.lang
        );
    }
    let id = args.id.clone().unwrap_or_else(|| id_from_path(&args.from));
    if !psym_instrument::is_valid_id(&id) {
        bail!("--id {id}: an id starts with a letter and holds letters, digits, '_', '.' and '-'");
    }
    let items = draft_items(&args.from, &args.lang)?;
    if items.is_empty() {
        bail!(
            "{}: no questionnaire items found (numeric variables, select_one/integer/decimal questions, radio/dropdown fields)",
            args.from.display()
        );
    }
    let Skeleton { instrument, todo } = skeleton(&id, &args.lang, &items);
    let defects = psym_instrument::check(&instrument);
    if !defects.is_empty() {
        bail!(
            "the skeleton would not load: {}",
            defects
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    let mut out = plan.open()?;
    out.write_all(psym_instrument::to_json_text(&instrument)?.as_bytes())?;
    out.finish()?;
    eprintln!(
        "psym: a skeleton of {} item(s); {} thing(s) left to do (also in its notes):",
        instrument.items.len(),
        todo.len()
    );
    for line in &todo {
        eprintln!("  {line}");
    }
    Ok(Outcome::Clean)
}

/// The source's items, by its content: an SPSS system file, a workbook (XLSForm), else a
/// text table (REDCap data dictionary).
fn draft_items(path: &Path, lang: &str) -> anyhow::Result<Vec<DraftItem>> {
    let file =
        File::open(path).with_context(|| format!("{}: cannot read the file", path.display()))?;
    let mut prefix = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(&file, 8), &mut prefix)?;
    if is_sav(&prefix) {
        let file = File::open(path)?;
        let sav =
            SavReader::new(file, None).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        return Ok(sav_items(sav.dictionary()));
    }
    let bytes = std::fs::read(path)?;
    let name = path.display().to_string();
    let listed = |problems: Vec<WorkFileProblem>| {
        let shown: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.location, p.message))
            .collect();
        anyhow::anyhow!("{name}: {}", shown.join("; "))
    };
    if is_workbook(&prefix) {
        let tables = read_xlsx(&bytes).map_err(listed)?;
        return xlsform_items(&tables, lang).map_err(listed);
    }
    let table = read_csv(&bytes, &name, false).map_err(listed)?;
    redcap_items(&table).map_err(listed)
}

/// Numeric variables as items (only those with value labels when any has them), their
/// variable labels as texts, value labels as anchors, and user-missing values as missing
/// codes: the discrete codes, and of a range its whole numbers when there are at most 20,
/// else the labelled values inside it.
fn sav_items(dictionary: &Dictionary) -> Vec<DraftItem> {
    let numeric: Vec<_> = dictionary
        .variables
        .iter()
        .filter(|v| v.is_numeric() && v.temporal().is_none())
        .collect();
    let labelled = numeric.iter().any(|v| !v.value_labels.is_empty());
    numeric
        .into_iter()
        .filter(|v| !labelled || !v.value_labels.is_empty())
        .map(|v| {
            let anchors: Vec<(f64, String)> = v
                .value_labels
                .iter()
                .filter_map(|l| match l.value {
                    psym_data::sav::LabelValue::Number(x) => Some((x, l.label.clone())),
                    psym_data::sav::LabelValue::Text(_) => None,
                })
                .collect();
            let mut missing = v.missing.values.clone();
            if let Some((lo, hi)) = v.missing.range {
                if hi - lo <= 19.0 && lo.is_finite() && hi.is_finite() {
                    let mut x = lo.ceil();
                    while x <= hi {
                        missing.push(x);
                        x += 1.0;
                    }
                } else {
                    missing.extend(
                        anchors
                            .iter()
                            .map(|a| a.0)
                            .filter(|x| v.missing.contains(*x)),
                    );
                }
            }
            DraftItem {
                name: v.name.clone(),
                text: v.label.clone(),
                anchors,
                missing,
            }
        })
        .collect()
}

/// An instrument id from a file name: lower-cased, other characters than letters, digits, `_`,
/// `.` and `-` as `-`.
fn id_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("instrument");
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "_.-".contains(c) {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if psym_instrument::is_valid_id(&id) {
        id
    } else {
        format!("instrument-{id}")
    }
}
