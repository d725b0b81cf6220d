//! The app's commands through Tauri's real IPC path (mock runtime) on a demo replica.
#![allow(dead_code)]

use chrono::NaiveDate;
use serde_json::{json, Value};
use std::sync::Arc;
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;
use veldwerk_app::state::{lock, AppState, Launch, Startup};
use veldwerk_demo::{DemoConfig, DemoSummary};
use veldwerk_store::{MemorySecretStore, SecretStore, Store};

pub struct Harness {
    _app: tauri::App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    pub state: Arc<AppState>,
    pub summary: DemoSummary,
    pub anchor: NaiveDate,
    _dir: tempfile::TempDir,
}

/// A small demo replica (30 residents) anchored on Monday 30 March 2026.
pub fn harness(choose_technician: bool) -> Harness {
    let anchor = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    harness_with(
        DemoConfig {
            residents: 30,
            devices: 60,
            technicians: 3,
            ..DemoConfig::small(anchor)
        },
        choose_technician,
    )
}

/// A replica generated with `cfg`; the first technician (a mechanic) is chosen if asked.
pub fn harness_with(cfg: DemoConfig, choose_technician: bool) -> Harness {
    let anchor = cfg.anchor;
    let dir = tempfile::tempdir().unwrap();
    let secrets = MemorySecretStore::default();
    let mut store = Store::open(&dir.path().join("replica.db"), &secrets, "k").unwrap();
    let summary = veldwerk_demo::generate(&mut store, &cfg, &mut |_| {}).unwrap();
    let state = AppState::new(Launch {
        data_dir: dir.path().to_path_buf(),
        demo: true,
        keyring_service: "unused".into(),
        // 08:05 in Amsterdam on the anchor day: the tests do not depend on when they run
        clock: veldwerk_app::clock::Clock::starting_at(
            veldwerk_core::sla::start_of_local_day(anchor) + chrono::Duration::minutes(8 * 60 + 5),
        ),
    });
    state.set_store(store);
    state.set_startup(Startup::Ready);
    // the sync finds the replica's key (for its blob store) where the app keeps it
    let sync_secrets = MemorySecretStore::default();
    sync_secrets
        .set(
            &veldwerk_app::startup::key_name(&dir.path().join("replica.db")),
            &secrets.get("k").unwrap().unwrap(),
        )
        .unwrap();
    if choose_technician {
        *lock(&state.technician) = Some(summary.technicians[0]);
    }
    let app = mock_builder()
        .invoke_handler(veldwerk_app::specta_builder::<MockRuntime>().invoke_handler())
        .manage(state.clone())
        .manage(veldwerk_app::sync_loop::Sync::with_secrets(
            state.clone(),
            std::sync::Arc::new(sync_secrets),
        ))
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _app: app,
        webview,
        state,
        summary,
        anchor,
        _dir: dir,
    }
}

impl Harness {
    /// The first job `want` takes in the demo's planned fortnight (day by day, technician by
    /// technician), with the day it is planned for.
    pub fn first_job(
        &self,
        want: impl Fn(&veldwerk_store::views::JobCard) -> bool,
    ) -> Option<(veldwerk_store::views::JobCard, NaiveDate)> {
        self.state
            .with_store(|s| {
                for day in &self.summary.planned_days {
                    for tech in &self.summary.technicians {
                        let t = s.today(*tech, *day, &self.state.calendar)?;
                        if let Some(j) = t
                            .appointments
                            .iter()
                            .flat_map(|a| a.jobs.iter())
                            .find(|j| want(j))
                        {
                            return Ok(Some((j.clone(), *day)));
                        }
                    }
                }
                Ok(None)
            })
            .unwrap()
    }

    /// The first job `want` takes on the anchor day of the first technician (a mechanic).
    pub fn anchor_job(
        &self,
        want: impl Fn(&veldwerk_store::views::JobCard) -> bool,
    ) -> Option<veldwerk_store::views::JobCard> {
        self.state
            .with_store(|s| {
                let t = s.today(
                    self.summary.technicians[0],
                    self.anchor,
                    &self.state.calendar,
                )?;
                Ok(t.appointments
                    .iter()
                    .flat_map(|a| a.jobs.iter())
                    .find(|j| want(j))
                    .cloned())
            })
            .unwrap()
    }

    /// Every outbox entry waiting for the portal, oldest first.
    pub fn outbox(&self) -> Vec<veldwerk_store::OutboxEntry> {
        self.state
            .with_store(|s| Ok(s.outbox_page(0, 10_000)?))
            .unwrap()
    }

    /// The record types waiting in the outbox, oldest first.
    pub fn outbox_types(&self) -> Vec<String> {
        self.outbox().into_iter().map(|e| e.record_type).collect()
    }

    /// A delivery in the demo that needs no category deviation.
    pub fn a_delivery(&self) -> veldwerk_core::ids::JobId {
        self.first_job(|j| {
            j.kind == veldwerk_core::model::JobKind::Delivery && j.deviation.is_none()
        })
        .expect("a delivery in the demo")
        .0
        .id
    }

    /// A preventive maintenance on the anchor day.
    pub fn a_maintenance(&self) -> veldwerk_core::ids::JobId {
        self.anchor_job(|j| j.kind == veldwerk_core::model::JobKind::PreventiveMaintenance)
            .expect("a maintenance on the anchor day")
            .id
    }

    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
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

    /// The sync's handle, as the commands see it.
    #[allow(dead_code)]
    pub fn sync(&self) -> std::sync::Arc<veldwerk_app::sync_loop::Sync> {
        use tauri::Manager;
        self.webview
            .state::<std::sync::Arc<veldwerk_app::sync_loop::Sync>>()
            .inner()
            .clone()
    }

    /// A digest of every row of every table: equal before and after means nothing written.
    pub fn digest(&self) -> String {
        self.state.with_store(|s| Ok(s.content_digest()?)).unwrap()
    }
}

/// Our own typed error: a code and a message in both languages.
pub fn assert_app_error(r: Result<Value, Value>, code: &str) {
    let err = r.expect_err("expected an error");
    assert_eq!(err["code"], json!(code), "{err}");
    let nl = err["message"]["nl"].as_str().unwrap_or_default();
    let en = err["message"]["en"].as_str().unwrap_or_default();
    assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{err}");
}

/// Tauri refuses arguments of the wrong type before the command runs; the UI's backend
/// module turns this into code "invalid_input".
pub fn assert_wrong_type(r: Result<Value, Value>) {
    let err = r.expect_err("expected an error");
    let msg = err.as_str().unwrap_or_default();
    assert!(
        msg.contains("invalid args") || msg.contains("missing required key"),
        "{err}"
    );
}
