//! The job report (werkbon) of a maintenance, repair or adjustment: the completion's answers
//! by the job's template, its signals and next due date, the photos and the sign-off.

use super::{device_info, order_reference, resident_of, signer_role};
use crate::common::tr;
use crate::model::{
    CheckItem, CheckStep, ItemResult, JobKind, JobReportData, Lang, Measurement, Organisation,
    PartUsed, Photo, ReportSignal, SignOff, Signature,
};
use veldwerk_core::jobs::context::JobContext;
use veldwerk_core::jobs::{answer_key, Answer, CheckResult, Completion, Input, Template};
use veldwerk_core::model::JobKind as Kind;
use veldwerk_core::Localized;

fn kind_of(k: Kind) -> Option<JobKind> {
    match k {
        Kind::PreventiveMaintenance => Some(JobKind::PreventiveMaintenance),
        Kind::Repair => Some(JobKind::Repair),
        Kind::Adjustment => Some(JobKind::Adjustment),
        _ => None,
    }
}

/// A checklist item's result as the documents print it (a defect's remedy is its note).
pub(super) fn result_of(
    result: CheckResult,
    fix_by: Option<chrono::NaiveDate>,
    note: Option<&str>,
) -> ItemResult {
    let remedy = note
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("—")
        .to_string();
    match (result, fix_by) {
        (CheckResult::Ok, _) => ItemResult::Ok,
        (CheckResult::Repaired, _) => ItemResult::Repaired,
        (CheckResult::DefectFixBy, Some(fix_by)) => ItemResult::Defect { remedy, fix_by },
        (CheckResult::DefectFixBy, None) | (CheckResult::OutOfUse, _) => {
            ItemResult::OutOfUse { remedy }
        }
        (CheckResult::NotApplicable, _) => ItemResult::NotApplicable,
    }
}

/// The checked items of the template's plain steps (not repeated per sling), step by step.
pub(super) fn checked_steps(
    t: &Template,
    c: &Completion,
    skip: impl Fn(&str) -> bool,
) -> Vec<CheckStep> {
    let answers = &c.report.answers;
    let mut steps = Vec::new();
    for step in t.steps.iter().filter(|s| !skip(&s.id)) {
        let items: Vec<CheckItem> = step
            .items
            .iter()
            .filter_map(
                |item| match answers.get(&answer_key(&step.id, None, &item.id)) {
                    Some(Answer::Check {
                        result,
                        fix_by,
                        note,
                    }) => {
                        let result = result_of(*result, *fix_by, note.as_deref());
                        // a defect's note is its remedy, printed once
                        let plain = !matches!(
                            result,
                            ItemResult::Defect { .. } | ItemResult::OutOfUse { .. }
                        );
                        Some(CheckItem {
                            label: item.label.clone(),
                            result,
                            note: note.clone().filter(|n| plain && !n.trim().is_empty()),
                        })
                    }
                    _ => None,
                },
            )
            .collect();
        if !items.is_empty() {
            steps.push(CheckStep {
                title: step.title.clone(),
                items,
            });
        }
    }
    steps
}

/// The typed measurements of the template's plain steps, except labour time.
pub(super) fn measurements(
    t: &Template,
    c: &Completion,
    skip: impl Fn(&str) -> bool,
) -> Vec<Measurement> {
    let mut out = Vec::new();
    for step in &t.steps {
        for item in &step.items {
            let key = answer_key(&step.id, None, &item.id);
            if item.id == "labour_minutes" || skip(&key) {
                continue;
            }
            if let (
                Some(Answer::Measurement { value }),
                Input::Measurement { unit, decimals, .. },
            ) = (c.report.answers.get(&key), &item.input)
            {
                out.push(Measurement {
                    label: item.label.clone(),
                    value: *value,
                    unit: unit.symbol().to_string(),
                    decimals: *decimals,
                });
            }
        }
    }
    out
}

/// A drawn paraaf whose image cannot be read: the werkbon cannot be made without it (the
/// caller says so; the job itself is done).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnreadableParaaf;

