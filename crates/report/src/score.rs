//! Streaming writers for scale scores: one output row per input row, written as it comes.

use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

#[cfg(feature = "xlsx")]
mod xlsx;

use psym_closed_set::closed_set;
use psym_data::Problem;
use psym_translate::DraftLanguageUse;
use serde_json::{Map, Value};

#[cfg(feature = "xlsx")]
pub use xlsx::XlsxScores;

/// The columns of a score table: id column, pass-through columns, one per scale.
#[derive(Debug, Clone)]
pub struct ScoreColumns {
    /// Name of the id column in the output.
    pub id: String,
    /// Pass-through columns, after the id.
    pub kept: Vec<String>,
    /// Scale ids, one column each.
    pub scales: Vec<String>,
    /// Columns derived from the scores, after them: bands (`<scale>_band`) and norms
    /// (`<scale>_percentile`, `<scale>_t`, `<scale>_stanine`).
    pub derived: Vec<String>,
}

impl ScoreColumns {
    /// Every column name of the table: id, kept, scales, derived, `problems`.
    fn header(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&self.id)
            .chain(&self.kept)
            .chain(&self.scales)
            .chain(&self.derived)
            .map(String::as_str)
            .chain(std::iter::once("problems"))
    }
}

/// A value of a derived column: a label (a band), a number (a percentile) or nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// No value (no score).
    Blank,
    /// A label.
    Text(&'a str),
    /// A number.
    Number(f64),
}

/// One respondent's output row.
#[derive(Debug, Clone, Copy)]
pub struct ScoreRow<'a> {
    /// Respondent id.
    pub id: &'a str,
    /// Pass-through values.
    pub kept: &'a [String],
    /// One score per scale; `None` = too few items answered.
    pub scores: &'a [Option<f64>],
    /// One value per derived column.
    pub derived: &'a [Cell<'a>],
    /// Problems found in the row (the row is still written).
    pub problems: &'a [Problem],
}

/// Writes scores in one format, row by row, in constant memory.
pub trait ScoreWriter {
    /// Writes one row (JSON also lists its problems, as they come).
    ///
    /// # Errors
    /// I/O errors of the destination.
    fn row(&mut self, row: ScoreRow<'_>) -> io::Result<()>;
    /// Ends the output.
    ///
    /// # Errors
    /// I/O errors of the destination.
    fn finish(self: Box<Self>) -> io::Result<()>;
    /// Records warnings about the whole file, such as rows answered in a draft translation;
    /// call before [`finish`](Self::finish). JSON lists them; CSV has no place for them.
    fn warnings(&mut self, _warnings: &[DraftLanguageUse]) {}
}

closed_set! {
    /// The conventions of a CSV file, for the program that will open it. A spreadsheet opened
    /// by double-click splits columns at the list separator of the computer's locale and reads
    /// numbers with its decimal mark; without a byte-order mark it reads the text as the
    /// locale's ANSI code page, not UTF-8 (æ, ø, å, ä, ö, ü, ß come out garbled).
    pub enum CsvDialect: "CSV dialect" {
        /// RFC 4180: `,` separator, decimal point, UTF-8 without byte-order mark, LF line ends
        /// (for R, Python, SPSS syntax and databases)
        Plain => "plain",
        /// Excel in Norway, Sweden, Denmark, Finland: `;` separator, decimal comma (`4,25`),
        /// UTF-8 with byte-order mark, CRLF line ends
        ExcelNordic => "excel-nordic",
        /// Excel in Germany, Austria, Switzerland: the same as excel-nordic (`;`, decimal
        /// comma, UTF-8 with byte-order mark, CRLF)
        ExcelDe => "excel-de",
        /// Excel in the US, UK, Ireland: `,` separator, decimal point, UTF-8 with byte-order
        /// mark, CRLF line ends
        ExcelUs => "excel-us",
    }
}

/// Plain CSV.
impl Default for CsvDialect {
    fn default() -> Self {
        CsvDialect::Plain
    }
}

impl CsvDialect {
    /// The field separator.
    pub fn delimiter(self) -> u8 {
        match self {
            CsvDialect::ExcelNordic | CsvDialect::ExcelDe => b';',
            CsvDialect::Plain | CsvDialect::ExcelUs => b',',
        }
    }

    /// Whether numbers are written with a decimal comma.
    pub fn decimal_comma(self) -> bool {
        self.delimiter() == b';'
    }

    /// Whether the file starts with a UTF-8 byte-order mark and ends lines with CRLF (what
    /// Excel writes and recognises).
    pub fn for_excel(self) -> bool {
        self != CsvDialect::Plain
    }
}

/// CSV: the id column, pass-through columns, one column per scale (blank = no score), and a
/// `problems` column summarising what was wrong with the row (blank when nothing).
pub struct CsvScores<W: Write> {
    out: csv::Writer<W>,
    numbers: NumberCache,
    summary: String,
    decimal_comma: bool,
}

impl<W: Write> CsvScores<W> {
    /// Starts a plain CSV table and writes its header.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn new(out: W, columns: &ScoreColumns) -> io::Result<Self> {
        Self::with_dialect(out, columns, CsvDialect::Plain)
    }

