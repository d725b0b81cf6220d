//! The per-device logbook (PvE 5.2.8): append-only, and a hash chain per device so that any
//! after-the-fact edit, removal or reordering is detectable here and on the portal.
//!
//! Each entry's hash is SHA-256 over a canonical, length-prefixed encoding of its fields
//! (including the previous entry's hash), so the hash does not depend on JSON key order or
//! on any library's serialisation choices.

pub mod details;
pub mod from_keys;

pub use details::{words, DetailLine, Details, EntryWords};

use crate::ids::{DeviceId, JobId, LogbookEntryId};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a logbook entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LogbookKind {
    /// Device registered / first issued.
    Registered,
    Fitting,
    Delivery,
    PreventiveMaintenance,
    HoistInspection,
    SlingInspection,
    MalfunctionReported,
    Repair,
    Adjustment,
    Replacement,
    Collection,
    LoanPlaced,
    LoanReturned,
    UsageCheck,
    Signal,
    DamageReport,
    /// A correction of an earlier entry (which stays as it was).
    Correction,
    Note,
}

/// A logbook entry as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LogbookEntry {
    pub id: LogbookEntryId,
    pub device_id: DeviceId,
    /// 1-based position in this device's chain.
    pub seq: u32,
    pub kind: LogbookKind,
    pub occurred_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it: a technician's name, or "portal" for history from the office.
    pub author: String,
    pub job_id: Option<JobId>,
    pub summary: String,
    /// Structured details as JSON text, hashed exactly as stored.
    pub details_json: String,
    /// The entry this one corrects, if it is a correction.
    pub corrects: Option<LogbookEntryId>,
    /// Hex SHA-256 of the previous entry of this device; None for the first.
    pub prev_hash: Option<String>,
    /// Hex SHA-256 of this entry.
    pub hash: String,
}

/// The fields of an entry that the caller supplies; the chain supplies seq and hashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLogbookEntry {
    pub id: LogbookEntryId,
    pub device_id: DeviceId,
    pub kind: LogbookKind,
    pub occurred_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    pub author: String,
    pub job_id: Option<JobId>,
    pub summary: String,
    pub details_json: String,
    pub corrects: Option<LogbookEntryId>,
}

/// The headline and details of a correction of an entry with the technician's `text`
/// (trimmed): the headline says it is a correction; the details keep the whole text.
pub fn correction(text: &str) -> (String, String) {
    let text = text.trim();
    let mut details = Details::new();
    details
        .say("Correctie", "Correction", crate::words::same(text))
        .data("correction", serde_json::json!(text))
        .summary_en(format!("Correction: {text}"));
    (format!("Correctie: {text}"), details.to_json())
}

/// A logbook summary is a headline: at most this many characters (the full text of what
/// was recorded is in the details and the job report).
pub const MAX_SUMMARY_CHARS: usize = 500;

/// Shortens a summary to [`MAX_SUMMARY_CHARS`] characters, ending in "…" when cut.
pub fn headline(summary: &str) -> String {
    let trimmed = summary.trim();
    if trimmed.chars().count() <= MAX_SUMMARY_CHARS {
        return trimmed.to_string();
    }
    let mut out: String = trimmed.chars().take(MAX_SUMMARY_CHARS - 1).collect();
    out.push('…');
    out
}

impl NewLogbookEntry {
    /// Links this entry after `prev` (None for a device's first entry).
    pub fn chain_after(self, prev: Option<(u32, &str)>) -> LogbookEntry {
        let (seq, prev_hash) = match prev {
            Some((seq, hash)) => (seq + 1, Some(hash.to_string())),
            None => (1, None),
        };
        let mut e = LogbookEntry {
            id: self.id,
            device_id: self.device_id,
            seq,
            kind: self.kind,
            occurred_at: self.occurred_at,
            recorded_at: self.recorded_at,
            author: self.author,
            job_id: self.job_id,
            summary: self.summary,
            details_json: self.details_json,
            corrects: self.corrects,
            prev_hash,
            hash: String::new(),
        };
        e.hash = entry_hash(&e);
        e
    }
}

