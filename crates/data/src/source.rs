//! Opening a response file: encoding, delimiter and decimal mark, and a byte stream for the
//! CSV parser.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;

use encoding_rs::{Encoding, UTF_8};
use encoding_rs_io::DecodeReaderBytesBuilder;
use serde::Serialize;

use crate::cell::DecimalMark;
use crate::columns::ReadOptions;
use crate::encoding::detect;
use crate::error::{DataError, DataErrorKind};
use crate::sniff::sniff_delimiter;
use crate::workbook::{Limits, Sheet, SheetChoice, WorkbookProblem, is_workbook, read_sheets};

/// Bytes read before parsing to recognise the encoding and the delimiter.
const SNIFF_BYTES: usize = 64 * 1024;

/// How a file was read, for reports and for reproducing the read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceInfo {
    /// Name of the encoding used.
    pub encoding: &'static str,
    /// Whether the file started with a byte-order mark.
    pub bom: bool,
    /// Field delimiter.
    pub delimiter: char,
    /// Decimal mark of numbers.
    pub decimal: &'static str,
    /// The sheet read, when the file is a workbook (then the encoding is the workbook's
    /// UTF-8, and the delimiter does not apply); left out of JSON for text files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Whether the file is an SPSS system file (then `encoding` is the file's own, the
    /// delimiter does not apply, and a row's line is its case number); left out of JSON
    /// when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub spss: bool,
}

/// A user's overrides of what is otherwise detected.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dialect {
    /// Encoding; detected when `None`.
    pub encoding: Option<&'static Encoding>,
    /// Delimiter; sniffed when `None`.
    pub delimiter: Option<u8>,
    /// Decimal mark; a comma when the delimiter is not a comma, when `None`.
    pub decimal: Option<DecimalMark>,
}

/// An opened file: its settled dialect and a UTF-8 byte stream of its content (BOM removed).
pub(crate) struct Opened {
    /// The file starts with Excel's `sep=X` line, which is not part of the table.
    pub separator_line: bool,
    pub info: SourceInfo,
    pub delimiter: u8,
    pub decimal: DecimalMark,
    pub stream: Box<dyn Read + Send>,
}

/// Most bytes of a workbook file that are read into memory (a workbook is an archive read by
/// seeking, not a stream): 256 MiB, a packed sheet of far more cells than
/// [`Limits::RESPONSES`] lets through.
pub(crate) const MAX_WORKBOOK_BYTES: u64 = 256 << 20;

/// An opened response file: a text table to parse, the sheet of a workbook, or the cases of
/// an SPSS system file.
pub(crate) enum Source {
    Text(Opened),
    Sheet(Sheet),
    #[cfg(feature = "spss")]
    Sav(Box<crate::sav::SavReader>),
}

/// Opens `path`, detecting what `options` leave open.
pub(crate) fn open(path: &Path, options: &ReadOptions) -> Result<Source, DataError> {
    let file = File::open(path).map_err(|e| DataError::new(path, DataErrorKind::Io(e)))?;
    open_reader(path, Box::new(file), options)
}

/// Opens a byte stream that `path` names in messages (for example a file wrapped in a progress
/// counter), detecting what `options` leave open.
pub(crate) fn open_reader(
    path: &Path,
    mut reader: Box<dyn Read + Send>,
    options: &ReadOptions,
) -> Result<Source, DataError> {
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut prefix)
        .map_err(|e: io::Error| DataError::new(path, DataErrorKind::Io(e)))?;
    open_source(path, prefix, reader, options)
}

