//! Removing what the technician may no longer hold: a resident no longer assigned to them
//! (with everything of theirs), a device or a visit that left their view.
//!
//! A purge first puts its keys in `purge_scope`. The database refuses a key while anything of
//! it waits to go up or a job of it is open (triggers of migration 005), and the append-only
//! guards let a delete through only for keys in the scope; the scope is emptied before the
//! transaction ends. So a purge that is not allowed yet changes nothing and waits (the change
//! is deferred), and no other delete of a record is possible.

use super::versions;
use crate::error::Result;
use crate::search;
use crate::Writer;
use rusqlite::{params, Connection, ErrorCode, OptionalExtension};

/// Puts a key in the scope; false when the database refuses it (something still waits).
fn scope(conn: &Connection, kind: &str, id: &str) -> Result<bool> {
    match conn
        .prepare_cached("INSERT OR IGNORE INTO purge_scope (kind, id) VALUES (?1, ?2)")?
        .execute(params![kind, id])
    {
        Ok(_) => Ok(true),
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

fn ids(conn: &Connection, sql: &str, key: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn clear_scope(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM purge_scope", [])?;
    Ok(())
}

/// Removes a resident and everything of theirs; false (nothing changed) while anything of
/// theirs waits to go up or a job of theirs is open.
pub(super) fn resident(w: &Writer, id: &str) -> Result<bool> {
    let c = &*w.tx;
    let devices = ids(c, "SELECT id FROM devices WHERE resident_id = ?1", id)?;
    let appointments = ids(c, "SELECT id FROM appointments WHERE resident_id = ?1", id)?;
    let mut jobs = Vec::new();
    for a in &appointments {
        jobs.extend(ids(c, "SELECT id FROM jobs WHERE appointment_id = ?1", a)?);
    }
    let allowed = scope(c, "resident", id)?
        && all_scoped(c, "device", &devices)?
        && all_scoped(c, "job", &jobs)?;
    if !allowed {
        clear_scope(c)?;
        return Ok(false);
    }
    // The acknowledged entries about them (personal data in their payloads), found before
    // the rows the mapping reads are gone.
    let sent = ids(
        c,
        "SELECT record_id FROM outbox_resident WHERE resident_id = ?1 AND state = 'acknowledged'",
        id,
    )?;
    for j in &jobs {
        delete_job(c, j)?;
    }
    for a in &appointments {
        c.prepare_cached("DELETE FROM appointments WHERE id = ?1")?
            .execute([a])?;
        versions::forget(c, "appointment", a)?;
    }
    for d in &devices {
        delete_device(c, d)?;
    }
    for (table, entity) in [
        ("malfunctions", "malfunction"),
        ("orders", "order"),
        ("deviation_requests", "deviation_request"),
        ("caregivers", "caregiver"),
        ("supplier_contacts", "supplier_contact"),
    ] {
        for x in ids(
            c,
            &format!("SELECT id FROM {table} WHERE resident_id = ?1"),
            id,
        )? {
            versions::forget(c, entity, &x)?;
        }
        c.prepare_cached(&format!("DELETE FROM {table} WHERE resident_id = ?1"))?
            .execute([id])?;
    }
    for table in [
        "signals",
        "complaints",
        "not_home_reports",
        "signatures",
        "documents",
        "photos",
        "messages",
        "plan_updates",
        "work_plans",
    ] {
        c.prepare_cached(&format!("DELETE FROM {table} WHERE resident_id = ?1"))?
            .execute([id])?;
    }
    for r in &sent {
        c.prepare_cached("DELETE FROM blob_refs WHERE record_id = ?1")?
            .execute([r])?;
        c.prepare_cached("DELETE FROM outbox WHERE record_id = ?1 AND state = 'acknowledged'")?
            .execute([r])?;
    }
    if let Some(seq) = c
        .prepare_cached("SELECT seq FROM residents WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, i64>(0))
        .optional()?
    {
        c.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
            .execute([search::resident_rowid(seq)])?;
    }
    c.prepare_cached("DELETE FROM residents WHERE id = ?1")?
        .execute([id])?;
    versions::forget(c, "resident", id)?;
    c.prepare_cached("DELETE FROM deferred_changes WHERE id = ?1")?
        .execute([id])?;
    clear_scope(c)?;
    Ok(true)
}

/// Removes a device that left the technician's view, with its slings and logbook; false
/// while anything of it waits to go up or a job on it is open.
pub(super) fn device(w: &Writer, id: &str) -> Result<bool> {
    let c = &*w.tx;
    if !scope(c, "device", id)? {
        clear_scope(c)?;
        return Ok(false);
    }
    let existed = delete_device(c, id)?;
    clear_scope(c)?;
    Ok(existed)
}

/// Removes a visit that left the technician's view with its closed jobs; false while a job of
/// it is open or its report waits to go up.
pub(super) fn appointment(w: &Writer, id: &str) -> Result<bool> {
    let c = &*w.tx;
    let jobs = ids(c, "SELECT id FROM jobs WHERE appointment_id = ?1", id)?;
    if !all_scoped(c, "job", &jobs)? {
        clear_scope(c)?;
        return Ok(false);
    }
    for j in &jobs {
        delete_job(c, j)?;
    }
    let n = c
        .prepare_cached("DELETE FROM appointments WHERE id = ?1")?
        .execute([id])?;
    clear_scope(c)?;
    Ok(n > 0)
}

fn all_scoped(c: &Connection, kind: &str, keys: &[String]) -> Result<bool> {
    for k in keys {
        if !scope(c, kind, k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A job in scope: its answers, draft, report, notices and row.
fn delete_job(c: &Connection, job: &str) -> Result<()> {
    for sql in [
        "DELETE FROM draft_answers WHERE job_id = ?1",
        "DELETE FROM job_drafts WHERE job_id = ?1",
        "DELETE FROM job_reports WHERE job_id = ?1",
        "DELETE FROM sync_notices WHERE job_id = ?1",
        "DELETE FROM jobs WHERE id = ?1",
    ] {
        c.prepare_cached(sql)?.execute([job])?;
    }
    Ok(())
}

/// A device in scope: its logbook (and head), slings, search row and row.
fn delete_device(c: &Connection, device: &str) -> Result<bool> {
    for e in ids(c, "SELECT id FROM logbook WHERE device_id = ?1", device)? {
        versions::forget(c, "logbook_entry", &e)?;
    }
    for s in ids(c, "SELECT id FROM slings WHERE hoist_id = ?1", device)? {
        versions::forget(c, "sling", &s)?;
    }
    for sql in [
        "DELETE FROM logbook WHERE device_id = ?1",
        "DELETE FROM logbook_heads WHERE device_id = ?1",
        "DELETE FROM slings WHERE hoist_id = ?1",
    ] {
        c.prepare_cached(sql)?.execute([device])?;
    }
    if let Some(seq) = c
        .prepare_cached("SELECT seq FROM devices WHERE id = ?1")?
        .query_row([device], |r| r.get::<_, i64>(0))
        .optional()?
    {
        c.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
            .execute([search::device_rowid(seq)])?;
    }
    let n = c
        .prepare_cached("DELETE FROM devices WHERE id = ?1")?
        .execute([device])?;
    versions::forget(c, "device", device)?;
    Ok(n > 0)
}
