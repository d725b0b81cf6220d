//! The shipped templates run through the rules: every kind completes with what its template
//! asks, what the passport then says, and what the review found.

mod jobs_fixtures;
use jobs_fixtures::*;

#[test]
fn shipped_templates_run_through_the_rules() {
    let mut scooter = device(10, "WMO-8A-0010", Category::C8a, DeviceStatus::InUse);
    scooter.reconditioned = true;
    let mut hoist_c = ctx(JobKind::HoistInspection, Some(hoist()));
    hoist_c.slings = vec![
        sling(1, "TB-1", SlingStatus::InUse),
        sling(2, "TB-2", SlingStatus::InUse),
    ];
    let mut repair_c = repair_ctx(ResponseClass::B, true);
    repair_c.devices_by_registration.remove("WMO-3-0002");
    let fitting_c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C7, day(2026, 2, 20)),
    );
    let cases = [
        (
            "pm-electric-drive",
            ctx(JobKind::PreventiveMaintenance, Some(wheelchair_e())),
        ),
        (
            "pm-scooter",
            ctx(JobKind::PreventiveMaintenance, Some(scooter)),
        ),
        ("hoist-inspection", hoist_c),
        ("repair", repair_c),
        ("fitting", fitting_c),
    ];
    for (id, c) in cases {
        let t = shipped(id);
        assert_eq!(t.job_kind, c.job.kind, "{id}");
        for all in [false, true] {
            let a = fill(&t, &c, BTreeMap::new(), all);
            assert_eq!(missing(&t, &a, &c), vec![], "{id} (all: {all})");
            let mut d = draft(&t, &c, &[]);
            d.answers = a.clone();
            let done = complete(&t, &d, &c, &cal(), now())
                .unwrap_or_else(|e| panic!("{id} (all: {all}): {e:?}"));
            assert_eq!(done.report.answers, applicable_answers(&t, &a, &c));
            assert_eq!(done.report.template_id, id);
            assert_readable(&done);
            // Every progress step is complete.
            assert!(progress(&t, &a, &c).iter().all(|p| p.required_missing == 0));
            match c.job.kind {
                JobKind::PreventiveMaintenance => {
                    let dev = c.device.as_ref().unwrap();
                    let ch = changes_of(&done, dev.id);
                    assert_eq!(ch.next_maintenance_due, Some(day(2027, 3, 2)), "{id}");
                    assert!(ch.battery_capacity_pct.is_some(), "{id}: battery read");
                    assert_eq!(
                        entries(&done),
                        vec![
                            (dev.id, LogbookKind::PreventiveMaintenance),
                            (dev.id, LogbookKind::UsageCheck)
                        ]
                    );
                }
                JobKind::HoistInspection => {
                    assert_eq!(done.slings.len(), 2, "one update per sling");
                    assert_eq!(done.logbook.len(), 3);
                    assert_eq!(
                        changes_of(&done, hoist().id).next_inspection_due,
                        Some(day(2027, 3, 2))
                    );
                }
                JobKind::Repair => {
                    let m = done.malfunction.as_ref().unwrap();
                    // yes everywhere: fixed on site
                    assert_eq!(m.status, Some(MalfunctionStatus::Resolved));
                    assert!(m.arrived_at.is_some() && m.resolved_at.is_some());
                }
                JobKind::Fitting => {
                    assert!(done.deviation.is_none());
                    assert!(done.logbook.is_empty());
                }
                _ => unreachable!(),
            }
        }
    }
    // The repair's loan path and the fitting's deviation path with the shipped templates.
    let t = shipped("repair");
    let c = repair_ctx(ResponseClass::B, true);
    let start = answers(&[
        ("resolution.fixed_on_site", yes(false)),
        ("resolution.loan_placed", yes(true)),
    ]);
    let a = fill(&t, &c, start.clone(), false);
    assert_eq!(
        keys(&missing(&t, &a, &c)),
        vec!["resolution.loan_registration"],
        "the generic registration is a device in use"
    );
    let mut start = start;
    start.insert("resolution.loan_registration".into(), reg("WMO-7-0004"));
    let a = fill(&t, &c, start, false);
    assert_eq!(missing(&t, &a, &c), vec![]);
    let mut d = draft(&t, &c, &[]);
    d.answers = a;
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    assert_eq!(
        changes_of(&done, depot_chair().id).status,
        Some(DeviceStatus::OnLoan)
    );
    assert_eq!(
        changes_of(&done, wheelchair_e().id).status,
        Some(DeviceStatus::AwaitingRepair)
    );
    assert_eq!(done.logbook.len(), 3);

    let t = shipped("fitting");
    let c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let start = answers(&[("conclusion.category", cat(Category::C7))]);
    let a = fill(&t, &c, start, false);
    assert_eq!(missing(&t, &a, &c), vec![]);
    let mut d = draft(&t, &c, &[]);
    d.answers = a;
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let dev = done.deviation.unwrap();
    assert_eq!((dev.ordered, dev.proposed), (Category::C3, Category::C7));
    assert!(!dev.motivation.is_empty());

    // What the logbook shows reads as words in both languages (checked above per case).
}

