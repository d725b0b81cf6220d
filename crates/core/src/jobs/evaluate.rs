//! Which items apply (conditions, per-sling repetition), what is still missing before a job
//! can close, and the progress through the steps.

use crate::Localized;
use serde::Serialize;

/// A required item that has no answer yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MissingItem {
    /// The answer key ("step.item" or "step[instance].item").
    pub key: String,
    pub step_id: String,
    /// The sling id for a repeated step.
    pub instance: Option<String>,
    pub step_title: Localized,
    pub label: Localized,
    /// Set when the item has an answer that is not acceptable in context (for example a
    /// registration number that is not the ordered device): what is wrong.
    pub problem: Option<Localized>,
}

/// How far a step is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StepProgress {
    pub step_id: String,
    pub instance: Option<String>,
    /// For a repeated step: what the instance is (the sling number).
    pub instance_label: Option<String>,
    pub title: Localized,
    /// False when the step's condition does not hold (it is skipped).
    pub applicable: bool,
    pub items: u32,
    pub answered: u32,
    pub required_missing: u32,
}
