//! Property tests of work files (bounded: a few seconds in all in a debug build; the
//! open-ended search is `cargo fuzz`, see docs/fuzzing.md).
//!
//! - import is all or nothing: a work file exported from the shipped instrument and then
//!   edited at random (text inserted or cut, cells changed, rows added or removed) either
//!   imports into a valid instrument or fails leaving the instrument exactly as it was;
//! - never panics: any bytes, and any soup of the tokens work files are made of, are read in
//!   every format or refused with problems.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use psym_instrument::Instrument;
use psym_translate::MergeOptions;
use psym_translate::workfile::{self, Table, WorkFormat};

/// Cases per property: enough to reach every format with several kinds of edit, few enough to
/// keep each property within a few seconds in a debug build.
const CASES: u32 = 64;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The shipped instrument with three languages and translation records, loaded once.
fn alliance() -> &'static Instrument {
    static INSTRUMENT: OnceLock<Instrument> = OnceLock::new();
    INSTRUMENT.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../instruments/open-alliance-12.json"
        );
        psym_instrument::load(Path::new(path)).unwrap()
    })
}

/// Texts put into work files: empty, plain, tricky, and values with a meaning to the reader.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        "x",
        " ",
        "Alltid",
        "approved",
        "reviewed",
        "forward",
        "draft",
        "bogus",
        "@name",
        "@label.1",
        "@label.99",
        "@scale.goal",
        "i1",
        "i13",
        "=1+1",
        "\"",
        ",",
        ";",
        "\n",
        "\r\n",
        "<",
        ">",
        "&",
        "&amp;",
        "&#0;",
        "<target>",
        "</target>",
        "<note>",
        "ø",
        "\u{a0}",
        "{caseworker}",
    ])
}

/// An edit of a text work file: insert a piece, or cut bytes, at a relative position.
#[derive(Debug, Clone)]
enum TextEdit {
    Insert(u16, &'static str),
    Cut(u16, u8),
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        (0u16..1000, piece()).prop_map(|(at, p)| TextEdit::Insert(at, p)),
        (0u16..1000, 1u8..30).prop_map(|(at, n)| TextEdit::Cut(at, n)),
    ]
}

fn apply_text(bytes: &mut Vec<u8>, edit: &TextEdit) {
    let at_of = |per_mille: u16, len: usize| len * usize::from(per_mille) / 1000;
    match *edit {
        TextEdit::Insert(at, p) => {
            let at = at_of(at, bytes.len());
            bytes.splice(at..at, p.bytes());
        }
        TextEdit::Cut(at, n) => {
            let at = at_of(at, bytes.len());
            let end = (at + usize::from(n)).min(bytes.len());
            bytes.drain(at..end);
        }
    }
}

/// An edit of a workbook: set a cell (sheet, row, column, each wrapping), or drop or copy a row.
#[derive(Debug, Clone)]
enum CellEdit {
    Set(usize, usize, usize, &'static str),
    DropRow(usize, usize),
    CopyRow(usize, usize),
}

fn cell_edit() -> impl Strategy<Value = CellEdit> {
    let (s, r, c) = (any::<usize>(), any::<usize>(), any::<usize>());
    prop_oneof![
        4 => (s, r, c, piece()).prop_map(|(s, r, c, p)| CellEdit::Set(s, r, c, p)),
        1 => (s, r).prop_map(|(s, r)| CellEdit::DropRow(s, r)),
        1 => (s, r).prop_map(|(s, r)| CellEdit::CopyRow(s, r)),
    ]
}

fn apply_cell(tables: &mut [Table], edit: &CellEdit) {
    let (CellEdit::Set(s, ..) | CellEdit::DropRow(s, _) | CellEdit::CopyRow(s, _)) = *edit;
    let Some(table) = (!tables.is_empty()).then(|| &mut tables[s % tables.len()]) else {
        return;
    };
    if table.rows.is_empty() {
        return;
    }
    let n = table.rows.len();
    match *edit {
        CellEdit::Set(_, r, c, p) => {
            let cells = &mut table.rows[r % n].cells;
            if !cells.is_empty() {
                let len = cells.len();
                cells[c % len] = p.to_owned();
            }
        }
        CellEdit::DropRow(_, r) => {
            table.rows.remove(r % n);
        }
        CellEdit::CopyRow(_, r) => {
            let row = table.rows[r % n].clone();
            table.rows.push(row);
        }
    }
}

/// The work file of `format` for `lang`, exported from the shipped instrument and edited.
fn edited_work_file(
    format: WorkFormat,
    lang: &str,
    text_edits: &[TextEdit],
    cell_edits: &[CellEdit],
) -> Vec<u8> {
    let mut bytes = workfile::export(alliance(), lang, format, "open-alliance-12.json").unwrap();
    if format.is_binary() {
        let mut tables = workfile::read_xlsx(&bytes).unwrap();
        for e in cell_edits {
            apply_cell(&mut tables, e);
        }
        workfile::write_xlsx(&tables).unwrap()
    } else {
        for e in text_edits {
            apply_text(&mut bytes, e);
        }
        bytes
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn import_is_all_or_nothing(
        format in prop::sample::select(WorkFormat::ALL.to_vec()),
        lang in prop::sample::select(vec!["nb", "da", "de"]),
        text_edits in prop::collection::vec(text_edit(), 0..4),
        cell_edits in prop::collection::vec(cell_edit(), 0..4),
        approve in any::<bool>(),
    ) {
        let bytes = edited_work_file(format, lang, &text_edits, &cell_edits);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("work");
        std::fs::write(&path, &bytes).unwrap();
        let options = MergeOptions { approve, by: Some("T1".into()), date: "2026-11-25".into() };
        let lang_arg = (format != WorkFormat::Xlsform).then_some(lang);
        let mut inst = alliance().clone();
        match workfile::import(&mut inst, &path, format, lang_arg, &options) {
            Ok(_) => prop_assert!(psym_instrument::check(&inst).is_empty()),
            Err(e) => prop_assert!(&inst == alliance(), "a failed import ({e}) changed the instrument"),
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        read_every_way(&bytes);
    }

    #[test]
    fn token_soup_never_panics(pieces in prop::collection::vec(piece(), 0..80)) {
        read_every_way(pieces.concat().as_bytes());
    }
}

/// Reads `bytes` in every format, for no language and for `nb`.
fn read_every_way(bytes: &[u8]) {
    for &format in WorkFormat::ALL {
        for lang in [None, Some("nb")] {
            let _ = workfile::read(bytes, format, alliance(), lang);
        }
    }
    for neutralised in [false, true] {
        let _ = workfile::read_csv(bytes, "soup.csv", neutralised);
    }
}
