//! The content hash both sides compute.
//!
//! A record's `hash` is the lowercase hex SHA-256 of its payload's bytes exactly as they are
//! sent: the JSON text of the `payload` value in the push request, byte for byte (the app
//! sends its outbox entry's stored `payload_json` text unchanged, embedded as raw JSON). The
//! portal hashes the text it received, compares, and stores that same text. Nothing is
//! re-serialised on either side, so key order and whitespace never matter.
//!
//! Blobs are addressed by the same function over their bytes.

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of `bytes`.
pub fn canonical_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether `s` has the form of a [`canonical_hash`]: 64 lowercase hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(
            canonical_hash(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            canonical_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn hash_form() {
        assert!(is_sha256_hex(&canonical_hash(b"x")));
        assert!(!is_sha256_hex(&canonical_hash(b"x").to_uppercase()));
        assert!(!is_sha256_hex("abc"));
        assert!(!is_sha256_hex(&"g".repeat(64)));
    }

    #[test]
    fn whitespace_is_part_of_the_bytes() {
        assert_ne!(
            canonical_hash(br#"{"a":1}"#),
            canonical_hash(br#"{"a": 1}"#)
        );
    }
}
