//! The dictionary of a system file: the header record, the variable, value-label, document
//! and extension records up to the dictionary termination record (record type 999).
//!
//! Source: the layout of SPSS system files as documented by GNU PSPP ("System File Format",
//! PSPP developers' guide), checked against files written by haven 2.5.1 (ReadStat) and
//! PSPP 1.6.2 (tests/data/sav).

use std::collections::HashMap;
use std::io::BufRead;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::input::Input;
use super::{Compression, Dictionary, LabelValue, SavError, UserMissing, ValueLabel, Variable};

/// Most bytes psym accepts in one label, document or extension record (a dictionary of
/// 100,000 variables with long names needs about 2 MB).
const MAX_RECORD_BYTES: u64 = 64 << 20;

/// The system-missing value and the bounds `LO` and `HI` of missing-value ranges.
pub(crate) const SYSMIS: f64 = -f64::MAX;

/// One variable record as stored: a numeric variable, the first 8 bytes of a string, or a
/// continuation of a string (`width == -1`).
struct RawVariable {
    width: i32,
    name: [u8; 8],
    label: Option<Vec<u8>>,
    missing: Vec<[u8; 8]>,
    missing_code: i32,
    print: i32,
}

/// The labels of a value label record (value, label) and the 1-based slots they apply to.
type RawLabels = (Vec<([u8; 8], Vec<u8>)>, Vec<i32>);

/// Everything read before the data, in the file's own terms.
struct Raw {
    slots: Vec<RawVariable>,
    value_labels: Vec<RawLabels>,
    long_names: Option<Vec<u8>>,
    very_long: Option<Vec<u8>>,
    long_labels: Vec<Vec<u8>>,
    long_missing: Vec<Vec<u8>>,
    encoding_name: Option<Vec<u8>>,
    code_page: Option<i32>,
    cases64: Option<i64>,
}

/// Reads the header and dictionary records; `forced` overrides the file's encoding.
pub(crate) fn read_dictionary<R: BufRead>(
    input: &mut Input<R>,
    forced: Option<&'static Encoding>,
) -> Result<Dictionary, SavError> {
    let magic = input.array::<4>("the file header")?;
    let zlib = match &magic {
        b"$FL2" => false,
        b"$FL3" => true,
        _ => return Err(input.error("not an SPSS system file (no $FL2 or $FL3 signature)")),
    };
    input.skip(60, "the file header")?;
    let layout = input.array::<4>("the file header")?;
    input.big_endian = match (i32::from_le_bytes(layout), i32::from_be_bytes(layout)) {
        (2 | 3, _) => false,
        (_, 2 | 3) => true,
        _ => {
            return Err(input
                .error("the file header's layout code is neither 2 nor 3: the file is damaged"));
        }
    };
    let _case_size = input.i32("the file header")?;
    let compression = match (input.i32("the file header")?, zlib) {
        (0, false) => Compression::None,
        (1, false) => Compression::Bytecode,
        (2, true) => Compression::Zlib,
        (code, _) => {
            return Err(input.error(format!(
                "the file header names compression {code}, which does not fit its {} signature: the file is damaged or encrypted",
                String::from_utf8_lossy(&magic)
            )));
        }
    };
    let _weight = input.i32("the file header")?;
    let cases32 = input.i32("the file header")?;
    let bias = input.f64("the file header")?;
    input.skip(17, "the file header")?;
    let file_label = input.array::<64>("the file header")?;
    input.skip(3, "the file header")?;

    let raw = read_records(input)?;
    let encoding = match forced {
        Some(e) => e,
        None => file_encoding(&raw, input)?,
    };
    let declared_cases = match raw.cases64 {
        Some(n) if n >= 0 => Some(n as u64),
        Some(_) => None,
        None => u64::try_from(cases32).ok(),
    };
    let variables = variables(&raw, encoding, input)?;
    if variables.is_empty() {
        return Err(input.error("the dictionary has no variables: the file is damaged"));
    }
    Ok(Dictionary {
        variables,
        encoding,
        compression,
        bias,
        declared_cases,
        file_label: decode(encoding, &file_label),
        slots: raw.slots.len(),
    })
}

