//! Records a visit produces outside a completion: signals, complaints, not-home reports and
//! logbook corrections. Each is one transaction with its outbox entry, and idempotent by id:
//! the same record twice is one record; another record under a used id is refused.

use super::{
    close_appointment_if_finished, draft_state, load_appointment, load_job, millis, must_exist,
    push_outbox, record_type, set_job_status,
};
use crate::codec::{enum_text, json_text, time_text};
use crate::error::{Result, StoreError};
use crate::fetch::one;
use crate::rows::{self, sql};
use crate::{Store, Writer};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use veldwerk_core::ids::*;
use veldwerk_core::jobs::{
    ClientRecord, Complaint, DeviationRequest, DeviationStatus, JobState, NotHomeReport, Signal,
};
use veldwerk_core::logbook::{LogbookEntry, LogbookKind, NewLogbookEntry};
use veldwerk_core::model::JobStatus;
use veldwerk_core::validation::{bounded, required};

const MAX_AUTHOR: usize = 120;
const MAX_DESCRIPTION: usize = 4000;

/// The one retry rule of records a client makes ([`ClientRecord`]): the record already stored
/// under this id when it is the same record (a retried request: nothing to write), None when
/// the id is free, RecordConflict (`recorded_differently`) when it holds another.
pub(crate) fn already_stored<T: ClientRecord>(
    existing: Option<T>,
    new: &T,
    kind: &'static str,
) -> Result<Option<T>> {
    match existing {
        Some(e) if new.same_as(&e) => Ok(Some(e)),
        Some(_) => Err(StoreError::RecordConflict { kind }),
        None => Ok(None),
    }
}

fn opt_must_exist(
    conn: &Connection,
    table: &'static str,
    kind: &'static str,
    id: Option<String>,
) -> Result<()> {
    match id {
        Some(id) => must_exist(conn, table, kind, &id),
        None => Ok(()),
    }
}

/// Writes a signal and its outbox entry; returns the signal as stored (the earlier one when
/// the same signal was already stored).
pub(crate) fn insert_signal(conn: &Connection, s: &Signal) -> Result<Signal> {
    required("description", &s.description, MAX_DESCRIPTION)?;
    required("author", &s.author, MAX_AUTHOR)?;
    let s = Signal {
        created_at: millis(s.created_at),
        ..s.clone()
    };
    let id = s.id.to_string();
    if let Some(stored) = already_stored(
        one(conn, &sql::SIGNAL_BY_ID, [&id], rows::signal)?,
        &s,
        "signal",
    )? {
        return Ok(stored);
    }
    must_exist(conn, "residents", "resident", &s.resident_id.to_string())?;
    opt_must_exist(
        conn,
        "devices",
        "device",
        s.device_id.map(|d| d.to_string()),
    )?;
    opt_must_exist(conn, "jobs", "job", s.job_id.map(|j| j.to_string()))?;
    conn.prepare_cached(&sql::INSERT_SIGNAL)?.execute(params![
        id,
        s.resident_id.to_string(),
        s.device_id.map(|d| d.to_string()),
        s.job_id.map(|j| j.to_string()),
        enum_text(&s.kind),
        s.urgent,
        s.description,
        time_text(&s.created_at),
        s.author,
    ])?;
    push_outbox(conn, &id, record_type::SIGNAL, &s, s.created_at)?;
    Ok(s)
}

/// Writes a deviation request and its outbox entry (nothing when already stored).
pub(crate) fn insert_deviation(conn: &Connection, d: &DeviationRequest) -> Result<()> {
    required("motivation", &d.motivation, MAX_DESCRIPTION)?;
    let d = DeviationRequest {
        requested_at: millis(d.requested_at),
        ..d.clone()
    };
    let id = d.id.to_string();
    let existing = one(conn, &sql::DEVIATION_BY_ID, [&id], rows::deviation)?;
    if already_stored(existing, &d, "deviation request")?.is_some() {
        return Ok(());
    }
    must_exist(conn, "orders", "order", &d.order_id.to_string())?;
    must_exist(conn, "residents", "resident", &d.resident_id.to_string())?;
    must_exist(conn, "jobs", "job", &d.job_id.to_string())?;
    conn.prepare_cached(&sql::INSERT_DEVIATION)?
        .execute(params![
            id,
            d.order_id.to_string(),
            d.resident_id.to_string(),
            d.job_id.to_string(),
            enum_text(&d.ordered),
            enum_text(&d.proposed),
            d.motivation,
            time_text(&d.requested_at),
            enum_text(&d.status),
        ])?;
    push_outbox(
        conn,
        &id,
        record_type::DEVIATION_REQUEST,
        &d,
        d.requested_at,
    )
}

