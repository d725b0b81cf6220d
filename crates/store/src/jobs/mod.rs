//! Guided jobs in the replica: drafts that autosave on every answer, completing a job as one
//! transaction, the other records a visit produces (signals, complaints, not-home reports,
//! logbook corrections), and the outbox that carries every record to the portal.
//!
//! Every write is one [`crate::Writer`] transaction that writes the record(s) and their
//! outbox entries together, so a crash, a kill or a full disk leaves either all of it or
//! none of it. Records are client-identified: writing the same record twice changes nothing.

mod complete;
mod drafts;
mod media;
mod records;
mod service;

pub(crate) use records::already_stored;

use crate::codec::{enum_text, time_text};
use crate::error::{Result, StoreError};
use crate::fetch::{collect, one};
use crate::queries::drive_repairs_in_year;
use crate::rows::{self, sql};
use crate::views::{DeviceSummary, OutboxEntry};
use crate::Store;
use chrono::{DateTime, SubsecRound, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::{
    Answer, DeviationRequest, JobContext, JobDraft, JobReport, JobState, NotHomeReport, Signal,
};
use veldwerk_core::model::*;
use veldwerk_core::sla::local_date;
use veldwerk_core::Category;

/// The `record_type` of outbox entries.
pub mod record_type {
    pub const JOB_REPORT: &str = "job_report";
    pub const LOGBOOK_ENTRY: &str = "logbook_entry";
    pub const DEVICE_UPDATE: &str = "device_update";
    pub const SLING_UPDATE: &str = "sling_update";
    pub const MALFUNCTION_UPDATE: &str = "malfunction_update";
    pub const ORDER_UPDATE: &str = "order_update";
    pub const SIGNAL: &str = "signal";
    pub const COMPLAINT: &str = "complaint";
    pub const DEVIATION_REQUEST: &str = "deviation_request";
    pub const NOT_HOME_REPORT: &str = "not_home_report";
    /// A malfunction reported on site, with its repair job.
    pub const MALFUNCTION: &str = "malfunction";
    /// The answers of a job closed by a not-home report before it was completed.
    pub const CLOSED_DRAFT: &str = "closed_draft";
    /// A message to a resident or municipality, for the portal to send.
    pub const MESSAGE: &str = "message";
    /// A case manager's plan for complex custom work, and its updates.
    pub const WORK_PLAN: &str = "work_plan";
    pub const PLAN_UPDATE: &str = "plan_update";
}

/// Records a client identifies itself and that are looked up by id only (see
/// [`Store::record_stored`]; signals and complaints are read whole: [`Store::signal`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoredKind {
    NotHomeReport,
    Malfunction,
}

/// Loan candidates shown at most.
pub const LOAN_CANDIDATES_LIMIT: u32 = 50;

/// Outbox entries per page at most.
pub const OUTBOX_PAGE_LIMIT: u32 = 1000;

/// Times are stored with millisecond precision; records are compared as stored.
pub(crate) fn millis(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(3)
}

/// The payload of an update of master data: the update with its own record id, the job
/// that made it and the version of the entity it was made on (see crate::sync::versions).
#[derive(Serialize)]
pub(crate) struct UpdatePayload<'a, T: Serialize> {
    pub id: &'a str,
    pub job_id: JobId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_version: Option<i64>,
    #[serde(flatten)]
    pub update: &'a T,
}

pub(crate) fn push_outbox<T: Serialize>(
    conn: &Connection,
    record_id: &str,
    record_type: &str,
    record: &T,
    created_at: DateTime<Utc>,
) -> Result<()> {
    let payload = serde_json::to_string(record).map_err(|e| StoreError::Corrupt {
        what: "outbox payload",
        detail: e.to_string(),
    })?;
    // The entry is frozen as queued: its content hash travels with it (see crate::sync).
    let hash = crate::sync::content_hash(payload.as_bytes());
    conn.prepare_cached(sql::INSERT_OUTBOX)?.execute(params![
        record_id,
        record_type,
        payload,
        time_text(&created_at),
        hash
    ])?;
    Ok(())
}

