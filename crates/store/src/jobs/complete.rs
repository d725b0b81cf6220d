//! Completing a job: one transaction that writes the report, the logbook entries, the
//! passport, sling, malfunction and order updates, signals and a deviation request, closes
//! the job and its draft, and puts one outbox entry per record. All of it or nothing.

use super::records::{insert_deviation, insert_signal};
use super::{
    close_appointment_if_finished, exists_report, load_job, millis, must_exist, open_draft_state,
    push_outbox, push_update, record_type, set_job_status,
};
use crate::codec::{enum_text, json_text, time_text};
use crate::error::{Result, StoreError};
use crate::fetch::one;
use crate::rows::{self, sql};
use crate::{Store, Writer};
use rusqlite::params;
use veldwerk_core::jobs::{
    Completion, DeviceChanges, DeviceUpdate, JobReport, JobState, MalfunctionUpdate, OrderUpdate,
    ResidentLink, SlingUpdate,
};
use veldwerk_core::logbook::{LogbookEntry, NewLogbookEntry};
use veldwerk_core::model::{Device, JobStatus};
use veldwerk_core::validation::required;

impl Store {
    /// Completes a job (see the module documentation). Refused, with nothing written, when
    /// the job already has a report ([`StoreError::AlreadyCompleted`]: a repeated request
    /// changes nothing), when it was never started or is closed, or when anything in the
    /// completion refers to a record the replica does not hold. Returns the logbook entries
    /// as chained.
    pub fn complete_job(&mut self, c: &Completion) -> Result<Vec<LogbookEntry>> {
        required("technician", &c.report.technician, 120)?;
        required("template_id", &c.report.template_id, 100)?;
        let w = self.write()?;
        let job = load_job(&w.tx, c.report.job_id)?;
        if exists_report(&w.tx, job.id)? {
            return Err(StoreError::AlreadyCompleted);
        }
        if super::exists(&w.tx, "job_reports", &c.report.id.to_string())? {
            return Err(StoreError::RecordConflict { kind: "job report" });
        }
        open_draft_state(&w.tx, job.id)?;
        let report = JobReport {
            started_at: millis(c.report.started_at),
            completed_at: millis(c.report.completed_at),
            ..c.report.clone()
        };
        let at = report.completed_at;
        insert_report(&w, &report)?;
        push_outbox(
            &w.tx,
            &report.id.to_string(),
            record_type::JOB_REPORT,
            &report,
            at,
        )?;

        let mut entries = Vec::with_capacity(c.logbook.len());
        for e in &c.logbook {
            let stored = w.append_logbook(NewLogbookEntry {
                occurred_at: millis(e.occurred_at),
                recorded_at: millis(e.recorded_at),
                ..e.clone()
            })?;
            push_outbox(
                &w.tx,
                &stored.id.to_string(),
                record_type::LOGBOOK_ENTRY,
                &stored,
                at,
            )?;
            entries.push(stored);
        }
        for u in &c.devices {
            apply_device_update(&w, u)?;
            push_update(&w.tx, record_type::DEVICE_UPDATE, job.id, u, at)?;
        }
        for u in &c.slings {
            apply_sling_update(&w, u)?;
            push_update(&w.tx, record_type::SLING_UPDATE, job.id, u, at)?;
        }
        if let Some(u) = &c.malfunction {
            apply_malfunction_update(&w, u)?;
            push_update(&w.tx, record_type::MALFUNCTION_UPDATE, job.id, u, at)?;
        }
        for u in &c.orders {
            apply_order_update(&w, u)?;
            push_update(&w.tx, record_type::ORDER_UPDATE, job.id, u, at)?;
        }
        for s in &c.signals {
            insert_signal(&w.tx, s)?;
        }
        if let Some(d) = &c.deviation {
            insert_deviation(&w.tx, d)?;
        }
        for d in &c.documents {
            super::media::insert_document(&w.tx, d)?;
        }

        set_job_status(&w.tx, job.id, JobStatus::Completed)?;
        w.tx.prepare_cached("UPDATE job_drafts SET state = ?2, updated_at = ?3 WHERE job_id = ?1")?
            .execute(params![
                job.id.to_string(),
                enum_text(&JobState::Completed),
                time_text(&at)
            ])?;
        close_appointment_if_finished(&w.tx, job.appointment_id)?;
        w.commit()?;
        Ok(entries)
    }
}

