//! A mechanic's visits: maintenance, inspections, collections and repairs.

use super::pools::{usable, JobSpec, Visit};
use super::Planner;
use crate::devices::Devices;
use chrono::NaiveDate;
use veldwerk_core::model::{JobKind, OrderKind};
use veldwerk_store::{StoreError, Writer};

impl Planner<'_> {
    pub(super) fn mechanic_visit(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        today: &[u32],
    ) -> Result<Option<Visit>, StoreError> {
        let areas = self.ctx.techs[t].areas;
        let roll = self.r.weighted(&[50, 22, 14, 14]);
        let all: &Devices = self.devices;
        let devices = &all.list;
        let residents = self.residents;
        let has = |res: u32, hoist: bool| {
            residents[res as usize].devices.iter().any(|d| {
                usable(&devices[*d as usize]) && devices[*d as usize].category.is_hoist() == hoist
            })
        };
        match roll {
            1 => {
                let Some(res) = self
                    .pools
                    .resident(&mut self.r, areas, today, |x| has(x, true))
                else {
                    return Ok(None);
                };
                let Some(&hoist) = self.due_devices(res, Some(true)).first() else {
                    return Ok(None);
                };
                let mut jobs = vec![JobSpec {
                    kind: JobKind::HoistInspection,
                    device: Some(hoist),
                    order: None,
                    malfunction: None,
                }];
                let others = self.due_devices(res, Some(false));
                if let Some(d) = others.first().filter(|_| self.r.chance(40)) {
                    jobs.push(JobSpec {
                        kind: JobKind::PreventiveMaintenance,
                        device: Some(*d),
                        order: None,
                        malfunction: None,
                    });
                }
                Ok(Some(Visit { res, jobs }))
            }
            2 => {
                let Some(res) = self
                    .pools
                    .resident(&mut self.r, areas, today, |x| has(x, false))
                else {
                    return Ok(None);
                };
                let Some(&d) = self.due_devices(res, Some(false)).last() else {
                    return Ok(None);
                };
                let category = self.dev(d).category;
                let order = self.order(w, res, OrderKind::Collection, category, day, Some(d))?;
                Ok(Some(Visit {
                    res,
                    jobs: vec![JobSpec {
                        kind: JobKind::Collection,
                        device: Some(d),
                        order: Some(order),
                        malfunction: None,
                    }],
                }))
            }
            _ => {
                let two = roll == 3;
                let Some(res) = self.pools.resident(&mut self.r, areas, today, |x| {
                    residents[x as usize]
                        .devices
                        .iter()
                        .any(|d| usable(&devices[*d as usize]))
                }) else {
                    return Ok(None);
                };
                let list = self.due_devices(res, None);
                let mut jobs = Vec::new();
                for d in list.into_iter().take(if two { 2 } else { 1 }) {
                    let kind = if self.dev(d).category.is_hoist() {
                        JobKind::HoistInspection
                    } else {
                        JobKind::PreventiveMaintenance
                    };
                    jobs.push(JobSpec {
                        kind,
                        device: Some(d),
                        order: None,
                        malfunction: None,
                    });
                }
                Ok(Some(Visit { res, jobs }))
            }
        }
    }

    pub(super) fn repair_visit(&mut self, mal: u32) -> Visit {
        let m = &self.devices.mals[mal as usize];
        let res = m.res;
        let device = m.device;
        let mut jobs = vec![JobSpec {
            kind: JobKind::Repair,
            device: Some(device),
            order: None,
            malfunction: Some(m.id),
        }];
        let category = self.dev(device).category;
        if self.r.chance(35) {
            if let Some(loan) = self.pools.take_depot(category) {
                jobs.push(JobSpec {
                    kind: JobKind::LoanDevice,
                    device: Some(loan),
                    order: None,
                    malfunction: Some(m.id),
                });
            }
        }
        if jobs.len() == 1 && self.r.chance(25) {
            if let Some(other) = self
                .due_devices(res, None)
                .into_iter()
                .find(|d| *d != device)
            {
                let kind = if self.dev(other).category.is_hoist() {
                    JobKind::HoistInspection
                } else {
                    JobKind::PreventiveMaintenance
                };
                jobs.push(JobSpec {
                    kind,
                    device: Some(other),
                    order: None,
                    malfunction: None,
                });
            }
        }
        Visit { res, jobs }
    }
}
