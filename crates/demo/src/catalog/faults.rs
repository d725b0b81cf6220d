//! Spare parts, faults as residents report them, checklist families and sling models, with
//! the words for each in Dutch and English.

use veldwerk_core::category::MaintenanceGroup;

/// A spare part: (part number, description in Dutch, in English).
pub type Part = (&'static str, &'static str, &'static str);

pub fn parts(g: MaintenanceGroup) -> &'static [Part] {
    match g {
        MaintenanceGroup::ManualWheelchair => &[
            ("BT-1238", "Binnenband 24 x 1 3/8", "Inner tube 24 x 1 3/8"),
            (
                "BD-2410",
                "Buitenband 24 x 1 3/8, grijs",
                "Tyre 24 x 1 3/8, grey",
            ),
            (
                "ZW-0820",
                "Zwenkwiel 200 x 50 mm, massief",
                "Castor 200 x 50 mm, solid",
            ),
            ("RM-1102", "Rem (knieveerrem) links", "Toggle brake, left"),
            (
                "AK-0034",
                "Antikiepwiel met steun",
                "Anti-tip wheel with bracket",
            ),
            ("ZK-4545", "Zitdoek 45 cm", "Seat upholstery 45 cm"),
            (
                "RG-0212",
                "Hoepel aluminium 24 inch",
                "Push rim, aluminium, 24 inch",
            ),
            (
                "VS-0310",
                "Voetsteun compleet links",
                "Footrest assembly, left",
            ),
        ],
        MaintenanceGroup::ElectricDrive => &[
            ("JS-5010", "Joystickmodule VR2", "Joystick module VR2"),
            ("KB-2024", "Koolborstelset motor", "Motor carbon brush set"),
            (
                "AC-7360",
                "Accuset 2 x 12 V 73 Ah gel",
                "Battery set 2 x 12 V 73 Ah gel",
            ),
            (
                "LD-1190",
                "Laadkabel met XLR-stekker",
                "Charging cable with XLR plug",
            ),
            ("BN-3004", "Buitenband 3.00-4 massief", "Tyre 3.00-4, solid"),
            ("AR-0500", "Actuator zitlift", "Seat lift actuator"),
            (
                "SW-0055",
                "Vrijloophendel met kabel",
                "Freewheel lever with cable",
            ),
            (
                "LE-0040",
                "LED-verlichtingsset voor en achter",
                "LED lighting set, front and rear",
            ),
            ("MC-2001", "Motorcontroller", "Motor controller"),
        ],
        MaintenanceGroup::Scooter => &[
            (
                "AC-5012",
                "Accuset 2 x 12 V 50 Ah AGM",
                "Battery set 2 x 12 V 50 Ah AGM",
            ),
            ("BN-3504", "Buitenband 3.50-4", "Tyre 3.50-4"),
            ("BI-3504", "Binnenband 3.50-4", "Inner tube 3.50-4"),
            ("LA-2200", "Koplamp LED", "LED headlight"),
            (
                "KN-0410",
                "Knipperlicht achter rechts",
                "Indicator, rear right",
            ),
            (
                "GS-1800",
                "Gashendel met potmeter",
                "Throttle lever with potentiometer",
            ),
            ("SP-0300", "Spiegel links", "Mirror, left"),
            ("MC-3001", "Motorcontroller 70 A", "Motor controller 70 A"),
            (
                "ST-0700",
                "Borgmoer stuurkolom met ring",
                "Steering column lock nut with washer",
            ),
        ],
        MaintenanceGroup::Bike => &[
            (
                "KT-0116",
                "Ketting 1/2 x 1/8, 116 schakels",
                "Chain 1/2 x 1/8, 116 links",
            ),
            ("RB-0450", "Remblokkenset V-brake", "V-brake pad set"),
            ("BD-2016", "Buitenband 20 x 1.75", "Tyre 20 x 1.75"),
            ("TR-0360", "Trapsensor", "Pedal sensor"),
            (
                "AC-3611",
                "Accupack 36 V 11 Ah lithium",
                "Battery pack 36 V 11 Ah lithium",
            ),
            ("VL-0090", "Voetfixatie pedaal", "Pedal foot strap"),
        ],
        MaintenanceGroup::ShowerToilet => &[
            (
                "ZW-1250",
                "Zwenkwiel 125 mm met rem, RVS",
                "Castor 125 mm with brake, stainless steel",
            ),
            ("PO-0001", "Po met deksel", "Commode pan with lid"),
            ("ZT-0460", "Toiletzitting zacht", "Soft toilet seat"),
            (
                "GV-0300",
                "Gasveer kantelverstelling",
                "Gas spring for the tilt",
            ),
            ("AL-0150", "Armlegger kunststof", "Armrest, plastic"),
        ],
        MaintenanceGroup::Hoist => &[
            (
                "HB-2400",
                "Handbediening 4 knoppen",
                "Hand control, 4 buttons",
            ),
            (
                "AC-2429",
                "Accupack 24 V 2,9 Ah",
                "Battery pack 24 V 2.9 Ah",
            ),
            ("NS-0100", "Noodstopknop", "Emergency stop button"),
            (
                "JK-0450",
                "Juk 450 mm, 4-punts",
                "Spreader bar 450 mm, 4-point",
            ),
            (
                "ZW-1000",
                "Zwenkwiel 100 mm met rem",
                "Castor 100 mm with brake",
            ),
            ("AR-8000", "Actuator hefmotor", "Lifting actuator"),
            ("SP-0450", "Spreidmotor onderstel", "Base-spreading motor"),
            ("LG-0010", "Lagerset mast", "Mast bearing set"),
        ],
        MaintenanceGroup::TransferAid => &[
            ("VP-0010", "Voetplaat antislip", "Non-slip footplate"),
            (
                "HG-0020",
                "Handgreep met schuimrubber",
                "Handle with foam grip",
            ),
            ("ZW-0750", "Zwenkwiel 75 mm", "Castor 75 mm"),
        ],
        MaintenanceGroup::Seat => &[
            (
                "GR-0500",
                "Vijfpuntsgordel compleet",
                "Five-point harness, complete",
            ),
            ("BK-0200", "Bekleding maat 2", "Cover, size 2"),
            (
                "HS-0100",
                "Hoofdsteun zijsteunen",
                "Side pads for the head support",
            ),
        ],
    }
}

