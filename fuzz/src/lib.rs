//! Helpers shared by the fuzz targets in `fuzz_targets/` (see docs/fuzzing.md): the instrument
//! the readers work against, the all-or-nothing import check, and workbooks built from fuzzed
//! XML parts.
#![forbid(unsafe_code)]

use std::io::{Cursor, Write};
use std::path::Path;
use std::sync::{Once, OnceLock};

use psym_instrument::Instrument;
use psym_translate::workfile::{self, MergeOptions, WorkFormat};

/// The shipped instrument with three languages and translation records (`en`, `nb`, `da`).
pub fn alliance() -> &'static Instrument {
    static INSTRUMENT: OnceLock<Instrument> = OnceLock::new();
    INSTRUMENT.get_or_init(|| {
        let json = include_str!("../../instruments/open-alliance-12.json");
        psym_instrument::from_json_str(json, Path::new("open-alliance-12.json"))
            .expect("the shipped instrument loads")
    })
}

/// Reads `bytes` as a work file of `format` for no language, a known one and a new one, and
/// merges every language read into a copy of [`alliance`]. A merge that fails must leave the
/// copy exactly as it was (import is all or nothing); a merge that succeeds is checked as the
/// CLI checks it before writing.
pub fn read_and_merge(bytes: &[u8], format: WorkFormat) {
    let inst = alliance();
    for lang in [None, Some("nb"), Some("de")] {
        let Ok(per_lang) = workfile::read(bytes, format, inst, lang) else {
            continue;
        };
        for (l, rows) in &per_lang {
            let mut copy = inst.clone();
            let options = MergeOptions {
                approve: rows.len() % 2 == 0,
                by: Some("fuzz".into()),
                date: "2026-11-25".into(),
            };
            match workfile::merge(&mut copy, l, rows, &options) {
                Ok(_) => {
                    let _ = psym_instrument::check(&copy);
                }
                Err(problems) => {
                    assert!(!problems.is_empty(), "a failed merge names its problems");
                    assert!(&copy == inst, "a failed merge changed the instrument");
                }
            }
        }
    }
}

/// Lets a panic that the code under test catches itself pass, as it passes for users.
///
/// libFuzzer's hook aborts on every panic, caught or not. The workbook reader deliberately
/// contains panics of its XLSX dependency and reports them as errors naming the file; with this
/// hook (the standard one) only a panic that escapes the target aborts, which libfuzzer-sys
/// still reports as a crash.
pub fn allow_contained_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let _ = std::panic::take_hook();
    });
}

/// A workbook for the XLSX readers: `data` as it is when it starts like a zip file (`PK`),
/// otherwise a workbook built from XML parts of `data` split at the byte `0xFF` (never found in
/// UTF-8): the shared-string table first, then one worksheet per name in `sheets`. The parts
/// are stored uncompressed so that the fuzzer's mutations reach the XML readers.
pub fn workbook(data: &[u8], sheets: &[&str]) -> Vec<u8> {
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let mut parts = data.split(|&b| b == 0xFF);
    let shared = parts.next().unwrap_or_default();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, content: &[u8]| {
        zip.start_file(name, stored).expect("zip entry starts");
        zip.write_all(content).expect("zip entry written");
    };
    add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    add("_rels/.rels", ROOT_RELS.as_bytes());
    add("xl/workbook.xml", workbook_xml(sheets).as_bytes());
    add(
        "xl/_rels/workbook.xml.rels",
        workbook_rels(sheets).as_bytes(),
    );
    add("xl/sharedStrings.xml", shared);
    for k in 0..sheets.len() {
        let sheet = parts.next().unwrap_or_default();
        add(&format!("xl/worksheets/sheet{}.xml", k + 1), sheet);
    }
    zip.finish().expect("zip finished").into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

fn workbook_xml(sheets: &[&str]) -> String {
    let list: String = sheets
        .iter()
        .enumerate()
        .map(|(k, name)| {
            format!(
                r#"<sheet name="{name}" sheetId="{0}" r:id="rId{0}"/>"#,
                k + 1
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{list}</sheets></workbook>"#
    )
}

fn workbook_rels(sheets: &[&str]) -> String {
    let list: String = (1..=sheets.len())
        .map(|k| format!(r#"<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{k}.xml"/>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{list}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    )
}
