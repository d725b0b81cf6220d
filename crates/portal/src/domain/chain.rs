//! Whether a pushed logbook entry continues its device's chain on the portal.

use veldwerk_core::logbook::LogbookEntry;

/// The portal's last entry of a device: (seq, hash).
pub type Head<'a> = Option<(u32, &'a str)>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainVerdict {
    /// The next entry: append it.
    Append,
    /// Entries before it have not arrived yet: retry after sending them.
    Gap,
    /// Its position is taken by another entry, or it does not point at the head: a fork.
    Fork,
}

/// Checks `e` (whose own hash was verified) against the portal's head of its device.
pub fn check(head: Head<'_>, e: &LogbookEntry) -> ChainVerdict {
    let (next, expected_prev) = match head {
        Some((seq, hash)) => (seq.saturating_add(1), Some(hash)),
        None => (1, None),
    };
    if e.seq > next {
        ChainVerdict::Gap
    } else if e.seq == next && e.prev_hash.as_deref() == expected_prev {
        ChainVerdict::Append
    } else {
        ChainVerdict::Fork
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use veldwerk_core::ids::{DeviceId, LogbookEntryId};
    use veldwerk_core::logbook::{LogbookKind, NewLogbookEntry};

    fn entry(n: u128, prev: Option<&LogbookEntry>) -> LogbookEntry {
        let t = chrono::Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        NewLogbookEntry {
            id: LogbookEntryId(uuid::Uuid::from_u128(n)),
            device_id: DeviceId(uuid::Uuid::from_u128(1)),
            kind: LogbookKind::Note,
            occurred_at: t,
            recorded_at: t,
            author: "Monteur".into(),
            job_id: None,
            summary: format!("notitie {n}"),
            details_json: "{}".into(),
            corrects: None,
        }
        .chain_after(prev.map(|p| (p.seq, p.hash.as_str())))
    }

    #[test]
    fn verdicts() {
        let a = entry(1, None);
        let b = entry(2, Some(&a));
        let c = entry(3, Some(&b));
        assert_eq!(check(None, &a), ChainVerdict::Append);
        assert_eq!(check(None, &b), ChainVerdict::Gap);
        assert_eq!(check(Some((1, &a.hash)), &b), ChainVerdict::Append);
        assert_eq!(check(Some((1, &a.hash)), &c), ChainVerdict::Gap);
        // another entry at a taken position, or one pointing elsewhere
        let other = entry(9, Some(&a));
        assert_eq!(check(Some((2, &b.hash)), &other), ChainVerdict::Fork);
        assert_eq!(check(Some((1, "00")), &b), ChainVerdict::Fork);
        assert_eq!(check(Some((1, &a.hash)), &a), ChainVerdict::Fork);
    }
}
