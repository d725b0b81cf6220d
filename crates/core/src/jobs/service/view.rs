//! What the guided-job screen shows: the job in its context, the template, the answers so
//! far, progress, what is missing, warnings, and what a not-home report would close.

use super::{Env, JobAggregate};
use crate::ids::{AppointmentId, JobId};
use crate::jobs::answer::{self, AnswerWarning, SignerRole};
use crate::jobs::evaluate::{self, StepProgress};
use crate::jobs::schema::keys;
use crate::jobs::{
    effects, split_key, Answer, Blocked, DeviationRequest, JobContext, JobDraft, JobReport,
    JobState, MissingItem, NotHomeReason, NotHomeReport, Template, TemplateSet,
};
use crate::model::{
    Caregiver, DeviceSummary, JobKind, JobStatus, Malfunction, Order, Resident, Sling, TimeWindow,
};
use crate::sla::RepairDeadlines;
use crate::Localized;
use serde::Serialize;
use std::collections::BTreeMap;

/// Someone who may sign off: the resident, or a contact person who may sign.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Signer {
    pub name: String,
    pub role: SignerRole,
    /// e.g. "dochter", "wijkverpleging"
    pub relation: Option<String>,
}

/// Another job of the same visit (a not-home report closes them all).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VisitJob {
    pub id: JobId,
    pub kind: JobKind,
    pub status: JobStatus,
}

/// The guided job as the screen shows it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JobView {
    pub job_id: JobId,
    pub kind: JobKind,
    pub appointment_id: AppointmentId,
    pub window: TimeWindow,
    /// The day the work is done (today for a job not started yet, else the day it started):
    /// date items are bounded relative to it.
    pub job_day: chrono::NaiveDate,
    /// The day the visit was planned for; when it is not today the screen asks before
    /// starting the job.
    pub planned_day: chrono::NaiveDate,
    /// The resident's name as everywhere else in the app.
    pub resident_name: String,
    pub resident: Resident,
    /// Every job of this visit (this one included).
    pub visit_jobs: Vec<VisitJob>,
    /// All devices of the resident (for a fault reported on site).
    pub resident_devices: Vec<DeviceSummary>,
    pub signers: Vec<Signer>,
    pub contacts: Vec<Caregiver>,
    pub device: Option<DeviceSummary>,
    pub device_electric: bool,
    pub order: Option<Order>,
    pub malfunction: Option<Malfunction>,
    pub deadlines: Option<RepairDeadlines>,
    pub slings: Vec<Sling>,
    pub state: JobState,
    pub template: Option<Template>,
    /// Why there is no usable template, when there is none.
    pub template_problem: Option<Localized>,
    pub answers: BTreeMap<String, Answer>,
    pub steps: Vec<StepProgress>,
    /// Answer keys of the items that apply now (conditions hold).
    pub applicable: Vec<String>,
    pub missing: Vec<MissingItem>,
    /// Warnings on answers given (a measurement near the edge of its range).
    pub answer_warnings: Vec<AnswerWarning>,
    /// Rules of the contract that apply to this job now (deadlines, planning, battery).
    pub warnings: Vec<Localized>,
    /// Suggested starting values for measurements derived from others.
    pub suggestions: BTreeMap<String, f64>,
    pub blocked: Option<Blocked>,
    pub deviation: Option<DeviationRequest>,
    pub report: Option<JobReport>,
    /// Why the visit could not go ahead, when a not-home report closed this job.
    pub not_home: Option<NotHomeReport>,
    /// For each reason, the jobs a not-home report made from this job would close.
    pub not_home_closes: Vec<NotHomeClosure>,
    /// Registration items that take a device from the depot (the UI offers candidates).
    pub from_depot: Vec<String>,
    /// Answer keys of the items a photo belongs with (the screen offers one there).
    pub photo_items: Vec<String>,
}

/// The jobs a not-home report for `reason` closes.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NotHomeClosure {
    pub reason: NotHomeReason,
    pub jobs: Vec<VisitJob>,
}

/// The template of a job: the draft's own version once started, else the current one for the
/// device's (or order's) category.
pub fn template_for<'a>(
    set: &'a TemplateSet,
    ctx: &JobContext,
    draft: Option<&JobDraft>,
) -> Result<&'a Template, Localized> {
    match draft {
        Some(d) => set.find(&d.template_id, d.template_version).ok_or_else(|| {
            Localized::new(
                format!(
                    "Het formulier {} (versie {}) waarmee deze opdracht is begonnen, is niet beschikbaar in deze versie van Veldwerk. De antwoorden zijn bewaard; werk de app bij.",
                    d.template_id, d.template_version
                ),
                format!(
                    "The form {} (version {}) this job was started with is not available in this version of Veldwerk. The answers are kept; update the app.",
                    d.template_id, d.template_version
                ),
            )
        }),
        None => {
            let category = ctx
                .device
                .as_ref()
                .map(|d| d.category)
                .or(ctx.order.as_ref().map(|o| o.category));
            set.for_job(ctx.job.kind, category).ok_or_else(|| {
                Localized::new(
                    "Er is geen formulier voor deze opdracht en dit hulpmiddel. Meld dit bij de planning.",
                    "There is no form for this job and this device. Report this to the planners.",
                )
            })
        }
    }
}

