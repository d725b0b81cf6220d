//! The answer keys ("step.item") the rules read, defined once. Templates must provide the
//! items [`super::known_items`] lists; the others here are read when a template has them.
//! The rules, the evaluation and completion read answers by these names only.

/// Items several kinds share.
pub mod shared {
    pub const SIGNOFF_SIGNER: &str = "signoff.signer";
    pub const WORK_PARTS: &str = "work.parts";
}

/// Preventive maintenance.
pub mod maintenance {
    /// The step of the usage-functionality check (its items go into the usage-check entry).
    pub const USAGE_STEP: &str = "usage";
    pub const USAGE_FUNCTIONAL_CHECK: &str = "usage.functional_check";
    pub const USAGE_INSTRUCTION_GIVEN: &str = "usage.instruction_given";
    pub const WORK_LABOUR_MINUTES: &str = "work.labour_minutes";
}

/// Hoist and sling inspection.
pub mod hoist {
    pub const INSPECTION_KIND: &str = "inspection.kind";
    pub const INSPECTION_STANDARD: &str = "inspection.standard";
    pub const INSPECTION_PROTOCOL: &str = "inspection.protocol";
    pub const INSPECTION_INSPECTOR_CERTIFICATE: &str = "inspection.inspector_certificate";
    pub const INSPECTION_SWL: &str = "inspection.swl";
    pub const ELECTRICAL_INSTRUMENT_SERIAL: &str = "electrical.instrument_serial";
    pub const ELECTRICAL_INSTRUMENT_CALIBRATED_ON: &str = "electrical.instrument_calibrated_on";
    pub const LOAD_TEST_RESULT: &str = "load_test.result";
    /// The step repeated per sling, and its outcome item.
    pub const SLING_STEP: &str = "sling";
    pub const SLING_OUTCOME_ITEM: &str = "outcome";
    pub const SLING_OUTCOME: &str = "sling.outcome";
    pub const OUTCOME_RESULT: &str = "outcome.result";
    pub const OUTCOME_FIX_BY: &str = "outcome.fix_by";
    pub const OUTCOME_REMARKS: &str = "outcome.remarks";
    pub const OUTCOME_STICKER_NUMBER: &str = "outcome.sticker_number";
}

/// Repair.
pub mod repair {
    pub const ARRIVAL_ARRIVED_AT: &str = "arrival.arrived_at";
    pub const DIAGNOSIS_FAULT: &str = "diagnosis.fault";
    pub const DIAGNOSIS_CAUSE: &str = "diagnosis.cause";
    pub const DIAGNOSIS_WILFUL_DESCRIPTION: &str = "diagnosis.wilful_description";
    pub const DIAGNOSIS_WILFUL_LIKELY_CAUSE: &str = "diagnosis.wilful_likely_cause";
    pub const DIAGNOSIS_DRIVE_RELATED: &str = "diagnosis.drive_related";
    pub const RESOLUTION_FIXED_ON_SITE: &str = "resolution.fixed_on_site";
    pub const RESOLUTION_WORK_DONE: &str = "resolution.work_done";
    pub const RESOLUTION_PARTS: &str = "resolution.parts";
    pub const RESOLUTION_LABOUR_MINUTES: &str = "resolution.labour_minutes";
    pub const RESOLUTION_RESOLVED_AT: &str = "resolution.resolved_at";
    pub const RESOLUTION_LOAN_PLACED: &str = "resolution.loan_placed";
    pub const RESOLUTION_LOAN_REGISTRATION: &str = "resolution.loan_registration";
    pub const RESOLUTION_OPTIONS_MOVED: &str = "resolution.options_moved";
    pub const RESOLUTION_TRANSPORTED: &str = "resolution.transported";
    pub const RESOLUTION_FOLLOW_UP: &str = "resolution.follow_up";
}

