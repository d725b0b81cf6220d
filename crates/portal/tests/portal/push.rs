use crate::common::*;
use crate::fixtures::*;
use veldwerk_core::ids::*;
use veldwerk_core::jobs::{DeviationStatus, DeviceChanges};
use veldwerk_core::logbook::{verify_chain, LogbookEntry};
use veldwerk_core::model::*;
use veldwerk_portal::storage::{EntityFilter, PortalStore, RecordFilter, Resolution};
use veldwerk_sync::protocol::*;

/// A technician's token and view after a full pull.
pub async fn signed_in(p: &Portal, index: usize) -> (Technician, String, View, i64) {
    let t = p.technicians()[index].clone();
    let token = p.login(&t).await;
    let (changes, cursor) = p.pull_all(&token, 0, 1000).await;
    let mut view = View::default();
    view.apply(&changes);
    (t, token, view, cursor)
}

pub fn stored_copies(p: &Portal, id: uuid::Uuid) -> Vec<String> {
    p.store
        .records(&RecordFilter {
            id: Some(id),
            ..RecordFilter::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.hash)
        .collect()
}

#[tokio::test]
async fn the_same_request_twice_and_duplicates_in_one_request_store_once() {
    let p = start().await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = view.residents()[0].id;
    let (_, s) = signal(r, morning(), "Rolstoel wordt als stoel aan tafel gebruikt.");
    let c = complaint(r, morning(), "De monteur kwam later dan afgesproken.");
    let first = p.push(&token, &[s.clone(), c.clone(), s.clone()]).await;
    let got: Vec<String> = first.results.iter().map(outcome).collect();
    assert_eq!(got, ["accepted", "accepted", "already_stored"]);
    assert_eq!(first.results[0].id, s.id);
    let again = p.push(&token, &[c.clone(), s.clone()]).await;
    let got: Vec<String> = again.results.iter().map(outcome).collect();
    assert_eq!(got, ["already_stored", "already_stored"]);
    assert_eq!(stored_copies(&p, s.id), vec![s.hash.clone()]);
    assert_eq!(stored_copies(&p, c.id), vec![c.hash.clone()]);
    // the exact text sent is what is stored
    let rec = &p
        .store
        .records(&RecordFilter {
            id: Some(s.id),
            ..Default::default()
        })
        .unwrap()[0];
    assert_eq!(rec.payload, s.payload.get());
    assert_eq!(rec.resident_id, Some(r));
}

#[tokio::test]
async fn the_same_id_with_another_hash_is_a_permanent_conflict() {
    let p = start().await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let r = view.residents()[0].id;
    let (mut s, rec) = signal(r, morning(), "Accu wordt binnen geladen naast de kachel.");
    assert_eq!(
        outcome(&p.push(&token, std::slice::from_ref(&rec)).await.results[0]),
        "accepted"
    );
    s.description.push_str(" (aangevuld)");
    let other =
        PushRecord::new(s.id.0, "signal", serde_json::to_string(&s).unwrap(), vec![]).unwrap();
    let res = p.push(&token, &[other]).await;
    match &res.results[0].outcome {
        Outcome::Rejected {
            code,
            retryable,
            message,
        } => {
            assert_eq!(code, codes::CONFLICTING_DUPLICATE);
            assert!(!retryable);
            assert!(!message.nl.is_empty() && !message.en.is_empty());
        }
        o => panic!("{o:?}"),
    }
    assert_eq!(stored_copies(&p, rec.id), vec![rec.hash]);
}

#[tokio::test]
async fn logbook_entries_keep_the_chain_verifiable_across_reordered_requests() {
    let p = start().await;
    let (_, token, view, _) = signed_in(&p, 0).await;
    let device = view
        .resident_devices()
        .into_iter()
        .find(|d| !view.logbook(d.id).is_empty())
        .unwrap();
    let chain = view.logbook(device.id);
    let head = chain.last().unwrap();
    let e1 = entry_after(
        device.id,
        Some(head),
        morning(),
        "Banden op spanning gebracht.",
    );
    let e2 = entry_after(device.id, Some(&e1), morning(), "Remmen afgesteld.");
    // the second before the first: a gap, retryable, nothing stored
    let res = p.push(&token, &[logbook_record(&e2)]).await;
    match &res.results[0].outcome {
        Outcome::Rejected {
            code, retryable, ..
        } => {
            assert_eq!(code, codes::CHAIN_GAP);
            assert!(retryable);
        }
        o => panic!("{o:?}"),
    }
    assert!(stored_copies(&p, e2.id.0).is_empty());
    // in one request, out of order: the first is taken, the second waits
    let res = p
        .push(&token, &[logbook_record(&e2), logbook_record(&e1)])
        .await;
    let got: Vec<String> = res.results.iter().map(outcome).collect();
    assert_eq!(got, ["rejected:chain_gap", "accepted"]);
    let res = p
        .push(&token, &[logbook_record(&e2), logbook_record(&e1)])
        .await;
    let got: Vec<String> = res.results.iter().map(outcome).collect();
    assert_eq!(got, ["accepted", "already_stored"]);
    // another entry at a taken place is a fork
    let fork = entry_after(device.id, Some(&e1), morning(), "Iets anders.");
    let res = p.push(&token, &[logbook_record(&fork)]).await;
    assert_eq!(outcome(&res.results[0]), "rejected:chain_fork");
    // an edited entry is refused by its hash
    let mut forged = entry_after(device.id, Some(&e2), morning(), "Eerlijk.");
    forged.summary = "Vervalst.".into();
    let res = p.push(&token, &[logbook_record(&forged)]).await;
    assert_eq!(outcome(&res.results[0]), "rejected:logbook_hash_invalid");

    // the portal's chain of the device verifies and ends at e2
    let mut entries: Vec<LogbookEntry> = p
        .store
        .entities(EntityKind::LogbookEntry, EntityFilter::Device(device.id))
        .unwrap()
        .iter()
        .map(|e| e.decode().unwrap())
        .collect();
    entries.sort_by_key(|e| e.seq);
    assert_eq!(verify_chain(device.id, &entries), Ok(()));
    assert_eq!(entries.last().unwrap().id, e2.id);
    assert_eq!(entries.len(), chain.len() + 2);
}

#[tokio::test]
async fn master_data_updates_apply_on_the_current_version_else_wait_for_the_office() {
    let p = start().await;
    let (_, token, view, cursor) = signed_in(&p, 0).await;
    let d = view.resident_devices()[0].clone();
    let v = view.version(EntityKind::Device, d.id.0).unwrap();
    let day = |n| chrono::NaiveDate::from_ymd_opt(2026, 3, n).unwrap();
    let fresh = device_update(
        d.id,
        Some(v),
        DeviceChanges {
            last_preventive_maintenance_on: Some(day(4)),
            ..Default::default()
        },
    );
    assert_eq!(
        outcome(&p.push(&token, &[fresh]).await.results[0]),
        "accepted"
    );
    let stale = device_update(
        d.id,
        Some(v),
        DeviceChanges {
            next_maintenance_due: Some(day(20)),
            ..Default::default()
        },
    );
    assert_eq!(
        outcome(&p.push(&token, std::slice::from_ref(&stale)).await.results[0]),
        "accepted_conflict"
    );
    // the first is applied and flows back with the next version; the second is not applied
    let next = p.pull(&token, cursor, 100).await;
    let c = next.changes.iter().find(|c| c.id == d.id.0).unwrap();
    assert_eq!(c.version, v + 1);
    let Some(EntityData::Device(now)) = c.decode().unwrap() else {
        panic!()
    };
    assert_eq!(now.last_preventive_maintenance_on, Some(day(4)));
    assert_ne!(now.next_maintenance_due, Some(day(20)));
    // the office applies the technician's update after all
    let conflicts = p.store.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].record.id, stale.id);
    assert_eq!(
        (conflicts[0].base_version, conflicts[0].portal_version),
        (Some(v), v + 1)
    );
    p.store
        .resolve_conflict(
            conflicts[0].id,
            Resolution::ApplyClient,
            "kantoor",
            morning(),
        )
        .unwrap();
    let after = p.pull(&token, next.next_cursor, 100).await;
    let Some(EntityData::Device(now)) = after.changes[0].decode().unwrap() else {
        panic!()
    };
    assert_eq!(now.next_maintenance_due, Some(day(20)));
    assert_eq!(after.changes[0].version, v + 2);
    assert!(p.store.conflicts().unwrap()[0].resolution.is_some());
}

