//! Orders and two weeks of appointments for every technician.

use crate::catalog::{self, PLANS};
use crate::data::{APPOINTMENT_NOTES, MUNICIPALITIES};
use crate::devices::{Dev, Devices};
use crate::orders::new_order;
use crate::people::Res;
use crate::rng::{Rand, Stream};
use crate::{
    days_before, local_date, local_time, Ctx, DemoConfig, DemoPhase, DemoProgress, DemoSummary,
};
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;
use veldwerk_core::ids::{AppointmentId, JobId, LogbookEntryId, MalfunctionId, OrderId};
use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};
use veldwerk_core::model::{
    Appointment, AppointmentStatus, DeviceStatus, Job, JobKind, JobStatus, Malfunction,
    MalfunctionStatus, OrderKind, OrderStatus, TechnicianRole, TimeWindow,
};
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Category;
use veldwerk_store::{Store, StoreError, Writer};

/// 1-2 hour windows (minutes after local midnight) between 08:00 and 17:30, in time order and
/// never overlapping.
pub(crate) fn make_windows(r: &mut Rand, n: usize) -> Vec<(u32, u32)> {
    const START: u32 = 8 * 60;
    const AVAILABLE: u32 = 9 * 60 + 30;
    let mut lens: Vec<u32> = (0..n).map(|_| *r.pick(&[60, 90, 90, 120, 120])).collect();
    while lens.iter().sum::<u32>() > AVAILABLE {
        if let Some(longest) = lens.iter_mut().filter(|l| **l > 60).max_by_key(|l| **l) {
            *longest -= 30;
        } else {
            break;
        }
    }
    let mut slack = (AVAILABLE - lens.iter().sum::<u32>().min(AVAILABLE)) / 15;
    let mut t = START;
    let mut out = Vec::with_capacity(n);
    for len in lens {
        let gap = r.range(0, i64::from(slack.min(2))) as u32;
        slack -= gap;
        t += gap * 15;
        out.push((t, t + len));
        t += len;
    }
    out
}

struct JobSpec {
    kind: JobKind,
    device: Option<u32>,
    order: Option<OrderId>,
    malfunction: Option<MalfunctionId>,
}

struct Visit {
    res: u32,
    jobs: Vec<JobSpec>,
}

/// Everything planning draws from.
struct Pools {
    /// Residents with at least one device, per municipality.
    by_muni: Vec<Vec<u32>>,
    /// Unused depot devices per category.
    depot: BTreeMap<Category, Vec<u32>>,
    visits: Vec<u16>,
}

impl Pools {
    fn take_depot(&mut self, c: Category) -> Option<u32> {
        self.depot.get_mut(&c).and_then(Vec::pop)
    }

