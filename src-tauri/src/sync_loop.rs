//! When to sync: the background loop of the app. It syncs
//! * on a timer: soon after start, then every few minutes while all is well, and with
//!   exponential backoff and jitter after failures (honouring a portal's Retry-After);
//! * when the network returns: while the portal is unreachable, a cheap connection probe
//!   runs every few seconds and starts a sync as soon as the portal answers (the UI also
//!   reports the window's `online` event);
//! * on the button ("Nu versturen", the end-of-shift button): at once, whatever the backoff,
//!   but never before a Retry-After;
//! * soon after new work: when the number of waiting records grows.
//!
//! It never syncs without a linked portal, and waits for a login after a 401 (the queue and
//! the cursor stay as they are). One sync at a time.

use crate::error::AppError;
use crate::state::{lock, AppState, Startup};
use chrono::{DateTime, Utc};
use rand::SeedableRng;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;
use veldwerk_core::ErrorCode;
use veldwerk_store::blobs::{BlobKey, BlobStore};
use veldwerk_store::{KeyringSecretStore, SecretStore, Store};
use veldwerk_sync::client::{
    portal_url, session, url_text, Backoff, Engine, PortalApi, ProgressHandle, Replica,
    StoreResult, SyncError, Timeouts,
};

/// Between syncs while everything is on the portal (to receive new work).
pub const IDLE_INTERVAL: Duration = Duration::from_secs(300);
/// How often a new record is looked for while idle.
const WORK_CHECK: Duration = Duration::from_secs(10);
/// How often the network is probed while the portal is unreachable.
const PROBE_EVERY: Duration = Duration::from_secs(5);

/// The engine's view of the app's replica: the writer for writes, a reader for reads.
pub struct ShellReplica(pub Arc<AppState>);

fn to_sync(e: AppError) -> SyncError {
    SyncError {
        code: e.code,
        message: e.message,
        retry_after: None,
    }
}

impl Replica for ShellReplica {
    fn write<T>(&self, f: impl FnOnce(&mut Store) -> StoreResult<T>) -> Result<T, SyncError> {
        self.0
            .with_writer(|s| f(s).map_err(AppError::from))
            .map_err(to_sync)
    }

    fn read<T>(&self, f: impl FnOnce(&Store) -> StoreResult<T>) -> Result<T, SyncError> {
        self.0
            .with_reader(|s| f(s).map_err(AppError::from))
            .map_err(to_sync)
    }
}

/// What the loop is doing, for the sync screen.
#[derive(Clone, Debug, Default)]
pub struct LoopState {
    pub running: bool,
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The portal asked not to come back before this.
    pub not_before: Option<DateTime<Utc>>,
    pub failures: u32,
    /// The last sync's error (cleared by a success).
    pub last_error: Option<SyncError>,
}

/// The sync's shared handle (Tauri state).
pub struct Sync {
    pub app: Arc<AppState>,
    pub secrets: Arc<dyn SecretStore>,
    pub progress: ProgressHandle,
    pub loop_state: Mutex<LoopState>,
    blobs: Mutex<Option<Arc<BlobStore>>>,
    wake: Notify,
    /// A sync was asked for now (the button, the network back, a login).
    urgent: Mutex<bool>,
    /// The portal address the demo links to at first start (`VELDWERK_PORTAL_URL`).
    pub default_url: Option<String>,
    pub timeouts: Timeouts,
}

impl Sync {
    pub fn new(app: Arc<AppState>) -> Arc<Sync> {
        let secrets: Arc<dyn SecretStore> =
            Arc::new(KeyringSecretStore::new(app.launch.keyring_service.clone()));
        Sync::with_secrets(app, secrets)
    }

    pub fn with_secrets(app: Arc<AppState>, secrets: Arc<dyn SecretStore>) -> Arc<Sync> {
        Arc::new(Sync {
            app,
            secrets,
            progress: ProgressHandle::default(),
            loop_state: Mutex::new(LoopState::default()),
            blobs: Mutex::new(None),
            wake: Notify::new(),
            urgent: Mutex::new(false),
            default_url: std::env::var("VELDWERK_PORTAL_URL")
                .ok()
                .filter(|u| !u.trim().is_empty()),
            timeouts: Timeouts::default(),
        })
    }

    /// The keyring entry of this replica's portal token.
    pub fn token_key(&self) -> String {
        let path = self.app.launch.data_dir.join(crate::startup::REPLICA_FILE);
        session::token_key(&path.display().to_string())
    }

    /// Asks for a sync now (the button, the network back, a login).
    pub fn sync_now(&self) {
        *lock(&self.urgent) = true;
        self.wake.notify_one();
    }

    /// The blob store the commands write photos, signatures and documents into: the same
    /// instance the sync uploads from.
    pub fn blob_store(&self) -> Result<Arc<BlobStore>, AppError> {
        self.blobs().map_err(|e| AppError::new(e.code, e.message))
    }

