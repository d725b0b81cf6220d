//! Messages technicians record, sent by the portal through a real SMTP server (aiosmtpd) or
//! left for the office, and the office's page of them.

use crate::common::*;
use crate::office_http::office;
use crate::push::signed_in;
use chrono::{DateTime, Duration, Utc};
use veldwerk_core::ids::{MessageId, MunicipalityId};
use veldwerk_core::messages::{
    compose, Channel, Language, MessageFacts, MessageReason, MessageRecord, Recipient, TemplateKey,
};
use veldwerk_core::model::{Municipality, Resident};
use veldwerk_portal::messages::{backoff, SendReport};
use veldwerk_portal::seed::demo_municipality_email;
use veldwerk_portal::state::Config;
use veldwerk_portal::storage::{DeliveryStatus, EntityFilter, PortalStore};
use veldwerk_portal::testing::{free_port, url, SmtpServer};
use veldwerk_sync::protocol::*;

fn facts() -> MessageFacts {
    MessageFacts::default()
        .with("resident", "Anke Ruïzendaal")
        .with("date", "woensdag 4 maart 2026")
        .with("window", "10:30–12:30")
        .with("kind", "reparatie")
        .with("reason", "de monteur staat vast in een file bij Hoenderloo")
        .with("new_date", "donderdag 5 maart 2026")
        .with("new_window", "08:00–10:00")
        .with("phone", "0800-123 45 67")
        .with("supplier", "Hulpmiddelen Oost B.V.")
        .with("client", "AP-0042")
        .with("what", "reparatie van de rolstoel")
        .with("work", "reparatie van de rolstoel")
        .with("due", "dinsdag 3 maart 2026")
        .with(
            "arrangement",
            "Vandaag brengen wij een vervangende rolstoel.",
        )
}

/// A message as the app records it, and its push record.
pub fn message(
    r: &Resident,
    municipality: MunicipalityId,
    reason: MessageReason,
    recipient: Recipient,
    channel: Channel,
    address: Option<&str>,
    at: DateTime<Utc>,
) -> (MessageRecord, PushRecord) {
    let c = compose(
        TemplateKey {
            reason,
            recipient,
            language: Language::Nl,
        },
        &facts(),
    )
    .unwrap();
    // as JSON, as the app sends it (fields the record may gain later are optional)
    let m: MessageRecord = serde_json::from_value(serde_json::json!({
        "id": MessageId::new_v7(),
        "resident_id": r.id,
        "municipality_id": municipality,
        "job_id": null,
        "appointment_id": null,
        "recipient": recipient,
        "channel": channel,
        "address": address,
        "reason": reason,
        "language": Language::Nl,
        "subject": c.subject,
        "body": c.body,
        "created_at": at,
        "author": "Monteur Jansen",
    }))
    .unwrap();
    let rec = crate::fixtures::record(m.id.0, "message", &m);
    (m, rec)
}

/// To the resident, by e-mail, about a moved appointment.
fn email_to(r: &Resident, address: &str, at: DateTime<Utc>) -> (MessageRecord, PushRecord) {
    message(
        r,
        r.municipality_id,
        MessageReason::AppointmentMoved,
        Recipient::Resident,
        Channel::Email,
        Some(address),
        at,
    )
}

pub async fn push_accepted(p: &Portal, token: &str, records: &[PushRecord]) {
    let res = p.push(token, records).await;
    let outcomes: Vec<String> = res.results.iter().map(outcome).collect();
    assert!(outcomes.iter().all(|o| o == "accepted"), "{outcomes:?}");
}

/// One of the technician's residents, one with a name beyond ASCII when there is one.
fn resident_of(view: &crate::fixtures::View) -> Resident {
    let residents = view.residents();
    residents
        .iter()
        .find(|r| !r.display_name().is_ascii())
        .unwrap_or(&residents[0])
        .clone()
}

async fn send(p: &Portal) -> SendReport {
    p.state.send_messages().await.unwrap()
}

/// The row of one message on the page.
fn row_of(html: &str, id: MessageId) -> String {
    let start = html
        .find(&format!("id=\"bericht-{}\"", id.0))
        .unwrap_or_else(|| panic!("no row for {}", id.0));
    let rest = &html[start..];
    rest[..rest.find("</tr>").unwrap()].to_string()
}