fn signers(ctx: &JobContext) -> Vec<Signer> {
    let mut out = vec![Signer {
        name: ctx.resident.display_name(),
        role: SignerRole::Resident,
        relation: None,
    }];
    for c in ctx.caregivers.iter().filter(|c| c.may_sign) {
        out.push(Signer {
            name: c.name.clone(),
            role: SignerRole::Caregiver,
            relation: Some(c.relation.clone()),
        });
    }
    out
}

/// Builds the view of the job at `env.now`.
pub fn view(agg: &JobAggregate, env: &Env) -> JobView {
    let ctx = &agg.ctx;
    let draft = agg.draft.as_ref();
    let set = env.templates;
    let cal = env.calendar;
    let now = env.now;
    let state = draft.map_or(JobState::NotStarted, |d| d.state);
    let answers = draft.map(|d| d.answers.clone()).unwrap_or_default();
    let (template, template_problem) = match template_for(set, ctx, draft) {
        Ok(t) => (Some(t.clone()), None),
        Err(p) => (None, Some(p)),
    };
    let mut steps = Vec::new();
    let mut applicable = Vec::new();
    let mut missing = Vec::new();
    let mut warnings = Vec::new();
    let mut suggestions = BTreeMap::new();
    let mut answer_warnings = Vec::new();
    let mut photo_items = Vec::new();
    if let Some(t) = &template {
        photo_items = evaluate::photo_items(t, &answers, ctx);
        steps = evaluate::progress(t, &answers, ctx);
        let live = evaluate::applicable_answers(t, &answers, ctx);
        for step in &t.steps {
            for (instance, _) in evaluate::instances(step, ctx) {
                for item in &step.items {
                    if evaluate::applies(step, item, &live, ctx, instance.as_deref()) {
                        applicable.push(crate::jobs::answer_key(
                            &step.id,
                            instance.as_deref(),
                            &item.id,
                        ));
                    }
                }
            }
        }
        missing = evaluate::missing(t, &answers, ctx);
        warnings = evaluate::warnings(t, &answers, ctx, cal, now);
        suggestions = evaluate::suggestions(t, &answers, ctx);
        for (key, a) in &answers {
            if let Some((_, item)) = t.item(key) {
                if let Ok((_, w)) = answer::validate(key, item, a.clone(), ctx.job_day) {
                    answer_warnings.extend(w);
                }
            }
        }
    }
    let deadlines = evaluate::repair_deadlines_of(&answers, ctx, cal);
    JobView {
        job_id: ctx.job.id,
        kind: ctx.job.kind,
        appointment_id: ctx.appointment.id,
        window: ctx.appointment.window,
        job_day: ctx.job_day,
        planned_day: ctx.planned_day,
        resident_name: ctx.resident.display_name(),
        resident: ctx.resident.clone(),
        visit_jobs: agg
            .visit
            .iter()
            .map(|j| VisitJob {
                id: j.id,
                kind: j.kind,
                status: j.status,
            })
            .collect(),
        resident_devices: agg.resident_devices.clone(),
        signers: signers(ctx),
        contacts: ctx.caregivers.clone(),
        device: ctx.device.as_ref().map(DeviceSummary::from),
        device_electric: ctx.device.as_ref().is_some_and(|d| d.is_electric()),
        order: ctx.order.clone(),
        malfunction: ctx.malfunction.clone(),
        deadlines,
        slings: ctx.slings.clone(),
        state,
        template,
        template_problem,
        answers,
        steps,
        applicable,
        missing,
        answer_warnings,
        warnings,
        suggestions,
        blocked: effects::blocked(ctx),
        deviation: ctx.deviation.clone(),
        report: agg.report.clone(),
        not_home: agg.not_home.clone(),
        not_home_closes: NotHomeReason::ALL
            .iter()
            .map(|reason| NotHomeClosure {
                reason: *reason,
                jobs: effects::not_home_closes(ctx.job.id, &agg.visit, *reason)
                    .into_iter()
                    .filter_map(|id| agg.visit.iter().find(|j| j.id == id))
                    .map(|j| VisitJob {
                        id: j.id,
                        kind: j.kind,
                        status: j.status,
                    })
                    .collect(),
            })
            .collect(),
        from_depot: keys::FROM_DEPOT.iter().map(|k| k.to_string()).collect(),
        photo_items,
    }
}

/// Finds the item an answer key refers to, checking that a repeated step's instance exists.
pub(crate) fn item_for<'t>(
    t: &'t Template,
    ctx: &JobContext,
    key: &str,
) -> Option<&'t crate::jobs::Item> {
    let (step_id, instance, _) = split_key(key)?;
    let (step, item) = t.item(key)?;
    let instances = evaluate::instances(step, ctx);
    let ok = instances.iter().any(|(i, _)| i.as_deref() == instance);
    (ok && step.id == step_id).then_some(item)
}
