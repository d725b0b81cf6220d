//! The contract read right (PvE section numbers of Annex 1): each reading here failed on
//! the app's earlier behaviour.

mod jobs_fixtures;
use jobs_fixtures::*;

fn repair_answers(cause: &str) -> Vec<(&'static str, Answer)> {
    let mut a = vec![
        ("arrival.arrived_at", at("2026-03-02T08:30:00Z")),
        ("diagnosis.fault", txt("Frame krom, wiel aangelopen")),
        ("diagnosis.drive_related", yes(false)),
        ("resolution.fixed_on_site", yes(true)),
        ("resolution.resolved_at", at("2026-03-02T09:10:00Z")),
        ("resolution.labour_minutes", num(40.0)),
        ("signoff.signer", signed()),
    ];
    a.push((
        "diagnosis.cause",
        Answer::Choice {
            value: cause.to_string(),
        },
    ));
    a
}

/// PvE 7.2.4 and 9.2: an accident, vandalism, theft or improper use is damage: a damage
/// entry in the logbook and the device's last maintenance due to misuse, like suspected
/// wilful damage; improper use is also signalled to the municipality.
#[test]
fn damage_of_every_cause_is_a_damage_entry_and_a_misuse_date() {
    let t = shipped("repair");
    for cause in [
        "accident",
        "vandalism",
        "theft",
        "improper_use",
        "wilful_damage",
    ] {
        let mut c = repair_ctx(ResponseClass::B, false);
        let mut list = repair_answers(cause);
        if cause == "wilful_damage" {
            c.item_photos
                .insert("diagnosis.wilful_description".into(), 1); // the damage's photo (PvE 7.2.4)
            list.push(("diagnosis.wilful_description", txt("Zitting ingesneden")));
            list.push(("diagnosis.wilful_likely_cause", txt("Met een mes")));
        }
        let mut d = draft(&t, &c, &[]);
        d.answers = fill(&t, &c, answers(&list), false);
        let done = complete(&t, &d, &c, &cal(), now()).unwrap_or_else(|e| panic!("{cause}: {e:?}"));
        let dev = c.device.as_ref().unwrap().id;
        assert!(
            entries(&done).contains(&(dev, LogbookKind::DamageReport)),
            "{cause}: a damage entry"
        );
        assert_eq!(
            changes_of(&done, dev).last_misuse_maintenance_on,
            Some(job_day()),
            "{cause}: last maintenance due to misuse"
        );
        let kinds: Vec<SignalKind> = done.signals.iter().map(|s| s.kind).collect();
        match cause {
            "improper_use" => assert_eq!(kinds, vec![SignalKind::ImproperUse]),
            "wilful_damage" => assert_eq!(kinds, vec![SignalKind::SuspectedWilfulDamage]),
            _ => assert!(kinds.is_empty(), "{cause}: {kinds:?}"),
        }
        assert_readable(&done);
    }
    // wear is no damage
    let c = repair_ctx(ResponseClass::B, false);
    let mut d = draft(&t, &c, &[]);
    d.answers = fill(&t, &c, answers(&repair_answers("wear")), false);
    let done = complete(&t, &d, &c, &cal(), now()).unwrap();
    let dev = c.device.as_ref().unwrap().id;
    assert!(!entries(&done).contains(&(dev, LogbookKind::DamageReport)));
    assert_eq!(changes_of(&done, dev).last_misuse_maintenance_on, None);
}

/// PvE 6.4.3: every delivery of a device the resident rides or is pushed in has a delivery
/// lesson in their own surroundings, manual wheelchairs and cycles without pedal assistance
/// included; an electric device also has its driving lesson (6.4.1); a hoist has neither.
#[test]
fn every_ridden_device_has_a_delivery_lesson_in_the_residents_surroundings() {
    let t = shipped("delivery");
    let lesson = "instruction.delivery_lesson".to_string();
    let driving = "instruction.driving_lesson".to_string();
    let cases = [
        (Category::C1, true, false),
        (Category::C3, true, false),
        (Category::C9, true, false),
        (Category::C7, true, true),
        (Category::C8a, true, true),
        (Category::C15, false, false),
        (Category::C12, false, false),
    ];
    for (category, delivery_lesson, driving_lesson) in cases {
        let dev = device(50, "WMO-0050", category, DeviceStatus::InDepot);
        let c = ctx(JobKind::Delivery, Some(dev));
        let shown = applies_keys(&t, &BTreeMap::new(), &c);
        assert_eq!(shown.contains(&lesson), delivery_lesson, "{category:?}");
        assert_eq!(shown.contains(&driving), driving_lesson, "{category:?}");
    }
    // a "no" must be made good or explained, like every other part of a delivery
    let dev = device(51, "WMO-0051", Category::C1, DeviceStatus::InDepot);
    let c = ctx(JobKind::Delivery, Some(dev));
    let a = answers(&[("instruction.delivery_lesson", yes(false))]);
    let w = warnings(&t, &a, &c, &cal(), now());
    assert!(w.iter().any(|m| m.nl.contains("Afleverles")), "{w:?}");
}

/// Annex 2: category 12 is bought without a service tariff, so a maintenance (asked for by
/// the resident, say) keeps no next due date and an old one never shows as overdue; a
/// category with a service tariff keeps its schedule.
#[test]
fn a_category_bought_without_a_service_tariff_gets_no_maintenance_due_date() {
    use veldwerk_core::passport::{passport_warnings, PassportWarning};
    let t = shipped("pm-shower-toilet");
    for (category, scheduled) in [(Category::C12, false), (Category::C13, true)] {
        let dev = device(60, "WMO-0060", category, DeviceStatus::InUse);
        let c = ctx(JobKind::PreventiveMaintenance, Some(dev.clone()));
        let mut d = draft(&t, &c, &[]);
        d.answers = fill(&t, &c, answers(&[("signoff.signer", signed())]), false);
        let done = complete(&t, &d, &c, &cal(), now()).unwrap_or_else(|e| panic!("{e:?}"));
        let ch = changes_of(&done, dev.id);
        assert_eq!(ch.last_preventive_maintenance_on, Some(job_day()));
        assert_eq!(
            ch.next_maintenance_due.is_some(),
            scheduled,
            "{category:?}: {:?}",
            ch.next_maintenance_due
        );
        let mut old = dev.clone();
        old.next_maintenance_due = Some(day(2020, 1, 1));
        let overdue = passport_warnings(&old, &[], job_day(), 0)
            .iter()
            .any(|w| matches!(w, PassportWarning::MaintenanceOverdue { .. }));
        assert_eq!(overdue, scheduled, "{category:?}");
    }
}