#[tokio::test]
async fn e_mail_to_a_resident_and_a_municipality_goes_through_the_smtp_server_once() {
    let smtp = SmtpServer::start(free_port());
    let p = mailing_portal(Some(smtp.url())).await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = resident_of(&view);
    let municipalities: Vec<Municipality> = p
        .store
        .entities(EntityKind::Municipality, EntityFilter::All)
        .unwrap()
        .iter()
        .map(|e| e.decode().unwrap())
        .collect();
    let theirs = municipalities
        .iter()
        .find(|m| m.id == r.municipality_id)
        .unwrap();
    let other = municipalities
        .iter()
        .find(|m| m.id != r.municipality_id)
        .unwrap();
    let at = morning() - Duration::hours(1);
    let (to_resident, rec1) = email_to(&r, "a.ruizendaal@example.nl", at);
    // the record names another municipality: the portal's own record of the resident decides
    let (to_municipality, rec2) = message(
        &r,
        other.id,
        MessageReason::DeadlineMissed,
        Recipient::Municipality,
        Channel::Email,
        None,
        at + Duration::minutes(1),
    );
    push_accepted(&p, &token, &[rec1, rec2]).await;

    // nothing is sent before the sender runs; the office sees both waiting
    let mut desk = office(&p).await;
    let html = desk.page(&p, "/kantoor/berichten").await;
    assert!(row_of(&html, to_resident.id).contains("Wacht op verzending"));
    assert!(row_of(&html, to_municipality.id).contains("Wacht op verzending"));
    assert!(smtp.mails().is_empty());

    assert_eq!(
        send(&p).await,
        SendReport {
            sent: 2,
            ..SendReport::default()
        }
    );
    let mails = smtp.mails();
    assert_eq!(mails.len(), 2, "{mails:#?}");

    let mail = mail_with_id(&mails, to_resident.id.0);
    assert_eq!(mail["to"], "a.ruizendaal@example.nl");
    assert_eq!(mail["to_name"], r.display_name().as_str());
    assert_eq!(mail["from"], FROM);
    assert_eq!(mail["subject"], to_resident.subject.as_str());
    assert_eq!(body_text(mail), to_resident.body.trim_end());
    assert!(body_text(mail).contains("Beste Anke Ruïzendaal,"));
    assert!(body_text(mail).contains("10:30–12:30"));
    assert_eq!(mail["content_type"], "text/plain");
    assert_eq!(mail["charset"], "utf-8");
    assert_eq!(mail["language"], "nl");
    assert_eq!(
        mail["ascii"], true,
        "headers and body are encoded for 7-bit SMTP"
    );

    let mail = mail_with_id(&mails, to_municipality.id.0);
    let theirs_email = demo_municipality_email(&theirs.code);
    assert_eq!(mail["to"], theirs_email.as_str());
    assert_eq!(mail["rcpt"], theirs_email.as_str());
    assert_eq!(
        mail["to_name"],
        format!("Gemeente {}", theirs.name).as_str()
    );
    assert_eq!(mail["subject"], to_municipality.subject.as_str());
    assert!(mail["subject"].as_str().unwrap().contains("Ruïzendaal"));
    assert_eq!(body_text(mail), to_municipality.body.trim_end());
    assert!(body_text(mail).contains("cliëntnummer AP-0042"));

    for id in [to_resident.id, to_municipality.id] {
        let d = delivery(&p, id.0);
        assert_eq!(d.status, DeliveryStatus::Sent);
        assert_eq!((d.attempts, d.sent_at), (1, Some(morning())));
        assert_eq!(d.last_error, None);
    }
    assert_eq!(
        delivery(&p, to_municipality.id.0).sent_to.as_deref(),
        Some(theirs_email.as_str())
    );

    // the office sees them sent, with the text
    let html = desk.page(&p, "/kantoor/berichten").await;
    for (m, whom) in [
        (&to_resident, "Inwoner".to_string()),
        (&to_municipality, format!("Gemeente {}", theirs.name)),
    ] {
        let row = row_of(&html, m.id);
        assert!(row.contains("Verstuurd op wo 4 mrt 2026 10:00"), "{row}");
        assert!(row.contains(&whom), "{row}");
        assert!(row.contains("E-mail"), "{row}");
        assert!(row.contains("<details>"), "{row}");
        assert!(row.contains("Anke Ruïzendaal"), "{row}");
        assert!(!row.contains("verstuurd-"), "no hand-sent button: {row}");
    }
    assert!(row_of(&html, to_resident.id).contains("Afspraak verzet"));
    assert!(row_of(&html, to_municipality.id).contains("Termijn niet gehaald"));
    // newest first
    assert!(
        html.find(&to_municipality.id.0.to_string()) < html.find(&to_resident.id.0.to_string())
    );
    let english = desk
        .get(&p, "/kantoor/taal?lang=en&terug=/kantoor/berichten")
        .await;
    assert!(english.status().is_redirection());
    let html = desk.page(&p, "/kantoor/berichten").await;
    let row = row_of(&html, to_resident.id);
    assert!(row.contains("Sent on Wed 4 Mar 2026 10:00"), "{row}");
    assert!(
        row.contains("Appointment moved") && row.contains("Resident"),
        "{row}"
    );

    // a second run (also much later) sends nothing again
    assert_eq!(send(&p).await, SendReport::default());
    p.clock.set(morning() + Duration::days(1));
    assert_eq!(send(&p).await, SendReport::default());
    assert_eq!(smtp.mails().len(), 2);
}

