//! The replica's side of the sync with the supplier portal (schema v5, migrations/005_sync.sql).
//! Nothing here speaks HTTP: the client engine (crates/sync) reads what waits, records what
//! the portal answered, and hands over pulled pages; every one of those is one transaction.
//!
//! * [`outbox`]: the queue. An entry is frozen when it is written (id, type, payload and the
//!   hash of the payload travel together); it goes from pending to acknowledged (in the same
//!   transaction that records the portal's answer) or to rejected (kept, with the portal's
//!   code and message, shown on its job). Nothing is ever removed before the portal holds it.
//! * [`state`]: the link to a portal, the cursor (only moves forward, only set with the page
//!   it belongs to), the clock offset, the last successful sync and the last error.
//! * [`apply`]: a pulled page in one transaction with its cursor. Pulled data never
//!   overwrites a row a pending entry changed (it is deferred and applied once the entry is
//!   sent); a device, sling or visit under an open job keeps the job and leaves a notice.
//! * [`purge`]: a resident no longer assigned (or a device that left the technician's view)
//!   is removed with everything of theirs once nothing of theirs waits to go up; the
//!   append-only guards let exactly this through (the `purge_scope` table).
//! * [`blobs`]: which blobs the queued records need, their sizes, which the portal holds,
//!   and which may be collected (on the portal and no longer referenced).
//! * [`versions`]: the portal's version of every pulled entity, and the `base_version` an
//!   update of master data is queued with.

pub mod apply;
pub mod blobs;
pub mod outbox;
mod purge;
pub mod state;
pub mod versions;

pub use apply::{PageOutcome, PulledChange, PulledOp, SyncNotice};
pub(crate) use blobs::queue_with_blobs;
pub use blobs::{BlobNeed, PendingBlob};
pub use outbox::{OutboxItem, OutboxLine, OutboxState, RecordAnswer, SyncSummary};
pub use state::{LastError, SyncState};

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of `bytes`: the content hash of an outbox entry's payload text, the
/// same function the portal computes (`veldwerk_sync::protocol::canonical_hash`).
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The entities the portal sends, in the order a page applies them (parents first).
pub const ENTITIES: [&str; 13] = [
    "municipality",
    "technician",
    "resident",
    "caregiver",
    "supplier_contact",
    "device",
    "sling",
    "order",
    "malfunction",
    "appointment",
    "logbook_entry",
    "deviation_request",
    "assignment_removed",
];

/// The position of an entity in [`ENTITIES`] (unknown ones last).
pub fn entity_rank(entity: &str) -> usize {
    ENTITIES
        .iter()
        .position(|e| *e == entity)
        .unwrap_or(ENTITIES.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_sha256_hex() {
        assert_eq!(
            content_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(entity_rank("resident") < entity_rank("device"));
        assert_eq!(entity_rank("nope"), ENTITIES.len());
    }
}
