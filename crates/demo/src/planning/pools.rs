//! What planning draws from: residents to visit, devices due for maintenance or inspection,
//! devices waiting in the depot; and what a planned visit is.

use super::Planner;
use crate::catalog;
use crate::devices::Dev;
use crate::rng::Rand;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use veldwerk_core::ids::{MalfunctionId, OrderId};
use veldwerk_core::model::{DeviceStatus, JobKind};
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Category;

/// Maintenance and inspections are planned at most this many days before they fall due.
pub const LEAD_DAYS: i64 = 42;

pub(super) struct JobSpec {
    pub(super) kind: JobKind,
    pub(super) device: Option<u32>,
    pub(super) order: Option<OrderId>,
    pub(super) malfunction: Option<MalfunctionId>,
}

impl JobSpec {
    pub(super) fn on(kind: JobKind, device: u32) -> JobSpec {
        JobSpec {
            kind,
            device: Some(device),
            order: None,
            malfunction: None,
        }
    }
}

/// A repair that must be reached within hours: a class B or C report of the visit's day.
#[derive(Clone, Copy)]
pub(super) struct Urgent {
    pub(super) class: ResponseClass,
    pub(super) reported_at: DateTime<Utc>,
    /// Not before this: the report and the way there.
    pub(super) earliest: DateTime<Utc>,
    /// On site before this (the class's deadline, exclusive).
    pub(super) on_site_by: DateTime<Utc>,
}

pub(super) struct Visit {
    pub(super) res: u32,
    pub(super) jobs: Vec<JobSpec>,
    pub(super) urgent: Option<Urgent>,
    /// What the office must see, in Dutch (a repair planned late, work overdue).
    pub(super) flags: Vec<String>,
}

impl Visit {
    pub(super) fn new(res: u32, jobs: Vec<JobSpec>) -> Visit {
        Visit {
            res,
            jobs,
            urgent: None,
            flags: Vec::new(),
        }
    }
}

/// Everything planning draws from.
pub(super) struct Pools {
    /// Residents with at least one device, per municipality.
    pub(super) by_muni: Vec<Vec<u32>>,
    /// Per municipality: residents with a device whose maintenance or inspection falls due
    /// before the end of the planned days plus [`LEAD_DAYS`] (overdue ones included).
    pub(super) due_by_muni: Vec<Vec<u32>>,
    /// Devices whose maintenance, inspection or collection is planned already.
    pub(super) planned: Vec<bool>,
    /// Unused depot devices per category.
    pub(super) depot: BTreeMap<Category, Vec<u32>>,
    pub(super) visits: Vec<u16>,
}

impl Pools {
    pub(super) fn take_depot(&mut self, c: Category) -> Option<u32> {
        self.depot.get_mut(&c).and_then(Vec::pop)
    }

    pub(super) fn take_any_depot(&mut self, r: &mut Rand, complex: bool) -> Option<u32> {
        let cats: Vec<Category> = self
            .depot
            .iter()
            .filter(|(c, v)| !v.is_empty() && catalog::complex(**c) == complex)
            .map(|(c, _)| *c)
            .collect();
        if cats.is_empty() {
            return None;
        }
        let c = *r.pick(&cats);
        self.take_depot(c)
    }

    /// A resident with a device in one of `areas` matching `ok`, preferring those not
    /// visited yet.
    pub(super) fn resident(
        &self,
        r: &mut Rand,
        areas: &[usize],
        today: &[u32],
        ok: impl Fn(u32) -> bool,
    ) -> Option<u32> {
        self.sample(&self.by_muni, r, areas, today, ok)
    }

    fn sample(
        &self,
        pools: &[Vec<u32>],
        r: &mut Rand,
        areas: &[usize],
        today: &[u32],
        ok: impl Fn(u32) -> bool,
    ) -> Option<u32> {
        let mut best: Option<u32> = None;
        for _ in 0..24 {
            let muni = *r.pick(areas);
            let pool = &pools[muni];
            if pool.is_empty() {
                continue;
            }
            let cand = *r.pick(pool);
            if today.contains(&cand) || !ok(cand) {
                continue;
            }
            if self.visits[cand as usize] == 0 {
                return Some(cand);
            }
            if best.is_none_or(|b| self.visits[cand as usize] < self.visits[b as usize]) {
                best = Some(cand);
            }
        }
        best
    }
}

pub(super) fn usable(d: &Dev) -> bool {
    matches!(d.status, DeviceStatus::InUse | DeviceStatus::OnLoan)
}

impl Planner<'_> {
    /// A resident in one of `areas` (from those with a device due soon when `due`) who is
    /// not visited today and matches `ok`, preferring those not visited yet.
    pub(super) fn sample(
        &mut self,
        due: bool,
        areas: &[usize],
        today: &[u32],
        ok: impl Fn(&Self, u32) -> bool,
    ) -> Option<u32> {
        if areas.is_empty() {
            return None;
        }
        let mut best: Option<u32> = None;
        for _ in 0..24 {
            let muni = areas[self.r.below(areas.len())];
            let pool = if due {
                &self.pools.due_by_muni[muni]
            } else {
                &self.pools.by_muni[muni]
            };
            if pool.is_empty() {
                continue;
            }
            let cand = pool[self.r.below(pool.len())];
            if today.contains(&cand) || !ok(self, cand) {
                continue;
            }
            let visits = &self.pools.visits;
            if visits[cand as usize] == 0 {
                return Some(cand);
            }
            if best.is_none_or(|b| visits[cand as usize] < visits[b as usize]) {
                best = Some(cand);
            }
        }
        if best.is_some() {
            return best;
        }
        // Few left: look through the whole area, from a seeded offset.
        for &muni in areas {
            let pool = if due {
                &self.pools.due_by_muni[muni]
            } else {
                &self.pools.by_muni[muni]
            };
            let start = self.r.below(pool.len().max(1));
            for i in 0..pool.len() {
                let cand = pool[(start + i) % pool.len()];
                if !today.contains(&cand) && ok(self, cand) {
                    return Some(cand);
                }
            }
        }
        None
    }
}
