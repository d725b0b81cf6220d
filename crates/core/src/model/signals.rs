//! What a signal to the municipality is about, and what each kind is called.

use crate::Localized;
use serde::{Deserialize, Serialize};

/// What a signal is about (definition 1.33, PvE 1.2.1c, 7.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    NotUsed,
    ImproperUse,
    UnauthorisedModification,
    UnsafeSituation,
    /// A threat to the safety of the resident or housemates: goes to the municipality at once.
    SafetyThreat,
    DrivingAbilityDoubt,
    NoLongerAdequate,
    /// Damage suspected to be wilful, with a description and the likely cause.
    SuspectedWilfulDamage,
}

impl SignalKind {
    pub const ALL: [SignalKind; 8] = [
        SignalKind::NotUsed,
        SignalKind::ImproperUse,
        SignalKind::UnauthorisedModification,
        SignalKind::UnsafeSituation,
        SignalKind::SafetyThreat,
        SignalKind::DrivingAbilityDoubt,
        SignalKind::NoLongerAdequate,
        SignalKind::SuspectedWilfulDamage,
    ];

    /// Signals that must reach the municipality at once are urgent whatever the technician
    /// marks; others are urgent when marked so.
    pub fn always_urgent(self) -> bool {
        matches!(self, SignalKind::SafetyThreat | SignalKind::UnsafeSituation)
    }
}

/// Localised names for the UI and documents.
pub fn signal_kind_name(k: SignalKind) -> Localized {
    let (nl, en) = match k {
        SignalKind::NotUsed => ("Hulpmiddel wordt niet gebruikt", "Device not used"),
        SignalKind::ImproperUse => ("Oneigenlijk gebruik", "Improper use"),
        SignalKind::UnauthorisedModification => {
            ("Wijziging zonder toestemming", "Unauthorised modification")
        }
        SignalKind::UnsafeSituation => ("Onveilige situatie", "Unsafe situation"),
        SignalKind::SafetyThreat => (
            "Bedreiging van de veiligheid van inwoner of huisgenoten",
            "Threat to the safety of resident or housemates",
        ),
        SignalKind::DrivingAbilityDoubt => {
            ("Twijfel aan rijvaardigheid", "Doubt about driving ability")
        }
        SignalKind::NoLongerAdequate => {
            ("Hulpmiddel niet meer adequaat", "Device no longer adequate")
        }
        SignalKind::SuspectedWilfulDamage => (
            "Vermoeden van moedwillige schade",
            "Suspected wilful damage",
        ),
    };
    Localized::new(nl, en)
}
