//! Photos, signatures and documents end to end in the real window: a delivery that ends with
//! the user agreement signed by the resident and the technician (both drawn with WebDriver
//! pointer actions on the signature pad) and its PDF listed on the passport; a maintenance
//! with a photo (imported through the file input) and the resident's drawn paraaf, whose
//! werkbon is listed on the passport; each checked in the logbook and the passport.

use std::time::Duration;
use veldwerk_e2e::visits::EWHEELCHAIR_PM;
use veldwerk_e2e::{App, By};

/// A generated photo-like JPEG written to a file the file input can take.
fn photo_file(dir: &std::path::Path) -> std::path::PathBuf {
    let img = veldwerk_media::synth::scene(1600, 1200, 3);
    let bytes = veldwerk_media::synth::jpeg(&img, 88, None).expect("a test JPEG");
    let path = dir.join("remmen.jpg");
    std::fs::write(&path, bytes).expect("write the test JPEG");
    path
}

/// Draws a signature on the pad: press, a zigzag of moves, release (pointer actions).
async fn draw_signature(app: &App) {
    let canvas = app.el("signature-canvas").await;
    canvas.scroll_into_view().await.ok();
    let chain = app
        .driver
        .action_chain()
        .move_to_element_with_offset(&canvas, -150, 0)
        .click_and_hold()
        .move_by_offset(40, -30)
        .move_by_offset(40, 50)
        .move_by_offset(40, -50)
        .move_by_offset(40, 30)
        .release();
    if let Err(e) = chain.perform().await {
        app.fail(&format!("drawing on the pad failed: {e}")).await;
    }
    app.wait_text("signature-state", |t| !t.contains("Nog geen"))
        .await;
}

/// A delivery on Today.
const DELIVERY: &str = "[data-testid=\"job\"][data-job-kind=\"delivery\"]";

/// Finds a fitter ("Passer") with a delivery within the first two weeks and opens that day.
async fn a_delivery(app: &App) -> veldwerk_e2e::WebElement {
    for attempt in 0..6 {
        app.el("technician-chooser").await;
        let mut fitters = Vec::new();
        for o in app.els("technician-option").await {
            if o.text().await.unwrap_or_default().contains("Passer") {
                fitters.push(o);
            }
        }
        let Some(fitter) = fitters.get(attempt) else {
            break;
        };
        fitter.click().await.ok();
        app.el("today-screen").await;
        for _ in 0..14 {
            tokio::time::sleep(Duration::from_millis(400)).await;
            if let Some(job) = app
                .driver
                .find_all(By::Css(DELIVERY))
                .await
                .unwrap_or_default()
                .into_iter()
                .next()
            {
                return job;
            }
            app.click("date-next").await;
        }
        app.el("switch-technician").await.click().await.ok();
    }
    app.fail("no fitter with a delivery in two weeks").await
}

/// Every yes/no item of the step shown answered yes.
async fn all_yes(app: &App) {
    for b in app.els_now("answer-yes").await {
        if b.attr("aria-pressed").await.ok().flatten().as_deref() != Some("true") {
            app.click_el(&b).await;
            app.wait_saved().await;
        }
    }
}