/// Opens a response file whose first bytes are `prefix` and the rest `rest`: a workbook's
/// chosen sheet ([`ReadOptions::sheet`]), recognised by its content, else a text table.
pub(crate) fn open_source(
    path: &Path,
    mut prefix: Vec<u8>,
    rest: Box<dyn Read + Send>,
    options: &ReadOptions,
) -> Result<Source, DataError> {
    if is_sav(&prefix) {
        return open_sav(path, prefix, rest, options);
    }
    if is_encrypted_sav(&prefix) {
        return Err(DataError::new(
            path,
            DataErrorKind::NotText(
                "this is a password-protected (encrypted) SPSS data file; open it in SPSS and save it again without a password (File > Save As, uncheck \"Encrypt file with password\"), or decrypt it with PSPP's pspp-convert -p PASSWORD".into(),
            ),
        ));
    }
    if !is_workbook(&prefix) {
        return open_stream(path, prefix, rest, options.dialect).map(Source::Text);
    }
    let fail = |kind| DataError::new(path, kind);
    rest.take(MAX_WORKBOOK_BYTES + 1 - prefix.len().min(SNIFF_BYTES) as u64)
        .read_to_end(&mut prefix)
        .map_err(|e| fail(DataErrorKind::Io(e)))?;
    if prefix.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(fail(DataErrorKind::Workbook(vec![WorkbookProblem {
            at: "workbook".into(),
            message: format!(
                "the file is larger than the {} MB psym reads of a workbook; save the sheet as CSV (UTF-8), which psym reads as a stream",
                MAX_WORKBOOK_BYTES >> 20
            ),
        }])));
    }
    let choice = match &options.sheet {
        Some(name) => SheetChoice::Named(name.clone()),
        None => SheetChoice::First,
    };
    let mut sheets = read_sheets(&prefix, &choice, &Limits::RESPONSES)
        .map_err(|p| fail(DataErrorKind::Workbook(p)))?;
    Ok(Source::Sheet(sheets.swap_remove(0)))
}

/// Whether `prefix` (the first bytes of a file) is an SPSS system file: `$FL2` (`.sav`) or
/// `$FL3` (`.zsav`).
pub fn is_sav(prefix: &[u8]) -> bool {
    prefix.starts_with(b"$FL2") || prefix.starts_with(b"$FL3")
}

/// Whether `prefix` starts like a password-protected SPSS data file: a 36-byte wrapper with
/// `ENCRYPTEDSAV` at byte 8 (as GNU PSPP recognises it), the system file encrypted after it.
fn is_encrypted_sav(prefix: &[u8]) -> bool {
    prefix.get(8..20) == Some(b"ENCRYPTEDSAV".as_slice())
}

/// Opens an SPSS system file whose first bytes are `prefix` and the rest `rest`.
#[cfg(feature = "spss")]
fn open_sav(
    path: &Path,
    prefix: Vec<u8>,
    rest: Box<dyn Read + Send>,
    options: &ReadOptions,
) -> Result<Source, DataError> {
    let stream = Cursor::new(prefix).chain(rest);
    crate::sav::SavReader::new(stream, options.dialect.encoding)
        .map(|sav| Source::Sav(Box::new(sav)))
        .map_err(|e| DataError::new(path, DataErrorKind::Spss(e)))
}

/// Without the `spss` feature an SPSS system file is refused with a hint.
#[cfg(not(feature = "spss"))]
fn open_sav(
    path: &Path,
    _prefix: Vec<u8>,
    _rest: Box<dyn Read + Send>,
    _options: &ReadOptions,
) -> Result<Source, DataError> {
    Err(DataError::new(
        path,
        DataErrorKind::NotText(
            "this is an SPSS data file (.sav), and this build of psym reads none (it was built without the `spss` feature of psym-data); save it as CSV (UTF-8) or use the psym program".into(),
        ),
    ))
}

