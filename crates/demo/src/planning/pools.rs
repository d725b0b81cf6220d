//! What planning draws from: visits, jobs, residents and depot devices.

use crate::catalog;
use crate::devices::Dev;
use crate::rng::Rand;
use std::collections::BTreeMap;
use veldwerk_core::ids::{MalfunctionId, OrderId};
use veldwerk_core::model::{DeviceStatus, JobKind};
use veldwerk_core::Category;

pub(super) struct JobSpec {
    pub(super) kind: JobKind,
    pub(super) device: Option<u32>,
    pub(super) order: Option<OrderId>,
    pub(super) malfunction: Option<MalfunctionId>,
}

pub(super) struct Visit {
    pub(super) res: u32,
    pub(super) jobs: Vec<JobSpec>,
}

/// Everything planning draws from.
pub(super) struct Pools {
    /// Residents with at least one device, per municipality.
    pub(super) by_muni: Vec<Vec<u32>>,
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

    /// A resident in one of `areas` matching `ok`, preferring those not visited yet.
    pub(super) fn resident(
        &self,
        r: &mut Rand,
        areas: &[usize],
        today: &[u32],
        ok: impl Fn(u32) -> bool,
    ) -> Option<u32> {
        let mut best: Option<u32> = None;
        for _ in 0..24 {
            let muni = *r.pick(areas);
            let pool = &self.by_muni[muni];
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
