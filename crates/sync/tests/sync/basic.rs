//! A first sync fills the replica; a day's work goes up whole, once.

use super::common::*;
use super::workday::a_days_work;
use veldwerk_portal::storage::PortalStore;
use veldwerk_sync::client::Replica;
use veldwerk_sync::protocol::EntityKind;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_sync_fills_the_replica_and_a_days_work_arrives_once() {
    let portal = start_portal().await;
    let tech = portal.technicians()[0].clone();
    let client = Client::login(&portal.url(), &tech).await;
    let first = client.sync(&portal.url()).await.unwrap();
    assert!(first.pull.changes > 100, "{first:?}");
    assert!(first.pull.problems.is_empty(), "{:?}", first.pull.problems);
    let counts = client.replica.read(|s| s.counts()).unwrap();
    assert!(
        counts.residents >= 40 && counts.appointments > 0,
        "{counts:?}"
    );
    // the supplier's contact persons came with the residents, each with its own resident
    let held = client.replica.read(|s| s.export_master_data()).unwrap();
    assert!(!held.supplier_contacts.is_empty());
    assert!(held
        .supplier_contacts
        .iter()
        .all(|c| held.residents.iter().any(|(r, _)| r.id == c.resident_id)));
    // every entity the portal sent is held at its version
    let state = client.replica.read(|s| s.sync_state()).unwrap();
    assert!(state.cursor > 0);
    assert!(state.last_success_at.is_some());
    assert_eq!(state.clock_offset_ms.map(|o| o.abs() < 5_000), Some(true));

    let day = a_days_work(&client, 12, &[1_000, 60_000, 400_000, 1_300_000], 1);
    assert!(day.completed.len() >= 8, "{day:?}");
    eprintln!("{day:?}");
    let waiting = client.pending();
    assert!(waiting > 30, "{waiting}");
    let report = client.sync(&portal.url()).await.unwrap();
    assert_eq!(report.push.rejected, 0, "{report:?}");
    assert_eq!(report.push.acknowledged, waiting);
    assert_eq!(report.push.blobs_uploaded, 4);
    assert_eq!(report.pending_after, 0);
    assert_portal_has_exactly(
        portal.store.as_ref(),
        &portal.dir.path().join("blobs"),
        &client,
    );

    // again: nothing to send, nothing changes on the portal
    let before = portal.store.content_digest().unwrap();
    let again = client.sync(&portal.url()).await.unwrap();
    assert_eq!(again.push.acknowledged, 0);
    assert_eq!(again.push.blobs_uploaded, 0);
    assert_eq!(portal.store.content_digest().unwrap(), before);
    let _ = EntityKind::Device;
}
