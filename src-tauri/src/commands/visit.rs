//! What can be recorded from anywhere in a visit: a visit that could not go ahead, signals,
//! complaints, faults reported on site, logbook corrections; and the depot's loan devices.
//!
//! Every record here carries an id the client made (once per dialog): the store answers a
//! retried request with the record it stored the first time, and refuses the same id with
//! other content (`recorded_differently`). That one rule lives in the store
//! ([`veldwerk_core::jobs::ClientRecord`]); the commands only parse and build.

use super::jobs::job_id;
use super::{author, parse_id};
use crate::error::CmdResult;
use crate::state::{blocking, AppState};
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::service::{self, JobView};
use veldwerk_core::jobs::{
    effects, not_home_closes, Complaint, ComplaintChannel, ComplaintProcess, NewComplaint,
    NewSignal, NotHomeReason, Signal, SignalKind,
};
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::{DeviceSummary, TimeWindow};
use veldwerk_core::validation::{bounded, required};
use veldwerk_store::StoreError;

/// A visit that could not go ahead, reported from `job_id`: reason, note, a proposal for a
/// new appointment at the resident's preferred time; the resident must be told. Closes the
/// jobs the reason closes (this job; for not home or refused also the visit's jobs that have
/// not started), decided here, not by the caller.
#[tauri::command]
#[specta::specta]
pub async fn report_not_home(
    state: State<'_, Arc<AppState>>,
    report_id: String,
    job_id: String,
    reason: NotHomeReason,
    note: String,
    proposal: Option<TimeWindow>,
) -> CmdResult<()> {
    let report_id = parse_id(&report_id, JobReportId::parse)?;
    let job = self::job_id(&job_id)?;
    bounded("note", &note, effects::MAX_NOT_HOME_NOTE)?;
    let state = Arc::clone(&state);
    blocking(move || {
        state.with_writer(|s| {
            let agg = s.load_job(job, &[], state.now())?;
            let jobs = not_home_closes(job, &agg.visit, reason);
            let report = effects::not_home(
                report_id,
                &agg.ctx,
                jobs,
                reason,
                note,
                proposal,
                state.now(),
            )?;
            s.record_not_home(&report)?;
            Ok(())
        })
    })
    .await
}

/// Records a signal for the municipality, from anywhere in a visit. Threats to safety and
/// unsafe situations are always urgent.
#[allow(clippy::too_many_arguments)] // one argument per field of the form
#[tauri::command]
#[specta::specta]
pub async fn record_signal(
    state: State<'_, Arc<AppState>>,
    signal_id: String,
    resident_id: String,
    job_id: Option<String>,
    device_id: Option<String>,
    kind: SignalKind,
    urgent: bool,
    description: String,
) -> CmdResult<Signal> {
    let new = NewSignal {
        id: parse_id(&signal_id, SignalId::parse)?,
        resident_id: parse_id(&resident_id, ResidentId::parse)?,
        job_id: job_id.as_deref().map(self::job_id).transpose()?,
        device_id: device_id
            .as_deref()
            .map(|d| parse_id(d, DeviceId::parse))
            .transpose()?,
        kind,
        urgent,
        description,
    };
    let state = Arc::clone(&state);
    blocking(move || {
        state.with_writer(|s| {
            let signal = new.record(state.now(), &author(&state, s)?)?;
            Ok(s.record_signal(&signal)?)
        })
    })
    .await
}