/// A fault as reported: description, whether it may be class C / B material, drive-related.
pub struct Fault {
    pub text: &'static str,
    pub text_en: &'static str,
    /// Number of the part a repair of this fault usually replaces (see [`parts`]).
    pub part: &'static str,
    /// The most urgent class this fault plausibly gets: 0 = A, 1 = B, 2 = C.
    pub max_class: u8,
    pub drive_related: bool,
}

macro_rules! f {
    ($text:expr, $en:expr, $part:expr, $max_class:expr, $drive:expr) => {
        Fault {
            text: $text,
            text_en: $en,
            part: $part,
            max_class: $max_class,
            drive_related: $drive,
        }
    };
}

pub fn faults(g: MaintenanceGroup) -> &'static [Fault] {
    match g {
        MaintenanceGroup::ManualWheelchair => &[
            f!(
                "Band achter lek, rolstoel nog te gebruiken",
                "Rear tyre flat, wheelchair still usable",
                "BT-1238",
                0,
                false
            ),
            f!(
                "Rem links pakt niet meer, rolstoel rolt weg bij transfer",
                "Left brake no longer holds, wheelchair rolls away during transfers",
                "RM-1102",
                1,
                false
            ),
            f!(
                "Zwenkwiel slingert en maakt lawaai",
                "Castor wobbles and is noisy",
                "ZW-0820",
                0,
                false
            ),
            f!(
                "Zitdoek ingescheurd",
                "Seat upholstery torn",
                "ZK-4545",
                0,
                false
            ),
            f!(
                "Voetsteun breekt af, bewoner kan niet veilig zitten",
                "Footrest breaking off, resident cannot sit safely",
                "VS-0310",
                1,
                false
            ),
        ],
        MaintenanceGroup::ElectricDrive => &[
            f!(
                "Rijdt niet meer, joystick geeft foutcode (2 knipperingen)",
                "No longer drives, joystick shows an error (2 flashes)",
                "JS-5010",
                2,
                true
            ),
            f!(
                "Accu laadt niet op, bereik nog maar een paar honderd meter",
                "Battery does not charge, range down to a few hundred metres",
                "AC-7360",
                1,
                true
            ),
            f!(
                "Motor links maakt tikkend geluid bij optrekken",
                "Left motor ticks when pulling away",
                "KB-2024",
                0,
                true
            ),
            f!(
                "Zitlift blijft hangen in hoogste stand",
                "Seat lift stuck in its highest position",
                "AR-0500",
                1,
                false
            ),
            f!(
                "Verlichting werkt niet",
                "Lights do not work",
                "LE-0040",
                0,
                false
            ),
            f!(
                "Gestrand onderweg: rolstoel rijdt niet meer, bewoner staat buiten",
                "Stranded: the wheelchair no longer drives, resident is outdoors",
                "MC-2001",
                2,
                true
            ),
        ],
        MaintenanceGroup::Scooter => &[
            f!(
                "Scootmobiel start niet, display geeft geen reactie",
                "Scooter does not start, display shows nothing",
                "AC-5012",
                1,
                true
            ),
            f!(
                "Gestrand bij de supermarkt: scootmobiel rijdt niet meer",
                "Stranded at the supermarket: the scooter no longer drives",
                "MC-3001",
                2,
                true
            ),
            f!("Lekke band voor", "Front tyre flat", "BI-3504", 1, false),
            f!(
                "Koplamp en knipperlichten werken niet",
                "Headlight and indicators do not work",
                "LA-2200",
                0,
                false
            ),
            f!(
                "Stuurkolom zit los",
                "Steering column is loose",
                "ST-0700",
                1,
                false
            ),
            f!(
                "Rijdt schokkerig en valt af bij helling",
                "Drives jerkily and cuts out on slopes",
                "GS-1800",
                1,
                true
            ),
        ],
        MaintenanceGroup::Bike => &[
            f!(
                "Ketting loopt steeds van het tandwiel",
                "Chain keeps coming off the sprocket",
                "KT-0116",
                0,
                false
            ),
            f!(
                "Trapondersteuning valt weg na enkele minuten",
                "Pedal assistance cuts out after a few minutes",
                "TR-0360",
                0,
                true
            ),
            f!(
                "Achterrem slepend, fiets gaat zwaar",
                "Rear brake drags, the cycle is heavy going",
                "RB-0450",
                0,
                false
            ),
            f!("Band lek achter", "Rear tyre flat", "BD-2016", 0, false),
            f!(
                "Voorrem werkt niet meer, fiets is niet veilig te gebruiken",
                "Front brake no longer works, the cycle is not safe to use",
                "RB-0450",
                1,
                false
            ),
        ],
        MaintenanceGroup::ShowerToilet => &[
            f!(
                "Zwenkwiel blokkeert, stoel rijdt niet door de drempel",
                "Castor jams, the chair does not roll over the threshold",
                "ZW-1250",
                1,
                false
            ),
            f!(
                "Kantelverstelling gaat zwaar en zakt terug",
                "Tilt is stiff and sinks back",
                "GV-0300",
                1,
                false
            ),
            f!(
                "Rem van zwenkwiel houdt niet op natte vloer",
                "Castor brake does not hold on a wet floor",
                "ZW-1250",
                1,
                false
            ),
            f!(
                "Armlegger afgebroken",
                "Armrest broken off",
                "AL-0150",
                0,
                false
            ),
        ],
        MaintenanceGroup::Hoist => &[
            f!(
                "Tillift zakt niet meer, bewoner hangt in de tilband",
                "Hoist no longer lowers, the resident is hanging in the sling",
                "AR-8000",
                2,
                false
            ),
            f!(
                "Handbediening reageert niet, bewoner kan niet uit bed",
                "Hand control does not respond, the resident cannot get out of bed",
                "HB-2400",
                2,
                false
            ),
            f!(
                "Accu houdt lading niet vast",
                "Battery does not hold its charge",
                "AC-2429",
                1,
                false
            ),
            f!(
                "Onderstel spreidt niet meer elektrisch",
                "Base no longer spreads electrically",
                "SP-0450",
                1,
                false
            ),
            f!(
                "Piepend geluid bij heffen",
                "Squeaks when lifting",
                "LG-0010",
                0,
                false
            ),
        ],
        MaintenanceGroup::TransferAid => &[
            f!(
                "Voetplaat zit los",
                "Footplate is loose",
                "VP-0010",
                1,
                false
            ),
            f!(
                "Zwenkwiel draait niet meer",
                "Castor no longer turns",
                "ZW-0750",
                0,
                false
            ),
        ],
        MaintenanceGroup::Seat => &[
            f!(
                "Gordelsluiting klemt",
                "Harness buckle sticks",
                "GR-0500",
                1,
                false
            ),
            f!(
                "Bekleding los bij de zijsteun",
                "Cover loose at the side support",
                "BK-0200",
                0,
                false
            ),
        ],
    }
}

