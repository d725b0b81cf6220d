//! Receiving changes: page after page from the stored cursor, each page applied in one
//! transaction together with the cursor the portal gave for it. The cursor is never made
//! here (no clock), never moved back, and untouched by any failure: a failure after some
//! pages leaves the cursor after the last page applied.

use super::classify::Failure;
use super::ctx::{blocking, Ctx};
use super::error::SyncError;
use super::replica::Replica;
use crate::protocol::{ChangeOp, MAX_PULL_LIMIT};
use veldwerk_store::sync::{PulledChange, PulledOp};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PullStats {
    pub pages: u32,
    pub changes: u32,
    pub deferred: u32,
    pub purged: u32,
    /// Changes that could not be applied (skipped), in words.
    pub problems: Vec<String>,
}

/// Pages are applied in order; while one is applied, the next is already being fetched (the
/// portal and the replica work side by side). A page is applied with its cursor or not at
/// all; a fetched page whose predecessor failed to apply is dropped.
pub(crate) async fn pull_all<R: Replica>(ctx: &Ctx<R>, limit: u32) -> Result<PullStats, Failure> {
    let limit = limit.clamp(1, MAX_PULL_LIMIT);
    let mut stats = PullStats::default();
    let mut cursor = blocking(&ctx.replica, |r| r.read(|s| s.sync_state()))
        .await
        .map_err(Failure::Retry)?
        .cursor;
    let mut page = ctx.api.pull(cursor, limit).await?;
    loop {
        if page.next_cursor < cursor {
            return Err(Failure::Retry(SyncError::portal_error(
                "cursor terug / cursor went back",
            )));
        }
        let changes: Vec<PulledChange> = page
            .changes
            .iter()
            .map(|c| PulledChange {
                entity: c.entity.as_str().to_string(),
                op: match c.op {
                    ChangeOp::Upsert => PulledOp::Upsert,
                    ChangeOp::Remove => PulledOp::Remove,
                },
                id: c.id.to_string(),
                version: c.version,
                data: c.data.as_ref().map(|d| d.get().to_string()),
            })
            .collect();
        let n = changes.len() as u32;
        let (next, now) = (page.next_cursor, (ctx.now)());
        // A page that does not move the cursor ends the pull, whatever `more` says.
        let fetch_next = page.more && next > cursor;
        let apply = blocking(&ctx.replica, move |r| {
            r.write(|s| s.apply_pull_page(&changes, next, now))
        });
        let prefetch = async {
            if fetch_next {
                Some(ctx.api.pull(next, limit).await)
            } else {
                None
            }
        };
        let (applied, fetched) = tokio::join!(apply, prefetch);
        let outcome = applied.map_err(Failure::Retry)?;
        stats.pages += 1;
        stats.changes += n;
        stats.deferred += outcome.deferred;
        stats.purged += outcome.purged;
        stats.problems.extend(outcome.problems);
        ctx.progress.update(|p| p.changes_received += n);
        cursor = next;
        match fetched {
            None => return Ok(stats),
            Some(result) => page = result?,
        }
    }
}
