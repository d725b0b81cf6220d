use crate::common::*;
use crate::fixtures::*;
use std::collections::{BTreeSet, HashSet};
use uuid::Uuid;
use veldwerk_core::ids::*;
use veldwerk_core::model::*;
use veldwerk_portal::storage::{EntityFilter, PortalStore};
use veldwerk_sync::protocol::*;

/// What the rules say `t` may see, read straight from the portal's storage.
fn visible_to(p: &Portal, t: TechnicianId) -> BTreeSet<(EntityKind, Uuid)> {
    let mine: HashSet<ResidentId> = p
        .store
        .assignments()
        .unwrap()
        .into_iter()
        .filter(|(_, x)| *x == t)
        .map(|(r, _)| r)
        .collect();
    let mut out = BTreeSet::new();
    for kind in EntityKind::ALL {
        for e in p.store.entities(kind, EntityFilter::All).unwrap() {
            let ok = match (e.resident_id, e.technician_id) {
                (None, None) => true,
                (Some(r), None) => mine.contains(&r),
                (Some(r), Some(x)) => mine.contains(&r) && x == t,
                (None, Some(x)) => x == t,
            };
            if ok {
                out.insert((kind, e.id));
            }
        }
    }
    out
}

#[tokio::test]
async fn pages_carry_every_visible_entity_exactly_once() {
    let p = start().await;
    let techs = p.technicians();
    let t = &techs[0];
    let token = p.login(t).await;
    let (changes, cursor) = p.pull_all(&token, 0, 97).await;
    let mut seen = BTreeSet::new();
    for c in &changes {
        assert!(
            seen.insert((c.entity, c.id)),
            "twice: {:?} {}",
            c.entity,
            c.id
        );
        assert_eq!(c.op, ChangeOp::Upsert);
        assert!(c.decode().unwrap().is_some(), "decodes as its core type");
    }
    let expected = visible_to(&p, t.id);
    assert!(
        expected.len() > 500,
        "a real amount of data: {}",
        expected.len()
    );
    assert_eq!(seen, expected);
    // the appointments are this technician's own
    let mut view = View::default();
    view.apply(&changes);
    let appointments: Vec<AppointmentWithJobs> = view.of(EntityKind::Appointment);
    assert!(!appointments.is_empty());
    assert!(appointments
        .iter()
        .all(|a| a.appointment.technician_id == t.id));
    // nothing more after the last cursor
    let again = p.pull(&token, cursor, 100).await;
    assert!(again.changes.is_empty() && !again.more);
    assert_eq!(again.next_cursor, cursor);
}

#[tokio::test]
async fn a_change_after_the_cursor_arrives_next_time_once() {
    let p = start().await;
    let t = &p.technicians()[0];
    let token = p.login(t).await;
    let (changes, cursor) = p.pull_all(&token, 0, 1000).await;
    let mut view = View::default();
    view.apply(&changes);
    let a: AppointmentWithJobs = view.of(EntityKind::Appointment).remove(0);
    let id = a.appointment.id;
    let before = view.version(EntityKind::Appointment, id.0).unwrap();
    // the office reschedules it twice: one change arrives, the latest
    let w = a.appointment.window;
    let hour = chrono::Duration::hours(1);
    for n in 1..=2 {
        let moved = TimeWindow::new(w.start + hour * n, w.end + hour * n).unwrap();
        p.store.reschedule(id, moved, "kantoor", morning()).unwrap();
    }
    let next = p.pull(&token, cursor, 100).await;
    assert_eq!(next.changes.len(), 1);
    let c = &next.changes[0];
    assert_eq!(
        (c.entity, c.id, c.op),
        (EntityKind::Appointment, id.0, ChangeOp::Upsert)
    );
    assert_eq!(c.version, before + 2);
    match c.decode().unwrap() {
        Some(EntityData::Appointment(x)) => {
            assert_eq!(x.appointment.window.start, w.start + hour * 2)
        }
        other => panic!("{other:?}"),
    }
    // another technician does not get it
    let other = p.login(&p.technicians()[1]).await;
    let (theirs, _) = p.pull_all(&other, 0, 1000).await;
    assert!(!theirs.iter().any(|c| c.id == id.0));
}