impl Writer<'_> {
    /// The municipality's answer to a deviation request (from the portal). Only the status
    /// of a request ever changes.
    pub fn set_deviation_status(
        &self,
        id: DeviationRequestId,
        status: DeviationStatus,
    ) -> Result<()> {
        let n = self
            .tx
            .prepare_cached("UPDATE deviation_requests SET status = ?2 WHERE id = ?1")?
            .execute(params![id.to_string(), enum_text(&status)])?;
        if n == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound {
                kind: "deviation request",
            })
        }
    }
}

impl Store {
    /// Records a signal for the municipality; returns it as stored (see [`already_stored`]:
    /// a retried request gets the signal stored the first time).
    pub fn record_signal(&mut self, s: &Signal) -> Result<Signal> {
        let w = self.write()?;
        let stored = insert_signal(&w.tx, s)?;
        w.commit()?;
        Ok(stored)
    }

    /// A signal by its id, as stored.
    pub fn signal(&self, id: veldwerk_core::ids::SignalId) -> Result<Option<Signal>> {
        one(
            &self.conn,
            &sql::SIGNAL_BY_ID,
            [id.to_string()],
            rows::signal,
        )
    }

    /// A complaint by its id, as stored.
    pub fn complaint(&self, id: veldwerk_core::ids::ComplaintId) -> Result<Option<Complaint>> {
        one(
            &self.conn,
            &sql::COMPLAINT_BY_ID,
            [id.to_string()],
            rows::complaint,
        )
    }

    /// Records a complaint heard on site; returns it as stored (a retried request gets the
    /// complaint stored the first time).
    pub fn record_complaint(&mut self, c: &Complaint) -> Result<Complaint> {
        required("description", &c.description, MAX_DESCRIPTION)?;
        required("author", &c.author, MAX_AUTHOR)?;
        let c = Complaint {
            created_at: millis(c.created_at),
            ..c.clone()
        };
        let id = c.id.to_string();
        let w = self.write()?;
        let existing = one(&w.tx, &sql::COMPLAINT_BY_ID, [&id], rows::complaint)?;
        if let Some(stored) = already_stored(existing, &c, "complaint")? {
            return Ok(stored);
        }
        must_exist(&w.tx, "residents", "resident", &c.resident_id.to_string())?;
        opt_must_exist(&w.tx, "jobs", "job", c.job_id.map(|j| j.to_string()))?;
        w.tx.prepare_cached(&sql::INSERT_COMPLAINT)?
            .execute(params![
                id,
                c.resident_id.to_string(),
                c.job_id.map(|j| j.to_string()),
                enum_text(&c.process),
                c.description,
                time_text(&c.created_at),
                c.author,
                enum_text(&c.received_as),
                c.received_on.as_ref().map(crate::codec::date_text),
            ])?;
        push_outbox(&w.tx, &id, record_type::COMPLAINT, &c, c.created_at)?;
        w.commit()?;
        Ok(c)
    }

