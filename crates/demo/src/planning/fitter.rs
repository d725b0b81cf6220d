//! A fitter's or case manager's visits: fittings, deliveries, adjustments, replacements.

use super::pools::{usable, JobSpec, Visit};
use super::Planner;
use crate::catalog::{self, PLANS};
use crate::devices::Devices;
use chrono::NaiveDate;
use veldwerk_core::model::{JobKind, OrderKind, TechnicianRole};
use veldwerk_core::Category;
use veldwerk_store::{StoreError, Writer};

impl Planner<'_> {
    pub(super) fn fitting_category(&mut self, res: u32, complex: bool) -> Category {
        let x = &self.residents[res as usize];
        let options: &[Category] = match (complex, x.child) {
            (true, true) => &[Category::C4, Category::C18, Category::C7, Category::C14],
            (true, false) => &[Category::C2, Category::C7, Category::C11, Category::C14],
            (false, true) => &[Category::C3, Category::C9, Category::C13, Category::C12],
            (false, false) => &[],
        };
        let free: Vec<Category> = options
            .iter()
            .copied()
            .filter(|c| !x.categories.contains(c))
            .collect();
        if !free.is_empty() {
            return *self.r.pick(&free);
        }
        if !options.is_empty() {
            return *self.r.pick(options);
        }
        let weights: Vec<u32> = PLANS
            .iter()
            .map(|p| {
                if catalog::complex(p.category) || x.categories.contains(&p.category) {
                    0
                } else {
                    p.adult_weight
                }
            })
            .collect();
        PLANS[self.r.weighted(&weights)].category
    }

    pub(super) fn fitter_visit(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        today: &[u32],
    ) -> Result<Option<Visit>, StoreError> {
        let areas = self.ctx.techs[t].areas;
        let case_manager = self.ctx.techs[t].role == TechnicianRole::CaseManager;
        let all: &Devices = self.devices;
        let devices = &all.list;
        let residents = self.residents;
        let owns = |res: u32, complex: bool| {
            residents[res as usize].devices.iter().any(|d| {
                let dev = &devices[*d as usize];
                usable(dev) && (!complex || catalog::complex(dev.category))
            })
        };
        let roll = if case_manager {
            if self.r.chance(70) {
                0
            } else {
                2
            }
        } else {
            self.r.weighted(&[35, 30, 20, 15])
        };
        match roll {
            1 => {
                let Some(d) = self.pools.take_any_depot(&mut self.r, false) else {
                    return self.fitting(w, areas, day, today, case_manager);
                };
                let category = self.dev(d).category;
                let child_only = matches!(category, Category::C4 | Category::C18);
                let Some(res) = self.pools.resident(&mut self.r, areas, today, |x| {
                    residents[x as usize].child == child_only
                }) else {
                    return Ok(None);
                };
                let order = self.order(w, res, OrderKind::Provision, category, day, Some(d))?;
                Ok(Some(Visit {
                    res,
                    jobs: vec![JobSpec {
                        kind: JobKind::Delivery,
                        device: Some(d),
                        order: Some(order),
                        malfunction: None,
                    }],
                }))
            }
            2 | 3 => {
                let Some(res) = self
                    .pools
                    .resident(&mut self.r, areas, today, |x| owns(x, case_manager))
                else {
                    return self.fitting(w, areas, day, today, case_manager);
                };
                let list: Vec<u32> = self
                    .due_devices(res, None)
                    .into_iter()
                    .filter(|d| !case_manager || catalog::complex(self.dev(*d).category))
                    .collect();
                let Some(&d) = list.first() else {
                    return Ok(None);
                };
                let (kind, order_kind) = if roll == 2 {
                    (JobKind::Adjustment, OrderKind::Adjustment)
                } else {
                    (JobKind::Replacement, OrderKind::Replacement)
                };
                let category = self.dev(d).category;
                let order = self.order(w, res, order_kind, category, day, Some(d))?;
                Ok(Some(Visit {
                    res,
                    jobs: vec![JobSpec {
                        kind,
                        device: Some(d),
                        order: Some(order),
                        malfunction: None,
                    }],
                }))
            }
            _ => self.fitting(w, areas, day, today, case_manager),
        }
    }

    pub(super) fn fitting(
        &mut self,
        w: &Writer<'_>,
        areas: &[usize],
        day: NaiveDate,
        today: &[u32],
        complex: bool,
    ) -> Result<Option<Visit>, StoreError> {
        let Some(res) = self.pools.resident(&mut self.r, areas, today, |_| true) else {
            return Ok(None);
        };
        let category = self.fitting_category(res, complex);
        // Fitting and delivery in one visit when a device is ready in the depot.
        let ready = if self.r.chance(40) {
            self.pools.take_depot(category)
        } else {
            None
        };
        let order = self.order(w, res, OrderKind::Provision, category, day, ready)?;
        let mut jobs = vec![JobSpec {
            kind: JobKind::Fitting,
            device: None,
            order: Some(order),
            malfunction: None,
        }];
        if let Some(d) = ready {
            jobs.push(JobSpec {
                kind: JobKind::Delivery,
                device: Some(d),
                order: Some(order),
                malfunction: None,
            });
        }
        Ok(Some(Visit { res, jobs }))
    }
}
