//! What the job records survive: a write that fails half-way, a full disk, a kill in the
//! middle of saving, any sequence of saves and clears, and an upgrade from schema 1.

mod common;
use common::*;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::*;
use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};
use veldwerk_core::model::*;
use veldwerk_core::{Category, WorkingDayCalendar};
use veldwerk_store::{schema_version, MemorySecretStore, SecretStore, Store, StoreError};

fn started() -> (Fixture, Store) {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    s.start_draft(job(REPAIR_JOB), "repair", 1, t(10, 5))
        .unwrap();
    s.save_answer(job(REPAIR_JOB), "repair.cause", &text("Motor"), t(10, 6))
        .unwrap();
    (f, s)
}

#[test]
fn a_completion_that_refers_to_something_unknown_writes_nothing() {
    let (_f, mut s) = started();
    let before = digest(&s);
    let unknown = id(999_999);
    // Each broken completion fails on its last record, after everything before it was
    // written inside the transaction.
    let mut cases: Vec<(&str, Completion)> = Vec::new();
    let mut c = repair_completion();
    c.devices.push(DeviceUpdate {
        device_id: DeviceId(unknown),
        changes: DeviceChanges::default(),
    });
    cases.push(("not_found", c));
    let mut c = repair_completion();
    c.logbook
        .push(log_entry(21_900, 999_999, LogbookKind::Note, "Onbekend"));
    cases.push(("database_error", c));
    let mut c = repair_completion();
    c.logbook[1].id = LogbookEntryId(id(90_001)); // the id of a seeded entry
    cases.push(("database_error", c));
    let mut c = repair_completion();
    c.slings[0].sling_id = SlingId(unknown);
    cases.push(("not_found", c));
    let mut c = repair_completion();
    c.malfunction.as_mut().unwrap().malfunction_id = MalfunctionId(unknown);
    cases.push(("not_found", c));
    let mut c = repair_completion();
    c.orders.push(OrderUpdate {
        order_id: OrderId(unknown),
        status: OrderStatus::Completed,
    });
    cases.push(("not_found", c));
    let mut c = repair_completion();
    c.devices[1].changes.resident = Some(ResidentLink::Resident(ResidentId(unknown)));
    cases.push(("not_found", c));
    let mut c = repair_completion();
    c.signals.push(Signal {
        resident_id: ResidentId(unknown),
        ..signal(22_900, None)
    });
    cases.push(("not_found", c));
    let mut c = repair_completion();
    c.deviation = Some(DeviationRequest {
        id: DeviationRequestId(id(23_900)),
        order_id: OrderId(unknown),
        resident_id: ResidentId(id(ANNA)),
        job_id: job(REPAIR_JOB),
        ordered: Category::C3,
        proposed: Category::C2,
        motivation: "x".into(),
        requested_at: t(11, 0),
        status: DeviationStatus::Pending,
    });
    cases.push(("not_found", c));
    let mut c = repair_completion();
    c.report.job_id = JobId(unknown);
    cases.push(("not_found", c));
    for (code, c) in &cases {
        let e = s.complete_job(c).unwrap_err();
        assert_eq!(e.code(), *code, "{e:?}");
        assert_eq!(before, digest(&s), "partly written by {e:?}");
    }
    // nothing is stuck: the right completion goes through afterwards
    s.complete_job(&repair_completion()).unwrap();
    assert_eq!(s.outbox_len().unwrap(), 8);
    assert!(s.verify_all_logbooks().unwrap().is_empty());
}

