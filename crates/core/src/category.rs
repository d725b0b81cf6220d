//! The contract's 18 functional categories (PvE 4.2) and the flags the rules depend on; their
//! prices are data ([`crate::contract`]).

use crate::{Localized, ValidationError};
use serde::{Deserialize, Serialize};

/// A functional category. Serialized as the contract's code: "1".."18", "5a", "5b", "8a", "8b".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Category {
    #[serde(rename = "1")]
    C1,
    #[serde(rename = "2")]
    C2,
    #[serde(rename = "3")]
    C3,
    #[serde(rename = "4")]
    C4,
    #[serde(rename = "5a")]
    C5a,
    #[serde(rename = "5b")]
    C5b,
    #[serde(rename = "6")]
    C6,
    #[serde(rename = "7")]
    C7,
    #[serde(rename = "8a")]
    C8a,
    #[serde(rename = "8b")]
    C8b,
    #[serde(rename = "9")]
    C9,
    #[serde(rename = "10")]
    C10,
    #[serde(rename = "11")]
    C11,
    #[serde(rename = "12")]
    C12,
    #[serde(rename = "13")]
    C13,
    #[serde(rename = "14")]
    C14,
    #[serde(rename = "15")]
    C15,
    #[serde(rename = "16")]
    C16,
    #[serde(rename = "17")]
    C17,
    #[serde(rename = "18")]
    C18,
}

/// Whether devices of a category are electric(-driven), which decides yearly maintenance,
/// the driving lesson at delivery and the insurance plate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ElectricKind {
    /// Always electric (5a, 5b, 7, 8a, 8b, 15, 16).
    Always,
    /// Usually electric (6): the device record says.
    Usually,
    /// Electric only when equipped so (9-11 with pedal assist, 14 with electric tilt).
    WhenEquipped,
    /// Never electric.
    Never,
}

/// The preventive-maintenance template family a category belongs to (checklists.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceGroup {
    ManualWheelchair,
    ElectricDrive,
    Scooter,
    Bike,
    ShowerToilet,
    Hoist,
    TransferAid,
    Seat,
}

impl MaintenanceGroup {
    /// The checklist family in words.
    pub fn name(self) -> Localized {
        use MaintenanceGroup::*;
        let (nl, en) = match self {
            ManualWheelchair => ("Handbewogen rolstoel", "Manual wheelchair"),
            ElectricDrive => ("Elektrische aandrijving", "Electric drive"),
            Scooter => ("Scootmobiel", "Mobility scooter"),
            Bike => ("Fiets", "Cycle"),
            ShowerToilet => ("Douche- en toiletstoel", "Shower and toilet chair"),
            Hoist => ("Tillift", "Hoist"),
            TransferAid => ("Transferhulpmiddel", "Transfer aid"),
            Seat => ("Zitvoorziening", "Seating"),
        };
        Localized::new(nl, en)
    }
}

/// How the supplier is paid for a category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Price {
    /// Monthly all-in rent in euro cents, excl. VAT.
    MonthlyRent { cents: u32 },
    /// Bought once (category 12), euro cents, excl. VAT.
    Purchase { cents: u32 },
}

impl Category {
    pub const ALL: [Category; 20] = [
        Category::C1,
        Category::C2,
        Category::C3,
        Category::C4,
        Category::C5a,
        Category::C5b,
        Category::C6,
        Category::C7,
        Category::C8a,
        Category::C8b,
        Category::C9,
        Category::C10,
        Category::C11,
        Category::C12,
        Category::C13,
        Category::C14,
        Category::C15,
        Category::C16,
        Category::C17,
        Category::C18,
    ];

