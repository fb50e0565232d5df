//! The workbook globals of a BIFF8 Workbook stream (MS-XLS 2.1.7.20.1): the sheets and where
//! their substreams start, the shared-string table, the date system, and which cell formats
//! show numbers as dates or durations.

use std::collections::HashMap;

use super::super::WorkbookProblem;
use super::cfb::{u16_at, u32_at};
use super::records::{Continued, Records, at_offset, kind, string_at};

/// How a cell format shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    Number,
    /// A date or time of day (a day count since the workbook's epoch).
    Date,
    /// Elapsed time (`[h]:mm:ss`).
    Duration,
}

/// A worksheet the workbook lists.
#[derive(Debug, Clone)]
pub(super) struct SheetEntry {
    pub name: String,
    /// Offset of the sheet's BOF record in the Workbook stream.
    pub offset: usize,
}

/// What the cells of every sheet refer to.
#[derive(Debug, Default)]
pub(super) struct Globals {
    pub sheets: Vec<SheetEntry>,
    /// The shared strings, all in one text (index `k` is `text[bounds[k]..bounds[k + 1]]`).
    text: String,
    bounds: Vec<usize>,
    /// How each cell format (XF, by index) shows numbers.
    shown: Vec<Shown>,
    /// Whether dates count days from 1904-01-01 (Mac Excel) rather than 1899-12-31.
    pub is_1904: bool,
}

impl Globals {
    /// Shared string `k`, if the table has it.
    pub fn shared(&self, k: u32) -> Option<&str> {
        let k = k as usize;
        Some(&self.text[*self.bounds.get(k)?..*self.bounds.get(k + 1)?])
    }

    /// How cell format `xf` shows a number (as a number for an unknown format).
    pub fn shown(&self, xf: u16) -> Shown {
        self.shown
            .get(usize::from(xf))
            .copied()
            .unwrap_or(Shown::Number)
    }

    fn shared_count(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }
}

/// Reads the globals substream at the start of `stream`.
pub(super) fn read(stream: &[u8]) -> Result<Globals, WorkbookProblem> {
    let mut records = Records::new(stream, 0);
    let first = records.next_record()?;
    if !first.is_some_and(|r| r.kind == kind::BOF && u16_at(r.data, 0) == 0x0600) {
        return Err(WorkbookProblem::new(
            "workbook",
            "the Workbook stream is not in Excel 97–2003's BIFF8 format (an older Excel version or a damaged file); open it in Excel or LibreOffice and save it as .xlsx",
        ));
    }
    let mut globals = Globals::default();
    let mut format_ids = Vec::new();
    let mut formats: HashMap<u16, Shown> = HashMap::new();
    while let Some(r) = records.next_record()? {
        match r.kind {
            kind::EOF => break,
            kind::FILEPASS => {
                return Err(WorkbookProblem::new(
                    "workbook",
                    "the workbook is password-protected (encrypted); remove the password (in Excel: File, Info, Protect Workbook) and save it again",
                ));
            }
            kind::DATEMODE => globals.is_1904 = u16_at(r.data, 0) == 1,
            kind::FORMAT => {
                let code = string_at(r.data, 2, false)
                    .ok_or_else(|| at_offset(r.offset, "a number format is cut short"))?;
                formats.insert(u16_at(r.data, 0), custom_format(&code));
            }
            kind::XF => format_ids.push(u16_at(r.data, 2)),
            kind::BOUNDSHEET => {
                let name = string_at(r.data, 6, true)
                    .ok_or_else(|| at_offset(r.offset, "a sheet name is cut short"))?;
                // Only worksheets (type 0), not charts, macro sheets or VBA modules.
                if r.data.get(5) == Some(&0) {
                    globals.sheets.push(SheetEntry {
                        name,
                        offset: u32_at(r.data, 0) as usize,
                    });
                }
            }
            kind::SST => {
                let mut parts = vec![r.data];
                parts.extend(records.continues()?);
                read_shared(&mut globals, parts, r.offset)?;
            }
            _ => {}
        }
    }
    globals.shown = format_ids
        .iter()
        .map(|id| {
            formats
                .get(id)
                .copied()
                .unwrap_or_else(|| builtin_format(*id))
        })
        .collect();
    Ok(globals)
}

