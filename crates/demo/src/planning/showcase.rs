//! The visits every demo shows on its first working day.

use super::pools::{usable, JobSpec, Visit};
use super::Planner;
use crate::catalog;
use crate::devices::Dev;
use crate::entries::{malfunction_reported, REPORTERS};
use crate::local_time;
use crate::people::Res;
use chrono::NaiveDate;
use veldwerk_core::ids::{LogbookEntryId, MalfunctionId};
use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};
use veldwerk_core::model::{
    DeviceStatus, JobKind, Malfunction, MalfunctionStatus, OrderKind, TechnicianRole,
};
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Category;
use veldwerk_store::{StoreError, Writer};

impl Planner<'_> {
    /// A resident in `areas` (else anywhere) who is not visited yet today and matches `ok`,
    /// scanning from a seeded offset so the choice varies with the seed.
    pub(super) fn resident_where(
        &mut self,
        areas: &[usize],
        taken: &[u32],
        ok: impl Fn(&Res) -> bool,
    ) -> Option<u32> {
        let n = self.residents.len();
        if n == 0 {
            return None;
        }
        let start = self.r.below(n);
        for local_only in [true, false] {
            for k in 0..n {
                let i = (start + k) % n;
                let res = &self.residents[i];
                if taken.contains(&(i as u32)) || res.child || !ok(res) {
                    continue;
                }
                if local_only && !areas.contains(&res.muni) {
                    continue;
                }
                return Some(i as u32);
            }
        }
        None
    }

    /// The resident's first usable device matching `ok`.
    pub(super) fn device_where(&self, res: &Res, ok: impl Fn(&Dev) -> bool) -> Option<u32> {
        res.devices.iter().copied().find(|d| {
            usable(self.dev(*d)) && self.dev(*d).status == DeviceStatus::InUse && ok(self.dev(*d))
        })
    }

    /// The visits every demo shows on its first working day from the anchor, so that each
    /// kind of guided job can be tried at once: for the first mechanic a class B repair of a
    /// device whose category has loan devices in the depot, the maintenance of an electric
    /// wheelchair and the inspection of a hoist with two slings; for the first fitter a
    /// fitting for a category 3 wheelchair order.
    pub(super) fn showcase(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        taken: &[u32],
    ) -> Result<Vec<Visit>, StoreError> {
        let areas = self.ctx.techs[t].areas;
        let mut taken = taken.to_vec();
        let mut out = Vec::new();
        if self.ctx.techs[t].role == TechnicianRole::Fitter {
            if let Some(res) = self.resident_where(areas, &taken, |_| true) {
                let order = self.order(w, res, OrderKind::Provision, Category::C3, day, None)?;
                out.push(Visit {
                    res,
                    jobs: vec![JobSpec {
                        kind: JobKind::Fitting,
                        device: None,
                        order: Some(order),
                        malfunction: None,
                    }],
                });
            }
            return Ok(out);
        }
        // A class B repair where a functionally equal loan device waits in the depot.
        let loanable: Vec<Category> = [
            Category::C7,
            Category::C8a,
            Category::C3,
            Category::C8b,
            Category::C1,
            Category::C2,
            Category::C9,
        ]
        .into_iter()
        .filter(|c| self.pools.depot.get(c).is_some_and(|v| v.len() >= 2))
        .collect();
        for c in loanable {
            let Some(res) = self.resident_where(areas, &taken, |r| r.categories.contains(&c))
            else {
                continue;
            };
            let Some(device) =
                self.device_where(&self.residents[res as usize], |d| d.category == c)
            else {
                continue;
            };
            let devices = self.devices;
            let dev = &devices.list[device as usize];
            let fault = catalog::faults(c.maintenance_group())
                .iter()
                .find(|f| f.max_class >= 1)
                .or_else(|| catalog::faults(c.maintenance_group()).first());
            let Some(fault) = fault else { continue };
            let reported_at = local_time(day, 7 * 60 + 35);
            let m = Malfunction {
                id: MalfunctionId(self.ctx.ids.at(reported_at)),
                device_id: dev.id,
                resident_id: self.residents[res as usize].id,
                reported_at,
                class: ResponseClass::B,
                description: fault.text.to_string(),
                drive_related: fault.drive_related && dev.electric,
                status: MalfunctionStatus::Open,
                arrived_at: None,
                resolved_at: None,
            };
            w.upsert_malfunction(&m)?;
            let (summary, words) = malfunction_reported(
                ResponseClass::B,
                fault,
                m.drive_related,
                Some((&REPORTERS[0], "phone")),
            );
            w.append_logbook(NewLogbookEntry {
                id: LogbookEntryId(self.ctx.ids.at(reported_at)),
                device_id: dev.id,
                kind: LogbookKind::MalfunctionReported,
                occurred_at: reported_at,
                recorded_at: reported_at,
                author: "portal".to_string(),
                job_id: None,
                summary: summary.nl,
                details_json: words.finish(&summary.en).to_json(),
                corrects: None,
            })?;
            self.summary.malfunctions += 1;
            self.summary.logbook_entries += 1;
            taken.push(res);
            out.push(Visit {
                res,
                jobs: vec![JobSpec {
                    kind: JobKind::Repair,
                    device: Some(device),
                    order: None,
                    malfunction: Some(m.id),
                }],
            });
            break;
        }
        // The maintenance of an electric wheelchair.
        if let Some(res) =
            self.resident_where(areas, &taken, |r| r.categories.contains(&Category::C7))
        {
            if let Some(d) = self.device_where(&self.residents[res as usize], |d| {
                d.category == Category::C7
            }) {
                taken.push(res);
                out.push(Visit {
                    res,
                    jobs: vec![JobSpec {
                        kind: JobKind::PreventiveMaintenance,
                        device: Some(d),
                        order: None,
                        malfunction: None,
                    }],
                });
            }
        }
        // The inspection of a hoist with at least two slings.
        let devices = self.devices;
        let two_slings = |r: &Res| {
            r.devices.iter().any(|d| {
                let dev = &devices.list[*d as usize];
                dev.category.is_hoist()
                    && dev.slings_in_use >= 2
                    && dev.status == DeviceStatus::InUse
            })
        };
        if let Some(res) = self.resident_where(areas, &taken, two_slings) {
            if let Some(d) = self.device_where(&self.residents[res as usize], |d| {
                d.category.is_hoist() && d.slings_in_use >= 2
            }) {
                out.push(Visit {
                    res,
                    jobs: vec![JobSpec {
                        kind: JobKind::HoistInspection,
                        device: Some(d),
                        order: None,
                        malfunction: None,
                    }],
                });
            }
        }
        Ok(out)
    }
}
