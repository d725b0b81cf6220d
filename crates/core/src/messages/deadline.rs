//! A deadline that will be missed (PvE 6.1, 7.1): the resident and the municipality are told,
//! with the new date, before it passes. For a repair the contract's answer to a missed fix-by
//! deadline is a functionally equal replacement the same day (7.1.6), which the message says.

use super::{
    compose, resident_channel, Channel, Language, MessageFacts, MessageReason, MessageRecord,
    Recipient, TemplateKey,
};
use crate::ids::{JobId, MessageId};
use crate::model::{Device, Resident};
use crate::words;
use crate::Localized;
use chrono::{DateTime, NaiveDate, Utc};

/// What is late.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LateWork {
    /// A repair: the replacement is due by `replacement_by` (a local day).
    Repair {
        replacement_by: NaiveDate,
    },
    Delivery,
}

/// Everything a missed-deadline message says.
#[derive(Clone, Debug)]
pub struct MissedDeadline<'a> {
    pub resident: &'a Resident,
    pub device: &'a Device,
    pub job_id: JobId,
    pub work: LateWork,
    /// The local day it was promised by.
    pub due: NaiveDate,
    /// The new date.
    pub new_date: NaiveDate,
    /// Why, in the technician's words.
    pub reason: &'a str,
    /// The supplier's name and its 24/7 phone number.
    pub supplier: (&'a str, &'a str),
    pub language: Language,
    pub at: DateTime<Utc>,
    pub author: &'a str,
}

fn pick(l: &Localized, language: Language) -> String {
    match language {
        Language::Nl => l.nl.clone(),
        Language::En => l.en.clone(),
    }
}

fn facts(m: &MissedDeadline) -> MessageFacts {
    let lang = m.language;
    let device = format!(
        "{} {} ({})",
        m.device.brand, m.device.model, m.device.registration_number
    );
    let (what, work, arrangement) = match m.work {
        LateWork::Repair { replacement_by } => (
            Localized::new(
                format!("reparatie van uw {device}"),
                format!("repair of your {device}"),
            ),
            Localized::new(
                format!("reparatie van de {device}"),
                format!("repair of the {device}"),
            ),
            {
                let by = words::date(replacement_by);
                Localized::new(
                    format!(
                        "Tot die tijd krijgt u een vervangend hulpmiddel dat hetzelfde doet, uiterlijk {}.",
                        by.nl
                    ),
                    format!(
                        "Until then you get a replacement device that does the same, by {} at the latest.",
                        by.en
                    ),
                )
            },
        ),
        LateWork::Delivery => (
            Localized::new(
                format!("levering van uw {device}"),
                format!("delivery of your {device}"),
            ),
            Localized::new(
                format!("levering van de {device}"),
                format!("delivery of the {device}"),
            ),
            Localized::new("", ""),
        ),
    };
    MessageFacts::default()
        .with("resident", m.resident.display_name())
        .with("client", m.resident.resident_number.clone())
        .with("what", pick(&what, lang))
        .with("work", pick(&work, lang))
        .with("due", pick(&words::date(m.due), lang))
        .with("new_date", pick(&words::date(m.new_date), lang))
        .with("reason", m.reason.trim().trim_end_matches('.').to_string())
        .with("arrangement", pick(&arrangement, lang))
        .with("supplier", m.supplier.0)
        .with("phone", m.supplier.1)
}

/// The two messages: to the resident (through the channel they prefer) and to their
/// municipality (e-mail; the portal knows the address). `ids` are the messages' own ids
/// (made by the caller once, so a retry records nothing twice).
pub fn missed_deadline(
    m: &MissedDeadline,
    ids: [MessageId; 2],
) -> Result<[MessageRecord; 2], String> {
    if m.reason.trim().is_empty() {
        return Err("a reason is needed".into());
    }
    if m.new_date <= m.due {
        return Err("the new date comes after the date that is missed".into());
    }
    let facts = facts(m);
    let (channel, address) = resident_channel(m.resident);
    let one = |id: MessageId,
               recipient: Recipient,
               channel: Channel,
               address: Option<String>|
     -> Result<MessageRecord, String> {
        let text = compose(
            TemplateKey {
                reason: MessageReason::DeadlineMissed,
                recipient,
                language: m.language,
            },
            &facts,
        )?;
        Ok(MessageRecord {
            id,
            resident_id: m.resident.id,
            municipality_id: m.resident.municipality_id,
            job_id: Some(m.job_id),
            appointment_id: None,
            recipient,
            channel,
            address,
            reason: MessageReason::DeadlineMissed,
            proposed: None,
            language: m.language,
            subject: text.subject,
            body: text.body,
            created_at: m.at,
            author: m.author.to_string(),
        })
    };
    Ok([
        one(ids[0], Recipient::Resident, channel, Some(address))?,
        one(ids[1], Recipient::Municipality, Channel::Email, None)?,
    ])
}
