//! The items the rules of each job kind read, by their well-known keys ("step.item").
//! A template for a kind must contain each of these items with the given input type;
//! `required` says whether the template must also mark it required (conditional items are
//! required only when their condition holds). Templates may add any other items.

pub mod keys;

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
        keys::maintenance::USAGE_FUNCTIONAL_CHECK => {
            &["adequate", "adequate_after_instruction", "not_adequate"]
        }
        keys::hoist::INSPECTION_KIND => &["first", "periodic", "after_repair", "exceptional"],
        keys::hoist::INSPECTION_STANDARD => &["nen_en_iso_10535", "nen_7506", "stigah"],
        keys::hoist::OUTCOME_RESULT => &["approved", "approved_with_remarks", "rejected"],
        keys::hoist::SLING_OUTCOME => &["approved", "rejected"],
        keys::repair::DIAGNOSIS_CAUSE => {
            &["wear", "wilful_damage", "accident", "vandalism", "theft"]
        }
        keys::fitting::STORAGE_LOCATION => &["indoor", "outdoor"],
        keys::fitting::LESSON_RESULT => &["good", "sufficient", "insufficient"],
        keys::loan::LOAN_ACTION => &["place", "pickup"],
        _ => &[],
    }
}

const PM: &[Known] = &[
    k(keys::maintenance::USAGE_FUNCTIONAL_CHECK, "choice", true),
    k(keys::shared::WORK_PARTS, "parts", false),
    k(keys::maintenance::WORK_LABOUR_MINUTES, "measurement", true),
    k(keys::shared::SIGNOFF_SIGNER, "sign_off", true),
];

const HOIST: &[Known] = &[
    k(keys::hoist::INSPECTION_KIND, "choice", true),
    k(keys::hoist::INSPECTION_STANDARD, "choice", true),
    k(keys::hoist::INSPECTION_PROTOCOL, "text", false),
    k(keys::hoist::INSPECTION_INSPECTOR_CERTIFICATE, "text", true),
    k(keys::hoist::ELECTRICAL_INSTRUMENT_SERIAL, "text", true),
    k(
        keys::hoist::ELECTRICAL_INSTRUMENT_CALIBRATED_ON,
        "date",
        true,
    ),
    k(keys::hoist::LOAD_TEST_RESULT, "check", true),
    k(keys::hoist::SLING_OUTCOME, "choice", true),
    k(keys::hoist::OUTCOME_RESULT, "choice", true),
    k(keys::hoist::OUTCOME_FIX_BY, "date", false),
    k(keys::hoist::OUTCOME_REMARKS, "text", false),
    k(keys::hoist::OUTCOME_STICKER_NUMBER, "text", false),
    k(keys::shared::WORK_PARTS, "parts", false),
    k(keys::shared::SIGNOFF_SIGNER, "sign_off", true),
];

const REPAIR: &[Known] = &[
    k(keys::repair::ARRIVAL_ARRIVED_AT, "moment", true),
    k(keys::repair::DIAGNOSIS_FAULT, "text", true),
    k(keys::repair::DIAGNOSIS_CAUSE, "choice", true),
    k(keys::repair::DIAGNOSIS_WILFUL_DESCRIPTION, "text", false),
    k(keys::repair::DIAGNOSIS_WILFUL_LIKELY_CAUSE, "text", false),
    k(keys::repair::DIAGNOSIS_DRIVE_RELATED, "yes_no", false),
    k(keys::repair::RESOLUTION_FIXED_ON_SITE, "yes_no", true),
    k(keys::repair::RESOLUTION_PARTS, "parts", false),
    k(keys::repair::RESOLUTION_LABOUR_MINUTES, "measurement", true),
    k(keys::repair::RESOLUTION_RESOLVED_AT, "moment", false),
    k(keys::repair::RESOLUTION_LOAN_PLACED, "yes_no", false),
    k(
        keys::repair::RESOLUTION_LOAN_REGISTRATION,
        "registration",
        false,
    ),
    k(keys::repair::RESOLUTION_OPTIONS_MOVED, "text", false),
    k(keys::repair::RESOLUTION_TRANSPORTED, "yes_no", false),
    k(keys::shared::SIGNOFF_SIGNER, "sign_off", true),
];

