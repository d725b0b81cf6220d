//! Today, the resident and the passport as the screens get them.

mod common;
use chrono::NaiveDate;
use common::*;
use veldwerk_core::ids::*;
use veldwerk_core::model::JobKind;
use veldwerk_core::sla::ResponseClass;
use veldwerk_store::views::PassportWarning;
use veldwerk_store::StoreError;

#[test]
fn today_holds_the_local_day_in_time_order() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let day = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    let t = s.today(TechnicianId(id(TECH)), day, &cal()).unwrap();
    let ids: Vec<_> = t.appointments.iter().map(|a| a.id).collect();
    // 00:30 local (still 29 March in UTC) is included, 23:30 the evening before is not,
    // another technician's appointment is not.
    assert_eq!(ids, vec![AppointmentId(id(7001)), AppointmentId(id(7002))]);
    assert!(t.working_day);
    let repair = &t.appointments[1].jobs[0];
    assert_eq!(repair.kind, JobKind::Repair);
    let card = repair.repair.as_ref().expect("repair card");
    assert_eq!(card.malfunction.class, ResponseClass::B);
    // class B: on site within 3 hours of the 08:15 report
    assert_eq!(card.deadlines.on_site_by, Some(local(2026, 3, 30, 11, 15)));
    assert_eq!(
        repair.device.as_ref().unwrap().registration_number,
        "WMO-0200-000456"
    );
    assert_eq!(t.appointments[1].resident.name, "Anna Ruïzendaal");
    assert_eq!(t.appointments[1].resident.municipality, "Apeldoorn");
    let prev = s
        .today(TechnicianId(id(TECH)), day.pred_opt().unwrap(), &cal())
        .unwrap();
    assert_eq!(prev.appointments.len(), 1);
    assert!(!prev.working_day);
}

#[test]
fn today_on_a_holiday_says_which() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let kings_day = NaiveDate::from_ymd_opt(2026, 4, 27).unwrap();
    let t = s.today(TechnicianId(id(TECH)), kings_day, &cal()).unwrap();
    assert!(!t.working_day);
    assert!(t.holiday.expect("holiday").nl.contains("Koning"));
}

