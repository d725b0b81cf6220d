//! Messages the portal writes itself, composed with core's templates
//! (`veldwerk_core::messages::compose`, in Dutch) and stored in `portal_messages` with a
//! delivery row, so the sender sends them like a pushed message:
//!
//! * an appointment confirmation (PvE 5.2.6) for every appointment still to come, once per
//!   window: a moved appointment is confirmed again with its new time;
//! * a complaint's acknowledgement (PvE 5.1.6: received, and the day it will be answered by)
//!   when the complaint reaches the portal, the office's progress reports, and its outcome
//!   (5.1.5, 5.1.7).
//!
//! Every function here is blocking (storage calls): run it on the blocking pool.

use crate::storage::{
    EntityFilter, PortalMessage, PortalStore, RecordFilter, Result, StorageError,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;
use veldwerk_core::ids::{AppointmentId, MessageId};
use veldwerk_core::jobs::Complaint;
use veldwerk_core::messages::{
    compose, resident_channel, Language, MessageFacts, MessageReason, MessageRecord, Recipient,
    TemplateKey,
};
use veldwerk_core::model::{AppointmentStatus, JobKind, Resident};
use veldwerk_core::sla::{deadline_day, local_date};
use veldwerk_core::{words, Localized, WorkingDayCalendar};
use veldwerk_sync::protocol::{AppointmentWithJobs, EntityKind};

/// Who the messages name as the sender, and its phone number (24/7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Supplier {
    pub name: String,
    pub phone: String,
}

impl Default for Supplier {
    fn default() -> Self {
        Supplier {
            name: "Hulpmiddelen Oost B.V.".into(),
            phone: "0800-123 45 67".into(),
        }
    }
}

/// The author of appointment confirmations.
pub const PLANNING: &str = "Planning";
/// The author of a complaint's acknowledgement.
pub const COMPLAINTS_DESK: &str = "Klachtenbehandeling";
/// The longest progress report or outcome the office may write.
pub const MAX_COMPLAINT_TEXT: usize = 2000;

/// What one round wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WrittenReport {
    pub confirmations: u32,
    pub complaints_received: u32,
}

/// Writes what is due now: confirmations of appointments to come, acknowledgements of
/// complaints received.
pub fn write_due_messages(
    s: &dyn PortalStore,
    now: DateTime<Utc>,
    supplier: &Supplier,
) -> Result<WrittenReport> {
    Ok(WrittenReport {
        confirmations: confirm_appointments(s, now, supplier)?,
        complaints_received: acknowledge_complaints(s, now, supplier)?,
    })
}

/// "dinsdag 10 maart 2026" / "Tuesday 10 March 2026".
pub fn day_in_words(d: NaiveDate) -> Localized {
    const NL: [&str; 7] = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let i = d.weekday().num_days_from_monday() as usize;
    let date = words::date(d);
    Localized::new(
        format!("{} {}", NL[i], date.nl),
        format!("{} {}", EN[i], date.en),
    )
}

/// What a visit with these jobs is, in words ("reparatie en preventief onderhoud").
pub fn visit_kind(kinds: &[JobKind]) -> Localized {
    let mut seen = Vec::new();
    for k in kinds {
        if !seen.contains(k) {
            seen.push(*k);
        }
    }
    let (nl, en): (Vec<&str>, Vec<&str>) = seen
        .iter()
        .map(|k| match k {
            JobKind::Fitting => ("het passen van uw hulpmiddel", "fitting your device"),
            JobKind::Delivery => ("de levering van uw hulpmiddel", "delivery of your device"),
            JobKind::PreventiveMaintenance => ("preventief onderhoud", "preventive maintenance"),
            JobKind::HoistInspection => ("de keuring van uw tillift", "inspection of your hoist"),
            JobKind::Repair => ("reparatie", "repair"),
            JobKind::Adjustment => ("een aanpassing van uw hulpmiddel", "adjusting your device"),
            JobKind::Replacement => ("vervanging van uw hulpmiddel", "replacing your device"),
            JobKind::Collection => ("het ophalen van uw hulpmiddel", "collecting your device"),
            JobKind::LoanDevice => ("een leenhulpmiddel", "a loan device"),
        })
        .unzip();
    let join = |v: Vec<&str>, and: &str, none: &str| match v.as_slice() {
        [] => none.to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    };
    Localized::new(join(nl, "en", "een bezoek"), join(en, "and", "a visit"))
}

