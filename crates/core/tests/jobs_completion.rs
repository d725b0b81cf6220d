//! What completing each kind of job writes (logbook, passport, signals, requests), and the
//! shipped templates run through the rules.

mod jobs_fixtures;
use jobs_fixtures::*;

// --- completion per kind -----------------------------------------------------------------

#[test]
fn pm_of_an_electric_wheelchair() {
    let t = pm_template();
    let mut dev = wheelchair_e();
    dev.reconditioned = true;
    let c = ctx(JobKind::PreventiveMaintenance, Some(dev.clone()));
    let mut list = pm_answers_ok();
    list.push(("drive.upholstery", fix_by(day(2026, 3, 16))));
    // An answer to an item that does not apply is not reported.
    list.push(("usage.notes", txt("oud")));
    let d = draft(&t, &c, &list);
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();

    // The report.
    assert_eq!(done.report.job_id, c.job.id);
    assert_eq!(done.report.kind, JobKind::PreventiveMaintenance);
    assert_eq!(
        (
            done.report.template_id.as_str(),
            done.report.template_version
        ),
        ("pm-test", 3)
    );
    assert_eq!(done.report.started_at, d.started_at);
    assert_eq!(done.report.completed_at, now());
    assert_eq!(done.report.technician, "Piet Monteur");
    assert!(!done.report.answers.contains_key("usage.notes"));
    assert_eq!(done.report.answers.len(), list.len() - 1);

    // The passport: yearly, battery tested today.
    assert_eq!(
        done.devices,
        vec![DeviceUpdate {
            device_id: dev.id,
            changes: DeviceChanges {
                last_preventive_maintenance_on: Some(job_day()),
                next_maintenance_due: Some(day(2027, 3, 2)),
                battery_capacity_pct: Some(86),
                battery_tested_on: Some(job_day()),
                ..Default::default()
            }
        }]
    );
    // The logbook: maintenance and usage check, both on the device.
    assert_eq!(
        entries(&done),
        vec![
            (dev.id, LogbookKind::PreventiveMaintenance),
            (dev.id, LogbookKind::UsageCheck)
        ]
    );
    for e in &done.logbook {
        assert_eq!(e.author, "Piet Monteur");
        assert_eq!(e.job_id, Some(c.job.id));
        assert_eq!((e.occurred_at, e.recorded_at), (now(), now()));
        assert_eq!(e.corrects, None);
    }
    assert_eq!(
        done.logbook[0].summary,
        "Preventief onderhoud uitgevoerd; 1 punt ter plaatse hersteld; defect Bekleding, \
         herstellen vóór ma 16 mrt 2026; 2 onderdelen vervangen; afgetekend door J. Jansen (inwoner)"
    );
    assert_eq!(
        done.logbook[1].summary,
        "Toetsing gebruiksfunctionaliteit: Adequaat"
    );
    let det = details(&done, LogbookKind::PreventiveMaintenance);
    assert_eq!(det["template"], "pm-test@3");
    assert_eq!(det["checks_done"], 3);
    assert_eq!(det["checks"].as_array().unwrap().len(), 2);
    assert_eq!(det["checks"][0]["item"], "drive.seat_lift");
    assert_eq!(det["checks"][0]["result"], "repaired");
    assert_eq!(det["checks"][1]["fix_by"], "2026-03-16");
    assert_eq!(det["measurements"]["battery.voltage"]["unit"], "V");
    assert_eq!(det["measurements"]["work.odometer"]["value"], 1234.0);
    assert_eq!(det["labour_minutes"], 45.0);
    assert_eq!(det["usage"], "adequate");
    assert_eq!(det["parts"].as_array().unwrap().len(), 2);
    assert_eq!(det["signoff"]["name"], "J. Jansen");
    assert_eq!(det["signoff"]["role"], "resident");
    // what the passport shows: words with labels and units, in both languages
    let pm = done
        .logbook
        .iter()
        .find(|e| e.kind == LogbookKind::PreventiveMaintenance)
        .unwrap()
        .clone()
        .chain_after(None);
    let w = veldwerk_core::logbook::words(&pm);
    let line = |label: &str| {
        w.lines
            .iter()
            .find(|l| l.label.nl == label)
            .unwrap_or_else(|| panic!("no line {label}: {:?}", w.lines))
            .value
            .clone()
    };
    assert_eq!(line("Werktijd").nl, "45 min");
    assert!(w
        .lines
        .iter()
        .any(|l| l.label.en == "Signed off by" && l.value.en == "J. Jansen (resident)"));
    assert!(
        w.summary
            .en
            .starts_with("Preventive maintenance carried out"),
        "{:?}",
        w.summary
    );
    assert_readable(&done);
    let usage = details(&done, LogbookKind::UsageCheck);
    assert_eq!(usage["usage.functional_check"], "adequate");
    assert_eq!(usage["template"], "pm-test@3");
    // Nothing to signal; the defect's date is a notice.
    assert!(done.signals.is_empty());
    assert_eq!(done.notices.len(), 1);
    assert!(done.notices[0].nl.contains("ma 16 mrt 2026"));
    assert!(done.slings.is_empty() && done.orders.is_empty());
    assert!(done.malfunction.is_none() && done.deviation.is_none());
}

