//! Complex custom work through Tauri's real IPC path: a plan, the resident's consent and an
//! update recorded once each and queued for the portal; where the plan stands (the next update
//! two weeks after the last); bad input refused with nothing written.

mod common;
use common::*;
use serde_json::{json, Value};

const PLAN: &str = "019a0000-0000-7000-8000-00000000f001";
const CONSENT: &str = "019a0000-0000-7000-8000-00000000f002";

#[test]
fn a_work_plan_with_consent_and_its_next_update() {
    let h = harness(true);
    let resident = h
        .state
        .with_store(|s| {
            let t = s.today(h.summary.technicians[0], h.anchor, &h.state.calendar)?;
            Ok(t.appointments.first().map(|a| a.resident.id))
        })
        .unwrap()
        .expect("a resident visited on the anchor day")
        .to_string();
    let evaluate_on = (h.anchor + chrono::Duration::days(40)).to_string();
    let plan = |spec: &str, evaluate_on: &str| {
        h.call(
            "record_work_plan",
            json!({ "planId": PLAN, "residentId": resident, "orderId": null,
                    "specification": spec, "timeline": "Proefzit over twee weken",
                    "evaluateOn": evaluate_on }),
        )
    };
    // bad input: nothing written
    let before = h.digest();
    assert_app_error(plan("   ", &evaluate_on), "empty");
    assert_app_error(plan("Zitschaal", "gisteren"), "invalid_input");
    let past = (h.anchor - chrono::Duration::days(1)).to_string();
    assert_app_error(plan("Zitschaal", &past), "invalid_input");
    assert_eq!(before, h.digest());

    let p = plan("Zitschaal op maat", &evaluate_on).expect("recorded");
    let before = h.digest();
    assert_eq!(plan("Zitschaal op maat", &evaluate_on).expect("a retry"), p);
    assert_eq!(before, h.digest());
    let consent = h
        .call(
            "record_plan_update",
            json!({ "updateId": CONSENT, "planId": PLAN, "residentId": resident,
                    "kind": "consent", "text": "Stemt in, mondeling" }),
        )
        .expect("consent");
    assert_eq!(consent["kind"], "consent");
    let plans: Value = h
        .call("resident_plans", json!({ "residentId": resident }))
        .unwrap();
    let st = &plans[0]["state"];
    assert_eq!(st["consent_on"], h.anchor.to_string());
    assert_eq!(
        st["next_update_by"],
        (h.anchor + chrono::Duration::days(14)).to_string()
    );
    assert_eq!(st["update_overdue"], false);
    let types = h.outbox_types();
    assert!(types.iter().any(|t| t == "work_plan"));
    assert!(types.iter().any(|t| t == "plan_update"));
    // an update for a plan that does not exist: refused
    let e = h.call(
        "record_plan_update",
        json!({ "updateId": "019a0000-0000-7000-8000-00000000f003",
                "planId": "019a0000-0000-7000-8000-00000000f0ff", "residentId": resident,
                "kind": "progress", "text": "Stand" }),
    );
    assert_app_error(e, "not_found");
}
