//! The cells of one worksheet substream (MS-XLS 2.1.7.20.5), as text in a [`Sheet`]: shared
//! and inline strings, numbers (NUMBER, RK, MULRK), formulas' cached results, booleans and
//! errors; blanks and everything else skipped. Numbers in a date or duration format become the
//! same ISO text an `.xlsx` date gives.

use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};

use super::super::sheet::{Budget, Sheet, cell_text};
use super::super::{WorkbookProblem, cell_name};
use super::cfb::{u16_at, u32_at};
use super::globals::{Globals, SheetEntry, Shown};
use super::records::{Continued, Record, Records, at_offset, f64_at, kind, string_at};

/// Rows and columns a BIFF8 sheet can have.
const ROWS: u32 = 65_536;
const COLUMNS: u32 = 256;

/// Reads the worksheet `entry` of the Workbook `stream` into a sheet, counting against `budget`.
pub(super) fn read(
    stream: &[u8],
    entry: &SheetEntry,
    globals: &Globals,
    budget: &mut Budget,
) -> Result<Sheet, WorkbookProblem> {
    let at = format!("sheet {}", entry.name);
    let mut records = Records::new(stream, entry.offset);
    match records.next_record()? {
        Some(r) if r.kind == kind::BOF => {}
        _ => {
            return Err(WorkbookProblem::new(
                at,
                format!(
                    "the workbook says the sheet starts at byte {} of its stream ({} bytes), where there is no sheet; the workbook is damaged",
                    entry.offset,
                    stream.len()
                ),
            ));
        }
    }
    let mut sheet = Sheet::named(entry.name.clone());
    // Charts embedded in a worksheet are substreams of their own, BOF to EOF, inside it.
    let mut depth = 1;
    while let Some(r) = records.next_record()? {
        match r.kind {
            kind::BOF => depth += 1,
            kind::EOF => {
                depth -= 1;
                if depth == 0 {
                    return Ok(sheet.finish());
                }
            }
            _ if depth > 1 => {}
            kind::DIMENSIONS => check_dimensions(&r, &at)?,
            kind::FORMULA => {
                let text = formula_result(&r, &mut records, globals)?;
                sheet.push(position(&r), &text, budget)?;
            }
            _ => {
                for (place, value) in values(&r, globals)? {
                    sheet.push(place, &value, budget)?;
                }
            }
        }
    }
    Err(WorkbookProblem::new(
        at,
        "the sheet ends without its end-of-sheet record; the workbook is truncated or damaged",
    ))
}

/// A cell record's row and column.
fn position(r: &Record) -> (u32, u32) {
    (u32::from(u16_at(r.data, 0)), u32::from(u16_at(r.data, 2)))
}

/// A cell record's data must hold `len` bytes.
fn needs(r: &Record, len: usize) -> Result<(), WorkbookProblem> {
    if r.data.len() < len {
        return Err(at_offset(
            r.offset,
            format!("cell record {:#06x} is cut short", r.kind),
        ));
    }
    Ok(())
}

/// The used range a sheet declares, which must fit a BIFF8 sheet (it is not used otherwise).
fn check_dimensions(r: &Record, at: &str) -> Result<(), WorkbookProblem> {
    needs(r, 12)?;
    let (rows, columns) = (
        (u32_at(r.data, 0), u32_at(r.data, 4)),
        (u32::from(u16_at(r.data, 8)), u32::from(u16_at(r.data, 10))),
    );
    if rows.0 > rows.1 || rows.1 > ROWS || columns.0 > columns.1 || columns.1 > COLUMNS {
        return Err(WorkbookProblem::new(
            at,
            format!(
                "the sheet declares rows {} to {} and columns {} to {}, beyond the {ROWS} rows and {COLUMNS} columns of an Excel 97–2003 sheet; the workbook is damaged",
                rows.0, rows.1, columns.0, columns.1
            ),
        ));
    }
    Ok(())
}

/// A cell's place (0-based row and column) and its text.
type Placed = ((u32, u32), String);

/// The values of a cell record other than a formula, with their places; none for a record
/// that holds no value.
fn values(r: &Record, globals: &Globals) -> Result<Vec<Placed>, WorkbookProblem> {
    let number = |xf: u16, x: f64| number_text(x, globals.shown(xf), globals.is_1904);
    let one = |text: String| Ok(vec![(position(r), text)]);
    match r.kind {
        kind::NUMBER => {
            needs(r, 14)?;
            one(number(u16_at(r.data, 4), f64_at(r.data, 6)))
        }
        kind::RK => {
            needs(r, 10)?;
            one(number(u16_at(r.data, 4), rk_number(u32_at(r.data, 6))))
        }
        kind::MULRK => {
            needs(r, 6)?;
            let (row, first) = position(r);
            let cells = r.data[4..r.data.len() - 2].chunks_exact(6);
            Ok(cells
                .zip(first..)
                .map(|(c, col)| ((row, col), number(u16_at(c, 0), rk_number(u32_at(c, 2)))))
                .collect())
        }
        kind::LABELSST => {
            needs(r, 10)?;
            let k = u32_at(r.data, 6);
            let (row, col) = position(r);
            let text = globals.shared(k).ok_or_else(|| {
                at_offset(
                    r.offset,
                    format!(
                        "cell {} refers to shared string {k}, past the end of the table",
                        cell_name(row, col)
                    ),
                )
            })?;
            one(text.to_owned())
        }
        kind::LABEL => {
            let text = string_at(r.data, 6, false)
                .ok_or_else(|| at_offset(r.offset, "a text cell is cut short"))?;
            one(text)
        }
        kind::BOOLERR => {
            needs(r, 8)?;
            one(bool_or_error(r.data[6], r.data[7] == 1))
        }
        _ => Ok(Vec::new()),
    }
}

