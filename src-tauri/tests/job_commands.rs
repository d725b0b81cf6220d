//! Guided jobs through Tauri's real IPC path with bad input: out-of-range measurements, a
//! missing required item, a trial end beyond 21 days, an unknown template version, answers
//! of the wrong type or for unknown items. Each is a clear error, and nothing entered
//! before is lost.

mod common;
use chrono::{Duration, NaiveDate};
use common::*;
use serde_json::{json, Value};
use veldwerk_core::ids::{JobId, TechnicianId};
use veldwerk_core::model::JobKind;
use veldwerk_core::Category;
use veldwerk_demo::DemoConfig;

/// Ids a client makes for its records (UUIDv7).
const V7: &str = "019a0000-0000-7000-8000-0000000000a1";
const V7B: &str = "019a0000-0000-7000-8000-0000000000b2";

/// The demo's first working day shows every kind of guided job (see the demo's tests).
fn harness() -> Harness {
    let anchor = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    harness_with(DemoConfig::small(anchor), true)
}

/// The first job of `kind` of a technician on the anchor day, matching `ok`.
fn find_job(
    h: &Harness,
    tech: TechnicianId,
    kind: JobKind,
    ok: impl Fn(&veldwerk_store::views::JobCard) -> bool,
) -> JobId {
    h.state
        .with_store(|s| {
            let t = s.today(tech, h.anchor, &h.state.calendar)?;
            Ok(t.appointments
                .iter()
                .flat_map(|a| a.jobs.iter())
                .find(|j| j.kind == kind && ok(j))
                .map(|j| j.id))
        })
        .unwrap()
        .unwrap_or_else(|| panic!("no {kind:?} job on the demo's first day"))
}

fn start(h: &Harness, job: JobId) -> Value {
    h.call("start_job", json!({ "jobId": job.to_string() }))
        .expect("start job")
}

/// A digest of the job's saved answers (and everything else).
fn answers(view: &Value) -> serde_json::Map<String, Value> {
    view["answers"].as_object().cloned().unwrap_or_default()
}

fn save(h: &Harness, job: JobId, key: &str, answer: Value) -> Result<Value, Value> {
    h.call(
        "save_answer",
        json!({ "jobId": job.to_string(), "key": key, "answer": answer }),
    )
}

/// "All OK" on every step of the job's template that has checks (instances included).
fn all_checks_ok(h: &Harness, job: JobId) {
    let view = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    for step in view["steps"].as_array().unwrap() {
        if step["applicable"] == json!(false) {
            continue;
        }
        h.call(
            "all_ok",
            json!({ "jobId": job.to_string(), "stepId": step["step_id"], "instance": step["instance"] }),
        )
        .expect("all OK");
    }
}

fn electric_wheelchair_pm(h: &Harness) -> JobId {
    find_job(
        h,
        h.summary.technicians[0],
        JobKind::PreventiveMaintenance,
        |j| {
            j.device
                .as_ref()
                .is_some_and(|d| d.category == Category::C7)
        },
    )
}

