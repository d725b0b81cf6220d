//! The plain data the documents are made from. The caller fills these from its records; this
//! crate reads nothing else (no store, no clock, no files).

mod agreement;
mod certificate;
mod job_report;

pub use agreement::{AgreementData, AgreementSignatures, ContactPerson, Ownership, Representative};
pub use certificate::{
    HoistCertificateData, InspectionKind, InspectionOutcome, Inspector, Instrument, SlingOutcome,
    SlingResult,
};
pub use job_report::{JobKind, JobReportData, PartUsed, Photo, ReportSignal, SignOff};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use veldwerk_core::{Category, Localized};

/// The language a document is produced in. Dutch is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The BCP 47 tag written into the PDF catalog (/Lang).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Nl => "nl-NL",
            Lang::En => "en-GB",
        }
    }

    /// Picks this language's text.
    pub fn pick(self, text: &Localized) -> &str {
        match self {
            Lang::Nl => &text.nl,
            Lang::En => &text.en,
        }
    }
}

/// A postal address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street and house number, e.g. "Kerkstraat 12a".
    pub street: String,
    pub postcode: String,
    pub town: String,
}

impl Address {
    /// One line: "Kerkstraat 12a, 7231 AB ’s-Heerenberg".
    pub fn one_line(&self) -> String {
        format!("{}, {} {}", self.street, self.postcode, self.town)
    }
}

/// A municipality or the supplier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub address: Option<Address>,
    /// Phone number shown on the document (for the supplier: the 24/7 malfunction line).
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The resident (inwoner) the device is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    pub name: String,
    pub address: Address,
    pub birth_date: Option<NaiveDate>,
    /// The municipality's client number, if it gave one.
    pub client_number: Option<String>,
}

/// New or reconditioned (PvE definition 1.14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    New,
    Reconditioned,
}

/// The device as it appears on the documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    pub category: Category,
    pub brand: String,
    /// Type / model name.
    pub model: String,
    /// The unique registration number on the frame label.
    pub registration_number: String,
    pub serial_number: String,
    /// The contract's build year: the year the device was first issued.
    pub build_year: u16,
    pub condition: Condition,
    /// Options and accessories, one entry each, as the resident will recognise them.
    pub options: Vec<String>,
    /// The third-party insurance plate (electric devices), if any.
    pub insurance_plate: Option<String>,
}

/// Who signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerRole {
    Resident,
    Representative,
    Caregiver,
    Technician,
    Inspector,
}

/// A drawn signature: who, in which role, when, and the PNG the signature pad produced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub name: String,
    pub role: SignerRole,
    pub signed_at: DateTime<Utc>,
    /// PNG bytes (any size up to 2000 x 1000 px; transparency is laid on white).
    pub png: Vec<u8>,
}

/// The outcome of one checklist item (checklists.md: item results).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ItemResult {
    Ok,
    /// Repaired on site during this visit.
    Repaired,
    /// A defect that may stay in use until it is fixed, by the given date.
    Defect {
        remedy: String,
        fix_by: NaiveDate,
    },
    /// A defect that takes the device out of use.
    OutOfUse {
        remedy: String,
    },
    NotApplicable,
}

/// One checklist item with its result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckItem {
    pub label: Localized,
    pub result: ItemResult,
    pub note: Option<String>,
}

/// The items of one step of the checklist (e.g. "Mast and boom").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckStep {
    pub title: Localized,
    pub items: Vec<CheckItem>,
}

/// A typed measurement with its unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    pub label: Localized,
    pub value: f64,
    /// Unit symbol as printed: "V", "MΩ", "mA", "%", "km".
    pub unit: String,
    /// Decimals to print (0-4).
    pub decimals: u8,
}
