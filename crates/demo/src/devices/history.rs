//! A device's logbook history before today.

use crate::catalog;
use crate::people::Res;
use crate::rng::Rand;
use crate::{days_after, days_before, local_time, Ctx, HistoryDepth};
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use serde_json::{json, Value};
use veldwerk_core::category::MaintenanceGroup;
use veldwerk_core::logbook::LogbookKind;
use veldwerk_core::model::{Device, Sling, SlingStatus, TechnicianRole};

/// One logbook event before it is chained.
pub(super) struct Ev {
    pub(super) at: DateTime<Utc>,
    pub(super) kind: LogbookKind,
    pub(super) author: String,
    pub(super) summary: String,
    pub(super) details: Value,
}

pub(super) fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

pub(super) fn sub_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n)).unwrap_or(d)
}

pub(super) fn date_between(r: &mut Rand, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    if hi <= lo {
        return lo;
    }
    let span = (hi - lo).num_days();
    days_after(lo, r.range(0, span) as u64)
}

pub(super) fn parts_json(
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

pub(super) struct History {
    pub(super) first_issued: NaiveDate,
    pub(super) first_delivered: Option<NaiveDate>,
    pub(super) last_delivered: Option<NaiveDate>,
    pub(super) last_pm: Option<NaiveDate>,
    pub(super) interval: u32,
    pub(super) prev_malfunction: Option<NaiveDate>,
    pub(super) misuse: Option<NaiveDate>,
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
pub(super) fn history_events(
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
