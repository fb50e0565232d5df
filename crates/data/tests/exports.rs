//! Response files as real exports write them: encodings, delimiters, decimal commas, CRLF,
//! quoted fields, Qualtrics header rows, missing codes, ragged rows.

use psym_data::{
    DataErrorKind, Dialect, ItemSpec, ProblemKind, ReadOptions, ResponseReader, Responses,
    encoding_for_label, validate,
};

fn items() -> Vec<ItemSpec> {
    vec![
        ItemSpec::rating("q1", 1.0, 5.0),
        ItemSpec::rating("q2", 1.0, 5.0),
    ]
}

fn read(bytes: Vec<u8>, options: &ReadOptions) -> Responses {
    let reader = ResponseReader::from_bytes("test.csv", bytes, &items(), options).unwrap();
    Responses::collect(reader).unwrap()
}

fn read_default(bytes: impl Into<Vec<u8>>) -> Responses {
    read(bytes.into(), &ReadOptions::default())
}

fn values(r: &Responses) -> Vec<f64> {
    r.matrix.transpose().iter().copied().collect()
}

#[test]
fn utf8_with_bom_and_crlf() {
    let r = read_default("\u{feff}id,q1,q2\r\nå,1,2\r\nb,3,4\r\n");
    assert_eq!(r.ids, ["å", "b"]);
    assert_eq!(r.lines, [2, 3]);
    // quoted last fields and blank lines at the end of a CRLF file
    let spec = [ItemSpec::rating("q1", 1.0, 5.0)];
    let options = ReadOptions {
        keep: vec!["note".into()],
        ..Default::default()
    };
    let text = "id,q1,note\r\n\"a\",\"2\",\"x, y\"\r\nb,3,\"z\"\r\n\r\n\r\n";
    let reader = ResponseReader::from_bytes("t.csv", text.into(), &spec, &options).unwrap();
    let quoted = Responses::collect(reader).unwrap();
    assert_eq!(quoted.ids, ["a", "b"]);
    assert_eq!(quoted.kept, [["x, y"], ["z"]]);
    assert!(quoted.problems.is_empty(), "{:?}", quoted.problems);
    assert_eq!(values(&r), [1., 2., 3., 4.]);
    assert!(r.source.bom);
    assert!(r.problems.is_empty());
}

/// Issue 10, point 6: Excel's "CSV (Macintosh)" ends lines with a lone CR; every row is read,
/// with its line number, and the header is not taken for one long row of duplicate columns.
#[test]
fn cr_only_line_ends_are_rows_with_their_line_numbers() {
    let lf = read_default("id,q1,q2\na,1,2\n\"b\",3,\"4\"\n\nc,5,9\n");
    assert_eq!(
        lf.lines,
        [2, 3, 5],
        "a row after an empty line keeps its line number"
    );
    let r = read_default("id,q1,q2\ra,1,2\r\"b\",3,\"4\"\r\rc,5,9\r");
    assert_eq!(r.ids, ["a", "b", "c"]);
    assert_eq!(r.lines, [2, 3, 5]);
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!(r.problems[0].kind, ProblemKind::OutOfRange);
    assert_eq!(r.problems[0].line, 5);
    // semicolons, Windows-1252, and a quoted field with a line break, as an old Mac export
    let mut bytes = b"sep=;\rid;q1;q2\r\"\xd8y\rvind\";1;2\rb;3;4".to_vec();
    bytes.push(b'\r');
    let m = read_default(bytes);
    assert_eq!(m.source.delimiter, ';');
    assert_eq!(m.ids, ["Øy\nvind", "b"]);
    assert_eq!(m.lines, [3, 5]);
    assert!(m.problems.is_empty(), "{:?}", m.problems);
}

#[test]
fn utf16_with_bom_tab_separated_as_excel_unicode_text() {
    let text = "id\tq1\tq2\r\nØyvind\t1\t5\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let r = read_default(bytes);
    assert_eq!(r.source.encoding, "UTF-16LE");
    assert_eq!(r.source.delimiter, '\t');
    assert_eq!(r.ids, ["Øyvind"]);
    assert_eq!(values(&r), [1., 5.]);
}

