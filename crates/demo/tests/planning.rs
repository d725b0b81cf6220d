//! The demo's planning looks like reality, for anchors of every kind (a weekday, a
//! Saturday, a Sunday, the day before Christmas, Easter Monday): nothing dated after the
//! anchor day's morning but planned visits, repairs within their class's deadlines (the few
//! that are not say so in the appointment's note; a weekend's or holiday's urgent reports
//! served on call that day), maintenance and inspections near their due date (overdue ones
//! say so), and every kind of guided job on the first working day.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::{anchors, build, seed};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use veldwerk_core::ids::{DeviceId, MalfunctionId, TechnicianId};
use veldwerk_core::model::{
    Appointment, Device, DeviceStatus, Job, JobKind, JobStatus, Malfunction, TechnicianRole,
};
use veldwerk_core::sla::{local_date, repair_deadlines, ResponseClass, LOCAL_TZ};
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

/// 08:00 (Amsterdam) on the anchor day: the demo's "today" at the earliest time a user is
/// assumed to start it. Nothing a user sees is dated later (only planned visits lie ahead).
fn morning(anchor: NaiveDate) -> DateTime<Utc> {
    LOCAL_TZ
        .from_local_datetime(&anchor.and_hms_opt(8, 0, 0).unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn nothing_a_user_sees_is_dated_after_the_anchor_mornings_now() {
    for (anchor, m) in demos() {
        let now = morning(*anchor);
        for mf in &m.malfunctions {
            assert!(
                mf.reported_at <= now,
                "{anchor}: class {:?} reported at {} (now {now})",
                mf.class,
                mf.reported_at
            );
            for t in mf.arrived_at.iter().chain(&mf.resolved_at) {
                assert!(*t <= now, "{anchor}: {mf:?}");
            }
        }
        for e in &m.logbook {
            assert!(
                e.occurred_at <= now && e.recorded_at <= now,
                "{anchor}: {:?} occurred {} recorded {}",
                e.kind,
                e.occurred_at,
                e.recorded_at
            );
        }
        for (a, j) in jobs(m).filter(|(_, j)| j.status != JobStatus::Open) {
            assert!(
                a.window.end <= now,
                "{anchor}: {:?} done at {}",
                j.kind,
                a.window.end
            );
        }
        for o in &m.orders {
            assert!(
                o.ordered_on <= *anchor,
                "{anchor}: ordered on {}",
                o.ordered_on
            );
        }
        for d in &m.devices {
            let done = [
                d.first_issued_on,
                d.first_delivered_on,
                d.last_delivered_on,
                d.last_preventive_maintenance_on,
                d.last_malfunction_on,
                d.last_misuse_maintenance_on,
            ];
            assert!(
                done.iter().flatten().all(|day| day <= anchor),
                "{anchor}: {done:?}"
            );
        }
        for sl in &m.slings {
            let done = [sl.manufactured_on, sl.in_use_since];
            assert!(done.iter().flatten().all(|day| day <= anchor), "{anchor}");
        }
    }
}

/// On a weekend or public holiday the urgent reports come in that morning and the mechanic
/// on call reaches every one within its deadlines that day, in visits holding only those
/// repairs; the other technicians have the day off.
#[test]
fn urgent_reports_of_a_day_off_are_served_on_call_that_day() {
    let cal = WorkingDayCalendar::dutch_legal();
    let mut days_off = 0;
    for (anchor, m) in demos().iter().filter(|(a, _)| !cal.is_working_day(*a)) {
        days_off += 1;
        let ix = index(m);
        let mechanics: BTreeSet<TechnicianId> = m
            .technicians
            .iter()
            .filter(|t| t.role == TechnicianRole::Mechanic)
            .map(|t| t.id)
            .collect();
        let urgent: Vec<&Malfunction> = m
            .malfunctions
            .iter()
            .filter(|x| x.class != ResponseClass::A)
            .collect();
        assert!(
            urgent.len() >= 2,
            "{anchor}: {} urgent reports",
            urgent.len()
        );
        for mf in &urgent {
            assert_eq!(local_date(mf.reported_at), *anchor, "{anchor}: {mf:?}");
            let visits: Vec<&Appointment> = jobs(m)
                .filter(|(_, j)| j.kind == JobKind::Repair && j.malfunction_id == Some(mf.id))
                .map(|(a, _)| a)
                .collect();
            assert_eq!(visits.len(), 1, "{anchor}: {mf:?} planned {visits:?}");
            let a = visits[0];
            let (start, end) = (a.window.start, a.window.end);
            assert_eq!(local_date(start), *anchor, "{anchor}: {mf:?} on {start}");
            let d = repair_deadlines(mf.class, mf.reported_at, Some(start), &cal);
            assert!(
                mf.reported_at < start && start < d.on_site_by.unwrap() && end <= d.fixed_by,
                "{anchor}: class {:?} reported {} planned {start}-{end} ({d:?})",
                mf.class,
                mf.reported_at
            );
            assert!(!note(a).contains(NOTE_LATE), "{anchor}: {:?}", a.note);
            assert!(
                mechanics.contains(&a.technician_id),
                "{anchor}: not a mechanic"
            );
        }
        // The day holds only those repairs, of one mechanic on call.
        let on_call: Vec<&(Appointment, Vec<Job>)> = m
            .appointments
            .iter()
            .filter(|(a, _)| local_date(a.window.start) == *anchor)
            .collect();
        assert_eq!(
            on_call.len(),
            urgent.len(),
            "{anchor}: one visit per report"
        );
        let techs: BTreeSet<TechnicianId> = on_call.iter().map(|(a, _)| a.technician_id).collect();
        assert_eq!(
            techs.len(),
            1,
            "{anchor}: {} mechanics on call",
            techs.len()
        );
        for (_, js) in on_call {
            for j in js {
                let mf = j.malfunction_id.map(|id| ix.malfunctions[&id]);
                assert!(
                    j.kind == JobKind::Repair && mf.is_some_and(|x| x.class != ResponseClass::A),
                    "{anchor}: {:?} on call",
                    j.kind
                );
            }
        }
    }
    assert_eq!(days_off, 3, "a Saturday, a Sunday and Easter Monday");
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

/// Every technician has 4-7 visits on every planned day, whatever the anchor. A weekend's
/// or holiday's anchor day is not one of them: there the mechanic on call has just the
/// urgent repairs (see above).
#[test]
fn every_planned_day_is_a_full_day() {
    for (anchor, m) in demos() {
        let days = DemoConfig::small(*anchor).planned_days();
        let mut per_day: BTreeMap<(TechnicianId, NaiveDate), usize> = BTreeMap::new();
        for (a, _) in &m.appointments {
            let day = local_date(a.window.start);
            if day == *anchor && !days.contains(&day) {
                continue;
            }
            *per_day.entry((a.technician_id, day)).or_default() += 1;
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
