//! A mechanic's visits: maintenance and inspections near their due date, collections, and
//! repairs within their class's deadline.

use super::notes;
use super::pools::{usable, JobSpec, Urgent, Visit, LEAD_DAYS};
use super::repairs::Assigned;
use super::Planner;
use crate::data::MUNICIPALITIES;
use crate::devices::Devices;
use chrono::{Duration, NaiveDate};
use veldwerk_core::model::{JobKind, OrderKind};
use veldwerk_core::sla::{local_date, repair_deadlines};
use veldwerk_store::{StoreError, Writer};

/// Minutes between a report and the earliest arrival (the way there).
pub(super) const TRAVEL_MINUTES: i64 = 20;

impl Planner<'_> {
    /// The resident's devices whose maintenance or inspection may be planned on `day`:
    /// usable, not planned yet, and due within [`LEAD_DAYS`] (or overdue); soonest first.
    pub(super) fn due_soon(&self, res: u32, day: NaiveDate, hoists: Option<bool>) -> Vec<u32> {
        let horizon = day + Duration::days(LEAD_DAYS);
        let mut list: Vec<u32> = self.residents[res as usize]
            .devices
            .iter()
            .copied()
            .filter(|d| {
                let dev = self.dev(*d);
                usable(dev)
                    && !self.pools.planned[*d as usize]
                    && dev.next_due.is_some_and(|due| due <= horizon)
                    && hoists.is_none_or(|h| dev.category.is_hoist() == h)
            })
            .collect();
        list.sort_by_key(|d| (self.dev(*d).next_due, *d));
        list
    }

    /// The resident's usable devices not planned for anything yet.
    pub(super) fn free_devices(&self, res: u32, hoists: Option<bool>) -> Vec<u32> {
        self.residents[res as usize]
            .devices
            .iter()
            .copied()
            .filter(|d| {
                let dev = self.dev(*d);
                usable(dev)
                    && !self.pools.planned[*d as usize]
                    && hoists.is_none_or(|h| dev.category.is_hoist() == h)
            })
            .collect()
    }

    /// The maintenance or inspection of device `d` on `day` (flagged when overdue); the
    /// device counts as planned from now on.
    pub(super) fn upkeep(&mut self, d: u32, day: NaiveDate, flags: &mut Vec<String>) -> JobSpec {
        self.pools.planned[d as usize] = true;
        let dev = self.dev(d);
        let kind = if dev.category.is_hoist() {
            JobKind::HoistInspection
        } else {
            JobKind::PreventiveMaintenance
        };
        if let Some(due) = dev.next_due.filter(|due| *due < day) {
            flags.push(notes::overdue(kind, due));
        }
        JobSpec::on(kind, d)
    }

    pub(super) fn mechanic_visit(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        today: &[u32],
    ) -> Result<Option<Visit>, StoreError> {
        let roll = self.r.weighted(&[50, 22, 14, 14]);
        // The mechanic's own area first; when nothing of the kind is due there, a
        // neighbour's; when nothing of the kind is due anywhere, other maintenance or a
        // collection.
        let everywhere: Vec<usize> = (0..MUNICIPALITIES.len()).collect();
        for kind in [roll, 0, 2] {
            for areas in [self.ctx.techs[t].areas, everywhere.as_slice()] {
                if let Some(v) = self.mechanic_visit_in(w, areas, kind, day, today)? {
                    return Ok(Some(v));
                }
            }
        }
        Ok(None)
    }

    fn mechanic_visit_in(
        &mut self,
        w: &Writer<'_>,
        areas: &[usize],
        roll: usize,
        day: NaiveDate,
        today: &[u32],
    ) -> Result<Option<Visit>, StoreError> {
        let mut flags = Vec::new();
        match roll {
            1 => {
                let Some(res) = self.sample(true, areas, today, |p, x| {
                    !p.due_soon(x, day, Some(true)).is_empty()
                }) else {
                    return Ok(None);
                };
                let Some(&hoist) = self.due_soon(res, day, Some(true)).first() else {
                    return Ok(None);
                };
                let mut jobs = vec![self.upkeep(hoist, day, &mut flags)];
                let other = self.due_soon(res, day, Some(false)).first().copied();
                if let Some(d) = other.filter(|_| self.r.chance(40)) {
                    jobs.push(self.upkeep(d, day, &mut flags));
                }
                Ok(Some(Visit {
                    flags,
                    ..Visit::new(res, jobs)
                }))
            }
            2 => {
                let Some(res) = self.sample(false, areas, today, |p, x| {
                    !p.free_devices(x, Some(false)).is_empty()
                }) else {
                    return Ok(None);
                };
                let Some(&d) = self.free_devices(res, Some(false)).last() else {
                    return Ok(None);
                };
                Ok(Some(self.collection(w, res, d, day)?))
            }
            _ => {
                let Some(res) = self.sample(true, areas, today, |p, x| {
                    !p.due_soon(x, day, None).is_empty()
                }) else {
                    return Ok(None);
                };
                let list = self.due_soon(res, day, None);
                let mut jobs = Vec::new();
                for d in list.into_iter().take(if roll == 3 { 2 } else { 1 }) {
                    jobs.push(self.upkeep(d, day, &mut flags));
                }
                Ok(Some(Visit {
                    flags,
                    ..Visit::new(res, jobs)
                }))
            }
        }
    }

    /// The collection of device `d`, on the municipality's order.
    pub(super) fn collection(
        &mut self,
        w: &Writer<'_>,
        res: u32,
        d: u32,
        day: NaiveDate,
    ) -> Result<Visit, StoreError> {
        self.pools.planned[d as usize] = true;
        let category = self.dev(d).category;
        let order = self.order(w, res, OrderKind::Collection, category, day, Some(d))?;
        Ok(Visit::new(
            res,
            vec![JobSpec {
                order: Some(order),
                ..JobSpec::on(JobKind::Collection, d)
            }],
        ))
    }

    /// The repair of an open malfunction on `day`: reached within its class's deadline (a
    /// class B or C report of that day is urgent), or flagged as planned late; sometimes
    /// with a loan device, or the maintenance of another device due soon.
    pub(super) fn repair_visit(&mut self, a: Assigned, day: NaiveDate) -> Visit {
        let all: &Devices = self.devices;
        let m = &all.mals[a.mal as usize];
        let (res, device) = (m.res, m.device);
        let mut jobs = vec![JobSpec {
            malfunction: Some(m.id),
            ..JobSpec::on(JobKind::Repair, device)
        }];
        let category = self.dev(device).category;
        if self.r.chance(35) {
            if let Some(loan) = self.pools.take_depot(category) {
                jobs.push(JobSpec {
                    malfunction: Some(m.id),
                    ..JobSpec::on(JobKind::LoanDevice, loan)
                });
            }
        }
        let mut flags = Vec::new();
        if jobs.len() == 1 && self.r.chance(25) {
            // Never a hoist: the first hoist inspection of the showcase day is the one with
            // two slings.
            if let Some(other) = self
                .due_soon(res, day, Some(false))
                .into_iter()
                .find(|d| *d != device)
            {
                jobs.push(self.upkeep(other, day, &mut flags));
            }
        }
        let deadlines = repair_deadlines(m.class, m.reported_at, None, &self.ctx.cal);
        let last_day = local_date(deadlines.fixed_by - Duration::seconds(1));
        let mut urgent = None;
        match deadlines.on_site_by {
            Some(on_site_by) if local_date(m.reported_at) == day => {
                let earliest = if a.late {
                    on_site_by + Duration::minutes(self.r.range(15, 45))
                } else {
                    m.reported_at + Duration::minutes(TRAVEL_MINUTES)
                };
                urgent = Some(Urgent {
                    class: m.class,
                    reported_at: m.reported_at,
                    earliest,
                    on_site_by,
                });
            }
            _ if day > last_day => flags.push(notes::late_fix(m.class, last_day, day)),
            _ => {}
        }
        Visit {
            res,
            jobs,
            urgent,
            flags,
        }
    }
}
