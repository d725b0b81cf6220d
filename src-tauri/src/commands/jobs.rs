//! Guided jobs: open, start, answer (autosaved on every change), move through the states,
//! complete in one transaction; signals, complaints, not-home reports and corrections.

use crate::error::{AppError, CmdResult};
use crate::job_view::{self, JobView};
use crate::state::AppState;
use chrono::SubsecRound;
use serde::Serialize;
use std::sync::Arc;
use tauri::State;
use veldwerk_core::ids::{AppointmentId, DeviceId, JobId, LogbookEntryId, ResidentId};
use veldwerk_core::jobs::{
    answer, effects, evaluate, Answer, CheckResult, Complaint, ComplaintProcess, Input, JobDraft,
    JobEvent, JobState, NotHomeReason, Signal, SignalKind,
};
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::TimeWindow;
use veldwerk_core::validation::{bounded, required};
use veldwerk_core::Localized;
use veldwerk_store::jobs::StoredKind;
use veldwerk_store::views::DeviceSummary;
use veldwerk_store::Store;

fn job_id(raw: &str) -> CmdResult<JobId> {
    super::parse_id(raw, JobId::parse)
}

fn template_error(p: Localized) -> AppError {
    AppError::new("template_unavailable", p)
}

/// Loads the job and builds its view.
fn view(state: &AppState, store: &Store, id: JobId) -> CmdResult<JobView> {
    let ctx = store.job_context(id)?;
    let draft = store.draft(id)?;
    let report = store.job_report(id)?;
    // Only a job a not-home report closed has one (this view is rebuilt after every answer).
    let not_home = match draft.as_ref().map(|d| d.state) {
        Some(JobState::CannotProceed) => store.not_home_report_of(id)?,
        _ => None,
    };
    let visit = store.jobs_of(ctx.appointment.id)?;
    let devices = store.devices_of_resident(ctx.resident.id)?;
    Ok(job_view::build(
        &state.templates,
        &ctx,
        draft.as_ref(),
        report,
        not_home,
        &visit,
        devices,
        &state.calendar,
        state.now(),
    ))
}

/// The job as the guided screen shows it (not started yet, in progress, or completed).
#[tauri::command]
#[specta::specta]
pub fn open_job(state: State<'_, Arc<AppState>>, job_id: String) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    state.with_store(|s| view(&state, s, id))
}

/// Starts the job: the draft is created with the current template version. Starting again
/// is harmless (the draft and its answers stay).
#[tauri::command]
#[specta::specta]
pub fn start_job(state: State<'_, Arc<AppState>>, job_id: String) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    state.with_store(|s| {
        let ctx = s.job_context(id)?;
        let existing = s.draft(id)?;
        if existing.is_none() {
            let t = job_view::template_for(&state.templates, &ctx, None).map_err(template_error)?;
            let probe = veldwerk_core::jobs::JobDraft {
                job_id: id,
                template_id: t.id.clone(),
                template_version: t.version,
                state: JobState::NotStarted,
                answers: Default::default(),
                started_at: state.now(),
                updated_at: state.now(),
            };
            effects::next_state(t, &probe, &ctx, JobEvent::Start).map_err(workflow_error)?;
            s.start_draft(id, &t.id, t.version, state.now())?;
        }
        view(&state, s, id)
    })
}

fn workflow_error(e: veldwerk_core::jobs::WorkflowError) -> AppError {
    AppError::new(e.code(), e.message())
}

/// Saves one answer (validated against its item: ranges, options, dates) and returns the
/// job as it now stands. A refused answer is not saved and the error says why.
#[tauri::command]
#[specta::specta]
pub fn save_answer(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    key: String,
    answer: Answer,
) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    bounded("key", &key, 200)?;
    state.with_store(|s| {
        let ctx = s.job_context(id)?;
        let draft = editable_draft(s, id)?;
        let t = draft_template(&state, &ctx, &draft)?;
        let item = job_view::item_for(t, &ctx, &key).ok_or_else(|| unknown_item(&key))?;
        let (stored, _warnings) = answer::validate(&key, item, answer, ctx.job_day)
            .map_err(|e| AppError::new(e.code(), e.message(&item.label)))?;
        s.save_answer(id, &key, &stored, state.now())?;
        view(&state, s, id)
    })
}

