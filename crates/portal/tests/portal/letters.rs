//! Messages the portal writes itself: appointment confirmations (PvE 5.2.6) and complaint
//! letters (5.1.4-5.1.8), sent through a real SMTP server (aiosmtpd) or left for the office.
//! Every time comes from the portal's set clock.

use crate::common::*;
use crate::office_http::office;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use uuid::Uuid;
use veldwerk_core::messages::{Channel, MessageReason, MessageRecord};
use veldwerk_core::model::{AppointmentStatus, CommunicationPreference, Resident};
use veldwerk_core::sla::LOCAL_TZ;
use veldwerk_portal::messages::own::confirm_appointments;
use veldwerk_portal::messages::{SendReport, Supplier, WrittenReport};
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::{DeliveryStatus, EntityFilter, PortalMessage, PortalStore};
use veldwerk_portal::testing::{free_port, SmtpServer};
use veldwerk_sync::protocol::{AppointmentWithJobs, EntityKind};

/// Appointments still to come at `now` that a confirmation is for.
fn upcoming(p: &Portal, now: DateTime<Utc>) -> Vec<AppointmentWithJobs> {
    p.store
        .entities(EntityKind::Appointment, EntityFilter::All)
        .unwrap()
        .iter()
        .map(|e| e.decode::<AppointmentWithJobs>().unwrap())
        .filter(|a| {
            matches!(
                a.appointment.status,
                AppointmentStatus::Planned | AppointmentStatus::Confirmed
            ) && a.appointment.window.start > now
        })
        .collect()
}

pub fn resident(p: &Portal, id: Uuid) -> Resident {
    p.store
        .entity(EntityKind::Resident, id)
        .unwrap()
        .unwrap()
        .decode()
        .unwrap()
}

/// Changes a resident in the portal's master data (as an import would).
pub fn set_resident(p: &Portal, r: &Resident) {
    let db = rusqlite::Connection::open(p.dir.path().join("portal.db")).unwrap();
    let n = db
        .execute(
            "UPDATE entities SET data = ?1 WHERE kind = 'resident' AND id = ?2",
            [serde_json::to_string(r).unwrap(), r.id.to_string()],
        )
        .unwrap();
    assert_eq!(n, 1);
}

/// A resident who prefers e-mail (`Some`) or a letter (`None`).
pub fn prefers(p: &Portal, id: Uuid, email: Option<&str>) -> Resident {
    let mut r = resident(p, id);
    match email {
        Some(e) => {
            r.email = Some(e.into());
            r.preferred_communication = CommunicationPreference::Email;
        }
        None => {
            r.email = None;
            r.phone = None;
            r.preferred_communication = CommunicationPreference::Post;
        }
    }
    set_resident(p, &r);
    r
}

pub fn own_messages(p: &Portal) -> Vec<(PortalMessage, MessageRecord)> {
    p.store
        .portal_messages(None)
        .unwrap()
        .into_iter()
        .map(|m| {
            let r = serde_json::from_str(&m.payload).unwrap();
            (m, r)
        })
        .collect()
}

