//! What the technician sees must be true and kept, end to end in the real window on the fixed
//! clock: work done today on a maintenance planned for a later day is dated today in the
//! passport (and the top speed typed as 12,5 stays 12,5); a note and a number typed without
//! leaving the field survive a SIGKILL two seconds after the last keystroke.

use std::time::Duration;
use veldwerk_e2e::visits::{date_nl, next_year_nl, EWHEELCHAIR_PM};
use veldwerk_e2e::{clock_today, App, By, WebElement};

/// A mechanic with an electric-wheelchair maintenance planned on a later working day than
/// today; Today is left on that day. Returns the job's element and its day.
async fn maintenance_planned_later(app: &App) -> (WebElement, String) {
    let today = clock_today();
    for attempt in 0..8 {
        app.el("technician-chooser").await;
        let mut mechanics = Vec::new();
        for o in app.els("technician-option").await {
            if o.text().await.unwrap_or_default().contains("Monteur") {
                mechanics.push(o);
            }
        }
        let Some(option) = mechanics.get(attempt) else {
            break;
        };
        app.click_el(option).await;
        // Today of the real day, not the later day the previous mechanic was left on
        app.go("#/today").await;
        app.first_day_with_visits().await;
        for _ in 0..8 {
            app.click("date-next").await;
            // the day's visits load after the date changes
            tokio::time::sleep(Duration::from_millis(600)).await;
            let day = app.today_iso().await;
            if day <= today {
                continue;
            }
            if let Some(job) = app
                .driver
                .find_all(By::Css(EWHEELCHAIR_PM))
                .await
                .unwrap_or_default()
                .into_iter()
                .next()
            {
                return (job, day);
            }
        }
        app.el("switch-technician").await.click().await.ok();
    }
    app.fail("no mechanic with an electric-wheelchair maintenance on a later day")
        .await
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn maintenance_planned_later_and_done_today_is_dated_today() {
    let app = App::launch("work-day").await;
    let today = clock_today();
    let (job, planned) = maintenance_planned_later(&app).await;
    assert!(planned > today, "planned {planned}, today {today}");

    // Starting it asks first, naming the planned day.
    let open = job
        .find(By::Css("[data-testid=\"job-open\"]"))
        .await
        .expect("an open button on the job");
    app.click_el(&open).await;
    app.click("job-start").await;
    let question = app.text("start-other-day").await;
    let planned_day_of_month = planned[8..].trim_start_matches('0').to_string();
    assert!(
        question.contains(&planned_day_of_month),
        "the question names the planned day {planned}: {question:?}"
    );
    app.click("start-other-day-yes").await;
    app.wait_attr("job-screen", "data-state", "in_progress")
        .await;

    app.maintenance_checks("12,5").await;
    // the top speed as typed, after the step was left and came back
    app.click_step("drive").await;
    assert_eq!(
        app.item_value("drive.max_speed", "measurement-input").await,
        "12,5"
    );
    app.click_step("signoff").await;
    app.click_item("signoff.signer", "signer-option").await;
    app.click("job-complete").await;
    app.el("job-completed").await;
    app.click("completed-passport").await;

    // Every date derived from the visit is today's, none the planned day's.
    let last = app
        .text("passport-field-last_preventive_maintenance_on")
        .await;
    assert!(
        last.contains(&date_nl(&today, 0)),
        "last maintenance {last:?}, work done on {today} (planned {planned})"
    );
    let due = app.text("passport-field-next_maintenance_due").await;
    assert!(
        due.contains(&next_year_nl(&today)),
        "next maintenance {due:?}, work done on {today} (planned {planned})"
    );
    let planned_nl = date_nl(&planned, 0);
    for field in [
        "passport-field-last_preventive_maintenance_on",
        "passport-field-battery",
        "passport-field-next_maintenance_due",
    ] {
        let text = app.text(field).await;
        assert!(
            !text.contains(&planned_nl) && !text.contains(&next_year_nl(&planned)),
            "{field} {text:?} carries the planned day {planned}"
        );
    }
    // the newest maintenance entry was written today, with the top speed as typed
    let mut dated = None;
    let mut words = String::new();
    for entry in app.els("logbook-entry").await.into_iter().take(3) {
        if entry.attr("data-kind").await.ok().flatten().as_deref() == Some("preventive_maintenance")
        {
            let time = entry.find(By::Css("time")).await.expect("the entry's time");
            dated = time.attr("datetime").await.ok().flatten();
            words = entry.text().await.unwrap_or_default();
            break;
        }
    }
    let dated = dated.unwrap_or_else(|| panic!("no maintenance entry on top of the logbook"));
    let written_on = chrono::DateTime::parse_from_rfc3339(&dated)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::Amsterdam)
                .date_naive()
                .to_string()
        })
        .unwrap_or_else(|e| panic!("entry time {dated:?}: {e}"));
    assert_eq!(written_on, today, "the entry is dated the day of the work");
    assert!(
        words.contains("12,5 km/u"),
        "the top speed as typed in the entry: {words}"
    );
    app.assert_chain_intact().await;
    app.screenshot("passport").await;
    app.quit().await;
}

/// The input `testid` inside the item `key`, focused by a click.
async fn field(app: &App, key: &str, testid: &str) -> WebElement {
    let item = app.item(key).await;
    match item
        .find(By::Css(format!("[data-testid=\"{testid}\"]")))
        .await
    {
        Ok(e) => {
            app.click_el(&e).await;
            e
        }
        Err(e) => app.fail(&format!("no {testid} in {key}: {e}")).await,
    }
}

/// Whether the job screen has no save in flight.
async fn nothing_pending(app: &App) -> bool {
    app.attr("job-screen", "data-pending").await.as_deref() == Some("0")
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn typed_note_and_number_survive_a_kill_two_seconds_later() {
    const NOTE: &str = "Remkabel links bijgesteld";
    let app = App::launch("typed-kill").await;
    let job = app.technician_with_job("Monteur", EWHEELCHAIR_PM).await;
    app.open_and_start(&job).await;
    app.wait_step("drive").await;

    // A note typed and never left: saved after the pause in typing, the field still focused.
    app.click_item("drive.brakes", "check-repaired").await;
    app.click_item("drive.brakes", "check-note-toggle").await;
    let note = field(&app, "drive.brakes", "check-note").await;
    note.send_keys(NOTE).await.expect("typing the note");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        nothing_pending(&app).await,
        "the note is saved 2 s after the last keystroke"
    );
    let state = app.attr("save-state", "data-state").await;
    assert_ne!(
        state.as_deref(),
        Some("saving"),
        "nothing is being saved any more, and the screen says so"
    );

    // A number typed without Enter, then the power goes 2 s after the last keystroke.
    let speed = field(&app, "drive.max_speed", "measurement-input").await;
    speed.send_keys("12,5").await.expect("typing the speed");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (dir, tmp) = app.kill_hard().await;

    let app = App::launch_in("typed-kill-restarted", dir, tmp).await;
    let job = app.technician_with_job_remembered(EWHEELCHAIR_PM).await;
    app.open_and_start(&job).await;
    app.click_step("drive").await;
    assert!(app.item_pressed("drive.brakes", "check-repaired").await);
    assert_eq!(app.item_value("drive.brakes", "check-note").await, NOTE);
    assert_eq!(
        app.item_value("drive.max_speed", "measurement-input").await,
        "12,5"
    );
    app.screenshot("restored").await;
    app.quit().await;
}
