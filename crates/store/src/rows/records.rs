//! Column lists, statements and decoders of the job tables (schema version 2): drafts, the
//! records a visit produces, and the outbox. Same rules as the parent module: positions by
//! name at compile time, stored text that does not decode is corrupt.

use super::opt_id;
use crate::codec::*;
use crate::error::{Result, StoreError};
use crate::views::OutboxEntry;
use rusqlite::Row;
use std::collections::BTreeMap;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::{
    Answer, Complaint, DeviationRequest, JobDraft, JobReport, NotHomeReport, Signal,
};
use veldwerk_core::model::TimeWindow;

pub(crate) const DRAFT: &[&str] = &[
    "job_id",
    "template_id",
    "template_version",
    "state",
    "started_at",
    "updated_at",
];

pub(crate) const DRAFT_ANSWER: &[&str] = &["job_id", "key", "answer_json", "updated_at"];

pub(crate) const JOB_REPORT: &[&str] = &[
    "id",
    "job_id",
    "kind",
    "template_id",
    "template_version",
    "answers_json",
    "started_at",
    "completed_at",
    "technician",
    "notices_json",
];

pub(crate) const SIGNAL: &[&str] = &[
    "id",
    "resident_id",
    "device_id",
    "job_id",
    "kind",
    "urgent",
    "description",
    "created_at",
    "author",
];

pub(crate) const COMPLAINT: &[&str] = &[
    "id",
    "resident_id",
    "job_id",
    "process",
    "description",
    "created_at",
    "author",
    "received_as",
    "received_on",
];

pub(crate) const DEVIATION: &[&str] = &[
    "id",
    "order_id",
    "resident_id",
    "job_id",
    "ordered",
    "proposed",
    "motivation",
    "requested_at",
    "status",
];

pub(crate) const NOT_HOME: &[&str] = &[
    "id",
    "appointment_id",
    "resident_id",
    "jobs_json",
    "reason",
    "note",
    "proposal_start",
    "proposal_end",
    "tell_resident_via",
    "created_at",
    "author",
];

pub(crate) const OUTBOX: &[&str] = &[
    "seq",
    "record_id",
    "record_type",
    "payload_json",
    "created_at",
];

/// The INSERT of a column list into `table` (?1..?n in list order).
pub(crate) fn insert(cols: &[&str], table: &str) -> String {
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        cols.join(", "),
        marks.join(", ")
    )
}

pub(crate) mod sql {
    use super::super::sql::from;
    use super::super::{APPOINTMENT, DEVICE, DEVICE_SUMMARY, JOB, LOGBOOK};
    use super::*;
    use std::sync::LazyLock;

