//! Every message, newest first: those technicians recorded and those the portal wrote itself
//! (appointment confirmations, complaint letters), with whether it was delivered; the office
//! marks the ones it sent by hand (letters, text messages, failed e-mail).

use super::common::{records_of_type, Residents};
use crate::office::format::{moment, Lang};
use crate::office::{failure, page, see_other, Area, Office};
use crate::state::AppState;
use crate::storage::{DeliveryStatus, EntityFilter, MessageDelivery, PortalStore, Result};
use axum::extract::{Path, State};
use axum::response::Response;
use std::collections::HashMap;
use uuid::Uuid;
use veldwerk_core::ids::{MunicipalityId, ResidentId};
use veldwerk_core::messages::{Channel, MessageReason, MessageRecord, Recipient};
use veldwerk_core::model::{Municipality, Resident};
use veldwerk_sync::protocol::EntityKind;

pub fn channel_name(c: Channel, lang: Lang) -> String {
    match c {
        Channel::Email => lang.tr("E-mail", "E-mail"),
        Channel::Sms => lang.tr("Sms", "Text message"),
        Channel::Letter => lang.tr("Brief", "Letter"),
    }
}

pub fn reason_name(r: MessageReason, lang: Lang) -> String {
    match r {
        MessageReason::DeadlineMissed => lang.tr("Termijn niet gehaald", "Deadline missed"),
        MessageReason::AppointmentMoved => lang.tr("Afspraak verzet", "Appointment moved"),
        MessageReason::AppointmentConfirmed => {
            lang.tr("Afspraak bevestigd", "Appointment confirmed")
        }
        MessageReason::ComplaintReceived => lang.tr("Klacht ontvangen", "Complaint received"),
        MessageReason::ComplaintProgress => {
            lang.tr("Voortgang van een klacht", "Progress of a complaint")
        }
        MessageReason::ComplaintOutcome => {
            lang.tr("Uitkomst van een klacht", "Outcome of a complaint")
        }
    }
}

/// The delivery state as a municipality reads it: sent or not, without the office's working
/// detail (who sent it by hand, the mail server's errors, which can name addresses).
fn public_status_words(d: Option<&MessageDelivery>, lang: Lang) -> (String, &'static str) {
    match d.map(|d| (d.status, d.sent_at)) {
        Some((DeliveryStatus::Sent, at)) => {
            let at = at.map(|t| moment(t, lang)).unwrap_or_default();
            (
                lang.tr(&format!("Verstuurd op {at}"), &format!("Sent on {at}")),
                "ok",
            )
        }
        Some((DeliveryStatus::Office, _)) => (
            lang.tr(
                "Het kantoor verstuurt het met de hand",
                "The office sends it by hand",
            ),
            "soon",
        ),
        Some((DeliveryStatus::Failed, _)) => (
            lang.tr(
                "Niet verstuurd; het kantoor handelt het af",
                "Not sent; the office is dealing with it",
            ),
            "bad",
        ),
        Some((DeliveryStatus::Pending, _)) | None => {
            (lang.tr("Wacht op verzending", "Waiting to be sent"), "soon")
        }
    }
}

/// The delivery state in words, and its badge class.
fn status_words(d: Option<&MessageDelivery>, lang: Lang) -> (String, &'static str) {
    let Some(d) = d else {
        return (lang.tr("Wacht op verzending", "Waiting to be sent"), "soon");
    };
    let error = d.last_error.as_ref().map(|e| lang.pick(e));
    match d.status {
        DeliveryStatus::Sent => {
            let at = d.sent_at.map(|t| moment(t, lang)).unwrap_or_default();
            let words = match &d.handled_by {
                Some(who) => lang.tr(
                    &format!("Verstuurd op {at}, met de hand door {who}"),
                    &format!("Sent on {at}, by hand by {who}"),
                ),
                None => lang.tr(&format!("Verstuurd op {at}"), &format!("Sent on {at}")),
            };
            (words, "ok")
        }
        DeliveryStatus::Office => (
            lang.tr(
                "Wacht op het kantoor: met de hand versturen",
                "Waiting for the office: to be sent by hand",
            ),
            "soon",
        ),
        DeliveryStatus::Failed => {
            let why = error.unwrap_or_default();
            (
                lang.tr(&format!("Mislukt: {why}"), &format!("Failed: {why}")),
                "bad",
            )
        }
        DeliveryStatus::Pending if d.attempts == 0 => {
            (lang.tr("Wacht op verzending", "Waiting to be sent"), "soon")
        }
        DeliveryStatus::Pending => {
            let (n, next) = (d.attempts, moment(d.next_attempt_at, lang));
            let why = error.map(|e| format!(": {e}")).unwrap_or_default();
            (
                lang.tr(
                    &format!("Wacht op een nieuwe poging ({n} geprobeerd, volgende {next}){why}"),
                    &format!("Waiting to try again ({n} tried, next {next}){why}"),
                ),
                "soon",
            )
        }
    }
}

