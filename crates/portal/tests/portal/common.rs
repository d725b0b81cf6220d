//! A real portal on loopback for each test: a copy of one seeded database file, its own blob
//! directory, a set clock, and an HTTP client.

use chrono::{DateTime, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tempfile::TempDir;
use uuid::Uuid;
use veldwerk_core::model::Technician;
use veldwerk_portal::clock::SetClock;
use veldwerk_portal::seed::{seed_data, SeedOptions, DEMO_TECHNICIAN_PASSWORD};
use veldwerk_portal::server;
use veldwerk_portal::state::{AppState, Config};
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::{EntityFilter, PortalStore};
use veldwerk_sync::protocol::*;

pub const ANCHOR: &str = "2026-03-04";

pub fn anchor() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(ANCHOR, "%Y-%m-%d").unwrap()
}

/// 10:00 in Amsterdam on the anchor day.
pub fn morning() -> DateTime<Utc> {
    chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// One seeded database (3 technicians), made once per test run and copied for each test.
fn template() -> &'static PathBuf {
    static T: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    &T.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.db");
        let (data, _) = seed_data(&SeedOptions {
            technicians: 3,
            anchor: anchor(),
            seed: 7,
        })
        .unwrap();
        let store = SqliteStore::open(&path).unwrap();
        veldwerk_portal::seed::import(&store, &data).unwrap();
        drop(store);
        (dir, path)
    })
    .1
}

pub struct Portal {
    pub base: String,
    pub state: AppState,
    pub store: Arc<SqliteStore>,
    pub clock: Arc<SetClock>,
    pub http: reqwest::Client,
    pub dir: TempDir,
    /// Stops serving when the portal is dropped.
    _running: server::Running,
}

/// A portal without the background sender (it would confirm the seeded appointments on its
/// first tick): tests write and send messages when they mean to.
pub async fn start() -> Portal {
    start_with(Config {
        send_interval: None,
        ..Config::default()
    })
    .await
}

pub async fn start_with(config: Config) -> Portal {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portal.db");
    std::fs::copy(template(), &db).unwrap();
    let store = Arc::new(SqliteStore::open(&db).unwrap());
    let clock = Arc::new(SetClock::new(morning()));
    let state = server::state(
        store.clone(),
        &dir.path().join("blobs"),
        clock.clone(),
        config,
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let running = server::spawn(listener, state.clone()).unwrap();
    let addr = running.addr;
    Portal {
        base: format!("http://{addr}"),
        state,
        store,
        clock,
        http: reqwest::Client::new(),
        dir,
        _running: running,
    }
}

impl Portal {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The seeded technicians, by name.
    pub fn technicians(&self) -> Vec<Technician> {
        let mut ts: Vec<Technician> = self
            .store
            .entities(EntityKind::Technician, EntityFilter::All)
            .unwrap()
            .iter()
            .map(|e| e.decode().unwrap())
            .collect();
        ts.sort_by(|a, b| a.name.cmp(&b.name));
        ts
    }

    /// Signs in as a technician from a fresh installation; the token.
    pub async fn login(&self, t: &Technician) -> String {
        let res = self
            .http
            .post(self.url("/api/v1/login"))
            .json(&LoginRequest {
                name: t.name.clone(),
                password: DEMO_TECHNICIAN_PASSWORD.into(),
                installation_id: Uuid::now_v7(),
                installation_label: "Testlaptop".into(),
            })
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        res.json::<LoginResponse>().await.unwrap().token
    }

    pub async fn pull(&self, token: &str, cursor: i64, limit: u32) -> PullResponse {
        let res = self
            .http
            .get(self.url(&format!("/api/v1/pull?cursor={cursor}&limit={limit}")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{:?}", res.text().await);
        res.json().await.unwrap()
    }

    /// Every page after `cursor`: the changes and the last cursor.
    pub async fn pull_all(&self, token: &str, mut cursor: i64, limit: u32) -> (Vec<Change>, i64) {
        let mut all = Vec::new();
        loop {
            let page = self.pull(token, cursor, limit).await;
            assert!(page.changes.len() <= limit as usize);
            all.extend(page.changes);
            cursor = page.next_cursor;
            if !page.more {
                return (all, cursor);
            }
        }
    }

    pub async fn push(&self, token: &str, records: &[PushRecord]) -> PushResponse {
        let res = self
            .push_raw(
                token,
                &PushRequest {
                    records: records.to_vec(),
                },
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json().await.unwrap()
    }

    pub async fn push_raw(&self, token: &str, body: &impl serde::Serialize) -> reqwest::Response {
        self.http
            .post(self.url("/api/v1/push"))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put_blob(&self, token: &str, sha: &str, bytes: Vec<u8>) -> reqwest::Response {
        self.http
            .put(self.url(&format!("/api/v1/blobs/{sha}")))
            .bearer_auth(token)
            .body(bytes)
            .send()
            .await
            .unwrap()
    }

    pub async fn blob_status(&self, method: reqwest::Method, token: &str, sha: &str) -> StatusCode {
        self.http
            .request(method, self.url(&format!("/api/v1/blobs/{sha}")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status()
    }
}

/// The outcome's name and, for a rejection, its code.
pub fn outcome(r: &RecordResult) -> String {
    match &r.outcome {
        Outcome::Accepted { conflict: false } => "accepted".into(),
        Outcome::Accepted { conflict: true } => "accepted_conflict".into(),
        Outcome::AlreadyStored { conflict: false } => "already_stored".into(),
        Outcome::AlreadyStored { conflict: true } => "already_stored_conflict".into(),
        Outcome::Rejected { code, .. } => format!("rejected:{code}"),
        Outcome::MissingBlobs { .. } => "missing_blobs".into(),
    }
}

/// A JSON error body's code.
pub async fn error_code(res: reqwest::Response) -> String {
    let v: Value = res.json().await.unwrap();
    v["code"].as_str().unwrap_or_default().to_string()
}

/// Who the test portals' mail comes from.
pub const FROM: &str = "Hulpmiddelen Oost <berichten@hulpmiddelen-oost.example>";

/// A portal that sends e-mail through `smtp_url` when told to (no background sender).
pub async fn mailing_portal(smtp_url: Option<String>) -> Portal {
    start_with(Config {
        smtp_url,
        mail_from: FROM.into(),
        send_interval: None,
        ..Config::default()
    })
    .await
}

/// The delivery row of a message (pushed or the portal's own), by its id.
pub fn delivery(p: &Portal, id: Uuid) -> veldwerk_portal::storage::MessageDelivery {
    p.store
        .message_deliveries()
        .unwrap()
        .into_iter()
        .find(|d| d.record_id == id)
        .expect("a delivery row for every message")
}

/// The mail in `mails` with the message's id as its Message-ID.
pub fn mail_with_id(mails: &[Value], id: Uuid) -> &Value {
    let want = format!("<{id}@hulpmiddelen-oost.example>");
    mails
        .iter()
        .find(|m| m["message_id"] == want.as_str())
        .unwrap_or_else(|| panic!("no mail with Message-ID {want}: {mails:#?}"))
}

/// A mail's body as text (line ends as written, without trailing blank space).
pub fn body_text(mail: &Value) -> String {
    mail["body"]
        .as_str()
        .unwrap()
        .replace("\r\n", "\n")
        .trim_end()
        .to_string()
}
