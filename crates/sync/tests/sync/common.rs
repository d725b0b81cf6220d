//! A real portal on loopback (started by the test on a free port, on a copy of one seeded
//! database), and a real client: an encrypted replica on disk, its encrypted blob store, the
//! sync engine, logged in through the portal's API.

use chrono::{DateTime, TimeZone, Utc};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tempfile::TempDir;
use uuid::Uuid;
use veldwerk_core::ids::DeviceId;
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::Technician;
use veldwerk_portal::clock::SetClock;
use veldwerk_portal::seed::{seed_data, SeedOptions, DEMO_TECHNICIAN_PASSWORD};
use veldwerk_portal::server;
use veldwerk_portal::state::Config;
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::{EntityFilter, PortalStore, RecordFilter};
use veldwerk_store::blobs::{BlobKey, BlobStore};
use veldwerk_store::{MemorySecretStore, SecretStore, Store};
use veldwerk_sync::client::*;
use veldwerk_sync::protocol::EntityKind;

pub const KEY: &str = "replica-key";

/// 10:00 in Amsterdam on the seeded day (Wednesday 4 March 2026).
pub fn morning() -> DateTime<Utc> {
    chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn anchor() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
}

/// A clock that starts at a set instant and runs at the real pace (the app's clock).
pub fn clock_from(at: DateTime<Utc>) -> Now {
    let start = std::time::Instant::now();
    Arc::new(move || at + chrono::Duration::from_std(start.elapsed()).unwrap_or_default())
}

/// The seeded portal database (3 technicians), made once per test binary.
pub fn template() -> &'static PathBuf {
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
        store.import(&data).unwrap();
        drop(store);
        (dir, path)
    })
    .1
}

pub struct Portal {
    pub base: String,
    pub addr: std::net::SocketAddr,
    pub store: Arc<SqliteStore>,
    pub dir: TempDir,
    /// Stops serving when the portal is dropped.
    _running: server::Running,
}

pub async fn start_portal() -> Portal {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portal.db");
    std::fs::copy(template(), &db).unwrap();
    start_portal_in(dir, Config::default()).await
}

pub async fn start_portal_in(dir: TempDir, config: Config) -> Portal {
    let db = dir.path().join("portal.db");
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
        addr,
        store,
        dir,
        _running: running,
    }
}

impl Portal {
    pub fn url(&self) -> reqwest::Url {
        portal_url(&self.base).unwrap()
    }

    /// The seeded technicians, by name.
    pub fn technicians(&self) -> Vec<Technician> {
        technicians_of(self.store.as_ref())
    }

    /// Every record a technician pushed: id -> (type, hash).
    pub fn records_of(&self, technician: &Technician) -> BTreeMap<Uuid, (String, String)> {
        records_of(self.store.as_ref(), technician)
    }
}

pub fn technicians_of(store: &dyn PortalStore) -> Vec<Technician> {
    let mut ts: Vec<Technician> = store
        .entities(EntityKind::Technician, EntityFilter::All)
        .unwrap()
        .iter()
        .map(|e| e.decode().unwrap())
        .collect();
    ts.sort_by(|a, b| a.name.cmp(&b.name));
    ts
}

pub fn records_of(
    store: &dyn PortalStore,
    technician: &Technician,
) -> BTreeMap<Uuid, (String, String)> {
    let all = store.records(&RecordFilter::default()).unwrap();
    let mut out = BTreeMap::new();
    for r in all {
        if r.technician_id == technician.id {
            assert!(
                out.insert(r.id, (r.record_type, r.hash)).is_none(),
                "a record twice"
            );
        }
    }
    out
}

/// Every device's logbook on the portal verifies as a chain.
pub fn portal_chains_verify(store: &dyn PortalStore, devices: &BTreeSet<DeviceId>) {
    for d in devices {
        let mut entries: Vec<LogbookEntry> = store
            .entities(EntityKind::LogbookEntry, EntityFilter::Device(*d))
            .unwrap()
            .iter()
            .map(|e| e.decode().unwrap())
            .collect();
        entries.sort_by_key(|e| e.seq);
        veldwerk_core::logbook::verify_chain(*d, &entries)
            .unwrap_or_else(|e| panic!("the chain of device {d} is broken on the portal: {e:?}"));
    }
}

/// The app's side: an encrypted replica and blob store in a directory of its own.
pub struct Client {
    pub dir: PathBuf,
    pub tmp: Option<TempDir>,
    pub secrets: Arc<MemorySecretStore>,
    pub replica: Arc<SingleStore>,
    pub blobs: Arc<BlobStore>,
    pub token: String,
    pub technician: Technician,
    pub progress: ProgressHandle,
    pub now: Now,
}

pub fn open_replica(dir: &Path, secrets: &dyn SecretStore) -> (Store, BlobStore) {
    let store = Store::open(&dir.join("replica.db"), secrets, KEY).unwrap();
    let key = BlobKey::from_secrets(secrets, KEY).unwrap();
    let blobs = BlobStore::open(&dir.join("blobs"), key).unwrap();
    (store, blobs)
}

pub const FAST: Timeouts = Timeouts {
    connect: Duration::from_secs(2),
    request: Duration::from_secs(3),
};

impl Client {
    /// A fresh installation that logs in as `technician` at `url`.
    pub async fn login(url: &reqwest::Url, technician: &Technician) -> Client {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let secrets = Arc::new(MemorySecretStore::default());
        let mut c = Client::open(dir, Some(tmp), secrets, technician.clone());
        c.log_in(url).await;
        c
    }