fn read_records<R: BufRead>(input: &mut Input<R>) -> Result<Raw, SavError> {
    let mut raw = Raw {
        slots: Vec::new(),
        value_labels: Vec::new(),
        long_names: None,
        very_long: None,
        long_labels: Vec::new(),
        long_missing: Vec::new(),
        encoding_name: None,
        code_page: None,
        cases64: None,
    };
    loop {
        let start = input.offset;
        match input.i32("the dictionary")? {
            2 => raw.slots.push(variable_record(input)?),
            3 => raw.value_labels.push(value_labels(input)?),
            4 => return Err(input.error("a variable index record (type 4) without value labels before it: the file is damaged")),
            6 => {
                let lines = input.i32("a document record")?;
                let lines = u64::try_from(lines).map_err(|_| input.error("a document record with a negative number of lines"))?;
                input.skip(lines.saturating_mul(80), "a document record")?;
            }
            7 => extension(input, &mut raw)?,
            999 => {
                input.i32("the dictionary termination record")?;
                return Ok(raw);
            }
            other => {
                return Err(SavError::at(
                    start,
                    format!("unknown record type {other} in the dictionary: the file is damaged or not an SPSS system file"),
                ));
            }
        }
    }
}

fn variable_record<R: BufRead>(input: &mut Input<R>) -> Result<RawVariable, SavError> {
    let what = "a variable record";
    let width = input.i32(what)?;
    if !(-1..=255).contains(&width) {
        return Err(input.error(format!(
            "a variable record declares width {width} (0 to 255 expected): the file is damaged"
        )));
    }
    let has_label = input.i32(what)?;
    let missing_code = input.i32(what)?;
    let print = input.i32(what)?;
    let _write = input.i32(what)?;
    let name = input.array::<8>(what)?;
    let label = if has_label == 1 {
        let len = input.i32(what)?;
        let len = u64::try_from(len)
            .map_err(|_| input.error("a variable label with a negative length"))?;
        let mut bytes = input.bytes(len.div_ceil(4) * 4, MAX_RECORD_BYTES, "a variable label")?;
        bytes.truncate(len as usize);
        Some(bytes)
    } else {
        None
    };
    let count = match missing_code {
        0..=3 => missing_code as usize,
        -2 => 2,
        -3 => 3,
        other => {
            return Err(input.error(format!(
                "a variable record declares {other} missing values (-3 to 3 expected): the file is damaged"
            )));
        }
    };
    let mut missing = Vec::new();
    for _ in 0..count {
        missing.push(input.array::<8>(what)?);
    }
    Ok(RawVariable {
        width,
        name,
        label,
        missing,
        missing_code,
        print,
    })
}

/// A value label record (type 3) and the variable index record (type 4) that must follow it.
fn value_labels<R: BufRead>(input: &mut Input<R>) -> Result<RawLabels, SavError> {
    let what = "a value label record";
    let count = input.i32(what)?;
    let mut labels = Vec::new();
    for _ in 0..count.max(0) {
        let value = input.array::<8>(what)?;
        let [len] = input.array::<1>(what)?;
        // the length byte and the label are padded together to a multiple of 8 bytes
        let padded = (u64::from(len) + 1).div_ceil(8) * 8 - 1;
        let mut text = input.bytes(padded, MAX_RECORD_BYTES, what)?;
        text.truncate(usize::from(len));
        labels.push((value, text));
    }
    if input.i32("a variable index record")? != 4 {
        return Err(input.error(
            "a value label record is not followed by its variable index record: the file is damaged",
        ));
    }
    let n = input.i32("a variable index record")?;
    let mut indexes = Vec::new();
    for _ in 0..n.max(0) {
        indexes.push(input.i32("a variable index record")?);
    }
    Ok((labels, indexes))
}

