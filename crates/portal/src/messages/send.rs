//! One round of sending ([`send_pending_once`]) and the loop that repeats it ([`run`]).

use super::own::{write_due_messages, Supplier, WrittenReport};
use super::{Delivery, Outgoing, SendError, Senders};
use crate::clock::Clock;
use crate::storage::{ClaimedMessage, DeliveryResult, PortalStore, Result, StorageError};
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use veldwerk_core::messages::{Channel, MessageRecord, Recipient};
use veldwerk_core::model::{Municipality, Resident};
use veldwerk_core::Localized;
use veldwerk_sync::protocol::EntityKind;

/// Attempts before a message that keeps failing for a passing reason is given up.
pub const MAX_ATTEMPTS: u32 = 10;
/// How long a claimed message is held for its attempt (longer than an SMTP conversation may
/// take): a sender that stops mid-attempt leaves it to be tried again after this.
pub const HOLD: Duration = Duration::minutes(5);
/// Messages claimed at a time.
const BATCH: u32 = 50;

/// The wait after failed attempt `attempt` (1 for the first): 30 s, doubling, at most an
/// hour (ten attempts span about three hours).
pub fn backoff(attempt: u32) -> Duration {
    let doublings = attempt.saturating_sub(1).min(7);
    Duration::seconds(30 * (1i64 << doublings)).min(Duration::hours(1))
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: u32,
    pub office: u32,
    pub retrying: u32,
    pub failed: u32,
}

async fn blocking<T, F>(store: &Arc<dyn PortalStore>, f: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&dyn PortalStore) -> Result<T> + Send + 'static,
{
    let store = store.clone();
    tokio::task::spawn_blocking(move || f(store.as_ref()))
        .await
        .map_err(|e| StorageError::Database(format!("a storage task failed: {e}")))?
}

/// Sends every message that is due now, once: claims them, sends each through its channel's
/// sender and records the outcome. A storage error ends the round (what was claimed and not
/// recorded is tried again after [`HOLD`]).
pub async fn send_pending_once(
    store: &Arc<dyn PortalStore>,
    clock: &dyn Clock,
    senders: &Senders,
) -> Result<SendReport> {
    let mut report = SendReport::default();
    loop {
        let now = clock.now();
        let claimed = blocking(store, move |s| s.claim_messages(now, now + HOLD, BATCH)).await?;
        for m in &claimed {
            let result = attempt(store, clock, senders, m).await?;
            match &result {
                DeliveryResult::Sent { .. } => report.sent += 1,
                DeliveryResult::Office { .. } => report.office += 1,
                DeliveryResult::Retry { .. } => report.retrying += 1,
                DeliveryResult::Failed { .. } => report.failed += 1,
            }
            let (id, n, at) = (m.id, m.attempt, clock.now());
            blocking(store, move |s| s.finish_message(id, n, &result, at)).await?;
        }
        if claimed.len() < BATCH as usize {
            return Ok(report);
        }
    }
}

/// Writes the portal's own messages that are due now (appointment confirmations, complaint
/// acknowledgements: [`super::own::write_due_messages`]) on the blocking pool.
pub async fn write_due_once(
    store: &Arc<dyn PortalStore>,
    clock: &dyn Clock,
    supplier: &Supplier,
) -> Result<WrittenReport> {
    let (now, supplier) = (clock.now(), supplier.clone());
    blocking(store, move |s| write_due_messages(s, now, &supplier)).await
}

/// Every `every` until the future is dropped: writes the portal's own messages that are due,
/// then sends; a failed round is reported and the next one comes.
pub async fn run(
    store: Arc<dyn PortalStore>,
    clock: Arc<dyn Clock>,
    senders: Arc<Senders>,
    supplier: Supplier,
    every: std::time::Duration,
) -> std::convert::Infallible {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = write_due_once(&store, clock.as_ref(), &supplier).await {
            eprintln!("portal: writing messages: {e}");
        }
        if let Err(e) = send_pending_once(&store, clock.as_ref(), &senders).await {
            eprintln!("portal: sending messages: {e}");
        }
    }
}

fn failed(nl: impl Into<String>, en: impl Into<String>) -> DeliveryResult {
    DeliveryResult::Failed {
        error: Localized::new(nl, en),
    }
}

