//! What a job may do next, and what completing it writes.
//!
//! [`next_state`] applies the workflow's transition table with its guards (nothing required
//! missing, a delivery not blocked by a pending or rejected category deviation).
//! [`complete`] computes everything a finished job writes as one [`Completion`]: the report,
//! logbook entries, passport, sling, malfunction and order updates, signals, a
//! category-deviation request and notices for the technician. It is pure: ids are fresh
//! UUIDv7s, every instant comes in as a parameter.
//!
//! # Readings
//!
//! * The caller passes the template the draft was made with, looked up by the draft's
//!   `template_id` and `template_version` ([`super::TemplateSet::find`]); the report records
//!   the template's id and version. These functions do not look templates up.
//! * Completion reads (and the report holds) only the answers that count
//!   ([`applicable_answers`]): answers of items that no longer apply are left out.
//! * Logbook entries are written by `ctx.technician.name` at `now`; they occurred at `now`,
//!   except for repairs (the resolution when fixed on site, else the arrival).
//! * Signals the technician records through quick entry are recorded by the shell; nothing
//!   here repeats them. Completion raises only the signals its rules derive (a functional
//!   check "not adequate", suspected wilful damage); [`delivery_signals`] gives those of a
//!   delivery.
//! * A device's battery capacity is read from [`battery_capacity_key`].

mod adjustment;
mod builder;
mod collection;
mod delivery;
mod fitting;
mod inspection;
mod loan;
mod maintenance;
mod repair;
mod replacement;

use super::completion::*;
use super::context::{JobContext, JobDraft};
use super::evaluate::{applicable_answers, handed_out_battery_warnings, missing, text, yes_no};
use super::records::{DeviationStatus, NotHomeReason, NotHomeReport, Signal, SignalKind};
use super::template::Template;
use super::workflow::{guarded, Blocked, JobEvent, JobState, WorkflowError};
use crate::ids::*;
use crate::jobs::schema::keys;
use crate::model::{Job, JobKind, JobStatus, TimeWindow};
use crate::validation::bounded;
use crate::{ValidationError, WorkingDayCalendar};
use builder::Builder;
use chrono::{DateTime, Utc};

/// Whether the job is blocked: a delivery whose order has a category deviation that is
/// pending (waiting for the municipality) or rejected. Other kinds are never blocked.
pub fn blocked(ctx: &JobContext) -> Option<Blocked> {
    if ctx.job.kind != JobKind::Delivery {
        return None;
    }
    match ctx.deviation.as_ref().map(|d| d.status) {
        Some(DeviationStatus::Pending) => Some(Blocked::DeviationPending),
        Some(DeviationStatus::Rejected) => Some(Blocked::DeviationRejected),
        _ => None,
    }
}

/// Where `event` takes the draft, with the workflow's guards: [`missing`] (required items
/// and answers with a problem) for completing and marking ready to sign, and [`blocked`].
/// The job kind is the job's (`ctx.job.kind`); `t` must be the draft's own template.
pub fn next_state(
    t: &Template,
    draft: &JobDraft,
    ctx: &JobContext,
    event: JobEvent,
) -> Result<JobState, WorkflowError> {
    let missing = if matches!(event, JobEvent::Complete | JobEvent::MarkReadyToSign) {
        missing(t, &draft.answers, ctx)
    } else {
        Vec::new()
    };
    guarded(ctx.job.kind, draft.state, event, &missing, blocked(ctx))
}

/// Delivery: everything the user agreement needs is there ([`next_state`] with
/// `MarkReadyToSign`). When this succeeds the shell records [`delivery_signals`] too.
pub fn ready_to_sign(
    t: &Template,
    draft: &JobDraft,
    ctx: &JobContext,
) -> Result<JobState, WorkflowError> {
    next_state(t, draft, ctx, JobEvent::MarkReadyToSign)
}

