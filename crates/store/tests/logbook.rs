//! The append-only, hash-chained logbook.

mod common;
use common::*;
use veldwerk_core::ids::DeviceId;
use veldwerk_core::logbook::{BreakReason, LogbookKind};

#[test]
fn entries_chain_per_device() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let chair = s.logbook(DeviceId(id(CHAIR))).unwrap();
    assert_eq!(
        chair.iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(chair[0].prev_hash, None);
    assert_eq!(chair[1].prev_hash.as_deref(), Some(chair[0].hash.as_str()));
    let hoist = s.logbook(DeviceId(id(HOIST))).unwrap();
    assert_eq!(hoist[0].seq, 1, "each device has its own chain");
    assert_eq!(s.verify_logbook(DeviceId(id(CHAIR))).unwrap(), None);
    assert!(s.verify_all_logbooks().unwrap().is_empty());
}

#[test]
fn the_database_refuses_edits_and_deletes() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let c = s.raw_connection();
    let upd = c.execute("UPDATE logbook SET summary = 'x' WHERE seq = 1", []);
    assert!(upd.unwrap_err().to_string().contains("append-only"));
    let del = c.execute("DELETE FROM logbook", []);
    assert!(del.unwrap_err().to_string().contains("append-only"));
    assert_eq!(s.counts().unwrap().logbook_entries, 4);
}

#[test]
fn verify_reports_the_first_edited_entry() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    // Someone with the key and a SQL prompt drops the guard and edits entry 2.
    s.raw_connection()
        .execute_batch(
            "DROP TRIGGER logbook_append_only_update;
             UPDATE logbook SET summary = 'Niet geleverd'
              WHERE device_id = '00000000-0000-0000-0000-0000000003e8' AND seq = 2;",
        )
        .unwrap();
    let broken = s
        .verify_logbook(DeviceId(id(CHAIR)))
        .unwrap()
        .expect("break found");
    assert_eq!(broken.seq, 2);
    assert_eq!(broken.reason, BreakReason::HashMismatch);
    let all = s.verify_all_logbooks().unwrap();
    assert_eq!(all.len(), 1, "the hoist's chain is intact");
    assert_eq!(all[0].device_id, DeviceId(id(CHAIR)));
}

#[test]
fn verify_reports_a_removed_entry() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    s.raw_connection()
        .execute_batch(
            "DROP TRIGGER logbook_append_only_delete;
             DELETE FROM logbook WHERE device_id = '00000000-0000-0000-0000-0000000003e8' AND seq = 2;",
        )
        .unwrap();
    let broken = s
        .verify_logbook(DeviceId(id(CHAIR)))
        .unwrap()
        .expect("break found");
    assert_eq!(broken.seq, 3);
    assert_eq!(broken.reason, BreakReason::SequenceGap);
}

#[test]
fn verify_reports_removed_newest_entries() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let chain = s.logbook(DeviceId(id(CHAIR))).unwrap();
    // The newest two entries removed: what is left is a whole chain in itself.
    s.raw_connection()
        .execute_batch(
            "DROP TRIGGER logbook_append_only_delete;
             DELETE FROM logbook WHERE device_id = '00000000-0000-0000-0000-0000000003e8' AND seq >= 2;",
        )
        .unwrap();
    let broken = s
        .verify_logbook(DeviceId(id(CHAIR)))
        .unwrap()
        .expect("the missing tail is found");
    assert_eq!(broken.reason, BreakReason::TailMissing);
    assert_eq!(broken.seq, 2, "the first entry that is gone");
    assert_eq!(
        broken.entry_id, chain[2].id,
        "the head names the last entry"
    );
    // the passport says so too; the head cannot be moved back or removed
    let p = s
        .passport(
            DeviceId(id(CHAIR)),
            chrono::NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(),
            &veldwerk_core::WorkingDayCalendar::dutch_legal(),
        )
        .unwrap();
    assert_eq!(
        p.chain.broken.map(|b| b.reason),
        Some(BreakReason::TailMissing)
    );
    // a device with every entry removed is found by the check over all devices
    s.raw_connection()
        .execute(
            "DELETE FROM logbook WHERE device_id = '00000000-0000-0000-0000-0000000003e8'",
            [],
        )
        .unwrap();
    let all = s.verify_all_logbooks().unwrap();
    assert!(
        all.iter()
            .any(|b| b.device_id == DeviceId(id(CHAIR)) && b.reason == BreakReason::TailMissing),
        "{all:?}"
    );
    let c = s.raw_connection();
    let e = c
        .execute("UPDATE logbook_heads SET seq = 1", [])
        .unwrap_err();
    assert!(e.to_string().contains("only moves forward"), "{e}");
    let e = c.execute("DELETE FROM logbook_heads", []).unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
}

#[test]
fn appending_continues_the_chain_after_reopen() {
    let f = Fixture::new();
    {
        let mut s = f.open();
        seed(&mut s);
    }
    let mut s = f.open();
    let w = s.write().unwrap();
    let e = w
        .append_logbook(entry(
            CHAIR,
            4,
            LogbookKind::Repair,
            local(2026, 3, 30, 11, 0),
            "Band vervangen",
        ))
        .unwrap();
    w.commit().unwrap();
    assert_eq!(e.seq, 4);
    let chain = s.logbook(DeviceId(id(CHAIR))).unwrap();
    assert_eq!(e.prev_hash.as_deref(), Some(chain[2].hash.as_str()));
    assert_eq!(s.verify_logbook(DeviceId(id(CHAIR))).unwrap(), None);
}

#[test]
fn a_rolled_back_write_leaves_nothing() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    {
        let w = s.write().unwrap();
        w.append_logbook(entry(
            CHAIR,
            5,
            LogbookKind::Note,
            local(2026, 3, 30, 12, 0),
            "x",
        ))
        .unwrap();
        // dropped without commit
    }
    assert_eq!(s.counts().unwrap().logbook_entries, 4);
}
