use crate::ids::{DeviceId, ResidentId, SlingId};
use crate::validation::{bounded, required};
use crate::{Category, Localized, ValidationError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a device stands in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DeviceStatus {
    /// With the resident and usable.
    InUse,
    /// With the resident, but a repair is open.
    AwaitingRepair,
    /// Taken out of use (rejected at inspection or unsafe): shown in red.
    OutOfUse,
    /// In the supplier's depot (collected, reconditioned, or waiting for delivery).
    InDepot,
    /// Placed temporarily as a loan device.
    OnLoan,
}

/// One option, accessory or adjustment of the current configuration, as the supplier records
/// it (in Dutch), with its English words where the supplier gives them (older records and
/// other suppliers may not: the English interface then shows the Dutch, marked as Dutch).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConfigItem {
    pub label: String,
    pub value: String,
    #[serde(default)]
    pub label_en: Option<String>,
    #[serde(default)]
    pub value_en: Option<String>,
}

/// A measurement of the device as configured (seat width, seat height...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceMeasurement {
    /// Stable key, e.g. "seat_width".
    pub key: String,
    pub value: f64,
    /// Unit symbol, e.g. "mm", "kg".
    pub unit: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BatteryChemistry {
    LeadAgm,
    LeadGel,
    Lithium,
}

/// The traction battery of an electric device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Battery {
    pub chemistry: BatteryChemistry,
    pub nominal_voltage: u16,
    pub rated_ah: u16,
    /// Capacity as a percentage of the original, from the last test.
    pub capacity_pct: Option<u8>,
    pub tested_on: Option<NaiveDate>,
}

/// An assistive device with every field the contract's logbook requires (PvE 5.2.8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Device {
    pub id: DeviceId,
    /// The unique registration number (the label on the frame).
    pub registration_number: String,
    pub category: Category,
    pub brand: String,
    /// Type / model name.
    pub model: String,
    pub serial_number: String,
    /// The contract's build year: the year the device was first ever issued.
    pub build_year: u16,
    pub first_issued_on: Option<NaiveDate>,
    /// First delivery to the current resident.
    pub first_delivered_on: Option<NaiveDate>,
    /// Last delivery (after repair, adjustment or re-issue).
    pub last_delivered_on: Option<NaiveDate>,
    /// Gross catalogue value of the device, euro cents.
    pub catalogue_value_cents: u32,
    /// Gross catalogue value of the accessories, euro cents.
    pub accessories_value_cents: u32,
    pub configuration: Vec<ConfigItem>,
    pub measurements: Vec<DeviceMeasurement>,
    pub reconditioned: bool,
    /// Whether the device is electric(-driven); for "usually"/"when equipped" categories the
    /// record decides, otherwise the category does.
    pub electric: bool,
    pub battery: Option<Battery>,
    /// Third-party insurance plate number (electric devices).
    pub insurance_plate: Option<String>,
    /// Used for Wlz stays (logeren).
    pub wlz_use: bool,
    pub max_user_weight_kg: Option<u16>,
    /// Safe working load (hoists).
    pub swl_kg: Option<u16>,
    pub status: DeviceStatus,
    pub resident_id: Option<ResidentId>,
    pub last_preventive_maintenance_on: Option<NaiveDate>,
    pub last_malfunction_on: Option<NaiveDate>,
    pub last_misuse_maintenance_on: Option<NaiveDate>,
    pub next_maintenance_due: Option<NaiveDate>,
    /// Hoists only.
    pub next_inspection_due: Option<NaiveDate>,
}

impl Device {
    pub fn is_electric(&self) -> bool {
        self.category.device_is_electric(self.electric)
    }

    pub fn validate(&self) -> Result<(), ValidationError> {
        validate_registration_number(&self.registration_number)?;
        required("brand", &self.brand, 60)?;
        required("model", &self.model, 80)?;
        required("serial_number", &self.serial_number, 60)?;
        if let Some(p) = &self.insurance_plate {
            bounded("insurance_plate", p, 20)?;
        }
        if self.configuration.len() > 200 {
            return Err(ValidationError::TooLong {
                field: "configuration",
                max: 200,
            });
        }
        Ok(())
    }
}

/// A registration number: 3 to 40 characters of letters, digits, '-', '/' and '.'.
pub fn validate_registration_number(input: &str) -> Result<(), ValidationError> {
    let ok = (3..=40).contains(&input.chars().count())
        && input
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'));
    if ok {
        Ok(())
    } else {
        Err(ValidationError::InvalidRegistrationNumber {
            input: input.chars().take(40).collect(),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SlingStatus {
    InUse,
    /// Rejected at inspection: withdrawn.
    Withdrawn,
}

/// A sling (tilband) of a hoist, inspected on its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Sling {
    pub id: SlingId,
    pub hoist_id: DeviceId,
    /// The sling's own unique number.
    pub sling_number: String,
    pub manufacturer: String,
    pub model: String,
    /// Size as printed on the label: XS..XL.
    pub size: String,
    pub swl_kg: u16,
    pub manufactured_on: Option<NaiveDate>,
    pub in_use_since: Option<NaiveDate>,
    pub status: SlingStatus,
    pub next_inspection_due: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_numbers() {
        assert!(validate_registration_number("WMO-0456-000123").is_ok());
        assert!(validate_registration_number("AB").is_err());
        assert!(validate_registration_number("ab cd").is_err());
        assert!(validate_registration_number(&"A".repeat(41)).is_err());
    }
}

/// A device as lists and cards show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceSummary {
    pub id: DeviceId,
    pub registration_number: String,
    pub category: Category,
    pub category_name: Localized,
    pub brand: String,
    pub model: String,
    pub serial_number: String,
    pub status: DeviceStatus,
    pub resident_id: Option<ResidentId>,
    pub next_maintenance_due: Option<NaiveDate>,
    pub next_inspection_due: Option<NaiveDate>,
    /// Electrically driven (the category's rule with the device's own record): what the UI
    /// asks about a fault in the drive for.
    pub electric: bool,
}

impl From<&Device> for DeviceSummary {
    fn from(d: &Device) -> Self {
        DeviceSummary {
            id: d.id,
            registration_number: d.registration_number.clone(),
            category: d.category,
            category_name: d.category.name(),
            brand: d.brand.clone(),
            model: d.model.clone(),
            serial_number: d.serial_number.clone(),
            status: d.status,
            resident_id: d.resident_id,
            next_maintenance_due: d.next_maintenance_due,
            next_inspection_due: d.next_inspection_due,
            electric: d.is_electric(),
        }
    }
}
