//! The rules engine of guided jobs: conditions, what is missing, progress, suggestions,
//! warnings, the workflow with its guards, and not-home reports.

mod jobs_fixtures;
use jobs_fixtures::*;

// --- conditions ---------------------------------------------------------------------------

#[test]
fn every_condition_variant() {
    let c = with_order(
        ctx(JobKind::Fitting, Some(wheelchair_e())),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let a = answers(&[
        ("x.yes", yes(true)),
        ("x.no", yes(false)),
        ("x.pick", ch("b")),
        (
            "x.multi",
            Answer::MultiChoice {
                values: vec!["m1".into(), "m2".into()],
            },
        ),
        ("x.check", check(CheckResult::OutOfUse)),
        ("x.cat7", cat(Category::C7)),
        ("x.cat3", cat(Category::C3)),
    ]);
    let holds = |json: &str, c: &JobContext| {
        let cond: Condition = serde_json::from_str(json).unwrap();
        condition_holds(&cond, &a, c, None)
    };
    // answered
    assert!(holds(
        r#"{"if": "answered", "key": "x.yes", "value": true}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "answered", "key": "x.yes", "value": false}"#,
        &c
    ));
    assert!(holds(
        r#"{"if": "answered", "key": "x.no", "value": false}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "answered", "key": "x.none", "value": true}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "answered", "key": "x.none", "value": false}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "answered", "key": "x.pick", "value": true}"#,
        &c
    ));
    // choice_in
    assert!(holds(
        r#"{"if": "choice_in", "key": "x.pick", "values": ["a", "b"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "choice_in", "key": "x.pick", "values": ["a"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "choice_in", "key": "x.none", "values": ["a"]}"#,
        &c
    ));
    assert!(holds(
        r#"{"if": "choice_in", "key": "x.multi", "values": ["m2"]}"#,
        &c
    ));
    // check_in
    assert!(holds(
        r#"{"if": "check_in", "key": "x.check", "results": ["out_of_use", "defect_fix_by"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "check_in", "key": "x.check", "results": ["ok"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "check_in", "key": "x.none", "results": ["ok"]}"#,
        &c
    ));
    // category_differs_from_order
    assert!(holds(
        r#"{"if": "category_differs_from_order", "key": "x.cat7"}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "category_differs_from_order", "key": "x.cat3"}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "category_differs_from_order", "key": "x.none"}"#,
        &c
    ));
    let no_order = ctx(JobKind::Fitting, None);
    assert!(!holds(
        r#"{"if": "category_differs_from_order", "key": "x.cat7"}"#,
        &no_order
    ));
    // device_electric: category 7 is always electric; category 3 never; no device: false
    assert!(holds(r#"{"if": "device_electric", "value": true}"#, &c));
    assert!(!holds(r#"{"if": "device_electric", "value": false}"#, &c));
    let manual = ctx(JobKind::Fitting, Some(wheelchair_manual()));
    assert!(holds(
        r#"{"if": "device_electric", "value": false}"#,
        &manual
    ));
    assert!(!holds(
        r#"{"if": "device_electric", "value": true}"#,
        &no_order
    ));
    assert!(!holds(
        r#"{"if": "device_electric", "value": false}"#,
        &no_order
    ));
    // category 9 follows the device record
    let mut bike = device(9, "WMO-9-0009", Category::C9, DeviceStatus::InUse);
    assert!(!holds(
        r#"{"if": "device_electric", "value": true}"#,
        &ctx(JobKind::Repair, Some(bike.clone()))
    ));
    bike.electric = true;
    assert!(holds(
        r#"{"if": "device_electric", "value": true}"#,
        &ctx(JobKind::Repair, Some(bike))
    ));
    // device_category_in / order_category_in
    assert!(holds(
        r#"{"if": "device_category_in", "categories": ["7", "8a"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "device_category_in", "categories": ["3"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "device_category_in", "categories": ["7"]}"#,
        &no_order
    ));
    assert!(holds(
        r#"{"if": "order_category_in", "categories": ["3"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "order_category_in", "categories": ["7"]}"#,
        &c
    ));
    assert!(!holds(
        r#"{"if": "order_category_in", "categories": ["3"]}"#,
        &no_order
    ));
    // all / any / not
    let t = r#"{"if": "answered", "key": "x.yes", "value": true}"#;
    let f = r#"{"if": "answered", "key": "x.yes", "value": false}"#;
    assert!(holds(&format!(r#"{{"if": "all", "all": [{t}, {t}]}}"#), &c));
    assert!(!holds(
        &format!(r#"{{"if": "all", "all": [{t}, {f}]}}"#),
        &c
    ));
    assert!(holds(r#"{"if": "all", "all": []}"#, &c));
    assert!(holds(&format!(r#"{{"if": "any", "any": [{f}, {t}]}}"#), &c));
    assert!(!holds(
        &format!(r#"{{"if": "any", "any": [{f}, {f}]}}"#),
        &c
    ));
    assert!(!holds(r#"{"if": "any", "any": []}"#, &c));
    assert!(holds(&format!(r#"{{"if": "not", "not": {f}}}"#), &c));
    assert!(!holds(&format!(r#"{{"if": "not", "not": {t}}}"#), &c));
}

#[test]
fn sling_conditions_read_their_own_instance() {
    let t = hoist_template();
    let c = hoist_ctx();
    let a: BTreeMap<String, Answer> = [
        (format!("sling[{}].outcome", sid(1)), ch("rejected")),
        (format!("sling[{}].outcome", sid(2)), ch("approved")),
    ]
    .into_iter()
    .collect();
    let cond: Condition = serde_json::from_str(
        r#"{"if": "choice_in", "key": "sling.outcome", "values": ["rejected"]}"#,
    )
    .unwrap();
    assert!(condition_holds(&cond, &a, &c, Some(&sid(1))));
    assert!(!condition_holds(&cond, &a, &c, Some(&sid(2))));
    // Outside the repeated step there is no plain answer.
    assert!(!condition_holds(&cond, &a, &c, None));
    let (step, item) = t.item("sling.remarks").unwrap();
    assert!(applies(step, item, &a, &c, Some(&sid(1))));
    assert!(!applies(step, item, &a, &c, Some(&sid(2))));
    // Only the rejected sling needs its remarks.
    let m = missing(&t, &a, &c);
    let sling_missing: Vec<&str> = keys(&m)
        .into_iter()
        .filter(|k| k.starts_with("sling["))
        .collect();
    assert_eq!(
        sling_missing,
        vec![
            format!("sling[{}].stitching", sid(2)),
            format!("sling[{}].stitching", sid(1)),
            format!("sling[{}].remarks", sid(1)),
        ]
    );
}

#[test]
fn instances_per_sling_in_number_order() {
    let t = hoist_template();
    let c = hoist_ctx();
    let sling_step = t.steps.iter().find(|s| s.id == "sling").unwrap();
    assert_eq!(
        instances(sling_step, &c),
        vec![
            (Some(sid(2)), Some("TB-2".to_string())),
            (Some(sid(1)), Some("TB-10".to_string())),
        ],
        "in use only, TB-2 before TB-10"
    );
    assert_eq!(instances(&t.steps[0], &c), vec![(None, None)]);
    let mut bare = c.clone();
    bare.slings.clear();
    assert!(instances(sling_step, &bare).is_empty());
    // Without slings the repeated step asks nothing.
    assert!(!keys(&missing(&t, &BTreeMap::new(), &bare))
        .iter()
        .any(|k| k.starts_with("sling")));
}

// --- missing, problems, progress, suggestions -------------------------------------------

#[test]
fn missing_lists_required_items_that_apply_in_template_order() {
    let t = pm_template();
    let e = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_e()));
    assert_eq!(
        keys(&missing(&t, &BTreeMap::new(), &e)),
        vec![
            "drive.brakes",
            "drive.seat_lift",
            "battery.capacity_pct",
            "usage.functional_check",
            "work.labour_minutes",
            "signoff.signer"
        ]
    );
    // A manual wheelchair: no seat lift (category), no battery step (not electric).
    let m = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_manual()));
    assert_eq!(
        keys(&missing(&t, &BTreeMap::new(), &m)),
        vec![
            "drive.brakes",
            "usage.functional_check",
            "work.labour_minutes",
            "signoff.signer"
        ]
    );
    // A conditional item becomes required by an answer.
    let a = answers(&[("usage.functional_check", ch("not_adequate"))]);
    let miss = missing(&t, &a, &m);
    assert!(keys(&miss).contains(&"usage.notes"));
    let notes = miss.iter().find(|x| x.key == "usage.notes").unwrap();
    assert_eq!(notes.step_id, "usage");
    assert_eq!(notes.label.nl, "Toelichting");
    assert_eq!(notes.problem, None);
    // Everything answered: nothing missing.
    assert!(missing(&t, &answers(&pm_answers_ok()), &e).is_empty());
}

#[test]
fn delivery_identity_must_be_the_ordered_device() {
    let t = delivery_template();
    let c = ctx(JobKind::Delivery, Some(wheelchair_e()));
    let mut a = answers(&delivery_answers());
    assert!(missing(&t, &a, &c).is_empty(), "case and spaces ignored");
    a.insert("identity.registration".into(), reg("WMO-7-0004"));
    let m = missing(&t, &a, &c);
    assert_eq!(keys(&m), vec!["identity.registration"]);
    let p = m[0].problem.as_ref().unwrap();
    assert_eq!(p.en, "does not match the ordered device WMO-7-0001");
    assert!(p.nl.contains("WMO-7-0001"));
    a.insert("identity.registration".into(), reg(" wmo-7- 0001 "));
    assert!(missing(&t, &a, &c).is_empty());
}

#[test]
fn loan_device_must_be_a_depot_device_other_than_the_broken_one() {
    let t = repair_template();
    let mut in_use = device(5, "WMO-7-0005", Category::C7, DeviceStatus::InUse);
    in_use.resident_id = Some(OTHER_RESIDENT);
    let on_loan = device(6, "WMO-7-0006", Category::C7, DeviceStatus::OnLoan);
    let c = with_known(
        repair_ctx(ResponseClass::B, false),
        &[in_use, on_loan, wheelchair_e()],
    );
    let base = [
        ("arrival.arrived_at", at("2026-03-02T08:40:00Z")),
        ("diagnosis.fault", txt("Motor defect")),
        ("diagnosis.cause", ch("wear")),
        ("diagnosis.drive_related", yes(true)),
        ("resolution.fixed_on_site", yes(false)),
        ("resolution.labour_minutes", num(30.0)),
        ("resolution.loan_placed", yes(true)),
        ("signoff.signer", signed()),
    ];
    let problem = |r: &str| {
        let mut a = answers(&base);
        a.insert("resolution.loan_registration".into(), reg(r));
        let m = missing(&t, &a, &c);
        assert!(m.len() <= 1, "{m:?}");
        m.first().map(|x| {
            assert_eq!(x.key, "resolution.loan_registration");
            x.problem.clone().unwrap().en
        })
    };
    assert_eq!(problem("WMO-7-0004"), None);
    assert_eq!(problem("wmo-7-0004"), None);
    assert_eq!(
        problem("WMO-7-0005").as_deref(),
        Some("WMO-7-0005 is not in the depot (in use with a resident)")
    );
    assert_eq!(
        problem("WMO-7-0006").as_deref(),
        Some("WMO-7-0006 is not in the depot (already on loan)")
    );
    assert!(problem("WMO-7-0001").unwrap().contains("own device"));
    assert_eq!(
        problem("WMO-X-9999").as_deref(),
        Some("WMO-X-9999 is not a known device")
    );
    // Without the registration the item is simply missing.
    let m = missing(&t, &answers(&base), &c);
    assert_eq!(keys(&m), vec!["resolution.loan_registration"]);
    assert_eq!(m[0].problem, None);
}

#[test]
fn loan_job_registration_rules() {
    let t = loan_template();
    let mine = device(7, "WMO-7-0007", Category::C7, DeviceStatus::OnLoan);
    let mut theirs = device(8, "WMO-7-0008", Category::C7, DeviceStatus::OnLoan);
    theirs.resident_id = Some(OTHER_RESIDENT);
    let c = with_known(
        ctx(JobKind::LoanDevice, None),
        &[depot_chair(), mine, theirs],
    );
    let problem = |action: &str, r: &str| {
        let a = answers(&[("loan.action", ch(action)), ("loan.registration", reg(r))]);
        missing(&t, &a, &c).first().and_then(|m| m.problem.clone())
    };
    assert_eq!(problem("place", "WMO-7-0004"), None);
    assert!(problem("place", "WMO-7-0007").is_some(), "not in the depot");
    assert_eq!(problem("pickup", "WMO-7-0007"), None);
    assert_eq!(
        problem("pickup", "WMO-7-0008").unwrap().en,
        "WMO-7-0008 is not with this resident"
    );
    assert!(problem("pickup", "WMO-7-0004").is_some());
    // The job's own device may be placed whatever the replica says about it.
    let own = ctx(
        JobKind::LoanDevice,
        Some(device(9, "WMO-7-0009", Category::C7, DeviceStatus::InUse)),
    );
    let a = answers(&[
        ("loan.action", ch("place")),
        ("loan.registration", reg("WMO-7-0009")),
    ]);
    assert!(missing(&t, &a, &own).is_empty());
}

#[test]
fn replacement_and_fitting_consistency() {
    let t = replacement_template();
    let c = with_known(
        ctx(JobKind::Replacement, Some(wheelchair_e())),
        &[depot_chair(), wheelchair_e()],
    );
    let mut a = answers(&[
        ("new_device.registration", reg("WMO-7-0001")),
        ("new_device.catalogue_value", num(5000.0)),
        ("old_device.collected", yes(true)),
        ("signoff.signer", signed()),
    ]);
    assert_eq!(
        missing(&t, &a, &c)[0].problem.as_ref().unwrap().en,
        "this is the device being replaced"
    );
    a.insert("new_device.registration".into(), reg("WMO-7-0004"));
    assert!(missing(&t, &a, &c).is_empty());

    let t = fitting_template();
    let c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let mut a = answers(&fitting_answers(Category::C3));
    a.insert("trial.placement".into(), yes(true));
    let end = |d: NaiveDate, a: &mut BTreeMap<String, Answer>| {
        a.insert("trial.end_date".into(), date(d));
        missing(&t, a, &c)
    };
    assert!(end(day(2026, 3, 23), &mut a).is_empty(), "21 days");
    assert!(end(day(2026, 3, 3), &mut a).is_empty(), "1 day");
    for bad in [day(2026, 3, 24), day(2026, 3, 2), day(2026, 3, 1)] {
        let m = end(bad, &mut a);
        assert_eq!(keys(&m), vec!["trial.end_date"], "{bad}");
        assert!(m[0].problem.is_some());
    }
    a.insert("trial.end_date".into(), date(day(2026, 3, 20)));
    a.insert("delivery.agreed_date".into(), date(day(2026, 3, 1)));
    assert_eq!(keys(&missing(&t, &a, &c)), vec!["delivery.agreed_date"]);
    a.insert("delivery.agreed_date".into(), date(job_day()));
    assert!(missing(&t, &a, &c).is_empty());
}

#[test]
fn a_defect_without_its_date_is_a_problem() {
    let t = pm_template();
    let c = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_manual()));
    let mut a = answers(&pm_answers_ok());
    a.insert(
        "drive.upholstery".into(),
        Answer::Check {
            result: CheckResult::DefectFixBy,
            fix_by: None,
            note: None,
        },
    );
    let m = missing(&t, &a, &c);
    assert_eq!(keys(&m), vec!["drive.upholstery"]);
    assert!(m[0].problem.is_some());
    // An answer of the wrong type is not taken as an answer either.
    a.insert("drive.upholstery".into(), check(CheckResult::Ok));
    a.insert("work.labour_minutes".into(), txt("45"));
    assert_eq!(keys(&missing(&t, &a, &c)), vec!["work.labour_minutes"]);
}

#[test]
fn progress_counts_per_step_and_sling() {
    let t = hoist_template();
    let c = hoist_ctx();
    let mut list = hoist_answers("approved", "rejected", "approved");
    list.retain(|(k, _)| {
        k != "inspection.inspector_certificate" && *k != format!("sling[{}].remarks", sid(1))
    });
    list.push(("hoist.mast".into(), check(CheckResult::Ok)));
    let a: BTreeMap<String, Answer> = list.into_iter().collect();
    let p = progress(&t, &a, &c);
    type Row<'a> = (&'a str, Option<&'a str>, bool, u32, u32, u32);
    let summary: Vec<Row> = p
        .iter()
        .map(|s| {
            (
                s.step_id.as_str(),
                s.instance_label.as_deref(),
                s.applicable,
                s.items,
                s.answered,
                s.required_missing,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("inspection", None, true, 4, 2, 1),
            ("hoist", None, true, 1, 1, 0),
            ("electrical", None, true, 3, 3, 0),
            ("load_test", None, true, 1, 1, 0),
            ("sling", Some("TB-2"), true, 2, 2, 0),
            ("sling", Some("TB-10"), true, 3, 2, 1),
            ("outcome", None, true, 3, 2, 0),
            ("work", None, true, 1, 0, 0),
            ("signoff", None, true, 1, 1, 0),
        ]
    );
    assert_eq!(p[5].instance, Some(sid(1)));
    // A skipped step counts nothing.
    let t = pm_template();
    let m = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_manual()));
    let p = progress(&t, &BTreeMap::new(), &m);
    let battery = p.iter().find(|s| s.step_id == "battery").unwrap();
    assert!(!battery.applicable);
    assert_eq!((battery.items, battery.required_missing), (0, 0));
    let drive = p.iter().find(|s| s.step_id == "drive").unwrap();
    assert_eq!(
        (drive.items, drive.answered, drive.required_missing),
        (2, 0, 1)
    );
}

#[test]
fn suggestions_derive_from_answered_sources() {
    let t = fitting_template();
    let c = ctx(JobKind::Fitting, None);
    assert!(suggestions(&t, &BTreeMap::new(), &c).is_empty());
    let s = suggestions(&t, &answers(&[("body.hip_width", num(420.0))]), &c);
    assert_eq!(s.len(), 1);
    assert_eq!(s["seat.width"], 445.0, "seat width = hip width + 25");
    // Rounded to the item's decimals: 23.7 + 2.5 = 26.2 -> 26 cm.
    let s = suggestions(&t, &answers(&[("body.elbow_height", num(23.7))]), &c);
    assert_eq!(s["seat.armrest"], 26.0);
    // A source of another type suggests nothing.
    assert!(suggestions(&t, &answers(&[("body.hip_width", txt("420"))]), &c).is_empty());
}

// --- workflow ------------------------------------------------------------------------------

#[test]
fn workflow_errors_are_typed() {
    let t = pm_template();
    let c = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_manual()));
    let mut d = draft(&t, &c, &pm_answers_ok());
    d.state = JobState::Completed;
    assert_eq!(
        complete(&t, &d, &c, &cal(), now()).unwrap_err(),
        WorkflowError::IllegalTransition {
            kind: JobKind::PreventiveMaintenance,
            from: JobState::Completed,
            event: JobEvent::Complete
        }
    );
    d.state = JobState::NotStarted;
    assert!(matches!(
        complete(&t, &d, &c, &cal(), now()),
        Err(WorkflowError::IllegalTransition { .. })
    ));
    assert_eq!(
        next_state(&t, &d, &c, JobEvent::Start),
        Ok(JobState::InProgress)
    );
    // Missing items are listed.
    d.state = JobState::InProgress;
    d.answers.remove("work.labour_minutes");
    match complete(&t, &d, &c, &cal(), now()) {
        Err(WorkflowError::Incomplete { missing }) => {
            assert_eq!(keys(&missing), vec!["work.labour_minutes"]);
        }
        other => panic!("expected Incomplete, got {other:?}"),
    }
    // Starting needs nothing answered; cannot proceed is always possible before the end.
    assert_eq!(
        next_state(&t, &d, &c, JobEvent::CannotProceed),
        Ok(JobState::CannotProceed)
    );
    // A PM job is never marked ready to sign.
    assert!(matches!(
        next_state(&t, &d, &c, JobEvent::MarkReadyToSign),
        Err(WorkflowError::IllegalTransition { .. })
    ));
}

#[test]
fn delivery_waits_for_signature_and_deviation() {
    let t = delivery_template();
    let c = ctx(JobKind::Delivery, Some(wheelchair_e()));
    let mut d = draft(&t, &c, &delivery_answers());
    assert!(matches!(
        complete(&t, &d, &c, &cal(), now()),
        Err(WorkflowError::IllegalTransition { .. })
    ));
    assert_eq!(ready_to_sign(&t, &d, &c), Ok(JobState::ReadyToSign));
    d.state = JobState::ReadyToSign;
    assert_eq!(
        complete(&t, &d, &c, &cal(), now()).unwrap_err(),
        WorkflowError::SignatureRequired
    );
    // Incomplete: cannot be marked ready to sign.
    d.state = JobState::InProgress;
    d.answers.remove("handover.manual");
    match ready_to_sign(&t, &d, &c) {
        Err(WorkflowError::Incomplete { missing }) => {
            assert_eq!(keys(&missing), vec!["handover.manual"])
        }
        other => panic!("{other:?}"),
    }
    // Blocked by a pending deviation, then by a rejected one; approved is fine.
    let o = order(OrderKind::Provision, Category::C3, day(2026, 2, 1));
    let mut blocked_ctx = with_order(c.clone(), o.clone());
    let mut dev = DeviationRequest {
        id: DeviationRequestId(Uuid::from_u128(0x900)),
        order_id: o.id,
        resident_id: RESIDENT,
        job_id: JobId(Uuid::from_u128(0x901)),
        ordered: Category::C3,
        proposed: Category::C7,
        motivation: "Kan niet zelf hoepelen".into(),
        requested_at: utc("2026-02-20T10:00:00Z"),
        status: DeviationStatus::Pending,
    };
    blocked_ctx.deviation = Some(dev.clone());
    assert_eq!(blocked(&blocked_ctx), Some(Blocked::DeviationPending));
    let mut start = draft(&t, &c, &delivery_answers());
    start.state = JobState::NotStarted;
    assert_eq!(
        next_state(&t, &start, &blocked_ctx, JobEvent::Start),
        Err(WorkflowError::Blocked(Blocked::DeviationPending))
    );
    d.answers = answers(&delivery_answers());
    assert_eq!(
        ready_to_sign(&t, &d, &blocked_ctx),
        Err(WorkflowError::Blocked(Blocked::DeviationPending))
    );
    dev.status = DeviationStatus::Rejected;
    blocked_ctx.deviation = Some(dev.clone());
    assert_eq!(
        ready_to_sign(&t, &d, &blocked_ctx),
        Err(WorkflowError::Blocked(Blocked::DeviationRejected))
    );
    dev.status = DeviationStatus::Approved;
    blocked_ctx.deviation = Some(dev);
    assert_eq!(
        ready_to_sign(&t, &d, &blocked_ctx),
        Ok(JobState::ReadyToSign)
    );
    // A pending deviation does not block other kinds of job.
    let mut repair = blocked_ctx.clone();
    repair.job.kind = JobKind::Repair;
    repair.deviation.as_mut().unwrap().status = DeviationStatus::Pending;
    assert_eq!(blocked(&repair), None);
}

#[test]
fn delivery_doubts_become_an_urgent_signal() {
    let t = delivery_template();
    let c = ctx(JobKind::Delivery, Some(wheelchair_e()));
    let d = draft(&t, &c, &delivery_answers());
    assert!(delivery_signals(&d, &c, now()).is_empty());
    let mut list = delivery_answers();
    list.retain(|(k, _)| *k != "safety.reaction_unimpaired");
    list.push(("safety.reaction_unimpaired", yes(false)));
    list.push(("safety.doubts", txt("Gebruikt zware pijnstillers")));
    let d = draft(&t, &c, &list);
    let s = delivery_signals(&d, &c, now());
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].kind, SignalKind::DrivingAbilityDoubt);
    assert!(s[0].urgent);
    assert_eq!(s[0].device_id, Some(wheelchair_e().id));
    assert_eq!(s[0].job_id, Some(c.job.id));
    assert_eq!(s[0].created_at, now());
    assert!(s[0].description.contains("reactievermogen"));
    assert!(s[0].description.contains("Gebruikt zware pijnstillers"));
}

#[test]
fn a_delivery_without_manual_or_complaint_procedure_is_warned_about() {
    let t = delivery_template();
    let c = ctx(JobKind::Delivery, Some(wheelchair_e()));
    let mut list = delivery_answers();
    let ok = warnings(&t, &draft(&t, &c, &list).answers, &c, &cal(), now());
    assert!(ok.iter().all(|w| !w.nl.contains(": nee.")), "{ok:?}");
    list.retain(|(k, _)| *k != "handover.manual" && *k != "handover.complaint_procedure");
    list.push(("handover.manual", yes(false)));
    list.push(("handover.complaint_procedure", yes(false)));
    let w = warnings(&t, &draft(&t, &c, &list).answers, &c, &cal(), now());
    let gaps: Vec<&str> = w
        .iter()
        .filter(|w| w.nl.contains(": nee."))
        .map(|w| w.nl.as_str())
        .collect();
    assert_eq!(gaps.len(), 2, "{w:?}");
    assert!(gaps[0].starts_with("Handleiding") && gaps[1].starts_with("Klachtenprocedure"));
}

// --- warnings and not-home ----------------------------------------------------------------

#[test]
fn warnings_during_the_job() {
    // Fitting without a delivery date.
    let t = fitting_template();
    let c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let w = warnings(&t, &BTreeMap::new(), &c, &cal(), now());
    assert_eq!(
        w,
        vec![veldwerk_core::Localized::new(
            "Plan de leverdatum met de inwoner vóór einde di 3 mrt.",
            "The delivery date must be planned with the resident before the end of Tue 3 Mar."
        )]
    );
    let a = answers(&[("delivery.agreed_date", date(day(2026, 3, 10)))]);
    assert!(warnings(&t, &a, &c, &cal(), now()).is_empty());
    let a = answers(&[("conclusion.category", cat(Category::C7))]);
    let w = warnings(&t, &a, &c, &cal(), now());
    assert_eq!(w.len(), 1);
    assert!(w[0].en.contains("3 → 7"));

    // Repair class B reported 08:15 local: on site before 11:15, fixed before the day ends.
    let t = repair_template();
    let c = repair_ctx(ResponseClass::B, true);
    let w = warnings(&t, &BTreeMap::new(), &c, &cal(), now());
    assert_eq!(
        w.iter().map(|x| x.en.as_str()).collect::<Vec<_>>(),
        vec![
            "Class B: on site before Mon 2 Mar 11:15 — 45 min left",
            "Class B: fixed before the end of Mon 2 Mar",
        ]
    );
    assert_eq!(
        w[0].nl,
        "Klasse B: ter plaatse vóór ma 2 mrt 11:15 — nog 45 min"
    );
    // Arrived, not fixed, no loan device: a replacement device the same day (PvE 7.1.6),
    // earlier than the loan deadline of a repair taken away (7.1.5: 1 working day).
    let a = answers(&[
        ("arrival.arrived_at", at("2026-03-02T09:00:00Z")),
        ("resolution.fixed_on_site", yes(false)),
        ("resolution.loan_placed", yes(false)),
        ("diagnosis.drive_related", yes(true)),
    ]);
    let mut c3 = c.clone();
    c3.drive_repairs_previous_year = 3;
    let w = warnings(&t, &a, &c3, &cal(), utc("2026-03-02T23:30:00Z"));
    let en: Vec<&str> = w.iter().map(|x| x.en.as_str()).collect();
    assert_eq!(
        en[0],
        "Class B: fixed before the end of Mon 2 Mar — overdue"
    );
    assert!(
        en[1].contains("replacement device") && en[1].contains("before the end of Mon 2 Mar"),
        "{en:?}"
    );
    assert!(en[2].contains("must be replaced"), "{en:?}");
    assert_eq!(en.len(), 3);

    // Collection: due by the end of the 10th working day after the order.
    let t = collection_template();
    let c = with_order(
        ctx(JobKind::Collection, Some(wheelchair_manual())),
        order(OrderKind::Collection, Category::C3, day(2026, 2, 20)),
    );
    let w = warnings(&t, &BTreeMap::new(), &c, &cal(), now());
    assert_eq!(w[0].en, "Collection due before the end of Fri 6 Mar");
    assert_eq!(w[0].nl, "Inname vóór einde vr 6 mrt");

    // Adjustment: the device taken must be back within 2 working days.
    let t = adjustment_template();
    let c = ctx(JobKind::Adjustment, Some(wheelchair_e()));
    let a = answers(&[("work.device_taken", yes(true))]);
    let w = warnings(&t, &a, &c, &cal(), now());
    assert_eq!(
        w[0].en,
        "Device taken: back with the resident before the end of Wed 4 Mar."
    );
}

#[test]
fn not_home_reports() {
    let c = ctx(JobKind::Repair, Some(wheelchair_e()));
    let proposal =
        TimeWindow::new(utc("2026-03-03T08:00:00Z"), utc("2026-03-03T10:00:00Z")).unwrap();
    let r = not_home(
        JobReportId::new_v7(),
        &c,
        vec![c.job.id],
        NotHomeReason::NotHome,
        "  Niemand thuis, kaartje achtergelaten.  ".into(),
        Some(proposal),
        now(),
    )
    .unwrap();
    assert_eq!(r.note, "Niemand thuis, kaartje achtergelaten.");
    assert_eq!(r.tell_resident_via, CommunicationPreference::Post);
    assert_eq!(
        (r.appointment_id, r.resident_id),
        (c.appointment.id, RESIDENT)
    );
    assert_eq!(r.jobs, vec![c.job.id]);
    assert_eq!(r.proposal, Some(proposal));
    assert_eq!((r.created_at, r.author.as_str()), (now(), "Piet Monteur"));
    // Too long a note, a proposal in the past.
    assert_eq!(
        not_home(
            JobReportId::new_v7(),
            &c,
            vec![],
            NotHomeReason::Refused,
            "x".repeat(2001),
            None,
            now()
        )
        .unwrap_err(),
        veldwerk_core::ValidationError::TooLong {
            field: "note",
            max: 2000
        }
    );
    assert!(not_home(
        JobReportId::new_v7(),
        &c,
        vec![],
        NotHomeReason::Refused,
        "x".repeat(2000),
        None,
        now()
    )
    .is_ok());
    let past = TimeWindow::new(utc("2026-03-02T08:00:00Z"), utc("2026-03-02T09:00:00Z")).unwrap();
    let e = not_home(
        JobReportId::new_v7(),
        &c,
        vec![],
        NotHomeReason::CannotProceed,
        String::new(),
        Some(past),
        now(),
    )
    .unwrap_err();
    assert_eq!(e, veldwerk_core::ValidationError::ProposalInPast);
    assert!(e.message().nl.contains("niet in de toekomst"));
}

/// The header's deadlines, its warnings and the report agree on the arrival: the first
/// recorded one, else the one answered in this job.
#[test]
fn class_c_fix_by_follows_the_arrival() {
    use veldwerk_core::jobs::evaluate::repair_deadlines_of;
    let mut c = repair_ctx(ResponseClass::C, true);
    // reported 07:15Z: on site by 08:15Z; fixed 2 h after the arrival
    let none = repair_deadlines_of(&BTreeMap::new(), &c, &cal()).unwrap();
    assert_eq!(none.on_site_by, Some(utc("2026-03-02T08:15:00Z")));
    let a = answers(&[("arrival.arrived_at", at("2026-03-02T07:50:00Z"))]);
    let d = repair_deadlines_of(&a, &c, &cal()).unwrap();
    assert_eq!(d.fixed_by, utc("2026-03-02T09:50:00Z"));
    assert_ne!(d.fixed_by, none.fixed_by);
    // an arrival recorded on an earlier visit counts, not this job's
    c.malfunction.as_mut().unwrap().arrived_at = Some(utc("2026-03-02T07:40:00Z"));
    let d = repair_deadlines_of(&a, &c, &cal()).unwrap();
    assert_eq!(d.fixed_by, utc("2026-03-02T09:40:00Z"));
    // no malfunction, no deadlines
    assert!(repair_deadlines_of(&a, &ctx(JobKind::Repair, None), &cal()).is_none());
}