#[test]
fn pm_out_of_use_not_adequate_and_a_weak_battery() {
    let t = pm_template();
    let mut dev = wheelchair_e();
    dev.reconditioned = true;
    let c = ctx(JobKind::PreventiveMaintenance, Some(dev.clone()));
    let mut list = pm_answers_ok();
    list.retain(|(k, _)| {
        !matches!(
            *k,
            "drive.brakes" | "battery.capacity_pct" | "usage.functional_check"
        )
    });
    list.push(("drive.brakes", check(CheckResult::OutOfUse)));
    list.push(("battery.capacity_pct", num(74.6)));
    list.push(("usage.functional_check", ch("not_adequate")));
    list.push((
        "usage.notes",
        txt("Inwoner kan de joystick niet meer bedienen."),
    ));
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    let ch = changes_of(&done, dev.id);
    assert_eq!(ch.status, Some(DeviceStatus::OutOfUse));
    assert_eq!(ch.battery_capacity_pct, Some(75));
    assert_eq!(done.signals.len(), 1);
    let s = &done.signals[0];
    assert_eq!(s.kind, SignalKind::NoLongerAdequate);
    assert!(!s.urgent);
    assert_eq!((s.resident_id, s.device_id), (RESIDENT, Some(dev.id)));
    assert!(s.description.contains("joystick"));
    let all: String = done.notices.iter().map(|n| n.en.clone()).collect();
    assert!(all.contains("taken out of use"), "{all}");
    assert!(all.contains("at least 80%"), "{all}");
    assert!(done.logbook[0]
        .summary
        .contains("defect Remmen: buiten gebruik"));
    assert_eq!(
        done.logbook[1].summary,
        "Toetsing gebruiksfunctionaliteit: Niet adequaat"
    );
    // Warnings while working say the same.
    let w = warnings(&t, &draft(&t, &c, &list).answers, &c, &cal(), now());
    assert!(w.iter().any(|x| x.en.contains("at least 80%")));
    assert!(w.iter().any(|x| x.en.contains("out of use")));
}

#[test]
fn pm_of_a_manual_wheelchair_is_due_in_18_months() {
    let t = pm_template();
    let dev = wheelchair_manual();
    let c = ctx(JobKind::PreventiveMaintenance, Some(dev.clone()));
    let list: Vec<_> = pm_answers_ok()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("battery") && *k != "drive.seat_lift")
        .collect();
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    let ch = changes_of(&done, dev.id);
    assert_eq!(ch.next_maintenance_due, Some(day(2027, 9, 2)));
    assert_eq!(ch.battery_capacity_pct, None);
    assert_eq!(ch.status, None);
}

