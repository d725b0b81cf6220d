//! The blob key: derived with HKDF-SHA256 from the replica's 256-bit key (the one SQLCipher
//! uses, kept in the OS keyring), so one secret protects the database and its files, and the
//! two uses never share a key.

use super::BlobError;
use crate::secrets::SecretStore;
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroize;

const SALT: &[u8] = b"veldwerk replica";
const INFO: &[u8] = b"veldwerk blob store / XChaCha20-Poly1305 / v1";

/// A 256-bit key for the blob store. Wiped from memory when dropped; never printed.
#[derive(Clone)]
pub struct BlobKey(pub(super) [u8; 32]);

impl BlobKey {
    /// Derives the blob key from the replica key.
    pub fn derive(replica_key: &[u8; 32]) -> BlobKey {
        let mut okm = [0u8; 32];
        // 32 bytes is far below HKDF-SHA256's limit of 255 * 32: expand cannot fail.
        let _ = Hkdf::<Sha256>::new(Some(SALT), replica_key).expand(INFO, &mut okm);
        BlobKey(okm)
    }

    /// Derives the blob key from the replica key as the keyring keeps it (64 hex digits).
    pub fn from_replica_key_hex(hex: &str) -> Result<BlobKey, BlobError> {
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(BlobError::Keyring(
                "the keyring entry is not a replica key".into(),
            ));
        }
        let mut raw = [0u8; 32];
        for (i, b) in raw.iter_mut().enumerate() {
            *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0);
        }
        let key = BlobKey::derive(&raw);
        raw.zeroize();
        Ok(key)
    }

    /// The blob key of the replica whose key is named `key_name` in `secrets` (the same
    /// name the store is opened with). The replica must have been created first.
    pub fn from_secrets(secrets: &dyn SecretStore, key_name: &str) -> Result<BlobKey, BlobError> {
        match secrets.get(key_name) {
            Ok(Some(mut hex)) => {
                let key = BlobKey::from_replica_key_hex(&hex);
                hex.zeroize();
                key
            }
            Ok(None) => Err(BlobError::KeyMissing),
            Err(e) => Err(BlobError::Keyring(e.0)),
        }
    }
}

impl Drop for BlobKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for BlobKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BlobKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivation_is_stable_and_separates_keys() {
        let a = BlobKey::derive(&[1; 32]);
        assert_eq!(a.0, BlobKey::derive(&[1; 32]).0);
        assert_ne!(a.0, BlobKey::derive(&[2; 32]).0);
        assert_ne!(a.0, [1; 32], "never the replica key itself");
        let hex = "01".repeat(32);
        assert_eq!(BlobKey::from_replica_key_hex(&hex).unwrap().0, a.0);
        assert!(BlobKey::from_replica_key_hex("01").is_err());
        assert_eq!(format!("{a:?}"), "BlobKey(..)");
    }
}
