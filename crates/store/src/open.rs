//! Opening the replica: the one way in. Encrypted with SQLCipher under a random 256-bit key
//! that lives in the OS keyring; a missing or wrong key is an error, never a new empty store.

use crate::error::{Result, StoreError};
use crate::secrets::SecretStore;
use rand::RngCore;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::Path;

/// The schema, as an ordered list of migrations. Never edit a released migration: add one.
const MIGRATIONS: [&str; 11] = [
    include_str!("../migrations/001_replica.sql"),
    include_str!("../migrations/002_jobs.sql"),
    include_str!("../migrations/003_report_notices.sql"),
    include_str!("../migrations/004_logbook_heads.sql"),
    include_str!("../migrations/005_sync.sql"),
    include_str!("../migrations/006_supplier_contacts.sql"),
    include_str!("../migrations/007_media.sql"),
    include_str!("../migrations/008_device_photos.sql"),
    include_str!("../migrations/009_messages.sql"),
    include_str!("../migrations/010_complaint_received.sql"),
    include_str!("../migrations/011_work_plans.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The newest schema version this build knows (one per migration).
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

fn new_key() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn valid_key(key: &str) -> bool {
    key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Opens (or, when the file does not exist yet, creates) the replica at `path`, with the key
/// named `key_name` in `secrets`.
///
/// - file absent: a key is taken from the keyring if one is there, else generated and saved
///   to the keyring *before* the file is created (so a crash in between never leaves a file
///   without a key);
/// - file present, no key: [`StoreError::KeyMissing`];
/// - file present, key does not decrypt it: [`StoreError::WrongKey`].
pub fn open_connection(
    path: &Path,
    secrets: &dyn SecretStore,
    key_name: &str,
) -> Result<(Connection, String)> {
    let exists = path.exists() && std::fs::metadata(path)?.len() > 0;
    let stored = secrets
        .get(key_name)
        .map_err(|e| StoreError::SecretStore(e.0))?;
    let key = match (exists, stored) {
        (_, Some(k)) if valid_key(&k) => k,
        (true, Some(_)) => return Err(StoreError::WrongKey),
        (true, None) => return Err(StoreError::KeyMissing),
        (false, _) => {
            let k = new_key();
            secrets
                .set(key_name, &k)
                .map_err(|e| StoreError::SecretStore(e.0))?;
            k
        }
    };
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut conn = Connection::open(path)?;
    // The key is 64 hex digits we generated or validated above: safe to inline.
    conn.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))?;
    // The first read decrypts page 1: a wrong key fails here as "not a database" (which
    // becomes WrongKey); a busy file or an I/O error is reported as what it is.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    configure(&conn)?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > schema_version() {
        return Err(StoreError::TooNew {
            found,
            supported: schema_version(),
        });
    }
    migrations()
        .to_latest(&mut conn)
        .map_err(|e| StoreError::Migration(e.to_string()))?;
    crate::search::ensure_current(&mut conn)?;
    Ok((conn, key))
}

/// A read-only connection to a replica that is already open (same file, same key): for
/// reads that must not wait for a write in progress (WAL lets them run side by side).
pub(crate) fn open_reader(path: &Path, key: &str) -> Result<Connection> {
    if !valid_key(key) {
        return Err(StoreError::WrongKey);
    }
    let conn = Connection::open(path)?;
    conn.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    configure(&conn)?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found != schema_version() {
        return Err(StoreError::TooNew {
            found,
            supported: schema_version(),
        });
    }
    conn.execute_batch("PRAGMA query_only = ON; PRAGMA cache_size = -8000;")?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;
         PRAGMA cache_size = -32000;
         PRAGMA temp_store = MEMORY;",
    )?;
    // Every screen's statements stay prepared (the default cache of 16 is too small for the
    // mix of Today, search, resident and passport).
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    /// Version 8 rebuilds the photos table (a photo of a device outside a job): the photos of
    /// a version 7 file are all there afterwards, and the table's rules still hold.
    #[test]
    fn version_8_keeps_every_photo_and_its_rules() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrations().to_version(&mut conn, 7).expect("to 7");
        for (i, job) in ["J1", "J2"].iter().enumerate() {
            conn.execute(
                "INSERT INTO photos (id, job_id, resident_id, device_id, item_key, sha256, size,
                 width, height, thumb_sha256, thumb_size, captured_at, annotates, created_at,
                 author) VALUES (?1, ?2, 'R', 'D', NULL, ?3, 10, 2048, 1536, ?3, 5, NULL, NULL,
                 '2026-03-30T09:00:00.000Z', 'Monteur')",
                rusqlite::params![format!("P{i}"), job, "a".repeat(64)],
            )
            .expect("a v7 photo");
        }
        migrations().to_latest(&mut conn).expect("to latest");
        let jobs: Vec<String> = conn
            .prepare("SELECT job_id FROM photos ORDER BY rowid")
            .and_then(|mut st| {
                st.query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .expect("read");
        assert_eq!(jobs, ["J1", "J2"]);
        assert!(conn.execute("UPDATE photos SET author = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM photos", []).is_err());
        // a device's photo needs no job; a photo of neither is refused
        let insert = |job: Option<&str>, device: Option<&str>| {
            conn.execute(
                "INSERT INTO photos (id, job_id, resident_id, device_id, sha256, size, width,
                 height, thumb_sha256, thumb_size, created_at, author)
                 VALUES (?1, ?2, 'R', ?3, ?4, 1, 1, 1, ?4, 1, 't', 'a')",
                rusqlite::params![format!("{job:?}{device:?}"), job, device, "b".repeat(64)],
            )
        };
        assert!(insert(None, Some("D")).is_ok());
        assert!(insert(None, None).is_err());
    }

    #[test]
    fn keys_are_random_hex() {
        let a = new_key();
        assert!(valid_key(&a));
        assert_ne!(a, new_key());
        assert!(!valid_key("zz"));
    }
}