    pub static JOB_BY_ID: LazyLock<String> = LazyLock::new(|| from(JOB, "jobs", "WHERE t.id = ?1"));
    pub static APPOINTMENT_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(APPOINTMENT, "appointments", "WHERE t.id = ?1"));
    pub static DEVICE_BY_REGISTRATION: LazyLock<String> = LazyLock::new(|| {
        from(
            DEVICE,
            "devices",
            "WHERE t.registration_number = ?1 COLLATE NOCASE",
        )
    });
    /// Matches the partial index `devices_loan_pool`.
    pub static LOAN_CANDIDATES: LazyLock<String> = LazyLock::new(|| {
        from(
            DEVICE_SUMMARY,
            "devices",
            "WHERE t.category = ?1 AND t.status = 'in_depot' AND t.resident_id IS NULL
             ORDER BY t.registration_number LIMIT ?2",
        )
    });
    /// Drive-related malfunctions of a device that led to a repair (resolved) in [?2, ?3).
    pub const DRIVE_REPAIRS: &str = "SELECT count(*) FROM malfunctions
         WHERE device_id = ?1 AND drive_related = 1 AND status = 'resolved'
           AND resolved_at >= ?2 AND resolved_at < ?3";
    pub static DRAFT_OF: LazyLock<String> =
        LazyLock::new(|| from(DRAFT, "job_drafts", "WHERE t.job_id = ?1"));
    pub static ANSWERS_OF: LazyLock<String> = LazyLock::new(|| {
        from(
            DRAFT_ANSWER,
            "draft_answers",
            "WHERE t.job_id = ?1 ORDER BY t.key",
        )
    });
    pub const DRAFT_STATE_OF: &str = "SELECT state FROM job_drafts WHERE job_id = ?1";
    pub static REPORT_OF: LazyLock<String> =
        LazyLock::new(|| from(JOB_REPORT, "job_reports", "WHERE t.job_id = ?1"));
    pub static SIGNAL_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(SIGNAL, "signals", "WHERE t.id = ?1"));
    pub static SIGNALS_OF_RESIDENT: LazyLock<String> = LazyLock::new(|| {
        from(
            SIGNAL,
            "signals",
            "WHERE t.resident_id = ?1 ORDER BY t.created_at, t.id",
        )
    });
    /// The kinds of signal recorded for a job (?2) of a resident (?1: the index's key).
    pub const SIGNAL_KINDS_OF_JOB: &str =
        "SELECT kind FROM signals WHERE resident_id = ?1 AND job_id = ?2 ORDER BY created_at, id";
    pub static COMPLAINT_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(COMPLAINT, "complaints", "WHERE t.id = ?1"));
    pub static COMPLAINTS_OF_RESIDENT: LazyLock<String> = LazyLock::new(|| {
        from(
            COMPLAINT,
            "complaints",
            "WHERE t.resident_id = ?1 ORDER BY t.created_at, t.id",
        )
    });
    pub static DEVIATION_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(DEVIATION, "deviation_requests", "WHERE t.id = ?1"));
    pub static LATEST_DEVIATION_OF_ORDER: LazyLock<String> = LazyLock::new(|| {
        from(
            DEVIATION,
            "deviation_requests",
            "WHERE t.order_id = ?1 ORDER BY t.requested_at DESC, t.rowid DESC LIMIT 1",
        )
    });
    pub const DEVIATION_STATUS_OF_ORDER: &str = "SELECT status FROM deviation_requests
         WHERE order_id = ?1 ORDER BY requested_at DESC, rowid DESC LIMIT 1";
    pub static NOT_HOME_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(NOT_HOME, "not_home_reports", "WHERE t.id = ?1"));
    pub static NOT_HOME_OF_APPOINTMENT: LazyLock<String> = LazyLock::new(|| {
        from(
            NOT_HOME,
            "not_home_reports",
            "WHERE t.appointment_id = ?1 ORDER BY t.created_at, t.id",
        )
    });
    pub static LOGBOOK_BY_ID: LazyLock<String> =
        LazyLock::new(|| from(LOGBOOK, "logbook", "WHERE t.id = ?1"));
    pub static OUTBOX_PAGE: LazyLock<String> =
        LazyLock::new(|| from(OUTBOX, "outbox", "WHERE t.seq > ?1 ORDER BY t.seq LIMIT ?2"));

    pub static INSERT_REPORT: LazyLock<String> =
        LazyLock::new(|| insert(JOB_REPORT, "job_reports"));
    pub static INSERT_SIGNAL: LazyLock<String> = LazyLock::new(|| insert(SIGNAL, "signals"));
    pub static INSERT_COMPLAINT: LazyLock<String> =
        LazyLock::new(|| insert(COMPLAINT, "complaints"));
    pub static INSERT_DEVIATION: LazyLock<String> =
        LazyLock::new(|| insert(DEVIATION, "deviation_requests"));
    pub static INSERT_NOT_HOME: LazyLock<String> =
        LazyLock::new(|| insert(NOT_HOME, "not_home_reports"));
    pub static INSERT_DRAFT: LazyLock<String> = LazyLock::new(|| insert(DRAFT, "job_drafts"));
    /// (job_id, key, answer_json, updated_at): insert or replace the answer.
    pub static UPSERT_ANSWER: LazyLock<String> = LazyLock::new(|| {
        format!(
            "{} ON CONFLICT(job_id, key) DO UPDATE SET answer_json = excluded.answer_json,
                updated_at = excluded.updated_at",
            insert(DRAFT_ANSWER, "draft_answers")
        )
    });
    /// (record_id, record_type, payload_json, created_at, hash)
    pub const INSERT_OUTBOX: &str = "INSERT INTO outbox (record_id, record_type, payload_json,
         created_at, hash) VALUES (?1, ?2, ?3, ?4, ?5)";

    /// Every statement above, for the test that prepares them all.
    #[cfg(test)]
    pub fn all() -> Vec<String> {
        let mut v: Vec<String> = [
            &JOB_BY_ID,
            &APPOINTMENT_BY_ID,
            &DEVICE_BY_REGISTRATION,
            &LOAN_CANDIDATES,
            &DRAFT_OF,
            &ANSWERS_OF,
            &REPORT_OF,
            &SIGNAL_BY_ID,
            &SIGNALS_OF_RESIDENT,
            &COMPLAINT_BY_ID,
            &COMPLAINTS_OF_RESIDENT,
            &DEVIATION_BY_ID,
            &LATEST_DEVIATION_OF_ORDER,
            &NOT_HOME_BY_ID,
            &OUTBOX_PAGE,
            &LOGBOOK_BY_ID,
            &INSERT_REPORT,
            &INSERT_SIGNAL,
            &INSERT_COMPLAINT,
            &INSERT_DEVIATION,
            &INSERT_NOT_HOME,
            &INSERT_DRAFT,
            &UPSERT_ANSWER,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.extend(
            [
                DRIVE_REPAIRS,
                DRAFT_STATE_OF,
                SIGNAL_KINDS_OF_JOB,
                DEVIATION_STATUS_OF_ORDER,
                INSERT_OUTBOX,
            ]
            .map(str::to_string),
        );
        v
    }
}

