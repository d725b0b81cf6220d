//! The demo's planning looks like reality, for anchors of every kind (a weekday, a
//! Saturday, a Sunday, the day before Christmas, Easter Monday): repairs within their
//! class's deadlines (the few that are not say so in the appointment's note), maintenance
//! and inspections near their due date (overdue ones say so), and every kind of guided job
//! on the first working day.

mod common;

use chrono::{Duration, NaiveDate};
use common::{anchors, build, seed};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use veldwerk_core::ids::{DeviceId, MalfunctionId, TechnicianId};
use veldwerk_core::model::{
    Appointment, Device, DeviceStatus, Job, JobKind, Malfunction, TechnicianRole,
};
use veldwerk_core::sla::{local_date, repair_deadlines, ResponseClass};
use veldwerk_core::WorkingDayCalendar;
use veldwerk_demo::{DemoConfig, MAINTENANCE_LEAD_DAYS, NOTE_LATE, NOTE_OVERDUE};
use veldwerk_store::export::MasterData;

/// The small demo for each anchor, generated once for all tests of this file.
fn demos() -> &'static [(NaiveDate, MasterData)] {
    static DEMOS: OnceLock<Vec<(NaiveDate, MasterData)>> = OnceLock::new();
    DEMOS.get_or_init(|| {
        anchors()
            .into_iter()
            .map(|a| (a, build(&DemoConfig::small(a).with_seed(seed())).master))
            .collect()
    })
}

struct Index<'a> {
    devices: BTreeMap<DeviceId, &'a Device>,
    malfunctions: BTreeMap<MalfunctionId, &'a Malfunction>,
}

fn index(m: &MasterData) -> Index<'_> {
    Index {
        devices: m.devices.iter().map(|d| (d.id, d)).collect(),
        malfunctions: m.malfunctions.iter().map(|x| (x.id, x)).collect(),
    }
}

fn note(a: &Appointment) -> &str {
    a.note.as_deref().unwrap_or("")
}

fn jobs(m: &MasterData) -> impl Iterator<Item = (&Appointment, &Job)> {
    m.appointments
        .iter()
        .flat_map(|(a, js)| js.iter().map(move |j| (a, j)))
}

#[test]
fn repairs_are_planned_within_their_deadlines_except_the_flagged_ones() {
    let cal = WorkingDayCalendar::dutch_legal();
    for (anchor, m) in demos() {
        let ix = index(m);
        let (mut repairs, mut late) = (0, 0);
        let mut planned: BTreeSet<MalfunctionId> = BTreeSet::new();
        for (a, j) in jobs(m).filter(|(_, j)| j.kind == JobKind::Repair) {
            let mf = ix.malfunctions[&j.malfunction_id.expect("a repair has its malfunction")];
            planned.insert(mf.id);
            let (start, end) = (a.window.start, a.window.end);
            // The technician's arrival is planned at the window's start, the repair done
            // by its end.
            let d = repair_deadlines(mf.class, mf.reported_at, Some(start), &cal);
            let on_time = start > mf.reported_at
                && d.on_site_by.is_none_or(|by| start < by)
                && end <= d.fixed_by;
            let flagged = note(a).contains(NOTE_LATE);
            assert!(
                start > mf.reported_at,
                "{anchor}: a visit at {start} before the report at {}",
                mf.reported_at
            );
            assert_eq!(
                on_time,
                !flagged,
                "{anchor}: class {:?} reported {} planned {start}-{end} (deadlines {d:?}), note {:?}",
                mf.class,
                mf.reported_at,
                a.note
            );
            repairs += 1;
            late += usize::from(flagged);
        }
        // A few are late on purpose, most are not.
        assert!(late >= 1, "{anchor}: no repair planned late");
        assert!(
            late * 3 <= repairs,
            "{anchor}: {late} of {repairs} repairs late"
        );
        // Every urgent report is planned.
        for mf in m
            .malfunctions
            .iter()
            .filter(|x| x.class != ResponseClass::A)
        {
            assert!(planned.contains(&mf.id), "{anchor}: {mf:?} not planned");
        }
    }
}

