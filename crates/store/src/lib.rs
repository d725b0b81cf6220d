//! The encrypted local replica of Veldwerk: a SQLCipher database with versioned migrations,
//! FTS5 search, and the per-device hash-chained logbook.

pub mod blobs;
mod codec;
mod error;
pub mod export;
mod fetch;
pub mod jobs;
mod messages;
mod open;
mod plans;
mod queries;
mod rows;
pub mod search;
pub mod secrets;
pub mod supplier_contacts;
pub mod sync;
pub mod views;
mod write;

pub use error::{Result, StoreError};
pub use open::schema_version;
pub use secrets::{KeyringSecretStore, MemorySecretStore, SecretError, SecretStore};
pub use views::OutboxEntry;
pub use write::Writer;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};

/// A resident's history shows at most this many logbook entries.
pub const HISTORY_LIMIT: u32 = 100;

/// An open replica. Every read and write goes through it.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// What opens more (read-only) connections to the same file.
    reader: ReaderSpec,
}

/// Where a replica is and the key that opens it: what [`Store::open_reader`] needs. The key
/// stays in memory only (as it does inside SQLCipher) and is never printed.
#[derive(Clone)]
pub struct ReaderSpec {
    path: PathBuf,
    key: String,
}

impl std::fmt::Debug for ReaderSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReaderSpec")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens or creates the replica; see [`open::open_connection`] for the key rules.
    pub fn open(path: &Path, secrets: &dyn SecretStore, key_name: &str) -> Result<Store> {
        let (conn, key) = open::open_connection(path, secrets, key_name)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            reader: ReaderSpec {
                path: path.to_path_buf(),
                key,
            },
        })
    }

    /// What opens read-only connections to this replica.
    pub fn reader_spec(&self) -> ReaderSpec {
        self.reader.clone()
    }

    /// A read-only connection to an open replica: its reads run beside a write in progress
    /// (WAL) instead of waiting for it. Writing through it fails.
    pub fn open_reader(spec: &ReaderSpec) -> Result<Store> {
        let conn = open::open_reader(&spec.path, &spec.key)?;
        Ok(Store {
            conn,
            path: spec.path.clone(),
            reader: spec.clone(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a write transaction (taking the write lock at once).
    pub fn write(&mut self) -> Result<Writer<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Writer { tx })
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// A digest of every row of every table: equal before and after an operation means it
    /// wrote nothing (for the tests of every crate that refuses bad input).
    pub fn content_digest(&self) -> Result<String> {
        use sha2::{Digest, Sha256};
        let tables: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut h = Sha256::new();
        for t in tables {
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM \"{t}\""))?;
            let n = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for i in 0..n {
                    let v: rusqlite::types::Value = row.get(i)?;
                    h.update(format!("{t}:{i}:{v:?};").as_bytes());
                }
            }
        }
        Ok(format!("{:x}", h.finalize()))
    }

    /// The underlying connection, for benchmarks that compare against raw SQL and for tests.
    pub fn raw_connection(&self) -> &Connection {
        &self.conn
    }
}
