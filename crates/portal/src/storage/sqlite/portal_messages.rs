//! Messages the portal writes itself (`portal_messages`, migration 004): appointment
//! confirmations and complaint letters. Each gets its delivery row (pending) in the same
//! transaction, so the sender sends it like a pushed message. Once-only is kept by
//! constraints: the id and `once_key` are unique, and an appointment's confirmation by a
//! conditional upsert of the window it was last confirmed for.

use super::entities::load;
use super::{auth, parse_ts, parse_uuid, ts};
use crate::storage::*;
use rusqlite::{params, Connection};
use veldwerk_sync::protocol::AppointmentWithJobs;

pub(super) fn add(c: &Connection, m: &PortalMessage, actor: &str) -> Result<bool> {
    let n = c
        .prepare_cached(
            "INSERT INTO portal_messages (id, resident_id, about_kind, about_id, purpose,
                 once_key, payload, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            m.id.to_string(),
            m.resident_id.to_string(),
            m.about_kind,
            m.about_id.to_string(),
            m.purpose,
            m.once_key,
            m.payload,
            ts(&m.created_at),
        ])?;
    if n == 0 {
        return Ok(false);
    }
    super::messages::queue(c, m.id, m.created_at)?;
    auth::audit(
        c,
        &AuditEntry {
            at: m.created_at,
            actor: actor.to_string(),
            // appointment_confirmed, complaint_received, complaint_progress, complaint_outcome
            action: format!("{}_{}", m.about_kind, m.purpose),
            subject: format!("{} {}", m.about_kind, m.about_id),
            detail: format!("message {}", m.id),
        },
    )?;
    Ok(true)
}

pub(super) fn confirm_appointment(
    c: &Connection,
    window: TimeWindow,
    m: &PortalMessage,
) -> Result<bool> {
    // the appointment as it is now: a window moved meanwhile is confirmed in the next round
    let current = load::<AppointmentWithJobs>(c, EntityKind::Appointment, m.about_id)?;
    if current.is_none_or(|(_, a)| a.appointment.window != window) {
        return Ok(false);
    }
    let n = c
        .prepare_cached(
            "INSERT INTO appointment_confirmations
                 (appointment_id, window_start, window_end, message_id, confirmed_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (appointment_id) DO UPDATE SET window_start = excluded.window_start,
                 window_end = excluded.window_end, message_id = excluded.message_id,
                 confirmed_at = excluded.confirmed_at
             WHERE appointment_confirmations.window_start <> excluded.window_start
                OR appointment_confirmations.window_end <> excluded.window_end",
        )?
        .execute(params![
            m.about_id.to_string(),
            ts(&window.start),
            ts(&window.end),
            m.id.to_string(),
            ts(&m.created_at),
        ])?;
    if n == 0 {
        return Ok(false);
    }
    add(c, m, "portal")
}

pub(super) fn confirmations(c: &Connection) -> Result<Vec<(AppointmentId, TimeWindow)>> {
    let mut stmt = c.prepare_cached(
        "SELECT appointment_id, window_start, window_end FROM appointment_confirmations",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = AppointmentId(parse_uuid("appointment id", &r.get::<_, String>(0)?)?);
        let window = TimeWindow {
            start: parse_ts("window", &r.get::<_, String>(1)?)?,
            end: parse_ts("window", &r.get::<_, String>(2)?)?,
        };
        out.push((id, window));
    }
    Ok(out)
}

pub(super) fn list(
    c: &Connection,
    resident: Option<ResidentId>,
    about_kind: Option<&str>,
    id: Option<Uuid>,
) -> Result<Vec<PortalMessage>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, resident_id, about_kind, about_id, purpose, once_key, payload, created_at
         FROM portal_messages WHERE (?1 IS NULL OR resident_id = ?1)
             AND (?2 IS NULL OR about_kind = ?2) AND (?3 IS NULL OR id = ?3)
         ORDER BY created_at, id",
    )?;
    let mut rows = stmt.query(params![
        resident.map(|r| r.to_string()),
        about_kind,
        id.map(|i| i.to_string())
    ])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(PortalMessage {
            id: parse_uuid("message id", &r.get::<_, String>(0)?)?,
            resident_id: ResidentId(parse_uuid("resident id", &r.get::<_, String>(1)?)?),
            about_kind: r.get(2)?,
            about_id: parse_uuid("message subject", &r.get::<_, String>(3)?)?,
            purpose: r.get(4)?,
            once_key: r.get(5)?,
            payload: r.get(6)?,
            created_at: parse_ts("message time", &r.get::<_, String>(7)?)?,
        });
    }
    Ok(out)
}
