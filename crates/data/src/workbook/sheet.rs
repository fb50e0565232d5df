//! Reading the cells of a checked workbook with calamine into compact sheets.

use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, Ods, Reader, Xlsx, open_workbook_from_rs};

use super::{Limits, SheetChoice, WorkbookFormat, WorkbookProblem, cell_name, column_name};
use crate::contain::contain;

/// One sheet's cells with a value, in row and column order, held compactly: all text in one
/// string, and 16 bytes per cell.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    text: String,
    cells: Vec<Entry>,
    /// Per row with a value: its 0-based number and the index of its first cell.
    rows: Vec<(u32, usize)>,
}

/// A cell: 0-based row and column, and where its text is in [`Sheet::text`].
#[derive(Debug, Clone, Copy)]
struct Entry {
    row: u32,
    col: u32,
    start: u32,
    len: u32,
}

/// One row of a [`Sheet`] that has at least one value.
#[derive(Debug, Clone, Copy)]
pub struct SheetRow<'a> {
    /// 1-based row number, as the spreadsheet shows it.
    pub number: u32,
    sheet: &'a Sheet,
    cells: &'a [Entry],
}

impl<'a> SheetRow<'a> {
    /// The row's cells with a value: 0-based column and text, left to right.
    pub fn cells(&self) -> impl Iterator<Item = (u32, &'a str)> + 'a {
        let sheet = self.sheet;
        self.cells.iter().map(move |e| (e.col, sheet.text_of(e)))
    }

    /// Number of fields up to the last value (the last value's column + 1).
    pub fn width(&self) -> usize {
        self.cells.last().map_or(0, |e| e.col as usize + 1)
    }
}

impl Sheet {
    /// The rows that have a value, top to bottom.
    pub fn rows(&self) -> impl Iterator<Item = SheetRow<'_>> {
        (0..self.rows.len()).filter_map(|k| self.row(k))
    }

    /// The `k`-th row with a value (0-based), if there is one.
    pub fn row(&self, k: usize) -> Option<SheetRow<'_>> {
        let &(row, first) = self.rows.get(k)?;
        let end = self.rows.get(k + 1).map_or(self.cells.len(), |r| r.1);
        Some(SheetRow {
            number: row + 1,
            sheet: self,
            cells: &self.cells[first..end],
        })
    }

    /// Number of rows that have a value.
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    fn text_of(&self, e: &Entry) -> &str {
        &self.text[e.start as usize..(e.start + e.len) as usize]
    }

    /// An empty sheet called `name`.
    pub(super) fn named(name: String) -> Self {
        Sheet {
            name,
            ..Sheet::default()
        }
    }

    /// Adds a cell, counting it against what `budget` leaves.
    pub(super) fn push(
        &mut self,
        (row, col): (u32, u32),
        text: &str,
        budget: &mut Budget,
    ) -> Result<(), WorkbookProblem> {
        if text.is_empty() {
            return Ok(());
        }
        let at = || format!("sheet {}, cell {}", self.name, cell_name(row, col));
        let limits = budget.limits;
        if col >= limits.max_columns {
            return Err(WorkbookProblem::new(
                at(),
                format!(
                    "a value in column {}, beyond the {} columns {} can have; delete it",
                    column_name(col),
                    limits.max_columns,
                    limits.purpose
                ),
            ));
        }
        budget.cells += 1;
        budget.text += text.len();
        if budget.cells > limits.max_cells || budget.text > limits.max_text {
            return Err(WorkbookProblem::new(
                at(),
                format!(
                    "the workbook holds more than {} cells or {} MB of text, more than {} can hold; save the sheet as CSV (UTF-8), which psym reads as a stream",
                    limits.max_cells,
                    limits.max_text >> 20,
                    limits.purpose
                ),
            ));
        }
        // The text budget keeps every offset below 2³² (checked again in case it does not).
        let start = u32::try_from(self.text.len())
            .map_err(|_| WorkbookProblem::new(at(), "too much text"))?;
        self.text.push_str(text);
        self.cells.push(Entry {
            row,
            col,
            start,
            len: text.len() as u32,
        });
        Ok(())
    }

    /// Sorts the cells (a sheet's XML need not list them in order), keeps the first of any
    /// cells at the same place, and indexes the rows.
    pub(super) fn finish(mut self) -> Self {
        self.cells.sort_by_key(|e| (e.row, e.col));
        self.cells.dedup_by_key(|e| (e.row, e.col));
        self.rows.clear();
        for (k, e) in self.cells.iter().enumerate() {
            if self.rows.last().is_none_or(|r| r.0 != e.row) {
                self.rows.push((e.row, k));
            }
        }
        self
    }
}

/// What a read has used of its limits, over all sheets.
pub(super) struct Budget<'a> {
    limits: &'a Limits,
    cells: usize,
    text: usize,
}

impl<'a> Budget<'a> {
    /// Nothing used yet of `limits`.
    pub(super) fn new(limits: &'a Limits) -> Self {
        Budget {
            limits,
            cells: 0,
            text: 0,
        }
    }
}