/// Removes an answer (the item becomes unanswered again).
#[tauri::command]
#[specta::specta]
pub fn clear_answer(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    key: String,
) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    bounded("key", &key, 200)?;
    state.with_store(|s| {
        editable_draft(s, id)?;
        s.clear_answer(id, &key, state.now())?;
        view(&state, s, id)
    })
}

/// Answers every unanswered check of a step (one sling, for a repeated step) with "ok": one
/// tap for the common case that everything in a step is fine.
#[tauri::command]
#[specta::specta]
pub fn all_ok(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    step_id: String,
    instance: Option<String>,
) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    bounded("step", &step_id, 64)?;
    if let Some(i) = &instance {
        bounded("instance", i, 64)?;
    }
    state.with_store(|s| {
        let ctx = s.job_context(id)?;
        let draft = editable_draft(s, id)?;
        let t = draft_template(&state, &ctx, &draft)?;
        let step = t
            .steps
            .iter()
            .find(|st| st.id == step_id)
            .ok_or_else(|| unknown_item(&step_id))?;
        let instances = evaluate::instances(step, &ctx);
        if !instances.iter().any(|(i, _)| *i == instance) {
            return Err(unknown_item(&step_id));
        }
        let answers = evaluate::applicable_answers(t, &draft.answers, &ctx);
        let mut ok_answers = Vec::new();
        for item in &step.items {
            let key = veldwerk_core::jobs::answer_key(&step.id, instance.as_deref(), &item.id);
            let applies = evaluate::applies(step, item, &answers, &ctx, instance.as_deref());
            if matches!(item.input, Input::Check) && applies && !draft.answers.contains_key(&key) {
                let ok = Answer::Check {
                    result: CheckResult::Ok,
                    fix_by: None,
                    note: None,
                };
                ok_answers.push((key, ok));
            }
        }
        // one transaction: the step is all OK, or (on an error) nothing changed
        s.save_answers(id, &ok_answers, state.now())?;
        view(&state, s, id)
    })
}

/// Moves a delivery to "ready to sign" (everything the user agreement needs is there) or
/// back to editing. Doubts about safe use recorded in the delivery become signals.
#[tauri::command]
#[specta::specta]
pub fn job_event(
    state: State<'_, Arc<AppState>>,
    job_id: String,
    event: JobEvent,
) -> CmdResult<JobView> {
    let id = self::job_id(&job_id)?;
    if matches!(
        event,
        JobEvent::Start | JobEvent::Complete | JobEvent::CannotProceed
    ) {
        return Err(AppError::new(
            "illegal_transition",
            Localized::new(
                "Gebruik hiervoor de knoppen Beginnen, Afronden of Niet thuis.",
                "Use the Start, Complete or Not home buttons for this.",
            ),
        ));
    }
    state.with_store(|s| {
        let ctx = s.job_context(id)?;
        let draft = started_draft(s, id)?;
        let t = draft_template(&state, &ctx, &draft)?;
        // A repeated request (a double tap, a retry) finds the job already there: no change.
        let already = matches!(
            (draft.state, event),
            (JobState::ReadyToSign, JobEvent::MarkReadyToSign)
                | (JobState::InProgress, JobEvent::Reopen)
        );
        if already {
            return view(&state, s, id);
        }
        let next = effects::next_state(t, &draft, &ctx, event).map_err(workflow_error)?;
        let signals = if next == JobState::ReadyToSign {
            let applicable = evaluate::applicable_answers(t, &draft.answers, &ctx);
            let checked = JobDraft {
                answers: applicable,
                ..draft.clone()
            };
            // once per job: a reopen and a second "ready to sign" do not signal again
            let already: Vec<SignalKind> = s
                .signals_of_resident(ctx.resident.id)?
                .into_iter()
                .filter(|x| x.job_id == Some(id))
                .map(|x| x.kind)
                .collect();
            effects::delivery_signals(&checked, &ctx, state.now())
                .into_iter()
                .filter(|x| !already.contains(&x.kind))
                .collect()
        } else {
            Vec::new()
        };
        s.set_draft_state(id, next, &signals, state.now())?;
        view(&state, s, id)
    })
}

