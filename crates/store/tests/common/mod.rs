//! A small hand-made replica for the store's tests.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::path::{Path, PathBuf};
use uuid::Uuid;
use veldwerk_core::ids::*;
use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};
use veldwerk_core::model::*;
use veldwerk_core::sla::ResponseClass;
use veldwerk_core::Category;
use veldwerk_store::{MemorySecretStore, Store};

pub const KEY: &str = "test-replica";

pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("unambiguous local time")
        .with_timezone(&Utc)
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub secrets: MemorySecretStore,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("replica.db");
        Fixture {
            dir,
            path,
            secrets: MemorySecretStore::default(),
        }
    }

    pub fn open(&self) -> Store {
        Store::open(&self.path, &self.secrets, KEY).expect("open store")
    }
}

pub fn file_bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).expect("read file")
}

pub const MUNI: u128 = 1;
pub const TECH: u128 = 10;
pub const TECH2: u128 = 11;
pub const ANNA: u128 = 100;
pub const PIET: u128 = 101;
pub const CHAIR: u128 = 1000;
pub const HOIST: u128 = 1001;
pub const SCOOTER: u128 = 1002;
pub const MALF: u128 = 5000;

/// A resident from (first name, prefix, surname) and (street, number, postcode, city).
pub fn resident(
    n: u128,
    (first, prefix, surname): (&str, Option<&str>, &str),
    (street, no, pc, city): (&str, &str, &str, &str),
) -> Resident {
    Resident {
        id: ResidentId(id(n)),
        resident_number: format!("R{n}"),
        municipality_id: MunicipalityId(id(MUNI)),
        initials: format!("{}.", &first[..1]),
        first_name: first.into(),
        name_prefix: prefix.map(str::to_string),
        surname: surname.into(),
        birth_date: NaiveDate::from_ymd_opt(1941, 5, 17).unwrap(),
        address: Address {
            street: street.into(),
            house_number: no.into(),
            postcode: Postcode::parse(pc).unwrap(),
            city: city.into(),
        },
        phone: Some("06-1234 5678".into()),
        email: None,
        preferred_communication: CommunicationPreference::Phone,
        particulars: Some("Sleutel in kluisje".into()),
    }
}

pub fn device(n: u128, reg: &str, serial: &str, category: Category, owner: Option<u128>) -> Device {
    Device {
        id: DeviceId(id(n)),
        registration_number: reg.into(),
        category,
        brand: "Vermeiren".into(),
        model: "V300".into(),
        serial_number: serial.into(),
        build_year: 2019,
        first_issued_on: NaiveDate::from_ymd_opt(2019, 3, 1),
        first_delivered_on: NaiveDate::from_ymd_opt(2022, 6, 1),
        last_delivered_on: NaiveDate::from_ymd_opt(2024, 2, 1),
        catalogue_value_cents: 145_000,
        accessories_value_cents: 12_000,
        configuration: vec![ConfigItem {
            label: "Zitbreedte".into(),
            value: "45 cm".into(),
            label_en: Some("Seat width".into()),
            value_en: None,
        }],
        measurements: vec![DeviceMeasurement {
            key: "seat_width".into(),
            value: 450.0,
            unit: "mm".into(),
        }],
        reconditioned: true,
        electric: false,
        battery: None,
        insurance_plate: None,
        wlz_use: false,
        max_user_weight_kg: Some(125),
        swl_kg: None,
        status: DeviceStatus::InUse,
        resident_id: owner.map(|o| ResidentId(id(o))),
        last_preventive_maintenance_on: NaiveDate::from_ymd_opt(2025, 3, 1),
        last_malfunction_on: None,
        last_misuse_maintenance_on: None,
        next_maintenance_due: NaiveDate::from_ymd_opt(2026, 9, 1),
        next_inspection_due: None,
    }
}

pub fn entry(
    device: u128,
    n: u128,
    kind: LogbookKind,
    at: DateTime<Utc>,
    summary: &str,
) -> NewLogbookEntry {
    NewLogbookEntry {
        id: LogbookEntryId(id(90_000 + n)),
        device_id: DeviceId(id(device)),
        kind,
        occurred_at: at,
        recorded_at: at,
        author: "Monteur Een".into(),
        job_id: None,
        summary: summary.into(),
        details_json: "{}".into(),
        corrects: None,
    }
}