#[tokio::test]
async fn a_technician_sees_none_of_another_technicians_residents() {
    let p = start().await;
    let techs = p.technicians();
    let (a, b) = (&techs[0], &techs[1]);
    let only_b = only_of(&p.store.assignments().unwrap(), b.id, a.id);
    assert!(!only_b.is_empty());
    let token = p.login(a).await;
    let (changes, _) = p.pull_all(&token, 0, 1000).await;
    let mut view = View::default();
    view.apply(&changes);
    for r in &only_b {
        assert!(view.residents().iter().all(|x| x.id != *r));
        assert!(view
            .of::<Device>(EntityKind::Device)
            .iter()
            .all(|d| d.resident_id != Some(*r)));
        assert!(view
            .of::<Order>(EntityKind::Order)
            .iter()
            .all(|o| o.resident_id != *r));
        assert!(view
            .of::<Caregiver>(EntityKind::Caregiver)
            .iter()
            .all(|c| c.resident_id != *r));
        assert!(view
            .of::<SupplierContact>(EntityKind::SupplierContact)
            .iter()
            .all(|c| c.resident_id != *r));
    }
    // the supplier's contact persons of A's own residents do come (PvE 5.2.3a)
    let mine = view.of::<SupplierContact>(EntityKind::SupplierContact);
    assert!(!mine.is_empty());
    assert!(mine
        .iter()
        .all(|c| view.residents().iter().any(|r| r.id == c.resident_id)));
}

#[tokio::test]
async fn unassigning_sends_assignment_removed_and_assigning_sends_the_resident_in_full() {
    let p = start().await;
    let techs = p.technicians();
    let (a, b) = (&techs[0], &techs[1]);
    let token = p.login(a).await;
    let (changes, cursor) = p.pull_all(&token, 0, 1000).await;
    let mut view = View::default();
    view.apply(&changes);

    // one of a's residents is taken away
    let assignments = p.store.assignments().unwrap();
    let gone = only_of(&assignments, a.id, b.id)[0];
    assert!(p
        .store
        .set_assignment(gone, a.id, false, "kantoor", morning())
        .unwrap());
    // one of b's residents (with a device and its logbook) is given to a as well
    let given = only_of(&assignments, b.id, a.id)
        .into_iter()
        .find(|r| {
            !p.store
                .entities(EntityKind::Device, EntityFilter::Resident(*r))
                .unwrap()
                .is_empty()
        })
        .unwrap();
    assert!(p
        .store
        .set_assignment(given, a.id, true, "kantoor", morning())
        .unwrap());

    let (next, _) = p.pull_all(&token, cursor, 50).await;
    assert!(next
        .iter()
        .any(|c| c.entity == EntityKind::AssignmentRemoved
            && c.id == gone.0
            && c.op == ChangeOp::Remove));
    view.apply(&next);
    // everything of the given resident arrived, although their changes are older than the cursor
    let expected: BTreeSet<(EntityKind, Uuid)> = visible_to(&p, a.id)
        .into_iter()
        .filter(|(k, id)| {
            p.store
                .entity(*k, *id)
                .unwrap()
                .is_some_and(|e| e.resident_id == Some(given))
        })
        .collect();
    assert!(expected.iter().any(|(k, _)| *k == EntityKind::LogbookEntry));
    for key in &expected {
        assert!(view.entities.contains_key(key), "missing {key:?}");
    }
    assert!(view.residents().iter().any(|r| r.id == given));
    // and b still has them
    let tb = p.login(b).await;
    let (theirs, _) = p.pull_all(&tb, 0, 1000).await;
    assert!(theirs
        .iter()
        .any(|c| c.entity == EntityKind::Resident && c.id == given.0));
}

#[tokio::test]
async fn bad_cursors_and_limits() {
    let p = start().await;
    let token = p.login(&p.technicians()[0]).await;
    let res = p
        .http
        .get(p.url("/api/v1/pull?cursor=-1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(res).await, codes::VALIDATION);
    let res = p
        .http
        .get(p.url("/api/v1/pull?cursor=abc"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::BAD_REQUEST);
    assert_eq!(error_code(res).await, codes::BAD_REQUEST);
    // limits are kept within 1..=1000
    assert_eq!(p.pull(&token, 0, 0).await.changes.len(), 1);
    let big = p.pull(&token, 0, 5000).await;
    assert!(big.changes.len() <= 1000 && big.more);
}
