//! One sync, start to end: push, pull, the changes that waited, blobs that may go, the
//! clock. The loop that decides *when* to sync (timer with backoff, network back, the button)
//! is the app's (src-tauri/src/sync_loop.rs); the engine does one sync per call.

use super::classify::Failure;
use super::ctx::{blocking, Ctx};
use super::error::SyncError;
use super::http::{Now, PortalApi};
use super::progress::{Phase, ProgressHandle};
use super::pull::{pull_all, PullStats};
use super::push::{push_all, PushStats};
use super::replica::Replica;
use crate::protocol::MAX_PULL_LIMIT;
use std::sync::Arc;
use veldwerk_core::ErrorCode;
use veldwerk_store::blobs::BlobStore;

/// What one sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub push: PushStats,
    pub pull: PullStats,
    /// Deferred changes applied after the push.
    pub deferred_applied: u32,
    pub blobs_collected: u32,
    /// Records still waiting afterwards.
    pub pending_after: u32,
    /// The portal's clock minus this computer's, in ms.
    pub clock_offset_ms: Option<i64>,
}

pub struct Engine<R> {
    ctx: Ctx<R>,
    pull_limit: u32,
}

impl<R: Replica> Engine<R> {
    pub fn new(
        replica: Arc<R>,
        blobs: Arc<BlobStore>,
        api: PortalApi,
        progress: ProgressHandle,
        now: Now,
    ) -> Engine<R> {
        Engine {
            ctx: Ctx {
                replica,
                blobs,
                api,
                progress,
                now,
            },
            pull_limit: MAX_PULL_LIMIT,
        }
    }

    /// Changes per pulled page (1..=1000; tests use small pages).
    pub fn with_pull_limit(mut self, limit: u32) -> Engine<R> {
        self.pull_limit = limit;
        self
    }

    pub fn api(&self) -> &PortalApi {
        &self.ctx.api
    }

    /// One sync. On failure the error is also recorded in the replica (the last error; for a
    /// 401, that a login is needed); nothing queued is lost and the cursor stays where the
    /// last applied page left it.
    pub async fn sync(&self) -> Result<SyncReport, SyncError> {
        let ctx = &self.ctx;
        let started = (ctx.now)();
        let summary = blocking(&ctx.replica, move |r| {
            r.write(|s| {
                s.freeze_outbox_hashes()?;
                s.note_sync_attempt(started)?;
                s.sync_summary()
            })
        })
        .await?;
        ctx.api.set_pending_hint(summary.pending_records);
        ctx.progress.update(|p| {
            *p = super::Progress {
                phase: Phase::Sending,
                records_total: summary.pending_records,
                blobs_total: summary.pending_blobs,
                bytes_total: summary.pending_blob_bytes,
                ..Default::default()
            }
        });
        let mut report = SyncReport::default();
        let result = self.run(&mut report).await;
        ctx.progress.update(|p| p.phase = Phase::Idle);
        let offset = ctx.api.clock_offset();
        report.clock_offset_ms = offset.map(|(o, _)| o);
        let end = (ctx.now)();
        let outcome = result.map_err(|f| (matches!(f, Failure::Reauth), f.into_error()));
        let recorded = outcome
            .as_ref()
            .map(|_| ())
            .map_err(|(reauth, e)| (*reauth, e.clone()));
        let pending = blocking(&ctx.replica, move |r| {
            r.write(|s| {
                if let Some((o, at)) = offset {
                    s.note_clock_offset(o, at)?;
                }
                match &recorded {
                    Ok(()) => s.note_sync_success(end)?,
                    Err((reauth, e)) => {
                        if *reauth {
                            s.set_needs_login(true)?;
                        }
                        s.note_sync_error(e.code.as_str(), &e.message)?;
                    }
                }
                s.outbox_len()
            })
        })
        .await?;
        report.pending_after = pending;
        outcome.map(|_| report).map_err(|(_, e)| e)
    }

    async fn run(&self, report: &mut SyncReport) -> Result<(), Failure> {
        let ctx = &self.ctx;
        let pushed = push_all(ctx).await;
        if let Ok(p) = &pushed {
            report.push = *p;
        }
        // Without a network, or asked to wait, or logged out, there is no point in pulling.
        let pull_too = match &pushed {
            Ok(_) => true,
            Err(Failure::Retry(e)) => {
                !matches!(e.code, ErrorCode::PortalUnreachable | ErrorCode::PortalBusy)
            }
            Err(Failure::Reauth) => false,
            Err(Failure::Refused { .. }) => true,
        };
        if pull_too {
            ctx.progress.update(|p| p.phase = Phase::Receiving);
            let pulled = pull_all(ctx, self.pull_limit).await;
            match pulled {
                Ok(p) => report.pull = p,
                Err(f) => {
                    pushed?;
                    return Err(f);
                }
            }
        }
        pushed?;
        let now = (ctx.now)();
        let deferred = blocking(&ctx.replica, move |r| r.write(|s| s.apply_deferred(now)))
            .await
            .map_err(Failure::Retry)?;
        report.deferred_applied = deferred.applied + deferred.purged;
        report.pull.problems.extend(deferred.problems);
        report.blobs_collected = self.collect_blobs().await.map_err(Failure::Retry)?;
        Ok(())
    }

    /// Removes blobs that are on the portal and referenced by no record any more.
    async fn collect_blobs(&self) -> Result<u32, SyncError> {
        let ctx = &self.ctx;
        let hashes = blocking(&ctx.replica, |r| r.read(|s| s.collectable_blobs())).await?;
        let mut n = 0;
        for h in hashes {
            let store = ctx.blobs.clone();
            let h2 = h.clone();
            tokio::task::spawn_blocking(move || store.remove(&h2))
                .await
                .map_err(|_| SyncError::internal("blob removal"))?
                .map_err(|e| {
                    let m = e.message();
                    SyncError::new(ErrorCode::FileError, m.nl, m.en)
                })?;
            if blocking(&ctx.replica, move |r| r.write(|s| s.forget_blob(&h))).await? {
                n += 1;
            }
        }
        Ok(n)
    }
}
