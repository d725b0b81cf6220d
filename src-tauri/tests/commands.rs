//! Every command, called through Tauri's real IPC path (mock runtime) with bad input: wrong
//! types, unknown ids, oversized strings, hostile text. Each gets a clear error, nothing
//! panics, and nothing is written to the replica.

use chrono::NaiveDate;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;
use veldwerk_app::state::{lock, AppState, Launch, Startup};
use veldwerk_demo::DemoConfig;
use veldwerk_store::{MemorySecretStore, Store};

struct Harness {
    _app: tauri::App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    state: Arc<AppState>,
    _dir: tempfile::TempDir,
}

fn harness(choose_technician: bool) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let secrets = MemorySecretStore::default();
    let mut store = Store::open(&dir.path().join("replica.db"), &secrets, "k").unwrap();
    let anchor = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    let cfg = DemoConfig {
        residents: 30,
        devices: 60,
        technicians: 3,
        ..DemoConfig::small(anchor)
    };
    let summary = veldwerk_demo::generate(&mut store, &cfg, &mut |_| {}).unwrap();
    let state = AppState::new(Launch {
        data_dir: dir.path().to_path_buf(),
        demo: true,
        keyring_service: "unused".into(),
    });
    *lock(&state.store) = Some(store);
    state.set_startup(Startup::Ready);
    if choose_technician {
        *lock(&state.technician) = Some(summary.technicians[0]);
    }
    let app = mock_builder()
        .invoke_handler(veldwerk_app::specta_builder::<MockRuntime>().invoke_handler())
        .manage(state.clone())
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _app: app,
        webview,
        state,
        _dir: dir,
    }
}

impl Harness {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request).map(|b| b.deserialize::<Value>().unwrap())
    }

    /// A digest of every row of every table: equal before and after means nothing written.
    fn digest(&self) -> String {
        self.state
            .with_store(|s| {
                let c = s.raw_connection();
                let tables: Vec<String> = c
                    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                let mut h = Sha256::new();
                for t in tables {
                    let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
                    let n = stmt.column_count();
                    let mut rows = stmt.query([]).unwrap();
                    while let Some(row) = rows.next().unwrap() {
                        for i in 0..n {
                            let v: rusqlite::types::Value = row.get(i).unwrap();
                            h.update(format!("{t}:{i}:{v:?};").as_bytes());
                        }
                    }
                }
                Ok(format!("{:x}", h.finalize()))
            })
            .unwrap()
    }
}

/// Our own typed error: a code and a message in both languages.
fn assert_app_error(r: Result<Value, Value>, code: &str) {
    let err = r.expect_err("expected an error");
    assert_eq!(err["code"], json!(code), "{err}");
    let nl = err["message"]["nl"].as_str().unwrap_or_default();
    let en = err["message"]["en"].as_str().unwrap_or_default();
    assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{err}");
}

/// Tauri refuses arguments of the wrong type before the command runs; the UI's backend
/// module turns this into code "invalid_input".
fn assert_wrong_type(r: Result<Value, Value>) {
    let err = r.expect_err("expected an error");
    let msg = err.as_str().unwrap_or_default();
    assert!(
        msg.contains("invalid args") || msg.contains("missing required key"),
        "{err}"
    );
}

const UNKNOWN: &str = "0190d1a2-0000-7000-8000-000000000000";

#[test]
fn app_status_and_technicians_answer() {
    let h = harness(true);
    let s = h.call("app_status", json!({})).unwrap();
    assert_eq!(s["startup"]["phase"], "ready");
    assert_eq!(s["sync"]["state"], "no_portal");
    assert!(s["technician"]["name"].is_string());
    let t = h
        .call("list_technicians", json!({ "junk": [1, 2, 3] }))
        .unwrap();
    assert_eq!(t.as_array().unwrap().len(), 3);
}

