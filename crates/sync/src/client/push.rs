//! Sending the outbox: in commit order, in batches of records sent one request at a time;
//! before each batch the blobs its records need (HEAD, then PUT when the portal lacks one).
//!
//! Each record's answer is recorded in one transaction per batch: acknowledged (accepted or
//! already stored) and the portal's answer are written together; a rejection is kept with its
//! code and message and never holds up the rest; `chain_gap` and `missing_blobs` leave the
//! record pending for the next round. When the request itself fails: a network error, a
//! timeout, a 5xx or a 429 stops the push (the records stay pending, tried again later); a 401
//! stops it for a login; a 4xx that blames the request's content is narrowed down by sending
//! the records one by one, so only the record at fault is rejected.

use super::classify::Failure;
use super::ctx::{blocking, Ctx};
use super::error::SyncError;
use super::replica::Replica;
use crate::protocol::{codes, Outcome, PushRecord};
use std::collections::{BTreeMap, HashMap};
use veldwerk_core::Localized;
use veldwerk_store::blobs::Sha256Hex;
use veldwerk_store::sync::{OutboxItem, RecordAnswer};

/// Records per request at most.
pub const BATCH_RECORDS: u32 = 50;
/// Payload bytes per request at most (the portal takes 16 MiB).
pub const BATCH_BYTES: usize = 2 * 1024 * 1024;
/// Blobs found on the portal are noted at least this often (and with the batch's answers).
const MARK_EVERY: usize = 8;

/// A request refused with one of these codes is about its content: the records are sent one
/// by one to find the one at fault.
const CONTENT_CODES: [&str; 5] = [
    codes::MALFORMED_JSON,
    codes::VALIDATION,
    codes::TOO_LARGE,
    codes::BAD_REQUEST,
    codes::INVALID_PAYLOAD,
];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PushStats {
    pub acknowledged: u32,
    pub rejected: u32,
    /// Answered "not now" (chain_gap, missing_blobs): still pending.
    pub retry_later: u32,
    pub blobs_uploaded: u32,
    pub blob_bytes: u64,
}

impl std::ops::AddAssign for PushStats {
    fn add_assign(&mut self, o: PushStats) {
        self.acknowledged += o.acknowledged;
        self.rejected += o.rejected;
        self.retry_later += o.retry_later;
        self.blobs_uploaded += o.blobs_uploaded;
        self.blob_bytes += o.blob_bytes;
    }
}

/// Rounds over the outbox while they make progress on records that had to wait (at most
/// three): a logbook entry answered `chain_gap` goes through once its predecessor has.
pub(crate) async fn push_all<R: Replica>(ctx: &Ctx<R>) -> Result<PushStats, Failure> {
    let mut total = PushStats::default();
    for _ in 0..3 {
        let round = push_round(ctx).await?;
        total += round;
        if round.retry_later == 0 || round.acknowledged == 0 {
            break;
        }
    }
    Ok(total)
}

async fn push_round<R: Replica>(ctx: &Ctx<R>) -> Result<PushStats, Failure> {
    let mut stats = PushStats::default();
    let mut after = 0i64;
    loop {
        let batch = blocking(&ctx.replica, move |r| {
            r.read(|s| s.pending_outbox(after, BATCH_RECORDS, BATCH_BYTES))
        })
        .await
        .map_err(Failure::Retry)?;
        let Some(last) = batch.last() else {
            return Ok(stats);
        };
        after = last.seq;
        let mut answers: Vec<(i64, RecordAnswer)> = Vec::new();
        let mut on_portal: Vec<Sha256Hex> = Vec::new();
        let blocked = match upload_blobs(ctx, &batch, &mut stats, &mut on_portal).await {
            Ok(b) => b,
            Err(f) => {
                let _ = record(ctx, Vec::new(), on_portal, Vec::new()).await;
                note_failure(ctx, &batch, &f).await;
                return Err(f);
            }
        };
        let mut sendable = Vec::new();
        for item in batch {
            let refused = item
                .blobs
                .iter()
                .find_map(|b| blocked.get(&b.sha256).cloned());
            match refused {
                Some((code, message)) => {
                    answers.push((item.seq, RecordAnswer::Rejected { code, message }))
                }
                None => sendable.push(item),
            }
        }
        let mut missing = Vec::new();
        match send_records(ctx, &sendable, &mut missing).await {
            Ok(mut a) => answers.append(&mut a),
            Err(f) => {
                record(ctx, answers, on_portal, missing)
                    .await
                    .map_err(Failure::Retry)?;
                note_failure(ctx, &sendable, &f).await;
                return Err(f);
            }
        }
        for (_, a) in &answers {
            match a {
                RecordAnswer::Acknowledged { .. } => stats.acknowledged += 1,
                RecordAnswer::Rejected { .. } => stats.rejected += 1,
                RecordAnswer::Retry { .. } => stats.retry_later += 1,
            }
        }
        let n = answers.len() as u32;
        record(ctx, answers, on_portal, missing)
            .await
            .map_err(Failure::Retry)?;
        ctx.progress.update(|p| p.records_done += n);
    }
}

