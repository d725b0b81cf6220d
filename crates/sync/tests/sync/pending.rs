//! Pulled data and the technician's own changes: a pulled row never overwrites a change that
//! waits to go up (it waits, and is applied once the change is sent); a removed assignment
//! purges the resident only once nothing of theirs waits; a change under an open job leaves the
//! job alone and tells the technician.

use super::common::*;
use super::proxy::{self, Fault};
use super::workday::a_days_work;
use chrono::Duration;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::{DeviceChanges, DeviceUpdate, Signal, SignalKind};
use veldwerk_core::model::TechnicianRole;
use veldwerk_portal::storage::{EntityFilter, PortalStore};
use veldwerk_sync::client::{PortalApi, Replica};
use veldwerk_sync::protocol::{EntityKind, MasterUpdate, Outcome, PushRecord};

/// The device's next maintenance date as the replica holds it.
fn local_due(c: &Client, id: DeviceId) -> Option<chrono::NaiveDate> {
    c.replica
        .read(move |s| {
            let v: Option<String> = s.raw_connection().query_row(
                "SELECT next_maintenance_due FROM devices WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )?;
            Ok(v.map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").unwrap()))
        })
        .unwrap()
}

/// Another installation (technician `b`) changes device `d` on the portal, on its current
/// version.
async fn someone_else_updates(portal: &Portal, b_token: &str, d: DeviceId, due: chrono::NaiveDate) {
    let version = portal
        .store
        .entity(EntityKind::Device, d.0)
        .unwrap()
        .unwrap()
        .version;
    let u = MasterUpdate {
        id: uuid::Uuid::now_v7(),
        job_id: JobId::new_v7(),
        base_version: Some(version),
        update: DeviceUpdate {
            device_id: d,
            changes: DeviceChanges {
                next_maintenance_due: Some(due),
                ..Default::default()
            },
        },
    };
    let rec = PushRecord::new(
        u.id,
        "device_update",
        serde_json::to_string(&u).unwrap(),
        vec![],
    )
    .unwrap();
    let api = PortalApi::new(
        portal.url(),
        Some(b_token.into()),
        FAST,
        clock_from(morning()),
    )
    .unwrap();
    let res = api.push(vec![rec]).await.unwrap();
    assert_eq!(
        res.results[0].outcome,
        Outcome::Accepted { conflict: false }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulled_data_waits_for_the_technician_s_pending_change() {
    let portal = start_portal().await;
    let techs = portal.technicians();
    let a = techs
        .iter()
        .find(|t| t.role == TechnicianRole::Mechanic)
        .unwrap()
        .clone();
    let b = techs.iter().find(|t| t.id != a.id).unwrap().clone();
    let ca = Client::login(&portal.url(), &a).await;
    ca.sync(&portal.url()).await.unwrap();
    // A completes the day; their device updates wait to go up
    a_days_work(&ca, 3, &[], 11);
    let (record, device, mine): (String, DeviceId, Option<chrono::NaiveDate>) = ca
        .replica
        .read(|s| {
            let (r, d): (String, String) = s.raw_connection().query_row(
                "SELECT record_id, json_extract(payload_json, '$.device_id') FROM outbox
                 WHERE record_type = 'device_update' ORDER BY seq LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let due: Option<String> = s.raw_connection().query_row(
                "SELECT next_maintenance_due FROM devices WHERE id = ?1",
                [&d],
                |r| r.get(0),
            )?;
            let due = due.map(|x| chrono::NaiveDate::parse_from_str(&x, "%Y-%m-%d").unwrap());
            Ok((r, DeviceId::parse(&d).unwrap(), due))
        })
        .unwrap();
    // B (given A's resident) changes the same device on the portal meanwhile
    let resident = portal
        .store
        .entity(EntityKind::Device, device.0)
        .unwrap()
        .unwrap()
        .resident_id
        .unwrap();
    portal
        .store
        .set_assignment(resident, b.id, true, "kantoor", morning())
        .unwrap();
    let cb = Client::login(&portal.url(), &b).await;
    let theirs = chrono::NaiveDate::from_ymd_opt(2031, 1, 2).unwrap();
    someone_else_updates(&portal, &cb.token, device, theirs).await;

    // A's push fails (the portal errs), the pull goes through: B's change must not overwrite
    // A's waiting one
    let proxy = proxy::start(portal.addr, vec![Fault::Status(500)]).await;
    let err = ca.engine(&proxy.url(), FAST).sync().await.unwrap_err();
    assert_eq!(err.code, veldwerk_core::ErrorCode::PortalError);
    assert_eq!(local_due(&ca, device), mine);
    assert_ne!(mine, Some(theirs));
    let summary = ca.replica.read(|s| s.sync_summary()).unwrap();
    assert!(summary.deferred_changes >= 1, "{summary:?}");
    assert!(summary.pending_records > 0);

    // Once A's change is up (kept by the portal as a conflict: the row changed since A's
    // version), the portal's row is what A sees
    let report = ca.sync(&portal.url()).await.unwrap();
    assert!(report.deferred_applied >= 1, "{report:?}");
    assert_eq!(local_due(&ca, device), Some(theirs));
    let conflicts = portal.store.conflicts().unwrap();
    assert!(conflicts
        .iter()
        .any(|c| c.record.id.to_string() == record && c.entity_id == device.0));
    let line = ca
        .replica
        .read(|s| {
            Ok(s.raw_connection().query_row(
                "SELECT conflict FROM outbox WHERE record_id = ?1",
                [&record],
                |r| r.get::<_, bool>(0),
            )?)
        })
        .unwrap();
    assert!(line, "the conflict is recorded with the answer");
    assert_eq!(
        ca.replica
            .read(|s| s.sync_summary())
            .unwrap()
            .deferred_changes,
        0
    );
}

fn resident_rows(c: &Client, r: ResidentId) -> Vec<(String, i64)> {
    c.replica
        .read(move |s| {
            let conn = s.raw_connection();
            let id = r.to_string();
            let mut out = Vec::new();
            for (t, sql) in [
                ("residents", "SELECT count(*) FROM residents WHERE id = ?1"),
                (
                    "caregivers",
                    "SELECT count(*) FROM caregivers WHERE resident_id = ?1",
                ),
                (
                    "devices",
                    "SELECT count(*) FROM devices WHERE resident_id = ?1",
                ),
                (
                    "appointments",
                    "SELECT count(*) FROM appointments WHERE resident_id = ?1",
                ),
                (
                    "orders",
                    "SELECT count(*) FROM orders WHERE resident_id = ?1",
                ),
                (
                    "malfunctions",
                    "SELECT count(*) FROM malfunctions WHERE resident_id = ?1",
                ),
                (
                    "signals",
                    "SELECT count(*) FROM signals WHERE resident_id = ?1",
                ),
                (
                    "complaints",
                    "SELECT count(*) FROM complaints WHERE resident_id = ?1",
                ),
                (
                    "outbox",
                    "SELECT count(*) FROM outbox_resident WHERE resident_id = ?1",
                ),
            ] {
                out.push((t.to_string(), conn.query_row(sql, [&id], |r| r.get(0))?));
            }
            Ok(out)
        })
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_assignment_purges_only_once_nothing_waits() {
    let portal = start_portal().await;
    let techs = portal.technicians();
    let a = techs
        .iter()
        .find(|t| t.role == TechnicianRole::Mechanic)
        .unwrap()
        .clone();
    let ca = Client::login(&portal.url(), &a).await;
    ca.sync(&portal.url()).await.unwrap();
    // a resident of A with devices and a logbook, about whom A records a signal
    let resident: ResidentId = ca
        .replica
        .read(|s| {
            let r: String = s.raw_connection().query_row(
                "SELECT d.resident_id FROM devices d JOIN logbook l ON l.device_id = d.id
                 WHERE d.resident_id IS NOT NULL GROUP BY d.resident_id ORDER BY count(*) DESC LIMIT 1",
                [],
                |r| r.get(0),
            )?;
            Ok(ResidentId::parse(&r).unwrap())
        })
        .unwrap();
    let surname = ca
        .replica
        .read(move |s| {
            Ok(s.raw_connection().query_row(
                "SELECT surname FROM residents WHERE id = ?1",
                [resident.to_string()],
                |r| r.get::<_, String>(0),
            )?)
        })
        .unwrap();
    let before = resident_rows(&ca, resident);
    assert!(before.iter().any(|(t, n)| t == "devices" && *n > 0));
    let signal = Signal {
        id: SignalId::new_v7(),
        resident_id: resident,
        device_id: None,
        job_id: None,
        kind: SignalKind::UnsafeSituation,
        urgent: true,
        description: "Losse traplift".into(),
        created_at: morning() + Duration::minutes(5),
        author: "Monteur".into(),
    };
    let s2 = signal.clone();
    ca.replica
        .write(move |s| s.record_signal(&s2).map(|_| ()))
        .unwrap();
    // the office takes the resident away from A
    portal
        .store
        .set_assignment(resident, a.id, false, "kantoor", morning())
        .unwrap();
    // the removal arrives while the signal cannot go up: nothing is removed
    let proxy = proxy::start(portal.addr, vec![Fault::Status(500)]).await;
    ca.engine(&proxy.url(), FAST).sync().await.unwrap_err();
    let held = resident_rows(&ca, resident);
    assert_eq!(held.iter().find(|(t, _)| t == "residents").unwrap().1, 1);
    assert_eq!(held.iter().find(|(t, _)| t == "signals").unwrap().1, 1);
    assert_eq!(
        ca.replica
            .read(|s| s.sync_summary())
            .unwrap()
            .deferred_changes,
        1
    );
    // the append-only guards still hold outside a purge
    ca.replica
        .read(|s| {
            let c = s.raw_connection();
            assert!(c.execute("DELETE FROM logbook", []).is_err());
            assert!(c.execute("DELETE FROM signals", []).is_err());
            assert!(c
                .execute(
                    "INSERT INTO purge_scope (kind, id) VALUES ('resident', ?1)",
                    [resident.to_string()]
                )
                .is_err());
            Ok(())
        })
        .unwrap();
    // the signal goes up (the portal takes it: it was made while the resident was A's); then
    // everything of the resident goes
    ca.sync(&portal.url()).await.unwrap();
    assert_eq!((ca.pending(), ca.rejected()), (0, 0));
    for (table, n) in resident_rows(&ca, resident) {
        assert_eq!(n, 0, "{table} still holds the resident's data");
    }
    let found = ca
        .replica
        .read(move |s| {
            let r = s.search(&surname, 50)?;
            Ok(r.groups
                .iter()
                .filter(|g| g.resident.id == resident)
                .count())
        })
        .unwrap();
    assert_eq!(found, 0, "the search index still finds them");
    assert_eq!(
        ca.replica
            .read(|s| s.sync_summary())
            .unwrap()
            .deferred_changes,
        0
    );
    // the signal is on the portal, the rest of A's replica is untouched
    assert!(portal.records_of(&a).contains_key(&signal.id.0));
    let left = ca.replica.read(|s| s.counts()).unwrap();
    assert!(left.residents > 10);
    let _ = portal
        .store
        .entities(EntityKind::Resident, EntityFilter::All);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_changed_under_an_open_job_keeps_the_job_and_says_so() {
    let portal = start_portal().await;
    let techs = portal.technicians();
    let a = techs
        .iter()
        .find(|t| t.role == TechnicianRole::Mechanic)
        .unwrap()
        .clone();
    let b = techs.iter().find(|t| t.id != a.id).unwrap().clone();
    let ca = Client::login(&portal.url(), &a).await;
    ca.sync(&portal.url()).await.unwrap();
    let (job, device): (JobId, DeviceId) = ca
        .replica
        .write(|s| {
            let (j, d): (String, String) = s.raw_connection().query_row(
                "SELECT id, device_id FROM jobs WHERE device_id IS NOT NULL AND status = 'open' LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let job = JobId::parse(&j).unwrap();
            s.start_draft(job, "pm", 1, morning())?;
            Ok((job, DeviceId::parse(&d).unwrap()))
        })
        .unwrap();
    let resident = portal
        .store
        .entity(EntityKind::Device, device.0)
        .unwrap()
        .unwrap()
        .resident_id
        .unwrap();
    portal
        .store
        .set_assignment(resident, b.id, true, "kantoor", morning())
        .unwrap();
    let cb = Client::login(&portal.url(), &b).await;
    let due = chrono::NaiveDate::from_ymd_opt(2030, 5, 6).unwrap();
    someone_else_updates(&portal, &cb.token, device, due).await;
    ca.sync(&portal.url()).await.unwrap();
    // the passport shows the portal's row; the draft is as it was, with a notice
    assert_eq!(local_due(&ca, device), Some(due));
    let (draft, notices) = ca
        .replica
        .read(move |s| Ok((s.draft(job)?, s.sync_notices(&job.to_string())?)))
        .unwrap();
    assert!(draft.is_some());
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(
        (notices[0].entity.as_str(), notices[0].change.as_str()),
        ("device", "changed")
    );
    assert_eq!(notices[0].entity_id, device.to_string());
    // the same change again (assigning re-sends everything) is not a second notice
    ca.sync(&portal.url()).await.unwrap();
    let n = ca
        .replica
        .read(move |s| s.sync_notices(&job.to_string()))
        .unwrap()
        .len();
    assert_eq!(n, 1);
}