#[test]
fn hoist_inspection_with_a_rejected_sling() {
    let t = hoist_template();
    let c = hoist_ctx();
    let d = hoist_draft(&t, &c, hoist_answers("approved", "rejected", "approved"));
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let h = hoist();
    assert_eq!(
        done.slings,
        vec![
            SlingUpdate {
                sling_id: SlingId(Uuid::from_u128(0x202)),
                status: None,
                next_inspection_due: Some(day(2027, 3, 2)),
            },
            SlingUpdate {
                sling_id: SlingId(Uuid::from_u128(0x201)),
                status: Some(SlingStatus::Withdrawn),
                next_inspection_due: None,
            },
        ]
    );
    assert_eq!(
        done.devices,
        vec![DeviceUpdate {
            device_id: h.id,
            changes: DeviceChanges {
                last_preventive_maintenance_on: Some(job_day()),
                next_maintenance_due: Some(day(2027, 3, 2)),
                next_inspection_due: Some(day(2027, 3, 2)),
                ..Default::default()
            }
        }]
    );
    assert_eq!(
        entries(&done),
        vec![
            (h.id, LogbookKind::SlingInspection),
            (h.id, LogbookKind::SlingInspection),
            (h.id, LogbookKind::HoistInspection)
        ]
    );
    assert_eq!(
        done.logbook[0].summary,
        "Tilband TB-2 (Tilco Comfort, maat M) gekeurd: goedgekeurd"
    );
    assert_eq!(
        done.logbook[1].summary,
        "Tilband TB-10 (Tilco Comfort, maat M) gekeurd: afgekeurd, uit gebruik genomen (Scheur in de stof)"
    );
    assert_eq!(
        done.logbook[2].summary,
        "Keuring tillift (periodiek; NEN-EN-ISO 10535): goedgekeurd; keuringssticker ST-77; \
         2 tilbanden gekeurd, 1 afgekeurd; afgetekend door J. Jansen (inwoner)"
    );
    let sling_details: Value =
        serde_json::from_str::<Value>(&done.logbook[1].details_json).unwrap()["data"].clone();
    assert_eq!(sling_details["sling_number"], "TB-10");
    assert_eq!(sling_details["outcome"], "rejected");
    // the code for the portal, the words for the passport
    assert_eq!(sling_details["labels"]["outcome"]["nl"], "afgekeurd");
    assert_eq!(sling_details["checks_done"], 1);
    let det = details(&done, LogbookKind::HoistInspection);
    assert_eq!(det["standard"], "nen_en_iso_10535");
    assert_eq!(det["inspection_kind"], "periodic");
    assert_eq!(det["labels"]["inspection_kind"]["nl"], "periodiek");
    assert_eq!(det["labels"]["inspection_kind"]["en"], "periodiek (en)");
    assert_eq!(det["inspector_certificate"], "STG-123");
    assert_eq!(det["instrument_serial"], "FLK-9");
    assert_eq!(det["instrument_calibrated_on"], "2025-09-01");
    assert_eq!(det["load_test"], "ok");
    assert_eq!(det["sticker"], "ST-77");
    assert_eq!(det["measurements"]["electrical.insulation"]["unit"], "MΩ");
    assert_eq!(det["next_inspection_due"], "2027-03-02");
    assert_eq!(det["slings"].as_array().unwrap().len(), 2);
    // The sling's own checks are not the hoist's.
    assert_eq!(det["checks_done"], 1);
    assert!(done.notices.iter().any(|n| n.en.contains("TB-10")));
}

#[test]
fn a_rejected_hoist_goes_out_of_use() {
    let t = hoist_template();
    let c = hoist_ctx();
    let mut list = hoist_answers("rejected", "approved", "approved");
    list.push(("outcome.remarks".into(), txt("Mast gescheurd")));
    let done = complete(&t, &hoist_draft(&t, &c, list), &c, &cal(), now()).unwrap();
    let ch = changes_of(&done, hoist().id);
    assert_eq!(ch.status, Some(DeviceStatus::OutOfUse));
    assert_eq!(ch.next_inspection_due, None);
    assert!(done
        .slings
        .iter()
        .all(|s| s.status.is_none() && s.next_inspection_due == Some(day(2027, 3, 2))));
    assert!(done.notices.iter().any(|n| n.en.contains("out of use")));
    // Approved with remarks: a notice with the fix-by day.
    let mut list = hoist_answers("approved_with_remarks", "approved", "approved");
    list.push(("outcome.fix_by".into(), date(day(2026, 3, 20))));
    list.push(("outcome.remarks".into(), txt("Label vervangen")));
    let done = complete(&t, &hoist_draft(&t, &c, list), &c, &cal(), now()).unwrap();
    let ch = changes_of(&done, hoist().id);
    assert_eq!(ch.status, None);
    assert_eq!(ch.next_inspection_due, Some(day(2027, 3, 2)));
    assert_eq!(
        done.notices,
        vec![veldwerk_core::Localized::new(
            "Goedgekeurd met opmerkingen: herstellen vóór vr 20 mrt 2026. Label vervangen",
            "Approved with remarks: fix by Fri 20 Mar 2026. Label vervangen"
        )]
    );
    assert!(done.logbook[2]
        .summary
        .contains("herstellen vóór vr 20 mrt 2026"));
}

