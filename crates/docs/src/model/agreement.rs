use super::{DeviceInfo, Organisation, Resident, Signature};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether the device is lent to the resident or becomes theirs (category 12 is bought).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    /// On loan: the device stays the municipality's (or supplier's) property.
    Loan,
    /// The resident becomes the owner.
    Owned,
}

/// The person signing for the resident, when someone does (curator, mentor, parent...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub name: String,
    /// In words in both languages, e.g. "curator", "ouder" / "parent", "mentor"; the document
    /// prints its own language's.
    pub capacity: veldwerk_core::Localized,
}

/// One of the supplier's fixed contact persons of the resident (PvE 5.2.3a, at most three),
/// named in the agreement so the resident knows whom to call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    pub name: String,
    /// What they do for the resident, in the agreement's language (e.g. "planner").
    pub role: String,
    pub phone: Option<String>,
}

/// Both signatures under the user agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementSignatures {
    /// The resident or, when there is one, the representative.
    pub resident_side: Signature,
    /// The supplier's technician who delivered the device.
    pub supplier: Signature,
}

/// Everything the user agreement (gebruikersovereenkomst, PvE 6.4) is made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementData {
    /// The municipality's order reference (nadere opdracht).
    pub order_reference: String,
    pub municipality: Organisation,
    /// The supplier; its `phone` is the malfunction line that answers around the clock.
    pub supplier: Organisation,
    pub resident: Resident,
    pub representative: Option<Representative>,
    pub device: DeviceInfo,
    pub ownership: Ownership,
    /// Whether the device is electric(-driven): adds the insurance clause.
    pub electric: bool,
    pub delivery_date: NaiveDate,
    /// Where complaints go (a web address, e-mail or postal address), as printed.
    pub complaints_contact: String,
    /// The supplier's fixed contact persons of the resident (at most three; none leaves the
    /// line out).
    #[serde(default)]
    pub supplier_contacts: Vec<ContactPerson>,
}
