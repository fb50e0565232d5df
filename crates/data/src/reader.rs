//! Streaming a response file row by row, with every problem found on the way.

use std::collections::VecDeque;
use std::io::Read;
use std::path::{Path, PathBuf};

use csv::ByteRecord;

use crate::advice::{Advice, words};
use crate::cell::{Cell, CellParser, DecimalMark};
use crate::columns::{ColumnMap, ItemSpec, ReadOptions};
use crate::error::{DataError, DataErrorKind};
use crate::problem::{Problem, ProblemKind, shown};
use crate::source::{self, Source, SourceInfo};
use crate::workbook::{Sheet, SheetRow};

/// One data row: its place in the file, its id, the item values and the problems found in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// 1-based line in the file where the row starts.
    pub line: u64,
    /// 1-based number of the row among the data rows.
    pub number: u64,
    /// Respondent id (the row number when the file has no id column).
    pub id: String,
    /// One value per item, in the order of the item specs; `NaN` = missing or invalid.
    pub values: Vec<f64>,
    /// Value of the language column, when one was named.
    pub lang: Option<String>,
    /// Values of the pass-through columns asked for in [`ReadOptions::keep`].
    pub kept: Vec<String>,
    /// Problems found in this row.
    pub problems: Vec<Problem>,
}

impl Row {
    /// The id to name in a problem: `None` when the id is blank.
    fn problem_id(&self) -> Option<String> {
        (!self.id.is_empty()).then(|| self.id.clone())
    }
}

/// Reads a response file one row at a time, in constant memory.
///
/// ```
/// use psym_data::{ItemSpec, ReadOptions, ResponseReader, Row};
/// let csv = "id;q1;q2\nr1;4;2,5\nr2;9;\n";
/// let items = vec![ItemSpec::rating("q1", 1.0, 5.0), ItemSpec::continuous("q2")];
/// let options = ReadOptions { missing_codes: vec![9.0], ..Default::default() };
/// let mut reader = ResponseReader::from_bytes("inline.csv", csv.as_bytes().to_vec(), &items, &options).unwrap();
/// let mut row = Row::default();
/// assert!(reader.next_row(&mut row).unwrap());
/// assert_eq!((row.id.as_str(), row.values[0], row.values[1]), ("r1", 4.0, 2.5));
/// assert!(reader.next_row(&mut row).unwrap());
/// assert!(row.values.iter().all(|v| v.is_nan()));
/// assert!(!reader.next_row(&mut row).unwrap());
/// ```
pub struct ResponseReader {
    path: PathBuf,
    records: Records,
    info: SourceInfo,
    columns: ColumnMap,
    items: Vec<ItemSpec>,
    options: ReadOptions,
    parser: CellParser,
    /// Per item, the value of each single-digit cell (`NaN` when it is a missing code), or
    /// `None` when that digit is a problem for the item: the fast path for rating scales.
    digit_values: Vec<[Option<f64>; 10]>,
    pending: VecDeque<ByteRecord>,
    record: ByteRecord,
    rows_read: u64,
    qualtrics: bool,
}

impl ResponseReader {
    /// Opens a response file and reads its header.
    ///
    /// # Errors
    /// The file cannot be read, is empty or binary, or a column named in `options` is missing.
    /// Missing item columns are not errors: they are reported by [`header_problems`](Self::header_problems).
    pub fn open(path: &Path, items: &[ItemSpec], options: &ReadOptions) -> Result<Self, DataError> {
        let source = source::open(path, options)?;
        Self::start(path, source, items, options)
    }

    /// Reads responses from any byte stream (for example a file wrapped in a progress
    /// counter); `path` names it in messages.
    ///
    /// # Errors
    /// As [`open`](Self::open).
    pub fn from_reader(
        path: &Path,
        reader: Box<dyn Read + Send>,
        items: &[ItemSpec],
        options: &ReadOptions,
    ) -> Result<Self, DataError> {
        let source = source::open_reader(path, reader, options)?;
        Self::start(path, source, items, options)
    }

