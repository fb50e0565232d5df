//! Reading XLSX work files defensively, through psym-data's workbook reader
//! ([`psym_data::workbook`]): a work file comes from outside, and a damaged or hostile
//! workbook must give problems naming the sheet and cell, never a crash or an exhausted
//! memory. The archive is checked before it is read (real unpacked size against
//! [`MAX_UNPACKED`], shared-string references), sheets are read cell by cell, and a value
//! beyond column [`MAX_COLUMNS`] or more than [`MAX_CELLS`] values are problems.

use psym_data::workbook::{Limits, Sheet, SheetChoice, read_sheets};

use super::table::{Table, TableRow};
use crate::error::{WorkFileProblem, problem};

/// Most bytes all entries of a workbook may unpack to: 64 MiB. A work file holds the text of
/// one instrument (a 1,000-item instrument in 20 languages is about 5 MB unpacked).
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// Columns a work file may use: a value beyond column `AMJ` (the 1,024th) is refused.
pub const MAX_COLUMNS: u32 = 1_024;

/// Most cells of all sheets together, counting each row up to its last value or the header's
/// width, whichever is wider (the tables are dense).
pub const MAX_CELLS: usize = 2_000_000;

/// The limits of a work file.
const LIMITS: Limits = Limits {
    max_unpacked: MAX_UNPACKED,
    max_parts: 1_000,
    max_cells: MAX_CELLS,
    max_text: MAX_UNPACKED as usize,
    max_columns: MAX_COLUMNS,
    purpose: "a work file",
};

/// Reads every sheet of an XLSX workbook as text cells (numbers as written, `1` not `1.0`).
///
/// # Errors
/// Every problem found: not a zip archive, an entry too large or damaged, a shared-string
/// reference out of range, a value too far out, or a failure of the XLSX reader.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Table>, Vec<WorkFileProblem>> {
    let sheets = read_sheets(bytes, &SheetChoice::All, &LIMITS).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| problem(p.at, None, p.message))
            .collect::<Vec<_>>()
    })?;
    let spanned: usize = sheets.iter().map(spanned_cells).sum();
    if spanned > MAX_CELLS {
        return Err(vec![problem(
            "workbook",
            None,
            format!(
                "the workbook spans more than {MAX_CELLS} cells; a work file is far smaller, so this is not one"
            ),
        )]);
    }
    Ok(sheets.iter().map(table).collect())
}

/// The cells a sheet's table holds: each row up to its last value or the header's width.
fn spanned_cells(sheet: &Sheet) -> usize {
    let header = sheet
        .rows()
        .find(|r| r.number == 1)
        .map_or(0, |r| r.width());
    sheet.rows().map(|r| r.width().max(header)).sum()
}

/// A sheet as a table: row 1 is the header, rows without values are left out, data rows are
/// padded to the header's width, like a CSV row with its empty cells.
fn table(sheet: &Sheet) -> Table {
    let cells = |row: psym_data::workbook::SheetRow<'_>, width: usize| {
        let mut cells = vec![String::new(); width.max(row.width())];
        for (c, text) in row.cells() {
            cells[c as usize] = text.to_owned();
        }
        cells
    };
    let mut table = Table::new(&sheet.name, Vec::new());
    for row in sheet.rows() {
        if row.number == 1 {
            table.header = cells(row, 0);
        } else {
            table.rows.push(TableRow {
                number: row.number as usize,
                cells: cells(row, table.header.len()),
            });
        }
    }
    table
}
