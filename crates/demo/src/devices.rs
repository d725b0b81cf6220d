//! Devices with their slings, logbook history, open malfunctions and past orders.

use crate::catalog::{self, CategoryPlan, Model, PLANS};
use crate::data::MUNICIPALITIES;
use crate::orders::new_order;
use crate::people::Res;
use crate::rng::{Rand, Stream};
use crate::{
    days_after, days_before, local_time, Ctx, DemoConfig, DemoPhase, DemoProgress, DemoSummary,
    HistoryDepth, DEVICE_BATCH,
};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use serde_json::{json, Value};
use veldwerk_core::category::{ElectricKind, MaintenanceGroup};
use veldwerk_core::ids::{DeviceId, LogbookEntryId, MalfunctionId, SlingId};
use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};
use veldwerk_core::model::{
    Battery, BatteryChemistry, ConfigItem, Device, DeviceMeasurement, DeviceStatus, Malfunction,
    MalfunctionStatus, OrderKind, OrderStatus, Sling, SlingStatus, TechnicianRole,
};
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Category;
use veldwerk_store::{Store, StoreError};

/// A device as the planning phase needs it.
pub(crate) struct Dev {
    pub id: DeviceId,
    pub category: Category,
    pub status: DeviceStatus,
    pub next_due: Option<NaiveDate>,
    /// Slings in use (hoists).
    pub slings_in_use: u8,
    pub electric: bool,
}

/// An open malfunction as the planning phase needs it.
pub(crate) struct Mal {
    pub id: MalfunctionId,
    pub device: u32,
    pub res: u32,
    pub class: ResponseClass,
    pub reported_at: DateTime<Utc>,
    /// The mechanic it was staged for (one class B/C report per mechanic's area).
    pub mechanic: Option<usize>,
}

pub(crate) struct Devices {
    pub list: Vec<Dev>,
    pub mals: Vec<Mal>,
}

struct Slot {
    res: Option<u32>,
    category: Option<Category>,
}

/// One logbook event before it is chained.
struct Ev {
    at: DateTime<Utc>,
    kind: LogbookKind,
    author: String,
    summary: String,
    details: Value,
}

fn plan_slots(r: &mut Rand, residents: &[Res], total: usize) -> Vec<Slot> {
    let depot = if total >= 50 { total * 6 / 100 } else { 0 };
    let assigned = total - depot;
    let children: Vec<u32> = (0..residents.len() as u32)
        .filter(|i| residents[*i as usize].child)
        .collect();
    let adults: Vec<u32> = (0..residents.len() as u32)
        .filter(|i| !residents[*i as usize].child)
        .collect();
    let mut slots = Vec::with_capacity(total);
    // Every category code occurs at least once.
    if assigned >= Category::ALL.len() {
        for c in Category::ALL {
            let pool = if matches!(c, Category::C4 | Category::C18) && !children.is_empty() {
                &children
            } else if !adults.is_empty() {
                &adults
            } else {
                &children
            };
            slots.push(Slot {
                res: Some(*r.pick(pool)),
                category: Some(c),
            });
        }
    }
    let mut next = 0u32;
    while slots.len() < assigned {
        let res = if (next as usize) < residents.len() {
            next += 1;
            next - 1
        } else {
            r.below(residents.len()) as u32
        };
        slots.push(Slot {
            res: Some(res),
            category: None,
        });
    }
    while slots.len() < total {
        slots.push(Slot {
            res: None,
            category: None,
        });
    }
    slots
}

fn choose_category(r: &mut Rand, child: bool, owned: &[Category]) -> Category {
    let weights: Vec<u32> = PLANS
        .iter()
        .map(|p| {
            if child {
                p.child_weight
            } else {
                p.adult_weight
            }
        })
        .collect();
    let mut c = PLANS[r.weighted(&weights)].category;
    for _ in 0..4 {
        if !owned.contains(&c) {
            break;
        }
        c = PLANS[r.weighted(&weights)].category;
    }
    c
}

fn serial(r: &mut Rand, brand: &str, year: i32) -> String {
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
        "Liko" => r.digits(8),
        "Handicare" => format!("HC{yy:02}{}", r.digits(6)),
        "Ottobock" => format!("OB{}{}", r.digits(4), r.upper(1)),
        _ => format!("{}{yy:02}{}", r.upper(2), r.digits(6)),
    }
}