/// The shared-string table (MS-XLS 2.4.265): total and unique counts, then the unique strings,
/// which must all be there.
fn read_shared(
    globals: &mut Globals,
    parts: Vec<&[u8]>,
    offset: usize,
) -> Result<(), WorkbookProblem> {
    let mut data = Continued::new(parts);
    let cut = || at_offset(offset, "the shared-string table is cut short");
    data.u32().ok_or_else(cut)?;
    let unique = data.u32().ok_or_else(cut)? as usize;
    globals.bounds = vec![0];
    while globals.shared_count() < unique && !data.at_end() {
        let chars = data.u16().ok_or_else(cut)?;
        data.string(usize::from(chars), &mut globals.text)
            .ok_or_else(cut)?;
        globals.bounds.push(globals.text.len());
    }
    if globals.shared_count() < unique {
        return Err(at_offset(
            offset,
            format!(
                "the shared-string table declares {unique} strings but holds {}",
                globals.shared_count()
            ),
        ));
    }
    Ok(())
}

/// Excel's built-in number formats that show dates and times (MS-XLS 2.4.126): 14–22 and
/// 45–47, of which 46 (`[h]:mm:ss`) is elapsed time.
fn builtin_format(id: u16) -> Shown {
    match id {
        46 => Shown::Duration,
        14..=22 | 45 | 47 => Shown::Date,
        _ => Shown::Number,
    }
}

/// How a custom number format shows a number, judged by its first section (before `;`): an
/// elapsed-time field in brackets (`[h]`, `[mm]`, `[ss]`) makes it a duration; else a day,
/// month or minute, year, hour or second letter, or an `AM/PM` marker, makes it a date. Text in
/// quotes, characters escaped with `\`, spacing (`_x`) and fill (`*x`) characters, and other
/// bracketed parts (colours, conditions, locales) are not fields.
fn custom_format(code: &str) -> Shown {
    let mut chars = code.chars();
    let mut shown = Shown::Number;
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                chars.by_ref().find(|&q| q == '"');
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inside: String = chars.by_ref().take_while(|&b| b != ']').collect();
                let lower = inside.to_ascii_lowercase();
                let first = lower.chars().next();
                if first.is_some_and(|f| "hms".contains(f))
                    && lower.chars().all(|x| Some(x) == first)
                {
                    return Shown::Duration;
                }
            }
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => shown = Shown::Date,
            'a' | 'A' => {
                let rest = chars.as_str().to_ascii_lowercase();
                if rest.starts_with("m/pm") || rest.starts_with("/p") {
                    shown = Shown::Date;
                }
            }
            _ => {}
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats_are_recognised() {
        for code in [
            "yyyy-mm-dd",
            "d/m/yy h:mm",
            "h:mm AM/PM",
            "[$-414]dd.mm.yyyy",
            "mm:ss",
        ] {
            assert_eq!(custom_format(code), Shown::Date, "{code}");
        }
        for code in ["[h]:mm:ss", "[mm]:ss", "[SS]"] {
            assert_eq!(custom_format(code), Shown::Duration, "{code}");
        }
        for code in [
            "General",
            "0.00",
            "#,##0 \"days\"",
            "0.0_m",
            "[Red]0.0",
            "0;\"d\"yy",
            "0.00E+00",
            "\\d0",
        ] {
            assert_eq!(custom_format(code), Shown::Number, "{code}");
        }
        assert_eq!(builtin_format(14), Shown::Date);
        assert_eq!(builtin_format(46), Shown::Duration);
        assert_eq!(builtin_format(2), Shown::Number);
    }
}