    /// An installation in `dir` (opened again after a restart).
    pub fn open(
        dir: PathBuf,
        tmp: Option<TempDir>,
        secrets: Arc<MemorySecretStore>,
        technician: Technician,
    ) -> Client {
        let (store, blobs) = open_replica(&dir, secrets.as_ref());
        let token = secrets
            .get(&session::token_key("test"))
            .unwrap()
            .unwrap_or_default();
        Client {
            dir,
            tmp,
            secrets,
            replica: Arc::new(SingleStore::new(store)),
            blobs: Arc::new(blobs),
            token,
            technician,
            progress: ProgressHandle::default(),
            now: clock_from(morning()),
        }
    }

    pub async fn log_in(&mut self, url: &reqwest::Url) {
        let installation = self
            .replica
            .read(|s| s.sync_state())
            .unwrap()
            .installation_id
            .unwrap_or_else(Uuid::now_v7);
        let r = session::login(
            url,
            &self.technician.name,
            DEMO_TECHNICIAN_PASSWORD,
            installation,
            "Testlaptop",
            FAST,
            self.now.clone(),
        )
        .await
        .unwrap();
        session::save_token(self.secrets.as_ref(), &session::token_key("test"), &r.token).unwrap();
        self.token = r.token;
        let (u, t) = (url_text(url), r.technician.clone());
        self.replica
            .write(|s| s.link_portal(&u, &t, installation))
            .unwrap();
    }

    pub fn engine(&self, url: &reqwest::Url, timeouts: Timeouts) -> Engine<SingleStore> {
        let api = PortalApi::new(
            url.clone(),
            Some(self.token.clone()),
            timeouts,
            self.now.clone(),
        )
        .unwrap();
        Engine::new(
            self.replica.clone(),
            self.blobs.clone(),
            api,
            self.progress.clone(),
            self.now.clone(),
        )
    }

    pub async fn sync(&self, url: &reqwest::Url) -> Result<SyncReport, SyncError> {
        self.engine(url, FAST).sync().await
    }

    pub fn rejected(&self) -> u32 {
        self.replica
            .read(|s| s.sync_summary())
            .unwrap()
            .rejected_records
    }

    /// Every outbox entry the portal acknowledged: id -> (type, hash).
    pub fn acknowledged(&self) -> BTreeMap<Uuid, (String, String)> {
        self.outbox("acknowledged")
    }

    pub fn outbox(&self, state: &str) -> BTreeMap<Uuid, (String, String)> {
        let state = state.to_string();
        self.replica
            .read(move |s| {
                let mut stmt = s
                    .raw_connection()
                    .prepare("SELECT record_id, record_type, hash FROM outbox WHERE state = ?1")?;
                let rows = stmt
                    .query_map([&state], |r| {
                        Ok((
                            Uuid::parse_str(&r.get::<_, String>(0)?).unwrap(),
                            (r.get(1)?, r.get(2)?),
                        ))
                    })?
                    .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
                Ok(rows)
            })
            .unwrap()
    }

    pub fn pending(&self) -> u32 {
        self.replica
            .read(|s| s.sync_summary())
            .unwrap()
            .pending_records
    }

    /// The blobs records reference here.
    pub fn referenced_blobs(&self) -> BTreeSet<String> {
        self.replica
            .read(|s| {
                let mut stmt = s
                    .raw_connection()
                    .prepare("SELECT DISTINCT sha256 FROM blob_refs")?;
                let v = stmt
                    .query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<BTreeSet<_>>>()?;
                Ok(v)
            })
            .unwrap()
    }

    /// Devices whose logbook the technician wrote to.
    pub fn devices_written(&self) -> BTreeSet<DeviceId> {
        self.replica
            .read(|s| {
                let mut stmt = s.raw_connection().prepare(
                    "SELECT DISTINCT json_extract(payload_json, '$.device_id') FROM outbox
                     WHERE record_type = 'logbook_entry'",
                )?;
                let v = stmt
                    .query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(v.iter()
                    .map(|d| DeviceId::parse(d).unwrap())
                    .collect::<BTreeSet<_>>())
            })
            .unwrap()
    }
}

/// The invariant after a sync with nothing waiting: the portal holds exactly the records the
/// client holds as acknowledged (none lost, none twice, the same hashes), every blob they
/// reference with the same bytes, and every logbook chain the technician wrote to verifies.
pub fn assert_portal_has_exactly(portal: &dyn PortalStore, blob_dir: &Path, client: &Client) {
    assert_eq!(client.pending(), 0, "records still pending");
    let acked = client.acknowledged();
    let on_portal = records_of(portal, &client.technician);
    let missing: Vec<_> = acked
        .keys()
        .filter(|k| !on_portal.contains_key(k))
        .collect();
    let extra: Vec<_> = on_portal
        .keys()
        .filter(|k| !acked.contains_key(k))
        .collect();
    assert!(
        missing.is_empty(),
        "acknowledged but not on the portal: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "on the portal but not acknowledged here: {extra:?}"
    );
    for (id, (t, h)) in &acked {
        assert_eq!(
            on_portal.get(id),
            Some(&(t.clone(), h.clone())),
            "record {id}"
        );
    }
    for sha in client.referenced_blobs() {
        let path = blob_dir.join(&sha[..2]).join(&sha);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            panic!("blob {sha} is not on the portal ({}): {e}", path.display())
        });
        assert_eq!(veldwerk_sync::protocol::canonical_hash(&bytes), sha);
    }
    portal_chains_verify(portal, &client.devices_written());
}
