//! One device with everything that hangs off it: slings, an open malfunction, a past order.

use super::config::{battery, configuration, serial};
use super::history::{add_months, date_between, history_events, sub_months, Ev, History};
use super::{RunState, Slot};
use crate::catalog::{self, CategoryPlan, Model, PLANS};
use crate::data::MUNICIPALITIES;
use crate::entries::{malfunction_reported, CHANNELS, REPORTERS};
use crate::orders::new_order;
use crate::people::Res;
use crate::rng::Rand;
use crate::{days_after, days_before, local_time, Ctx, HistoryDepth};
use chrono::Datelike;
use veldwerk_core::category::ElectricKind;
use veldwerk_core::ids::{DeviceId, MalfunctionId, SlingId};
use veldwerk_core::logbook::LogbookKind;
use veldwerk_core::model::{
    Device, DeviceStatus, Malfunction, MalfunctionStatus, OrderKind, OrderStatus, Sling,
    SlingStatus,
};
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Category;

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

pub(super) struct DeviceOut {
    pub(super) device: Device,
    pub(super) slings: Vec<Sling>,
    pub(super) events: Vec<Ev>,
    pub(super) malfunction: Option<Malfunction>,
    pub(super) staged_for: Option<usize>,
    pub(super) past_order: Option<veldwerk_core::model::Order>,
}

/// Share (percent) of the devices with a resident whose maintenance or inspection falls due
/// in the weeks just after the planned fortnight.
const DUE_SOON_PCT: u32 = 30;

/// Urgent (class B and C) reports come in before this hour of the anchor day (minutes after
/// local midnight), so that a user starting the demo during the day sees them as past (one
/// starting earlier in the morning sees some of them ahead).
const URGENT_REPORTS_BEFORE: u32 = 8 * 60;

/// The minutes after local midnight (first, last) an urgent report of class C (else B)
/// comes in on the anchor day when it is a working day; the mechanics reach them from 08:00:
/// a class C report from 07:05 (on site within the hour), a class B one after 07:35 (the
/// first mechanic's showcase report, which so stays the first class B repair of the day).
fn urgent_report_minutes(class_c: bool) -> (u32, u32) {
    let last = URGENT_REPORTS_BEFORE - 2;
    if class_c {
        (7 * 60 + 5, last)
    } else {
        (7 * 60 + 36, last)
    }
}

/// When (minutes after local midnight) the `k`-th urgent report of a weekend or public
/// holiday anchor comes in: back from 07:00 (before the showcase's report of 07:35), 65-70
/// minutes apart, so that the one mechanic on call reaches every one within its on-site
/// deadline (a visit of an hour starting at most 35 minutes after its report ends before the
/// next report's deadline). From the seventh on (the larger sets), any time of the night;
/// more mechanics are called in for those.
fn on_call_report_minutes(k: u32, r: &mut Rand) -> u32 {
    const SPACING: u32 = 70;
    const SPACED: u32 = 6;
    if k < SPACED {
        7 * 60 - k * SPACING - r.range(0, 5) as u32
    } else {
        r.range(30, i64::from(URGENT_REPORTS_BEFORE - 2)) as u32
    }
}

/// Builds one device with everything that hangs off it.
pub(super) fn make_device(
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
        } else if r.chance(4) {
            // Overdue: the last maintenance was more than an interval ago.
            let last = days_before(sub_months(anchor, interval), r.range(5, 120) as u64);
            if last > days_after(start, 30) {
                let last = ctx.workday_from(last);
                (Some(last), add_months(last, interval))
            } else {
                (None, add_months(start, interval))
            }
        } else if res.is_some() && r.chance(DUE_SOON_PCT) {
            // Due in the weeks after the planned fortnight: the maintenance the planning
            // finds to do (a technician's own replica holds the devices of the area).
            let due = days_after(anchor, r.range(12, 40) as u64);
            let last = ctx.workday_from(sub_months(due, interval));
            if last > days_after(start, 30) {
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

    // An open malfunction: one staged per mechanic (class B/C, reported this morning; on a
    // weekend or public holiday only the on-call mechanic's, the others' class A) and about
    // 0.6% of all devices with a resident.
    let group = category.maintenance_group();
    let mut malfunction = None;
    let mut open_fault = None;
    let broken =
        res.filter(|_| status != DeviceStatus::OutOfUse && (staged.is_some() || r.permille(6)));
    if let Some(owner) = broken {
        let faults = catalog::faults(group);
        let wanted: u8 = if let Some(t) = staged {
            let urgent = if r.chance(45) { 2 } else { 1 };
            // On a weekend or public holiday only the mechanic on call has an urgent report
            // of their own (that morning); the others' came in the days before, class A.
            let on_call = ctx.on_call(anchor);
            if on_call.is_empty() || on_call.first() == Some(&t) {
                urgent
            } else {
                0
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
        // Class A came in during the last two days. B and C are reported 24/7: they came
        // in this morning, on the anchor day itself, before 08:00 (URGENT_REPORTS_BEFORE).
        let reported_at = match class {
            ResponseClass::A => local_time(
                days_before(anchor, r.range(1, 2) as u64),
                r.range(8 * 60, 21 * 60) as u32,
            ),
            urgent if ctx.cal.is_working_day(anchor) => {
                let (from, to) = urgent_report_minutes(urgent == ResponseClass::C);
                local_time(anchor, r.range(from.into(), to.into()) as u32)
            }
            _ => {
                let minutes = on_call_report_minutes(state.on_call_reports, r);
                state.on_call_reports += 1;
                local_time(anchor, minutes)
            }
        };
        open_fault = Some(fault);
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
    if let (Some(mf), Some(fault)) = (&malfunction, open_fault) {
        let reporter = if res.is_some_and(|x| x.signer.is_some()) && r.chance(50) {
            &REPORTERS[1]
        } else {
            r.pick(&[&REPORTERS[0], &REPORTERS[0], &REPORTERS[2]])
        };
        let channel = *r.pick(CHANNELS);
        let said =
            malfunction_reported(mf.class, fault, mf.drive_related, Some((reporter, channel)));
        events.push(Ev::new(
            mf.reported_at,
            LogbookKind::MalfunctionReported,
            "portal".to_string(),
            said,
        ));
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
