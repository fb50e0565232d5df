//! Reading XLSX workbooks defensively: a work file comes from outside, and a damaged or
//! hostile workbook must give problems naming the sheet and cell, never a crash or an
//! exhausted memory.
//!
//! Before the XLSX reader (calamine) sees a workbook, [`inspect`] opens it as a zip archive
//! and decompresses every entry with a cap ([`MAX_UNPACKED`]) on the real, not the declared,
//! size (a "zip bomb" of 2 MB can unpack to gigabytes), and checks that every cell referring
//! to the shared-string table points into it (calamine indexes the table unchecked). Sheets
//! are then read cell by cell, never as a dense range (one cell at `XFD1048576` would make a
//! range of 17 billion cells), and a value beyond column [`MAX_COLUMNS`] or a sheet wider
//! than [`MAX_CELLS`] is a problem. Any panic left in the dependencies is contained
//! ([`contain`]) and reported.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

use super::contain::contain;
use super::table::{Table, TableRow};
use crate::error::{WorkFileProblem, problem};

/// Most bytes all entries of a workbook may unpack to: 64 MiB. A work file holds the text of
/// one instrument (a 1,000-item instrument in 20 languages is about 5 MB unpacked).
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// Most entries a workbook may have (a work file has about a dozen).
const MAX_ENTRIES: usize = 1_000;

/// Columns a work file may use: a value beyond column `AMJ` (the 1,024th) is refused.
pub const MAX_COLUMNS: u32 = 1_024;

/// Most cells of all sheets together, counting each row up to its last value or the header's
/// width, whichever is wider.
pub const MAX_CELLS: usize = 2_000_000;

/// Reads every sheet of an XLSX workbook as text cells (numbers as written, `1` not `1.0`).
///
/// # Errors
/// Every problem found: not a zip archive, an entry too large or damaged, a shared-string
/// reference out of range, a value too far out, or a failure of the XLSX reader.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Table>, Vec<WorkFileProblem>> {
    inspect(bytes)?;
    let fail = |e: String| vec![problem("workbook", None, e)];
    let opened =
        contain(|| open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))).map_err(|e| {
            fail(format!(
                "the XLSX reader failed on this workbook ({e}); it is damaged"
            ))
        })?;
    let mut book = opened.map_err(|e| fail(format!("not a readable XLSX workbook: {e}")))?;
    let mut tables = Vec::new();
    let mut budget = MAX_CELLS;
    for name in book.sheet_names() {
        let table = contain(|| read_sheet(&mut book, &name, &mut budget)).map_err(|e| {
            fail(format!(
                "the XLSX reader failed on sheet {name} ({e}); the workbook is damaged"
            ))
        })??;
        tables.push(table);
    }
    Ok(tables)
}

