use super::{CheckStep, DeviceInfo, Measurement, Organisation, Resident, Signature, SignerRole};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use veldwerk_core::Localized;

/// What kind of work the job report is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    PreventiveMaintenance,
    Repair,
    Adjustment,
}

/// A part used in the job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartUsed {
    pub part_number: String,
    pub description: String,
    pub quantity: u32,
    /// A reused (second-hand, from the depot) part rather than a new one.
    pub reused: bool,
}

/// A photo thumbnail (JPEG bytes, as made by the photo pipeline) with an optional caption.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub caption: Option<String>,
    pub jpeg: Vec<u8>,
}

/// A signal passed to the municipality (signaleringsfunctie).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSignal {
    /// What it is about, e.g. "Onjuist gebruik" / "Improper use".
    pub topic: Localized,
    pub text: String,
    /// A threat to safety, passed on at once.
    pub urgent: bool,
}

/// The resident's or caregiver's sign-off (paraaf), or their recorded refusal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SignOff {
    Signed(Signature),
    Refused {
        name: String,
        role: SignerRole,
        at: DateTime<Utc>,
        reason: String,
    },
}

/// Everything the job report (werkbon) for maintenance and repairs is made from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobReportData {
    /// The job's reference as the supplier knows it.
    pub job_reference: String,
    pub kind: JobKind,
    pub supplier: Organisation,
    pub resident: Resident,
    pub device: DeviceInfo,
    pub technician: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    /// Which checklist was used, e.g. "pm-scooter v1".
    pub checklist: Option<String>,
    /// The reported malfunction (repairs) in the reporter's words.
    pub complaint: Option<String>,
    /// What was done, in the technician's words.
    pub work_done: Option<String>,
    pub steps: Vec<CheckStep>,
    pub measurements: Vec<Measurement>,
    pub parts: Vec<PartUsed>,
    /// Labour in minutes.
    pub labour_minutes: u32,
    pub photos: Vec<Photo>,
    pub signals: Vec<ReportSignal>,
    pub next_due_on: Option<NaiveDate>,
    pub sign_off: SignOff,
}
