//! Reading spreadsheet workbooks (Excel `.xlsx` and `.xls`, OpenDocument `.ods`) defensively: a
//! workbook comes from outside, and a damaged or hostile one must give a clear error, never a
//! crash or an exhausted memory.
//!
//! [`is_workbook`] recognises a workbook by its first bytes (the zip signature `PK\x03\x04`,
//! or the OLE2 signature `D0 CF 11 E0` of Excel 97–2003 `.xls` files and password-protected
//! workbooks). An OLE2 file is read by psym's own bounded `.xls` reader (module `xls`), which
//! checks every size the file declares against the file itself before using it. A zip archive
//! is told `.xlsx` from `.ods` by the content types it declares, and [`read_sheets`] first
//! checks it without keeping it ([`Limits`]): the number of parts, the sizes the parts declare,
//! then the real unpacked size of every part (a "zip bomb" of 2 MB can unpack to gigabytes and
//! may declare less), every shared-string reference of an `.xlsx` sheet (the reader indexes
//! the table unchecked), and the cells an `.ods` table spans once its repeated rows and columns
//! are expanded. Only then does the workbook reader (calamine) open it; an `.xlsx` sheet is
//! read cell by cell, never as a dense range (one cell at `XFD1048576` would make a range of 17
//! billion cells). Every format ends in a compact [`Sheet`] that counts its cells and text
//! against the limits. Any panic left in the dependencies is contained and reported.
//!
//! ```
//! use psym_data::workbook::{Limits, SheetChoice, is_workbook, read_sheets};
//! assert!(!is_workbook(b"id,i1\n1,2\n"));
//! let err = read_sheets(b"PK\x03\x04 truncated", &SheetChoice::First, &Limits::RESPONSES).unwrap_err();
//! assert!(err[0].message.contains("damaged"));
//! ```

mod inspect;
mod sheet;
mod xls;

use std::fmt;

pub use sheet::{Sheet, SheetRow};

/// The workbook formats psym reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WorkbookFormat {
    /// Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
}

/// Whether `prefix` (the first bytes of a file) starts like a workbook: a zip archive (which
/// [`read_sheets`] then identifies by its content types) or an OLE2 compound file (an Excel
/// 97–2003 `.xls`, or a password-protected workbook of any Excel version).
pub fn is_workbook(prefix: &[u8]) -> bool {
    prefix.starts_with(b"PK\x03\x04") || prefix.starts_with(&OLE2)
}

/// The signature of an OLE2 compound file.
const OLE2: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// How much of a workbook may be read, and what the limits protect, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes all parts of the archive may unpack to, declared or real.
    pub max_unpacked: u64,
    /// Most parts (files) the archive may have.
    pub max_parts: usize,
    /// Most cells with a value a read may hold, over all sheets read.
    pub max_cells: usize,
    /// Most bytes of cell text a read may hold, over all sheets read (a shared string is
    /// counted each time a cell uses it).
    pub max_text: usize,
    /// Columns a value may be in: a value beyond this (1-based) column is refused.
    pub max_columns: u32,
    /// What kind of file is read, in messages: "a response workbook", "a work file".
    pub purpose: &'static str,
}

impl Limits {
    /// Limits for response files: 1 GiB unpacked, 10,000 parts, 10 million cells (100,000
    /// respondents × 100 columns) and 512 MiB of text held in memory (a sheet takes 16 bytes a
    /// cell plus its text), any column up to Excel's last (`XFD`).
    pub const RESPONSES: Limits = Limits {
        max_unpacked: 1 << 30,
        max_parts: 10_000,
        max_cells: 10_000_000,
        max_text: 512 << 20,
        max_columns: 16_384,
        purpose: "a response workbook",
    };
}

/// Which sheets to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetChoice {
    /// The first sheet in the workbook's order.
    First,
    /// The sheet of this name (exactly, else ignoring case).
    Named(String),
    /// Every sheet, in the workbook's order.
    All,
}

/// Something that makes a workbook unreadable, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookProblem {
    /// Where: `workbook`, `part xl/worksheets/sheet1.xml`, `sheet Data`, `sheet Data, cell B7`.
    pub at: String,
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
}

impl WorkbookProblem {
    pub(crate) fn new(at: impl Into<String>, message: impl Into<String>) -> Self {
        WorkbookProblem {
            at: at.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for WorkbookProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Reads the chosen sheets of a workbook held in memory, after checking it against `limits`.
///
/// # Errors
/// Every problem found before reading (not a workbook, password-protected, a part too large,
/// a shared-string reference out of range, a table too large once expanded), or the first
/// while reading (a sheet not found, too many cells, a value too far out, a failure of the
/// workbook reader).
pub fn read_sheets(
    bytes: &[u8],
    choice: &SheetChoice,
    limits: &Limits,
) -> Result<Vec<Sheet>, Vec<WorkbookProblem>> {
    if bytes.starts_with(&OLE2) {
        return xls::read(bytes, choice, limits).map_err(|p| vec![p]);
    }
    let format = inspect::inspect(bytes, limits)?;
    sheet::read(bytes, format, choice, limits).map_err(|p| vec![p])
}

/// Spreadsheet name of a 0-based column: 0 → `A`, 26 → `AA`, 16383 → `XFD`.
pub fn column_name(c: u32) -> String {
    let mut n = u64::from(c) + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Spreadsheet name of a 0-based cell: (0, 0) → `A1`.
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// A value from the file, cut to 20 characters for a message.
pub(crate) fn short(text: &str) -> String {
    if text.chars().count() <= 20 {
        text.to_owned()
    } else {
        text.chars().take(20).chain(['…']).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 25), "Z7");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(column_name(1023), "AMJ");
    }

    #[test]
    fn workbooks_by_signature() {
        assert!(is_workbook(b"PK\x03\x04xx"));
        assert!(is_workbook(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]));
        assert!(!is_workbook(b"id;i1\n"));
    }
}
