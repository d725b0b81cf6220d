//! Writing master data (from the portal, or the demo generator) and appending to the
//! logbook. Everything goes through a [`Writer`], which is one transaction.

use crate::codec::{date_text, enum_text, json_text, time_text};
use crate::error::{Result, StoreError};
use crate::search;
use rusqlite::{params, OptionalExtension, Transaction};
use veldwerk_core::logbook::{LogbookEntry, NewLogbookEntry};
use veldwerk_core::model::{
    check_caregivers, Appointment, Caregiver, Device, Job, Malfunction, Municipality, Order,
    Resident, Sling, Technician,
};
use veldwerk_core::validation::bounded;

/// One write transaction on the replica. Dropped without [`Writer::commit`] it rolls back.
pub struct Writer<'c> {
    pub(crate) tx: Transaction<'c>,
}

fn opt_date(d: &Option<chrono::NaiveDate>) -> Option<String> {
    d.as_ref().map(date_text)
}

impl<'c> Writer<'c> {
    pub fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    pub fn upsert_municipality(&self, m: &Municipality) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO municipalities (id, code, name) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name",
            )?
            .execute(params![m.id.to_string(), m.code, m.name])?;
        Ok(())
    }

    pub fn upsert_technician(&self, t: &Technician) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO technicians (id, name, role) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role",
            )?
            .execute(params![t.id.to_string(), t.name, enum_text(&t.role)])?;
        Ok(())
    }

    /// Writes a resident with their contact persons (which replace the stored ones).
    pub fn upsert_resident(&self, r: &Resident, caregivers: &[Caregiver]) -> Result<()> {
        r.validate()?;
        check_caregivers(caregivers)?;
        for c in caregivers {
            c.validate()?;
            if c.resident_id != r.id {
                return Err(StoreError::NotFound { kind: "resident" });
            }
        }
        let seq: i64 = self
            .tx
            .prepare_cached(
                "INSERT INTO residents (id, resident_number, municipality_id, initials, first_name,
                    name_prefix, surname, birth_date, street, house_number, postcode, city, phone,
                    email, preferred_communication, particulars)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                 ON CONFLICT(id) DO UPDATE SET resident_number = excluded.resident_number,
                    municipality_id = excluded.municipality_id, initials = excluded.initials,
                    first_name = excluded.first_name, name_prefix = excluded.name_prefix,
                    surname = excluded.surname, birth_date = excluded.birth_date,
                    street = excluded.street, house_number = excluded.house_number,
                    postcode = excluded.postcode, city = excluded.city, phone = excluded.phone,
                    email = excluded.email,
                    preferred_communication = excluded.preferred_communication,
                    particulars = excluded.particulars
                 RETURNING seq",
            )?
            .query_row(
                params![
                    r.id.to_string(),
                    r.resident_number,
                    r.municipality_id.to_string(),
                    r.initials,
                    r.first_name,
                    r.name_prefix,
                    r.surname,
                    date_text(&r.birth_date),
                    r.address.street,
                    r.address.house_number,
                    r.address.postcode.as_str(),
                    r.address.city,
                    r.phone,
                    r.email,
                    enum_text(&r.preferred_communication),
                    r.particulars,
                ],
                |row| row.get(0),
            )?;
        self.tx
            .prepare_cached("DELETE FROM caregivers WHERE resident_id = ?1")?
            .execute([r.id.to_string()])?;
        for c in caregivers {
            self.tx
                .prepare_cached(
                    "INSERT INTO caregivers (id, resident_id, name, relation, kind, phone, email,
                        may_sign) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    c.id.to_string(),
                    c.resident_id.to_string(),
                    c.name,
                    c.relation,
                    enum_text(&c.kind),
                    c.phone,
                    c.email,
                    c.may_sign,
                ])?;
        }
        search::index_resident(&self.tx, seq, r)
    }

    pub fn upsert_device(&self, d: &Device) -> Result<()> {
        d.validate()?;
        let seq: i64 = self
            .tx
            .prepare_cached(
                "INSERT INTO devices (id, registration_number, category, brand, model,
                    serial_number, build_year, first_issued_on, first_delivered_on,
                    last_delivered_on, catalogue_value_cents, accessories_value_cents,
                    configuration_json, measurements_json, reconditioned, electric, battery_json,
                    insurance_plate, wlz_use, max_user_weight_kg, swl_kg, status, resident_id,
                    last_preventive_maintenance_on, last_malfunction_on,
                    last_misuse_maintenance_on, next_maintenance_due, next_inspection_due)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)
                 ON CONFLICT(id) DO UPDATE SET registration_number = excluded.registration_number,
                    category = excluded.category, brand = excluded.brand, model = excluded.model,
                    serial_number = excluded.serial_number, build_year = excluded.build_year,
                    first_issued_on = excluded.first_issued_on,
                    first_delivered_on = excluded.first_delivered_on,
                    last_delivered_on = excluded.last_delivered_on,
                    catalogue_value_cents = excluded.catalogue_value_cents,
                    accessories_value_cents = excluded.accessories_value_cents,
                    configuration_json = excluded.configuration_json,
                    measurements_json = excluded.measurements_json,
                    reconditioned = excluded.reconditioned, electric = excluded.electric,
                    battery_json = excluded.battery_json,
                    insurance_plate = excluded.insurance_plate, wlz_use = excluded.wlz_use,
                    max_user_weight_kg = excluded.max_user_weight_kg, swl_kg = excluded.swl_kg,
                    status = excluded.status, resident_id = excluded.resident_id,
                    last_preventive_maintenance_on = excluded.last_preventive_maintenance_on,
                    last_malfunction_on = excluded.last_malfunction_on,
                    last_misuse_maintenance_on = excluded.last_misuse_maintenance_on,
                    next_maintenance_due = excluded.next_maintenance_due,
                    next_inspection_due = excluded.next_inspection_due
                 RETURNING seq",
            )?
            .query_row(
                params![
                    d.id.to_string(),
                    d.registration_number,
                    enum_text(&d.category),
                    d.brand,
                    d.model,
                    d.serial_number,
                    d.build_year,
                    opt_date(&d.first_issued_on),
                    opt_date(&d.first_delivered_on),
                    opt_date(&d.last_delivered_on),
                    d.catalogue_value_cents,
                    d.accessories_value_cents,
                    json_text(&d.configuration),
                    json_text(&d.measurements),
                    d.reconditioned,
                    d.electric,
                    d.battery.as_ref().map(json_text),
                    d.insurance_plate,
                    d.wlz_use,
                    d.max_user_weight_kg,
                    d.swl_kg,
                    enum_text(&d.status),
                    d.resident_id.map(|r| r.to_string()),
                    opt_date(&d.last_preventive_maintenance_on),
                    opt_date(&d.last_malfunction_on),
                    opt_date(&d.last_misuse_maintenance_on),
                    opt_date(&d.next_maintenance_due),
                    opt_date(&d.next_inspection_due),
                ],
                |row| row.get(0),
            )?;
        search::index_device(&self.tx, seq, d)
    }

    pub fn upsert_sling(&self, s: &Sling) -> Result<()> {
        bounded("sling_number", &s.sling_number, 40)?;
        self.tx
            .prepare_cached(
                "INSERT INTO slings (id, hoist_id, sling_number, manufacturer, model, size, swl_kg,
                    manufactured_on, in_use_since, status, next_inspection_due)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT(id) DO UPDATE SET hoist_id = excluded.hoist_id,
                    sling_number = excluded.sling_number, manufacturer = excluded.manufacturer,
                    model = excluded.model, size = excluded.size, swl_kg = excluded.swl_kg,
                    manufactured_on = excluded.manufactured_on,
                    in_use_since = excluded.in_use_since, status = excluded.status,
                    next_inspection_due = excluded.next_inspection_due",
            )?
            .execute(params![
                s.id.to_string(),
                s.hoist_id.to_string(),
                s.sling_number,
                s.manufacturer,
                s.model,
                s.size,
                s.swl_kg,
                opt_date(&s.manufactured_on),
                opt_date(&s.in_use_since),
                enum_text(&s.status),
                opt_date(&s.next_inspection_due),
            ])?;
        Ok(())
    }

    pub fn upsert_order(&self, o: &Order) -> Result<()> {
        bounded("description", &o.description, 4000)?;
        self.tx
            .prepare_cached(
                "INSERT INTO orders (id, order_number, municipality_id, resident_id, kind, category,
                    description, ordered_on, status, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(id) DO UPDATE SET order_number = excluded.order_number,
                    municipality_id = excluded.municipality_id, resident_id = excluded.resident_id,
                    kind = excluded.kind, category = excluded.category,
                    description = excluded.description, ordered_on = excluded.ordered_on,
                    status = excluded.status, device_id = excluded.device_id",
            )?
            .execute(params![
                o.id.to_string(),
                o.order_number,
                o.municipality_id.to_string(),
                o.resident_id.to_string(),
                enum_text(&o.kind),
                enum_text(&o.category),
                o.description,
                date_text(&o.ordered_on),
                enum_text(&o.status),
                o.device_id.map(|d| d.to_string()),
            ])?;
        Ok(())
    }

    pub fn upsert_malfunction(&self, m: &Malfunction) -> Result<()> {
        bounded("description", &m.description, 4000)?;
        self.tx
            .prepare_cached(
                "INSERT INTO malfunctions (id, device_id, resident_id, reported_at, class,
                    description, drive_related, status, arrived_at, resolved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(id) DO UPDATE SET device_id = excluded.device_id,
                    resident_id = excluded.resident_id, reported_at = excluded.reported_at,
                    class = excluded.class, description = excluded.description,
                    drive_related = excluded.drive_related, status = excluded.status,
                    arrived_at = excluded.arrived_at, resolved_at = excluded.resolved_at",
            )?
            .execute(params![
                m.id.to_string(),
                m.device_id.to_string(),
                m.resident_id.to_string(),
                time_text(&m.reported_at),
                enum_text(&m.class),
                m.description,
                m.drive_related,
                enum_text(&m.status),
                m.arrived_at.as_ref().map(time_text),
                m.resolved_at.as_ref().map(time_text),
            ])?;
        Ok(())
    }

    /// Writes an appointment with its jobs (which replace the stored ones).
    pub fn upsert_appointment(&self, a: &Appointment, jobs: &[Job]) -> Result<()> {
        if let Some(n) = &a.note {
            bounded("note", n, 2000)?;
        }
        self.tx
            .prepare_cached(
                "INSERT INTO appointments (id, technician_id, resident_id, starts_at, ends_at,
                    status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(id) DO UPDATE SET technician_id = excluded.technician_id,
                    resident_id = excluded.resident_id, starts_at = excluded.starts_at,
                    ends_at = excluded.ends_at, status = excluded.status, note = excluded.note",
            )?
            .execute(params![
                a.id.to_string(),
                a.technician_id.to_string(),
                a.resident_id.to_string(),
                time_text(&a.window.start),
                time_text(&a.window.end),
                enum_text(&a.status),
                a.note,
            ])?;
        self.tx
            .prepare_cached("DELETE FROM jobs WHERE appointment_id = ?1")?
            .execute([a.id.to_string()])?;
        for j in jobs {
            if j.appointment_id != a.id {
                return Err(StoreError::NotFound {
                    kind: "appointment",
                });
            }
            self.tx
                .prepare_cached(
                    "INSERT INTO jobs (id, appointment_id, kind, device_id, order_id,
                        malfunction_id, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    j.id.to_string(),
                    j.appointment_id.to_string(),
                    enum_text(&j.kind),
                    j.device_id.map(|d| d.to_string()),
                    j.order_id.map(|o| o.to_string()),
                    j.malfunction_id.map(|m| m.to_string()),
                    enum_text(&j.status),
                ])?;
        }
        Ok(())
    }

    /// Appends an entry to its device's hash chain and returns it as stored.
    /// The summary is a headline: a longer one is cut (see
    /// [`veldwerk_core::logbook::headline`]); the details keep the full text.
    pub fn append_logbook(&self, mut new: NewLogbookEntry) -> Result<LogbookEntry> {
        new.summary = veldwerk_core::logbook::headline(&new.summary);
        bounded("details", &new.details_json, 100_000)?;
        let prev: Option<(u32, String)> = self
            .tx
            .prepare_cached(
                "SELECT seq, hash FROM logbook WHERE device_id = ?1 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([new.device_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let e = new.chain_after(prev.as_ref().map(|(s, h)| (*s, h.as_str())));
        self.tx
            .prepare_cached(
                "INSERT INTO logbook (id, device_id, seq, kind, occurred_at, recorded_at, author,
                    job_id, summary, details_json, corrects, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                e.id.to_string(),
                e.device_id.to_string(),
                e.seq,
                enum_text(&e.kind),
                time_text(&e.occurred_at),
                time_text(&e.recorded_at),
                e.author,
                e.job_id.map(|j| j.to_string()),
                e.summary,
                e.details_json,
                e.corrects.map(|c| c.to_string()),
                e.prev_hash,
                e.hash,
            ])?;
        Ok(e)
    }
}
