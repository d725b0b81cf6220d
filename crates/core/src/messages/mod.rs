//! Messages to residents and municipalities (PvE 5.2.6, 5.2.13, 6.1, 7.1): recorded in the
//! app, offline, as a record that says to whom, what, why and through which channel; the
//! portal sends it. The text is composed here from the templates in `assets/messages/`
//! (Dutch and English) so the record holds exactly what is sent.

mod appointment;
mod compose;
mod deadline;

pub use appointment::{appointment_moved, MovedAppointment};
pub use compose::{compose, Composed, MessageFacts, TemplateKey};
pub use deadline::{missed_deadline, LateWork, MissedDeadline};

use crate::ids::{AppointmentId, JobId, MessageId, MunicipalityId, ResidentId};
use crate::jobs::ClientRecord;
use crate::model::{CommunicationPreference, Resident};
use crate::validation::{bounded, invalid, required, ValidationError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who a message is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    Resident,
    /// The resident's municipality (its address is the portal's master data).
    Municipality,
}

/// How a message goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MessageChannel {
    Email,
    Sms,
    /// A letter by post.
    Letter,
}

/// The short name ("Channel" is taken in TypeScript by Tauri's own IPC channel, so the type
/// itself is called MessageChannel).
pub type Channel = MessageChannel;

/// Why a message is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MessageReason {
    /// A delivery date or repair deadline will be missed: the new date (PvE 6.1, 7.1).
    DeadlineMissed,
    /// The technician runs late or cannot keep the appointment: a new time (PvE 5.2.13).
    AppointmentMoved,
    /// An appointment confirmed: kind, date and window (PvE 5.2.6).
    AppointmentConfirmed,
    /// A complaint received, with the day it will be answered by and its progress (5.1.6).
    ComplaintReceived,
    /// How a complaint stands, in writing, before its outcome (5.1.6).
    ComplaintProgress,
    /// A complaint's outcome, in writing (5.1.5, 5.1.7).
    ComplaintOutcome,
}

impl MessageReason {
    pub const ALL: [MessageReason; 6] = [
        MessageReason::DeadlineMissed,
        MessageReason::AppointmentMoved,
        MessageReason::AppointmentConfirmed,
        MessageReason::ComplaintReceived,
        MessageReason::ComplaintProgress,
        MessageReason::ComplaintOutcome,
    ];
}

/// The language a message is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Nl,
    En,
}

/// A message as recorded: to whom, what, why and how. Immutable once recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessageRecord {
    pub id: MessageId,
    pub resident_id: ResidentId,
    pub municipality_id: MunicipalityId,
    pub job_id: Option<JobId>,
    pub appointment_id: Option<AppointmentId>,
    pub recipient: Recipient,
    pub channel: Channel,
    /// The e-mail address, phone number or postal address (one line) it goes to; none for the
    /// municipality (the portal knows its address).
    pub address: Option<String>,
    pub reason: MessageReason,
    /// The new time proposed to the resident (a moved appointment), as recorded.
    #[serde(default)]
    pub proposed: Option<crate::model::TimeWindow>,
    pub language: Language,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub author: String,
}

pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 4000;

impl MessageRecord {
    pub fn validate(&self) -> Result<(), ValidationError> {
        required("subject", &self.subject, MAX_SUBJECT)?;
        required("body", &self.body, MAX_BODY)?;
        required("author", &self.author, 120)?;
        match (self.recipient, &self.address) {
            (Recipient::Resident, None) => Err(invalid(
                "address",
                "een bericht aan de inwoner heeft een adres, nummer of e-mailadres",
                "a message to the resident has an address, number or e-mail address",
            )),
            (_, Some(a)) => bounded("address", a, 300),
            (Recipient::Municipality, None) => Ok(()),
        }
    }
}

impl ClientRecord for MessageRecord {
    /// The same message, whenever the retry was made (the time is the first recording's).
    fn same_as(&self, stored: &Self) -> bool {
        *self
            == MessageRecord {
                created_at: self.created_at,
                ..stored.clone()
            }
    }
}

/// How the resident is reached, by what they prefer and what is known: e-mail when they
/// prefer it and have an address; a text message when they prefer the phone (or the app) and
/// have a number; else a letter to their home.
pub fn resident_channel(r: &Resident) -> (Channel, String) {
    match (r.preferred_communication, known(&r.email), known(&r.phone)) {
        (CommunicationPreference::Email, Some(e), _) => (Channel::Email, e.to_string()),
        (CommunicationPreference::Phone | CommunicationPreference::App, _, Some(p)) => {
            (Channel::Sms, p.to_string())
        }
        _ => {
            let a = &r.address;
            let home = format!("{}, {} {}", a.line1(), a.postcode.as_str(), a.city);
            (Channel::Letter, home)
        }
    }
}

/// A contact detail that is filled in, trimmed.
fn known(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|x| !x.is_empty())
}

/// How to reach the resident with news that cannot wait (an appointment moved today or
/// tomorrow: PvE 5.2.13 "at once"): as they prefer when that is e-mail or a text message, but
/// a letter would arrive too late, so a resident who prefers post (or whose preferred way is
/// not known) is texted when a phone number is known, else e-mailed, and only else written to.
pub fn urgent_channel(r: &Resident) -> (Channel, String) {
    let preferred = resident_channel(r);
    if preferred.0 != Channel::Letter {
        return preferred;
    }
    match (known(&r.phone), known(&r.email)) {
        (Some(p), _) => (Channel::Sms, p.to_string()),
        (None, Some(e)) => (Channel::Email, e.to_string()),
        (None, None) => preferred,
    }
}