/// A FORMULA record's cached result (MS-XLS 2.5.133): a number, or, when its last two bytes
/// are `FFFF`, a string (in the STRING record that follows), a boolean, an error or an empty
/// string, by the first byte.
fn formula_result(
    r: &Record,
    records: &mut Records,
    globals: &Globals,
) -> Result<String, WorkbookProblem> {
    needs(r, 20)?;
    let result = &r.data[6..14];
    if u16_at(result, 6) != 0xFFFF {
        return Ok(number_text(
            f64_at(result, 0),
            globals.shown(u16_at(r.data, 4)),
            globals.is_1904,
        ));
    }
    match result[0] {
        0 => {
            // The STRING record follows, after any shared-formula or array records.
            while let Some(next) = records.next_record()? {
                if next.kind == kind::STRING {
                    let mut parts = vec![next.data];
                    parts.extend(records.continues()?);
                    let mut data = Continued::new(parts);
                    let mut text = String::new();
                    let chars = data
                        .u16()
                        .ok_or_else(|| at_offset(next.offset, "a formula's text is cut short"))?;
                    data.string(usize::from(chars), &mut text)
                        .ok_or_else(|| at_offset(next.offset, "a formula's text is cut short"))?;
                    return Ok(text);
                }
                if !matches!(next.kind, 0x04BC | 0x0221 | 0x0236) {
                    break;
                }
            }
            Err(at_offset(
                r.offset,
                "a formula's text result has no STRING record",
            ))
        }
        1 => Ok(bool_or_error(result[2], false)),
        2 => Ok(bool_or_error(result[2], true)),
        _ => Ok(String::new()),
    }
}

/// A boolean (`TRUE`/`FALSE`) or an error value as Excel shows it (MS-XLS 2.5.10).
fn bool_or_error(value: u8, is_error: bool) -> String {
    if !is_error {
        return cell_text(&Data::Bool(value != 0));
    }
    let error = match value {
        0x00 => CellErrorType::Null,
        0x07 => CellErrorType::Div0,
        0x0F => CellErrorType::Value,
        0x17 => CellErrorType::Ref,
        0x1D => CellErrorType::Name,
        0x24 => CellErrorType::Num,
        0x2A => CellErrorType::NA,
        _ => CellErrorType::GettingData,
    };
    cell_text(&Data::Error(error))
}

/// An RK number (MS-XLS 2.5.217): the upper 30 bits are either a signed integer (bit 1 set)
/// or the upper 30 bits of an `f64` whose lower 34 bits are zero; bit 0 set means the value
/// was multiplied by 100.
fn rk_number(rk: u32) -> f64 {
    let x = if rk & 0x02 != 0 {
        f64::from((rk as i32) >> 2)
    } else {
        f64::from_bits(u64::from(rk & 0xFFFF_FFFC) << 32)
    };
    if rk & 0x01 != 0 { x / 100.0 } else { x }
}

/// Days Excel's calendar can show: up to 9999-12-31 (day 2,958,465 since 1899-12-31).
const LAST_DAY: f64 = 2_958_466.0;

/// A number as text the way an `.xlsx` cell of the same format gives it: dates and durations
/// (within Excel's calendar) as ISO text, everything else as the number.
fn number_text(x: f64, shown: Shown, is_1904: bool) -> String {
    let kind = match shown {
        Shown::Date => ExcelDateTimeType::DateTime,
        Shown::Duration => ExcelDateTimeType::TimeDelta,
        Shown::Number => return cell_text(&Data::Float(x)),
    };
    if !(0.0..LAST_DAY).contains(&x) {
        return cell_text(&Data::Float(x));
    }
    cell_text(&Data::DateTime(ExcelDateTime::new(x, kind, is_1904)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers_decode() {
        // MS-XLS 2.5.217's examples: integers, integers × 100, and truncated doubles.
        assert_eq!(rk_number(0x3FF0_0000), 1.0);
        assert_eq!(rk_number(0x3FF0_0001), 0.01);
        assert_eq!(rk_number((1234 << 2) | 0x02), 1234.0);
        assert_eq!(rk_number((-5i32 << 2) as u32 | 0x02), -5.0);
        assert_eq!(rk_number((12345 << 2) | 0x03), 123.45);
    }

    #[test]
    fn numbers_dates_and_errors_as_xlsx_gives_them() {
        assert_eq!(number_text(4.0, Shown::Number, false), "4");
        assert_eq!(number_text(45943.0, Shown::Date, false), "2025-10-13");
        assert_eq!(number_text(1.5, Shown::Duration, false), "36:00:00");
        assert_eq!(number_text(-3.0, Shown::Date, false), "-3");
        assert_eq!(bool_or_error(0x2A, true), "#N/A");
        assert_eq!(bool_or_error(1, false), "TRUE");
    }
}
