//! Guided visits end to end in the real window, on the demo's first working day (which shows
//! every kind of guided job): a full preventive maintenance of an electric wheelchair (with
//! the interaction count), a hoist inspection with two slings of which one is rejected, a
//! class B repair with a loan device, a fitting that ends in a category-deviation request,
//! and a maintenance job killed with SIGKILL halfway that keeps every answer. Each test
//! checks the resulting logbook and passport, not only that buttons were clicked.

use veldwerk_e2e::visits::{
    fitting_with_deviation, next_year_nl, CATEGORY_3_FITTING, CLASS_B_REPAIR, EWHEELCHAIR_PM,
    HOIST_INSPECTION,
};
use veldwerk_e2e::{App, By};

/// Texts of the logbook entries on the passport (newest first).
async fn logbook(app: &App) -> Vec<String> {
    app.texts("logbook-entry").await
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn electric_wheelchair_maintenance_updates_logbook_and_passport() {
    let app = App::launch("maintenance").await;
    let job = app.technician_with_job("Monteur", EWHEELCHAIR_PM).await;
    let day = app.today_iso().await;
    let registration = job
        .find(By::Css("[data-testid=\"job-device\"]"))
        .await
        .expect("the job names its device")
        .text()
        .await
        .unwrap_or_default();
    app.reset_interactions();
    app.open_and_start(&job).await;
    app.maintenance_checks("6").await;
    app.click_item("signoff.signer", "signer-option").await;
    assert_eq!(
        app.attr("job-missing-count", "data-count").await.as_deref(),
        Some("0"),
        "nothing missing"
    );
    app.click("job-complete").await;
    app.el("job-completed").await;
    let interactions = app.interactions();
    println!(
        "electric wheelchair maintenance, every item answered: {interactions} interactions (clicks, taps and keys)"
    );
    assert!(
        interactions <= 40,
        "{interactions} interactions (aim: 40 or fewer)"
    );
    app.screenshot("completed").await;

    // What was written: the logbook entries and the passport.
    let written = app.texts("completed-logbook-entry").await;
    assert!(
        written.iter().any(|t| t.contains("Preventief onderhoud")),
        "{written:?}"
    );
    app.click("completed-passport").await;
    let reg = app.text("passport-registration-number").await;
    assert!(registration.contains(&reg), "{registration} / {reg}");
    let entries = logbook(&app).await;
    assert!(
        entries[..2]
            .iter()
            .any(|t| t.contains("Preventief onderhoud")),
        "{entries:?}"
    );
    assert!(
        entries[..2]
            .iter()
            .any(|t| t.contains("gebruiksfunctionaliteit") || t.contains("Toetsing")),
        "{entries:?}"
    );
    let due = app.text("passport-field-next_maintenance_due").await;
    assert!(
        due.contains(&next_year_nl(&day)),
        "next maintenance {due:?} for a job on {day}"
    );
    let battery = app.text("passport-field-battery").await;
    assert!(battery.contains("92"), "battery {battery:?}");
    app.assert_chain_intact().await;
    app.screenshot("passport").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn a_killed_maintenance_keeps_every_answer() {
    let app = App::launch("kill").await;
    let job = app.technician_with_job("Monteur", EWHEELCHAIR_PM).await;
    app.open_and_start(&job).await;
    app.wait_step("drive").await;
    app.tap("step-all-ok").await;
    app.tap("step-next").await; // the top speed is left open: all OK does not move on
    app.wait_step("chassis").await;
    app.click_item("chassis.frame", "check-repaired").await;
    app.enter_item("chassis.tread_depth", "measurement-input", "3,5")
        .await;
    app.tap("step-next").await;
    app.wait_step("electrics").await;
    app.tap("step-next").await;
    app.wait_step("battery").await;
    app.enter_item("battery.capacity", "measurement-input", "88")
        .await;
    app.click_item("battery.type", "choice-agm").await;
    // every save has returned (data-pending is 0): now the power goes
    app.wait_saved().await;
    let (dir, tmp) = app.kill_hard().await;

    let app = App::launch_in("kill-restarted", dir, tmp).await;
    // the technician is remembered; Today opens on the same day
    let job = app.technician_with_job_remembered(EWHEELCHAIR_PM).await;
    let state = job
        .find(By::Css("[data-testid=\"job-state\"]"))
        .await
        .expect("state")
        .attr("data-state")
        .await
        .ok()
        .flatten();
    assert_eq!(state.as_deref(), Some("in_progress"));
    app.open_and_start(&job).await;
    app.click_step("drive").await;
    for check in [
        "controls",
        "speed_settings",
        "manoeuvres",
        "motors",
        "brakes",
        "freewheel",
    ] {
        assert!(
            app.item_pressed(&format!("drive.{check}"), "check-ok")
                .await,
            "drive.{check}"
        );
    }
    app.click_step("chassis").await;
    assert!(app.item_pressed("chassis.frame", "check-repaired").await);
    assert_eq!(
        app.item_value("chassis.tread_depth", "measurement-input")
            .await
            .replace('.', ","),
        "3,5"
    );
    app.click_step("battery").await;
    assert_eq!(
        app.item_value("battery.capacity", "measurement-input")
            .await,
        "88"
    );
    assert!(app.item_pressed("battery.type", "choice-agm").await);
    app.screenshot("restored").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn hoist_inspection_with_one_sling_rejected() {
    let app = App::launch("hoist").await;
    let job = app.technician_with_job("Monteur", HOIST_INSPECTION).await;
    let day = app.today_iso().await;
    app.open_and_start(&job).await;
    app.wait_step("inspection").await;
    app.click_item("inspection.kind", "choice-periodic").await;
    app.click_item("inspection.standard", "choice-nen_en_iso_10535")
        .await;
    app.type_item("inspection.inspector_certificate", "text-input", "STG-4471")
        .await;
    app.click_item("inspection.hoist_type", "choice-mobile_sling")
        .await;
    app.enter_item("inspection.swl", "measurement-input", "205")
        .await;
    app.tap("step-next").await;
    app.wait_step("hoist").await;
    app.tap("step-all-ok").await;
    app.wait_step("safety").await;
    app.tap("step-all-ok").await;
    app.wait_step("electrical").await;
    app.click_item("electrical.protection_class_1", "answer-no")
        .await;
    app.enter_item(
        "electrical.insulation_resistance",
        "measurement-input",
        "500",
    )
    .await;
    app.enter_item("electrical.leakage_current", "measurement-input", "0,1")
        .await;
    app.type_item(
        "electrical.instrument_serial",
        "text-input",
        "BENNING-ST755-0042",
    )
    .await;
    app.pick_date("electrical.instrument_calibrated_on", &day)
        .await;
    app.tap("step-next").await;
    app.wait_step("load_test").await;
    app.click_item("load_test.load", "use-suggestion").await;
    app.click_item("load_test.result", "check-ok").await;
    app.tap("step-next").await;

    // Two slings: the first approved, the second torn and rejected.
    app.wait_step("sling").await;
    let first = app
        .attr("step", "data-instance")
        .await
        .expect("a sling instance");
    app.tap("step-all-ok").await;
    app.click_item(&format!("sling[{first}].outcome"), "choice-approved")
        .await;
    app.tap("step-next").await;
    app.wait_step("sling").await;
    let second = app
        .attr("step", "data-instance")
        .await
        .expect("a second sling");
    assert_ne!(first, second, "two slings");
    app.click_item(&format!("sling[{second}].damage"), "check-out_of_use")
        .await;
    app.tap("step-all-ok").await;
    app.click_item(&format!("sling[{second}].outcome"), "choice-rejected")
        .await;
    app.type_item(
        &format!("sling[{second}].remarks"),
        "text-input",
        "Scheur in de beenband",
    )
    .await;
    // further slings, if the hoist has more, are fine
    loop {
        app.tap("step-next").await;
        if app.current_step().await != "sling" {
            break;
        }
        let other = app.attr("step", "data-instance").await.expect("instance");
        app.tap("step-all-ok").await;
        app.click_item(&format!("sling[{other}].outcome"), "choice-approved")
            .await;
    }
    app.wait_step("outcome").await;
    app.click_item("outcome.result", "choice-approved_with_remarks")
        .await;
    app.pick_date("outcome.fix_by", &day).await;
    app.type_item(
        "outcome.remarks",
        "text-input",
        "Tilband vervangen; nieuwe band besteld",
    )
    .await;
    app.type_item("outcome.sticker_number", "text-input", "K-2026-0815")
        .await;
    app.tap("step-next").await;
    app.wait_step("work").await;
    app.tap("step-next").await;
    app.wait_step("signoff").await;
    app.click_item("signoff.signer", "signer-option").await;
    app.click("job-complete").await;
    app.el("job-completed").await;
    let notices = app.els("job-notice").await;
    assert!(!notices.is_empty(), "approved with remarks gives a notice");
    app.click("completed-passport").await;
    // the rejected sling is withdrawn and shown in red; the hoist is inspected again in a year
    let slings = app.els("sling").await;
    let mut withdrawn = 0;
    for s in &slings {
        let text = s.text().await.unwrap_or_default();
        if text.contains("Afgekeurd")
            || text.contains("ingetrokken")
            || text.contains("Ingetrokken")
        {
            withdrawn += 1;
        }
    }
    assert_eq!(withdrawn, 1, "one sling withdrawn of {}", slings.len());
    let mut warned = false;
    for w in app.els("passport-warning").await {
        if w.text().await.unwrap_or_default().contains("ilband") {
            warned = true;
        }
    }
    assert!(warned, "the withdrawn sling is a passport warning");
    let due = app.text("passport-field-next_inspection_due").await;
    assert!(
        due.contains(&next_year_nl(&day)),
        "next inspection {due:?} after {day}"
    );
    // the newest entries are this inspection's: the hoist (with this job's sticker), and
    // one entry per sling, the second one rejected
    let entries = logbook(&app).await;
    let newest: Vec<&String> = entries.iter().take(1 + slings.len()).collect();
    assert!(
        newest[0].contains("Keuring tillift") && newest[0].contains("K-2026-0815"),
        "{newest:?}"
    );
    let counted = format!("{} tilbanden gekeurd, 1 afgekeurd", slings.len());
    assert!(newest[0].contains(&counted), "{newest:?}");
    let sling_entries: Vec<&&String> = newest[1..]
        .iter()
        .filter(|t| t.contains("Tilband"))
        .collect();
    assert_eq!(sling_entries.len(), slings.len(), "{newest:?}");
    assert_eq!(
        sling_entries
            .iter()
            .filter(|t| t.contains("afgekeurd, uit gebruik genomen"))
            .count(),
        1,
        "{newest:?}"
    );
    assert_eq!(
        sling_entries
            .iter()
            .filter(|t| t.contains(": goedgekeurd"))
            .count(),
        slings.len() - 1,
        "{newest:?}"
    );
    app.screenshot("passport").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn class_b_repair_with_a_loan_device() {
    let app = App::launch("repair").await;
    let job = app.technician_with_job("Monteur", CLASS_B_REPAIR).await;
    app.open_and_start(&job).await;
    app.el("job-deadlines").await;
    let resident_name = app.text("job-resident").await;
    app.wait_step("arrival").await;
    app.click_item("arrival.arrived_at", "moment-now").await;
    app.tap("step-next").await;
    app.wait_step("diagnosis").await;
    app.type_item(
        "diagnosis.fault",
        "text-input",
        "Aandrijving slaat af bij belasting",
    )
    .await;
    app.click_item("diagnosis.cause", "choice-wear").await;
    if !app.els_now("item").await.is_empty() {
        // drive-related applies to electric devices only
        let keys: Vec<String> = {
            let mut v = Vec::new();
            for e in app.els_now("item").await {
                v.push(e.attr("data-key").await.ok().flatten().unwrap_or_default());
            }
            v
        };
        if keys.iter().any(|k| k == "diagnosis.drive_related") {
            app.click_item("diagnosis.drive_related", "answer-no").await;
        }
    }
    app.tap("step-next").await;
    app.wait_step("resolution").await;
    app.click_item("resolution.fixed_on_site", "answer-no")
        .await;
    app.type_item(
        "resolution.follow_up",
        "text-input",
        "Motor in de werkplaats vervangen",
    )
    .await;
    app.click_item("resolution.loan_placed", "answer-yes").await;
    // the loan device: one tap on a functionally equal device from the depot
    let candidate = app.item("resolution.loan_registration").await;
    let pick = candidate
        .find(By::Css("[data-testid=\"loan-candidate\"]"))
        .await
        .expect("a loan device of the same category in the depot");
    let loan_text = pick.text().await.unwrap_or_default();
    app.click_el(&pick).await;
    app.wait_saved().await;
    let loan_reg = app
        .item_value("resolution.loan_registration", "registration-input")
        .await;
    assert!(loan_text.contains(&loan_reg), "{loan_text} / {loan_reg}");
    app.type_item(
        "resolution.options_moved",
        "text-input",
        "Hoofdsteun en tafelblad overgezet",
    )
    .await;
    app.enter_item("resolution.labour_minutes", "measurement-input", "50")
        .await;
    app.tap("step-next").await;
    app.wait_step("signoff").await;
    app.click_item("signoff.signer", "signer-option").await;
    app.click("job-complete").await;
    app.el("job-completed").await;
    let written = app.texts("completed-logbook-entry").await;
    assert!(
        written.iter().any(|t| t.contains(&loan_reg)),
        "the loan is in the logbook: {written:?}"
    );
    // the broken device's passport: awaiting repair, repair and loan in its logbook
    app.click("completed-passport").await;
    let status = app.text("passport-field-status").await;
    assert!(
        status.to_lowercase().contains("reparatie"),
        "status {status:?}"
    );
    let entries = logbook(&app).await;
    assert!(
        entries
            .iter()
            .take(3)
            .any(|t| t.contains("Reparatie") || t.contains("reparatie")),
        "{entries:?}"
    );
    assert!(
        entries.iter().take(3).any(|t| t.contains(&loan_reg)),
        "{entries:?}"
    );
    app.screenshot("repaired-device").await;
    // the loan device's passport: with this resident, on loan
    app.type_text("search-input", &loan_reg).await;
    app.wait_text("search-results", |t| t.contains(&loan_reg))
        .await;
    let results = app.els("search-result-device").await;
    app.click_el(&results[0]).await;
    let reg = app.text("passport-registration-number").await;
    assert_eq!(reg, loan_reg);
    let status = app.text("passport-field-status").await;
    assert!(
        status.to_lowercase().contains("leen"),
        "loan device status {status:?}"
    );
    let resident = app.text("passport-field-resident_id").await;
    assert!(
        resident.contains(&resident_name),
        "loan device with {resident:?}, repair for {resident_name}"
    );
    let entries = logbook(&app).await;
    assert!(
        entries[0].contains("leenmiddel") || entries[0].contains("Leenmiddel"),
        "{entries:?}"
    );
    app.screenshot("loan-device").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn fitting_ends_in_a_category_deviation_request() {
    let app = App::launch("fitting").await;
    let job = app.technician_with_job("Passer", CATEGORY_3_FITTING).await;
    app.open_and_start(&job).await;
    fitting_with_deviation(&app).await;
    let notices = app.texts("job-notice").await;
    assert!(
        notices
            .iter()
            .any(|n| n.contains("gemeente") || n.contains("afwijk")),
        "{notices:?}"
    );
    app.screenshot("completed").await;
    // Today shows the fitting completed and the deviation waiting for the municipality
    app.click("back-to-today").await;
    app.el("today-screen").await;
    let fitting = app
        .driver
        .find(By::Css(CATEGORY_3_FITTING.to_string()))
        .await
        .expect("the fitting on Today");
    let state = fitting
        .find(By::Css("[data-testid=\"job-state\"]"))
        .await
        .expect("state")
        .attr("data-state")
        .await
        .ok()
        .flatten();
    assert_eq!(state.as_deref(), Some("completed"));
    let deviation = fitting
        .find(By::Css("[data-testid=\"job-deviation\"]"))
        .await
        .expect("the deviation shows on the job")
        .attr("data-status")
        .await
        .ok()
        .flatten();
    assert_eq!(deviation.as_deref(), Some("pending"));
    app.screenshot("today").await;
    app.quit().await;
}
