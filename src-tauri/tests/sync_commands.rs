//! The portal's commands through Tauri's IPC: bad input refused with a typed error and nothing
//! written; a login against a real portal on loopback (wrong password, the right one, and
//! another technician on a replica that holds someone's data).

mod common;
use common::*;
use serde_json::json;
use std::sync::Arc;
use veldwerk_portal::clock::SystemClock;
use veldwerk_portal::seed::{seed_data, SeedOptions, DEMO_TECHNICIAN_PASSWORD};
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::{EntityFilter, PortalStore};
use veldwerk_sync::protocol::EntityKind;

#[test]
fn sync_commands_refuse_bad_input_and_write_nothing() {
    let h = harness(true);
    let before = h.digest();
    let login = |url: &str, name: &str, password: &str| {
        h.call(
            "portal_login",
            json!({ "url": url, "name": name, "password": password }),
        )
    };
    assert_app_error(
        login("http://portaal.example.nl", "a", "b"),
        "portal_url_insecure",
    );
    assert_app_error(
        login("http://10.0.0.5:8080", "a", "b"),
        "portal_url_insecure",
    );
    assert_app_error(
        login("ftp://portaal.example.nl", "a", "b"),
        "portal_url_invalid",
    );
    assert_app_error(login("javascript:alert(1)", "a", "b"), "portal_url_invalid");
    assert_app_error(
        login(&format!("https://{}.nl", "x".repeat(5000)), "a", "b"),
        "portal_url_invalid",
    );
    assert_app_error(
        login("https://p.example.nl", "a", &"p".repeat(5000)),
        "too_long",
    );
    assert_app_error(login("http://127.0.0.1:9", "", "b"), "empty");
    // nobody listens there: the portal is unreachable, nothing changes
    assert_app_error(
        login("http://127.0.0.1:9", "Monteur", "b"),
        "portal_unreachable",
    );
    assert_wrong_type(h.call(
        "portal_login",
        json!({ "url": 5, "name": "a", "password": "b" }),
    ));
    assert_wrong_type(h.call("portal_login", json!({ "url": "https://p.example.nl" })));
    assert_app_error(
        h.call("job_sync_state", json!({ "jobId": "nope" })),
        "invalid_id",
    );
    assert_app_error(
        h.call("job_sync_state", json!({ "jobId": "x".repeat(500) })),
        "too_long",
    );
    let s = h.call("sync_status", json!({ "junk": 1 })).unwrap();
    assert_eq!(s["indicator"]["state"], "no_portal");
    assert_eq!(s["portal_url"], json!(null));
    assert_eq!(s["items"], json!([]));
    let s = h.call("sync_now", json!({})).unwrap();
    assert_eq!(s["indicator"]["state"], "no_portal");
    assert_eq!(
        h.call("app_status", json!({})).unwrap()["sync"]["state"],
        "no_portal"
    );
    assert_eq!(before, h.digest());
}

/// A seeded portal served on loopback from its own thread; its address and technicians.
fn portal() -> (
    String,
    Vec<veldwerk_core::model::Technician>,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portal.db");
    let (data, _) = seed_data(&SeedOptions {
        technicians: 3,
        anchor: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        seed: 7,
    })
    .unwrap();
    let store = Arc::new(SqliteStore::open(&db).unwrap());
    store.import(&data).unwrap();
    let mut techs: Vec<veldwerk_core::model::Technician> = store
        .entities(EntityKind::Technician, EntityFilter::All)
        .unwrap()
        .iter()
        .map(|e| e.decode().unwrap())
        .collect();
    techs.sort_by(|a, b| a.name.cmp(&b.name));
    let blobs = dir.path().join("blobs");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async move {
            let state = veldwerk_portal::server::state(
                store,
                &blobs,
                Arc::new(SystemClock),
                Default::default(),
            )
            .unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            veldwerk_portal::server::serve(listener, state, std::future::pending())
                .await
                .unwrap();
        });
    });
    let addr = rx.recv().unwrap();
    (format!("http://{addr}"), techs, dir)
}

#[test]
fn a_login_links_the_replica_to_the_technician_who_logged_in() {
    let (url, techs, _dir) = portal();
    let h = harness(true);
    let sync = h.sync();
    let before = h.digest();
    let login = |name: &str, password: &str| {
        h.call(
            "portal_login",
            json!({ "url": url, "name": name, "password": password }),
        )
    };
    assert_app_error(login(&techs[0].name, "wrong"), "login_failed");
    assert_app_error(login("nobody", DEMO_TECHNICIAN_PASSWORD), "login_failed");
    assert_eq!(before, h.digest(), "a failed login wrote something");
    assert_eq!(sync.secrets.get(&sync.token_key()).unwrap(), None);

    let s = login(&techs[0].name, DEMO_TECHNICIAN_PASSWORD).unwrap();
    assert_eq!(s["portal_url"], json!(url));
    assert_eq!(s["needs_login"], json!(false));
    let token = sync.secrets.get(&sync.token_key()).unwrap().unwrap();
    assert_eq!(token.len(), 64, "the token is in the keyring");
    assert!(
        !std::fs::read(h.state.launch.data_dir.join("replica.db"))
            .unwrap()
            .windows(token.len())
            .any(|w| w == token.as_bytes()),
        "the token is in the replica file"
    );
    let app = h.call("app_status", json!({})).unwrap();
    assert_eq!(app["technician"]["name"], json!(techs[0].name));
    assert_eq!(app["sync"]["state"], "waiting");

    // another technician may not take this replica over; the first stays linked
    assert_app_error(
        login(&techs[1].name, DEMO_TECHNICIAN_PASSWORD),
        "other_technician",
    );
    assert_eq!(
        h.call("app_status", json!({})).unwrap()["technician"]["name"],
        json!(techs[0].name)
    );
    assert_eq!(
        sync.secrets.get(&sync.token_key()).unwrap(),
        Some(token.clone())
    );

    // logging out keeps everything here and asks for a login
    let s = h.call("portal_logout", json!({})).unwrap();
    assert_eq!(s["needs_login"], json!(true));
    assert_eq!(s["indicator"]["state"], "login_required");
    assert_eq!(sync.secrets.get(&sync.token_key()).unwrap(), None);
    let s = login(&techs[0].name, DEMO_TECHNICIAN_PASSWORD).unwrap();
    assert_eq!(s["needs_login"], json!(false));
}