/// Timestamps are hashed (and stored) in this one form: RFC 3339, UTC, milliseconds.
pub fn canonical_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn kind_code(k: LogbookKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// SHA-256 (hex) of the entry's canonical encoding; `hash` itself is not part of it.
pub fn entry_hash(e: &LogbookEntry) -> String {
    let mut h = Sha256::new();
    h.update(b"veldwerk-logbook-v1");
    let mut field = |v: Option<&str>| match v {
        Some(s) => {
            h.update(format!("\n{}:", s.len()).as_bytes());
            h.update(s.as_bytes());
        }
        None => h.update(b"\n-"),
    };
    field(Some(&e.id.to_string()));
    field(Some(&e.device_id.to_string()));
    field(Some(&e.seq.to_string()));
    field(Some(&kind_code(e.kind)));
    field(Some(&canonical_time(&e.occurred_at)));
    field(Some(&canonical_time(&e.recorded_at)));
    field(Some(&e.author));
    field(e.job_id.map(|j| j.to_string()).as_deref());
    field(Some(&e.summary));
    field(Some(&e.details_json));
    field(e.corrects.map(|c| c.to_string()).as_deref());
    field(e.prev_hash.as_deref());
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a chain is broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BreakReason {
    /// The entry's content no longer matches its hash (edited after the fact).
    HashMismatch,
    /// The entry does not point at the previous entry's hash (removed or reordered).
    PrevHashMismatch,
    /// A sequence number is missing or repeated.
    SequenceGap,
    /// The entry belongs to another device.
    WrongDevice,
    /// The chain ends before its recorded head: the newest entries are gone.
    TailMissing,
}

/// The first broken link of a device's chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BrokenLink {
    pub device_id: DeviceId,
    pub seq: u32,
    pub entry_id: LogbookEntryId,
    pub reason: BreakReason,
}

/// The last entry of a device's chain as recorded when it was appended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainHead {
    pub seq: u32,
    pub hash: String,
    pub entry_id: LogbookEntryId,
}

/// Verifies a chain and that it ends at its recorded head: a chain without its newest
/// entries is whole in itself, only the head shows that they are gone.
pub fn verify_chain_to_head(
    device_id: DeviceId,
    entries: &[LogbookEntry],
    head: Option<&ChainHead>,
) -> Result<(), BrokenLink> {
    verify_chain(device_id, entries)?;
    let Some(head) = head else {
        return Ok(());
    };
    match entries.last() {
        Some(last) if last.seq == head.seq && last.hash == head.hash => Ok(()),
        Some(last) if last.seq == head.seq => Err(BrokenLink {
            device_id,
            seq: last.seq,
            entry_id: last.id,
            reason: BreakReason::HashMismatch,
        }),
        _ => Err(BrokenLink {
            device_id,
            seq: entries.last().map_or(1, |l| l.seq + 1),
            entry_id: head.entry_id,
            reason: BreakReason::TailMissing,
        }),
    }
}

