//! Storing pushed records: one IMMEDIATE transaction per request, one savepoint per record.
//!
//! Per record: (1) look up what it refers to, (2) INSERT it with ON CONFLICT (id) DO
//! NOTHING: when nothing was inserted the id is taken, and the stored hash decides between
//! `already_stored` and `conflicting_duplicate` (the constraint decides, never a read
//! before the insert), (3) check the scope, (4) check the blobs, (5) apply its effects.
//! A rejection at (3) to (5) rolls the savepoint back: nothing of the record remains.

use super::entities::may_record_for;
use super::push_apply::{apply, Applied};
use super::refs::{self, device_in_scope, job, missing_blobs, resident_of, Refs};
use super::{auth, ts};
use crate::domain::records::{Body, Incoming};
use crate::storage::{AuditEntry, PushContext, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use veldwerk_core::ids::{DeviceId, JobId, ResidentId, TechnicianId};
use veldwerk_core::jobs::ResidentLink;
use veldwerk_sync::protocol::{codes, EntityKind, Outcome, RecordResult};

pub(super) fn push(
    tx: &mut Transaction,
    ctx: &PushContext,
    records: Vec<Incoming>,
) -> Result<Vec<RecordResult>> {
    let mut results = Vec::with_capacity(records.len());
    let (mut accepted, mut repeated, mut refused) = (0u32, 0u32, 0u32);
    for rec in records {
        let sp = tx.savepoint()?;
        let outcome = push_one(&sp, ctx, &rec)?;
        match &outcome {
            Outcome::Accepted { .. } => {
                accepted += 1;
                sp.commit()?;
            }
            Outcome::AlreadyStored { .. } => {
                repeated += 1;
                sp.commit()?;
            }
            Outcome::Rejected { code, .. } => {
                refused += 1;
                drop(sp);
                auth::audit(
                    tx,
                    &AuditEntry {
                        at: ctx.at,
                        actor: ctx.actor.clone(),
                        action: "record_rejected".into(),
                        subject: rec.id.to_string(),
                        detail: format!("{} {code}", rec.record_type.as_str()),
                    },
                )?;
            }
            Outcome::MissingBlobs { hashes } => {
                refused += 1;
                drop(sp);
                auth::audit(
                    tx,
                    &AuditEntry {
                        at: ctx.at,
                        actor: ctx.actor.clone(),
                        action: "record_missing_blobs".into(),
                        subject: rec.id.to_string(),
                        detail: format!("{} blob(s) missing", hashes.len()),
                    },
                )?;
            }
        }
        results.push(RecordResult {
            id: rec.id,
            outcome,
        });
    }
    if accepted > 0 {
        auth::audit(
            tx,
            &AuditEntry {
                at: ctx.at,
                actor: ctx.actor.clone(),
                action: "push".into(),
                subject: ctx.installation_id.to_string(),
                detail: format!(
                    "{accepted} accepted, {repeated} already stored, {refused} refused"
                ),
            },
        )?;
    }
    Ok(results)
}

fn out_of_scope() -> Outcome {
    Outcome::rejected(
        codes::OUT_OF_SCOPE,
        "Het record verwijst naar een inwoner, hulpmiddel of werkbon die het portaal niet kent \
         of die niet aan u is toegewezen.",
        "The record refers to a resident, device or job the portal does not know or that is \
         not assigned to you.",
    )
}

fn push_one(c: &Connection, ctx: &PushContext, rec: &Incoming) -> Result<Outcome> {
    let refs = refs_of(c, ctx.technician_id, &rec.body)?;
    let inserted = c
        .prepare_cached(
            "INSERT INTO records (id, record_type, hash, payload, technician_id, installation_id,
                 resident_id, device_id, job_id, status, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'stored', ?10)
             ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            rec.id.to_string(),
            rec.record_type.as_str(),
            rec.hash,
            rec.payload,
            ctx.technician_id.to_string(),
            ctx.installation_id.to_string(),
            refs.resident.map(|r| r.to_string()),
            refs.device.map(|d| d.to_string()),
            refs.job.map(|j| j.to_string()),
            ts(&ctx.at),
        ])?;
    if inserted == 0 {
        let stored: Option<(String, String)> = c
            .prepare_cached("SELECT hash, status FROM records WHERE id = ?1")?
            .query_row([rec.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        return Ok(match stored {
            Some((hash, status)) if hash == rec.hash => Outcome::AlreadyStored {
                conflict: status != "stored",
            },
            _ => Outcome::rejected(
                codes::CONFLICTING_DUPLICATE,
                "Onder dit id staat al een ander record op het portaal.",
                "The portal already holds another record under this id.",
            ),
        });
    }
    if !refs.in_scope {
        return Ok(out_of_scope());
    }
    let missing = missing_blobs(c, &rec.blobs)?;
    if !missing.is_empty() {
        return Ok(Outcome::MissingBlobs { hashes: missing });
    }
    let mut stmt = c.prepare_cached(
        "INSERT INTO record_blobs (record_id, sha256) VALUES (?1, ?2)
         ON CONFLICT (record_id, sha256) DO NOTHING",
    )?;
    for b in &rec.blobs {
        stmt.execute(params![rec.id.to_string(), b])?;
    }
    Ok(match apply(c, ctx, rec, &refs)? {
        Applied::Stored => Outcome::Accepted { conflict: false },
        Applied::Conflict => Outcome::Accepted { conflict: true },
        Applied::Rejected(o) => o,
    })
}

/// A resident the technician is assigned to.
fn mine(c: &Connection, t: TechnicianId, r: ResidentId) -> Result<bool> {
    may_record_for(c, r, t)
}

fn refs_of(c: &Connection, t: TechnicianId, body: &Body) -> Result<Refs> {
    let mut refs = Refs::default();
    // the job, when named, must belong to the resident
    let job_of = |refs: &mut Refs, id: Option<JobId>, resident: ResidentId| -> Result<bool> {
        match id {
            None => Ok(true),
            Some(id) => {
                refs.job = Some(id);
                Ok(job(c, id)?.is_some_and(|j| j.resident == resident))
            }
        }
    };
    // A device on record with a resident: theirs, one in the depot (a delivery's, before it is
    // handed over), or the job's own device (a collected one, already back in the depot or
    // with another resident since): work done on site is a fact.
    let device_of = |refs: &mut Refs,
                     id: Option<DeviceId>,
                     resident: ResidentId,
                     job_id: Option<JobId>|
     -> Result<bool> {
        match id {
            None => Ok(true),
            Some(id) => {
                refs.device = Some(id);
                let holder = refs::device(c, id)?;
                if matches!(holder, Some(Some(r)) if r == resident) || holder == Some(None) {
                    return Ok(true);
                }
                Ok(match job_id {
                    Some(j) => {
                        job(c, j)?.is_some_and(|j| j.resident == resident && j.device == Some(id))
                    }
                    None => false,
                })
            }
        }
    };
    refs.in_scope = match body {
        Body::JobReport(r) => {
            refs.job = Some(r.job_id);
            match job(c, r.job_id)? {
                Some(j) => {
                    refs.resident = Some(j.resident);
                    refs.device = j.device;
                    mine(c, t, j.resident)?
                }
                None => false,
            }
        }
        Body::ClosedDraft(d) => {
            refs.job = Some(d.job_id);
            match job(c, d.job_id)? {
                Some(j) => {
                    refs.resident = Some(j.resident);
                    refs.device = j.device;
                    mine(c, t, j.resident)?
                }
                None => false,
            }
        }
        Body::LogbookEntry(e) => {
            refs.device = Some(e.device_id);
            refs.job = e.job_id;
            refs.resident = refs::device(c, e.device_id)?.flatten();
            device_in_scope(c, e.device_id, t)?
        }
        Body::DeviceUpdate(u) => {
            refs.device = Some(u.update.device_id);
            refs.job = Some(u.job_id);
            refs.resident = refs::device(c, u.update.device_id)?.flatten();
            let target_ok = match u.update.changes.resident {
                Some(ResidentLink::Resident(r)) => mine(c, t, r)?,
                _ => true,
            };
            target_ok && device_in_scope(c, u.update.device_id, t)?
        }
        Body::SlingUpdate(u) => {
            refs.job = Some(u.job_id);
            match resident_of(c, EntityKind::Sling, u.update.sling_id.0)? {
                Some(Some(r)) => {
                    refs.resident = Some(r);
                    mine(c, t, r)?
                }
                Some(None) => true,
                None => false,
            }
        }
        Body::MalfunctionUpdate(u) => {
            refs.job = Some(u.job_id);
            scoped_entity(
                c,
                t,
                &mut refs,
                EntityKind::Malfunction,
                u.update.malfunction_id.0,
            )?
        }
        Body::OrderUpdate(u) => {
            refs.job = Some(u.job_id);
            scoped_entity(c, t, &mut refs, EntityKind::Order, u.update.order_id.0)?
        }
        Body::WorkPlan(p) => {
            refs.resident = Some(p.resident_id);
            mine(c, t, p.resident_id)?
        }
        Body::PlanUpdate(u) => {
            refs.resident = Some(u.resident_id);
            mine(c, t, u.resident_id)?
        }
        Body::Message(m) => {
            refs.resident = Some(m.resident_id);
            mine(c, t, m.resident_id)? && job_of(&mut refs, m.job_id, m.resident_id)?
        }
        Body::Signal(s) => {
            refs.resident = Some(s.resident_id);
            mine(c, t, s.resident_id)?
                && device_of(&mut refs, s.device_id, s.resident_id, s.job_id)?
                && job_of(&mut refs, s.job_id, s.resident_id)?
        }
        Body::Complaint(x) => {
            refs.resident = Some(x.resident_id);
            mine(c, t, x.resident_id)? && job_of(&mut refs, x.job_id, x.resident_id)?
        }
        Body::DeviationRequest(d) => {
            refs.resident = Some(d.resident_id);
            let order = resident_of(c, EntityKind::Order, d.order_id.0)?;
            mine(c, t, d.resident_id)?
                && order == Some(Some(d.resident_id))
                && job_of(&mut refs, Some(d.job_id), d.resident_id)?
        }
        Body::NotHomeReport(n) => {
            refs.resident = Some(n.resident_id);
            let mut ok = mine(c, t, n.resident_id)?
                && resident_of(c, EntityKind::Appointment, n.appointment_id.0)?
                    == Some(Some(n.resident_id));
            for j in &n.jobs {
                ok = ok && job(c, *j)?.is_some_and(|j| j.appointment == n.appointment_id);
            }
            ok
        }
        Body::Malfunction(m) => {
            let r = m.malfunction.resident_id;
            refs.resident = Some(r);
            refs.job = Some(m.job.id);
            mine(c, t, r)?
                && device_of(&mut refs, Some(m.malfunction.device_id), r, None)?
                && resident_of(c, EntityKind::Appointment, m.job.appointment_id.0)? == Some(Some(r))
        }
        Body::Blob(b) => {
            refs.resident = Some(b.resident_id);
            mine(c, t, b.resident_id)?
                && device_of(&mut refs, b.device_id, b.resident_id, b.job_id)?
                && job_of(&mut refs, b.job_id, b.resident_id)?
        }
    };
    Ok(refs)
}

/// An entity scoped to a resident the technician is assigned to.
fn scoped_entity(
    c: &Connection,
    t: TechnicianId,
    refs: &mut Refs,
    kind: EntityKind,
    id: uuid::Uuid,
) -> Result<bool> {
    match resident_of(c, kind, id)? {
        Some(Some(r)) => {
            refs.resident = Some(r);
            mine(c, t, r)
        }
        _ => Ok(false),
    }
}