/// The message to `resident` through the channel they prefer, composed in Dutch.
fn compose_for(
    resident: &Resident,
    reason: MessageReason,
    facts: &MessageFacts,
    appointment: Option<AppointmentId>,
    at: DateTime<Utc>,
    author: &str,
    id: Uuid,
) -> Result<MessageRecord> {
    let language = Language::Nl;
    let text = compose(
        TemplateKey {
            reason,
            recipient: Recipient::Resident,
            language,
        },
        facts,
    )
    .map_err(|e| StorageError::Corrupt {
        what: "message template",
        detail: e,
    })?;
    // a fact left empty (no progress yet) leaves no trailing blanks
    let body = text
        .body
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    let (channel, address) = resident_channel(resident);
    let m = MessageRecord {
        id: MessageId(id),
        resident_id: resident.id,
        municipality_id: resident.municipality_id,
        job_id: None,
        appointment_id: appointment,
        recipient: Recipient::Resident,
        channel,
        address: Some(address),
        reason,
        proposed: None,
        language,
        subject: text.subject,
        body,
        created_at: at,
        author: author.to_string(),
    };
    m.validate().map_err(|e| StorageError::Corrupt {
        what: "composed message",
        detail: e.to_string(),
    })?;
    Ok(m)
}

fn stored(
    m: &MessageRecord,
    about: (&str, Uuid),
    purpose: &str,
    once_key: Option<String>,
) -> Result<PortalMessage> {
    Ok(PortalMessage {
        id: m.id.0,
        resident_id: m.resident_id,
        about_kind: about.0.to_string(),
        about_id: about.1,
        purpose: purpose.to_string(),
        once_key,
        payload: serde_json::to_string(m).map_err(|e| StorageError::Corrupt {
            what: "message",
            detail: e.to_string(),
        })?,
        created_at: m.created_at,
    })
}

fn residents(s: &dyn PortalStore) -> Result<HashMap<Uuid, Resident>> {
    Ok(s.entities(EntityKind::Resident, EntityFilter::All)?
        .iter()
        .filter_map(|e| e.decode::<Resident>().ok())
        .map(|r| (r.id.0, r))
        .collect())
}

/// Confirms every appointment still to come (planned or confirmed in the planning) that was
/// not confirmed for its current window: one message per appointment and window. The
/// number of confirmations written.
pub fn confirm_appointments(
    s: &dyn PortalStore,
    now: DateTime<Utc>,
    supplier: &Supplier,
) -> Result<u32> {
    let done: HashMap<AppointmentId, _> = s.appointment_confirmations()?.into_iter().collect();
    let to_confirm: Vec<AppointmentWithJobs> = s
        .entities(EntityKind::Appointment, EntityFilter::All)?
        .iter()
        .filter_map(|e| e.decode::<AppointmentWithJobs>().ok())
        .filter(|a| {
            let x = &a.appointment;
            matches!(
                x.status,
                AppointmentStatus::Planned | AppointmentStatus::Confirmed
            ) && x.window.start > now
                && done.get(&x.id) != Some(&x.window)
        })
        .collect();
    if to_confirm.is_empty() {
        return Ok(0);
    }
    let residents = residents(s)?;
    let mut n = 0;
    for a in to_confirm {
        let x = &a.appointment;
        let Some(r) = residents.get(&x.resident_id.0) else {
            continue;
        };
        let kinds: Vec<JobKind> = a.jobs.iter().map(|j| j.kind).collect();
        let facts = MessageFacts::default()
            .with("resident", r.display_name())
            .with("kind", visit_kind(&kinds).nl)
            .with("date", day_in_words(local_date(x.window.start)).nl)
            .with("window", veldwerk_core::words::window(&x.window))
            .with("phone", supplier.phone.clone())
            .with("supplier", supplier.name.clone());
        let m = compose_for(
            r,
            MessageReason::AppointmentConfirmed,
            &facts,
            Some(x.id),
            now,
            PLANNING,
            Uuid::now_v7(),
        )?;
        let pm = stored(&m, ("appointment", x.id.0), "confirmed", None)?;
        if s.confirm_appointment(x.window, &pm)? {
            n += 1;
        }
    }
    Ok(n)
}