/// Reads the chosen sheets of a checked workbook.
pub(super) fn read(
    bytes: &[u8],
    format: WorkbookFormat,
    choice: &SheetChoice,
    limits: &Limits,
) -> Result<Vec<Sheet>, WorkbookProblem> {
    let mut budget = Budget::new(limits);
    let failed = |e: String| {
        WorkbookProblem::new(
            "workbook",
            format!("the {format:?} reader failed on this workbook ({e}); it is damaged"),
        )
    };
    contain(|| match format {
        WorkbookFormat::Xlsx => {
            let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::XlsxError| unreadable(format, &e.to_string()))?;
            let names = chosen(&book.sheet_names(), choice)?;
            names
                .into_iter()
                .map(|name| xlsx_sheet(&mut book, name, &mut budget))
                .collect()
        }
        WorkbookFormat::Ods => {
            let mut book: Ods<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::OdsError| unreadable(format, &e.to_string()))?;
            let names = chosen(&book.sheet_names(), choice)?;
            let mut sheets = Vec::new();
            for name in names {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|e| unreadable(format, &e.to_string()))?;
                let (r0, c0) = range.start().unwrap_or_default();
                let mut sheet = Sheet::named(name);
                for (r, c, value) in range.used_cells() {
                    let at = (r0 + r as u32, c0 + c as u32);
                    sheet.push(at, &cell_text(value), &mut budget)?;
                }
                sheets.push(sheet.finish());
            }
            Ok(sheets)
        }
    })
    .map_err(failed)?
}

fn unreadable(format: WorkbookFormat, e: &str) -> WorkbookProblem {
    let message = if e.contains("password") {
        "the workbook is password-protected; remove the password and save it again".to_owned()
    } else {
        format!("not a readable {format:?} workbook: {e}")
    };
    WorkbookProblem::new("workbook", message)
}

/// The sheets `choice` names, in the workbook's order.
pub(super) fn chosen(
    names: &[String],
    choice: &SheetChoice,
) -> Result<Vec<String>, WorkbookProblem> {
    match choice {
        SheetChoice::All => Ok(names.to_vec()),
        SheetChoice::First => names
            .first()
            .map(|n| vec![n.clone()])
            .ok_or_else(|| WorkbookProblem::new("workbook", "the workbook has no sheet")),
        SheetChoice::Named(want) => names
            .iter()
            .find(|n| *n == want)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(want)))
            .map(|n| vec![n.clone()])
            .ok_or_else(|| {
                WorkbookProblem::new(
                    "workbook",
                    format!("there is no sheet '{want}' (sheets: {})", names.join(", ")),
                )
            }),
    }
}

/// One `.xlsx` sheet, read cell by cell.
fn xlsx_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: String,
    budget: &mut Budget,
) -> Result<Sheet, WorkbookProblem> {
    let cannot = |e: calamine::XlsxError| {
        WorkbookProblem::new(
            format!("sheet {name}"),
            format!("cannot read the sheet: {e}"),
        )
    };
    let mut cells = book.worksheet_cells_reader(&name).map_err(cannot)?;
    let mut sheet = Sheet::named(name.clone());
    while let Some(cell) = cells.next_cell().map_err(cannot)? {
        let text = match cell.get_value() {
            DataRef::SharedString(s) => (*s).to_owned(),
            other => cell_text(&Data::from(other.clone())),
        };
        sheet.push(cell.get_position(), &text, budget)?;
    }
    Ok(sheet.finish())
}

/// A cell as text: numbers as written (`4`, not `4.0`; the shortest form that reads back as
/// the same number), dates and times as ISO 8601 text (`2025-10-13`, `2025-10-13T12:59:02`,
/// durations as `hh:mm:ss`), errors as Excel shows them (`#N/A`), `TRUE`/`FALSE`.
pub(super) fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) => date_text(dt),
        Data::Error(e) => e.to_string(),
    }
}

fn date_text(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        let seconds = (dt.as_f64() * 86_400.0).round() as i64;
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return format!("{h:02}:{m:02}:{s:02}");
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn cells_as_text() {
        assert_eq!(cell_text(&Data::Float(4.0)), "4");
        assert_eq!(cell_text(&Data::Float(3.25)), "3.25");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
        let date = ExcelDateTime::new(45943.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date)), "2025-10-13");
        let time = ExcelDateTime::new(45943.541, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(time)), "2025-10-13T12:59:02");
        let span = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(cell_text(&Data::DateTime(span)), "36:00:00");
    }

    #[test]
    fn rows_are_sorted_and_indexed() {
        let limits = Limits::RESPONSES;
        let mut budget = Budget::new(&limits);
        let mut sheet = Sheet::default();
        for (at, t) in [
            ((2, 1), "b3"),
            ((0, 0), "a1"),
            ((2, 0), "a3"),
            ((0, 0), "dup"),
        ] {
            sheet.push(at, t, &mut budget).unwrap();
        }
        let sheet = sheet.finish();
        let rows: Vec<(u32, Vec<(u32, &str)>)> = sheet
            .rows()
            .map(|r| (r.number, r.cells().collect()))
            .collect();
        assert_eq!(
            rows,
            [(1, vec![(0, "a1")]), (3, vec![(0, "a3"), (1, "b3")])]
        );
        assert_eq!(sheet.row(1).unwrap().width(), 2);
    }
}
