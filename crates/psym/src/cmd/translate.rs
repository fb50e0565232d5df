//! `psym translate`: checks, status, work files and rendering of an instrument's translations.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use psym_instrument::Instrument;
use psym_translate::workfile::{self, WorkFormat};
use psym_translate::{CheckOptions, MergeOptions, RenderFormat, RenderOptions, TranslateErrorKind};
use serde_json::{Value, json};

use crate::output::{Format, Outcome, OutputArgs};

/// Translations: check them, see what is left, hand work files to translators and merge them
/// back, print the questionnaire per language.
///
/// Example: psym translate check instruments/open-alliance-12.json --lang nb
#[derive(Debug, Args)]
#[command(after_help = "Example: psym translate check instruments/open-alliance-12.json --lang nb")]
pub struct TranslateArgs {
    #[command(subcommand)]
    command: TranslateCommand,
}

#[derive(Debug, Subcommand)]
enum TranslateCommand {
    /// Every translation problem with its JSON path (exit 0 clean, 1 errors, 2 could not run)
    Check(CheckArgs),
    /// Write a work file for translators (CSV, XLSX, XLIFF 1.2, XLSForm, REDCap)
    Export(ExportArgs),
    /// Merge a work file back into the instrument, all or nothing, reporting every change
    Import(ImportArgs),
    /// Languages × workflow steps: what is left to do (exit 0 when all approved, else 1)
    Status(StatusArgs),
    /// The printable questionnaire in one language, or a side-by-side review sheet
    Render(RenderArgs),
}

/// Check translations.
///
/// Example: psym translate check instruments/open-alliance-12.json --lang da --format json
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate check instruments/open-alliance-12.json --lang da --format json"
)]
struct CheckArgs {
    /// Instrument file (JSON)
    file: PathBuf,
    /// Languages to check (repeat or separate by commas) [default: every target language]
    #[arg(long, value_name = "LANG", value_delimiter = ',')]
    lang: Vec<String>,
    /// Fail (exit 1) on warnings too, not only on errors
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// Work-file formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum WorkFormatArg {
    /// Translator's sheet, CSV (UTF-8)
    Csv,
    /// Translator's sheet, Excel workbook
    Xlsx,
    /// XLIFF 1.2 for CAT tools
    Xliff,
    /// XLSForm workbook, every language (`label::English (en)` columns)
    Xlsform,
    /// REDCap data dictionary, one language
    Redcap,
}

impl From<WorkFormatArg> for WorkFormat {
    fn from(f: WorkFormatArg) -> Self {
        match f {
            WorkFormatArg::Csv => WorkFormat::Csv,
            WorkFormatArg::Xlsx => WorkFormat::Xlsx,
            WorkFormatArg::Xliff => WorkFormat::Xliff,
            WorkFormatArg::Xlsform => WorkFormat::Xlsform,
            WorkFormatArg::Redcap => WorkFormat::Redcap,
        }
    }
}

/// Write a work file.
///
/// Example: psym translate export instruments/open-alliance-12.json --lang da --format xliff --out da.xlf
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate export instruments/open-alliance-12.json --lang da --format xliff --out da.xlf"
)]
struct ExportArgs {
    /// Instrument file (JSON)
    file: PathBuf,
    /// Target language (not needed for XLSForm, which holds every language)
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Work-file format [default: from the --out extension, else csv]
    #[arg(long, value_enum)]
    format: Option<WorkFormatArg>,
    /// Write to this file instead of standard output (required for xlsx and xlsform)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Merge a work file back.
///
/// Example: psym translate import instruments/open-alliance-12.json da.xlf --by T1
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate import instruments/open-alliance-12.json da.xlf --by T1"
)]
struct ImportArgs {
    /// Instrument file (JSON); rewritten in place unless --out is given
    file: PathBuf,
    /// The edited work file
    workfile: PathBuf,
    /// Language of the work file [default: as recorded in it; required for REDCap]
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Format of the work file [default: from its extension]
    #[arg(long, value_enum)]
    from: Option<WorkFormatArg>,
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
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

/// Formats of the import report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Readable tables
    Text,
    /// JSON
    Json,
}

/// Show progress per language.
///
/// Example: psym translate status instruments/open-alliance-12.json
#[derive(Debug, Args)]
#[command(after_help = "Example: psym translate status instruments/open-alliance-12.json")]
struct StatusArgs {
    /// Instrument file (JSON)
    file: PathBuf,
    #[command(flatten)]
    output: OutputArgs,
}