/// The last day a complaint is to be handled on (inclusive), as the signals page shows it.
fn complaint_last_day(c: &Complaint, cal: &WorkingDayCalendar) -> NaiveDate {
    deadline_day(c.due(cal))
}

fn process_words(c: &Complaint) -> String {
    c.process.name().nl.to_lowercase()
}

fn complaint_facts(c: &Complaint, r: &Resident, supplier: &Supplier) -> MessageFacts {
    let cal = WorkingDayCalendar::dutch_legal();
    MessageFacts::default()
        .with("resident", r.display_name())
        .with("received", day_in_words(c.received_day()).nl)
        .with("process", process_words(c))
        .with("due", day_in_words(complaint_last_day(c, &cal)).nl)
        .with("phone", supplier.phone.clone())
        .with("supplier", supplier.name.clone())
}

fn once(c: &Complaint, purpose: &str) -> String {
    format!("complaint:{}:{purpose}", c.id)
}

/// Acknowledges every complaint that has no acknowledgement yet and is neither handled nor
/// past its day (an old complaint is not told a day that has gone). The number written.
pub fn acknowledge_complaints(
    s: &dyn PortalStore,
    now: DateTime<Utc>,
    supplier: &Supplier,
) -> Result<u32> {
    let complaints = complaints(s, None)?;
    if complaints.is_empty() {
        return Ok(0);
    }
    let told: HashSet<Uuid> = s
        .portal_messages_about("complaint")?
        .into_iter()
        .filter(|m| matches!(m.purpose.as_str(), "received" | "outcome"))
        .map(|m| m.about_id)
        .collect();
    let cal = WorkingDayCalendar::dutch_legal();
    let mut residents: Option<HashMap<Uuid, Resident>> = None;
    let mut n = 0;
    for c in complaints {
        if told.contains(&c.id.0) || c.due(&cal) <= now {
            continue;
        }
        let rs = match &mut residents {
            Some(x) => x,
            None => residents.insert(self::residents(s)?),
        };
        let Some(r) = rs.get(&c.resident_id.0) else {
            continue;
        };
        let facts = complaint_facts(&c, r, supplier).with("progress", "");
        let m = compose_for(
            r,
            MessageReason::ComplaintReceived,
            &facts,
            None,
            now,
            COMPLAINTS_DESK,
            Uuid::now_v7(),
        )?;
        let pm = stored(
            &m,
            ("complaint", c.id.0),
            "received",
            Some(once(&c, "received")),
        )?;
        if s.add_portal_message(&pm, "portal")? {
            n += 1;
        }
    }
    Ok(n)
}

/// The complaints pushed, or the one with this id.
pub fn complaints(s: &dyn PortalStore, id: Option<Uuid>) -> Result<Vec<Complaint>> {
    Ok(s.records(&RecordFilter {
        record_types: vec!["complaint"],
        id,
        ..Default::default()
    })?
    .iter()
    .filter_map(|r| serde_json::from_str::<Complaint>(&r.payload).ok())
    .collect())
}

/// Where a complaint's handling stands (PvE 5.1.5-5.1.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComplaintState {
    /// Nothing told yet but (perhaps) its acknowledgement.
    Open,
    /// The office reported progress (the last time).
    Progress { last: DateTime<Utc> },
    /// The outcome was sent: when, and whether by the deadline.
    Handled { at: DateTime<Utc>, on_time: bool },
}