/// Fills the store: one municipality, two technicians, two residents (one with a diaeresis),
/// a wheelchair and a hoist for Anna, a depot scooter, a logbook, an open class B repair and
/// appointments on Monday 2026-03-30 (the day after the switch to summer time).
pub fn seed(store: &mut Store) {
    let w = store.write().unwrap();
    w.upsert_municipality(&Municipality {
        id: MunicipalityId(id(MUNI)),
        code: "apeldoorn".into(),
        name: "Apeldoorn".into(),
    })
    .unwrap();
    for (n, name, role) in [
        (TECH, "Monteur Een", TechnicianRole::Mechanic),
        (TECH2, "Passer Twee", TechnicianRole::Fitter),
    ] {
        w.upsert_technician(&Technician {
            id: TechnicianId(id(n)),
            name: name.into(),
            role,
        })
        .unwrap();
    }
    let anna = resident(
        ANNA,
        ("Anna", None, "Ruïzendaal"),
        ("Kerkstraat", "12", "7311 LG", "Apeldoorn"),
    );
    let care = Caregiver {
        id: CaregiverId(id(200)),
        resident_id: anna.id,
        name: "Dochter Ruïzendaal".into(),
        relation: "dochter".into(),
        kind: CaregiverKind::Informal,
        phone: None,
        email: None,
        may_sign: true,
    };
    w.upsert_resident(&anna, &[care]).unwrap();
    let piet = resident(
        PIET,
        ("Piet", Some("van der"), "Berg"),
        ("Molenweg", "3a", "7322AB", "Ugchelen"),
    );
    w.upsert_resident(&piet, &[]).unwrap();
    w.upsert_device(&device(
        CHAIR,
        "WMO-0200-000123",
        "SN-7788-AB",
        Category::C3,
        Some(ANNA),
    ))
    .unwrap();
    let mut hoist = device(
        HOIST,
        "WMO-0200-000456",
        "LK-4455",
        Category::C16,
        Some(ANNA),
    );
    hoist.brand = "Liko".into();
    hoist.model = "Viking M".into();
    hoist.swl_kg = Some(205);
    hoist.next_inspection_due = NaiveDate::from_ymd_opt(2026, 1, 15);
    w.upsert_device(&hoist).unwrap();
    w.upsert_sling(&Sling {
        id: SlingId(id(3000)),
        hoist_id: hoist.id,
        sling_number: "TB-0001".into(),
        manufacturer: "Liko".into(),
        model: "Original HighBack".into(),
        size: "M".into(),
        swl_kg: 300,
        manufactured_on: None,
        in_use_since: None,
        status: SlingStatus::InUse,
        next_inspection_due: None,
    })
    .unwrap();
    let mut scooter = device(SCOOTER, "WMO-0200-000789", "CARPO-99", Category::C8a, None);
    scooter.status = DeviceStatus::InDepot;
    w.upsert_device(&scooter).unwrap();
    for (n, kind, at, s) in [
        (
            1,
            LogbookKind::Registered,
            local(2022, 6, 1, 10, 0),
            "Geregistreerd",
        ),
        (
            2,
            LogbookKind::Delivery,
            local(2022, 6, 2, 10, 0),
            "Geleverd",
        ),
        (
            3,
            LogbookKind::PreventiveMaintenance,
            local(2025, 3, 1, 10, 0),
            "Onderhoud",
        ),
    ] {
        w.append_logbook(entry(CHAIR, n, kind, at, s)).unwrap();
    }
    w.append_logbook(entry(
        HOIST,
        10,
        LogbookKind::HoistInspection,
        local(2025, 1, 15, 9, 0),
        "Keuring",
    ))
    .unwrap();
    w.upsert_malfunction(&Malfunction {
        id: MalfunctionId(id(MALF)),
        device_id: hoist.id,
        resident_id: anna.id,
        reported_at: local(2026, 3, 30, 8, 15),
        class: ResponseClass::B,
        description: "Lift zakt niet meer".into(),
        drive_related: false,
        status: MalfunctionStatus::Open,
        arrived_at: None,
        resolved_at: None,
    })
    .unwrap();
    let appt =
        |n: u128, resident: u128, tech: u128, start: DateTime<Utc>, minutes: i64| Appointment {
            id: AppointmentId(id(n)),
            technician_id: TechnicianId(id(tech)),
            resident_id: ResidentId(id(resident)),
            window: TimeWindow::new(start, start + chrono::Duration::minutes(minutes)).unwrap(),
            status: AppointmentStatus::Planned,
            note: None,
        };
    // Out of order on purpose; one just after local midnight, one just before.
    let a2 = appt(7002, ANNA, TECH, local(2026, 3, 30, 10, 0), 120);
    let a1 = appt(7001, PIET, TECH, local(2026, 3, 30, 0, 30), 60);
    let before = appt(7003, PIET, TECH, local(2026, 3, 29, 23, 30), 30);
    let other = appt(7004, ANNA, TECH2, local(2026, 3, 30, 9, 0), 60);
    w.upsert_appointment(
        &a2,
        &[Job {
            id: JobId(id(8001)),
            appointment_id: a2.id,
            kind: JobKind::Repair,
            device_id: Some(hoist.id),
            order_id: None,
            malfunction_id: Some(MalfunctionId(id(MALF))),
            status: JobStatus::Open,
        }],
    )
    .unwrap();
    w.upsert_appointment(&a1, &[]).unwrap();
    w.upsert_appointment(&before, &[]).unwrap();
    w.upsert_appointment(&other, &[]).unwrap();
    w.commit().unwrap();
}

/// A digest of every row of every table: equal before and after means nothing was written.
pub fn digest(store: &Store) -> String {
    store.content_digest().unwrap()
}

