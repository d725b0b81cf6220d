//! A new device's configuration, measurements, battery and serial number.

use crate::rng::Rand;
use veldwerk_core::category::MaintenanceGroup;
use veldwerk_core::model::{Battery, BatteryChemistry, ConfigItem, DeviceMeasurement};
use veldwerk_core::Category;

pub(super) fn serial(r: &mut Rand, brand: &str, year: i32) -> String {
    let yy = year % 100;
    match brand {
        "Vermeiren" => format!("VM{yy:02}{}", r.digits(7)),
        "Invacare" => format!("{}{yy:02}{}", r.upper(2), r.digits(6)),
        "Küschall" => format!("KS{yy:02}{}", r.digits(6)),
        "Quickie" | "Sunrise Medical" => format!("SM{year}-{}", r.digits(6)),
        "Permobil" => format!("PB{yy:02}{}", r.digits(7)),
        "Alber" => format!("AL{year}{}", r.digits(5)),
        "Van Raam" => format!("VR{year}-{}", r.digits(5)),
        "Etac" => format!("ET{yy:02}{}{}", r.upper(2), r.digits(5)),
        "Arjo" => format!("S{yy:02}{}", r.digits(8)),
        "Liko" => format!("LK{yy:02}-{}", r.digits(6)),
        "Handicare" => format!("HC{yy:02}{}", r.digits(6)),
        "Ottobock" => format!("OB{}{}", r.digits(4), r.upper(1)),
        _ => format!("{}{yy:02}{}", r.upper(2), r.digits(6)),
    }
}

fn item(label: &str, value: impl Into<String>) -> ConfigItem {
    let value = value.into();
    ConfigItem {
        label: label.to_string(),
        label_en: super::config_words::label_en(label),
        value_en: super::config_words::value_en(&value),
        value,
    }
}

fn mm(key: &str, value: i64) -> DeviceMeasurement {
    DeviceMeasurement {
        key: key.to_string(),
        value: value as f64,
        unit: "mm".to_string(),
    }
}

/// A round value in mm, multiple of 10.
fn tens(r: &mut Rand, lo: i64, hi: i64) -> i64 {
    r.range(lo / 10, hi / 10) * 10
}

