//! The visits every demo shows on its first working day from the anchor, so that each kind
//! of guided job can be tried at once, across the technicians:
//!
//! * the first mechanic: a class B repair of a device whose category has loan devices in the
//!   depot (reported that morning at 07:35; when the anchor is not a working day, that
//!   morning's class B report is the on-call mechanic's and the first working day has a
//!   class A fault of the day before the anchor instead), the maintenance of an electric
//!   wheelchair and the inspection of a hoist with two slings (both due within a few weeks);
//! * the second mechanic (the first when there is one): a collection, and a class A repair
//!   that needs the workshop, with a loan device from the depot;
//! * the first fitter: a fitting for a category 3 wheelchair order;
//! * the second fitter (the first when there is one): a delivery, an adjustment and a
//!   replacement.

use super::mechanic::TRAVEL_MINUTES;
use super::pools::{JobSpec, Urgent, Visit};
use super::Planner;
use crate::catalog::{self, Fault};
use crate::devices::Dev;
use crate::entries::{malfunction_reported, REPORTERS};
use crate::{days_before, local_time};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use veldwerk_core::ids::{LogbookEntryId, MalfunctionId};
use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};
use veldwerk_core::model::{
    DeviceStatus, JobKind, Malfunction, MalfunctionStatus, OrderKind, TechnicianRole,
};
use veldwerk_core::sla::{repair_deadlines, ResponseClass};
use veldwerk_core::Category;
use veldwerk_store::{StoreError, Writer};

/// When the first mechanic's class B report of the showcase comes in: 07:35 (minutes after
/// local midnight), on the first working day or, on a weekend or public holiday, for the
/// mechanic on call.
pub(super) const SHOWCASE_REPORT: u32 = 7 * 60 + 35;

/// Categories whose loan devices the first mechanic's repair may use, most telling first.
const LOANABLE: [Category; 7] = [
    Category::C7,
    Category::C8a,
    Category::C3,
    Category::C8b,
    Category::C1,
    Category::C2,
    Category::C9,
];