fn repair_loan_answers() -> Vec<(&'static str, Answer)> {
    vec![
        ("arrival.arrived_at", at("2026-03-02T08:40:00Z")),
        ("diagnosis.fault", txt("Rechter motor maakt geen contact")),
        ("diagnosis.cause", ch("wear")),
        ("diagnosis.drive_related", yes(true)),
        ("resolution.fixed_on_site", yes(false)),
        ("resolution.parts", parts(1)),
        ("resolution.labour_minutes", num(50.0)),
        ("resolution.loan_placed", yes(true)),
        ("resolution.loan_registration", reg("wmo-7-0004")),
        ("resolution.options_moved", txt("Hoofdsteun, tafelblad")),
        ("resolution.transported", yes(false)),
        ("signoff.signer", signed()),
    ]
}

#[test]
fn class_b_repair_with_a_loan_device() {
    let t = repair_template();
    let c = repair_ctx(ResponseClass::B, true);
    let d = draft(&t, &c, &repair_loan_answers());
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let (own, loan) = (wheelchair_e(), depot_chair());
    assert_eq!(
        done.malfunction,
        Some(MalfunctionUpdate {
            malfunction_id: c.malfunction.as_ref().unwrap().id,
            arrived_at: Some(utc("2026-03-02T08:40:00Z")),
            resolved_at: None,
            status: None,
            drive_related: Some(true),
        })
    );
    assert_eq!(
        done.devices,
        vec![
            DeviceUpdate {
                device_id: own.id,
                changes: DeviceChanges {
                    status: Some(DeviceStatus::AwaitingRepair),
                    last_malfunction_on: Some(job_day()),
                    ..Default::default()
                }
            },
            DeviceUpdate {
                device_id: loan.id,
                changes: DeviceChanges {
                    status: Some(DeviceStatus::OnLoan),
                    resident: Some(ResidentLink::Resident(RESIDENT)),
                    last_delivered_on: Some(job_day()),
                    ..Default::default()
                }
            },
        ]
    );
    assert_eq!(
        entries(&done),
        vec![
            (own.id, LogbookKind::Repair),
            (loan.id, LogbookKind::LoanPlaced),
            (own.id, LogbookKind::LoanPlaced),
        ]
    );
    // Not fixed: the entries occurred at the arrival.
    assert!(done
        .logbook
        .iter()
        .all(|e| e.occurred_at == utc("2026-03-02T08:40:00Z") && e.recorded_at == now()));
    assert_eq!(
        done.logbook[1].summary,
        "Als leenmiddel geplaatst bij Jan van der Berg voor WMO-7-0001; opties overgezet: Hoofdsteun, tafelblad"
    );
    assert!(done.logbook[2].summary.contains("Leenmiddel WMO-7-0004"));
    assert_eq!(
        done.logbook[0].summary,
        "Reparatie: Rechter motor maakt geen contact; oorzaak: slijtage; aandrijving; \
         1 onderdeel vervangen; 50 min; niet ter plaatse verholpen; leenmiddel WMO-7-0004 geplaatst; \
         afgetekend door J. Jansen (inwoner)"
    );
    let det = details(&done, LogbookKind::Repair);
    assert_eq!(det["class"], "B");
    assert_eq!(det["fixed_on_site"], false);
    assert_eq!(det["drive_related"], true);
    assert_eq!(det["loan_registration"], "wmo-7-0004");
    assert_eq!(det["labour_minutes"], 50.0);
    assert!(done.signals.is_empty());
    assert!(done.notices.is_empty(), "{:?}", done.notices);
}

