//! Blobs on disk, addressed by SHA-256: `<root>/<first two hex digits>/<sha256>`.
//!
//! An upload streams to a temporary file under `<root>/.tmp` while it is hashed and counted;
//! only bytes that have the stated hash are kept: the file is fsynced, renamed into place and
//! the directory fsynced. A cut-off, oversized or wrong upload leaves nothing (the temporary
//! file is removed on every path out, also when the request is dropped mid-body).

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

pub struct BlobDir {
    root: PathBuf,
}

#[derive(Debug)]
pub enum ReceiveError {
    TooLarge,
    HashMismatch,
    /// The body ended in an error (the connection was cut).
    Interrupted(String),
    Io(std::io::Error),
}

impl From<std::io::Error> for ReceiveError {
    fn from(e: std::io::Error) -> Self {
        ReceiveError::Io(e)
    }
}

/// Removes a temporary file unless it was moved into place.
struct TmpGuard(Option<PathBuf>);

impl Drop for TmpGuard {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl BlobDir {
    /// Opens (creating) the blob directory and removes temporary files left by a crash.
    pub fn open(root: &Path) -> std::io::Result<BlobDir> {
        let tmp = root.join(".tmp");
        std::fs::create_dir_all(&tmp)?;
        for entry in std::fs::read_dir(&tmp)? {
            let _ = std::fs::remove_file(entry?.path());
        }
        Ok(BlobDir {
            root: root.to_path_buf(),
        })
    }

    /// Where a blob lives (`sha256` is checked to be 64 lowercase hex digits by the callers;
    /// anything else lands in a directory no blob uses).
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        self.root.join(sha256.get(..2).unwrap_or("__")).join(sha256)
    }

    pub fn exists(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_file()
    }

    /// How many temporary files exist (for tests: an interrupted upload leaves none).
    pub fn temporary_files(&self) -> usize {
        std::fs::read_dir(self.root.join(".tmp")).map_or(0, |d| d.count())
    }

    /// Receives a body that must have hash `sha256` and at most `max` bytes. With `keep`
    /// the verified bytes are put in place; without, they are only verified. Returns the size.
    pub async fn receive<S, E>(
        &self,
        mut body: S,
        sha256: &str,
        max: u64,
        keep: bool,
    ) -> Result<u64, ReceiveError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let tmp = self
            .root
            .join(".tmp")
            .join(format!("{}.part", crate::security::new_secret()));
        let mut guard = TmpGuard(Some(tmp.clone()));
        let mut file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .await?;
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| ReceiveError::Interrupted(e.to_string()))?;
            size += chunk.len() as u64;
            if size > max {
                return Err(ReceiveError::TooLarge);
            }
            hasher.update(&chunk);
            file.write_all(&chunk).await?;
        }
        let digest: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if digest != sha256 {
            return Err(ReceiveError::HashMismatch);
        }
        if !keep {
            return Ok(size);
        }
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        let dir = self.root.join(sha256.get(..2).unwrap_or("__"));
        tokio::fs::create_dir_all(&dir).await?;
        tokio::fs::rename(&tmp, self.path_of(sha256)).await?;
        guard.0 = None;
        tokio::task::spawn_blocking(move || std::fs::File::open(&dir)?.sync_all())
            .await
            .map_err(|e| ReceiveError::Io(std::io::Error::other(e.to_string())))??;
        Ok(size)
    }
}
