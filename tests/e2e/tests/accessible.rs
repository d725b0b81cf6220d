//! axe-core in the real window (layout, fonts and colours as the technician sees them): Today,
//! a resident, a passport, search and the first step of every kind of job on the demo's first
//! working day, over every technician, have no serious or critical violation.

use std::collections::BTreeMap;
use veldwerk_e2e::{App, By};

/// The jobs on the day shown: kind → the job's address (first of each kind).
async fn jobs_by_kind(app: &App) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for job in app.els_now("job").await {
        let Some(kind) = job.attr("data-job-kind").await.ok().flatten() else {
            continue;
        };
        let Ok(open) = job.find(By::Css("[data-testid=\"job-open\"]")).await else {
            continue;
        };
        if let Some(href) = open.attr("href").await.ok().flatten() {
            out.entry(kind).or_insert(href);
        }
    }
    out
}

/// Opens a job by its address, starts it when it has not started, and checks its first step.
async fn first_step_accessible(app: &App, kind: &str, href: &str) {
    println!("axe: the first step of a {kind} ({href})");
    app.go(href).await;
    app.el("job-screen").await;
    if !app.els_now("job-start").await.is_empty() {
        app.click("job-start").await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        if !app.els_now("start-other-day").await.is_empty() {
            app.click("start-other-day-yes").await;
        }
    }
    app.wait_attr("job-screen", "data-state", "in_progress")
        .await;
    app.el("step").await;
    app.assert_accessible(&format!("the first step of a {kind}"))
        .await;
}

/// Checks Today and the first step of every kind of job on it not checked yet.
async fn day_accessible(app: &App, who: &str, checked: &mut Vec<String>) {
    app.first_day_with_visits().await;
    let day = app.today_iso().await;
    app.assert_accessible(&format!("Today ({who})")).await;
    for (kind, href) in jobs_by_kind(app).await {
        if checked.contains(&kind) {
            continue;
        }
        first_step_accessible(app, &kind, &href).await;
        checked.push(kind);
        app.go(&format!("#/today/{day}")).await;
        app.el("today-screen").await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn main_screens_have_no_serious_accessibility_violations() {
    let app = App::launch("axe").await;
    app.el("technician-chooser").await;
    // axe does find what it should: an image without a text alternative is critical
    app.driver
        .execute(
            "const i = document.createElement('img'); i.id = 'axe-probe'; i.src = 'x.png';
             document.body.appendChild(i);",
            vec![],
        )
        .await
        .expect("adding the probe");
    let probe = app.axe_violations().await;
    assert!(
        probe.iter().any(|v| v.starts_with("image-alt")),
        "axe missed the probe: {probe:?}"
    );
    app.driver
        .execute("document.getElementById('axe-probe').remove();", vec![])
        .await
        .expect("removing the probe");
    app.assert_accessible("the technician chooser").await;
    app.choose_technician(Some("Monteur")).await;
    let mut kinds = Vec::new();
    day_accessible(&app, "a mechanic", &mut kinds).await;

    // A resident of the day, one of their devices' passport, and search.
    let day = app.today_iso().await;
    app.go(&format!("#/today/{day}")).await;
    let postcode = app.text("appointment-postcode").await;
    app.click("appointment-resident").await;
    app.el("resident-name").await;
    app.assert_accessible("a resident").await;
    let device = app.el("resident-device").await;
    let link = device.find(By::Css("a")).await.expect("a passport link");
    app.click_el(&link).await;
    app.el("passport-registration-number").await;
    app.el("chain-status").await;
    app.assert_accessible("a passport").await;
    let q: String = postcode.chars().filter(|c| !c.is_whitespace()).collect();
    app.go(&format!("#/search?q={q}")).await;
    app.el("search-result-resident").await;
    app.assert_accessible("search results").await;

    // The same in English, on Today.
    app.go(&format!("#/today/{day}")).await;
    app.click("lang-toggle").await;
    app.wait_attr("lang-toggle", "lang", "nl").await;
    app.el("appointment-card").await;
    app.assert_accessible("Today in English").await;
    app.click("lang-toggle").await;
    app.wait_attr("lang-toggle", "lang", "en").await;

    // Every other technician's first working day: between them, every kind of job.
    let count = {
        app.click("switch-technician").await;
        app.els("technician-option").await.len()
    };
    for i in 1..count {
        let options = app.els("technician-option").await;
        let who = options[i].text().await.unwrap_or_default();
        app.click_el(&options[i]).await;
        app.el("today-screen").await;
        app.go("#/today").await;
        day_accessible(
            &app,
            who.lines().next().unwrap_or("a technician"),
            &mut kinds,
        )
        .await;
        app.click("switch-technician").await;
    }

    println!("job kinds checked with axe: {kinds:?}");
    for kind in [
        "fitting",
        "delivery",
        "preventive_maintenance",
        "hoist_inspection",
        "repair",
        "adjustment",
        "replacement",
        "collection",
        "loan_device",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "no {kind} on the first working day (checked: {kinds:?})"
        );
    }
    app.quit().await;
}
