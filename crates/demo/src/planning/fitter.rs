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
                let child_only = matches!(self.dev(d).category, Category::C4 | Category::C18);
                let Some(res) = self.pools.resident(&mut self.r, areas, today, |x| {
                    residents[x as usize].child == child_only
                }) else {
                    return Ok(None);
                };
                Ok(Some(self.delivery(w, res, d, day)?))
            }
            2 | 3 => {
                let Some(res) = self
                    .pools
                    .resident(&mut self.r, areas, today, |x| owns(x, case_manager))
                else {
                    return self.fitting(w, areas, day, today, case_manager);
                };
                let list: Vec<u32> = self
                    .free_devices(res, None)
                    .into_iter()
                    .filter(|d| !case_manager || catalog::complex(self.dev(*d).category))
                    .collect();
                let Some(&d) = list.first() else {
                    return Ok(None);
                };
                let kind = if roll == 2 {
                    JobKind::Adjustment
                } else {
                    JobKind::Replacement
                };
                Ok(Some(self.on_order(w, res, d, kind, day)?))
            }
            _ => self.fitting(w, areas, day, today, case_manager),
        }
    }

    /// The delivery of depot device `d` on a provision order.
    pub(super) fn delivery(
        &mut self,
        w: &Writer<'_>,
        res: u32,
        d: u32,
        day: NaiveDate,
    ) -> Result<Visit, StoreError> {
        let category = self.dev(d).category;
        let order = self.order(w, res, OrderKind::Provision, category, day, Some(d))?;
        Ok(Visit::new(
            res,
            vec![JobSpec {
                order: Some(order),
                ..JobSpec::on(JobKind::Delivery, d)
            }],
        ))
    }

    /// An adjustment or a replacement of the resident's device `d`, on the municipality's
    /// order.
    pub(super) fn on_order(
        &mut self,
        w: &Writer<'_>,
        res: u32,
        d: u32,
        kind: JobKind,
        day: NaiveDate,
    ) -> Result<Visit, StoreError> {
        let order_kind = if kind == JobKind::Adjustment {
            OrderKind::Adjustment
        } else {
            OrderKind::Replacement
        };
        self.pools.planned[d as usize] = true;
        let category = self.dev(d).category;
        let order = self.order(w, res, order_kind, category, day, Some(d))?;
        Ok(Visit::new(
            res,
            vec![JobSpec {
                order: Some(order),
                ..JobSpec::on(kind, d)
            }],
        ))
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
                order: Some(order),
                ..JobSpec::on(JobKind::Delivery, d)
            });
        }
        Ok(Some(Visit::new(res, jobs)))
    }
}