/// Configuration, measurements and accessories value (euros) of a new device.
pub(super) fn configuration(
    r: &mut Rand,
    c: Category,
    electric: bool,
    child: bool,
) -> (Vec<ConfigItem>, Vec<DeviceMeasurement>, u32) {
    let mut cfg = Vec::new();
    let mut ms = Vec::new();
    let accessories: i64;
    let yes_no = |r: &mut Rand, pct| if r.chance(pct) { "ja" } else { "nee" };
    match c.maintenance_group() {
        MaintenanceGroup::ManualWheelchair => {
            let (w, d) = if child || c == Category::C4 {
                (tens(r, 280, 380), tens(r, 250, 350))
            } else {
                (tens(r, 380, 520), tens(r, 380, 500))
            };
            cfg.push(item("Zitbreedte", format!("{} cm", w / 10)));
            cfg.push(item("Zitdiepte", format!("{} cm", d / 10)));
            ms.push(mm("seat_width", w));
            ms.push(mm("seat_depth", d));
            ms.push(mm("seat_height", tens(r, 400, 520)));
            match c {
                Category::C4 => {
                    cfg.push(item("Zitschaal", "met groei-instelling"));
                    cfg.push(item("Regenkap", "ja"));
                    cfg.push(item("Pelotten", yes_no(r, 50)));
                    accessories = r.range(300, 1_200);
                }
                Category::C2 => {
                    cfg.push(item("Kantelverstelling", "handmatig, 0-25°"));
                    cfg.push(item("Hoofdsteun", "verstelbaar"));
                    cfg.push(item("Trommelremmen", "voor begeleider"));
                    cfg.push(item("Armleuningen", "in hoogte verstelbaar"));
                    accessories = r.range(200, 900);
                }
                Category::C3 => {
                    cfg.push(item("Snelontkoppelbare assen", "ja"));
                    cfg.push(item("Rugleuning", "opvouwbaar, hoekverstelbaar"));
                    cfg.push(item("Antikiepers", yes_no(r, 60)));
                    cfg.push(item(
                        "Banden",
                        *r.pick(&["lucht, Schwalbe Marathon Plus", "massief"]),
                    ));
                    accessories = r.range(100, 800);
                }
                _ => {
                    cfg.push(item(
                        "Armleuningen",
                        *r.pick(&["in hoogte verstelbaar", "wegzwenkbaar", "bureaumodel"]),
                    ));
                    cfg.push(item(
                        "Voetsteunen",
                        *r.pick(&[
                            "wegzwenkbaar",
                            "hoogte verstelbaar",
                            "doorlopende voetplank",
                        ]),
                    ));
                    cfg.push(item("Banden", *r.pick(&["massief", "lucht"])));
                    accessories = r.range(0, 150);
                }
            }
            ms.push(mm("backrest_height", tens(r, 350, 500)));
        }
        MaintenanceGroup::ElectricDrive => match c {
            Category::C7 => {
                let w = if child {
                    tens(r, 300, 380)
                } else {
                    tens(r, 400, 520)
                };
                cfg.push(item("Zitbreedte", format!("{} cm", w / 10)));
                cfg.push(item(
                    "Besturing",
                    *r.pick(&[
                        "joystick rechts",
                        "joystick rechts",
                        "joystick links",
                        "kinbesturing",
                    ]),
                ));
                cfg.push(item("Zitlift", yes_no(r, 60)));
                cfg.push(item("Kantelverstelling", "elektrisch"));
                if r.chance(60) {
                    cfg.push(item("Rugverstelling", "elektrisch"));
                }
                cfg.push(item("Beensteunen", "elektrisch verstelbaar"));
                cfg.push(item("Verlichting", "LED"));
                cfg.push(item("Snelheid", *r.pick(&["6 km/u", "10 km/u", "12 km/u"])));
                ms.push(mm("seat_width", w));
                ms.push(mm("seat_depth", tens(r, 400, 520)));
                ms.push(mm("seat_height", tens(r, 450, 520)));
                accessories = r.range(1_000, 6_000);
            }
            Category::C5a => {
                cfg.push(item("Duwhandvat", "met snelheidsregeling"));
                cfg.push(item("Snelheid", "6 km/u"));
                cfg.push(item("Rolstoel", "gekoppeld aan eigen handbewogen rolstoel"));
                accessories = r.range(0, 300);
            }
            Category::C5b => {
                cfg.push(item("Wielgrootte", *r.pick(&["22 inch", "24 inch"])));
                cfg.push(item("Afstandsbediening", yes_no(r, 70)));
                cfg.push(item("Snelheid", "6 km/u"));
                accessories = r.range(0, 500);
            }
            _ => {
                cfg.push(item(
                    "Aandrijving",
                    if electric {
                        "elektrisch"
                    } else {
                        "handbewogen"
                    },
                ));
                cfg.push(item("Versnellingen", "8 (naaf)"));
                cfg.push(item("Verlichting", "LED"));
                cfg.push(item("Koppelsysteem", "snelkoppeling"));
                accessories = r.range(100, 600);
            }
        },
        MaintenanceGroup::Scooter => {
            cfg.push(item("Snelheid", *r.pick(&["12 km/u", "15 km/u"])));
            cfg.push(item("Verlichting", "LED"));
            cfg.push(item("Spiegels", "2"));
            cfg.push(item("Mand", "voor"));
            cfg.push(item("Stokhouder", yes_no(r, 40)));
            cfg.push(item("Regenhoes", yes_no(r, 55)));
            if r.chance(20) {
                cfg.push(item("Windscherm", "ja"));
            }
            ms.push(mm("seat_height", tens(r, 480, 600)));
            accessories = r.range(100, 900);
        }
        MaintenanceGroup::Bike => {
            cfg.push(item(
                "Trapondersteuning",
                if electric { "ja" } else { "nee" },
            ));
            cfg.push(item(
                "Versnellingen",
                *r.pick(&["3 (naaf)", "7 (naaf)", "8 (naaf)"]),
            ));
            cfg.push(item("Terugtraprem", yes_no(r, 50)));
            cfg.push(item("Rugleuning", "ja"));
            cfg.push(item("Pedaalfixatie", yes_no(r, 30)));
            match c {
                Category::C11 => cfg.push(item("Rolstoelplateau", "met oprijplaat")),
                Category::C10 => cfg.push(item("Dubbele trapas", "ja")),
                _ => {}
            }
            ms.push(mm("seat_height", tens(r, 600, 850)));
            accessories = r.range(200, 1_500);
        }
        MaintenanceGroup::ShowerToilet => {
            cfg.push(item(
                "Zitting",
                *r.pick(&[
                    "open voorzijde",
                    "open achterzijde",
                    "gesloten met toiletopening",
                ]),
            ));
            cfg.push(item("Po en pohouder", "ja"));
            cfg.push(item("Zwenkwielen", "125 mm, 4 met rem"));
            match c {
                Category::C14 => {
                    cfg.push(item(
                        "Kanteling",
                        if electric {
                            "elektrisch, 0-30°"
                        } else {
                            "handmatig met gasveer, 0-30°"
                        },
                    ));
                    cfg.push(item("Hoofdsteun", "ja"));
                }
                Category::C13 => cfg.push(item("Hoepels", "24 inch")),
                _ => {}
            }
            ms.push(mm(
                "seat_width",
                if child {
                    tens(r, 300, 380)
                } else {
                    tens(r, 440, 520)
                },
            ));
            ms.push(mm("seat_height", tens(r, 480, 580)));
            accessories = r.range(0, 400);
        }
        MaintenanceGroup::Hoist => {
            if c == Category::C15 {
                cfg.push(item("Kniesteun", "verstelbaar"));
                cfg.push(item("Voetplaat", "antislip"));
            } else {
                cfg.push(item("Juk", *r.pick(&["2-punts", "4-punts"])));
                cfg.push(item("Weegschaal", yes_no(r, 15)));
            }
            cfg.push(item(
                "Onderstel",
                *r.pick(&["elektrisch spreidbaar", "handmatig spreidbaar"]),
            ));
            cfg.push(item("Noodstop en noodneerlaat", "ja"));
            ms.push(mm("lifting_height_max", tens(r, 1_600, 2_000)));
            accessories = r.range(0, 600);
        }
        MaintenanceGroup::TransferAid => {
            cfg.push(item("Voetplaat", "antislip"));
            cfg.push(item("Handgreep", "ja"));
            cfg.push(item("Zwenkwielen", "4, waarvan 2 met rem"));
            accessories = r.range(0, 100);
        }
        MaintenanceGroup::Seat => {
            cfg.push(item("Maat", *r.pick(&["1", "2", "3"])));
            cfg.push(item("Isofix", yes_no(r, 60)));
            cfg.push(item("Vijfpuntsgordel", "ja"));
            cfg.push(item("Zijsteunen hoofd", "ja"));
            cfg.push(item("Abductieklos", yes_no(r, 40)));
            ms.push(mm("seat_width", tens(r, 250, 320)));
            accessories = r.range(100, 600);
        }
    }
    (cfg, ms, (accessories / 5 * 5) as u32)
}

