use super::Address;
use crate::ids::{CaregiverId, MunicipalityId, ResidentId, SupplierContactId};
use crate::validation::{bounded, required};
use crate::ValidationError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// At most three fixed contact persons of the supplier per resident (PvE 5.2.3a): the
/// supplier's own people who keep in touch with the resident and the municipality. It is not
/// a limit on the resident's caregivers.
pub const MAX_SUPPLIER_CONTACTS: usize = 3;

/// A bound on a resident's caregivers against bad input; the contract sets none.
pub const MAX_CAREGIVERS: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Municipality {
    pub id: MunicipalityId,
    /// Short stable code, e.g. "apeldoorn".
    pub code: String,
    pub name: String,
}

/// How the resident wants to be contacted, recorded at first contact and used from then on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CommunicationPreference {
    Phone,
    Post,
    Email,
    App,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Resident {
    pub id: ResidentId,
    /// The municipality's client number for the resident.
    pub resident_number: String,
    pub municipality_id: MunicipalityId,
    pub initials: String,
    pub first_name: String,
    /// Dutch surname prefix ("van", "de", "van der"), kept apart for sorting.
    pub name_prefix: Option<String>,
    pub surname: String,
    pub birth_date: NaiveDate,
    pub address: Address,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub preferred_communication: CommunicationPreference,
    /// Particulars of use (bijzonderheden): what every technician should know before a visit.
    pub particulars: Option<String>,
}

impl Resident {
    /// "Jan van der Berg" (first name, prefix, surname).
    pub fn display_name(&self) -> String {
        let mut s = self.first_name.clone();
        if let Some(p) = self.name_prefix.as_deref().filter(|p| !p.is_empty()) {
            s.push(' ');
            s.push_str(p);
        }
        s.push(' ');
        s.push_str(&self.surname);
        s
    }

    pub fn validate(&self) -> Result<(), ValidationError> {
        required("resident_number", &self.resident_number, 32)?;
        required("surname", &self.surname, 80)?;
        bounded("first_name", &self.first_name, 80)?;
        bounded("initials", &self.initials, 20)?;
        if let Some(p) = &self.name_prefix {
            bounded("name_prefix", p, 20)?;
        }
        if let Some(p) = &self.phone {
            bounded("phone", p, 32)?;
        }
        if let Some(e) = &self.email {
            bounded("email", e, 254)?;
        }
        if let Some(p) = &self.particulars {
            bounded("particulars", p, 4000)?;
        }
        self.address.validate()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CaregiverKind {
    /// Informal carer (mantelzorger): family, neighbour.
    Informal,
    /// Professional carer (verzorger): home care, nursing.
    Professional,
}

/// A fixed contact person of a resident; a caregiver may sign on the resident's behalf.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Caregiver {
    pub id: CaregiverId,
    pub resident_id: ResidentId,
    pub name: String,
    /// e.g. "dochter", "wijkverpleging"
    pub relation: String,
    pub kind: CaregiverKind,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub may_sign: bool,
}

impl Caregiver {
    pub fn validate(&self) -> Result<(), ValidationError> {
        required("name", &self.name, 120)?;
        bounded("relation", &self.relation, 60)
    }
}

/// Checks a resident's caregivers against the bound for bad input (any real number of
/// caregivers is fine).
pub fn check_caregivers(caregivers: &[Caregiver]) -> Result<(), ValidationError> {
    if caregivers.len() > MAX_CAREGIVERS {
        return Err(ValidationError::TooLong {
            field: "caregivers",
            max: MAX_CAREGIVERS,
        });
    }
    Ok(())
}

/// One of the supplier's fixed contact persons for a resident (PvE 5.2.3a): named to the
/// resident in what they receive, shown on the resident's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SupplierContact {
    pub id: SupplierContactId,
    pub resident_id: ResidentId,
    pub name: String,
    /// What they do for the resident, e.g. "accountmanager", "planner", "adviseur".
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl SupplierContact {
    pub fn validate(&self) -> Result<(), ValidationError> {
        required("name", &self.name, 120)?;
        bounded("role", &self.role, 60)?;
        if let Some(p) = &self.phone {
            bounded("phone", p, 30)?;
        }
        if let Some(e) = &self.email {
            bounded("email", e, 254)?;
        }
        Ok(())
    }
}

/// Checks the contract's limit of three fixed contact persons of the supplier per resident.
pub fn check_supplier_contacts(contacts: &[SupplierContact]) -> Result<(), ValidationError> {
    if contacts.len() > MAX_SUPPLIER_CONTACTS {
        return Err(ValidationError::TooManyContactPersons {
            count: contacts.len(),
        });
    }
    Ok(())
}