/// Fitting.
pub mod fitting {
    pub const EXPLANATION_GIVEN: &str = "explanation.given";
    pub const EXPLANATION_CAREGIVER_INSTRUCTION: &str = "explanation.caregiver_instruction";
    pub const TRIAL_DEVICES_TRIED: &str = "trial.devices_tried";
    pub const LESSON_RESULT: &str = "lesson.result";
    pub const LESSON_DRIVING_LESSONS_ADVISED: &str = "lesson.driving_lessons_advised";
    pub const TRIAL_PLACEMENT: &str = "trial.placement";
    pub const TRIAL_END_DATE: &str = "trial.end_date";
    pub const STORAGE_LOCATION: &str = "storage.location";
    pub const STORAGE_BATTERY_REMOVABLE: &str = "storage.battery_removable";
    pub const STORAGE_RAIN_COVER_AND_LOCK: &str = "storage.rain_cover_and_lock";
    pub const FINDINGS_CHOSEN_DEVICE: &str = "findings.chosen_device";
    pub const FINDINGS_MOTIVATION: &str = "findings.motivation";
    pub const CONCLUSION_CATEGORY: &str = "conclusion.category";
    pub const CONCLUSION_DEVIATION_MOTIVATION: &str = "conclusion.deviation_motivation";
    pub const CONCLUSION_FIRST_TIME_RIGHT: &str = "conclusion.first_time_right";
    pub const DELIVERY_AGREED_DATE: &str = "delivery.agreed_date";
}

/// Delivery.
pub mod delivery {
    pub const IDENTITY_REGISTRATION: &str = "identity.registration";
    pub const INSTRUCTION_DEMONSTRATION: &str = "instruction.demonstration";
    pub const INSTRUCTION_DRIVING_LESSON: &str = "instruction.driving_lesson";
    pub const INSTRUCTION_CAREGIVER: &str = "instruction.caregiver";
    /// The delivery lesson in the resident's own surroundings (PvE 6.4.3), from version 2.
    pub const INSTRUCTION_DELIVERY_LESSON: &str = "instruction.delivery_lesson";
    pub const HANDOVER_MANUAL: &str = "handover.manual";
    pub const HANDOVER_INSURANCE_INFO: &str = "handover.insurance_info";
    pub const HANDOVER_COMPLAINT_PROCEDURE: &str = "handover.complaint_procedure";
    pub const SAFETY_OPERATES_SAFELY: &str = "safety.operates_safely";
    pub const SAFETY_REACTION_UNIMPAIRED: &str = "safety.reaction_unimpaired";
    pub const SAFETY_DOUBTS: &str = "safety.doubts";
    pub const AGREEMENT_SIGNER: &str = "agreement.signer";
}

/// Adjustment.
pub mod adjustment {
    pub const WORK_DESCRIPTION: &str = "work.description";
    pub const WORK_DEVICE_TAKEN: &str = "work.device_taken";
    pub const WORK_RETURN_DATE: &str = "work.return_date";
    pub const WORK_REPLACEMENT_PLACED: &str = "work.replacement_placed";
    pub const WORK_REPLACEMENT_REGISTRATION: &str = "work.replacement_registration";
}

/// Replacement.
pub mod replacement {
    pub const NEW_DEVICE_REGISTRATION: &str = "new_device.registration";
    pub const NEW_DEVICE_CATALOGUE_VALUE: &str = "new_device.catalogue_value";
    pub const OLD_DEVICE_COLLECTED: &str = "old_device.collected";
}

/// Collection.
pub mod collection {
    pub const COLLECTION_COLLECTED: &str = "collection.collected";
    pub const COLLECTION_CONDITION: &str = "collection.condition";
    pub const COLLECTION_ACCESSORIES_COMPLETE: &str = "collection.accessories_complete";
    pub const COLLECTION_NOT_COLLECTED_REASON: &str = "collection.not_collected_reason";
}

/// Loan device.
pub mod loan {
    pub const LOAN_ACTION: &str = "loan.action";
    pub const LOAN_REGISTRATION: &str = "loan.registration";
    pub const LOAN_OPTIONS_MOVED: &str = "loan.options_moved";
}

/// Registration items that take a device from the depot (a loan or stand-in device): the UI
/// offers the depot's functionally equal devices for them.
pub const FROM_DEPOT: &[&str] = &[
    repair::RESOLUTION_LOAN_REGISTRATION,
    loan::LOAN_REGISTRATION,
    adjustment::WORK_REPLACEMENT_REGISTRATION,
];