#[test]
fn repair_fixed_on_site_resolves_the_malfunction() {
    let t = repair_template();
    let mut c = repair_ctx(ResponseClass::C, true);
    c.device.as_mut().unwrap().status = DeviceStatus::AwaitingRepair;
    c.drive_repairs_previous_year = 3;
    let d = draft(
        &t,
        &c,
        &[
            ("arrival.arrived_at", at("2026-03-02T08:00:00Z")),
            ("diagnosis.fault", txt("Zekering")),
            ("diagnosis.cause", ch("wear")),
            ("diagnosis.drive_related", yes(true)),
            ("resolution.fixed_on_site", yes(true)),
            ("resolution.resolved_at", at("2026-03-02T08:55:00Z")),
            ("resolution.labour_minutes", num(20.0)),
            // stale: does not apply once fixed on site
            ("resolution.loan_placed", yes(true)),
            ("resolution.loan_registration", reg("WMO-7-0004")),
            ("signoff.signer", signed()),
        ],
    );
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let m = done.malfunction.clone().unwrap();
    assert_eq!(m.status, Some(MalfunctionStatus::Resolved));
    assert_eq!(m.resolved_at, Some(utc("2026-03-02T08:55:00Z")));
    assert_eq!(m.arrived_at, Some(utc("2026-03-02T08:00:00Z")));
    assert_eq!(done.devices.len(), 1, "no loan device");
    let ch = changes_of(&done, wheelchair_e().id);
    assert_eq!(ch.status, Some(DeviceStatus::InUse));
    assert_eq!(
        entries(&done),
        vec![(wheelchair_e().id, LogbookKind::Repair)]
    );
    assert_eq!(done.logbook[0].occurred_at, utc("2026-03-02T08:55:00Z"));
    assert!(!done
        .report
        .answers
        .contains_key("resolution.loan_registration"));
    // More than 2 drive-related repairs last year: the replacement rule.
    assert_eq!(done.notices.len(), 1);
    assert!(done.notices[0].en.contains("must be replaced"));
    assert!(done.notices[0].en.contains("2025"));
    // Exactly 2 last year: the rule does not apply yet.
    let mut c2 = c.clone();
    c2.drive_repairs_previous_year = 2;
    assert!(complete(&t, &d, &c2, &cal(), now())
        .unwrap()
        .notices
        .is_empty());
    // Not drive-related: no such notice.
    let mut d2 = d.clone();
    d2.answers
        .insert("diagnosis.drive_related".into(), yes(false));
    let done2 = complete(&t, &d2, &c, &cal(), now()).unwrap();
    assert!(done2.notices.is_empty());
    // the mechanic's finding goes to the malfunction, where the rule counts it
    assert_eq!(done2.malfunction.unwrap().drive_related, Some(false));
    assert_eq!(done.malfunction.unwrap().drive_related, Some(true));
}

#[test]
fn wilful_damage_is_signalled_and_reported() {
    let t = repair_template();
    let mut c = repair_ctx(ResponseClass::A, false);
    c.item_photos
        .insert("diagnosis.wilful_description".into(), 1); // the damage's photo (PvE 7.2.4)
    let d = draft(
        &t,
        &c,
        &[
            ("arrival.arrived_at", at("2026-03-02T08:20:00Z")),
            ("diagnosis.fault", txt("Joystick afgebroken")),
            ("diagnosis.cause", ch("wilful_damage")),
            (
                "diagnosis.wilful_description",
                txt("Joystick met kracht afgebroken"),
            ),
            (
                "diagnosis.wilful_likely_cause",
                txt("Kleinzoon speelde ermee"),
            ),
            ("diagnosis.drive_related", yes(false)),
            ("resolution.fixed_on_site", yes(true)),
            ("resolution.resolved_at", at("2026-03-02T09:10:00Z")),
            ("resolution.labour_minutes", num(40.0)),
            ("signoff.signer", signed()),
        ],
    );
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let dev = wheelchair_e();
    assert_eq!(
        entries(&done),
        vec![
            (dev.id, LogbookKind::Repair),
            (dev.id, LogbookKind::DamageReport)
        ]
    );
    assert_eq!(
        done.logbook[1].summary,
        "Vermoeden van moedwillige schade aan WMO-7-0001 (Merk Type 1): Joystick met kracht \
         afgebroken. Vermoedelijke oorzaak: Kleinzoon speelde ermee"
    );
    assert_eq!(done.signals.len(), 1);
    let s = &done.signals[0];
    assert_eq!(s.kind, SignalKind::SuspectedWilfulDamage);
    assert!(!s.urgent);
    assert_eq!(s.description, done.logbook[1].summary);
    let ch = changes_of(&done, dev.id);
    assert_eq!(ch.last_misuse_maintenance_on, Some(job_day()));
    assert_eq!(ch.last_malfunction_on, Some(job_day()));
    assert_eq!(ch.status, None, "fixed, and it was in use");
    assert!(done.notices.iter().any(|n| n.en.contains("photos")));
}