/// The sign-off as the report shows it; None when only a name was given, an error when the
/// drawn paraaf's image (`png`, read by its hash) cannot be had.
fn sign_off(
    c: &Completion,
    png: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<Option<SignOff>, UnreadableParaaf> {
    for a in c.report.answers.values() {
        match a {
            Answer::SignOff {
                name,
                role,
                signature: Some(img),
                ..
            } => {
                return Ok(Some(SignOff::Signed(Signature {
                    name: name.clone(),
                    role: signer_role(*role),
                    signed_at: img.signed_at,
                    png: png(&img.png_sha256).ok_or(UnreadableParaaf)?,
                })))
            }
            Answer::SignOff {
                name,
                role,
                refused: Some(reason),
                ..
            } => {
                return Ok(Some(SignOff::Refused {
                    name: name.clone(),
                    role: signer_role(*role),
                    at: c.report.completed_at,
                    reason: reason.clone(),
                }))
            }
            _ => {}
        }
    }
    Ok(None)
}

/// The werkbon's data, or None when this job gets no werkbon (not a maintenance, repair or
/// adjustment, no device, or a sign-off that is a name only); an error when its drawn
/// paraaf cannot be read.
pub fn job_report(
    ctx: &JobContext,
    t: &Template,
    c: &Completion,
    supplier: Organisation,
    lang: Lang,
    photos: Vec<Vec<u8>>,
    png: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<Option<JobReportData>, UnreadableParaaf> {
    let (Some(kind), Some(device)) = (kind_of(ctx.job.kind), ctx.device.as_ref()) else {
        return Ok(None);
    };
    let Some(sign_off) = sign_off(c, png)? else {
        return Ok(None);
    };
    let mut parts = Vec::new();
    let mut labour_minutes = 0u32;
    let mut work_done = Vec::new();
    for step in &t.steps {
        for item in &step.items {
            match c.report.answers.get(&answer_key(&step.id, None, &item.id)) {
                Some(Answer::Measurement { value }) if item.id == "labour_minutes" => {
                    labour_minutes = value.max(0.0).round() as u32;
                }
                Some(Answer::Parts { parts: used }) => {
                    parts.extend(used.iter().map(|p| PartUsed {
                        part_number: p.number.clone(),
                        description: p.description.clone(),
                        quantity: u32::from(p.quantity),
                        reused: !p.new,
                    }));
                }
                Some(Answer::Text { value })
                    if matches!(item.id.as_str(), "work_done" | "description") =>
                {
                    work_done.push(value.clone());
                }
                _ => {}
            }
        }
    }
    let next_due_on = c
        .devices
        .iter()
        .find(|u| u.device_id == device.id)
        .and_then(|u| u.changes.next_maintenance_due);
    Ok(Some(JobReportData {
        job_reference: order_reference(ctx),
        kind,
        supplier,
        resident: resident_of(&ctx.resident),
        device: device_info(device),
        technician: ctx.technician.name.clone(),
        started_at: c.report.started_at,
        finished_at: c.report.completed_at,
        checklist: Some(format!(
            "{} ({} {})",
            lang.pick(&t.title),
            tr(lang, "versie", "version"),
            t.version
        )),
        complaint: ctx.malfunction.as_ref().map(|m| m.description.clone()),
        work_done: (!work_done.is_empty()).then(|| work_done.join("\n")),
        steps: checked_steps(t, c, |_| false),
        measurements: measurements(t, c, |_| false),
        parts,
        labour_minutes,
        photos: photos
            .into_iter()
            .map(|jpeg| Photo {
                caption: None,
                jpeg,
            })
            .collect(),
        signals: c
            .signals
            .iter()
            .map(|s| ReportSignal {
                topic: Localized::new("Signaal aan de gemeente", "Signal to the municipality"),
                text: s.description.clone(),
                urgent: s.urgent,
            })
            .collect(),
        next_due_on,
        sign_off,
    }))
}
