//! Checking a workbook before the workbook reader sees it: what it is, how much it unpacks to
//! (declared, then real), its shared-string references (`.xlsx`) and the extent of its tables
//! once repeated rows and columns are expanded (`.ods`). Nothing is kept but a few small parts.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Cursor, Read};

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

use super::{Limits, WorkbookFormat, WorkbookProblem, short};
use crate::contain::contain;

/// Most problems one check lists (a damaged sheet may have a million bad references).
const MAX_LISTED: usize = 20;

/// Parts read whole to identify the workbook and name its sheets (each is a few kilobytes).
const SMALL_PARTS: [&str; 5] = [
    "[Content_Types].xml",
    "mimetype",
    "META-INF/manifest.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
];

type Problems = Vec<WorkbookProblem>;

fn fail(message: impl Into<String>) -> Problems {
    vec![WorkbookProblem::new("workbook", message)]
}

/// Identifies and checks the workbook in `bytes`.
pub(super) fn inspect(bytes: &[u8], limits: &Limits) -> Result<WorkbookFormat, Problems> {
    contain(|| check_archive(bytes, limits)).map_err(|e| {
        fail(format!(
            "the zip reader failed on this workbook ({e}); it is damaged"
        ))
    })?
}

fn check_archive(bytes: &[u8], limits: &Limits) -> Result<WorkbookFormat, Problems> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        fail(format!(
            "not a readable workbook: the zip archive is damaged or truncated ({e})"
        ))
    })?;
    if archive.len() > limits.max_parts {
        return Err(fail(format!(
            "the workbook has {} parts, more than the {} {} can have",
            archive.len(),
            limits.max_parts,
            limits.purpose
        )));
    }
    // The sizes the parts declare, before anything is unpacked.
    let mut declared = 0u64;
    for k in 0..archive.len() {
        let part = archive
            .by_index_raw(k)
            .map_err(|e| fail(format!("part {k} of the workbook cannot be read: {e}")))?;
        declared = declared.saturating_add(part.size());
        if declared > limits.max_unpacked {
            return Err(vec![too_big(part.name(), limits)]);
        }
    }
    let mut small = HashMap::new();
    let mut left = limits.max_unpacked;
    for name in SMALL_PARTS {
        if let Some(k) = archive.index_for_name(name) {
            let mut data = Vec::new();
            unpack(&mut archive, k, &mut left, limits, |r| {
                r.read_to_end(&mut data).map(|_| ())
            })?;
            small.insert(name, data);
        }
    }
    let format = identify(&small)?;
    let mut problems = Vec::new();
    match format {
        WorkbookFormat::Xlsx => {
            let mut count = 0;
            if let Some(k) = archive.index_for_name("xl/sharedStrings.xml") {
                unpack(&mut archive, k, &mut left, limits, |r| {
                    count = count_shared_strings(r)?;
                    Ok(())
                })?;
            }
            let names = sheet_names(&small);
            for k in 0..archive.len() {
                let path = archive.name_for_index(k).unwrap_or_default().to_owned();
                if path == "xl/sharedStrings.xml" || SMALL_PARTS.contains(&path.as_str()) {
                    continue;
                }
                let sheet = (path.starts_with("xl/worksheets/") && path.ends_with(".xml"))
                    .then(|| names.get(&path).cloned().unwrap_or_else(|| path.clone()));
                unpack(&mut archive, k, &mut left, limits, |r| {
                    if let Some(sheet) = &sheet {
                        check_shared_refs(sheet, r, count, &mut problems);
                    }
                    Ok(())
                })?;
            }
        }
        WorkbookFormat::Ods => {
            for k in 0..archive.len() {
                let path = archive.name_for_index(k).unwrap_or_default().to_owned();
                if SMALL_PARTS.contains(&path.as_str()) {
                    continue;
                }
                unpack(&mut archive, k, &mut left, limits, |r| {
                    if path == "content.xml"
                        && let Err(p) = check_ods_extent(r, limits)
                    {
                        problems.push(p);
                    }
                    Ok(())
                })?;
            }
        }
    }
    if problems.is_empty() {
        Ok(format)
    } else {
        Err(problems)
    }
}

