//! Offline search: accents, postcodes, numbers, grouping.

mod common;
use common::*;
use veldwerk_core::ids::{DeviceId, ResidentId};
use veldwerk_store::views::SearchResults;
use veldwerk_store::Store;

fn store() -> (Fixture, Store) {
    let f = Fixture::new();
    let mut s = f.open();
    seed(&mut s);
    (f, s)
}

fn residents(r: &SearchResults) -> Vec<ResidentId> {
    r.groups.iter().map(|g| g.resident.id).collect()
}

fn devices(r: &SearchResults) -> Vec<DeviceId> {
    r.groups
        .iter()
        .flat_map(|g| g.devices.iter().map(|d| d.id))
        .chain(r.unassigned_devices.iter().map(|d| d.id))
        .collect()
}

#[test]
fn names_match_without_accents_and_case() {
    let (_f, s) = store();
    for q in [
        "Ruizendaal",
        "ruïzendaal",
        "RUIZ",
        "anna ruiz",
        "Ruïzendaal",
    ] {
        let r = s.search(q, 40).unwrap();
        assert_eq!(residents(&r), vec![ResidentId(id(ANNA))], "query {q:?}");
        assert!(r.groups[0].resident_matched);
    }
    let r = s.search("van der berg", 40).unwrap();
    assert_eq!(residents(&r), vec![ResidentId(id(PIET))]);
    assert!(s.search("Ruizendaalx", 40).unwrap().groups.is_empty());
}

#[test]
fn streets_and_postcodes_with_or_without_space() {
    let (_f, s) = store();
    for q in [
        "Kerkstraat",
        "kerkstr 12",
        "7311LG",
        "7311 LG",
        "7311 lg",
        "7311lg",
        "7311",
    ] {
        let r = s.search(q, 40).unwrap();
        assert_eq!(residents(&r), vec![ResidentId(id(ANNA))], "query {q:?}");
    }
    for q in ["7322 AB", "7322ab", "Molenweg 3a"] {
        assert_eq!(
            residents(&s.search(q, 40).unwrap()),
            vec![ResidentId(id(PIET))],
            "{q}"
        );
    }
    assert!(s.search("7311 AB", 40).unwrap().groups.is_empty());
}

#[test]
fn registration_and_serial_numbers() {
    let (_f, s) = store();
    for q in [
        "WMO-0200-000123",
        "wmo0200000123",
        "000123",
        "wmo-0200-000123",
    ] {
        let r = s.search(q, 40).unwrap();
        assert_eq!(devices(&r), vec![DeviceId(id(CHAIR))], "query {q:?}");
        // grouped under the resident who has it, who did not match by name
        assert_eq!(residents(&r), vec![ResidentId(id(ANNA))]);
        assert!(!r.groups[0].resident_matched);
    }
    for q in ["SN-7788-AB", "sn7788ab", "7788"] {
        assert_eq!(
            devices(&s.search(q, 40).unwrap()),
            vec![DeviceId(id(CHAIR))],
            "{q}"
        );
    }
    // a depot device has no resident
    let r = s.search("CARPO-99", 40).unwrap();
    assert!(r.groups.is_empty());
    assert_eq!(r.unassigned_devices.len(), 1);
}

#[test]
fn a_resident_hit_lists_their_devices() {
    let (_f, s) = store();
    let r = s.search("Ruizendaal", 40).unwrap();
    let mut regs: Vec<_> = r.groups[0]
        .devices
        .iter()
        .map(|d| d.registration_number.clone())
        .collect();
    regs.sort();
    assert_eq!(regs, vec!["WMO-0200-000123", "WMO-0200-000456"]);
}

#[test]
fn short_empty_and_hostile_queries() {
    let (_f, s) = store();
    assert!(s.search("", 40).unwrap().groups.is_empty());
    assert!(s.search("a", 40).unwrap().groups.is_empty());
    // FTS5 syntax is never interpreted
    for q in [
        "\"",
        "NEAR(",
        "a OR b",
        "*",
        "col:val",
        "'; DROP TABLE residents; --",
    ] {
        assert!(s.search(q, 40).is_ok(), "{q}");
    }
    assert_eq!(s.counts().unwrap().residents, 2);
    let long = "x".repeat(101);
    let err = s.search(&long, 40).unwrap_err();
    assert_eq!(err.code(), "too_long");
}

#[test]
fn updates_replace_the_index_row() {
    let (_f, mut s) = store();
    let mut anna = resident(
        ANNA,
        ("Anna", None, "Ruïzendaal"),
        ("Beukenlaan", "4", "7311 LG", "Apeldoorn"),
    );
    anna.surname = "Jansen".into();
    let w = s.write().unwrap();
    w.upsert_resident(&anna, &[]).unwrap();
    w.commit().unwrap();
    assert!(s.search("Ruizendaal", 40).unwrap().groups.is_empty());
    assert!(s.search("Kerkstraat", 40).unwrap().groups.is_empty());
    assert_eq!(
        residents(&s.search("jansen beukenlaan", 40).unwrap()),
        vec![ResidentId(id(ANNA))]
    );
}

#[test]
fn results_are_limited_and_say_so() {
    let (_f, s) = store();
    let r = s.search("R10", 1).unwrap();
    assert_eq!(r.groups.len(), 1);
    assert!(r.truncated);
}
