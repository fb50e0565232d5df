//! Arguments and loading steps shared by the commands that read response files.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;
use psym_data::{DecimalMark, Dialect, ItemSpec, ReadOptions, ResponseReader, encoding_for_label};
use psym_instrument::Instrument;
use psym_sem::TimeLimit;
use psym_stats::RowCount;

/// How to read a response file, when detection is not enough.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// Column holding the respondent id [default: `id` in any case, else `ResponseId`, else the
    /// row number]
    #[arg(long, value_name = "NAME")]
    pub id: Option<String>,
    /// Text encoding, e.g. utf-8, utf-16le, windows-1252, latin1 [default: detected]
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Field delimiter: comma, semicolon, tab, or one character [default: detected]
    #[arg(long, value_name = "DELIM")]
    pub delimiter: Option<String>,
    /// Decimal mark of numbers [default: comma when the delimiter is not a comma; in a
    /// workbook, numbers typed as text are read with a point unless this says comma]
    #[arg(long)]
    pub decimal: Option<DecimalMark>,
    /// Sheet of an .xlsx, .xls or .ods workbook to read [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

impl ReadArgs {
    /// Read options for `instrument` (its missing codes and languages) with these overrides.
    pub fn options(&self, instrument: Option<&Instrument>) -> anyhow::Result<ReadOptions> {
        let mut options = instrument.map(psym_score::read_options).unwrap_or_default();
        options.id_column = self.id.clone();
        options.sheet = self.sheet.clone();
        options.dialect = self.dialect()?;
        options.advise = Some(crate::advice::data);
        Ok(options)
    }

    fn dialect(&self) -> anyhow::Result<Dialect> {
        let encoding = match &self.encoding {
            Some(label) => Some(encoding_for_label(label).with_context(|| {
                format!("unknown encoding '{label}' (try utf-8, utf-16le, windows-1252)")
            })?),
            None => None,
        };
        let delimiter = match self.delimiter.as_deref() {
            None => None,
            Some(d) => Some(parse_delimiter(d)?),
        };
        Ok(Dialect {
            encoding,
            delimiter,
            decimal: self.decimal,
        })
    }
}

fn parse_delimiter(text: &str) -> anyhow::Result<u8> {
    Ok(match text {
        "comma" | "," => b',',
        "semicolon" | ";" => b';',
        "tab" | "\\t" | "\t" => b'\t',
        other if other.len() == 1 && other.is_ascii() => other.as_bytes()[0],
        other => bail!("unknown delimiter '{other}' (use comma, semicolon, tab or one character)"),
    })
}

/// The files an instrument is read from: the file and its sibling text overlays (inputs that
/// `--out` must never overwrite).
pub fn instrument_files(path: &Path) -> Vec<PathBuf> {
    let mut files = vec![path.to_path_buf()];
    files.extend(psym_instrument::sibling_overlays(path));
    files
}

/// Loads and checks an instrument file (with its text overlays).
pub fn load_instrument(path: &Path) -> anyhow::Result<Instrument> {
    Ok(psym_instrument::load(path)?)
}

/// Opens a response file for streaming (with a progress bar for a large file on a terminal).
pub fn open_responses(
    path: &Path,
    items: &[ItemSpec],
    options: &ReadOptions,
) -> anyhow::Result<ResponseReader> {
    let stream = crate::progress::open_counted(path)
        .with_context(|| format!("{}: cannot read the file", path.display()))?;
    Ok(ResponseReader::from_reader(path, stream, items, options)?)
}

/// The warning shown when listwise deletion dropped more than a tenth of the rows read,
/// naming the option (`instead`, e.g. "--missing fiml") that uses the incomplete rows.
pub fn dropped_rows_warning(rows: &RowCount, instead: &str) -> Option<String> {
    rows.dropped_warning().map(|w| format!("{w}; {instead}"))
}

/// Prints warnings on standard error, for formats that have no place for them (CSV).
pub fn warn_on_stderr<S: AsRef<str>>(warnings: impl IntoIterator<Item = S>) {
    for w in warnings {
        let w = w.as_ref();
        eprintln!("psym: warning: {w}");
    }
}

/// Prints on standard error a warning for each language of a response file whose translation
/// is not approved (the JSON outputs list them too).
pub fn warn_drafts(drafts: &[psym_translate::DraftLanguageUse]) {
    let messages: Vec<String> = drafts.iter().map(|d| d.message.clone()).collect();
    warn_on_stderr(&messages);
}

/// Seconds one optimisation may take before psym stops it and reports it as not converged.
const OPTIMISER_SECONDS: f64 = 300.0;

/// The optimiser's time cap, on the process's monotonic clock (the libraries never read the
/// clock themselves).
pub fn time_limit() -> TimeLimit {
    let origin = Instant::now();
    TimeLimit::new(OPTIMISER_SECONDS, move || origin.elapsed().as_secs_f64())
}

/// The response scale's categories, against which unused categories of ordinal items are
/// reported: the instrument's, else the whole numbers from `min` to `max` (--scale-min,
/// --scale-max); `None` (the values observed on any item) when neither says.
pub fn response_categories(
    instrument: Option<&Instrument>,
    min: Option<f64>,
    max: Option<f64>,
) -> Option<Vec<f64>> {
    if let Some(scale) = instrument.and_then(|i| i.response_scale.as_ref()) {
        return scale.categories();
    }
    let scale = psym_instrument::ResponseScale {
        min: min?,
        max: max?,
        integer: true,
        labels: Default::default(),
    };
    scale.categories()
}

/// Today's date (UTC) as `YYYY-MM-DD` (the workflow steps an import records, the date of a
/// report).
pub fn today() -> String {
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