#[test]
fn choose_technician_refuses_bad_input_and_writes_nothing() {
    let h = harness(false);
    let before = h.digest();
    assert_wrong_type(h.call("choose_technician", json!({ "technicianId": 5 })));
    assert_wrong_type(h.call("choose_technician", json!({})));
    assert_app_error(
        h.call("choose_technician", json!({ "technicianId": "nope" })),
        "invalid_id",
    );
    assert_app_error(
        h.call(
            "choose_technician",
            json!({ "technicianId": "x".repeat(100_000) }),
        ),
        "too_long",
    );
    assert_app_error(
        h.call("choose_technician", json!({ "technicianId": UNKNOWN })),
        "not_found",
    );
    assert_eq!(before, h.digest(), "a refused call wrote to the replica");
    assert!(lock(&h.state.technician).is_none());
    // and a valid choice is written
    let techs = h.call("list_technicians", json!({})).unwrap();
    let id = techs[0]["id"].as_str().unwrap().to_string();
    let chosen = h
        .call("choose_technician", json!({ "technicianId": id }))
        .unwrap();
    assert_eq!(chosen["id"], json!(id));
    assert_ne!(before, h.digest());
}

#[test]
fn today_refuses_bad_dates_and_needs_a_technician() {
    let h = harness(true);
    let before = h.digest();
    assert_wrong_type(h.call("today", json!({ "date": 20260330 })));
    assert_app_error(
        h.call("today", json!({ "date": "2026-02-30" })),
        "invalid_date",
    );
    assert_app_error(
        h.call("today", json!({ "date": "30-03-2026" })),
        "invalid_date",
    );
    assert_app_error(
        h.call("today", json!({ "date": "9".repeat(1_000_000) })),
        "invalid_date",
    );
    let ok = h.call("today", json!({ "date": "2026-03-30" })).unwrap();
    assert!(!ok["appointments"].as_array().unwrap().is_empty());
    assert_eq!(before, h.digest());
    let nobody = harness(false);
    assert_app_error(
        nobody.call("today", json!({ "date": null })),
        "no_technician",
    );
}

#[test]
fn resident_and_passport_refuse_bad_ids() {
    let h = harness(true);
    let before = h.digest();
    for (cmd, key) in [("resident", "residentId"), ("device_passport", "deviceId")] {
        assert_wrong_type(h.call(cmd, json!({ key: { "id": 1 } })));
        assert_wrong_type(h.call(cmd, json!({ key: null })));
        assert_app_error(
            h.call(cmd, json!({ key: "../../etc/passwd" })),
            "invalid_id",
        );
        assert_app_error(h.call(cmd, json!({ key: "é".repeat(70_000) })), "too_long");
        assert_app_error(h.call(cmd, json!({ key: UNKNOWN })), "not_found");
    }
    assert_eq!(before, h.digest());
}

#[test]
fn search_refuses_oversized_queries_and_never_interprets_syntax() {
    let h = harness(true);
    let before = h.digest();
    assert_wrong_type(h.call("search", json!({ "query": ["a"] })));
    assert_app_error(
        h.call("search", json!({ "query": "a".repeat(10_000) })),
        "too_long",
    );
    for q in [
        "\"",
        "NEAR(a b)",
        "a OR",
        "*",
        "body:x",
        "'; DROP TABLE residents; --",
        "\u{0}",
    ] {
        let r = h.call("search", json!({ "query": q }));
        assert!(r.is_ok(), "{q:?}: {r:?}");
    }
    assert_eq!(before, h.digest());
}

#[test]
fn report_drawn_bounds_its_input() {
    let h = harness(true);
    assert_wrong_type(h.call("report_drawn", json!({ "screen": 1 })));
    assert_app_error(
        h.call("report_drawn", json!({ "screen": "x".repeat(1000) })),
        "too_long",
    );
    assert!(h.call("report_drawn", json!({ "screen": "today" })).is_ok());
}

#[test]
fn commands_before_the_replica_is_open_say_so() {
    let h = harness(true);
    let store = lock(&h.state.store).take();
    h.state.set_startup(Startup::Opening);
    assert_app_error(h.call("search", json!({ "query": "jansen" })), "not_ready");
    assert_app_error(h.call("list_technicians", json!({})), "not_ready");
    let s = h.call("app_status", json!({})).unwrap();
    assert_eq!(s["startup"]["phase"], "opening");
    drop(store);
}