    fn take_any_depot(&mut self, r: &mut Rand, complex: bool) -> Option<u32> {
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
    fn resident(
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

fn usable(d: &Dev) -> bool {
    matches!(d.status, DeviceStatus::InUse | DeviceStatus::OnLoan)
}

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

    fn mechanic_visit(
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

    fn repair_visit(&mut self, mal: u32) -> Visit {
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

    fn fitting_category(&mut self, res: u32, complex: bool) -> Category {
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

    fn fitter_visit(
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

    fn fitting(
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

    /// A resident in `areas` (else anywhere) who is not visited yet today and matches `ok`,
    /// scanning from a seeded offset so the choice varies with the seed.
    fn resident_where(
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
    fn device_where(&self, res: &Res, ok: impl Fn(&Dev) -> bool) -> Option<u32> {
        res.devices.iter().copied().find(|d| {
            usable(self.dev(*d)) && self.dev(*d).status == DeviceStatus::InUse && ok(self.dev(*d))
        })
    }

    /// The visits every demo shows on its first working day from the anchor, so that each
    /// kind of guided job can be tried at once: for the first mechanic a class B repair of a
    /// device whose category has loan devices in the depot, the maintenance of an electric
    /// wheelchair and the inspection of a hoist with two slings; for the first fitter a
    /// fitting for a category 3 wheelchair order.
    fn showcase(
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
            w.append_logbook(NewLogbookEntry {
                id: LogbookEntryId(self.ctx.ids.at(reported_at)),
                device_id: dev.id,
                kind: LogbookKind::MalfunctionReported,
                occurred_at: reported_at,
                recorded_at: reported_at,
                author: "portal".to_string(),
                job_id: None,
                summary: format!("Storing gemeld (klasse B): {}", fault.text),
                details_json: serde_json::json!({
                    "class": "B",
                    "drive_related": m.drive_related,
                    "reported_by": "inwoner",
                    "channel": "telefoon",
                })
                .to_string(),
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

    /// Plans and writes one technician's day.
    fn day(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        repairs: &[u32],
        showcase: bool,
    ) -> Result<(), StoreError> {
        let repair_residents: Vec<u32> = repairs
            .iter()
            .map(|m| self.devices.mals[*m as usize].res)
            .collect();
        let show = if showcase {
            self.showcase(w, t, day, &repair_residents)?
        } else {
            Vec::new()
        };
        let n = (self.r.range(4, 7) as usize)
            .max(repairs.len().min(7) + show.len())
            .min(8);
        let windows = make_windows(&mut self.r, n);
        let mut plan: Vec<Option<Visit>> = (0..n).map(|_| None).collect();
        // This mechanic's own urgent report first, then the other reports of today, then
        // class A reports of earlier days (which fit any slot). A report of today is visited
        // at least 20 minutes after it came in; one that no longer fits stays unplanned.
        let mut sorted: Vec<u32> = repairs.to_vec();
        sorted.sort_by_key(|m| {
            let mal = &self.devices.mals[*m as usize];
            (
                mal.mechanic != Some(t),
                mal.class == veldwerk_core::sla::ResponseClass::A,
                mal.reported_at,
                *m,
            )
        });
        for m in sorted {
            let reported = self.devices.mals[m as usize].reported_at;
            let slot = (0..n).find(|i| {
                plan[*i].is_none()
                    && local_time(day, windows[*i].0) >= reported + Duration::minutes(20)
            });
            if let Some(i) = slot {
                plan[i] = Some(self.repair_visit(m));
            }
        }
        for v in show {
            if let Some(i) = (0..n).find(|i| plan[*i].is_none()) {
                plan[i] = Some(v);
            }
        }
        let mut today: Vec<u32> = plan.iter().flatten().map(|v| v.res).collect();
        for slot in plan.iter_mut().filter(|p| p.is_none()) {
            let mut v = None;
            for _ in 0..4 {
                v = match self.ctx.techs[t].role {
                    TechnicianRole::Mechanic => self.mechanic_visit(w, t, day, &today)?,
                    _ => self.fitter_visit(w, t, day, &today)?,
                };
                if v.is_some() {
                    break;
                }
            }
            if let Some(v) = v {
                today.push(v.res);
                *slot = Some(v);
            }
        }
        let planned_at = local_time(days_before(day.min(self.ctx.anchor), 3), 16 * 60);
        for (i, visit) in plan.into_iter().enumerate() {
            let Some(visit) = visit else { continue };
            let start = local_time(day, windows[i].0);
            let end = local_time(day, windows[i].1);
            let window = TimeWindow::new(start, end)?;
            let status = if day <= self.ctx.anchor || self.r.chance(65) {
                AppointmentStatus::Confirmed
            } else {
                AppointmentStatus::Planned
            };
            let note = self
                .r
                .chance(15)
                .then(|| self.r.pick(APPOINTMENT_NOTES).to_string());
            let a = Appointment {
                id: AppointmentId(self.ctx.ids.at(planned_at)),
                technician_id: self.ctx.techs[t].id,
                resident_id: self.residents[visit.res as usize].id,
                window,
                status,
                note,
            };
            let jobs: Vec<Job> = visit
                .jobs
                .iter()
                .map(|j| Job {
                    id: JobId(self.ctx.ids.at(planned_at)),
                    appointment_id: a.id,
                    kind: j.kind,
                    device_id: j.device.map(|d| self.devices.list[d as usize].id),
                    order_id: j.order,
                    malfunction_id: j.malfunction,
                    status: JobStatus::Open,
                })
                .collect();
            w.upsert_appointment(&a, &jobs)?;
            self.pools.visits[visit.res as usize] += 1;
            self.summary.appointments += 1;
            self.summary.jobs += jobs.len() as u32;
        }
        Ok(())
    }
}

/// Assigns every open malfunction to a mechanic and a planned day: class B/C the day they
/// were reported (or the next working day), class A within its 2 working days.
fn assign_repairs(
    ctx: &Ctx,
    residents: &[Res],
    devices: &Devices,
    days: &[NaiveDate],
) -> BTreeMap<(usize, usize), Vec<u32>> {
    let mut out: BTreeMap<(usize, usize), Vec<u32>> = BTreeMap::new();
    let mechanics: Vec<usize> = (0..ctx.techs.len())
        .filter(|t| ctx.techs[*t].role == TechnicianRole::Mechanic)
        .collect();
    if mechanics.is_empty() {
        return out;
    }
    let mut load: BTreeMap<(usize, NaiveDate), usize> = BTreeMap::new();
    for (i, m) in devices.mals.iter().enumerate() {
        let muni = residents[m.res as usize].muni;
        let reported = local_date(m.reported_at).max(ctx.anchor);
        let first = ctx.workday_from(reported);
        let second = ctx.workday_from(first.succ_opt().unwrap_or(first));
        // The least busy mechanic of the area; class A may wait a working day.
        let candidates: Vec<usize> = match m.mechanic {
            Some(t) => vec![t],
            None => {
                let local: Vec<usize> = mechanics
                    .iter()
                    .copied()
                    .filter(|t| ctx.techs[*t].areas.contains(&muni))
                    .collect();
                if local.is_empty() {
                    mechanics.clone()
                } else {
                    local
                }
            }
        };
        let class_a = m.class == veldwerk_core::sla::ResponseClass::A;
        let mut best: Option<(usize, usize, NaiveDate)> = None;
        for &t in &candidates {
            for (k, day) in [first, second].into_iter().enumerate() {
                if k == 1 && !class_a {
                    break;
                }
                let busy = load.get(&(t, day)).copied().unwrap_or(0) + k * 2;
                if best.is_none_or(|(b, _, _)| busy < b) {
                    best = Some((busy, t, day));
                }
            }
        }
        let Some((_, t, day)) = best else { continue };
        *load.entry((t, day)).or_default() += 1;
        if let Some(k) = days.iter().position(|d| *d == day) {
            out.entry((t, k)).or_default().push(i as u32);
        }
    }
    out
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