/// An extension record (type 7): the parts psym uses are kept, the others skipped.
fn extension<R: BufRead>(input: &mut Input<R>, raw: &mut Raw) -> Result<(), SavError> {
    let what = "an extension record";
    let subtype = input.i32(what)?;
    let size = input.i32(what)?;
    let count = input.i32(what)?;
    let (Ok(size), Ok(count)) = (u64::try_from(size), u64::try_from(count)) else {
        return Err(input.error(format!(
            "extension record {subtype} declares a negative size: the file is damaged"
        )));
    };
    let len = size.saturating_mul(count);
    let mut body = || input.bytes(len, MAX_RECORD_BYTES, what);
    match subtype {
        3 => {
            let bytes = body()?;
            let big = input.big_endian;
            raw.code_page = bytes
                .get(28..32)
                .map(|b| int32(big, b.try_into().expect("4 bytes")));
        }
        13 => raw.long_names = Some(body()?),
        14 => raw.very_long = Some(body()?),
        16 => {
            let bytes = body()?;
            let big = input.big_endian;
            raw.cases64 = bytes
                .get(8..16)
                .map(|b| int64(big, b.try_into().expect("8 bytes")));
        }
        20 => raw.encoding_name = Some(body()?),
        21 => raw.long_labels.push(body()?),
        22 => raw.long_missing.push(body()?),
        _ => input.skip(len, what)?,
    }
    Ok(())
}

fn int32(big_endian: bool, b: [u8; 4]) -> i32 {
    if big_endian {
        i32::from_be_bytes(b)
    } else {
        i32::from_le_bytes(b)
    }
}

fn int64(big_endian: bool, b: [u8; 8]) -> i64 {
    if big_endian {
        i64::from_be_bytes(b)
    } else {
        i64::from_le_bytes(b)
    }
}

/// The file's character encoding: the character encoding record (subtype 20) when there is
/// one, else the code page of the machine integer record (subtype 3), else Windows-1252 (what
/// SPSS wrote on Western European Windows before it had Unicode mode).
fn file_encoding<R: BufRead>(raw: &Raw, input: &Input<R>) -> Result<&'static Encoding, SavError> {
    if let Some(name) = &raw.encoding_name {
        let name = String::from_utf8_lossy(name);
        return Encoding::for_label(name.trim().as_bytes()).ok_or_else(|| {
            input.error(format!(
                "the file declares the character encoding '{}', which psym does not know; name one with --encoding",
                name.trim()
            ))
        });
    }
    match raw.code_page {
        None | Some(2 | 3) => Ok(WINDOWS_1252),
        Some(65001) => Ok(UTF_8),
        Some(1) => Err(input.error(
            "the file is in EBCDIC (code page 1), which psym does not read; save it again in SPSS or PSPP",
        )),
        Some(cp) => Encoding::for_label(code_page_label(cp).as_bytes()).ok_or_else(|| {
            input.error(format!(
                "the file declares code page {cp}, which psym does not know; name the encoding with --encoding"
            ))
        }),
    }
}

/// The WHATWG label of a Windows code page number as SPSS records it.
fn code_page_label(cp: i32) -> String {
    match cp {
        932 => "shift_jis".into(),
        936 => "gbk".into(),
        949 => "euc-kr".into(),
        950 => "big5".into(),
        866 => "ibm866".into(),
        20127 => "us-ascii".into(),
        20866 => "koi8-r".into(),
        28591..=28606 => format!("iso-8859-{}", cp - 28590),
        _ => format!("windows-{cp}"),
    }
}

/// Text in the file's encoding, without the spaces and NULs that pad it.
pub(crate) fn decode(encoding: &'static Encoding, bytes: &[u8]) -> String {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.trim_end_matches([' ', '\0']).to_owned()
}

/// A stored variable: a numeric variable or a string of at most 255 bytes, with its slots.
struct Stored<'a> {
    raw: &'a RawVariable,
    slot: usize,
}

