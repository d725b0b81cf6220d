//! The office view in a real browser: Debian's Chromium, driven over WebDriver by a
//! chromedriver this test starts. Fails (does not skip) when they are not installed.

use crate::common::*;
use crate::fixtures::*;
use crate::push::signed_in;
use std::time::Duration;
use thirtyfour::prelude::*;
use tokio::process::{Child, Command};
use veldwerk_core::jobs::DeviationStatus;
use veldwerk_portal::seed::{OFFICE_LOGIN, OFFICE_PASSWORD};
use veldwerk_sync::protocol::*;

const WAIT: Duration = Duration::from_secs(15);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

pub async fn chromedriver() -> (Child, u16) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| {
            panic!("chromedriver could not start ({e}): install chromium and chromium-driver (scripts/setup.sh)")
        });
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (child, port);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not listen on port {port}");
}

pub async fn browser(port: u16, profile: &std::path::Path) -> WebDriver {
    let mut caps = DesiredCapabilities::chrome();
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        &format!("--user-data-dir={}", profile.display()),
    ] {
        caps.add_arg(arg).unwrap();
    }
    caps.set_binary("/usr/bin/chromium").unwrap();
    WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
        .await
        .unwrap_or_else(|e| panic!("no Chromium session (is chromium installed?): {e}"))
}

pub async fn el(d: &WebDriver, by: By) -> WebElement {
    d.query(by.clone())
        .wait(WAIT, Duration::from_millis(100))
        .first()
        .await
        .unwrap_or_else(|e| panic!("no element {by:?}: {e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_office_signs_in_reads_a_logbook_and_approves_a_request_the_fitter_then_pulls() {
    let p = start().await;
    let (_, token, view, cursor) = signed_in(&p, 0).await;
    let (request, rec) = deviation_request(&view, morning());
    assert_eq!(
        outcome(&p.push(&token, &[rec]).await.results[0]),
        "accepted"
    );
    let device = view
        .resident_devices()
        .into_iter()
        .find(|d| view.logbook(d.id).len() >= 3)
        .unwrap();
    let entries = view.logbook(device.id).len();
    let resident = device.resident_id.unwrap();

    let (mut driver_process, port) = chromedriver().await;
    let profile = tempfile::tempdir().unwrap();
    let d = browser(port, profile.path()).await;
    let result = async {
        // signing in: a page that needs a session leads to the login
        d.goto(p.url("/kantoor/afwijkingen")).await?;
        el(&d, By::Id("login"))
            .await
            .send_keys(OFFICE_LOGIN)
            .await?;
        el(&d, By::Id("password")).await.send_keys("fout").await?;
        el(&d, By::Id("inloggen")).await.click().await?;
        let error = el(&d, By::Id("fout")).await.text().await?;
        assert!(error.contains("Onjuiste"), "{error}");
        el(&d, By::Id("password"))
            .await
            .send_keys(OFFICE_PASSWORD)
            .await?;
        el(&d, By::Id("inloggen")).await.click().await?;
        el(&d, By::Css("h1")).await;
        assert!(d.current_url().await?.path().ends_with("/kantoor"));

        // a resident's device, its passport and logbook
        d.goto(p.url(&format!("/kantoor/inwoners/{resident}")))
            .await?;
        // the supplier's fixed contact persons of the resident (PvE 5.2.3a)
        el(&d, By::LinkText(&device.registration_number)).await;
        let contacts = d
            .find_all(By::Css("[data-testid=\"supplier-contact\"]"))
            .await?;
        assert!((1..=3).contains(&contacts.len()), "{}", contacts.len());
        el(&d, By::LinkText(&device.registration_number))
            .await
            .click()
            .await?;
        let chain = el(&d, By::Id("keten")).await.text().await?;
        assert!(chain.contains("keten intact"), "{chain}");
        let rows = d.find_all(By::Css("#logboekregels tbody tr")).await?;
        assert_eq!(rows.len(), entries);
        // every entry in words, as the app's passport shows it (no codes, keys, ISO dates
        // or cents), with its details
        let mut details = 0;
        for r in &rows {
            let text = r.text().await?;
            let bad = veldwerk_core::logbook::details::unreadable(&text);
            assert!(bad.is_empty(), "{bad:?} in {text}");
            details += r.find_all(By::Css("ul.details li")).await?.len();
        }
        assert!(details > 0, "no entry shows its details");
        let title = el(&d, By::Css("h1")).await.text().await?;
        assert!(title.contains(&device.registration_number));

        // in English
        el(&d, By::LinkText("English")).await.click().await?;
        let chain = el(&d, By::Id("keten")).await.text().await?;
        assert!(chain.contains("chain intact"), "{chain}");
        for r in d.find_all(By::Css("#logboekregels tbody tr")).await? {
            let text = r.text().await?;
            let bad = veldwerk_core::logbook::details::unreadable(&text);
            assert!(bad.is_empty(), "{bad:?} in {text}");
        }
        el(&d, By::LinkText("Nederlands")).await.click().await?;

        // the request waits; approve it
        d.goto(p.url("/kantoor/afwijkingen")).await?;
        let row = el(&d, By::Id(format!("verzoek-{}", request.id)))
            .await
            .text()
            .await?;
        assert!(row.contains("0 werkdagen"), "{row}");
        el(&d, By::Id(format!("goedkeuren-{}", request.id)))
            .await
            .click()
            .await?;
        let decided = el(&d, By::Id(format!("besluit-{}", request.id)))
            .await
            .text()
            .await?;
        assert_eq!(decided, "goedgekeurd");
        Ok::<(), WebDriverError>(())
    }
    .await;
    let _ = d.quit().await;
    let _ = driver_process.kill().await;
    result.unwrap();

    // the fitter's next pull carries the answer
    let (changes, _) = p.pull_all(&token, cursor, 100).await;
    let c = changes.iter().find(|c| c.id == request.id.0).unwrap();
    let Some(EntityData::DeviationRequest(answered)) = c.decode().unwrap() else {
        panic!()
    };
    assert_eq!(answered.status, DeviationStatus::Approved);
    let log = veldwerk_portal::storage::PortalStore::audit_log(p.store.as_ref(), 20).unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "deviation_answered" && e.actor == "Kantoor"));
}