/// Findings of a review: answers that would write wrong data are problems before completion.
#[test]
fn a_replacement_never_takes_another_residents_device() {
    let t = replacement_template();
    let mut taken = depot_chair();
    taken.status = DeviceStatus::InUse;
    taken.resident_id = Some(OTHER_RESIDENT);
    let c = with_known(
        ctx(JobKind::Replacement, Some(wheelchair_e())),
        std::slice::from_ref(&taken),
    );
    let list = [
        ("new_device.registration", reg(&taken.registration_number)),
        ("new_device.catalogue_value", num(7450.0)),
        ("old_device.collected", yes(true)),
        ("signoff.signer", signed()),
    ];
    let m = missing(&t, &answers(&list), &c);
    let problem = m
        .iter()
        .find(|x| x.key == "new_device.registration")
        .and_then(|x| x.problem.clone())
        .expect("a device with another resident is a problem");
    assert!(problem.nl.contains("depot"), "{problem:?}");
    assert!(complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).is_err());
}

#[test]
fn resolved_before_arrival_is_a_problem_and_the_first_arrival_counts() {
    let t = repair_template();
    let c = repair_ctx(ResponseClass::B, false);
    let bad = answers(&[
        ("arrival.arrived_at", at("2026-03-02T10:00:00Z")),
        ("resolution.fixed_on_site", yes(true)),
        ("resolution.resolved_at", at("2026-03-02T09:00:00Z")),
    ]);
    let m = missing(&t, &bad, &c);
    assert!(
        m.iter()
            .any(|x| x.key == "resolution.resolved_at" && x.problem.is_some()),
        "{m:?}"
    );
    // a second visit for the same malfunction keeps the first arrival
    let mut again = c.clone();
    if let Some(m) = again.malfunction.as_mut() {
        m.arrived_at = Some(utc("2026-03-02T08:40:00Z"));
    }
    let first = again.malfunction.as_ref().and_then(|m| m.arrived_at);
    let list: Vec<(&str, Answer)> = repair_fixed_answers();
    if let Ok(done) = complete(&t, &draft(&t, &again, &list), &again, &cal(), now()) {
        assert_eq!(done.malfunction.unwrap().arrived_at, first);
    } else {
        panic!("the repair completes");
    }
}

fn repair_fixed_answers() -> Vec<(&'static str, Answer)> {
    let t = repair_template();
    let mut list = vec![
        ("arrival.arrived_at", at("2026-03-02T09:30:00Z")),
        ("diagnosis.fault", txt("Rem slaat niet aan")),
        ("diagnosis.cause", ch("wear")),
        ("diagnosis.drive_related", yes(false)),
        ("resolution.fixed_on_site", yes(true)),
        ("resolution.work_done", txt("Remkabel vervangen")),
        ("resolution.resolved_at", at("2026-03-02T10:15:00Z")),
        ("resolution.labour_minutes", num(45.0)),
        ("signoff.signer", signed()),
    ];
    // keep only the items the test template has
    list.retain(|(k, _)| t.item(k).is_some());
    list
}

