//! Everything the rules of a job need to know, gathered from the replica by the store.

use super::answer::Answer;
use super::records::DeviationRequest;
use super::workflow::JobState;
use crate::ids::JobId;
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The job with its surroundings.
#[derive(Clone, Debug, PartialEq)]
pub struct JobContext {
    pub job: Job,
    pub appointment: Appointment,
    pub resident: Resident,
    pub caregivers: Vec<Caregiver>,
    /// The device the job is about (none for a fitting before a device is chosen).
    pub device: Option<Device>,
    pub order: Option<Order>,
    pub malfunction: Option<Malfunction>,
    /// The hoist's slings (hoist inspections repeat a step per sling).
    pub slings: Vec<Sling>,
    pub technician: Technician,
    /// The local (Amsterdam) day the appointment was planned for.
    pub planned_day: NaiveDate,
    /// The local day the work is done ([`work_day`]): date items are bounded relative to it,
    /// and the rules count from it. The planned day until the job is loaded for work.
    pub job_day: NaiveDate,
    /// Drive-related malfunction repairs of the device in the previous calendar year.
    pub drive_repairs_previous_year: u32,
    /// The latest category-deviation request of the job's order, if any.
    pub deviation: Option<DeviationRequest>,
    /// Devices named by registration number in the answers (a loan device, the new device of
    /// a replacement, the identity check at delivery), as found in the replica.
    pub devices_by_registration: BTreeMap<String, Device>,
    /// Photos attached to the job so far per item they were taken for (a checklist item, the
    /// damage report): a wilful-damage report needs one of the damage (PvE 7.2.4).
    pub item_photos: BTreeMap<String, u32>,
}

/// A job in progress: its answers so far. Saved on every change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JobDraft {
    pub job_id: JobId,
    pub template_id: String,
    pub template_version: u32,
    pub state: JobState,
    pub answers: BTreeMap<String, Answer>,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The local (Amsterdam) day the work on a job is done: the day it was started, or today for a
/// job not started yet. Never the planned day: a maintenance planned for Thursday and done on
/// Sunday is Sunday's work, and every date derived from it (last maintenance, next due, battery
/// test...) counts from Sunday.
pub fn work_day(started_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> NaiveDate {
    crate::sla::local_date(started_at.unwrap_or(now))
}
