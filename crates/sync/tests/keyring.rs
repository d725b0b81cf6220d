//! The portal token in a real OS keyring (Secret Service): a login puts it there (and nowhere
//! on disk), the sync reads it from there, a logout takes it out. Needs a running, unlocked
//! Secret Service; scripts/test.sh provides one and runs this with `--ignored
//! --test-threads=1`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use veldwerk_portal::clock::SetClock;
use veldwerk_portal::seed::{seed_data, SeedOptions, DEMO_TECHNICIAN_PASSWORD};
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::{EntityFilter, PortalStore};
use veldwerk_store::blobs::{BlobKey, BlobStore};
use veldwerk_store::{KeyringSecretStore, SecretStore, Store};
use veldwerk_sync::client::*;
use veldwerk_sync::protocol::EntityKind;

const SERVICE: &str = "nl.veldwerk.test";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Secret Service: run through scripts/test.sh"]
async fn the_token_lives_in_the_keyring_only() {
    let dir = tempfile::tempdir().unwrap();
    let (data, _) = seed_data(&SeedOptions {
        technicians: 2,
        anchor: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        seed: 3,
    })
    .unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("portal.db")).unwrap());
    store.import(&data).unwrap();
    let tech: veldwerk_core::model::Technician = store
        .entities(EntityKind::Technician, EntityFilter::All)
        .unwrap()[0]
        .decode()
        .unwrap();
    let state = veldwerk_portal::server::state(
        store,
        &dir.path().join("blobs"),
        Arc::new(SetClock::new(chrono::Utc::now())),
        Default::default(),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = portal_url(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
    tokio::spawn(async move {
        let _ = veldwerk_portal::server::serve(listener, state, std::future::pending()).await;
    });

    let keyring = Arc::new(KeyringSecretStore::new(SERVICE));
    let key_name = format!("replica-{}", uuid::Uuid::now_v7());
    let token_key = session::token_key(&format!("test-{}", uuid::Uuid::now_v7()));
    let replica_path = dir.path().join("replica.db");
    let store = Store::open(&replica_path, keyring.as_ref(), &key_name).unwrap();
    let blobs = BlobStore::open(
        &dir.path().join("client-blobs"),
        BlobKey::from_secrets(keyring.as_ref(), &key_name).unwrap(),
    )
    .unwrap();
    let replica = Arc::new(SingleStore::new(store));
    let now: Now = Arc::new(chrono::Utc::now);
    let r = session::login(
        &url,
        &tech.name,
        DEMO_TECHNICIAN_PASSWORD,
        uuid::Uuid::now_v7(),
        "keyring test",
        Timeouts::default(),
        now.clone(),
    )
    .await
    .unwrap();
    session::save_token(keyring.as_ref(), &token_key, &r.token).unwrap();
    // a fresh handle reads it back from the Secret Service
    let again = KeyringSecretStore::new(SERVICE);
    let token = session::load_token(&again, &token_key).unwrap().unwrap();
    assert_eq!(token, r.token);
    let api = PortalApi::new(
        url.clone(),
        Some(token.clone()),
        Timeouts::default(),
        now.clone(),
    )
    .unwrap();
    let engine = Engine::new(
        replica.clone(),
        Arc::new(blobs),
        api,
        ProgressHandle::default(),
        now.clone(),
    );
    let report = engine.sync().await.unwrap();
    assert!(report.pull.changes > 0);
    drop(engine);
    drop(replica);
    // nowhere on disk: not in the replica (encrypted anyway), its log, or any file
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            assert!(
                !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
                "the token is in {}",
                p.display()
            );
        }
    }
    let api = PortalApi::new(url, Some(token), Timeouts::default(), now).unwrap();
    session::logout(&api).await.unwrap();
    session::forget_token(keyring.as_ref(), &token_key).unwrap();
    assert_eq!(session::load_token(&again, &token_key).unwrap(), None);
    keyring.delete(&key_name).unwrap();
}