    fn blobs(&self) -> Result<Arc<BlobStore>, SyncError> {
        let mut held = lock(&self.blobs);
        if let Some(b) = held.as_ref() {
            return Ok(b.clone());
        }
        let path = self.app.launch.data_dir.join(crate::startup::REPLICA_FILE);
        let key = BlobKey::from_secrets(self.secrets.as_ref(), &crate::startup::key_name(&path))
            .map_err(|e| {
                let m = e.message();
                SyncError::new(ErrorCode::KeyringUnavailable, m.nl, m.en)
            })?;
        let store = BlobStore::open(&self.app.launch.data_dir.join("blobs"), key).map_err(|e| {
            let m = e.message();
            SyncError::new(ErrorCode::FileError, m.nl, m.en)
        })?;
        let store = Arc::new(store);
        *held = Some(store.clone());
        Ok(store)
    }

    /// The engine for the linked portal, or why there is none (no link, no login).
    pub fn engine(&self) -> Result<Engine<ShellReplica>, SyncError> {
        let replica = ShellReplica(self.app.clone());
        let state = replica.read(|s| s.sync_state())?;
        let Some(url) = state.portal_url else {
            return Err(SyncError::login_required());
        };
        if state.needs_login {
            return Err(SyncError::login_required());
        }
        let token = session::load_token(self.secrets.as_ref(), &self.token_key())?
            .ok_or_else(SyncError::login_required)?;
        let url = portal_url(&url)?;
        let app = self.app.clone();
        let now: veldwerk_sync::client::Now = Arc::new(move || app.now());
        let api = PortalApi::new(url, Some(token), self.timeouts, now.clone())?;
        Ok(Engine::new(
            Arc::new(replica),
            self.blobs()?,
            api,
            self.progress.clone(),
            now,
        ))
    }

    /// One sync now, recorded in the loop's state.
    pub async fn sync_once(&self) -> Result<veldwerk_sync::client::SyncReport, SyncError> {
        {
            let mut s = lock(&self.loop_state);
            if s.running {
                return Err(SyncError::new(
                    ErrorCode::NotReady,
                    "Er wordt al verstuurd.",
                    "Sending is already under way.",
                ));
            }
            s.running = true;
        }
        let result = match self.engine() {
            Ok(engine) => engine.sync().await,
            Err(e) => Err(e),
        };
        let mut s = lock(&self.loop_state);
        s.running = false;
        match &result {
            Ok(_) => {
                s.failures = 0;
                s.last_error = None;
            }
            Err(e) => {
                s.failures += 1;
                s.last_error = Some(e.clone());
                if let Some(after) = e.retry_after {
                    s.not_before = chrono::Duration::from_std(after)
                        .ok()
                        .map(|d| self.app.now() + d);
                }
            }
        }
        result
    }

    fn linked(&self) -> bool {
        let replica = ShellReplica(self.app.clone());
        matches!(replica.read(|s| s.sync_state()), Ok(s) if s.portal_url.is_some() && !s.needs_login)
    }

    fn pending(&self) -> u32 {
        ShellReplica(self.app.clone())
            .read(|s| s.outbox_len())
            .unwrap_or(0)
    }

    /// The portal's host and port, for the network probe.
    fn portal_address(&self) -> Option<String> {
        let state = ShellReplica(self.app.clone())
            .read(|s| s.sync_state())
            .ok()?;
        let url = portal_url(&state.portal_url?).ok()?;
        Some(format!(
            "{}:{}",
            url.host_str()?,
            url.port_or_known_default()?
        ))
    }
}

/// Waits at most `d`, or until woken.
async fn wait(sync: &Sync, d: Duration) {
    let _ = tokio::time::timeout(d, sync.wake.notified()).await;
}

