//! Scores as an Excel workbook.

use std::io::{self, Write};

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{Cell, ScoreColumns, ScoreRow, ScoreWriter, summarise};

/// Rows an Excel sheet can hold, the header included.
const EXCEL_ROWS: u32 = 1_048_576;

/// XLSX: one sheet `scores` with the columns of the CSV table: a bold header row that stays in
/// view (frozen panes), ids and pass-through values as text (an id `007` keeps its zeros),
/// scores as numbers (a blank cell = no score), band labels as text, norm figures as numbers,
/// and the `problems` column.
///
/// Rows go to a temporary file as they come (rust_xlsxwriter's constant-memory mode), so memory
/// does not grow with the rows; at the end the workbook is compressed in memory (about a tenth
/// of the sheet's XML) and written to the output. A sheet holds at most 1,048,575 rows after
/// its header: more is an error.
pub struct XlsxScores<W: Write> {
    out: W,
    book: Workbook,
    next_row: u32,
    first_score: u16,
    summary: String,
}

impl<W: Write> XlsxScores<W> {
    /// Starts the workbook and writes its header row.
    ///
    /// # Errors
    /// A temporary file cannot be made.
    pub fn new(out: W, columns: &ScoreColumns) -> io::Result<Self> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet_with_constant_memory();
        sheet.set_name("scores").map_err(xlsx_io)?;
        sheet.set_freeze_panes(1, 0).map_err(xlsx_io)?;
        let bold = Format::new().set_bold();
        for (c, name) in columns.header().enumerate() {
            sheet
                .write_string_with_format(0, col(c)?, name, &bold)
                .map_err(xlsx_io)?;
        }
        Ok(XlsxScores {
            out,
            book,
            next_row: 1,
            first_score: col(1 + columns.kept.len())?,
            summary: String::new(),
        })
    }
}

impl<W: Write> ScoreWriter for XlsxScores<W> {
    fn row(&mut self, row: ScoreRow<'_>) -> io::Result<()> {
        let r = self.next_row;
        if r >= EXCEL_ROWS {
            return Err(io::Error::other(format!(
                "more than the {} rows an Excel sheet holds; write CSV instead",
                EXCEL_ROWS - 1
            )));
        }
        let sheet = self.book.worksheet_from_index(0).map_err(xlsx_io)?;
        sheet.write_string(r, 0, row.id).map_err(xlsx_io)?;
        for (k, v) in row.kept.iter().enumerate() {
            sheet.write_string(r, col(1 + k)?, v).map_err(xlsx_io)?;
        }
        let mut c = self.first_score;
        let scores = row
            .scores
            .iter()
            .map(|s| s.map_or(Cell::Blank, Cell::Number));
        for cell in scores.chain(row.derived.iter().copied()) {
            match cell {
                Cell::Number(v) => sheet.write_number(r, c, v).map(|_| ()),
                Cell::Text(t) => sheet.write_string(r, c, t).map(|_| ()),
                Cell::Blank => Ok(()),
            }
            .map_err(xlsx_io)?;
            c += 1;
        }
        summarise(row.problems, &mut self.summary);
        if !self.summary.is_empty() {
            sheet
                .write_string(r, c, self.summary.as_str())
                .map_err(xlsx_io)?;
        }
        self.next_row += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        let bytes = self.book.save_to_buffer().map_err(xlsx_io)?;
        self.out.write_all(&bytes)?;
        self.out.flush()
    }
}

/// A 0-based column within Excel's 16,384.
fn col(c: usize) -> io::Result<u16> {
    u16::try_from(c)
        .ok()
        .filter(|&c| c < 16_384)
        .ok_or_else(|| io::Error::other("more columns than an Excel sheet holds (16,384)"))
}

fn xlsx_io(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}
