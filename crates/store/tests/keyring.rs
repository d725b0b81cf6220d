//! The replica key in a real OS keyring (Secret Service). These tests need a running,
//! unlocked Secret Service; scripts/test.sh provides one (dbus-run-session + gnome-keyring)
//! and runs them with `--ignored --test-threads=1`.

mod common;
use common::*;
use veldwerk_store::{KeyringSecretStore, SecretStore, Store, StoreError};

const SERVICE: &str = "nl.veldwerk.test";

fn unique(name: &str) -> String {
    format!("{name}-{}-{}", std::process::id(), uuid::Uuid::now_v7())
}

#[test]
#[ignore = "needs a Secret Service: run through scripts/test.sh"]
fn secrets_round_trip_through_the_keyring() {
    let k = KeyringSecretStore::new(SERVICE);
    let name = unique("roundtrip");
    assert_eq!(k.get(&name).unwrap(), None);
    k.set(&name, "geheim-ï").unwrap();
    assert_eq!(k.get(&name).unwrap().as_deref(), Some("geheim-ï"));
    k.set(&name, "nieuw").unwrap();
    assert_eq!(k.get(&name).unwrap().as_deref(), Some("nieuw"));
    k.delete(&name).unwrap();
    assert_eq!(k.get(&name).unwrap(), None);
    k.delete(&name).unwrap();
}

#[test]
#[ignore = "needs a Secret Service: run through scripts/test.sh"]
fn the_replica_key_lives_in_the_keyring() {
    let f = Fixture::new();
    let k = KeyringSecretStore::new(SERVICE);
    let name = unique("replica");
    {
        let mut s = Store::open(&f.path, &k, &name).unwrap();
        seed(&mut s);
    }
    let key = k.get(&name).unwrap().expect("key in keyring");
    assert_eq!(key.len(), 64);
    // reopening with a fresh handle on the keyring works
    let s = Store::open(&f.path, &KeyringSecretStore::new(SERVICE), &name).unwrap();
    assert_eq!(s.counts().unwrap().residents, 2);
    drop(s);
    // with the key removed from the keyring: a clear error, the file untouched
    k.delete(&name).unwrap();
    let before = file_bytes(&f.path);
    assert!(matches!(
        Store::open(&f.path, &k, &name),
        Err(StoreError::KeyMissing)
    ));
    assert_eq!(before, file_bytes(&f.path));
    assert_eq!(k.get(&name).unwrap(), None);
    // a wrong key put in its place is refused
    k.set(&name, &"0f".repeat(32)).unwrap();
    assert!(matches!(
        Store::open(&f.path, &k, &name),
        Err(StoreError::WrongKey)
    ));
    k.delete(&name).unwrap();
}
