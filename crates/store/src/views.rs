//! Read models: what the screens show, assembled from the replica in a few indexed queries.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use veldwerk_core::contract::CategoryInfo;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::{DeviationStatus, JobState};
use veldwerk_core::logbook::{BrokenLink, EntryWords, LogbookEntry};
use veldwerk_core::model::*;
use veldwerk_core::sla::RepairDeadlines;
use veldwerk_core::Localized;

/// A resident as lists and cards show them.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ResidentSummary {
    pub id: ResidentId,
    pub name: String,
    pub resident_number: String,
    pub address: Address,
    pub municipality: String,
    pub phone: Option<String>,
    pub preferred_communication: CommunicationPreference,
    pub particulars: Option<String>,
}

pub use veldwerk_core::model::DeviceSummary;

/// An open malfunction with the contract's deadlines for its response class.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RepairCard {
    pub malfunction: Malfunction,
    pub deadlines: RepairDeadlines,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JobCard {
    pub id: JobId,
    pub kind: JobKind,
    pub status: JobStatus,
    pub device: Option<DeviceSummary>,
    pub order: Option<Order>,
    pub repair: Option<RepairCard>,
    /// The state of the job's draft; None when the job has not been started here.
    pub state: Option<JobState>,
    /// The latest category-deviation request of the job's order, if there is one.
    pub deviation: Option<DeviationStatus>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AppointmentCard {
    pub id: AppointmentId,
    pub window: TimeWindow,
    pub status: AppointmentStatus,
    pub note: Option<String>,
    pub resident: ResidentSummary,
    pub jobs: Vec<JobCard>,
}

/// The agenda of one technician for one (Amsterdam) calendar day.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TodayView {
    pub date: NaiveDate,
    pub technician: Technician,
    pub working_day: bool,
    /// Why the day is not a working day, when it is a public holiday.
    pub holiday: Option<Localized>,
    pub appointments: Vec<AppointmentCard>,
    /// The technician's visits in progress on other days (a job started there and not
    /// finished): after a restart they lead back to the work, whatever day is shown.
    pub in_progress_elsewhere: Vec<AppointmentCard>,
    /// When the day has no visits: the next day that has (the day to offer instead).
    pub next_day_with_visits: Option<NaiveDate>,
}

/// A job planned for a resident, with its visit's window.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlannedJob {
    pub appointment_id: AppointmentId,
    pub window: TimeWindow,
    pub technician: String,
    pub job: JobCard,
}

/// A logbook entry with the device it belongs to, for a resident's history.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HistoryItem {
    pub registration_number: String,
    pub entry: LogbookEntry,
    /// The entry as people read it, in both languages ([`veldwerk_core::logbook::words`]).
    pub words: EntryWords,
}

/// A logbook entry as the passport shows it: the entry (hashed, as stored) and its words.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LogbookLine {
    pub entry: LogbookEntry,
    pub words: EntryWords,
}

impl From<LogbookEntry> for LogbookLine {
    fn from(entry: LogbookEntry) -> Self {
        let words = veldwerk_core::logbook::words(&entry);
        LogbookLine { entry, words }
    }
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ResidentView {
    pub resident: Resident,
    pub name: String,
    pub municipality: Municipality,
    pub caregivers: Vec<Caregiver>,
    /// The supplier's fixed contact persons for this resident (PvE 5.2.3a; at most three).
    pub supplier_contacts: Vec<SupplierContact>,
    pub devices: Vec<DeviceSummary>,
    pub open_jobs: Vec<PlannedJob>,
    pub open_repairs: Vec<RepairCard>,
    pub orders: Vec<Order>,
    /// Newest first, at most [`crate::HISTORY_LIMIT`] entries.
    pub history: Vec<HistoryItem>,
    /// The passport warnings of the resident's devices that have any.
    pub device_warnings: Vec<DeviceWarnings>,
    /// Signals passed to the municipality about this resident, newest first.
    pub signals: Vec<veldwerk_core::jobs::Signal>,
    /// Complaints with the day each must be handled by, newest first.
    pub complaints: Vec<ComplaintCard>,
    /// Messages to the resident or their municipality, newest first.
    pub messages: Vec<veldwerk_core::messages::MessageRecord>,
}

/// A complaint with its handling deadline (PvE 5.1.5, core's rule).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ComplaintCard {
    pub complaint: veldwerk_core::jobs::Complaint,
    /// The day it was received (core's `received_day`: the day written, else the local day
    /// it was recorded).
    pub received_on: chrono::NaiveDate,
    pub due: chrono::DateTime<chrono::Utc>,
}

/// A device's passport warnings, for the resident's page.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceWarnings {
    pub device_id: DeviceId,
    pub warnings: Vec<PassportWarning>,
}

/// The state of a device's logbook hash chain.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChainStatus {
    pub entries: u32,
    /// The first broken link, if any entry was edited, removed or reordered.
    pub broken: Option<BrokenLink>,
}

/// Something the passport must make stand out.
pub use veldwerk_core::passport::PassportWarning;

/// The device passport: every field of the contract's logbook, plus its timeline.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PassportView {
    pub device: Device,
    pub category: CategoryInfo,
    pub is_electric: bool,
    pub resident: Option<ResidentSummary>,
    pub slings: Vec<Sling>,
    /// Newest first.
    pub logbook: Vec<LogbookLine>,
    pub chain: ChainStatus,
    pub open_repairs: Vec<RepairCard>,
    pub warnings: Vec<PassportWarning>,
}

/// One resident with the devices that matched (or all of theirs when the resident matched).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchGroup {
    pub resident: ResidentSummary,
    /// The resident's own data matched (name, address, postcode, number).
    pub resident_matched: bool,
    pub devices: Vec<DeviceSummary>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchResults {
    pub query: String,
    pub groups: Vec<SearchGroup>,
    /// Devices that matched but are not with a resident (depot, loan pool).
    pub unassigned_devices: Vec<DeviceSummary>,
    /// More matched than are shown: the user should type more.
    pub truncated: bool,
}

/// How much the replica holds.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReplicaCounts {
    pub residents: u32,
    pub devices: u32,
    pub appointments: u32,
    pub logbook_entries: u32,
}

/// A record waiting to go to the portal, in commit order. For the sync engine, not the UI
/// (hence no TypeScript type: `seq` is a 64-bit integer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutboxEntry {
    pub seq: i64,
    /// The record's own id (or a fresh UUIDv7 for an update of master data).
    pub record_id: String,
    /// "job_report", "logbook_entry", "device_update", "sling_update", "malfunction_update",
    /// "order_update", "signal", "complaint", "deviation_request", "not_home_report".
    pub record_type: String,
    /// The record as JSON.
    pub payload_json: String,
    pub created_at: DateTime<Utc>,
}

/// `now` as seen by the caller, carried into views that depend on it.
pub type Now = DateTime<Utc>;