#[test]
fn windows_1252_is_detected_and_can_be_forced() {
    let bytes = b"id;q1;q2\nS\xF8ren;1;2\n".to_vec();
    let r = read_default(bytes.clone());
    assert_eq!(r.source.encoding, "windows-1252");
    assert_eq!(r.ids, ["Søren"]);
    let forced = ReadOptions {
        dialect: Dialect {
            encoding: encoding_for_label("latin1"),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(read(bytes, &forced).ids, ["Søren"]);
}

#[test]
fn semicolons_imply_decimal_commas() {
    let spec = vec![ItemSpec::continuous("q1"), ItemSpec::continuous("q2")];
    let reader = ResponseReader::from_bytes(
        "t.csv",
        b"id;q1;q2\na;3,5;\"4,25\"\n".to_vec(),
        &spec,
        &ReadOptions::default(),
    )
    .unwrap();
    let r = Responses::collect(reader).unwrap();
    assert_eq!(r.source.decimal, "comma");
    assert_eq!(values(&r), [3.5, 4.25]);
}

#[test]
fn quoted_fields_with_delimiters_and_newlines_keep_line_numbers() {
    let r = read_default("id,note,q1,q2\n\"a, b\",\"two\nlines\",1,2\nc,x,9,1\n");
    assert_eq!(r.ids, ["a, b", "c"]);
    assert_eq!(r.lines, [2, 4]);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].line, 4);
    assert_eq!(r.problems[0].kind, ProblemKind::OutOfRange);
}

#[test]
fn qualtrics_header_rows_are_skipped_and_response_id_is_the_id() {
    let text = concat!(
        "StartDate,ResponseId,q1,q2\n",
        "Start Date,Response ID,\"How often, really?\",Second question\n",
        "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\"}\"\n",
        "2026-01-01,R_abc,4,5\n"
    );
    let reader =
        ResponseReader::from_bytes("q.csv", text.into(), &items(), &ReadOptions::default())
            .unwrap();
    assert!(reader.skipped_qualtrics_rows());
    assert_eq!(reader.id_column(), Some("ResponseId"));
    let r = Responses::collect(reader).unwrap();
    assert_eq!(r.ids, ["R_abc"]);
    assert_eq!(r.lines, [4]);
    assert!(r.problems.is_empty());
}

#[test]
fn excel_separator_line_sets_the_delimiter_and_is_skipped() {
    let r = read_default("sep=;\r\nid;q1;q2\r\na;1;2,5\r\n");
    assert_eq!(r.source.delimiter, ';');
    assert_eq!(r.ids, ["a"]);
    assert_eq!(r.lines, [3]);
    assert_eq!(
        r.problems.len(),
        1,
        "2,5 is read with a decimal comma and is not whole"
    );
    assert_eq!(r.problems[0].line, 3);
}

#[test]
fn missing_codes_blanks_and_tokens_are_missing() {
    let options = ReadOptions {
        missing_codes: vec![9.0, 99.0],
        ..Default::default()
    };
    let r = read(b"id,q1,q2\na,9,\nb,NA,99\n".to_vec(), &options);
    assert!(values(&r).iter().all(|v| v.is_nan()));
    assert!(r.problems.is_empty());
}

#[test]
fn without_an_id_column_rows_are_numbered() {
    let r = read_default("q1,q2\n1,2\n3,4\n");
    assert_eq!(r.ids, ["1", "2"]);
}

