//! Open malfunctions assigned to a mechanic and a day within their class's deadline: class B
//! and C on the day of the report, class A within its two working days. A few are planned
//! late on purpose, so the office sees how a late one is flagged. Class B and C reports of a
//! weekend or public holiday are left to the mechanic on call that day ([`super::on_call`]).

use crate::devices::Devices;
use crate::people::Res;
use crate::rng::Rand;
use crate::Ctx;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use veldwerk_core::model::TechnicianRole;
use veldwerk_core::sla::{local_date, ResponseClass, CLASS_A_WORKING_DAYS};

/// A malfunction planned on a mechanic's day.
#[derive(Clone, Copy)]
pub(super) struct Assigned {
    /// Index into the open malfunctions.
    pub(super) mal: u32,
    /// A class B or C repair reached after its on-site deadline on purpose.
    pub(super) late: bool,
}

/// A mechanic is given at most this many class B/C repairs of one morning while another
/// mechanic of the area has fewer.
const URGENT_PER_DAY: usize = 3;

/// The repairs planned.
#[derive(Default)]
pub(super) struct Repairs {
    /// Per (mechanic, index of the day in `days`).
    pub(super) by_day: BTreeMap<(usize, usize), Vec<Assigned>>,
    /// Class B and C reports of a day that is not a working day (indices into the open
    /// malfunctions, oldest first): served on call that day.
    pub(super) on_call: Vec<u32>,
}

/// The repairs of the open malfunctions, over the mechanics and `days`.
pub(super) fn assign_repairs(
    ctx: &Ctx,
    r: &mut Rand,
    residents: &[Res],
    devices: &Devices,
    days: &[NaiveDate],
) -> Repairs {
    let mut repairs = Repairs::default();
    let mechanics: Vec<usize> = (0..ctx.techs.len())
        .filter(|t| ctx.techs[*t].role == TechnicianRole::Mechanic)
        .collect();
    let Some(first) = days.iter().position(|d| *d >= ctx.anchor) else {
        return repairs;
    };
    if mechanics.is_empty() {
        return repairs;
    }
    let out = &mut repairs.by_day;
    // The last mechanic's own report is planned late on purpose (when there are others to
    // show the rule kept): an urgent one reached after its on-site deadline; on a weekend or
    // public holiday (when the mechanic on call reaches every urgent report in time) the
    // last other mechanic's class A one, after its two working days.
    let on_call = ctx.on_call(ctx.anchor);
    let late_one = mechanics
        .iter()
        .rev()
        .copied()
        .find(|t| on_call.first() != Some(t))
        .filter(|_| mechanics.len() >= 2);
    let mut load: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut urgent: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    // The first two mechanics show every kind of job on the first day (see the showcase).
    let showcase = if mechanics.len() == 1 { [5, 0] } else { [3, 2] };
    for (rank, t) in mechanics.iter().take(2).enumerate() {
        load.insert((*t, first), showcase[rank]);
    }
    let mut order: Vec<usize> = (0..devices.mals.len()).collect();
    order.sort_by_key(|i| (devices.mals[*i].reported_at, *i));
    for i in order {
        let m = &devices.mals[i];
        let report_day = local_date(m.reported_at);
        if m.class != ResponseClass::A && !ctx.cal.is_working_day(report_day) {
            repairs.on_call.push(i as u32);
            continue;
        }
        let later = |k: &usize| days[*k] >= report_day;
        let (allowed, late): (Vec<usize>, bool) = match m.class {
            ResponseClass::A => {
                let last_day = ctx.cal.add_working_days(report_day, CLASS_A_WORKING_DAYS);
                let in_time: Vec<usize> = (first..days.len())
                    .filter(|k| later(k) && days[*k] <= last_day)
                    .collect();
                let after = (first..days.len()).find(|k| days[*k] > last_day);
                let on_purpose = m.mechanic.is_some() && m.mechanic == late_one;
                match after {
                    Some(k) if in_time.is_empty() || on_purpose || r.chance(12) => (vec![k], false),
                    _ => (in_time, false),
                }
            }
            ResponseClass::B | ResponseClass::C => {
                let k = (first..days.len()).find(later);
                (
                    k.into_iter().collect(),
                    m.mechanic.is_some() && m.mechanic == late_one,
                )
            }
        };
        let area = residents[m.res as usize].muni;
        let local: Vec<usize> = match m.mechanic {
            Some(t) => vec![t],
            None => mechanics
                .iter()
                .copied()
                .filter(|t| ctx.techs[*t].areas.contains(&area))
                .collect(),
        };
        let is_urgent = m.class != ResponseClass::A;
        let full = |t: usize, k: usize| {
            is_urgent
                && m.mechanic.is_none()
                && urgent.get(&(t, k)).copied().unwrap_or(0) >= URGENT_PER_DAY
        };
        // The least busy mechanic of the area with room for it, else of any area, else
        // the least busy of all; a later allowed day counts as busier.
        let mut best: Option<(usize, usize, usize)> = None;
        for (pool, capped) in [(&local, true), (&mechanics, true), (&mechanics, false)] {
            for &t in pool {
                for (n, &k) in allowed.iter().enumerate() {
                    if capped && full(t, k) {
                        continue;
                    }
                    let busy = load.get(&(t, k)).copied().unwrap_or(0) + n * 2;
                    if best.is_none_or(|(b, _, _)| busy < b) {
                        best = Some((busy, t, k));
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        let Some((_, t, k)) = best else {
            continue;
        };
        *load.entry((t, k)).or_default() += 1;
        if is_urgent {
            *urgent.entry((t, k)).or_default() += 1;
        }
        out.entry((t, k)).or_default().push(Assigned {
            mal: i as u32,
            late,
        });
    }
    repairs
}
