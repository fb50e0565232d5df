//! Sheets of text cells read from or written to CSV and XLSX files, with row numbers kept for
//! messages.

use rust_xlsxwriter::{Format, Workbook};

use super::formula;
use crate::error::{WorkFileProblem, problem};

/// One sheet: a header row and data rows of text cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Sheet name (`translation`, `survey`, `choices`, `settings`); the file name for CSV.
    pub name: String,
    /// Column names.
    pub header: Vec<String>,
    /// Data rows.
    pub rows: Vec<TableRow>,
}

/// A data row and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableRow {
    /// 1-based line (CSV) or row (XLSX) number in the file.
    pub number: usize,
    /// Cells, one per header column (missing trailing cells are empty).
    pub cells: Vec<String>,
}

impl Table {
    /// A new sheet with this header.
    pub fn new(name: &str, header: Vec<String>) -> Self {
        Table {
            name: name.to_owned(),
            header,
            rows: Vec::new(),
        }
    }

    /// Appends a row (numbered after the header and the rows before it).
    pub fn push(&mut self, cells: Vec<String>) {
        let number = self.rows.len() + 2;
        self.rows.push(TableRow { number, cells });
    }

    /// Index of the column named `name` (case-insensitive, surrounding spaces ignored).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    }

    /// Where `row` is, for messages: `line 4` for CSV, `sheet survey, row 4` for XLSX.
    pub fn location(&self, row: &TableRow, xlsx: bool) -> String {
        if xlsx {
            format!("sheet {}, row {}", self.name, row.number)
        } else {
            format!("line {}", row.number)
        }
    }
}

impl TableRow {
    /// The cell in column `col`, trimmed of a trailing carriage return; empty when absent.
    pub fn cell(&self, col: Option<usize>) -> &str {
        col.and_then(|c| self.cells.get(c))
            .map_or("", |s| s.as_str())
    }

    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Decodes a text file as UTF-8 (a byte-order mark is skipped). UTF-16 and invalid bytes are
/// reported with the line where they occur.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, WorkFileProblem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(problem(
            "line 1",
            None,
            "the file is UTF-16; save it as UTF-8 (in Excel: CSV UTF-8)",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        let line = bytes
            .get(..valid)
            .map_or(0, |b| b.iter().filter(|c| **c == b'\n').count())
            + 1;
        problem(
            format!("line {line}"),
            None,
            format!(
                "the file is not UTF-8 (invalid byte 0x{:02X} at byte {valid}); save it as UTF-8",
                bytes.get(valid).copied().unwrap_or(0)
            ),
        )
    })
}

/// Reads a CSV work file the way response files are read ([`psym_data::decode_text`]): UTF-8
/// with or without a byte-order mark, UTF-16, or Windows-1252; comma, semicolon or tab
/// delimited; Excel's `sep=X` line skipped. A header row comes first. With `neutralised`, the
/// protection [`write_csv`] adds against spreadsheet formulas is taken off again.
pub fn read_csv(
    bytes: &[u8],
    name: &str,
    neutralised: bool,
) -> Result<Table, Vec<WorkFileProblem>> {
    let decoded = psym_data::decode_text(std::path::Path::new(name), bytes.to_vec())
        .map_err(|e| vec![problem("line 1", None, e.kind.to_string())])?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(decoded.delimiter)
        .from_reader(decoded.text.as_bytes());
    let mut table = Table::new(name, Vec::new());
    let mut problems = Vec::new();
    for (k, record) in reader.records().enumerate() {
        match record {
            Ok(rec) => {
                let number = rec.position().map_or(k + 1, |p| p.line() as usize);
                let cells: Vec<String> = rec.iter().map(str::to_owned).collect();
                if k == 0 {
                    table.header = cells;
                } else if cells.len() > table.header.len() {
                    problems.push(problem(
                        format!("line {number}"),
                        None,
                        format!(
                            "{} fields but the header has {}; quote texts that contain the delimiter '{}'",
                            cells.len(),
                            table.header.len(),
                            char::from(decoded.delimiter)
                        ),
                    ));
                } else {
                    let cells = if neutralised {
                        cells
                            .iter()
                            .map(|c| formula::restore(c).into_owned())
                            .collect()
                    } else {
                        cells
                    };
                    table.rows.push(TableRow { number, cells });
                }
            }
            Err(e) => {
                let line = e.position().map_or(k + 1, |p| p.line() as usize);
                problems.push(problem(
                    format!("line {line}"),
                    None,
                    format!("not valid CSV: {e}"),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(problems)
    }
}

/// Writes a table as CSV (UTF-8 with a byte-order mark, so that Excel shows the letters
/// right; every field quoted when needed). With `neutralise`, data cells that a spreadsheet
/// would run as a formula get a protective apostrophe (see `docs/translation.md`); [`read_csv`] with
/// `neutralised` undoes it.
pub fn write_csv(table: &Table, neutralise: bool) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(&table.header)?;
        for row in &table.rows {
            if neutralise {
                w.write_record(
                    row.cells
                        .iter()
                        .map(|c| formula::neutralise(c).into_owned()),
                )?;
            } else {
                w.write_record(&row.cells)?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}

/// Writes tables as sheets of an XLSX workbook: bold, frozen header; wrapped text.
pub fn write_xlsx(tables: &[Table]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.name)?;
        for (c, h) in table.header.iter().enumerate() {
            let col = c as u16;
            sheet.write_string_with_format(0, col, h, &bold)?;
            let widest = table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(c))
                .map(|s| s.chars().count())
                .chain([h.chars().count()])
                .max()
                .unwrap_or(10);
            sheet.set_column_width(col, (widest.clamp(8, 60) + 2) as f64)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                sheet.write_string_with_format(r as u32 + 1, c as u16, cell, &wrap)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}
