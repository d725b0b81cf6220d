use crate::common::anchor;
use std::collections::HashSet;
use veldwerk_core::model::Municipality;
use veldwerk_core::model::Resident;
use veldwerk_portal::seed::{demo_config, demo_municipality_email, import, seed_data, SeedOptions};
use veldwerk_portal::storage::sqlite::SqliteStore;
use veldwerk_portal::storage::{EntityFilter, PortalStore};
use veldwerk_sync::protocol::{AppointmentWithJobs, EntityKind};

fn seeded(dir: &std::path::Path, name: &str, seed: u64) -> SqliteStore {
    let (data, summary) = seed_data(&SeedOptions {
        technicians: 2,
        anchor: anchor(),
        seed,
    })
    .unwrap();
    assert_eq!(summary.technicians.len(), 2);
    let store = SqliteStore::open(&dir.join(name)).unwrap();
    import(&store, &data).unwrap();
    store
}

#[test]
fn the_same_anchor_and_seed_give_the_same_portal() {
    let dir = tempfile::tempdir().unwrap();
    let a = seeded(dir.path(), "a.db", 11);
    let b = seeded(dir.path(), "b.db", 11);
    let c = seeded(dir.path(), "c.db", 12);
    let digest = a.content_digest().unwrap();
    assert_eq!(digest, b.content_digest().unwrap());
    assert_ne!(digest, c.content_digest().unwrap());
    // a second import into a filled portal is refused
    let (data, _) = seed_data(&SeedOptions {
        technicians: 2,
        anchor: anchor(),
        seed: 11,
    })
    .unwrap();
    assert!(a.import(&data).is_err());
    assert!(import(&a, &data).is_err());
    assert_eq!(a.content_digest().unwrap(), digest);

    // every municipality has its (made-up) e-mail address for messages
    for m in a
        .entities(EntityKind::Municipality, EntityFilter::All)
        .unwrap()
    {
        let m: Municipality = m.decode().unwrap();
        assert_eq!(
            a.municipality_email(m.id).unwrap(),
            Some(demo_municipality_email(&m.code))
        );
    }

    // sizes as the demo generator's, every resident assigned, every visit's resident
    // assigned to its technician
    let cfg = demo_config(&SeedOptions {
        technicians: 2,
        anchor: anchor(),
        seed: 11,
    });
    let residents = a.entities(EntityKind::Resident, EntityFilter::All).unwrap();
    assert_eq!(residents.len(), cfg.residents);
    assert_eq!(
        a.entities(EntityKind::Device, EntityFilter::All)
            .unwrap()
            .len(),
        cfg.devices
    );
    let assignments: HashSet<_> = a.assignments().unwrap().into_iter().collect();
    let assigned: HashSet<_> = assignments.iter().map(|(r, _)| *r).collect();
    for r in &residents {
        let r: Resident = r.decode().unwrap();
        assert!(assigned.contains(&r.id));
    }
    for e in a
        .entities(EntityKind::Appointment, EntityFilter::All)
        .unwrap()
    {
        let v: AppointmentWithJobs = e.decode().unwrap();
        assert!(assignments.contains(&(v.appointment.resident_id, v.appointment.technician_id)));
    }
}
