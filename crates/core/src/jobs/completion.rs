//! What completing a job writes, as one transaction: the job report, logbook entries
//! (hash-chained by the store), passport updates, sling and malfunction updates, signals,
//! a category-deviation request. Computed purely from the template, the answers and the
//! context; applied by the store together with an outbox entry per record.

use super::answer::Answer;
use super::records::{DeviationRequest, Signal};
use crate::ids::*;
use crate::logbook::NewLogbookEntry;
use crate::model::{DeviceStatus, JobKind, MalfunctionStatus, OrderStatus, SlingStatus};
use crate::Localized;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A change of who has a device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "to", content = "resident", rename_all = "snake_case")]
pub enum ResidentLink {
    Resident(ResidentId),
    /// Back to the depot: no resident.
    Nobody,
}

/// Passport fields a job changes; None leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceChanges {
    pub status: Option<DeviceStatus>,
    pub resident: Option<ResidentLink>,
    pub last_preventive_maintenance_on: Option<NaiveDate>,
    pub next_maintenance_due: Option<NaiveDate>,
    pub next_inspection_due: Option<NaiveDate>,
    pub last_malfunction_on: Option<NaiveDate>,
    pub last_misuse_maintenance_on: Option<NaiveDate>,
    pub first_delivered_on: Option<NaiveDate>,
    pub last_delivered_on: Option<NaiveDate>,
    pub battery_capacity_pct: Option<u8>,
    pub battery_tested_on: Option<NaiveDate>,
    pub catalogue_value_cents: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceUpdate {
    pub device_id: DeviceId,
    pub changes: DeviceChanges,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SlingUpdate {
    pub sling_id: SlingId,
    pub status: Option<SlingStatus>,
    pub next_inspection_due: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MalfunctionUpdate {
    pub malfunction_id: MalfunctionId,
    pub arrived_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub status: Option<MalfunctionStatus>,
    /// What the mechanic found: whether the fault was in the drive (electric devices only;
    /// counts toward the replacement rule). None when the question was not answered.
    pub drive_related: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderUpdate {
    pub order_id: OrderId,
    pub status: OrderStatus,
}

/// The record of a finished job: which template (id and version) and every answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JobReport {
    pub id: JobReportId,
    pub job_id: JobId,
    pub kind: JobKind,
    pub template_id: String,
    pub template_version: u32,
    pub answers: BTreeMap<String, Answer>,
    pub started_at: DateTime<Utc>,
    pub completed_at: DateTime<Utc>,
    pub technician: String,
    /// What the technician was told on completing (plan the delivery, place a loan device
    /// before..., the replacement rule applies...).
    #[serde(default)]
    pub notices: Vec<Localized>,
}

/// Everything completing a job writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    pub report: JobReport,
    pub logbook: Vec<NewLogbookEntry>,
    pub devices: Vec<DeviceUpdate>,
    pub slings: Vec<SlingUpdate>,
    pub malfunction: Option<MalfunctionUpdate>,
    pub orders: Vec<OrderUpdate>,
    pub signals: Vec<Signal>,
    pub deviation: Option<DeviationRequest>,
    /// Documents the job produced (their PDFs already in the blob store): the signed user
    /// agreement of a delivery.
    pub documents: Vec<super::media::DocumentRecord>,
    /// What the technician should know after closing (e.g. "plan the delivery date before
    /// Tuesday", "the replacement rule applies to this device").
    pub notices: Vec<Localized>,
}