#[test]
fn a_full_disk_refuses_the_write_and_loses_nothing() {
    let (f, mut s) = started();
    let before = digest(&s);
    let pages: i64 = s
        .raw_connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    // The file may not grow by a single page: a disk that is full.
    s.raw_connection()
        .execute_batch(&format!("PRAGMA max_page_count = {pages};"))
        .unwrap();
    let mut c = repair_completion();
    c.logbook[0].details_json = format!(r#"{{"note":"{}"}}"#, "x".repeat(90_000));
    let e = s.complete_job(&c).unwrap_err();
    assert!(matches!(e, StoreError::DiskFull(_)), "{e:?}");
    assert_eq!(e.code(), "disk_full");
    assert!(e.message().nl.contains("schijf is vol"));
    assert!(e.message().en.contains("Nothing was lost"));
    assert_eq!(before, digest(&s), "nothing partial");
    let big = text(&"y".repeat(90_000));
    let e = s
        .save_answer(job(REPAIR_JOB), "repair.note", &big, t(10, 30))
        .unwrap_err();
    assert!(matches!(e, StoreError::DiskFull(_)), "{e:?}");
    assert_eq!(before, digest(&s));
    // Space again: the same writes go through, and the earlier answer is there.
    s.raw_connection()
        .execute_batch("PRAGMA max_page_count = 1073741823;")
        .unwrap();
    s.save_answer(job(REPAIR_JOB), "repair.note", &big, t(10, 30))
        .unwrap();
    s.complete_job(&c).unwrap();
    drop(s);
    let s = f.open();
    let d = s.draft(job(REPAIR_JOB)).unwrap().unwrap();
    assert_eq!(d.answers["repair.cause"], text("Motor"));
    assert_eq!(d.state, JobState::Completed);
    assert_eq!(s.outbox_len().unwrap(), 8);
}

const CHILD_ENV: &str = "VELDWERK_STORE_KILL_CHILD";
const FIRST_SAVES: u32 = 25;

fn answer_for(i: u32) -> Answer {
    text(&format!("waarde {i}"))
}

/// The child of [`a_kill_in_the_middle_of_saving_loses_no_confirmed_answer`]: saves answers
/// one by one, printing each key once its save has returned, until a thread kills the
/// process with SIGKILL in the middle of the second run of saves.
#[test]
#[ignore = "the child process of a_kill_in_the_middle_of_saving_loses_no_confirmed_answer"]
fn kill_child() {
    // Run on its own (without the parent's environment) it would prove nothing: fail.
    let spec = std::env::var(CHILD_ENV).unwrap_or_else(|_| {
        panic!(
            "kill_child is the child process of a_kill_in_the_middle_of_saving_loses_no_confirmed_answer \
             and needs {CHILD_ENV}; run that test instead"
        )
    });
    let (path, key) = spec.split_once('\n').unwrap();
    let secrets = MemorySecretStore::default();
    secrets.set(KEY, key).unwrap();
    let mut s = Store::open(Path::new(path), &secrets, KEY).unwrap();
    let j = job(REPAIR_JOB);
    s.start_draft(j, "repair", 1, t(10, 5)).unwrap();
    let mut out = std::io::stdout();
    let mut save = |i: u32| {
        let key = format!("k{i:05}");
        s.save_answer(j, &key, &answer_for(i), t(10, 6)).unwrap();
        writeln!(out, "saved {key}").unwrap();
        out.flush().unwrap();
    };
    for i in 0..FIRST_SAVES {
        save(i);
    }
    let delay = 5 + u64::from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos(),
    ) % 40;
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let pid = std::process::id().to_string();
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid])
            .status();
    });
    for i in FIRST_SAVES..1_000_000 {
        save(i);
    }
    panic!("the kill never came");
}

#[test]
#[cfg(unix)]
fn a_kill_in_the_middle_of_saving_loses_no_confirmed_answer() {
    use std::os::unix::process::ExitStatusExt;
    let f = Fixture::new();
    {
        let mut s = f.open();
        seed(&mut s);
    }
    let key = f.secrets.get(KEY).unwrap().unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "kill_child", "--nocapture", "--ignored"])
        .env(CHILD_ENV, format!("{}\n{key}", f.path.display()))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.signal(),
        Some(9),
        "the child was not killed: {:?}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let confirmed: Vec<u32> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("saved k"))
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(confirmed.len() >= FIRST_SAVES as usize, "{stdout}");
    let s = f.open();
    let ok: String = s
        .raw_connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let d = s.draft(job(REPAIR_JOB)).unwrap().unwrap();
    for i in &confirmed {
        assert_eq!(
            d.answers.get(&format!("k{i:05}")),
            Some(&answer_for(*i)),
            "answer {i} was confirmed before the kill but is lost"
        );
    }
    // At most the save in flight when the kill came is there besides the confirmed ones.
    assert!(d.answers.len() <= confirmed.len() + 1);
    eprintln!(
        "killed after {} confirmed saves; {} answers stored",
        confirmed.len(),
        d.answers.len()
    );
    assert!(s.verify_all_logbooks().unwrap().is_empty());
}

#[derive(Clone, Debug)]
enum Op {
    Save(u8, String),
    Clear(u8),
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..6, "[a-z ]{0,12}").prop_map(|(k, v)| Op::Save(k, v)),
        2 => (0u8..6).prop_map(Op::Clear),
        1 => Just(Op::Reopen),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any sequence of saves, clears and reopenings leaves exactly the answers a map would.
    #[test]
    fn saves_and_clears_match_a_model(ops in proptest::collection::vec(op(), 1..30)) {
        let f = Fixture::new();
        let mut s = f.open();
        seed(&mut s);
        let j = job(REPAIR_JOB);
        s.start_draft(j, "repair", 1, t(10, 5)).unwrap();
        let mut model: BTreeMap<String, Answer> = BTreeMap::new();
        for op in ops {
            match op {
                Op::Save(k, v) => {
                    let key = format!("item.{k}");
                    s.save_answer(j, &key, &text(&v), t(10, 6)).unwrap();
                    model.insert(key, text(&v));
                }
                Op::Clear(k) => {
                    let key = format!("item.{k}");
                    s.clear_answer(j, &key, t(10, 7)).unwrap();
                    model.remove(&key);
                }
                Op::Reopen => {
                    drop(s);
                    s = f.open();
                }
            }
        }
        drop(s);
        let s = f.open();
        prop_assert_eq!(s.draft(j).unwrap().unwrap().answers, model);
    }
}

