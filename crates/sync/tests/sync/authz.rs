//! Who may see and send what: technician A can neither pull, push nor fetch blobs of
//! technician B's residents; a record the portal refuses is kept with its code and does not
//! hold up the rest; a revoked token gets 401 and the client keeps its queue and its cursor.

use super::common::*;
use super::workday::{a_days_work, photo};
use chrono::Duration;
use std::collections::BTreeSet;
use uuid::Uuid;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::{Signal, SignalKind};
use veldwerk_core::ErrorCode;
use veldwerk_portal::storage::PortalStore;
use veldwerk_store::sync::OutboxState;
use veldwerk_sync::client::{PortalApi, Replica};

/// Residents assigned to `t` and not to `other`.
fn only_of(portal: &Portal, t: TechnicianId, other: TechnicianId) -> Vec<ResidentId> {
    let pairs = portal.store.assignments().unwrap();
    let of = |x: TechnicianId| -> BTreeSet<ResidentId> {
        pairs
            .iter()
            .filter(|(_, y)| *y == x)
            .map(|(r, _)| *r)
            .collect()
    };
    of(t).difference(&of(other)).copied().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_technician_cannot_pull_push_or_fetch_another_s_residents() {
    let portal = start_portal().await;
    let techs = portal.technicians();
    let (a, b) = (techs[0].clone(), techs[1].clone());
    let ca = Client::login(&portal.url(), &a).await;
    let cb = Client::login(&portal.url(), &b).await;
    ca.sync(&portal.url()).await.unwrap();
    cb.sync(&portal.url()).await.unwrap();

    // pull: none of B's residents (nor their personal data) reached A
    let bs = only_of(&portal, b.id, a.id);
    assert!(!bs.is_empty());
    let held: BTreeSet<String> = ca
        .replica
        .read(|s| {
            let mut stmt = s.raw_connection().prepare(
                "SELECT id FROM residents UNION SELECT resident_id FROM devices WHERE resident_id IS NOT NULL
                 UNION SELECT resident_id FROM appointments UNION SELECT resident_id FROM orders",
            )?;
            let v = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<BTreeSet<_>>>()?;
            Ok(v)
        })
        .unwrap();
    for r in &bs {
        assert!(!held.contains(&r.to_string()), "A holds B's resident {r}");
    }
    let mine = only_of(&portal, a.id, b.id);
    assert!(mine.iter().all(|r| held.contains(&r.to_string())));

    // blobs: B's photo is not A's to fetch, not even to know of
    let (_, sha) = cb
        .replica
        .write({
            let blobs = cb.blobs.clone();
            let r = only_of(&portal, b.id, a.id)[0];
            let at = morning();
            move |s| {
                let mut rng = rand::rng();
                Ok(photo(s, &blobs, (r, None, None), 30_000, at, &mut rng))
            }
        })
        .unwrap();
    cb.sync(&portal.url()).await.unwrap();
    let api_b = PortalApi::new(portal.url(), Some(cb.token.clone()), FAST, cb.now.clone()).unwrap();
    let api_a = PortalApi::new(portal.url(), Some(ca.token.clone()), FAST, ca.now.clone()).unwrap();
    assert!(api_b.has_blob(&sha).await.unwrap());
    assert!(
        !api_a.has_blob(&sha).await.unwrap(),
        "A may know of B's blob"
    );
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/blobs/{sha}", portal.base))
        .bearer_auth(&ca.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // push: a record about B's resident, queued among A's day, is refused for that record
    // only; it is kept here with its code, the others arrive
    let foreign = Signal {
        id: SignalId::new_v7(),
        resident_id: bs[0],
        device_id: None,
        job_id: None,
        kind: SignalKind::ImproperUse,
        urgent: false,
        description: "Niet de mijne".into(),
        created_at: morning(),
        author: "Monteur".into(),
    };
    let json = serde_json::to_string(&foreign).unwrap();
    let id = foreign.id.to_string();
    ca.replica
        .write(move |s| s.queue_record_with_blobs(&id, "signal", &json, &[], None, morning()))
        .unwrap();
    a_days_work(&ca, 4, &[5_000], 9);
    let report = ca.sync(&portal.url()).await.unwrap();
    assert_eq!(report.push.rejected, 1, "{report:?}");
    assert!(report.push.acknowledged > 10);
    assert_eq!(
        ca.replica
            .read(move |s| s.outbox_state(&foreign.id.to_string()))
            .unwrap(),
        Some(OutboxState::Rejected)
    );
    let lines = ca.replica.read(|s| s.outbox_lines(None, 100)).unwrap();
    let line = lines
        .iter()
        .find(|l| l.record_id == foreign.id.to_string())
        .unwrap();
    assert_eq!(line.code.as_deref(), Some("out_of_scope"));
    assert!(!line.message.as_ref().unwrap().nl.is_empty());
    assert!(portal
        .store
        .records(&Default::default())
        .unwrap()
        .iter()
        .all(|r| r.id != foreign.id.0));
    // everything else is on the portal; the rejected one is shown, not pending
    assert_eq!(ca.pending(), 0);
    assert_eq!(ca.rejected(), 1);
    assert_portal_has_exactly(portal.store.as_ref(), &portal.dir.path().join("blobs"), &ca);
    // a second sync does not send it again
    let again = ca.sync(&portal.url()).await.unwrap();
    assert_eq!((again.push.rejected, again.push.acknowledged), (0, 0));
    let _ = Uuid::nil();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_token_gets_401_and_the_queue_and_cursor_wait_for_a_login() {
    let portal = start_portal().await;
    let tech = portal.technicians()[2].clone();
    let mut client = Client::login(&portal.url(), &tech).await;
    client.sync(&portal.url()).await.unwrap();
    a_days_work(&client, 5, &[20_000, 300_000], 4);
    let waiting = client.pending();
    let cursor = client.replica.read(|s| s.sync_state()).unwrap().cursor;
    // the office revokes this installation
    let token = portal
        .store
        .installations()
        .unwrap()
        .into_iter()
        .find(|t| t.technician_id == tech.id && t.revoked_at.is_none())
        .unwrap();
    assert!(portal
        .store
        .revoke_token(token.id, "kantoor", morning())
        .unwrap());
    let err = client.sync(&portal.url()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::LoginRequired);
    let state = client.replica.read(|s| s.sync_state()).unwrap();
    assert!(state.needs_login);
    assert_eq!(state.cursor, cursor, "the cursor moved on an auth error");
    assert_eq!(
        state.last_error.as_ref().map(|e| e.code.as_str()),
        Some("login_required")
    );
    assert_eq!(
        client.pending(),
        waiting,
        "the queue changed on an auth error"
    );
    // attempts are not counted against the records either
    let lines = client.replica.read(|s| s.outbox_lines(None, 1000)).unwrap();
    assert!(lines
        .iter()
        .all(|l| l.attempts == 0 && l.last_error.is_none()));
    assert!(portal.records_of(&tech).is_empty());
    // trying again changes nothing until a login
    assert_eq!(
        client.sync(&portal.url()).await.unwrap_err().code,
        ErrorCode::LoginRequired
    );
    client.log_in(&portal.url()).await;
    assert!(!client.replica.read(|s| s.sync_state()).unwrap().needs_login);
    let report = client.sync(&portal.url()).await.unwrap();
    assert_eq!(report.push.acknowledged, waiting);
    assert_portal_has_exactly(
        portal.store.as_ref(),
        &portal.dir.path().join("blobs"),
        &client,
    );
    let _ = Duration::zero();
}
