//! Every command, called through Tauri's real IPC path (mock runtime) with bad input: wrong
//! types, unknown ids, oversized strings, hostile text. Each gets a clear error, nothing
//! panics, and nothing is written to the replica.

mod common;
use common::*;
use serde_json::json;
use veldwerk_app::state::{lock, Startup};

const UNKNOWN: &str = "0190d1a2-0000-7000-8000-000000000000";

#[test]
fn app_status_and_technicians_answer() {
    let h = harness(true);
    let s = h.call("app_status", json!({})).unwrap();
    assert_eq!(s["startup"]["phase"], "ready");
    assert_eq!(s["sync"]["state"], "no_portal");
    assert!(s["technician"]["name"].is_string());
    // a started app has nothing to retry; junk arguments change nothing
    let before = h.digest();
    assert_eq!(
        h.call("retry_startup", json!({ "junk": "x" })).unwrap(),
        json!(false)
    );
    assert_eq!(before, h.digest());
    assert_eq!(
        h.call("app_status", json!({})).unwrap()["startup"]["phase"],
        "ready"
    );
    let t = h
        .call("list_technicians", json!({ "junk": [1, 2, 3] }))
        .unwrap();
    assert_eq!(t.as_array().unwrap().len(), 3);
}

#[test]
fn choose_technician_refuses_bad_input_and_writes_nothing() {
    let h = harness(false);
    let before = h.digest();
    assert_wrong_type(h.call("choose_technician", json!({ "technicianId": 5 })));
    assert_wrong_type(h.call("choose_technician", json!({})));
    assert_app_error(
        h.call("choose_technician", json!({ "technicianId": "nope" })),
        "invalid_id",
    );
    assert_app_error(
        h.call(
            "choose_technician",
            json!({ "technicianId": "x".repeat(100_000) }),
        ),
        "too_long",
    );
    assert_app_error(
        h.call("choose_technician", json!({ "technicianId": UNKNOWN })),
        "not_found",
    );
    assert_eq!(before, h.digest(), "a refused call wrote to the replica");
    assert!(lock(&h.state.technician).is_none());
    // and a valid choice is written
    let techs = h.call("list_technicians", json!({})).unwrap();
    let id = techs[0]["id"].as_str().unwrap().to_string();
    let chosen = h
        .call("choose_technician", json!({ "technicianId": id }))
        .unwrap();
    assert_eq!(chosen["id"], json!(id));
    assert_ne!(before, h.digest());
}

#[test]
fn today_refuses_bad_dates_and_needs_a_technician() {
    let h = harness(true);
    let before = h.digest();
    assert_wrong_type(h.call("today", json!({ "date": 20260330 })));
    assert_app_error(
        h.call("today", json!({ "date": "2026-02-30" })),
        "invalid_date",
    );
    assert_app_error(
        h.call("today", json!({ "date": "30-03-2026" })),
        "invalid_date",
    );
    assert_app_error(
        h.call("today", json!({ "date": "9".repeat(1_000_000) })),
        "invalid_date",
    );
    let ok = h.call("today", json!({ "date": "2026-03-30" })).unwrap();
    assert!(!ok["appointments"].as_array().unwrap().is_empty());
    assert_eq!(before, h.digest());
    let nobody = harness(false);
    assert_app_error(
        nobody.call("today", json!({ "date": null })),
        "no_technician",
    );
}

#[test]
fn resident_and_passport_refuse_bad_ids() {
    let h = harness(true);
    let before = h.digest();
    for (cmd, key) in [("resident", "residentId"), ("device_passport", "deviceId")] {
        assert_wrong_type(h.call(cmd, json!({ key: { "id": 1 } })));
        assert_wrong_type(h.call(cmd, json!({ key: null })));
        assert_app_error(
            h.call(cmd, json!({ key: "../../etc/passwd" })),
            "invalid_id",
        );
        assert_app_error(h.call(cmd, json!({ key: "é".repeat(70_000) })), "too_long");
        assert_app_error(h.call(cmd, json!({ key: UNKNOWN })), "not_found");
    }
    assert_eq!(before, h.digest());
}

#[test]
fn search_refuses_oversized_queries_and_never_interprets_syntax() {
    let h = harness(true);
    let before = h.digest();
    assert_wrong_type(h.call("search", json!({ "query": ["a"] })));
    assert_app_error(
        h.call("search", json!({ "query": "a".repeat(10_000) })),
        "too_long",
    );
    for q in [
        "\"",
        "NEAR(a b)",
        "a OR",
        "*",
        "body:x",
        "'; DROP TABLE residents; --",
        "\u{0}",
    ] {
        let r = h.call("search", json!({ "query": q }));
        assert!(r.is_ok(), "{q:?}: {r:?}");
    }
    assert_eq!(before, h.digest());
}