    /// Reads responses held in memory; `name` stands for the file in messages.
    ///
    /// # Errors
    /// As [`open`](Self::open).
    pub fn from_bytes(
        name: &str,
        bytes: Vec<u8>,
        items: &[ItemSpec],
        options: &ReadOptions,
    ) -> Result<Self, DataError> {
        let path = Path::new(name);
        let source = source::open_source(path, bytes, Box::new(std::io::empty()), options)?;
        Self::start(path, source, items, options)
    }

    fn start(
        path: &Path,
        source: Source,
        items: &[ItemSpec],
        options: &ReadOptions,
    ) -> Result<Self, DataError> {
        let (records, info, decimal, separator_line) = match source {
            Source::Text(opened) => {
                let csv = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(opened.delimiter)
                    // Records end at '\n' only, so that the line numbers csv counts are right
                    // for CRLF files too; the '\r' left at the end of a line is trimmed with the
                    // last field.
                    .terminator(csv::Terminator::Any(b'\n'))
                    .buffer_capacity(256 * 1024)
                    .from_reader(opened.stream);
                let text = Records::Csv(Box::new(csv));
                (text, opened.info, opened.decimal, opened.separator_line)
            }
            Source::Sheet(sheet) => {
                // Numbers are cells of their own, written with a point; a comma is needed only
                // for numbers typed as text, and only when asked for.
                let decimal = options.dialect.decimal.unwrap_or(DecimalMark::Point);
                let info = SourceInfo {
                    encoding: "UTF-8",
                    bom: false,
                    delimiter: ',',
                    decimal: decimal.name(),
                    sheet: Some(sheet.name.clone()),
                    spss: false,
                };
                let records = Records::Sheet {
                    sheet,
                    next: 0,
                    width: 0,
                };
                (records, info, decimal, false)
            }
            #[cfg(feature = "spss")]
            Source::Sav(sav) => {
                let info = SourceInfo {
                    encoding: sav.dictionary().encoding.name(),
                    bom: false,
                    delimiter: ',',
                    decimal: DecimalMark::Point.name(),
                    sheet: None,
                    spss: true,
                };
                let records = Records::Sav {
                    sav,
                    header: false,
                    cell: Vec::new(),
                };
                (records, info, DecimalMark::Point, false)
            }
        };
        let mut reader = ResponseReader {
            path: path.to_owned(),
            records,
            info,
            columns: ColumnMap::default(),
            items: items.to_vec(),
            options: options.clone(),
            parser: CellParser::new(decimal, options.missing_codes.clone())
                .with_missing_text(&options.missing_text),
            digit_values: Vec::new(),
            pending: VecDeque::new(),
            record: ByteRecord::new(),
            rows_read: 0,
            qualtrics: false,
        };
        let mut header = ByteRecord::new();
        if separator_line {
            reader.read_raw(&mut header)?;
        }
        if !reader.read_raw(&mut header)? {
            return Err(DataError::new(path, DataErrorKind::Empty));
        }
        let names: Vec<String> = header
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_owned())
            .collect();
        if let Records::Sheet { width, .. } = &mut reader.records {
            *width = names.len();
        }
        reader.columns =
            ColumnMap::new(names, items, options).map_err(|kind| DataError::new(path, kind))?;
        if reader.is_sav() {
            // an SPSS file's lines are case numbers: its variable names are line 0, not case 1
            for p in &mut reader.columns.problems {
                p.line = 0;
            }
        }
        reader.digit_values = items
            .iter()
            .map(|spec| {
                std::array::from_fn(|d| match reader.parser.parse(&[b'0' + d as u8]) {
                    Cell::Missing => Some(f64::NAN),
                    Cell::Value(v) => spec.check(v).ok().map(|()| v),
                    Cell::Invalid => None,
                })
            })
            .collect();
        if !reader.is_sav() {
            reader.skip_qualtrics_rows()?;
        }
        Ok(reader)
    }

    /// How the file was read (encoding, delimiter, decimal mark).
    pub fn source_info(&self) -> &SourceInfo {
        &self.info
    }

    /// The header, as read.
    pub fn header(&self) -> &[String] {
        &self.columns.header
    }

    /// Name of the id column, or `None` when rows are identified by their number.
    pub fn id_column(&self) -> Option<&str> {
        self.columns.id.map(|c| self.columns.header[c].as_str())
    }

    /// Whether the file is an SPSS system file (whose rows are numbered by case).
    pub fn is_sav(&self) -> bool {
        #[cfg(feature = "spss")]
        if let Records::Sav { .. } = self.records {
            return true;
        }
        false
    }

    /// Whether two Qualtrics header rows (question text and import ids) were skipped.
    pub fn skipped_qualtrics_rows(&self) -> bool {
        self.qualtrics
    }

    /// Problems with the header: missing item columns, duplicated column names.
    pub fn header_problems(&self) -> &[Problem] {
        &self.columns.problems
    }

    /// The item specs, in the order of [`Row::values`].
    pub fn items(&self) -> &[ItemSpec] {
        &self.items
    }

    /// Number of data rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// Reads the next data row into `row` (reusing its buffers); `false` at the end of the file.
    ///
    /// # Errors
    /// Only when the file cannot be read any further (an I/O error); problems in the row's
    /// content are put in [`Row::problems`].
    pub fn next_row(&mut self, row: &mut Row) -> Result<bool, DataError> {
        let record = match self.pending.pop_front() {
            Some(r) => r,
            None => {
                let mut r = std::mem::take(&mut self.record);
                if !self.read_raw(&mut r)? {
                    self.record = r;
                    return Ok(false);
                }
                r
            }
        };
        self.rows_read += 1;
        self.fill_row(&record, row);
        self.record = record;
        Ok(true)
    }

    /// The next record, skipping blank lines (a lone `\r` of a CRLF file included) and rows
    /// of a sheet without values.
    fn read_raw(&mut self, record: &mut ByteRecord) -> Result<bool, DataError> {
        let csv = match &mut self.records {
            #[cfg(feature = "spss")]
            Records::Sav { sav, header, cell } => {
                return sav_record(sav, header, cell, record)
                    .map_err(|e| DataError::new(&self.path, DataErrorKind::Spss(e)));
            }
            Records::Csv(csv) => csv,
            Records::Sheet { sheet, next, width } => {
                let Some(row) = sheet.row(*next) else {
                    return Ok(false);
                };
                *next += 1;
                sheet_record(row, *width, record);
                return Ok(true);
            }
        };
        loop {
            let more = csv.read_byte_record(record).map_err(|e| {
                let line = e.position().map(|p| p.line());
                let message = match e.into_kind() {
                    csv::ErrorKind::Io(io) => format!("read error: {io}"),
                    other => format!("{other:?}"),
                };
                DataError::new(&self.path, DataErrorKind::Csv { line, message })
            })?;
            let blank = record.len() == 1 && record[0].trim_ascii().is_empty();
            if !more || !blank {
                if more {
                    set_start_line(csv, record);
                }
                return Ok(more);
            }
        }
    }

    /// Qualtrics exports have two extra header rows: the question text (with "Response ID"
    /// under `ResponseId`) and JSON import ids (`{"ImportId":"QID1"}`). Both are skipped.
    fn skip_qualtrics_rows(&mut self) -> Result<(), DataError> {
        for _ in 0..2 {
            let mut r = ByteRecord::new();
            if self.read_raw(&mut r)? {
                self.pending.push_back(r);
            }
        }
        let is_import_row = |r: &ByteRecord| {
            r.iter()
                .any(|f| f.trim_ascii().starts_with(b"{\"ImportId\""))
        };
        let label_row = self.columns.response_id.is_some_and(|c| {
            self.pending
                .front()
                .and_then(|r| r.get(c))
                .is_some_and(|f| f.trim_ascii() == b"Response ID")
        });
        let import_row = self.pending.get(1).is_some_and(is_import_row);
        if import_row || label_row {
            self.qualtrics = true;
            self.pending.pop_front();
            if import_row {
                self.pending.pop_front();
            }
        }
        Ok(())
    }

    fn fill_row(&self, record: &ByteRecord, row: &mut Row) {
        row.line = record.position().map_or(0, |p| p.line());
        row.number = self.rows_read;
        row.problems.clear();
        self.fill_id(record, row);
        let width = self.columns.header.len();
        if record.len() != width {
            let why = if self.info.sheet.is_some() {
                "a value stands in a column without a header"
            } else {
                "a delimiter is missing or extra, or a quote is unbalanced"
            };
            row.problems.push(Problem {
                line: row.line,
                id: row.problem_id(),
                column: None,
                value: Some(record.len().to_string()),
                kind: ProblemKind::RaggedRow,
                message: format!(
                    "the row has {} field(s) but the header has {width}; {why}",
                    record.len()
                ),
            });
        }
        row.values.clear();
        let fast = self.digit_values.iter();
        for ((spec, col), digits) in self.items.iter().zip(&self.columns.items).zip(fast) {
            let Some(raw) = col.and_then(|c| record.get(c)) else {
                row.values.push(f64::NAN);
                continue;
            };
            if let [d @ b'0'..=b'9'] = raw
                && let Some(v) = digits[usize::from(d - b'0')]
            {
                row.values.push(v);
                continue;
            }
            match self.cell_value(spec, raw) {
                Ok(v) => row.values.push(v),
                Err((kind, message)) => {
                    row.values.push(f64::NAN);
                    row.problems.push(Problem {
                        line: row.line,
                        id: row.problem_id(),
                        column: Some(spec.id.clone()),
                        value: Some(shown(&String::from_utf8_lossy(raw))),
                        kind,
                        message,
                    });
                }
            }
        }
        row.lang = self.columns.lang.map(|c| self.text(record, c));
        self.check_language(row);
        row.kept.clear();
        for &c in &self.columns.keep {
            row.kept.push(self.text(record, c));
        }
    }

    fn fill_id(&self, record: &ByteRecord, row: &mut Row) {
        row.id.clear();
        let Some(c) = self.columns.id else {
            row.id.push_str(&self.rows_read.to_string());
            return;
        };
        let raw = record.get(c).unwrap_or_default().trim_ascii();
        match std::str::from_utf8(raw) {
            Ok(s) => row.id.push_str(s),
            Err(_) => {
                row.id.push_str(&String::from_utf8_lossy(raw));
                self.push_encoding_problem(c, row);
            }
        }
        if row.id.is_empty() {
            row.problems.push(Problem {
                line: row.line,
                id: None,
                column: Some(self.columns.header[c].clone()),
                value: Some(String::new()),
                kind: ProblemKind::EmptyId,
                message: "the respondent id is blank, so this row cannot be linked to a person"
                    .into(),
            });
        }
    }

    /// The value of one item cell, or the problem that makes it unusable.
    fn cell_value(&self, spec: &ItemSpec, raw: &[u8]) -> Result<f64, (ProblemKind, String)> {
        match self.parser.parse(raw) {
            Cell::Missing => Ok(f64::NAN),
            Cell::Invalid => {
                let text = shown(&String::from_utf8_lossy(raw));
                let hint = if text.contains(',') && self.info.decimal == "point" {
                    let comma = Advice::Decimal(DecimalMark::Comma);
                    format!(
                        "; if the file uses decimal commas, {}",
                        words(self.options.advise, &comma)
                    )
                } else {
                    String::new()
                };
                Err((
                    ProblemKind::NotANumber,
                    format!("'{text}' is not a number (nor blank or a missing code){hint}"),
                ))
            }
            Cell::Value(v) => spec.check(v).map(|()| v),
        }
    }

    fn check_language(&self, row: &mut Row) {
        let allowed = &self.options.languages;
        let (Some(c), Some(lang)) = (self.columns.lang, row.lang.as_deref()) else {
            return;
        };
        if allowed.is_empty() || allowed.iter().any(|l| l == lang) {
            return;
        }
        let message = if lang.is_empty() {
            format!(
                "the language code is blank (expected one of {})",
                allowed.join(", ")
            )
        } else {
            format!(
                "language code '{}' is not one of the instrument's languages ({})",
                shown(lang),
                allowed.join(", ")
            )
        };
        let problem = Problem {
            line: row.line,
            id: row.problem_id(),
            column: Some(self.columns.header[c].clone()),
            value: Some(shown(lang)),
            kind: ProblemKind::UnknownLanguage,
            message,
        };
        row.problems.push(problem);
    }

    fn push_encoding_problem(&self, c: usize, row: &mut Row) {
        row.problems.push(Problem {
            line: row.line,
            id: row.problem_id(),
            column: Some(self.columns.header[c].clone()),
            value: None,
            kind: ProblemKind::Encoding,
            message: format!(
                "bytes that are not valid {}; the file may be in another encoding ({})",
                self.info.encoding,
                words(
                    self.options.advise,
                    &Advice::Encoding(encoding_rs::WINDOWS_1252)
                )
            ),
        });
    }

    fn text(&self, record: &ByteRecord, c: usize) -> String {
        String::from_utf8_lossy(record.get(c).unwrap_or_default())
            .trim()
            .to_owned()
    }
}

