//! `veldwerk-portal seed`: fills an empty portal from the demo generator (the same data the
//! app's demo shows), with assignments and demo logins.
//!
//! The demo data is generated into a temporary encrypted replica (`veldwerk_demo::generate`
//! with an in-memory key), read out with `Store::export_master_data`, and imported. Each
//! resident is assigned to the technicians whose demo appointments visit them; the others
//! are spread over the technicians in turn. Everything is a function of the anchor and the
//! seed: the same arguments give the same portal, byte for byte (the demo accounts' salts
//! derive from the seed too; their passwords are published below, so nothing is lost).
//! Each municipality gets a login for its own view ([`municipality_login`]) and a made-up
//! e-mail address ([`demo_municipality_email`]) for the messages sent to it.

use crate::security::hash_password;
use crate::storage::{NewUser, PortalStore, Role, SeedData};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use veldwerk_core::ids::{ResidentId, TechnicianId};
use veldwerk_core::sla::start_of_local_day;
use veldwerk_demo::{generate, DemoConfig};
use veldwerk_store::{MemorySecretStore, Store};
use veldwerk_sync::protocol::canonical_hash;

/// Every demo technician signs in with their name and this password.
pub const DEMO_TECHNICIAN_PASSWORD: &str = "veldwerk-demo";
/// The demo office login.
pub const OFFICE_LOGIN: &str = "kantoor";
pub const OFFICE_PASSWORD: &str = "kantoor-demo";
/// Every demo municipality signs in as [`municipality_login`] with this password.
pub const MUNICIPALITY_PASSWORD: &str = "gemeente-demo";

/// A demo municipality's login, by its code: `gemeente-<code>`.
pub fn municipality_login(code: &str) -> String {
    format!("gemeente-{}", code.to_lowercase())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedOptions {
    pub technicians: usize,
    pub anchor: NaiveDate,
    pub seed: u64,
}

/// What a seed produced, to print.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeedSummary {
    pub residents: usize,
    pub devices: usize,
    pub appointments: usize,
    pub logbook_entries: usize,
    /// (login name, role) of each technician.
    pub technicians: Vec<(String, String)>,
    /// The login of each municipality.
    pub municipalities: Vec<String>,
}

/// The demo generator's sizes for `n` technicians (the app's "small" demo at 6).
pub fn demo_config(o: &SeedOptions) -> DemoConfig {
    let n = o.technicians.max(1);
    let mut cfg = DemoConfig::small(o.anchor).with_seed(o.seed);
    cfg.technicians = n;
    cfg.residents = 50 * n;
    cfg.devices = 100 * n;
    cfg
}

fn demo_salt(seed: u64, login: &str) -> [u8; 16] {
    let h = canonical_hash(format!("veldwerk-demo-salt:{seed}:{login}").as_bytes());
    let mut salt = [0u8; 16];
    for (i, b) in salt.iter_mut().enumerate() {
        *b = u8::from_str_radix(h.get(2 * i..2 * i + 2).unwrap_or("00"), 16).unwrap_or(0);
    }
    salt
}

/// Generates the demo data and everything the portal imports.
pub fn seed_data(o: &SeedOptions) -> Result<(SeedData, SeedSummary), String> {
    let cfg = demo_config(o);
    let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    let secrets = MemorySecretStore::default();
    let mut store = Store::open(&dir.path().join("demo.db"), &secrets, "portal-seed")
        .map_err(|e| format!("demo replica: {e}"))?;
    generate(&mut store, &cfg, &mut |_| {}).map_err(|e| format!("demo data: {e}"))?;
    let master = store
        .export_master_data()
        .map_err(|e| format!("reading the demo data: {e}"))?;
    drop(store);

    let technicians: Vec<TechnicianId> = master.technicians.iter().map(|t| t.id).collect();
    let mut pairs: BTreeSet<(ResidentId, TechnicianId)> = BTreeSet::new();
    for (a, _) in &master.appointments {
        pairs.insert((a.resident_id, a.technician_id));
    }
    let visited: BTreeMap<ResidentId, ()> = pairs.iter().map(|(r, _)| (*r, ())).collect();
    let mut turn = 0usize;
    for (r, _) in &master.residents {
        if !visited.contains_key(&r.id) && !technicians.is_empty() {
            pairs.insert((r.id, technicians[turn % technicians.len()]));
            turn += 1;
        }
    }

    let mut users = Vec::new();
    let mut summary = SeedSummary::default();
    for t in &master.technicians {
        let login = t.name.to_lowercase();
        users.push(NewUser {
            login: login.clone(),
            display_name: t.name.clone(),
            password_hash: hash_password(DEMO_TECHNICIAN_PASSWORD, &demo_salt(o.seed, &login))?,
            role: Role::Technician,
            technician_id: Some(t.id),
            municipality_id: None,
        });
        let role = serde_json::to_value(t.role)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        summary.technicians.push((t.name.clone(), role));
    }
    users.push(NewUser {
        login: OFFICE_LOGIN.into(),
        display_name: "Kantoor".into(),
        password_hash: hash_password(OFFICE_PASSWORD, &demo_salt(o.seed, OFFICE_LOGIN))?,
        role: Role::Office,
        technician_id: None,
        municipality_id: None,
    });
    // one login per municipality, for its read-only view
    for m in &master.municipalities {
        let login = municipality_login(&m.code);
        users.push(NewUser {
            display_name: format!("Gemeente {}", m.name),
            password_hash: hash_password(MUNICIPALITY_PASSWORD, &demo_salt(o.seed, &login))?,
            login,
            role: Role::Municipality,
            technician_id: None,
            municipality_id: Some(m.id),
        });
        summary.municipalities.push(municipality_login(&m.code));
    }
    summary.residents = master.residents.len();
    summary.devices = master.devices.len();
    summary.appointments = master.appointments.len();
    summary.logbook_entries = master.logbook.len();
    let data = SeedData {
        master,
        assignments: pairs.into_iter().collect(),
        users,
        at: start_of_local_day(o.anchor) - chrono::Duration::days(1),
    };
    Ok((data, summary))
}

/// A demo municipality's made-up e-mail address, by its code.
pub fn demo_municipality_email(code: &str) -> String {
    format!("wmo@{code}.gemeente.example")
}

/// Imports `data` into an empty portal and gives each municipality its demo e-mail address.
pub fn import(store: &dyn PortalStore, data: &SeedData) -> Result<(), String> {
    store.import(data).map_err(|e| e.to_string())?;
    for m in &data.master.municipalities {
        store
            .set_municipality_email(m.id, &demo_municipality_email(&m.code), "seed", data.at)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
