use super::{CheckStep, DeviceInfo, Measurement, Organisation, Resident, Signature};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why the hoist was inspected (checklists.md: first / periodic / after repair / exceptional).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionKind {
    First,
    Periodic,
    AfterRepair,
    Exceptional,
}

/// The inspection's verdict on the hoist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionOutcome {
    Approved,
    /// Approved, with defects to fix by their dates.
    ApprovedWithRemarks,
    /// Rejected: the hoist is taken out of use.
    OutOfUse,
}

/// The verdict on one sling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlingOutcome {
    Approved,
    /// Withdrawn (burns, tears, worn stitching, illegible label...).
    Withdrawn,
}

/// One sling inspected with the hoist, each on its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlingResult {
    /// The sling's own unique number.
    pub number: String,
    pub manufacturer: String,
    /// Type / model.
    pub model: String,
    /// Size as on the label (XS..XL).
    pub size: String,
    pub swl_kg: u16,
    pub outcome: SlingOutcome,
    /// Why it was withdrawn, or a remark.
    pub note: Option<String>,
}

/// The inspector and their qualification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspector {
    pub name: String,
    /// In words, e.g. "Stigah-gecertificeerd keurmeester tilliften".
    pub qualification: String,
    /// The inspector's certificate number (Stigah or equivalent).
    pub certificate_number: String,
}

/// The measuring instrument used for the electrical safety measurements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    /// What it is, e.g. "Installatietester", when recorded.
    pub name: Option<String>,
    pub serial_number: String,
    pub calibrated_on: NaiveDate,
}

/// Everything the hoist inspection certificate (PvE 7.2 / 4.1.5) is made from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HoistCertificateData {
    pub certificate_number: String,
    pub supplier: Organisation,
    pub device: DeviceInfo,
    /// Safe working load of the hoist.
    pub swl_kg: u16,
    /// Where the hoist stands: the resident and their home.
    pub resident: Resident,
    /// The standard followed, e.g. "NEN-EN-ISO 10535".
    pub standard: String,
    /// The protocol and its version, e.g. the manufacturer's service protocol.
    pub protocol: Option<String>,
    pub kind: InspectionKind,
    /// Every item inspected, grouped by step, each with its result.
    pub steps: Vec<CheckStep>,
    /// Electrical safety and load-test measurements.
    pub measurements: Vec<Measurement>,
    pub instrument: Option<Instrument>,
    pub slings: Vec<SlingResult>,
    pub outcome: InspectionOutcome,
    pub remarks: Option<String>,
    pub inspector: Inspector,
    pub inspected_on: NaiveDate,
    pub next_due_on: NaiveDate,
    /// The inspector's signature, when drawn.
    pub signature: Option<Signature>,
}