/// Writes the answers and the blobs found on the portal, in one transaction.
async fn record<R: Replica>(
    ctx: &Ctx<R>,
    answers: Vec<(i64, RecordAnswer)>,
    on_portal: Vec<Sha256Hex>,
    missing: Vec<Sha256Hex>,
) -> Result<(), SyncError> {
    if answers.is_empty() && on_portal.is_empty() && missing.is_empty() {
        return Ok(());
    }
    let at = (ctx.now)();
    blocking(&ctx.replica, move |r| {
        r.write(|s| s.record_push(&answers, &on_portal, &missing, at))
    })
    .await
}

/// A request failed as a whole: the records stay pending, with the reason for the screen.
async fn note_failure<R: Replica>(ctx: &Ctx<R>, items: &[OutboxItem], f: &Failure) {
    let reason = match f {
        Failure::Retry(e) => e.code.as_str().to_string(),
        Failure::Reauth => return,
        Failure::Refused { code, .. } => code.clone(),
    };
    let answers = items
        .iter()
        .map(|i| {
            (
                i.seq,
                RecordAnswer::Retry {
                    reason: reason.clone(),
                },
            )
        })
        .collect();
    let _ = record(ctx, answers, Vec::new(), Vec::new()).await;
}

/// Uploads the blobs the batch needs that the portal does not hold yet. Returns the blobs
/// that can never be sent (refused by the portal, or unreadable here), with why.
async fn upload_blobs<R: Replica>(
    ctx: &Ctx<R>,
    batch: &[OutboxItem],
    stats: &mut PushStats,
    on_portal: &mut Vec<Sha256Hex>,
) -> Result<HashMap<Sha256Hex, (String, Localized)>, Failure> {
    let mut needed: BTreeMap<Sha256Hex, u64> = BTreeMap::new();
    for item in batch {
        for b in item.blobs.iter().filter(|b| !b.on_portal) {
            needed.insert(b.sha256.clone(), b.size);
        }
    }
    let mut blocked = HashMap::new();
    for (sha, size) in needed {
        let there = if ctx.api.has_blob(sha.as_str()).await? {
            true
        } else {
            let store = ctx.blobs.clone();
            let h = sha.clone();
            let read = tokio::task::spawn_blocking(move || store.get(&h))
                .await
                .map_err(|_| Failure::Retry(SyncError::internal("blob read")))?;
            let bytes = match read {
                Ok(b) => b,
                Err(e) => {
                    blocked.insert(sha.clone(), (e.code().to_string(), e.message()));
                    continue;
                }
            };
            match ctx.api.put_blob(sha.as_str(), bytes).await {
                Ok(_) => {
                    stats.blobs_uploaded += 1;
                    stats.blob_bytes += size;
                    true
                }
                // The bytes were damaged on the way (ours verify before they leave): again.
                Err(Failure::Refused { code, .. }) if code == codes::HASH_MISMATCH => {
                    return Err(Failure::Retry(SyncError::portal_error(
                        codes::HASH_MISMATCH,
                    )))
                }
                Err(Failure::Refused {
                    code,
                    message,
                    status,
                }) if status != 404 && status != 405 && status != 403 => {
                    let message = message.unwrap_or_else(|| {
                        Localized::new(
                            format!("Het portaal weigerde een bestand ({code})."),
                            format!("The portal refused a file ({code})."),
                        )
                    });
                    blocked.insert(sha.clone(), (code, message));
                    continue;
                }
                Err(f) => return Err(f),
            }
        };
        if there {
            on_portal.push(sha.clone());
            if on_portal.len() >= MARK_EVERY {
                // noted now and then, so that a sync cut off in a long run of photos does not
                // ask for them all again (one transaction, not one per photo)
                record(ctx, Vec::new(), std::mem::take(on_portal), Vec::new())
                    .await
                    .map_err(Failure::Retry)?;
            }
            ctx.progress.update(|p| {
                p.blobs_done += 1;
                p.bytes_done += size;
            });
        }
    }
    Ok(blocked)
}