/// Groups the slots into variables, joins the segments of very long strings, and attaches
/// long names, labels, value labels and missing values.
fn variables<R: BufRead>(
    raw: &Raw,
    encoding: &'static Encoding,
    input: &Input<R>,
) -> Result<Vec<Variable>, SavError> {
    let mut stored = Vec::new();
    let mut slot = 0;
    while let Some(v) = raw.slots.get(slot) {
        let name = decode(encoding, &v.name);
        if v.width < 0 {
            return Err(input.error(format!(
                "the dictionary has a string continuation (slot {}) without a string before it: the file is damaged",
                slot + 1
            )));
        }
        let slots = (v.width as usize).div_ceil(8).max(1);
        let continued = raw.slots[slot + 1..].iter().take(slots - 1);
        if continued.clone().count() < slots - 1 || continued.clone().any(|c| c.width != -1) {
            return Err(input.error(format!(
                "string variable {name} of width {} lacks its continuation records: the file is damaged",
                v.width
            )));
        }
        stored.push(Stored { raw: v, slot });
        slot += slots;
    }
    let long_names = pairs(raw.long_names.as_deref(), encoding);
    let very_long: HashMap<String, usize> = pairs(raw.very_long.as_deref(), encoding)
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.trim_end_matches(['\0', ' ']).parse().ok()?)))
        .collect();
    let mut variables: Vec<Variable> = Vec::new();
    let mut by_slot = HashMap::new();
    let mut k = 0;
    while let Some(s) = stored.get(k) {
        let short = decode(encoding, &s.raw.name);
        let stored_width = |r: &Stored| {
            if r.raw.width == 0 {
                8
            } else {
                r.raw.width as usize
            }
        };
        let mut segments = vec![(s.slot, stored_width(s))];
        let mut width = s.raw.width as usize;
        if let Some(&total) = very_long.get(&short.to_uppercase()) {
            // a very long string: segments of 255 bytes, each counting 252 towards the width
            // (so the last one is narrower); their bytes are joined and cut to the width
            let n = total.div_ceil(252).max(1);
            let rest: Vec<&Stored> = stored[k + 1..].iter().take(n - 1).collect();
            if s.raw.width <= 0 || rest.len() < n - 1 || rest.iter().any(|r| r.raw.width <= 0) {
                return Err(input.error(format!(
                    "very long string {short} of width {total} lacks its segments: the file is damaged"
                )));
            }
            segments.extend(rest.iter().map(|r| (r.slot, stored_width(r))));
            width = total;
            k += n - 1;
        }
        k += 1;
        by_slot.insert(s.slot + 1, variables.len());
        let print = s.raw.print;
        variables.push(Variable {
            name: long_names
                .get(&short.to_uppercase())
                .cloned()
                .unwrap_or(short),
            label: s.raw.label.as_deref().map(|l| decode(encoding, l)),
            width,
            format: ((print >> 16) & 0xff) as u8,
            decimals: (print & 0xff) as u8,
            value_labels: Vec::new(),
            missing: user_missing(s.raw, encoding, input),
            segments,
        });
    }
    for (labels, indexes) in &raw.value_labels {
        for index in indexes {
            let Some(&v) = usize::try_from(*index).ok().and_then(|i| by_slot.get(&i)) else {
                return Err(input.error(format!(
                    "value labels name variable slot {index}, which is not the start of a variable: the file is damaged"
                )));
            };
            let var = &mut variables[v];
            for (value, text) in labels {
                let value = if var.width == 0 {
                    LabelValue::Number(input.float(*value))
                } else {
                    LabelValue::Text(decode(encoding, value))
                };
                var.value_labels.push(ValueLabel {
                    value,
                    label: decode(encoding, text),
                });
            }
        }
    }
    let by_name: HashMap<String, usize> = variables
        .iter()
        .enumerate()
        .map(|(i, v)| (v.name.to_uppercase(), i))
        .collect();
    for body in &raw.long_labels {
        long_string_labels(body, input.big_endian, encoding, &by_name, &mut variables);
    }
    for body in &raw.long_missing {
        long_string_missing(body, input.big_endian, encoding, &by_name, &mut variables);
    }
    Ok(variables)
}