#[test]
fn report_drawn_bounds_its_input() {
    let h = harness(true);
    assert_wrong_type(h.call("report_drawn", json!({ "screen": 1 })));
    assert_app_error(
        h.call("report_drawn", json!({ "screen": "x".repeat(1000) })),
        "too_long",
    );
    assert!(h.call("report_drawn", json!({ "screen": "today" })).is_ok());
}

#[test]
fn commands_before_the_replica_is_open_say_so() {
    let h = harness(true);
    let store = h.state.take_store();
    h.state.set_startup(Startup::Opening);
    assert_app_error(h.call("search", json!({ "query": "jansen" })), "not_ready");
    assert_app_error(h.call("list_technicians", json!({})), "not_ready");
    let s = h.call("app_status", json!({})).unwrap();
    assert_eq!(s["startup"]["phase"], "opening");
    drop(store);
}

/// Commands run off the main thread, and reads never wait for a write: while a long write
/// holds the replica's writer (an uncommitted transaction), Today, search and the status
/// still answer at once; the write itself then completes.
#[test]
fn a_long_write_does_not_block_reads() {
    let h = harness(true);
    let state = std::sync::Arc::clone(&h.state);
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let writer = std::thread::spawn(move || {
        state
            .with_writer(|s| {
                let w = s.write()?;
                w.set_setting("probe", "long write")?;
                started_tx.send(()).ok();
                std::thread::sleep(std::time::Duration::from_millis(1500));
                w.commit()?;
                Ok(())
            })
            .expect("the long write")
    });
    started_rx.recv().expect("the write started");
    let t0 = std::time::Instant::now();
    let day = h.anchor.to_string();
    h.call("today", json!({ "date": day })).expect("today");
    h.call("search", json!({ "query": "jansen" }))
        .expect("search");
    let status = h.call("app_status", json!({})).expect("status");
    let waited = t0.elapsed();
    assert!(
        waited < std::time::Duration::from_millis(1000),
        "reads waited {waited:?} for a write in progress"
    );
    assert_eq!(status["startup"]["phase"], "ready");
    writer.join().expect("writer thread");
    // the write landed, and a write after it goes through the same writer
    let probe = h
        .state
        .with_reader(|s| Ok(s.setting("probe")?))
        .expect("read back");
    assert_eq!(probe.as_deref(), Some("long write"));
}

/// After a restart on a day without visits, Today still leads back to the work: visits in
/// progress on other days are listed whatever day is shown, and an empty day names the next
/// day with visits.
#[test]
fn today_leads_back_to_visits_in_progress_and_to_the_next_day_with_visits() {
    let h = harness(true);
    let monday = h.anchor; // Monday 30 March 2026
    let saturday = monday + chrono::Duration::days(5);
    let first = h
        .call("today", json!({ "date": monday.to_string() }))
        .unwrap();
    let job = first["appointments"][0]["jobs"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let visit = first["appointments"][0]["id"].clone();

    let empty = h
        .call("today", json!({ "date": saturday.to_string() }))
        .unwrap();
    assert_eq!(empty["appointments"], json!([]));
    // the next day with visits: the first later day whose Today is not empty
    let has_visits = |d: chrono::NaiveDate| {
        !h.call("today", json!({ "date": d.to_string() })).unwrap()["appointments"]
            .as_array()
            .unwrap()
            .is_empty()
    };
    let mut want = None;
    for k in 1..60 {
        let d = saturday + chrono::Duration::days(k);
        if has_visits(d) {
            want = Some(d.to_string());
            break;
        }
    }
    assert!(want.is_some(), "the demo plans visits after the weekend");
    assert_eq!(
        empty["next_day_with_visits"].as_str().map(str::to_string),
        want
    );
    assert_eq!(empty["in_progress_elsewhere"], json!([]));

    h.call("start_job", json!({ "jobId": job })).expect("start");
    let later = h
        .call("today", json!({ "date": saturday.to_string() }))
        .unwrap();
    let elsewhere = later["in_progress_elsewhere"].as_array().unwrap();
    assert_eq!(elsewhere.len(), 1, "{later}");
    assert_eq!(elsewhere[0]["id"], visit);
    // on its own day the visit is in the day's list, not twice
    let own = h
        .call("today", json!({ "date": monday.to_string() }))
        .unwrap();
    assert_eq!(own["in_progress_elsewhere"], json!([]));
    assert!(
        own["next_day_with_visits"].is_null(),
        "a day with visits names no other"
    );
}
