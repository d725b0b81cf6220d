//! The device catalogue of the demo: real brands and models per category with plausible
//! catalogue values, and the parts, faults and configuration items that go with them.

use veldwerk_core::category::MaintenanceGroup;
use veldwerk_core::Category;

/// One model the supplier stocks.
pub struct Model {
    pub brand: &'static str,
    pub model: &'static str,
    /// Gross catalogue value range in whole euros.
    pub price_eur: (u32, u32),
    /// Maximum user weight range (kg), when the category has one.
    pub max_user_kg: Option<(u16, u16)>,
    /// Safe working load (hoists).
    pub swl_kg: Option<u16>,
}

const fn m(
    brand: &'static str,
    model: &'static str,
    price_eur: (u32, u32),
    max_user_kg: Option<(u16, u16)>,
) -> Model {
    Model {
        brand,
        model,
        price_eur,
        max_user_kg,
        swl_kg: None,
    }
}

const fn hoist(brand: &'static str, model: &'static str, price_eur: (u32, u32), swl: u16) -> Model {
    Model {
        brand,
        model,
        price_eur,
        max_user_kg: None,
        swl_kg: Some(swl),
    }
}

/// Catalogue and mix of one category.
pub struct CategoryPlan {
    pub category: Category,
    /// Relative frequency among adults' devices.
    pub adult_weight: u32,
    /// Relative frequency among children's devices.
    pub child_weight: u32,
    /// For "usually" / "when equipped" categories: share (percent) that is electric.
    pub electric_pct: u32,
    pub models: &'static [Model],
}