/// Puts the line where `record` starts in its position. csv gives the line where the
/// previous record ended, which is too early when empty lines lie between them (csv skips
/// those silently); the start is counted back from where this record ended instead: its
/// end line, less the line breaks inside its quoted fields, less its own line end. A last
/// record without a line end would come out one line early, which the previous record's
/// end rules out unless empty lines precede it.
fn set_start_line(csv: &csv::Reader<Box<dyn Read + Send>>, record: &mut ByteRecord) {
    let Some(mut position) = record.position().cloned() else {
        return;
    };
    let end = csv.position().line();
    if end <= position.line() + 1 {
        // the usual record: one line, nothing skipped before it
        return;
    }
    let inner = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
    let start = end.saturating_sub(inner + 1).max(position.line());
    if start != position.line() {
        position.set_line(start);
        record.set_position(Some(position));
    }
}

/// A sheet row as a record: one field per column up to `width` (the header's; 0 while the
/// header itself is read) or the row's last value, whichever is further; the row number as
/// its line.
fn sheet_record(row: SheetRow<'_>, width: usize, record: &mut ByteRecord) {
    record.clear();
    let mut col = 0;
    for (c, text) in row.cells() {
        while col < c {
            record.push_field(b"");
            col += 1;
        }
        record.push_field(text.as_bytes());
        col += 1;
    }
    while (col as usize) < width {
        record.push_field(b"");
        col += 1;
    }
    let mut position = csv::Position::new();
    position.set_line(u64::from(row.number));
    record.set_position(Some(position));
}