/// One sheet, read cell by cell: row 1 is the header, rows without values are left out.
fn read_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &mut usize,
) -> Result<Table, Vec<WorkFileProblem>> {
    let fail = |at: String, e: String| vec![problem(at, None, e)];
    let mut cells = book
        .worksheet_cells_reader(name)
        .map_err(|e| fail("workbook".into(), format!("cannot read sheet {name}: {e}")))?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut used = 0usize;
    while let Some(cell) = cells.next_cell().map_err(|e| {
        fail(
            format!("sheet {name}"),
            format!("cannot read sheet {name}: {e}"),
        )
    })? {
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        let at = format!("sheet {name}, cell {}", cell_name(r, c));
        if c >= MAX_COLUMNS {
            return Err(fail(
                at,
                format!(
                    "a value in column {}, beyond the {MAX_COLUMNS} columns a work file can have; delete it",
                    column_name(c)
                ),
            ));
        }
        let row = rows.entry(r).or_default();
        let width = c as usize + 1;
        if row.len() < width {
            used += width - row.len();
            if used > *budget {
                return Err(fail(
                    at,
                    format!(
                        "the workbook spans more than {MAX_CELLS} cells; a work file is far smaller, so this is not one"
                    ),
                ));
            }
            row.resize(width, String::new());
        }
        row[c as usize] = text;
    }
    // Data rows are padded to the header's width, like a CSV row with its empty cells.
    let width = rows.get(&0).map_or(0, Vec::len);
    let padding: usize = rows
        .iter()
        .filter(|(r, _)| **r > 0)
        .map(|(_, cells)| width.saturating_sub(cells.len()))
        .sum();
    if used + padding > *budget {
        return Err(fail(
            format!("sheet {name}"),
            format!(
                "the workbook spans more than {MAX_CELLS} cells; a work file is far smaller, so this is not one"
            ),
        ));
    }
    *budget -= used + padding;
    let mut table = Table::new(name, Vec::new());
    for (r, mut cells) in rows {
        if r == 0 {
            table.header = cells;
        } else {
            if cells.len() < width {
                cells.resize(width, String::new());
            }
            table.rows.push(TableRow {
                number: r as usize + 1,
                cells,
            });
        }
    }
    Ok(table)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Spreadsheet name of a 0-based column: 0 → `A`, 26 → `AA`, 16383 → `XFD`.
fn column_name(c: u32) -> String {
    let mut n = c as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Spreadsheet name of a 0-based cell: (0, 0) → `A1`.
fn cell_name(r: u32, c: u32) -> String {
    format!("{}{}", column_name(c), r as u64 + 1)
}

/// Opens the workbook as a zip archive and checks it before the XLSX reader sees it: entry
/// count, real unpacked sizes against [`MAX_UNPACKED`], and shared-string references.
fn inspect(bytes: &[u8]) -> Result<(), Vec<WorkFileProblem>> {
    let fail = |e: String| vec![problem("workbook", None, e)];
    let entries = contain(|| unpack(bytes)).map_err(|e| {
        fail(format!(
            "the zip reader failed on this workbook ({e}); it is damaged"
        ))
    })??;
    let count = entries
        .get("xl/sharedStrings.xml")
        .map_or(Ok(0), |xml| count_shared_strings(xml))
        .map_err(|e| fail(format!("the shared-string table is broken XML: {e}")))?;
    let names = sheet_names(&entries);
    let mut problems = Vec::new();
    for (path, xml) in &entries {
        if path.starts_with("xl/worksheets/") && path.ends_with(".xml") {
            let sheet = names
                .get(path.as_str())
                .map_or(path.as_str(), String::as_str);
            check_shared_refs(sheet, xml, count, &mut problems);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Unpacks every entry with a cap on the total real size; the XML parts psym inspects are
/// kept (workbook, its relationships, shared strings, sheets).
fn unpack(bytes: &[u8]) -> Result<HashMap<String, Vec<u8>>, Vec<WorkFileProblem>> {
    let fail = |e: String| vec![problem("workbook", None, e)];
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| fail(format!("not a readable XLSX workbook (zip archive): {e}")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(fail(format!(
            "the workbook has {} parts, more than the {MAX_ENTRIES} a work file can have",
            archive.len()
        )));
    }
    let mut kept = HashMap::new();
    let mut left = MAX_UNPACKED;
    let too_big = |name: &str| {
        fail(format!(
            "part {name} unpacks to more than the {} MB a work file can hold (a damaged file or a zip bomb)",
            MAX_UNPACKED / (1024 * 1024)
        ))
    };
    for k in 0..archive.len() {
        let mut entry = archive
            .by_index(k)
            .map_err(|e| fail(format!("part {k} of the workbook cannot be read: {e}")))?;
        let name = entry.name().to_owned();
        if entry.size() > left {
            return Err(too_big(&name));
        }
        let keep = name == "xl/workbook.xml"
            || name == "xl/_rels/workbook.xml.rels"
            || name == "xl/sharedStrings.xml"
            || (name.starts_with("xl/worksheets/") && name.ends_with(".xml"));
        let mut data = Vec::new();
        let read = (&mut entry)
            .take(left + 1)
            .read_to_end(&mut data)
            .map_err(|e| fail(format!("part {name} of the workbook is damaged: {e}")))?;
        if read as u64 > left {
            return Err(too_big(&name));
        }
        left -= read as u64;
        if keep {
            kept.insert(name, data);
        }
    }
    Ok(kept)
}

fn count_shared_strings(xml: &[u8]) -> Result<usize, quick_xml::Error> {
    let mut reader = XmlReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut count = 0;
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"si" => count += 1,
            Event::Eof => return Ok(count),
            _ => {}
        }
        buf.clear();
    }
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Sheet part path (`xl/worksheets/sheet1.xml`) → sheet name, from the workbook and its
/// relationships; parts it cannot map are named by their path.
fn sheet_names(entries: &HashMap<String, Vec<u8>>) -> HashMap<String, String> {
    let elements = |path: &str, local: &[u8], keys: [&[u8]; 2]| -> Vec<(String, String)> {
        let Some(xml) = entries.get(path) else {
            return Vec::new();
        };
        let mut reader = XmlReader::from_reader(xml.as_slice());
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Ok(ev) = reader.read_event_into(&mut buf) {
            match ev {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == local => {
                    if let (Some(a), Some(b)) = (attr(&e, keys[0]), attr(&e, keys[1])) {
                        out.push((a, b));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        out
    };
    let targets: HashMap<String, String> = elements(
        "xl/_rels/workbook.xml.rels",
        b"Relationship",
        [b"Id", b"Target"],
    )
    .into_iter()
    .map(|(id, target)| {
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("xl/{target}"),
        };
        (id, path)
    })
    .collect();
    elements("xl/workbook.xml", b"sheet", [b"id", b"name"])
        .into_iter()
        .filter_map(|(id, name)| targets.get(&id).map(|path| (path.clone(), name)))
        .collect()
}

/// Reports every cell of a sheet whose shared-string index is not in the table of `count`.
fn check_shared_refs(sheet: &str, xml: &[u8], count: usize, out: &mut Vec<WorkFileProblem>) {
    let mut reader = XmlReader::from_reader(xml);
    let mut buf = Vec::new();
    // The current cell: its reference and whether it is a shared string; and whether its
    // value is being read.
    let mut cell: Option<(String, bool)> = None;
    let mut in_value = false;
    loop {
        let ev = match reader.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(e) => {
                out.push(problem(
                    format!("sheet {sheet}"),
                    None,
                    format!("broken XML: {e}"),
                ));
                return;
            }
        };
        match ev {
            Event::Start(e) if e.local_name().as_ref() == b"c" => {
                let shared = attr(&e, b"t").as_deref() == Some("s");
                cell = Some((attr(&e, b"r").unwrap_or_default(), shared));
            }
            Event::Start(e) if e.local_name().as_ref() == b"v" => in_value = true,
            Event::End(e) if e.local_name().as_ref() == b"v" => in_value = false,
            Event::End(e) if e.local_name().as_ref() == b"c" => cell = None,
            Event::Text(t) if in_value => {
                if let Some((r, true)) = &cell {
                    let v = String::from_utf8_lossy(&t).trim().to_owned();
                    if v.parse::<usize>().map_or(true, |i| i >= count) {
                        let v = short(&v);
                        out.push(problem(
                            format!("sheet {sheet}, cell {}", short(r)),
                            None,
                            format!(
                                "refers to shared string '{v}', but the workbook's table has {count} string(s); the file is damaged"
                            ),
                        ));
                    }
                }
            }
            Event::Eof => return,
            _ => {}
        }
        buf.clear();
    }
}

/// A value from the file, cut to 20 characters for a message.
fn short(text: &str) -> String {
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
        assert_eq!(column_name(MAX_COLUMNS - 1), "AMJ");
    }
}