/// What the archive is, from `[Content_Types].xml` (XLSX) or `mimetype` (ODS).
fn identify(small: &HashMap<&str, Vec<u8>>) -> Result<WorkbookFormat, Problems> {
    let has = |part: &str, text: &str| {
        small
            .get(part)
            .is_some_and(|b| String::from_utf8_lossy(b).contains(text))
    };
    if has("[Content_Types].xml", "spreadsheetml.sheet.main")
        || has("[Content_Types].xml", "ms-excel.sheet.macroEnabled.main")
    {
        return Ok(WorkbookFormat::Xlsx);
    }
    if has("mimetype", "application/vnd.oasis.opendocument.spreadsheet") {
        if has("META-INF/manifest.xml", "encryption-data") {
            return Err(fail(
                "the spreadsheet is password-protected (encrypted); save it again without a password",
            ));
        }
        return Ok(WorkbookFormat::Ods);
    }
    if has("[Content_Types].xml", "spreadsheetml.sheet.binary") {
        return Err(fail(
            "this is a binary Excel workbook (.xlsb), which psym does not read; save it as .xlsx or as CSV (UTF-8)",
        ));
    }
    Err(fail(
        "a zip archive that is not an Excel (.xlsx) or OpenDocument (.ods) workbook",
    ))
}

fn too_big(name: &str, limits: &Limits) -> WorkbookProblem {
    WorkbookProblem::new(
        "workbook",
        format!(
            "part {name} unpacks to more than the {} MB {} can hold (a damaged file or a zip bomb)",
            limits.max_unpacked / (1024 * 1024),
            limits.purpose
        ),
    )
}

/// Unpacks part `k` through `use_part`, counting its real size against what is `left`; the
/// part is read to its end whatever `use_part` reads.
fn unpack(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    k: usize,
    left: &mut u64,
    limits: &Limits,
    use_part: impl FnOnce(&mut dyn BufRead) -> io::Result<()>,
) -> Result<(), Problems> {
    let mut part = archive
        .by_index(k)
        .map_err(|e| fail(format!("part {k} of the workbook cannot be read: {e}")))?;
    let name = part.name().to_owned();
    let mut capped = BufReader::new(Capped {
        inner: &mut part,
        left: *left,
        over: false,
    });
    let used = use_part(&mut capped).and_then(|()| io::copy(&mut capped, &mut io::sink()));
    let capped = capped.into_inner();
    if capped.over {
        return Err(vec![too_big(&name, limits)]);
    }
    used.map_err(|e| fail(format!("part {name} of the workbook is damaged: {e}")))?;
    *left = capped.left;
    Ok(())
}

/// A reader that fails once more than `left` bytes have come through.
struct Capped<R> {
    inner: R,
    left: u64,
    over: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        match self.left.checked_sub(n as u64) {
            Some(left) => {
                self.left = left;
                Ok(n)
            }
            None => {
                self.over = true;
                Err(io::Error::other("the part unpacks to more than allowed"))
            }
        }
    }
}