/// The outcome of completing a job.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct Completed {
    pub job: JobView,
    /// What the technician should know now (e.g. plan the delivery date before ...).
    pub notices: Vec<Localized>,
    /// The logbook entries written.
    pub logbook: Vec<LogbookEntry>,
}

/// Completes the job in one transaction: the report, the logbook entries, the passport
/// updates, signals and the outbox. Refused (with what is missing) when incomplete.
#[tauri::command]
#[specta::specta]
pub fn complete_job(state: State<'_, Arc<AppState>>, job_id: String) -> CmdResult<Completed> {
    let id = self::job_id(&job_id)?;
    state.with_store(|s| {
        // A repeated request (a double tap, a retry after a lost answer) changes nothing.
        if s.job_report(id)?.is_some() {
            return Ok(Completed {
                job: view(&state, s, id)?,
                notices: vec![Localized::new(
                    "Deze opdracht was al afgerond; er is niets dubbel vastgelegd.",
                    "This job was already completed; nothing was recorded twice.",
                )],
                logbook: Vec::new(),
            });
        }
        let ctx = s.job_context(id)?;
        let draft = started_draft(s, id)?;
        let t = draft_template(&state, &ctx, &draft)?;
        let completion = effects::complete(t, &draft, &ctx, &state.calendar, state.now())
            .map_err(workflow_error)?;
        let logbook = s.complete_job(&completion)?;
        Ok(Completed {
            job: view(&state, s, id)?,
            notices: completion.notices,
            logbook,
        })
    })
}

/// A visit that could not go ahead: reason, note, a proposal for a new appointment at the
/// resident's preferred time; the resident must be told. Closes the given jobs.
#[tauri::command]
#[specta::specta]
pub fn report_not_home(
    state: State<'_, Arc<AppState>>,
    report_id: String,
    appointment_id: String,
    job_ids: Vec<String>,
    reason: NotHomeReason,
    note: String,
    proposal: Option<TimeWindow>,
) -> CmdResult<()> {
    let report_id = super::parse_id(&report_id, veldwerk_core::ids::JobReportId::parse)?;
    let appointment = super::parse_id(&appointment_id, AppointmentId::parse)?;
    bounded("note", &note, 2000)?;
    if job_ids.is_empty() || job_ids.len() > 20 {
        return Err(AppError::new(
            "invalid_input",
            Localized::new(
                "Geef de opdrachten van dit bezoek op.",
                "Give the jobs of this visit.",
            ),
        ));
    }
    let jobs = job_ids
        .iter()
        .map(|j| self::job_id(j))
        .collect::<CmdResult<Vec<_>>>()?;
    state.with_store(|s| {
        // A retried request finds its report already recorded: nothing to do.
        if s.record_stored(StoredKind::NotHomeReport, report_id.0)? {
            return Ok(());
        }
        let ctx = s.job_context(jobs[0])?;
        for j in &jobs {
            if s.job_context(*j)?.appointment.id != appointment {
                return Err(AppError::new(
                    "invalid_input",
                    Localized::new(
                        "Deze opdracht hoort niet bij dit bezoek.",
                        "This job does not belong to this visit.",
                    ),
                ));
            }
        }
        let report = effects::not_home(
            report_id,
            &ctx,
            jobs.clone(),
            reason,
            note.clone(),
            proposal,
            state.now(),
        )?;
        s.record_not_home(&report)?;
        Ok(())
    })
}

fn technician_name(state: &AppState, store: &Store) -> CmdResult<String> {
    let id = state.technician_id()?;
    Ok(store.technician(id)?.name)
}