    /// Records a visit that could not go ahead: the report, its jobs closed as cannot
    /// proceed (with a draft created for a job never started), and the visit closed when no
    /// job of it is left open (not_home, or done when another job was completed).
    /// A retried request gets the report stored the first time. A job that is already
    /// closed is refused.
    pub fn record_not_home(&mut self, r: &NotHomeReport) -> Result<NotHomeReport> {
        bounded("note", &r.note, 2000)?;
        required("author", &r.author, MAX_AUTHOR)?;
        let r = NotHomeReport {
            created_at: millis(r.created_at),
            proposal: r.proposal.map(|p| veldwerk_core::model::TimeWindow {
                start: millis(p.start),
                end: millis(p.end),
            }),
            ..r.clone()
        };
        let id = r.id.to_string();
        let w = self.write()?;
        let existing = one(&w.tx, &sql::NOT_HOME_BY_ID, [&id], rows::not_home)?;
        if let Some(stored) = already_stored(existing, &r, "not-home report")? {
            return Ok(stored);
        }
        let appointment = load_appointment(&w.tx, r.appointment_id)?;
        must_exist(&w.tx, "residents", "resident", &r.resident_id.to_string())?;
        let at = time_text(&r.created_at);
        for &job in &r.jobs {
            close_job(&w.tx, job, appointment.id, &at, &r)?;
        }
        w.tx.prepare_cached(&sql::INSERT_NOT_HOME)?
            .execute(params![
                id,
                r.appointment_id.to_string(),
                r.resident_id.to_string(),
                json_text(&r.jobs),
                enum_text(&r.reason),
                r.note,
                r.proposal.map(|p| time_text(&p.start)),
                r.proposal.map(|p| time_text(&p.end)),
                enum_text(&r.tell_resident_via),
                at,
                r.author,
            ])?;
        push_outbox(&w.tx, &id, record_type::NOT_HOME_REPORT, &r, r.created_at)?;
        close_appointment_if_finished(&w.tx, appointment.id)?;
        w.commit()?;
        Ok(r)
    }

    /// Appends a correction of a logbook entry: a new entry on the same device's chain that
    /// references the old one, which stays as it was. `id` is made by the client: a retried
    /// request with the same id returns the stored correction instead of a second one.
    #[allow(clippy::too_many_arguments)] // one argument per field of the entry
    pub fn append_correction(
        &mut self,
        id: LogbookEntryId,
        corrects: LogbookEntryId,
        summary: &str,
        details_json: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<LogbookEntry> {
        // The summary becomes a headline (a long one is cut); the details keep the whole text.
        required("summary", summary, 4000)?;
        required("author", author, MAX_AUTHOR)?;
        let w = self.write()?;
        if let Some(stored) = one(
            &w.tx,
            &sql::LOGBOOK_BY_ID,
            [id.to_string()],
            rows::logbook_entry,
        )? {
            return if stored.corrects == Some(corrects) && stored.details_json == details_json {
                Ok(stored)
            } else {
                Err(StoreError::RecordConflict {
                    kind: "logbook entry",
                })
            };
        }
        let original = one(
            &w.tx,
            &sql::LOGBOOK_BY_ID,
            [corrects.to_string()],
            rows::logbook_entry,
        )?
        .ok_or(StoreError::NotFound {
            kind: "logbook entry",
        })?;
        let now = millis(now);
        let e = w.append_logbook(NewLogbookEntry {
            id,
            device_id: original.device_id,
            kind: LogbookKind::Correction,
            occurred_at: now,
            recorded_at: now,
            author: author.to_string(),
            job_id: original.job_id,
            summary: summary.to_string(),
            details_json: details_json.to_string(),
            corrects: Some(original.id),
        })?;
        push_outbox(
            &w.tx,
            &e.id.to_string(),
            record_type::LOGBOOK_ENTRY,
            &e,
            now,
        )?;
        w.commit()?;
        Ok(e)
    }
}

/// Closes one job of a not-home report as cannot proceed.
/// The answers of a job closed before completion (a visit that could not go ahead): they
/// travel to the portal with the not-home report, so nothing entered is lost.
#[derive(serde::Serialize)]
struct ClosedDraft<'a> {
    id: String,
    job_id: JobId,
    not_home_report: JobReportId,
    template_id: &'a str,
    template_version: u32,
    answers: &'a std::collections::BTreeMap<String, veldwerk_core::jobs::Answer>,
}

fn close_job(
    conn: &Connection,
    job: JobId,
    appointment: AppointmentId,
    at: &str,
    report: &NotHomeReport,
) -> Result<()> {
    let j = load_job(conn, job)?;
    if j.appointment_id != appointment {
        return Err(StoreError::NotFound { kind: "job" });
    }
    if super::exists_report(conn, job)? || j.status == JobStatus::Completed {
        return Err(StoreError::AlreadyCompleted);
    }
    match draft_state(conn, job)? {
        Some(s) if s.is_final() => return Err(StoreError::JobClosed),
        Some(_) => {
            if let Some(draft) = super::read_draft(conn, job)? {
                if !draft.answers.is_empty() {
                    let id = uuid::Uuid::now_v7().to_string();
                    let closed = ClosedDraft {
                        id: id.clone(),
                        job_id: job,
                        not_home_report: report.id,
                        template_id: &draft.template_id,
                        template_version: draft.template_version,
                        answers: &draft.answers,
                    };
                    push_outbox(
                        conn,
                        &id,
                        record_type::CLOSED_DRAFT,
                        &closed,
                        report.created_at,
                    )?;
                }
            }
            conn.prepare_cached(
                "UPDATE job_drafts SET state = ?2, updated_at = ?3 WHERE job_id = ?1",
            )?
            .execute(params![
                job.to_string(),
                enum_text(&JobState::CannotProceed),
                at
            ])?;
        }
        None => {
            if j.status == JobStatus::CannotProceed {
                return Err(StoreError::JobClosed);
            }
            conn.prepare_cached(&sql::INSERT_DRAFT)?.execute(params![
                job.to_string(),
                "",
                0,
                enum_text(&JobState::CannotProceed),
                at,
                at
            ])?;
        }
    }
    set_job_status(conn, job, JobStatus::CannotProceed)
}