#[test]
fn named_id_column_must_exist() {
    let options = ReadOptions {
        id_column: Some("person".into()),
        ..Default::default()
    };
    let err = ResponseReader::from_bytes("t.csv", b"id,q1,q2\n".to_vec(), &items(), &options)
        .err()
        .unwrap();
    assert!(matches!(
        err.kind,
        DataErrorKind::ColumnNotFound { role: "id", .. }
    ));
    assert!(err.to_string().contains("columns: id, q1, q2"));
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let text = "ID,q1,q2,lang\na,0,2.5,en\na,x,,xx\n,1\n";
    let options = ReadOptions {
        lang_column: Some("lang".into()),
        languages: vec!["en".into(), "nb".into()],
        ..Default::default()
    };
    let reader = ResponseReader::from_bytes("t.csv", text.into(), &items(), &options).unwrap();
    let v = validate(reader).unwrap();
    let kinds: Vec<(u64, ProblemKind)> = v.problems.iter().map(|p| (p.line, p.kind)).collect();
    assert_eq!(
        kinds,
        [
            (2, ProblemKind::OutOfRange),
            (2, ProblemKind::NotInteger),
            (3, ProblemKind::NotANumber),
            (3, ProblemKind::UnknownLanguage),
            (3, ProblemKind::DuplicateId),
            (4, ProblemKind::EmptyId),
            (4, ProblemKind::RaggedRow),
            (4, ProblemKind::UnknownLanguage),
        ]
    );
    assert!(!v.valid);
    assert_eq!(v.rows, 3);
    let p = &v.problems[0];
    assert_eq!(
        (p.id.as_deref(), p.column.as_deref(), p.value.as_deref()),
        (Some("a"), Some("q1"), Some("0"))
    );
}

#[test]
fn missing_and_duplicate_columns_are_header_problems() {
    let reader = ResponseReader::from_bytes(
        "t.csv",
        b"id,q1,q1\na,1,2\n".to_vec(),
        &items(),
        &ReadOptions::default(),
    )
    .unwrap();
    let kinds: Vec<ProblemKind> = reader.header_problems().iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [ProblemKind::DuplicateColumn, ProblemKind::MissingColumn]
    );
    let r = Responses::collect(reader).unwrap();
    assert_eq!(r.matrix[(0, 0)], 1.0);
    assert!(r.matrix[(0, 1)].is_nan());
}

#[test]
fn header_only_and_empty_files() {
    let v = validate(
        ResponseReader::from_bytes(
            "t.csv",
            b"id,q1,q2\n".to_vec(),
            &items(),
            &ReadOptions::default(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(v.problems[0].kind, ProblemKind::NoRows);
    for empty in [&b""[..], b"\n\n  \n"] {
        let err =
            ResponseReader::from_bytes("t.csv", empty.to_vec(), &items(), &ReadOptions::default())
                .err()
                .unwrap();
        assert!(matches!(err.kind, DataErrorKind::Empty), "{err}");
    }
}

/// A reader can be moved to another thread or owned by a binding (Python, a browser worker):
/// it holds its stream as `Box<dyn Read + Send>`.
#[test]
fn response_reader_is_send() {
    fn owned_elsewhere<T: Send>(_: &T) {}
    let reader = psym_data::ResponseReader::from_reader(
        std::path::Path::new("inline.csv"),
        Box::new(std::io::Cursor::new(b"id,A1\n1,3\n".to_vec())),
        &items(),
        &ReadOptions::default(),
    )
    .unwrap();
    owned_elsewhere(&reader);
    let rows = std::thread::spawn(move || {
        let (mut reader, mut row) = (reader, psym_data::Row::default());
        while reader.next_row(&mut row).unwrap() {}
        reader.rows_read()
    });
    assert_eq!(rows.join().unwrap(), 1);
}

/// Issue 11: a comma in a number read with decimal points suggests the decimal comma as a
/// value (`Advice::Decimal(Comma)`), which the caller words: by default as this crate's
/// setting, through `ReadOptions::advise` as a program's flag.
#[test]
fn decimal_comma_hint_is_advice_the_caller_words() {
    let text = "id;q1;q2\na;\"2,5\";3\n";
    let forced = |advise| ReadOptions {
        dialect: Dialect {
            decimal: Some(psym_data::DecimalMark::Point),
            ..Dialect::default()
        },
        advise,
        ..Default::default()
    };
    let plain = read(text.into(), &forced(None));
    assert_eq!(plain.problems[0].kind, ProblemKind::NotANumber);
    assert!(
        plain.problems[0]
            .message
            .ends_with("if the file uses decimal commas, read it with decimal mark comma"),
        "{}",
        plain.problems[0].message
    );
    let typed = read(text.into(), &forced(Some(|a| format!("<{a:?}>"))));
    assert!(
        typed.problems[0].message.ends_with("<Decimal(Comma)>"),
        "{}",
        typed.problems[0].message
    );
}
