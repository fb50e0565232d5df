//! Reading SPSS system files (`.sav`, and `.zsav` with zlib compression) as a stream of cases.
//!
//! [`is_sav`] recognises a system file by its signature (`$FL2`, or `$FL3` for `.zsav`);
//! [`SavReader`] reads its [`Dictionary`] (variables with their labels, value labels and
//! user-missing values, and the character encoding) and then one case at a time: uncompressed,
//! bytecode-compressed (SPSS's default) or zlib-compressed, in constant memory. Nothing is
//! reserved from a size the file declares: buffers grow only with bytes really read, a label
//! or extension record may hold at most 64 MB, and a zlib block that expands past 16 MB is
//! refused as a decompression bomb. A user-missing value (a discrete code or one inside a
//! missing range) is missing, as is the system-missing value.
//!
//! Source: the system-file layout documented by GNU PSPP ("System File Format" in the PSPP
//! developers' guide), checked on files written by R's haven 2.5.1 (ReadStat) and PSPP 1.6.2.
//!
//! ```
//! use psym_data::sav::{SavReader, Value, is_sav};
//! let bytes = std::fs::read("../../tests/data/sav/alliance_utf8.sav").unwrap();
//! assert!(is_sav(&bytes));
//! let mut sav = SavReader::new(std::io::Cursor::new(bytes), None).unwrap();
//! let i1 = sav.dictionary().index_of("i1").unwrap();
//! assert_eq!(sav.dictionary().variables[i1].label.as_deref(), Some("We agree on what is important to work on."));
//! assert!(sav.next_case().unwrap());
//! assert_eq!(sav.value(i1), Value::Number(1.0));
//! ```

mod cases;
mod dictionary;
mod input;
mod write;

use std::borrow::Cow;
use std::fmt;
use std::io::{BufReader, Read};

use encoding_rs::Encoding;

use cases::Cases;
use dictionary::{SYSMIS, read_dictionary};
use input::Input;

pub use crate::source::is_sav;
pub use write::{SavCell, SavColumn, SavWriter};

/// Why a system file cannot be read: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavError {
    /// Byte offset in the file, while the dictionary is read.
    pub offset: Option<u64>,
    /// 1-based case number, while the data are read.
    pub case: Option<u64>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl SavError {
    pub(crate) fn at(offset: u64, message: impl Into<String>) -> Self {
        SavError {
            offset: Some(offset),
            case: None,
            message: message.into(),
        }
    }

    pub(crate) fn in_case(case: u64, message: impl Into<String>) -> Self {
        SavError {
            offset: None,
            case: Some(case),
            message: message.into(),
        }
    }
}

impl fmt::Display for SavError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.case, self.offset) {
            (Some(case), _) => write!(f, "case {case}: {}", self.message),
            (None, Some(offset)) => write!(f, "at byte {offset}: {}", self.message),
            (None, None) => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for SavError {}

/// How the cases of a system file are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// 8 bytes per value.
    None,
    /// SPSS's bytecode: small integers and blanks in one byte each (the `.sav` default).
    Bytecode,
    /// Bytecode in zlib blocks (`.zsav`).
    Zlib,
}

/// What a system file says about its variables, before the data.
#[derive(Debug, Clone)]
pub struct Dictionary {
    /// The variables in file order (a very long string is one variable).
    pub variables: Vec<Variable>,
    /// The character encoding of names, labels and strings: the file's character encoding
    /// record, else its code page, else Windows-1252; or the one the caller forced.
    pub encoding: &'static Encoding,
    /// How the cases are stored.
    pub compression: Compression,
    /// The number of cases the header declares, when it declares one (never used to reserve
    /// memory).
    pub declared_cases: Option<u64>,
    /// The file label.
    pub file_label: String,
    bias: f64,
    slots: usize,
}

impl Dictionary {
    /// The index of the variable named `name` (exactly, else ignoring case).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        let vars = &self.variables;
        vars.iter()
            .position(|v| v.name == name)
            .or_else(|| vars.iter().position(|v| v.name.eq_ignore_ascii_case(name)))
    }
}

