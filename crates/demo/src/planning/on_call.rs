//! The on-call service of a weekend or public holiday. Class B and C malfunctions are
//! reported any day and served 24/7: when the demo's day is not a working day, its urgent
//! reports came in that night and early morning, before 08:00, and the mechanic on call (a
//! rota over the weeks, [`crate::Ctx::on_call`]) reaches each within its on-site deadline
//! that day, in one-hour visits that hold only the repair, the most pressing deadline first
//! among the reports in by then. Among them is the showcase's class B report of 07:35 on a
//! device with loan devices in the depot. Should one mechanic not reach a report in time,
//! the next of the rota is called in (the larger demo sets); only when none can is a visit
//! planned late (its note says so), and what does not fit the day is left to the office.

use super::mechanic::TRAVEL_MINUTES;
use super::pools::{JobSpec, Urgent, Visit};
use super::showcase::SHOWCASE_REPORT;
use super::windows::{minutes_on, Window, DAY_END};
use super::Planner;
use crate::local_time;
use chrono::{Duration, NaiveDate};
use veldwerk_core::model::JobKind;
use veldwerk_core::sla::{repair_deadlines, ResponseClass};
use veldwerk_store::{StoreError, Writer};

/// An on-call visit's window: arrival at its start, the repair done by its end.
const CALL_MINUTES: u32 = 60;

impl Planner<'_> {
    /// Plans and writes the on-call visits of `day` (not a working day) for the urgent
    /// reports `calls` (indices into the open malfunctions) and the showcase's class B one.
    pub(super) fn on_call(
        &mut self,
        w: &Writer<'_>,
        day: NaiveDate,
        calls: &[u32],
    ) -> Result<(), StoreError> {
        let rota = self.ctx.on_call(day);
        let Some(&first) = rota.first() else {
            return Ok(());
        };
        let mut visits: Vec<Visit> = calls.iter().map(|i| self.call(*i)).collect();
        let mut taken: Vec<u32> = visits.iter().map(|v| v.res).collect();
        let areas = self.ctx.techs[first].areas;
        let reported_at = local_time(day, SHOWCASE_REPORT);
        if let Some(v) =
            self.loanable_repair(w, areas, &mut taken, ResponseClass::B, reported_at)?
        {
            visits.push(v);
        }
        for (k, &t) in rota.iter().enumerate() {
            if visits.is_empty() {
                break;
            }
            let (plan, rest) = round(visits, day, k + 1 == rota.len());
            self.write_day(w, t, day, plan)?;
            visits = rest;
        }
        // What no one could take that day stays for the office to plan.
        Ok(())
    }

    /// The on-call visit of open malfunction `i`: its repair only.
    fn call(&self, i: u32) -> Visit {
        let m = &self.devices.mals[i as usize];
        let deadlines = repair_deadlines(m.class, m.reported_at, None, &self.ctx.cal);
        Visit {
            urgent: deadlines.on_site_by.map(|on_site_by| Urgent {
                class: m.class,
                reported_at: m.reported_at,
                earliest: m.reported_at + Duration::minutes(TRAVEL_MINUTES),
                on_site_by,
            }),
            ..Visit::new(
                m.res,
                vec![JobSpec {
                    malfunction: Some(m.id),
                    ..JobSpec::on(JobKind::Repair, m.device)
                }],
            )
        }
    }
}

/// One mechanic's round on `day`: from the first quarter hour a report allows, one visit
/// after the other, each time the most pressing on-site deadline among the reports in by
/// then. A report this mechanic cannot reach in time is left for the next (returned), unless
/// `all`: then it is planned late, as long as the day lasts (until 17:30).
fn round(mut pending: Vec<Visit>, day: NaiveDate, all: bool) -> (Vec<(Window, Visit)>, Vec<Visit>) {
    let ready = |v: &Visit| {
        v.urgent
            .map_or(0, |u| minutes_on(day, u.earliest).div_ceil(15) * 15)
    };
    let (mut plan, mut rest) = (Vec::new(), Vec::new());
    let mut free = 0;
    while let Some(next) = pending.iter().map(ready).min() {
        let at = free.max(next);
        let Some(i) = (0..pending.len())
            .filter(|i| ready(&pending[*i]) <= at)
            .min_by_key(|i| {
                (
                    pending[*i].urgent.map(|u| u.on_site_by),
                    ready(&pending[*i]),
                )
            })
        else {
            break;
        };
        let v = pending.remove(i);
        let in_time = v.urgent.is_none_or(|u| local_time(day, at) < u.on_site_by);
        if (in_time || all) && at + CALL_MINUTES <= DAY_END {
            plan.push(((at, at + CALL_MINUTES), v));
            free = at + CALL_MINUTES;
        } else {
            rest.push(v);
        }
    }
    (plan, rest)
}
