//! The demo generator against a real (encrypted, temporary) replica.

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use tempfile::TempDir;
use veldwerk_core::ids::TechnicianId;
use veldwerk_core::model::Postcode;
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::{Category, WorkingDayCalendar};
use veldwerk_demo::{
    generate, DemoConfig, DemoPhase, DemoProgress, DemoSummary, HistoryDepth, MUNICIPALITIES,
};
use veldwerk_store::{MemorySecretStore, Store};

fn anchor() -> NaiveDate {
    // A Wednesday.
    NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
}

struct Generated {
    _dir: TempDir,
    store: Store,
    summary: DemoSummary,
    progress: Vec<DemoProgress>,
}

fn build(cfg: &DemoConfig) -> Generated {
    let dir = tempfile::tempdir().unwrap();
    let secrets = MemorySecretStore::default();
    let mut store = Store::open(&dir.path().join("demo.db"), &secrets, "demo-key").unwrap();
    let mut progress = Vec::new();
    let summary = generate(&mut store, cfg, &mut |p| progress.push(p)).unwrap();
    Generated {
        _dir: dir,
        store,
        summary,
        progress,
    }
}

/// The seed of the content tests: DEMO_SEED from the environment, to sweep seeds by hand.
fn seed() -> u64 {
    std::env::var("DEMO_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DemoConfig::DEFAULT_SEED)
}

fn small(seed: u64) -> Generated {
    build(&DemoConfig::small(anchor()).with_seed(seed))
}

const TABLES: &[(&str, &str)] = &[
    ("settings", "key"),
    ("municipalities", "id"),
    ("technicians", "id"),
    ("residents", "id"),
    ("caregivers", "id"),
    ("supplier_contacts", "id"),
    ("devices", "id"),
    ("slings", "id"),
    ("orders", "id"),
    ("malfunctions", "id"),
    ("appointments", "id"),
    ("jobs", "id"),
    ("logbook", "id"),
    ("search_index", "rowid"),
];

/// SHA-256 over every row of every table, in id order.
fn digest(store: &Store) -> String {
    let conn = store.raw_connection();
    let mut h = Sha256::new();
    for (table, key) in TABLES {
        h.update(format!("#{table}\n").as_bytes());
        let sql = if *table == "search_index" {
            "SELECT rowid, body FROM search_index ORDER BY rowid".to_string()
        } else {
            format!("SELECT * FROM {table} ORDER BY {key}")
        };
        let mut stmt = conn.prepare(&sql).unwrap();
        let cols = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..cols {
                h.update(format!("{:?}|", row.get_ref(i).unwrap()).as_bytes());
            }
            h.update(b"\n");
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn strings(store: &Store, sql: &str) -> Vec<String> {
    let conn = store.raw_connection();
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .raw_connection()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn local(t: DateTime<Utc>) -> chrono::DateTime<chrono_tz::Tz> {
    t.with_timezone(&chrono_tz::Europe::Amsterdam)
}

#[test]
fn same_seed_same_data_other_seed_other_data() {
    let a = small(11);
    let b = small(11);
    let c = small(12);
    assert_eq!(a.summary, b.summary);
    assert_eq!(digest(&a.store), digest(&b.store));
    assert_ne!(digest(&a.store), digest(&c.store));
    // Another anchor moves every date, so the data differs too.
    let d = build(&DemoConfig::small(anchor().succ_opt().unwrap()).with_seed(11));
    assert_ne!(digest(&a.store), digest(&d.store));
}

#[test]
fn presets_and_sizes() {
    let s = DemoConfig::small(anchor());
    assert_eq!((s.residents, s.devices, s.technicians), (300, 600, 6));
    assert_eq!(s.roles(), (3, 2, 1));
    let b = DemoConfig::sized("Benchmark", anchor()).unwrap();
    assert_eq!(
        (b.residents, b.devices, b.technicians),
        (50_000, 100_000, 40)
    );
    assert_eq!(b.history, HistoryDepth::Compact);
    let m = DemoConfig::sized("medium", anchor()).unwrap();
    assert_eq!((m.residents, m.devices), (5_000, 10_000));
    assert!(DemoConfig::sized("huge", anchor()).is_err());
    let (mech, fit, cm) = b.roles();
    assert_eq!(mech + fit + cm, 40);
    assert!(mech > fit && fit > cm && cm >= 1);
}

#[test]
fn planned_days_are_the_working_days_of_two_weeks() {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    let days = DemoConfig::small(anchor()).planned_days();
    assert_eq!(days.len(), 10);
    assert_eq!(days[0], d(3, 2));
    assert_eq!(days[9], d(3, 13));
    // King's Day (Monday 27 April 2026) and Liberation Day (Tuesday 5 May) are skipped.
    let days = DemoConfig::small(d(4, 29)).planned_days();
    assert!(!days.contains(&d(4, 27)) && !days.contains(&d(5, 5)));
    assert_eq!(days.len(), 8);
    // A Saturday anchor plans its own week and the next.
    let days = DemoConfig::small(d(3, 7)).planned_days();
    assert_eq!(days.first(), Some(&d(3, 2)));
    assert_eq!(days.last(), Some(&d(3, 13)));
}

#[test]
fn content_covers_the_contract() {
    let g = small(seed());
    let s = &g.store;
    let sum = &g.summary;
    assert_eq!(sum.residents, 300);
    assert_eq!(sum.devices, 600);
    assert_eq!(sum.technicians.len(), 6);
    assert_eq!(count(s, "SELECT count(*) FROM residents"), 300);
    assert_eq!(count(s, "SELECT count(*) FROM devices"), 600);
    assert_eq!(
        count(s, "SELECT count(*) FROM logbook"),
        i64::from(sum.logbook_entries)
    );
    assert_eq!(
        count(s, "SELECT count(*) FROM slings"),
        i64::from(sum.slings)
    );
    assert_eq!(
        count(s, "SELECT count(*) FROM appointments"),
        i64::from(sum.appointments)
    );
    assert_eq!(
        s.setting("demo_seed").unwrap().as_deref(),
        Some(seed().to_string().as_str())
    );
    assert_eq!(
        s.setting("demo_anchor").unwrap().as_deref(),
        Some("2026-03-04")
    );

    // Every category code, every municipality.
    let cats: BTreeSet<String> = strings(s, "SELECT DISTINCT category FROM devices")
        .into_iter()
        .collect();
    for c in Category::ALL {
        assert!(cats.contains(c.code()), "category {} missing", c.code());
    }
    assert_eq!(
        count(s, "SELECT count(DISTINCT municipality_id) FROM residents"),
        9
    );

    // Postcodes parse, in their municipality's range.
    let rows = {
        let conn = s.raw_connection();
        let mut stmt = conn
            .prepare(
                "SELECT r.postcode, m.code FROM residents r
                 JOIN municipalities m ON m.id = r.municipality_id",
            )
            .unwrap();
        let it = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap();
        it.map(Result::unwrap).collect::<Vec<_>>()
    };
    for (pc, code) in rows {
        let parsed = Postcode::parse(&pc).unwrap();
        assert_eq!(parsed.as_str(), pc);
        let digits: u16 = pc[..4].parse().unwrap();
        let m = MUNICIPALITIES.iter().find(|m| m.code == code).unwrap();
        assert!(
            m.places
                .iter()
                .any(|(_, lo, hi)| (*lo..=*hi).contains(&digits)),
            "{pc} not in {code}"
        );
    }

    // Names with diacritics, phone numbers and e-mail addresses of the invented kind.
    assert!(strings(s, "SELECT surname FROM residents")
        .iter()
        .any(|n| !n.is_ascii()));
    for e in strings(
        s,
        "SELECT email FROM residents WHERE email IS NOT NULL
         UNION ALL SELECT email FROM caregivers WHERE email IS NOT NULL",
    ) {
        assert!(
            e.ends_with("@example.com") || e.ends_with("@example.org"),
            "{e}"
        );
    }
    for p in strings(s, "SELECT phone FROM residents WHERE phone LIKE '06-%'") {
        assert_eq!(p.len(), "06-1234 5678".len(), "{p}");
    }
    assert!(
        count(
            s,
            "SELECT count(*) FROM residents WHERE particulars IS NOT NULL"
        ) > 0
    );
    assert!(
        count(
            s,
            "SELECT max(n) FROM (SELECT count(*) AS n FROM caregivers GROUP BY resident_id)"
        ) <= 3
    );

    // Hoists have 1-3 slings; the logbook chains verify and every device has one.
    assert_eq!(
        count(
            s,
            "SELECT count(*) FROM devices d WHERE d.category IN ('15', '16') AND
             (SELECT count(*) FROM slings WHERE hoist_id = d.id) NOT BETWEEN 1 AND 3"
        ),
        0
    );
    assert!(s.verify_all_logbooks().unwrap().is_empty());
    assert_eq!(
        count(s, "SELECT count(DISTINCT device_id) FROM logbook"),
        600
    );
    // Some reconditioned batteries are below 80%, so the passport warning shows.
    assert!(
        count(
            s,
            "SELECT count(*) FROM devices WHERE reconditioned = 1
             AND json_extract(battery_json, '$.capacity_pct') < 80"
        ) > 0
    );
    // Some maintenance is overdue.
    assert!(
        count(
            s,
            "SELECT count(*) FROM devices WHERE next_maintenance_due < '2026-03-04'"
        ) > 0
    );
}

#[test]
fn appointments_fit_the_rules() {
    let g = small(seed());
    let s = &g.store;
    let cfg = DemoConfig::small(anchor());
    let days = cfg.planned_days();
    let conn = s.raw_connection();
    let mut stmt = conn
        .prepare("SELECT technician_id, starts_at, ends_at FROM appointments ORDER BY technician_id, starts_at")
        .unwrap();
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut last: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
    let mut per_day: BTreeMap<(String, NaiveDate), u32> = BTreeMap::new();
    for (tech, start, end) in rows {
        let (start, end) = (time(&start), time(&end));
        let minutes = (end - start).num_minutes();
        assert!((60..=120).contains(&minutes), "window of {minutes} min");
        if let Some(prev_end) = last.get(&tech) {
            assert!(start >= *prev_end, "overlapping windows for {tech}");
        }
        last.insert(tech.clone(), end);
        let (ls, le) = (local(start), local(end));
        assert!(ls.hour() >= 8, "starts before 08:00: {ls}");
        assert!(
            le.hour() * 60 + le.minute() <= 17 * 60 + 30,
            "ends after 17:30: {le}"
        );
        assert!(days.contains(&ls.date_naive()));
        *per_day.entry((tech, ls.date_naive())).or_default() += 1;
    }
    // Every technician has 4-7 visits on every planned day.
    assert_eq!(per_day.len(), 6 * days.len());
    for ((tech, day), n) in &per_day {
        assert!((4..=7).contains(n), "{tech} has {n} visits on {day}");
    }

    // Jobs fit the technician's role and refer to the resident's own devices.
    let bad_role = count(
        s,
        "SELECT count(*) FROM jobs j JOIN appointments a ON a.id = j.appointment_id
         JOIN technicians t ON t.id = a.technician_id
         WHERE (t.role = 'mechanic' AND j.kind NOT IN
                ('preventive_maintenance', 'hoist_inspection', 'repair', 'collection', 'loan_device'))
            OR (t.role = 'fitter' AND j.kind NOT IN
                ('fitting', 'delivery', 'adjustment', 'replacement'))
            OR (t.role = 'case_manager' AND j.kind NOT IN ('fitting', 'delivery', 'adjustment'))",
    );
    assert_eq!(bad_role, 0);
    let foreign = count(
        s,
        "SELECT count(*) FROM jobs j JOIN appointments a ON a.id = j.appointment_id
         JOIN devices d ON d.id = j.device_id
         WHERE j.kind NOT IN ('delivery', 'loan_device') AND d.resident_id IS NOT a.resident_id",
    );
    assert_eq!(foreign, 0);
    let repairs_without_malfunction = count(
        s,
        "SELECT count(*) FROM jobs WHERE kind = 'repair' AND malfunction_id IS NULL",
    );
    assert_eq!(repairs_without_malfunction, 0);
    let fittings_without_order = count(
        s,
        "SELECT count(*) FROM jobs WHERE kind IN ('fitting', 'delivery', 'adjustment',
         'replacement', 'collection') AND order_id IS NULL",
    );
    assert_eq!(fittings_without_order, 0);
    // Visits stay in the technician's home area.
    let techs = s.technicians().unwrap();
    assert_eq!(techs.len(), 6);
}

#[test]
fn urgent_repairs_tick_on_the_anchor_day() {
    let g = small(seed());
    let s = &g.store;
    let cal = WorkingDayCalendar::dutch_legal();
    let urgent: Vec<String> = strings(
        s,
        "SELECT reported_at FROM malfunctions WHERE status = 'open' AND class IN ('B', 'C')",
    );
    assert!(!urgent.is_empty());
    assert!(urgent
        .iter()
        .all(|t| local(time(t)).date_naive() == anchor()));
    // Class A reports came in during the last two days.
    for t in strings(
        s,
        "SELECT reported_at FROM malfunctions WHERE status = 'open' AND class = 'A'",
    ) {
        let d = local(time(&t)).date_naive();
        assert!(d < anchor() && (anchor() - d).num_days() <= 2, "{t}");
    }
    // Every mechanic's Today shows an urgent repair on the anchor day, after its report.
    let mechanics: Vec<TechnicianId> = g.summary.technicians[..3].to_vec();
    for m in mechanics {
        let today = s.today(m, anchor(), &cal).unwrap();
        assert!((4..=7).contains(&today.appointments.len()));
        let urgent: Vec<_> = today
            .appointments
            .iter()
            .flat_map(|a| a.jobs.iter().map(move |j| (a, j)))
            .filter_map(|(a, j)| j.repair.as_ref().map(|r| (a, r)))
            .filter(|(_, r)| r.malfunction.class != ResponseClass::A)
            .collect();
        assert!(!urgent.is_empty(), "no urgent repair for {m}");
        for (a, r) in urgent {
            assert!(a.window.start > r.malfunction.reported_at);
        }
    }
    // Drive-related faults exist only on electric devices.
    assert_eq!(
        count(
            s,
            "SELECT count(*) FROM malfunctions m JOIN devices d ON d.id = m.device_id
             WHERE m.drive_related = 1 AND d.electric = 0"
        ),
        0
    );
}

#[test]
fn progress_reaches_every_phase() {
    let g = small(3);
    let phases: Vec<DemoPhase> = g.progress.iter().map(|p| p.phase).collect();
    for phase in [
        DemoPhase::Setup,
        DemoPhase::Residents,
        DemoPhase::Devices,
        DemoPhase::Planning,
        DemoPhase::Done,
    ] {
        assert!(phases.contains(&phase), "{phase:?}");
    }
    let overall: Vec<f64> = g.progress.iter().map(DemoProgress::overall).collect();
    assert!(overall.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(overall.last(), Some(&1.0));
}

#[test]
fn compact_history_stays_short() {
    let cfg = DemoConfig {
        residents: 400,
        devices: 800,
        technicians: 8,
        history: HistoryDepth::Compact,
        ..DemoConfig::small(anchor())
    };
    let g = build(&cfg);
    let s = &g.store;
    // 2-4 entries of history, plus today's report for a device with an open malfunction.
    let max = count(
        s,
        "SELECT max(n) FROM (SELECT count(*) AS n FROM logbook l WHERE NOT EXISTS
           (SELECT 1 FROM malfunctions m WHERE m.device_id = l.device_id) GROUP BY device_id)",
    );
    assert!(max <= 4, "{max} entries");
    let max = count(
        s,
        "SELECT max(n) FROM (SELECT count(*) AS n FROM logbook GROUP BY device_id)",
    );
    assert!(max <= 5, "{max} entries");
    let avg = f64::from(g.summary.logbook_entries) / 800.0;
    assert!((2.0..=4.0).contains(&avg), "{avg}");
    assert!(s.verify_all_logbooks().unwrap().is_empty());
}

#[test]
fn tiny_and_odd_configurations_work() {
    for (residents, devices, technicians) in [(1, 1, 1), (30, 60, 3), (5, 40, 2), (200, 30, 9)] {
        let cfg = DemoConfig {
            residents,
            devices,
            technicians,
            ..DemoConfig::small(NaiveDate::from_ymd_opt(2026, 3, 30).unwrap())
        };
        let g = build(&cfg);
        assert_eq!(g.summary.residents as usize, residents);
        assert_eq!(g.summary.devices as usize, devices);
        assert_eq!(g.summary.technicians.len(), technicians);
        assert!(g.store.verify_all_logbooks().unwrap().is_empty());
    }
    let dir = tempfile::tempdir().unwrap();
    let secrets = MemorySecretStore::default();
    let mut store = Store::open(&dir.path().join("x.db"), &secrets, "k").unwrap();
    let empty = DemoConfig {
        residents: 0,
        ..DemoConfig::small(anchor())
    };
    assert!(generate(&mut store, &empty, &mut |_| {}).is_err());
}

/// The first working day from the anchor shows every kind of guided job at once: the first
/// mechanic has a class B repair with loan devices of its category in the depot, the
/// maintenance of an electric wheelchair and a hoist inspection with two slings; the first
/// fitter has a fitting for a category 3 order. The end-to-end tests rely on this, for any
/// anchor (a Saturday anchor moves it to Monday; the repair is then a class A one of
/// Friday, as that Saturday morning's class B reports are served on call that day).
#[test]
fn the_first_day_shows_every_kind_of_guided_job() {
    use veldwerk_core::model::{JobKind, SlingStatus};
    for anchor in [
        anchor(),
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(), // a Saturday
        NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(), // before Christmas
    ] {
        let g = build(&DemoConfig::small(anchor).with_seed(seed()));
        let cal = WorkingDayCalendar::dutch_legal();
        let mut day = anchor;
        while !cal.is_working_day(day) {
            day = day.succ_opt().unwrap();
        }
        let class = if day == anchor {
            ResponseClass::B
        } else {
            ResponseClass::A
        };
        let (mechanic, fitter) = (g.summary.technicians[0], g.summary.technicians[3]);
        let today = g.store.today(mechanic, day, &cal).unwrap();
        let jobs: Vec<_> = today
            .appointments
            .iter()
            .flat_map(|a| a.jobs.iter())
            .collect();
        let repair = jobs
            .iter()
            .find(|j| {
                j.kind == JobKind::Repair
                    && j.repair
                        .as_ref()
                        .is_some_and(|r| r.malfunction.class == class)
                    && j.device
                        .as_ref()
                        .is_some_and(|d| !g.store.loan_candidates(d.category).unwrap().is_empty())
            })
            .unwrap_or_else(|| panic!("{anchor}: no class {class:?} repair with a loan device"));
        assert!(repair.device.is_some());
        assert!(
            jobs.iter().any(|j| j.kind == JobKind::PreventiveMaintenance
                && j.device
                    .as_ref()
                    .is_some_and(|d| d.category == Category::C7)),
            "{anchor}: no electric wheelchair maintenance"
        );
        let hoist = jobs
            .iter()
            .find(|j| j.kind == JobKind::HoistInspection)
            .and_then(|j| j.device.as_ref())
            .unwrap_or_else(|| panic!("{anchor}: no hoist inspection"));
        let p = g.store.passport(hoist.id, day, &cal).unwrap();
        let in_use = p
            .slings
            .iter()
            .filter(|s| s.status == SlingStatus::InUse)
            .count();
        assert!(
            in_use >= 2,
            "{anchor}: the inspected hoist has {in_use} slings in use"
        );
        let fitting = g.store.today(fitter, day, &cal).unwrap();
        assert!(
            fitting
                .appointments
                .iter()
                .flat_map(|a| a.jobs.iter())
                .any(|j| {
                    j.kind == JobKind::Fitting
                        && j.order.as_ref().is_some_and(|o| o.category == Category::C3)
                }),
            "{anchor}: no category 3 fitting for the first fitter"
        );
        assert!(g.store.verify_all_logbooks().unwrap().is_empty());
    }
}

/// PvE 5.2.3a: every resident has one to three fixed contact persons at the supplier: the
/// case manager of their municipality when there is one, a planner, often their mechanic;
/// the case manager and the mechanic are the demo's own technicians of that area.
#[test]
fn every_resident_has_the_suppliers_fixed_contact_persons() {
    use std::collections::BTreeMap;
    use veldwerk_core::model::MAX_SUPPLIER_CONTACTS;
    let g = small(seed());
    let master = g.store.export_master_data().unwrap();
    let technicians: BTreeMap<&str, _> = master
        .technicians
        .iter()
        .map(|t| (t.name.as_str(), t.role))
        .collect();
    let mut per_resident: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for c in &master.supplier_contacts {
        per_resident.entry(c.resident_id).or_default().push(c);
    }
    assert_eq!(
        per_resident.len(),
        master.residents.len(),
        "every resident has some"
    );
    let mut mechanics = 0;
    for (resident, cs) in &per_resident {
        assert!(
            (1..=MAX_SUPPLIER_CONTACTS).contains(&cs.len()),
            "{resident:?}: {cs:?}"
        );
        assert_eq!(cs.iter().filter(|c| c.role == "planner").count(), 1);
        for c in cs {
            assert!(c.phone.is_some(), "{c:?}");
            match c.role.as_str() {
                "casemanager" => assert_eq!(
                    technicians.get(c.name.as_str()),
                    Some(&veldwerk_core::model::TechnicianRole::CaseManager)
                ),
                "vaste monteur" => {
                    mechanics += 1;
                    assert_eq!(
                        technicians.get(c.name.as_str()),
                        Some(&veldwerk_core::model::TechnicianRole::Mechanic)
                    )
                }
                "planner" => assert!(!technicians.contains_key(c.name.as_str())),
                other => panic!("role {other}"),
            }
        }
    }
    assert!(mechanics > 0);
    assert!(master
        .supplier_contacts
        .iter()
        .any(|c| c.role == "casemanager"));
}