#[tokio::test]
async fn with_the_smtp_server_down_a_message_waits_and_is_sent_once_when_it_is_back() {
    let port = free_port();
    let p = mailing_portal(Some(url(port))).await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = resident_of(&view);
    let (m, rec) = email_to(&r, "a.ruizendaal@example.nl", morning());
    push_accepted(&p, &token, &[rec]).await;

    assert_eq!(
        send(&p).await,
        SendReport {
            retrying: 1,
            ..SendReport::default()
        }
    );
    let d = delivery(&p, m.id.0);
    assert_eq!((d.status, d.attempts), (DeliveryStatus::Pending, 1));
    assert_eq!(d.next_attempt_at, morning() + backoff(1));
    let error = d.last_error.expect("the error is kept");
    assert!(
        error.en.starts_with("The mail server could not be reached"),
        "{error:?}"
    );
    assert!(
        error.nl.starts_with("De mailserver was niet bereikbaar"),
        "{error:?}"
    );
    // not before the backoff has passed
    assert_eq!(send(&p).await, SendReport::default());
    assert_eq!(delivery(&p, m.id.0).attempts, 1);
    let mut desk = office(&p).await;
    let row = row_of(&desk.page(&p, "/kantoor/berichten").await, m.id);
    assert!(
        row.contains("Wacht op een nieuwe poging (1 geprobeerd, volgende wo 4 mrt 2026 10:00)"),
        "{row}"
    );
    assert!(row.contains("De mailserver was niet bereikbaar"), "{row}");

    // the server is back: sent once
    let smtp = SmtpServer::start(port);
    p.clock.set(morning() + Duration::minutes(1));
    assert_eq!(
        send(&p).await,
        SendReport {
            sent: 1,
            ..SendReport::default()
        }
    );
    let d = delivery(&p, m.id.0);
    assert_eq!((d.status, d.attempts), (DeliveryStatus::Sent, 2));
    assert_eq!(d.sent_at, Some(morning() + Duration::minutes(1)));
    assert_eq!(d.last_error, None);
    p.clock.set(morning() + Duration::hours(3));
    assert_eq!(send(&p).await, SendReport::default());
    let mails = smtp.mails();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert_eq!(body_text(mail_with_id(&mails, m.id.0)), m.body.trim_end());
}