fn text(row: &Row, i: usize) -> Result<String> {
    Ok(row.get::<_, String>(i)?)
}

/// A draft without its answers (see [`draft_answer`]).
pub(crate) fn draft_head(row: &Row) -> Result<JobDraft> {
    const C: &[&str] = DRAFT;
    Ok(JobDraft {
        job_id: id_from("job id", &text(row, at!(C, "job_id"))?, JobId)?,
        template_id: row.get(at!(C, "template_id"))?,
        template_version: row.get(at!(C, "template_version"))?,
        state: enum_from("job state", &text(row, at!(C, "state"))?)?,
        answers: BTreeMap::new(),
        started_at: time_from("time", &text(row, at!(C, "started_at"))?)?,
        updated_at: time_from("time", &text(row, at!(C, "updated_at"))?)?,
    })
}

pub(crate) fn draft_answer(row: &Row) -> Result<(String, Answer)> {
    const C: &[&str] = DRAFT_ANSWER;
    Ok((
        row.get(at!(C, "key"))?,
        json_from("answer", &text(row, at!(C, "answer_json"))?)?,
    ))
}

pub(crate) fn job_report(row: &Row) -> Result<JobReport> {
    const C: &[&str] = JOB_REPORT;
    Ok(JobReport {
        id: id_from("report id", &text(row, at!(C, "id"))?, JobReportId)?,
        job_id: id_from("job id", &text(row, at!(C, "job_id"))?, JobId)?,
        kind: enum_from("job kind", &text(row, at!(C, "kind"))?)?,
        template_id: row.get(at!(C, "template_id"))?,
        template_version: row.get(at!(C, "template_version"))?,
        answers: json_from("answers", &text(row, at!(C, "answers_json"))?)?,
        started_at: time_from("time", &text(row, at!(C, "started_at"))?)?,
        completed_at: time_from("time", &text(row, at!(C, "completed_at"))?)?,
        technician: row.get(at!(C, "technician"))?,
        notices: json_from("notices", &text(row, at!(C, "notices_json"))?)?,
    })
}

pub(crate) fn signal(row: &Row) -> Result<Signal> {
    const C: &[&str] = SIGNAL;
    Ok(Signal {
        id: id_from("signal id", &text(row, at!(C, "id"))?, SignalId)?,
        resident_id: id_from(
            "resident id",
            &text(row, at!(C, "resident_id"))?,
            ResidentId,
        )?,
        device_id: opt_id("device id", row.get(at!(C, "device_id"))?, DeviceId)?,
        job_id: opt_id("job id", row.get(at!(C, "job_id"))?, JobId)?,
        kind: enum_from("signal kind", &text(row, at!(C, "kind"))?)?,
        urgent: row.get(at!(C, "urgent"))?,
        description: row.get(at!(C, "description"))?,
        created_at: time_from("time", &text(row, at!(C, "created_at"))?)?,
        author: row.get(at!(C, "author"))?,
    })
}

