//! The hoist inspection certificate (PvE 7.2 / 4.1.5) from a completed hoist inspection:
//! the template's inspection, checks, electrical and load-test steps, each sling inspected,
//! the outcome, the inspector and their instrument.

use super::job_report::{checked_steps, measurements};
use super::{device_info, option_label, resident_of};
use crate::common::tr;
use crate::model::{
    HoistCertificateData, InspectionKind, InspectionOutcome, Inspector, Instrument, Lang,
    Organisation, SlingOutcome, SlingResult,
};
use veldwerk_core::jobs::context::JobContext;
use veldwerk_core::jobs::evaluate::read;
use veldwerk_core::jobs::schema::keys::hoist as k;
use veldwerk_core::jobs::{answer_key, rules, Completion, Template};
use veldwerk_core::model::JobKind;
use veldwerk_core::sla::local_date;

/// The steps that are not checklist items of the hoist: the inspection's particulars, the
/// slings (each listed on its own), the outcome, the work and the sign-off.
fn not_a_check_step(step: &str) -> bool {
    matches!(
        step,
        "inspection" | "outcome" | "work" | "signoff" | k::SLING_STEP
    )
}

/// The certificate's data, or None when the job is not a completed hoist inspection of a
/// hoist with its outcome recorded.
pub fn hoist_certificate(
    ctx: &JobContext,
    t: &Template,
    c: &Completion,
    supplier: Organisation,
    lang: Lang,
) -> Option<HoistCertificateData> {
    if ctx.job.kind != JobKind::HoistInspection {
        return None;
    }
    let hoist = ctx.device.as_ref()?;
    let a = &c.report.answers;
    let text = |key: &str| read::text(a, key).map(|t| t.trim().to_string());
    let outcome = match read::choice(a, k::OUTCOME_RESULT)? {
        "approved" => InspectionOutcome::Approved,
        "approved_with_remarks" => InspectionOutcome::ApprovedWithRemarks,
        _ => InspectionOutcome::OutOfUse,
    };
    let kind = match read::choice(a, k::INSPECTION_KIND) {
        Some("first") => InspectionKind::First,
        Some("after_repair") => InspectionKind::AfterRepair,
        Some("exceptional") => InspectionKind::Exceptional,
        _ => InspectionKind::Periodic,
    };
    let standard = read::choice(a, k::INSPECTION_STANDARD)
        .map(|o| {
            option_label(t, k::INSPECTION_STANDARD, o)
                .map_or_else(|| o.to_string(), |l| lang.pick(l).to_string())
        })
        .unwrap_or_default();
    let day = local_date(c.report.completed_at);
    let next_due_on = c
        .devices
        .iter()
        .find(|u| u.device_id == hoist.id)
        .and_then(|u| u.changes.next_inspection_due)
        .unwrap_or_else(|| rules::next_inspection_due(day));
    let instrument = text(k::ELECTRICAL_INSTRUMENT_SERIAL).map(|serial_number| Instrument {
        name: None,
        serial_number,
        calibrated_on: read::date(a, k::ELECTRICAL_INSTRUMENT_CALIBRATED_ON).unwrap_or(day),
    });
    let slings = ctx
        .slings
        .iter()
        .filter_map(|s| {
            let id = s.id.to_string();
            let key = |item: &str| answer_key(k::SLING_STEP, Some(&id), item);
            let outcome = match read::choice(a, &key(k::SLING_OUTCOME_ITEM))? {
                "rejected" => SlingOutcome::Withdrawn,
                _ => SlingOutcome::Approved,
            };
            let note = read::text(a, &key("remarks")).map(str::to_string);
            Some(SlingResult {
                number: s.sling_number.clone(),
                manufacturer: s.manufacturer.clone(),
                model: s.model.clone(),
                size: s.size.clone(),
                swl_kg: s.swl_kg,
                outcome,
                note,
            })
        })
        .collect();
    let remarks = match (text(k::OUTCOME_REMARKS), read::date(a, k::OUTCOME_FIX_BY)) {
        (Some(r), Some(by)) => Some(format!(
            "{r}\n{} {}",
            tr(lang, "Herstellen vóór", "Fix by"),
            crate::common::date(lang, by)
        )),
        (r, _) => r,
    };
    let swl_kg = read::measurement(a, k::INSPECTION_SWL)
        .map_or(0, |v| v.clamp(0.0, f64::from(u16::MAX)).round() as u16);
    Some(HoistCertificateData {
        certificate_number: format!("KT-{}-{}", hoist.registration_number, day.format("%Y%m%d")),
        supplier,
        device: device_info(hoist),
        swl_kg,
        resident: resident_of(&ctx.resident),
        standard,
        protocol: text(k::INSPECTION_PROTOCOL),
        kind,
        steps: checked_steps(t, c, not_a_check_step),
        measurements: measurements(t, c, |key| {
            not_a_check_step(key.split_once('.').map_or(key, |(s, _)| s))
                || key == k::INSPECTION_SWL
        }),
        instrument,
        slings,
        outcome,
        remarks,
        inspector: Inspector {
            name: ctx.technician.name.clone(),
            qualification: tr(
                lang,
                "Gecertificeerd keurmeester tilliften (Stigah)",
                "Certified hoist inspector (Stigah)",
            )
            .to_string(),
            certificate_number: text(k::INSPECTION_INSPECTOR_CERTIFICATE).unwrap_or_default(),
        },
        inspected_on: day,
        next_due_on,
        signature: None,
    })
}
