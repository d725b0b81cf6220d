//! The English of the demo's configuration items: the supplier records them in Dutch and, in
//! the demo, gives the English beside them. Whole labels and values are looked up; a value
//! made of a number and a unit only has its unit put in English.

/// Labels, Dutch -> English.
const LABELS: &[(&str, &str)] = &[
    ("Zitbreedte", "Seat width"),
    ("Zitdiepte", "Seat depth"),
    ("Zitschaal", "Seating shell"),
    ("Regenkap", "Rain hood"),
    ("Pelotten", "Lateral supports"),
    ("Kantelverstelling", "Tilt adjustment"),
    ("Hoofdsteun", "Headrest"),
    ("Trommelremmen", "Drum brakes"),
    ("Armleuningen", "Armrests"),
    ("Snelontkoppelbare assen", "Quick-release axles"),
    ("Rugleuning", "Backrest"),
    ("Antikiepers", "Anti-tippers"),
    ("Banden", "Tyres"),
    ("Voetsteunen", "Footrests"),
    ("Besturing", "Control"),
    ("Zitlift", "Seat lift"),
    ("Rugverstelling", "Backrest adjustment"),
    ("Beensteunen", "Legrests"),
    ("Verlichting", "Lighting"),
    ("Snelheid", "Speed"),
    ("Duwhandvat", "Push handle"),
    ("Rolstoel", "Wheelchair"),
    ("Wielgrootte", "Wheel size"),
    ("Afstandsbediening", "Remote control"),
    ("Aandrijving", "Drive"),
    ("Versnellingen", "Gears"),
    ("Koppelsysteem", "Coupling"),
    ("Spiegels", "Mirrors"),
    ("Mand", "Basket"),
    ("Stokhouder", "Walking stick holder"),
    ("Regenhoes", "Rain cover"),
    ("Windscherm", "Windscreen"),
    ("Trapondersteuning", "Pedal assistance"),
    ("Terugtraprem", "Coaster brake"),
    ("Pedaalfixatie", "Pedal straps"),
    ("Rolstoelplateau", "Wheelchair platform"),
    ("Dubbele trapas", "Double crank"),
    ("Zitting", "Seat"),
    ("Po en pohouder", "Pan and pan holder"),
    ("Zwenkwielen", "Castors"),
    ("Kanteling", "Tilt"),
    ("Hoepels", "Push rims"),
    ("Kniesteun", "Knee support"),
    ("Voetplaat", "Footplate"),
    ("Juk", "Spreader bar"),
    ("Weegschaal", "Scale"),
    ("Onderstel", "Base"),
    ("Noodstop en noodneerlaat", "Emergency stop and lowering"),
    ("Handgreep", "Handle"),
    ("Maat", "Size"),
    ("Isofix", "Isofix"),
    ("Vijfpuntsgordel", "Five-point harness"),
    ("Zijsteunen hoofd", "Head side supports"),
    ("Abductieklos", "Abduction block"),
];

/// Values, Dutch -> English.
const VALUES: &[(&str, &str)] = &[
    ("ja", "yes"),
    ("nee", "no"),
    ("met groei-instelling", "with growth adjustment"),
    ("handmatig, 0-25°", "manual, 0-25°"),
    ("verstelbaar", "adjustable"),
    ("voor begeleider", "for the attendant"),
    ("in hoogte verstelbaar", "height-adjustable"),
    ("hoogte verstelbaar", "height-adjustable"),
    ("opvouwbaar, hoekverstelbaar", "folding, angle-adjustable"),
    (
        "lucht, Schwalbe Marathon Plus",
        "pneumatic, Schwalbe Marathon Plus",
    ),
    ("massief", "solid"),
    ("lucht", "pneumatic"),
    ("wegzwenkbaar", "swing-away"),
    ("bureaumodel", "desk-length"),
    ("doorlopende voetplank", "one-piece footboard"),
    ("joystick rechts", "joystick on the right"),
    ("joystick links", "joystick on the left"),
    ("kinbesturing", "chin control"),
    ("elektrisch", "electric"),
    ("elektrisch verstelbaar", "electrically adjustable"),
    ("LED", "LED"),
    ("met snelheidsregeling", "with speed control"),
    (
        "gekoppeld aan eigen handbewogen rolstoel",
        "coupled to the resident's own manual wheelchair",
    ),
    ("handbewogen", "manual"),
    ("3 (naaf)", "3 (hub)"),
    ("7 (naaf)", "7 (hub)"),
    ("8 (naaf)", "8 (hub)"),
    ("snelkoppeling", "quick coupling"),
    ("voor", "front"),
    ("met oprijplaat", "with ramp"),
    ("open voorzijde", "open front"),
    ("open achterzijde", "open back"),
    ("gesloten met toiletopening", "closed, with toilet opening"),
    ("125 mm, 4 met rem", "125 mm, 4 with brakes"),
    ("elektrisch, 0-30°", "electric, 0-30°"),
    (
        "handmatig met gasveer, 0-30°",
        "manual with gas spring, 0-30°",
    ),
    ("antislip", "non-slip"),
    ("2-punts", "2-point"),
    ("4-punts", "4-point"),
    ("elektrisch spreidbaar", "electrically widening"),
    ("handmatig spreidbaar", "manually widening"),
    ("4, waarvan 2 met rem", "4, 2 of them with brakes"),
];

/// Units as Dutch writes them -> English.
const UNITS: &[(&str, &str)] = &[
    ("km/u", "km/h"),
    ("cm", "cm"),
    ("mm", "mm"),
    ("inch", "inch"),
];

/// The English of a configuration label.
pub(super) fn label_en(nl: &str) -> Option<String> {
    LABELS
        .iter()
        .find(|(d, _)| *d == nl)
        .map(|(_, e)| (*e).to_string())
}

/// The English of a configuration value.
pub(super) fn value_en(nl: &str) -> Option<String> {
    if let Some((_, e)) = VALUES.iter().find(|(d, _)| *d == nl) {
        return Some((*e).to_string());
    }
    // a bare number, or a number and a unit
    let (number, unit) = nl.split_once(' ').unwrap_or((nl, ""));
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if unit.is_empty() {
        return Some(number.to_string());
    }
    UNITS
        .iter()
        .find(|(d, _)| *d == unit)
        .map(|(_, e)| format!("{number} {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_values_and_units() {
        assert_eq!(label_en("Zitbreedte").as_deref(), Some("Seat width"));
        assert_eq!(value_en("6 km/u").as_deref(), Some("6 km/h"));
        assert_eq!(value_en("45 cm").as_deref(), Some("45 cm"));
        assert_eq!(value_en("2").as_deref(), Some("2"));
        assert_eq!(value_en("ja").as_deref(), Some("yes"));
        assert_eq!(value_en("onbekend woord"), None);
        assert_eq!(value_en("6 furlongs"), None);
    }
}
