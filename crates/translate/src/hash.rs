//! The source hash: which source text a translation was made from.
//!
//! psym stores `fnv1a64:<16 hex digits>`, the 64-bit FNV-1a hash (Fowler, Noll and Vo;
//! offset basis `0xcbf29ce484222325`, prime `0x100000001b3`, as published at
//! <http://www.isthe.com/chongo/tech/comp/fnv/>) of the UTF-8 bytes of the source text exactly
//! as stored in the instrument (no trimming or normalisation, so any edit is detected). It is a
//! change detector, not a security measure.

/// The prefix naming the hash function in stored hashes.
pub const HASH_PREFIX: &str = "fnv1a64:";

/// 64-bit FNV-1a of `bytes`.
///
/// ```
/// // Test vectors from the FNV reference: "" and "a".
/// assert_eq!(psym_translate::fnv1a64(b""), 0xcbf29ce484222325);
/// assert_eq!(psym_translate::fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
/// ```
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The stored form of the hash of a source text: `fnv1a64:` and 16 lowercase hex digits.
///
/// ```
/// assert_eq!(psym_translate::source_hash("a"), "fnv1a64:af63dc4c8601ec8c");
/// ```
pub fn source_hash(text: &str) -> String {
    format!("{HASH_PREFIX}{:016x}", fnv1a64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: FNV test vectors, <http://www.isthe.com/chongo/src/fnv/test_fnv.c> (FNV1a_64).
    #[test]
    fn reference_vectors() {
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn any_edit_changes_the_hash() {
        assert_ne!(
            source_hash("I trust my caseworker."),
            source_hash("I trust my caseworker. ")
        );
    }
}
