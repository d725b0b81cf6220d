//! Filling an empty portal (the `seed` command), and the digest the tests compare.

use super::auth::insert_user;
use super::entities::put_data;
use super::push_apply::insert_link;
use crate::storage::{Result, SeedData, StorageError};
use rusqlite::{params, Connection};
use sha2::{Digest, Sha256};
use veldwerk_sync::protocol::{AppointmentWithJobs, EntityData};

/// Assignments first (so every entity reaches its technicians at once), then master data
/// parents first, then users. The portal must be empty.
pub(super) fn import(c: &Connection, data: &SeedData) -> Result<()> {
    let existing: i64 = c.query_row("SELECT count(*) FROM entities", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(StorageError::Refused("the portal holds data already"));
    }
    let at = data.at;
    let at_text = super::ts(&at);
    for (r, t) in &data.assignments {
        c.prepare_cached(
            "INSERT INTO assignments (resident_id, technician_id, assigned_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (resident_id, technician_id) DO NOTHING",
        )?
        .execute(params![r.to_string(), t.to_string(), at_text])?;
    }
    let m = &data.master;
    let put = |d: EntityData| put_data(c, &d, at).map(|_| ());
    for x in &m.municipalities {
        put(EntityData::Municipality(x.clone()))?;
    }
    for x in &m.technicians {
        put(EntityData::Technician(x.clone()))?;
    }
    for (r, _) in &m.residents {
        put(EntityData::Resident(r.clone()))?;
    }
    for (_, cs) in &m.residents {
        for x in cs {
            put(EntityData::Caregiver(x.clone()))?;
        }
    }
    for x in &m.supplier_contacts {
        put(EntityData::SupplierContact(x.clone()))?;
    }
    for x in &m.devices {
        put(EntityData::Device(x.clone()))?;
    }
    for x in &m.slings {
        put(EntityData::Sling(x.clone()))?;
    }
    for x in &m.orders {
        put(EntityData::Order(x.clone()))?;
    }
    for x in &m.malfunctions {
        put(EntityData::Malfunction(x.clone()))?;
    }
    for (a, jobs) in &m.appointments {
        put(EntityData::Appointment(AppointmentWithJobs {
            appointment: a.clone(),
            jobs: jobs.clone(),
        }))?;
    }
    for e in &m.logbook {
        insert_link(c, e)?;
        put(EntityData::LogbookEntry(e.clone()))?;
    }
    for x in &m.deviation_requests {
        put(EntityData::DeviationRequest(x.clone()))?;
    }
    for u in &data.users {
        insert_user(c, u)?;
    }
    Ok(())
}

/// Tables the digest leaves out: the audit log and sign-in state (operational, not data).
const NOT_DATA: [&str; 3] = ["audit_log", "tokens", "sessions"];

pub(super) fn content_digest(c: &Connection) -> Result<String> {
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut h = Sha256::new();
    for t in tables.iter().filter(|t| !NOT_DATA.contains(&t.as_str())) {
        // the counters of the tables left out are left out too
        let only_data = if t == "sqlite_sequence" {
            format!("WHERE name NOT IN ('{}')", NOT_DATA.join("', '"))
        } else {
            String::new()
        };
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\" {only_data} ORDER BY 1, 2"))?;
        let n = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            for i in 0..n {
                let v: rusqlite::types::Value = row.get(i)?;
                h.update(format!("{t}:{i}:{v:?};").as_bytes());
            }
        }
    }
    Ok(format!("{:x}", h.finalize()))
}