/// Rows in a table (tests only: the name is trusted).
pub fn rows_in(store: &Store, table: &str) -> u32 {
    store
        .raw_connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

pub const ELECTRIC: u128 = 1003;
pub const ORDER: u128 = 6000;
pub const VISIT: u128 = 7010;
pub const MAINTENANCE_JOB: u128 = 8010;
pub const DELIVERY_JOB: u128 = 8011;
pub const FITTING_JOB: u128 = 8012;
pub const REPAIR_JOB: u128 = 8001;
pub const VISIT_REPAIR: u128 = 7002;

/// On top of [`seed`]: an electric wheelchair for Anna with a battery and a history of
/// drive-related repairs around the turn of the years, an order, a visit on 30 March 2026
/// at 13:00 with a maintenance, a delivery and a fitting job, and depot devices for loans.
pub fn seed_jobs(store: &mut Store) {
    let w = store.write().unwrap();
    let mut e = device(
        ELECTRIC,
        "WMO-0200-000999",
        "PR-EW-1",
        Category::C7,
        Some(ANNA),
    );
    e.electric = true;
    e.reconditioned = false;
    e.battery = Some(Battery {
        chemistry: BatteryChemistry::Lithium,
        nominal_voltage: 24,
        rated_ah: 60,
        capacity_pct: Some(91),
        tested_on: NaiveDate::from_ymd_opt(2025, 3, 1),
    });
    w.upsert_device(&e).unwrap();
    // Local times: in Amsterdam 2025 holds 1 January 00:30 (still 2024 in UTC), 10 June
    // and 31 December 23:30; counted by UTC years it would hold only two.
    for (n, at, drive) in [
        (5101, local(2024, 12, 31, 23, 30), true),
        (5102, local(2025, 1, 1, 0, 30), true),
        (5103, local(2025, 6, 10, 9, 0), true),
        (5104, local(2025, 12, 31, 23, 30), true),
        (5105, local(2025, 8, 1, 9, 0), false),
        (5106, local(2026, 1, 2, 9, 0), true),
    ] {
        w.upsert_malfunction(&Malfunction {
            id: MalfunctionId(id(n)),
            device_id: e.id,
            resident_id: ResidentId(id(ANNA)),
            reported_at: at,
            class: ResponseClass::A,
            description: "Motor hapert".into(),
            drive_related: drive,
            status: MalfunctionStatus::Resolved,
            arrived_at: None,
            resolved_at: Some(at + chrono::Duration::hours(5)),
        })
        .unwrap();
    }
    w.upsert_order(&Order {
        id: OrderId(id(ORDER)),
        order_number: "APD-2026-0042".into(),
        municipality_id: MunicipalityId(id(MUNI)),
        resident_id: ResidentId(id(ANNA)),
        kind: OrderKind::Provision,
        category: Category::C3,
        description: "Actieve rolstoel".into(),
        ordered_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        status: OrderStatus::Open,
        device_id: None,
    })
    .unwrap();
    let start = local(2026, 3, 30, 13, 0);
    let visit = Appointment {
        id: AppointmentId(id(VISIT)),
        technician_id: TechnicianId(id(TECH)),
        resident_id: ResidentId(id(ANNA)),
        window: TimeWindow::new(start, start + chrono::Duration::minutes(90)).unwrap(),
        status: AppointmentStatus::Confirmed,
        note: None,
    };
    let job = |n: u128, kind: JobKind, device: Option<u128>, order: Option<u128>| Job {
        id: JobId(id(n)),
        appointment_id: visit.id,
        kind,
        device_id: device.map(|d| DeviceId(id(d))),
        order_id: order.map(|o| OrderId(id(o))),
        malfunction_id: None,
        status: JobStatus::Open,
    };
    w.upsert_appointment(
        &visit,
        &[
            job(
                MAINTENANCE_JOB,
                JobKind::PreventiveMaintenance,
                Some(ELECTRIC),
                None,
            ),
            job(DELIVERY_JOB, JobKind::Delivery, None, Some(ORDER)),
            job(FITTING_JOB, JobKind::Fitting, None, Some(ORDER)),
        ],
    )
    .unwrap();
    // The loan pool: two free manual wheelchairs (out of order on purpose), one that is
    // in the depot but still linked to a resident, one on loan.
    for (n, reg, status, owner) in [
        (1012, "WMO-0300-000002", DeviceStatus::InDepot, None),
        (1010, "WMO-0300-000001", DeviceStatus::InDepot, None),
        (1011, "WMO-0300-000003", DeviceStatus::InDepot, Some(PIET)),
        (1013, "WMO-0300-000004", DeviceStatus::OnLoan, None),
    ] {
        let mut d = device(n, reg, &format!("SN-{n}"), Category::C3, owner);
        d.status = status;
        w.upsert_device(&d).unwrap();
    }
    w.commit().unwrap();
}

/// The working-day calendar the app uses.
pub fn cal() -> veldwerk_core::WorkingDayCalendar {
    veldwerk_core::WorkingDayCalendar::dutch_legal()
}

/// A fresh replica with the seed and its jobs.
pub fn store_with_jobs() -> (Fixture, Store) {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    seed_jobs(&mut s);
    (f, s)
}

pub mod completions;
#[allow(unused_imports)]
pub use completions::*;