#[test]
fn fitting_concluding_another_category_requests_a_deviation() {
    let t = fitting_template();
    let c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let mut list = fitting_answers(Category::C7);
    // Not yet complete without the motivation for the deviation.
    let d = draft(&t, &c, &list);
    match complete(&t, &d, &c, &cal(), now()) {
        Err(WorkflowError::Incomplete { missing }) => assert_eq!(
            keys(&missing),
            vec!["conclusion.deviation_motivation"],
            "no driving lesson for an order of category 3"
        ),
        other => panic!("{other:?}"),
    }
    list.push((
        "conclusion.deviation_motivation",
        txt("Inwoner kan niet meer zelf hoepelen; elektrische rolstoel nodig."),
    ));
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    let dev = done.deviation.expect("a deviation request");
    assert_eq!(dev.status, DeviationStatus::Pending);
    assert_eq!((dev.ordered, dev.proposed), (Category::C3, Category::C7));
    assert_eq!(dev.order_id, c.order.as_ref().unwrap().id);
    assert_eq!((dev.resident_id, dev.job_id), (RESIDENT, c.job.id));
    assert_eq!(
        dev.motivation,
        "Inwoner kan niet meer zelf hoepelen; elektrische rolstoel nodig."
    );
    assert_eq!(dev.requested_at, now());
    // No device yet: nothing in any logbook; the report holds the answers.
    assert!(done.logbook.is_empty() && done.devices.is_empty());
    assert_eq!(
        done.report.answers["conclusion.first_time_right"],
        yes(false)
    );
    assert_eq!(done.notices.len(), 1);
    assert!(done.notices[0]
        .en
        .contains("blocked until the municipality approves"));
}

#[test]
fn fitting_in_the_ordered_category_plans_the_delivery() {
    let t = fitting_template();
    let c = with_order(
        ctx(JobKind::Fitting, Some(wheelchair_manual())),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let list = fitting_answers(Category::C3);
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert!(done.deviation.is_none());
    // Fitted Monday 2 March: plan the delivery before the end of Tuesday 3 March.
    assert_eq!(
        done.notices,
        vec![veldwerk_core::Localized::new(
            "Plan de leverdatum met de inwoner vóór einde di 3 mrt.",
            "The delivery date must be planned with the resident before the end of Tue 3 Mar."
        )]
    );
    assert_eq!(
        entries(&done),
        vec![(wheelchair_manual().id, LogbookKind::Fitting)]
    );
    assert_eq!(
        done.logbook[0].summary,
        "Passing: gekozen Permobil M3; categorie 3"
    );
    let det = details(&done, LogbookKind::Fitting);
    assert_eq!(det["category"], "3");
    assert_eq!(det["measurements"]["body.hip_width"]["unit"], "mm");
    // With an agreed date there is nothing to plan.
    let mut list = list;
    list.push(("delivery.agreed_date", date(day(2026, 3, 12))));
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert!(done.notices.is_empty());
}

#[test]
fn adjustment_with_the_device_taken() {
    let t = adjustment_template();
    let dev = wheelchair_e();
    let c = with_known(
        ctx(JobKind::Adjustment, Some(dev.clone())),
        &[depot_chair()],
    );
    let list = [
        ("work.description", txt("Zitting verbreed")),
        ("work.device_taken", yes(true)),
        ("work.return_date", date(day(2026, 3, 5))),
        ("work.replacement_placed", yes(true)),
        ("work.replacement_registration", reg("WMO-7-0004")),
        ("signoff.signer", signed()),
    ];
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert_eq!(
        changes_of(&done, dev.id).status,
        Some(DeviceStatus::AwaitingRepair)
    );
    let loan = changes_of(&done, depot_chair().id);
    assert_eq!(loan.status, Some(DeviceStatus::OnLoan));
    assert_eq!(loan.resident, Some(ResidentLink::Resident(RESIDENT)));
    assert_eq!(
        entries(&done),
        vec![
            (dev.id, LogbookKind::Adjustment),
            (depot_chair().id, LogbookKind::LoanPlaced),
            (dev.id, LogbookKind::LoanPlaced),
        ]
    );
    // Taken Monday 2 March: back before the end of Wednesday 4 March; Thursday is too late.
    assert_eq!(
        done.logbook[0].summary,
        "Aanpassing: Zitting verbreed; hulpmiddel meegenomen, terug vóór einde wo 4 mrt; \
         vervangend hulpmiddel WMO-7-0004 geplaatst; afgetekend door J. Jansen (inwoner)"
    );
    assert_eq!(done.notices.len(), 2);
    assert!(done.notices[0].en.contains("before the end of Wed 4 Mar"));
    assert!(done.notices[1].en.contains("too late"));
    // completed the next morning: the deadline still runs from the visit, not from now
    let next_day = now() + Duration::days(1);
    let later = complete(&t, &draft(&t, &c, &list), &c, &cal(), next_day).unwrap();
    assert_eq!(later.notices[0], done.notices[0]);
    let w = warnings(&t, &draft(&t, &c, &list).answers, &c, &cal(), next_day);
    assert!(w[0].en.contains("before the end of Wed 4 Mar"), "{w:?}");
}

#[test]
fn fire_safety_of_the_storage_is_a_warning_and_a_notice() {
    let t = fitting_template();
    let c = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C3, day(2026, 2, 20)),
    );
    let mut list = fitting_answers(Category::C3);
    list.retain(|(k, _)| !k.starts_with("storage."));
    list.push(("storage.location", ch("indoor")));
    list.push(("storage.battery_removable", yes(false)));
    let d = draft(&t, &c, &list);
    let w = warnings(&t, &d.answers, &c, &cal(), now());
    assert!(w.iter().any(|w| w.nl.contains("niet brandveilig")), "{w:?}");
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    assert!(done.notices.iter().any(|n| n.en.contains("not fire-safe")));
    // outdoors without rain cover and lock
    list.retain(|(k, _)| !k.starts_with("storage."));
    list.push(("storage.location", ch("outdoor")));
    list.push(("storage.rain_cover_and_lock", yes(false)));
    let d = draft(&t, &c, &list);
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    assert!(done
        .notices
        .iter()
        .any(|n| n.nl.contains("regenhoes en een slot")));
    // removable battery indoors: nothing to warn about
    list.retain(|(k, _)| !k.starts_with("storage."));
    list.push(("storage.location", ch("indoor")));
    list.push(("storage.battery_removable", yes(true)));
    let w = warnings(&t, &draft(&t, &c, &list).answers, &c, &cal(), now());
    assert!(!w
        .iter()
        .any(|w| w.nl.contains("brandveilig") || w.nl.contains("regenhoes")));

    // an electric order: one extra driving lesson is free, two need an order
    let c7 = with_order(
        ctx(JobKind::Fitting, None),
        order(OrderKind::Provision, Category::C7, day(2026, 2, 20)),
    );
    let mut list = fitting_answers(Category::C7);
    list.push(("lesson.result", ch("sufficient")));
    list.push(("lesson.driving_lessons_advised", num(1.0)));
    let d = draft(&t, &c7, &list);
    let w = warnings(&t, &d.answers, &c7, &cal(), now());
    assert!(!w.iter().any(|w| w.nl.contains("rijlessen")), "{w:?}");
    list.retain(|(k, _)| *k != "lesson.driving_lessons_advised");
    list.push(("lesson.driving_lessons_advised", num(2.0)));
    let d = draft(&t, &c7, &list);
    let w = warnings(&t, &d.answers, &c7, &cal(), now());
    assert!(
        w.iter().any(|w| w.nl.contains("opdracht van de gemeente")),
        "{w:?}"
    );
    let done = complete(&t, &d, &c7, &cal(), now()).unwrap();
    assert!(done
        .notices
        .iter()
        .any(|n| n.en.contains("2 driving lessons advised")));
}