fn count_shared_strings(xml: &mut dyn BufRead) -> io::Result<usize> {
    let mut reader = XmlReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut count = 0;
    loop {
        match reader.read_event_into(&mut buf).map_err(io::Error::other)? {
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
fn sheet_names(small: &HashMap<&str, Vec<u8>>) -> HashMap<String, String> {
    let elements = |path: &str, local: &[u8], keys: [&[u8]; 2]| -> Vec<(String, String)> {
        let Some(xml) = small.get(path) else {
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

/// Reports cells of a sheet whose shared-string index is not in the table of `count` (at
/// most [`MAX_LISTED`] of them).
fn check_shared_refs(sheet: &str, xml: &mut dyn BufRead, count: usize, out: &mut Problems) {
    let mut reader = XmlReader::from_reader(xml);
    let mut buf = Vec::new();
    // The current cell: its reference and whether it is a shared string; and whether its
    // value is being read.
    let mut cell: Option<(String, bool)> = None;
    let mut in_value = false;
    let mut listed = 0;
    loop {
        let ev = match reader.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(e) => {
                out.push(WorkbookProblem::new(
                    format!("sheet {sheet}"),
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
                    if v.parse::<usize>().map_or(true, |i| i >= count) && listed < MAX_LISTED {
                        listed += 1;
                        out.push(WorkbookProblem::new(
                            format!("sheet {sheet}, cell {}", short(r)),
                            format!(
                                "refers to shared string '{}', but the workbook's table has {count} string(s); the file is damaged",
                                short(&v)
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

/// What the tables of an `.ods` `content.xml` hold once the workbook reader expands them: a
/// dense range per table (rows up to the last with a value × columns up to the last value of
/// any row), and every repeated cell's text once per repetition (`<text:s text:c="…"/>`
/// spaces included). Either beyond the limits is a problem.
fn check_ods_extent(xml: &mut dyn BufRead, limits: &Limits) -> Result<(), WorkbookProblem> {
    let mut reader = XmlReader::from_reader(xml);
    let mut buf = Vec::new();
    let repeats = |e: &BytesStart, name: &[u8]| -> u64 {
        attr(e, name).and_then(|v| v.parse().ok()).unwrap_or(1)
    };
    let (mut cells, mut text) = (0u64, 0u64);
    // Per table: rows so far, rows up to the last with a value, widest row; per row: its
    // repetitions, columns so far, columns up to its last value, its text; per cell: its
    // repetitions, whether it has a value, its text.
    let (mut rows, mut last_row, mut width) = (0u64, 0u64, 0u64);
    let (mut row_rep, mut col, mut row_width, mut row_text) = (1u64, 0u64, 0u64, 0u64);
    let (mut cell_rep, mut cell_value, mut cell_text) = (1u64, false, 0u64);
    let mut in_cell = false;
    let table_end = |rows_last: u64, width: u64, cells: &mut u64| {
        *cells = cells.saturating_add(rows_last.saturating_mul(width));
    };
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| WorkbookProblem::new("part content.xml", format!("broken XML: {e}")))?;
        let cell_tag = |local: &[u8]| local == b"table-cell" || local == b"covered-table-cell";
        match ev {
            Event::Start(e) if e.local_name().as_ref() == b"table" => {
                (rows, last_row, width) = (0, 0, 0);
            }
            Event::End(e) if e.local_name().as_ref() == b"table" => {
                table_end(last_row, width, &mut cells);
            }
            Event::Start(e) if e.local_name().as_ref() == b"table-row" => {
                (row_rep, col, row_width, row_text) =
                    (repeats(&e, b"number-rows-repeated"), 0, 0, 0);
            }
            Event::Empty(e) if e.local_name().as_ref() == b"table-row" => {
                rows = rows.saturating_add(repeats(&e, b"number-rows-repeated"));
            }
            Event::End(e) if e.local_name().as_ref() == b"table-row" => {
                rows = rows.saturating_add(row_rep);
                if row_width > 0 {
                    last_row = rows;
                    width = width.max(row_width);
                    text = text.saturating_add(row_text.saturating_mul(row_rep));
                }
            }
            Event::Start(e) if cell_tag(e.local_name().as_ref()) => {
                cell_rep = repeats(&e, b"number-columns-repeated");
                cell_value = attr(&e, b"value-type").is_some();
                cell_text = 0;
                in_cell = true;
            }
            Event::Empty(e) if cell_tag(e.local_name().as_ref()) => {
                let rep = repeats(&e, b"number-columns-repeated");
                col = col.saturating_add(rep);
                if attr(&e, b"value-type").is_some() {
                    row_width = col;
                }
            }
            Event::End(e) if cell_tag(e.local_name().as_ref()) => {
                col = col.saturating_add(cell_rep);
                if cell_value || cell_text > 0 {
                    row_width = col;
                    row_text = row_text.saturating_add(cell_text.saturating_mul(cell_rep));
                }
                in_cell = false;
            }
            Event::Start(e) | Event::Empty(e) if in_cell && e.local_name().as_ref() == b"s" => {
                cell_text = cell_text.saturating_add(repeats(&e, b"c"));
            }
            Event::Text(t) if in_cell => cell_text = cell_text.saturating_add(t.len() as u64),
            Event::Eof => break,
            _ => {}
        }
        if cells > limits.max_cells as u64 || text > limits.max_text as u64 {
            return Err(WorkbookProblem::new(
                "workbook",
                format!(
                    "the spreadsheet's tables expand to more than {} cells or {} MB of text, more than {} can hold; save the sheet as CSV (UTF-8), which psym reads as a stream",
                    limits.max_cells,
                    limits.max_text >> 20,
                    limits.purpose
                ),
            ));
        }
        buf.clear();
    }
    Ok(())
}