/// Opens an in-memory or already-open source; `prefix` holds its first bytes and `rest` the
/// remainder.
pub(crate) fn open_stream(
    path: &Path,
    prefix: Vec<u8>,
    rest: Box<dyn Read + Send>,
    dialect: Dialect,
) -> Result<Opened, DataError> {
    if prefix.is_empty() {
        return Err(DataError::new(path, DataErrorKind::Empty));
    }
    let detected =
        detect(&prefix).map_err(|hint| DataError::new(path, DataErrorKind::NotText(hint)))?;
    let encoding = dialect.encoding.unwrap_or(detected.encoding);
    let (sample, _, _) = encoding.decode(&prefix);
    if sample.trim().is_empty() {
        return Err(DataError::new(path, DataErrorKind::Empty));
    }
    let text = sample.trim_start_matches('\u{feff}');
    // Lines that end in a lone CR (classic Mac OS; Excel's "CSV (Macintosh)") are read as
    // lines ending in LF, so that rows, line numbers and the sniffing all see them.
    let cr_only = ends_lines_with_lone_cr(text);
    let text = if cr_only {
        Cow::Owned(lone_cr_as_lf(text))
    } else {
        Cow::Borrowed(text)
    };
    let declared = excel_separator_line(&text);
    let delimiter = dialect
        .delimiter
        .or(declared)
        .unwrap_or_else(|| sniff_delimiter(&text));
    let decimal = dialect.decimal.unwrap_or(if delimiter == b',' {
        DecimalMark::Point
    } else {
        DecimalMark::Comma
    });
    let bom = Encoding::for_bom(&prefix).map(|(_, len)| len);
    let stream: Box<dyn Read + Send> = if encoding == UTF_8 {
        let mut prefix = prefix;
        if prefix.starts_with(b"\xEF\xBB\xBF") {
            prefix.drain(..3);
        }
        Box::new(Cursor::new(prefix).chain(rest))
    } else {
        let raw = Cursor::new(prefix).chain(rest);
        Box::new(
            DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .bom_override(true)
                .build(raw),
        )
    };
    let stream: Box<dyn Read + Send> = if cr_only {
        Box::new(CrAsLf::new(stream))
    } else {
        stream
    };
    Ok(Opened {
        separator_line: declared.is_some(),
        info: SourceInfo {
            spss: false,
            encoding: encoding.name(),
            bom: bom.is_some(),
            delimiter: char::from(delimiter),
            decimal: decimal.name(),
            sheet: None,
        },
        delimiter,
        decimal,
        stream,
    })
}

/// Whether the first line end outside a quoted field is a CR not followed by LF (a CR-only
/// file). An LF inside a quoted field (a line break within a cell) does not count, so a
/// CR-only file whose cells hold line breaks is still recognised.
fn ends_lines_with_lone_cr(text: &str) -> bool {
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\r' if !quoted => return chars.peek() != Some(&'\n'),
            '\n' if !quoted => return false,
            _ => {}
        }
    }
    false
}

/// A UTF-8 stream whose lines end in a lone CR, read with LF line ends instead. A lone CR inside
/// a quoted field becomes LF too (in such a file it is that field's line break); a CR followed
/// by LF is left as it is, so a cell's CRLF survives exactly.
struct CrAsLf {
    inner: Box<dyn Read + Send>,
    /// Bytes read ahead and already converted; `buf[pos..]` is still to be handed out.
    buf: Vec<u8>,
    pos: usize,
}

impl CrAsLf {
    /// Bytes read from the inner stream at a time.
    const CHUNK: usize = 8192;

    fn new(inner: Box<dyn Read + Send>) -> Self {
        CrAsLf {
            inner,
            buf: Vec::with_capacity(Self::CHUNK + 1),
            pos: 0,
        }
    }

    /// Refills the buffer with the next chunk, reading one byte further while the chunk ends in
    /// CR (whether that CR is a line end depends on the byte after it), and converts it.
    fn refill(&mut self) -> io::Result<()> {
        self.buf.clear();
        self.pos = 0;
        (&mut self.inner)
            .take(Self::CHUNK as u64)
            .read_to_end(&mut self.buf)?;
        while self.buf.last() == Some(&b'\r') {
            let mut next = [0u8; 1];
            if self.inner.read(&mut next)? == 0 {
                break;
            }
            self.buf.push(next[0]);
        }
        lone_cr_to_lf(&mut self.buf);
        Ok(())
    }
}

/// Replaces every CR that is not followed by LF with LF (a CR at the very end counts as lone).
fn lone_cr_to_lf(bytes: &mut [u8]) {
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
}

