//! Recognising the text encoding of a response file from its first bytes.
//!
//! Survey tools and Excel write UTF-8 (with or without a byte-order mark), UTF-16 with a BOM
//! ("Unicode text") and Windows-1252 ("CSV" on Western-European Windows). The rule:
//! a BOM decides; else bytes that are valid UTF-8 are UTF-8; else Windows-1252 (a superset of
//! Latin-1 for printable characters). Workbooks and other binary files are refused with a hint.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The encoding chosen for a file and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detected {
    /// The encoding used to decode the file.
    pub encoding: &'static Encoding,
    /// Whether the file starts with a byte-order mark.
    pub bom: bool,
}

/// Looks up an encoding by a user-given label (`utf-8`, `utf-16le`, `windows-1252`, `latin1`,
/// `iso-8859-1`, …, as the WHATWG Encoding Standard names them).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Detects the encoding of a file from its first bytes, or explains why it is not a text table.
pub fn detect(prefix: &[u8]) -> Result<Detected, String> {
    if let Some((encoding, _)) = Encoding::for_bom(prefix) {
        return Ok(Detected {
            encoding,
            bom: true,
        });
    }
    if prefix.starts_with(b"PK\x03\x04") {
        return Err(
            "this looks like a spreadsheet workbook (.xlsx/.ods) or a zip archive; save it as CSV (UTF-8) and try again"
                .into(),
        );
    }
    if prefix.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "this looks like an old Excel workbook (.xls); save it as CSV (UTF-8) and try again"
                .into(),
        );
    }
    if let Some(encoding) = utf16_without_bom(prefix) {
        return Ok(Detected {
            encoding,
            bom: false,
        });
    }
    if prefix.contains(&0) {
        return Err(
            "the file contains binary data (NUL bytes); it is not a CSV or text export".into(),
        );
    }
    let encoding = if is_utf8_prefix(prefix) {
        UTF_8
    } else {
        WINDOWS_1252
    };
    Ok(Detected {
        encoding,
        bom: false,
    })
}

/// UTF-16 text without a BOM shows as ASCII characters alternating with NUL bytes.
fn utf16_without_bom(prefix: &[u8]) -> Option<&'static Encoding> {
    let pairs = prefix.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zeros_at = |offset: usize| {
        prefix
            .chunks_exact(2)
            .filter(|p| p[offset] == 0 && p[1 - offset] != 0)
            .count()
    };
    let threshold = pairs * 9 / 10;
    if zeros_at(1) >= threshold {
        Some(UTF_16LE)
    } else if zeros_at(0) >= threshold {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Valid UTF-8, allowing a multi-byte character cut off at the end of the sample.
fn is_utf8_prefix(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && bytes.len() - e.valid_up_to() < 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_decide() {
        assert_eq!(detect(b"\xEF\xBB\xBFid,a").unwrap().encoding, UTF_8);
        assert_eq!(detect(b"\xFF\xFEi\0d\0").unwrap().encoding, UTF_16LE);
        assert_eq!(detect(b"\xFE\xFF\0i\0d").unwrap().encoding, UTF_16BE);
    }

    #[test]
    fn latin1_falls_back_to_windows_1252() {
        assert_eq!(
            detect(b"id;navn\n1;S\xF8rensen\n").unwrap().encoding,
            WINDOWS_1252
        );
        assert_eq!(
            detect("id;navn\n1;Sørensen\n".as_bytes()).unwrap().encoding,
            UTF_8
        );
        // a character cut at the end of the sample is still UTF-8
        assert_eq!(detect(&"åå".as_bytes()[..3]).unwrap().encoding, UTF_8);
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "id,i1\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(detect(&le).unwrap().encoding, UTF_16LE);
    }

    #[test]
    fn workbooks_and_binary_are_refused() {
        assert!(detect(b"PK\x03\x04rest").unwrap_err().contains("workbook"));
        assert!(detect(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0").is_err());
    }
}
