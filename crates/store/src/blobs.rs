//! Photos, signatures and documents as blobs beside the replica: one file per content,
//! named by the SHA-256 of the plaintext, encrypted at rest with XChaCha20-Poly1305.
//!
//! File layout: `VWB1` (format and version), a random 24-byte nonce, then the ciphertext with
//! its 16-byte tag. The associated data is `VWB1` and the 32-byte hash, so a file copied or
//! renamed to another hash does not open, and a tampered or truncated file is an error,
//! never garbage. Writes are atomic: a temporary file in the same directory, written,
//! fsynced, renamed into place, then the directory fsynced; a kill or a full disk leaves
//! either the whole blob or nothing, and stray temporary files are removed at open. One
//! process opens a blob directory at a time (the app is single-instance).

mod error;
mod hash;
mod key;

pub use error::BlobError;
pub use hash::Sha256Hex;
pub use key::BlobKey;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 4] = b"VWB1";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// Bytes a stored file has beyond its plaintext.
pub const OVERHEAD: u64 = (MAGIC.len() + NONCE_LEN + TAG_LEN) as u64;
const TEMP_PREFIX: &str = ".tmp-";

type Result<T, E = BlobError> = std::result::Result<T, E>;

/// An open blob directory. Safe to share between threads.
pub struct BlobStore {
    dir: PathBuf,
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for BlobStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobStore").field("dir", &self.dir).finish()
    }
}

impl BlobStore {
    /// Opens (creating it if needed) the blob directory `dir`, removing temporary files an
    /// interrupted write left behind.
    pub fn open(dir: &Path, key: BlobKey) -> Result<BlobStore> {
        fs::create_dir_all(dir)?;
        let mut removed = false;
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                fs::remove_file(entry.path())?;
                removed = true;
            }
        }
        if removed {
            sync_dir(dir)?;
        }
        let cipher = XChaCha20Poly1305::new((&key.0).into());
        Ok(BlobStore {
            dir: dir.to_path_buf(),
            cipher,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, hash: &Sha256Hex) -> PathBuf {
        self.dir.join(hash.as_str())
    }

    /// Stores `bytes` and returns their address. Storing the same content again writes
    /// nothing (unless the stored copy is damaged: then it is replaced).
    pub fn put(&self, bytes: &[u8]) -> Result<Sha256Hex> {
        let hash = Sha256Hex::of(bytes);
        let path = self.path(&hash);
        if let Ok(meta) = fs::metadata(&path) {
            if meta.len() == bytes.len() as u64 + OVERHEAD && self.get(&hash).is_ok() {
                return Ok(hash);
            }
        }
        let sealed = self.seal(&hash, bytes)?;
        self.write_atomically(&hash, &path, &sealed)?;
        Ok(hash)
    }

    /// Whether a blob with this hash is stored (without reading it).
    pub fn has(&self, hash: &Sha256Hex) -> Result<bool> {
        match fs::metadata(self.path(hash)) {
            Ok(m) => Ok(m.is_file()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The plaintext of a blob, decrypted and checked against its hash.
    pub fn get(&self, hash: &Sha256Hex) -> Result<Vec<u8>> {
        let sealed = match fs::read(self.path(hash)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(BlobError::NotFound {
                    hash: hash.to_string(),
                })
            }
            Err(e) => return Err(e.into()),
        };
        self.open_sealed(hash, &sealed)
    }

    /// The plaintext size of a blob in bytes (from the file's length, without decrypting).
    pub fn size(&self, hash: &Sha256Hex) -> Result<u64> {
        let len = match fs::metadata(self.path(hash)) {
            Ok(m) => m.len(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(BlobError::NotFound {
                    hash: hash.to_string(),
                })
            }
            Err(e) => return Err(e.into()),
        };
        len.checked_sub(OVERHEAD)
            .ok_or_else(|| unreadable(hash, "shorter than its header"))
    }

    /// Removes a blob; returns whether it was there.
    pub fn remove(&self, hash: &Sha256Hex) -> Result<bool> {
        match fs::remove_file(self.path(hash)) {
            Ok(()) => {
                sync_dir(&self.dir)?;
                Ok(true)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The hashes of all stored blobs, sorted.
    pub fn list(&self) -> Result<Vec<Sha256Hex>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.dir)? {
            let name = entry?.file_name();
            if let Some(h) = name.to_str().and_then(|n| Sha256Hex::parse(n).ok()) {
                // Only names we write: lowercase.
                if h.as_str() == name {
                    out.push(h);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    fn seal(&self, hash: &Sha256Hex, plain: &[u8]) -> Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let aad = associated_data(hash);
        let ct = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: &aad,
                },
            )
            .map_err(|_| unreadable(hash, "encryption failed"))?;
        let mut out = Vec::with_capacity(MAGIC.len() + NONCE_LEN + ct.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        Ok(out)
    }

    fn open_sealed(&self, hash: &Sha256Hex, sealed: &[u8]) -> Result<Vec<u8>> {
        if (sealed.len() as u64) < OVERHEAD {
            return Err(unreadable(hash, "shorter than its header"));
        }
        let (magic, rest) = sealed.split_at(MAGIC.len());
        if magic != MAGIC {
            return Err(unreadable(hash, "not a Veldwerk blob"));
        }
        let (nonce, ct) = rest.split_at(NONCE_LEN);
        let aad = associated_data(hash);
        let plain = self
            .cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: &aad })
            .map_err(|_| {
                unreadable(
                    hash,
                    "does not decrypt (tampered, cut short, or another key)",
                )
            })?;
        if Sha256Hex::of(&plain) != *hash {
            return Err(unreadable(hash, "content does not match its hash"));
        }
        Ok(plain)
    }

    fn write_atomically(&self, hash: &Sha256Hex, path: &Path, data: &[u8]) -> Result<()> {
        let tmp = self.dir.join(format!(
            "{TEMP_PREFIX}{}-{:016x}",
            hash.as_str(),
            rand::rng().next_u64()
        ));
        let result = (|| -> std::io::Result<()> {
            let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            f.write_all(data)?;
            f.sync_all()?;
            drop(f);
            fs::rename(&tmp, path)?;
            sync_dir(&self.dir)
        })();
        if result.is_err() {
            // Nothing half-written stays visible; the open cleans up if even this fails.
            let _ = fs::remove_file(&tmp);
        }
        Ok(result?)
    }
}

fn associated_data(hash: &Sha256Hex) -> [u8; 36] {
    let mut aad = [0u8; 36];
    aad[..4].copy_from_slice(MAGIC);
    aad[4..].copy_from_slice(&hash.bytes());
    aad
}

fn unreadable(hash: &Sha256Hex, detail: &str) -> BlobError {
    BlobError::Unreadable {
        hash: hash.to_string(),
        detail: detail.into(),
    }
}

/// Makes a rename or removal in `dir` durable (on Unix; elsewhere renames are durable once
/// the file's own data is synced).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