fn window_words(a: &AppointmentWithJobs) -> String {
    let w = a.appointment.window;
    format!(
        "{}–{}",
        w.start.with_timezone(&LOCAL_TZ).format("%H:%M"),
        w.end.with_timezone(&LOCAL_TZ).format("%H:%M")
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_appointment_to_come_is_confirmed_once_and_again_when_it_moves() {
    let smtp = SmtpServer::start(free_port());
    let p = mailing_portal(Some(smtp.url())).await;
    let now = morning();
    let to_come = upcoming(&p, now);
    assert!(to_come.len() >= 4, "the seed plans visits after the anchor");
    // one resident prefers e-mail, every other one a letter (the office sends it)
    let by_mail = to_come[0].appointment.resident_id;
    let mine: Vec<&AppointmentWithJobs> = to_come
        .iter()
        .filter(|a| a.appointment.resident_id == by_mail)
        .collect();
    prefers(&p, by_mail.0, Some("h.de.vries@example.nl"));
    let mut others: Vec<_> = to_come
        .iter()
        .map(|a| a.appointment.resident_id)
        .filter(|r| *r != by_mail)
        .collect();
    others.dedup();
    for r in &others {
        prefers(&p, r.0, None);
    }

    // two senders at once write each confirmation once
    let (a, b) = tokio::join!(p.state.write_messages(), p.state.write_messages());
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        a.confirmations + b.confirmations,
        to_come.len() as u32,
        "{a:?} {b:?}"
    );
    assert_eq!(a.complaints_received + b.complaints_received, 0);
    let own = own_messages(&p);
    assert_eq!(own.len(), to_come.len());
    let mut per: HashMap<Uuid, usize> = HashMap::new();
    for (pm, m) in &own {
        assert_eq!(
            (pm.about_kind.as_str(), pm.purpose.as_str()),
            ("appointment", "confirmed")
        );
        assert_eq!(m.reason, MessageReason::AppointmentConfirmed);
        assert_eq!(m.author, "Planning");
        assert_eq!(m.created_at, now);
        assert_eq!(m.appointment_id.map(|x| x.0), Some(pm.about_id));
        *per.entry(pm.about_id).or_default() += 1;
    }
    assert!(per.values().all(|n| *n == 1));
    assert!(to_come
        .iter()
        .all(|a| per.contains_key(&a.appointment.id.0)));

    // a second run and a restart (a new store on the same file) write nothing
    assert_eq!(
        p.state.write_messages().await.unwrap(),
        WrittenReport::default()
    );
    let reopened = SqliteStore::open(&p.dir.path().join("portal.db")).unwrap();
    assert_eq!(
        confirm_appointments(&reopened, now, &Supplier::default()).unwrap(),
        0
    );

    // sent: e-mail to the one who prefers it, letters left for the office
    let report = p.state.send_messages().await.unwrap();
    assert_eq!(
        report,
        SendReport {
            sent: mine.len() as u32,
            office: (to_come.len() - mine.len()) as u32,
            ..SendReport::default()
        }
    );
    let mails = smtp.mails();
    assert_eq!(mails.len(), mine.len(), "{mails:#?}");
    let r = resident(&p, by_mail.0);
    for a in &mine {
        let (pm, m) = own
            .iter()
            .find(|(pm, _)| pm.about_id == a.appointment.id.0)
            .unwrap();
        assert_eq!(m.channel, Channel::Email);
        let mail = mails
            .iter()
            .find(|x| x["message_id"] == format!("<{}@hulpmiddelen-oost.example>", pm.id))
            .unwrap();
        assert_eq!(mail["to"], "h.de.vries@example.nl");
        assert!(mail["subject"]
            .as_str()
            .unwrap()
            .starts_with("Afspraak bevestigd: "));
        let text = body_text(mail);
        assert!(
            text.contains(&format!("Beste {},", r.display_name())),
            "{text}"
        );
        assert!(
            text.contains(&format!("tussen {}", window_words(a))),
            "{text}"
        );
        assert!(text.contains("0800-123 45 67") && text.contains("Hulpmiddelen Oost B.V."));
        assert_eq!(delivery(&p, pm.id).status, DeliveryStatus::Sent);
    }
    for (pm, m) in own.iter().filter(|(_, m)| m.resident_id != by_mail) {
        assert_eq!(m.channel, Channel::Letter);
        assert_eq!(delivery(&p, pm.id).status, DeliveryStatus::Office);
    }

    // the office page and the resident's records show them
    let mut desk = office(&p).await;
    let html = desk.page(&p, "/kantoor/berichten").await;
    for (pm, _) in &own {
        assert!(html.contains(&format!("id=\"bericht-{}\"", pm.id)));
    }
    assert!(html.contains("Afspraak bevestigd") && html.contains("Planning"));
    let page = desk
        .page(&p, &format!("/kantoor/inwoners/{}", by_mail.0))
        .await;
    assert!(page.contains("Bericht van het portaal"), "{page}");

    // the office moves the e-mail resident's first visit: confirmed again, with the new time
    let moved = mine[0];
    let csrf = desk.csrf(&p).await;
    let day = (moved.appointment.window.start.with_timezone(&LOCAL_TZ) + Duration::days(1))
        .date_naive()
        .to_string();
    let res = desk
        .post(
            &p,
            &format!("/kantoor/afspraken/{}/verzetten", moved.appointment.id),
            &[
                ("csrf", &csrf),
                ("day", &day),
                ("start", "13:15"),
                ("end", "14:45"),
            ],
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let later = now + Duration::minutes(5);
    p.clock.set(later);
    let written = p.state.write_messages().await.unwrap();
    assert_eq!(written.confirmations, 1);
    assert_eq!(p.state.write_messages().await.unwrap().confirmations, 0);
    assert_eq!(p.state.send_messages().await.unwrap().sent, 1);
    let mails = smtp.mails();
    assert_eq!(mails.len(), mine.len() + 1);
    let (pm, _) = own_messages(&p)
        .into_iter()
        .find(|(pm, m)| pm.about_id == moved.appointment.id.0 && m.created_at == later)
        .unwrap();
    let mail = mails
        .iter()
        .find(|x| x["message_id"] == format!("<{}@hulpmiddelen-oost.example>", pm.id))
        .unwrap();
    assert!(
        body_text(mail).contains("tussen 13:15–14:45"),
        "{}",
        body_text(mail)
    );

    // a visit that has begun is not confirmed: much later nothing is left to confirm but
    // what is still to come, and that was confirmed already
    p.clock.set(now + Duration::days(3));
    assert_eq!(p.state.write_messages().await.unwrap().confirmations, 0);
}

/// The row of one complaint on the signals page.
fn complaint_row(html: &str, id: Uuid) -> String {
    let start = html
        .find(&format!("id=\"klacht-{id}\""))
        .unwrap_or_else(|| panic!("no row for complaint {id}"));
    let rest = &html[start..];
    rest[..rest.find("</tr>").unwrap()].to_string()
}

#[tokio::test]
async fn a_complaint_is_acknowledged_with_its_day_and_the_office_reports_progress_and_outcome() {
    let smtp = SmtpServer::start(free_port());
    let p = mailing_portal(Some(smtp.url())).await;
    let (_, token, view, _) = crate::push::signed_in(&p, 0).await;
    let r = prefers(&p, view.residents()[0].id.0, Some("klager@example.nl"));
    // the seeded appointments' confirmations first, out of the way
    p.state.write_messages().await.unwrap();
    p.state.send_messages().await.unwrap();
    let complaint_messages = |p: &Portal| {
        own_messages(p)
            .into_iter()
            .filter(|(pm, _)| pm.about_kind == "complaint")
            .count()
    };
    // received in writing on Monday 2 March, recorded on Wednesday 4 March; two complaints
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let first =
        crate::fixtures::complaint_received(r.id, morning(), "Niemand belde terug.", Some(monday));
    let second = crate::fixtures::complaint_received(r.id, morning(), "Weer niet.", Some(monday));
    let res = p.push(&token, &[first.clone(), second.clone()]).await;
    assert!(res.results.iter().all(|x| outcome(x) == "accepted"));
    let (one, two) = (first.id, second.id);

    // the acknowledgement: written once, sent by e-mail, with the day it will be handled by
    // (10 working days after Monday 2 March: Monday 16 March, the last day itself counting)
    let w = p.state.write_messages().await.unwrap();
    assert_eq!(w.complaints_received, 2);
    assert_eq!(
        p.state.write_messages().await.unwrap(),
        WrittenReport::default()
    );
    assert_eq!(p.state.send_messages().await.unwrap().sent, 2);
    let own = own_messages(&p);
    let (ack, m) = own
        .iter()
        .find(|(pm, _)| pm.about_id == one && pm.purpose == "received")
        .unwrap();
    assert_eq!(m.reason, MessageReason::ComplaintReceived);
    let mails = smtp.mails();
    let mail = mail_with_id(&mails, ack.id);
    assert_eq!(mail["to"], "klager@example.nl");
    assert_eq!(mail["subject"], "Wij hebben uw klacht ontvangen");
    let text = body_text(mail);
    assert!(
        text.contains("Op maandag 2 maart 2026 hebben wij uw klacht ontvangen over communicatie."),
        "{text}"
    );
    assert!(text.contains("uiterlijk maandag 16 maart 2026"), "{text}");
    assert!(!text.contains("Stand van zaken"), "{text}");

    let mut desk = office(&p).await;
    let html = desk.page(&p, "/kantoor/signalen").await;
    assert_eq!(html.matches("id=\"klachten\"").count(), 1, "one table");
    assert_eq!(html.matches(&format!("id=\"klacht-{one}\"")).count(), 1);
    let row = complaint_row(&html, one);
    assert!(
        row.contains("data-status=\"open\"") && row.contains("ma 16 mrt 2026"),
        "{row}"
    );

    // refused without the session's token: nothing written
    let progress = format!("/kantoor/klachten/{one}/voortgang");
    let message = Uuid::now_v7().to_string();
    let text = "Wij hebben de planning gevraagd u deze week te bellen.";
    let res = desk
        .post(
            &p,
            &progress,
            &[("csrf", "fout"), ("text", text), ("message", &message)],
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::FORBIDDEN);
    assert_eq!(complaint_messages(&p), 2);

    // progress: one message (the form sent twice), the status says so
    let csrf = desk.csrf(&p).await;
    for _ in 0..2 {
        let res = desk
            .post(
                &p,
                &progress,
                &[("csrf", &csrf), ("text", text), ("message", &message)],
            )
            .await;
        assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    }
    let own = own_messages(&p);
    let progress_messages: Vec<_> = own
        .iter()
        .filter(|(pm, _)| pm.purpose == "progress")
        .collect();
    assert_eq!(progress_messages.len(), 1);
    let (pm, m) = progress_messages[0];
    assert_eq!((pm.about_id, m.author.as_str()), (one, "Kantoor"));
    assert_eq!(p.state.send_messages().await.unwrap().sent, 1);
    let text_sent = body_text(mail_with_id(&smtp.mails(), pm.id));
    assert!(
        text_sent.contains("Zo staat het er op woensdag 4 maart 2026 voor:"),
        "{text_sent}"
    );
    assert!(text_sent.contains(text), "{text_sent}");
    assert!(
        text_sent.contains("Uiterlijk maandag 16 maart 2026"),
        "{text_sent}"
    );
    assert!(
        mail_with_id(&smtp.mails(), pm.id)["subject"]
            .as_str()
            .is_some_and(|s| s.contains("hoe staat het ervoor")),
        "a progress letter says so in its subject"
    );
    let html = desk.page(&p, "/kantoor/signalen").await;
    let row = complaint_row(&html, one);
    assert!(row.contains("data-status=\"progress\""), "{row}");
    assert!(
        row.contains("Voortgang gemeld (wo 4 mrt 2026 10:00)"),
        "{row}"
    );

    // the outcome on Friday 13 March: handled within the deadline; once
    p.clock.set(morning() + Duration::days(9));
    desk = office(&p).await; // the session of days ago has ended
    let outcome_text =
        "Wij hebben de terugbeldienst uitgebreid en u een vaste contactpersoon gegeven.";
    let path = format!("/kantoor/klachten/{one}/uitkomst");
    let message = Uuid::now_v7().to_string();
    let csrf = desk.csrf(&p).await;
    let res = desk
        .post(
            &p,
            &path,
            &[
                ("csrf", &csrf),
                ("text", outcome_text),
                ("message", &message),
            ],
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let other = Uuid::now_v7().to_string();
    let res = desk
        .post(
            &p,
            &path,
            &[("csrf", &csrf), ("text", "nog eens"), ("message", &other)],
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::CONFLICT);
    let res = desk
        .post(
            &p,
            &progress,
            &[("csrf", &csrf), ("text", "later"), ("message", &other)],
        )
        .await;
    assert_eq!(
        res.status(),
        reqwest::StatusCode::CONFLICT,
        "no progress after the outcome"
    );
    assert_eq!(p.state.send_messages().await.unwrap().sent, 1);
    let own = own_messages(&p);
    let (pm, m) = own.iter().find(|(pm, _)| pm.purpose == "outcome").unwrap();
    assert_eq!(m.reason, MessageReason::ComplaintOutcome);
    let mail = mail_with_id(&smtp.mails(), pm.id).clone();
    assert_eq!(
        mail["subject"],
        "Uw klacht over communicatie: wat wij hebben gedaan"
    );
    let text_sent = body_text(&mail);
    assert!(text_sent.contains(outcome_text), "{text_sent}");
    assert!(
        text_sent.contains("Op woensdag 4 maart 2026 ontving u van ons bericht"),
        "{text_sent}"
    );

    // the second is handled late, on Tuesday 17 March
    p.clock.set(morning() + Duration::days(13));
    desk = office(&p).await; // the session of days ago has ended
    let csrf = desk.csrf(&p).await;
    let res = desk
        .post(
            &p,
            &format!("/kantoor/klachten/{two}/uitkomst"),
            &[
                ("csrf", &csrf),
                ("text", "Excuses; wij bellen voortaan binnen een dag terug."),
                ("message", &Uuid::now_v7().to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let html = desk.page(&p, "/kantoor/signalen").await;
    let row = complaint_row(&html, one);
    assert!(row.contains("data-status=\"on_time\""), "{row}");
    assert!(
        row.contains("Afgehandeld op vr 13 mrt 2026 10:00, binnen de termijn"),
        "{row}"
    );
    assert!(!row.contains("voortgang-"), "no forms once handled: {row}");
    let row = complaint_row(&html, two);
    assert!(row.contains("data-status=\"late\""), "{row}");
    assert!(
        row.contains("Afgehandeld op di 17 mrt 2026 10:00, te laat"),
        "{row}"
    );
    assert!(
        !row.contains("(te laat)"),
        "a handled complaint is not overdue: {row}"
    );
    let english = desk
        .get(&p, "/kantoor/taal?lang=en&terug=/kantoor/signalen")
        .await;
    assert!(english.status().is_redirection());
    let html = desk.page(&p, "/kantoor/signalen").await;
    assert!(complaint_row(&html, two).contains("Handled on Tue 17 Mar 2026 10:00, late"));

    // audited as the office's actions; on the messages page
    let audit = p.store.audit_log(50).unwrap();
    for action in [
        "complaint_received",
        "complaint_progress",
        "complaint_outcome",
    ] {
        assert!(
            audit
                .iter()
                .any(|a| a.action == action && a.subject == format!("complaint {one}")),
            "{action}"
        );
    }
    assert!(audit
        .iter()
        .any(|a| a.action == "complaint_outcome" && a.actor == "Kantoor"));
    let html = desk.page(&p, "/kantoor/berichten").await;
    assert!(html.contains("Progress of a complaint") && html.contains("Outcome of a complaint"));
}

/// A new time a technician proposed to the resident (a moved appointment's message) shows on
/// the resident's page; the office takes it over with one button, the technician's next pull
/// has it, and the resident is confirmed the new time.
#[tokio::test]
async fn a_proposed_time_is_taken_over_by_the_office_and_confirmed_again() {
    use crate::messages::{message, push_accepted};
    use crate::office_http::value_of;
    use veldwerk_core::messages::Recipient;
    use veldwerk_core::model::TimeWindow;
    let p = mailing_portal(None).await;
    let now = morning();
    let visit = upcoming(&p, now).remove(0);
    let aid = visit.appointment.id;
    let r = prefers(
        &p,
        visit.appointment.resident_id.0,
        Some("inwoner@example.nl"),
    );
    assert_eq!(
        p.state.write_messages().await.unwrap().confirmations as usize,
        upcoming(&p, now).len()
    );
    // the technician proposes the next day, 13:00 to 15:00
    let technician = p
        .technicians()
        .into_iter()
        .find(|t| t.id == visit.appointment.technician_id)
        .unwrap();
    let token = p.login(&technician).await;
    let day =
        (visit.appointment.window.start.with_timezone(&LOCAL_TZ) + Duration::days(1)).date_naive();
    let at = |h| {
        chrono::TimeZone::from_local_datetime(&LOCAL_TZ, &day.and_hms_opt(h, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    };
    let proposed = TimeWindow::new(at(13), at(15)).unwrap();
    let (mut m, _) = message(
        &r,
        r.municipality_id,
        MessageReason::AppointmentMoved,
        Recipient::Resident,
        Channel::Email,
        Some("inwoner@example.nl"),
        now,
    );
    m.appointment_id = Some(aid);
    m.proposed = Some(proposed);
    let rec = crate::fixtures::record(m.id.0, "message", &m);
    push_accepted(&p, &token, &[rec]).await;

    let mut desk = office(&p).await;
    let page = desk.page(&p, &format!("/kantoor/inwoners/{}", r.id)).await;
    let proposal = page
        .split(&format!("id=\"voorstel-{aid}\""))
        .nth(1)
        .expect("the proposal on the resident's page")
        .split("</form>")
        .next()
        .unwrap()
        .to_string();
    assert!(proposal.contains("13:00 – 15:00"), "{proposal}");
    assert!(proposal.contains("Monteur Jansen"), "{proposal}");
    let form: Vec<(&str, String)> = ["csrf", "day", "start", "end"]
        .into_iter()
        .map(|n| (n, value_of(&proposal, n)))
        .collect();
    assert_eq!(form[1].1, day.to_string());
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let res = desk
        .post(&p, &format!("/kantoor/afspraken/{aid}/verzetten"), &form)
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);

    // moved: the proposal is done, the technician pulls the new window
    let moved: AppointmentWithJobs = p
        .store
        .entity(EntityKind::Appointment, aid.0)
        .unwrap()
        .unwrap()
        .decode()
        .unwrap();
    assert_eq!(moved.appointment.window, proposed);
    let page = desk.page(&p, &format!("/kantoor/inwoners/{}", r.id)).await;
    assert!(!page.contains(&format!("id=\"voorstel-{aid}\"")), "{page}");
    let (changes, _) = p.pull_all(&token, 0, 1000).await;
    let pulled = changes
        .iter()
        .find(|c| c.id == aid.0)
        .expect("the moved visit pulled");
    let Some(veldwerk_sync::protocol::EntityData::Appointment(pulled)) = pulled.decode().unwrap()
    else {
        panic!("not an appointment")
    };
    assert_eq!(pulled.appointment.window, proposed);
    // and the resident is confirmed the new time
    let later = now + Duration::minutes(5);
    p.clock.set(later);
    assert_eq!(p.state.write_messages().await.unwrap().confirmations, 1);
    let (_, confirmation) = own_messages(&p)
        .into_iter()
        .find(|(pm, m)| pm.about_id == aid.0 && m.created_at == later)
        .unwrap();
    assert!(
        confirmation.body.contains("13:00–15:00"),
        "{}",
        confirmation.body
    );
}
