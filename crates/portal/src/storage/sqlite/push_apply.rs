//! What an accepted record does to the portal's data.
//!
//! * Facts made on site (reports, signals, complaints, not-home reports, closed drafts,
//!   photos, signatures, documents) are stored as they are; a report closes its job and a
//!   not-home report its jobs (and the visit when nothing is left open).
//! * A logbook entry is appended when it continues the device's chain on the portal.
//! * An update of master data is applied when its `base_version` is the portal's current
//!   version (or absent, for now), else it is kept as a conflict for the office.
//! * A malfunction reported on site becomes a malfunction with its repair job in the visit;
//!   a deviation request becomes a request the municipality answers.
//! * A message is queued for the portal's sender (its delivery row, pending).
//!
//! Every change to master data goes out in the change feed.

use super::entities::{load, put_data};
use super::refs::Refs;
use super::ts;
use crate::domain::apply as rules;
use crate::domain::chain::{self, ChainVerdict};
use crate::domain::records::{Body, Incoming};
use crate::storage::{PushContext, Result, StorageError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use veldwerk_core::ids::JobId;
use veldwerk_core::jobs::DeviationRequest;
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::{Device, JobStatus, Malfunction, Order, Sling};
use veldwerk_sync::protocol::{codes, AppointmentWithJobs, EntityData, EntityKind, Outcome};

pub(super) enum Applied {
    Stored,
    /// A master-data update kept for the office.
    Conflict,
    Rejected(Outcome),
}

fn invalid(nl: &str, en: &str) -> Applied {
    Applied::Rejected(Outcome::rejected(codes::INVALID_PAYLOAD, nl, en))
}

pub(super) fn apply(
    c: &Connection,
    ctx: &PushContext,
    rec: &Incoming,
    refs: &Refs,
) -> Result<Applied> {
    let at = ctx.at;
    match &rec.body {
        Body::JobReport(r) => {
            let other: Option<String> = c
                .prepare_cached(
                    "SELECT id FROM records WHERE record_type = 'job_report' AND job_id = ?1
                     AND id <> ?2 LIMIT 1",
                )?
                .query_row(params![r.job_id.to_string(), rec.id.to_string()], |x| {
                    x.get(0)
                })
                .optional()?;
            if other.is_some() {
                return Ok(invalid(
                    "Deze werkbon heeft al een ander rapport.",
                    "This job already has another report.",
                ));
            }
            close_jobs(c, refs, &[r.job_id], JobStatus::Completed, at)?;
            Ok(Applied::Stored)
        }
        Body::NotHomeReport(n) => {
            let Some((_, mut a)) =
                load::<AppointmentWithJobs>(c, EntityKind::Appointment, n.appointment_id.0)?
            else {
                return Err(StorageError::NotFound("appointment"));
            };
            if rules::close_jobs(&mut a, &n.jobs, JobStatus::CannotProceed) {
                put_data(c, &EntityData::Appointment(a), at)?;
            }
            Ok(Applied::Stored)
        }
        Body::LogbookEntry(e) => append_logbook(c, e, at),
        Body::DeviceUpdate(_)
        | Body::SlingUpdate(_)
        | Body::MalfunctionUpdate(_)
        | Body::OrderUpdate(_) => match update(c, &rec.body, at, false)? {
            Ok(()) => Ok(Applied::Stored),
            Err((kind, id, base, version)) => {
                keep_conflict(c, ctx, rec, kind, id, base, version)?;
                Ok(Applied::Conflict)
            }
        },
        Body::DeviationRequest(d) => {
            if load::<DeviationRequest>(c, EntityKind::DeviationRequest, d.id.0)?.is_some() {
                return Ok(invalid(
                    "Dit afwijkingsverzoek bestaat al.",
                    "This deviation request exists already.",
                ));
            }
            put_data(c, &EntityData::DeviationRequest(d.clone()), at)?;
            Ok(Applied::Stored)
        }
        Body::Malfunction(m) => {
            if load::<Malfunction>(c, EntityKind::Malfunction, m.malfunction.id.0)?.is_some() {
                return Ok(invalid(
                    "Deze storing bestaat al.",
                    "This malfunction exists already.",
                ));
            }
            let Some((_, mut a)) =
                load::<AppointmentWithJobs>(c, EntityKind::Appointment, m.job.appointment_id.0)?
            else {
                return Err(StorageError::NotFound("appointment"));
            };
            if a.jobs.iter().any(|j| j.id == m.job.id) {
                return Ok(invalid(
                    "Deze werkbon bestaat al.",
                    "This job exists already.",
                ));
            }
            put_data(c, &EntityData::Malfunction(m.malfunction.clone()), at)?;
            a.jobs.push(m.job.clone());
            put_data(c, &EntityData::Appointment(a), at)?;
            Ok(Applied::Stored)
        }
        Body::WorkPlan(_) | Body::PlanUpdate(_) => Ok(Applied::Stored),
        Body::Message(_) => {
            // to be sent by the portal's sender (crate::messages)
            super::messages::queue(c, rec.id, at)?;
            Ok(Applied::Stored)
        }
        Body::Signal(_) | Body::Complaint(_) | Body::ClosedDraft(_) | Body::Blob(_) => {
            Ok(Applied::Stored)
        }
    }
}

fn close_jobs(
    c: &Connection,
    refs: &Refs,
    jobs: &[JobId],
    status: JobStatus,
    at: DateTime<Utc>,
) -> Result<()> {
    let Some(job) = refs.job else {
        return Ok(());
    };
    let Some(j) = super::refs::job(c, job)? else {
        return Ok(());
    };
    if let Some((_, mut a)) =
        load::<AppointmentWithJobs>(c, EntityKind::Appointment, j.appointment.0)?
    {
        if rules::close_jobs(&mut a, jobs, status) {
            put_data(c, &EntityData::Appointment(a), at)?;
        }
    }
    Ok(())
}

fn append_logbook(c: &Connection, e: &LogbookEntry, at: DateTime<Utc>) -> Result<Applied> {
    let head: Option<(u32, String)> = c
        .prepare_cached(
            "SELECT seq, hash FROM logbook_links WHERE device_id = ?1 ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([e.device_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match chain::check(head.as_ref().map(|(s, h)| (*s, h.as_str())), e) {
        ChainVerdict::Append => {}
        ChainVerdict::Gap => return Ok(Applied::Rejected(Outcome::Rejected {
            code: codes::CHAIN_GAP.into(),
            message: veldwerk_core::Localized::new(
                "Eerdere logboekregels van dit hulpmiddel zijn nog niet binnen; stuur die eerst.",
                "Earlier logbook entries of this device have not arrived yet; send those first.",
            ),
            retryable: true,
        })),
        ChainVerdict::Fork => {
            return Ok(Applied::Rejected(Outcome::rejected(
                codes::CHAIN_FORK,
                "De logboekregel sluit niet aan op het logboek van dit hulpmiddel op het portaal.",
                "The logbook entry does not continue this device's logbook on the portal.",
            )))
        }
    }
    if let Some(corrected) = e.corrects {
        match load::<LogbookEntry>(c, EntityKind::LogbookEntry, corrected.0)? {
            Some((_, old)) if old.device_id == e.device_id => {}
            _ => {
                return Ok(invalid(
                    "De verbeterde logboekregel bestaat niet bij dit hulpmiddel.",
                    "The corrected logbook entry does not exist for this device.",
                ))
            }
        }
    }
    insert_link(c, e)?;
    put_data(c, &EntityData::LogbookEntry(e.clone()), at)?;
    Ok(Applied::Stored)
}

/// Records a logbook entry's place in its device's chain.
pub(super) fn insert_link(c: &Connection, e: &LogbookEntry) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO logbook_links (device_id, seq, entry_id, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        e.device_id.to_string(),
        e.seq,
        e.id.to_string(),
        e.prev_hash,
        e.hash
    ])?;
    Ok(())
}