/// The case: on a Sunday anchor the urgent reports come in on Monday morning, when
/// the mechanics work, and are reached within their hours.
#[test]
fn urgent_reports_of_a_sunday_demo_are_reached_in_time() {
    let cal = WorkingDayCalendar::dutch_legal();
    let (anchor, m) = demos()
        .iter()
        .find(|(a, _)| *a == common::date(2026, 12, 6))
        .unwrap();
    let ix = index(m);
    let monday = anchor.succ_opt().unwrap();
    let mut in_time = 0;
    for (a, j) in jobs(m).filter(|(_, j)| j.kind == JobKind::Repair) {
        let mf = ix.malfunctions[&j.malfunction_id.unwrap()];
        if mf.class == ResponseClass::A {
            continue;
        }
        assert_eq!(local_date(mf.reported_at), monday);
        assert_eq!(local_date(a.window.start), monday);
        let d = repair_deadlines(mf.class, mf.reported_at, Some(a.window.start), &cal);
        if a.window.start < d.on_site_by.unwrap() {
            in_time += 1;
        }
    }
    assert!(in_time >= 2, "{in_time} urgent repairs reached in time");
}

#[test]
fn maintenance_and_inspections_are_planned_near_their_due_date() {
    for (anchor, m) in demos() {
        let ix = index(m);
        let (mut upkeep, mut overdue) = (0, 0);
        let mut seen: BTreeSet<DeviceId> = BTreeSet::new();
        for (a, js) in &m.appointments {
            let day = local_date(a.window.start);
            let mut late_here = 0;
            for j in js {
                let d = match j.kind {
                    JobKind::PreventiveMaintenance | JobKind::HoistInspection => {
                        ix.devices[&j.device_id.unwrap()]
                    }
                    _ => continue,
                };
                let due = if j.kind == JobKind::HoistInspection {
                    d.next_inspection_due.or(d.next_maintenance_due)
                } else {
                    d.next_maintenance_due
                };
                let due = due.expect("a device in use has its next maintenance date");
                assert!(seen.insert(d.id), "{anchor}: device planned twice");
                upkeep += 1;
                if day > due {
                    late_here += 1;
                    assert!(
                        note(a).contains(&veldwerk_core::words::date(due).nl),
                        "{anchor}: overdue since {due} on {day}, note {:?}",
                        a.note
                    );
                } else {
                    assert!(
                        (due - day).num_days() <= MAINTENANCE_LEAD_DAYS,
                        "{anchor}: {:?} planned {day}, due {due}",
                        j.kind
                    );
                }
            }
            // The note says "overdue" exactly when a job of the visit is.
            assert_eq!(
                note(a).contains(NOTE_OVERDUE),
                late_here > 0,
                "{anchor}: note {:?}",
                a.note
            );
            overdue += late_here;
        }
        assert!(upkeep >= 60, "{anchor}: only {upkeep} maintenance jobs");
        assert!(
            overdue * 4 <= upkeep,
            "{anchor}: {overdue} of {upkeep} overdue"
        );
    }
}

#[test]
fn the_first_working_day_shows_every_kind_of_guided_job() {
    let cal = WorkingDayCalendar::dutch_legal();
    for (anchor, m) in demos() {
        let ix = index(m);
        let day = cal.next_working_day(*anchor - Duration::days(1));
        assert!(day >= *anchor && cal.is_working_day(day));
        let mut kinds: BTreeSet<&str> = BTreeSet::new();
        let mut by_role: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        let role: BTreeMap<TechnicianId, TechnicianRole> =
            m.technicians.iter().map(|t| (t.id, t.role)).collect();
        for (a, j) in jobs(m).filter(|(a, _)| local_date(a.window.start) == day) {
            kinds.insert(j.kind.code());
            by_role
                .entry(format!("{:?}", role[&a.technician_id]))
                .or_default()
                .insert(j.kind.code());
            match j.kind {
                JobKind::LoanDevice | JobKind::Delivery => {
                    let d = ix.devices[&j.device_id.unwrap()];
                    assert_eq!(d.status, DeviceStatus::InDepot, "{anchor}: {:?}", j.kind);
                }
                JobKind::HoistInspection => {
                    let hoist = j.device_id.unwrap();
                    assert!(m.slings.iter().any(|s| s.hoist_id == hoist));
                }
                _ => {}
            }
        }
        let all: BTreeSet<&str> = JobKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(kinds, all, "{anchor}: {day}");
        assert!(by_role.len() >= 2, "{anchor}: across the technicians");
    }
}