#[tokio::test]
async fn letters_and_text_messages_wait_for_the_office_which_marks_them_sent_by_hand() {
    let smtp = SmtpServer::start(free_port());
    let p = mailing_portal(Some(smtp.url())).await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = resident_of(&view);
    let (letter, rec1) = message(
        &r,
        r.municipality_id,
        MessageReason::AppointmentConfirmed,
        Recipient::Resident,
        Channel::Letter,
        Some("Dorpsstraat 1, 7311 AB Apeldoorn"),
        morning(),
    );
    let (sms, rec2) = message(
        &r,
        r.municipality_id,
        MessageReason::AppointmentMoved,
        Recipient::Resident,
        Channel::Sms,
        Some("06-12345678"),
        morning(),
    );
    push_accepted(&p, &token, &[rec1, rec2]).await;
    assert_eq!(
        send(&p).await,
        SendReport {
            office: 2,
            ..SendReport::default()
        }
    );
    assert!(smtp.mails().is_empty(), "nothing went by e-mail");
    assert_eq!(delivery(&p, letter.id.0).status, DeliveryStatus::Office);
    assert_eq!(delivery(&p, sms.id.0).status, DeliveryStatus::Office);

    let mut desk = office(&p).await;
    let html = desk.page(&p, "/kantoor/berichten").await;
    assert!(html.contains("2 bericht(en) wachten op het kantoor."));
    let row = row_of(&html, letter.id);
    assert!(
        row.contains("Wacht op het kantoor: met de hand versturen"),
        "{row}"
    );
    assert!(row.contains("Brief") && row.contains("Dorpsstraat 1, 7311 AB Apeldoorn"));
    assert!(row.contains("Afspraak bevestigd"));
    let row = row_of(&html, sms.id);
    assert!(row.contains("Sms") && row.contains("06-12345678"), "{row}");
    let overview = desk.page(&p, "/kantoor").await;
    assert!(overview.contains("Berichten voor het kantoor"));
    // the letter as a PDF to print: the resident's name and address, the subject, the text
    assert!(row_of(&html, letter.id).contains("brief.pdf"));
    assert!(!row_of(&html, sms.id).contains("brief.pdf"));
    let res = desk
        .get(&p, &format!("/kantoor/berichten/{}/brief.pdf", letter.id.0))
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        r.display_name().as_str(),
        "Dorpsstraat 1",
        "7311 AB Apeldoorn",
        letter.subject.as_str(),
    ] {
        assert!(text.contains(needle), "{needle} not in the letter: {text}");
    }
    // a text message is no letter
    let res = desk
        .get(&p, &format!("/kantoor/berichten/{}/brief.pdf", sms.id.0))
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::NOT_FOUND);

    // the office sent the letter: marked by form (with the session's token), audited
    let path = format!("/kantoor/berichten/{}/verstuurd", letter.id.0);
    let res = desk.post(&p, &path, &[("csrf", "fout")]).await;
    assert_eq!(res.status(), reqwest::StatusCode::FORBIDDEN);
    assert_eq!(delivery(&p, letter.id.0).status, DeliveryStatus::Office);
    let csrf = desk.csrf(&p).await;
    let res = desk.post(&p, &path, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let d = delivery(&p, letter.id.0);
    assert_eq!(d.status, DeliveryStatus::Sent);
    assert_eq!(d.handled_by.as_deref(), Some("Kantoor"));
    let html = desk.page(&p, "/kantoor/berichten").await;
    assert!(row_of(&html, letter.id)
        .contains("Verstuurd op wo 4 mrt 2026 10:00, met de hand door Kantoor"));
    assert!(html.contains("1 bericht(en) wachten op het kantoor."));
    // once
    let res = desk.post(&p, &path, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), reqwest::StatusCode::CONFLICT);
    assert!(p
        .store
        .audit_log(20)
        .unwrap()
        .iter()
        .any(|a| a.action == "message_sent_by_hand"
            && a.subject == format!("message {}", letter.id.0)));

    // a later run sends nothing
    p.clock.set(morning() + Duration::hours(2));
    assert_eq!(send(&p).await, SendReport::default());
    assert!(smtp.mails().is_empty());
}

#[tokio::test]
async fn without_an_smtp_server_e_mail_waits_for_the_office_too() {
    let p = mailing_portal(None).await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = resident_of(&view);
    let (m, rec) = email_to(&r, "a.ruizendaal@example.nl", morning());
    push_accepted(&p, &token, &[rec]).await;
    assert_eq!(
        send(&p).await,
        SendReport {
            office: 1,
            ..SendReport::default()
        }
    );
    let d = delivery(&p, m.id.0);
    assert_eq!(d.status, DeliveryStatus::Office);
    assert_eq!(d.sent_to.as_deref(), Some("a.ruizendaal@example.nl"));
}