fn item(label: &str, value: impl Into<String>) -> ConfigItem {
    ConfigItem {
        label: label.to_string(),
        value: value.into(),
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
fn configuration(
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
                cfg.push(item("Snelheid", *r.pick(&["6 km/h", "10 km/h", "12 km/h"])));
                ms.push(mm("seat_width", w));
                ms.push(mm("seat_depth", tens(r, 400, 520)));
                ms.push(mm("seat_height", tens(r, 450, 520)));
                accessories = r.range(1_000, 6_000);
            }
            Category::C5a => {
                cfg.push(item("Duwhandvat", "met snelheidsregeling"));
                cfg.push(item("Snelheid", "6 km/h"));
                cfg.push(item("Rolstoel", "gekoppeld aan eigen handbewogen rolstoel"));
                accessories = r.range(0, 300);
            }
            Category::C5b => {
                cfg.push(item("Wielgrootte", *r.pick(&["22 inch", "24 inch"])));
                cfg.push(item("Afstandsbediening", yes_no(r, 70)));
                cfg.push(item("Snelheid", "6 km/h"));
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
            cfg.push(item("Snelheid", *r.pick(&["12 km/h", "15 km/h"])));
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

fn battery(r: &mut Rand, c: Category) -> Battery {
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

fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

fn sub_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n)).unwrap_or(d)
}

fn date_between(r: &mut Rand, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    if hi <= lo {
        return lo;
    }
    let span = (hi - lo).num_days();
    days_after(lo, r.range(0, span) as u64)
}

fn parts_json(
    r: &mut Rand,
    group: MaintenanceGroup,
    max: usize,
) -> (Vec<Value>, Vec<&'static str>) {
    let list = catalog::parts(group);
    let n = r.range(1, max as i64) as usize;
    let mut parts = Vec::new();
    let mut names = Vec::new();
    for _ in 0..n {
        let (number, description) = *r.pick(list);
        if names.contains(&description) {
            continue;
        }
        let qty = if (description.contains("wiel") || description.contains("band")) && r.chance(30)
        {
            2
        } else {
            1
        };
        parts.push(json!({"number": number, "description": description, "qty": qty, "new": true}));
        names.push(description);
    }
    (parts, names)
}

/// Counters that run across devices.
struct RunState {
    sling_seq: u32,
    low_battery_pending: bool,
}

struct DeviceOut {
    device: Device,
    slings: Vec<Sling>,
    events: Vec<Ev>,
    malfunction: Option<Malfunction>,
    staged_for: Option<usize>,
    past_order: Option<veldwerk_core::model::Order>,
}

/// Builds one device with everything that hangs off it.
fn make_device(
    ctx: &mut Ctx,
    r: &mut Rand,
    index: usize,
    slot: &Slot,
    res: Option<&Res>,
    staged: Option<usize>,
    state: &mut RunState,
) -> DeviceOut {
    let anchor = ctx.anchor;
    let child = res.is_some_and(|x| x.child);
    let category = slot.category.unwrap_or_else(|| {
        choose_category(
            r,
            child,
            res.map(|x| x.categories.as_slice()).unwrap_or(&[]),
        )
    });
    let plan: &CategoryPlan = catalog::plan(category);
    let model: &Model = r.pick(plan.models);
    let electric = match category.electric() {
        ElectricKind::Always => true,
        ElectricKind::Never => false,
        _ => r.chance(plan.electric_pct),
    };
    let muni = match res {
        Some(x) => x.muni,
        None => r.weighted(&MUNICIPALITIES.iter().map(|m| m.weight).collect::<Vec<_>>()),
    };
    let yearly = electric || category.is_hoist();
    let interval: u32 = if yearly { 12 } else { 18 };
    let reconditioned = r.chance(30);

    // Life dates.
    let (first_issued, first_delivered) = if reconditioned {
        let issued = days_before(anchor, r.range(2 * 365, 10 * 365) as u64);
        let delivered = res.map(|_| {
            let lo = days_after(issued, 400);
            let hi = days_before(anchor, 30);
            ctx.workday_from(date_between(r, lo, hi))
        });
        (issued, delivered)
    } else {
        let issued = days_before(anchor, r.range(45, 9 * 365) as u64);
        let delivered = res.map(|_| ctx.workday_from(days_after(issued, r.range(3, 25) as u64)));
        (issued, delivered)
    };
    let first_delivered = first_delivered.map(|d| d.min(ctx.history_end));
    let last_delivered = first_delivered.map(|d| {
        if r.chance(8) {
            let lo = days_after(d, 60);
            if lo < ctx.history_end {
                return ctx
                    .workday_from(date_between(r, lo, ctx.history_end))
                    .min(ctx.history_end);
            }
        }
        d
    });
    let start = first_delivered.unwrap_or(first_issued);

    // Maintenance: the last one and when the next is due (some overdue).
    let interval_days = i64::from(interval) * 365 / 12;
    let (last_pm, next_due) = {
        let lo_normal = days_after(start, 30).max(days_before(anchor, interval_days as u64));
        if add_months(start, interval) > anchor {
            (None, add_months(start, interval))
        } else if r.chance(7) {
            // Overdue: the last maintenance was more than an interval ago.
            let last = days_before(sub_months(anchor, interval), r.range(5, 120) as u64);
            if last > days_after(start, 30) {
                let last = ctx.workday_from(last);
                (Some(last), add_months(last, interval))
            } else {
                (None, add_months(start, interval))
            }
        } else if lo_normal <= ctx.history_end {
            let last = ctx
                .workday_from(date_between(r, lo_normal, ctx.history_end))
                .min(ctx.history_end);
            (Some(last), add_months(last, interval))
        } else {
            (None, add_months(start, interval))
        }
    };
    let prev_malfunction = (res.is_some() && r.chance(25)).then(|| {
        let lo = days_after(start, 20);
        date_between(r, lo.min(days_before(anchor, 6)), days_before(anchor, 6))
    });
    let misuse = (res.is_some() && r.chance(2)).then(|| {
        date_between(
            r,
            days_after(start, 10).min(ctx.history_end),
            ctx.history_end,
        )
    });

    let mut status = match res {
        None => DeviceStatus::InDepot,
        // A device staged for this morning's urgent report stays in use until then.
        Some(_) if staged.is_none() && r.permille(15) => DeviceStatus::OutOfUse,
        Some(_) if staged.is_none() && r.permille(10) => DeviceStatus::OnLoan,
        Some(_) => DeviceStatus::InUse,
    };

    let (configuration, measurements, accessories_eur) =
        configuration(r, category, electric, child);
    let price = r.range(i64::from(model.price_eur.0), i64::from(model.price_eur.1)) / 5 * 5;

    let mut battery = (electric).then(|| battery(r, category));
    let tested = last_pm.or(if reconditioned { first_delivered } else { None });
    if let (Some(b), Some(tested)) = (battery.as_mut(), tested) {
        if reconditioned || r.chance(60) {
            let pct = if reconditioned {
                // The first tested reconditioned battery is below the minimum, so the
                // passport warning always shows somewhere.
                if std::mem::take(&mut state.low_battery_pending) || r.chance(8) {
                    r.range(70, 79)
                } else {
                    r.range(80, 100)
                }
            } else {
                r.range(70, 100)
            };
            b.capacity_pct = Some(pct as u8);
            b.tested_on = Some(tested);
        }
    }
    let insurance_plate = (matches!(category, Category::C7 | Category::C8a | Category::C8b))
        .then(|| format!("WAM-{}{}", r.upper(2), r.digits(4)));
    let wlz_use = matches!(
        category,
        Category::C1
            | Category::C2
            | Category::C7
            | Category::C12
            | Category::C13
            | Category::C14
            | Category::C16
    ) && res.is_some()
        && r.chance(4);
    let max_user_weight_kg = model
        .max_user_kg
        .map(|(lo, hi)| r.range(i64::from(lo), i64::from(hi)) as u16);

    let m = &MUNICIPALITIES[muni];
    let registration_number = format!("WMO-{}-{:06}", m.cbs, (index + 1) * 7 + r.below(7));
    let serial_number = serial(r, model.brand, first_issued.year());
    let id = DeviceId(ctx.ids.at(local_time(first_issued, 9 * 60)));

    // Slings of hoists.
    let mut slings = Vec::new();
    if category.is_hoist() {
        let stand_up = category == Category::C15;
        let n = if stand_up {
            r.range(1, 2)
        } else {
            r.range(1, 3)
        };
        let models = catalog::sling_models(model.brand, stand_up);
        for _ in 0..n {
            state.sling_seq += 1;
            let (manufacturer, sling_model) = *r.pick(models);
            // A withdrawn sling was rejected at the last inspection, so it was in use before.
            let withdrawn = last_pm.is_some() && r.chance(4);
            let in_use = match last_pm.filter(|_| withdrawn) {
                Some(last) => date_between(r, start, days_before(last, 1)),
                None => date_between(r, start, ctx.history_end),
            };
            let made = days_before(in_use, r.range(20, 300) as u64);
            slings.push(Sling {
                id: SlingId(ctx.ids.at(local_time(in_use, 10 * 60))),
                hoist_id: id,
                sling_number: format!("TB-{:06}", state.sling_seq * 3 + r.below(3) as u32),
                manufacturer: manufacturer.to_string(),
                model: sling_model.to_string(),
                size: r.pick(&["S", "M", "M", "L", "L", "XL"]).to_string(),
                swl_kg: *r.pick(&[200u16, 227, 250, 272]),
                manufactured_on: Some(made),
                in_use_since: Some(in_use),
                status: if withdrawn {
                    SlingStatus::Withdrawn
                } else {
                    SlingStatus::InUse
                },
                next_inspection_due: (!withdrawn).then_some(next_due),
            });
        }
    }

    // An open malfunction: one staged per mechanic (class B/C, reported this morning) and
    // about 0.6% of all devices with a resident.
    let group = category.maintenance_group();
    let mut malfunction = None;
    let broken =
        res.filter(|_| status != DeviceStatus::OutOfUse && (staged.is_some() || r.permille(6)));
    if let Some(owner) = broken {
        let faults = catalog::faults(group);
        let wanted: u8 = if staged.is_some() {
            if r.chance(45) {
                2
            } else {
                1
            }
        } else {
            match r.weighted(&[60, 28, 12]) {
                0 => 0,
                1 => 1,
                _ => 2,
            }
        };
        // The fault's text fits its class (a stranded resident is never class A); groups
        // without class C faults get a class B one.
        let class_code = (0..=wanted)
            .rev()
            .find(|c| faults.iter().any(|f| f.max_class == *c))
            .unwrap_or(0);
        let fitting: Vec<_> = faults
            .iter()
            .filter(|f| f.max_class == class_code)
            .collect();
        let fault = if fitting.is_empty() {
            r.pick(faults)
        } else {
            *r.pick(&fitting)
        };
        let class = match class_code {
            0 => ResponseClass::A,
            1 => ResponseClass::B,
            _ => ResponseClass::C,
        };
        let reported_at = if class == ResponseClass::A {
            local_time(
                days_before(anchor, r.range(1, 2) as u64),
                r.range(8 * 60, 21 * 60) as u32,
            )
        } else {
            local_time(anchor, r.range(7 * 60, 10 * 60 + 30) as u32)
        };
        malfunction = Some(Malfunction {
            id: MalfunctionId(ctx.ids.at(reported_at)),
            device_id: id,
            resident_id: owner.id,
            reported_at,
            class,
            description: fault.text.to_string(),
            drive_related: fault.drive_related && electric,
            status: MalfunctionStatus::Open,
            arrived_at: None,
            resolved_at: None,
        });
        status = DeviceStatus::AwaitingRepair;
    }

    let device = Device {
        id,
        registration_number,
        category,
        brand: model.brand.to_string(),
        model: model.model.to_string(),
        serial_number,
        build_year: first_issued.year() as u16,
        first_issued_on: Some(first_issued),
        first_delivered_on: first_delivered,
        last_delivered_on: last_delivered,
        catalogue_value_cents: (price as u32) * 100,
        accessories_value_cents: accessories_eur * 100,
        configuration,
        measurements,
        reconditioned,
        electric,
        battery,
        insurance_plate,
        wlz_use,
        max_user_weight_kg,
        swl_kg: model.swl_kg,
        status,
        resident_id: res.map(|x| x.id),
        last_preventive_maintenance_on: last_pm,
        last_malfunction_on: malfunction
            .as_ref()
            .map(|m| crate::local_date(m.reported_at))
            .or(prev_malfunction),
        last_misuse_maintenance_on: misuse,
        next_maintenance_due: Some(next_due),
        next_inspection_due: category.is_hoist().then_some(next_due),
    };

    let history = History {
        first_issued,
        first_delivered,
        last_delivered,
        last_pm,
        interval,
        prev_malfunction,
        misuse,
    };
    let mut events = history_events(ctx, r, &device, &slings, res, muni, &history);
    if let Some(mf) = &malfunction {
        let reporter = if res.is_some_and(|x| x.signer.is_some()) && r.chance(50) {
            "mantelzorger"
        } else {
            *r.pick(&["bewoner", "bewoner", "wijkverpleging"])
        };
        events.push(Ev {
            at: mf.reported_at,
            kind: LogbookKind::MalfunctionReported,
            author: "portal".to_string(),
            summary: format!(
                "Storing gemeld (klasse {}): {}",
                class_letter(mf.class),
                mf.description
            ),
            details: json!({
                "class": class_letter(mf.class),
                "drive_related": mf.drive_related,
                "reported_by": reporter,
                "channel": *r.pick(&["telefoon", "telefoon", "portaal"]),
            }),
        });
    }

    let past_order = match (first_delivered, res) {
        (Some(delivered), Some(x)) => {
            let pct = if ctx.history == HistoryDepth::Full {
                40
            } else {
                8
            };
            r.chance(pct).then(|| {
                let ordered_on = days_before(delivered, r.range(10, 45) as u64);
                let mut o = new_order(
                    ctx,
                    r,
                    x,
                    OrderKind::Provision,
                    category,
                    ordered_on,
                    OrderStatus::Completed,
                );
                o.device_id = Some(id);
                o
            })
        }
        _ => None,
    };

    DeviceOut {
        device,
        slings,
        events,
        malfunction,
        staged_for: staged,
        past_order,
    }
}

pub(crate) fn class_letter(c: ResponseClass) -> &'static str {
    match c {
        ResponseClass::A => "A",
        ResponseClass::B => "B",
        ResponseClass::C => "C",
    }
}