/// One variable of a system file.
#[derive(Debug, Clone)]
pub struct Variable {
    /// The variable's name (the long name when the file has one).
    pub name: String,
    /// The variable label (for a questionnaire item, usually the item's text).
    pub label: Option<String>,
    /// 0 for a number, else the width of the string in bytes.
    pub width: usize,
    /// SPSS print format type (5 = F, 20 = DATE, 22 = DATETIME, …).
    pub format: u8,
    /// Decimal places of the print format.
    pub decimals: u8,
    /// Value labels (for an item, usually the response anchors), in file order.
    pub value_labels: Vec<ValueLabel>,
    /// User-missing values.
    pub missing: UserMissing,
    /// (first slot, bytes of the value in it) per stored segment.
    segments: Vec<(usize, usize)>,
}

impl Variable {
    /// Whether the variable holds numbers.
    pub fn is_numeric(&self) -> bool {
        self.width == 0
    }

    /// What the print format says the number is: a date, a date and time, or a plain number.
    pub fn temporal(&self) -> Option<Temporal> {
        match self.format {
            20 | 23 | 24 | 38 | 39 => Some(Temporal::Date),
            22 | 41 => Some(Temporal::DateTime),
            _ => None,
        }
    }
}

/// Dates and times, which SPSS stores as seconds since 14 October 1582.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Temporal {
    /// A day (formats DATE, ADATE, EDATE, SDATE, JDATE).
    Date,
    /// A day and a time (formats DATETIME, YMDHMS).
    DateTime,
}

/// A value label.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueLabel {
    /// The value labelled.
    pub value: LabelValue,
    /// Its label.
    pub label: String,
}

/// A labelled value: a number or a string.
#[derive(Debug, Clone, PartialEq)]
pub enum LabelValue {
    /// Of a numeric variable.
    Number(f64),
    /// Of a string variable (trailing blanks removed).
    Text(String),
}

/// The user-missing values of a variable, which psym reads as missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserMissing {
    /// Discrete missing numbers.
    pub values: Vec<f64>,
    /// A missing range, both ends included (`LO` and `HI` are the extreme floats).
    pub range: Option<(f64, f64)>,
    /// Missing strings (trailing blanks removed).
    pub text: Vec<String>,
}

impl UserMissing {
    /// Whether the number `x` is user-missing.
    pub fn contains(&self, x: f64) -> bool {
        self.values.contains(&x) || self.range.is_some_and(|(lo, hi)| lo <= x && x <= hi)
    }

    /// Whether there is no user-missing value.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.range.is_none() && self.text.is_empty()
    }
}

