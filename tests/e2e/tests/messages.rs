//! A repair whose class B deadline will be missed, end to end with a real portal and a real
//! SMTP server: late in the day the replacement device the contract then requires the same day
//! (PvE 7.1.6) is due on Today; the mechanic tells the resident and the municipality the new
//! date from the job; the messages reach the portal at the end of the shift and the portal
//! sends them, the municipality's by e-mail, read back from the SMTP server's mailbox.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use veldwerk_core::messages::{Channel, MessageReason, MessageRecord, Recipient};
use veldwerk_core::model::{JobKind, Malfunction};
use veldwerk_core::sla::ResponseClass;
use veldwerk_e2e::portal::{end_of_shift, log_in, Portal};
use veldwerk_e2e::visits::CLASS_B_REPAIR;
use veldwerk_e2e::{clock_now, App, By};
use veldwerk_portal::storage::{DeliveryStatus, EntityFilter, PortalStore, RecordFilter};
use veldwerk_portal::testing::{free_port, SmtpServer};
use veldwerk_sync::protocol::EntityKind;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs the built app, tauri-driver, Xvfb and a Secret Service (scripts/test.sh)"]
async fn a_missed_class_b_deadline_brings_a_replacement_and_messages_the_portal_sends() {
    let smtp = SmtpServer::start(free_port());
    let mut portal = Portal::seeded();
    portal.config.smtp_url = Some(smtp.url());
    portal.config.send_interval = Some(Duration::from_secs(1));
    let class_b: BTreeMap<_, Malfunction> = portal
        .store
        .entities(EntityKind::Malfunction, EntityFilter::All)
        .expect("malfunctions")
        .iter()
        .map(|e| e.decode::<Malfunction>().expect("malfunction"))
        .filter(|m| m.class == ResponseClass::B)
        .map(|m| (m.id, m))
        .collect();
    let mechanic = portal.technician_with(|j, _| {
        j.kind == JobKind::Repair && j.malfunction_id.is_some_and(|m| class_b.contains_key(&m))
    });
    portal.start().await;
    // late on the day: a class B repair is to be fixed by the end of the day it was reported
    let day = clock_now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive();
    let late = veldwerk_core::sla::start_of_local_day(day) + chrono::Duration::minutes(23 * 60 + 5);
    let clock = late.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let url = portal.url();
    let app = App::launch_with_portal(
        "missed-deadline",
        &[("VELDWERK_PORTAL_URL", &url), ("VELDWERK_CLOCK", &clock)],
    )
    .await;
    log_in(&app, &portal, &mechanic).await;
    app.first_day_with_visits().await;

    // on Today: the replacement device is due today
    let job = match app.driver.find(By::Css(CLASS_B_REPAIR.to_string())).await {
        Ok(j) => j,
        Err(e) => app.fail(&format!("no class B repair on Today: {e}")).await,
    };
    let due = job
        .find_all(By::Css("[data-testid=\"repair-replacement-by\"]"))
        .await
        .unwrap_or_default();
    assert_eq!(due.len(), 1, "the replacement is not due on Today");
    app.screenshot("replacement-due").await;

    // from the job: the resident and the municipality are told the new date
    app.open_and_start(&job).await;
    app.click("missed-open").await;
    app.el("missed-dialog").await;
    let quick = app.els("date-quick").await;
    let Some(tomorrow) = quick.first() else {
        app.fail("no quick date in the dialog").await
    };
    app.click_el(tomorrow).await;
    app.type_text("missed-reason", "Het onderdeel komt morgenochtend binnen")
        .await;
    app.click("missed-save").await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.els_now("job-message").await.len() < 2 {
        if Instant::now() > deadline {
            app.fail("the messages were not recorded").await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.screenshot("messages-recorded").await;

    // the end of the shift brings them to the portal, which sends them
    end_of_shift(&app).await;
    let records = portal
        .store
        .records(&RecordFilter {
            record_types: vec!["message"],
            ..Default::default()
        })
        .expect("records");
    assert_eq!(records.len(), 2, "both messages on the portal");
    let deadline = Instant::now() + Duration::from_secs(60);
    let mails = loop {
        let mails = smtp.mails();
        if mails.iter().any(|m| {
            m["to"]
                .as_str()
                .is_some_and(|t| t.ends_with(".gemeente.example"))
        }) {
            break mails;
        }
        if Instant::now() > deadline {
            app.fail(&format!("the municipality's mail never arrived: {mails:?}"))
                .await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    let to_municipality = mails
        .iter()
        .find(|m| {
            m["to"]
                .as_str()
                .is_some_and(|t| t.ends_with(".gemeente.example"))
        })
        .expect("the municipality's mail");
    let subject = to_municipality["subject"].as_str().unwrap_or_default();
    let body = to_municipality["body"].as_str().unwrap_or_default();
    assert!(subject.starts_with("Termijn niet gehaald"), "{subject}");
    assert!(
        body.contains("Het onderdeel komt morgenochtend binnen"),
        "{body}"
    );
    assert!(body.contains("vervangend hulpmiddel"), "{body}");
    // what was mailed is what the mechanic recorded, with the new date
    let recorded: Vec<MessageRecord> = records
        .iter()
        .map(|r| serde_json::from_str(&r.payload).expect("a message record"))
        .collect();
    let same_text = |mail: &serde_json::Value, m: &MessageRecord| {
        let body = mail["body"]
            .as_str()
            .unwrap_or_default()
            .replace("\r\n", "\n");
        assert_eq!(mail["subject"].as_str(), Some(m.subject.as_str()));
        for line in m.body.lines().map(str::trim).filter(|l| !l.is_empty()) {
            assert!(body.contains(line), "{line:?} not in {body}");
        }
    };
    let for_municipality = recorded
        .iter()
        .find(|m| m.recipient == Recipient::Municipality)
        .expect("the municipality's message");
    same_text(to_municipality, for_municipality);
    // the resident's goes as they prefer: by e-mail to their address, else the office sends
    // it by hand (a letter or a text message)
    let for_resident = recorded
        .iter()
        .find(|m| m.recipient == Recipient::Resident)
        .expect("the resident's message");
    assert_eq!(for_resident.reason, MessageReason::DeadlineMissed);
    if for_resident.channel == Channel::Email {
        let address = for_resident.address.clone().expect("an e-mail address");
        let deadline = Instant::now() + Duration::from_secs(30);
        let mail = loop {
            let mails = smtp.mails();
            if let Some(m) = mails
                .iter()
                .find(|m| m["to"].as_str().is_some_and(|t| t.contains(&address)))
            {
                break m.clone();
            }
            if Instant::now() > deadline {
                app.fail(&format!("the resident's mail never arrived: {mails:?}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        };
        same_text(&mail, for_resident);
        assert_eq!(smtp.mails().len(), 2, "each sent once");
    } else {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let delivery = portal
                .store
                .message_deliveries()
                .expect("deliveries")
                .into_iter()
                .find(|d| d.record_id == for_resident.id.0);
            if delivery
                .as_ref()
                .is_some_and(|d| d.status == DeliveryStatus::Office)
            {
                break;
            }
            if Instant::now() > deadline {
                app.fail(&format!(
                    "the resident's message is not with the office: {delivery:?}"
                ))
                .await;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        assert_eq!(smtp.mails().len(), 1, "only the municipality's by e-mail");
    }
    app.quit().await;
    drop(portal);
}
