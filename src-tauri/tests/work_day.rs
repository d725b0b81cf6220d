//! The date of the work: a job done on another day than planned gets the day it was done in
//! every date derived from it (the passport's last maintenance, next due, battery test), and
//! the job says which day it was planned for, so the screen can ask before starting it.

mod common;
use chrono::{Datelike, Duration, Months, NaiveDate};
use common::*;
use serde_json::{json, Value};
use veldwerk_core::ids::JobId;
use veldwerk_core::model::JobKind;
use veldwerk_core::Category;
use veldwerk_demo::DemoConfig;

fn save(h: &Harness, job: JobId, key: &str, answer: Value) {
    h.call(
        "save_answer",
        json!({ "jobId": job.to_string(), "key": key, "answer": answer }),
    )
    .unwrap_or_else(|e| panic!("{key}: {e}"));
}

/// An electric-wheelchair maintenance of any technician planned on a later working day.
fn later_maintenance(h: &Harness) -> (JobId, NaiveDate) {
    for (days, tech) in (1..12).flat_map(|d| h.summary.technicians.iter().map(move |t| (d, *t))) {
        let day = h.anchor + Duration::days(days);
        let found = h
            .state
            .with_store(|s| {
                let t = s.today(tech, day, &h.state.calendar)?;
                Ok(t.appointments
                    .iter()
                    .flat_map(|a| a.jobs.iter())
                    .find(|j| {
                        j.kind == JobKind::PreventiveMaintenance
                            && j.device
                                .as_ref()
                                .is_some_and(|d| d.category == Category::C7)
                    })
                    .map(|j| j.id))
            })
            .unwrap();
        if let Some(job) = found {
            return (job, day);
        }
    }
    panic!("no electric-wheelchair maintenance planned after the demo's first day")
}

#[test]
fn a_maintenance_planned_for_another_day_gets_the_day_it_was_done() {
    let h = harness_with(
        DemoConfig::small(NaiveDate::from_ymd_opt(2026, 3, 30).unwrap()),
        true,
    );
    let today = h.anchor; // the harness's clock reads 08:05 on the anchor day
    let (job, planned) = later_maintenance(&h);
    assert!(planned > today);
    let id = job.to_string();
    let view = h.call("open_job", json!({ "jobId": id })).unwrap();
    assert_eq!(view["planned_day"], json!(planned.to_string()));
    assert_eq!(
        view["job_day"],
        json!(today.to_string()),
        "the work is today's"
    );

    let view = h.call("start_job", json!({ "jobId": id })).unwrap();
    for step in view["steps"].as_array().unwrap() {
        if step["applicable"] == json!(true) {
            h.call(
                "all_ok",
                json!({ "jobId": id, "stepId": step["step_id"], "instance": step["instance"] }),
            )
            .unwrap();
        }
    }
    for (key, answer) in [
        (
            "battery.capacity",
            json!({ "type": "measurement", "value": 91.0 }),
        ),
        (
            "battery.capacity_method",
            json!({ "type": "choice", "value": "battery_tester" }),
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
            json!({ "type": "measurement", "value": 35.0 }),
        ),
        (
            "signoff.signer",
            json!({ "type": "sign_off", "name": "J. Jansen", "role": "resident" }),
        ),
    ] {
        save(&h, job, key, answer);
    }
    let done = h
        .call("complete_job", json!({ "jobId": id }))
        .expect("complete");
    let device = done["job"]["device"]["id"].as_str().unwrap().to_string();
    let passport = h
        .call("device_passport", json!({ "deviceId": device }))
        .unwrap();
    let d = &passport["device"];
    let next_year = today.checked_add_months(Months::new(12)).unwrap();
    assert_eq!(
        d["last_preventive_maintenance_on"],
        json!(today.to_string())
    );
    assert_eq!(d["next_maintenance_due"], json!(next_year.to_string()));
    assert_eq!(d["battery"]["tested_on"], json!(today.to_string()));
    // no date in the passport lies after the day the work was done
    for field in ["last_preventive_maintenance_on", "last_delivered_on"] {
        if let Some(s) = d[field].as_str() {
            let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            assert!(date <= today, "{field} {date} is in the future");
        }
    }
    let entry = &done["logbook"][0];
    let occurred = chrono::DateTime::parse_from_rfc3339(entry["occurred_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&veldwerk_core::sla::LOCAL_TZ);
    assert_eq!(occurred.date_naive(), today);
    assert_eq!(occurred.year(), today.year());
}