/// One value of the current case.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// A number.
    Number(f64),
    /// The system-missing value (an empty cell).
    SystemMissing,
    /// A user-missing number or string, with the code recorded.
    UserMissing(Cow<'a, str>),
    /// A string, trailing blanks removed.
    Text(Cow<'a, str>),
}

/// Reads a system file's dictionary, then its cases one at a time.
pub struct SavReader {
    dictionary: Dictionary,
    cases: Cases,
    /// The current case's 8-byte slots, in the file's byte order.
    case: Vec<[u8; 8]>,
    big_endian: bool,
    text: Vec<u8>,
}

impl SavReader {
    /// Reads the dictionary of the system file in `reader`; `encoding` overrides the file's.
    ///
    /// # Errors
    /// The file is not a system file, or its dictionary is truncated, damaged or of an
    /// encoding psym does not know.
    pub fn new(
        reader: impl Read + Send + 'static,
        encoding: Option<&'static Encoding>,
    ) -> Result<Self, SavError> {
        let mut input = Input::new(BufReader::with_capacity(256 * 1024, reader));
        let dictionary = read_dictionary(&mut input, encoding)?;
        let big_endian = input.big_endian;
        let cases = Cases::start(input, &dictionary)?;
        Ok(SavReader {
            case: vec![[0; 8]; dictionary.slots],
            dictionary,
            cases,
            big_endian,
            text: Vec::new(),
        })
    }

    /// The file's dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// Reads the next case; `false` after the last.
    ///
    /// # Errors
    /// The data end inside a case, are damaged, or a zlib block expands too far.
    pub fn next_case(&mut self) -> Result<bool, SavError> {
        self.cases.next(&mut self.case)
    }

    /// The number of cases read so far (the current case's 1-based number).
    pub fn cases_read(&self) -> u64 {
        self.cases.read
    }

    /// The value of variable `var` in the current case.
    ///
    /// # Panics
    /// When `var` is not an index of [`Dictionary::variables`].
    pub fn value(&self, var: usize) -> Value<'_> {
        let v = &self.dictionary.variables[var];
        let encoding = self.dictionary.encoding;
        if v.is_numeric() {
            let x = self.number(v.segments[0].0);
            return if x == SYSMIS || x.is_nan() {
                Value::SystemMissing
            } else if v.missing.contains(x) {
                Value::UserMissing(Cow::Owned(number_text(x)))
            } else {
                Value::Number(x)
            };
        }
        let bytes = self.string_bytes(v);
        let (text, _) = encoding.decode_without_bom_handling(&bytes);
        let text = match text {
            Cow::Borrowed(t) => Cow::Owned(t.trim_end_matches([' ', '\0']).to_owned()),
            Cow::Owned(t) => Cow::Owned(t.trim_end_matches([' ', '\0']).to_owned()),
        };
        if v.missing.text.iter().any(|m| *m == *text) {
            Value::UserMissing(text)
        } else {
            Value::Text(text)
        }
    }

    /// Writes variable `var` of the current case as the text of a table cell: a number as
    /// written (shortest round-trip form), a date as ISO 8601, a string as it is; missing
    /// values (system or user) as an empty cell.
    pub(crate) fn cell(&mut self, var: usize, out: &mut Vec<u8>) {
        let v = &self.dictionary.variables[var];
        if v.is_numeric() {
            let x = self.number(v.segments[0].0);
            if x == SYSMIS || x.is_nan() || v.missing.contains(x) {
                return;
            }
            match v.temporal() {
                Some(t) if (0.0..=LAST_DATE).contains(&x) => {
                    out.extend_from_slice(iso_date(x, t).as_bytes());
                }
                _ => push_number(x, out),
            }
            return;
        }
        if !v.missing.text.is_empty() {
            if let Value::Text(t) = self.value(var) {
                out.extend_from_slice(t.as_bytes());
            }
            return;
        }
        let mut raw = std::mem::take(&mut self.text);
        raw.clear();
        self.append_string(var, &mut raw);
        let trimmed = raw.trim_ascii_end();
        let (text, _) = self
            .dictionary
            .encoding
            .decode_without_bom_handling(trimmed);
        out.extend_from_slice(text.as_bytes());
        self.text = raw;
    }

    fn number(&self, slot: usize) -> f64 {
        let b = self.case[slot];
        if self.big_endian {
            f64::from_be_bytes(b)
        } else {
            f64::from_le_bytes(b)
        }
    }

    fn string_bytes(&self, v: &Variable) -> Vec<u8> {
        let mut out = Vec::with_capacity(v.width);
        self.append_segments(v, &mut out);
        out
    }

    fn append_string(&self, var: usize, out: &mut Vec<u8>) {
        self.append_segments(&self.dictionary.variables[var], out);
    }

    /// The bytes of a string: each segment's share of its slots, cut to the declared width.
    fn append_segments(&self, v: &Variable, out: &mut Vec<u8>) {
        let start = out.len();
        for &(slot, len) in &v.segments {
            let slots = len.div_ceil(8);
            let bytes = self.case[slot..slot + slots].as_flattened();
            out.extend_from_slice(&bytes[..len]);
        }
        out.truncate(start + v.width);
    }
}

/// A number as text: whole numbers without a decimal point, others in their shortest
/// round-trip form.
fn push_number(x: f64, out: &mut Vec<u8>) {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let n = x as i64;
        if (0..10).contains(&n) {
            out.push(b'0' + n as u8);
        } else {
            out.extend_from_slice(n.to_string().as_bytes());
        }
    } else {
        out.extend_from_slice(ryu::Buffer::new().format(x).as_bytes());
    }
}

fn number_text(x: f64) -> String {
    let mut out = Vec::new();
    push_number(x, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The last second of the year 9999 in SPSS's count: a date-formatted number outside
/// 0..=LAST_DATE is written as the number it is.
const LAST_DATE: f64 = 265_621_679_999.0;

/// Seconds between SPSS's epoch (14 October 1582) and 1 January 1970.
const SPSS_TO_UNIX: i64 = 12_219_379_200;

/// An SPSS date (seconds since 14 October 1582) as ISO 8601 text.
fn iso_date(seconds: f64, temporal: Temporal) -> String {
    let total = seconds.floor() as i64 - SPSS_TO_UNIX;
    let (days, secs) = (total.div_euclid(86_400), total.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    match temporal {
        Temporal::Date => format!("{y:04}-{m:02}-{d:02}"),
        Temporal::DateTime => format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        ),
    }
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant, "chrono-compatible
/// low-level date algorithms", days_from_civil's inverse).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests;