fn insert_report(w: &Writer, r: &JobReport) -> Result<()> {
    w.tx.prepare_cached(&sql::INSERT_REPORT)?.execute(params![
        r.id.to_string(),
        r.job_id.to_string(),
        enum_text(&r.kind),
        r.template_id,
        r.template_version,
        json_text(&r.answers),
        time_text(&r.started_at),
        time_text(&r.completed_at),
        r.technician,
        json_text(&r.notices),
    ])?;
    Ok(())
}

/// Applies the fields that are set; the battery's capacity and test date change only when
/// the device has a battery (none is invented).
pub(crate) fn apply_changes(d: &mut Device, c: &DeviceChanges) {
    if let Some(v) = c.status {
        d.status = v;
    }
    match c.resident {
        Some(ResidentLink::Resident(r)) => d.resident_id = Some(r),
        Some(ResidentLink::Nobody) => d.resident_id = None,
        None => {}
    }
    let dates = [
        (
            &mut d.last_preventive_maintenance_on,
            c.last_preventive_maintenance_on,
        ),
        (&mut d.next_maintenance_due, c.next_maintenance_due),
        (&mut d.next_inspection_due, c.next_inspection_due),
        (&mut d.last_malfunction_on, c.last_malfunction_on),
        (
            &mut d.last_misuse_maintenance_on,
            c.last_misuse_maintenance_on,
        ),
        (&mut d.first_delivered_on, c.first_delivered_on),
        (&mut d.last_delivered_on, c.last_delivered_on),
    ];
    for (field, value) in dates {
        if value.is_some() {
            *field = value;
        }
    }
    if let Some(b) = d.battery.as_mut() {
        if c.battery_capacity_pct.is_some() {
            b.capacity_pct = c.battery_capacity_pct;
        }
        if c.battery_tested_on.is_some() {
            b.tested_on = c.battery_tested_on;
        }
    }
    if let Some(v) = c.catalogue_value_cents {
        d.catalogue_value_cents = v;
    }
}

/// Reads, changes and writes back the device (which also refreshes its search row).
fn apply_device_update(w: &Writer, u: &DeviceUpdate) -> Result<()> {
    let mut d = one(
        &w.tx,
        &sql::DEVICE_BY_ID,
        [u.device_id.to_string()],
        rows::device,
    )?
    .ok_or(StoreError::NotFound { kind: "device" })?;
    if let Some(ResidentLink::Resident(r)) = u.changes.resident {
        must_exist(&w.tx, "residents", "resident", &r.to_string())?;
    }
    apply_changes(&mut d, &u.changes);
    w.upsert_device(&d)
}

fn changed_one(n: usize, kind: &'static str) -> Result<()> {
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound { kind })
    }
}

fn apply_sling_update(w: &Writer, u: &SlingUpdate) -> Result<()> {
    let n =
        w.tx.prepare_cached(
            "UPDATE slings SET status = coalesce(?2, status),
                next_inspection_due = coalesce(?3, next_inspection_due)
             WHERE id = ?1",
        )?
        .execute(params![
            u.sling_id.to_string(),
            u.status.as_ref().map(enum_text),
            u.next_inspection_due.as_ref().map(crate::codec::date_text),
        ])?;
    changed_one(n, "sling")
}

fn apply_malfunction_update(w: &Writer, u: &MalfunctionUpdate) -> Result<()> {
    let n =
        w.tx.prepare_cached(
            "UPDATE malfunctions SET arrived_at = coalesce(arrived_at, ?2),
                resolved_at = coalesce(?3, resolved_at), status = coalesce(?4, status),
                drive_related = coalesce(?5, drive_related)
             WHERE id = ?1",
        )?
        .execute(params![
            u.malfunction_id.to_string(),
            u.arrived_at.as_ref().map(time_text),
            u.resolved_at.as_ref().map(time_text),
            u.status.as_ref().map(enum_text),
            u.drive_related,
        ])?;
    changed_one(n, "malfunction")
}

fn apply_order_update(w: &Writer, u: &OrderUpdate) -> Result<()> {
    let n =
        w.tx.prepare_cached("UPDATE orders SET status = ?2 WHERE id = ?1")?
            .execute(params![u.order_id.to_string(), enum_text(&u.status)])?;
    changed_one(n, "order")
}