#[test]
fn a_hoist_with_a_check_out_of_use_cannot_be_approved() {
    let t = hoist_template();
    let c = hoist_ctx();
    let mut list = hoist_answers("approved", "approved", "approved");
    let check_key = list
        .iter()
        .find(|(k, a)| !k.starts_with("sling[") && matches!(a, Answer::Check { .. }))
        .map(|(k, _)| k.clone())
        .expect("the hoist template has checks");
    for (k, a) in list.iter_mut() {
        if *k == check_key {
            *a = check(CheckResult::OutOfUse);
        }
    }
    let d = hoist_draft(&t, &c, list.clone());
    let m = missing(&t, &d.answers, &c);
    assert!(
        m.iter()
            .any(|x| x.key == "outcome.result" && x.problem.is_some()),
        "{m:?}"
    );
    assert!(complete(&t, &d, &c, &cal(), now()).is_err());
    // rejected is consistent with a check out of use
    for (k, a) in list.iter_mut() {
        if k == "outcome.result" {
            *a = ch("rejected");
        }
    }
    let d = hoist_draft(&t, &c, list);
    assert!(!missing(&t, &d.answers, &c)
        .iter()
        .any(|x| x.key == "outcome.result" && x.problem.is_some()));
}

#[test]
fn a_sling_with_a_check_out_of_use_cannot_be_approved() {
    let t = hoist_template();
    let c = hoist_ctx();
    let mut list = hoist_answers("approved", "approved", "approved");
    let (first, second) = (sid(1), sid(2));
    for (k, a) in list.iter_mut() {
        if *k == format!("sling[{first}].stitching") {
            *a = check(CheckResult::OutOfUse);
        }
    }
    let d = hoist_draft(&t, &c, list.clone());
    let m = missing(&t, &d.answers, &c);
    let flagged: Vec<_> = m
        .iter()
        .filter(|x| x.problem.is_some())
        .map(|x| x.key.as_str())
        .collect();
    // only that sling's outcome, not the other sling's and not the hoist's
    assert_eq!(flagged, vec![format!("sling[{first}].outcome")], "{m:?}");
    assert!(!flagged.contains(&format!("sling[{second}].outcome").as_str()));
    assert!(complete(&t, &d, &c, &cal(), now()).is_err());
    // rejecting that sling is consistent: the inspection completes and withdraws it
    for (k, a) in list.iter_mut() {
        if *k == format!("sling[{first}].outcome") {
            *a = ch("rejected");
        }
    }
    list.push((format!("sling[{first}].remarks"), txt("Stiksel los")));
    let d = hoist_draft(&t, &c, list);
    assert!(missing(&t, &d.answers, &c).is_empty());
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    assert!(done
        .slings
        .iter()
        .any(|u| u.sling_id.to_string() == first && u.status == Some(SlingStatus::Withdrawn)));
}

#[test]
fn a_moment_must_lie_on_the_job_day() {
    let t = repair_template();
    let (_, item) = t.item("arrival.arrived_at").unwrap();
    let ok = validate(
        "arrival.arrived_at",
        item,
        at("2026-03-02T09:00:00Z"),
        job_day(),
    );
    assert!(ok.is_ok(), "{ok:?}");
    for wrong in [
        "2031-03-02T09:00:00Z",
        "1999-03-02T09:00:00Z",
        "2026-03-05T09:00:00Z",
    ] {
        let r = validate("arrival.arrived_at", item, at(wrong), job_day());
        assert!(
            matches!(r, Err(AnswerError::DateOutOfRange { .. })),
            "{wrong}: {r:?}"
        );
    }
}