#[test]
fn replacement_hands_over_the_new_device() {
    let t = replacement_template();
    let old = wheelchair_e();
    let new = depot_chair();
    let c = with_order(
        with_known(
            ctx(JobKind::Replacement, Some(old.clone())),
            std::slice::from_ref(&new),
        ),
        order(OrderKind::Replacement, Category::C7, day(2026, 2, 25)),
    );
    let list = [
        ("new_device.registration", reg("WMO-7-0004")),
        ("new_device.catalogue_value", num(7450.555)),
        ("old_device.collected", yes(true)),
        ("signoff.signer", signed()),
    ];
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert_eq!(
        done.devices,
        vec![
            DeviceUpdate {
                device_id: new.id,
                changes: DeviceChanges {
                    status: Some(DeviceStatus::InUse),
                    resident: Some(ResidentLink::Resident(RESIDENT)),
                    first_delivered_on: Some(job_day()),
                    last_delivered_on: Some(job_day()),
                    catalogue_value_cents: Some(745_056),
                    ..Default::default()
                }
            },
            DeviceUpdate {
                device_id: old.id,
                changes: DeviceChanges {
                    status: Some(DeviceStatus::InDepot),
                    resident: Some(ResidentLink::Nobody),
                    ..Default::default()
                }
            },
        ]
    );
    assert_eq!(
        entries(&done),
        vec![
            (new.id, LogbookKind::Replacement),
            (old.id, LogbookKind::Replacement)
        ]
    );
    assert!(done.logbook[0].summary.contains("€ 7.450,56"));
    assert!(done.logbook[1]
        .summary
        .starts_with("Vervangen door WMO-7-0004"));
    assert_eq!(
        done.orders,
        vec![OrderUpdate {
            order_id: c.order.as_ref().unwrap().id,
            status: OrderStatus::Completed
        }]
    );
    // Not collected: the old device stays, and the technician is reminded.
    let mut list = list.to_vec();
    list[2] = ("old_device.collected", yes(false));
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert_eq!(done.devices.len(), 1);
    assert_eq!(done.notices.len(), 1);
}

