//! Checklist templates: the forms of every job kind, as data (assets/templates/*.json).
//!
//! A template has an id and a version; a finished job records both. Steps hold items; an
//! item has a typed input (a check with the contract's five results, a measurement with a
//! unit, hard range and warning band, a choice, text, a date, parts, a sign-off...), may be
//! required, and may apply only under a condition (an earlier answer, the device being
//! electric, its category). Steps can repeat once per sling of a hoist.
//!
//! The rules of a job kind read some items by their well-known keys (see
//! [`super::schema`]); [`Template::validate`] checks that a template provides them with the
//! right input type, so a template can be rewritten freely without breaking the rules.

use crate::category::MaintenanceGroup;
use crate::model::JobKind;
use crate::{Category, Localized};
use serde::{Deserialize, Serialize};

/// A check result (checklists.md: ok / repaired on site / defect, fix by a date / defect,
/// take out of use / not applicable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    Ok,
    Repaired,
    DefectFixBy,
    OutOfUse,
    NotApplicable,
}

impl CheckResult {
    /// The contract's five results, in the order the screen offers them (keys 1-5).
    pub const ALL: [CheckResult; 5] = [
        CheckResult::Ok,
        CheckResult::Repaired,
        CheckResult::DefectFixBy,
        CheckResult::OutOfUse,
        CheckResult::NotApplicable,
    ];
}

pub use crate::units::Unit;

/// One option of a choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    pub label: Localized,
}

/// A suggested starting value derived from another measurement: `from + offset`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    /// The key ("step.item") of the measurement it derives from, or a field of the job's
    /// device as the passport has it (see [`DEVICE_SOURCES`]).
    pub from: String,
    pub offset: f64,
}

/// Fields of the job's device a measurement may start from ("device.<field>").
pub const DEVICE_SOURCES: &[&str] = &["device.battery.rated_ah", "device.battery.nominal_voltage"];

/// The value of a device source for this device, when the passport has it.
pub fn device_source(device: Option<&crate::model::Device>, from: &str) -> Option<f64> {
    let battery = device?.battery.as_ref()?;
    match from {
        "device.battery.rated_ah" => Some(f64::from(battery.rated_ah)),
        "device.battery.nominal_voltage" => Some(f64::from(battery.nominal_voltage)),
        _ => None,
    }
}

/// What an item asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Input {
    /// A check with one of the five results, an optional note, and for "defect, fix by" a date.
    Check,
    YesNo,
    Choice {
        options: Vec<ChoiceOption>,
    },
    MultiChoice {
        options: Vec<ChoiceOption>,
    },
    /// A number with a unit. Outside `min..=max` is refused; outside `warn_min..=warn_max`
    /// (when given) is accepted with a warning that asks whether the measurement is right;
    /// below `limit_min` (a real limit: tread under 1 mm, battery under 80%) it is accepted
    /// as a finding, with the item's help text as the advice.
    Measurement {
        unit: Unit,
        min: f64,
        max: f64,
        #[serde(default)]
        warn_min: Option<f64>,
        #[serde(default)]
        warn_max: Option<f64>,
        #[serde(default)]
        limit_min: Option<f64>,
        /// Digits after the decimal point that are kept.
        #[serde(default)]
        decimals: u8,
        #[serde(default)]
        suggest: Option<Suggestion>,
    },
    Text {
        max_chars: u32,
        #[serde(default)]
        multiline: bool,
    },
    /// A date, optionally bounded relative to the day of the job (in days).
    Date {
        #[serde(default)]
        min_days: Option<i32>,
        #[serde(default)]
        max_days: Option<i32>,
    },
    /// A moment (arrival, resolution); the UI offers "now".
    Moment,
    /// Parts replaced: number, description, quantity, new or reused.
    Parts,
    /// A sign-off: the signer's name and role (resident or caregiver).
    SignOff,
    /// A device registration number (typed or scanned).
    Registration,
    /// A functional category (1-18 with 5a/5b/8a/8b).
    Category,
}

impl Input {
    /// The kind of input, for checks against the rules' expectations.
    pub fn type_name(&self) -> &'static str {
        match self {
            Input::Check => "check",
            Input::YesNo => "yes_no",
            Input::Choice { .. } => "choice",
            Input::MultiChoice { .. } => "multi_choice",
            Input::Measurement { .. } => "measurement",
            Input::Text { .. } => "text",
            Input::Date { .. } => "date",
            Input::Moment => "moment",
            Input::Parts => "parts",
            Input::SignOff => "sign_off",
            Input::Registration => "registration",
            Input::Category => "category",
        }
    }
}

/// When an item or step applies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "if", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// A yes/no answer equals `value`.
    Answered {
        key: String,
        value: bool,
    },
    /// A choice answer is one of `values`.
    ChoiceIn {
        key: String,
        values: Vec<String>,
    },
    /// A check answer is one of `results`.
    CheckIn {
        key: String,
        results: Vec<CheckResult>,
    },
    /// A category answer differs from the ordered category.
    CategoryDiffersFromOrder {
        key: String,
    },
    /// The device is electric(-driven).
    DeviceElectric {
        value: bool,
    },
    /// The device's category is one of these.
    DeviceCategoryIn {
        categories: Vec<Category>,
    },
    /// The order's category is one of these (fittings, before there is a device).
    OrderCategoryIn {
        categories: Vec<Category>,
    },
    All {
        all: Vec<Condition>,
    },
    Any {
        any: Vec<Condition>,
    },
    Not {
        not: Box<Condition>,
    },
}

/// One question of a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub label: Localized,
    #[serde(default)]
    pub help: Option<Localized>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub when: Option<Condition>,
    pub input: Input,
}

/// What a step repeats over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    /// Once per sling of the hoist (answer keys "step[sling id].item").
    Slings,
}

/// A page of the guided job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: Localized,
    #[serde(default)]
    pub help: Option<Localized>,
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub repeat: Option<Repeat>,
    pub items: Vec<Item>,
}

/// Which devices a template is for (empty lists: any).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    #[serde(default)]
    pub groups: Vec<MaintenanceGroup>,
    #[serde(default)]
    pub categories: Vec<Category>,
}

/// A versioned checklist template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub version: u32,
    pub job_kind: JobKind,
    #[serde(default)]
    pub applies_to: AppliesTo,
    pub title: Localized,
    pub steps: Vec<Step>,
}
