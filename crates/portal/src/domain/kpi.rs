//! The contract's measured outcomes as the office sees them: first time right (KPI 6.4,
//! PvE 9.1.5d) per quarter, from the job reports that arrived and the jobs they belong to.
//! The measurement itself is core's ([`veldwerk_core::kpi::first_time_right`]); this only
//! gathers its input.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::HashMap;
use veldwerk_core::ids::JobId;
use veldwerk_core::jobs::JobReport;
use veldwerk_core::kpi::{first_time_right, DoneWork, FirstTimeRight};
use veldwerk_core::model::Job;
use veldwerk_sync::protocol::AppointmentWithJobs;

/// The first day of the quarter holding `day`.
pub fn quarter_start(day: NaiveDate) -> NaiveDate {
    let month = (day.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day)
}

/// The quarter before the one starting on `start`: its first and last day.
pub fn previous_quarter(start: NaiveDate) -> (NaiveDate, NaiveDate) {
    let last = start.pred_opt().unwrap_or(start);
    (quarter_start(last), last)
}

/// The jobs of the visits the portal holds.
pub fn jobs_of(visits: &[AppointmentWithJobs]) -> impl Iterator<Item = &Job> {
    visits.iter().flat_map(|v| v.jobs.iter())
}

/// The completed work the measurement needs: each report with its job's order and device.
/// A report whose job the portal does not know still counts by its own kind.
pub fn done_work<'a>(jobs: impl Iterator<Item = &'a Job>, reports: &[JobReport]) -> Vec<DoneWork> {
    let jobs: HashMap<JobId, &Job> = jobs.map(|j| (j.id, j)).collect();
    reports
        .iter()
        .map(|r| {
            let job = jobs.get(&r.job_id);
            DoneWork {
                kind: r.kind,
                order_id: job.and_then(|j| j.order_id),
                device_id: job.and_then(|j| j.device_id),
                completed_at: r.completed_at,
            }
        })
        .collect()
}

/// First time right for the deliveries of `from..=to`, as known at `now`.
pub fn first_time_right_between(
    work: &[DoneWork],
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> FirstTimeRight {
    let days = veldwerk_core::contract::current().first_time_right_days;
    first_time_right(work, from, to, days, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use veldwerk_core::ids::{AppointmentId, DeviceId, JobReportId, OrderId};
    use veldwerk_core::model::{JobKind, JobStatus};

    fn id() -> uuid::Uuid {
        uuid::Uuid::now_v7()
    }

    fn job(kind: JobKind, order: OrderId, device: DeviceId) -> Job {
        Job {
            id: JobId(id()),
            appointment_id: AppointmentId(id()),
            kind,
            device_id: Some(device),
            order_id: Some(order),
            malfunction_id: None,
            status: JobStatus::Completed,
        }
    }

    fn report(j: &Job, month: u32, day: u32) -> JobReport {
        JobReport {
            id: JobReportId(id()),
            job_id: j.id,
            kind: j.kind,
            template_id: "t".into(),
            template_version: 1,
            answers: Default::default(),
            started_at: Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0).unwrap(),
            completed_at: Utc.with_ymd_and_hms(2026, month, day, 10, 0, 0).unwrap(),
            technician: "Monteur".into(),
            notices: Vec::new(),
        }
    }

    #[test]
    fn quarters() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(quarter_start(d(12, 6)), d(10, 1));
        assert_eq!(quarter_start(d(1, 1)), d(1, 1));
        assert_eq!(quarter_start(d(6, 30)), d(4, 1));
        assert_eq!(previous_quarter(d(10, 1)), (d(7, 1), d(9, 30)));
        assert_eq!(
            previous_quarter(d(1, 1)),
            (
                NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
                NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
            )
        );
    }

    /// A report finds its job's order: an adjustment of the same order within the period
    /// makes the delivery not right the first time; another order's is right; a delivery
    /// whose period runs on is open.
    #[test]
    fn reports_are_measured_by_their_jobs_orders() {
        let (o1, o2, o3) = (OrderId(id()), OrderId(id()), OrderId(id()));
        let (d1, d2, d3) = (DeviceId(id()), DeviceId(id()), DeviceId(id()));
        let jobs = [
            job(JobKind::Delivery, o1, d1),
            job(JobKind::Adjustment, o1, d1),
            job(JobKind::Delivery, o2, d2),
            job(JobKind::Delivery, o3, d3),
        ];
        let reports = [
            report(&jobs[0], 7, 6),
            report(&jobs[1], 7, 20),
            report(&jobs[2], 8, 3),
            report(&jobs[3], 9, 28),
        ];
        let work = done_work(jobs.iter(), &reports);
        assert_eq!(work[1].order_id, Some(o1), "the adjustment found its order");
        let now = Utc.with_ymd_and_hms(2026, 10, 5, 12, 0, 0).unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let ftr = first_time_right_between(&work, d(7, 1), d(9, 30), now);
        assert_eq!((ftr.measured, ftr.right, ftr.open), (2, 1, 1), "{ftr:?}");
        // without the jobs the adjustment belongs to no order: both measured deliveries right
        let blind = done_work(std::iter::empty(), &reports);
        let ftr = first_time_right_between(&blind, d(7, 1), d(9, 30), now);
        assert_eq!((ftr.measured, ftr.right), (2, 2));
    }
}