/// Render the questionnaire.
///
/// Example: psym translate render instruments/open-alliance-12.json --lang nb --compare en --out review.html
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate render instruments/open-alliance-12.json --lang nb --compare en --out review.html"
)]
struct RenderArgs {
    /// Instrument file (JSON)
    file: PathBuf,
    /// Language of the questionnaire
    #[arg(long, value_name = "LANG")]
    lang: String,
    /// Second language for a side-by-side review sheet (with back translations and notes)
    #[arg(long, value_name = "LANG")]
    compare: Option<String>,
    /// html (a standalone page) or md
    #[arg(long, default_value = "html", value_parser = ["html", "md"])]
    format: String,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Runs `psym translate …`.
pub fn run(args: TranslateArgs) -> anyhow::Result<Outcome> {
    match args.command {
        TranslateCommand::Check(a) => check(a),
        TranslateCommand::Export(a) => export(a),
        TranslateCommand::Import(a) => import(a),
        TranslateCommand::Status(a) => status(a),
        TranslateCommand::Render(a) => render(a),
    }
}

fn load(path: &Path) -> anyhow::Result<Instrument> {
    Ok(psym_instrument::load(path)?)
}

fn require_language(inst: &Instrument, lang: &str) -> anyhow::Result<()> {
    if !inst.languages.iter().any(|l| l == lang) {
        bail!(
            "language '{lang}' is not declared in instrument '{}' (languages: {})",
            inst.id,
            inst.languages.join(", ")
        );
    }
    Ok(())
}

fn check(args: CheckArgs) -> anyhow::Result<Outcome> {
    let inst = load(&args.file)?;
    for l in &args.lang {
        require_language(&inst, l)?;
    }
    let report = psym_translate::check(
        &inst,
        &CheckOptions {
            languages: args.lang.clone(),
            ..CheckOptions::default()
        },
    );
    let mut out = args.output.open()?;
    let name = args.file.display().to_string();
    match args.output.format_or(Format::Text) {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Md => psym_report::translate::write_check_markdown(&mut out, &name, &report)?,
        Format::Text | Format::Csv => {
            psym_report::translate::write_check_text(&mut out, &name, &report)?
        }
    }
    out.flush()?;
    Ok(Outcome::problems_if(
        report.errors > 0 || (args.strict && report.warnings > 0),
    ))
}

fn status(args: StatusArgs) -> anyhow::Result<Outcome> {
    let inst = load(&args.file)?;
    let table = psym_translate::status(&inst);
    let mut out = args.output.open()?;
    match args.output.format_or(Format::Text) {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &table)?;
            writeln!(out)?;
        }
        Format::Md => psym_report::translate::write_status_markdown(&mut out, &table)?,
        Format::Text | Format::Csv => psym_report::translate::write_status_text(&mut out, &table)?,
    }
    out.flush()?;
    Ok(Outcome::problems_if(!table.complete()))
}

fn export(args: ExportArgs) -> anyhow::Result<Outcome> {
    let inst = load(&args.file)?;
    let format: WorkFormat = match (args.format, &args.out) {
        (Some(f), _) => f.into(),
        (None, Some(out)) => WorkFormat::from_path(out).unwrap_or(WorkFormat::Csv),
        (None, None) => WorkFormat::Csv,
    };
    let lang = match (&args.lang, format) {
        (Some(l), _) => l.clone(),
        (None, WorkFormat::Xlsform) => inst.source_language.clone(),
        (None, _) => {
            bail!("say which language to translate into with --lang (for example --lang nb)")
        }
    };
    if !psym_instrument::is_language_tag(&lang) {
        bail!("'{lang}' is not a language tag (for example nb, nn, da, ar)");
    }
    if format.is_binary() && args.out.is_none() {
        bail!("{format} is a binary format; name the file with --out");
    }
    let original = args
        .file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let bytes = workfile::export(&inst, &lang, format, &original)?;
    match &args.out {
        Some(path) => std::fs::write(path, bytes)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(Outcome::Clean)
}

fn import(args: ImportArgs) -> anyhow::Result<Outcome> {
    // Overlays are not merged: their text must not be written into the main file.
    let mut inst = psym_instrument::load_with_overlays(&args.file, &[])?;
    let format = match args.from {
        Some(f) => f.into(),
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
        date: args.date.clone(),
    };
    let mut out = std::io::stdout().lock();
    let reports = match workfile::import(
        &mut inst,
        &args.workfile,
        format,
        args.lang.as_deref(),
        &options,
    ) {
        Ok(r) => r,
        Err(e) => {
            let (problems, invalid) = match &e.kind {
                TranslateErrorKind::WorkFile(p) => (p.clone(), Vec::new()),
                TranslateErrorKind::Invalid(d) => (Vec::new(), d.clone()),
                _ => return Err(e.into()),
            };
            match args.format {
                ReportFormat::Json => {
                    let v = json!({"merged": false, "file": args.workfile.display().to_string(), "problems": problems, "invalid": invalid});
                    serde_json::to_writer_pretty(&mut out, &v)?;
                    writeln!(out)?;
                }
                ReportFormat::Text => writeln!(out, "psym: {e}")?,
            }
            out.flush()?;
            return Ok(Outcome::Problems);
        }
    };
    if !args.dry_run {
        let dest = args.out.as_deref().unwrap_or(&args.file);
        write_instrument(&inst, dest)?;
    }
    match args.format {
        ReportFormat::Json => {
            let v = json!({"merged": !args.dry_run, "languages": reports});
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        ReportFormat::Text => {
            psym_report::translate::write_merge_text(&mut out, &reports, args.dry_run)?
        }
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

/// Writes an instrument as pretty JSON (whole numbers without `.0`), via a temporary file so a
/// failed write never leaves half a file.
fn write_instrument(inst: &Instrument, dest: &Path) -> anyhow::Result<()> {
    let mut value = serde_json::to_value(inst)?;
    whole_numbers(&mut value);
    let text = serde_json::to_string_pretty(&value)? + "\n";
    let tmp = dest.with_extension("json.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, dest).with_context(|| format!("cannot replace {}", dest.display()))?;
    Ok(())
}

fn whole_numbers(v: &mut Value) {
    match v {
        Value::Number(n) => {
            if let Some(x) = n
                .as_f64()
                .filter(|x| n.is_f64() && x.fract() == 0.0 && x.abs() < 9e15)
            {
                *v = Value::from(x as i64);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(whole_numbers),
        Value::Object(o) => o.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

fn render(args: RenderArgs) -> anyhow::Result<Outcome> {
    let inst = load(&args.file)?;
    require_language(&inst, &args.lang)?;
    if let Some(c) = &args.compare {
        require_language(&inst, c)?;
    }
    let format: RenderFormat = args.format.parse().map_err(anyhow::Error::msg)?;
    let text = psym_translate::render(
        &inst,
        &RenderOptions {
            lang: args.lang.clone(),
            compare: args.compare.clone(),
            format,
        },
    );
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(Outcome::Clean)
}
