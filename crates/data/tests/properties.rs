//! Property tests of reading response files (bounded: about a second each in a debug build;
//! the open-ended search is `cargo fuzz`, see docs/fuzzing.md).
//!
//! - rows in = rows out: a well-formed table, written with any delimiter, line end, encoding
//!   and quoting, comes back with every row in order, its id, its values and its text;
//! - never panics: any bytes (random, or a soup of the tokens response files are made of) are
//!   read, or refused with an error, and every value read is a finite number allowed by its
//!   item, or missing.

use proptest::prelude::*;
use psym_data::{DataError, ItemSpec, ReadOptions, ResponseReader, Row};

/// Cases per property: enough to mix delimiters, encodings and cell kinds, few enough to keep
/// each property near a second in a debug build.
const CASES: u32 = 96;

/// The declared missing code of the generated tables.
const MISSING_CODE: f64 = -99.0;

/// One generated cell: what is written, and the value it must be read as (`NaN` = missing).
#[derive(Debug, Clone)]
enum Cell {
    /// A whole number.
    Whole(i32),
    /// A number with one decimal, `tenths / 10`.
    Decimal(i32),
    /// Blank, `NA` or the missing code.
    Missing(&'static str),
    /// Text that is not a number (it starts with a letter).
    Word(String),
}

impl Cell {
    fn text(&self, decimal_comma: bool) -> String {
        match self {
            Cell::Whole(v) => v.to_string(),
            Cell::Decimal(t) => {
                let text = format!("{:.1}", f64::from(*t) / 10.0);
                if decimal_comma {
                    text.replace('.', ",")
                } else {
                    text
                }
            }
            Cell::Missing(s) => (*s).to_owned(),
            Cell::Word(w) => w.clone(),
        }
    }

    fn value(&self) -> f64 {
        let v = match self {
            Cell::Whole(v) => f64::from(*v),
            Cell::Decimal(t) => f64::from(*t) / 10.0,
            Cell::Missing(_) | Cell::Word(_) => f64::NAN,
        };
        if v == MISSING_CODE { f64::NAN } else { v }
    }
}

/// Text with the characters that break naive readers: delimiters, quotes, line ends, spaces
/// inside, and non-ASCII letters.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a", "Z", "ø", "é", "€", "中", "🙂", ",", ";", "\t", "\"", "\n", "\r\n", " ", "'", "=",
    ]);
    prop::collection::vec(piece, 0..6).prop_map(|p| p.concat())
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        4 => (-1000i32..1000).prop_map(Cell::Whole),
        2 => (-10_000i32..10_000).prop_map(Cell::Decimal),
        1 => prop::sample::select(vec!["", "NA", "-99", " "]).prop_map(Cell::Missing),
        1 => tricky_text().prop_map(|t| Cell::Word(format!("x{t}x"))),
    ]
}

/// A response table: per row, the item cells and a free-text note.
fn table() -> impl Strategy<Value = (usize, Vec<(Vec<Cell>, String)>)> {
    (1usize..5).prop_flat_map(|items| {
        let row = (
            prop::collection::vec(cell(), items),
            tricky_text().prop_map(|t| format!("n{t}n")),
        );
        (Just(items), prop::collection::vec(row, 0..25))
    })
}

/// How a table is written to bytes.
#[derive(Debug, Clone)]
struct Layout {
    delimiter: u8,
    line_end: &'static str,
    final_line_end: bool,
    encoding: Encoding,
}

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Utf16BeBom,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        prop::sample::select(vec![b',', b';', b'\t']),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        any::<bool>(),
        prop::sample::select(vec![
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16LeBom,
            Encoding::Utf16BeBom,
        ]),
    )
        .prop_map(|(delimiter, line_end, final_line_end, encoding)| Layout {
            delimiter,
            line_end,
            final_line_end,
            encoding,
        })
}

/// One field, quoted (RFC 4180) when it holds a delimiter, a quote or a line end.
fn field(text: &str, delimiter: u8) -> String {
    if text.contains(['"', '\n', '\r', char::from(delimiter)]) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn write(items: usize, rows: &[(Vec<Cell>, String)], layout: &Layout) -> Vec<u8> {
    let delimiter = char::from(layout.delimiter).to_string();
    let line_end = layout.line_end;
    let decimal_comma = layout.delimiter != b',';
    let mut lines = vec![
        std::iter::once("id".to_owned())
            .chain((1..=items).map(|k| format!("q{k}")))
            .chain(std::iter::once("note".to_owned()))
            .collect::<Vec<_>>()
            .join(&delimiter),
    ];
    for (k, (cells, note)) in rows.iter().enumerate() {
        let fields: Vec<String> = std::iter::once(format!("p{k}"))
            .chain(cells.iter().map(|c| c.text(decimal_comma)))
            .chain(std::iter::once(note.clone()))
            .map(|t| field(&t, layout.delimiter))
            .collect();
        lines.push(fields.join(&delimiter));
    }
    let mut text = lines.join(line_end);
    if layout.final_line_end {
        text.push_str(line_end);
    }
    match layout.encoding {
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF], text.as_bytes()].concat(),
        Encoding::Utf16LeBom => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16BeBom => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
    }
}