/// Records a signal for the municipality, from anywhere in a visit. Threats to safety and
/// unsafe situations are always urgent.
#[allow(clippy::too_many_arguments)] // one argument per field of the form
#[tauri::command]
#[specta::specta]
pub fn record_signal(
    state: State<'_, Arc<AppState>>,
    signal_id: String,
    resident_id: String,
    job_id: Option<String>,
    device_id: Option<String>,
    kind: SignalKind,
    urgent: bool,
    description: String,
) -> CmdResult<Signal> {
    let signal_id = super::parse_id(&signal_id, veldwerk_core::ids::SignalId::parse)?;
    let resident = super::parse_id(&resident_id, ResidentId::parse)?;
    let job = job_id.as_deref().map(self::job_id).transpose()?;
    let device = device_id
        .as_deref()
        .map(|d| super::parse_id(d, DeviceId::parse))
        .transpose()?;
    required("description", &description, 2000)?;
    state.with_store(|s| {
        // A retried request is answered with what is stored; one with other content under
        // the same id is refused, so an edit is never silently dropped.
        if let Some(stored) = s.signal(signal_id)? {
            let same = stored.resident_id == resident
                && stored.kind == kind
                && stored.urgent == (urgent || kind.always_urgent())
                && stored.description == description.trim()
                && stored.job_id == job
                && stored.device_id == device;
            return if same {
                Ok(stored)
            } else {
                Err(recorded_differently())
            };
        }
        let signal = Signal {
            id: signal_id,
            resident_id: resident,
            device_id: device,
            job_id: job,
            kind,
            urgent: urgent || kind.always_urgent(),
            description: description.trim().to_string(),
            created_at: state.now().trunc_subsecs(3),
            author: technician_name(&state, s)?,
        };
        s.record_signal(&signal)?;
        Ok(signal)
    })
}

/// The first request of a dialog was recorded but its answer got lost, and the text has been
/// changed since: the record stays as first sent; the change is a new record.
fn recorded_differently() -> AppError {
    AppError::new(
        "recorded_differently",
        Localized::new(
            "Dit was al vastgelegd, met de tekst van toen. Sluit dit venster en leg de aanvulling vast als een nieuwe melding.",
            "This was already recorded, with the text as it was then. Close this window and record the addition as a new entry.",
        ),
    )
}

/// Records a complaint heard on site, by process.
#[tauri::command]
#[specta::specta]
pub fn record_complaint(
    state: State<'_, Arc<AppState>>,
    complaint_id: String,
    resident_id: String,
    job_id: Option<String>,
    process: ComplaintProcess,
    description: String,
) -> CmdResult<Complaint> {
    let complaint_id = super::parse_id(&complaint_id, veldwerk_core::ids::ComplaintId::parse)?;
    let resident = super::parse_id(&resident_id, ResidentId::parse)?;
    let job = job_id.as_deref().map(self::job_id).transpose()?;
    required("description", &description, 2000)?;
    state.with_store(|s| {
        if let Some(stored) = s.complaint(complaint_id)? {
            let same = stored.resident_id == resident
                && stored.process == process
                && stored.description == description.trim()
                && stored.job_id == job;
            return if same {
                Ok(stored)
            } else {
                Err(recorded_differently())
            };
        }
        let complaint = Complaint {
            id: complaint_id,
            resident_id: resident,
            job_id: job,
            process,
            description: description.trim().to_string(),
            created_at: state.now().trunc_subsecs(3),
            author: technician_name(&state, s)?,
        };
        s.record_complaint(&complaint)?;
        Ok(complaint)
    })
}

/// A fault the resident reports during the visit of `job_id`: a new malfunction for one of
/// their devices (reported now, with its response class) and a repair job in this visit.
/// Returns the new repair job.
#[allow(clippy::too_many_arguments)] // one argument per field of the form
#[tauri::command]
#[specta::specta]
pub fn report_malfunction(
    state: State<'_, Arc<AppState>>,
    malfunction_id: String,
    repair_job_id: String,
    job_id: String,
    device_id: String,
    response_class: veldwerk_core::sla::ResponseClass,
    description: String,
    drive_related: bool,
) -> CmdResult<JobView> {
    let malfunction = super::parse_id(&malfunction_id, veldwerk_core::ids::MalfunctionId::parse)?;
    let repair_job = self::job_id(&repair_job_id)?;
    let id = self::job_id(&job_id)?;
    let device = super::parse_id(&device_id, DeviceId::parse)?;
    required("description", &description, 2000)?;
    state.with_store(|s| {
        if s.record_stored(StoredKind::Malfunction, malfunction.0)? {
            return view(&state, s, repair_job);
        }
        let ctx = s.job_context(id)?;
        let author = technician_name(&state, s)?;
        let device = s.device_with_id(device)?.ok_or_else(|| {
            AppError::from(veldwerk_store::StoreError::NotFound { kind: "device" })
        })?;
        let report = veldwerk_core::jobs::on_site_malfunction(
            malfunction,
            repair_job,
            &ctx.appointment,
            &device,
            response_class,
            &description,
            drive_related,
            state.now(),
            &author,
        )?;
        s.report_malfunction_on_site(&report)?;
        view(&state, s, report.job.id)
    })
}

