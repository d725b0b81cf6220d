//! The hoist inspection certificate (PvE 7.2 / 4.1.5) from a completed hoist inspection:
//! the template's inspection, checks, electrical and load-test steps, each sling inspected,
//! the outcome, the inspector and their instrument.

use super::job_report::{checked_steps, measurements};
use super::{device_info, option_label, resident_of, Answers};
use crate::common::tr;
use crate::model::{
    HoistCertificateData, InspectionKind, InspectionOutcome, Inspector, Instrument, Lang,
    Organisation, SlingOutcome, SlingResult,
};
use veldwerk_core::jobs::context::JobContext;
use veldwerk_core::jobs::schema::keys::hoist as k;
use veldwerk_core::jobs::{answer_key, rules, Answer, Completion, Template};
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

fn split(key: &'static str) -> (&'static str, &'static str) {
    key.split_once('.').unwrap_or((key, ""))
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
    let a = Answers(&c.report.answers);
    let at = split;
    let outcome = match a.choice(at(k::OUTCOME_RESULT).0, at(k::OUTCOME_RESULT).1)? {
        "approved" => InspectionOutcome::Approved,
        "approved_with_remarks" => InspectionOutcome::ApprovedWithRemarks,
        _ => InspectionOutcome::OutOfUse,
    };
    let (ks, ki) = at(k::INSPECTION_KIND);
    let kind = match a.choice(ks, ki) {
        Some("first") => InspectionKind::First,
        Some("after_repair") => InspectionKind::AfterRepair,
        Some("exceptional") => InspectionKind::Exceptional,
        _ => InspectionKind::Periodic,
    };
    let (ss, si) = at(k::INSPECTION_STANDARD);
    let standard = a
        .choice(ss, si)
        .map(|o| {
            option_label(t, ss, si, o).map_or_else(|| o.to_string(), |l| lang.pick(l).to_string())
        })
        .unwrap_or_default();
    let day = local_date(c.report.completed_at);
    let next_due_on = c
        .devices
        .iter()
        .find(|u| u.device_id == hoist.id)
        .and_then(|u| u.changes.next_inspection_due)
        .unwrap_or_else(|| rules::next_inspection_due(day));
    let (is, ii) = at(k::ELECTRICAL_INSTRUMENT_SERIAL);
    let (cs, ci) = at(k::ELECTRICAL_INSTRUMENT_CALIBRATED_ON);
    let instrument = a.text(is, ii).map(|serial_number| Instrument {
        name: None,
        serial_number,
        calibrated_on: a.date(cs, ci).unwrap_or(day),
    });
    let slings = ctx
        .slings
        .iter()
        .filter_map(|s| {
            let id = s.id.to_string();
            let answer = |item: &str| {
                c.report
                    .answers
                    .get(&answer_key(k::SLING_STEP, Some(&id), item))
            };
            let outcome = match answer(k::SLING_OUTCOME_ITEM)? {
                Answer::Choice { value } if value == "rejected" => SlingOutcome::Withdrawn,
                Answer::Choice { .. } => SlingOutcome::Approved,
                _ => return None,
            };
            let note = match answer("remarks") {
                Some(Answer::Text { value }) if !value.trim().is_empty() => Some(value.clone()),
                _ => None,
            };
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
    let (rs, ri) = at(k::OUTCOME_REMARKS);
    let (fs, fi) = at(k::OUTCOME_FIX_BY);
    let remarks = match (a.text(rs, ri), a.date(fs, fi)) {
        (Some(r), Some(by)) => Some(format!(
            "{r}\n{} {}",
            tr(lang, "Herstellen vóór", "Fix by"),
            crate::common::date(lang, by)
        )),
        (r, _) => r,
    };
    let (ws, wi) = at(k::INSPECTION_SWL);
    let swl_kg = a
        .measurement(ws, wi)
        .map_or(0, |v| v.clamp(0.0, f64::from(u16::MAX)).round() as u16);
    let (cs, ci) = at(k::INSPECTION_INSPECTOR_CERTIFICATE);
    Some(HoistCertificateData {
        certificate_number: format!("KT-{}-{}", hoist.registration_number, day.format("%Y%m%d")),
        supplier,
        device: device_info(hoist),
        swl_kg,
        resident: resident_of(&ctx.resident),
        standard,
        protocol: {
            let (ps, pi) = at(k::INSPECTION_PROTOCOL);
            a.text(ps, pi)
        },
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
            certificate_number: a.text(cs, ci).unwrap_or_default(),
        },
        inspected_on: day,
        next_due_on,
        signature: None,
    })
}