/// Delivery (PvE 6.4): doubts whether the resident operates the device safely
/// (`safety.operates_safely` no) or whether their reaction ability is unimpaired
/// (`safety.reaction_unimpaired` no) are reported to the municipality: one urgent
/// `DrivingAbilityDoubt` signal with the technician's `safety.doubts`. The shell records it
/// when the delivery is marked ready to sign (the delivery completes later, with its signed
/// agreement).
///
/// Reads the draft's answers as given: the two safety items are unconditional, and the
/// doubts only add to a signal those items already raise.
pub fn delivery_signals(draft: &JobDraft, ctx: &JobContext, now: DateTime<Utc>) -> Vec<Signal> {
    let answers = &draft.answers;
    let unsafe_op = yes_no(answers, keys::delivery::SAFETY_OPERATES_SAFELY) == Some(false);
    let impaired = yes_no(answers, keys::delivery::SAFETY_REACTION_UNIMPAIRED) == Some(false);
    if !unsafe_op && !impaired {
        return Vec::new();
    }
    let mut parts: Vec<String> = Vec::new();
    if unsafe_op {
        parts.push("Twijfel of de inwoner het hulpmiddel veilig kan bedienen".into());
    }
    if impaired {
        parts.push("reactievermogen mogelijk verminderd (medicatie of anders)".into());
    }
    let mut description = format!("Bij levering: {}.", parts.join("; "));
    if let Some(d) = text(answers, keys::delivery::SAFETY_DOUBTS) {
        description.push(' ');
        description.push_str(d);
    }
    vec![Signal {
        id: SignalId::new_v7(),
        resident_id: ctx.resident.id,
        device_id: ctx.device.as_ref().map(|d| d.id),
        job_id: Some(ctx.job.id),
        kind: SignalKind::DrivingAbilityDoubt,
        urgent: true,
        description,
        created_at: now,
        author: ctx.technician.name.clone(),
    }]
}

/// The jobs a not-home report made from `job` closes (PvE 5.2): always this job; when nobody
/// is home or the resident refuses, also the visit's jobs that have not started (status
/// open). A job in progress keeps its answers open; "cannot proceed" is about this job only.
pub fn not_home_closes(job: JobId, visit: &[Job], reason: NotHomeReason) -> Vec<JobId> {
    let mut out = vec![job];
    if reason != NotHomeReason::CannotProceed {
        out.extend(
            visit
                .iter()
                .filter(|j| j.id != job && j.status == JobStatus::Open)
                .map(|j| j.id),
        );
    }
    out
}

/// The longest note of a not-home report, in characters.
pub const MAX_NOT_HOME_NOTE: usize = 2000;

/// A visit that could not go ahead (PvE 5.2): the reason, a note (at most 2000 characters,
/// trimmed), a new appointment proposal at the resident's preferred time (it must start after
/// `now`; refused as an invalid `proposal` date otherwise), to be told to the resident in
/// their recorded preferred way.
pub fn not_home(
    id: JobReportId,
    ctx: &JobContext,
    jobs: Vec<JobId>,
    reason: NotHomeReason,
    note: String,
    proposal: Option<TimeWindow>,
    now: DateTime<Utc>,
) -> Result<NotHomeReport, ValidationError> {
    let note = note.trim().to_string();
    bounded("note", &note, MAX_NOT_HOME_NOTE)?;
    if let Some(p) = &proposal {
        if p.start <= now {
            return Err(ValidationError::ProposalInPast);
        }
    }
    Ok(NotHomeReport {
        id,
        appointment_id: ctx.appointment.id,
        resident_id: ctx.resident.id,
        jobs,
        reason,
        note,
        proposal,
        tell_resident_via: ctx.resident.preferred_communication,
        created_at: now,
        author: ctx.technician.name.clone(),
    })
}

/// Completes the job: first the workflow ([`next_state`] with `Complete`), so an illegal
/// transition, missing items or a block are typed errors (a delivery always ends in
/// `SignatureRequired` or `IllegalTransition` here: it completes with its signed agreement
/// through [`complete_signed_delivery`]).
/// Then everything the job writes, per kind:
///
/// * preventive maintenance: a `PreventiveMaintenance` and a `UsageCheck` entry; passport
///   last maintenance = job day, next due per [`rules::maintenance_due_after`] (none for a
///   category bought without a service tariff), battery
///   capacity and test day; a check "take out of use" -> `OutOfUse`; functional check "not
///   adequate" -> a `NoLongerAdequate` signal;
/// * hoist inspection: a `HoistInspection` entry and one `SlingInspection` entry per sling
///   (all on the hoist); next inspection +12 months unless rejected, maintenance dates;
///   rejected -> `OutOfUse`; rejected slings withdrawn, approved slings +12 months;
/// * repair: malfunction arrival/resolution, a `Repair` entry, last malfunction day; not
///   fixed -> `AwaitingRepair` (unless already `OutOfUse`, which only a re-inspection or the
///   office lifts; fixed on site lifts `AwaitingRepair` back to `InUse`); wilful
///   damage -> `DamageReport` entry, `SuspectedWilfulDamage` signal, last misuse day; a loan
///   device placed -> it goes `OnLoan` to the resident, `LoanPlaced` entries on both devices;
/// * fitting: a `Fitting` entry only when the job has a device; another category than
///   ordered -> a pending [`DeviationRequest`];
/// * adjustment: an `Adjustment` entry; device taken -> `AwaitingRepair` and its return date;
/// * replacement: the new device `InUse` with the resident, delivered on the job day, its
///   catalogue value; `Replacement` entries on both; the old one back to the depot when
///   collected; the order completed;
/// * collection: the device back to the depot, a `Collection` entry, the order completed;
/// * loan device: placed (`OnLoan`, `LoanPlaced`) or picked up (`InDepot`, `LoanReturned`).
pub fn complete(
    t: &Template,
    draft: &JobDraft,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
    now: DateTime<Utc>,
) -> Result<Completion, WorkflowError> {
    next_state(t, draft, ctx, JobEvent::Complete)?;
    Ok(build(t, draft, ctx, cal, now, None))
}