pub(super) fn battery(r: &mut Rand, c: Category) -> Battery {
    let (chemistry, nominal_voltage, rated_ah) = match c {
        Category::C7 => {
            if r.chance(75) {
                (
                    *r.pick(&[BatteryChemistry::LeadGel, BatteryChemistry::LeadAgm]),
                    24,
                    *r.pick(&[60u16, 73, 80]),
                )
            } else {
                (BatteryChemistry::Lithium, 24, 60)
            }
        }
        Category::C8a => (BatteryChemistry::LeadAgm, 24, *r.pick(&[36u16, 40, 50])),
        Category::C8b => (
            *r.pick(&[BatteryChemistry::LeadAgm, BatteryChemistry::LeadGel]),
            24,
            *r.pick(&[75u16, 80]),
        ),
        Category::C5a => (BatteryChemistry::Lithium, 24, *r.pick(&[10u16, 12])),
        Category::C5b | Category::C6 => (BatteryChemistry::Lithium, 36, *r.pick(&[6u16, 10, 12])),
        Category::C9 | Category::C10 | Category::C11 => {
            (BatteryChemistry::Lithium, 36, *r.pick(&[11u16, 14, 17]))
        }
        _ => (
            *r.pick(&[BatteryChemistry::LeadAgm, BatteryChemistry::Lithium]),
            24,
            *r.pick(&[3u16, 5]),
        ),
    };
    Battery {
        chemistry,
        nominal_voltage,
        rated_ah,
        capacity_pct: None,
        tested_on: None,
    }
}