#[tokio::test]
async fn a_technician_cannot_push_for_another_technicians_resident() {
    let p = start().await;
    let techs = p.technicians();
    let (_, token, _, _) = signed_in(&p, 0).await;
    let theirs = only_of(&p.store.assignments().unwrap(), techs[1].id, techs[0].id)[0];
    let before = p.store.content_digest().unwrap();
    let (_, s) = signal(theirs, morning(), "Niet van mij.");
    let device = p
        .store
        .entities(EntityKind::Device, EntityFilter::Resident(theirs))
        .unwrap();
    let mut records = vec![s.clone(), complaint(theirs, morning(), "Ook niet.")];
    if let Some(d) = device.first() {
        let e = entry_after(DeviceId(d.id), None, morning(), "x");
        records.push(logbook_record(&e));
        records.push(device_update(
            DeviceId(d.id),
            None,
            DeviceChanges::default(),
        ));
    }
    let res = p.push(&token, &records).await;
    for r in &res.results {
        assert_eq!(outcome(r), "rejected:out_of_scope");
    }
    assert_eq!(p.store.content_digest().unwrap(), before, "nothing stored");
}

#[tokio::test]
async fn an_answered_deviation_request_reaches_the_fitter() {
    let p = start().await;
    let (_, token, view, cursor) = signed_in(&p, 0).await;
    let (d, rec) = deviation_request(&view, morning());
    assert_eq!(
        outcome(&p.push(&token, &[rec]).await.results[0]),
        "accepted"
    );
    p.store
        .answer_deviation(d.id, DeviationStatus::Approved, "kantoor", morning())
        .unwrap();
    let (changes, _) = p.pull_all(&token, cursor, 100).await;
    let c = changes.iter().find(|c| c.id == d.id.0).unwrap();
    let Some(EntityData::DeviationRequest(answered)) = c.decode().unwrap() else {
        panic!()
    };
    assert_eq!(answered.status, DeviationStatus::Approved);
    assert_eq!(c.version, 2);
    // answered once only
    assert!(p
        .store
        .answer_deviation(d.id, DeviationStatus::Rejected, "kantoor", morning())
        .is_err());
}