#[tokio::test]
async fn a_refusal_fails_for_good_a_busy_server_is_tried_again_and_a_missing_address_is_said() {
    let smtp = SmtpServer::start_picky(free_port());
    let p = mailing_portal(Some(smtp.url())).await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = resident_of(&view);
    let (refused, rec1) = email_to(&r, "onbekend@example.nl", morning());
    let (busy, rec2) = email_to(&r, "druk@example.nl", morning());
    let (not_an_address, rec3) = email_to(&r, "geen adres", morning());
    // a municipality whose e-mail address the portal does not know
    let db = rusqlite::Connection::open(p.dir.path().join("portal.db")).unwrap();
    db.execute(
        "DELETE FROM municipality_contacts WHERE municipality_id = ?1",
        [r.municipality_id.to_string()],
    )
    .unwrap();
    let (unknown, rec4) = message(
        &r,
        r.municipality_id,
        MessageReason::DeadlineMissed,
        Recipient::Municipality,
        Channel::Email,
        None,
        morning(),
    );
    push_accepted(&p, &token, &[rec1, rec2, rec3, rec4]).await;
    assert_eq!(
        send(&p).await,
        SendReport {
            retrying: 1,
            failed: 3,
            ..SendReport::default()
        }
    );
    assert!(smtp.mails().is_empty());

    let d = delivery(&p, refused.id.0);
    assert_eq!((d.status, d.attempts), (DeliveryStatus::Failed, 1));
    let e = d.last_error.unwrap();
    assert!(
        e.en.starts_with("The mail server refused the message"),
        "{e:?}"
    );
    assert!(e.en.contains("550"), "{e:?}");
    let d = delivery(&p, busy.id.0);
    assert_eq!((d.status, d.attempts), (DeliveryStatus::Pending, 1));
    let e = d.last_error.unwrap();
    assert!(e.en.contains("451"), "{e:?}");
    let e = delivery(&p, not_an_address.id.0).last_error.unwrap();
    assert_eq!(e.en, "Not a valid e-mail address: \"geen adres\"");
    let d = delivery(&p, unknown.id.0);
    assert_eq!(d.status, DeliveryStatus::Failed);
    assert!(d
        .last_error
        .unwrap()
        .nl
        .starts_with("Het portaal heeft geen e-mailadres van Gemeente"));

    // the busy one keeps being tried, with backoff, and is given up after the last attempt
    let mut now = morning();
    for attempt in 2..=veldwerk_portal::messages::MAX_ATTEMPTS {
        now += backoff(attempt - 1);
        p.clock.set(now);
        let report = send(&p).await;
        assert_eq!(report.retrying + report.failed, 1, "attempt {attempt}");
    }
    let d = delivery(&p, busy.id.0);
    assert_eq!((d.status, d.attempts), (DeliveryStatus::Failed, 10));
    assert!(d
        .last_error
        .unwrap()
        .en
        .starts_with("Given up after 10 attempts: The mail server did not take the message now"));

    let mut desk = office(&p).await;
    let html = desk.page(&p, "/kantoor/berichten").await;
    let row = row_of(&html, refused.id);
    assert!(
        row.contains("Mislukt: De mailserver weigerde het bericht"),
        "{row}"
    );
    assert!(
        row.contains("verstuurd-"),
        "the office may send it by hand: {row}"
    );
    assert!(row_of(&html, unknown.id).contains("Mislukt: Het portaal heeft geen e-mailadres"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_senders_at_once_send_each_message_once() {
    let smtp = SmtpServer::start(free_port());
    let p = mailing_portal(Some(smtp.url())).await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = resident_of(&view);
    let records: Vec<PushRecord> = (0..6)
        .map(|i| email_to(&r, &format!("bewoner{i}@example.nl"), morning()).1)
        .collect();
    push_accepted(&p, &token, &records).await;
    let (a, b) = tokio::join!(send(&p), send(&p));
    assert_eq!(a.sent + b.sent, 6, "{a:?} {b:?}");
    assert_eq!(smtp.mails().len(), 6);
    assert!(p
        .store
        .message_deliveries()
        .unwrap()
        .iter()
        .all(|d| d.status == DeliveryStatus::Sent && d.attempts == 1));
}

#[tokio::test]
async fn the_server_sends_by_itself_every_few_seconds() {
    let smtp = SmtpServer::start(free_port());
    let p = start_with(Config {
        smtp_url: Some(smtp.url()),
        mail_from: FROM.into(),
        send_interval: Some(std::time::Duration::from_millis(100)),
        ..Config::default()
    })
    .await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = resident_of(&view);
    let (m, rec) = email_to(&r, "a.ruizendaal@example.nl", morning());
    push_accepted(&p, &token, &[rec]).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while delivery(&p, m.id.0).status != DeliveryStatus::Sent {
        assert!(std::time::Instant::now() < deadline, "not sent in time");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // once (the loop also confirms the seeded appointments still to come)
    let want = format!("<{}@hulpmiddelen-oost.example>", m.id.0);
    let mails = smtp.mails();
    assert_eq!(
        mails
            .iter()
            .filter(|x| x["message_id"] == want.as_str())
            .count(),
        1
    );
    assert!(!p.store.portal_messages(None).unwrap().is_empty());
}
