//! Reading the whole replica's master data out as core types (the portal's `seed` fills its
//! own storage from a generated demo replica this way). Every list is in a stable order (by
//! id; logbook entries by device and position), so the same replica always exports the same.

use crate::error::Result;
use crate::fetch::{collect, one};
use crate::rows::{self, sql};
use crate::Store;
use std::collections::BTreeMap;
use veldwerk_core::jobs::DeviationRequest;
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::*;

/// Everything the portal owns, as the replica holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MasterData {
    pub municipalities: Vec<Municipality>,
    pub technicians: Vec<Technician>,
    /// Each resident with their contact persons.
    pub residents: Vec<(Resident, Vec<Caregiver>)>,
    /// The supplier's fixed contact persons of the residents (PvE 5.2.3a).
    pub supplier_contacts: Vec<SupplierContact>,
    pub devices: Vec<Device>,
    pub slings: Vec<Sling>,
    pub orders: Vec<Order>,
    /// Open and resolved.
    pub malfunctions: Vec<Malfunction>,
    /// Each appointment with its jobs.
    pub appointments: Vec<(Appointment, Vec<Job>)>,
    /// By device, then position in the device's chain.
    pub logbook: Vec<LogbookEntry>,
    pub deviation_requests: Vec<DeviationRequest>,
}

impl Store {
    /// The replica's master data; see [`MasterData`].
    pub fn export_master_data(&self) -> Result<MasterData> {
        let conn = &self.conn;
        let all = |cols: &[&str], table: &str, order: &str| sql::from(cols, table, order);
        let mut caregivers: BTreeMap<String, Vec<Caregiver>> = BTreeMap::new();
        for c in collect(
            conn,
            &all(rows::CAREGIVER, "caregivers", "ORDER BY t.rowid"),
            [],
            rows::caregiver,
        )? {
            caregivers
                .entry(c.resident_id.to_string())
                .or_default()
                .push(c);
        }
        let residents = collect(
            conn,
            &all(rows::RESIDENT, "residents", "ORDER BY t.id"),
            [],
            rows::resident,
        )?
        .into_iter()
        .map(|r| {
            let cs = caregivers.remove(&r.id.to_string()).unwrap_or_default();
            (r, cs)
        })
        .collect();
        let mut jobs: BTreeMap<String, Vec<Job>> = BTreeMap::new();
        for j in collect(
            conn,
            &all(rows::JOB, "jobs", "ORDER BY t.rowid"),
            [],
            rows::job,
        )? {
            jobs.entry(j.appointment_id.to_string())
                .or_default()
                .push(j);
        }
        let appointments = collect(
            conn,
            &all(rows::APPOINTMENT, "appointments", "ORDER BY t.id"),
            [],
            rows::appointment,
        )?
        .into_iter()
        .map(|a| {
            let js = jobs.remove(&a.id.to_string()).unwrap_or_default();
            (a, js)
        })
        .collect();
        Ok(MasterData {
            municipalities: collect(
                conn,
                &all(rows::MUNICIPALITY, "municipalities", "ORDER BY t.id"),
                [],
                rows::municipality,
            )?,
            technicians: collect(
                conn,
                &all(rows::TECHNICIAN, "technicians", "ORDER BY t.id"),
                [],
                rows::technician,
            )?,
            residents,
            supplier_contacts: crate::supplier_contacts::all(conn)?,
            devices: collect(
                conn,
                &all(rows::DEVICE, "devices", "ORDER BY t.id"),
                [],
                rows::device,
            )?,
            slings: collect(
                conn,
                &all(rows::SLING, "slings", "ORDER BY t.id"),
                [],
                rows::sling,
            )?,
            orders: collect(
                conn,
                &all(rows::ORDER, "orders", "ORDER BY t.id"),
                [],
                rows::order,
            )?,
            malfunctions: collect(
                conn,
                &all(rows::MALFUNCTION, "malfunctions", "ORDER BY t.id"),
                [],
                rows::malfunction,
            )?,
            appointments,
            logbook: collect(
                conn,
                &all(rows::LOGBOOK, "logbook", "ORDER BY t.device_id, t.seq"),
                [],
                rows::logbook_entry,
            )?,
            deviation_requests: self.deviation_requests()?,
        })
    }

    /// Every deviation request by id (read one by one with the statement the app uses).
    fn deviation_requests(&self) -> Result<Vec<DeviationRequest>> {
        let ids: Vec<String> = self
            .conn
            .prepare("SELECT id FROM deviation_requests ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(one(
                &self.conn,
                &sql::DEVIATION_BY_ID,
                [id],
                rows::deviation,
            )?);
        }
        Ok(out)
    }
}