/// What a message is, in words: its reason, or for the portal's complaint letters what it
/// tells.
fn what(m: &MessageRecord, purpose: Option<&str>, lang: Lang) -> String {
    match purpose {
        Some("progress") => lang.tr("Voortgang van een klacht", "Progress of a complaint"),
        _ => reason_name(m.reason, lang),
    }
}

/// One message on the page: its id, the record, and for one the portal wrote, why.
type Listed = (Uuid, MessageRecord, Option<String>);

fn row(
    (id, m, purpose): Listed,
    d: Option<&MessageDelivery>,
    residents: &HashMap<ResidentId, (String, MunicipalityId)>,
    municipalities: &HashMap<MunicipalityId, String>,
    lang: Lang,
    area: Area,
) -> minijinja::Value {
    let (resident, municipality) = residents
        .get(&m.resident_id)
        .cloned()
        .unwrap_or((String::new(), m.municipality_id));
    let whom = match m.recipient {
        Recipient::Resident => lang.tr("Inwoner", "Resident"),
        // where the sender sends it: the portal's own record of the resident's municipality
        Recipient::Municipality => municipalities
            .get(&municipality)
            .map(|n| lang.tr(&format!("Gemeente {n}"), &format!("Municipality of {n}")))
            .unwrap_or_else(|| lang.tr("Gemeente", "Municipality")),
    };
    let address = d
        .and_then(|d| d.sent_to.clone())
        .or(m.address.clone())
        .unwrap_or_default();
    let (status, class) = match area {
        Area::Office => status_words(d, lang),
        Area::Municipality => public_status_words(d, lang),
    };
    let by_hand =
        d.is_some_and(|d| matches!(d.status, DeliveryStatus::Office | DeliveryStatus::Failed));
    minijinja::context! {
        id => id.to_string(), when => moment(m.created_at, lang),
        resident_id => m.resident_id.to_string(), resident => resident,
        whom => whom, address => address, channel => channel_name(m.channel, lang), letter => m.channel == Channel::Letter,
        reason => what(&m, purpose.as_deref(), lang), subject => m.subject, body => m.body,
        author => m.author, status => status, class => class, by_hand => by_hand,
        language => match m.language { veldwerk_core::messages::Language::Nl => "nl", veldwerk_core::messages::Language::En => "en" },
    }
}

/// Every message about `whose` residents, newest first, with its delivery as `area` may read
/// it; and how many wait for the office.
pub fn message_rows(
    s: &dyn PortalStore,
    lang: Lang,
    whose: &Residents,
    area: Area,
) -> Result<(Vec<minijinja::Value>, usize)> {
    let residents: HashMap<_, _> = s
        .entities(EntityKind::Resident, EntityFilter::All)?
        .iter()
        .filter_map(|e| e.decode::<Resident>().ok())
        .map(|r| (r.id, (r.display_name(), r.municipality_id)))
        .collect();
    let municipalities: HashMap<_, _> = s
        .entities(EntityKind::Municipality, EntityFilter::All)?
        .iter()
        .filter_map(|e| e.decode::<Municipality>().ok())
        .map(|m| (m.id, m.name))
        .collect();
    let deliveries: HashMap<Uuid, MessageDelivery> = s
        .message_deliveries()?
        .into_iter()
        .map(|d| (d.record_id, d))
        .collect();
    let mut messages: Vec<Listed> = records_of_type(s, "message")?
        .into_iter()
        .filter_map(|r| Some((r.id, serde_json::from_str(&r.payload).ok()?, None)))
        .collect();
    messages.extend(s.portal_messages(None)?.into_iter().filter_map(|p| {
        Some((
            p.id,
            serde_json::from_str(&p.payload).ok()?,
            Some(p.purpose),
        ))
    }));
    messages.retain(|(_, m, _)| whose.keeps(m.resident_id));
    messages.sort_by(|(ia, a, _), (ib, b, _)| (b.created_at, ib).cmp(&(a.created_at, ia)));
    let mut for_office = 0;
    let rows: Vec<_> = messages
        .into_iter()
        .map(|x| {
            let d = deliveries.get(&x.0);
            if d.is_some_and(|d| {
                matches!(d.status, DeliveryStatus::Office | DeliveryStatus::Failed)
            }) {
                for_office += 1;
            }
            row(x, d, &residents, &municipalities, lang, area)
        })
        .collect();
    Ok((rows, for_office))
}

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let lang = o.lang;
    let rows = state
        .run(move |s| message_rows(s, lang, &Residents::All, Area::Office))
        .await;
    match rows {
        Ok((rows, for_office)) => page(
            &state,
            &o,
            "messages.html",
            minijinja::context! {
                messages => rows, for_office => for_office, section => "/kantoor/berichten",
            },
        ),
        Err(e) => failure(o.lang, e),
    }
}

/// The office sent a message by hand.
pub async fn mark_sent(State(state): State<AppState>, o: Office, Path(id): Path<Uuid>) -> Response {
    let (who, at) = (o.user.display_name.clone(), o.now);
    match state.run(move |s| s.mark_message_sent(id, &who, at)).await {
        Ok(()) => see_other(&format!("/kantoor/berichten#bericht-{id}")),
        Err(e) => failure(o.lang, e),
    }
}
