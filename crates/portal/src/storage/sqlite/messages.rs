//! Messages' delivery state (`message_deliveries`, one row per message record, written with
//! the record) and the municipalities' e-mail addresses.
//!
//! A sender claims due messages in one IMMEDIATE transaction (attempts + 1, held until a
//! time), sends them outside any transaction, and records each outcome only if the message
//! is still pending at the attempt it claimed: a message that is `sent` is never claimed
//! again, and two senders never hold the same message at once.

use super::{auth, parse_ts, parse_uuid, ts};
use crate::storage::*;
use rusqlite::{params, Connection, OptionalExtension, Row};
use veldwerk_core::Localized;

/// Queues a message for the sender: its delivery row, pending from `at` (once per message).
pub(super) fn queue(c: &Connection, id: Uuid, at: DateTime<Utc>) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO message_deliveries (record_id, status, attempts, next_attempt_at, updated_at)
         VALUES (?1, 'pending', 0, ?2, ?2) ON CONFLICT (record_id) DO NOTHING",
    )?
    .execute(params![id.to_string(), ts(&at)])?;
    Ok(())
}

/// Who the audit log names for what the sender does.
const SENDER: &str = "portal";

pub(super) fn claim(
    c: &Connection,
    now: DateTime<Utc>,
    hold_until: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<ClaimedMessage>> {
    // a pushed message (records) or one the portal wrote (portal_messages)
    let mut stmt = c.prepare_cached(
        "SELECT d.record_id, COALESCE(r.payload, p.payload), d.attempts
         FROM message_deliveries d
         LEFT JOIN records r ON r.id = d.record_id AND r.record_type = 'message'
         LEFT JOIN portal_messages p ON p.id = d.record_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= ?1
         ORDER BY d.next_attempt_at, d.record_id LIMIT ?2",
    )?;
    let mut rows = stmt.query(params![ts(&now), limit])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let attempts: u32 = r.get(2)?;
        out.push(ClaimedMessage {
            id: parse_uuid("message id", &r.get::<_, String>(0)?)?,
            payload: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            attempt: attempts + 1,
        });
    }
    let mut hold = c.prepare_cached(
        "UPDATE message_deliveries SET attempts = attempts + 1, next_attempt_at = ?2,
             updated_at = ?3
         WHERE record_id = ?1 AND status = 'pending'",
    )?;
    for m in &out {
        hold.execute(params![m.id.to_string(), ts(&hold_until), ts(&now)])?;
    }
    Ok(out)
}

pub(super) fn finish(
    c: &Connection,
    id: Uuid,
    attempt: u32,
    result: &DeliveryResult,
    at: DateTime<Utc>,
) -> Result<bool> {
    let key = "WHERE record_id = ?1 AND status = 'pending' AND attempts = ?2";
    let (rid, when) = (id.to_string(), ts(&at));
    let (n, audit) = match result {
        DeliveryResult::Sent { to } => (
            c.prepare_cached(&format!(
                "UPDATE message_deliveries SET status = 'sent', sent_to = ?3, sent_at = ?4,
                     last_error_nl = NULL, last_error_en = NULL, updated_at = ?4 {key}"
            ))?
            .execute(params![rid, attempt, to, when])?,
            Some(("message_sent", format!("e-mail, attempt {attempt}"))),
        ),
        DeliveryResult::Office { to } => (
            c.prepare_cached(&format!(
                "UPDATE message_deliveries SET status = 'office', sent_to = ?3,
                     last_error_nl = NULL, last_error_en = NULL, updated_at = ?4 {key}"
            ))?
            .execute(params![rid, attempt, to, when])?,
            Some(("message_for_office", String::from("to be sent by hand"))),
        ),
        DeliveryResult::Retry {
            error,
            next_attempt_at,
        } => (
            c.prepare_cached(&format!(
                "UPDATE message_deliveries SET next_attempt_at = ?3, last_error_nl = ?4,
                     last_error_en = ?5, updated_at = ?6 {key}"
            ))?
            .execute(params![
                rid,
                attempt,
                ts(next_attempt_at),
                error.nl,
                error.en,
                when
            ])?,
            None,
        ),
        DeliveryResult::Failed { error } => (
            c.prepare_cached(&format!(
                "UPDATE message_deliveries SET status = 'failed', last_error_nl = ?3,
                     last_error_en = ?4, updated_at = ?5 {key}"
            ))?
            .execute(params![rid, attempt, error.nl, error.en, when])?,
            Some(("message_failed", error.en.clone())),
        ),
    };
    if let (1, Some((action, detail))) = (n, audit) {
        auth::audit(
            c,
            &AuditEntry {
                at,
                actor: SENDER.into(),
                action: action.into(),
                subject: format!("message {id}"),
                detail,
            },
        )?;
    }
    Ok(n == 1)
}