const FITTING: &[Known] = &[
    k(keys::fitting::EXPLANATION_GIVEN, "yes_no", true),
    k(
        keys::fitting::EXPLANATION_CAREGIVER_INSTRUCTION,
        "yes_no",
        false,
    ),
    k(keys::fitting::TRIAL_DEVICES_TRIED, "text", true),
    k(keys::fitting::LESSON_RESULT, "choice", false),
    k(
        keys::fitting::LESSON_DRIVING_LESSONS_ADVISED,
        "measurement",
        false,
    ),
    k(keys::fitting::TRIAL_PLACEMENT, "yes_no", true),
    k(keys::fitting::TRIAL_END_DATE, "date", false),
    k(keys::fitting::STORAGE_LOCATION, "choice", true),
    k(keys::fitting::STORAGE_BATTERY_REMOVABLE, "yes_no", false),
    k(keys::fitting::STORAGE_RAIN_COVER_AND_LOCK, "yes_no", false),
    k(keys::fitting::FINDINGS_CHOSEN_DEVICE, "text", true),
    k(keys::fitting::FINDINGS_MOTIVATION, "text", true),
    k(keys::fitting::CONCLUSION_CATEGORY, "category", true),
    k(
        keys::fitting::CONCLUSION_DEVIATION_MOTIVATION,
        "text",
        false,
    ),
    k(keys::fitting::CONCLUSION_FIRST_TIME_RIGHT, "yes_no", true),
    k(keys::fitting::DELIVERY_AGREED_DATE, "date", false),
];

const DELIVERY: &[Known] = &[
    k(keys::delivery::IDENTITY_REGISTRATION, "registration", true),
    k(keys::delivery::INSTRUCTION_DEMONSTRATION, "yes_no", true),
    k(keys::delivery::INSTRUCTION_DRIVING_LESSON, "yes_no", false),
    k(keys::delivery::HANDOVER_MANUAL, "yes_no", true),
    k(keys::delivery::HANDOVER_INSURANCE_INFO, "yes_no", false),
    k(keys::delivery::HANDOVER_COMPLAINT_PROCEDURE, "yes_no", true),
    k(keys::delivery::SAFETY_OPERATES_SAFELY, "yes_no", true),
    k(keys::delivery::SAFETY_REACTION_UNIMPAIRED, "yes_no", true),
    k(keys::delivery::SAFETY_DOUBTS, "text", false),
    k(keys::delivery::AGREEMENT_SIGNER, "sign_off", true),
];

const ADJUSTMENT: &[Known] = &[
    k(keys::adjustment::WORK_DESCRIPTION, "text", true),
    k(keys::shared::WORK_PARTS, "parts", false),
    k(keys::adjustment::WORK_DEVICE_TAKEN, "yes_no", true),
    k(keys::shared::SIGNOFF_SIGNER, "sign_off", true),
];

const REPLACEMENT: &[Known] = &[
    k(
        keys::replacement::NEW_DEVICE_REGISTRATION,
        "registration",
        true,
    ),
    k(
        keys::replacement::NEW_DEVICE_CATALOGUE_VALUE,
        "measurement",
        true,
    ),
    k(keys::replacement::OLD_DEVICE_COLLECTED, "yes_no", true),
    k(keys::shared::SIGNOFF_SIGNER, "sign_off", true),
];

const COLLECTION: &[Known] = &[
    k(keys::collection::COLLECTION_COLLECTED, "yes_no", true),
    k(keys::collection::COLLECTION_CONDITION, "check", false),
    k(
        keys::collection::COLLECTION_ACCESSORIES_COMPLETE,
        "yes_no",
        false,
    ),
];

const LOAN: &[Known] = &[
    k(keys::loan::LOAN_ACTION, "choice", true),
    k(keys::loan::LOAN_REGISTRATION, "registration", true),
    k(keys::loan::LOAN_OPTIONS_MOVED, "text", false),
    k(keys::shared::SIGNOFF_SIGNER, "sign_off", false),
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
