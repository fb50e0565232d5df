//! Reading the binary fields of a system file from a stream: integers and floats in the
//! file's byte order, fixed and counted byte strings, with the offset kept for messages.

use std::io::{self, BufRead, Read};

use super::SavError;

/// A byte stream of a system file: its byte order (from the header's layout code) and how far
/// it has been read.
pub(crate) struct Input<R> {
    inner: R,
    /// Bytes consumed so far.
    pub offset: u64,
    /// Whether the file's numbers are big-endian.
    pub big_endian: bool,
}

impl<R: BufRead> Input<R> {
    pub fn new(inner: R) -> Self {
        Input {
            inner,
            offset: 0,
            big_endian: false,
        }
    }

    /// An error at the current offset.
    pub fn error(&self, message: impl Into<String>) -> SavError {
        SavError::at(self.offset, message)
    }

    /// Fills `buf` completely; the end of the file first is a truncated file.
    pub fn fill(&mut self, buf: &mut [u8], what: &str) -> Result<(), SavError> {
        match self.inner.read_exact(buf) {
            Ok(()) => {
                self.offset += buf.len() as u64;
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(self.error(format!(
                "the file ends inside {what}: it is truncated (copied or downloaded only in part)"
            ))),
            Err(e) => Err(self.error(format!("read error: {e}"))),
        }
    }

    pub fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], SavError> {
        let mut buf = [0; N];
        self.fill(&mut buf, what)?;
        Ok(buf)
    }

    pub fn i32(&mut self, what: &str) -> Result<i32, SavError> {
        let b = self.array::<4>(what)?;
        Ok(if self.big_endian {
            i32::from_be_bytes(b)
        } else {
            i32::from_le_bytes(b)
        })
    }

    pub fn f64(&mut self, what: &str) -> Result<f64, SavError> {
        let b = self.array::<8>(what)?;
        Ok(self.float(b))
    }

    pub fn i64(&mut self, what: &str) -> Result<i64, SavError> {
        let b = self.array::<8>(what)?;
        Ok(if self.big_endian {
            i64::from_be_bytes(b)
        } else {
            i64::from_le_bytes(b)
        })
    }

    /// A float stored in the file's byte order.
    pub fn float(&self, b: [u8; 8]) -> f64 {
        if self.big_endian {
            f64::from_be_bytes(b)
        } else {
            f64::from_le_bytes(b)
        }
    }

    /// `len` bytes, at most `max` (checked before anything is reserved); the buffer grows only
    /// as bytes really arrive, so a declared length never allocates more than the file holds.
    pub fn bytes(&mut self, len: u64, max: u64, what: &str) -> Result<Vec<u8>, SavError> {
        if len > max {
            return Err(self.error(format!(
                "{what} declares {len} bytes, more than the {max} psym accepts: the file is damaged"
            )));
        }
        let mut buf = Vec::new();
        let got = (&mut self.inner)
            .take(len)
            .read_to_end(&mut buf)
            .map_err(|e| self.error(format!("read error: {e}")))?;
        self.offset += got as u64;
        if (got as u64) < len {
            return Err(self.error(format!(
                "the file ends inside {what}: it is truncated (copied or downloaded only in part)"
            )));
        }
        Ok(buf)
    }

    /// Skips `len` bytes.
    pub fn skip(&mut self, len: u64, what: &str) -> Result<(), SavError> {
        let got = io::copy(&mut (&mut self.inner).take(len), &mut io::sink())
            .map_err(|e| self.error(format!("read error: {e}")))?;
        self.offset += got;
        if got < len {
            return Err(self.error(format!(
                "the file ends inside {what}: it is truncated (copied or downloaded only in part)"
            )));
        }
        Ok(())
    }

    /// The underlying stream, positioned after what was read.
    pub fn into_inner(self) -> R {
        self.inner
    }
}