/// Every complaint's state by its id (those without letters are open).
pub fn complaint_states(
    s: &dyn PortalStore,
    complaints: &[Complaint],
) -> Result<HashMap<Uuid, ComplaintState>> {
    let cal = WorkingDayCalendar::dutch_legal();
    let due: HashMap<Uuid, DateTime<Utc>> =
        complaints.iter().map(|c| (c.id.0, c.due(&cal))).collect();
    let mut out = HashMap::new();
    for m in s.portal_messages_about("complaint")? {
        let state = out.entry(m.about_id).or_insert(ComplaintState::Open);
        match (m.purpose.as_str(), *state) {
            ("outcome", _) => {
                let on_time = due.get(&m.about_id).is_some_and(|d| m.created_at < *d);
                *state = ComplaintState::Handled {
                    at: m.created_at,
                    on_time,
                };
            }
            ("progress", ComplaintState::Open | ComplaintState::Progress { .. }) => {
                *state = ComplaintState::Progress { last: m.created_at };
            }
            _ => {}
        }
    }
    Ok(out)
}

/// What the office writes about a complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComplaintLetter {
    /// Progress: the acknowledgement's text with where things stand.
    Progress,
    /// The outcome, once: the complaint is handled.
    Outcome,
}

/// The office's progress report or outcome of complaint `complaint`, as message `id` (made
/// when the form was shown: a form sent twice writes once). Refused when the complaint was
/// handled already; false when this message exists already.
#[allow(clippy::too_many_arguments)]
pub fn write_complaint_letter(
    s: &dyn PortalStore,
    complaint: Uuid,
    letter: ComplaintLetter,
    text: &str,
    id: Uuid,
    actor: &str,
    now: DateTime<Utc>,
    supplier: &Supplier,
) -> Result<bool> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_COMPLAINT_TEXT {
        return Err(StorageError::Refused(
            "the text is required and at most 2000 characters",
        ));
    }
    let Some(c) = complaints(s, Some(complaint))?.into_iter().next() else {
        return Err(StorageError::NotFound("complaint"));
    };
    let mine = s.portal_messages(Some(c.resident_id))?;
    if mine.iter().any(|m| m.id == id) {
        return Ok(false);
    }
    let about: Vec<&PortalMessage> = mine
        .iter()
        .filter(|m| m.about_kind == "complaint" && m.about_id == c.id.0)
        .collect();
    if about.iter().any(|m| m.purpose == "outcome") {
        return Err(StorageError::Refused("the complaint was handled already"));
    }
    let r: Resident = s
        .entity(EntityKind::Resident, c.resident_id.0)?
        .ok_or(StorageError::NotFound("resident"))?
        .decode()?;
    let facts = complaint_facts(&c, &r, supplier);
    let (reason, facts, purpose, key) = match letter {
        ComplaintLetter::Progress => (
            MessageReason::ComplaintProgress,
            facts
                .with("progress", text)
                .with("date", day_in_words(local_date(now)).nl),
            "progress",
            None,
        ),
        ComplaintLetter::Outcome => {
            // the day we told the resident we had it (else the day it came in)
            let told = about
                .iter()
                .find(|m| m.purpose == "received")
                .map_or(c.received_day(), |m| local_date(m.created_at));
            (
                MessageReason::ComplaintOutcome,
                facts
                    .with("received", day_in_words(told).nl)
                    .with("outcome", text),
                "outcome",
                Some(once(&c, "outcome")),
            )
        }
    };
    let m = compose_for(&r, reason, &facts, None, now, actor, id)?;
    let pm = stored(&m, ("complaint", c.id.0), purpose, key)?;
    let added = s.add_portal_message(&pm, actor)?;
    if !added && letter == ComplaintLetter::Outcome {
        return Err(StorageError::Refused("the complaint was handled already"));
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_kinds_in_words() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap_or_default();
        assert_eq!(day_in_words(d).nl, "dinsdag 10 maart 2026");
        assert_eq!(day_in_words(d).en, "Tuesday 10 March 2026");
        let k = visit_kind(&[
            JobKind::Repair,
            JobKind::PreventiveMaintenance,
            JobKind::Repair,
        ]);
        assert_eq!(k.nl, "reparatie en preventief onderhoud");
        assert_eq!(k.en, "repair and preventive maintenance");
        assert_eq!(visit_kind(&[]).nl, "een bezoek");
    }
}
