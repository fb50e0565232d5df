//! Choosing a work-file format, writing one, and importing one all or nothing.

use std::path::Path;

use psym_closed_set::closed_set;
use psym_instrument::Instrument;

use super::{
    MergeOptions, MergeReport, WorkRow, merge, redcap, sheet, table, workbook, xliff, xlsform,
};
use crate::advice::Advice;
use crate::error::{TranslateError, TranslateErrorKind, WorkFileProblem};

/// Largest work file read: 64 MiB (the text of one instrument is a few megabytes at most).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

closed_set! {
    /// The work-file formats.
    pub enum WorkFormat: "work-file format" {
        /// Translator's sheet, CSV (UTF-8).
        Csv => "csv",
        /// Translator's sheet, Excel workbook.
        Xlsx => "xlsx",
        /// XLIFF 1.2 for CAT tools.
        Xliff => "xliff",
        /// XLSForm workbook, every language (`label::English (en)` columns).
        Xlsform => "xlsform",
        /// REDCap data dictionary, one language.
        Redcap => "redcap",
    }
}

impl WorkFormat {
    /// The format a file name suggests: `.xlf`/`.xliff` → XLIFF, `.xlsx` → XLSX (XLSForm when
    /// the name contains `xlsform`), `.csv` → CSV (REDCap when the name contains `redcap` or
    /// `dictionary`).
    pub fn from_path(path: &Path) -> Option<WorkFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "xlf" | "xliff" => WorkFormat::Xliff,
            "xlsx" if name.contains("xlsform") => WorkFormat::Xlsform,
            "xlsx" => WorkFormat::Xlsx,
            "csv" if name.contains("redcap") || name.contains("dictionary") => WorkFormat::Redcap,
            "csv" => WorkFormat::Csv,
            _ => return None,
        })
    }

    /// File-name extensions of the format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            WorkFormat::Csv | WorkFormat::Redcap => &["csv"],
            WorkFormat::Xlsx | WorkFormat::Xlsform => &["xlsx"],
            WorkFormat::Xliff => &["xlf", "xliff", "xml"],
        }
    }

    /// Whether the format is binary (written only to a file).
    pub fn is_binary(self) -> bool {
        matches!(self, WorkFormat::Xlsx | WorkFormat::Xlsform)
    }

    /// Whether one file holds every declared language (XLSForm), so that no target language
    /// is named.
    pub fn holds_every_language(self) -> bool {
        self == WorkFormat::Xlsform
    }

    /// The languages a survey form of this format carries when exported for `lang`: every
    /// declared language (XLSForm), `lang` (REDCap), none for the translators' formats. A form
    /// collects data, so these must be approved ([`drafts`](crate::drafts) names those that
    /// are not).
    pub fn form_languages<'a>(self, inst: &'a Instrument, lang: &'a str) -> Vec<&'a str> {
        match self {
            WorkFormat::Xlsform => inst.languages.iter().map(String::as_str).collect(),
            WorkFormat::Redcap => vec![lang],
            WorkFormat::Csv | WorkFormat::Xlsx | WorkFormat::Xliff => Vec::new(),
        }
    }
}

/// Writes the work file of `inst` for `lang` in `format`. `original` names the instrument file
/// (recorded in XLIFF). XLSForm holds every language; `lang` is then not used.
///
/// # Errors
/// Only when the XLSX or CSV writer fails.
pub fn export(
    inst: &Instrument,
    lang: &str,
    format: WorkFormat,
    original: &str,
) -> Result<Vec<u8>, TranslateError> {
    let fail = |e: String| TranslateError::new(original, TranslateErrorKind::Unsupported(e));
    match format {
        WorkFormat::Csv => {
            table::write_csv(&sheet::table(inst, lang), true).map_err(|e| fail(e.to_string()))
        }
        WorkFormat::Redcap => {
            table::write_csv(&redcap::table(inst, lang), false).map_err(|e| fail(e.to_string()))
        }
        WorkFormat::Xlsx => {
            table::write_xlsx(&[sheet::table(inst, lang)]).map_err(|e| fail(e.to_string()))
        }
        WorkFormat::Xlsform => {
            table::write_xlsx(&xlsform::tables(inst)).map_err(|e| fail(e.to_string()))
        }
        WorkFormat::Xliff => Ok(xliff::write(inst, lang, original).into_bytes()),
    }
}