/// Every technician has 4-7 visits on every planned day, whatever the anchor.
#[test]
fn every_planned_day_is_a_full_day() {
    for (anchor, m) in demos() {
        let days = DemoConfig::small(*anchor).planned_days();
        let mut per_day: BTreeMap<(TechnicianId, NaiveDate), usize> = BTreeMap::new();
        for (a, _) in &m.appointments {
            *per_day
                .entry((a.technician_id, local_date(a.window.start)))
                .or_default() += 1;
        }
        assert_eq!(per_day.len(), m.technicians.len() * days.len(), "{anchor}");
        for ((t, d), n) in per_day {
            assert!((4..=7).contains(&n), "{anchor}: {t} has {n} visits on {d}");
        }
    }
}

/// The end-to-end tests choose, on the first day with visits, the first mechanic by name
/// with a job of a kind and take its first such job: a class B repair must then have a loan
/// device of its category in the depot, and a hoist inspection two slings in use.
#[test]
fn the_jobs_the_end_to_end_tests_take_first_are_the_showcase_ones() {
    use veldwerk_core::model::SlingStatus;
    let cal = WorkingDayCalendar::dutch_legal();
    // The end-to-end clock's day and the IPC tests' anchor.
    for anchor in [common::date(2026, 11, 25), common::date(2026, 3, 30)] {
        // The end-to-end tests run the default seed (which names the technicians).
        let g = build(&DemoConfig::small(anchor));
        let s = &g.store;
        let mut mechanics = s.technicians().unwrap();
        mechanics.retain(|t| t.role == TechnicianRole::Mechanic);
        mechanics.sort_by(|a, b| a.name.cmp(&b.name));
        let first_job = |kind: JobKind, ok: &dyn Fn(&veldwerk_store::views::JobCard) -> bool| {
            mechanics.iter().find_map(|t| {
                let today = s.today(t.id, anchor, &cal).unwrap();
                let jobs: Vec<_> = today
                    .appointments
                    .into_iter()
                    .flat_map(|a| a.jobs)
                    .filter(|j| j.kind == kind && ok(j))
                    .collect();
                jobs.into_iter().next()
            })
        };
        let b = |j: &veldwerk_store::views::JobCard| {
            j.repair
                .as_ref()
                .is_some_and(|r| r.malfunction.class == ResponseClass::B)
        };
        let repair = first_job(JobKind::Repair, &b).expect("a class B repair");
        let category = repair.device.as_ref().unwrap().category;
        assert!(
            !s.loan_candidates(category).unwrap().is_empty(),
            "{anchor}: no loan device for category {}",
            category.code()
        );
        let hoist = first_job(JobKind::HoistInspection, &|_| true).expect("a hoist inspection");
        let p = s.passport(hoist.device.unwrap().id, anchor, &cal).unwrap();
        let in_use = p
            .slings
            .iter()
            .filter(|x| x.status == SlingStatus::InUse)
            .count();
        assert!(in_use >= 2, "{anchor}: the first hoist has {in_use} slings");
        let c7 = |j: &veldwerk_store::views::JobCard| {
            j.device
                .as_ref()
                .is_some_and(|d| d.category == veldwerk_core::Category::C7)
        };
        assert!(first_job(JobKind::PreventiveMaintenance, &c7).is_some());
    }
}