/// The checklist family of a maintenance, by code (the data of a logbook entry; people read
/// its name from `MaintenanceGroup::name`).
pub fn checklist(g: MaintenanceGroup) -> &'static str {
    match g {
        MaintenanceGroup::ManualWheelchair => "manual_wheelchair",
        MaintenanceGroup::ElectricDrive => "electric_drive",
        MaintenanceGroup::Scooter => "scooter",
        MaintenanceGroup::Bike => "bike",
        MaintenanceGroup::ShowerToilet => "shower_toilet",
        MaintenanceGroup::Hoist => "hoist",
        MaintenanceGroup::TransferAid => "transfer_aid",
        MaintenanceGroup::Seat => "seat",
    }
}

/// Sling models per hoist brand: (manufacturer, model).
pub fn sling_models(hoist_brand: &str, stand_up: bool) -> &'static [(&'static str, &'static str)] {
    match (hoist_brand, stand_up) {
        ("Arjo", true) => &[
            ("Arjo", "Sara Stand Assist Sling"),
            ("Arjo", "Sara Transfer Vest"),
        ],
        ("Arjo", false) => &[
            ("Arjo", "Loop Sling Comfort"),
            ("Arjo", "Loop Sling Hygiene"),
            ("Arjo", "Flites Disposable"),
        ],
        ("Liko", true) => &[("Liko", "MasterVest 60"), ("Liko", "SupportVest 90")],
        ("Liko", false) => &[
            ("Liko", "Original HighBack Sling 20"),
            ("Liko", "Original Hygiene Sling 40"),
            ("Liko", "SoloStrap"),
        ],
        (_, true) => &[("Handicare", "StandingSling"), ("Handicare", "SupportVest")],
        _ => &[
            ("Handicare", "BasicSling"),
            ("Handicare", "HighBackSling"),
            ("Handicare", "HygieneSling"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use veldwerk_core::Category;

    #[test]
    fn every_group_has_faults_of_class_a_and_b_and_known_parts() {
        for c in Category::ALL {
            let g = c.maintenance_group();
            let faults = faults(g);
            assert!(faults.iter().any(|f| f.max_class == 0), "{g:?}");
            assert!(faults.iter().any(|f| f.max_class == 1), "{g:?}");
            for f in faults {
                assert!(parts(g).iter().any(|p| p.0 == f.part), "{}", f.part);
                assert!(!f.text_en.is_empty() && f.text_en != f.text);
            }
            for p in parts(g) {
                assert!(!p.2.is_empty() && p.2 != p.1, "{}", p.0);
            }
        }
    }
}