/// The loop; runs for the life of the app.
pub async fn run(sync: Arc<Sync>) {
    let mut backoff = Backoff::new(Duration::from_secs(5), Duration::from_secs(600));
    let mut rng = rand::rngs::StdRng::from_os_rng();
    let mut next = tokio::time::Instant::now() + Duration::from_secs(2);
    let mut last_pending = 0u32;
    loop {
        if !matches!(*lock(&sync.app.startup), Startup::Ready) || !sync.linked() {
            *lock(&sync.urgent) = false;
            wait(&sync, Duration::from_secs(2)).await;
            next = tokio::time::Instant::now();
            continue;
        }
        let urgent = std::mem::take(&mut *lock(&sync.urgent));
        let now = tokio::time::Instant::now();
        let pending = sync.pending();
        let new_work = pending > last_pending && backoff.failures() == 0;
        let respect_portal = lock(&sync.loop_state)
            .not_before
            .is_some_and(|t| t > sync.app.now());
        if (urgent || now >= next || new_work) && !respect_portal {
            let result = sync.sync_once().await;
            last_pending = sync.pending();
            let delay = match &result {
                Ok(_) => {
                    backoff.reset();
                    IDLE_INTERVAL
                }
                Err(e) if e.code == ErrorCode::LoginRequired => IDLE_INTERVAL,
                Err(e) if e.code == ErrorCode::NotReady => Duration::from_secs(1),
                Err(e) => backoff.failed(e.retry_after, &mut rng),
            };
            next = tokio::time::Instant::now() + delay;
            lock(&sync.loop_state).next_attempt_at = chrono::Duration::from_std(delay)
                .ok()
                .map(|d| sync.app.now() + d);
            continue;
        }
        // Wait for the timer, a wake-up, new work, or the network to come back.
        let unreachable = lock(&sync.loop_state)
            .last_error
            .as_ref()
            .is_some_and(|e| e.code == ErrorCode::PortalUnreachable);
        let step = if unreachable { PROBE_EVERY } else { WORK_CHECK };
        let until = next
            .saturating_duration_since(tokio::time::Instant::now())
            .min(step);
        wait(&sync, until.max(Duration::from_millis(200))).await;
        if unreachable && tokio::time::Instant::now() < next {
            if let Some(addr) = sync.portal_address() {
                let probe = tokio::time::timeout(
                    Duration::from_secs(2),
                    tokio::net::TcpStream::connect(addr),
                )
                .await;
                if matches!(probe, Ok(Ok(_))) {
                    // the portal answers again: sync now instead of at the end of the backoff
                    next = tokio::time::Instant::now();
                }
            }
        }
    }
}

/// The login itself (also used by the demo's automatic login).
pub async fn login(
    state: &Arc<AppState>,
    sync: &Arc<Sync>,
    url: &str,
    name: &str,
    password: &str,
) -> Result<(), AppError> {
    let url = portal_url(url)?;
    let replica = ShellReplica(state.clone());
    let known = replica.read(|s| s.sync_state())?;
    let installation = known.installation_id.unwrap_or_else(uuid::Uuid::now_v7);
    let label = format!(
        "Veldwerk {} ({})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    );
    let app = state.clone();
    let now: veldwerk_sync::client::Now = Arc::new(move || app.now());
    let answer = session::login(
        &url,
        name,
        password,
        installation,
        &label,
        sync.timeouts,
        now.clone(),
    )
    .await?;
    let (text, technician) = (url_text(&url), answer.technician.clone());
    let linked = replica.write(move |s| s.link_portal(&text, &technician, installation));
    if let Err(e) = linked {
        // not this replica's technician: give the fresh token back at once
        if let Ok(api) = veldwerk_sync::client::PortalApi::new(
            url.clone(),
            Some(answer.token.clone()),
            sync.timeouts,
            now,
        ) {
            let _ = session::logout(&api).await;
        }
        return Err(e.into());
    }
    session::save_token(sync.secrets.as_ref(), &sync.token_key(), &answer.token)?;
    let id = answer.technician.id;
    state.with_writer(|s| {
        let w = s.write()?;
        w.set_setting(crate::startup::TECHNICIAN_SETTING, &id.to_string())?;
        w.commit()?;
        Ok(())
    })?;
    *lock(&state.technician) = Some(id);
    *lock(&sync.loop_state) = Default::default();
    sync.sync_now();
    Ok(())
}

/// The demo with a portal (scripts/demo.sh): logs in once at first start with
/// `VELDWERK_PORTAL_URL`, `VELDWERK_PORTAL_LOGIN` and `VELDWERK_PORTAL_PASSWORD` (the seeded
/// portal's published demo login), so that the app opens logged in. Nothing happens when the
/// replica is linked already or the variables are not set.
pub async fn demo_login(app: Arc<AppState>, sync: Arc<Sync>) {
    let (Some(url), Ok(name), Ok(password)) = (
        sync.default_url.clone(),
        std::env::var("VELDWERK_PORTAL_LOGIN"),
        std::env::var("VELDWERK_PORTAL_PASSWORD"),
    ) else {
        return;
    };
    for _ in 0..600 {
        match &*lock(&app.startup) {
            Startup::Ready => break,
            Startup::Failed { .. } => return,
            _ => {}
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if sync.linked() {
        return;
    }
    for attempt in 0..30 {
        match login(&app, &sync, &url, &name, &password).await {
            Ok(()) => return,
            Err(e) if e.code == ErrorCode::PortalUnreachable && attempt < 29 => {
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => {
                eprintln!("veldwerk: demo login at {url} failed: {}", e.message.en);
                return;
            }
        }
    }
}

/// A blob store error as the UI sees it.
pub fn blob_error(e: veldwerk_store::blobs::BlobError) -> AppError {
    use veldwerk_store::blobs::BlobError;
    let code = match &e {
        BlobError::NotFound { .. } => ErrorCode::NotFound,
        BlobError::DiskFull(_) => ErrorCode::DiskFull,
        _ => ErrorCode::FileError,
    };
    AppError::new(code, e.message())
}