struct History {
    first_issued: NaiveDate,
    first_delivered: Option<NaiveDate>,
    last_delivered: Option<NaiveDate>,
    last_pm: Option<NaiveDate>,
    interval: u32,
    prev_malfunction: Option<NaiveDate>,
    misuse: Option<NaiveDate>,
}

const ADJUSTMENTS: &[&str] = &[
    "armleuningen in hoogte aangepast",
    "zitkussen vervangen door antidecubituskussen",
    "hoofdsteun gemonteerd",
    "voetsteunen ingekort",
    "rugleuning hoek aangepast",
    "extra handgreep gemonteerd",
    "snelheid begrensd op verzoek van mantelzorger",
    "joystick verplaatst naar de andere zijde",
];

const SIGNALS: &[&str] = &[
    "hulpmiddel wordt nauwelijks gebruikt",
    "scootmobiel staat buiten zonder regenhoes",
    "accu wordt in de slaapkamer geladen; brandveiligheid besproken",
    "bewoner kan de rem niet meer goed bedienen",
    "drempels in huis leveren valgevaar op",
    "hulpmiddel past niet meer goed bij de beperking",
];

fn usage_summary(r: &mut Rand) -> (&'static str, bool) {
    if r.chance(85) {
        (
            "Toetsing gebruiksfunctionaliteit: bewoner gebruikt het hulpmiddel veilig en adequaat",
            true,
        )
    } else {
        (
            "Toetsing gebruiksfunctionaliteit: aanvullende instructie gegeven over bediening",
            false,
        )
    }
}