#[test]
fn collection_returns_the_device_to_the_depot() {
    let t = collection_template();
    let dev = wheelchair_manual();
    // Ordered Thursday 12 February: due before the end of Thursday 26 February.
    let c = with_order(
        ctx(JobKind::Collection, Some(dev.clone())),
        order(OrderKind::Collection, Category::C3, day(2026, 2, 12)),
    );
    let list = [
        ("collection.collected", yes(true)),
        ("collection.condition", check(CheckResult::Ok)),
        ("collection.accessories_complete", yes(true)),
    ];
    let done = complete(&t, &draft(&t, &c, &list), &c, &cal(), now()).unwrap();
    assert_eq!(
        done.devices,
        vec![DeviceUpdate {
            device_id: dev.id,
            changes: DeviceChanges {
                status: Some(DeviceStatus::InDepot),
                resident: Some(ResidentLink::Nobody),
                ..Default::default()
            }
        }]
    );
    assert_eq!(entries(&done), vec![(dev.id, LogbookKind::Collection)]);
    assert_eq!(
        done.logbook[0].summary,
        "Ingenomen bij Jan van der Berg; staat in orde; toebehoren compleet"
    );
    assert_eq!(done.orders.len(), 1);
    assert_eq!(done.orders[0].status, OrderStatus::Completed);
    assert_eq!(done.notices.len(), 1, "late");
    assert!(done.notices[0].en.contains("the end of Thu 26 Feb"));
    // In time: no notice.
    let on_time = with_order(
        ctx(JobKind::Collection, Some(dev.clone())),
        order(OrderKind::Collection, Category::C3, day(2026, 2, 20)),
    );
    let done = complete(&t, &draft(&t, &on_time, &list), &on_time, &cal(), now()).unwrap();
    assert!(done.notices.is_empty());
    // Not collected: nothing changes, the order stays open.
    let done = complete(
        &t,
        &draft(&t, &c, &[("collection.collected", yes(false))]),
        &c,
        &cal(),
        now(),
    )
    .unwrap();
    assert!(done.devices.is_empty() && done.orders.is_empty() && done.logbook.is_empty());
}

#[test]
fn loan_device_pickup_and_placement() {
    let t = loan_template();
    let mut loan = device(7, "WMO-7-0007", Category::C7, DeviceStatus::OnLoan);
    loan.resident_id = Some(RESIDENT);
    let c = with_known(
        ctx(JobKind::LoanDevice, None),
        &[loan.clone(), depot_chair()],
    );
    let done = complete(
        &t,
        &draft(
            &t,
            &c,
            &[
                ("loan.action", ch("pickup")),
                ("loan.registration", reg("WMO-7-0007")),
            ],
        ),
        &c,
        &cal(),
        now(),
    )
    .unwrap();
    assert_eq!(
        done.devices,
        vec![DeviceUpdate {
            device_id: loan.id,
            changes: DeviceChanges {
                status: Some(DeviceStatus::InDepot),
                resident: Some(ResidentLink::Nobody),
                ..Default::default()
            }
        }]
    );
    assert_eq!(entries(&done), vec![(loan.id, LogbookKind::LoanReturned)]);
    assert_eq!(
        done.logbook[0].summary,
        "Leenmiddel opgehaald bij Jan van der Berg"
    );

    let done = complete(
        &t,
        &draft(
            &t,
            &c,
            &[
                ("loan.action", ch("place")),
                ("loan.registration", reg("WMO-7-0004")),
                ("loan.options_moved", txt("Hoofdsteun")),
            ],
        ),
        &c,
        &cal(),
        now(),
    )
    .unwrap();
    let ch = changes_of(&done, depot_chair().id);
    assert_eq!(ch.status, Some(DeviceStatus::OnLoan));
    assert_eq!(ch.resident, Some(ResidentLink::Resident(RESIDENT)));
    assert_eq!(ch.last_delivered_on, Some(job_day()));
    assert_eq!(
        entries(&done),
        vec![(depot_chair().id, LogbookKind::LoanPlaced)]
    );
}