impl Planner<'_> {
    /// An adult resident in `areas` (else anywhere) not visited yet today who matches `ok`,
    /// scanning from a seeded offset so the choice varies with the seed.
    fn pick_resident(
        &mut self,
        areas: &[usize],
        taken: &[u32],
        ok: impl Fn(&Self, u32) -> bool,
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
                if taken.contains(&(i as u32))
                    || res.child
                    || (local_only && !areas.contains(&res.muni))
                {
                    continue;
                }
                if ok(self, i as u32) {
                    return Some(i as u32);
                }
            }
        }
        None
    }

    /// The resident's first device in use, not planned yet, matching `ok`.
    fn device_where(&self, res: u32, ok: impl Fn(&Dev) -> bool) -> Option<u32> {
        self.free_devices(res, None)
            .into_iter()
            .find(|d| self.dev(*d).status == DeviceStatus::InUse && ok(self.dev(*d)))
    }

    /// The resident's device matching `ok` whose maintenance or inspection falls due in the
    /// coming weeks (not overdue).
    fn due_where(&self, res: u32, day: NaiveDate, ok: impl Fn(&Dev) -> bool) -> Option<u32> {
        self.due_soon(res, day, None).into_iter().find(|d| {
            let dev = self.dev(*d);
            dev.status == DeviceStatus::InUse
                && dev.next_due.is_some_and(|due| due >= day)
                && ok(dev)
        })
    }

    /// Writes a malfunction reported through the portal, with its logbook entry.
    fn report(
        &mut self,
        w: &Writer<'_>,
        res: u32,
        device: u32,
        class: ResponseClass,
        fault: &Fault,
        reported_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Malfunction, StoreError> {
        let (device_id, electric) = (self.dev(device).id, self.dev(device).electric);
        let m = Malfunction {
            id: MalfunctionId(self.ctx.ids.at(reported_at)),
            device_id,
            resident_id: self.residents[res as usize].id,
            reported_at,
            class,
            description: fault.text.to_string(),
            drive_related: fault.drive_related && electric,
            status: MalfunctionStatus::Open,
            arrived_at: None,
            resolved_at: None,
        };
        w.upsert_malfunction(&m)?;
        // Not also planned for maintenance, a collection or another showcase report.
        self.pools.planned[device as usize] = true;
        let (summary, words) = malfunction_reported(
            class,
            fault,
            m.drive_related,
            Some((&REPORTERS[0], "phone")),
        );
        w.append_logbook(NewLogbookEntry {
            id: LogbookEntryId(self.ctx.ids.at(reported_at)),
            device_id: m.device_id,
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
        Ok(m)
    }

    /// A malfunction of `class` reported at `reported_at` on a device whose category has
    /// functionally equal loan devices waiting in the depot (at least two), of a resident in
    /// `areas` (else anywhere) not in `taken`; and the visit of its repair (urgent when class
    /// B or C).
    pub(super) fn loanable_repair(
        &mut self,
        w: &Writer<'_>,
        areas: &[usize],
        taken: &mut Vec<u32>,
        class: ResponseClass,
        reported_at: DateTime<Utc>,
    ) -> Result<Option<Visit>, StoreError> {
        let loanable: Vec<Category> = LOANABLE
            .into_iter()
            .filter(|c| self.pools.depot.get(c).is_some_and(|v| v.len() >= 2))
            .collect();
        for c in loanable {
            let Some(res) = self.pick_resident(areas, taken, |p, x| {
                p.device_where(x, |d| d.category == c).is_some()
            }) else {
                continue;
            };
            let Some(device) = self.device_where(res, |d| d.category == c) else {
                continue;
            };
            let faults = catalog::faults(c.maintenance_group());
            // A fault of the class (a class B one may fall back to the group's first).
            let fault = match class {
                ResponseClass::A => faults.iter().find(|f| f.max_class == 0),
                _ => faults
                    .iter()
                    .find(|f| f.max_class == 1)
                    .or_else(|| faults.first()),
            };
            let Some(fault) = fault else {
                continue;
            };
            let m = self.report(w, res, device, class, fault, reported_at)?;
            let deadlines = repair_deadlines(m.class, reported_at, None, &self.ctx.cal);
            taken.push(res);
            return Ok(Some(Visit {
                urgent: deadlines.on_site_by.map(|on_site_by| Urgent {
                    class: m.class,
                    reported_at,
                    earliest: reported_at + Duration::minutes(TRAVEL_MINUTES),
                    on_site_by,
                }),
                ..Visit::new(
                    res,
                    vec![JobSpec {
                        malfunction: Some(m.id),
                        ..JobSpec::on(JobKind::Repair, device)
                    }],
                )
            }));
        }
        Ok(None)
    }

    /// The showcase of technician `t` on `day`, by `rank` among those of the same role.
    pub(super) fn showcase(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        taken: &[u32],
        rank: usize,
    ) -> Result<Vec<Visit>, StoreError> {
        let role = self.ctx.techs[t].role;
        let alone = self.ctx.techs.iter().filter(|x| x.role == role).count() == 1;
        let mut out = Vec::new();
        let mut taken = taken.to_vec();
        let parts = match (rank, alone) {
            (0, true) => [true, true],
            (0, false) => [true, false],
            (1, _) => [false, true],
            _ => [false, false],
        };
        match role {
            TechnicianRole::Mechanic => {
                if parts[0] {
                    self.mechanic_first(w, t, day, &mut taken, &mut out)?;
                }
                if parts[1] {
                    self.mechanic_second(w, t, day, &mut taken, &mut out)?;
                }
            }
            TechnicianRole::Fitter => {
                if parts[0] {
                    self.fitter_first(w, t, day, &mut taken, &mut out)?;
                }
                if parts[1] {
                    self.fitter_second(w, t, day, &mut taken, &mut out)?;
                }
            }
            TechnicianRole::CaseManager => {}
        }
        Ok(out)
    }

    fn mechanic_first(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        taken: &mut Vec<u32>,
        out: &mut Vec<Visit>,
    ) -> Result<(), StoreError> {
        let areas = self.ctx.techs[t].areas;
        // A repair where a functionally equal loan device waits in the depot: class B,
        // reported this morning, on a working day. On a weekend or public holiday this
        // morning's urgent reports are the mechanic on call's (on_call), the first working
        // day is still to come; then a class A fault of the day before.
        let anchor = self.ctx.anchor;
        let (class, reported_at) = if self.ctx.cal.is_working_day(anchor) {
            (ResponseClass::B, local_time(day, SHOWCASE_REPORT))
        } else {
            let minutes = self.r.range(9 * 60, 20 * 60) as u32;
            (
                ResponseClass::A,
                local_time(days_before(anchor, 1), minutes),
            )
        };
        if let Some(v) = self.loanable_repair(w, areas, taken, class, reported_at)? {
            out.push(v);
        }
        // The maintenance of an electric wheelchair, due in the coming weeks.
        let c7 = |d: &Dev| d.category == Category::C7;
        if let Some(res) =
            self.pick_resident(areas, taken, |p, x| p.due_where(x, day, c7).is_some())
        {
            if let Some(d) = self.due_where(res, day, c7) {
                let mut flags = Vec::new();
                let job = self.upkeep(d, day, &mut flags);
                taken.push(res);
                out.push(Visit {
                    flags,
                    ..Visit::new(res, vec![job])
                });
            }
        }
        // The inspection of a hoist with at least two slings, due in the coming weeks.
        let two_slings = |d: &Dev| d.category.is_hoist() && d.slings_in_use >= 2;
        if let Some(res) = self.pick_resident(areas, taken, |p, x| {
            p.due_where(x, day, two_slings).is_some()
        }) {
            if let Some(d) = self.due_where(res, day, two_slings) {
                let mut flags = Vec::new();
                let job = self.upkeep(d, day, &mut flags);
                taken.push(res);
                out.push(Visit {
                    flags,
                    ..Visit::new(res, vec![job])
                });
            }
        }
        Ok(())
    }

    fn mechanic_second(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        taken: &mut Vec<u32>,
        out: &mut Vec<Visit>,
    ) -> Result<(), StoreError> {
        let areas = self.ctx.techs[t].areas;
        // A collection of a device the resident no longer needs.
        let plain = |d: &Dev| !d.category.is_hoist();
        if let Some(res) =
            self.pick_resident(areas, taken, |p, x| p.device_where(x, plain).is_some())
        {
            if let Some(d) = self.device_where(res, plain) {
                taken.push(res);
                out.push(self.collection(w, res, d, day)?);
            }
        }
        // A class A fault reported yesterday that needs the workshop: the repair, and a loan
        // device of the same category from the depot meanwhile.
        let has_loan = |p: &Self, d: &Dev| {
            !d.category.is_hoist()
                && p.pools
                    .depot
                    .get(&d.category)
                    .is_some_and(|v| !v.is_empty())
        };
        let Some(res) = self.pick_resident(areas, taken, |p, x| {
            p.device_where(x, |d| has_loan(p, d)).is_some()
        }) else {
            return Ok(());
        };
        let Some(device) = self.device_where(res, |d| has_loan(self, d)) else {
            return Ok(());
        };
        let category = self.dev(device).category;
        let faults = catalog::faults(category.maintenance_group());
        let Some(fault) = faults.iter().find(|f| f.max_class == 0) else {
            return Ok(());
        };
        let Some(loan) = self.pools.take_depot(category) else {
            return Ok(());
        };
        let reported_at = local_time(
            days_before(self.ctx.anchor, 1),
            self.r.range(15 * 60, 17 * 60) as u32,
        );
        let m = self.report(w, res, device, ResponseClass::A, fault, reported_at)?;
        taken.push(res);
        out.push(Visit::new(
            res,
            vec![
                JobSpec {
                    malfunction: Some(m.id),
                    ..JobSpec::on(JobKind::Repair, device)
                },
                JobSpec {
                    malfunction: Some(m.id),
                    ..JobSpec::on(JobKind::LoanDevice, loan)
                },
            ],
        ));
        Ok(())
    }

    fn fitter_first(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        taken: &mut Vec<u32>,
        out: &mut Vec<Visit>,
    ) -> Result<(), StoreError> {
        let areas = self.ctx.techs[t].areas;
        if let Some(res) = self.pick_resident(areas, taken, |_, _| true) {
            let order = self.order(w, res, OrderKind::Provision, Category::C3, day, None)?;
            taken.push(res);
            out.push(Visit::new(
                res,
                vec![JobSpec {
                    kind: JobKind::Fitting,
                    device: None,
                    order: Some(order),
                    malfunction: None,
                }],
            ));
        }
        Ok(())
    }

    fn fitter_second(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        taken: &mut Vec<u32>,
        out: &mut Vec<Visit>,
    ) -> Result<(), StoreError> {
        let areas = self.ctx.techs[t].areas;
        // A delivery of a device ready in the depot (not one only children use).
        let adult = |c: &Category| !matches!(c, Category::C4 | Category::C18);
        let mut ready: Vec<Category> = self
            .pools
            .depot
            .iter()
            .filter(|(c, v)| adult(c) && !v.is_empty())
            .map(|(c, _)| *c)
            .collect();
        ready.sort_by_key(|c| catalog::complex(*c));
        if let Some(&c) = ready.first() {
            if let Some(res) = self.pick_resident(areas, taken, |_, _| true) {
                if let Some(d) = self.pools.take_depot(c) {
                    taken.push(res);
                    out.push(self.delivery(w, res, d, day)?);
                }
            }
        }
        for kind in [JobKind::Adjustment, JobKind::Replacement] {
            let any = |_: &Dev| true;
            if let Some(res) =
                self.pick_resident(areas, taken, |p, x| p.device_where(x, any).is_some())
            {
                if let Some(d) = self.device_where(res, any) {
                    taken.push(res);
                    out.push(self.on_order(w, res, d, kind, day)?);
                }
            }
        }
        Ok(())
    }
}