/// Verifies one device's entries, given in stored order (by seq). Reports the first break.
pub fn verify_chain(device_id: DeviceId, entries: &[LogbookEntry]) -> Result<(), BrokenLink> {
    let mut prev: Option<&LogbookEntry> = None;
    for e in entries {
        let broken = |reason| BrokenLink {
            device_id,
            seq: e.seq,
            entry_id: e.id,
            reason,
        };
        if e.device_id != device_id {
            return Err(broken(BreakReason::WrongDevice));
        }
        let expected_seq = prev.map_or(1, |p| p.seq + 1);
        if e.seq != expected_seq {
            return Err(broken(BreakReason::SequenceGap));
        }
        if e.prev_hash.as_deref() != prev.map(|p| p.hash.as_str()) {
            return Err(broken(BreakReason::PrevHashMismatch));
        }
        if entry_hash(e) != e.hash {
            return Err(broken(BreakReason::HashMismatch));
        }
        prev = Some(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn new_entry(device: DeviceId, n: u32, summary: &str) -> NewLogbookEntry {
        let t =
            Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0).unwrap() + chrono::Duration::days(n.into());
        NewLogbookEntry {
            id: LogbookEntryId(uuid::Uuid::from_u128(u128::from(n) + 1)),
            device_id: device,
            kind: LogbookKind::PreventiveMaintenance,
            occurred_at: t,
            recorded_at: t,
            author: "Monteur 1".into(),
            job_id: None,
            summary: summary.into(),
            details_json: format!("{{\"n\":{n}}}"),
            corrects: None,
        }
    }

    fn chain(device: DeviceId, summaries: &[String]) -> Vec<LogbookEntry> {
        let mut out: Vec<LogbookEntry> = Vec::new();
        for (i, s) in summaries.iter().enumerate() {
            let prev = out.last().map(|p| (p.seq, p.hash.as_str()));
            let e = new_entry(device, i as u32, s).chain_after(prev);
            out.push(e);
        }
        out
    }

    #[test]
    fn headlines_are_cut_at_500_characters() {
        assert_eq!(headline("  kort  "), "kort");
        let long = "é".repeat(2000);
        let h = headline(&long);
        assert_eq!(h.chars().count(), MAX_SUMMARY_CHARS);
        assert!(h.ends_with('…'));
        assert_eq!(headline(&"a".repeat(500)).chars().count(), 500);
        assert!(!headline(&"a".repeat(500)).ends_with('…'));
    }

    #[test]
    fn an_intact_chain_verifies() {
        let d = DeviceId(uuid::Uuid::from_u128(7));
        let c = chain(d, &["a".into(), "b".into(), "c".into()]);
        assert_eq!(c[0].prev_hash, None);
        assert_eq!(c[1].prev_hash.as_deref(), Some(c[0].hash.as_str()));
        assert_eq!(verify_chain(d, &c), Ok(()));
    }

    #[test]
    fn the_hash_covers_every_field() {
        let d = DeviceId(uuid::Uuid::from_u128(7));
        let base = chain(d, &["a".into()]).remove(0);
        let mut variants = vec![base.clone(); 8];
        variants[0].summary.push('x');
        variants[1].details_json = "{}".into();
        variants[2].author = "iemand".into();
        variants[3].occurred_at += chrono::Duration::milliseconds(1);
        variants[4].kind = LogbookKind::Repair;
        variants[5].job_id = Some(JobId(uuid::Uuid::from_u128(1)));
        variants[6].corrects = Some(LogbookEntryId(uuid::Uuid::from_u128(1)));
        variants[7].recorded_at += chrono::Duration::seconds(1);
        for v in variants {
            assert_ne!(entry_hash(&v), base.hash);
        }
        // field boundaries are unambiguous: moving text between fields changes the hash
        let mut a = base.clone();
        a.author = "ab".into();
        a.summary = "c".into();
        let mut b = base.clone();
        b.author = "a".into();
        b.summary = "bc".into();
        assert_ne!(entry_hash(&a), entry_hash(&b));
    }

    proptest! {
        #[test]
        fn any_single_edit_is_found_at_its_entry(
            summaries in proptest::collection::vec("[a-z ]{0,12}", 1..12),
            pick in any::<prop::sample::Index>(),
            tamper in "[A-Z]{1,5}",
        ) {
            let d = DeviceId(uuid::Uuid::from_u128(9));
            let mut c = chain(d, &summaries);
            let i = pick.index(c.len());
            c[i].summary.push_str(&tamper);
            let err = verify_chain(d, &c).unwrap_err();
            prop_assert_eq!(err.seq, c[i].seq);
            prop_assert_eq!(err.reason, BreakReason::HashMismatch);
        }

        #[test]
        fn removing_an_entry_is_found(
            summaries in proptest::collection::vec("[a-z]{0,6}", 2..10),
            pick in any::<prop::sample::Index>(),
        ) {
            let d = DeviceId(uuid::Uuid::from_u128(9));
            let mut c = chain(d, &summaries);
            let i = pick.index(c.len() - 1);
            c.remove(i);
            prop_assert!(verify_chain(d, &c).is_err());
        }

        /// Removing any number of the newest entries leaves a whole chain; its head says so.
        #[test]
        fn removing_the_newest_entries_is_found_by_the_head(
            summaries in proptest::collection::vec("[a-z]{0,6}", 1..10),
            cut in any::<prop::sample::Index>(),
        ) {
            let d = DeviceId(uuid::Uuid::from_u128(9));
            let full = chain(d, &summaries);
            let last = full.last().unwrap();
            let head = ChainHead { seq: last.seq, hash: last.hash.clone(), entry_id: last.id };
            prop_assert!(verify_chain_to_head(d, &full, Some(&head)).is_ok());
            let keep = cut.index(full.len()); // 0..len-1 entries kept
            let short = &full[..keep];
            prop_assert!(verify_chain(d, short).is_ok(), "whole in itself");
            let err = verify_chain_to_head(d, short, Some(&head)).unwrap_err();
            prop_assert_eq!(err.reason, BreakReason::TailMissing);
            prop_assert_eq!(err.seq, keep as u32 + 1);
            prop_assert_eq!(err.entry_id, last.id);
        }
    }
}
