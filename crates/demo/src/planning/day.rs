//! One technician's day, planned and written.

use super::pools::Visit;
use super::windows::make_windows;
use super::Planner;
use crate::data::APPOINTMENT_NOTES;
use crate::{days_before, local_time};
use chrono::{Duration, NaiveDate};
use veldwerk_core::ids::{AppointmentId, JobId};
use veldwerk_core::model::{
    Appointment, AppointmentStatus, Job, JobStatus, TechnicianRole, TimeWindow,
};
use veldwerk_store::{StoreError, Writer};

impl Planner<'_> {
    /// Plans and writes one technician's day.
    pub(super) fn day(
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
