//! The data part of a system file: cases of 8-byte slots, stored as they are, in SPSS's
//! bytecode, or in bytecode inside zlib blocks (`.zsav`).
//!
//! Bytecode: a block of 8 command bytes, then the 8-byte operands of the commands that need
//! one. 0 is padding; 1–251 the number `code − bias`; 252 the end of the data; 253 an
//! uncompressed 8-byte slot follows; 254 eight blanks; 255 the system-missing value.
//! Zlib: a header of three 64-bit offsets (this header, the trailer, the trailer's length),
//! then zlib streams of bytecode up to the trailer.

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::ZlibDecoder;

use super::dictionary::SYSMIS;
use super::input::Input;
use super::{Compression, Dictionary, SavError};

/// Most bytes one zlib block may expand to. SPSS, PSPP and ReadStat write blocks of 4,190,208
/// bytes (0x3FF000); a block that expands beyond four times that is refused as a
/// decompression bomb.
pub(crate) const MAX_BLOCK: u64 = 16 << 20;

/// The cases of a file, read one at a time.
pub(crate) struct Cases {
    source: Source,
    /// Cases read so far.
    pub read: u64,
    declared: Option<u64>,
}

enum Source {
    Plain(Box<dyn Read + Send>),
    Bytecode(Bytecode),
}

impl Cases {
    /// Starts reading the data that follow the dictionary.
    pub fn start<R: BufRead + Send + 'static>(
        mut input: Input<R>,
        dictionary: &Dictionary,
    ) -> Result<Self, SavError> {
        let big_endian = input.big_endian;
        let source = match dictionary.compression {
            Compression::None => Source::Plain(Box::new(input.into_inner())),
            Compression::Bytecode => Source::Bytecode(Bytecode::new(
                Box::new(input.into_inner()),
                dictionary.bias,
                big_endian,
            )),
            Compression::Zlib => {
                let zheader_at = input.offset;
                let at = input.i64("the zlib data header")?;
                let trailer_at = input.i64("the zlib data header")?;
                let _trailer_len = input.i64("the zlib data header")?;
                let (Ok(at), Ok(trailer_at)) = (u64::try_from(at), u64::try_from(trailer_at))
                else {
                    return Err(SavError::at(
                        zheader_at,
                        "the zlib data header holds negative offsets: the file is damaged",
                    ));
                };
                if at != zheader_at || trailer_at < input.offset {
                    return Err(SavError::at(
                        zheader_at,
                        "the zlib data header does not point at itself and past its own end: the file is damaged",
                    ));
                }
                let blocks = ZlibBlocks {
                    state: State::Between(Counted {
                        inner: input.into_inner(),
                        offset: zheader_at + 24,
                    }),
                    trailer_at,
                    block_out: 0,
                };
                Source::Bytecode(Bytecode::new(Box::new(blocks), dictionary.bias, big_endian))
            }
        };
        Ok(Cases {
            source,
            read: 0,
            declared: dictionary.declared_cases,
        })
    }

    /// Reads the next case into `case` (one entry per slot); `false` after the last.
    pub fn next(&mut self, case: &mut [[u8; 8]]) -> Result<bool, SavError> {
        if self.declared.is_some_and(|n| self.read >= n) {
            return Ok(false);
        }
        let number = self.read + 1;
        let fail = |message: String| SavError::in_case(number, message);
        let got = match &mut self.source {
            Source::Plain(r) => read_plain(r, case).map_err(|e| fail(io_message(&e)))?,
            Source::Bytecode(b) => b.case(case).map_err(|e| fail(io_message(&e)))?,
        };
        match got {
            Got::Case => {
                self.read = number;
                Ok(true)
            }
            Got::End => match self.declared {
                Some(n) => Err(fail(format!(
                    "the data end after {} case(s), but the header declares {n}: the file is truncated",
                    self.read
                ))),
                None => Ok(false),
            },
            Got::Partial => Err(fail(
                "the file ends inside this case: it is truncated (copied or downloaded only in part)"
                    .into(),
            )),
        }
    }
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::InvalidData => e.to_string(),
        _ => format!("read error: {e}"),
    }
}

/// How reading a case ended.
enum Got {
    Case,
    End,
    Partial,
}