/// Pushes an update of master data with a fresh UUIDv7 as its record id.
pub(crate) fn push_update<T: Serialize>(
    conn: &Connection,
    record_type: &str,
    job_id: JobId,
    update: &T,
    created_at: DateTime<Utc>,
) -> Result<()> {
    let id = uuid::Uuid::now_v7().to_string();
    let base_version = crate::sync::versions::base_for_update(conn, record_type, update)?;
    let payload = UpdatePayload {
        id: &id,
        job_id,
        base_version,
        update,
    };
    push_outbox(conn, &id, record_type, &payload, created_at)
}

pub(crate) fn load_job(conn: &Connection, id: JobId) -> Result<Job> {
    one(conn, &sql::JOB_BY_ID, [id.to_string()], rows::job)?
        .ok_or(StoreError::NotFound { kind: "job" })
}

pub(crate) fn load_appointment(conn: &Connection, id: AppointmentId) -> Result<Appointment> {
    one(
        conn,
        &sql::APPOINTMENT_BY_ID,
        [id.to_string()],
        rows::appointment,
    )?
    .ok_or(StoreError::NotFound {
        kind: "appointment",
    })
}

pub(crate) fn exists(conn: &Connection, table: &'static str, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Refuses a reference to a record the replica does not hold.
pub(crate) fn must_exist(
    conn: &Connection,
    table: &'static str,
    kind: &'static str,
    id: &str,
) -> Result<()> {
    if exists(conn, table, id)? {
        Ok(())
    } else {
        Err(StoreError::NotFound { kind })
    }
}

pub(crate) fn exists_report(conn: &Connection, job: JobId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM job_reports WHERE job_id = ?1")?
        .query_row([job.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The draft of a job with its answers.
pub(crate) fn read_draft(conn: &Connection, job: JobId) -> Result<Option<JobDraft>> {
    let jid = job.to_string();
    let Some(mut draft) = one(conn, &sql::DRAFT_OF, [&jid], rows::draft_head)? else {
        return Ok(None);
    };
    draft.answers = collect(conn, &sql::ANSWERS_OF, [&jid], rows::draft_answer)?
        .into_iter()
        .collect();
    Ok(Some(draft))
}

pub(crate) fn draft_state(conn: &Connection, job: JobId) -> Result<Option<JobState>> {
    one(conn, sql::DRAFT_STATE_OF, [job.to_string()], |row| {
        crate::codec::enum_from("job state", &row.get::<_, String>(0)?)
    })
}

/// The draft's state when it may still change: DraftMissing (or NotFound for an unknown
/// job) when there is none, JobClosed when it is completed or could not proceed.
pub(crate) fn open_draft_state(conn: &Connection, job: JobId) -> Result<JobState> {
    match draft_state(conn, job)? {
        Some(s) if s.is_final() => Err(StoreError::JobClosed),
        Some(s) => Ok(s),
        None => {
            load_job(conn, job)?;
            Err(StoreError::DraftMissing)
        }
    }
}

pub(crate) fn set_job_status(conn: &Connection, job: JobId, status: JobStatus) -> Result<()> {
    conn.prepare_cached("UPDATE jobs SET status = ?2 WHERE id = ?1")?
        .execute(params![job.to_string(), enum_text(&status)])?;
    Ok(())
}

/// When no job of the appointment is still open, the visit is over: done when any job was
/// completed, not_home when none could proceed.
pub(crate) fn close_appointment_if_finished(
    conn: &Connection,
    appointment: AppointmentId,
) -> Result<()> {
    let (open, completed): (u32, u32) = conn
        .prepare_cached(
            "SELECT coalesce(sum(status NOT IN ('completed', 'cannot_proceed')), 0),
                    coalesce(sum(status = 'completed'), 0)
             FROM jobs WHERE appointment_id = ?1",
        )?
        .query_row([appointment.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if open == 0 {
        let status = if completed > 0 {
            AppointmentStatus::Done
        } else {
            AppointmentStatus::NotHome
        };
        conn.prepare_cached("UPDATE appointments SET status = ?2 WHERE id = ?1")?
            .execute(params![appointment.to_string(), enum_text(&status)])?;
    }
    Ok(())
}

pub(crate) fn latest_deviation(
    conn: &Connection,
    order: OrderId,
) -> Result<Option<DeviationRequest>> {
    one(
        conn,
        &sql::LATEST_DEVIATION_OF_ORDER,
        [order.to_string()],
        rows::deviation,
    )
}

fn device_by_registration(conn: &Connection, reg: &str) -> Result<Option<Device>> {
    one(
        conn,
        &sql::DEVICE_BY_REGISTRATION,
        [reg.trim()],
        rows::device,
    )
}

/// Everything the rules of a job need (see [`Store::job_context`]), with the devices named
/// by registration number in `draft`'s answers and in `extra`. With `now` the job day is the
/// day of the work ([`veldwerk_core::jobs::context::work_day`]), else the planned day.
pub(crate) fn job_context_of(
    conn: &Connection,
    job: JobId,
    draft: Option<&JobDraft>,
    extra: &[&str],
    now: Option<DateTime<Utc>>,
) -> Result<JobContext> {
    let job = load_job(conn, job)?;
    let appointment = load_appointment(conn, job.appointment_id)?;
    let rid = appointment.resident_id.to_string();
    let (resident, _) = one(
        conn,
        &sql::RESIDENT_BY_ID,
        [&rid],
        rows::resident_with_municipality,
    )?
    .ok_or(StoreError::NotFound { kind: "resident" })?;
    let caregivers = collect(conn, &sql::CAREGIVERS_OF, [&rid], rows::caregiver)?;
    let device = match job.device_id {
        Some(d) => Some(
            one(conn, &sql::DEVICE_BY_ID, [d.to_string()], rows::device)?
                .ok_or(StoreError::NotFound { kind: "device" })?,
        ),
        None => None,
    };
    let order = match job.order_id {
        Some(o) => Some(
            one(conn, &sql::ORDER_BY_ID, [o.to_string()], rows::order)?
                .ok_or(StoreError::NotFound { kind: "order" })?,
        ),
        None => None,
    };
    let malfunction = match job.malfunction_id {
        Some(m) => Some(
            one(
                conn,
                &sql::MALFUNCTION_BY_ID,
                [m.to_string()],
                rows::malfunction,
            )?
            .ok_or(StoreError::NotFound {
                kind: "malfunction",
            })?,
        ),
        None => None,
    };
    let slings = match &device {
        Some(d) if d.category.is_hoist() => {
            collect(conn, &sql::SLINGS_OF, [d.id.to_string()], rows::sling)?
        }
        _ => Vec::new(),
    };
    let technician = one(
        conn,
        &sql::TECHNICIAN_BY_ID,
        [appointment.technician_id.to_string()],
        rows::technician,
    )?
    .ok_or(StoreError::NotFound { kind: "technician" })?;
    let planned_day = local_date(appointment.window.start);
    let job_day = match now {
        Some(now) => veldwerk_core::jobs::context::work_day(draft.map(|d| d.started_at), now),
        None => planned_day,
    };
    let drive_repairs_previous_year = match &device {
        Some(d) => drive_repairs_in_year(
            conn,
            d.id,
            veldwerk_core::jobs::rules::previous_calendar_year(job_day),
        )?,
        None => 0,
    };
    let deviation = match job.order_id {
        Some(o) => latest_deviation(conn, o)?,
        None => None,
    };
    let mut devices_by_registration = BTreeMap::new();
    let named = draft
        .into_iter()
        .flat_map(|d| d.answers.values())
        .filter_map(|a| match a {
            Answer::Registration { value } => Some(value.as_str()),
            _ => None,
        })
        .chain(extra.iter().copied());
    for value in named {
        if devices_by_registration.contains_key(value) {
            continue;
        }
        if let Some(d) = device_by_registration(conn, value)? {
            devices_by_registration.insert(value.to_string(), d);
        }
    }
    let item_photos: BTreeMap<String, u32> = conn
        .prepare_cached(
            "SELECT item_key, count(*) FROM photos
             WHERE job_id = ?1 AND item_key IS NOT NULL GROUP BY item_key",
        )?
        .query_map([job.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(JobContext {
        job,
        appointment,
        resident,
        caregivers,
        device,
        order,
        malfunction,
        slings,
        technician,
        planned_day,
        job_day,
        drive_repairs_previous_year,
        deviation,
        devices_by_registration,
        item_photos,
    })
}

impl Store {
    /// Everything the rules of a job need: the job, its visit, resident, device, order,
    /// malfunction, slings, technician, the local job day, the device's drive-related
    /// repairs in the previous calendar year, the order's latest deviation request, and the
    /// devices named by registration number in the draft's answers.
    pub fn job_context(&self, job: JobId) -> Result<JobContext> {
        let draft = read_draft(&self.conn, job)?;
        job_context_of(&self.conn, job, draft.as_ref(), &[], None)
    }

    /// The job's draft with its answers, if the job was started here.
    pub fn draft(&self, job: JobId) -> Result<Option<JobDraft>> {
        read_draft(&self.conn, job)
    }

    /// The report of a completed job.
    pub fn job_report(&self, job: JobId) -> Result<Option<JobReport>> {
        one(
            &self.conn,
            &sql::REPORT_OF,
            [job.to_string()],
            rows::job_report,
        )
    }

    /// How many jobs have a draft (started, whatever their state).
    pub fn draft_count(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM job_drafts", [], |r| r.get(0))?)
    }

    /// The not-home report that closed this job, if one did (what the office and the
    /// technician see on the closed job: reason, proposal, how to tell the resident).
    pub fn not_home_report_of(&self, job: JobId) -> Result<Option<NotHomeReport>> {
        let appointment = load_job(&self.conn, job)?.appointment_id;
        let reports = collect(
            &self.conn,
            &sql::NOT_HOME_OF_APPOINTMENT,
            [appointment.to_string()],
            rows::not_home,
        )?;
        Ok(reports.into_iter().find(|r| r.jobs.contains(&job)))
    }

    /// Whether a record a client made is already stored (a retried request is then answered
    /// with what is there instead of being recorded again).
    pub fn record_stored(&self, kind: StoredKind, id: uuid::Uuid) -> Result<bool> {
        let table = match kind {
            StoredKind::NotHomeReport => "not_home_reports",
            StoredKind::Malfunction => "malfunctions",
        };
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
            .query_row([id.to_string()], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The complaints recorded for a resident, oldest first.
    pub fn complaints_of_resident(
        &self,
        resident: ResidentId,
    ) -> Result<Vec<veldwerk_core::jobs::Complaint>> {
        collect(
            &self.conn,
            &sql::COMPLAINTS_OF_RESIDENT,
            [resident.to_string()],
            rows::complaint,
        )
    }

    /// The signals recorded for a resident, oldest first.
    pub fn signals_of_resident(&self, resident: ResidentId) -> Result<Vec<Signal>> {
        collect(
            &self.conn,
            &sql::SIGNALS_OF_RESIDENT,
            [resident.to_string()],
            rows::signal,
        )
    }

    /// The latest category-deviation request of an order.
    pub fn deviation_of_order(&self, order: OrderId) -> Result<Option<DeviationRequest>> {
        latest_deviation(&self.conn, order)
    }

    /// Functionally equal devices free to lend: in the depot, with nobody, of the same
    /// category; by registration number, at most [`LOAN_CANDIDATES_LIMIT`].
    pub fn loan_candidates(&self, category: Category) -> Result<Vec<DeviceSummary>> {
        collect(
            &self.conn,
            &sql::LOAN_CANDIDATES,
            params![enum_text(&category), LOAN_CANDIDATES_LIMIT],
            rows::device_summary,
        )
    }

    /// The full device with this registration number, in any case.
    pub fn device_with_registration(&self, registration: &str) -> Result<Option<Device>> {
        device_by_registration(&self.conn, registration)
    }

    /// How many records are not on the portal (waiting, or refused by it).
    pub fn outbox_len(&self) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM outbox WHERE state <> 'acknowledged'",
            [],
            |r| r.get(0),
        )?)
    }

    /// The records after `after_seq` in commit order, at most `limit` (1..=1000).
    pub fn outbox_page(&self, after_seq: i64, limit: u32) -> Result<Vec<OutboxEntry>> {
        collect(
            &self.conn,
            &sql::OUTBOX_PAGE,
            params![after_seq, limit.clamp(1, OUTBOX_PAGE_LIMIT)],
            rows::outbox_entry,
        )
    }
}