/// The next record of an SPSS system file: first the variable names, then one case at a time,
/// each with its case number as its line.
#[cfg(feature = "spss")]
fn sav_record(
    sav: &mut crate::sav::SavReader,
    header: &mut bool,
    cell: &mut Vec<u8>,
    record: &mut ByteRecord,
) -> Result<bool, crate::sav::SavError> {
    record.clear();
    if !*header {
        *header = true;
        for v in &sav.dictionary().variables {
            record.push_field(v.name.as_bytes());
        }
        return Ok(true);
    }
    if !sav.next_case()? {
        return Ok(false);
    }
    for v in 0..sav.dictionary().variables.len() {
        cell.clear();
        sav.cell(v, cell);
        record.push_field(cell);
    }
    let mut position = csv::Position::new();
    position.set_line(sav.cases_read());
    record.set_position(Some(position));
    Ok(true)
}

/// Where the records of a response file come from.
enum Records {
    /// A text table, parsed as it is read.
    Csv(Box<csv::Reader<Box<dyn Read + Send>>>),
    /// A workbook's sheet, held in memory: the next row to give and the header's width.
    Sheet {
        sheet: Sheet,
        next: usize,
        width: usize,
    },
    /// An SPSS system file, streamed: whether its header (the variable names) was given, and
    /// a buffer for one cell.
    #[cfg(feature = "spss")]
    Sav {
        sav: Box<crate::sav::SavReader>,
        header: bool,
        cell: Vec<u8>,
    },
}
