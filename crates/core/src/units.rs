//! Units of measurements, and how each is written in Dutch and English.

use crate::Localized;
use serde::{Deserialize, Serialize};

/// Units of measurements. Stored with the value; shown with the symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Mm,
    Cm,
    Kg,
    Bar,
    Volt,
    Ampere,
    Milliampere,
    Ohm,
    Megaohm,
    AmpereHour,
    Percent,
    Km,
    Hours,
    Minutes,
    KmPerHour,
    Degrees,
    Count,
    /// Euro cents are awkward to type: amounts are entered in euro.
    Euro,
}

impl Unit {
    /// The unit as written in Dutch and in English: one spelling per language everywhere
    /// (labels, errors, the passport, the logbook and documents).
    pub fn symbols(self) -> Localized {
        match self {
            Unit::KmPerHour => Localized::new("km/u", "km/h"),
            Unit::Hours => Localized::new("u", "h"),
            other => Localized::new(other.symbol(), other.symbol()),
        }
    }

    /// The international symbol (machine data; people read [`Unit::symbols`]).
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Mm => "mm",
            Unit::Cm => "cm",
            Unit::Kg => "kg",
            Unit::Bar => "bar",
            Unit::Volt => "V",
            Unit::Ampere => "A",
            Unit::Milliampere => "mA",
            Unit::Ohm => "Ω",
            Unit::Megaohm => "MΩ",
            Unit::AmpereHour => "Ah",
            Unit::Percent => "%",
            Unit::Km => "km",
            Unit::Hours => "h",
            Unit::Minutes => "min",
            Unit::KmPerHour => "km/h",
            Unit::Degrees => "°",
            Unit::Count => "",
            Unit::Euro => "€",
        }
    }
}