#[tokio::test]
async fn a_malfunction_reported_on_site_adds_its_repair_job_to_the_visit() {
    let p = start().await;
    let (t, token, view, cursor) = signed_in(&p, 0).await;
    let visits: Vec<AppointmentWithJobs> = view.of(EntityKind::Appointment);
    let devices = view.resident_devices();
    let (visit, device) = visits
        .iter()
        .find_map(|a| {
            let d = devices
                .iter()
                .find(|d| d.resident_id == Some(a.appointment.resident_id))?;
            Some((a.clone(), d.clone()))
        })
        .unwrap();
    let m = veldwerk_core::jobs::on_site_malfunction(
        MalfunctionId::new_v7(),
        JobId::new_v7(),
        &visit.appointment,
        &device,
        veldwerk_core::sla::ResponseClass::B,
        "Joystick reageert niet.",
        true,
        morning(),
        &t.name,
    )
    .unwrap();
    let rec = PushRecord::new(
        m.malfunction.id.0,
        "malfunction",
        serde_json::to_string(&m).unwrap(),
        vec![],
    )
    .unwrap();
    assert_eq!(
        outcome(&p.push(&token, &[rec.clone(), rec]).await.results[1]),
        "already_stored"
    );
    let (changes, _) = p.pull_all(&token, cursor, 100).await;
    let mut after = View::default();
    after.apply(&changes);
    let got: Vec<Malfunction> = after.of(EntityKind::Malfunction);
    assert_eq!(got, vec![m.malfunction.clone()]);
    let a: Vec<AppointmentWithJobs> = after.of(EntityKind::Appointment);
    assert!(a[0].jobs.iter().any(|j| j.id == m.job.id));
}