pub(crate) fn complaint(row: &Row) -> Result<Complaint> {
    const C: &[&str] = COMPLAINT;
    Ok(Complaint {
        id: id_from("complaint id", &text(row, at!(C, "id"))?, ComplaintId)?,
        resident_id: id_from(
            "resident id",
            &text(row, at!(C, "resident_id"))?,
            ResidentId,
        )?,
        job_id: opt_id("job id", row.get(at!(C, "job_id"))?, JobId)?,
        process: enum_from("complaint process", &text(row, at!(C, "process"))?)?,
        description: row.get(at!(C, "description"))?,
        received_as: enum_from("complaint channel", &text(row, at!(C, "received_as"))?)?,
        received_on: crate::codec::opt_date_from("received on", row.get(at!(C, "received_on"))?)?,
        created_at: time_from("time", &text(row, at!(C, "created_at"))?)?,
        author: row.get(at!(C, "author"))?,
    })
}

pub(crate) fn deviation(row: &Row) -> Result<DeviationRequest> {
    const C: &[&str] = DEVIATION;
    Ok(DeviationRequest {
        id: id_from(
            "deviation id",
            &text(row, at!(C, "id"))?,
            DeviationRequestId,
        )?,
        order_id: id_from("order id", &text(row, at!(C, "order_id"))?, OrderId)?,
        resident_id: id_from(
            "resident id",
            &text(row, at!(C, "resident_id"))?,
            ResidentId,
        )?,
        job_id: id_from("job id", &text(row, at!(C, "job_id"))?, JobId)?,
        ordered: enum_from("category", &text(row, at!(C, "ordered"))?)?,
        proposed: enum_from("category", &text(row, at!(C, "proposed"))?)?,
        motivation: row.get(at!(C, "motivation"))?,
        requested_at: time_from("time", &text(row, at!(C, "requested_at"))?)?,
        status: enum_from("deviation status", &text(row, at!(C, "status"))?)?,
    })
}

pub(crate) fn not_home(row: &Row) -> Result<NotHomeReport> {
    const C: &[&str] = NOT_HOME;
    let start = opt_time_from("time", row.get(at!(C, "proposal_start"))?)?;
    let end = opt_time_from("time", row.get(at!(C, "proposal_end"))?)?;
    let proposal = match (start, end) {
        (Some(s), Some(e)) => Some(TimeWindow::new(s, e).map_err(|e| StoreError::Corrupt {
            what: "proposal window",
            detail: e.to_string(),
        })?),
        _ => None,
    };
    Ok(NotHomeReport {
        id: id_from("report id", &text(row, at!(C, "id"))?, JobReportId)?,
        appointment_id: id_from(
            "appointment id",
            &text(row, at!(C, "appointment_id"))?,
            AppointmentId,
        )?,
        resident_id: id_from(
            "resident id",
            &text(row, at!(C, "resident_id"))?,
            ResidentId,
        )?,
        jobs: json_from("jobs", &text(row, at!(C, "jobs_json"))?)?,
        reason: enum_from("not-home reason", &text(row, at!(C, "reason"))?)?,
        note: row.get(at!(C, "note"))?,
        proposal,
        tell_resident_via: enum_from(
            "communication preference",
            &text(row, at!(C, "tell_resident_via"))?,
        )?,
        created_at: time_from("time", &text(row, at!(C, "created_at"))?)?,
        author: row.get(at!(C, "author"))?,
    })
}

pub(crate) fn outbox_entry(row: &Row) -> Result<OutboxEntry> {
    const C: &[&str] = OUTBOX;
    Ok(OutboxEntry {
        seq: row.get(at!(C, "seq"))?,
        record_id: row.get(at!(C, "record_id"))?,
        record_type: row.get(at!(C, "record_type"))?,
        payload_json: row.get(at!(C, "payload_json"))?,
        created_at: time_from("time", &text(row, at!(C, "created_at"))?)?,
    })
}