    /// The contract's code, e.g. "5a".
    pub fn code(self) -> &'static str {
        use Category::*;
        match self {
            C1 => "1",
            C2 => "2",
            C3 => "3",
            C4 => "4",
            C5a => "5a",
            C5b => "5b",
            C6 => "6",
            C7 => "7",
            C8a => "8a",
            C8b => "8b",
            C9 => "9",
            C10 => "10",
            C11 => "11",
            C12 => "12",
            C13 => "13",
            C14 => "14",
            C15 => "15",
            C16 => "16",
            C17 => "17",
            C18 => "18",
        }
    }

    /// Parses a code such as "7", "5A" or " 8b "; anything else is an unknown category.
    pub fn from_code(code: &str) -> Result<Category, ValidationError> {
        let norm = code.trim().to_ascii_lowercase();
        Category::ALL
            .into_iter()
            .find(|c| c.code() == norm)
            .ok_or_else(|| ValidationError::UnknownCategory {
                code: code.chars().take(16).collect(),
            })
    }

    pub fn name(self) -> Localized {
        use Category::*;
        let (nl, en) = match self {
            C1 => (
                "Handbewogen rolstoel, kortdurend/incidenteel gebruik",
                "Manual wheelchair, short-term/incidental use",
            ),
            C2 => (
                "Handbewogen comfortrolstoel, permanent/passief, kantelbaar",
                "Manual comfort wheelchair, permanent/passive, tilting",
            ),
            C3 => (
                "Handbewogen rolstoel, actief/(semi)permanent",
                "Manual wheelchair, active/(semi-)permanent",
            ),
            C4 => ("Buggy / duwwandelwagen", "Buggy / child push chair"),
            C5a => (
                "Elektrische duwondersteuning voor de begeleider",
                "Electric push support for the companion",
            ),
            C5b => (
                "Wielaandrijving / aankoppelbare elektrische aandrijving",
                "Wheel assist / clip-on electric drive for the user",
            ),
            C6 => (
                "Aankoppelbare handbike/voetbike",
                "Clip-on handbike/footbike",
            ),
            C7 => ("Elektrische rolstoel", "Electric wheelchair"),
            C8a => ("Scootmobiel standaard", "Mobility scooter, standard"),
            C8b => (
                "Scootmobiel extra vering",
                "Mobility scooter, extra suspension",
            ),
            C9 => ("Driewielfiets", "Tricycle"),
            C10 => ("Duofiets", "Duo bike"),
            C11 => ("Rolstoelfiets", "Wheelchair bike"),
            C12 => (
                "Douche-/toiletstoel eenvoudig met zwenkwielen",
                "Shower/toilet chair, simple, with castors",
            ),
            C13 => (
                "Douche-/toiletstoel zelfrijdend",
                "Shower/toilet chair, self-propelled",
            ),
            C14 => (
                "Douche(-/toilet)stoel complex, kantelbaar",
                "Shower(/toilet) chair, complex, tilting",
            ),
            C15 => ("Tillift actief", "Hoist, active"),
            C16 => ("Tillift passief", "Hoist, passive"),
            C17 => ("Transferhulpmiddel", "Transfer aid"),
            C18 => ("Speciaal (auto)zitje", "Special (car) seat"),
        };
        Localized::new(nl, en)
    }

    pub fn electric(self) -> ElectricKind {
        use Category::*;
        match self {
            C5a | C5b | C7 | C8a | C8b | C15 | C16 => ElectricKind::Always,
            C6 => ElectricKind::Usually,
            C9 | C10 | C11 | C14 => ElectricKind::WhenEquipped,
            _ => ElectricKind::Never,
        }
    }

    /// Hoists (15, 16): yearly inspection, slings with their own numbers.
    pub fn is_hoist(self) -> bool {
        matches!(self, Category::C15 | Category::C16)
    }

    pub fn maintenance_group(self) -> MaintenanceGroup {
        use Category::*;
        match self {
            C1 | C2 | C3 | C4 => MaintenanceGroup::ManualWheelchair,
            C5a | C5b | C6 | C7 => MaintenanceGroup::ElectricDrive,
            C8a | C8b => MaintenanceGroup::Scooter,
            C9 | C10 | C11 => MaintenanceGroup::Bike,
            C12 | C13 | C14 => MaintenanceGroup::ShowerToilet,
            C15 | C16 => MaintenanceGroup::Hoist,
            C17 => MaintenanceGroup::TransferAid,
            C18 => MaintenanceGroup::Seat,
        }
    }

    /// Whether a device of this category with the given equipment flag counts as electric.
    pub fn device_is_electric(self, device_flag: bool) -> bool {
        match self.electric() {
            ElectricKind::Always => true,
            ElectricKind::Never => false,
            ElectricKind::Usually | ElectricKind::WhenEquipped => device_flag,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Category::ALL {
            assert!(seen.insert(c.code()));
            assert_eq!(Category::from_code(c.code()).unwrap(), c);
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.code()));
        }
        assert_eq!(seen.len(), 20);
    }

    #[test]
    fn unknown_codes_are_refused() {
        for bad in ["0", "19", "5", "5c", "", "8", "seven"] {
            assert!(
                matches!(
                    Category::from_code(bad),
                    Err(ValidationError::UnknownCategory { .. })
                ),
                "{bad}"
            );
        }
        assert_eq!(Category::from_code(" 5A ").unwrap(), Category::C5a);
    }

    #[test]
    fn flags() {
        assert!(Category::C15.is_hoist() && Category::C16.is_hoist());
        assert!(!Category::C17.is_hoist());
        assert!(Category::C7.device_is_electric(false));
        assert!(!Category::C9.device_is_electric(false));
        assert!(Category::C9.device_is_electric(true));
        assert!(!Category::C1.device_is_electric(true));
    }
}
