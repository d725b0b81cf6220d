//! Orders and two weeks of appointments for every technician.

mod day;
mod fitter;
mod mechanic;
mod pools;
mod repairs;
mod showcase;
mod windows;

use crate::data::MUNICIPALITIES;
use crate::devices::{Dev, Devices};
use crate::orders::new_order;
use crate::people::Res;
use crate::rng::{Rand, Stream};
use crate::{days_before, Ctx, DemoConfig, DemoPhase, DemoProgress, DemoSummary};
use chrono::NaiveDate;
use pools::{usable, Pools};
use repairs::assign_repairs;
use std::collections::BTreeMap;
use veldwerk_core::ids::OrderId;
use veldwerk_core::model::{DeviceStatus, OrderKind, OrderStatus, TechnicianRole};
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

    /// The resident's usable devices, soonest maintenance first.
    fn due_devices(&self, res: u32, hoists: Option<bool>) -> Vec<u32> {
        let mut list: Vec<u32> = self.residents[res as usize]
            .devices
            .iter()
            .copied()
            .filter(|d| {
                let dev = self.dev(*d);
                usable(dev) && hoists.is_none_or(|h| dev.category.is_hoist() == h)
            })
            .collect();
        list.sort_by_key(|d| (self.dev(*d).next_due, *d));
        list
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
    let r = Rand::new(ctx.seed, Stream::Planning);
    let days = cfg.planned_days();
    let mut by_muni = vec![Vec::new(); MUNICIPALITIES.len()];
    for (i, x) in residents.iter().enumerate() {
        if !x.devices.is_empty() {
            by_muni[x.muni].push(i as u32);
        }
    }
    let mut depot: BTreeMap<Category, Vec<u32>> = BTreeMap::new();
    for (i, d) in devices.list.iter().enumerate() {
        if d.status == DeviceStatus::InDepot {
            depot.entry(d.category).or_default().push(i as u32);
        }
    }
    let repairs = assign_repairs(ctx, residents, devices, &days);
    let techs = ctx.techs.len();
    let showcase_day = days.iter().position(|d| *d >= cfg.anchor);
    let first_of = |role| ctx.techs.iter().position(|t| t.role == role);
    let first_mechanic = first_of(TechnicianRole::Mechanic);
    let first_fitter = first_of(TechnicianRole::Fitter);
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
            depot,
            visits: vec![0; residents.len()],
        },
        summary,
    };
    let mut done = 0u64;
    for t in 0..techs {
        let w = store.write()?;
        for (k, day) in days.iter().enumerate() {
            let due = repairs.get(&(t, k)).map(Vec::as_slice).unwrap_or(&[]);
            let show =
                Some(k) == showcase_day && (Some(t) == first_mechanic || Some(t) == first_fitter);
            planner.day(&w, t, *day, due, show)?;
        }
        w.commit()?;
        done += days.len() as u64;
        progress(DemoProgress {
            phase: DemoPhase::Planning,
            done,
            total,
        });
    }
    Ok(())
}
