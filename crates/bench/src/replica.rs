//! The benchmark replica: generated once per anchor day, reused while it is current.

use chrono::{NaiveDate, Utc};
use std::path::{Path, PathBuf};
use veldwerk_core::ids::TechnicianId;
use veldwerk_core::logbook::canonical_time;
use veldwerk_core::sla::{end_of_local_day, start_of_local_day};
use veldwerk_demo::DemoConfig;
use veldwerk_store::views::ReplicaCounts;
use veldwerk_store::{KeyringSecretStore, MemorySecretStore, SecretStore, Store};

pub const KEY_NAME: &str = "bench-replica";

pub struct Replica {
    pub path: PathBuf,
    pub key: String,
    pub anchor: NaiveDate,
    pub counts: ReplicaCounts,
    pub busiest_technician: TechnicianId,
    pub busiest_day: NaiveDate,
}

impl Replica {
    pub fn secrets(&self) -> MemorySecretStore {
        let s = MemorySecretStore::default();
        let _ = s.set(KEY_NAME, &self.key);
        s
    }
}

fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&veldwerk_core::sla::LOCAL_TZ)
        .date_naive()
}

/// Opens the replica in `dir`, generating it first when missing or made for another day.
pub fn ensure(dir: &Path) -> Result<Replica, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let path = dir.join("replica.db");
    let key_file = dir.join("replica.key");
    let anchor_file = dir.join("replica.anchor");
    let anchor = today();
    let current = std::fs::read_to_string(&anchor_file).ok() == Some(anchor.to_string())
        && path.exists()
        && key_file.exists();
    if !current {
        for p in [&path, &key_file, &anchor_file] {
            let _ = std::fs::remove_file(p);
        }
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("replica.db{suffix}")));
        }
        println!("generating the benchmark replica (anchor {anchor}); this takes a while once");
        let secrets = MemorySecretStore::default();
        let mut store = Store::open(&path, &secrets, KEY_NAME).map_err(|e| e.to_string())?;
        let t0 = std::time::Instant::now();
        veldwerk_demo::generate(&mut store, &DemoConfig::benchmark(anchor), &mut |_| {})
            .map_err(|e| e.to_string())?;
        store
            .raw_connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|e| e.to_string())?;
        println!("generated in {:.1} s", t0.elapsed().as_secs_f64());
        let key = secrets
            .get(KEY_NAME)
            .map_err(|e| e.to_string())?
            .ok_or("no key")?;
        std::fs::write(&key_file, key).map_err(|e| e.to_string())?;
        std::fs::write(&anchor_file, anchor.to_string()).map_err(|e| e.to_string())?;
    }
    let key = std::fs::read_to_string(&key_file).map_err(|e| e.to_string())?;
    let secrets = MemorySecretStore::default();
    secrets
        .set(KEY_NAME, key.trim())
        .map_err(|e| e.to_string())?;
    let store = Store::open(&path, &secrets, KEY_NAME).map_err(|e| e.to_string())?;
    let counts = store.counts().map_err(|e| e.to_string())?;
    let (tech, day): (String, String) = store
        .raw_connection()
        .query_row(
            "SELECT technician_id, substr(starts_at, 1, 10) AS d, count(*) AS c FROM appointments
             GROUP BY 1, 2 ORDER BY c DESC, d, technician_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| e.to_string())?;
    Ok(Replica {
        path,
        key: key.trim().to_string(),
        anchor,
        counts,
        busiest_technician: TechnicianId::parse(&tech).map_err(|e| e.to_string())?,
        busiest_day: NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|e| e.to_string())?,
    })
}

/// Realistic queries taken from the data: surnames (with and without accents), name and
/// surname, street and number, postcodes in three spellings, registration numbers whole,
/// compact and partial, serial numbers, and a few common names that match many residents.
pub fn queries(store: &Store) -> Result<Vec<String>, String> {
    let c = store.raw_connection();
    let mut q: Vec<String> = Vec::new();
    let mut stmt = c
        .prepare(
            "SELECT first_name, name_prefix, surname, street, house_number, postcode
             FROM residents WHERE seq % 1250 = 7 ORDER BY seq LIMIT 40",
        )
        .map_err(|e| e.to_string())?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .map_err(|e| e.to_string())?;
    for (i, row) in rows.enumerate() {
        let (first, prefix, surname, street, no, pc) = row.map_err(|e| e.to_string())?;
        let folded = veldwerk_core::text::fold(&surname);
        match i % 6 {
            0 => q.push(folded),
            1 => q.push(format!("{first} {surname}")),
            2 => q.push(format!("{street} {no}")),
            3 => q.push(pc.replace(' ', "").to_lowercase()),
            4 => q.push(pc.clone()),
            _ => q.push(match prefix {
                Some(p) => format!("{p} {surname}"),
                None => surname,
            }),
        }
        if i % 8 == 0 {
            q.push(pc[..4].to_string());
        }
    }
    let mut stmt = c
        .prepare(
            "SELECT registration_number, serial_number FROM devices
             WHERE seq % 2500 = 11 ORDER BY seq LIMIT 40",
        )
        .map_err(|e| e.to_string())?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .map_err(|e| e.to_string())?;
    for (i, row) in rows.enumerate() {
        let (reg, serial) = row.map_err(|e| e.to_string())?;
        match i % 4 {
            0 => q.push(reg),
            1 => q.push(veldwerk_store::search::compact(&reg)),
            2 => q.push(reg[reg.len().saturating_sub(6)..].to_string()),
            _ => q.push(serial),
        }
    }
    for common in ["jansen", "de vries", "bakker", "smit", "ruizendaal"] {
        q.push(common.to_string());
    }
    Ok(q)
}

/// Copies the replica into `data_dir` for an app launch, remembers the busiest technician as
/// the chosen one, and puts the key in the OS keyring where the app looks for it.
pub fn prepare_app(dir: &Path, data_dir: &Path) -> Result<(), String> {
    let rep = ensure(dir)?;
    std::fs::create_dir_all(data_dir).map_err(|e| e.to_string())?;
    let target = data_dir.join("replica.db");
    std::fs::copy(&rep.path, &target).map_err(|e| e.to_string())?;
    let secrets = rep.secrets();
    let mut store = Store::open(&target, &secrets, KEY_NAME).map_err(|e| e.to_string())?;
    // The app opens on today's date: choose the technician with the most visits today.
    let day = today();
    let from = canonical_time(&start_of_local_day(day));
    let to = canonical_time(&end_of_local_day(day));
    let busiest_today: Option<String> = store
        .raw_connection()
        .query_row(
            "SELECT technician_id FROM appointments WHERE starts_at >= ?1 AND starts_at < ?2
             GROUP BY technician_id ORDER BY count(*) DESC, technician_id LIMIT 1",
            [from, to],
            |r| r.get(0),
        )
        .ok();
    let technician = busiest_today.unwrap_or_else(|| rep.busiest_technician.to_string());
    let w = store.write().map_err(|e| e.to_string())?;
    w.set_setting("technician_id", &technician)
        .map_err(|e| e.to_string())?;
    w.commit().map_err(|e| e.to_string())?;
    store
        .raw_connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .map_err(|e| e.to_string())?;
    drop(store);
    let service =
        std::env::var("VELDWERK_KEYRING_SERVICE").unwrap_or_else(|_| "nl.veldwerk.app".into());
    KeyringSecretStore::new(service)
        .set(&format!("replica-key:{}", target.display()), &rep.key)
        .map_err(|e| e.to_string())?;
    println!("prepared {} for technician {technician}", target.display());
    Ok(())
}