/// The device's history before today, oldest first.
#[allow(clippy::too_many_arguments)]
fn history_events(
    ctx: &Ctx,
    r: &mut Rand,
    d: &Device,
    slings: &[Sling],
    res: Option<&Res>,
    muni: usize,
    h: &History,
) -> Vec<Ev> {
    let full = ctx.history == HistoryDepth::Full;
    let end = ctx.history_end;
    let group = d.category.maintenance_group();
    let mut ev: Vec<Ev> = Vec::new();
    let tech = |r: &mut Rand, role| ctx.techs[ctx.tech_for(r, muni, role)].name.clone();
    let at = |r: &mut Rand, day: NaiveDate| local_time(day, r.range(8 * 60, 16 * 60) as u32);
    let sign_off = |r: &mut Rand| match res {
        Some(x) if x.signer.is_some() && (x.child || r.chance(35)) => {
            json!({"by": "caregiver", "name": x.signer})
        }
        Some(x) => json!({"by": "resident", "name": x.signature}),
        None => Value::Null,
    };

    ev.push(Ev {
        at: local_time(h.first_issued, 9 * 60),
        kind: LogbookKind::Registered,
        author: "portal".to_string(),
        summary: format!(
            "Geregistreerd: {} {}, categorie {}",
            d.brand,
            d.model,
            d.category.code()
        ),
        details: json!({
            "registration_number": d.registration_number,
            "serial_number": d.serial_number,
            "catalogue_value_cents": d.catalogue_value_cents,
            "accessories_value_cents": d.accessories_value_cents,
        }),
    });

    if full && d.reconditioned {
        let revision_day = match h.first_delivered {
            Some(fd) => days_before(fd, r.range(5, 15) as u64),
            None => date_between(r, days_after(h.first_issued, 400), end),
        }
        .max(days_after(h.first_issued, 2));
        let collected =
            days_before(revision_day, r.range(10, 60) as u64).max(days_after(h.first_issued, 1));
        let mech = tech(r, TechnicianRole::Mechanic);
        ev.push(Ev {
            at: at(r, collected),
            kind: LogbookKind::Collection,
            author: mech.clone(),
            summary: "Ingenomen bij vorige gebruiker en naar depot gebracht".to_string(),
            details: json!({"reason": "order_ended"}),
        });
        let pct = d.battery.as_ref().and_then(|b| b.capacity_pct);
        ev.push(Ev {
            at: at(r, revision_day),
            kind: LogbookKind::Note,
            author: mech,
            summary: match pct {
                Some(p) => format!("Gereviseerd: gereinigd, gecontroleerd, accu getest ({p}%)"),
                None => "Gereviseerd: gereinigd, gecontroleerd en functioneel getest".to_string(),
            },
            details: json!({"reconditioned": true, "battery_capacity_pct": pct}),
        });
    }

    if let Some(fd) = h.first_delivered {
        let fitter = tech(r, TechnicianRole::Fitter);
        let lesson = d.is_electric() && !d.category.is_hoist();
        ev.push(Ev {
            at: at(r, fd),
            kind: LogbookKind::Delivery,
            author: fitter,
            summary: if lesson {
                "Geleverd en uitgelegd, rijles gegeven, gebruikersovereenkomst getekend".to_string()
            } else {
                "Geleverd en uitgelegd, gebruikersovereenkomst getekend".to_string()
            },
            details: json!({
                "user_agreement": "signed",
                "instruction_given": true,
                "driving_lesson": lesson,
                "manual_handed_over": true,
                "signed_by": sign_off(r),
            }),
        });
    }

    if full {
        if let (Some(fd), Some(ld)) = (h.first_delivered, h.last_delivered) {
            if ld > fd {
                let adj = *r.pick(ADJUSTMENTS);
                ev.push(Ev {
                    at: at(r, ld),
                    kind: LogbookKind::Adjustment,
                    author: tech(r, TechnicianRole::Fitter),
                    summary: format!("Aanpassing: {adj}"),
                    details: json!({"adjustment": adj, "labour_minutes": r.range(2, 8) * 15}),
                });
            }
        }
    }

    // Maintenance and inspections, newest first then reversed by the final sort.
    if let Some(last) = h.last_pm {
        let earliest = days_after(h.first_delivered.unwrap_or(h.first_issued), 30);
        let mut dates = vec![last];
        // Whether the oldest date listed is the device's first maintenance.
        let mut from_start = !full && sub_months(last, h.interval) < earliest;
        if full {
            let mut d0 = last;
            while dates.len() < 4 {
                let prev = days_before(sub_months(d0, h.interval), r.range(0, 20) as u64);
                if prev < earliest {
                    from_start = true;
                    break;
                }
                let prev = ctx.workday_from(prev);
                dates.push(prev);
                d0 = prev;
            }
        }
        let count = dates.len();
        for (i, day) in dates.into_iter().enumerate() {
            let newest = i == 0;
            let mech = tech(r, TechnicianRole::Mechanic);
            let base = at(r, day);
            let labour = r.range(2, 6) * 10;
            let (parts, names) = if r.chance(40) {
                parts_json(r, group, 2)
            } else {
                (Vec::new(), Vec::new())
            };
            if d.category.is_hoist() {
                let remarks = r.chance(15);
                ev.push(Ev {
                    at: base,
                    kind: LogbookKind::HoistInspection,
                    author: mech.clone(),
                    summary: if remarks {
                        "Jaarlijkse keuring tillift: goedgekeurd met opmerkingen".to_string()
                    } else {
                        "Jaarlijkse keuring tillift: goedgekeurd".to_string()
                    },
                    details: json!({
                        "standard": "NEN-EN-ISO 10535",
                        "protocol": "Stigah",
                        "kind": if from_start && i + 1 == count { "first" } else { "periodic" },
                        "outcome": if remarks { "approved_with_remarks" } else { "approved" },
                        "swl_kg": d.swl_kg,
                        "load_test_kg": d.swl_kg,
                        "emergency_lowering_ok": true,
                        "labour_minutes": labour + 20,
                        "parts": parts,
                        "inspector_certificate": format!("STG-{:05}", 10_000 + r.below(9_000)),
                        "next_inspection": add_months(day, 12).format("%Y-%m-%d").to_string(),
                        "slings": if full { Value::Null } else {
                            json!(slings.iter().map(|s| s.sling_number.clone()).collect::<Vec<_>>())
                        },
                        "sign_off": sign_off(r),
                    }),
                });
                if full {
                    for (k, s) in slings.iter().enumerate() {
                        if s.in_use_since.is_some_and(|u| u > day) {
                            continue;
                        }
                        let rejected = newest && s.status == SlingStatus::Withdrawn;
                        ev.push(Ev {
                            at: base + Duration::minutes(10 + 5 * k as i64),
                            kind: LogbookKind::SlingInspection,
                            author: mech.clone(),
                            summary: if rejected {
                                format!(
                                    "Keuring tilband {}: afgekeurd (naad los), ingenomen",
                                    s.sling_number
                                )
                            } else {
                                format!("Keuring tilband {}: goedgekeurd", s.sling_number)
                            },
                            details: json!({
                                "sling_number": s.sling_number,
                                "size": s.size,
                                "swl_kg": s.swl_kg,
                                "outcome": if rejected { "withdrawn" } else { "approved" },
                            }),
                        });
                    }
                }
            } else {
                let mut details = json!({
                    "checklist": catalog::checklist(group),
                    "result": "ok",
                    "labour_minutes": labour,
                    "parts": parts,
                    "sign_off": sign_off(r),
                    "next_due": add_months(day, h.interval).format("%Y-%m-%d").to_string(),
                });
                if group == MaintenanceGroup::Scooter {
                    details["odometer_km"] =
                        json!(r.range(150, 4_000) * (1 + count as i64 - i as i64));
                }
                if let (true, Some(b)) = (newest, d.battery.as_ref()) {
                    details["battery"] = json!({
                        "capacity_pct": b.capacity_pct,
                        "open_circuit_voltage": f64::from(b.nominal_voltage) + 1.4,
                    });
                }
                ev.push(Ev {
                    at: base,
                    kind: LogbookKind::PreventiveMaintenance,
                    author: mech.clone(),
                    summary: if names.is_empty() {
                        "Preventief onderhoud uitgevoerd, geen bijzonderheden".to_string()
                    } else {
                        format!(
                            "Preventief onderhoud uitgevoerd; vervangen: {}",
                            names.join(", ").to_lowercase()
                        )
                    },
                    details,
                });
            }
            if full && r.chance(60) {
                let (summary, ok) = usage_summary(r);
                ev.push(Ev {
                    at: base + Duration::minutes(30),
                    kind: LogbookKind::UsageCheck,
                    author: mech,
                    summary: summary.to_string(),
                    details: json!({"safe_use": true, "adequate": ok, "instruction_given": !ok}),
                });
            }
        }
    }

    // Past repairs.
    let mut repairs = Vec::new();
    if let Some(day) = h.prev_malfunction {
        repairs.push(day);
    }
    if full && r.chance(30) {
        if let Some(fd) = h.first_delivered {
            let lo = days_after(fd, 20);
            let hi = h.prev_malfunction.unwrap_or(end);
            if lo < hi {
                repairs.push(date_between(r, lo, hi));
            }
        }
    }
    for day in repairs {
        let faults = catalog::faults(group);
        let fault = r.pick(faults);
        let class = ["A", "B", "C"][r.range(0, i64::from(fault.max_class.min(2))) as usize];
        let reported = local_time(day, r.range(7 * 60, 20 * 60) as u32);
        let repaired_day = days_after(
            day,
            if class == "A" {
                r.range(0, 2) as u64
            } else {
                0
            },
        )
        .min(end);
        let repaired = local_time(repaired_day, r.range(9 * 60, 17 * 60) as u32)
            .max(reported + Duration::minutes(45));
        if full {
            ev.push(Ev {
                at: reported,
                kind: LogbookKind::MalfunctionReported,
                author: "portal".to_string(),
                summary: format!("Storing gemeld (klasse {class}): {}", fault.text),
                details: json!({"class": class, "drive_related": fault.drive_related && d.is_electric()}),
            });
        }
        let (mut parts, mut names) = if r.chance(25) {
            parts_json(r, group, 1)
        } else {
            (Vec::new(), Vec::new())
        };
        if let Some((number, description)) = catalog::parts(group)
            .iter()
            .find(|(n, _)| *n == fault.part)
            .filter(|(_, d)| !names.contains(d))
        {
            parts.insert(
                0,
                json!({"number": number, "description": description, "qty": 1, "new": true}),
            );
            names.insert(0, description);
        }
        let mech = tech(r, TechnicianRole::Mechanic);
        let loan = full && r.chance(12);
        if loan {
            ev.push(Ev {
                at: reported + Duration::minutes(r.range(60, 180)),
                kind: LogbookKind::LoanPlaced,
                author: mech.clone(),
                summary: "Leenmiddel geplaatst: reparatie kon niet ter plaatse".to_string(),
                details: json!({"reason": "repair_not_on_site"}),
            });
        }
        let repaired = if loan {
            repaired + Duration::days(2)
        } else {
            repaired
        };
        ev.push(Ev {
            at: repaired,
            kind: LogbookKind::Repair,
            author: mech.clone(),
            summary: {
                let what = fault
                    .text
                    .split(',')
                    .next()
                    .unwrap_or(fault.text)
                    .to_lowercase();
                if names.is_empty() {
                    format!("Reparatie: {what}; afgesteld, geen onderdelen vervangen")
                } else {
                    format!(
                        "Reparatie: {what}; vervangen: {}",
                        names.join(", ").to_lowercase()
                    )
                }
            },
            details: json!({
                "class": class,
                "parts": parts,
                "labour_minutes": r.range(2, 8) * 15,
                "on_site": !loan,
                "sign_off": sign_off(r),
            }),
        });
        if loan {
            ev.push(Ev {
                at: repaired + Duration::minutes(20),
                kind: LogbookKind::LoanReturned,
                author: mech,
                summary: "Leenmiddel retour, eigen hulpmiddel teruggeplaatst".to_string(),
                details: json!({}),
            });
        }
    }

    if let Some(day) = h.misuse.filter(|_| full) {
        ev.push(Ev {
            at: at(r, day),
            kind: LogbookKind::DamageReport,
            author: tech(r, TechnicianRole::Mechanic),
            summary: "Schade door vermoedelijk onjuist gebruik gemeld aan de gemeente".to_string(),
            details: json!({"photos": r.range(1, 4), "likely_cause": "aanrijding met deurpost"}),
        });
    }

    if full && res.is_some() && r.chance(3) {
        if let Some(fd) = h.first_delivered {
            let s = *r.pick(SIGNALS);
            let day = date_between(r, fd, end);
            ev.push(Ev {
                at: at(r, day),
                kind: LogbookKind::Signal,
                author: tech(r, TechnicianRole::Mechanic),
                summary: format!("Signaal aan gemeente: {s}"),
                details: json!({"signal": s, "urgent": false}),
            });
        }
    }

    // Nothing before registration, nothing after the history window.
    let first = local_time(h.first_issued, 9 * 60);
    let last = local_time(days_after(end, 1), 0);
    for e in &mut ev {
        if e.at < first {
            e.at = first;
        }
        if e.at >= last {
            e.at = last - Duration::minutes(1);
        }
    }
    ev.sort_by_key(|e| e.at);
    ev
}