/// `KEY=value` pairs separated by tabs (long variable names, very long string widths); keys
/// upper-cased, as SPSS stores short names.
fn pairs(bytes: Option<&[u8]>, encoding: &'static Encoding) -> HashMap<String, String> {
    let Some(bytes) = bytes else {
        return HashMap::new();
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.split('\t')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((
                k.trim().to_uppercase(),
                v.trim_matches(['\0', ' ']).to_owned(),
            ))
        })
        .collect()
}

/// The user-missing values of a variable record: up to three discrete values, a range, or a
/// range and one discrete value (numbers); up to three values (strings).
fn user_missing<R: BufRead>(
    v: &RawVariable,
    encoding: &'static Encoding,
    input: &Input<R>,
) -> UserMissing {
    let numbers: Vec<f64> = v.missing.iter().map(|b| input.float(*b)).collect();
    let mut missing = UserMissing::default();
    if v.width > 0 {
        missing.text = v.missing.iter().map(|b| decode(encoding, b)).collect();
    } else if v.missing_code < 0 {
        missing.range = Some((numbers[0], numbers[1]));
        missing.values = numbers[2..].to_vec();
    } else {
        missing.values = numbers;
    }
    missing
}

/// A body of little records read in the file's byte order.
struct Body<'a> {
    bytes: &'a [u8],
    big_endian: bool,
}

impl<'a> Body<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.bytes.split_at_checked(n)?;
        self.bytes = tail;
        Some(head)
    }

    fn i32(&mut self) -> Option<usize> {
        let b = self.take(4)?.try_into().ok()?;
        usize::try_from(int32(self.big_endian, b)).ok()
    }

    /// A 32-bit length and that many bytes.
    fn counted(&mut self) -> Option<&'a [u8]> {
        let n = self.i32()?;
        self.take(n)
    }
}

/// Value labels of strings longer than 8 bytes (subtype 21): per variable its name, width and
/// labels, each a counted value and a counted label. A damaged record ends the reading of it.
fn long_string_labels(
    bytes: &[u8],
    big_endian: bool,
    encoding: &'static Encoding,
    by_name: &HashMap<String, usize>,
    variables: &mut [Variable],
) {
    let mut body = Body { bytes, big_endian };
    let mut one = || -> Option<()> {
        let name = decode(encoding, body.counted()?);
        let _width = body.i32()?;
        let n = body.i32()?;
        let var = by_name.get(&name.to_uppercase()).copied();
        for _ in 0..n {
            let value = decode(encoding, body.counted()?);
            let label = decode(encoding, body.counted()?);
            if let Some(v) = var {
                variables[v].value_labels.push(ValueLabel {
                    value: LabelValue::Text(value),
                    label,
                });
            }
        }
        Some(())
    };
    while one().is_some() {}
}

/// Missing values of strings longer than 8 bytes (subtype 22): per variable its name, the
/// number of values, and each value as a counted string.
fn long_string_missing(
    bytes: &[u8],
    big_endian: bool,
    encoding: &'static Encoding,
    by_name: &HashMap<String, usize>,
    variables: &mut [Variable],
) {
    let mut body = Body { bytes, big_endian };
    let mut one = || -> Option<()> {
        let name = decode(encoding, body.counted()?);
        let [n] = body.take(1)? else { return None };
        let var = by_name.get(&name.to_uppercase()).copied();
        for _ in 0..*n {
            let value = decode(encoding, body.counted()?);
            if let Some(v) = var {
                variables[v].missing.text.push(value);
            }
        }
        Some(())
    };
    while one().is_some() {}
}
