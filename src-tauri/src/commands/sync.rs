//! The portal: logging in and out, syncing now, and what the sync screen and the header show.

use crate::error::{AppError, CmdResult};
use crate::state::{blocking, lock, AppState, Startup};
use crate::sync_loop::{ShellReplica, Sync};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::Arc;
use tauri::State;
use veldwerk_core::{ErrorCode, Localized};
use veldwerk_store::sync::{OutboxLine, OutboxState};
use veldwerk_sync::client::{session, Phase, Replica, SyncError};

/// A clock difference with the portal larger than this is shown.
pub const CLOCK_WARN_MS: i64 = 5 * 60 * 1000;

impl From<SyncError> for AppError {
    fn from(e: SyncError) -> Self {
        AppError::new(e.code, e.message)
    }
}

/// What the header shows. Offline is normal, never an alarm.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SyncIndicator {
    /// No portal is linked (the offline demo, or before the first login).
    NoPortal,
    /// Logged out, or the portal refused the token: work is kept and waits.
    LoginRequired { pending: u32 },
    /// Sending or receiving now.
    Syncing { done: u32, total: u32 },
    /// The portal is out of reach; `pending` records wait.
    Offline { pending: u32 },
    /// Something needs attention: records the portal refused, or a sync that failed.
    Error { pending: u32, rejected: u32 },
    /// Records wait for the next sync.
    Waiting { pending: u32 },
    /// Everything is on the portal.
    UpToDate,
}

#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct SyncProgressView {
    /// "sending" or "receiving".
    pub phase: String,
    pub records_total: u32,
    pub records_done: u32,
    pub blobs_total: u32,
    pub blobs_done: u32,
    /// Bytes (saturating at u32::MAX).
    pub bytes_total: u32,
    pub bytes_done: u32,
    pub changes_received: u32,
}

/// A record that is not on the portal, in words.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct OutboxItemView {
    pub record_id: String,
    /// job_report, logbook_entry, photo, ...
    pub record_type: String,
    /// "pending" or "rejected".
    pub state: String,
    pub created_at: DateTime<Utc>,
    pub attempts: u32,
    /// Why the last attempt did not get it there (pending records).
    pub last_error: Option<String>,
    /// The portal's code and message (rejected records).
    pub code: Option<String>,
    pub message: Option<Localized>,
    pub job_id: Option<String>,
    pub resident_id: Option<String>,
}

#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct SyncStatus {
    pub indicator: SyncIndicator,
    /// The linked portal, if any.
    pub portal_url: Option<String>,
    /// The address the login form suggests (the linked one, or the demo's).
    pub suggested_url: Option<String>,
    pub needs_login: bool,
    pub pending_records: u32,
    pub rejected_records: u32,
    pub pending_blobs: u32,
    /// Bytes (saturating at u32::MAX).
    pub pending_blob_bytes: u32,
    /// When the oldest waiting record was made (a stalled queue shows here).
    pub oldest_pending_at: Option<DateTime<Utc>>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<AppError>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The portal's clock minus this computer's, in milliseconds (saturating).
    pub clock_offset_ms: Option<i32>,
    /// The difference is large enough to mention.
    pub clock_off: bool,
    pub progress: Option<SyncProgressView>,
    /// Up to 200 records that are not on the portal: waiting first, then refused.
    pub items: Vec<OutboxItemView>,
    /// Pulled changes that wait until the technician's own changes are sent.
    pub deferred_changes: u32,
}