fn read_plain(r: &mut Box<dyn Read + Send>, case: &mut [[u8; 8]]) -> io::Result<Got> {
    let bytes = case.as_flattened_mut();
    let mut filled = 0;
    while filled < bytes.len() {
        match r.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(match filled {
        0 => Got::End,
        n if n == bytes.len() => Got::Case,
        _ => Got::Partial,
    })
}

/// SPSS bytecode over a byte stream.
struct Bytecode {
    inner: BufReader<Box<dyn Read + Send>>,
    commands: [u8; 8],
    next: usize,
    bias: f64,
    big_endian: bool,
    ended: bool,
}

impl Bytecode {
    fn new(inner: Box<dyn Read + Send>, bias: f64, big_endian: bool) -> Self {
        Bytecode {
            inner: BufReader::with_capacity(256 * 1024, inner),
            commands: [0; 8],
            next: 8,
            bias,
            big_endian,
            ended: false,
        }
    }

    fn float_bytes(&self, x: f64) -> [u8; 8] {
        if self.big_endian {
            x.to_be_bytes()
        } else {
            x.to_le_bytes()
        }
    }

    fn case(&mut self, case: &mut [[u8; 8]]) -> io::Result<Got> {
        for (k, slot) in case.iter_mut().enumerate() {
            if !self.slot(slot)? {
                return Ok(if k == 0 { Got::End } else { Got::Partial });
            }
        }
        Ok(Got::Case)
    }

    /// The next slot; `false` at the end of the data.
    fn slot(&mut self, slot: &mut [u8; 8]) -> io::Result<bool> {
        loop {
            if self.ended {
                return Ok(false);
            }
            if self.next == 8 {
                if !read_full(&mut self.inner, &mut self.commands)? {
                    self.ended = true;
                    return Ok(false);
                }
                self.next = 0;
            }
            let code = self.commands[self.next];
            self.next += 1;
            match code {
                0 => continue,
                252 => self.ended = true,
                253 => {
                    if !read_full(&mut self.inner, slot)? {
                        self.ended = true;
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "the file ends inside this case: it is truncated (copied or downloaded only in part)",
                        ));
                    }
                    return Ok(true);
                }
                254 => {
                    *slot = [b' '; 8];
                    return Ok(true);
                }
                255 => {
                    *slot = self.float_bytes(SYSMIS);
                    return Ok(true);
                }
                n => {
                    *slot = self.float_bytes(f64::from(n) - self.bias);
                    return Ok(true);
                }
            }
        }
    }
}

/// Fills `buf`; `false` at a clean end before its first byte, an error at an end inside it.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<bool> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) if filled == 0 => return Ok(false),
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the file ends inside this case: it is truncated (copied or downloaded only in part)",
                ));
            }
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

/// A buffered stream that counts the bytes consumed from it.
struct Counted<R> {
    inner: R,
    offset: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.offset += amt as u64;
        self.inner.consume(amt);
    }
}

enum State<R> {
    Between(Counted<R>),
    In(ZlibDecoder<Counted<R>>),
    Gone,
}

/// The zlib streams of a `.zsav` between its data header and its trailer, as one byte
/// stream; each stream may expand to at most [`MAX_BLOCK`] bytes.
struct ZlibBlocks<R> {
    state: State<R>,
    trailer_at: u64,
    block_out: u64,
}

impl<R: BufRead> Read for ZlibBlocks<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match std::mem::replace(&mut self.state, State::Gone) {
                State::Gone => return Ok(0),
                State::Between(counted) => {
                    if counted.offset >= self.trailer_at {
                        return Ok(0);
                    }
                    self.block_out = 0;
                    self.state = State::In(ZlibDecoder::new(counted));
                }
                State::In(mut decoder) => {
                    let before = decoder.get_ref().offset;
                    let n = decoder.read(buf).map_err(|e| {
                        io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("a zlib block of the data is damaged ({e})"),
                        )
                    })?;
                    if n == 0 {
                        let counted = decoder.into_inner();
                        if counted.offset == before && self.block_out == 0 {
                            return Err(io::Error::new(
                                io::ErrorKind::InvalidData,
                                "the file ends inside its compressed data: it is truncated",
                            ));
                        }
                        if counted.offset > self.trailer_at {
                            return Err(io::Error::new(
                                io::ErrorKind::InvalidData,
                                "a zlib block runs into the trailer: the file is damaged",
                            ));
                        }
                        self.state = State::Between(counted);
                        continue;
                    }
                    self.block_out += n as u64;
                    if self.block_out > MAX_BLOCK {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!(
                                "a zlib block expands to more than {} MB (SPSS writes blocks of 4 MB): a decompression bomb or a damaged file",
                                MAX_BLOCK >> 20
                            ),
                        ));
                    }
                    self.state = State::In(decoder);
                    return Ok(n);
                }
            }
        }
    }
}