/// The report as stored (its moment in the store's millisecond precision).
fn stored_report(
    r: &veldwerk_core::jobs::OnSiteMalfunction,
    m: &veldwerk_core::model::Malfunction,
) -> veldwerk_core::jobs::OnSiteMalfunction {
    veldwerk_core::jobs::OnSiteMalfunction {
        malfunction: m.clone(),
        ..r.clone()
    }
}

impl Store {
    /// A fault reported on site: the malfunction, a repair job in the same visit, and a
    /// "malfunction reported" logbook entry, in one transaction with their outbox entries.
    /// Idempotent by the malfunction's id.
    pub fn report_malfunction_on_site(
        &mut self,
        r: &veldwerk_core::jobs::OnSiteMalfunction,
    ) -> Result<Option<LogbookEntry>> {
        let m = veldwerk_core::model::Malfunction {
            reported_at: millis(r.malfunction.reported_at),
            ..r.malfunction.clone()
        };
        let w = self.write()?;
        let existing = one(
            &w.tx,
            &sql::MALFUNCTION_BY_ID,
            [m.id.to_string()],
            rows::malfunction,
        )?;
        if let Some(existing) = existing {
            let stored = veldwerk_core::jobs::OnSiteMalfunction {
                malfunction: existing,
                job: r.job.clone(),
                author: r.author.clone(),
            };
            let job = one(&w.tx, &sql::JOB_BY_ID, [r.job.id.to_string()], rows::job)?;
            let same_job = job.is_some_and(|j| j.malfunction_id == Some(m.id));
            if already_stored(Some(stored), r, "malfunction")?.is_some() && same_job {
                return Ok(None);
            }
            return Err(StoreError::RecordConflict {
                kind: "malfunction",
            });
        }
        let appointment = load_appointment(&w.tx, r.job.appointment_id)?;
        if appointment.resident_id != m.resident_id || r.job.device_id != Some(m.device_id) {
            return Err(StoreError::NotFound { kind: "device" });
        }
        let owner: Option<Option<String>> =
            w.tx.prepare_cached("SELECT resident_id FROM devices WHERE id = ?1")?
                .query_row([m.device_id.to_string()], |row| row.get(0))
                .optional()?;
        if owner.flatten() != Some(m.resident_id.to_string()) {
            // not a device of this resident (or no such device)
            return Err(StoreError::NotFound { kind: "device" });
        }
        w.upsert_malfunction(&m)?;
        w.tx.prepare_cached(
            "INSERT INTO jobs (id, appointment_id, kind, device_id, order_id, malfunction_id, status)
             VALUES (?1, ?2, ?3, ?4, NULL, ?5, 'open')",
        )?
        .execute(params![
            r.job.id.to_string(),
            r.job.appointment_id.to_string(),
            enum_text(&r.job.kind),
            m.device_id.to_string(),
            m.id.to_string(),
        ])?;
        let entry = w.append_logbook(veldwerk_core::jobs::malfunction_reported_entry(
            &stored_report(r, &m),
        ))?;
        push_outbox(
            &w.tx,
            &m.id.to_string(),
            record_type::MALFUNCTION,
            r,
            m.reported_at,
        )?;
        push_outbox(
            &w.tx,
            &entry.id.to_string(),
            record_type::LOGBOOK_ENTRY,
            &entry,
            m.reported_at,
        )?;
        w.commit()?;
        Ok(Some(entry))
    }
}