/// A replica written by schema 1 (before guided jobs) is upgraded in place on open.
#[test]
fn a_version_1_file_is_upgraded_keeping_its_data() {
    let f = Fixture::new();
    let key = "5a".repeat(32);
    f.secrets.set(KEY, &key).unwrap();
    let entry = NewLogbookEntry {
        id: LogbookEntryId(id(90_001)),
        device_id: DeviceId(id(CHAIR)),
        kind: LogbookKind::Delivery,
        occurred_at: local(2022, 6, 2, 10, 0),
        recorded_at: local(2022, 6, 2, 10, 0),
        author: "portal".into(),
        job_id: None,
        summary: "Geleverd".into(),
        details_json: "{}".into(),
        corrects: None,
    }
    .chain_after(None);
    {
        let c = rusqlite::Connection::open(&f.path).unwrap();
        c.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))
            .unwrap();
        c.execute_batch(include_str!("../migrations/001_replica.sql"))
            .unwrap();
        c.execute_batch(&format!(
            "PRAGMA user_version = 1;
             INSERT INTO municipalities VALUES ('{m}', 'apeldoorn', 'Apeldoorn');
             INSERT INTO technicians VALUES ('{t}', 'Monteur Een', 'mechanic');
             INSERT INTO residents (id, resident_number, municipality_id, initials, first_name,
                surname, birth_date, street, house_number, postcode, city,
                preferred_communication)
             VALUES ('{r}', 'R1', '{m}', 'A.', 'Anna', 'Ruïzendaal', '1941-05-17',
                'Kerkstraat', '12', '7311 LG', 'Apeldoorn', 'phone');
             INSERT INTO devices (id, registration_number, category, brand, model, serial_number,
                build_year, catalogue_value_cents, accessories_value_cents, configuration_json,
                measurements_json, reconditioned, electric, wlz_use, status, resident_id)
             VALUES ('{d}', 'WMO-0200-000123', '3', 'Vermeiren', 'V300', 'SN-1', 2019, 1, 0,
                '[]', '[]', 0, 0, 0, 'in_use', '{r}');
             INSERT INTO search_index (rowid, body) VALUES (3, 'WMO-0200-000123 wmo0200000123');
             INSERT INTO appointments VALUES ('{a}', '{t}', '{r}', '{start}', '{end}',
                'planned', NULL);
             INSERT INTO jobs VALUES ('{j}', '{a}', 'repair', '{d}', NULL, NULL, 'open');",
            m = id(MUNI),
            t = id(TECH),
            r = id(ANNA),
            d = id(CHAIR),
            a = id(VISIT_REPAIR),
            j = id(REPAIR_JOB),
            start = veldwerk_core::logbook::canonical_time(&t(10, 0)),
            end = veldwerk_core::logbook::canonical_time(&t(11, 0)),
        ))
        .unwrap();
        c.execute(
            "INSERT INTO logbook (id, device_id, seq, kind, occurred_at, recorded_at, author,
                summary, details_json, hash) VALUES (?1, ?2, 1, 'delivery', ?3, ?3, 'portal',
                'Geleverd', '{}', ?4)",
            rusqlite::params![
                entry.id.to_string(),
                entry.device_id.to_string(),
                veldwerk_core::logbook::canonical_time(&entry.occurred_at),
                entry.hash
            ],
        )
        .unwrap();
    }
    let mut s = f.open();
    let version: i64 = s
        .raw_connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version());
    assert!(version >= 3, "upgraded through every migration");
    let counts = s.counts().unwrap();
    assert_eq!(
        (
            counts.residents,
            counts.devices,
            counts.appointments,
            counts.logbook_entries
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(s.logbook(DeviceId(id(CHAIR))).unwrap(), vec![entry]);
    assert_eq!(s.verify_logbook(DeviceId(id(CHAIR))).unwrap(), None);
    let cal = WorkingDayCalendar::dutch_legal();
    let today = s.today(TechnicianId(id(TECH)), day(), &cal).unwrap();
    assert_eq!(today.appointments[0].jobs[0].state, None);
    assert_eq!(
        s.device_with_registration("wmo-0200-000123")
            .unwrap()
            .unwrap()
            .id,
        DeviceId(id(CHAIR))
    );
    // the new tables work on the upgraded file
    s.start_draft(job(REPAIR_JOB), "repair", 1, t(10, 5))
        .unwrap();
    s.save_answer(job(REPAIR_JOB), "a", &text("b"), t(10, 6))
        .unwrap();
    assert_eq!(s.outbox_len().unwrap(), 0);
    drop(s);
    // and opening again migrates nothing twice
    let s = f.open();
    assert_eq!(s.draft(job(REPAIR_JOB)).unwrap().unwrap().answers.len(), 1);
    let found = s.search("wmo0200000123", 10).unwrap();
    assert_eq!(found.groups[0].devices[0].id, DeviceId(id(CHAIR)));
}
