//! Telling the resident and the municipality that a repair deadline will be missed, through
//! Tauri's real IPC path: two messages recorded and queued for the portal, once; a date that
//! does not move the deadline, or a job without one, is refused with nothing written.

mod common;
use common::*;
use serde_json::{json, Value};
use veldwerk_core::ids::JobId;
use veldwerk_core::model::JobKind;

const M1: &str = "019a0000-0000-7000-8000-00000000e001";
const M2: &str = "019a0000-0000-7000-8000-00000000e002";

/// A repair of a class with a fix-by deadline, on a planned day.
fn a_repair(h: &Harness) -> (JobId, String) {
    let (j, _) = h
        .first_job(|j| j.kind == JobKind::Repair && j.repair.is_some())
        .expect("a repair in the demo");
    let due = j
        .repair
        .map(|r| veldwerk_core::sla::deadline_day(r.deadlines.fixed_by));
    (j.id, due.expect("its deadlines").to_string())
}

fn outbox_messages(h: &Harness) -> Vec<Value> {
    h.outbox()
        .into_iter()
        .filter(|e| e.record_type == "message")
        .map(|e| serde_json::from_str(&e.payload_json).unwrap())
        .collect()
}

fn inform(h: &Harness, job: JobId, new_date: &str, reason: &str) -> Result<Value, Value> {
    h.call(
        "inform_missed_deadline",
        json!({ "jobId": job.to_string(), "messageIds": [M1, M2],
                "newDate": new_date, "reason": reason }),
    )
}

#[test]
fn a_missed_repair_deadline_is_told_to_the_resident_and_the_municipality_once() {
    let h = harness(true);
    let (job, due) = a_repair(&h);
    let due = chrono::NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap();
    // the day after the deadline's own day is the first a new date can be
    let later = (due.max(h.anchor) + chrono::Duration::days(1)).to_string();

    // a new date that does not move the deadline, or no reason: refused, nothing written
    let before = h.digest();
    assert_app_error(
        inform(&h, job, &due.to_string(), "onderdeel te laat"),
        "invalid_input",
    );
    assert_app_error(inform(&h, job, &later, "   "), "empty");
    assert_app_error(
        inform(&h, job, "morgen", "onderdeel te laat"),
        "invalid_input",
    );
    assert_eq!(before, h.digest());

    let sent = inform(&h, job, &later, "het onderdeel is pas later leverbaar").expect("recorded");
    let sent = sent.as_array().unwrap();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0]["recipient"], "resident");
    assert_eq!(sent[1]["recipient"], "municipality");
    assert_eq!(sent[1]["channel"], "email");
    assert!(sent[0]["address"].as_str().is_some_and(|a| !a.is_empty()));
    assert!(sent[0]["body"]
        .as_str()
        .unwrap()
        .contains("het onderdeel is pas later leverbaar"));
    assert!(sent[0]["body"].as_str().unwrap().contains("vervangend"));
    let queued = outbox_messages(&h);
    assert_eq!(queued.len(), 2);
    assert_eq!(queued[0]["id"], M1);
    assert_eq!(queued[1]["id"], M2);

    // a retry of the same dialog records nothing twice
    let before = h.digest();
    inform(&h, job, &later, "het onderdeel is pas later leverbaar").expect("a retry is answered");
    assert_eq!(before, h.digest());
    assert_eq!(outbox_messages(&h).len(), 2);
    let listed = h
        .call("job_messages", json!({ "jobId": job.to_string() }))
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[test]
fn a_job_without_a_repair_deadline_has_nothing_to_miss() {
    let h = harness(true);
    let job = h.a_maintenance();
    let before = h.digest();
    let later = (h.anchor + chrono::Duration::days(5)).to_string();
    assert_app_error(inform(&h, job, &later, "te druk"), "invalid_input");
    assert_eq!(before, h.digest());
}

#[test]
fn an_appointment_that_cannot_be_kept_is_told_with_a_new_time() {
    let h = harness(true);
    let appointment = h
        .state
        .with_store(|s| {
            let t = s.today(h.summary.technicians[0], h.anchor, &h.state.calendar)?;
            Ok(t.appointments.first().map(|a| a.id))
        })
        .unwrap()
        .expect("an appointment on the anchor day");
    let tomorrow = veldwerk_core::sla::start_of_local_day(h.anchor + chrono::Duration::days(1));
    let window = |from_h: i64, to_h: i64| {
        json!({ "start": tomorrow + chrono::Duration::hours(from_h),
                "end": tomorrow + chrono::Duration::hours(to_h) })
    };
    let inform = |proposed: Value, reason: &str| {
        h.call(
            "inform_appointment_moved",
            json!({ "appointmentId": appointment.to_string(), "messageId": M1,
                    "proposed": proposed, "reason": reason }),
        )
    };
    // a proposal in the past: refused, nothing written
    let before = h.digest();
    let past = json!({ "start": tomorrow - chrono::Duration::days(3),
                       "end": tomorrow - chrono::Duration::days(3) + chrono::Duration::hours(1) });
    assert_app_error(inform(past, "file"), "invalid_input");
    assert_eq!(before, h.digest());

    let m = inform(window(8, 10), "een spoedreparatie elders").expect("recorded");
    assert_eq!(m["reason"], "appointment_moved");
    assert_eq!(m["recipient"], "resident");
    assert!(m["body"].as_str().unwrap().contains("08:00–10:00"), "{m}");
    assert_eq!(m["proposed"]["start"], window(8, 10)["start"]);
    let before = h.digest();
    inform(window(8, 10), "een spoedreparatie elders").expect("a retry is answered");
    assert_eq!(before, h.digest());
    let listed = h
        .call(
            "appointment_messages",
            json!({ "appointmentId": appointment.to_string() }),
        )
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(outbox_messages(&h).len(), 1);
}

#[test]
fn a_delivery_day_that_will_be_missed_is_told_without_a_replacement() {
    let h = harness(true);
    let (job, day) = h
        .first_job(|j| j.kind == JobKind::Delivery)
        .map(|(j, day)| (j.id, day))
        .expect("a delivery in the demo");
    let before = h.digest();
    // the planned day itself is not a new date
    assert_app_error(
        inform(
            &h,
            job,
            &day.to_string(),
            "het hulpmiddel is nog niet binnen",
        ),
        "invalid_input",
    );
    assert_eq!(before, h.digest());
    let later = (day.max(h.anchor) + chrono::Duration::days(2)).to_string();
    let sent = inform(&h, job, &later, "het hulpmiddel is nog niet binnen").expect("recorded");
    let sent = sent.as_array().unwrap();
    assert_eq!(sent.len(), 2);
    let body = sent[0]["body"].as_str().unwrap();
    assert!(body.contains("levering van uw"), "{body}");
    assert!(
        !body.contains("vervangend"),
        "a delivery has no replacement: {body}"
    );
}