pub const PLANS: [CategoryPlan; 20] = [
    CategoryPlan {
        category: Category::C1,
        adult_weight: 140,
        child_weight: 0,
        electric_pct: 0,
        models: &[
            m("Vermeiren", "V300", (450, 750), Some((120, 130))),
            m("Vermeiren", "D200", (500, 800), Some((120, 130))),
            m("Invacare", "Action 2 NG", (550, 900), Some((125, 125))),
            m("Invacare", "Action 3 NG", (700, 1_100), Some((125, 135))),
            m(
                "Sunrise Medical",
                "Breezy BasiX2",
                (450, 700),
                Some((125, 125)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C2,
        adult_weight: 40,
        child_weight: 0,
        electric_pct: 0,
        models: &[
            m("Vermeiren", "Inovys II", (2_800, 4_200), Some((135, 135))),
            m("Invacare", "Rea Azalea", (3_200, 5_200), Some((135, 135))),
            m(
                "Invacare",
                "Rea Clematis Pro",
                (3_000, 4_800),
                Some((135, 135)),
            ),
            m(
                "Netti",
                "4U Comfort CE Plus",
                (3_200, 5_000),
                Some((135, 150)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C3,
        adult_weight: 100,
        child_weight: 25,
        electric_pct: 0,
        models: &[
            m("Küschall", "K-Series", (3_000, 5_500), Some((130, 130))),
            m("Küschall", "Compact 2.0", (2_600, 4_500), Some((130, 130))),
            m("Quickie", "Life", (2_500, 4_200), Some((125, 125))),
            m("Quickie", "Argon2", (3_500, 6_000), Some((125, 125))),
            m("RGK", "Tiga", (3_800, 6_200), Some((120, 120))),
        ],
    },
    CategoryPlan {
        category: Category::C4,
        adult_weight: 0,
        child_weight: 60,
        electric_pct: 0,
        models: &[
            m("Ottobock", "Kimba Neo", (3_000, 5_200), Some((40, 40))),
            m("Hoggi", "Bingo Evolution", (2_200, 3_800), Some((50, 50))),
            m("Thomashilfen", "Swifty", (1_800, 3_000), Some((50, 50))),
        ],
    },
    CategoryPlan {
        category: Category::C5a,
        adult_weight: 18,
        child_weight: 3,
        electric_pct: 100,
        models: &[
            m("Alber", "viamobil eco", (3_800, 5_200), None),
            m("Alber", "viamobil V25", (4_800, 6_500), None),
        ],
    },
    CategoryPlan {
        category: Category::C5b,
        adult_weight: 18,
        child_weight: 2,
        electric_pct: 100,
        models: &[
            m("Alber", "e-motion M25", (6_500, 8_500), Some((130, 130))),
            m("Alber", "twion", (5_500, 7_200), Some((120, 120))),
            m("Alber", "e-fix E35", (7_000, 9_500), Some((130, 130))),
        ],
    },
    CategoryPlan {
        category: Category::C6,
        adult_weight: 8,
        child_weight: 0,
        electric_pct: 85,
        models: &[
            m("Stricker", "Lomo", (6_500, 9_500), Some((130, 130))),
            m("Batec", "Mini 2", (5_800, 8_200), Some((120, 120))),
            m("Batec", "Electrical 2", (7_500, 10_500), Some((125, 125))),
        ],
    },
    CategoryPlan {
        category: Category::C7,
        adult_weight: 50,
        child_weight: 6,
        electric_pct: 100,
        models: &[
            m("Permobil", "M3 Corpus", (22_000, 35_000), Some((136, 136))),
            m("Permobil", "F5 Corpus", (24_000, 35_000), Some((136, 136))),
            m("Invacare", "TDX SP2", (15_000, 28_000), Some((136, 136))),
            m("Quickie", "Q500 M", (16_000, 27_000), Some((136, 136))),
        ],
    },
    CategoryPlan {
        category: Category::C8a,
        adult_weight: 120,
        child_weight: 0,
        electric_pct: 100,
        models: &[
            m("Vermeiren", "Carpo 2", (2_800, 3_900), Some((136, 136))),
            m("Vermeiren", "Mercurius 4", (3_200, 4_500), Some((136, 136))),
            m("Invacare", "Orion Pro", (3_000, 4_300), Some((136, 136))),
            m(
                "Life & Mobility",
                "Mezzo 4",
                (2_900, 4_000),
                Some((136, 136)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C8b,
        adult_weight: 40,
        child_weight: 0,
        electric_pct: 100,
        models: &[
            m(
                "Life & Mobility",
                "Vecto Sport",
                (4_200, 6_200),
                Some((150, 150)),
            ),
            m("Invacare", "Comet Ultra", (4_800, 6_900), Some((160, 160))),
        ],
    },
    CategoryPlan {
        category: Category::C9,
        adult_weight: 30,
        child_weight: 6,
        electric_pct: 60,
        models: &[
            m("Van Raam", "Easy Rider", (3_500, 6_800), Some((120, 150))),
            m("Van Raam", "Midi", (2_600, 5_200), Some((120, 120))),
            m("Huka", "Cortes", (3_200, 6_000), Some((120, 130))),
        ],
    },
    CategoryPlan {
        category: Category::C10,
        adult_weight: 9,
        child_weight: 2,
        electric_pct: 80,
        models: &[
            m("Van Raam", "Fun2Go", (7_000, 10_500), Some((120, 120))),
            m("Van Raam", "Chat", (7_500, 11_000), Some((120, 120))),
        ],
    },
    CategoryPlan {
        category: Category::C11,
        adult_weight: 7,
        child_weight: 1,
        electric_pct: 85,
        models: &[
            m("Van Raam", "OPair", (7_500, 11_500), Some((120, 150))),
            m("Van Raam", "Velo Plus", (7_000, 10_500), Some((120, 150))),
        ],
    },
    CategoryPlan {
        category: Category::C12,
        adult_weight: 120,
        child_weight: 8,
        electric_pct: 0,
        models: &[
            m("Etac", "Clean", (350, 650), Some((130, 130))),
            m("Etac", "Swift Mobil-2", (450, 800), Some((135, 135))),
            m(
                "Invacare",
                "Aquatec Pico Commode",
                (250, 450),
                Some((130, 130)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C13,
        adult_weight: 100,
        child_weight: 6,
        electric_pct: 0,
        models: &[
            m("Etac", "Swift Mobil 24\"", (1_100, 1_900), Some((135, 135))),
            m(
                "Invacare",
                "Aquatec Ocean SP",
                (1_000, 1_800),
                Some((130, 130)),
            ),
        ],
    },
    CategoryPlan {
        category: Category::C14,
        adult_weight: 30,
        child_weight: 8,
        electric_pct: 20,
        models: &[
            m(
                "Etac",
                "Swift Mobil Tilt-2",
                (2_600, 4_200),
                Some((135, 135)),
            ),
            m(
                "Invacare",
                "Aquatec Ocean Dual VIP",
                (2_800, 4_600),
                Some((135, 135)),
            ),
            m("Raz Design", "Raz-AT", (3_200, 4_800), Some((136, 136))),
        ],
    },
    CategoryPlan {
        category: Category::C15,
        adult_weight: 60,
        child_weight: 0,
        electric_pct: 100,
        models: &[
            hoist("Arjo", "Sara 3000", (4_500, 6_500), 190),
            hoist("Liko", "Sabina II", (4_200, 6_000), 200),
            hoist("Etac", "Molift Quick Raiser 205", (3_500, 5_200), 205),
        ],
    },
    CategoryPlan {
        category: Category::C16,
        adult_weight: 80,
        child_weight: 5,
        electric_pct: 100,
        models: &[
            hoist("Liko", "Viking M", (4_000, 6_200), 205),
            hoist("Arjo", "Maxi Move", (5_500, 7_500), 227),
            hoist("Etac", "Molift Mover 205", (3_600, 5_500), 205),
            hoist("Liko", "LikoGuard L", (6_000, 8_500), 250),
        ],
    },
    CategoryPlan {
        category: Category::C17,
        adult_weight: 40,
        child_weight: 0,
        electric_pct: 0,
        models: &[
            m("Etac", "ReTurn7500", (700, 1_200), Some((150, 150))),
            m("Etac", "Molift Raiser", (900, 1_400), Some((150, 150))),
            m("Arjo", "Sara Stedy", (1_200, 1_800), Some((182, 182))),
        ],
    },
    CategoryPlan {
        category: Category::C18,
        adult_weight: 3,
        child_weight: 35,
        electric_pct: 0,
        models: &[
            m(
                "Thomashilfen",
                "Recaro Monza Nova Reha",
                (1_200, 1_900),
                Some((36, 36)),
            ),
            m("R82", "Cheetah", (1_800, 3_000), Some((36, 36))),
            m("R82", "Carrot 3", (1_500, 2_600), Some((36, 36))),
        ],
    },
];

pub fn plan(c: Category) -> &'static CategoryPlan {
    PLANS.iter().find(|p| p.category == c).unwrap_or(&PLANS[0])
}

/// Categories a case manager handles (complex and custom work).
pub fn complex(c: Category) -> bool {
    matches!(
        c,
        Category::C2 | Category::C4 | Category::C7 | Category::C11 | Category::C14 | Category::C18
    )
}

/// A spare part: (part number, description).
pub type Part = (&'static str, &'static str);

pub fn parts(g: MaintenanceGroup) -> &'static [Part] {
    match g {
        MaintenanceGroup::ManualWheelchair => &[
            ("BT-1238", "Binnenband 24 x 1 3/8"),
            ("BD-2410", "Buitenband 24 x 1 3/8, grijs"),
            ("ZW-0820", "Zwenkwiel 200 x 50 mm, massief"),
            ("RM-1102", "Rem (knieveerrem) links"),
            ("AK-0034", "Antikiepwiel met steun"),
            ("ZK-4545", "Zitdoek 45 cm"),
            ("RG-0212", "Hoepel aluminium 24 inch"),
            ("VS-0310", "Voetsteun compleet links"),
        ],
        MaintenanceGroup::ElectricDrive => &[
            ("JS-5010", "Joystickmodule VR2"),
            ("KB-2024", "Koolborstelset motor"),
            ("AC-7360", "Accuset 2 x 12 V 73 Ah gel"),
            ("LD-1190", "Laadkabel met XLR-stekker"),
            ("BN-3004", "Buitenband 3.00-4 massief"),
            ("AR-0500", "Actuator zitlift"),
            ("SW-0055", "Vrijloophendel met kabel"),
            ("LE-0040", "LED-verlichtingsset voor en achter"),
            ("MC-2001", "Motorcontroller"),
        ],
        MaintenanceGroup::Scooter => &[
            ("AC-5012", "Accuset 2 x 12 V 50 Ah AGM"),
            ("BN-3504", "Buitenband 3.50-4"),
            ("BI-3504", "Binnenband 3.50-4"),
            ("LA-2200", "Koplamp LED"),
            ("KN-0410", "Knipperlicht achter rechts"),
            ("GS-1800", "Gashendel met potmeter"),
            ("SP-0300", "Spiegel links"),
            ("MC-3001", "Motorcontroller 70 A"),
            ("ST-0700", "Borgmoer stuurkolom met ring"),
        ],
        MaintenanceGroup::Bike => &[
            ("KT-0116", "Ketting 1/2 x 1/8, 116 schakels"),
            ("RB-0450", "Remblokkenset V-brake"),
            ("BD-2016", "Buitenband 20 x 1.75"),
            ("TR-0360", "Trapsensor"),
            ("AC-3611", "Accupack 36 V 11 Ah lithium"),
            ("VL-0090", "Voetfixatie pedaal"),
        ],
        MaintenanceGroup::ShowerToilet => &[
            ("ZW-1250", "Zwenkwiel 125 mm met rem, RVS"),
            ("PO-0001", "Po met deksel"),
            ("ZT-0460", "Toiletzitting zacht"),
            ("GV-0300", "Gasveer kantelverstelling"),
            ("AL-0150", "Armlegger kunststof"),
        ],
        MaintenanceGroup::Hoist => &[
            ("HB-2400", "Handbediening 4 knoppen"),
            ("AC-2429", "Accupack 24 V 2,9 Ah"),
            ("NS-0100", "Noodstopknop"),
            ("JK-0450", "Juk 450 mm, 4-punts"),
            ("ZW-1000", "Zwenkwiel 100 mm met rem"),
            ("AR-8000", "Actuator hefmotor"),
            ("SP-0450", "Spreidmotor onderstel"),
            ("LG-0010", "Lagerset mast"),
        ],
        MaintenanceGroup::TransferAid => &[
            ("VP-0010", "Voetplaat antislip"),
            ("HG-0020", "Handgreep met schuimrubber"),
            ("ZW-0750", "Zwenkwiel 75 mm"),
        ],
        MaintenanceGroup::Seat => &[
            ("GR-0500", "Vijfpuntsgordel compleet"),
            ("BK-0200", "Bekleding maat 2"),
            ("HS-0100", "Hoofdsteun zijsteunen"),
        ],
    }
}

/// A fault as reported: description, whether it may be class C / B material, drive-related.
pub struct Fault {
    pub text: &'static str,
    /// Number of the part a repair of this fault usually replaces (see [`parts`]).
    pub part: &'static str,
    /// The most urgent class this fault plausibly gets: 0 = A, 1 = B, 2 = C.
    pub max_class: u8,
    pub drive_related: bool,
}

macro_rules! f {
    ($text:expr, $part:expr, $max_class:expr, $drive:expr) => {
        Fault {
            text: $text,
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
                "BT-1238",
                0,
                false
            ),
            f!(
                "Rem links pakt niet meer, rolstoel rolt weg bij transfer",
                "RM-1102",
                1,
                false
            ),
            f!("Zwenkwiel slingert en maakt lawaai", "ZW-0820", 0, false),
            f!("Zitdoek ingescheurd", "ZK-4545", 0, false),
            f!(
                "Voetsteun breekt af, bewoner kan niet veilig zitten",
                "VS-0310",
                1,
                false
            ),
        ],
        MaintenanceGroup::ElectricDrive => &[
            f!(
                "Rijdt niet meer, joystick geeft foutcode (2 knipperingen)",
                "JS-5010",
                2,
                true
            ),
            f!(
                "Accu laadt niet op, bereik nog maar een paar honderd meter",
                "AC-7360",
                1,
                true
            ),
            f!(
                "Motor links maakt tikkend geluid bij optrekken",
                "KB-2024",
                0,
                true
            ),
            f!(
                "Zitlift blijft hangen in hoogste stand",
                "AR-0500",
                1,
                false
            ),
            f!("Verlichting werkt niet", "LE-0040", 0, false),
            f!(
                "Gestrand onderweg: rolstoel rijdt niet meer, bewoner staat buiten",
                "MC-2001",
                2,
                true
            ),
        ],
        MaintenanceGroup::Scooter => &[
            f!(
                "Scootmobiel start niet, display geeft geen reactie",
                "AC-5012",
                1,
                true
            ),
            f!(
                "Gestrand bij de supermarkt: scootmobiel rijdt niet meer",
                "MC-3001",
                2,
                true
            ),
            f!("Lekke band voor", "BI-3504", 1, false),
            f!("Koplamp en knipperlichten werken niet", "LA-2200", 0, false),
            f!("Stuurkolom zit los", "ST-0700", 1, false),
            f!(
                "Rijdt schokkerig en valt af bij helling",
                "GS-1800",
                1,
                true
            ),
        ],
        MaintenanceGroup::Bike => &[
            f!("Ketting loopt steeds van het tandwiel", "KT-0116", 0, false),
            f!(
                "Trapondersteuning valt weg na enkele minuten",
                "TR-0360",
                0,
                true
            ),
            f!("Achterrem slepend, fiets gaat zwaar", "RB-0450", 0, false),
            f!("Band lek achter", "BD-2016", 0, false),
            f!(
                "Voorrem werkt niet meer, fiets is niet veilig te gebruiken",
                "RB-0450",
                1,
                false
            ),
        ],
        MaintenanceGroup::ShowerToilet => &[
            f!(
                "Zwenkwiel blokkeert, stoel rijdt niet door de drempel",
                "ZW-1250",
                1,
                false
            ),
            f!(
                "Kantelverstelling gaat zwaar en zakt terug",
                "GV-0300",
                1,
                false
            ),
            f!(
                "Rem van zwenkwiel houdt niet op natte vloer",
                "ZW-1250",
                1,
                false
            ),
            f!("Armlegger afgebroken", "AL-0150", 0, false),
        ],
        MaintenanceGroup::Hoist => &[
            f!(
                "Tillift zakt niet meer, bewoner hangt in de tilband",
                "AR-8000",
                2,
                false
            ),
            f!(
                "Handbediening reageert niet, bewoner kan niet uit bed",
                "HB-2400",
                2,
                false
            ),
            f!("Accu houdt lading niet vast", "AC-2429", 1, false),
            f!(
                "Onderstel spreidt niet meer elektrisch",
                "SP-0450",
                1,
                false
            ),
            f!("Piepend geluid bij heffen", "LG-0010", 0, false),
        ],
        MaintenanceGroup::TransferAid => &[
            f!("Voetplaat zit los", "VP-0010", 1, false),
            f!("Zwenkwiel draait niet meer", "ZW-0750", 0, false),
        ],
        MaintenanceGroup::Seat => &[
            f!("Gordelsluiting klemt", "GR-0500", 1, false),
            f!("Bekleding los bij de zijsteun", "BK-0200", 0, false),
        ],
    }
}

/// The checklist family name used in the maintenance details.
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

    #[test]
    fn every_group_has_faults_of_class_a_and_b_and_known_parts() {
        for c in Category::ALL {
            let g = c.maintenance_group();
            let faults = faults(g);
            assert!(faults.iter().any(|f| f.max_class == 0), "{g:?}");
            assert!(faults.iter().any(|f| f.max_class == 1), "{g:?}");
            for f in faults {
                assert!(parts(g).iter().any(|(n, _)| *n == f.part), "{}", f.part);
            }
        }
    }

    #[test]
    fn every_category_has_models() {
        for c in Category::ALL {
            let p = plan(c);
            assert_eq!(p.category, c);
            assert!(!p.models.is_empty());
            assert!(p.adult_weight + p.child_weight > 0);
            for m in p.models {
                assert!(m.price_eur.0 <= m.price_eur.1);
                assert_eq!(m.swl_kg.is_some(), c.is_hoist());
            }
        }
    }
}