/// Loan devices in the depot that are functionally equal to the job's device (same category).
#[tauri::command]
#[specta::specta]
pub fn loan_candidates(
    state: State<'_, Arc<AppState>>,
    job_id: String,
) -> CmdResult<Vec<DeviceSummary>> {
    let id = self::job_id(&job_id)?;
    state.with_store(|s| {
        let ctx = s.job_context(id)?;
        match ctx
            .device
            .as_ref()
            .map(|d| d.category)
            .or(ctx.order.map(|o| o.category))
        {
            Some(c) => Ok(s.loan_candidates(c)?),
            None => Ok(Vec::new()),
        }
    })
}

/// Corrects a logbook entry: a new entry that references the old one, which stays as it was.
/// `correction_id` is made by the client, so a retried request records the correction once.
#[tauri::command]
#[specta::specta]
pub fn correct_logbook_entry(
    state: State<'_, Arc<AppState>>,
    correction_id: String,
    entry_id: String,
    correction: String,
) -> CmdResult<LogbookEntry> {
    let correction_id = super::parse_id(&correction_id, LogbookEntryId::parse)?;
    let entry = super::parse_id(&entry_id, LogbookEntryId::parse)?;
    required("correction", &correction, 2000)?;
    state.with_store(|s| {
        let author = technician_name(&state, s)?;
        let text = correction.trim();
        let details = serde_json::json!({ "correction": text }).to_string();
        Ok(s.append_correction(
            correction_id,
            entry,
            &format!("Correctie: {text}"),
            &details,
            &author,
            state.now(),
        )?)
    })
}

/// Answers can change only while the job is in progress (a delivery that is ready to sign
/// must be reopened first; a closed job never changes).
/// The draft of a started job.
fn started_draft(s: &Store, id: JobId) -> CmdResult<JobDraft> {
    s.draft(id)?.ok_or_else(not_started)
}

/// The draft of a started job whose answers may change now.
fn editable_draft(s: &Store, id: JobId) -> CmdResult<JobDraft> {
    let draft = started_draft(s, id)?;
    editable(&draft)?;
    Ok(draft)
}

/// The template the draft was started on.
fn draft_template<'a>(
    state: &'a AppState,
    ctx: &veldwerk_core::jobs::JobContext,
    draft: &JobDraft,
) -> CmdResult<&'a veldwerk_core::jobs::Template> {
    job_view::template_for(&state.templates, ctx, Some(draft)).map_err(template_error)
}

fn editable(draft: &JobDraft) -> CmdResult<()> {
    if draft.state == JobState::ReadyToSign {
        return Err(AppError::new(
            "job_ready_to_sign",
            Localized::new(
                "De levering staat klaar voor ondertekening. Kies eerst Terug naar bewerken.",
                "The delivery is ready to sign. Choose Back to editing first.",
            ),
        ));
    }
    Ok(())
}

fn not_started() -> AppError {
    AppError::new(
        "job_not_started",
        Localized::new(
            "Deze opdracht is nog niet begonnen. Kies eerst Beginnen.",
            "This job has not been started. Choose Start first.",
        ),
    )
}

fn unknown_item(key: &str) -> AppError {
    AppError::new(
        "unknown_item",
        Localized::new(
            format!(
                "Het onderdeel \"{}\" hoort niet bij dit formulier.",
                key.chars().take(60).collect::<String>()
            ),
            format!(
                "The item \"{}\" is not part of this form.",
                key.chars().take(60).collect::<String>()
            ),
        ),
    )
}