/// Residents whose first device gets a class B/C malfunction reported this morning: one in
/// each mechanic's area.
fn staged_residents(
    ctx: &Ctx,
    r: &mut Rand,
    residents: &[Res],
    slots: &[Slot],
) -> Vec<Option<usize>> {
    let mut has_device = vec![false; residents.len()];
    for s in slots {
        if let Some(i) = s.res {
            has_device[i as usize] = true;
        }
    }
    let mut staged = vec![None; residents.len()];
    for (t, tech) in ctx.techs.iter().enumerate() {
        if tech.role != TechnicianRole::Mechanic {
            continue;
        }
        let pool: Vec<usize> = (0..residents.len())
            .filter(|i| {
                has_device[*i]
                    && !residents[*i].child
                    && staged[*i].is_none()
                    && tech.areas.contains(&residents[*i].muni)
            })
            .collect();
        if !pool.is_empty() {
            staged[*r.pick(&pool)] = Some(t);
        }
    }
    staged
}

/// Writes every device (with slings, logbook, malfunctions and past orders) in batches.
pub(crate) fn write_devices(
    store: &mut Store,
    ctx: &mut Ctx,
    cfg: &DemoConfig,
    residents: &mut [Res],
    summary: &mut DemoSummary,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<Devices, StoreError> {
    let mut r = Rand::new(ctx.seed, Stream::Devices);
    let slots = plan_slots(&mut r, residents, cfg.devices);
    let mut staged = staged_residents(ctx, &mut r, residents, &slots);
    let total = slots.len();
    let mut out = Devices {
        list: Vec::with_capacity(total),
        mals: Vec::new(),
    };
    let mut state = RunState {
        sling_seq: 0,
        low_battery_pending: true,
    };
    let report = |done: usize, progress: &mut dyn FnMut(DemoProgress)| {
        progress(DemoProgress {
            phase: DemoPhase::Devices,
            done: done as u64,
            total: total as u64,
        })
    };
    report(0, progress);
    let mut start = 0;
    while start < total {
        let end = (start + DEVICE_BATCH).min(total);
        let w = store.write()?;
        for (i, slot) in slots.iter().enumerate().take(end).skip(start) {
            let res_idx = slot.res.map(|x| x as usize);
            let stage = res_idx.and_then(|x| staged[x].take());
            let made = make_device(
                ctx,
                &mut r,
                i,
                slot,
                res_idx.map(|x| &residents[x]),
                stage,
                &mut state,
            );
            w.upsert_device(&made.device)?;
            for s in &made.slings {
                w.upsert_sling(s)?;
            }
            let recorded_offset = |e: &Ev, r: &mut Rand| {
                if e.author == "portal" {
                    Duration::zero()
                } else {
                    Duration::minutes(r.range(0, 90))
                }
            };
            for e in made.events {
                let recorded_at = e.at + recorded_offset(&e, &mut r);
                w.append_logbook(NewLogbookEntry {
                    id: LogbookEntryId(ctx.ids.at(e.at)),
                    device_id: made.device.id,
                    kind: e.kind,
                    occurred_at: e.at,
                    recorded_at,
                    author: e.author,
                    job_id: None,
                    summary: e.summary,
                    details_json: e.details.to_string(),
                    corrects: None,
                })?;
                summary.logbook_entries += 1;
            }
            if let (Some(m), Some(ri)) = (&made.malfunction, slot.res) {
                w.upsert_malfunction(m)?;
                out.mals.push(Mal {
                    id: m.id,
                    device: i as u32,
                    res: ri,
                    class: m.class,
                    reported_at: m.reported_at,
                    mechanic: made.staged_for,
                });
                summary.malfunctions += 1;
            }
            if let Some(o) = &made.past_order {
                w.upsert_order(o)?;
                summary.orders += 1;
            }
            summary.slings += made.slings.len() as u32;
            if let Some(x) = res_idx {
                residents[x].devices.push(i as u32);
                residents[x].categories.push(made.device.category);
            }
            out.list.push(Dev {
                id: made.device.id,
                category: made.device.category,
                status: made.device.status,
                next_due: made.device.next_maintenance_due,
                slings_in_use: made
                    .slings
                    .iter()
                    .filter(|s| s.status == SlingStatus::InUse)
                    .count()
                    .min(255) as u8,
                electric: made.device.is_electric(),
            });
        }
        w.commit()?;
        summary.devices = end as u32;
        report(end, progress);
        start = end;
    }
    Ok(out)
}
