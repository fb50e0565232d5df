//! BIFF8 records (Microsoft's MS-XLS 2.1.4): a 2-byte type, a 2-byte length of at most 8224
//! bytes, then the data; a record too long for that is continued in CONTINUE records. And the
//! strings records hold (XLUnicodeString, 2.5.294), which may run on into CONTINUE records.

use super::super::WorkbookProblem;
use super::cfb::{u16_at, u32_at};

/// Record types psym reads.
pub(super) mod kind {
    pub const BOF: u16 = 0x0809;
    pub const EOF: u16 = 0x000A;
    pub const CONTINUE: u16 = 0x003C;
    pub const FILEPASS: u16 = 0x002F;
    pub const DATEMODE: u16 = 0x0022;
    pub const FORMAT: u16 = 0x041E;
    pub const XF: u16 = 0x00E0;
    pub const BOUNDSHEET: u16 = 0x0085;
    pub const SST: u16 = 0x00FC;
    pub const DIMENSIONS: u16 = 0x0200;
    pub const LABELSST: u16 = 0x00FD;
    pub const LABEL: u16 = 0x0204;
    pub const NUMBER: u16 = 0x0203;
    pub const RK: u16 = 0x027E;
    pub const MULRK: u16 = 0x00BD;
    pub const FORMULA: u16 = 0x0006;
    pub const STRING: u16 = 0x0207;
    pub const BOOLERR: u16 = 0x0205;
}

/// Most data bytes a BIFF8 record may have.
const MAX_RECORD: usize = 8224;

/// One record: its type, its data and the stream offset of its header (for messages).
#[derive(Debug, Clone, Copy)]
pub(super) struct Record<'a> {
    pub kind: u16,
    pub data: &'a [u8],
    pub offset: usize,
}

/// The records of a stream from an offset on, each checked to lie inside the stream.
pub(super) struct Records<'a> {
    stream: &'a [u8],
    at: usize,
}

impl<'a> Records<'a> {
    pub fn new(stream: &'a [u8], at: usize) -> Self {
        Records { stream, at }
    }

    /// The next record, `None` at the end of the stream.
    pub fn next_record(&mut self) -> Result<Option<Record<'a>>, WorkbookProblem> {
        let Some(head) = self.stream.get(self.at..self.at + 4) else {
            return Ok(None);
        };
        let (kind, len) = (u16_at(head, 0), u16_at(head, 2) as usize);
        let offset = self.at;
        if len > MAX_RECORD {
            return Err(at_offset(
                offset,
                format!("record {kind:#06x} declares {len} bytes, more than BIFF8's 8224"),
            ));
        }
        let data = self
            .stream
            .get(offset + 4..offset + 4 + len)
            .ok_or_else(|| {
                at_offset(
                    offset,
                    format!("record {kind:#06x} is cut short by the end of the stream"),
                )
            })?;
        self.at = offset + 4 + len;
        Ok(Some(Record { kind, data, offset }))
    }

    /// The CONTINUE records that follow, consumed: the data of each.
    pub fn continues(&mut self) -> Result<Vec<&'a [u8]>, WorkbookProblem> {
        let mut parts = Vec::new();
        while u16_at(self.stream, self.at) == kind::CONTINUE && self.at + 4 <= self.stream.len() {
            if let Some(r) = self.next_record()? {
                parts.push(r.data);
            }
        }
        Ok(parts)
    }
}

/// A problem at a byte offset of the Workbook stream.
pub(super) fn at_offset(offset: usize, message: impl Into<String>) -> WorkbookProblem {
    WorkbookProblem::new(
        format!("workbook stream, byte {offset}"),
        format!("{}; the workbook is damaged", message.into()),
    )
}

/// A reader over a record's data and its CONTINUE records, as one run of bytes except inside
/// a string's characters, where each CONTINUE record starts with a new option byte (MS-XLS
/// 2.5.293: whether the characters that follow are one or two bytes each).
pub(super) struct Continued<'a> {
    parts: Vec<&'a [u8]>,
    part: usize,
    pos: usize,
}

impl<'a> Continued<'a> {
    pub fn new(parts: Vec<&'a [u8]>) -> Self {
        Continued {
            parts,
            part: 0,
            pos: 0,
        }
    }

    /// Whether every byte has been read.
    pub fn at_end(&mut self) -> bool {
        self.settle();
        self.part >= self.parts.len()
    }

    /// Moves past finished parts.
    fn settle(&mut self) {
        while self.part < self.parts.len() && self.pos >= self.parts[self.part].len() {
            self.part += 1;
            self.pos = 0;
        }
    }

    fn byte(&mut self) -> Option<u8> {
        self.settle();
        let b = *self.parts.get(self.part)?.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    pub fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    /// Skips `n` bytes (across parts), `None` if there are fewer.
    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            self.settle();
            let left = self.parts.get(self.part)?.len() - self.pos;
            let step = left.min(n);
            self.pos += step;
            n -= step;
        }
        Some(())
    }

    /// An XLUnicodeString or XLUnicodeRichExtendedString whose character count has been read:
    /// the option byte, the counts of rich-text runs and extended data if flagged, the
    /// characters (re-reading the option byte at each CONTINUE boundary), then runs and
    /// extended data skipped. Appends the text to `out`; `None` if the data ends first.
    pub fn string(&mut self, chars: usize, out: &mut String) -> Option<()> {
        let options = self.byte()?;
        let runs = if options & 0x08 != 0 { self.u16()? } else { 0 };
        let ext = if options & 0x04 != 0 { self.u32()? } else { 0 };
        let mut wide = options & 0x01 != 0;
        let mut units = Vec::with_capacity(chars.min(MAX_RECORD));
        while units.len() < chars {
            if self.pos >= self.parts.get(self.part)?.len() {
                self.part += 1;
                self.pos = 0;
                wide = self.byte()? & 0x01 != 0;
                continue;
            }
            units.push(if wide {
                self.u16()?
            } else {
                u16::from(self.byte()?)
            });
        }
        out.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
        self.skip(4 * runs as usize)?;
        self.skip(ext as usize)
    }
}

/// A string inside one record's data at `at`, with a 2-byte (`XLUnicodeString`) or 1-byte
/// (`ShortXLUnicodeString`) character count; `None` if the record ends first.
pub(super) fn string_at(data: &[u8], at: usize, short: bool) -> Option<String> {
    let (chars, rest) = if short {
        (usize::from(*data.get(at)?), data.get(at + 1..)?)
    } else {
        (usize::from(u16_at(data, at)), data.get(at + 2..)?)
    };
    let mut out = String::new();
    Continued::new(vec![rest]).string(chars, &mut out)?;
    Some(out)
}

/// The little-endian `f64` at `at` of a record's data (0 past the end).
pub(super) fn f64_at(data: &[u8], at: usize) -> f64 {
    let low = u64::from(u32_at(data, at));
    let high = u64::from(u32_at(data, at + 4));
    f64::from_bits(high << 32 | low)
}