    /// Starts the table in `dialect` (its byte-order mark first) and writes its header.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn with_dialect(
        mut out: W,
        columns: &ScoreColumns,
        dialect: CsvDialect,
    ) -> io::Result<Self> {
        if dialect.for_excel() {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let terminator = if dialect.for_excel() {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        let mut out = csv::WriterBuilder::new()
            .delimiter(dialect.delimiter())
            .terminator(terminator)
            .from_writer(out);
        out.write_record(columns.header()).map_err(into_io)?;
        Ok(CsvScores {
            out,
            numbers: NumberCache::default(),
            summary: String::new(),
            decimal_comma: dialect.decimal_comma(),
        })
    }
}

impl<W: Write> ScoreWriter for CsvScores<W> {
    fn row(&mut self, row: ScoreRow<'_>) -> io::Result<()> {
        self.out.write_field(row.id).map_err(into_io)?;
        for v in row.kept {
            self.out.write_field(v).map_err(into_io)?;
        }
        let scores = row
            .scores
            .iter()
            .map(|s| s.map_or(Cell::Blank, Cell::Number));
        for cell in scores.chain(row.derived.iter().copied()) {
            let text = match cell {
                Cell::Number(v) => self.numbers.format(v),
                Cell::Text(t) => t,
                Cell::Blank => "",
            };
            if self.decimal_comma && matches!(cell, Cell::Number(_)) && text.contains('.') {
                self.out
                    .write_field(text.replace('.', ","))
                    .map_err(into_io)?;
            } else {
                self.out.write_field(text).map_err(into_io)?;
            }
        }
        summarise(row.problems, &mut self.summary);
        self.out.write_field(&self.summary).map_err(into_io)?;
        self.out.write_record(None::<&[u8]>).map_err(into_io)
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}

/// JSON: `{"scores": [{"id", <kept>…, <scale>: number|null, <derived>: string|number|null,
/// "valid"}], "id_column", "scales", "derived", "problems": […], "warnings": […]}`.
///
/// The scores stream to the output; since the problems come after them in the document, each
/// row's problems stream meanwhile to a spool (a temporary file, say) and are copied behind the
/// scores at the end, so memory stays constant however many rows have problems.
pub struct JsonScores<W: Write, S: Read + Write + Seek> {
    out: W,
    columns: ScoreColumns,
    first: bool,
    spool: BufWriter<S>,
    first_problem: bool,
    warnings: Vec<DraftLanguageUse>,
}

impl<W: Write, S: Read + Write + Seek> JsonScores<W, S> {
    /// Starts the document; `header_problems` (of the file as a whole) open the problem list,
    /// which `spool` (empty, readable and writable) holds until the end.
    ///
    /// # Errors
    /// I/O errors of `out` or the spool.
    pub fn new(
        mut out: W,
        columns: ScoreColumns,
        spool: S,
        header_problems: &[Problem],
    ) -> io::Result<Self> {
        out.write_all(b"{\"scores\":[")?;
        let mut writer = JsonScores {
            out,
            columns,
            first: true,
            spool: BufWriter::new(spool),
            first_problem: true,
            warnings: Vec::new(),
        };
        writer.spool_problems(header_problems)?;
        Ok(writer)
    }

    fn spool_problems(&mut self, problems: &[Problem]) -> io::Result<()> {
        for p in problems {
            if !self.first_problem {
                self.spool.write_all(b",")?;
            }
            self.first_problem = false;
            serde_json::to_writer(&mut self.spool, p).map_err(json_io)?;
        }
        Ok(())
    }
}

impl<W: Write, S: Read + Write + Seek> ScoreWriter for JsonScores<W, S> {
    fn row(&mut self, row: ScoreRow<'_>) -> io::Result<()> {
        let mut obj = Map::new();
        obj.insert("id".into(), Value::from(row.id));
        for (name, v) in self.columns.kept.iter().zip(row.kept) {
            obj.insert(name.clone(), Value::from(v.as_str()));
        }
        for (name, s) in self.columns.scales.iter().zip(row.scores) {
            obj.insert(name.clone(), s.map_or(Value::Null, Value::from));
        }
        for (name, cell) in self.columns.derived.iter().zip(row.derived) {
            let value = match cell {
                Cell::Blank => Value::Null,
                Cell::Text(t) => Value::from(*t),
                Cell::Number(v) => Value::from(*v),
            };
            obj.insert(name.clone(), value);
        }
        obj.insert("valid".into(), Value::from(row.problems.is_empty()));
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        serde_json::to_writer(&mut self.out, &obj).map_err(json_io)?;
        self.spool_problems(row.problems)
    }

    fn warnings(&mut self, warnings: &[DraftLanguageUse]) {
        self.warnings = warnings.to_vec();
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.write_all(b"\n],\"id_column\":")?;
        serde_json::to_writer(&mut self.out, &self.columns.id).map_err(json_io)?;
        self.out.write_all(b",\"scales\":")?;
        serde_json::to_writer(&mut self.out, &self.columns.scales).map_err(json_io)?;
        self.out.write_all(b",\"derived\":")?;
        serde_json::to_writer(&mut self.out, &self.columns.derived).map_err(json_io)?;
        self.out.write_all(b",\"problems\":[")?;
        let mut spool = self.spool.into_inner().map_err(|e| e.into_error())?;
        spool.seek(SeekFrom::Start(0))?;
        io::copy(&mut spool, &mut self.out)?;
        self.out.write_all(b"],\"warnings\":")?;
        serde_json::to_writer(&mut self.out, &self.warnings).map_err(json_io)?;
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}

/// A JSON serialisation error as an I/O error (keeping the kind of an underlying I/O error,
/// so that a closed pipe stays recognisable).
pub(crate) fn json_io(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    }
}

/// Slots of the [`NumberCache`]: a power of two, larger than the number of distinct scores a
/// typical scale takes (means of a few integers).
const CACHE_SLOTS: usize = 1024;

/// Formats scores as the shortest text that reads back to the same `f64` (`4`, `4.25`,
/// `4.333333333333333`, no trailing `.0`), remembering recent results: scale scores are means of
/// a few small integers and repeat constantly, so most rows are formatted from the cache.
struct NumberCache {
    slots: Vec<Option<(u64, String)>>,
    ryu: ryu::Buffer,
}

impl Default for NumberCache {
    fn default() -> Self {
        NumberCache {
            slots: vec![None; CACHE_SLOTS],
            ryu: ryu::Buffer::new(),
        }
    }
}

impl NumberCache {
    fn format(&mut self, v: f64) -> &str {
        let bits = v.to_bits();
        // Fibonacci hashing of the bit pattern picks the slot
        let slot = (bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize % CACHE_SLOTS;
        let hit = matches!(&self.slots[slot], Some((b, _)) if *b == bits);
        if !hit {
            let text = self.ryu.format(v);
            let text = text.strip_suffix(".0").unwrap_or(text).to_owned();
            self.slots[slot] = Some((bits, text));
        }
        self.slots[slot]
            .as_ref()
            .map_or("", |(_, text)| text.as_str())
    }
}

/// `i3 out_of_range; i5 not_a_number`: the kinds of a row's problems, with their columns.
fn summarise(problems: &[Problem], out: &mut String) {
    out.clear();
    for (k, p) in problems.iter().enumerate() {
        if k > 0 {
            out.push_str("; ");
        }
        if let Some(c) = &p.column {
            out.push_str(c);
            out.push(' ');
        }
        out.push_str(p.kind.as_str());
    }
}

pub(crate) fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_data::ProblemKind;

    fn problem(line: u64) -> Problem {
        Problem {
            line,
            id: Some(format!("r{line}")),
            column: Some("q1".into()),
            value: Some("8".into()),
            kind: ProblemKind::OutOfRange,
            message: "8 is outside the response scale 1–7".into(),
        }
    }

    #[test]
    fn json_lists_header_then_row_problems_after_the_scores() {
        let columns = ScoreColumns {
            id: "id".into(),
            kept: Vec::new(),
            scales: vec!["s".into()],
            derived: Vec::new(),
        };
        let mut out = Vec::new();
        let header = [problem(1)];
        let mut w: Box<dyn ScoreWriter + '_> = Box::new(
            JsonScores::new(&mut out, columns, io::Cursor::new(Vec::new()), &header).unwrap(),
        );
        for line in 2..5 {
            let problems = [problem(line)];
            w.row(ScoreRow {
                id: &format!("r{line}"),
                kept: &[],
                scores: &[Some(2.5)],
                derived: &[],
                problems: &problems,
            })
            .unwrap();
        }
        w.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("]}\n"), "{text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["scores"].as_array().unwrap().len(), 3);
        let lines: Vec<u64> = v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["line"].as_u64().unwrap())
            .collect();
        assert_eq!(lines, [1, 2, 3, 4]);
        assert_eq!(v["scales"][0], "s");
    }

    #[test]
    fn numbers_are_shortest_round_trip_text() {
        let mut cache = NumberCache::default();
        for _ in 0..2 {
            assert_eq!(cache.format(6.0), "6");
            assert_eq!(cache.format(6.25), "6.25");
            assert_eq!(cache.format(19.0 / 3.0), "6.333333333333333");
            assert_eq!(cache.format(-0.5), "-0.5");
        }
        for k in 0..5000 {
            let v = f64::from(k) / 7.0;
            assert_eq!(cache.format(v).parse::<f64>().unwrap(), v);
        }
    }
}
