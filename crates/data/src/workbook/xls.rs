//! Excel 97–2003 workbooks (`.xls`: BIFF8 records in the `Workbook` stream of an OLE2 compound
//! file), read by psym's own bounded reader in two layers: [`cfb`] finds the stream, checking
//! every sector id, chain and declared size against the real file; the BIFF8 layer reads the
//! workbook globals ([`globals`]) and then only the chosen worksheets ([`cells`]) into the same
//! [`Sheet`]s, under the same [`Limits`], as `.xlsx` and `.ods`. See docs/architecture.md,
//! "Why psym's own `.xls` reader?".

mod cells;
mod cfb;
mod globals;
mod records;

use super::sheet::{Budget, Sheet, chosen};
use super::{Limits, SheetChoice, WorkbookProblem};

/// Reads the chosen worksheets of the Excel 97–2003 workbook in `bytes`.
///
/// # Errors
/// A compound file that is damaged or holds no `Workbook` stream (a password-protected
/// `.xlsx`, an Excel 5 `.xls`, another Office document), an encrypted or pre-BIFF8 workbook,
/// a damaged record, a sheet not found, or more cells or text than `limits` allow.
pub(super) fn read(
    bytes: &[u8],
    choice: &SheetChoice,
    limits: &Limits,
) -> Result<Vec<Sheet>, WorkbookProblem> {
    let compound = cfb::Compound::open(bytes)?;
    let (root, streams) = compound.root_streams()?;
    let named = |name: &str| streams.iter().find(|s| s.name.eq_ignore_ascii_case(name));
    let Some(workbook) = named("Workbook") else {
        let message = if named("EncryptedPackage").is_some() {
            "the workbook is password-protected (encrypted); remove the password (in Excel: File, Info, Protect Workbook) and save it again"
        } else if named("Book").is_some() {
            "this workbook is in the format of Excel 5 or older (BIFF5), which psym does not read; open it in Excel or LibreOffice and save it as .xlsx"
        } else {
            "an OLE2 compound file without a Workbook stream: not an Excel workbook (perhaps another Office document)"
        };
        return Err(WorkbookProblem::new("workbook", message));
    };
    let stream = compound.read(&root, workbook)?;
    let globals = globals::read(&stream)?;
    let names: Vec<String> = globals.sheets.iter().map(|s| s.name.clone()).collect();
    let mut budget = Budget::new(limits);
    let wanted = chosen(&names, choice)?;
    globals
        .sheets
        .iter()
        .filter(|s| wanted.contains(&s.name))
        .take(wanted.len())
        .map(|entry| cells::read(&stream, entry, &globals, &mut budget))
        .collect()
}

#[cfg(test)]
mod tests;