/// Signs one side of the agreement on the pad: the name typed, the signature drawn, saved.
async fn sign_agreement(app: &App, side: &str, name: &str) {
    app.click(&format!("agreement-{side}-sign")).await;
    app.type_text("signature-name", name).await;
    draw_signature(app).await;
    app.click("signature-save").await;
    app.el(&format!("agreement-{side}-signed")).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn a_delivery_ends_with_the_signed_agreement_on_the_passport() {
    let app = App::launch("delivery-agreement").await;
    let job = a_delivery(&app).await;
    let reg = job
        .find(By::Css("[data-testid=\"job-device\"] .reg"))
        .await
        .expect("the delivery names its device")
        .text()
        .await
        .unwrap_or_default();
    app.open_and_start(&job).await;
    app.wait_step("identity").await;
    app.enter_item("identity.registration", "registration-input", &reg)
        .await;
    app.click_step("instruction").await;
    app.click_item("instruction.topics", "choice-controls")
        .await;
    all_yes(&app).await;
    app.click_step("handover").await;
    all_yes(&app).await;
    app.click_step("safety").await;
    all_yes(&app).await;
    app.click_step("agreement").await;
    app.click_item("agreement.signer", "signer-option").await;
    app.click("job-ready-to-sign").await;
    app.el("agreement-text").await;
    app.screenshot("agreement").await;
    sign_agreement(&app, "resident", "Anke Ruïzendaal").await;
    sign_agreement(&app, "technician", "Joris Ten Hoeve-Blom").await;
    app.click("agreement-complete").await;
    app.el("job-completed").await;
    let written = app.texts("completed-logbook-entry").await;
    assert!(
        written
            .iter()
            .any(|t| t.contains("gebruikersovereenkomst ondertekend door Anke Ruïzendaal")),
        "{written:?}"
    );
    app.click("completed-passport").await;
    let docs = app.texts("passport-document").await;
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert!(docs[0].contains("Gebruikersovereenkomst"), "{docs:?}");
    app.assert_chain_intact().await;
    app.screenshot("passport-with-agreement").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn a_maintenance_with_a_photo_and_the_residents_paraaf() {
    let app = App::launch("maintenance-photo-paraaf").await;
    let job = app.technician_with_job("Monteur", EWHEELCHAIR_PM).await;
    app.open_and_start(&job).await;
    app.maintenance_checks("6").await;

    // the camera is offered (media streams are on in the window); opened, it goes live where
    // the machine has one, and says there is none where it has not, import still offered
    app.click("photo-camera-open").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(p) = app.els_now("photo-camera-problem").await.first() {
            let problem = p.attr("data-problem").await.ok().flatten();
            assert!(
                matches!(problem.as_deref(), Some("none" | "failed")),
                "the camera was refused: {problem:?}"
            );
            app.el("photo-import").await;
            break;
        }
        if std::time::Instant::now() > deadline {
            // still showing the camera's picture: a camera is there and live
            if app.els_now("photo-video").await.is_empty() {
                app.fail("opening the camera gave no answer").await;
            }
            app.click("photo-camera-close").await;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // a photo, imported through the file input
    let dir = tempfile::tempdir().expect("tempdir");
    let file = photo_file(dir.path());
    let input = app.el("photo-file-input").await;
    // the input is hidden behind its button: make it reachable for WebDriver
    app.driver
        .execute(
            "arguments[0].style.display='block'; arguments[0].hidden=false;",
            vec![input.to_json().expect("element as JSON")],
        )
        .await
        .ok();
    if let Err(e) = input.send_keys(file.display().to_string()).await {
        app.fail(&format!("choosing the photo failed: {e}")).await;
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while app.els_now("photo-thumb").await.is_empty() {
        if std::time::Instant::now() > deadline {
            app.fail("the photo never showed as a thumbnail").await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // the photo marked with an arrow: a marked copy is added, the original stays
    app.click("photo-mark").await;
    let surface = app.el("annotate-surface").await;
    surface.scroll_into_view().await.ok();
    let arrow = app
        .driver
        .action_chain()
        .move_to_element_with_offset(&surface, -60, 40)
        .click_and_hold()
        .move_by_offset(50, -30)
        .move_by_offset(50, -30)
        .release();
    if let Err(e) = arrow.perform().await {
        app.fail(&format!("drawing on the photo failed: {e}")).await;
    }
    app.wait_text("annotate-count", |t| t.contains("1 markering"))
        .await;
    app.screenshot("photo-marked").await;
    app.click("annotate-save").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while app.els_now("photo-thumb").await.len() < 2 {
        if std::time::Instant::now() > deadline {
            app.fail("the marked copy never showed").await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let tags = app.texts("photo-thumb").await;
    assert_eq!(
        tags.iter()
            .filter(|t| t.contains("Met markeringen"))
            .count(),
        1,
        "{tags:?}"
    );

    // the resident signs off with a drawn paraaf
    app.click_item("signoff.signer", "signer-option").await;
    app.click_item("signoff.signer", "signoff-draw").await;
    draw_signature(&app).await;
    app.click("signature-save").await;
    app.el("signoff-drawn").await;
    app.wait_saved().await;
    app.screenshot("signed-off").await;
    app.click("job-complete").await;
    app.el("job-completed").await;
    let written = app.texts("completed-logbook-entry").await;
    assert!(
        written.iter().any(|t| t.contains("met paraaf")),
        "the paraaf is not in the logbook: {written:?}"
    );

    // the passport: the entry, and the photo's thumbnail
    app.click("completed-passport").await;
    let entries = app.texts("logbook-entry").await;
    assert!(
        entries.iter().any(|t| t.contains("met paraaf")),
        "{entries:?}"
    );
    let thumbs = app
        .el("passport-photos")
        .await
        .find_all(By::Css("[data-testid=\"photo-thumb\"]"))
        .await
        .unwrap_or_default();
    assert_eq!(
        thumbs.len(),
        2,
        "the photo and its marked copy on the passport"
    );
    // the werkbon made at completion, with the paraaf
    let docs = app.texts("passport-document").await;
    assert!(docs.iter().any(|d| d.contains("Werkbon")), "{docs:?}");
    app.assert_chain_intact().await;
    app.screenshot("passport-with-photo").await;
    app.quit().await;
}