#[test]
fn unknown_ids_are_not_found() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let day = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    assert!(matches!(
        s.today(TechnicianId(id(999)), day, &cal()),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        s.resident(ResidentId(id(999)), day, &cal()),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        s.passport(DeviceId(id(999)), day, &cal()),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn the_resident_view() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let day = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    let r = s.resident(ResidentId(id(ANNA)), day, &cal()).unwrap();
    assert_eq!(r.name, "Anna Ruïzendaal");
    assert_eq!(r.municipality.name, "Apeldoorn");
    assert_eq!(r.caregivers.len(), 1);
    assert!(r.caregivers[0].may_sign);
    assert_eq!(r.devices.len(), 2);
    assert_eq!(r.open_repairs.len(), 1);
    assert_eq!(r.open_jobs.len(), 1);
    assert_eq!(r.open_jobs[0].technician, "Monteur Een");
    // history: newest first, across devices
    assert_eq!(r.history.len(), 4);
    assert_eq!(r.history[0].entry.summary, "Onderhoud");
    assert!(r
        .history
        .windows(2)
        .all(|w| w[0].entry.occurred_at >= w[1].entry.occurred_at));
    // the passport's warnings show on the resident's page too, per device
    let passports: Vec<_> = r
        .devices
        .iter()
        .map(|d| (d.id, s.passport(d.id, day, &cal()).unwrap().warnings))
        .filter(|(_, w)| !w.is_empty())
        .collect();
    assert!(
        !passports.is_empty(),
        "the fixture has a device with a warning"
    );
    let shown: Vec<_> = r
        .device_warnings
        .iter()
        .map(|d| (d.device_id, d.warnings.clone()))
        .collect();
    assert_eq!(shown, passports);
}

#[test]
fn the_passport() {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let day = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    let p = s.passport(DeviceId(id(HOIST)), day, &cal()).unwrap();
    assert_eq!(p.device.registration_number, "WMO-0200-000456");
    assert!(p.category.hoist);
    assert!(p.is_electric);
    assert_eq!(p.slings.len(), 1);
    assert_eq!(p.slings[0].sling_number, "TB-0001");
    assert_eq!(p.chain.entries, 1);
    assert!(p.chain.broken.is_none());
    assert_eq!(p.open_repairs.len(), 1);
    // the inspection was due on 15 January
    assert!(p
        .warnings
        .iter()
        .any(|w| matches!(w, PassportWarning::InspectionOverdue { due } if due.to_string() == "2026-01-15")));
    let chair = s.passport(DeviceId(id(CHAIR)), day, &cal()).unwrap();
    assert_eq!(chair.logbook.len(), 3);
    assert_eq!(chair.logbook[0].entry.seq, 3, "newest first");
    assert!(chair.resident.is_some());
    assert!(chair.warnings.is_empty(), "{:?}", chair.warnings);
}

/// PvE 5.2.3a: the "at most three fixed contact persons" are the supplier's, not the
/// resident's caregivers; a resident keeps any real number of caregivers (a bound of 50
/// stands against bad input, and an over-long list writes nothing).
#[test]
fn a_resident_keeps_any_real_number_of_caregivers() {
    use veldwerk_core::model::{Caregiver, CaregiverKind, MAX_CAREGIVERS};
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let piet = ResidentId(id(PIET));
    let resident = s.resident(piet, NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(), &cal());
    let r = resident.unwrap().resident;
    let care = |n: u128| Caregiver {
        id: veldwerk_core::ids::CaregiverId(id(300 + n)),
        resident_id: piet,
        name: format!("Zorgverlener {n}"),
        relation: "wijkverpleging".into(),
        kind: CaregiverKind::Professional,
        phone: None,
        email: None,
        may_sign: n == 0,
    };
    let six: Vec<Caregiver> = (0..6).map(care).collect();
    let w = s.write().unwrap();
    w.upsert_resident(&r, &six).unwrap();
    w.commit().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    assert_eq!(s.resident(piet, day, &cal()).unwrap().caregivers.len(), 6);

    let before = digest(&s);
    let too_many: Vec<Caregiver> = (0..(MAX_CAREGIVERS as u128 + 1)).map(care).collect();
    let w = s.write().unwrap();
    let err = w.upsert_resident(&r, &too_many).unwrap_err();
    drop(w);
    assert_eq!(err.code(), veldwerk_core::ErrorCode::TooLong, "{err}");
    assert_eq!(digest(&s), before, "nothing written");
}

/// PvE 5.2.3a: the supplier's fixed contact persons of a resident, at most three, on the
/// resident's page. A fourth is refused whether it comes as a whole list (master data) or
/// one by one (a pull), and a refused write leaves the replica as it was.
#[test]
fn the_supplier_has_at_most_three_fixed_contact_persons_per_resident() {
    use veldwerk_core::ids::SupplierContactId;
    use veldwerk_core::model::SupplierContact;
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    let piet = ResidentId(id(PIET));
    let day = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
    assert!(s
        .resident(piet, day, &cal())
        .unwrap()
        .supplier_contacts
        .is_empty());
    let contact = |n: u128| SupplierContact {
        id: SupplierContactId(id(400 + n)),
        resident_id: piet,
        name: format!("Contactpersoon {n}"),
        role: ["casemanager", "planner", "vaste monteur", "adviseur"][n as usize % 4].into(),
        phone: Some("088 204 1100".into()),
        email: None,
    };
    let three: Vec<SupplierContact> = (0..3).map(contact).collect();
    let w = s.write().unwrap();
    w.set_supplier_contacts(piet, &three).unwrap();
    w.commit().unwrap();
    let view = s.resident(piet, day, &cal()).unwrap();
    assert_eq!(view.supplier_contacts, three, "in the order given");
    assert_eq!(
        s.export_master_data().unwrap().supplier_contacts,
        three,
        "exported for the portal"
    );

    let before = digest(&s);
    let four: Vec<SupplierContact> = (0..4).map(contact).collect();
    let w = s.write().unwrap();
    let err = w.set_supplier_contacts(piet, &four).unwrap_err();
    drop(w);
    assert_eq!(
        err.code(),
        veldwerk_core::ErrorCode::TooManyContactPersons,
        "{err}"
    );
    let w = s.write().unwrap();
    let err = w.upsert_supplier_contact(&contact(3)).unwrap_err();
    drop(w);
    assert_eq!(
        err.code(),
        veldwerk_core::ErrorCode::TooManyContactPersons,
        "{err}"
    );
    assert_eq!(digest(&s), before, "nothing written");

    // an update of one of the three is no fourth
    let mut renamed = contact(1);
    renamed.name = "Contactpersoon 1 (nieuw)".into();
    let w = s.write().unwrap();
    w.upsert_supplier_contact(&renamed).unwrap();
    w.commit().unwrap();
    let view = s.resident(piet, day, &cal()).unwrap();
    assert_eq!(view.supplier_contacts.len(), 3);
    assert_eq!(view.supplier_contacts[1].name, "Contactpersoon 1 (nieuw)");
}