fn sat(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn code_of(text: &str) -> ErrorCode {
    ErrorCode::ALL
        .iter()
        .copied()
        .find(|c| c.as_str() == text)
        .unwrap_or(ErrorCode::PortalError)
}

fn item(l: OutboxLine) -> OutboxItemView {
    OutboxItemView {
        record_id: l.record_id,
        record_type: l.record_type,
        state: match l.state {
            OutboxState::Pending => "pending",
            OutboxState::Acknowledged => "acknowledged",
            OutboxState::Rejected => "rejected",
        }
        .to_string(),
        created_at: l.created_at,
        attempts: l.attempts,
        last_error: l.last_error,
        code: l.code,
        message: l.message,
        job_id: l.job_id,
        resident_id: l.resident_id,
    }
}

/// The whole status, read on a reader connection.
pub fn status_of(sync: &Sync, items: bool) -> CmdResult<SyncStatus> {
    let replica = ShellReplica(sync.app.clone());
    let (state, summary, lines) = replica.read(|s| {
        Ok((
            s.sync_state()?,
            s.sync_summary()?,
            if items {
                s.outbox_lines(None, 200)?
            } else {
                Vec::new()
            },
        ))
    })?;
    let looping = lock(&sync.loop_state).clone();
    let progress = sync.progress.get();
    // from the moment the loop takes the sync until its last write
    let running = looping.running;
    let pending = summary.pending_records;
    let last_error = state
        .last_error
        .map(|e| AppError::new(code_of(&e.code), e.message));
    let indicator = if state.portal_url.is_none() {
        SyncIndicator::NoPortal
    } else if state.needs_login {
        SyncIndicator::LoginRequired {
            pending: pending + summary.rejected_records,
        }
    } else if running {
        SyncIndicator::Syncing {
            done: progress.records_done + progress.blobs_done,
            total: progress.records_total + progress.blobs_total,
        }
    } else if summary.rejected_records > 0
        || last_error
            .as_ref()
            .is_some_and(|e| e.code != ErrorCode::PortalUnreachable)
    {
        SyncIndicator::Error {
            pending,
            rejected: summary.rejected_records,
        }
    } else if last_error.is_some() {
        SyncIndicator::Offline { pending }
    } else if pending > 0 || state.last_success_at.is_none() {
        SyncIndicator::Waiting { pending }
    } else {
        SyncIndicator::UpToDate
    };
    let offset = state.clock_offset_ms;
    Ok(SyncStatus {
        indicator,
        suggested_url: state.portal_url.clone().or(sync.default_url.clone()),
        portal_url: state.portal_url,
        needs_login: state.needs_login,
        pending_records: pending,
        rejected_records: summary.rejected_records,
        pending_blobs: summary.pending_blobs,
        pending_blob_bytes: sat(summary.pending_blob_bytes),
        oldest_pending_at: summary.oldest_pending_at,
        last_success_at: state.last_success_at,
        last_attempt_at: state.last_attempt_at,
        last_error,
        next_attempt_at: looping.next_attempt_at.filter(|_| !running),
        clock_offset_ms: offset.map(|o| o.clamp(i32::MIN.into(), i32::MAX.into()) as i32),
        clock_off: offset.is_some_and(|o| o.abs() > CLOCK_WARN_MS),
        progress: running.then(|| SyncProgressView {
            phase: match progress.phase {
                Phase::Receiving => "receiving",
                _ => "sending",
            }
            .to_string(),
            records_total: progress.records_total,
            records_done: progress.records_done,
            blobs_total: progress.blobs_total,
            blobs_done: progress.blobs_done,
            bytes_total: sat(progress.bytes_total),
            bytes_done: sat(progress.bytes_done),
            changes_received: progress.changes_received,
        }),
        items: lines.into_iter().map(item).collect(),
        deferred_changes: summary.deferred_changes,
    })
}

/// The header's indicator (for `app_status`): NoPortal until the replica is open.
pub fn indicator(sync: &Sync) -> SyncIndicator {
    if !matches!(*lock(&sync.app.startup), Startup::Ready) {
        return SyncIndicator::NoPortal;
    }
    status_of(sync, false)
        .map(|s| s.indicator)
        .unwrap_or(SyncIndicator::NoPortal)
}

#[tauri::command]
#[specta::specta]
pub async fn sync_status(sync: State<'_, Arc<Sync>>) -> CmdResult<SyncStatus> {
    let sync = Arc::clone(&sync);
    blocking(move || status_of(&sync, true)).await
}

/// Starts a sync now (the button, the end of the shift, the network back). Returns at once;
/// the status shows the progress.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(sync: State<'_, Arc<Sync>>) -> CmdResult<SyncStatus> {
    sync.sync_now();
    let sync = Arc::clone(&sync);
    blocking(move || status_of(&sync, true)).await
}

/// Logs in at a portal: https anywhere, http only on this computer. The technician is whoever
/// logs in; the token goes into the OS keyring. A replica that holds another technician's data
/// is not taken over (`other_technician`). The first sync starts at once.
#[tauri::command]
#[specta::specta]
pub async fn portal_login(
    state: State<'_, Arc<AppState>>,
    sync: State<'_, Arc<Sync>>,
    url: String,
    name: String,
    password: String,
) -> CmdResult<SyncStatus> {
    veldwerk_core::validation::bounded("password", &password, 1000)?;
    let (state, sync) = (Arc::clone(&state), Arc::clone(&sync));
    crate::sync_loop::login(&state, &sync, &url, &name, &password).await?;
    blocking(move || status_of(&sync, true)).await
}

/// Logs out: the portal revokes the token (when it can be reached) and the keyring forgets it.
/// Nothing on this computer is removed: what waits goes up after the next login.
#[tauri::command]
#[specta::specta]
pub async fn portal_logout(sync: State<'_, Arc<Sync>>) -> CmdResult<SyncStatus> {
    let sync = Arc::clone(&sync);
    if let Ok(engine) = sync.engine() {
        // offline the token stays valid at the portal until the office revokes it
        let _ = session::logout(engine.api()).await;
    }
    session::forget_token(sync.secrets.as_ref(), &sync.token_key())?;
    ShellReplica(sync.app.clone()).write(|s| s.set_needs_login(true))?;
    blocking(move || status_of(&sync, true)).await
}

/// What a sync changed under an open job, and the job's records the portal refused.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct JobSyncState {
    pub notices: Vec<JobSyncNotice>,
    pub rejected: Vec<OutboxItemView>,
    pub pending: u32,
}

#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct JobSyncNotice {
    /// "device", "sling" or "appointment".
    pub entity: String,
    pub entity_id: String,
    /// "changed" or "removed".
    pub change: String,
    pub at: DateTime<Utc>,
}

#[tauri::command]
#[specta::specta]
pub async fn job_sync_state(
    state: State<'_, Arc<AppState>>,
    job_id: String,
) -> CmdResult<JobSyncState> {
    let id = super::parse_id(&job_id, veldwerk_core::ids::JobId::parse)?.to_string();
    let state = Arc::clone(&state);
    blocking(move || {
        state.with_reader(|s| {
            let notices = s.sync_notices(&id)?;
            let lines = s.outbox_lines(Some(&id), 200)?;
            let pending = lines
                .iter()
                .filter(|l| l.state == OutboxState::Pending)
                .count() as u32;
            Ok(JobSyncState {
                notices: notices
                    .into_iter()
                    .map(|n| JobSyncNotice {
                        entity: n.entity,
                        entity_id: n.entity_id,
                        change: n.change,
                        at: n.created_at,
                    })
                    .collect(),
                rejected: lines
                    .into_iter()
                    .filter(|l| l.state == OutboxState::Rejected)
                    .map(item)
                    .collect(),
                pending,
            })
        })
    })
    .await
}