/// Reads the work file `bytes` (named `path` in messages) as rows per language.
///
/// # Errors
/// Every problem of the file (encoding, CSV or XML syntax, missing columns, wrong language).
pub fn read(
    bytes: &[u8],
    format: WorkFormat,
    inst: &Instrument,
    lang: Option<&str>,
) -> Result<Vec<(String, Vec<WorkRow>)>, Vec<WorkFileProblem>> {
    Ok(match format {
        WorkFormat::Csv => vec![sheet::rows(
            &table::read_csv(bytes, "csv", true)?,
            lang,
            false,
        )?],
        WorkFormat::Xlsx => {
            let tables = workbook::read_xlsx(bytes)?;
            let first = tables.first().ok_or_else(|| {
                vec![crate::error::problem(
                    "workbook",
                    None,
                    "the workbook has no sheet",
                )]
            })?;
            vec![sheet::rows(first, lang, true)?]
        }
        WorkFormat::Xliff => {
            let text = table::decode_utf8(bytes).map_err(|p| vec![p])?;
            let (found, rows) = xliff::read(text)?;
            if let Some(l) = lang.filter(|l| *l != found) {
                return Err(vec![crate::error::problem(
                    "<file>",
                    None,
                    format!("the XLIFF file is for language '{found}', not '{l}'"),
                )]);
            }
            vec![(found, rows)]
        }
        WorkFormat::Xlsform => xlsform::rows(&workbook::read_xlsx(bytes)?, inst, lang)?,
        WorkFormat::Redcap => {
            let Some(l) = lang else {
                return Err(vec![
                    crate::error::problem(
                        "line 1",
                        None,
                        "a REDCap data dictionary holds one language",
                    )
                    .with_advice(Advice::Language),
                ]);
            };
            vec![(
                l.to_owned(),
                redcap::rows(&table::read_csv(bytes, "redcap", false)?, inst)?,
            )]
        }
    })
}

/// Imports the work file at `path` into `inst`: reads it, merges every language into a copy,
/// checks the result with [`psym_instrument::check`], and only then replaces `inst`.
///
/// # Errors
/// The file cannot be read; it has problems ([`TranslateErrorKind::WorkFile`], with every
/// problem); the merged instrument would be invalid. `inst` is unchanged on any error.
pub fn import(
    inst: &mut Instrument,
    path: &Path,
    format: WorkFormat,
    lang: Option<&str>,
    options: &MergeOptions,
) -> Result<Vec<MergeReport>, TranslateError> {
    let work = |p| TranslateError::new(path, TranslateErrorKind::WorkFile(p));
    let io = |e| TranslateError::new(path, TranslateErrorKind::Io(e));
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(work(vec![crate::error::problem(
            "file",
            None,
            format!(
                "the file has {size} bytes; a work file holds one instrument's text and is under {} MB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )]));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let per_lang = read(&bytes, format, inst, lang).map_err(work)?;
    let mut merged = inst.clone();
    let mut reports = Vec::new();
    let mut problems = Vec::new();
    for (l, rows) in &per_lang {
        if !psym_instrument::is_language_tag(l) {
            problems.push(crate::error::problem(
                "header",
                None,
                format!("'{l}' is not a language tag (en, nb, nn, da, ar, …)"),
            ));
            continue;
        }
        match merge(&mut merged, l, rows, options) {
            Ok(r) => reports.push(r),
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(work(problems));
    }
    let defects = psym_instrument::check(&merged);
    if !defects.is_empty() {
        return Err(TranslateError::new(
            path,
            TranslateErrorKind::Invalid(defects.iter().map(ToString::to_string).collect()),
        ));
    }
    *inst = merged;
    Ok(reports)
}