/// Records a complaint heard or handed over on site, by process: orally or in writing, and
/// the day it was received (`YYYY-MM-DD`; today when not given).
#[allow(clippy::too_many_arguments)] // one argument per field of the form
#[tauri::command]
#[specta::specta]
pub async fn record_complaint(
    state: State<'_, Arc<AppState>>,
    complaint_id: String,
    resident_id: String,
    job_id: Option<String>,
    process: ComplaintProcess,
    description: String,
    received_as: ComplaintChannel,
    received_on: Option<String>,
) -> CmdResult<Complaint> {
    let received_on = received_on
        .as_deref()
        .map(|d| {
            super::parse_day(
                d,
                "Kies een geldige datum van ontvangst.",
                "Choose a valid day received.",
            )
        })
        .transpose()?;
    let new = NewComplaint {
        id: parse_id(&complaint_id, ComplaintId::parse)?,
        resident_id: parse_id(&resident_id, ResidentId::parse)?,
        job_id: job_id.as_deref().map(self::job_id).transpose()?,
        process,
        description,
        received_as,
        received_on,
    };
    let state = Arc::clone(&state);
    blocking(move || {
        state.with_writer(|s| {
            let complaint = new.record(state.now(), &author(&state, s)?)?;
            Ok(s.record_complaint(&complaint)?)
        })
    })
    .await
}

/// A fault the resident reports during the visit of `job_id`: a new malfunction for one of
/// their devices (reported now, with its response class) and a repair job in this visit.
/// Returns the new repair job.
#[allow(clippy::too_many_arguments)] // one argument per field of the form
#[tauri::command]
#[specta::specta]
pub async fn report_malfunction(
    state: State<'_, Arc<AppState>>,
    malfunction_id: String,
    repair_job_id: String,
    job_id: String,
    device_id: String,
    response_class: veldwerk_core::sla::ResponseClass,
    description: String,
    drive_related: bool,
) -> CmdResult<JobView> {
    let malfunction = parse_id(&malfunction_id, MalfunctionId::parse)?;
    let repair_job = self::job_id(&repair_job_id)?;
    let id = self::job_id(&job_id)?;
    let device = parse_id(&device_id, DeviceId::parse)?;
    required("description", &description, 2000)?;
    let state = Arc::clone(&state);
    blocking(move || {
        state.with_writer(|s| {
            let visit = s.load_job(id, &[], state.now())?;
            let device = s
                .device_with_id(device)?
                .ok_or(StoreError::NotFound { kind: "device" })?;
            let report = veldwerk_core::jobs::on_site_malfunction(
                malfunction,
                repair_job,
                &visit.ctx.appointment,
                &device,
                response_class,
                &description,
                drive_related,
                state.now(),
                &author(&state, s)?,
            )?;
            s.report_malfunction_on_site(&report)?;
            let env = state.env();
            Ok(service::view(
                &s.load_job(report.job.id, &[], env.now)?,
                &env,
            ))
        })
    })
    .await
}

/// Loan devices in the depot that are functionally equal to the job's device (same category).
#[tauri::command]
#[specta::specta]
pub async fn loan_candidates(
    state: State<'_, Arc<AppState>>,
    job_id: String,
) -> CmdResult<Vec<DeviceSummary>> {
    let id = self::job_id(&job_id)?;
    let state = Arc::clone(&state);
    blocking(move || {
        state.with_reader(|s| {
            let ctx = s.job_context(id)?;
            let category = ctx
                .device
                .as_ref()
                .map(|d| d.category)
                .or(ctx.order.map(|o| o.category));
            match category {
                Some(c) => Ok(s.loan_candidates(c)?),
                None => Ok(Vec::new()),
            }
        })
    })
    .await
}

/// Corrects a logbook entry: a new entry that references the old one, which stays as it was.
/// `correction_id` is made by the client, so a retried request records the correction once.
#[tauri::command]
#[specta::specta]
pub async fn correct_logbook_entry(
    state: State<'_, Arc<AppState>>,
    correction_id: String,
    entry_id: String,
    correction: String,
) -> CmdResult<LogbookEntry> {
    let correction_id = parse_id(&correction_id, LogbookEntryId::parse)?;
    let entry = parse_id(&entry_id, LogbookEntryId::parse)?;
    required("correction", &correction, 2000)?;
    let state = Arc::clone(&state);
    blocking(move || {
        state.with_writer(|s| {
            let (summary, details) = veldwerk_core::logbook::correction(&correction);
            let by = author(&state, s)?;
            let now = state.now();
            Ok(s.append_correction(correction_id, entry, &summary, &details, &by, now)?)
        })
    })
    .await
}