fn read_all(
    bytes: Vec<u8>,
    items: &[ItemSpec],
    options: &ReadOptions,
) -> Result<Vec<Row>, DataError> {
    let mut reader = ResponseReader::from_bytes("property.csv", bytes, items, options)?;
    let mut rows = Vec::new();
    let mut row = Row::default();
    while reader.next_row(&mut row)? {
        rows.push(row.clone());
    }
    assert_eq!(reader.rows_read(), rows.len() as u64);
    Ok(rows)
}

/// Same number, or both missing.
fn same(read: f64, written: f64) -> bool {
    read == written || (read.is_nan() && written.is_nan())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rows_in_equal_rows_out((items, rows) in table(), layout in layout()) {
        let specs: Vec<ItemSpec> = (1..=items).map(|k| ItemSpec::continuous(&format!("q{k}"))).collect();
        let options = ReadOptions {
            missing_codes: vec![MISSING_CODE],
            keep: vec!["note".into()],
            ..ReadOptions::default()
        };
        let bytes = write(items, &rows, &layout);
        let read = read_all(bytes, &specs, &options).expect("a well-formed table is read");
        prop_assert_eq!(read.len(), rows.len(), "rows in = rows out");
        let mut last_line = 1;
        for (k, (got, (cells, note))) in read.iter().zip(&rows).enumerate() {
            prop_assert_eq!(&got.id, &format!("p{k}"));
            prop_assert!(got.line > last_line, "line numbers increase: {} after {}", got.line, last_line);
            last_line = got.line;
            prop_assert_eq!(got.number, k as u64 + 1);
            for (j, c) in cells.iter().enumerate() {
                prop_assert!(same(got.values[j], c.value()), "row {}, q{}: read {} for {:?}", k, j + 1, got.values[j], c);
            }
            let words = cells.iter().filter(|c| matches!(c, Cell::Word(_))).count();
            prop_assert_eq!(got.problems.len(), words, "one problem per word: {:?}", got.problems);
            prop_assert_eq!(&got.kept, &vec![note.clone()]);
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_any_bytes(bytes);
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(token(), 0..120)) {
        check_any_bytes(tokens.concat());
    }
}

/// The pieces response files are made of, including the awkward ones.
fn token() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(vec![
        ",",
        ";",
        "\t",
        "\"",
        "\n",
        "\r",
        "\r\n",
        " ",
        "1",
        "7",
        "3,5",
        "2.5",
        "99",
        "-1",
        "NA",
        "1e999",
        "-1e999",
        "1e-400",
        "9007199254740993",
        "id",
        "ResponseId",
        "Response ID",
        "{\"ImportId\":\"QID1\"}",
        "lang",
        "i1",
        "i2",
        "x",
        "é",
        "\u{feff}",
        "sep=;",
        "\0",
    ])
    .prop_map(|t: &str| t.as_bytes().to_vec())
}

/// Reads `bytes` as `validate` reads them with an instrument's rating items (and once as an
/// analysis reads continuous `--items`): no panic, and every value is missing or a finite number
/// its item allows.
fn check_any_bytes(bytes: Vec<u8>) {
    let rating = ReadOptions {
        missing_codes: vec![9.0, 99.0],
        lang_column: None,
        languages: vec!["en".into(), "nb".into()],
        ..ReadOptions::default()
    };
    let specs = [
        vec![
            ItemSpec::rating("i1", 1.0, 7.0),
            ItemSpec::rating("i2", 1.0, 7.0),
        ],
        vec![ItemSpec::continuous("i1"), ItemSpec::continuous("x")],
    ];
    for (items, options) in specs.iter().zip([rating, ReadOptions::default()]) {
        let Ok(rows) = read_all(bytes.clone(), items, &options) else {
            continue;
        };
        for row in &rows {
            assert_eq!(row.values.len(), items.len());
            for (v, spec) in row.values.iter().zip(items) {
                assert!(
                    v.is_nan() || (v.is_finite() && spec.check(*v).is_ok()),
                    "line {}: value {v} read for item {} from {:?}",
                    row.line,
                    spec.id,
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
    }
}