fn delivery_row(r: &Row) -> Result<MessageDelivery> {
    let status: String = r.get(1)?;
    let time = |i: usize| -> Result<Option<DateTime<Utc>>> {
        r.get::<_, Option<String>>(i)?
            .map(|t| parse_ts("delivery time", &t))
            .transpose()
    };
    let (nl, en): (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
    Ok(MessageDelivery {
        record_id: parse_uuid("message id", &r.get::<_, String>(0)?)?,
        status: DeliveryStatus::parse(&status).ok_or(StorageError::Corrupt {
            what: "delivery status",
            detail: status.clone(),
        })?,
        attempts: r.get(2)?,
        next_attempt_at: parse_ts("delivery time", &r.get::<_, String>(3)?)?,
        last_error: match (nl, en) {
            (Some(nl), Some(en)) => Some(Localized::new(nl, en)),
            (Some(x), None) | (None, Some(x)) => Some(Localized::new(x.clone(), x)),
            (None, None) => None,
        },
        sent_to: r.get(6)?,
        sent_at: time(7)?,
        handled_by: r.get(8)?,
        updated_at: parse_ts("delivery time", &r.get::<_, String>(9)?)?,
    })
}

pub(super) fn deliveries(c: &Connection) -> Result<Vec<MessageDelivery>> {
    let mut stmt = c.prepare_cached(
        "SELECT record_id, status, attempts, next_attempt_at, last_error_nl, last_error_en,
             sent_to, sent_at, handled_by, updated_at
         FROM message_deliveries ORDER BY updated_at DESC, record_id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(delivery_row(r)?);
    }
    Ok(out)
}

pub(super) fn mark_sent(c: &Connection, id: Uuid, actor: &str, at: DateTime<Utc>) -> Result<()> {
    let n = c
        .prepare_cached(
            "UPDATE message_deliveries SET status = 'sent', sent_at = ?2, handled_by = ?3,
                 updated_at = ?2
             WHERE record_id = ?1 AND status IN ('office', 'failed')",
        )?
        .execute(params![id.to_string(), ts(&at), actor])?;
    if n == 0 {
        let known: Option<String> = c
            .prepare_cached("SELECT status FROM message_deliveries WHERE record_id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?;
        return Err(match known {
            None => StorageError::NotFound("message"),
            Some(_) => StorageError::Refused("the message was sent already or is being sent"),
        });
    }
    auth::audit(
        c,
        &AuditEntry {
            at,
            actor: actor.to_string(),
            action: "message_sent_by_hand".into(),
            subject: format!("message {id}"),
            detail: String::new(),
        },
    )
}

pub(super) fn municipality_email(c: &Connection, id: MunicipalityId) -> Result<Option<String>> {
    Ok(
        c.prepare_cached("SELECT email FROM municipality_contacts WHERE municipality_id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?,
    )
}

pub(super) fn set_municipality_email(
    c: &Connection,
    id: MunicipalityId,
    email: &str,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let known: Option<i64> = c
        .prepare_cached("SELECT 1 FROM entities WHERE kind = 'municipality' AND id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    if known.is_none() {
        return Err(StorageError::NotFound("municipality"));
    }
    c.prepare_cached(
        "INSERT INTO municipality_contacts (municipality_id, email, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (municipality_id) DO UPDATE SET email = excluded.email,
             updated_at = excluded.updated_at",
    )?
    .execute(params![id.to_string(), email.trim(), ts(&at)])?;
    auth::audit(
        c,
        &AuditEntry {
            at,
            actor: actor.to_string(),
            action: "municipality_email".into(),
            subject: format!("municipality {id}"),
            detail: email.trim().to_string(),
        },
    )
}
