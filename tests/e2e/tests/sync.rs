//! The app and a real portal, end to end in the real window: log in (no technician to
//! choose), finish a maintenance job while the portal is down, start the portal, send
//! everything at the end of the shift, and find the logbook entry through the portal's API
//! with its chain verified; a fitter's category-deviation request approved in the office view
//! reaches the fitter. The app's clock is set (VELDWERK_CLOCK); the portal runs on the real
//! one and accepts that they differ.

use std::time::{Duration, Instant};
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::{JobKind, Technician};
use veldwerk_e2e::portal::{end_of_shift, go_today, log_in, wait_indicator, Portal};
use veldwerk_e2e::visits::{fitting_with_deviation, CATEGORY_3_FITTING, EWHEELCHAIR_PM};
use veldwerk_e2e::{App, By};
use veldwerk_portal::seed::{DEMO_TECHNICIAN_PASSWORD, OFFICE_LOGIN, OFFICE_PASSWORD};
use veldwerk_portal::storage::{EntityFilter, PortalStore, RecordFilter};
use veldwerk_sync::protocol::*;

/// Everything of a technician as the portal's API gives it (a fresh installation's pull).
async fn pull_all(portal: &Portal, who: &Technician) -> Vec<Change> {
    let http = reqwest::Client::new();
    let login: LoginResponse = http
        .post(format!("{}/api/v1/login", portal.url()))
        .json(&LoginRequest {
            name: who.name.clone(),
            password: DEMO_TECHNICIAN_PASSWORD.into(),
            installation_id: uuid::Uuid::now_v7(),
            installation_label: "E2E-check".into(),
        })
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("login answer");
    let mut cursor = 0;
    let mut all = Vec::new();
    loop {
        let page: PullResponse = http
            .get(format!(
                "{}/api/v1/pull?cursor={cursor}&limit=1000",
                portal.url()
            ))
            .bearer_auth(&login.token)
            .send()
            .await
            .expect("pull")
            .json()
            .await
            .expect("page");
        all.extend(page.changes);
        cursor = page.next_cursor;
        if !page.more {
            return all;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn a_maintenance_finished_offline_reaches_the_portal_with_its_chain() {
    let mut portal = Portal::seeded();
    let mechanic = portal.technician_with(|j, d| {
        j.kind == JobKind::PreventiveMaintenance && d.is_some_and(|d| d.category.code() == "7")
    });
    portal.start().await;
    let url = portal.url();
    let app = App::launch_with_portal("sync-maintenance", &[("VELDWERK_PORTAL_URL", &url)]).await;
    log_in(&app, &portal, &mechanic).await;
    app.screenshot("logged-in").await;

    // the portal goes down; the work goes on
    portal.stop().await;
    app.first_day_with_visits().await;
    let job = match app.driver.find(By::Css(EWHEELCHAIR_PM.to_string())).await {
        Ok(j) => j,
        Err(e) => {
            app.fail(&format!("no electric-wheelchair maintenance: {e}"))
                .await
        }
    };
    app.open_and_start(&job).await;
    app.maintenance_checks("6").await;
    app.click_item("signoff.signer", "signer-option").await;
    app.click("job-complete").await;
    app.el("job-completed").await;
    app.click("back-to-today").await;
    app.el("today-screen").await;
    // the header says honestly that work waits (offline, or waiting for the next attempt)
    app.click("sync-indicator").await;
    app.el("sync-screen").await;
    app.click("sync-now").await;
    let state = wait_indicator(&app, &["offline", "waiting"]).await;
    let waiting = app.text("sync-waiting").await;
    assert!(waiting.contains("wachten"), "{state}: {waiting:?}");
    app.screenshot("offline").await;

    // the portal is back; the end of the shift sends everything
    portal.start().await;
    end_of_shift(&app).await;
    app.screenshot("all-on-portal").await;

    // through the portal's API: the logbook entry of this job is there and the chain verifies
    let changes = pull_all(&portal, &mechanic).await;
    let entries: Vec<LogbookEntry> = changes
        .iter()
        .filter(|c| c.entity == EntityKind::LogbookEntry)
        .filter_map(|c| {
            c.data
                .as_ref()
                .map(|d| serde_json::from_str(d.get()).expect("entry"))
        })
        .collect();
    let reports = portal
        .store
        .records(&RecordFilter {
            record_types: vec!["job_report"],
            ..Default::default()
        })
        .expect("records");
    let report = reports
        .iter()
        .find(|r| r.technician_id == mechanic.id)
        .expect("the job report is on the portal");
    let job_id = report.job_id.expect("the report names its job");
    let mine: Vec<&LogbookEntry> = entries
        .iter()
        .filter(|e| e.job_id == Some(job_id))
        .collect();
    assert!(
        mine.iter()
            .any(|e| e.kind == veldwerk_core::logbook::LogbookKind::PreventiveMaintenance),
        "no maintenance entry of the job on the portal: {mine:?}"
    );
    let device = mine[0].device_id;
    let mut chain: Vec<LogbookEntry> = entries
        .iter()
        .filter(|e| e.device_id == device)
        .cloned()
        .collect();
    chain.sort_by_key(|e| e.seq);
    veldwerk_core::logbook::verify_chain(device, &chain).expect("the chain verifies on the portal");
    assert_eq!(
        chain.last().map(|e| e.job_id),
        Some(Some(job_id)),
        "ours is the newest entry"
    );
    app.quit().await;
    drop(portal);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn a_deviation_approved_in_the_office_view_reaches_the_fitter() {
    let mut portal = Portal::seeded();
    // the fitter with today's fitting for a category 3 order (what CATEGORY_3_FITTING shows)
    let category_3: Vec<veldwerk_core::ids::OrderId> = portal
        .store
        .entities(EntityKind::Order, EntityFilter::All)
        .expect("orders")
        .iter()
        .map(|e| e.decode::<veldwerk_core::model::Order>().expect("order"))
        .filter(|o| o.category.code() == "3")
        .map(|o| o.id)
        .collect();
    let fitter = portal.technician_with(|j, _| {
        j.kind == JobKind::Fitting && j.order_id.is_some_and(|o| category_3.contains(&o))
    });
    portal.start().await;
    let url = portal.url();
    let app = App::launch_with_portal("sync-deviation", &[("VELDWERK_PORTAL_URL", &url)]).await;
    log_in(&app, &portal, &fitter).await;
    app.first_day_with_visits().await;
    let job = match app
        .driver
        .find(By::Css(CATEGORY_3_FITTING.to_string()))
        .await
    {
        Ok(j) => j,
        Err(e) => app.fail(&format!("no category 3 fitting: {e}")).await,
    };
    app.open_and_start(&job).await;
    fitting_with_deviation(&app).await;
    app.click("back-to-today").await;
    end_of_shift(&app).await;

    // the office approves the request in its view
    let request = portal
        .store
        .records(&RecordFilter {
            record_types: vec!["deviation_request"],
            ..Default::default()
        })
        .expect("records")
        .into_iter()
        .find(|r| r.technician_id == fitter.id)
        .expect("the request is on the portal");
    approve_in_office(&portal, request.id).await;

    // the fitter's next sync brings the answer
    app.click("sync-now").await;
    wait_indicator(&app, &["up_to_date"]).await;
    go_today(&app).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let status = match app
            .driver
            .find(By::Css(CATEGORY_3_FITTING.to_string()))
            .await
        {
            Ok(fitting) => match fitting
                .find(By::Css("[data-testid=\"job-deviation\"]"))
                .await
            {
                Ok(d) => d.attr("data-status").await.ok().flatten(),
                Err(_) => None,
            },
            Err(_) => None,
        };
        if status.as_deref() == Some("approved") {
            break;
        }
        if Instant::now() > deadline {
            app.fail(&format!(
                "the approval did not reach the fitter ({status:?})"
            ))
            .await;
        }
        app.click("sync-indicator").await;
        app.click("sync-now").await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        wait_indicator(&app, &["up_to_date"]).await;
        go_today(&app).await;
    }
    app.screenshot("approved").await;
    app.quit().await;
}

/// The office's browser, reduced to what approving takes: its cookies and the CSRF token.
async fn approve_in_office(portal: &Portal, id: uuid::Uuid) {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let mut cookies: Vec<String> = Vec::new();
    let keep = |cookies: &mut Vec<String>, res: &reqwest::Response| {
        for c in res.headers().get_all("set-cookie") {
            let pair = c
                .to_str()
                .unwrap_or_default()
                .split(';')
                .next()
                .unwrap_or_default()
                .to_string();
            let name = pair.split('=').next().unwrap_or_default().to_string();
            cookies.retain(|x| !x.starts_with(&format!("{name}=")));
            cookies.push(pair);
        }
    };
    let csrf_of = |html: &str| -> String {
        let key = "name=\"csrf\" value=\"";
        let start = html.find(key).map(|i| i + key.len()).expect("a csrf field");
        html[start..]
            .split('"')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let base = portal.url();
    let res = http
        .get(format!("{base}/kantoor/inloggen"))
        .send()
        .await
        .expect("login page");
    keep(&mut cookies, &res);
    let csrf = csrf_of(&res.text().await.expect("html"));
    let res = http
        .post(format!("{base}/kantoor/inloggen"))
        .header("cookie", cookies.join("; "))
        .form(&[
            ("csrf", csrf.as_str()),
            ("login", OFFICE_LOGIN),
            ("password", OFFICE_PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    keep(&mut cookies, &res);
    assert!(
        res.status().is_redirection(),
        "office sign-in: {}",
        res.status()
    );
    let res = http
        .get(format!("{base}/kantoor/afwijkingen"))
        .header("cookie", cookies.join("; "))
        .send()
        .await
        .expect("deviations page");
    let html = res.text().await.expect("html");
    assert!(
        html.contains(&id.to_string()),
        "the request is not listed in the office view"
    );
    let csrf = csrf_of(&html);
    let res = http
        .post(format!("{base}/kantoor/afwijkingen/{id}/besluit"))
        .header("cookie", cookies.join("; "))
        .form(&[("csrf", csrf.as_str()), ("besluit", "goedkeuren")])
        .send()
        .await
        .expect("approve");
    assert!(
        res.status().is_redirection() || res.status().is_success(),
        "approve: {}",
        res.status()
    );
    let stored: veldwerk_core::jobs::DeviationRequest = portal
        .store
        .entity(EntityKind::DeviationRequest, id)
        .expect("entity")
        .expect("the request")
        .decode()
        .expect("decode");
    assert_eq!(
        stored.status,
        veldwerk_core::jobs::DeviationStatus::Approved
    );
}