/// A version mismatch: (kind, id, base_version, portal version).
type Mismatch = (EntityKind, uuid::Uuid, Option<i64>, i64);

/// Applies an update of master data when its `base_version` is the entity's version (or
/// absent, or `force`: the office chose the technician's update); else answers the mismatch.
pub(super) fn update(
    c: &Connection,
    body: &Body,
    at: DateTime<Utc>,
    force: bool,
) -> Result<std::result::Result<(), Mismatch>> {
    match body {
        Body::DeviceUpdate(u) => master(
            c,
            at,
            EntityKind::Device,
            u.update.device_id.0,
            u.base_version,
            force,
            |d: &mut Device| {
                rules::device(d, &u.update.changes);
                EntityData::Device(d.clone())
            },
        ),
        Body::SlingUpdate(u) => master(
            c,
            at,
            EntityKind::Sling,
            u.update.sling_id.0,
            u.base_version,
            force,
            |s: &mut Sling| {
                rules::sling(s, &u.update);
                EntityData::Sling(s.clone())
            },
        ),
        Body::MalfunctionUpdate(u) => master(
            c,
            at,
            EntityKind::Malfunction,
            u.update.malfunction_id.0,
            u.base_version,
            force,
            |m: &mut Malfunction| {
                rules::malfunction(m, &u.update);
                EntityData::Malfunction(m.clone())
            },
        ),
        Body::OrderUpdate(u) => master(
            c,
            at,
            EntityKind::Order,
            u.update.order_id.0,
            u.base_version,
            force,
            |o: &mut Order| {
                rules::order(o, &u.update);
                EntityData::Order(o.clone())
            },
        ),
        _ => Err(StorageError::Refused("not an update of master data")),
    }
}

#[allow(clippy::too_many_arguments)]
fn master<T: serde::de::DeserializeOwned>(
    c: &Connection,
    at: DateTime<Utc>,
    kind: EntityKind,
    id: uuid::Uuid,
    base_version: Option<i64>,
    force: bool,
    change: impl FnOnce(&mut T) -> EntityData,
) -> Result<std::result::Result<(), Mismatch>> {
    let Some((version, mut entity)) = load::<T>(c, kind, id)? else {
        return Err(StorageError::NotFound("entity"));
    };
    if !force && base_version.is_some_and(|b| b != version) {
        return Ok(Err((kind, id, base_version, version)));
    }
    let data = change(&mut entity);
    // Every applied update makes a new version, also one that changed nothing: the client
    // counts on it for the base of its next update of the entity.
    if put_data(c, &data, at)? == version {
        super::entities::bump(c, kind, id, at)?;
    }
    Ok(Ok(()))
}

fn keep_conflict(
    c: &Connection,
    ctx: &PushContext,
    rec: &Incoming,
    kind: EntityKind,
    id: uuid::Uuid,
    base_version: Option<i64>,
    version: i64,
) -> Result<()> {
    c.prepare_cached("UPDATE records SET status = 'conflict' WHERE id = ?1")?
        .execute([rec.id.to_string()])?;
    c.prepare_cached(
        "INSERT INTO conflicts (record_id, entity, entity_id, base_version, portal_version,
             created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        rec.id.to_string(),
        kind.as_str(),
        id.to_string(),
        base_version,
        version,
        ts(&ctx.at)
    ])?;
    Ok(())
}
