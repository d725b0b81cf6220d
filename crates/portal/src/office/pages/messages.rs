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
use veldwerk_core::ids::MunicipalityId;
use veldwerk_core::messages::{Channel, MessageReason, MessageRecord, Recipient};
use veldwerk_core::model::Municipality;
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

/// The delivery state in words as `area` may read it, and its badge class. A municipality
/// reads whether it went out, without the office's working detail (who sent it by hand, the
/// mail server's errors, which can name addresses).
fn status_words(d: Option<&MessageDelivery>, lang: Lang, area: Area) -> (String, &'static str) {
    let waiting = || (lang.tr("Wacht op verzending", "Waiting to be sent"), "soon");
    let Some(d) = d else {
        return waiting();
    };
    let office = area == Area::Office;
    let error = d.last_error.as_ref().map(|e| lang.pick(e));
    match d.status {
        DeliveryStatus::Sent => {
            let at = d.sent_at.map(|t| moment(t, lang)).unwrap_or_default();
            let words = match d.handled_by.as_ref().filter(|_| office) {
                Some(who) => lang.tr(
                    &format!("Verstuurd op {at}, met de hand door {who}"),
                    &format!("Sent on {at}, by hand by {who}"),
                ),
                None => lang.tr(&format!("Verstuurd op {at}"), &format!("Sent on {at}")),
            };
            (words, "ok")
        }
        DeliveryStatus::Office if office => (
            lang.tr(
                "Wacht op het kantoor: met de hand versturen",
                "Waiting for the office: to be sent by hand",
            ),
            "soon",
        ),
        DeliveryStatus::Office => (
            lang.tr(
                "Het kantoor verstuurt het met de hand",
                "The office sends it by hand",
            ),
            "soon",
        ),
        DeliveryStatus::Failed if office => {
            let why = error.unwrap_or_default();
            (
                lang.tr(&format!("Mislukt: {why}"), &format!("Failed: {why}")),
                "bad",
            )
        }
        DeliveryStatus::Failed => (
            lang.tr(
                "Niet verstuurd; het kantoor handelt het af",
                "Not sent; the office is dealing with it",
            ),
            "bad",
        ),
        DeliveryStatus::Pending if d.attempts == 0 || !office => waiting(),
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

/// One message on the page: its id and the record.
type Listed = (Uuid, MessageRecord);

fn row(
    (id, m): Listed,
    d: Option<&MessageDelivery>,
    whose: &Residents,
    municipalities: &HashMap<MunicipalityId, String>,
    lang: Lang,
    area: Area,
) -> minijinja::Value {
    let whom = match m.recipient {
        Recipient::Resident => lang.tr("Inwoner", "Resident"),
        // where the sender sends it: the portal's own record of the resident's municipality
        Recipient::Municipality => municipalities
            .get(
                &whose
                    .municipality(m.resident_id)
                    .unwrap_or(m.municipality_id),
            )
            .map(|n| lang.tr(&format!("Gemeente {n}"), &format!("Municipality of {n}")))
            .unwrap_or_else(|| lang.tr("Gemeente", "Municipality")),
    };
    let address = d
        .and_then(|d| d.sent_to.clone())
        .or(m.address.clone())
        .unwrap_or_default();
    let (status, class) = status_words(d, lang, area);
    let by_hand =
        d.is_some_and(|d| matches!(d.status, DeliveryStatus::Office | DeliveryStatus::Failed));
    minijinja::context! {
        id => id.to_string(), when => moment(m.created_at, lang),
        resident_id => m.resident_id.to_string(), resident => whose.name(m.resident_id),
        whom => whom, address => address, channel => channel_name(m.channel, lang), letter => m.channel == Channel::Letter,
        reason => reason_name(m.reason, lang), subject => m.subject, body => m.body,
        author => m.author, status => status, class => class, by_hand => by_hand,
        language => match m.language { veldwerk_core::messages::Language::Nl => "nl", veldwerk_core::messages::Language::En => "en" },
    }
}

/// How many messages there are about `whose` residents (recorded by technicians and written
/// by the portal), without making their rows.
pub fn message_count(s: &dyn PortalStore, whose: &Residents) -> Result<usize> {
    let about = |payload: &str| {
        serde_json::from_str::<MessageRecord>(payload).is_ok_and(|m| whose.keeps(m.resident_id))
    };
    let recorded = records_of_type(s, "message")?;
    let own = s.portal_messages(None)?;
    Ok(recorded.iter().filter(|r| about(&r.payload)).count()
        + own.iter().filter(|p| about(&p.payload)).count())
}

/// Every message about `whose` residents, newest first, with its delivery as `area` may read
/// it; and how many wait for the office.
pub fn message_rows(
    s: &dyn PortalStore,
    lang: Lang,
    whose: &Residents,
    area: Area,
) -> Result<(Vec<minijinja::Value>, usize)> {
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
        .filter_map(|r| Some((r.id, serde_json::from_str(&r.payload).ok()?)))
        .collect();
    messages.extend(
        s.portal_messages(None)?
            .into_iter()
            .filter_map(|p| Some((p.id, serde_json::from_str(&p.payload).ok()?))),
    );
    messages.retain(|(_, m)| whose.keeps(m.resident_id));
    messages.sort_by(|(ia, a), (ib, b)| (b.created_at, ib).cmp(&(a.created_at, ia)));
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
            row(x, d, whose, &municipalities, lang, area)
        })
        .collect();
    Ok((rows, for_office))
}

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let lang = o.lang;
    let rows = state
        .run(move |s| message_rows(s, lang, &Residents::all(s)?, Area::Office))
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