#[test]
fn an_out_of_range_measurement_is_refused_and_nothing_is_lost() {
    let h = harness();
    let job = electric_wheelchair_pm(&h);
    let view = start(&h, job);
    assert_eq!(view["template"]["id"], "pm-electric-drive");
    assert_eq!(view["state"], "in_progress");
    // something entered first
    let ok = json!({ "type": "check", "result": "ok", "fix_by": null, "note": null });
    let first_check = view["template"]["steps"][0]["items"][0]["id"]
        .as_str()
        .unwrap();
    let first_step = view["template"]["steps"][0]["id"].as_str().unwrap();
    let first_key = format!("{first_step}.{first_check}");
    save(&h, job, &first_key, ok.clone()).unwrap();
    let before = h.digest();
    let refused = save(
        &h,
        job,
        "battery.capacity",
        json!({ "type": "measurement", "value": 250.0 }),
    );
    assert_app_error(refused.clone(), "measurement_out_of_range");
    let msg = refused.unwrap_err()["message"]["nl"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("250") && msg.contains('%'), "{msg}");
    assert_eq!(before, h.digest(), "a refused answer wrote to the replica");
    // a plausible but low value is saved with a warning; the earlier answer is still there
    let view = save(
        &h,
        job,
        "battery.capacity",
        json!({ "type": "measurement", "value": 75.0 }),
    )
    .expect("75% is accepted");
    assert_eq!(answers(&view)["battery.capacity"]["value"], json!(75.0));
    assert_eq!(answers(&view)[&first_key], ok);
    assert!(view["answer_warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["key"] == "battery.capacity"));
    // not a number at all: refused by the IPC layer, nothing written
    let before = h.digest();
    assert_wrong_type(save(
        &h,
        job,
        "battery.capacity",
        json!({ "type": "measurement", "value": "veel" }),
    ));
    assert_eq!(before, h.digest());
}

#[test]
fn completing_with_a_required_item_missing_is_refused_with_the_list() {
    let h = harness();
    let job = electric_wheelchair_pm(&h);
    start(&h, job);
    let before = h.digest();
    let refused = h.call("complete_job", json!({ "jobId": job.to_string() }));
    assert_app_error(refused, "job_incomplete");
    assert_eq!(before, h.digest(), "a refused completion wrote something");
    let view = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    let missing: Vec<&str> = view["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"].as_str().unwrap())
        .collect();
    assert!(missing.contains(&"signoff.signer"), "{missing:?}");
    assert!(missing.contains(&"battery.capacity"), "{missing:?}");
    assert_eq!(view["state"], "in_progress");
}

#[test]
fn a_trial_placement_may_end_at_most_21_days_after_the_fitting() {
    let h = harness();
    let fitter = h.summary.technicians[3];
    let job = find_job(&h, fitter, JobKind::Fitting, |_| true);
    let view = start(&h, job);
    let day = NaiveDate::parse_from_str(view["job_day"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    save(
        &h,
        job,
        "trial.placement",
        json!({ "type": "yes_no", "value": true }),
    )
    .unwrap();
    let before = h.digest();
    let late = (day + Duration::days(22)).to_string();
    let refused = save(
        &h,
        job,
        "trial.end_date",
        json!({ "type": "date", "value": late }),
    );
    assert_app_error(refused.clone(), "date_out_of_range");
    let msg = refused.unwrap_err()["message"]["en"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains(&(day + Duration::days(21)).to_string()),
        "{msg}"
    );
    assert_eq!(before, h.digest());
    let last = (day + Duration::days(21)).to_string();
    let view = save(
        &h,
        job,
        "trial.end_date",
        json!({ "type": "date", "value": last }),
    )
    .unwrap();
    assert_eq!(answers(&view)["trial.end_date"]["value"], json!(last));
    assert_eq!(answers(&view)["trial.placement"]["value"], json!(true));
}

#[test]
fn an_unknown_template_version_is_reported_and_the_answers_are_kept() {
    let h = harness();
    let job = electric_wheelchair_pm(&h);
    start(&h, job);
    save(
        &h,
        job,
        "battery.capacity",
        json!({ "type": "measurement", "value": 91.0 }),
    )
    .unwrap();
    // The draft refers to a version this build does not have (say, made by a newer app).
    h.state
        .with_store(|s| {
            s.raw_connection()
                .execute(
                    "UPDATE job_drafts SET template_version = 99 WHERE job_id = ?1",
                    [job.to_string()],
                )
                .unwrap();
            Ok(())
        })
        .unwrap();
    let view = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .expect("the job still opens");
    assert!(view["template"].is_null());
    let problem = view["template_problem"]["nl"].as_str().unwrap();
    assert!(problem.contains("99"), "{problem}");
    assert_eq!(answers(&view)["battery.capacity"]["value"], json!(91.0));
    let before = h.digest();
    assert_app_error(
        save(
            &h,
            job,
            "battery.capacity",
            json!({ "type": "measurement", "value": 90.0 }),
        ),
        "template_unavailable",
    );
    assert_app_error(
        h.call("complete_job", json!({ "jobId": job.to_string() })),
        "template_unavailable",
    );
    assert_eq!(before, h.digest());
}

#[test]
fn answers_of_the_wrong_type_or_for_unknown_items_are_refused() {
    let h = harness();
    let job = electric_wheelchair_pm(&h);
    // before the job is started
    assert_app_error(
        save(
            &h,
            job,
            "battery.capacity",
            json!({ "type": "measurement", "value": 90.0 }),
        ),
        "job_not_started",
    );
    let view = start(&h, job);
    let before = h.digest();
    assert_app_error(
        save(
            &h,
            job,
            "battery.capacity",
            json!({ "type": "text", "value": "90" }),
        ),
        "answer_wrong_type",
    );
    assert_app_error(
        save(
            &h,
            job,
            "nope.nothing",
            json!({ "type": "yes_no", "value": true }),
        ),
        "unknown_item",
    );
    assert_app_error(
        save(
            &h,
            job,
            "usage.functional_check",
            json!({ "type": "choice", "value": "perfect" }),
        ),
        "unknown_option",
    );
    assert_app_error(
        save(
            &h,
            job,
            &"k".repeat(300),
            json!({ "type": "yes_no", "value": true }),
        ),
        "too_long",
    );
    assert_app_error(
        save(
            &h,
            job,
            "signoff.signer",
            json!({ "type": "sign_off", "name": "  ", "role": "resident" }),
        ),
        "signer_missing",
    );
    assert_wrong_type(save(
        &h,
        job,
        "battery.capacity",
        json!({ "type": "unheard_of" }),
    ));
    assert_wrong_type(save(&h, job, "battery.capacity", json!(42)));
    assert_app_error(
        h.call(
            "all_ok",
            json!({ "jobId": job.to_string(), "stepId": "no_such_step", "instance": null }),
        ),
        "unknown_item",
    );
    assert_eq!(before, h.digest());
    // the one-tap "all ok" answers every unanswered check of a step
    let step = view["template"]["steps"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let checks = view["template"]["steps"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["input"]["type"] == "check")
        .count();
    let after = h
        .call(
            "all_ok",
            json!({ "jobId": job.to_string(), "stepId": step, "instance": null }),
        )
        .unwrap();
    let answered = answers(&after)
        .keys()
        .filter(|k| k.starts_with(&format!("{step}.")))
        .count();
    assert_eq!(answered, checks);
}

#[test]
fn job_commands_refuse_malformed_ids() {
    let h = harness();
    for cmd in ["open_job", "start_job", "complete_job", "loan_candidates"] {
        assert_app_error(h.call(cmd, json!({ "jobId": "x" })), "invalid_id");
        assert_app_error(
            h.call(
                cmd,
                json!({ "jobId": "0190d1a2-0000-7000-8000-000000000000" }),
            ),
            "not_found",
        );
        assert_wrong_type(h.call(cmd, json!({ "jobId": 12 })));
    }
    assert_app_error(
        h.call(
            "record_signal",
            json!({ "signalId": V7, "residentId": "0190d1a2-0000-7000-8000-000000000000", "jobId": null,
                    "deviceId": null, "kind": "unsafe_situation", "urgent": false,
                    "description": "" }),
        ),
        "empty",
    );
    assert_wrong_type(h.call(
        "record_signal",
        json!({ "signalId": V7, "residentId": "0190d1a2-0000-7000-8000-000000000000", "jobId": null,
                "deviceId": null, "kind": "gossip", "urgent": false, "description": "x" }),
    ));
    assert_app_error(
        h.call(
            "report_not_home",
            json!({ "reportId": V7, "jobId": "0190d1a2-0000-7000-8000-000000000000",
                    "reason": "not_home", "note": "", "proposal": null }),
        ),
        "not_found",
    );
}

#[test]
fn a_fault_reported_on_site_opens_a_new_repair_job() {
    let h = harness();
    let job = electric_wheelchair_pm(&h);
    let view = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    let device = view["device"]["id"].as_str().unwrap().to_string();
    let devices = view["resident_devices"].as_array().unwrap();
    assert!(devices.iter().any(|d| d["id"] == json!(device)));
    let before = h.digest();
    assert_app_error(
        h.call(
            "report_malfunction",
            json!({ "malfunctionId": V7, "repairJobId": V7B, "jobId": job.to_string(), "deviceId": device, "responseClass": "B",
                    "description": " ", "driveRelated": true }),
        ),
        "empty",
    );
    assert_wrong_type(h.call(
        "report_malfunction",
        json!({ "malfunctionId": V7, "repairJobId": V7B, "jobId": job.to_string(), "deviceId": device, "responseClass": "D",
                "description": "x", "driveRelated": true }),
    ));
    // a device that is not this resident's
    let other = h
        .state
        .with_store(|s| {
            Ok(s.search("WMO", 200)?
                .groups
                .iter()
                .flat_map(|g| g.devices.iter())
                .find(|d| {
                    d.resident_id.map(|r| r.to_string())
                        != view["resident"]["id"].as_str().map(str::to_string)
                })
                .map(|d| d.id.to_string()))
        })
        .unwrap()
        .expect("another resident's device");
    assert_app_error(
        h.call(
            "report_malfunction",
            json!({ "malfunctionId": V7, "repairJobId": V7B, "jobId": job.to_string(), "deviceId": other, "responseClass": "A",
                    "description": "Piept", "driveRelated": false }),
        ),
        "not_residents_device",
    );
    assert_eq!(before, h.digest(), "refused reports wrote something");
    let repair = h
        .call(
            "report_malfunction",
            json!({ "malfunctionId": V7, "repairJobId": V7B, "jobId": job.to_string(), "deviceId": device, "responseClass": "B",
                    "description": "Joystick reageert traag", "driveRelated": true }),
        )
        .expect("reported");
    assert_eq!(repair["kind"], "repair");
    assert_eq!(repair["state"], "not_started");
    assert_eq!(repair["malfunction"]["class"], "B");
    assert_eq!(repair["malfunction"]["drive_related"], json!(true));
    assert_eq!(repair["appointment_id"], view["appointment_id"]);
    assert!(repair["deadlines"]["on_site_by"].is_string());
    assert_eq!(repair["template"]["id"], "repair");
    // a retried request (same ids) is the same fault, not a second one
    let after = h.digest();
    let again = h
        .call(
            "report_malfunction",
            json!({ "malfunctionId": V7, "repairJobId": V7B, "jobId": job.to_string(), "deviceId": device,
                    "responseClass": "B", "description": "Joystick reageert traag", "driveRelated": true }),
        )
        .expect("a retry is answered");
    assert_eq!(again["job_id"], repair["job_id"]);
    assert_eq!(after, h.digest(), "recorded twice");
}

/// The first delivery job in the demo's planned fortnight (any technician).
#[test]
fn a_delivery_ready_to_sign_is_locked_until_reopened_and_doubts_become_a_signal() {
    let h = harness();
    let job = h.a_delivery();
    let view = start(&h, job);
    let reg = view["device"]["registration_number"]
        .as_str()
        .unwrap()
        .to_string();
    let yes = json!({ "type": "yes_no", "value": true });
    // the wrong device is not accepted as delivered
    save(
        &h,
        job,
        "identity.registration",
        json!({ "type": "registration", "value": "WMO-0000-000001" }),
    )
    .unwrap();
    let v = h.call(
        "job_event",
        json!({ "jobId": job.to_string(), "event": "mark_ready_to_sign" }),
    );
    assert_app_error(v, "job_incomplete");
    let view = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    assert!(view["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["key"] == "identity.registration" && m["problem"].is_object()));
    save(
        &h,
        job,
        "identity.registration",
        json!({ "type": "registration", "value": reg.to_lowercase() }),
    )
    .unwrap();
    save(
        &h,
        job,
        "instruction.topics",
        json!({ "type": "multi_choice", "values": ["controls", "safety"] }),
    )
    .unwrap();
    let electric = view["device_electric"].as_bool().unwrap();
    let hoist = matches!(view["device"]["category"].as_str(), Some("15" | "16"));
    let mut keys = vec![
        "instruction.demonstration",
        "handover.manual",
        "handover.complaint_procedure",
        "handover.survey_informed",
        "safety.operates_safely",
    ];
    if electric && !hoist {
        keys.extend(["instruction.driving_lesson", "handover.insurance_info"]);
    }
    if hoist {
        keys.push("instruction.caregiver");
    }
    // the delivery lesson in the resident's own surroundings, for a ridden device (6.4.3)
    if view["applicable"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k == "instruction.delivery_lesson")
    {
        keys.push("instruction.delivery_lesson");
    }
    for key in keys {
        save(&h, job, key, yes.clone()).unwrap();
    }
    // reaction ability in doubt: needs a description, and becomes an urgent signal
    save(
        &h,
        job,
        "safety.reaction_unimpaired",
        json!({ "type": "yes_no", "value": false }),
    )
    .unwrap();
    save(
        &h,
        job,
        "safety.doubts",
        json!({ "type": "text", "value": "Neemt zware pijnstillers" }),
    )
    .unwrap();
    save(
        &h,
        job,
        "agreement.signer",
        json!({ "type": "sign_off", "name": "J. Jansen", "role": "resident" }),
    )
    .unwrap();
    let outbox = h.state.with_store(|s| Ok(s.outbox_len()?)).unwrap();
    let ready = h
        .call(
            "job_event",
            json!({ "jobId": job.to_string(), "event": "mark_ready_to_sign" }),
        )
        .expect("ready to sign");
    assert_eq!(ready["state"], "ready_to_sign");
    assert_eq!(
        h.state.with_store(|s| Ok(s.outbox_len()?)).unwrap(),
        outbox + 1,
        "one signal"
    );
    // locked while ready to sign
    let before = h.digest();
    assert_app_error(
        save(
            &h,
            job,
            "handover.manual",
            json!({ "type": "yes_no", "value": false }),
        ),
        "job_ready_to_sign",
    );
    assert_app_error(
        h.call(
            "clear_answer",
            json!({ "jobId": job.to_string(), "key": "handover.manual" }),
        ),
        "job_ready_to_sign",
    );
    // completing needs the signed agreement (a later feature); marking again changes nothing
    assert_app_error(
        h.call("complete_job", json!({ "jobId": job.to_string() })),
        "signature_required",
    );
    h.call(
        "job_event",
        json!({ "jobId": job.to_string(), "event": "mark_ready_to_sign" }),
    )
    .expect("ready again is harmless");
    assert_eq!(before, h.digest());
    // reopened, it can be edited again
    let reopened = h
        .call(
            "job_event",
            json!({ "jobId": job.to_string(), "event": "reopen" }),
        )
        .unwrap();
    assert_eq!(reopened["state"], "in_progress");
    // ready to sign again: the doubt was signalled already, not a second time
    let outbox = h.state.with_store(|s| Ok(s.outbox_len()?)).unwrap();
    h.call(
        "job_event",
        json!({ "jobId": job.to_string(), "event": "mark_ready_to_sign" }),
    )
    .expect("ready to sign again");
    assert_eq!(h.state.with_store(|s| Ok(s.outbox_len()?)).unwrap(), outbox);
    h.call(
        "job_event",
        json!({ "jobId": job.to_string(), "event": "reopen" }),
    )
    .unwrap();
    save(
        &h,
        job,
        "handover.manual",
        json!({ "type": "yes_no", "value": false }),
    )
    .unwrap();
    assert_app_error(
        h.call(
            "job_event",
            json!({ "jobId": job.to_string(), "event": "complete" }),
        ),
        "illegal_transition",
    );
}

#[test]
fn completing_twice_records_everything_once() {
    let h = harness();
    let job = electric_wheelchair_pm(&h);
    start(&h, job);
    all_checks_ok(&h, job);
    for (key, answer) in [
        (
            "battery.capacity",
            json!({ "type": "measurement", "value": 93.0 }),
        ),
        (
            "battery.capacity_method",
            json!({ "type": "choice", "value": "battery_tester" }),
        ),
        // a cracked frame: the device goes out of use, which the technician is told
        (
            "chassis.frame",
            json!({ "type": "check", "result": "out_of_use", "fix_by": null, "note": "Scheur" }),
        ),
        (
            "usage.functional_check",
            json!({ "type": "choice", "value": "adequate" }),
        ),
        (
            "usage.instruction_given",
            json!({ "type": "yes_no", "value": false }),
        ),
        (
            "work.labour_minutes",
            json!({ "type": "measurement", "value": 40.0 }),
        ),
        (
            "signoff.signer",
            json!({ "type": "sign_off", "name": "J. Jansen", "role": "resident" }),
        ),
    ] {
        save(&h, job, key, answer).unwrap();
    }
    let done = h
        .call("complete_job", json!({ "jobId": job.to_string() }))
        .expect("complete");
    assert_eq!(done["job"]["state"], "completed");
    // what the technician was told stays with the report, for whoever opens the job later
    let reopened = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    assert_eq!(reopened["report"]["notices"], done["notices"]);
    assert!(!done["notices"].as_array().unwrap().is_empty(), "{done}");
    assert!(done["logbook"].as_array().unwrap().len() >= 2);
    let after_first = h.digest();
    let again = h
        .call("complete_job", json!({ "jobId": job.to_string() }))
        .expect("a repeated completion is answered, not refused");
    assert!(again["logbook"].as_array().unwrap().is_empty());
    assert_eq!(after_first, h.digest(), "nothing recorded twice");
    // and the completed job no longer changes
    assert_app_error(
        save(
            &h,
            job,
            "work.labour_minutes",
            json!({ "type": "measurement", "value": 10.0 }),
        ),
        "job_closed",
    );
    assert_eq!(after_first, h.digest());
}

#[test]
fn a_long_fault_description_does_not_block_completing_the_repair() {
    let h = harness();
    let job = find_job(&h, h.summary.technicians[0], JobKind::Repair, |j| {
        j.repair.is_some()
    });
    let view = start(&h, job);
    let day = view["job_day"].as_str().unwrap().to_string();
    let long = "De rem slaat niet aan bij het afremmen op een helling. ".repeat(36);
    assert!(long.chars().count() > 1900 && long.chars().count() <= 2000);
    let mut answers = vec![
        (
            "arrival.arrived_at",
            json!({ "type": "moment", "value": format!("{day}T08:30:00Z") }),
        ),
        ("diagnosis.fault", json!({ "type": "text", "value": long })),
        (
            "diagnosis.cause",
            json!({ "type": "choice", "value": "wear" }),
        ),
        (
            "resolution.fixed_on_site",
            json!({ "type": "yes_no", "value": true }),
        ),
        (
            "resolution.work_done",
            json!({ "type": "text", "value": "Remkabel vervangen en afgesteld" }),
        ),
        (
            "resolution.resolved_at",
            json!({ "type": "moment", "value": format!("{day}T09:15:00Z") }),
        ),
        (
            "resolution.labour_minutes",
            json!({ "type": "measurement", "value": 45.0 }),
        ),
        (
            "signoff.signer",
            json!({ "type": "sign_off", "name": "J. Jansen", "role": "resident" }),
        ),
    ];
    if view["device_electric"] == json!(true) {
        answers.push((
            "diagnosis.drive_related",
            json!({ "type": "yes_no", "value": false }),
        ));
    }
    for (key, answer) in answers {
        save(&h, job, key, answer).unwrap_or_else(|e| panic!("{key}: {e}"));
    }
    // a resolution before the arrival would be refused as inconsistent
    let done = h
        .call("complete_job", json!({ "jobId": job.to_string() }))
        .expect("a long text completes");
    let entries = done["logbook"].as_array().unwrap();
    let repair = entries
        .iter()
        .find(|e| e["kind"] == "repair")
        .expect("a repair entry");
    let summary = repair["summary"].as_str().unwrap();
    assert!(
        summary.chars().count() <= 500,
        "{}",
        summary.chars().count()
    );
    assert!(repair["details_json"]
        .as_str()
        .unwrap()
        .contains("afremmen op een helling"));
    assert_eq!(
        done["job"]["malfunction"]["arrived_at"],
        json!(format!("{day}T08:30:00Z"))
    );
}

#[test]
fn a_logbook_correction_refuses_bad_input_and_is_recorded_once() {
    let h = harness();
    let job = electric_wheelchair_pm(&h);
    let view = start(&h, job);
    let device = view["device"]["id"].as_str().unwrap().to_string();
    let passport = h
        .call("device_passport", json!({ "deviceId": device }))
        .expect("passport");
    let entry = passport["logbook"][0]["entry"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = h.digest();
    let correct = |id: &str, entry: &str, text: &str| {
        h.call(
            "correct_logbook_entry",
            json!({ "correctionId": id, "entryId": entry, "correction": text }),
        )
    };
    assert_app_error(
        correct("not-a-uuid", &entry, "Datum was 3 juni"),
        "invalid_id",
    );
    assert_app_error(correct(V7, "x", "Datum was 3 juni"), "invalid_id");
    assert_app_error(correct(V7, &entry, "   "), "empty");
    assert_app_error(correct(V7, &entry, &"x".repeat(2001)), "too_long");
    assert_app_error(correct(V7, V7B, "Datum was 3 juni"), "not_found");
    assert_wrong_type(h.call(
        "correct_logbook_entry",
        json!({ "correctionId": V7, "entryId": entry, "correction": 3 }),
    ));
    assert_eq!(before, h.digest(), "refused corrections wrote something");

    let c = correct(V7, &entry, "Datum was 3 juni").expect("corrected");
    assert_eq!(c["id"], V7);
    assert_eq!(c["corrects"], json!(entry));
    assert_eq!(c["kind"], "correction");
    let after = h.digest();
    assert_ne!(before, after);
    // the answer was lost and the client asks again: one correction, not two
    let again = correct(V7, &entry, "Datum was 3 juni").expect("a retry is answered");
    assert_eq!(again, c);
    assert_eq!(after, h.digest(), "a retried correction was recorded twice");
    // a long correction (up to the 2000 allowed) is kept whole in the details; the
    // logbook line is its headline
    let long = format!("Datum was 3 juni. {}", "Toelichting ".repeat(160));
    assert!(long.chars().count() > 1500 && long.chars().count() <= 2000);
    let c = correct(V7B, &entry, &long).expect("a long correction is accepted");
    assert!(c["summary"].as_str().unwrap().chars().count() <= 500);
    let details: Value = serde_json::from_str(c["details_json"].as_str().unwrap()).unwrap();
    assert_eq!(details["data"]["correction"], long.trim());
}

#[test]
fn a_visit_that_cannot_go_ahead_is_recorded_once_and_the_closed_job_says_why() {
    let h = harness();
    let job = electric_wheelchair_pm(&h);
    let view = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    assert_eq!(view["not_home"], Value::Null);
    let day = h.anchor + Duration::days(3);
    let proposal =
        json!({ "start": format!("{day}T08:00:00Z"), "end": format!("{day}T09:30:00Z") });
    let args = json!({ "reportId": V7, "jobId": job.to_string(),
                       "reason": "not_home", "note": " Niemand thuis ", "proposal": proposal });
    // a window over two hours is refused and nothing is written
    let before = h.digest();
    let mut long = args.clone();
    long["proposal"]["end"] = json!(format!("{day}T10:30:00Z"));
    assert!(h.call("report_not_home", long).is_err());
    assert_eq!(before, h.digest());

    h.call("report_not_home", args.clone()).expect("recorded");
    let after = h.digest();
    h.call("report_not_home", args)
        .expect("a retried request is answered, not refused");
    assert_eq!(after, h.digest(), "recorded once");

    let closed = h
        .call("open_job", json!({ "jobId": job.to_string() }))
        .unwrap();
    assert_eq!(closed["state"], "cannot_proceed");
    let nh = &closed["not_home"];
    assert_eq!(nh["reason"], "not_home");
    assert_eq!(nh["note"], "Niemand thuis");
    assert_eq!(nh["jobs"], json!([job.to_string()]));
    assert_eq!(
        nh["tell_resident_via"],
        closed["resident"]["preferred_communication"]
    );
    assert!(nh["proposal"]["start"]
        .as_str()
        .is_some_and(|s| s.starts_with(&format!("{day}T08:00:00"))));
}

#[test]
fn a_retried_signal_or_complaint_is_recorded_once_and_an_edit_is_not_dropped() {
    let h = harness();
    let job = electric_wheelchair_pm(&h);
    let view = start(&h, job);
    let resident = view["resident"]["id"].clone();
    let signal = |text: &str| {
        h.call(
            "record_signal",
            json!({ "signalId": V7, "residentId": resident, "jobId": job.to_string(),
                    "deviceId": null, "kind": "improper_use", "urgent": false,
                    "description": text }),
        )
    };
    let first = signal(" Rijdt op de stoep ").expect("recorded");
    assert_eq!(first["description"], "Rijdt op de stoep");
    let after = h.digest();
    // the answer was lost; the same request again is answered with what is stored
    assert_eq!(
        signal("Rijdt op de stoep").expect("a retry is answered"),
        first
    );
    assert_eq!(after, h.digest(), "recorded twice");
    // the text was changed before the retry: refused with a clear message, nothing written
    assert_app_error(signal("Rijdt op de stoep, hard"), "recorded_differently");
    assert_eq!(after, h.digest());

    let complaint = |process: &str| {
        h.call(
            "record_complaint",
            json!({ "complaintId": V7B, "residentId": resident, "jobId": null,
                    "process": process, "description": "Lang gewacht",
                    "receivedAs": "oral", "receivedOn": null }),
        )
    };
    let c = complaint("reachability").expect("recorded");
    let after = h.digest();
    assert_eq!(complaint("reachability").expect("retry"), c);
    assert_eq!(after, h.digest());
    assert_app_error(complaint("service"), "recorded_differently");
    assert_eq!(after, h.digest());
}
