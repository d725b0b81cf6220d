//! The job report (werkbon) of a maintenance, repair or adjustment, made at completion from
//! the completion's report (the answers by the job's template), its signals and passport
//! changes, the job's photos and the sign-off (the drawn paraaf or the refusal). Rendered by
//! `veldwerk-docs`, stored as a blob; its document record goes in the completion's transaction.
//! A job whose sign-off is a name only (no paraaf drawn, no refusal) gets no werkbon.

use crate::documents::{device_info, docs_role, resident_of, supplier};
use veldwerk_core::ids::DocumentId;
use veldwerk_core::jobs::service::JobAggregate;
use veldwerk_core::jobs::{
    answer_key, Answer, CheckResult, Completion, DocumentKind, DocumentRecord, Input, Template,
};
use veldwerk_core::model::JobKind;
use veldwerk_core::Localized;
use veldwerk_docs::model::{
    CheckItem, CheckStep, ItemResult, JobKind as DocKind, JobReportData, Lang, Measurement,
    PartUsed, Photo, ReportSignal, SignOff, Signature,
};
use veldwerk_store::blobs::{BlobStore, Sha256Hex};

fn kind_of(k: JobKind) -> Option<DocKind> {
    match k {
        JobKind::PreventiveMaintenance => Some(DocKind::PreventiveMaintenance),
        JobKind::Repair => Some(DocKind::Repair),
        JobKind::Adjustment => Some(DocKind::Adjustment),
        _ => None,
    }
}

fn result_of(result: CheckResult, fix_by: Option<chrono::NaiveDate>, note: &str) -> ItemResult {
    let remedy = if note.trim().is_empty() {
        "zie werkbon".to_string()
    } else {
        note.trim().to_string()
    };
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

/// The sign-off as the report shows it; None when only a name was given.
fn sign_off(c: &Completion, blobs: &BlobStore) -> Option<SignOff> {
    c.report.answers.values().find_map(|a| match a {
        Answer::SignOff {
            name,
            role,
            signature: Some(img),
            ..
        } => {
            let png = Sha256Hex::parse(&img.png_sha256)
                .ok()
                .and_then(|h| blobs.get(&h).ok())?;
            Some(SignOff::Signed(Signature {
                name: name.clone(),
                role: docs_role(*role),
                signed_at: img.signed_at,
                png,
            }))
        }
        Answer::SignOff {
            name,
            role,
            refused: Some(reason),
            ..
        } => Some(SignOff::Refused {
            name: name.clone(),
            role: docs_role(*role),
            at: c.report.completed_at,
            reason: reason.clone(),
        }),
        _ => None,
    })
}

/// The report's data, or None when this job gets no werkbon.
pub fn data(
    agg: &JobAggregate,
    t: &Template,
    c: &Completion,
    photos: Vec<Vec<u8>>,
    blobs: &BlobStore,
) -> Option<JobReportData> {
    let ctx = &agg.ctx;
    let kind = kind_of(ctx.job.kind)?;
    let device = ctx.device.as_ref()?;
    let sign_off = sign_off(c, blobs)?;
    let answers = &c.report.answers;
    let mut steps = Vec::new();
    let mut measurements = Vec::new();
    let mut parts = Vec::new();
    let mut labour_minutes = 0u32;
    let mut work_done = Vec::new();
    for step in &t.steps {
        let mut items = Vec::new();
        for item in &step.items {
            let key = answer_key(&step.id, None, &item.id);
            match (answers.get(&key), &item.input) {
                (
                    Some(Answer::Check {
                        result,
                        fix_by,
                        note,
                    }),
                    _,
                ) => items.push(CheckItem {
                    label: item.label.clone(),
                    result: result_of(*result, *fix_by, note.as_deref().unwrap_or("")),
                    note: note.clone().filter(|n| !n.trim().is_empty()),
                }),
                (
                    Some(Answer::Measurement { value }),
                    Input::Measurement { unit, decimals, .. },
                ) => {
                    if item.id == "labour_minutes" {
                        labour_minutes = value.max(0.0).round() as u32;
                    } else {
                        measurements.push(Measurement {
                            label: item.label.clone(),
                            value: *value,
                            unit: unit.symbol().to_string(),
                            decimals: *decimals,
                        });
                    }
                }
                (Some(Answer::Parts { parts: used }), _) => {
                    parts.extend(used.iter().map(|p| PartUsed {
                        part_number: p.number.clone(),
                        description: p.description.clone(),
                        quantity: u32::from(p.quantity),
                        reused: !p.new,
                    }));
                }
                (Some(Answer::Text { value }), _)
                    if matches!(item.id.as_str(), "work_done" | "description") =>
                {
                    work_done.push(value.clone());
                }
                _ => {}
            }
        }
        if !items.is_empty() {
            steps.push(CheckStep {
                title: step.title.clone(),
                items,
            });
        }
    }
    let next_due_on = c
        .devices
        .iter()
        .find(|u| u.device_id == device.id)
        .and_then(|u| u.changes.next_maintenance_due);
    Some(JobReportData {
        job_reference: ctx
            .order
            .as_ref()
            .map_or_else(|| ctx.job.id.to_string(), |o| o.order_number.clone()),
        kind,
        supplier: supplier(),
        resident: resident_of(&ctx.resident),
        device: device_info(device),
        technician: ctx.technician.name.clone(),
        started_at: c.report.started_at,
        finished_at: c.report.completed_at,
        checklist: Some(format!("{} (versie {})", t.title.nl, t.version)),
        complaint: ctx.malfunction.as_ref().map(|m| m.description.clone()),
        work_done: (!work_done.is_empty()).then(|| work_done.join("\n")),
        steps,
        measurements,
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
    })
}

/// Renders and stores the werkbon; its document record, or why it could not be made.
pub fn make(
    agg: &JobAggregate,
    t: &Template,
    c: &Completion,
    photos: Vec<Vec<u8>>,
    blobs: &BlobStore,
) -> Result<Option<DocumentRecord>, Localized> {
    let Some(data) = data(agg, t, c, photos, blobs) else {
        return Ok(None);
    };
    let failed = |detail: String| {
        Localized::new(
            format!("De werkbon kon niet worden gemaakt ({detail}); de opdracht is wel afgerond."),
            format!("The job report could not be made ({detail}); the job is completed."),
        )
    };
    let pdf =
        veldwerk_docs::render_job_report(&data, Lang::Nl).map_err(|e| failed(e.to_string()))?;
    let hash = blobs.put(&pdf.bytes).map_err(|e| failed(e.to_string()))?;
    Ok(Some(DocumentRecord {
        id: DocumentId::new_v7(),
        kind: DocumentKind::JobReport,
        resident_id: agg.ctx.resident.id,
        device_id: agg.ctx.device.as_ref().map(|d| d.id),
        job_id: Some(agg.ctx.job.id),
        sha256: hash.as_str().to_string(),
        size: u32::try_from(pdf.bytes.len()).unwrap_or(u32::MAX),
        text_sha256: None,
        created_at: c.report.completed_at,
        author: agg.ctx.technician.name.clone(),
    }))
}