/// `text` with its lone CRs read as LF ([`lone_cr_to_lf`]; exchanging one ASCII byte for
/// another keeps the text valid UTF-8).
fn lone_cr_as_lf(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    lone_cr_to_lf(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

impl Read for CrAsLf {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.buf.len() {
            self.refill()?;
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// A small text table held in memory, decoded and sniffed like a response file.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedText {
    /// The content as UTF-8, without byte-order mark; Excel's `sep=X` first line, when present,
    /// is blanked (the line stays, empty, so line numbers stay those of the file).
    pub text: String,
    /// The field delimiter (`,` `;` or tab; declared by `sep=X` or sniffed).
    pub delimiter: u8,
    /// How the file was read.
    pub info: SourceInfo,
}

/// Decodes a whole text table held in memory with the rules of response files: the encoding
/// (byte-order mark, else UTF-8 when valid, else Windows-1252; UTF-16 without a BOM
/// recognised), Excel's `sep=X` line, and the delimiter. `name` names it in errors. Used for
/// files that are not response files but come from the same spreadsheets, such as translation
/// work files.
///
/// # Errors
/// The bytes are empty, binary or a workbook ([`DataErrorKind::NotText`]).
pub fn decode_text(name: &Path, bytes: Vec<u8>) -> Result<DecodedText, DataError> {
    let opened = open_stream(name, bytes, Box::new(io::empty()), Dialect::default())?;
    let mut text = String::new();
    let mut stream = opened.stream;
    stream
        .read_to_string(&mut text)
        .map_err(|e| DataError::new(name, DataErrorKind::Io(e)))?;
    if opened.separator_line {
        let end = text.find('\n').unwrap_or(text.len());
        text.replace_range(..end, "");
    }
    Ok(DecodedText {
        text,
        delimiter: opened.delimiter,
        info: opened.info,
    })
}

/// The delimiter declared by Excel's optional first line `sep=;` (or `sep=,`, `sep=\t`, …).
fn excel_separator_line(text: &str) -> Option<u8> {
    let first = text.lines().next()?.trim_end_matches('\r');
    match first.strip_prefix("sep=")?.as_bytes() {
        [d] => Some(*d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_text_follows_the_response_file_rules() {
        let latin1 = b"sep=;\nid;navn\n1;S\xF8rensen\n".to_vec();
        let d = decode_text(Path::new("x.csv"), latin1).unwrap();
        assert_eq!(d.text, "\nid;navn\n1;Sørensen\n");
        assert_eq!((d.delimiter, d.info.encoding), (b';', "windows-1252"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a\tb\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode_text(Path::new("x.csv"), utf16).unwrap();
        assert_eq!((d.text.as_str(), d.delimiter), ("a\tb\n", b'\t'));
        assert!(decode_text(Path::new("x.csv"), b"PK\x03\x04rest".to_vec()).is_err());
    }

    #[test]
    fn lone_crs_become_lf_and_crlf_stays_across_chunk_boundaries() {
        // A CRLF split by the chunk boundary, a lone CR at the boundary and one at the end.
        let mut raw = vec![b'a'; CrAsLf::CHUNK - 1];
        raw.extend_from_slice(b"\r\nb\rc");
        raw.resize(2 * CrAsLf::CHUNK - 1, b'd');
        raw.extend_from_slice(b"\re\r");
        let mut expected = raw.clone();
        for at in [CrAsLf::CHUNK + 2, 2 * CrAsLf::CHUNK - 1, expected.len() - 1] {
            expected[at] = b'\n';
        }
        let mut read = Vec::new();
        CrAsLf::new(Box::new(Cursor::new(raw)))
            .read_to_end(&mut read)
            .unwrap();
        assert_eq!(read, expected);
    }

    #[test]
    fn a_quoted_line_break_does_not_hide_cr_line_ends() {
        assert!(ends_lines_with_lone_cr("id,note\r1,\"two\nlines\"\r"));
        assert!(!ends_lines_with_lone_cr("id,note\r\n1,x\r\n"));
        assert!(!ends_lines_with_lone_cr("id,note\n1,\"a\rb\"\n"));
    }
}
