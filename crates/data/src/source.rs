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
use crate::encoding::detect;
use crate::error::{DataError, DataErrorKind};
use crate::sniff::sniff_delimiter;

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
    pub stream: Box<dyn Read>,
}

/// Opens `path`, detecting what `dialect` leaves open.
pub(crate) fn open(path: &Path, dialect: Dialect) -> Result<Opened, DataError> {
    let file = File::open(path).map_err(|e| DataError::new(path, DataErrorKind::Io(e)))?;
    open_reader(path, Box::new(file), dialect)
}

/// Opens a byte stream that `path` names in messages (for example a file wrapped in a progress
/// counter), detecting what `dialect` leaves open.
pub(crate) fn open_reader(
    path: &Path,
    mut reader: Box<dyn Read>,
    dialect: Dialect,
) -> Result<Opened, DataError> {
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut prefix)
        .map_err(|e: io::Error| DataError::new(path, DataErrorKind::Io(e)))?;
    open_stream(path, prefix, reader, dialect)
}

/// Opens an in-memory or already-open source; `prefix` holds its first bytes and `rest` the
/// remainder.
pub(crate) fn open_stream(
    path: &Path,
    prefix: Vec<u8>,
    rest: Box<dyn Read>,
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
    let cr_only = text.contains('\r') && !text.contains('\n');
    let text = if cr_only {
        Cow::Owned(text.replace('\r', "\n"))
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
    let stream: Box<dyn Read> = if encoding == UTF_8 {
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
    let stream: Box<dyn Read> = if cr_only {
        Box::new(CrAsLf(stream))
    } else {
        stream
    };
    Ok(Opened {
        separator_line: declared.is_some(),
        info: SourceInfo {
            encoding: encoding.name(),
            bom: bom.is_some(),
            delimiter: char::from(delimiter),
            decimal: match decimal {
                DecimalMark::Point => "point",
                DecimalMark::Comma => "comma",
            },
        },
        delimiter,
        decimal,
        stream,
    })
}

/// A UTF-8 stream whose lines end in a lone CR, read with LF line ends instead (a CR inside a
/// quoted field becomes LF too: in such a file it is that field's line break).
struct CrAsLf(Box<dyn Read>);

impl Read for CrAsLf {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.read(buf)?;
        for b in &mut buf[..n] {
            if *b == b'\r' {
                *b = b'\n';
            }
        }
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
}