/// Completes a delivery that is ready to sign with its signed user agreement (the PDF already
/// stored): the device goes into use with the resident (first and last delivery dates), a
/// `Delivery` logbook entry carries the agreement's SHA-256, the hash of the text the signers
/// saw and who signed, the order is completed and the document is recorded. Refused with
/// `SignatureRequired` when the signatures do not belong to this job, to this text, or to
/// the right sides; with what is missing when the job is incomplete; when blocked.
pub fn complete_signed_delivery(
    t: &Template,
    draft: &JobDraft,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
    now: DateTime<Utc>,
    signed: &super::media::AgreementSigned,
) -> Result<Completion, WorkflowError> {
    if ctx.job.kind != JobKind::Delivery || draft.state != JobState::ReadyToSign {
        return Err(WorkflowError::IllegalTransition {
            kind: ctx.job.kind,
            from: draft.state,
            event: JobEvent::Complete,
        });
    }
    if let Some(b) = blocked(ctx) {
        return Err(WorkflowError::Blocked(b));
    }
    let missing = missing(t, &draft.answers, ctx);
    if !missing.is_empty() {
        return Err(WorkflowError::Incomplete { missing });
    }
    if !signed.consistent(ctx.job.id) {
        return Err(WorkflowError::SignatureRequired);
    }
    Ok(build(t, draft, ctx, cal, now, Some(signed)))
}

fn build(
    t: &Template,
    draft: &JobDraft,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
    now: DateTime<Utc>,
    signed: Option<&super::media::AgreementSigned>,
) -> Completion {
    let answers = applicable_answers(t, &draft.answers, ctx);
    let mut b = Builder {
        t,
        ctx,
        cal,
        now,
        a: &answers,
        out: Completion {
            report: JobReport {
                id: JobReportId::new_v7(),
                job_id: draft.job_id,
                kind: ctx.job.kind,
                template_id: t.id.clone(),
                template_version: t.version,
                answers: answers.clone(),
                started_at: draft.started_at,
                completed_at: now,
                technician: ctx.technician.name.clone(),
                notices: Vec::new(),
            },
            logbook: Vec::new(),
            devices: Vec::new(),
            slings: Vec::new(),
            malfunction: None,
            orders: Vec::new(),
            signals: Vec::new(),
            deviation: None,
            documents: Vec::new(),
            notices: Vec::new(),
        },
    };
    match ctx.job.kind {
        JobKind::PreventiveMaintenance => b.preventive_maintenance(),
        JobKind::HoistInspection => b.hoist_inspection(),
        JobKind::Repair => b.repair(),
        JobKind::Fitting => b.fitting(),
        // Only with its signed agreement (`complete_signed_delivery`).
        JobKind::Delivery => {
            if let Some(s) = signed {
                b.delivery(s);
            }
        }
        JobKind::Adjustment => b.adjustment(),
        JobKind::Replacement => b.replacement(),
        JobKind::Collection => b.collection(),
        JobKind::LoanDevice => b.loan_device(),
    }
    let handed_out = handed_out_battery_warnings(ctx.job.kind, b.a, ctx);
    b.out.notices.extend(handed_out);
    // the report keeps what the technician was told, for whoever opens the job later
    b.out.report.notices = b.out.notices.clone();
    b.out
}
