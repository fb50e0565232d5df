//! Both layers on hand-built files: compound files (regular and mini streams, loops, sectors
//! past the end, lying sizes) and BIFF8 records (CONTINUE-split strings, every cell record,
//! formulas' cached results, date formats, embedded charts, damage), following MS-CFB and
//! MS-XLS.

use super::super::{Limits, SheetChoice, WorkbookProblem};
use super::read;

const END: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const FAT_SECTOR: u32 = 0xFFFF_FFFD;

fn put_u16(b: &mut [u8], at: usize, v: u16) {
    b[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

fn put_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

/// A directory entry: name, type (2 stream, 5 root), child, start sector and size.
fn dir_entry(name: &str, kind: u8, child: u32, start: u32, size: u32) -> Vec<u8> {
    let mut e = vec![0u8; 128];
    let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
    for (k, u) in units.iter().enumerate() {
        put_u16(&mut e, 2 * k, *u);
    }
    put_u16(&mut e, 64, (2 * units.len()) as u16);
    e[66] = kind;
    put_u32(&mut e, 68, FREE);
    put_u32(&mut e, 72, FREE);
    put_u32(&mut e, 76, child);
    put_u32(&mut e, 116, start);
    put_u32(&mut e, 120, size);
    e
}

/// A version-3 compound file whose root holds one stream `name`: in regular sectors from 4096
/// bytes on, else in the mini stream. Sectors: the data, [the mini-FAT,] the directory, the FAT.
fn compound(name: &str, stream: &[u8]) -> Vec<u8> {
    let mini = stream.len() < 4096;
    let unit = if mini { 64 } else { 512 };
    let units = stream.len().div_ceil(unit).max(1) as u32;
    let data_sectors = if mini {
        (units * 64).div_ceil(512)
    } else {
        units
    };
    let mini_fat = mini.then_some(data_sectors);
    let dir = data_sectors + u32::from(mini);
    let fat = dir + 1;
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put_u16(&mut header, 0x18, 0x3E);
    put_u16(&mut header, 0x1A, 3);
    put_u16(&mut header, 0x1C, 0xFFFE);
    put_u16(&mut header, 0x1E, 9);
    put_u16(&mut header, 0x20, 6);
    put_u32(&mut header, 0x2C, 1);
    put_u32(&mut header, 0x30, dir);
    put_u32(&mut header, 0x38, 4096);
    put_u32(&mut header, 0x3C, mini_fat.unwrap_or(END));
    put_u32(&mut header, 0x40, u32::from(mini));
    put_u32(&mut header, 0x44, END);
    for k in 0..109 {
        put_u32(&mut header, 0x4C + 4 * k, if k == 0 { fat } else { FREE });
    }
    let mut body = stream.to_vec();
    body.resize(data_sectors as usize * 512, 0);
    let chain = |n: u32| -> Vec<u8> {
        let mut t = vec![0xFFu8; 512];
        for k in 0..n {
            put_u32(&mut t, 4 * k as usize, if k + 1 == n { END } else { k + 1 });
        }
        t
    };
    if mini {
        body.extend(chain(units));
    }
    let (root_start, root_size, start) = if mini {
        (0, units * 64, 0)
    } else {
        (END, 0, 0)
    };
    let mut directory = dir_entry("Root Entry", 5, 1, root_start, root_size);
    directory.extend(dir_entry(name, 2, FREE, start, stream.len() as u32));
    directory.resize(512, 0);
    body.extend(directory);
    let mut table = chain(data_sectors);
    if let Some(m) = mini_fat {
        put_u32(&mut table, 4 * m as usize, END);
    }
    put_u32(&mut table, 4 * dir as usize, END);
    put_u32(&mut table, 4 * fat as usize, FAT_SECTOR);
    body.extend(table);
    header.extend(body);
    header
}

/// A BIFF8 record.
fn rec(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut r = kind.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

fn bof() -> Vec<u8> {
    rec(0x0809, &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0])
}

fn eof() -> Vec<u8> {
    rec(0x000A, &[])
}

/// A cell record's data: row, column, XF, then `rest`.
fn cell(row: u16, col: u16, xf: u16, rest: &[u8]) -> Vec<u8> {
    [
        &row.to_le_bytes()[..],
        &col.to_le_bytes(),
        &xf.to_le_bytes(),
        rest,
    ]
    .concat()
}

/// A compressed (Latin-1) XLUnicodeString.
fn xl_string(text: &str) -> Vec<u8> {
    let mut s = (text.len() as u16).to_le_bytes().to_vec();
    s.push(0);
    s.extend(text.bytes());
    s
}

/// A Workbook stream: `globals` records (between BOF and the sheet list), then one worksheet
/// per `(name, records)`, each listed in a BOUNDSHEET record at its real offset.
fn workbook(globals: &[Vec<u8>], sheets: &[(&str, Vec<Vec<u8>>)]) -> Vec<u8> {
    let sheet_list = |offsets: &[u32]| -> Vec<u8> {
        sheets
            .iter()
            .zip(offsets)
            .flat_map(|((name, _), off)| {
                let mut d = off.to_le_bytes().to_vec();
                d.extend([0, 0, name.len() as u8, 0]);
                d.extend(name.bytes());
                rec(0x0085, &d)
            })
            .collect()
    };
    let head: Vec<u8> = [bof(), globals.concat()].concat();
    let globals_len = head.len() + sheet_list(&vec![0; sheets.len()]).len() + eof().len();
    let bodies: Vec<Vec<u8>> = sheets
        .iter()
        .map(|(_, records)| [bof(), records.concat(), eof()].concat())
        .collect();
    let mut offsets = Vec::new();
    let mut at = globals_len;
    for b in &bodies {
        offsets.push(at as u32);
        at += b.len();
    }
    [head, sheet_list(&offsets), eof(), bodies.concat()].concat()
}

/// A sheet's rows: sheet row number, then (column, text) of each cell.
type Rows = Vec<(u32, Vec<(u32, String)>)>;

fn read_all(file: &[u8]) -> Result<Vec<Rows>, WorkbookProblem> {
    let sheets = read(file, &SheetChoice::All, &Limits::RESPONSES)?;
    Ok(sheets
        .iter()
        .map(|s| {
            s.rows()
                .map(|r| {
                    (
                        r.number,
                        r.cells().map(|(c, t)| (c, t.to_owned())).collect(),
                    )
                })
                .collect()
        })
        .collect())
}

fn message(file: &[u8]) -> String {
    read(file, &SheetChoice::All, &Limits::RESPONSES)
        .unwrap_err()
        .to_string()
}

fn simple_sheet() -> Vec<u8> {
    let number = rec(0x0203, &cell(0, 0, 0, &2.5f64.to_le_bytes()));
    workbook(&[], &[("Data", vec![number])])
}

#[test]
fn a_stream_is_read_from_regular_sectors_and_from_the_mini_stream() {
    let expected = vec![vec![(1, vec![(0, "2.5".to_owned())])]];
    let small = simple_sheet();
    assert!(small.len() < 4096);
    assert_eq!(read_all(&compound("Workbook", &small)).unwrap(), expected);
    // The same sheet after an unknown globals record that takes the stream past the cutoff.
    let pad = rec(0x0868, &[0u8; 4200]);
    let number = rec(0x0203, &cell(0, 0, 0, &2.5f64.to_le_bytes()));
    let big = workbook(&[pad], &[("Data", vec![number])]);
    assert!(big.len() >= 4096);
    assert_eq!(read_all(&compound("Workbook", &big)).unwrap(), expected);
}

/// Offset of the FAT sector of a file made by [`compound`] (its last sector).
fn fat_at(file: &[u8]) -> usize {
    file.len() - 512
}

#[test]
fn damaged_compound_files_are_refused() {
    let pad = rec(0x0868, &[0u8; 4200]);
    let good = compound("Workbook", &workbook(&[pad], &[("Data", vec![])]));
    let with = |patch: &dyn Fn(&mut Vec<u8>)| {
        let mut f = good.clone();
        patch(&mut f);
        message(&f)
    };
    let fat = fat_at(&good);
    assert!(with(&|f| put_u32(f, fat + 8, 1)).contains("loops"));
    assert!(with(&|f| put_u32(f, fat + 8, 0x00FF_FFF0)).contains("past the end of the file"));
    assert!(with(&|f| put_u32(f, 0x4C, 5000)).contains("past the end of the file"));
    assert!(with(&|f| put_u32(f, 0x2C, 1000)).contains("declares 1000 FAT sectors"));
    assert!(with(&|f| put_u16(f, 0x1E, 10)).contains("version 3"));
    // The Workbook entry (the directory's second) declares 4 GB.
    let dir = 512 * (1 + good[0x30] as usize);
    assert!(
        with(&|f| put_u32(f, dir + 128 + 120, 0xFFFF_FFF0)).contains("more than the whole file")
    );
    assert!(with(&|f| put_u32(f, dir + 76, 7)).contains("past its end"));
    assert!(with(&|f| put_u32(f, dir + 128 + 68, 1)).contains("loops"));
    assert!(with(&|f| f[0] = 0).contains("does not start like an OLE2"));
    // Every cut of the file is an error, never a panic, but for cuts that lose only unused
    // entries at the end of the FAT (its last sector), which read as the whole file does.
    let whole = read_all(&good).unwrap();
    for len in (0..good.len()).step_by(97) {
        if let Ok(sheets) = read_all(&good[..len]) {
            assert!(len > fat && sheets == whole, "{len}");
        }
    }
}

#[test]
fn other_compound_files_are_named() {
    let stream = simple_sheet();
    assert!(message(&compound("Book", &stream)).contains("Excel 5 or older (BIFF5)"));
    assert!(message(&compound("EncryptedPackage", &stream)).contains("password-protected"));
    assert!(message(&compound("WordDocument", &stream)).contains("without a Workbook stream"));
}

/// An SST whose strings run over two CONTINUE records: the second string's characters break
/// at the first boundary and go on two bytes each (the option byte is repeated); the third has
/// a rich-text run and extended data, which break at the second boundary.
fn shared_strings() -> Vec<Vec<u8>> {
    let mut sst = vec![5, 0, 0, 0, 3, 0, 0, 0];
    sst.extend(xl_string("alpha"));
    sst.extend([6, 0, 0]);
    sst.extend(b"bet");
    let mut first = vec![0x01];
    for c in "aŁø".encode_utf16() {
        first.extend(c.to_le_bytes());
    }
    first.extend([5, 0, 0x0C, 1, 0, 6, 0, 0, 0]);
    first.extend(b"gamma");
    first.extend([0, 0]);
    let second = [0u8, 0, 1, 2, 3, 4, 5, 6];
    vec![rec(0x00FC, &sst), rec(0x003C, &first), rec(0x003C, &second)]
}

#[test]
fn biff_records_give_the_text_xlsx_gives() {
    let custom_date = [&[164u8, 0][..], &xl_string("dd.mm.yyyy")].concat();
    let mut globals = shared_strings();
    globals.push(rec(0x041E, &custom_date));
    // XF 0 general, XF 1 built-in 14 (a date), XF 2 custom 164, XF 3 built-in 46 (elapsed).
    for format in [0u16, 14, 164, 46] {
        let mut xf = vec![0u8; 20];
        put_u16(&mut xf, 2, format);
        globals.push(rec(0x00E0, &xf));
    }
    let rk =
        |x: i32, xf: u16| [&xf.to_le_bytes()[..], &((x << 2) as u32 | 2).to_le_bytes()].concat();
    let mut mulrk = cell(1, 1, 0, &[]);
    mulrk.truncate(4);
    mulrk.extend(rk(7, 0));
    mulrk.extend(rk(45943, 1));
    mulrk.extend(2u16.to_le_bytes());
    let formula = |result: [u8; 8]| {
        rec(
            0x0006,
            &cell(2, 0, 0, &[&result[..], &[0u8; 6], &[0x1E, 3, 0]].concat()),
        )
    };
    let string_result = formula([0, 0, 0, 0, 0, 0, 0xFF, 0xFF]);
    let mut string = vec![3, 0, 0];
    string.extend(b"abc");
    let sheet = vec![
        rec(0x0200, &[0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 5, 0, 0, 0]),
        rec(0x00FD, &cell(0, 0, 0, &0u32.to_le_bytes())),
        rec(0x00FD, &cell(0, 1, 0, &1u32.to_le_bytes())),
        rec(0x00FD, &cell(0, 2, 0, &2u32.to_le_bytes())),
        rec(0x0204, &cell(0, 3, 0, &xl_string("label"))),
        rec(0x0203, &cell(1, 0, 2, &45943.541f64.to_le_bytes())),
        rec(0x00BD, &mulrk),
        rec(0x027E, &cell(1, 4, 3, &(0x3FF8_0000u32).to_le_bytes())),
        string_result,
        rec(0x04BC, &[0; 8]),
        rec(0x0207, &string),
        rec(
            0x0006,
            &cell(
                2,
                1,
                0,
                &[&[1u8, 0, 1, 0, 0, 0, 0xFF, 0xFF][..], &[0u8; 9]].concat(),
            ),
        ),
        rec(
            0x0006,
            &cell(
                2,
                2,
                0,
                &[&[2u8, 0, 0x2A, 0, 0, 0, 0xFF, 0xFF][..], &[0u8; 9]].concat(),
            ),
        ),
        rec(
            0x0006,
            &cell(
                2,
                3,
                0,
                &[&[3u8, 0, 0, 0, 0, 0, 0xFF, 0xFF][..], &[0u8; 9]].concat(),
            ),
        ),
        rec(
            0x0006,
            &cell(2, 4, 0, &[&12.25f64.to_le_bytes()[..], &[0u8; 9]].concat()),
        ),
        rec(0x0205, &cell(3, 0, 0, &[0x07, 1])),
        rec(0x0205, &cell(3, 1, 0, &[0, 0])),
        rec(0x0201, &cell(3, 2, 0, &[])),
        // A chart inside the sheet: its records are not cells of the sheet.
        bof(),
        rec(0x0203, &cell(8, 0, 0, &1f64.to_le_bytes())),
        eof(),
        rec(0x0203, &cell(4, 0, 0, &(-0.5f64).to_le_bytes())),
    ];
    let file = compound("Workbook", &workbook(&globals, &[("Svar", sheet)]));
    let text = |cells: &[(u32, &str)]| {
        cells
            .iter()
            .map(|&(c, t)| (c, t.to_owned()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        read_all(&file).unwrap()[0],
        vec![
            (
                1,
                text(&[(0, "alpha"), (1, "betaŁø"), (2, "gamma"), (3, "label")])
            ),
            (
                2,
                text(&[
                    (0, "2025-10-13T12:59:02"),
                    (1, "7"),
                    (2, "2025-10-13"),
                    (4, "36:00:00")
                ])
            ),
            (
                3,
                text(&[(0, "abc"), (1, "TRUE"), (2, "#N/A"), (4, "12.25")])
            ),
            (4, text(&[(0, "#DIV/0!"), (1, "FALSE")])),
            (5, text(&[(0, "-0.5")])),
        ]
    );
}

#[test]
fn sheets_are_chosen_by_name_and_charts_are_not_sheets() {
    let mut globals = vec![];
    // A chart sheet (type 2) listed first is not a worksheet.
    let mut chart = 0u32.to_le_bytes().to_vec();
    chart.extend([0, 2, 5, 0]);
    chart.extend(b"Chart");
    globals.push(rec(0x0085, &chart));
    let number = |x: f64| vec![rec(0x0203, &cell(0, 0, 0, &x.to_le_bytes()))];
    let file = compound(
        "Workbook",
        &workbook(&globals, &[("Om", number(1.0)), ("Svar", number(2.0))]),
    );
    let first = read(&file, &SheetChoice::First, &Limits::RESPONSES).unwrap();
    assert_eq!(first[0].name, "Om");
    let named = read(
        &file,
        &SheetChoice::Named("svar".into()),
        &Limits::RESPONSES,
    )
    .unwrap();
    assert_eq!(named[0].name, "Svar");
    assert_eq!(named[0].row(0).unwrap().cells().next(), Some((0, "2")));
    let missing = read(
        &file,
        &SheetChoice::Named("Chart".into()),
        &Limits::RESPONSES,
    )
    .unwrap_err();
    assert!(
        missing
            .message
            .contains("there is no sheet 'Chart' (sheets: Om, Svar)")
    );
}

#[test]
fn damaged_and_protected_records_are_refused() {
    let sheet = |records: Vec<Vec<u8>>| compound("Workbook", &workbook(&[], &[("S", records)]));
    let cases = [
        (
            compound("Workbook", &workbook(&[rec(0x002F, &[0; 6])], &[])),
            "password-protected",
        ),
        (
            compound("Workbook", &[rec(0x0809, &[0, 5, 0x10, 0]), eof()].concat()),
            "not in Excel 97–2003's BIFF8 format",
        ),
        (
            sheet(vec![rec(0x00FD, &cell(0, 0, 0, &9u32.to_le_bytes()))]),
            "cell A1 refers to shared string 9",
        ),
        (
            sheet(vec![rec(
                0x0200,
                &[0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 5, 0, 0, 0],
            )]),
            "beyond the 65536 rows",
        ),
        (sheet(vec![rec(0x0203, &[0, 0, 0])]), "cut short"),
        (
            sheet(vec![rec(
                0x0006,
                &cell(0, 0, 0, &[0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0]),
            )]),
            "no STRING record",
        ),
        (
            compound("Workbook", &[bof(), vec![0x68, 0x08, 0xFF, 0xFF]].concat()),
            "more than BIFF8's 8224",
        ),
        (
            compound(
                "Workbook",
                &[
                    bof(),
                    rec(0x00FC, &[1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, b'x']),
                    eof(),
                ]
                .concat(),
            ),
            "declares 2 strings but holds 1",
        ),
    ];
    for (file, expected) in cases {
        let m = message(&file);
        assert!(m.contains(expected), "{expected}: {m}");
    }
    // A sheet whose BOUNDSHEET offset lies past the stream, and one without its EOF.
    let mut far = workbook(&[], &[("S", vec![])]);
    let list = far.windows(2).position(|w| w == [0x85, 0x00]).unwrap();
    put_u32(&mut far, list + 4, 0x7FFF_FFF0);
    assert!(message(&compound("Workbook", &far)).contains("where there is no sheet"));
    let mut cut = workbook(&[], &[("S", vec![])]);
    cut.truncate(cut.len() - 4);
    assert!(message(&compound("Workbook", &cut)).contains("without its end-of-sheet record"));
}

#[test]
fn cells_count_against_the_limits() {
    let row: Vec<Vec<u8>> = (0..20)
        .map(|c| rec(0x0203, &cell(0, c, 0, &1f64.to_le_bytes())))
        .collect();
    let file = compound("Workbook", &workbook(&[], &[("S", row)]));
    let few = Limits {
        max_cells: 10,
        ..Limits::RESPONSES
    };
    let err = read(&file, &SheetChoice::First, &few).unwrap_err();
    assert!(err.message.contains("more than 10 cells"), "{err}");
}
