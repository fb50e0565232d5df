//! `psym translate`: checks, status, work files and rendering of an instrument's translations.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use psym_instrument::Instrument;
use psym_translate::workfile::{self, WorkFormat};
use psym_translate::{CheckOptions, MergeOptions, RenderFormat, RenderOptions, TranslateErrorKind};
use serde_json::json;

use crate::cmd::common::instrument_files;
use crate::output::{
    Format, Formats, Outcome, OutputArgs, Sink, check_extension, refuse_inputs, write_file,
    write_json,
};

/// What `psym translate check` writes.
const CHECK_FORMATS: Formats = Formats {
    what: "psym translate check",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// What `psym translate status` writes.
const STATUS_FORMATS: Formats = Formats {
    what: "psym translate status",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

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
    after_help = "Example: psym translate check instruments/open-alliance-12.json --lang da --format json",
    mut_arg("format", |a| CHECK_FORMATS.restrict(a))
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
    #[arg(long)]
    from: Option<WorkFormat>,
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
    #[arg(long, value_parser = IMPORT_FORMATS, default_value = "text")]
    format: Format,
}

/// What `psym translate import` writes as its change report (on standard output).
const IMPORT_FORMATS: Formats = Formats {
    what: "psym translate import",
    accepted: &[Format::Text, Format::Json],
};

/// Show progress per language.
///
/// Example: psym translate status instruments/open-alliance-12.json
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate status instruments/open-alliance-12.json",
    mut_arg("format", |a| STATUS_FORMATS.restrict(a))
)]
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
    /// Output format [default: html, or md when --out ends in .md]
    #[arg(long)]
    format: Option<RenderFormat>,
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
    let plan = args
        .output
        .resolve(&CHECK_FORMATS, &instrument_files(&args.file))?;
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
    let mut out = plan.open()?;
    let name = args.file.display().to_string();
    match plan.format {
        Format::Json => write_json(&mut out, &report)?,
        Format::Md => psym_report::translate::write_check_markdown(&mut out, &name, &report)?,
        Format::Text => psym_report::translate::write_check_text(&mut out, &name, &report)?,
        other => return Err(CHECK_FORMATS.refuse(other)),
    }
    out.finish()?;
    Ok(Outcome::problems_if(
        report.errors > 0 || (args.strict && report.warnings > 0),
    ))
}

fn status(args: StatusArgs) -> anyhow::Result<Outcome> {
    let plan = args
        .output
        .resolve(&STATUS_FORMATS, &instrument_files(&args.file))?;
    let inst = load(&args.file)?;
    let table = psym_translate::status(&inst);
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(&mut out, &table)?,
        Format::Md => psym_report::translate::write_status_markdown(&mut out, &table)?,
        Format::Text => psym_report::translate::write_status_text(&mut out, &table)?,
        other => return Err(STATUS_FORMATS.refuse(other)),
    }
    out.finish()?;
    Ok(Outcome::problems_if(!table.complete()))
}

fn export(args: ExportArgs) -> anyhow::Result<Outcome> {
    let inst = load(&args.file)?;
    let format: WorkFormat = match (args.format, &args.out) {
        (Some(f), _) => f,
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
    if let Some(out) = &args.out {
        check_extension(out, &format!("a {format} work file"), format.extensions())?;
        refuse_inputs(out, &instrument_files(&args.file))?;
    }
    refuse_drafts(&inst, format, &lang, args.include_drafts)?;
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

/// XLSForm and REDCap files are survey forms: a form carrying a translation that is not
/// approved would collect data with a draft, so it is refused unless asked for.
fn refuse_drafts(
    inst: &Instrument,
    format: WorkFormat,
    lang: &str,
    include_drafts: bool,
) -> anyhow::Result<()> {
    let candidates: Vec<&str> = match format {
        WorkFormat::Xlsform => inst.languages.iter().map(String::as_str).collect(),
        WorkFormat::Redcap => vec![lang],
        _ => return Ok(()),
    };
    let drafts: Vec<String> = candidates
        .into_iter()
        .filter(|l| !psym_translate::is_approved(inst, l))
        .map(|l| format!("{} ({l})", psym_translate::language_name(l)))
        .collect();
    if drafts.is_empty() || include_drafts {
        return Ok(());
    }
    let form = match format {
        WorkFormat::Xlsform => "an XLSForm",
        _ => "a REDCap data dictionary",
    };
    bail!(
        "the {} translation is not approved (see psym translate status), and {form} is used to collect data; approve it first, or export with --include-drafts for translation work or a pretest",
        drafts.join(" and ")
    )
}

fn import(args: ImportArgs) -> anyhow::Result<Outcome> {
    if let Some(out) = &args.out {
        check_extension(out, "an instrument (json)", &["json"])?;
        // the instrument itself is the in-place update; its work file and overlays are inputs
        let mut inputs = instrument_files(&args.file);
        inputs[0] = args.workfile.clone();
        refuse_inputs(out, &inputs)?;
    }
    // Overlays are not merged: their text must not be written into the main file.
    let mut inst = psym_instrument::load_with_overlays(&args.file, &[])?;
    let format = match args.from {
        Some(f) => f,
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
        date: args.date.clone().unwrap_or_else(today),
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
                Format::Json => {
                    let v = json!({"merged": false, "file": args.workfile.display().to_string(), "problems": problems, "invalid": invalid});
                    write_json(&mut out, &v)?;
                }
                _ => writeln!(out, "psym: {e}")?,
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
        Format::Json => {
            let v = json!({"merged": !args.dry_run, "languages": reports});
            write_json(&mut out, &v)?;
        }
        _ => psym_report::translate::write_merge_text(&mut out, &reports, args.dry_run)?,
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

/// Today's date (UTC) as `YYYY-MM-DD`, for the workflow steps an import records.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (the civil-from-days
/// algorithm of H. Hinnant, <https://howardhinnant.github.io/date_algorithms.html>).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Writes an instrument as its file's JSON, replacing the file only once it is complete
/// (through a link, the file linked to; its permissions kept).
fn write_instrument(inst: &Instrument, dest: &Path) -> anyhow::Result<()> {
    write_file(dest, psym_instrument::to_json_text(inst)?.as_bytes())
}

fn render(args: RenderArgs) -> anyhow::Result<Outcome> {
    let inst = load(&args.file)?;
    require_language(&inst, &args.lang)?;
    if let Some(c) = &args.compare {
        require_language(&inst, c)?;
    }
    let format = args.format.unwrap_or_else(|| {
        let md = |p: &PathBuf| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
        match &args.out {
            Some(p) if md(p) => RenderFormat::Markdown,
            _ => RenderFormat::Html,
        }
    });
    if let Some(out) = &args.out {
        let exts: &[&str] = match format {
            RenderFormat::Html => &["html", "htm"],
            RenderFormat::Markdown => &["md", "markdown"],
        };
        check_extension(out, &format!("{format}"), exts)?;
        refuse_inputs(out, &instrument_files(&args.file))?;
    }
    let text = psym_translate::render(
        &inst,
        &RenderOptions {
            lang: args.lang.clone(),
            compare: args.compare.clone(),
            format,
        },
    );
    let mut out = Sink::open(args.out.as_deref())?;
    out.write_all(text.as_bytes())?;
    out.finish()?;
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_017), "2000-03-01");
        assert_eq!(civil_date(20_780), "2026-11-23");
    }
}