/// The battery's rated capacity starts from the passport (one tap to confirm); the tyre
/// pressure is asked only for pneumatic tyres, the hour meter only when there is one.
#[test]
fn electric_drive_maintenance_starts_from_the_passport() {
    let t = shipped("pm-electric-drive");
    let mut c = ctx(JobKind::PreventiveMaintenance, Some(wheelchair_e()));
    assert!(!suggestions(&t, &BTreeMap::new(), &c).contains_key("battery.rated_ah"));
    c.device.as_mut().unwrap().battery = Some(Battery {
        chemistry: BatteryChemistry::Lithium,
        nominal_voltage: 24,
        rated_ah: 73,
        capacity_pct: Some(91),
        tested_on: None,
    });
    assert_eq!(
        suggestions(&t, &BTreeMap::new(), &c).get("battery.rated_ah"),
        Some(&73.0)
    );
    // an answer measured on site wins over nothing; the suggestion stays a suggestion
    let a = answers(&[("battery.rated_ah", num(60.0))]);
    assert_eq!(suggestions(&t, &a, &c).get("battery.rated_ah"), Some(&73.0));
    let shown = |a: &BTreeMap<String, Answer>| applies_keys(&t, a, &c);
    assert!(!shown(&BTreeMap::new()).contains(&"chassis.tyre_pressure".to_string()));
    let pneumatic = answers(&[("chassis.tyre_kind", ch("pneumatic"))]);
    assert!(shown(&pneumatic).contains(&"chassis.tyre_pressure".to_string()));
    // no reading is asked before the kind of meter is chosen
    let none = shown(&BTreeMap::new());
    assert!(!none.contains(&"work.odometer".to_string()));
    assert!(!none.contains(&"work.hour_meter".to_string()));
    let km = shown(&answers(&[("work.meter_kind", ch("km"))]));
    assert!(km.contains(&"work.odometer".to_string()));
    assert!(!km.contains(&"work.hour_meter".to_string()));
    let hours = shown(&answers(&[("work.meter_kind", ch("hours"))]));
    assert!(hours.contains(&"work.hour_meter".to_string()));
    assert!(!hours.contains(&"work.odometer".to_string()));
}

/// A reconditioned device handed out needs a battery of at least 80% (PvE 2.5): the
/// passport's last test is checked while the job is open and in the completion's notices.
#[test]
fn a_reconditioned_replacement_needs_a_tested_battery() {
    let t = replacement_template();
    let mut new = depot_chair();
    new.reconditioned = true;
    new.electric = true;
    let build = |new: &Device| {
        with_order(
            with_known(
                ctx(JobKind::Replacement, Some(wheelchair_e())),
                std::slice::from_ref(new),
            ),
            order(OrderKind::Replacement, Category::C7, day(2026, 2, 25)),
        )
    };
    let list = [
        ("new_device.registration", reg("WMO-7-0004")),
        ("new_device.catalogue_value", num(7450.0)),
        ("old_device.collected", yes(true)),
        ("signoff.signer", signed()),
    ];
    let battery = |pct: Option<u8>| Battery {
        chemistry: BatteryChemistry::Lithium,
        nominal_voltage: 24,
        rated_ah: 73,
        capacity_pct: pct,
        tested_on: None,
    };
    let about = |c: &JobContext| {
        let d = draft(&t, c, &list);
        let w = warnings(&t, &d.answers, c, &cal(), now());
        let n = complete(&t, &d, c, &cal(), now()).unwrap().notices;
        let pick = |v: Vec<veldwerk_core::Localized>| {
            v.into_iter()
                .filter(|x| x.nl.contains("gereviseerd"))
                .map(|x| x.nl)
                .collect::<Vec<_>>()
        };
        (pick(w), pick(n))
    };
    new.battery = Some(battery(Some(72)));
    let (w, n) = about(&build(&new));
    assert!(w.len() == 1 && w[0].contains("72%"), "{w:?}");
    assert_eq!(n, w, "the notice says the same");
    new.battery = Some(battery(None));
    let (w, _) = about(&build(&new));
    assert!(w.len() == 1 && w[0].contains("geen accutest"), "{w:?}");
    new.battery = Some(battery(Some(85)));
    assert!(about(&build(&new)).0.is_empty());
    // not reconditioned: not this rule
    new.reconditioned = false;
    new.battery = Some(battery(Some(50)));
    assert!(about(&build(&new)).0.is_empty());
}