/// Where a message goes, by the portal's own data (read in one storage call): the resident's
/// name, and for the municipality the municipality the portal has on record for the resident
/// (not the one the record names) with the e-mail address the portal keeps for it.
fn address(
    s: &dyn PortalStore,
    m: &MessageRecord,
) -> Result<std::result::Result<(String, Option<String>), DeliveryResult>> {
    let resident: Option<Resident> = s
        .entity(EntityKind::Resident, m.resident_id.0)?
        .map(|e| e.decode())
        .transpose()?;
    let Some(resident) = resident else {
        return Ok(Err(failed(
            "Het portaal kent de inwoner van dit bericht niet.",
            "The portal does not know this message's resident.",
        )));
    };
    match m.recipient {
        Recipient::Resident => Ok(match m.address.as_deref().map(str::trim) {
            Some(a) if !a.is_empty() => Ok((a.to_string(), Some(resident.display_name()))),
            _ => Err(failed(
                "Het bericht aan de inwoner heeft geen adres.",
                "The message to the resident has no address.",
            )),
        }),
        Recipient::Municipality => {
            let id = resident.municipality_id;
            let name = s
                .entity(EntityKind::Municipality, id.0)?
                .and_then(|e| e.decode::<Municipality>().ok())
                .map_or_else(|| id.to_string(), |x| x.name);
            let name = if name.to_lowercase().starts_with("gemeente") {
                name
            } else {
                format!("Gemeente {name}")
            };
            Ok(match (s.municipality_email(id)?, m.channel) {
                (Some(e), _) => Ok((e, Some(name))),
                // a letter or a text message: the office knows where to
                (None, Channel::Letter | Channel::Sms) => Ok((name, None)),
                (None, Channel::Email) => Err(failed(
                    format!("Het portaal heeft geen e-mailadres van {name}."),
                    format!("The portal has no e-mail address for {name}."),
                )),
            })
        }
    }
}

/// One attempt at one message: what became of it.
async fn attempt(
    store: &Arc<dyn PortalStore>,
    clock: &dyn Clock,
    senders: &Senders,
    claimed: &ClaimedMessage,
) -> Result<DeliveryResult> {
    let Ok(m) = serde_json::from_str::<MessageRecord>(&claimed.payload) else {
        return Ok(failed(
            "Het opgeslagen bericht is onleesbaar.",
            "The stored message cannot be read.",
        ));
    };
    let (to, m) = blocking(store, move |s| Ok((address(s, &m)?, m))).await?;
    let (to, to_name) = match to {
        Ok(a) => a,
        Err(result) => return Ok(result),
    };
    let outgoing = Outgoing {
        id: claimed.id,
        channel: m.channel,
        to: to.clone(),
        to_name,
        subject: m.subject,
        body: m.body,
        language: m.language,
        date: clock.now(),
    };
    Ok(match senders.for_channel(m.channel).send(&outgoing).await {
        Ok(Delivery::Sent) => DeliveryResult::Sent { to },
        Ok(Delivery::Office) => DeliveryResult::Office { to: Some(to) },
        Err(e) => after_error(e, claimed.attempt, clock.now()),
    })
}

fn after_error(e: SendError, attempt: u32, now: DateTime<Utc>) -> DeliveryResult {
    if !e.transient {
        return DeliveryResult::Failed { error: e.message };
    }
    if attempt >= MAX_ATTEMPTS {
        return DeliveryResult::Failed {
            error: Localized::new(
                format!("Opgegeven na {attempt} pogingen: {}", e.message.nl),
                format!("Given up after {attempt} attempts: {}", e.message.en),
            ),
        };
    }
    DeliveryResult::Retry {
        error: e.message,
        next_attempt_at: now + backoff(attempt),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let secs: Vec<i64> = (1..=MAX_ATTEMPTS)
            .map(|a| backoff(a).num_seconds())
            .collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
        assert_eq!(backoff(0).num_seconds(), 30);
        assert_eq!(backoff(u32::MAX).num_seconds(), 3600);
    }

    #[test]
    fn a_passing_error_is_retried_until_the_last_attempt_and_a_final_one_never() {
        let now = chrono::Utc::now();
        let passing = SendError::transient("weg", "gone");
        assert!(matches!(
            after_error(passing.clone(), 1, now),
            DeliveryResult::Retry { next_attempt_at, .. } if next_attempt_at == now + backoff(1)
        ));
        match after_error(passing, MAX_ATTEMPTS, now) {
            DeliveryResult::Failed { error } => {
                assert!(
                    error.nl.starts_with("Opgegeven na 10 pogingen"),
                    "{error:?}"
                );
                assert!(
                    error.en.starts_with("Given up after 10 attempts"),
                    "{error:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            after_error(SendError::permanent("nee", "no"), 1, now),
            DeliveryResult::Failed { .. }
        ));
    }
}
