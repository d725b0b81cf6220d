//! The replica on disk: migrations from empty, encryption at rest, key handling.

mod common;
use common::*;
use veldwerk_store::{schema_version, MemorySecretStore, SecretStore, Store, StoreError};

#[test]
fn a_new_file_is_migrated_from_empty_to_the_latest_schema() {
    let f = Fixture::new();
    let store = f.open();
    let conn = store.raw_connection();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version());
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in [
        "appointments",
        "devices",
        "jobs",
        "logbook",
        "residents",
        "search_index",
        "slings",
    ] {
        assert!(
            tables.iter().any(|x| x == t),
            "missing table {t}: {tables:?}"
        );
    }
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn data_survives_reopening_with_the_same_key() {
    let f = Fixture::new();
    {
        let mut s = f.open();
        seed(&mut s);
    }
    let s = f.open();
    assert_eq!(s.counts().unwrap().residents, 2);
    assert_eq!(s.counts().unwrap().logbook_entries, 4);
}

#[test]
fn the_file_is_unreadable_without_the_key() {
    let f = Fixture::new();
    {
        let mut s = f.open();
        seed(&mut s);
        // Checkpoint so that the data is in the main file, not only in the WAL.
        s.raw_connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let bytes = file_bytes(&f.path);
    assert!(bytes.len() > 4096);
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "plain SQLite header"
    );
    for needle in [
        "Ruïzendaal",
        "Kerkstraat",
        "WMO-0200-000123",
        "CREATE TABLE",
    ] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} readable in the file"
        );
    }
    // The plain sqlite3 tool cannot read it.
    match std::process::Command::new("sqlite3")
        .arg(&f.path)
        .arg("SELECT count(*) FROM residents;")
        .output()
    {
        Ok(out) => {
            assert!(!out.status.success(), "sqlite3 read the encrypted replica");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("not a database"),
                "unexpected sqlite3 error: {err}"
            );
        }
        Err(e) => panic!("sqlite3 (Debian package sqlite3) is needed for this test: {e}"),
    }
    // Nor can SQLite itself without a key.
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    assert!(conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
}

#[test]
fn a_wrong_key_is_refused_and_the_file_left_alone() {
    let f = Fixture::new();
    {
        let mut s = f.open();
        seed(&mut s);
    }
    let before = file_bytes(&f.path);
    let other = MemorySecretStore::default();
    other.set(KEY, &"ab".repeat(32)).unwrap();
    match Store::open(&f.path, &other, KEY) {
        Err(StoreError::WrongKey) => {}
        Err(e) => panic!("expected WrongKey, got {e:?}"),
        Ok(_) => panic!("opened with the wrong key"),
    }
    assert_eq!(before, file_bytes(&f.path), "file changed by a failed open");
    // A malformed key in the keyring is a wrong key too, not a reason to start afresh.
    let junk = MemorySecretStore::default();
    junk.set(KEY, "not-a-key").unwrap();
    assert!(matches!(
        Store::open(&f.path, &junk, KEY),
        Err(StoreError::WrongKey)
    ));
    // The right key still works afterwards.
    assert_eq!(f.open().counts().unwrap().residents, 2);
}

#[test]
fn a_missing_key_is_an_error_not_a_new_empty_store() {
    let f = Fixture::new();
    {
        let mut s = f.open();
        seed(&mut s);
    }
    let before = file_bytes(&f.path);
    let empty = MemorySecretStore::default();
    let err = Store::open(&f.path, &empty, KEY).err().expect("must fail");
    assert!(matches!(err, StoreError::KeyMissing), "{err:?}");
    assert_eq!(err.code(), "store_key_missing");
    assert!(err.message().nl.contains("Er is niets gewist"));
    assert_eq!(empty.get(KEY).unwrap(), None, "no key may be invented");
    assert_eq!(before, file_bytes(&f.path));
}

#[test]
fn the_key_is_saved_before_the_file_is_created() {
    let f = Fixture::new();
    assert!(f.secrets.get(KEY).unwrap().is_none());
    drop(f.open());
    let key = f.secrets.get(KEY).unwrap().expect("key saved");
    assert_eq!(key.len(), 64);
    // A second replica gets its own random key.
    let g = Fixture::new();
    drop(g.open());
    assert_ne!(g.secrets.get(KEY).unwrap().unwrap(), key);
}

#[test]
fn a_newer_schema_is_refused() {
    let f = Fixture::new();
    {
        let s = f.open();
        s.raw_connection()
            .execute_batch(&format!("PRAGMA user_version = {};", schema_version() + 1))
            .unwrap();
    }
    assert!(matches!(
        Store::open(&f.path, &f.secrets, KEY),
        Err(StoreError::TooNew { .. })
    ));
}
