//! The items the rules of each job kind read, by their well-known keys ("step.item").
//! A template for a kind must contain each of these items with the given input type;
//! `required` says whether the template must also mark it required (conditional items are
//! required only when their condition holds). Templates may add any other items.

use crate::model::JobKind;

/// One item the rules depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    pub key: &'static str,
    /// `Input::type_name()` of the item.
    pub input: &'static str,
    pub required: bool,
}

const fn k(key: &'static str, input: &'static str, required: bool) -> Known {
    Known {
        key,
        input,
        required,
    }
}

/// Options a choice item must offer, by key.
pub fn required_options(key: &str) -> &'static [&'static str] {
    match key {
        "usage.functional_check" => &["adequate", "adequate_after_instruction", "not_adequate"],
        "inspection.kind" => &["first", "periodic", "after_repair", "exceptional"],
        "inspection.standard" => &["nen_en_iso_10535", "nen_7506", "stigah"],
        "outcome.result" => &["approved", "approved_with_remarks", "rejected"],
        "sling.outcome" => &["approved", "rejected"],
        "diagnosis.cause" => &["wear", "wilful_damage", "accident", "vandalism", "theft"],
        "storage.location" => &["indoor", "outdoor"],
        "lesson.result" => &["good", "sufficient", "insufficient"],
        "loan.action" => &["place", "pickup"],
        _ => &[],
    }
}

const PM: &[Known] = &[
    k("usage.functional_check", "choice", true),
    k("work.parts", "parts", false),
    k("work.labour_minutes", "measurement", true),
    k("signoff.signer", "sign_off", true),
];

const HOIST: &[Known] = &[
    k("inspection.kind", "choice", true),
    k("inspection.standard", "choice", true),
    k("inspection.protocol", "text", false),
    k("inspection.inspector_certificate", "text", true),
    k("electrical.instrument_serial", "text", true),
    k("electrical.instrument_calibrated_on", "date", true),
    k("load_test.result", "check", true),
    k("sling.outcome", "choice", true),
    k("outcome.result", "choice", true),
    k("outcome.fix_by", "date", false),
    k("outcome.remarks", "text", false),
    k("outcome.sticker_number", "text", false),
    k("work.parts", "parts", false),
    k("signoff.signer", "sign_off", true),
];

const REPAIR: &[Known] = &[
    k("arrival.arrived_at", "moment", true),
    k("diagnosis.fault", "text", true),
    k("diagnosis.cause", "choice", true),
    k("diagnosis.wilful_description", "text", false),
    k("diagnosis.wilful_likely_cause", "text", false),
    k("diagnosis.drive_related", "yes_no", false),
    k("resolution.fixed_on_site", "yes_no", true),
    k("resolution.parts", "parts", false),
    k("resolution.labour_minutes", "measurement", true),
    k("resolution.resolved_at", "moment", false),
    k("resolution.loan_placed", "yes_no", false),
    k("resolution.loan_registration", "registration", false),
    k("resolution.options_moved", "text", false),
    k("resolution.transported", "yes_no", false),
    k("signoff.signer", "sign_off", true),
];

const FITTING: &[Known] = &[
    k("explanation.given", "yes_no", true),
    k("explanation.caregiver_instruction", "yes_no", false),
    k("trial.devices_tried", "text", true),
    k("lesson.result", "choice", false),
    k("lesson.driving_lessons_advised", "measurement", false),
    k("trial.placement", "yes_no", true),
    k("trial.end_date", "date", false),
    k("storage.location", "choice", true),
    k("storage.battery_removable", "yes_no", false),
    k("storage.rain_cover_and_lock", "yes_no", false),
    k("findings.chosen_device", "text", true),
    k("findings.motivation", "text", true),
    k("conclusion.category", "category", true),
    k("conclusion.deviation_motivation", "text", false),
    k("conclusion.first_time_right", "yes_no", true),
    k("delivery.agreed_date", "date", false),
];

const DELIVERY: &[Known] = &[
    k("identity.registration", "registration", true),
    k("instruction.demonstration", "yes_no", true),
    k("instruction.driving_lesson", "yes_no", false),
    k("handover.manual", "yes_no", true),
    k("handover.insurance_info", "yes_no", false),
    k("handover.complaint_procedure", "yes_no", true),
    k("safety.operates_safely", "yes_no", true),
    k("safety.reaction_unimpaired", "yes_no", true),
    k("safety.doubts", "text", false),
    k("agreement.signer", "sign_off", true),
];

const ADJUSTMENT: &[Known] = &[
    k("work.description", "text", true),
    k("work.parts", "parts", false),
    k("work.device_taken", "yes_no", true),
    k("signoff.signer", "sign_off", true),
];

const REPLACEMENT: &[Known] = &[
    k("new_device.registration", "registration", true),
    k("new_device.catalogue_value", "measurement", true),
    k("old_device.collected", "yes_no", true),
    k("signoff.signer", "sign_off", true),
];

const COLLECTION: &[Known] = &[
    k("collection.collected", "yes_no", true),
    k("collection.condition", "check", false),
    k("collection.accessories_complete", "yes_no", false),
];

const LOAN: &[Known] = &[
    k("loan.action", "choice", true),
    k("loan.registration", "registration", true),
    k("loan.options_moved", "text", false),
    k("signoff.signer", "sign_off", false),
];

/// The items the rules of `kind` read.
pub fn known_items(kind: JobKind) -> &'static [Known] {
    match kind {
        JobKind::PreventiveMaintenance => PM,
        JobKind::HoistInspection => HOIST,
        JobKind::Repair => REPAIR,
        JobKind::Fitting => FITTING,
        JobKind::Delivery => DELIVERY,
        JobKind::Adjustment => ADJUSTMENT,
        JobKind::Replacement => REPLACEMENT,
        JobKind::Collection => COLLECTION,
        JobKind::LoanDevice => LOAN,
    }
}
