//! How a technician's update changes master data on the portal: the same rules the app's
//! store applies locally (crates/store/src/jobs/complete.rs), so both sides end equal.

use veldwerk_core::ids::JobId;
use veldwerk_core::jobs::{
    DeviceChanges, MalfunctionUpdate, OrderUpdate, ResidentLink, SlingUpdate,
};
use veldwerk_core::model::{AppointmentStatus, Device, JobStatus, Malfunction, Order, Sling};
use veldwerk_sync::protocol::AppointmentWithJobs;

/// Sets the fields that are set; the battery's capacity and test date change only when the
/// device has a battery (none is invented).
pub fn device(d: &mut Device, c: &DeviceChanges) {
    if let Some(v) = c.status {
        d.status = v;
    }
    match c.resident {
        Some(ResidentLink::Resident(r)) => d.resident_id = Some(r),
        Some(ResidentLink::Nobody) => d.resident_id = None,
        None => {}
    }
    let dates = [
        (
            &mut d.last_preventive_maintenance_on,
            c.last_preventive_maintenance_on,
        ),
        (&mut d.next_maintenance_due, c.next_maintenance_due),
        (&mut d.next_inspection_due, c.next_inspection_due),
        (&mut d.last_malfunction_on, c.last_malfunction_on),
        (
            &mut d.last_misuse_maintenance_on,
            c.last_misuse_maintenance_on,
        ),
        (&mut d.first_delivered_on, c.first_delivered_on),
        (&mut d.last_delivered_on, c.last_delivered_on),
    ];
    for (field, value) in dates {
        if value.is_some() {
            *field = value;
        }
    }
    if let Some(b) = d.battery.as_mut() {
        if c.battery_capacity_pct.is_some() {
            b.capacity_pct = c.battery_capacity_pct;
        }
        if c.battery_tested_on.is_some() {
            b.tested_on = c.battery_tested_on;
        }
    }
    if let Some(v) = c.catalogue_value_cents {
        d.catalogue_value_cents = v;
    }
}

pub fn sling(s: &mut Sling, u: &SlingUpdate) {
    if let Some(v) = u.status {
        s.status = v;
    }
    if u.next_inspection_due.is_some() {
        s.next_inspection_due = u.next_inspection_due;
    }
}

/// The first recorded arrival counts; a later resolution replaces an earlier one.
pub fn malfunction(m: &mut Malfunction, u: &MalfunctionUpdate) {
    if m.arrived_at.is_none() {
        m.arrived_at = u.arrived_at;
    }
    if u.resolved_at.is_some() {
        m.resolved_at = u.resolved_at;
    }
    if let Some(v) = u.status {
        m.status = v;
    }
    if let Some(v) = u.drive_related {
        m.drive_related = v;
    }
}

pub fn order(o: &mut Order, u: &OrderUpdate) {
    o.status = u.status;
}

/// Closes jobs of an appointment with `status`; when none is left open the visit is over:
/// done when any job was completed, not home when none could proceed. Returns whether
/// anything changed.
pub fn close_jobs(a: &mut AppointmentWithJobs, jobs: &[JobId], status: JobStatus) -> bool {
    let mut changed = false;
    for j in a.jobs.iter_mut().filter(|j| jobs.contains(&j.id)) {
        if j.status != status {
            j.status = status;
            changed = true;
        }
    }
    let open = a
        .jobs
        .iter()
        .any(|j| !matches!(j.status, JobStatus::Completed | JobStatus::CannotProceed));
    if !open && !a.jobs.is_empty() {
        let done = a.jobs.iter().any(|j| j.status == JobStatus::Completed);
        let s = if done {
            AppointmentStatus::Done
        } else {
            AppointmentStatus::NotHome
        };
        if a.appointment.status != s {
            a.appointment.status = s;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use uuid::Uuid;
    use veldwerk_core::ids::*;
    use veldwerk_core::model::*;

    fn visit(jobs: usize) -> AppointmentWithJobs {
        let t = chrono::Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
        let appointment = Appointment {
            id: AppointmentId(Uuid::from_u128(1)),
            technician_id: TechnicianId(Uuid::from_u128(2)),
            resident_id: ResidentId(Uuid::from_u128(3)),
            window: TimeWindow::new(t, t + chrono::Duration::hours(1)).unwrap(),
            status: AppointmentStatus::Planned,
            note: None,
        };
        let jobs = (0..jobs)
            .map(|i| Job {
                id: JobId(Uuid::from_u128(10 + i as u128)),
                appointment_id: appointment.id,
                kind: JobKind::Repair,
                device_id: None,
                order_id: None,
                malfunction_id: None,
                status: JobStatus::Open,
            })
            .collect();
        AppointmentWithJobs { appointment, jobs }
    }

    #[test]
    fn a_visit_ends_when_no_job_is_open() {
        let mut a = visit(2);
        let (j0, j1) = (a.jobs[0].id, a.jobs[1].id);
        assert!(close_jobs(&mut a, &[j0], JobStatus::Completed));
        assert_eq!(a.appointment.status, AppointmentStatus::Planned);
        assert!(close_jobs(&mut a, &[j1], JobStatus::CannotProceed));
        assert_eq!(a.appointment.status, AppointmentStatus::Done);
        assert!(
            !close_jobs(&mut a, &[j1], JobStatus::CannotProceed),
            "no change twice"
        );

        let mut b = visit(1);
        let j = b.jobs[0].id;
        close_jobs(&mut b, &[j], JobStatus::CannotProceed);
        assert_eq!(b.appointment.status, AppointmentStatus::NotHome);
    }

    #[test]
    fn the_first_arrival_counts() {
        let t = chrono::Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
        let mut m = Malfunction {
            id: MalfunctionId(Uuid::from_u128(1)),
            device_id: DeviceId(Uuid::from_u128(2)),
            resident_id: ResidentId(Uuid::from_u128(3)),
            reported_at: t,
            class: veldwerk_core::sla::ResponseClass::B,
            description: "lekke band".into(),
            drive_related: false,
            status: MalfunctionStatus::Open,
            arrived_at: Some(t),
            resolved_at: None,
        };
        let later = t + chrono::Duration::hours(1);
        let id = m.id;
        malfunction(
            &mut m,
            &MalfunctionUpdate {
                malfunction_id: id,
                arrived_at: Some(later),
                resolved_at: Some(later),
                status: Some(MalfunctionStatus::Resolved),
                drive_related: None,
            },
        );
        assert_eq!(m.arrived_at, Some(t));
        assert_eq!(m.resolved_at, Some(later));
        assert_eq!(m.status, MalfunctionStatus::Resolved);
    }
}