fn to_record(item: &OutboxItem) -> Result<PushRecord, (String, Localized)> {
    let id = uuid::Uuid::parse_str(&item.record_id).map_err(|_| {
        (
            "invalid_id".to_string(),
            Localized::new(
                "Dit gegeven heeft een ongeldig kenmerk en kan niet worden verstuurd.",
                "This record has an invalid id and cannot be sent.",
            ),
        )
    })?;
    let payload =
        serde_json::value::RawValue::from_string(item.payload_json.clone()).map_err(|_| {
            (
                codes::INVALID_PAYLOAD.to_string(),
                Localized::new(
                    "Dit gegeven is onleesbaar opgeslagen en kan niet worden verstuurd.",
                    "This record was stored unreadable and cannot be sent.",
                ),
            )
        })?;
    Ok(PushRecord {
        id,
        record_type: item.record_type.clone(),
        hash: item.hash.clone(),
        payload,
        blobs: item.blobs.iter().map(|b| b.sha256.to_string()).collect(),
    })
}

/// Sends the records in one request; when the portal refuses the request for its content,
/// sends them one by one so that only the record at fault is rejected.
async fn send_records<R: Replica>(
    ctx: &Ctx<R>,
    items: &[OutboxItem],
    missing: &mut Vec<Sha256Hex>,
) -> Result<Vec<(i64, RecordAnswer)>, Failure> {
    match send_once(ctx, items, missing).await {
        Err(Failure::Refused { code, message, .. }) if CONTENT_CODES.contains(&code.as_str()) => {
            if let [one] = items {
                return Ok(vec![(one.seq, rejected(code, message))]);
            }
            let mut all = Vec::with_capacity(items.len());
            for item in items {
                match send_once(ctx, std::slice::from_ref(item), missing).await {
                    Err(Failure::Refused { code, message, .. })
                        if CONTENT_CODES.contains(&code.as_str()) =>
                    {
                        all.push((item.seq, rejected(code, message)))
                    }
                    Err(f) => {
                        record(ctx, std::mem::take(&mut all), Vec::new(), Vec::new())
                            .await
                            .map_err(Failure::Retry)?;
                        return Err(f);
                    }
                    Ok(mut a) => all.append(&mut a),
                }
            }
            Ok(all)
        }
        other => other,
    }
}

fn rejected(code: String, message: Option<Localized>) -> RecordAnswer {
    let message = message.unwrap_or_else(|| {
        Localized::new(
            format!("Het portaal weigerde dit gegeven ({code})."),
            format!("The portal refused this record ({code})."),
        )
    });
    RecordAnswer::Rejected { code, message }
}

/// Sends the records in one request; the blobs the portal says it lacks go to `missing`.
async fn send_once<R: Replica>(
    ctx: &Ctx<R>,
    items: &[OutboxItem],
    missing: &mut Vec<Sha256Hex>,
) -> Result<Vec<(i64, RecordAnswer)>, Failure> {
    let mut answers = Vec::new();
    let mut records = Vec::new();
    let mut sent = Vec::new();
    for item in items {
        match to_record(item) {
            Ok(r) => {
                records.push(r);
                sent.push(item);
            }
            Err((code, message)) => {
                answers.push((item.seq, RecordAnswer::Rejected { code, message }))
            }
        }
    }
    if records.is_empty() {
        return Ok(answers);
    }
    let response = ctx.api.push(records).await?;
    let by_id: HashMap<uuid::Uuid, Outcome> = response
        .results
        .into_iter()
        .map(|r| (r.id, r.outcome))
        .collect();
    for item in sent {
        let id = uuid::Uuid::parse_str(&item.record_id).ok();
        let answer = match id.and_then(|id| by_id.get(&id)) {
            Some(Outcome::Accepted { conflict }) => RecordAnswer::Acknowledged {
                conflict: *conflict,
            },
            Some(Outcome::AlreadyStored { conflict }) => RecordAnswer::Acknowledged {
                conflict: *conflict,
            },
            Some(Outcome::Rejected {
                code,
                retryable: true,
                ..
            }) => RecordAnswer::Retry {
                reason: code.clone(),
            },
            Some(Outcome::Rejected { code, message, .. }) => RecordAnswer::Rejected {
                code: code.clone(),
                message: message.clone(),
            },
            Some(Outcome::MissingBlobs { hashes }) => {
                missing.extend(hashes.iter().filter_map(|h| Sha256Hex::parse(h).ok()));
                RecordAnswer::Retry {
                    reason: "missing_blobs".into(),
                }
            }
            None => RecordAnswer::Retry {
                reason: "no_answer".into(),
            },
        };
        answers.push((item.seq, answer));
    }
    Ok(answers)
}
