//! One technician's day, planned and written: urgent repairs as early as their report
//! allows, then the other repairs, the showcase and the usual visits in the time left; what
//! the office must see (a repair planned late, maintenance overdue) in the note.

use super::notes;
use super::pools::Visit;
use super::repairs::Assigned;
use super::windows::{layout, minutes_on};
use super::Planner;
use crate::data::APPOINTMENT_NOTES;
use crate::{days_before, local_time};
use chrono::NaiveDate;
use veldwerk_core::ids::{AppointmentId, JobId};
use veldwerk_core::model::{
    Appointment, AppointmentStatus, Job, JobStatus, TechnicianRole, TimeWindow,
};
use veldwerk_core::sla::ResponseClass;
use veldwerk_store::{StoreError, Writer};

/// At most this many visits a day.
const MAX_VISITS: usize = 7;

impl Planner<'_> {
    /// Plans and writes one technician's day. `showcase` is the technician's rank among
    /// those of the same role when the day is the demo's first working day.
    pub(super) fn day(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        repairs: &[Assigned],
        showcase: Option<usize>,
    ) -> Result<(), StoreError> {
        // The mechanic's own report first, then the others of this morning, then class A
        // ones, oldest first (a full day leaves the last for the office to plan).
        let mut repairs = repairs.to_vec();
        repairs.sort_by_key(|a| {
            let m = &self.devices.mals[a.mal as usize];
            (
                m.mechanic != Some(t),
                m.class == ResponseClass::A,
                m.reported_at,
                a.mal,
            )
        });
        // The showcase first, so that repairs beyond a full day (left for the office to
        // plan) never push it out.
        let show = match showcase {
            Some(rank) => {
                let taken: Vec<u32> = repairs
                    .iter()
                    .map(|a| self.devices.mals[a.mal as usize].res)
                    .collect();
                self.showcase(w, t, day, &taken, rank)?
            }
            None => Vec::new(),
        };
        repairs.truncate(MAX_VISITS.saturating_sub(show.len()));
        let mut visits: Vec<Visit> = repairs
            .into_iter()
            .map(|a| self.repair_visit(a, day))
            .collect();
        visits.extend(show);
        let n = (self.r.range(4, 7) as usize)
            .max(visits.len())
            .min(MAX_VISITS);
        let (mut urgent, normal): (Vec<Visit>, Vec<Visit>) =
            visits.into_iter().partition(|v| v.urgent.is_some());
        // The most pressing deadline first.
        urgent.sort_by_key(|v| v.urgent.map(|u| (u.on_site_by, u.earliest)));
        let earliest: Vec<u32> = urgent
            .iter()
            .filter_map(|v| v.urgent.map(|u| minutes_on(day, u.earliest)))
            .collect();
        let wanted = n.saturating_sub(urgent.len()).max(normal.len());
        let (pinned, slots) = layout(&mut self.r, &earliest, wanted);
        let mut plan: Vec<((u32, u32), Visit)> = Vec::new();
        for (v, w) in urgent.into_iter().zip(pinned) {
            // A report that no longer fits the day stays for the office to plan.
            if let Some(window) = w {
                plan.push((window, v));
            }
        }
        let mut slots = slots.into_iter();
        for v in normal {
            match slots.next() {
                Some(window) => plan.push((window, v)),
                None => break,
            }
        }
        let mut today: Vec<u32> = plan.iter().map(|(_, v)| v.res).collect();
        for window in slots {
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
                plan.push((window, v));
            }
        }
        plan.sort_by_key(|(window, _)| *window);
        self.write_day(w, t, day, plan)
    }

    /// Writes technician `t`'s visits of `day`, in the windows given (in time order); an
    /// urgent visit reached after its on-site deadline says so in its note.
    pub(super) fn write_day(
        &mut self,
        w: &Writer<'_>,
        t: usize,
        day: NaiveDate,
        plan: Vec<((u32, u32), Visit)>,
    ) -> Result<(), StoreError> {
        let usual = local_time(days_before(day.min(self.ctx.anchor), 3), 16 * 60);
        for ((from, to), mut visit) in plan {
            // An urgent visit is planned when the report comes in.
            let planned_at = visit.urgent.map_or(usual, |u| u.reported_at.max(usual));
            let start = local_time(day, from);
            let window = TimeWindow::new(start, local_time(day, to))?;
            if let Some(u) = visit.urgent.filter(|u| start >= u.on_site_by) {
                visit.flags.insert(0, notes::late_on_site(&u, start));
            }
            let status = if day <= self.ctx.anchor || self.r.chance(65) {
                AppointmentStatus::Confirmed
            } else {
                AppointmentStatus::Planned
            };
            let practical = self.r.chance(15).then(|| *self.r.pick(APPOINTMENT_NOTES));
            let a = Appointment {
                id: AppointmentId(self.ctx.ids.at(planned_at)),
                technician_id: self.ctx.techs[t].id,
                resident_id: self.residents[visit.res as usize].id,
                window,
                status,
                note: notes::note(&visit.flags, practical),
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
