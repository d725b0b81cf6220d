//! The passport's logbook as the municipality and the office read it, end to end: for a
//! device of every kind the demo stocks (found by searching its brand and model), the
//! rendered text of every logbook entry has no answer key, no ISO date, no code and no amount
//! in cents, in Dutch and in English (checked with the same rule the back end's words are
//! tested with, `veldwerk_core::logbook::details::unreadable`).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use veldwerk_core::logbook::details::unreadable;
use veldwerk_core::Category;
use veldwerk_e2e::App;

/// The address of a device of this brand and model, found through search.
async fn find_device(app: &App, brand: &str, model: &str) -> Option<String> {
    let q = format!("{brand} {model}");
    let encoded: String = q
        .chars()
        .map(|c| {
            if c == ' ' {
                "%20".to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    app.go(&format!("#/search?q={encoded}")).await;
    app.el("search-screen").await;
    let deadline = Instant::now() + Duration::from_secs(4);
    while Instant::now() < deadline {
        for d in app.els_now("search-result-device").await {
            if d.text().await.unwrap_or_default().contains(model) {
                return d.attr("href").await.ok().flatten();
            }
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    None
}

/// The rendered text of every logbook entry on the passport shown now.
async fn entry_texts(app: &App) -> Vec<String> {
    app.el("passport-registration-number").await;
    app.el("chain-status").await;
    let r = app
        .driver
        .execute(
            "return [...document.querySelectorAll('[data-testid=\"logbook-entry\"]')]
                .map((e) => e.innerText);",
            vec![],
        )
        .await
        .expect("reading the logbook");
    r.json()
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// What does not read as words in the logbooks of these passports, in the UI's language now.
async fn problems(app: &App, passports: &BTreeMap<Category, String>, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut entries = 0;
    for (category, href) in passports {
        app.go(href).await;
        let texts = entry_texts(app).await;
        assert!(!texts.is_empty(), "{category:?}: no logbook entries");
        entries += texts.len();
        for t in texts {
            let bad = unreadable(&t);
            if !bad.is_empty() {
                out.push(format!(
                    "[{lang}] category {}: {bad:?} in {t:?}",
                    category.code()
                ));
            }
            if lang == "en" {
                for dutch in [
                    "Preventief onderhoud",
                    "Storing gemeld",
                    "uitgevoerd",
                    "Afgetekend",
                ] {
                    if t.contains(dutch) {
                        out.push(format!(
                            "[en] category {}: Dutch {dutch:?} in {t:?}",
                            category.code()
                        ));
                    }
                }
            }
        }
    }
    println!(
        "[{lang}] {entries} logbook entries read over {} passports",
        passports.len()
    );
    out
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn every_device_kinds_logbook_reads_as_words_in_both_languages() {
    let app = App::launch("logbook-words").await;
    app.choose_technician(Some("Monteur")).await;
    let mut passports: BTreeMap<Category, String> = BTreeMap::new();
    for (category, brand, model) in veldwerk_demo::catalogue_models() {
        if passports.contains_key(&category) {
            continue;
        }
        if let Some(href) = find_device(&app, brand, model).await {
            passports.insert(category, href);
        }
    }
    let found: Vec<&str> = passports.keys().map(|c| c.code()).collect();
    println!("device kinds found: {found:?}");
    // the demo's small set holds most categories; the common ones of every family must be there
    for c in [
        Category::C1,
        Category::C3,
        Category::C7,
        Category::C8a,
        Category::C9,
        Category::C12,
        Category::C15,
        Category::C16,
    ] {
        assert!(
            passports.contains_key(&c),
            "no device of category {}",
            c.code()
        );
    }
    assert!(
        passports.len() >= 14,
        "only {} kinds: {found:?}",
        passports.len()
    );

    let mut bad = problems(&app, &passports, "nl").await;
    app.click("lang-toggle").await;
    app.wait_attr("lang-toggle", "lang", "nl").await;
    bad.extend(problems(&app, &passports, "en").await);
    app.click("lang-toggle").await;
    app.wait_attr("lang-toggle", "lang", "en").await;
    assert!(
        bad.is_empty(),
        "{} unreadable:\n{}",
        bad.len(),
        bad.join("\n")
    );
    app.quit().await;
}
