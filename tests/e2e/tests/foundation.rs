//! Foundation, end to end in the real window: the app opens on Today with demo data, a search
//! by postcode finds the resident, and the passport shows the registration number and the
//! logbook.

use veldwerk_e2e::App;

/// Today for the demo technician; on a weekend or holiday step forward to a day with visits.
async fn today_with_visits(app: &App) {
    for _ in 0..7 {
        if !app.els_now("appointment-card").await.is_empty() {
            return;
        }
        // give the screen a moment to load before deciding the day is empty
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        if !app.els_now("appointment-card").await.is_empty() {
            return;
        }
        app.click("date-next").await;
    }
    panic!("no day with visits within a week of today");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn opens_on_today_search_by_postcode_and_passport() {
    let app = App::launch("foundation").await;
    app.choose_technician(Some("Monteur")).await;
    app.el("sync-indicator").await;
    app.el("demo-badge").await;
    today_with_visits(&app).await;
    let cards = app.els("appointment-card").await;
    assert!(cards.len() >= 2, "a mechanic's day has several visits");
    // time order: the windows' start times ascend
    let mut starts = Vec::new();
    for c in &cards {
        let w = c
            .find(veldwerk_e2e::By::Css(
                "[data-testid=\"appointment-window\"]",
            ))
            .await
            .expect("window on card")
            .text()
            .await
            .unwrap_or_default();
        starts.push(w.chars().take(5).collect::<String>());
    }
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "appointments in time order");
    app.screenshot("today").await;

    // The first visit's resident, found again by postcode typed without the space.
    let card = &cards[0];
    let resident = card
        .find(veldwerk_e2e::By::Css(
            "[data-testid=\"appointment-resident\"]",
        ))
        .await
        .expect("resident on card")
        .text()
        .await
        .unwrap_or_default();
    let postcode = card
        .find(veldwerk_e2e::By::Css(
            "[data-testid=\"appointment-postcode\"]",
        ))
        .await
        .expect("postcode on card")
        .text()
        .await
        .unwrap_or_default();
    let compact: String = postcode.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(compact.len(), 6, "postcode {postcode:?}");
    app.type_text("search-input", &compact.to_lowercase()).await;
    let results = app
        .wait_text("search-results", |t| t.contains(resident.trim()))
        .await;
    assert!(results.contains(postcode.trim()), "{results}");
    app.screenshot("search-postcode").await;

    // Open the resident from the results, then one of their devices.
    let mut opened = false;
    for r in app.els("search-result-resident").await {
        if r.text().await.unwrap_or_default().contains(resident.trim()) {
            app.click_el(&r).await;
            opened = true;
            break;
        }
    }
    assert!(opened, "resident {resident} in the results");
    let name = app.text("resident-name").await;
    assert!(name.contains(resident.trim()), "{name} vs {resident}");
    let devices = app.els("resident-device").await;
    assert!(!devices.is_empty());
    let device_text = devices[0].text().await.unwrap_or_default();
    let link = devices[0]
        .find(veldwerk_e2e::By::Css("a"))
        .await
        .expect("a link to the passport in the device row");
    app.click_el(&link).await;

    let reg = app.text("passport-registration-number").await;
    assert!(reg.starts_with("WMO-"), "registration number {reg:?}");
    assert!(device_text.contains(&reg), "{device_text} lists {reg}");
    let entries = app.els("logbook-entry").await;
    assert!(!entries.is_empty(), "the logbook has entries");
    app.assert_chain_intact().await;
    app.screenshot("passport").await;

    // And the registration number typed into search finds the same device.
    let input = app.el("search-input").await;
    input.clear().await.ok();
    app.type_text("search-input", &reg).await;
    app.wait_text("search-results", |t| t.contains(&reg)).await;
    app.quit().await;
}
