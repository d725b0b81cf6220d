//! Orders and two weeks of appointments for every technician, planned as an office would:
//! repairs within their class's deadlines ([`repairs`], [`day`]), maintenance and
//! inspections within [`LEAD_DAYS`] before they fall due ([`mechanic`]), every kind of
//! guided job on the first working day ([`showcase`]); when the demo's day is not a working
//! day, that morning's urgent reports are served by the mechanic on call ([`on_call`]); what
//! is late or overdue is said in the appointment's note ([`notes`]).

mod day;
mod fitter;
mod mechanic;
mod notes;
mod on_call;
mod pools;
mod repairs;
mod showcase;
mod windows;

pub use notes::{NOTE_LATE, NOTE_OVERDUE};
pub use pools::LEAD_DAYS as MAINTENANCE_LEAD_DAYS;

use crate::data::MUNICIPALITIES;
use crate::devices::{Dev, Devices};
use crate::orders::new_order;
use crate::people::Res;
use crate::rng::{Rand, Stream};
use crate::{days_before, Ctx, DemoConfig, DemoPhase, DemoProgress, DemoSummary};
use chrono::NaiveDate;
use pools::{usable, Pools, LEAD_DAYS};
use repairs::assign_repairs;
use std::collections::BTreeMap;
use veldwerk_core::ids::OrderId;
use veldwerk_core::model::{DeviceStatus, OrderKind, OrderStatus};
use veldwerk_core::Category;
use veldwerk_store::{Store, StoreError, Writer};

struct Planner<'a> {
    ctx: &'a mut Ctx,
    r: Rand,
    residents: &'a [Res],
    devices: &'a Devices,
    pools: Pools,
    summary: &'a mut DemoSummary,
}

impl Planner<'_> {
    fn order(
        &mut self,
        w: &Writer<'_>,
        res: u32,
        kind: OrderKind,
        category: Category,
        day: NaiveDate,
        device: Option<u32>,
    ) -> Result<OrderId, StoreError> {
        let latest = day.min(self.ctx.anchor);
        let ordered_on = days_before(latest, self.r.range(2, 12) as u64);
        let mut o = new_order(
            self.ctx,
            &mut self.r,
            &self.residents[res as usize],
            kind,
            category,
            ordered_on,
            OrderStatus::Open,
        );
        o.device_id = device.map(|d| self.devices.list[d as usize].id);
        w.upsert_order(&o)?;
        self.summary.orders += 1;
        Ok(o.id)
    }

    fn dev(&self, i: u32) -> &Dev {
        &self.devices.list[i as usize]
    }
}

pub(crate) fn write_planning(
    store: &mut Store,
    ctx: &mut Ctx,
    cfg: &DemoConfig,
    residents: &[Res],
    devices: &Devices,
    summary: &mut DemoSummary,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<(), StoreError> {
    let mut r = Rand::new(ctx.seed, Stream::Planning);
    let days = cfg.planned_days();
    let horizon = days.last().map(|d| *d + chrono::Duration::days(LEAD_DAYS));
    let mut by_muni = vec![Vec::new(); MUNICIPALITIES.len()];
    let mut due_by_muni = vec![Vec::new(); MUNICIPALITIES.len()];
    for (i, x) in residents.iter().enumerate() {
        if !x.devices.is_empty() {
            by_muni[x.muni].push(i as u32);
        }
        let due = x.devices.iter().any(|d| {
            let dev = &devices.list[*d as usize];
            usable(dev) && dev.next_due.zip(horizon).is_some_and(|(due, h)| due <= h)
        });
        if due {
            due_by_muni[x.muni].push(i as u32);
        }
    }
    let mut depot: BTreeMap<Category, Vec<u32>> = BTreeMap::new();
    for (i, d) in devices.list.iter().enumerate() {
        if d.status == DeviceStatus::InDepot {
            depot.entry(d.category).or_default().push(i as u32);
        }
    }
    let repairs = assign_repairs(ctx, &mut r, residents, devices, &days);
    let techs = ctx.techs.len();
    let showcase_day = days.iter().position(|d| *d >= cfg.anchor);
    // Each technician's rank among those of the same role.
    let rank: Vec<usize> = (0..techs)
        .map(|t| {
            let role = ctx.techs[t].role;
            ctx.techs[..t].iter().filter(|x| x.role == role).count()
        })
        .collect();
    let total = (techs * days.len()) as u64;
    progress(DemoProgress {
        phase: DemoPhase::Planning,
        done: 0,
        total,
    });
    let mut planner = Planner {
        ctx,
        r,
        residents,
        devices,
        pools: Pools {
            by_muni,
            due_by_muni,
            planned: vec![false; devices.list.len()],
            depot,
            visits: vec![0; residents.len()],
        },
        summary,
    };
    // A weekend's or public holiday's urgent reports, on call that day.
    if !planner.ctx.cal.is_working_day(cfg.anchor) {
        let w = store.write()?;
        planner.on_call(&w, cfg.anchor, &repairs.on_call)?;
        w.commit()?;
    }
    // The first working day first, for every technician, so that its showcase finds
    // devices in the depot and maintenance due; then the rest of each one's fortnight.
    let mut batches: Vec<Vec<(usize, usize)>> = Vec::new();
    if let Some(k) = showcase_day {
        batches.push((0..techs).map(|t| (t, k)).collect());
    }
    for t in 0..techs {
        batches.push(
            (0..days.len())
                .filter(|k| Some(*k) != showcase_day)
                .map(|k| (t, k))
                .collect(),
        );
    }
    let mut done = 0u64;
    for batch in batches {
        let w = store.write()?;
        for &(t, k) in &batch {
            let due = repairs
                .by_day
                .get(&(t, k))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let show = (Some(k) == showcase_day).then_some(rank[t]);
            planner.day(&w, t, days[k], due, show)?;
        }
        w.commit()?;
        done += batch.len() as u64;
        progress(DemoProgress {
            phase: DemoPhase::Planning,
            done,
            total,
        });
    }
    Ok(())
}
