//! An appointment the technician cannot keep as planned (running late, or not at all): the
//! resident is told at once, with a new time proposed (PvE 5.2.13); the proposal is part of
//! the record.

use super::{
    compose, urgent_channel, Language, MessageFacts, MessageReason, MessageRecord, Recipient,
    TemplateKey,
};
use crate::ids::{AppointmentId, MessageId};
use crate::model::{Resident, TimeWindow, MAX_WINDOW_MINUTES};
use crate::words;
use chrono::{DateTime, Utc};

/// Everything a moved-appointment message says.
#[derive(Clone, Debug)]
pub struct MovedAppointment<'a> {
    pub resident: &'a Resident,
    pub appointment_id: AppointmentId,
    /// The window as planned.
    pub planned: TimeWindow,
    /// The new window proposed.
    pub proposed: TimeWindow,
    /// Why, in the technician's words.
    pub reason: &'a str,
    /// The supplier's name and its 24/7 phone number.
    pub supplier: (&'a str, &'a str),
    pub language: Language,
    pub at: DateTime<Utc>,
    pub author: &'a str,
}

fn day(t: DateTime<Utc>, language: Language) -> String {
    let d = words::date(crate::sla::local_date(t));
    match language {
        Language::Nl => d.nl,
        Language::En => d.en,
    }
}

/// The message to the resident, through the channel they prefer. The proposal starts after
/// `at` and is a window of at most the contract's two hours.
pub fn appointment_moved(m: &MovedAppointment, id: MessageId) -> Result<MessageRecord, String> {
    if m.reason.trim().is_empty() {
        return Err("a reason is needed".into());
    }
    if m.proposed.start <= m.at {
        return Err("the new time is in the future".into());
    }
    let minutes = (m.proposed.end - m.proposed.start).num_minutes();
    if minutes <= 0 || minutes > MAX_WINDOW_MINUTES {
        return Err(format!(
            "the new window is at most {MAX_WINDOW_MINUTES} minutes"
        ));
    }
    if m.proposed == m.planned {
        return Err("the new time differs from the planned one".into());
    }
    let facts = MessageFacts::default()
        .with("resident", m.resident.display_name())
        .with("date", day(m.planned.start, m.language))
        .with("window", words::window(&m.planned))
        .with("new_date", day(m.proposed.start, m.language))
        .with("new_window", words::window(&m.proposed))
        .with("reason", m.reason.trim().trim_end_matches('.').to_string())
        .with("supplier", m.supplier.0)
        .with("phone", m.supplier.1);
    let text = compose(
        TemplateKey {
            reason: MessageReason::AppointmentMoved,
            recipient: Recipient::Resident,
            language: m.language,
        },
        &facts,
    )?;
    // it must reach them at once: never only a letter when a faster way is known
    let (channel, address) = urgent_channel(m.resident);
    Ok(MessageRecord {
        id,
        resident_id: m.resident.id,
        municipality_id: m.resident.municipality_id,
        job_id: None,
        appointment_id: Some(m.appointment_id),
        recipient: Recipient::Resident,
        channel,
        address: Some(address),
        reason: MessageReason::AppointmentMoved,
        proposed: Some(m.proposed),
        language: m.language,
        subject: text.subject,
        body: text.body,
        created_at: m.at,
        author: m.author.to_string(),
    })
}
