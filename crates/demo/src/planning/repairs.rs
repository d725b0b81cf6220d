//! Open malfunctions assigned to mechanics and days.

use crate::devices::Devices;
use crate::people::Res;
use crate::{local_date, Ctx};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use veldwerk_core::model::TechnicianRole;

/// Assigns every open malfunction to a mechanic and a planned day: class B/C the day they
/// were reported (or the next working day), class A within its 2 working days.
pub(super) fn assign_repairs(
    ctx: &Ctx,
    residents: &[Res],
    devices: &Devices,
    days: &[NaiveDate],
) -> BTreeMap<(usize, usize), Vec<u32>> {
    let mut out: BTreeMap<(usize, usize), Vec<u32>> = BTreeMap::new();
    let mechanics: Vec<usize> = (0..ctx.techs.len())
        .filter(|t| ctx.techs[*t].role == TechnicianRole::Mechanic)
        .collect();
    if mechanics.is_empty() {
        return out;
    }
    let mut load: BTreeMap<(usize, NaiveDate), usize> = BTreeMap::new();
    for (i, m) in devices.mals.iter().enumerate() {
        let muni = residents[m.res as usize].muni;
        let reported = local_date(m.reported_at).max(ctx.anchor);
        let first = ctx.workday_from(reported);
        let second = ctx.workday_from(first.succ_opt().unwrap_or(first));
        // The least busy mechanic of the area; class A may wait a working day.
        let candidates: Vec<usize> = match m.mechanic {
            Some(t) => vec![t],
            None => {
                let local: Vec<usize> = mechanics
                    .iter()
                    .copied()
                    .filter(|t| ctx.techs[*t].areas.contains(&muni))
                    .collect();
                if local.is_empty() {
                    mechanics.clone()
                } else {
                    local
                }
            }
        };
        let class_a = m.class == veldwerk_core::sla::ResponseClass::A;
        let mut best: Option<(usize, usize, NaiveDate)> = None;
        for &t in &candidates {
            for (k, day) in [first, second].into_iter().enumerate() {
                if k == 1 && !class_a {
                    break;
                }
                let busy = load.get(&(t, day)).copied().unwrap_or(0) + k * 2;
                if best.is_none_or(|(b, _, _)| busy < b) {
                    best = Some((busy, t, day));
                }
            }
        }
        let Some((_, t, day)) = best else { continue };
        *load.entry((t, day)).or_default() += 1;
        if let Some(k) = days.iter().position(|d| *d == day) {
            out.entry((t, k)).or_default().push(i as u32);
        }
    }
    out
}
