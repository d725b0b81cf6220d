//! The soft rules shown while a job is under way.

use super::*;
use crate::jobs::answer::Answer;
use crate::jobs::context::JobContext;
use crate::jobs::rules;
use crate::jobs::schema::keys;
use crate::jobs::template::{CheckResult, Template};
use crate::model::{Device, JobKind};
use crate::sla;
use crate::Localized;
use crate::WorkingDayCalendar;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// The soft rules shown while a job is under way (nothing here blocks completion):
///
/// * fitting: a concluded category other than the order's blocks the delivery until the
///   municipality approves; otherwise, while `delivery.agreed_date` is unanswered, the
///   delivery date must be planned with the resident before the end of the next working day
///   after the appointment's start ([`sla::delivery_planning_due`]);
/// * a reconditioned device whose battery-capacity answer ([`battery_capacity_key`]) is below
///   80% ([`rules::reconditioned_battery_ok`]);
/// * repair: the on-site (until the arrival is known) and fix-by deadlines of
///   `ctx.malfunction` with their state at `now` ([`sla::repair_deadlines`]); when not fixed
///   on site and no loan device placed, the loan-device deadline ([`sla::loan_device_due`],
///   unsafe for classes B and C); a drive-related repair of an electric device with more than
///   2 drive-related repairs in the previous year: the replacement rule;
/// * fitting: storage that is not fire-safe (indoors with a fixed battery; outdoors without rain cover and lock);
/// * delivery: a demonstration, driving lesson, caregiver instruction, manual, insurance or
///   complaint-procedure information answered "no";
/// * adjustment with the device taken: back by the end of the 2nd working day after the
///   visit ([`sla::adjustment_return_by`]), and a planned
///   `work.return_date` that is too late;
/// * collection: due by the end of the 10th working day after the order day
///   ([`rules::collection_deadline`]), marked when overdue;
/// * a reconditioned electric device handed out (replacement, loan or stand-in device) whose
///   last battery test is under 80% or unknown;
/// * any check answered "take out of use": the device will be taken out of use.
pub fn warnings(
    t: &Template,
    answers: &BTreeMap<String, Answer>,
    ctx: &JobContext,
    cal: &WorkingDayCalendar,
    now: DateTime<Utc>,
) -> Vec<Localized> {
    let answers = &applicable_answers(t, answers, ctx);
    let mut out = Vec::new();
    match t.job_kind {
        JobKind::Fitting => {
            match (answers.get(keys::fitting::CONCLUSION_CATEGORY), &ctx.order) {
                (Some(Answer::Category { value }), Some(order)) if *value != order.category => {
                    out.push(deviation_notice(order.category, *value));
                }
                _ => {
                    if date(answers, keys::fitting::DELIVERY_AGREED_DATE).is_none() {
                        let due = sla::delivery_planning_due(cal, ctx.appointment.window.start);
                        out.push(planning_notice(due));
                    }
                }
            }
            out.extend(fitting_warnings(answers));
        }

        JobKind::Delivery => {
            // What every delivery hands over or shows (PvE 6.4); a "no" is allowed (the
            // agreement records it) but should be made good or explained.
            for key in [
                keys::delivery::INSTRUCTION_DEMONSTRATION,
                keys::delivery::INSTRUCTION_DRIVING_LESSON,
                keys::delivery::INSTRUCTION_DELIVERY_LESSON,
                keys::delivery::INSTRUCTION_CAREGIVER,
                keys::delivery::HANDOVER_MANUAL,
                keys::delivery::HANDOVER_INSURANCE_INFO,
                keys::delivery::HANDOVER_COMPLAINT_PROCEDURE,
            ] {
                if yes_no(answers, key) == Some(false) {
                    let label = t.item(key).map(|(_, i)| i.label.clone());
                    let (nl, en) = label.map(|l| (l.nl, l.en)).unwrap_or_default();
                    out.push(Localized::new(
                        format!("{nl}: nee. Dat hoort bij elke levering: haal het na of noteer waarom niet."),
                        format!("{en}: no. Every delivery includes this: make it good or note why not."),
                    ));
                }
            }
        }
        JobKind::Repair => {
            repair_warnings(answers, ctx, cal, now, &mut out);
            let electric = ctx.device.as_ref().is_some_and(Device::is_electric);
            if electric
                && yes_no(answers, keys::repair::DIAGNOSIS_DRIVE_RELATED) == Some(true)
                && rules::replacement_due(ctx.drive_repairs_previous_year)
            {
                out.push(replacement_rule_notice(ctx));
            }
        }
        JobKind::Adjustment
            if yes_no(answers, keys::adjustment::WORK_DEVICE_TAKEN) == Some(true) =>
        {
            let due = sla::adjustment_return_by(cal, adjustment_taken_at(ctx, now));
            let h = human_deadline(due);
            out.push(Localized::new(
                format!("Hulpmiddel meegenomen: terug bij de inwoner vóór {}.", h.nl),
                format!("Device taken: back with the resident before {}.", h.en),
            ));
            if let Some(n) = return_too_late(answers, due) {
                out.push(n);
            }
        }
        JobKind::Collection => {
            if let Some(order) = &ctx.order {
                let due = rules::collection_deadline(cal, order.ordered_on);
                let start = sla::start_of_local_day(order.ordered_on);
                let (h, s) = (human_deadline(due), deadline_suffix(now, start, due));
                out.push(Localized::new(
                    format!("Inname vóór {}{}", h.nl, s.nl),
                    format!("Collection due before {}{}", h.en, s.en),
                ));
            }
        }
        _ => {}
    }
    out.extend(handed_out_battery_warnings(t.job_kind, answers, ctx));
    if let (Some(key), Some(d)) = (battery_capacity_key(t), &ctx.device) {
        if let Some(pct) = measurement(answers, &key) {
            if d.reconditioned && !rules::reconditioned_battery_ok(pct) {
                out.push(battery_notice(pct));
            }
        }
    }
    let out_of_use: BTreeSet<&str> = answers
        .iter()
        .filter(|(k, a)| {
            !k.contains('[')
                && matches!(
                    a,
                    Answer::Check {
                        result: CheckResult::OutOfUse,
                        ..
                    }
                )
        })
        .map(|(k, _)| k.as_str())
        .collect();
    if !out_of_use.is_empty() && t.job_kind != JobKind::Collection {
        out.push(Localized::new(
            "Een controlepunt staat op 'buiten gebruik': het hulpmiddel wordt buiten gebruik gesteld.",
            "A check is marked 'take out of use': the device will be taken out of use.",
        ));
    }
    out
}
